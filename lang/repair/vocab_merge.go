package repair

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Merge adds the counts of o to v, as if the text added to o had been
// added to v. The result depends only on the text added to both, not on
// the order of Add and Merge calls (as for Add: the entries kept are those
// of the lowest level at which they fit the limit, see Vocab).
func (v *Vocab) Merge(o *Vocab) error {
	if v == o {
		return errors.New("merge vocab: a vocab cannot be merged into itself")
	}
	o.mu.RLock()
	defer o.mu.RUnlock()
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.counts == nil {
		v.limit = max(v.limit, DefaultMaxEntries)
		v.counts, v.pairs = map[string]int{}, map[string]int{}
	}
	// An entry o dropped at its level cannot be kept below it, so the
	// merged level is at least the higher of the two.
	if o.level > v.level {
		v.level = o.level
		v.shrink()
	}
	for w, c := range o.counts {
		if v.level == 0 || v.keep(lower(w)) {
			v.counts[strings.Clone(w)] += c
		}
	}
	for p, c := range o.pairs {
		if v.level == 0 || v.keep(p) {
			v.pairs[p] += c
		}
	}
	v.words += o.words
	for len(v.counts)+len(v.pairs) > v.limit {
		v.level++
		v.shrink()
	}
	return nil
}

// shrink drops the entries not kept at v's current level.
func (v *Vocab) shrink() {
	for w := range v.counts {
		if !v.keep(lower(w)) {
			delete(v.counts, w)
		}
	}
	for p := range v.pairs {
		if !v.keep(p) {
			delete(v.pairs, p)
		}
	}
}

// vocabMagic starts the encoding of a Vocab; the last byte is its version.
const vocabMagic = "paraline-vocab\x02"

// MarshalBinary encodes the Vocab (for checkpoints and distributed runs).
// The encoding is canonical: equal Vocabs give equal bytes (the entries are
// written in sorted order), so the bytes can be hashed or compared. It is
// magic, uvarints words, limit, level, then the counts and the pairs, each
// as uvarint n and n (uvarint length, key, uvarint count) in key order.
func (v *Vocab) MarshalBinary() ([]byte, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.words < 0 || v.limit < 0 || v.level < 0 {
		return nil, fmt.Errorf("encode vocab: negative field (words %d, limit %d, level %d)", v.words, v.limit, v.level)
	}
	b := []byte(vocabMagic)
	b = binary.AppendUvarint(b, uint64(v.words))
	b = binary.AppendUvarint(b, uint64(v.limit))
	b = binary.AppendUvarint(b, uint64(v.level))
	for _, m := range []map[string]int{v.counts, v.pairs} {
		keys := slices.Sorted(maps.Keys(m))
		b = binary.AppendUvarint(b, uint64(len(keys)))
		for _, k := range keys {
			c := m[k]
			if c < 0 {
				return nil, fmt.Errorf("encode vocab: negative count %d of %q", c, k)
			}
			b = binary.AppendUvarint(b, uint64(len(k)))
			b = append(b, k...)
			b = binary.AppendUvarint(b, uint64(c))
		}
	}
	return b, nil
}

// UnmarshalBinary replaces v's counts with those encoded by MarshalBinary.
func (v *Vocab) UnmarshalBinary(data []byte) error {
	bad := func(what string) error { return fmt.Errorf("decode vocab: %s", what) }
	if !bytes.HasPrefix(data, []byte(vocabMagic[:len(vocabMagic)-1])) {
		return bad("not a vocab (bad magic)")
	}
	if len(data) < len(vocabMagic) || data[len(vocabMagic)-1] != vocabMagic[len(vocabMagic)-1] {
		return bad("unknown version")
	}
	p := data[len(vocabMagic):]
	next := func() (int, bool) {
		x, n := binary.Uvarint(p)
		if n <= 0 || x > math.MaxInt32*2 {
			return 0, false
		}
		p = p[n:]
		return int(x), true
	}
	var f [3]int
	for i := range f {
		x, ok := next()
		if !ok {
			return bad("truncated")
		}
		f[i] = x
	}
	var ms [2]map[string]int
	for i := range ms {
		n, ok := next()
		if !ok || n > len(p) {
			return bad("truncated")
		}
		ms[i] = make(map[string]int, n)
		prev := ""
		for k := 0; k < n; k++ {
			l, ok := next()
			if !ok || l > len(p) {
				return bad("truncated")
			}
			key := string(p[:l])
			p = p[l:]
			c, ok := next()
			if !ok {
				return bad("truncated")
			}
			if k > 0 && key <= prev {
				return bad("entries out of order")
			}
			ms[i][key], prev = c, key
		}
	}
	if len(p) != 0 {
		return bad("trailing bytes")
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.counts, v.pairs, v.words, v.limit, v.level = ms[0], ms[1], f[0], max(f[1], 1024), f[2]
	return nil
}

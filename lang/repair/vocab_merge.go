package repair

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
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

// vocabWire is the encoded form of a Vocab.
type vocabWire struct {
	Counts, Pairs             map[string]int
	Words, Limit, Level, Vers int
}

// MarshalBinary encodes the Vocab (for checkpoints and distributed runs).
func (v *Vocab) MarshalBinary() ([]byte, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(vocabWire{Counts: v.counts, Pairs: v.pairs, Words: v.words, Limit: v.limit, Level: v.level, Vers: 1}); err != nil {
		return nil, fmt.Errorf("encode vocab: %w", err)
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary replaces v's counts with those encoded by MarshalBinary.
func (v *Vocab) UnmarshalBinary(data []byte) error {
	var w vocabWire
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&w); err != nil {
		return fmt.Errorf("decode vocab: %w", err)
	}
	if w.Vers != 1 {
		return fmt.Errorf("decode vocab: unknown version %d", w.Vers)
	}
	if w.Counts == nil {
		w.Counts = map[string]int{}
	}
	if w.Pairs == nil {
		w.Pairs = map[string]int{}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.counts, v.pairs, v.words, v.limit, v.level = w.Counts, w.Pairs, w.Words, max(w.Limit, 1024), w.Level
	return nil
}

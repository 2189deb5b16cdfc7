package lang

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Merge adds the counts of o to c, as if every document added to o had been
// added to c: the sketch rows are added element by element (saturating) and
// the document counts summed. Both counters must have the same size. Merging
// in any order gives the same counts as adding all documents to one counter.
func (c *LineCounter) Merge(o *LineCounter) error {
	if c == o {
		return errors.New("merge line counter: a counter cannot be merged into itself")
	}
	o.mu.RLock()
	defer o.mu.RUnlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.mask != o.mask {
		return fmt.Errorf("merge line counter: sizes differ (%d and %d counters a row)", c.mask+1, o.mask+1)
	}
	for i := range c.rows {
		dst, src := c.rows[i], o.rows[i]
		for j, v := range src {
			if v == 0 {
				continue
			}
			dst[j] = uint16(min(uint32(dst[j])+uint32(v), 0xFFFF))
		}
	}
	c.docs += o.docs
	return nil
}

// lineCounterMagic starts the binary form of a LineCounter (version 1).
const lineCounterMagic = "PLLC1"

// MarshalBinary encodes the counter compactly: the non-zero counters of
// each row as (gap, value) pairs of varints.
func (c *LineCounter) MarshalBinary() ([]byte, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	b := []byte(lineCounterMagic)
	b = binary.AppendUvarint(b, c.mask+1)
	b = binary.AppendUvarint(b, uint64(c.docs))
	for _, row := range c.rows {
		n := 0
		for _, v := range row {
			if v != 0 {
				n++
			}
		}
		b = binary.AppendUvarint(b, uint64(n))
		last := -1
		for j, v := range row {
			if v != 0 {
				b = binary.AppendUvarint(b, uint64(j-last))
				b = binary.AppendUvarint(b, uint64(v))
				last = j
			}
		}
	}
	return b, nil
}

// UnmarshalBinary replaces c's counts with those encoded by MarshalBinary.
func (c *LineCounter) UnmarshalBinary(data []byte) error {
	bad := func(what string) error { return fmt.Errorf("decode line counter: %s", what) }
	if len(data) < len(lineCounterMagic) || string(data[:len(lineCounterMagic)]) != lineCounterMagic {
		return bad("not a line counter (bad magic)")
	}
	p := data[len(lineCounterMagic):]
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(p)
		if n <= 0 {
			return 0, false
		}
		p = p[n:]
		return v, true
	}
	width, ok := next()
	if !ok || width == 0 || width&(width-1) != 0 || width > 1<<30 {
		return bad("bad width")
	}
	docs, ok := next()
	if !ok {
		return bad("truncated")
	}
	var rows [4][]uint16
	for i := range rows {
		rows[i] = make([]uint16, width)
		n, ok := next()
		if !ok || n > width {
			return bad("truncated")
		}
		j := -1
		for k := uint64(0); k < n; k++ {
			gap, ok1 := next()
			v, ok2 := next()
			if !ok1 || !ok2 || gap == 0 || gap > width || v == 0 || v > 0xFFFF {
				return bad("bad counter")
			}
			j += int(gap)
			if j >= int(width) {
				return bad("bad counter")
			}
			rows[i][j] = uint16(v)
		}
	}
	if len(p) != 0 {
		return bad("trailing bytes")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.mask, c.rows, c.docs = width-1, rows, int(docs)
	return nil
}

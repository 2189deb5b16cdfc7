package lang

import (
	"strings"
	"sync"
	"unicode"
)

// LineCounter counts in how many documents of a run each line occurs, for
// telling site furniture (repeated on many pages) from article text. Lines are
// compared after lower-casing, collapsing spaces and masking digits, so
// "15:39 Abu Dhabi" and "18:39 Abu Dhabi" are one line. Counts are kept in a
// count-min sketch of fixed size (four rows of 16-bit counters): memory does
// not grow with the corpus, and a count can only be over-estimated, rarely and
// by little (with the default 16 MiB, a line's count is off only when all four
// of its counters collide with other lines).
//
// A LineCounter is safe for concurrent use. Counts depend only on the set of
// documents added, not on their order.
type LineCounter struct {
	mu   sync.RWMutex
	mask uint64
	rows [4][]uint16
	docs int
}

// NewLineCounter returns a counter using about sizeBytes of memory
// (rounded down to a power of two; at least 64 KiB; 0 means 16 MiB).
func NewLineCounter(sizeBytes int) *LineCounter {
	if sizeBytes <= 0 {
		sizeBytes = 16 << 20
	}
	width := 1 << 14
	for width*2*4*2 <= sizeBytes {
		width *= 2
	}
	c := &LineCounter{mask: uint64(width - 1)}
	for i := range c.rows {
		c.rows[i] = make([]uint16, width)
	}
	return c
}

// LineKey returns the normalised form of a line that LineCounter counts, and
// false for lines not worth counting (blank, or without letters).
func LineKey(line string) (string, bool) {
	var b strings.Builder
	letters := false
	space := false
	for _, r := range strings.TrimSpace(line) {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsDigit(r):
			r = '0'
		case unicode.IsLetter(r):
			letters = true
			r = unicode.ToLower(r)
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String(), letters
}

// AddDocument counts every distinct line of a document once.
func (c *LineCounter) AddDocument(text string) {
	seen := map[uint64]bool{}
	for _, line := range strings.Split(text, "\n") {
		k, ok := LineKey(line)
		if !ok {
			continue
		}
		seen[hashString(k)] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs++
	for h := range seen {
		c.add(h)
	}
}

// add increments the counters of h in every row (saturating). Plain
// count-min updates commute, so counts do not depend on the order in which
// documents are added (conservative update would).
func (c *LineCounter) add(h uint64) {
	for i := range c.rows {
		j := c.index(h, i)
		if c.rows[i][j] < 0xFFFF {
			c.rows[i][j]++
		}
	}
}

func (c *LineCounter) index(h uint64, row int) uint64 {
	// Derive four indexes from one 64-bit hash (Kirsch-Mitzenmacher).
	h1, h2 := h&0xFFFFFFFF, h>>32|1
	return (h1 + uint64(row)*h2 + uint64(row*row)) & c.mask
}

// Count returns how many documents added so far contain line (an upper bound).
func (c *LineCounter) Count(line string) int {
	k, ok := LineKey(line)
	if !ok {
		return 0
	}
	h := hashString(k)
	c.mu.RLock()
	defer c.mu.RUnlock()
	min := uint16(0xFFFF)
	for i := range c.rows {
		if v := c.rows[i][c.index(h, i)]; v < min {
			min = v
		}
	}
	return int(min)
}

// Docs returns the number of documents added.
func (c *LineCounter) Docs() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.docs
}

// hashString is 64-bit FNV-1a followed by a final mix, fixed across runs so
// that counts (and so outputs) are reproducible.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

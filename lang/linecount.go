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
	// sites counts the documents of each site.
	sites map[string]int
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
	c := &LineCounter{mask: uint64(width - 1), sites: map[string]int{}}
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

// AddDocument counts every distinct line of a document once, for the
// run's default site "".
func (c *LineCounter) AddDocument(text string) { c.AddSiteDocument("", text) }

// AddSiteDocument counts every distinct line of a document of site once.
// A site is what a line's repetition is measured over (a host, a folder);
// counts of different sites do not mix.
func (c *LineCounter) AddSiteDocument(site, text string) {
	seen := map[uint64]bool{}
	for _, line := range strings.Split(text, "\n") {
		k, ok := LineKey(line)
		if !ok {
			continue
		}
		seen[siteHash(site, k)] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs++
	c.sites[site]++
	for h := range seen {
		c.add(h)
	}
}

// siteHash hashes a line key of a site; the default site hashes the key
// alone.
func siteHash(site, key string) uint64 {
	if site == "" {
		return hashString(key)
	}
	return hashString(site + "\x00" + key)
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

// Count returns how many documents of the default site added so far
// contain line (an upper bound).
func (c *LineCounter) Count(line string) int { return c.SiteCount("", line) }

// SiteCount returns how many documents of site added so far contain line
// (an upper bound).
func (c *LineCounter) SiteCount(site, line string) int {
	k, ok := LineKey(line)
	if !ok {
		return 0
	}
	h := siteHash(site, k)
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

// Docs returns the number of documents added, of every site.
func (c *LineCounter) Docs() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.docs
}

// SiteDocs returns the number of documents of site added.
func (c *LineCounter) SiteDocs(site string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.sites[site]
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

package clean

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// Reason names that are not filters.
const (
	// ReasonDuplicate counts pairs removed as duplicates.
	ReasonDuplicate = "duplicate"
	// ReasonTemplate is the template filter's name, applied by a Stream.
	ReasonTemplate = "template"
)

// StreamOptions configure a Stream.
type StreamOptions struct {
	// NoDedup turns deduplication off.
	NoDedup bool
	// Dedup configures deduplication.
	Dedup DedupOptions
}

// DuplicateFunc decides deduplication for a Stream in place of its own
// table (Stream.DecideDuplicates): it is called once per pair, in input
// order, with the pair's keys (DedupKeys), and returns "" for a first
// occurrence, DupExact or DupNormalized for a duplicate.
type DuplicateFunc func(exact, norm uint64) string

// DedupKeys returns the exact and normalised deduplication keys of p, the
// keys a Stream looks up (norm is 0 when a side has no letter). A pair is
// an exact duplicate when an earlier pair had one of its keys equal to
// exact, else a normalised one when norm is not 0 and an earlier pair had
// a key equal to norm: so a distributed run that knows, per key, its first
// position in the run's order (a keyed combine) decides every pair as a
// Stream would.
func DedupKeys(p *Pair) (exact, norm uint64) {
	k := keysOf(p, new([]byte))
	return k.exact, k.norm
}

// Stream applies a Cleaner to the pairs of a run in input order: it adds
// the template filter and deduplication, which depend on the pairs seen
// before, to the Verdict of the stateless filters (computed by
// Cleaner.Judge, possibly on several goroutines), and counts everything.
// Given the same pairs in the same order it gives the same outcomes. A
// Stream is not safe for concurrent use; call Close at the end.
type Stream struct {
	c     *Cleaner
	dedup *Dedup
	tmpl  *sideCounter
	tmax  int
	stats Stats
	buf   []byte
	dup   DuplicateFunc
}

// DecideDuplicates makes fn decide deduplication in place of s's own table
// (see DedupKeys): for a run whose first occurrences were found beforehand.
// It does nothing on a Stream without deduplication; call it before Add.
func (s *Stream) DecideDuplicates(fn DuplicateFunc) {
	if s.dedup == nil {
		return
	}
	s.dup = fn
}

// Outcome is what a Stream decided for one pair.
type Outcome struct {
	// Keep is true when the pair goes to the corpus.
	Keep bool
	// Duplicate is DupExact or DupNormalized for a duplicate (removed;
	// its first occurrence carries the filter reasons), else "".
	Duplicate string
	// Reasons and Details list every filter the pair failed (see Verdict).
	Reasons, Details []string
	// Adequacy is the adequacy score, or NaN.
	Adequacy float64
}

// Stats counts the pairs of a Stream. In == Kept + Rejected + Duplicates.
type Stats struct {
	In         int64 `json:"in"`
	Kept       int64 `json:"kept"`
	Rejected   int64 `json:"rejected"`
	Duplicates int64 `json:"duplicates"`
	// Exact and Normalized split Duplicates by kind.
	Exact      int64 `json:"duplicates_exact"`
	Normalized int64 `json:"duplicates_normalized"`
	// ByReason counts rejected pairs per filter; a pair failing several
	// filters counts once under each.
	ByReason map[string]int64 `json:"by_reason"`
	// Only counts rejected pairs that failed that filter alone.
	Only map[string]int64 `json:"only_reason"`
	// DedupRuns is the number of sorted hash runs written to disk (0 when
	// every hash fitted in memory).
	DedupRuns int `json:"dedup_runs"`
}

// NewStream returns a Stream over c.
func (c *Cleaner) NewStream(o StreamOptions) *Stream {
	s := &Stream{c: c, stats: Stats{ByReason: map[string]int64{}, Only: map[string]int64{}}}
	if !o.NoDedup {
		s.dedup = NewDedup(o.Dedup)
	}
	if c.template != nil {
		s.tmax = int(c.template.Params["max"])
		s.tmpl = newSideCounter(int(c.template.Params["mem"] * (1 << 20)))
	}
	return s
}

// Add decides on pair p, whose stateless verdict is v (from c.Judge(p)).
// Pairs must be added in input order.
func (s *Stream) Add(p *Pair, v Verdict) Outcome {
	s.stats.In++
	out := Outcome{Reasons: v.Reasons, Details: v.Details, Adequacy: v.Adequacy}
	k := v.keys
	if !k.set {
		k = keysOf(p, &s.buf)
	}
	if s.dedup != nil {
		var dup bool
		var kind string
		if s.dup != nil {
			kind = s.dup(k.exact, k.norm)
			dup = kind != ""
		} else {
			dup, kind = s.dedup.seenKeys(k.exact, k.norm)
		}
		if dup {
			out.Duplicate = kind
			out.Reasons, out.Details, out.Adequacy = nil, nil, math.NaN()
			s.stats.Duplicates++
			if kind == DupExact {
				s.stats.Exact++
			} else {
				s.stats.Normalized++
			}
			return out
		}
	}
	if s.tmpl != nil {
		if d, ok := s.template(k); !ok {
			out.Reasons = append(out.Reasons[:len(out.Reasons):len(out.Reasons)], ReasonTemplate)
			out.Details = append(out.Details[:len(out.Details):len(out.Details)], d)
		}
	}
	if len(out.Reasons) == 0 {
		out.Keep = true
		s.stats.Kept++
		return out
	}
	s.stats.Rejected++
	for _, r := range out.Reasons {
		s.stats.ByReason[r]++
	}
	if len(out.Reasons) == 1 {
		s.stats.Only[out.Reasons[0]]++
	}
	return out
}

// template counts the sides of a pair and fails when one has been seen
// with more than tmax partners.
func (s *Stream) template(k pairKeys) (string, bool) {
	detail, ok := "", true
	for i, key := range [2]uint64{k.src, k.tgt} {
		if key == 0 {
			continue
		}
		n := s.tmpl.add(key)
		if int(n) > s.tmax && ok {
			detail, ok = sideName(i)+" seen with more than "+strconv.Itoa(s.tmax)+" partners", false
		}
	}
	return detail, ok
}

// pairKeys are the hashes a Stream needs: the exact and normalised pair
// keys for deduplication and each side's key for the template filter (0
// for a side with fewer than two letters or digits).
type pairKeys struct {
	set         bool
	exact, norm uint64
	src, tgt    uint64
}

// keysOf computes the keys of p, using *buf as scratch space.
func keysOf(p *Pair, buf *[]byte) pairKeys {
	k := pairKeys{set: true, exact: exactKey(p)}
	k.norm, *buf = normKeyHash(p, *buf)
	for i, side := range [2]string{p.Src, p.Tgt} {
		b := append((*buf)[:0], byte('S'+i))
		n := 0
		for _, r := range side {
			if isLetter(r) || isDigit(r) {
				b = utf8.AppendRune(b, toLower(r))
				n++
			}
		}
		*buf = b
		if n < 2 { // not a template
			continue
		}
		h := nonZero(fnvBytes(fnvOffset, b))
		if i == 0 {
			k.src = h
		} else {
			k.tgt = h
		}
	}
	return k
}

// Stats returns the counts so far.
func (s *Stream) Stats() Stats {
	st := s.stats
	st.ByReason = cloneCounts(s.stats.ByReason)
	st.Only = cloneCounts(s.stats.Only)
	if s.dedup != nil {
		st.DedupRuns = s.dedup.Stats().Runs
	}
	return st
}

func cloneCounts(m map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Close releases the deduplication runs on disk and returns the first
// error met writing or reading them (results stay right after such an
// error; only the memory bound is lost).
func (s *Stream) Close() error {
	if s.dedup == nil {
		return nil
	}
	err := s.dedup.Err()
	if cerr := s.dedup.Close(); err == nil {
		err = cerr
	}
	return err
}

// sideCounter counts 64-bit keys in a fixed-size open-addressing table
// (saturating at 255). When it fills up, keys seen once are forgotten
// (then all keys, if that is not enough), so memory stays fixed and a
// template is found when its repeats are not too far apart.
type sideCounter struct {
	keys   []uint64
	counts []uint8
	n      int
}

func newSideCounter(bytes int) *sideCounter {
	size := 1 << 10
	for size*2*9 <= bytes {
		size *= 2
	}
	return &sideCounter{keys: make([]uint64, size), counts: make([]uint8, size)}
}

func (c *sideCounter) add(k uint64) uint8 {
	if c.n >= len(c.keys)/2 {
		c.prune()
	}
	mask := uint64(len(c.keys) - 1)
	for i := mix(k) & mask; ; i = (i + 1) & mask {
		switch c.keys[i] {
		case 0:
			c.keys[i], c.counts[i] = k, 1
			c.n++
			return 1
		case k:
			if c.counts[i] < math.MaxUint8 {
				c.counts[i]++
			}
			return c.counts[i]
		}
	}
}

// prune forgets the keys seen once, or all keys if that frees too little.
func (c *sideCounter) prune() {
	type kc struct {
		k uint64
		c uint8
	}
	var keep []kc
	for i, k := range c.keys {
		if k != 0 && c.counts[i] > 1 {
			keep = append(keep, kc{k, c.counts[i]})
		}
	}
	clear(c.keys)
	clear(c.counts)
	c.n = 0
	if len(keep) > len(c.keys)/4 {
		return
	}
	mask := uint64(len(c.keys) - 1)
	for _, e := range keep {
		for i := mix(e.k) & mask; ; i = (i + 1) & mask {
			if c.keys[i] == 0 {
				c.keys[i], c.counts[i] = e.k, e.c
				c.n++
				break
			}
		}
	}
}

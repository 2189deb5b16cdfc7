package repair

import (
	"strings"
	"sync"
)

// Vocab counts the word tokens of a run (all body text of one paraline run,
// or one input text) so that a Repairer can use evidence from the run
// itself: a word seen on its own elsewhere in the run supports splitting it
// off a glued token, and the share of glued function words tells how
// sloppy the run's spacing is.
//
// Add may be called from several goroutines. A Repairer takes a snapshot of
// the counts at its first Repair call, so feed the whole run first.
type Vocab struct {
	mu     sync.RWMutex
	counts map[string]int // token as written -> count
	words  int
}

// NewVocab returns an empty Vocab.
func NewVocab() *Vocab {
	return &Vocab{counts: map[string]int{}}
}

// Add counts the word tokens of text (runs of letters and digits).
func (v *Vocab) Add(text string) {
	local := map[string]int{}
	n := 0
	forTokens(text, func(start, end int) {
		local[text[start:end]]++
		n++
	})
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.counts == nil {
		v.counts = map[string]int{}
	}
	for w, c := range local {
		v.counts[strings.Clone(w)] += c
	}
	v.words += n
}

// Words returns the number of tokens added so far.
func (v *Vocab) Words() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.words
}

// runStats is the frozen view of a Vocab that a Repairer uses.
type runStats struct {
	lower map[string]int // lower-cased token -> count
	// family counts the tokens unknown to the lexicon by familyKey.
	family map[string]int
	words  float64
	glue   float64 // estimated probability that a function word is glued
	// fwGlue is the same per function word.
	fwGlue map[string]float64
	// fwGlueRaw is fwGlue before capping at maxGlue.
	fwGlueRaw map[string]float64
}

// glueOf returns the glue rate of function word f.
func (st *runStats) glueOf(f string) float64 {
	if g, ok := st.fwGlue[f]; ok {
		return g
	}
	return st.glue
}

// forTokens calls fn with the byte range of each maximal run of letters,
// digits and combining marks in text.
func forTokens(text string, fn func(start, end int)) {
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(text))
	}
}

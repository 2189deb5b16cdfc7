package repair

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// DefaultMaxEntries is the number of distinct entries (tokens and
// function-word pairs) a Vocab from NewVocab keeps at most.
const DefaultMaxEntries = 1 << 19

// Vocab counts the word tokens of a run (all body text of one paraline run,
// or one input text) so that a Repairer can use evidence from the run
// itself: a word seen on its own elsewhere in the run supports splitting it
// off a glued token, a function word seen spaced before it even more, and
// the share of glued function words tells how sloppy the run's spacing is.
//
// Memory is bounded: tokens that start with a digit are counted in Words
// but not kept (a number is never evidence), and when the distinct entries
// exceed the limit the Vocab keeps only the entries whose key hash has at
// least L trailing zero bits, raising L until they fit (function words are
// always kept). The entries kept, and their counts, depend only on the text
// added, not on the order of Add calls, so repairs stay deterministic.
//
// Add may be called from several goroutines. A Repairer takes a snapshot of
// the counts at its first Repair call, so feed the whole run first.
type Vocab struct {
	mu     sync.RWMutex
	counts map[string]int // token as written -> count
	// pairs counts a function word followed by a word after white space,
	// both lower-cased, as "fw next" (pairs with the same lower-case
	// key merge).
	pairs map[string]int
	words int
	limit int
	level int // entries whose hash has fewer trailing zeros are dropped
}

// NewVocab returns an empty Vocab that keeps at most DefaultMaxEntries
// distinct entries.
func NewVocab() *Vocab { return NewVocabLimit(DefaultMaxEntries) }

// NewVocabLimit returns an empty Vocab that keeps at most maxEntries
// distinct entries (at least 1024).
func NewVocabLimit(maxEntries int) *Vocab {
	return &Vocab{counts: map[string]int{}, pairs: map[string]int{}, limit: max(maxEntries, 1024)}
}

// vocabFW are the function words of every language, lower-cased: tokens
// that are always kept and that start a counted pair.
// Each maps to itself, so a lookup by a lower-cased buffer yields a string
// without allocating.
var vocabFW = func() map[string]string {
	m := map[string]string{}
	for _, list := range []string{enPreps, "the an", ruPreps, ruConj} {
		for _, w := range strings.Fields(list) {
			m[w] = w
		}
	}
	return m
}()

// maxFWLen is the byte length of the longest function word.
const maxFWLen = len("throughout")

// fwShape has bit n of entry b set when some function word, lower-case or
// capitalised, is n bytes long and starts with byte b: a quick test that
// rules out most tokens before a map lookup.
var fwShape = func() (m [256]uint16) {
	for w := range vocabFW {
		r, size := utf8.DecodeRuneInString(w)
		capital := string(unicode.ToUpper(r)) + w[size:]
		for _, v := range []string{w, capital, strings.ToUpper(w)} {
			if len(v) <= maxFWLen {
				m[v[0]] |= 1 << len(v)
			}
		}
	}
	return m
}()

// functionWord returns the lower-case function word that token t is
// (lower case, capitalised or in capitals), or "".
func functionWord(t string) string {
	if len(t) > maxFWLen || fwShape[t[0]]&(1<<len(t)) == 0 {
		return ""
	}
	if f, ok := vocabFW[t]; ok {
		return f
	}
	if r, _ := utf8.DecodeRuneInString(t); !unicode.IsUpper(r) {
		return ""
	}
	var buf [2 * maxFWLen]byte
	b := buf[:0]
	for _, r := range t {
		b = utf8.AppendRune(b, unicode.ToLower(r))
		if len(b) > maxFWLen {
			return ""
		}
	}
	return vocabFW[string(b)]
}

// Add counts the word tokens of text (runs of letters and digits).
func (v *Vocab) Add(text string) {
	type pair struct{ fw, next string }
	local := map[string]int{}
	pairs := map[pair]int{}
	n := 0
	prevFW, prevEnd := "", -1
	forTokens(text, func(start, end int) {
		n++
		t := text[start:end]
		if t[0] >= '0' && t[0] <= '9' || t[0] >= utf8.RuneSelf && isDigitStart(t) {
			prevFW = ""
			return
		}
		local[t]++
		if prevFW != "" && onlySpace(text[prevEnd:start]) {
			pairs[pair{prevFW, t}]++
		}
		prevFW, prevEnd = functionWord(t), end
	})
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.counts == nil {
		v.limit = max(v.limit, DefaultMaxEntries)
		v.counts, v.pairs = map[string]int{}, map[string]int{}
	}
	for w, c := range local {
		if v.level == 0 || v.keep(lower(w)) {
			v.counts[strings.Clone(w)] += c
		}
	}
	for p, c := range pairs {
		if k := p.fw + " " + lower(p.next); v.level == 0 || v.keep(k) {
			v.pairs[k] += c
		}
	}
	v.words += n
	for len(v.counts)+len(v.pairs) > v.limit {
		v.level++
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
}

// keep reports whether the entry with lower-case key k is kept at the
// Vocab's current level.
func (v *Vocab) keep(k string) bool {
	_, fw := vocabFW[k]
	return fw || bits.TrailingZeros64(hash(k)) >= v.level
}

// onlySpace reports whether s is non-empty white space.
func onlySpace(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// Words returns the number of tokens added so far.
func (v *Vocab) Words() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.words
}

// Len returns the number of distinct entries (tokens and function-word
// pairs) the Vocab holds.
func (v *Vocab) Len() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return len(v.counts) + len(v.pairs)
}

// runStats is the frozen view of a Vocab that a Repairer uses.
type runStats struct {
	lower map[string]int // lower-cased token -> count
	// pairs counts "fw next" (lower case) seen with a space between.
	pairs map[string]int
	// family counts the tokens unknown to the lexicon by familyKeys.
	family map[string]int
	// pairFamily counts the pairs by function word and familyKeys of
	// the word after it, as "fw key".
	pairFamily map[string]int
	words      float64
	glue       float64 // estimated probability that a function word is glued
	// fwGlue is the same per function word.
	fwGlue map[string]float64
	// fwGlueRaw is fwGlue before capping at maxGlue.
	fwGlueRaw map[string]float64
	// after counts, per function word, the 2-letter endings of the words
	// the run writes spaced after it; afterN is the total per function
	// word. ends counts the endings of all the run's words, endsN their
	// total (words of 3 or more letters only).
	after  map[string]map[string]float64
	afterN map[string]float64
	ends   map[string]float64
	endsN  float64
}

// govSmooth is the weight (in pairs) of the run-wide ending shares in a
// function word's own ending shares.
const govSmooth = 30

// government returns how much likelier a word with x's ending is right
// after function word f than anywhere in the run: the share of the run's
// spaced pairs "f x'" whose x' has that ending, smoothed towards the
// ending's share among all words, divided by that share. A preposition
// governs some cases only, and the endings tell the case ("при поиске",
// never "под процесса"), so this measures grammar from the run itself.
// It is 1 when the run tells nothing.
func (st *runStats) government(f, x string) float64 {
	if st.endsN == 0 || utf8.RuneCountInString(x) < 3 {
		return 1
	}
	e := lastRunes(x, 2)
	share := (st.ends[e] + 0.5) / (st.endsN + 0.5*float64(len(st.ends)+1))
	own := (st.after[f][e] + govSmooth*share) / (st.afterN[f] + govSmooth)
	return own / share
}

// countEndings fills the ending counts of st from its tokens and pairs.
func (st *runStats) countEndings() {
	st.after, st.afterN, st.ends = map[string]map[string]float64{}, map[string]float64{}, map[string]float64{}
	for w, c := range st.lower {
		if utf8.RuneCountInString(w) >= 3 {
			st.ends[lastRunes(w, 2)] += float64(c)
			st.endsN += float64(c)
		}
	}
	for p, c := range st.pairs {
		f, x, _ := strings.Cut(p, " ")
		if utf8.RuneCountInString(x) < 3 {
			continue
		}
		m := st.after[f]
		if m == nil {
			m = map[string]float64{}
			st.after[f] = m
		}
		m[lastRunes(x, 2)] += float64(c)
		st.afterN[f] += float64(c)
	}
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

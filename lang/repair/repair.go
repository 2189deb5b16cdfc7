package repair

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Edit is one repaired token.
type Edit struct {
	// Offset is the byte offset of the glued token in the input text.
	Offset int `json:"offset"`
	// Glued is the token as it was in the input.
	Glued string `json:"glued"`
	// Repaired is the token with spaces inserted.
	Repaired string `json:"repaired"`
	// Score is the natural-log odds of the split against the glued reading
	// (positive: the split is more likely).
	Score float64 `json:"score"`
	// Reason names the evidence: "lexicon", "run" (a part was seen alone in
	// the run), "case" (lower case followed by a capital), "digits",
	// "quote" (glued to an opening quote), "dash" or "punct".
	Reason string `json:"reason"`
}

// Option configures a Repairer.
type Option func(*options)

type options struct {
	vocab    *Vocab
	fixPunct bool
	glue     float64
	derive   float64
}

// WithVocab makes the Repairer use the run-level counts of v (see Vocab).
// Without it, each Repair call uses the counts of its own text.
func WithVocab(v *Vocab) Option { return func(o *options) { o.vocab = v } }

// WithFixPunct also inserts a space after ",;:" and after a sentence end
// when a letter follows directly ("Bishkek,I" -> "Bishkek, I"). Off by
// default.
func WithFixPunct(on bool) Option { return func(o *options) { o.fixPunct = on } }

// WithGlueRate fixes the prior probability that a function word is glued to
// the next word, instead of estimating it from the run (0 < p < 1).
func WithGlueRate(p float64) Option { return func(o *options) { o.glue = p } }

// WithDerivedWeight sets the weight of the evidence that a glued form is
// one word made with a word-forming prefix (Russian "подкаталог",
// "неактивный"): a form the lexicon lacks gets the count of its known rest
// times the prefix's productivity for the rest's word class times w. The
// default, DefaultDerivedWeight, was chosen on held-out genres; 0 turns
// the evidence off. Languages without derivation data ignore it.
func WithDerivedWeight(w float64) Option { return func(o *options) { o.derive = w } }

// DefaultDerivedWeight is the weight of derived-word evidence when
// WithDerivedWeight is not given.
const DefaultDerivedWeight = 0.001

// Repairer inserts the spaces lost between a function word and the next
// word. It is safe for concurrent use.
type Repairer struct {
	lang *language
	lex  lexicon
	opts options

	once  sync.Once
	stats *runStats
}

// Languages returns the language codes New accepts.
func Languages() []string { return []string{"en", "ru"} }

// New returns a Repairer for lang ("en" or "ru").
func New(lang string, opts ...Option) (*Repairer, error) {
	o := options{derive: DefaultDerivedWeight}
	for _, f := range opts {
		f(&o)
	}
	if o.glue < 0 || o.glue >= 1 {
		return nil, fmt.Errorf("repair: glue rate %v outside [0,1)", o.glue)
	}
	if o.derive < 0 || o.derive > 1 {
		return nil, fmt.Errorf("repair: derived-word weight %v outside [0,1]", o.derive)
	}
	var (
		l   *language
		lex lexicon
		err error
	)
	switch lang {
	case "en":
		lex, err = loadEN()
	case "ru":
		lex, err = loadRU()
	default:
		return nil, fmt.Errorf("repair: unsupported language %q (have en, ru)", lang)
	}
	if err != nil {
		return nil, fmt.Errorf("repair: load %s lexicon: %w", lang, err)
	}
	l = newLanguage(lang, lex)
	return &Repairer{lang: l, lex: lex, opts: o}, nil
}

// Lang returns the language code of r.
func (r *Repairer) Lang() string { return r.lang.code }

// Repair returns text with spaces inserted where words were glued, and the
// edits made, in input order. Every byte of text is kept; only U+0020
// spaces are added.
func (r *Repairer) Repair(text string) (out string, edits []Edit) {
	defer func() {
		// A bug must not lose text: give the input back unchanged.
		if recover() != nil {
			out, edits = text, nil
		}
	}()
	st := r.runStats(text)
	forTokens(text, func(start, end int) {
		if e, ok := r.token(text, start, end, st); ok {
			edits = append(edits, e)
		} else if e, ok := r.quote(text, start, end); ok {
			edits = append(edits, e)
		}
	})
	edits = append(edits, dashEdits(text)...)
	if r.opts.fixPunct {
		edits = append(edits, punctEdits(text)...)
	}
	if len(edits) == 0 {
		return text, nil
	}
	edits = sortEdits(edits)
	var b strings.Builder
	b.Grow(len(text) + 2*len(edits))
	last := 0
	for _, e := range edits {
		b.WriteString(text[last:e.Offset])
		b.WriteString(e.Repaired)
		last = e.Offset + len(e.Glued)
	}
	b.WriteString(text[last:])
	return b.String(), edits
}

// sortEdits sorts edits by offset and drops any that overlap an earlier one.
func sortEdits(es []Edit) []Edit {
	slices.SortStableFunc(es, func(a, b Edit) int { return a.Offset - b.Offset })
	out := es[:0]
	end := -1
	for _, e := range es {
		if e.Offset < end {
			continue
		}
		out = append(out, e)
		end = e.Offset + len(e.Glued)
	}
	return out
}

// runStats returns the run-level evidence: the Vocab's snapshot, or the
// counts of text alone.
func (r *Repairer) runStats(text string) *runStats {
	if r.opts.vocab != nil {
		r.once.Do(func() { r.stats = r.freeze(r.opts.vocab) })
		return r.stats
	}
	v := NewVocab()
	v.Add(text)
	return r.freeze(v)
}

// Prior of the glue rate: Beta(priorGlued, priorSpaced), mean about 2%.
const (
	priorGlued  = 0.5
	priorSpaced = 25
	maxGlue     = 0.5
	fwPrior     = 10 // weight of the run's rate in a function word's own rate
	// pairRatio is P(F R)/(P(F)P(R)) for a function word F and a word R
	// that were not glued: most word pairs are rarer than the product of
	// their unigram probabilities, so the split's odds are scaled down.
	pairRatio = 0.2
)

// freeze builds the run statistics and estimates the run's glue rate: the
// share of function-word occurrences that are glued to an unknown token
// whose rest is a known word (unambiguous glue), with a Beta prior.
func (r *Repairer) freeze(v *Vocab) *runStats {
	v.mu.RLock()
	defer v.mu.RUnlock()
	st := &runStats{lower: make(map[string]int, len(v.counts)), pairs: make(map[string]int, len(v.pairs)), words: float64(v.words)}
	for p, c := range v.pairs {
		st.pairs[p] = c
	}
	for w, c := range v.counts {
		st.lower[strings.ToLower(w)] += c
	}
	if r.lang.govern {
		st.countEndings()
	}
	st.family = map[string]int{}
	for lw, c := range st.lower {
		if lo, ca := r.lex.counts(lw); lo+ca == 0 {
			for _, k := range familyKeys(lw, 4) {
				st.family[k] += c
			}
		}
	}
	if r.lang.govern {
		st.pairFamily = map[string]int{}
		for p, c := range st.pairs {
			f, x, _ := strings.Cut(p, " ")
			for _, k := range familyKeys(x, 3) {
				st.pairFamily[f+" "+k] += c
			}
		}
	}
	var glued, spaced float64
	gluedF, spacedF := map[string]float64{}, map[string]float64{}
	// A glued form whose function word is also a word-forming prefix and
	// whose rest is a lower-case word may be a derived word
	// ("подкаталоги"); it is weighed after the others.
	type maybe struct {
		f, rest string
		c       float64
	}
	var derived []maybe
	for w, c := range v.counts {
		lw := strings.ToLower(w)
		if _, ok := r.lang.fw[lw]; ok {
			spaced += float64(c)
			spacedF[lw] += float64(c)
			continue
		}
		if f := r.unambiguousGlue(w, lw); f != "" {
			if rest := lw[len(f):]; r.lang.deriveRate != nil && startsLower(w[len(f):]) && r.lang.deriveRate(f, rest) > 0 {
				derived = append(derived, maybe{f, rest, float64(c)})
				continue
			}
			glued += float64(c)
			gluedF[f] += float64(c)
		}
	}
	if len(derived) > 0 {
		// The glue rate of the function words that are not prefixes,
		// then the share of each maybe-derived form that is glue.
		var gl, sp float64
		for f := range r.lang.fw {
			if r.lang.deriveRate(f, "xxx") == 0 {
				gl += gluedF[f]
				sp += spacedF[f]
			}
		}
		g0 := (gl + priorGlued) / (gl + sp + priorGlued + priorSpaced)
		for _, m := range derived {
			split := r.lang.fw[m.f].p * g0 * pairRatio
			if m.c > 1 && !r.pairSeen(m.f, m.rest, st) {
				// Glued every time and never spaced: each further
				// occurrence is another glue; a word just recurs.
				split *= math.Pow(g0, m.c-1)
			}
			w := split / (split + r.opts.derive*r.lang.deriveRate(m.f, m.rest))
			glued += w * m.c
			gluedF[m.f] += w * m.c
		}
	}
	g := (glued + priorGlued) / (glued + spaced + priorGlued + priorSpaced)
	if r.opts.glue > 0 {
		g = r.opts.glue
	}
	st.glue = min(g, maxGlue)
	// Per function word, shrunk towards the run's rate.
	st.fwGlue, st.fwGlueRaw = map[string]float64{}, map[string]float64{}
	for f := range r.lang.fw {
		gf := (gluedF[f] + fwPrior*g) / (gluedF[f] + spacedF[f] + fwPrior)
		if r.opts.glue > 0 {
			gf = r.opts.glue
		}
		st.fwGlue[f] = min(gf, maxGlue)
		st.fwGlueRaw[f] = gf
	}
	return st
}

// unambiguousGlue returns the function word that token w (lower case lw)
// starts with when w is unknown to the lexicon and is that function word
// followed by a well-known word, a number or a capitalised word; else "".
func (r *Repairer) unambiguousGlue(w, lw string) string {
	if len(lw) != len(w) {
		return ""
	}
	if lo, ca := r.lex.counts(lw); lo+ca > 0 {
		return ""
	}
	for k := 1; k < len(lw) && r.lang.prefix[lw[:k]]; k++ {
		if !utf8.RuneStart(lw[k]) {
			continue
		}
		if _, ok := r.lang.fw[lw[:k]]; !ok || !fwCase(w[:k], true) {
			continue
		}
		rest := w[k:]
		first, _ := utf8.DecodeRuneInString(rest)
		if unicode.IsDigit(first) || (unicode.IsUpper(first) && !isUpperWord(w[:k])) {
			return lw[:k]
		}
		if lo, _ := r.lex.counts(lw[k:]); lo >= 100 && utf8.RuneCountInString(rest) >= 2 || lo > 0 && utf8.RuneCountInString(rest) >= 4 {
			return lw[:k]
		}
	}
	return ""
}

// Probabilities of words the lexicon does not know, by shape.
const (
	pNumber       = 1e-4  // a number (any digits-first token)
	pCapUnknown   = 1e-7  // an unknown capitalised word or acronym after a function word
	pCapWhole     = 1e-8  // an unknown capitalised token of up to 5 letters (a name, or glue at a sentence start)
	pUnknown      = 1e-13 // an unknown lower-case word, or letters mixed with digits or case
	runWeight     = 0.1   // discount on run counts used as probabilities
	minRepeat     = 2     // occurrences that make an unknown token a word of the run
	maxToken      = 160   // longer tokens (bytes) are never split
	minCapsCount  = 10    // lexicon count a word needs to be split off in an all-capitals token
	minCapsRest   = 4     // fewest letters after a one-letter function word in an all-capitals token
	maxShortRest  = 3     // a rest this short after a one-letter word needs minShortCount
	minShortCount = 100   // lexicon count of a common word (Russian: a ranked word)
	stemFactor    = 0.5   // share of a stem's count given to its unknown inflected form
	pairPenalty   = 0.1   // a preposition glued to another preposition
)

// segment is one piece of a segmentation.
type segment struct {
	end  int     // byte offset (in the token) where the piece ends
	cost float64 // -log probability of the rest of the token from here
	fw   *fword  // the piece is this function word, or nil for the final word
	run  bool    // the final word's probability came from the run
	done bool    // computed (see Repairer.at)
}

// token decides whether the token text[start:end] is glued and returns
// its edit.
func (r *Repairer) token(text string, start, end int, st *runStats) (Edit, bool) {
	t := text[start:end]
	if len(t) < 3 || len(t) > maxToken {
		return Edit{}, false
	}
	// A part of a compound ("non-interference", "SCO's") is not a glue start.
	if start > 0 {
		p, n := utf8.DecodeLastRuneInString(text[:start])
		if isJoiner(p) && start-n > 0 {
			q, _ := utf8.DecodeLastRuneInString(text[:start-n])
			if isWordRune(q) && !(p == '-' && r.lang.compoundHead[lower(lastWord(text[:start-n]))]) {
				return Edit{}, false
			}
		}
	}
	first, n := utf8.DecodeRuneInString(t)
	if !unicode.IsLetter(first) {
		return Edit{}, false
	}
	if next, _ := utf8.DecodeRuneInString(t[n:]); unicode.IsUpper(first) && unicode.IsDigit(next) && midSentence(text, start) {
		// A capitalised letter before digits inside a sentence ("в
		// ячейку А3", "параметр И1") is a name, a cell or a parameter,
		// not a one-letter preposition glued to a number: a preposition
		// is capitalised only where a sentence starts ("В2019 году").
		return Edit{}, false
	}
	if unicode.IsUpper(first) && camelHumps(t) >= 2 {
		// A capitalised token with two humps or more ("OnLoadFinished",
		// "OnMouseReleased") is a name of code, not a sentence that
		// starts with a function word glued to a name.
		return Edit{}, false
	}
	lt := lower(t)
	if len(lt) != len(t) {
		return Edit{}, false
	}
	// Cheap filter: the token must start with a function word.
	any := false
	for k := 1; k < len(lt) && r.lang.prefix[lt[:k]]; k++ {
		if _, ok := r.lang.fw[lt[:k]]; ok {
			any = true
			break
		}
	}
	if !any {
		return Edit{}, false
	}
	whole := r.joinedCost(t, lt, st, false)
	if whole < r.lang.minSplitCost {
		// Too frequent for any split to beat it.
		return Edit{}, false
	}
	// best[i]: cheapest reading of t[i:] as function words then one word.
	var buf [64]segment
	var best []segment
	if len(t)+1 <= len(buf) {
		best = buf[:len(t)+1]
	} else {
		best = make([]segment, len(t)+1)
	}
	// A token the lexicon does not know, seen several times in the run
	// while its rest never stands alone, is a word of the run (a term,
	// a name): each further glued occurrence would cost another glue.
	repeat := 0.0
	if lo, ca := r.lex.counts(lt); lo+ca == 0 {
		n := st.lower[lt]
		for _, k := range familyKeys(lt, 4) {
			n = max(n, st.family[k])
		}
		if n >= minRepeat {
			repeat = r.repeatPenalty(lt, n, st)
		}
	} else if st.lower[lt] >= minRepeat {
		// A known word repeated: each further glued reading costs a
		// glue too, even if the run also writes the pair spaced
		// ("недоступен" and "не доступен" are both Russian; "init"
		// thirty times in a handbook that writes "in it" once is a
		// word, not glue).
		repeat = r.knownRepeatPenalty(lt, st.lower[lt], st)
	}
	var split segment
	split.cost = math.Inf(1)
	for k := 1; k < len(t) && r.lang.prefix[lt[:k]]; k++ {
		if !utf8.RuneStart(t[k]) {
			continue
		}
		if c, ok := r.fwStep(t, lt, 0, k, best, st); ok && c < split.cost {
			split = segment{end: k, cost: c, fw: r.lang.fw[lt[:k]]}
		}
	}
	split.cost += repeat
	if split.fw == nil || split.cost >= whole {
		return Edit{}, false
	}
	if end < len(text) && text[end] == '-' && r.lastIsFW(split, best, lt) {
		// "нано-секунды": the first part of a hyphenated compound that
		// would split into function words only is a prefix, not glue.
		return Edit{}, false
	}
	// Rebuild the pieces.
	var b strings.Builder
	reason := "lexicon"
	i := 0
	seg := split
	for {
		b.WriteString(t[i:seg.end])
		if seg.fw == nil {
			break
		}
		b.WriteByte(' ')
		next, _ := utf8.DecodeRuneInString(t[seg.end:])
		last, _ := utf8.DecodeLastRuneInString(t[:seg.end])
		switch {
		case unicode.IsDigit(next):
			reason = "digits"
		case unicode.IsUpper(next) && unicode.IsLower(last) && reason != "digits":
			reason = "case"
		}
		i = seg.end
		seg = best[i]
		if seg.run && reason == "lexicon" {
			reason = "run"
		}
	}
	return Edit{Offset: start, Glued: t, Repaired: b.String(), Score: whole - split.cost, Reason: reason}, true
}

// quote returns the edit for a function word glued to an opening quote
// or bracket of the language ("в«%s»" -> "в «%s»", "of“Silk”" -> "of “Silk”").
func (r *Repairer) quote(text string, start, end int) (Edit, bool) {
	if end >= len(text) {
		return Edit{}, false
	}
	t := text[start:end]
	if _, ok := r.lang.fw[lower(t)]; !ok || !fwCase(t, true) {
		return Edit{}, false
	}
	q, n := utf8.DecodeRuneInString(text[end:])
	if !strings.ContainsRune(r.lang.opening, q) || end+n >= len(text) {
		return Edit{}, false
	}
	if start > 0 {
		// Not a quoted word ("of" in quotes), not part of a longer token.
		if p, _ := utf8.DecodeLastRuneInString(text[:start]); !unicode.IsSpace(p) {
			return Edit{}, false
		}
	}
	next, _ := utf8.DecodeRuneInString(text[end+n:])
	if unicode.IsSpace(next) {
		return Edit{}, false
	}
	// A straight double quote both opens and closes: after an odd number
	// of them on its line it closes a quotation ("позиции "Выравнивание
	// по"."), and the word before it is the quotation's last.
	if q == '"' && strings.Count(text[strings.LastIndexByte(text[:end], '\n')+1:end], `"`)%2 == 1 {
		return Edit{}, false
	}
	return Edit{Offset: start, Glued: t, Repaired: t + " ", Score: 0, Reason: "quote"}, true
}

// midSentence reports whether the token that starts at text[start] follows
// a word, a number or a comma on its line: it is not the first word of a
// sentence.
func midSentence(text string, start int) bool {
	i := start
	for i > 0 {
		p, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case p == '\n':
			return false
		case unicode.IsSpace(p):
			i -= n
		default:
			return unicode.IsLetter(p) || unicode.IsDigit(p) || p == ','
		}
	}
	return false
}

// familyKeys returns the keys that group the inflected forms of a word:
// the word without its last one, two and three letters, as far as min or
// more letters remain. Two forms of one word share a key
// ("подкоманды", "подкоманд").
func familyKeys(lw string, min int) []string {
	var keys []string
	n := utf8.RuneCountInString(lw)
	i := len(lw)
	for d := 1; d <= 3 && n-d >= min; d++ {
		_, size := utf8.DecodeLastRuneInString(lw[:i])
		i -= size
		keys = append(keys, lw[:i])
	}
	return keys
}

// repeatPenalty is the extra cost of reading a token seen n times as glue
// when no piece after a function word was ever seen alone in the run: the
// unlikeliness of n-1 further glued occurrences and no spaced one, at the
// function word's estimated (uncapped) glue rate. It is 0 when some piece
// was seen alone.
func (r *Repairer) repeatPenalty(lt string, n int, st *runStats) float64 {
	g := 0.0
	for k := 1; k < len(lt) && r.lang.prefix[lt[:k]]; k++ {
		if _, ok := r.lang.fw[lt[:k]]; ok && utf8.RuneStart(lt[k]) {
			if isDigitStart(lt[k:]) || r.pairSeen(lt[:k], lt[k:], st) || !r.lang.govern && st.lower[lt[k:]] > 0 {
				// The run writes the pair spaced, so the glued
				// form may be glue (numbers are not kept by a
				// Vocab, and always stand alone). Languages
				// without pair grammar take the rest seen alone.
				return 0
			}
			g = max(g, st.fwGlueRaw[lt[:k]])
		}
	}
	if g == 0 {
		return 0
	}
	return -float64(n-1) * math.Log(g)
}

// knownRepeatPenalty is the extra cost of reading a lexicon word seen n
// times as glue of a function word f and a rest written spaced m times:
// that the glue, at f's (uncapped) rate g, hit n of the n+m occurrences,
// -log(C(n+m, n) g^(n-1)) (one glue is charged by the reading itself), or
// 0 when that is likely. "недоступен" seven times and "не доступен" three
// times in clean text (g about 0.005) is a word; "ноне" five times and
// "но не" thirty times at g about 0.3 is glue.
func (r *Repairer) knownRepeatPenalty(lt string, n int, st *runStats) float64 {
	pen := math.Inf(1)
	for k := 1; k < len(lt) && r.lang.prefix[lt[:k]]; k++ {
		if _, ok := r.lang.fw[lt[:k]]; !ok || !utf8.RuneStart(lt[k]) {
			continue
		}
		g := st.fwGlueRaw[lt[:k]]
		if g <= 0 {
			continue
		}
		m := st.pairs[lt[:k]+" "+lt[k:]]
		pen = min(pen, max(0, -float64(n-1)*math.Log(g)-logChoose(n+m, n)))
	}
	if math.IsInf(pen, 1) {
		return 0
	}
	return pen
}

// logChoose returns log C(n, k).
func logChoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// pairSeen reports whether the run writes function word f spaced before
// x or before another form of x's word.
func (r *Repairer) pairSeen(f, x string, st *runStats) bool {
	if st.pairs[f+" "+x] > 0 {
		return true
	}
	for _, k := range familyKeys(x, 3) {
		if st.pairFamily[f+" "+k] > 0 {
			return true
		}
	}
	return false
}

// joinedCost is the cost of the token t as one word: its own cost, or,
// when a spelling rule of the language joins a function word to the rest
// (Russian "не" + adjective), the cost of the rest.
func (r *Repairer) joinedCost(t, lt string, st *runStats, rest bool) float64 {
	c, _ := r.wordCost(t, lt, st, rest)
	if r.lang.joined == nil {
		return c
	}
	for k := 1; k < len(lt) && r.lang.prefix[lt[:k]]; k++ {
		if utf8.RuneStart(lt[k]) && r.lang.joined(lt[:k], lt[k:]) {
			j, _ := r.wordCost(t[k:], lt[k:], st, true)
			c = min(c, j)
		}
	}
	return c
}

// lastIsFW reports whether the final piece of the split is itself a
// function word.
func (r *Repairer) lastIsFW(split segment, best []segment, lt string) bool {
	i, seg := 0, split
	for seg.fw != nil {
		i = seg.end
		seg = best[i]
	}
	_, ok := r.lang.fw[lt[i:]]
	return ok
}

// at returns best[i], the cheapest reading of t[i:] as function words then
// one word, computing it on first use.
func (r *Repairer) at(t, lt string, i int, best []segment, st *runStats) segment {
	if !best[i].done {
		best[i] = r.bestFrom(t, lt, i, best, st)
		best[i].done = true
	}
	return best[i]
}

// bestFrom returns the cheapest reading of t[i:].
func (r *Repairer) bestFrom(t, lt string, i int, best []segment, st *runStats) segment {
	s := segment{end: len(t), cost: math.Inf(1)}
	if r.restOK(t[i:], lt[i:]) {
		s.cost, s.run = r.wordCost(t[i:], lt[i:], st, true)
		if j := r.joinedCost(t[i:], lt[i:], st, true); j < s.cost {
			s.cost, s.run = j, false
		}
	}
	for k := i + 1; k < len(t) && r.lang.prefix[lt[i:k]]; k++ {
		if !utf8.RuneStart(t[k]) {
			continue
		}
		if c, ok := r.fwStep(t, lt, i, k, best, st); ok && c < s.cost {
			s = segment{end: k, cost: c, fw: r.lang.fw[lt[i:k]]}
		}
	}
	return s
}

// fwStep is the cost of reading t[i:k] as a function word glued to the
// best reading of t[k:].
func (r *Repairer) fwStep(t, lt string, i, k int, best []segment, st *runStats) (float64, bool) {
	fw, ok := r.lang.fw[lt[i:k]]
	if !ok {
		return 0, false
	}
	caps := false // an all-capitals token ("FORTHE PROGRAM")
	if !fwCase(t[i:k], i == 0) {
		// Or a function word in capitals before a lower-case word
		// ("НЕвлияет"): the case change marks the boundary.
		if caps = k-i > 1 && isUpperWord(t[i:k]) && (isUpperWord(t) || i == 0 && startsLower(t[k:])); !caps {
			return 0, false
		}
	}
	if i == 0 && utf8.RuneCountInString(t[:k]) == 1 && !fwCase(t[:k], false) && twoCapitals(t[k:]) {
		// "СУФФикс", "КОМАНДу": a capitalised one-letter word before an
		// acronym is more likely part of a mixed-case token. In a token
		// all in capitals ("СТИЛЬДОЙ") the rest must be a known word, and
		// not a short one: "ИСО", "ВОЗ" are acronyms.
		if !isUpperWord(t) || utf8.RuneCountInString(t[k:]) < minCapsRest {
			return 0, false
		}
		caps = true
	}
	next := r.at(t, lt, k, best, st)
	if math.IsInf(next.cost, 1) {
		return 0, false
	}
	// Constraints on what may follow a function word.
	rest := t[k:next.end]
	if n := utf8.RuneCountInString(rest); n < fw.minNext && !isDigitStart(rest) {
		return 0, false
	}
	if caps && next.fw == nil && !isDigitStart(rest) {
		// In capitals, case tells nothing: the rest must be a known word.
		if lo, ca := r.lex.counts(lt[k:next.end]); lo+ca < minCapsCount {
			return 0, false
		}
	}
	if fw.next != nil {
		c, _ := utf8.DecodeRuneInString(lt[k:])
		if !fw.next(c) {
			return 0, false
		}
	}
	if fw.noVerb && next.fw == nil && r.lang.verb != nil && r.lang.verb(lt[k:]) {
		// A preposition governs a noun, never an infinitive.
		return 0, false
	}
	if next.fw == nil && fw.notCase != nil && fw.notCase(lt[k:]) {
		// The word is in a case the preposition does not govern.
		return 0, false
	}
	pair := next.cost - math.Log(fw.p) - math.Log(pairRatio)
	if next.fw == nil && r.lang.govern && !isDigitStart(lt[k:]) {
		pair -= math.Log(st.government(lt[i:k], lt[k:]))
	}
	if next.fw == nil && st.words > 0 && !(r.lang.joined != nil && r.lang.joined(lt[i:k], lt[k:])) {
		// The run has the function word spaced before this very word:
		// the pair's own frequency in the run is evidence.
		if n := st.pairs[lt[i:k]+" "+lt[k:]]; n > 0 {
			pair = min(pair, -math.Log(runWeight*float64(n)/st.words))
		}
	}
	c := pair - math.Log(st.glueOf(lt[i:k]))
	if next.fw != nil && fw.prep && next.fw.prep {
		c -= math.Log(pairPenalty)
	}
	return c, true
}

// startsWithFW reports whether lw starts with a function word.
func (r *Repairer) startsWithFW(lw string) bool {
	for k := 1; k < len(lw) && r.lang.prefix[lw[:k]]; k++ {
		if _, ok := r.lang.fw[lw[:k]]; ok {
			return true
		}
	}
	return false
}

// restOK reports whether w may be the final word after a function word.
func (r *Repairer) restOK(w, lw string) bool {
	first, n := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(first) {
		return true
	}
	if !unicode.IsLetter(first) {
		return false
	}
	if n == len(w) {
		// A one-letter word, or a variable name ("для X").
		return r.lang.single[w] || r.lang.foreign && first < utf8.RuneSelf
	}
	return true
}

// wordCost is -log P(w) for the token w (lw in lower case); rest marks a
// final word after a function word, which may use run evidence.
// It also reports whether the run's counts decided the probability.
func (r *Repairer) wordCost(w, lw string, st *runStats, rest bool) (float64, bool) {
	p, run := r.wordProb(w, lw, st, rest)
	return -math.Log(p), run
}

func (r *Repairer) wordProb(w, lw string, st *runStats, rest bool) (float64, bool) {
	first, _ := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(first) {
		if rest {
			return pNumber, false
		}
		return pUnknown, false
	}
	shape := wordShape(w)
	var p float64
	if shape != shapeMixed {
		lo, ca := r.lex.counts(lw)
		if lo+ca == 0 {
			lo, ca = r.stemCounts(lw)
		}
		if lo+ca == 0 && r.lang.derived != nil && shape != shapeUpper {
			// A derived word is never less likely than any unknown word.
			if d := r.opts.derive * r.lang.derived(lw); d/r.lex.total() > unknownProb(w) {
				lo = d
			}
		}
		c := lo + ca
		if shape == shapeLower {
			c = lo + 0.01*ca
		}
		p = c / r.lex.total()
	}
	run := false
	// A word the lexicon does not know but the run has seen alone is
	// evidence, unless it starts with a function word: then it may be glue
	// itself.
	if rest && p == 0 && st.words > 0 && !r.startsWithFW(lw) {
		if n := st.lower[lw]; n > 0 && utf8.RuneCountInString(lw) >= 2 {
			if q := runWeight * float64(n) / st.words; q > p {
				p, run = q, true
			}
		}
	}
	if p > 0 {
		return p, run
	}
	if rest && (unicode.IsUpper(first) || r.lang.foreign && isLatinWord(w)) {
		// An unknown name, or a word in another script (an identifier
		// after a Russian preposition: "в keymap").
		return pCapUnknown, false
	}
	if shape == shapeCap || shape == shapeUpper {
		// Divided by 5 for each letter beyond 5: a long unknown
		// capitalised token is more likely glue at a sentence start than
		// a name.
		return pCapWhole * math.Pow(0.2, float64(max(0, utf8.RuneCountInString(w)-5))), false
	}
	return unknownProb(w), false
}

// stemCounts backs off from an unknown word to its stem without an
// inflectional suffix of the language ("formatters" -> "formatter"),
// at stemFactor of the stem's counts.
func (r *Repairer) stemCounts(lw string) (float64, float64) {
	for _, suf := range r.lang.suffixes {
		stem, ok := strings.CutSuffix(lw, suf)
		if !ok || utf8.RuneCountInString(stem) < 4 {
			continue
		}
		if lo, ca := r.lex.counts(stem); lo+ca > 0 {
			return stemFactor * lo, stemFactor * ca
		}
	}
	return 0, 0
}

// unknownProb is the probability of an unknown word: pUnknown, halved for
// each letter beyond 10 (long unknown words are rarer still).
func unknownProb(w string) float64 {
	n := utf8.RuneCountInString(w)
	return pUnknown * math.Pow(0.5, float64(max(0, n-10)))
}

type shape int

const (
	shapeLower shape = iota // all lower case
	shapeCap                // first letter upper, rest lower
	shapeUpper              // all upper (acronym)
	shapeMixed              // digits among letters, or a capital after a lower-case letter
)

func wordShape(w string) shape {
	upper, lowerSeen, caps := false, false, 0
	for i, r := range w {
		switch {
		case unicode.IsDigit(r):
			return shapeMixed
		case unicode.IsUpper(r):
			if lowerSeen {
				return shapeMixed
			}
			if i == 0 {
				upper = true
			}
			caps++
		case unicode.IsLower(r):
			lowerSeen = true
		}
	}
	switch {
	case caps == 0:
		return shapeLower
	case !lowerSeen:
		return shapeUpper
	case upper && caps == 1:
		return shapeCap
	}
	return shapeMixed
}

func isDigitStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// twoCapitals reports whether w starts with two upper-case letters.
func twoCapitals(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		if n++; n == 2 {
			return true
		}
	}
	return false
}

// camelHumps counts the places in w where a lower-case letter is followed
// by an upper-case one ("OnLoadFinished": 2).
func camelHumps(w string) int {
	n := 0
	prevLower := false
	for _, r := range w {
		if prevLower && unicode.IsUpper(r) {
			n++
		}
		prevLower = unicode.IsLower(r)
	}
	return n
}

// fwCase reports whether w has an acceptable case for a glued function
// word: lower case, or (at the token start) capitalised.
func fwCase(w string, atStart bool) bool {
	for i, r := range w {
		if unicode.IsUpper(r) && !(atStart && i == 0) {
			return false
		}
	}
	return true
}

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 1
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isJoiner(r rune) bool {
	return r == '-' || r == '\'' || r == '’' || r == '‐' || r == '.' || r == '_' || r == '/' || r == '@'
}

// lower lower-cases s, without allocating when s is ASCII lower case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// lastWord returns the run of word runes at the end of s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) {
			break
		}
		i -= n
	}
	return s[i:]
}

// startsLower reports whether w starts with a lower-case letter.
func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// isLatinWord reports whether every letter of w is an ASCII letter.
func isLatinWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			if w[i] < '0' || w[i] > '9' {
				return false
			}
		}
	}
	return w != ""
}

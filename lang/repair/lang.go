package repair

import (
	"math"
	"strings"
	"unicode/utf8"
)

// language holds what the repairer knows about one language: its function
// words (the words after which a lost no-break space glues the next word),
// and the one-letter words that may stand alone.
type language struct {
	code string
	fw   map[string]*fword
	// joined reports whether a glued function word and rest form one word
	// by the language's spelling rules (Russian не + adjective).
	joined func(fw, rest string) bool
	// verb reports whether a lower-case word is an infinitive.
	verb func(w string) bool
	// derived returns a lower-case count for a word unknown to the
	// lexicon that is a known word with a word-forming prefix (before
	// the derived-word weight), if set.
	derived func(lw string) float64
	// deriveRate returns the share of words like x that take the
	// word-forming prefix p (0 when p is not a prefix), if set.
	deriveRate func(p, x string) float64
	// compoundHead holds the first parts of hyphenated compound
	// prepositions ("из" of "из-за", "из-под"): a function word after
	// one of them and a hyphen may be glued to the next word.
	compoundHead map[string]bool
	// govern: a function word's grammar shows in the endings of the
	// words after it (see runStats.government).
	govern bool
	// minSplitCost is -log of the highest probability any split can
	// reach: a token likelier than that is never split.
	minSplitCost float64
	// prefix holds every byte prefix of every function word.
	prefix map[string]bool
	single map[string]bool
	// opening lists the opening quotes and brackets that a function word
	// may be glued to. English leaves out "(": "of(" is code ("off()").
	opening string
	// foreign: words in Latin letters are not of the language, so one
	// glued to a function word is a word of its own ("вkeymap").
	foreign bool
	// suffixes are inflectional endings tried, longest first, when a word
	// is not in the lexicon.
	suffixes []string
}

// fword is one function word.
type fword struct {
	p       float64         // unigram probability from the lexicon
	prep    bool            // preposition or conjunction (not an article)
	minNext int             // fewest runes of the word that follows
	next    func(rune) bool // the next word must start with such a letter, if set
	noVerb  bool            // a preposition: never followed by an infinitive
	// notCase reports whether a lower-case word is in a case the
	// preposition never governs, if set.
	notCase func(string) bool
}

// English prepositions and conjunctions: the words after which typesetters
// put a no-break space, so a lost one glues the next word.
const enPreps = `of in to on for with as by at against from through during within between
about like but than out over until into under among towards toward despite up via
following past down amid after around without before since upon beyond round near
and across along behind onto off per throughout`

// Russian prepositions, conjunctions and particles that precede a word.
const ruPreps = `в во на с со к ко по о об обо от до из за для при без под над`

// Russian conjunctions and particles that precede a word.
const ruConj = `и а но не что как`

// maxRestProb bounds the probability of the word after a function word
// (the run weight bounds run evidence; lexicon words are rarer).
const maxRestProb = runWeight

func isVowel(r rune) bool { return strings.ContainsRune("aeiou", r) }

func newLanguage(code string, lex lexicon) *language {
	l := &language{code: code, fw: map[string]*fword{}, single: map[string]bool{}, prefix: map[string]bool{}, minSplitCost: math.Inf(1)}
	add := func(w string, f fword) {
		lo, ca := lex.counts(w)
		f.p = max(lo+ca, 1) / lex.total()
		l.fw[w] = &f
		l.minSplitCost = min(l.minSplitCost, -math.Log(f.p*maxGlue*pairRatio*maxRestProb))
		for i := 1; i <= len(w); i++ {
			l.prefix[w[:i]] = true
		}
	}
	switch code {
	case "en":
		for _, w := range strings.Fields(enPreps) {
			add(w, fword{prep: true, minNext: 1})
		}
		// Articles glue too ("oftheSCO"); the article must be followed by
		// a word of 3 or more letters, "an" by a vowel.
		add("the", fword{minNext: 3})
		add("an", fword{minNext: 3, next: isVowel})
		l.suffixes = strings.Fields("ings ing es ed s d ly")
		l.opening = `“"«`
		for _, w := range []string{"a", "I"} {
			l.single[w] = true
		}
	case "ru":
		for i, list := range []string{ruPreps, ruConj} {
			for _, w := range strings.Fields(list) {
				min := 1
				if utf8.RuneCountInString(w) == 1 {
					min = 2
				}
				add(w, fword{minNext: min, noVerb: i == 0, notCase: ruNotCase(w)})
			}
		}
		l.joined = ruJoined
		l.govern = true
		l.compoundHead = map[string]bool{"из": true}
		l.opening = `«„“"(`
		l.foreign = true
		if ru, ok := lex.(*ruLexicon); ok {
			l.verb = func(w string) bool { return ru.isInfinitive(w) || ruVerbForm(w) }
			l.derived = func(lw string) float64 { return ru.derivedCount(lw, 1) }
			if ru.derive != nil {
				l.deriveRate = ru.derive.rate
			}
		}
		for _, w := range strings.Fields("в с к о у и а я") {
			l.single[w] = true
		}
	}
	return l
}

// Russian adjective and participle endings: "не" and "без" are written
// together with an adjective or participle ("неподдерживаемый",
// "беззнаковый"), apart from a verb or a comparative ("не более").
var ruAdjEndings = strings.Fields(`ый ий ой ая яя ое ые ие ого его ому ему ым им ых их ую юю ей ом ем`)

// Adjective endings of the genitive.
var ruGenEndings = strings.Fields(`ого его ой ей ых их`)

func ruJoined(fw, rest string) bool {
	if fw != "не" && fw != "без" {
		return false
	}
	rest = strings.TrimSuffix(rest, "ся")
	if fw == "без" {
		// "без" governs the genitive: "без входного файла" is a
		// preposition, "беззнаковый" a word.
		for _, e := range ruGenEndings {
			if strings.HasSuffix(rest, e) {
				return false
			}
		}
	}
	for _, e := range ruAdjEndings {
		if strings.HasSuffix(rest, e) && utf8.RuneCountInString(rest) > 4 {
			return true
		}
	}
	return false
}

// Adjective and participle endings of the nominative only (masculine,
// feminine, neuter, plural), and of the feminine accusative. Endings that
// nouns share in other cases are left out or lengthened: "-ий" (genitive
// "условий"), "-ая" ("случая"), "-ее" ("более").
var (
	ruNomEndings = strings.Fields(`ый ые ое ие щий кий вший ная мая щая кая`)
	ruAccEndings = strings.Fields(`ную мую щую кую`)
)

// ruNotCase returns, for a Russian preposition that never governs the
// nominative or accusative, a test for an adjective or participle in those
// cases ("от рисованный" is not Russian; "отрисованный" is a word). "с"
// governs the accusative only in rare phrases of measure, so a feminine
// accusative is still allowed after it. Prepositions that govern the
// accusative (в, на, за, под, по, о, про) get nil. Nouns are not
// tested: their endings do not tell the case.
func ruNotCase(prep string) func(string) bool {
	var ends []string
	switch prep {
	case "от", "до", "из", "без", "для", "к", "ко", "при", "над":
		ends = append(append(ends, ruNomEndings...), ruAccEndings...)
	case "с", "со":
		ends = ruNomEndings
	default:
		return nil
	}
	return func(w string) bool {
		if utf8.RuneCountInString(w) < 5 {
			return false
		}
		w = strings.TrimSuffix(w, "ся")
		for _, e := range ends {
			if strings.HasSuffix(w, e) {
				return true
			}
		}
		return false
	}
}

// ruVerbForm reports whether lower-case w has an ending only verbs have:
// the reflexive "-тся"/"-ться" ("монтируются") and the imperative "-уйте"
// ("генерируйте").
func ruVerbForm(w string) bool {
	for _, e := range []string{"тся", "ться", "уйте"} {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) > 4 {
			return true
		}
	}
	return false
}

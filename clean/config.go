package clean

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/paraline/paraline/align"
)

// FilterConfig names one filter and sets some of its parameters (the others
// keep their defaults).
type FilterConfig struct {
	Name   string
	Params map[string]float64
}

// String formats c as in a --filters list: "length:max=200:min=1".
func (c FilterConfig) String() string {
	var b strings.Builder
	b.WriteString(c.Name)
	keys := make([]string, 0, len(c.Params))
	for k := range c.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, ":%s=%s", k, strconv.FormatFloat(c.Params[k], 'g', -1, 64))
	}
	return b.String()
}

// Config configures a Cleaner.
type Config struct {
	// SrcLang and TgtLang are the ISO 639-1 codes of the two sides; the
	// lang, letters and ratio filters use them.
	SrcLang, TgtLang string
	// Filters lists the filters to run, in order. Nil means
	// DefaultFilters(); an empty non-nil slice runs none.
	Filters []FilterConfig
	// Lexicon is the lexicon the evidence, lexical and clause filters
	// read, induced from the corpus being cleaned (TrainLexicon); nil:
	// they check nothing.
	Lexicon *Lexicon
	// Dict, when not nil, is a bilingual dictionary (align.LoadMueller,
	// say) whose word links the clause filter counts as translations
	// besides the Lexicon's.
	Dict *align.Dict
}

// ErrConfig is wrapped by the errors of ParseFilters, ParseFiltersJSON and
// New for a filter configuration that is not valid.
var ErrConfig = errors.New("bad filter configuration")

// param is one numeric parameter of a filter.
type param struct {
	name string
	def  float64
	doc  string
}

// filterSpec describes a filter: its parameters and how to build it.
type filterSpec struct {
	name     string
	doc      string
	params   []param
	inSet    bool // in the default set
	needsDet bool
	build    func(v map[string]float64, e *env) Filter
}

// env is what filters may need besides their parameters.
type env struct {
	src, tgt string
	det      LangDetector
	scorer   PairScorer
	lex      *Lexicon
	dict     *align.Dict
}

// specs returns the filters paraline knows, in their running order.
//
// The defaults of ratio:max (3.5), lang:share (0.2), partial:max (3.5) and
// evidence:min (-0.5) are those scripts/cvclean chooses on all 40 noisy
// sets of scripts/mknoise (8 sources x seeds 1-5, at most 1.5% of clean
// pairs removed on average), with adequacy:min held at -1.3 (the run's
// filter, which has no lexicon to lean on; chosen by the same search
// before the evidence filter, 7 of 8 folds -1.3). Leaving one source out,
// 6 of 8 folds choose ratio 3.5 (mo-b: 2.25, debdocs: 2.75), 6 lang 0.2
// (aptitude 0.25, mo-b 0.35), 6 partial 3.5 (debdocs 3.25, mo-b 3.75),
// evidence -0.3 to -0.9 (-0.5 in 3 folds), and all 8 lexical:min 0, so
// lexical is not in the default set. Held out: clean pairs removed
// 0.70-3.32% a source (mean 1.49%), noise removed 95.31-98.30% (mean
// 96.57%), 31 of 40 sets within both targets (with lexical instead of
// evidence: 1.51%, 96.03%, 28 of 40); see scripts/mknoise/README.md.
//
// clause is not in the default set: applied by paraline clean to the
// corpora of runs on 5 dev sites it lowers corpus-only coverage by up to
// 2.3 points (gimp-help) for no precision. Its max (0.75) is the one
// cvclean chooses with it on the same sets (6 of 8 folds 0.75; gold 0.95,
// mo-b 0.9), with lexical 0.15 and the other thresholds of the time
// (before the evidence filter; ratio 3.5, lang 0.2, partial 3.5, adequacy
// -1.3): held out
// clean removed 0.58-3.49% (mean 1.54%), noise removed 94.31-98.35% (mean
// 95.91%); at those thresholds partial translations removed 70.9%
// against 61.0% without it. With --mueller (the dictionary in adequacy and
// clause) held out 1.54% / 96.73% (worst set 93.90%) against 1.51% /
// 96.30% (92.68%) without clause.
//
// "template" is applied by a Stream (it needs the pairs seen before).
func specs() []filterSpec {
	return []filterSpec{
		{name: "empty", doc: "a side is empty or blank", inSet: true,
			build: func(map[string]float64, *env) Filter { return emptyFilter{} }},
		{name: "length", doc: "a side's length in words or characters is out of range", inSet: true,
			params: []param{{"min", 1, "fewest words"}, {"max", 150, "most words"},
				{"minchars", 1, "fewest characters"}, {"maxchars", 1500, "most characters"}},
			build: func(v map[string]float64, _ *env) Filter {
				return lengthFilter{int(v["min"]), int(v["max"]), int(v["minchars"]), int(v["maxchars"])}
			}},
		{name: "ratio", doc: "the length ratio in characters, over the language pair's expected ratio, is above max or below 1/max", inSet: true,
			params: []param{{"max", 3.5, "largest ratio"}, {"expected", 0, "expected target/source ratio (0: from the languages)"},
				{"minchars", 10, "pairs whose longer side is shorter are not checked"}},
			build: func(v map[string]float64, e *env) Filter {
				exp := v["expected"]
				if exp <= 0 {
					exp = ExpectedRatio(e.src, e.tgt)
				}
				return ratioFilter{max: v["max"], expected: exp, minChars: int(v["minchars"])}
			}},
		{name: "lang", doc: "the detector finds another language on a side (identifiers, commands and acronyms are left out first, and Latin names in languages of other scripts, and the words both sides share)", inSet: true, needsDet: true,
			params: []param{{"minconf", 0, "lowest detector confidence that counts"},
				{"minletters", 4, "sides with fewer letters are not checked"},
				{"share", 0.2, "languages of other scripts: share of letters in the side's script that keeps it"}},
			build: func(v map[string]float64, e *env) Filter {
				return langFilter{det: e.det, langs: [2]string{e.src, e.tgt}, minConf: v["minconf"], share: v["share"],
					minLetters: int(v["minletters"]), srcTabs: scriptOfLang(e.src), tgtTabs: scriptOfLang(e.tgt)}
			}},
		{name: "identical", doc: "the sides are the same or nearly the same text (letters and digits, case ignored)", inSet: true,
			params: []param{{"max", 0.9, "similarity (1 - edit distance / length) at or above which a pair is rejected; 1: exact copies only"}},
			build:  func(v map[string]float64, _ *env) Filter { return identicalFilter{max: v["max"]} }},
		{name: "numbers", doc: "the numbers of the sides differ (footnote marks such as [12] left out; dates in any order of their parts; a number written out in English or Russian words on the other side agrees)", inSet: true,
			params: []param{{"small", 10, "numbers below this on one side only are allowed (spelt out on the other), unless the other side has a number of its own or the number is a group of a date or version"}},
			build:  func(v map[string]float64, _ *env) Filter { return numbersFilter{small: v["small"]} }},
		{name: "urls", doc: "the URLs or e-mail addresses of the sides differ (an address whose placeholder the target translated, bugs.debian.org/имя-пакета for bugs.debian.org/packagename, is the same)", inSet: true,
			build: func(map[string]float64, *env) Filter { return urlsFilter{} }},
		{name: "letters", doc: "a side has too few letters among its non-space characters (unless both sides do and hold the same numbers: a formula and its translation), or too few letters of its language's script (a section number both sides begin with, as in 6.6.3.1. Type, left out)", inSet: true,
			params: []param{{"min", 0.4, "smallest share of letters"}, {"script", 0.1, "smallest share of letters in the side's script (0: not checked)"}},
			build: func(v map[string]float64, e *env) Filter {
				return lettersFilter{min: v["min"], script: v["script"], tabs: [2][]*unicode.RangeTable{scriptOfLang(e.src), scriptOfLang(e.tgt)}}
			}},
		{name: "token", doc: "a side holds a token longer than max characters (URLs, e-mail addresses, paths and tokens the other side holds too excepted)", inSet: true,
			params: []param{{"max", 50, "longest token"}},
			build:  func(v map[string]float64, _ *env) Filter { return tokenFilter{max: int(v["max"])} }},
		{name: "markup", doc: "leftover HTML: a tag with attributes or of a block element, a named character reference other than &amp; &lt; &gt;, or inline tags (b, i, code...) and references not the same on both sides", inSet: true,
			build: func(map[string]float64, *env) Filter { return markupFilter{} }},
		{name: "adequacy", doc: "the aligner's evidence (length, numbers, placeholders, cognates, dictionary) says the sides are not translations", inSet: true,
			params: []param{{"min", -1.3, "lowest score kept: align.Scorer.PairScore (nats) over the square root of the pair's words"}},
			build:  func(v map[string]float64, e *env) Filter { return adequacyFilter{scorer: e.scorer, min: v["min"]} }},
		{name: "partial", doc: "a partial translation: one side says much more than the other (the Gale-Church deviations of the target length from the expected one, in characters and in words, are both above max)", inSet: true,
			params: []param{{"max", 3.5, "largest deviation kept"}, {"expected", 0, "expected target/source ratio in characters (0: from the languages)"},
				{"variance", 2, "length variance per character"},
				{"words", 1, "expected target/source ratio in words (0: characters only; languages written without spaces are measured in characters only)"},
				{"wordvariance", 0.125, "length variance per word"},
				{"minchars", 20, "pairs whose longer side has fewer non-space characters are not checked"}},
			build: func(v map[string]float64, e *env) Filter {
				exp := v["expected"]
				if exp <= 0 {
					exp = ExpectedRatio(e.src, e.tgt)
				}
				f := partialFilter{max: v["max"], expected: exp, variance: v["variance"], wordRatio: v["words"], wordVariance: v["wordvariance"], minChars: int(v["minchars"])}
				if spaceless[e.src] || spaceless[e.tgt] {
					f.wordRatio = 0
				}
				return f
			}},
		{name: "lexical", doc: "the words of a side are not translations of the other side's words, by a lexicon induced from the corpus itself (paraline clean induces it from its first 30,000 pairs; a run has none and checks nothing)",
			params: []param{{"min", 0.2, "lowest share of a side's words explained by the other side (the smaller of the two)"},
				{"prob", 0.1, "lowest translation probability that explains a word"},
				{"null", 0.5, "words that nothing explains and whose occurrences in training the lexicon gave to the empty word in at least this share are function words, not counted"},
				{"minwords", 2, "pairs with fewer words counted on a side are not checked"}},
			build: func(v map[string]float64, e *env) Filter {
				return lexicalFilter{lex: e.lex, min: v["min"], prob: v["prob"], nul: v["null"], minWords: int(v["minwords"])}
			}},
		{name: "evidence", doc: "the corpus lexicon's evidence says the sides are not translations of each other: the mean, over a side's words, of the log-likelihood ratio of the other side being its translation rather than a random sentence of the corpus (paraline clean induces the lexicon from its first 30,000 pairs; a run has none and checks nothing)", inSet: true,
			params: []param{{"min", -0.5, "lowest mean log-likelihood ratio (nats per word) of the side with the lower one"},
				{"minwords", 2, "pairs with fewer learnt words on a side are not checked"}},
			build: func(v map[string]float64, e *env) Filter {
				return evidenceFilter{lex: e.lex, min: v["min"], minWords: int(v["minwords"])}
			}},
		{name: "clause", doc: "a partial translation: a run of whole clauses of one side (cut at , ; : . ! ?) that the other side does not translate while the rest is translated, by the lexicon of the lexical filter and the dictionary if given, added to the partial filter's length deviation (without a lexicon it checks nothing)",
			params: []param{{"max", 0.75, "largest statistic kept: the worst run's unexplained share (less its explained words) times the other side's explained share, plus length times the deviation"},
				{"length", 0.2, "weight of the partial filter's length deviation"},
				{"prob", 0.1, "lowest translation probability that explains a word"},
				{"null", 0.5, "as lexical's null: function words are not counted"},
				{"minwords", 4, "sides with fewer counted words are not checked"}},
			build: func(v map[string]float64, e *env) Filter {
				part := partialFilter{expected: ExpectedRatio(e.src, e.tgt), variance: 2, wordRatio: 1, wordVariance: 0.125, minChars: 20}
				if spaceless[e.src] || spaceless[e.tgt] {
					part.wordRatio = 0
				}
				return clauseFilter{lex: e.lex, dict: e.dict, srcFrom: e.dict != nil && (e.dict.From == "" || e.dict.From == e.src),
					max: v["max"], length: v["length"], prob: v["prob"], nul: v["null"], minWords: int(v["minwords"]), part: part}
			}},
		{name: "template", doc: "a side (letters and digits, case ignored) already seen with max other partners in the run: template text paired with whatever stood next to it", inSet: true,
			params: []param{{"max", 2, "most distinct partners of one side"}, {"mem", 64, "MB of memory for the side counts (older single sightings are forgotten past it)"}}},
	}
}

func specByName(name string) (filterSpec, bool) {
	for _, s := range specs() {
		if s.name == name {
			return s, true
		}
	}
	return filterSpec{}, false
}

// FilterNames returns the names of all filters, in running order.
func FilterNames() []string {
	var out []string
	for _, s := range specs() {
		out = append(out, s.name)
	}
	return out
}

// DefaultFilters returns the default filter set with default parameters.
func DefaultFilters() []FilterConfig {
	var out []FilterConfig
	for _, s := range specs() {
		if s.inSet {
			out = append(out, FilterConfig{Name: s.name})
		}
	}
	return out
}

// Describe writes the documentation of every filter and its parameters,
// for help pages.
func Describe() string {
	var b strings.Builder
	for _, s := range specs() {
		def := ""
		if !s.inSet {
			def = " (not in the default set)"
		}
		fmt.Fprintf(&b, "  %-10s %s%s\n", s.name, s.doc, def)
		for _, p := range s.params {
			fmt.Fprintf(&b, "  %10s   %s=%s: %s\n", "", p.name, strconv.FormatFloat(p.def, 'g', -1, 64), p.doc)
		}
	}
	return b.String()
}

// ParseFilters parses a --filters list into a full filter list. Items are
// separated by commas and applied in order to the default set:
//
//	name               add the filter (if absent) with default parameters
//	name:k=v:k=v       add it or set some parameters
//	-name              remove it
//	none               clear the set (start from nothing)
//	all                every filter
//
// So "length:max=200,ratio:max=3,-lang" is the default set with longer
// sides allowed, a stricter ratio and no language re-check, and
// "none,empty,length" runs only those two filters. An empty list is the
// default set.
func ParseFilters(list string) ([]FilterConfig, error) {
	set := DefaultFilters()
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		switch {
		case item == "":
			continue
		case item == "none":
			set = set[:0]
			continue
		case item == "all":
			set = set[:0]
			for _, s := range specs() {
				set = append(set, FilterConfig{Name: s.name})
			}
			continue
		case strings.HasPrefix(item, "-"):
			name := item[1:]
			if _, ok := specByName(name); !ok {
				return nil, unknownFilter(name)
			}
			set = removeFilter(set, name)
			continue
		}
		parts := strings.Split(strings.TrimPrefix(item, "+"), ":")
		fc := FilterConfig{Name: parts[0], Params: map[string]float64{}}
		for _, kv := range parts[1:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return nil, fmt.Errorf("%w: %q: want name=value after ':'", ErrConfig, kv)
			}
			x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%w: %s: %s=%q is not a number", ErrConfig, fc.Name, k, v)
			}
			fc.Params[strings.TrimSpace(k)] = x
		}
		var err error
		if set, err = merge(set, fc); err != nil {
			return nil, err
		}
	}
	return sortBySpec(set), nil
}

// removeFilter removes the filter called name from set.
func removeFilter(set []FilterConfig, name string) []FilterConfig {
	out := set[:0]
	for _, c := range set {
		if c.Name != name {
			out = append(out, c)
		}
	}
	return out
}

// merge adds fc to set, or sets its parameters on the filter of that name
// already in set; it checks the name and parameters.
func merge(set []FilterConfig, fc FilterConfig) ([]FilterConfig, error) {
	if err := checkConfig(fc); err != nil {
		return nil, err
	}
	for i, c := range set {
		if c.Name == fc.Name {
			p := map[string]float64{}
			for k, v := range c.Params {
				p[k] = v
			}
			for k, v := range fc.Params {
				p[k] = v
			}
			set[i].Params = p
			return set, nil
		}
	}
	return append(set, fc), nil
}

func unknownFilter(name string) error {
	return fmt.Errorf("%w: unknown filter %q (have %s)", ErrConfig, name, strings.Join(FilterNames(), ", "))
}

// checkConfig checks a filter name and its parameter names.
func checkConfig(fc FilterConfig) error {
	s, ok := specByName(fc.Name)
	if !ok {
		return unknownFilter(fc.Name)
	}
	for k := range fc.Params {
		found := false
		var names []string
		for _, p := range s.params {
			names = append(names, p.name)
			if p.name == k {
				found = true
			}
		}
		if !found {
			if len(names) == 0 {
				return fmt.Errorf("%w: filter %s has no parameters (got %q)", ErrConfig, fc.Name, k)
			}
			return fmt.Errorf("%w: filter %s has no parameter %q (have %s)", ErrConfig, fc.Name, k, strings.Join(names, ", "))
		}
	}
	return nil
}

// ParseFiltersJSON parses a JSON filter configuration:
//
//	{"defaults": true, "filters": {"length": {"max": 200}, "lang": false, "adequacy": {}}}
//
// With "defaults" true (the default) the filters are applied to the default
// set, else to an empty set; a filter given false is removed, one given an
// object is added or has those parameters set.
func ParseFiltersJSON(data []byte) ([]FilterConfig, error) {
	var doc struct {
		Defaults *bool                      `json:"defaults"`
		Filters  map[string]json.RawMessage `json:"filters"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	set := DefaultFilters()
	if doc.Defaults != nil && !*doc.Defaults {
		set = set[:0]
	}
	// apply in running order so the result does not depend on map order
	for _, s := range specs() {
		raw, ok := doc.Filters[s.name]
		if !ok {
			continue
		}
		var on bool
		if err := json.Unmarshal(raw, &on); err == nil {
			if on {
				var err error
				if set, err = merge(set, FilterConfig{Name: s.name}); err != nil {
					return nil, err
				}
			} else {
				set = removeFilter(set, s.name)
			}
			continue
		}
		var params map[string]float64
		if err := json.Unmarshal(raw, &params); err != nil {
			return nil, fmt.Errorf("%w: filter %s: want true, false or an object of numbers: %w", ErrConfig, s.name, err)
		}
		var err error
		if set, err = merge(set, FilterConfig{Name: s.name, Params: params}); err != nil {
			return nil, err
		}
	}
	for name := range doc.Filters {
		if _, ok := specByName(name); !ok {
			return nil, unknownFilter(name)
		}
	}
	return sortBySpec(set), nil
}

// sortBySpec orders filters as specs() does, so reasons come in a stable
// order whatever the configuration's order.
func sortBySpec(set []FilterConfig) []FilterConfig {
	rank := map[string]int{}
	for i, s := range specs() {
		rank[s.name] = i
	}
	sort.SliceStable(set, func(i, j int) bool { return rank[set[i].Name] < rank[set[j].Name] })
	return set
}

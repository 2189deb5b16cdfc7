package lang

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/pemistahl/lingua-go"
)

// DetectorOption configures a Detector.
type DetectorOption func(*detectorOptions)

type detectorOptions struct {
	lowAccuracy   bool
	preload       bool
	wordCacheSize int
}

// WithLowAccuracy makes lingua-go use its trigram-only models: about a fifth
// of the memory and several times faster, less accurate on short text.
func WithLowAccuracy() DetectorOption { return func(o *detectorOptions) { o.lowAccuracy = true } }

// WithPreloadedModels loads every language model when the Detector is built
// rather than on first use.
func WithPreloadedModels() DetectorOption { return func(o *detectorOptions) { o.preload = true } }

// WithWordCache sets how many words' language scores a Detector keeps
// (default 1<<17, about 15 MB with 11 languages; 0 or less means the
// default). Scores are a pure function of the word, so the cache changes speed,
// never results.
func WithWordCache(words int) DetectorOption {
	return func(o *detectorOptions) { o.wordCacheSize = words }
}

// Detector tells the language of a piece of text among the languages of a
// run. Languages whose script no other language of the run uses (Russian
// among en,ru) are decided by script alone, with no model; lingua-go's models
// are loaded only for scripts shared by two or more languages. A Detector is
// safe for concurrent use and is meant to be built once per run.
type Detector struct {
	langs    []string            // sorted ISO 639-1 codes
	byScript map[script][]string // candidate languages per script
	lingua   lingua.LanguageDetector
	codeOf   map[lingua.Language]string
	// shared lists the languages of lingua's models (those of shared
	// scripts), sorted; word score vectors are indexed like it.
	shared    []string
	sharedIdx map[string]int
	words     *wordCache
}

// ParseLangs splits a comma-separated list of ISO 639-1 codes ("en,ru"),
// lower-cases them, drops duplicates and checks that lingua-go knows each.
func ParseLangs(list string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, f := range strings.Split(list, ",") {
		c := strings.ToLower(strings.TrimSpace(f))
		if c == "" || seen[c] {
			continue
		}
		if lingua.GetIsoCode639_1FromValue(c) == lingua.UnknownIsoCode639_1 {
			return nil, fmt.Errorf("unknown language code %q (want ISO 639-1 codes lingua-go supports, e.g. en,ru,de)", c)
		}
		seen[c] = true
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no languages in %q", list)
	}
	return out, nil
}

// NewDetector builds a Detector for the given ISO 639-1 codes (see ParseLangs).
// One language is allowed: every letter is then that language.
func NewDetector(codes []string, opts ...DetectorOption) (*Detector, error) {
	var o detectorOptions
	for _, opt := range opts {
		opt(&o)
	}
	d := &Detector{byScript: map[script][]string{}, codeOf: map[lingua.Language]string{}}
	seen := map[string]bool{}
	for _, c := range codes {
		c = strings.ToLower(c)
		iso := lingua.GetIsoCode639_1FromValue(c)
		if iso == lingua.UnknownIsoCode639_1 {
			return nil, fmt.Errorf("unknown language code %q", c)
		}
		if seen[c] {
			continue
		}
		seen[c] = true
		d.langs = append(d.langs, c)
		d.codeOf[lingua.GetLanguageFromIsoCode639_1(iso)] = c
	}
	if len(d.langs) == 0 {
		return nil, fmt.Errorf("no languages given")
	}
	sort.Strings(d.langs)
	for _, c := range d.langs {
		s := scriptOfLang(c)
		d.byScript[s] = append(d.byScript[s], c)
	}
	var shared []lingua.IsoCode639_1
	d.sharedIdx = map[string]int{}
	for _, c := range d.langs {
		if len(d.byScript[scriptOfLang(c)]) > 1 {
			shared = append(shared, lingua.GetIsoCode639_1FromValue(c))
			d.sharedIdx[c] = len(d.shared)
			d.shared = append(d.shared, c)
		}
	}
	if len(shared) >= 2 { // always true when any script is shared
		b := lingua.NewLanguageDetectorBuilder().FromIsoCodes639_1(shared...)
		if o.lowAccuracy {
			b = b.WithLowAccuracyMode()
		}
		if o.preload {
			b = b.WithPreloadedLanguageModels()
		}
		d.lingua = b.Build()
		d.words = newWordCache(o.wordCacheSize)
	}
	return d, nil
}

// Langs returns the detector's languages, sorted.
func (d *Detector) Langs() []string { return append([]string(nil), d.langs...) }

// NeedsModels reports whether some script is shared by two or more of the
// detector's languages, so that detection uses lingua-go's statistical models.
func (d *Detector) NeedsModels() bool { return d.lingua != nil }

// Detect returns the most likely language of text and the confidence in it.
// It returns "" and 0 when text has no letter of any of the detector's scripts.
func (d *Detector) Detect(text string) (string, float64) {
	var counts [scriptOther + 1]int
	for _, r := range text {
		counts[scriptOf(r)]++
	}
	best, n := scriptNone, 0
	for s := scriptLatin; s < scriptOther; s++ {
		if counts[s] > n && len(d.byScript[s]) > 0 {
			best, n = s, counts[s]
		}
	}
	if best == scriptNone {
		return "", 0
	}
	return d.detectScript(text, best)
}

// detectScript decides among the languages written in script s.
func (d *Detector) detectScript(text string, s script) (string, float64) {
	cands := d.byScript[s]
	switch {
	case len(cands) == 0:
		return "", 0
	case len(cands) == 1 || d.lingua == nil:
		return cands[0], 1
	}
	vals := d.confidenceValues(text)
	for _, v := range vals { // sorted by confidence, highest first
		c, ok := d.codeOf[v.Language()]
		if !ok || scriptOfLang(c) != s {
			continue
		}
		if v.Value() == 0 {
			break
		}
		return c, math.Round(v.Value()*1e6) / 1e6
	}
	return cands[0], 0
}

// confidence returns lingua-go's confidence that text is in language code.
func (d *Detector) confidence(text, code string) float64 {
	if d.lingua == nil {
		return 1
	}
	for _, v := range d.confidenceValues(text) {
		if d.codeOf[v.Language()] == code {
			return math.Round(v.Value()*1e6) / 1e6
		}
	}
	return 0
}

// confidenceValues calls lingua-go, turning a panic inside it into no
// answer (every language at 0), so that odd input cannot crash a run.
func (d *Detector) confidenceValues(text string) (vals []lingua.ConfidenceValue) {
	defer func() {
		if recover() != nil {
			vals = nil
		}
	}()
	return d.lingua.ComputeLanguageConfidenceValues(text)
}

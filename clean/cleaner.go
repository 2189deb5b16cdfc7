package clean

import (
	"fmt"
	"math"

	"github.com/paraline/paraline/align"
)

// Cleaner runs the stateless pair filters of a configuration. It is
// immutable once built and safe for concurrent use; a Stream adds the
// filters that need the pairs seen before (template) and deduplication.
type Cleaner struct {
	cfg      Config
	filters  []Filter
	template *FilterConfig // nil when the template filter is off
	params   map[string]map[string]float64
}

// Verdict is the result of checking one pair.
type Verdict struct {
	// Reasons lists the names of the filters the pair failed, in running
	// order; empty means keep.
	Reasons []string
	// Details holds, for each reason, what was wrong ("tgt 312 words > 150").
	Details []string
	// Adequacy is the adequacy filter's score, or NaN when it did not run.
	Adequacy float64
	// keys are the pair's hashes for a Stream, computed by Judge so that
	// they are computed in parallel.
	keys pairKeys
}

// New builds a Cleaner. det is needed by the lang filter; scorer by the
// adequacy filter, which uses a context-free align.Scorer without
// dictionary when scorer is nil (align.NewScorer(nil, nil, opts) with a
// dictionary gives better evidence).
func New(cfg Config, det LangDetector, scorer PairScorer) (*Cleaner, error) {
	if cfg.Filters == nil {
		cfg.Filters = DefaultFilters()
	}
	c := &Cleaner{cfg: cfg, params: map[string]map[string]float64{}}
	e := &env{src: cfg.SrcLang, tgt: cfg.TgtLang, det: det, scorer: scorer, lex: cfg.Lexicon, dict: cfg.Dict}
	seen := map[string]bool{}
	for _, fc := range sortBySpec(append([]FilterConfig(nil), cfg.Filters...)) {
		if err := checkConfig(fc); err != nil {
			return nil, err
		}
		if seen[fc.Name] {
			return nil, fmt.Errorf("%w: filter %s given twice", ErrConfig, fc.Name)
		}
		seen[fc.Name] = true
		s, _ := specByName(fc.Name)
		v := map[string]float64{}
		for _, p := range s.params {
			v[p.name] = p.def
		}
		for k, x := range fc.Params {
			v[k] = x
		}
		c.params[fc.Name] = v
		if err := validate(fc.Name, v); err != nil {
			return nil, err
		}
		switch {
		case fc.Name == "template":
			c.template = &FilterConfig{Name: fc.Name, Params: v}
			continue
		case s.needsDet && det == nil:
			return nil, fmt.Errorf("%w: filter %s needs a language detector", ErrConfig, fc.Name)
		case s.needsDet && (cfg.SrcLang == "" || cfg.TgtLang == ""):
			return nil, fmt.Errorf("%w: filter %s needs the languages of both sides", ErrConfig, fc.Name)
		case fc.Name == "adequacy" && e.scorer == nil:
			e.scorer = align.NewScorer(nil, nil, &align.Options{SrcLang: cfg.SrcLang, TgtLang: cfg.TgtLang})
		}
		c.filters = append(c.filters, s.build(v, e))
	}
	return c, nil
}

// validate checks parameter values.
func validate(name string, v map[string]float64) error {
	bad := func(k, why string) error {
		return fmt.Errorf("%w: %s: %s=%g %s", ErrConfig, name, k, v[k], why)
	}
	for k, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return bad(k, "is not a finite number")
		}
	}
	switch name {
	case "length":
		if v["min"] > v["max"] {
			return bad("min", "is above max")
		}
		if v["minchars"] > v["maxchars"] {
			return bad("minchars", "is above maxchars")
		}
	case "ratio":
		if v["max"] < 1 {
			return bad("max", "must be at least 1")
		}
		if v["expected"] < 0 {
			return bad("expected", "must not be negative")
		}
	case "partial":
		for _, k := range []string{"variance", "wordvariance"} {
			if v[k] <= 0 {
				return bad(k, "must be positive")
			}
		}
		for _, k := range []string{"expected", "words"} {
			if v[k] < 0 {
				return bad(k, "must not be negative")
			}
		}
	case "clause":
		if v["length"] < 0 {
			return bad("length", "must not be negative")
		}
		if v["prob"] <= 0 || v["prob"] > 1 {
			return bad("prob", "must be in (0, 1]")
		}
		if v["null"] < 0 || v["null"] > 1 {
			return bad("null", "must be in [0, 1]")
		}
	case "identical":
		if v["max"] <= 0 || v["max"] > 1 {
			return bad("max", "must be in (0, 1]")
		}
	case "letters", "lang", "lexical":
		for _, k := range []string{"min", "script", "minconf", "share", "prob", "null"} {
			if x, ok := v[k]; ok && (x < 0 || x > 1) {
				return bad(k, "must be in [0, 1]")
			}
		}
	case "token":
		if v["max"] < 1 {
			return bad("max", "must be at least 1")
		}
	case "template":
		if v["max"] < 1 {
			return bad("max", "must be at least 1")
		}
		if v["mem"] < 1 {
			return bad("mem", "must be at least 1 (MB)")
		}
	}
	return nil
}

// Filters returns the configuration of the filters that run, with every
// parameter's value, in running order.
func (c *Cleaner) Filters() []FilterConfig {
	var out []FilterConfig
	for _, s := range specs() {
		if v, ok := c.params[s.name]; ok {
			out = append(out, FilterConfig{Name: s.name, Params: v})
		}
	}
	return out
}

// Judge runs every stateless filter on p and returns all the reasons it
// fails. It is safe for concurrent use.
func (c *Cleaner) Judge(p *Pair) Verdict {
	var buf [256]byte
	b := buf[:0]
	v := Verdict{Adequacy: math.NaN(), keys: keysOf(p, &b)}
	in := infoOf(p)
	for _, f := range c.filters {
		var detail string
		var ok bool
		switch ff := f.(type) {
		case adequacyFilter:
			detail, ok, v.Adequacy = ff.checkScore(p, in)
		case infoFilter:
			detail, ok = ff.checkInfo(p, in)
		default:
			detail, ok = f.Check(p)
		}
		if !ok {
			v.Reasons = append(v.Reasons, f.Name())
			v.Details = append(v.Details, detail)
		}
	}
	return v
}

// Check returns the names of the filters p fails; empty means keep.
func (c *Cleaner) Check(p *Pair) []string { return c.Judge(p).Reasons }

package pipeline

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/corpus"
)

// newCleaner builds the pair filters of o for the language pair l1-l2
// (det serves the lang filter), or returns nil when o.NoClean is set.
func newCleaner(o *Options, det clean.LangDetector, l1, l2 string) (*clean.Cleaner, error) {
	if o.NoClean {
		return nil, nil
	}
	var scorer clean.PairScorer
	if o.Dict != nil {
		scorer = align.NewScorer(nil, nil, &align.Options{Dict: o.Dict, SrcLang: l1, TgtLang: l2})
	}
	c, err := clean.New(clean.Config{SrcLang: l1, TgtLang: l2, Filters: o.Filters, Lexicon: o.Lexicon, Dict: o.Dict}, det, scorer)
	if err != nil {
		return nil, fmt.Errorf("pair filters: %w", err)
	}
	return c, nil
}

// pairSink writes the sentence pairs of a run (aligned or translated):
// pair filters and deduplication (unless off), then every output format.
type pairSink struct {
	w       *runWriter
	set     *corpus.PairSet
	cleaner *clean.Cleaner
	stream  *clean.Stream
	l1, l2  string
	// adequacy makes the adequacy score the score of written pairs and
	// of rejects (a corpus cleaned on its own has no bead scores).
	adequacy bool
	// doc is the Doc of the rejects of pairs that come from no document
	// (a corpus cleaned on its own: its source file).
	doc string
}

// openPairSink creates the pair outputs named prefix.<l1>, prefix.<l2>
// (and .tsv, .jsonl, .tmx as Options.Formats asks).
// The pairs go through c (nil: no filters, no deduplication).
func (w *runWriter) openPairSink(o *Options, c *clean.Cleaner, prefix, l1, l2 string) (*pairSink, error) {
	set, err := corpus.CreatePairSet(corpus.PairSetOptions{Dir: w.dir, SrcLang: l1, TgtLang: l2, Formats: o.Formats,
		Prefix: prefix, Gzip: o.Gzip, Tool: "paraline", ToolVersion: o.Version, ShardSize: o.ShardSize})
	if err != nil {
		return nil, fmt.Errorf("create pair outputs: %w", err)
	}
	s := &pairSink{w: w, set: set, l1: l1, l2: l2, cleaner: c}
	if c != nil {
		s.stream = c.NewStream(clean.StreamOptions{NoDedup: o.NoDedup, Dedup: clean.DedupOptions{MemKeys: o.DedupMemKeys}})
	}
	w.rep.stage(StageFilter, UnitPairs)
	w.sinks = append(w.sinks, s)
	return s, nil
}

// judge runs the stateless filters; safe for concurrent use.
// sc, when not nil, scores adequacy instead of the cleaner's scorer.
func (s *pairSink) judge(src, tgt, doc string, sc clean.PairScorer) *clean.Verdict {
	if s.cleaner == nil {
		return nil
	}
	v := s.cleaner.Judge(&clean.Pair{Src: src, Tgt: tgt, Doc: doc, Scorer: sc})
	return &v
}

// pairOut is one pair ready for a sink.
type pairOut struct {
	doc, tgtDoc      string
	src, tgt         string
	srcSpan, tgtSpan *corpus.Span
	score            *float64
	verdict          *clean.Verdict // nil: judge now
	line             int64          // of a corpus cleaned on its own; 0 otherwise
}

// add filters p and writes it, or rejects it with every reason.
func (s *pairSink) add(p pairOut) error {
	st := s.w.rep.stage(StageFilter, UnitPairs)
	st.In++
	rdoc := p.doc
	if rdoc == "" {
		rdoc = s.doc
	}
	var filters []string
	if s.cleaner != nil {
		v := p.verdict
		if v == nil {
			v = s.judge(p.src, p.tgt, p.doc, nil)
		}
		out := s.stream.Add(&clean.Pair{Src: p.src, Tgt: p.tgt, Doc: p.doc}, *v)
		if s.adequacy && !math.IsNaN(out.Adequacy) {
			a := math.Round(out.Adequacy*1e4) / 1e4
			p.score = &a
		}
		if !out.Keep {
			st.Rejected++
			reasons := out.Reasons
			if out.Duplicate != "" {
				reasons = []string{clean.ReasonDuplicate + ":" + out.Duplicate}
			}
			// One count per rejected pair, under the reason rejects.jsonl
			// gives it; the count per filter is Report.Clean's ByReason.
			why := "filter:" + strings.Join(reasons, ",")
			s.w.rep.Rejects[why]++
			r := Reject{Doc: rdoc, Line: p.line, Stage: StageFilter, Reason: why, Lang: s.l1,
				Text: p.src, Tgt: p.tgt, TgtLang: s.l2, Details: out.Details}
			if s.adequacy {
				r.Score = p.score
			}
			if p.srcSpan != nil {
				r.Start, r.End = p.srcSpan.Start, p.srcSpan.End
			}
			s.w.rep.addExample(why, p.src+" ||| "+p.tgt)
			return s.w.writeReject(r)
		}
		for _, f := range s.cleaner.Filters() {
			filters = append(filters, f.Name)
		}
	}
	err := s.set.WritePair(&corpus.Pair{Src: p.src, Tgt: p.tgt, Doc: p.doc, SrcSpan: p.srcSpan, TgtSpan: p.tgtSpan, Score: p.score, Filters: filters})
	if errors.Is(err, corpus.ErrBadLine) {
		st.Rejected++
		return s.w.reject(Reject{Doc: rdoc, Line: p.line, Stage: StageFilter, Lang: s.l1, Text: p.src, Tgt: p.tgt, TgtLang: s.l2, Error: err.Error()}, plain(ReasonBadLine))
	}
	if err != nil {
		return err
	}
	st.Kept++
	s.w.rep.addRatio(utf8.RuneCountInString(p.src), utf8.RuneCountInString(p.tgt))
	return nil
}

// finish closes the formats and records outputs and filter counts.
func (s *pairSink) finish() error {
	if err := s.set.Finish(); err != nil {
		return err
	}
	for name, n := range s.set.Outputs() {
		s.w.rep.Outputs[name] = n
	}
	if s.stream != nil {
		st := s.stream.Stats()
		s.w.rep.Clean = &st
		if err := s.stream.Close(); err != nil {
			return fmt.Errorf("deduplication: %w", err)
		}
	}
	return nil
}

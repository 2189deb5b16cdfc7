package pipeline

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/lang"
)

// PairReader yields the sentence pairs of an aligned corpus
// (corpus.ParallelReader reads them from files).
type PairReader interface {
	// Next returns the next pair; ok is false at the end.
	Next() (src, tgt string, ok bool, err error)
}

// judgeBatch is the number of pairs judged together by one worker.
const judgeBatch = 2048

// pairBatch is a batch of pairs with their verdicts.
type pairBatch struct {
	first    int64 // line of pairs[0]
	pairs    []clean.Pair
	verdicts []clean.Verdict
}

// JudgePairs reads every pair of src, runs the stateless filters of c on
// them (c.Judge) in batches on workers goroutines of the run's ordered
// worker pool, and calls emit with each pair and its verdict in input
// order (line is 1-based). The caller passes the verdicts through a
// clean.Stream, which deduplicates in order.
func JudgePairs(ctx context.Context, c *clean.Cleaner, src PairReader, workers int, emit func(line int64, p *clean.Pair, v clean.Verdict) error) error {
	var line int64
	done := false
	next := func() (*pairBatch, bool, error) {
		if done {
			return nil, false, nil
		}
		b := &pairBatch{first: line + 1, pairs: make([]clean.Pair, 0, judgeBatch)}
		for len(b.pairs) < judgeBatch {
			s, t, ok, err := src.Next()
			if err != nil {
				return nil, false, err
			}
			if !ok {
				done = true
				break
			}
			line++
			b.pairs = append(b.pairs, clean.Pair{Src: s, Tgt: t})
		}
		return b, len(b.pairs) > 0, nil
	}
	work := func(b *pairBatch) *pairBatch {
		b.verdicts = make([]clean.Verdict, len(b.pairs))
		for i := range b.pairs {
			b.verdicts[i] = c.Judge(&b.pairs[i])
		}
		return b
	}
	return ordered(ctx, workers, next, work, func(b *pairBatch) error {
		for i := range b.pairs {
			if err := emit(b.first+int64(i), &b.pairs[i], b.verdicts[i]); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
}

// Clean runs the pair filters and deduplication of a run over an aligned
// corpus made elsewhere (the pairs of src, in o.Langs[0] and o.Langs[1]),
// through the same pair outputs as a run: it writes into dir corpus.<l1>,
// corpus.<l2> (and o.Formats), rejects.jsonl (Reject records with the
// pair's Line and adequacy Score), report.json and report.html, and the
// manifest of the outputs. The report holds one stage, filter, whose In ==
// Kept + Rejected (duplicates are rejected), and the filters' counts
// (Report.Clean). o.Inputs name the files of src (SRC and TGT, or one TSV
// file; "-" for stdin): the report lists them (Report.Inputs) and the
// rejects name the first, with the pair's line.
func Clean(ctx context.Context, dir string, src PairReader, o Options) (*Report, error) {
	start := time.Now()
	o.EnsureDefaults()
	if len(o.Langs) != 2 || o.Langs[0] == o.Langs[1] {
		return nil, optionErr(fmt.Sprintf("cleaning a corpus needs two different languages (got %v)", o.Langs), "Langs")
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.NoClean {
		return nil, optionErr("cleaning a corpus with no filters does nothing", "NoClean")
	}
	l1, l2 := o.Langs[0], o.Langs[1]
	if o.Lexicon == nil && (UsesFilter(o.Filters, "lexical") || UsesFilter(o.Filters, "clause") || UsesFilter(o.Filters, "evidence")) {
		lx, all, err := InduceLexicon(src, clean.LexiconOptions{})
		if err != nil {
			return nil, err
		}
		o.Lexicon, src = lx, all
	}
	c, err := NewCleaner(o)
	if err != nil {
		return nil, err
	}
	lk, err := lockOutput(dir, &o)
	if err != nil {
		return nil, err
	}
	defer lk.Unlock()
	w, err := newRunWriter(dir, o.Langs, false, o.ShardSize)
	if err != nil {
		return nil, err
	}
	defer w.abort()
	w.rep.Version, w.rep.Workers = o.Version, o.Workers
	w.rep.Inputs = slices.Clone(o.Inputs)
	sink, err := w.openPairSink(&o, c, "corpus", l1, l2)
	if err != nil {
		return w.rep, err
	}
	sink.adequacy = true
	if len(o.Inputs) > 0 {
		sink.doc = o.Inputs[0]
	}
	err = JudgePairs(ctx, c, src, o.Workers, func(line int64, p *clean.Pair, v clean.Verdict) error {
		return sink.add(pairOut{src: p.Src, tgt: p.Tgt, verdict: &v, line: line})
	})
	if err != nil {
		return w.rep, err
	}
	w.rep.WallSeconds = time.Since(start).Seconds()
	return w.rep, w.commit()
}

// NewCleaner builds the pair filters o describes for o.Langs[0] (source)
// and o.Langs[1] (target): o.Filters (nil: the default set), with o.Dict
// for the adequacy filter and a language detector (o.Detector, else one
// built for the two languages) when the lang filter is on.
func NewCleaner(o Options) (*clean.Cleaner, error) {
	if len(o.Langs) != 2 {
		return nil, optionErr(fmt.Sprintf("the pair filters need two languages (got %v)", o.Langs), "Langs")
	}
	var det clean.LangDetector = o.Detector
	if det == nil && UsesFilter(o.Filters, "lang") {
		d, err := lang.NewDetector(o.Langs)
		if err != nil {
			return nil, optionErr(err.Error(), "Langs")
		}
		det = d
	}
	return newCleaner(&o, det, o.Langs[0], o.Langs[1])
}

// UsesFilter reports whether the filter list (nil: the default set) holds
// the filter called name.
func UsesFilter(filters []clean.FilterConfig, name string) bool {
	if filters == nil {
		filters = clean.DefaultFilters()
	}
	return slices.ContainsFunc(filters, func(f clean.FilterConfig) bool { return f.Name == name })
}

// InduceLexicon reads the first opts.MaxPairs pairs of src (default
// clean.DefaultLexiconPairs) and induces the lexical filter's lexicon from
// them; the reader it returns yields every pair of src, from the first.
func InduceLexicon(src PairReader, opts clean.LexiconOptions) (*clean.Lexicon, PairReader, error) {
	n := opts.MaxPairs
	if n <= 0 {
		n = clean.DefaultLexiconPairs
	}
	var head []clean.Pair
	for len(head) < n {
		s, t, ok, err := src.Next()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			break
		}
		head = append(head, clean.Pair{Src: s, Tgt: t})
	}
	return clean.TrainLexicon(head, opts), &replayReader{head: head, rest: src}, nil
}

// replayReader yields the pairs of head, then those of rest.
type replayReader struct {
	head []clean.Pair
	rest PairReader
}

func (r *replayReader) Next() (string, string, bool, error) {
	if len(r.head) > 0 {
		p := r.head[0]
		r.head = r.head[1:]
		return p.Src, p.Tgt, true, nil
	}
	return r.rest.Next()
}

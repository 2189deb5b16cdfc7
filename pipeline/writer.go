package pipeline

import (
	"context"
	"fmt"
	"os"
	"time"
)

// Writer turns the results of a run, given in input order, into the run's
// outputs in a directory: mono.<lang>, corpus.* of a two-version or
// translating run, rejects.jsonl, report.json and report.html. Run, a
// resumed run and a distributed runner's final merge all write through a
// Writer, so the same results give byte-identical outputs (report timings
// aside). Outputs are written under temporary names and appear only at
// Commit; Abort removes them.
//
// A Writer is not safe for concurrent use.
type Writer struct {
	w     *runWriter
	e     *Engine
	start time.Time
}

// NewWriter creates the outputs of e's run in dir (created if missing).
// For a two-version run it also gives e the pair filters, so that
// Engine.EachPair judges pairs in its workers.
func NewWriter(dir string, e *Engine) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	w, err := newRunWriter(dir, e.opts.Langs, true, e.opts.ShardSize)
	if err != nil {
		return nil, err
	}
	w.rep.Version = e.opts.Version
	w.rep.Workers = e.opts.Workers
	switch {
	case e.Paired():
		if err := w.openPairs(e, e.opts.Langs[0], e.opts.Langs[1]); err != nil {
			w.abort()
			return nil, err
		}
		w.minScore = e.opts.MinScore
		if w.pairs.cleaner != nil {
			e.pairJudge = w.pairs.judge
		}
	case e.opts.TranslateTo != "":
		if err := w.openTranslation(e, e.opts.Translator, e.opts.TranslateTo, e.opts.Langs, e.opts.DryRun); err != nil {
			w.abort()
			return nil, err
		}
	}
	return &Writer{w: w, e: e, start: time.Now()}, nil
}

// Add writes the outputs of one document of a run that does not pair
// documents (a translating run translates its sentences as it goes).
func (w *Writer) Add(ctx context.Context, r *DocResult) error {
	if err := w.w.add(r); err != nil {
		return err
	}
	if w.w.tr == nil || r.Err != nil {
		return nil
	}
	return w.w.tr.add(ctx, r)
}

// AddPair writes the outputs of one pair job of a two-version run.
func (w *Writer) AddPair(pr *PairResult) error { return w.w.addPair(pr) }

// Report returns the report as it stands.
func (w *Writer) Report() *Report { return w.w.rep }

// Commit finishes the outputs (the last translations of a translating run,
// deduplication, the report) and renames them into place.
func (w *Writer) Commit(ctx context.Context) error {
	if w.w.tr != nil {
		if err := w.w.tr.finish(ctx); err != nil {
			return err
		}
	}
	rep := w.w.rep
	rep.WallSeconds = time.Since(w.start).Seconds()
	if rep.WallSeconds > 0 {
		rep.MBPerSecond = float64(rep.Bytes) / 1e6 / rep.WallSeconds
	}
	return w.w.commit()
}

// Abort removes the outputs not yet committed. It is safe to call after
// Commit (it then does nothing).
func (w *Writer) Abort() { w.w.abort() }

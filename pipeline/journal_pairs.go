package pipeline

import (
	"context"
	"fmt"
)

// eachPairFrom is EachPair for a resumed two-version run: replay, when not
// nil, passes the journaled results of the first jobs, in job order, to
// the function it is given; they go to fn again (replayed true) and their
// documents are not read again; the other jobs are processed. A journaled
// result whose documents are not those of its job stops the run.
func (e *Engine) eachPairFrom(ctx context.Context, replay func(func(*PairResult) error) error, fn func(r *PairResult, replayed bool) error) error {
	done := 0
	if replay != nil {
		if p := e.opts.Progress; p != nil {
			// EachPair starts its own pass for the jobs that remain.
			p.Start("replaying the journal")
		}
		err := replay(func(r *PairResult) error {
			if done == len(e.jobs) {
				return fmt.Errorf("%w: the journal holds more than the %d jobs of the inputs", ErrResumeMismatch, len(e.jobs))
			}
			j := e.jobs[done]
			done++
			if why := jobMismatch(j, r); why != "" {
				return fmt.Errorf("%w: job %d of the journal %s", ErrResumeMismatch, done, why)
			}
			for _, d := range []*DocResult{r.Src, r.Tgt} {
				if d == nil {
					continue
				}
				if p := e.opts.Progress; p != nil {
					p.Add(d.Bytes)
				}
				if d.Err != nil && e.opts.OnFailed != nil {
					e.opts.OnFailed(d.ID, d.Err)
				}
			}
			if err := fn(r, true); err != nil {
				return err
			}
			for _, d := range []*DocResult{r.Src, r.Tgt} {
				if d != nil && d.Err != nil && e.opts.Strict {
					return fmt.Errorf("stopped at the first failed document (strict): %w", d.Err)
				}
			}
			return nil
		})
		if p := e.opts.Progress; p != nil {
			p.Finish()
		}
		if err != nil {
			return err
		}
	}
	// The remaining jobs go through EachPair on a copy of the engine
	// that holds only them (the engine is read-only while it runs).
	rest := *e
	rest.jobs = e.jobs[done:]
	return rest.EachPair(ctx, func(r *PairResult) error { return fn(r, false) })
}

// jobMismatch says how a journaled result differs from its job, or "".
func jobMismatch(j pairJob, r *PairResult) string {
	if r.Src == nil || r.Src.ID != j.src.id {
		id := ""
		if r.Src != nil {
			id = r.Src.ID
		}
		return fmt.Sprintf("is %q, the inputs give %q", id, j.src.id)
	}
	switch {
	case j.tgt.path == "" && r.Tgt != nil:
		return fmt.Sprintf("pairs %s with %s, the inputs leave it unpaired", j.src.id, r.Tgt.ID)
	case j.tgt.path != "" && r.Tgt == nil:
		return fmt.Sprintf("leaves %s unpaired, the inputs pair it with %s", j.src.id, j.tgt.id)
	case r.Tgt != nil && r.Tgt.ID != j.tgt.id:
		return fmt.Sprintf("pairs %s with %s, the inputs with %s", j.src.id, r.Tgt.ID, j.tgt.id)
	}
	return ""
}

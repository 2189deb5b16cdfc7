package pipeline

import "fmt"

// PairJob is one unit of work of a two-version run, as a distributed
// runner sees it: the paths of its documents (Tgt empty for a document
// without counterpart) and their IDs. A page of a WARC archive paired by
// --pair-by auto|url|content has the archive as its path (several jobs
// name the same archive) and its URL as ID.
type PairJob struct {
	Src, Tgt     string
	SrcID, TgtID string
}

// PairJobs returns the jobs of a two-version run (nil otherwise), in the
// order EachPair gives their results: the pairs file's or the pairing
// rule's, computed when e was built.
func (e *Engine) PairJobs() []PairJob {
	if !e.paired {
		return nil
	}
	out := make([]PairJob, len(e.jobs))
	for i, j := range e.jobs {
		out[i] = PairJob{Src: j.src.path, Tgt: j.tgt.path, SrcID: j.src.id, TgtID: j.tgt.id}
	}
	return out
}

// UsePairFilters gives a two-version run's engine the pair filters of its
// options, so that ProcessPair judges the pairs (PairResult.Verdicts) in
// the caller's goroutines; otherwise the Writer judges them as it writes.
// NewWriter does this for the engine it is given. Call it before
// processing, not concurrently with it.
func (e *Engine) UsePairFilters() error {
	if !e.paired || e.opts.NoClean || len(e.opts.Langs) < 2 {
		return nil
	}
	c, err := newCleaner(&e.opts, e.det, e.opts.Langs[0], e.opts.Langs[1])
	if err != nil {
		return err
	}
	e.pairJudge = (&pairSink{cleaner: c}).judge
	return nil
}

// ProcessPair reads and processes the documents of job i of PairJobs and
// aligns them, as EachPair does; it is safe for concurrent use. Its
// results, given to a Writer's AddPair in job order, write the outputs of
// the run (deduplication happens in the Writer).
func (e *Engine) ProcessPair(i int) (*PairResult, error) {
	if !e.paired || i < 0 || i >= len(e.jobs) {
		return nil, fmt.Errorf("process pair job %d: the run has %d jobs", i, len(e.jobs))
	}
	return e.processPair(e.jobs[i]), nil
}

package beampipe

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/paraline/paraline/pipeline"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*JobBatch)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*processPairFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*writePairsFn)(nil)).Elem())
}

// JobBatch is a run of consecutive pair jobs of a two-version run: the
// jobs First to First+N-1 of pipeline.Engine.PairJobs.
type JobBatch struct {
	First, N int
}

// PairJobs computes the pair jobs of a two-version run with c at launch,
// as "paraline run" does (the workers compute them again, identically), and
// returns them with the files their documents are read from, in the order
// of the run's first pass (an archive once for all its pages, which the
// jobs of an auto-paired run read in place by their offsets). Call done
// when the run is over: it closes the archives.
func PairJobs(ctx context.Context, c Config) (jobs []pipeline.PairJob, files []File, done func() error, err error) {
	// The options of the workers' engines (detector, dictionary), so
	// that a dictionary that does not load fails the launch.
	opts, err := c.engineOptions()
	if err != nil {
		return nil, nil, nil, err
	}
	e, err := pipeline.NewEngineWithEvidence(ctx, opts, pipeline.NewEvidence(opts))
	if err != nil {
		return nil, nil, nil, err
	}
	jobs = e.PairJobs()
	// The files of the jobs, each once: the pages of an archive are its
	// records, which the jobs read in place.
	var paths []string
	seen := map[string]bool{}
	for _, j := range jobs {
		for _, p := range []string{j.Src, j.Tgt} {
			if p != "" && !seen[p] {
				seen[p] = true
				paths = append(paths, p)
			}
		}
	}
	fc := c
	fc.Inputs, fc.Pairs, fc.PairBy = paths, "", ""
	return jobs, Expand(fc), e.Close, nil
}

// JobBatches cuts n jobs into batches of at most size jobs.
func JobBatches(n, size int) []JobBatch {
	size = max(size, 1)
	var out []JobBatch
	for first := 0; first < n; first += size {
		out = append(out, JobBatch{First: first, N: min(size, n-first)})
	}
	return out
}

// BuildPairs adds a two-version run with c over jobs jobs (PairJobs),
// whose documents are in files, writing into dir, to scope s.
func BuildPairs(s beam.Scope, c Config, dir string, jobs int, files []File) {
	size := cmp.Or(c.BatchSize, DefaultBatchSize)
	in := beam.CreateList(s.Scope("inputs"), Batches(files, size))
	in = beam.Reshuffle(s.Scope("spread"), in)

	es := s.Scope("evidence")
	parts := beam.ParDo(es, &evidenceFn{Cfg: c}, in)
	ev := beam.Combine(es, &mergeEvidenceFn{}, parts)

	batches := beam.CreateList(s.Scope("jobs"), JobBatches(jobs, size))
	batches = beam.Reshuffle(s.Scope("spread jobs"), batches)
	results := beam.ParDo(s.Scope("process"), &processPairFn{Cfg: c}, batches, beam.SideInput{Input: ev})

	ws := s.Scope("write")
	one := beam.ParDo(ws, toResult, results)
	beam.ParDo0(ws, &writePairsFn{Cfg: c, Dir: dir}, beam.GroupByKey(ws, one))
}

// processPairFn processes the pair jobs of a batch and emits their encoded
// results under the index of the batch's first job. Its engine is built
// once, from the merged evidence, with the pair filters, so that the pairs
// are judged in the workers.
type processPairFn struct {
	Cfg    Config
	engine *pipeline.Engine
	pool   *bundlePool[Result]
}

// StartBundle builds the engine (once) and prepares the bundle's workers.
func (f *processPairFn) StartBundle(ctx context.Context, evidence []byte, _ func(int64, []byte)) error {
	if f.engine == nil {
		e, err := newEngine(ctx, f.Cfg, evidence)
		if err != nil {
			return err
		}
		if err := e.UsePairFilters(); err != nil {
			e.Close()
			return err
		}
		f.engine = e
	}
	f.pool = newBundlePool[Result](f.Cfg.workers())
	return nil
}

// ProcessElement processes the jobs of one batch.
func (f *processPairFn) ProcessElement(b JobBatch, _ []byte, emit func(int64, []byte)) error {
	e := f.engine
	f.pool.submit(func(add func(Result)) error {
		enc, err := newResultEncoder()
		if err != nil {
			return err
		}
		for i := b.First; i < b.First+b.N; i++ {
			r, err := e.ProcessPair(i)
			if err != nil {
				return err
			}
			if err := enc.encodePair(r); err != nil {
				return err
			}
		}
		data, err := enc.close()
		if err != nil {
			return err
		}
		add(Result{Key: int64(b.First), Data: data})
		return nil
	})
	done, err := f.pool.take()
	for _, r := range done {
		emit(r.Key, r.Data)
	}
	return err
}

// FinishBundle emits the results still in flight.
func (f *processPairFn) FinishBundle(_ []byte, emit func(int64, []byte)) error {
	done, err := f.pool.wait()
	for _, r := range done {
		emit(r.Key, r.Data)
	}
	return err
}

// Teardown closes the archives whose records the engine read (an
// auto-paired run's pages).
func (f *processPairFn) Teardown() error {
	if f.engine == nil {
		return nil
	}
	return f.engine.Close()
}

// writePairsFn sorts the results by job and writes the run's outputs
// through pipeline.Writer.AddPair, as "paraline run" does: the global
// deduplication of the pairs happens there, in job order.
type writePairsFn struct {
	Cfg Config
	Dir string
}

// ProcessElement writes the outputs.
func (f *writePairsFn) ProcessElement(ctx context.Context, _ int, results func(*Result) bool) error {
	var all []Result
	var r Result
	for results(&r) {
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b Result) int { return cmp.Compare(a.Key, b.Key) })
	opts, err := f.Cfg.engineOptions()
	if err != nil {
		return err
	}
	e, err := pipeline.NewEngineWithEvidence(ctx, opts, pipeline.NewEvidence(opts))
	if err != nil {
		return err
	}
	defer e.Close()
	w, err := pipeline.NewWriter(f.Dir, e)
	if err != nil {
		return err
	}
	defer w.Abort()
	next := 0
	for i := range all {
		if int(all[i].Key) != next {
			return fmt.Errorf("write: the results of pair job %d are missing", next)
		}
		err := decodePairResults(all[i].Data, func(pr *pipeline.PairResult) error {
			next++
			if err := w.AddPair(pr); err != nil {
				return err
			}
			for _, d := range []*pipeline.DocResult{pr.Src, pr.Tgt} {
				if d != nil && d.Err != nil && f.Cfg.Strict {
					return fmt.Errorf("stopped at the first failed document (strict): %w", d.Err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		all[i].Data = nil
	}
	if n := len(e.PairJobs()); next != n {
		return fmt.Errorf("write: %d pair job results for %d jobs", next, n)
	}
	return w.Commit(ctx)
}

package beampipe

import (
	"cmp"
	"context"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/paraline/paraline/pipeline"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*JobBatch)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*processPairFn)(nil)).Elem())
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
// whose documents are in files, writing into dir, to scope s; the workers
// write their shards into work. The global deduplication is a keyed
// combine: every sentence pair given to the pair filters emits its
// deduplication keys with its position in job order, the combine keeps the
// first position of each key, and every later occurrence is marked a
// duplicate in the shard of its batch, for the final merge.
func BuildPairs(s beam.Scope, c Config, dir, work string, jobs int, files []File) {
	size := cmp.Or(c.BatchSize, DefaultBatchSize)
	in := beam.CreateList(s.Scope("inputs"), Batches(files, size))
	in = beam.Reshuffle(s.Scope("spread"), in)

	es := s.Scope("evidence")
	parts, _ := beam.ParDo2(es, &evidenceFn{Cfg: c}, in)
	ev := beam.Combine(es, &mergeEvidenceFn{}, parts)

	list := JobBatches(jobs, size)
	batches := beam.CreateList(s.Scope("jobs"), list)
	batches = beam.Reshuffle(s.Scope("spread jobs"), batches)
	results, keys := beam.ParDo2(s.Scope("process"), &processPairFn{Cfg: c}, batches, beam.SideInput{Input: ev})

	var marks beam.PCollection
	if c.dedups() {
		ds := s.Scope("dedup")
		first := beam.CombinePerKey(ds, firstPos, keys)
		marks = beam.ParDo(ds, &dupMarksFn{BatchSize: size}, beam.CoGroupByKey(ds, keys, first))
	}
	writeOutputs(s.Scope("write"), c, dir, work, int64(jobs), results, marks)
}

// dedups reports whether a two-version run with c deduplicates its pairs.
func (c Config) dedups() bool { return !c.NoClean && !c.NoDedup }

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
func (f *processPairFn) StartBundle(ctx context.Context, evidence []byte, _ func(int64, Shard), _ func(int64, int64)) error {
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
func (f *processPairFn) ProcessElement(b JobBatch, _ []byte, emit func(int64, Shard), emitKey func(int64, int64)) error {
	e, c := f.engine, f.Cfg
	f.pool.submit(func(add func(Result)) error {
		enc, err := newResultEncoder()
		if err != nil {
			return err
		}
		var keys []keyPos
		for i := b.First; i < b.First+b.N; i++ {
			r, err := e.ProcessPair(i)
			if err != nil {
				return err
			}
			if err := enc.encodePair(r); err != nil {
				return err
			}
			if !c.dedups() {
				continue
			}
			for k, dk := range r.DedupKeys(c.MinScore) {
				pos, err := pairPos(i, k)
				if err != nil {
					return err
				}
				keys = append(keys, keyPos{int64(dk[0]), pos})
				if dk[1] != 0 {
					keys = append(keys, keyPos{int64(dk[1]), pos})
				}
			}
		}
		data, err := enc.close()
		if err != nil {
			return err
		}
		add(Result{Key: int64(b.First), Data: data, Next: int64(b.First + b.N), keys: keys})
		return nil
	})
	done, err := f.pool.take()
	emitPairResults(done, emit, emitKey)
	return err
}

// keyPos is a deduplication key of a sentence pair and its position.
type keyPos struct{ key, pos int64 }

// emitPairResults emits the results of pair job batches and their pairs'
// deduplication keys.
func emitPairResults(done []Result, emit func(int64, Shard), emitKey func(int64, int64)) {
	for _, r := range done {
		emit(r.Key, Shard{Next: r.Next, Data: r.Data})
		for _, k := range r.keys {
			emitKey(k.key, k.pos)
		}
	}
}

// FinishBundle emits the results still in flight.
func (f *processPairFn) FinishBundle(_ []byte, emit func(int64, Shard), emitKey func(int64, int64)) error {
	done, err := f.pool.wait()
	emitPairResults(done, emit, emitKey)
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

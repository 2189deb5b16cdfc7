package beampipe

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/pipeline"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*File)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Batch)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Result)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*evidenceFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*mergeEvidenceFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*processFn)(nil)).Elem())
}

// Result holds the encoded results of the documents of one batch, in
// order, under the key that orders the batch as "paraline run" orders its
// documents.
type Result struct {
	Key  int64
	Data []byte
	keys []keyPos // of a pair job batch: its pairs' deduplication keys
}

// DefaultBatchSize is the number of files of a Batch by default: a few
// files, so that a runner has thousands of elements to spread over its
// workers on a real corpus, and few enough elements to cost it little.
const DefaultBatchSize = 8

// Build adds a run with c over files (Expand) writing into dir to scope s;
// the workers write their shards into the folder work (local, or a Beam
// filesystem's path the workers and the merge share).
func Build(s beam.Scope, c Config, dir, work string, files []File) {
	batches := Batches(files, cmp.Or(c.BatchSize, DefaultBatchSize))
	in := beam.CreateList(s.Scope("inputs"), batches)
	in = beam.Reshuffle(s.Scope("spread"), in)

	es := s.Scope("evidence")
	parts := beam.ParDo(es, &evidenceFn{Cfg: c}, in)
	ev := beam.Combine(es, &mergeEvidenceFn{}, parts)

	results := beam.ParDo(s.Scope("process"), &processFn{Cfg: c}, in, beam.SideInput{Input: ev})
	writeOutputs(s.Scope("write"), c, dir, work, len(batches), results, beam.PCollection{})
}

// writeOutputs adds the end of a run: each batch's results (with the
// duplicate marks of its pairs, when marks is valid) written to a shard by
// a worker, then the final merge, which streams the shards in order
// through pipeline.Writer into dir.
func writeOutputs(s beam.Scope, c Config, dir, work string, batches int, results, marks beam.PCollection) {
	var shards beam.PCollection
	if marks.IsValid() {
		shards = beam.ParDo(s, &dedupShardFn{Work: work}, beam.CoGroupByKey(s, results, marks))
	} else {
		shards = beam.ParDo(s, &shardFn{Work: work}, results)
	}
	list := beam.Combine(s, &shardListFn{}, shards)
	beam.ParDo0(s, &mergeFn{Cfg: c, Dir: dir, Work: work, Shards: batches}, list)
}

// workers returns the goroutines of one bundle.
func (c Config) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return runtime.NumCPU()
}

// evidenceFn reads the files of a bundle and emits their evidence (one
// encoded pipeline.Evidence per bundle).
type evidenceFn struct {
	Cfg  Config
	ev   *pipeline.Evidence
	pool *bundlePool[struct{}]
}

// StartBundle starts empty evidence.
func (f *evidenceFn) StartBundle(_ func([]byte)) {
	f.ev = pipeline.NewEvidence(f.Cfg.Options())
	f.pool = newBundlePool[struct{}](f.Cfg.workers())
}

// ProcessElement adds the evidence of one file; the bundle's evidence is
// emitted by FinishBundle.
func (f *evidenceFn) ProcessElement(b Batch, _ func([]byte)) error {
	c, ev := f.Cfg, f.ev
	f.pool.submit(func(func(struct{})) error {
		for _, file := range b.Files {
			err := eachDocument(c, file, func(_ int64, d *corpus.Document) error {
				ev.AddDocument(d)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	_, err := f.pool.take()
	return err
}

// FinishBundle emits the evidence of the bundle.
func (f *evidenceFn) FinishBundle(emit func([]byte)) error {
	if _, err := f.pool.wait(); err != nil {
		return err
	}
	b, err := f.ev.MarshalBinary()
	if err != nil {
		return err
	}
	f.ev = nil
	emit(b)
	return nil
}

// mergeEvidenceFn merges encoded evidence (pipeline.Evidence.Merge).
type mergeEvidenceFn struct{}

// MergeAccumulators returns the merge of a and b.
func (mergeEvidenceFn) MergeAccumulators(a, b []byte) ([]byte, error) {
	var ea, eb pipeline.Evidence
	if err := ea.UnmarshalBinary(a); err != nil {
		return nil, err
	}
	if err := eb.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	if err := ea.Merge(&eb); err != nil {
		return nil, err
	}
	return ea.MarshalBinary()
}

// processFn reads the files of a bundle and emits the encoded result of
// each document under its key. Its engine is built once, from the merged
// evidence, and kept while the runner reuses the DoFn.
type processFn struct {
	Cfg    Config
	engine *pipeline.Engine
	pool   *bundlePool[Result]
}

// StartBundle builds the engine from the merged evidence (once) and
// prepares the bundle's workers.
func (f *processFn) StartBundle(ctx context.Context, evidence []byte, _ func(int64, []byte)) error {
	if f.engine == nil {
		e, err := newEngine(ctx, f.Cfg, evidence)
		if err != nil {
			return err
		}
		f.engine = e
	}
	f.pool = newBundlePool[Result](f.Cfg.workers())
	return nil
}

// newEngine builds the engine of a worker from the merged evidence of the
// first pass (its binary form) and the run's configuration.
func newEngine(ctx context.Context, cfg Config, evidence []byte) (*pipeline.Engine, error) {
	var ev pipeline.Evidence
	if err := ev.UnmarshalBinary(evidence); err != nil {
		return nil, err
	}
	opts, err := cfg.engineOptions()
	if err != nil {
		return nil, err
	}
	return pipeline.NewEngineWithEvidence(ctx, opts, &ev)
}

// ProcessElement processes the documents of one batch.
func (f *processFn) ProcessElement(b Batch, _ []byte, emit func(int64, []byte)) error {
	c, e := f.Cfg, f.engine
	f.pool.submit(func(add func(Result)) error {
		enc, err := newResultEncoder()
		if err != nil {
			return err
		}
		for _, file := range b.Files {
			err := eachDocument(c, file, func(_ int64, d *corpus.Document) error {
				return enc.encode(e.Process(d))
			})
			if err != nil {
				return err
			}
		}
		data, err := enc.close()
		if err != nil {
			return err
		}
		add(Result{Key: b.key(), Data: data})
		return nil
	})
	done, err := f.pool.take()
	for _, r := range done {
		emit(r.Key, r.Data)
	}
	return err
}

// FinishBundle emits the results still in flight.
func (f *processFn) FinishBundle(_ []byte, emit func(int64, []byte)) error {
	done, err := f.pool.wait()
	for _, r := range done {
		emit(r.Key, r.Data)
	}
	return err
}

// Run runs c on runner ("prism", "dataflow", "flink", "spark", or any
// runner registered with Beam) into dir. With a runner whose workers write
// into this machine's dir (Prism), it returns the report, and an error
// wrapping pipeline.ErrFailedDocuments when some documents failed, as
// pipeline.Run does.
func Run(ctx context.Context, runner string, c Config, dir string) (*pipeline.Report, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	p, s := beam.NewPipelineWithRoot()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	work, err := os.MkdirTemp(dir, ".paraline-beam-shards-")
	if err != nil {
		return nil, fmt.Errorf("create the shards' folder: %w", err)
	}
	defer os.RemoveAll(work)
	if c.paired() {
		jobs, files, done, err := PairJobs(ctx, c)
		if err != nil {
			return nil, err
		}
		defer func() { _ = done() }() // closes the archives of the jobs
		if len(jobs) == 0 {
			return nil, errors.New("no pair jobs: no input files")
		}
		BuildPairs(s, c, dir, work, len(jobs), files)
	} else {
		files := Expand(c)
		if len(files) == 0 {
			return nil, errors.New("no input files")
		}
		Build(s, c, dir, work, files)
	}
	if _, err := beam.Run(ctx, runner, p); err != nil {
		return nil, fmt.Errorf("beam run (%s): %w", runner, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil // written elsewhere (a cluster's workers)
	}
	if err != nil {
		return nil, err
	}
	var rep pipeline.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(dir, "report.json"), err)
	}
	if rep.Documents.Failed > 0 {
		return &rep, fmt.Errorf("%w: %d of %d documents (see report.json)", pipeline.ErrFailedDocuments, rep.Documents.Failed, rep.Documents.Read)
	}
	return &rep, nil
}

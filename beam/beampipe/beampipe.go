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
	"strconv"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/pipeline"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*File)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Batch)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Result)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Unit)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Shard)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*evidenceFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*mergeEvidenceFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*processFn)(nil)).Elem())
}

// Result holds the encoded results of the documents of one batch, in
// order, under the key that orders the batch as "paraline run" orders its
// documents.
type Result struct {
	Key   int64
	Data  []byte
	Next  int64    // the key after the batch's last document or job
	Trans []byte   // of a translating run: the translations (encodeTranslations)
	keys  []keyPos // of a pair job batch: its pairs' deduplication keys
}

// Shard is what a worker writes for one element of the second pass: the
// encoded results of its documents (or pair jobs), and the key of the
// next element, which the merge checks.
type Shard struct {
	Next  int64
	Data  []byte
	Trans []byte
}

// DefaultBatchSize is the number of files of a Batch by default: a few
// files, so that a runner has thousands of elements to spread over its
// workers on a real corpus, and few enough elements to cost it little.
const DefaultBatchSize = 8

// DefaultRangeSize is the number of records of a range of a WARC archive
// by default: a few seconds of work.
const DefaultRangeSize = 256

// rangeSize returns the records of a range of an archive, or 0: none.
func (c Config) rangeSize() int {
	if c.RangeSize < 0 {
		return 0
	}
	return cmp.Or(c.RangeSize, DefaultRangeSize)
}

// Build adds a run with c over files (Expand) writing into dir to scope s;
// the workers write their shards into the folder work (local, or a Beam
// filesystem's path the workers and the merge share). The first pass reads
// the batches of files and lists the records of each WARC archive: its
// second output is the units of the second pass, whole files or ranges of
// an archive's records (Config.RangeSize).
func Build(s beam.Scope, c Config, dir, work string, files []File) {
	batches := Batches(files, cmp.Or(c.BatchSize, DefaultBatchSize))
	in := beam.CreateList(s.Scope("inputs"), batches)
	in = beam.Reshuffle(s.Scope("spread"), in)

	es := s.Scope("evidence")
	parts, units := beam.ParDo2(es, &evidenceFn{Cfg: c, Index: true}, in)
	ev := beam.Combine(es, &mergeEvidenceFn{}, parts)

	units = beam.Reshuffle(s.Scope("spread units"), units)
	results := beam.ParDo(s.Scope("process"), &processFn{Cfg: c}, units, beam.SideInput{Input: ev})
	writeOutputs(s.Scope("write"), c, dir, work, int64(len(files))*maxRecords, results, beam.PCollection{})
}

// writeOutputs adds the end of a run: each batch's results (with the
// duplicate marks of its pairs, when marks is valid) written to a shard by
// a worker, then the final merge, which streams the shards in order
// through pipeline.Writer into dir.
// The merge checks that the shards cover the keys 0 to end.
func writeOutputs(s beam.Scope, c Config, dir, work string, end int64, results, marks beam.PCollection) {
	var shards beam.PCollection
	if marks.IsValid() {
		shards = beam.ParDo(s, &dedupShardFn{Work: work}, beam.CoGroupByKey(s, results, marks))
	} else {
		shards = beam.ParDo(s, &shardFn{Work: work}, results)
	}
	list := beam.Combine(s, &shardListFn{}, shards)
	beam.ParDo0(s, &mergeFn{Cfg: c, Dir: dir, Work: work, End: end}, list)
}

// workers returns the goroutines of one bundle.
func (c Config) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return runtime.NumCPU()
}

// evidenceFn reads the files of a bundle and emits their evidence (one
// encoded pipeline.Evidence per bundle). With Index, it also emits the
// units of the second pass: a batch's files whole, except each WARC
// archive of more than Config.RangeSize records, whose records it lists
// (Document.Record) and cuts into ranges.
type evidenceFn struct {
	Cfg   Config
	Index bool
	ev    *pipeline.Evidence
	pool  *bundlePool[Unit]
}

// StartBundle starts empty evidence.
func (f *evidenceFn) StartBundle(_ func([]byte), _ func(Unit)) {
	f.ev = pipeline.NewEvidence(f.Cfg.Options())
	f.pool = newBundlePool[Unit](f.Cfg.workers())
}

// ProcessElement adds the evidence of one batch; the bundle's evidence is
// emitted by FinishBundle.
func (f *evidenceFn) ProcessElement(b Batch, _ func([]byte), emit func(Unit)) error {
	c, ev, index := f.Cfg, f.ev, f.Index
	f.pool.submit(func(add func(Unit)) error {
		var whole []File
		for _, file := range b.Files {
			var refs []corpus.RecordRef
			located := true
			err := eachDocument(c, file, func(_ int64, d *corpus.Document) error {
				ev.AddDocument(d)
				if d.Record == nil {
					located = false
				} else if located {
					refs = append(refs, *d.Record)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if !index {
				continue
			}
			if size := c.rangeSize(); size == 0 || !located || len(refs) <= size {
				whole = append(whole, file)
				continue
			}
			if len(whole) > 0 {
				add(fileUnit(whole))
				whole = nil
			}
			for _, u := range rangeUnits(file, refs, c.rangeSize()) {
				add(u)
			}
		}
		if len(whole) > 0 {
			add(fileUnit(whole))
		}
		return nil
	})
	done, err := f.pool.take()
	for _, u := range done {
		emit(u)
	}
	return err
}

// FinishBundle emits the evidence of the bundle and the units in flight.
func (f *evidenceFn) FinishBundle(emitEvidence func([]byte), emit func(Unit)) error {
	done, err := f.pool.wait()
	if err != nil {
		return err
	}
	for _, u := range done {
		emit(u)
	}
	b, err := f.ev.MarshalBinary()
	if err != nil {
		return err
	}
	f.ev = nil
	emitEvidence(b)
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

// processFn reads the documents of a unit (whole files or a range of an
// archive's records) and emits their encoded results under the key of the
// unit's first document. Its engine is built once, from the merged
// evidence, and kept while the runner reuses the DoFn.
type processFn struct {
	Cfg    Config
	engine *pipeline.Engine
	opener *corpus.RecordOpener
	pool   *bundlePool[Result]
}

// StartBundle builds the engine from the merged evidence (once) and
// prepares the bundle's workers.
func (f *processFn) StartBundle(ctx context.Context, evidence []byte, _ func(int64, Shard)) error {
	if f.engine == nil {
		e, err := newEngine(ctx, f.Cfg, evidence)
		if err != nil {
			return err
		}
		f.engine = e
	}
	if f.opener == nil {
		o, err := corpus.NewRecordOpener(f.Cfg.remoteOptions())
		if err != nil {
			return err
		}
		f.opener = o
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

// ProcessElement processes the documents of one unit.
func (f *processFn) ProcessElement(u Unit, _ []byte, emit func(int64, Shard)) error {
	c, e, o := f.Cfg, f.engine, f.opener
	f.pool.submit(func(add func(Result)) error {
		enc, err := newResultEncoder()
		if err != nil {
			return err
		}
		var kept []*pipeline.DocResult // of a translating run
		err = eachUnitDocument(c, o, u, func(_ int64, d *corpus.Document) error {
			r := e.Process(d)
			if c.TranslateTo != "" {
				kept = append(kept, r)
			}
			return enc.encode(r)
		})
		if err != nil {
			return err
		}
		data, err := enc.close()
		if err != nil {
			return err
		}
		var trans []byte
		if c.TranslateTo != "" {
			ts, st, err := translateUnit(context.Background(), c, kept)
			if err != nil {
				return err
			}
			if trans, err = encodeTranslations(ts, st); err != nil {
				return err
			}
		}
		add(Result{Key: u.key(), Data: data, Next: u.Next, Trans: trans})
		return nil
	})
	done, err := f.pool.take()
	emitShards(done, emit)
	return err
}

// emitShards emits the results of units as shards.
func emitShards(done []Result, emit func(int64, Shard)) {
	for _, r := range done {
		emit(r.Key, Shard{Next: r.Next, Data: r.Data, Trans: r.Trans})
	}
}

// FinishBundle emits the results still in flight.
func (f *processFn) FinishBundle(_ []byte, emit func(int64, Shard)) error {
	done, err := f.pool.wait()
	emitShards(done, emit)
	return err
}

// Teardown closes the archives the DoFn's record opener opened.
func (f *processFn) Teardown() error {
	if f.opener == nil {
		return nil
	}
	return f.opener.Close()
}

// workFolder returns the folder of the run's shards, under dir: a new
// local folder, or a unique prefix on a remote filesystem.
func workFolder(dir string) (string, error) {
	if remote(dir) {
		return strings.TrimSuffix(dir, "/") + "/.paraline-beam-shards-" + strconv.FormatInt(time.Now().UnixNano(), 36), nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create output directory: %w", err)
	}
	work, err := os.MkdirTemp(dir, ".paraline-beam-shards-")
	if err != nil {
		return "", fmt.Errorf("create the shards' folder: %w", err)
	}
	return work, nil
}

// readOutput reads the output name of a run into dir (local or remote).
func readOutput(ctx context.Context, dir, name string) ([]byte, error) {
	if !remote(dir) {
		return os.ReadFile(filepath.Join(dir, name))
	}
	p := strings.TrimSuffix(dir, "/") + "/" + name
	bfs, err := filesystem.New(ctx, p)
	if err != nil {
		return nil, err
	}
	defer bfs.Close()
	b, err := filesystem.Read(ctx, bfs, p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return b, nil
}

// autoPaired reports whether "paraline run" would pair the documents of
// c by their versions by default (pipeline.Options.AutoPair): local inputs
// holding two languages' versions. Remote inputs are not paired.
func autoPaired(ctx context.Context, c Config) (bool, error) {
	for _, in := range c.Inputs {
		if remote(in) {
			return false, nil
		}
	}
	opts, err := c.engineOptions()
	if err != nil {
		return false, err
	}
	opts.AutoPair = true
	e, err := pipeline.NewEngineWithEvidence(ctx, opts, pipeline.NewEvidence(opts))
	if err != nil {
		return false, err
	}
	defer e.Close()
	return len(e.PairJobs()) > 0, nil
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
	work, err := workFolder(dir)
	if err != nil {
		return nil, err
	}
	if !remote(work) {
		defer os.RemoveAll(work)
	}
	if c.AutoPair && !c.paired() && c.TranslateTo == "" {
		auto, err := autoPaired(ctx, c)
		if err != nil {
			return nil, err
		}
		if auto {
			c.PairBy = pipeline.PairByAuto
		}
	}
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
	b, err := readOutput(ctx, dir, "report.json")
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

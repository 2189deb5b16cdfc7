package beampipe

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // shards in a local (or shared) folder

	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/pipeline"
)

func init() {
	beam.RegisterType(reflect.TypeOf((*DupMark)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*dupMarksFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*shardFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*dedupShardFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*shardListFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*mergeFn)(nil)).Elem())
	beam.RegisterFunction(firstPos)
}

// posBits is the number of bits of a pair's position that number it among
// the pairs of its job (the rest is the job's index): positions order the
// sentence pairs of a two-version run as "paraline run" gives them to its
// pair filters.
const posBits = 24

// pairPos returns the position of the i-th pair of job.
func pairPos(job, i int) (int64, error) {
	if i >= 1<<posBits {
		return 0, fmt.Errorf("pair job %d: more than %d sentence pairs", job, 1<<posBits)
	}
	return int64(job)<<posBits | int64(i), nil
}

// firstPos keeps the smaller of two positions of a deduplication key: the
// combine that finds each key's first occurrence in the run.
func firstPos(a, b int64) int64 { return min(a, b) }

// DupMark says that the sentence pair at Pos is a duplicate by its key Key
// (a clean.DedupKeys hash as int64): an earlier pair had that key.
type DupMark struct {
	Pos, Key int64
}

// dupMarksFn joins the occurrences of a deduplication key with its first
// position and emits a mark for every later occurrence, under the key of
// the batch of jobs it belongs to (the shard that writes it).
type dupMarksFn struct {
	// BatchSize is the number of jobs of a batch (JobBatches).
	BatchSize int
}

// ProcessElement marks the occurrences of key after its first.
func (f *dupMarksFn) ProcessElement(key int64, occ func(*int64) bool, first func(*int64) bool, emit func(int64, DupMark)) error {
	var min int64
	if !first(&min) {
		return fmt.Errorf("deduplication key %x: no first position", uint64(key))
	}
	size := int64(max(f.BatchSize, 1))
	var p int64
	for occ(&p) {
		if p > min {
			job := p >> posBits
			emit(job-job%size, DupMark{Pos: p, Key: key})
		}
	}
	return nil
}

// shardMagic starts a shard file.
const shardMagic = "PLSHARD1"

// shardName returns the name of the shard of the batch with key in work.
func shardName(work string, key int64) string {
	return strings.TrimSuffix(work, "/") + fmt.Sprintf("/%020d.shard", key)
}

// writeShard writes a batch's encoded results and duplicate marks to its
// shard: the shard is first written under a temporary name and renamed
// when the filesystem can, so a retried bundle rewrites it whole.
func writeShard(ctx context.Context, work string, key int64, sh Shard, marks []DupMark) error {
	name := shardName(work, key)
	b := append([]byte(shardMagic), binary.AppendVarint(nil, sh.Next)...)
	b = binary.AppendUvarint(b, uint64(len(sh.Trans)))
	b = append(b, sh.Trans...)
	b = binary.AppendUvarint(b, uint64(len(marks)))
	for _, m := range marks {
		b = binary.AppendVarint(b, m.Pos)
		b = binary.LittleEndian.AppendUint64(b, uint64(m.Key))
	}
	b = append(b, sh.Data...)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("write shard %s: %w", name, err)
	}
	defer fs.Close()
	if r, ok := fs.(filesystem.Renamer); ok {
		tmp := name + ".tmp"
		if err := filesystem.Write(ctx, fs, tmp, b); err != nil {
			return fmt.Errorf("write shard %s: %w", tmp, err)
		}
		if err := r.Rename(ctx, tmp, name); err != nil {
			return fmt.Errorf("write shard %s: %w", name, err)
		}
		return nil
	}
	if err := filesystem.Write(ctx, fs, name, b); err != nil {
		return fmt.Errorf("write shard %s: %w", name, err)
	}
	return nil
}

// readShard reads the shard of the batch with key: its encoded results,
// the key after it and its duplicate marks by position.
func readShard(ctx context.Context, fs filesystem.Interface, work string, key int64) (sh Shard, marks map[int64][]int64, err error) {
	name := shardName(work, key)
	b, err := filesystem.Read(ctx, fs, name)
	if err != nil {
		return sh, nil, fmt.Errorf("read shard %s: %w", name, err)
	}
	if !bytes.HasPrefix(b, []byte(shardMagic)) {
		return sh, nil, fmt.Errorf("read shard %s: not a shard", name)
	}
	r := bytes.NewReader(b[len(shardMagic):])
	next, err := binary.ReadVarint(r)
	if err != nil {
		return sh, nil, fmt.Errorf("read shard %s: %w", name, err)
	}
	tn, err := binary.ReadUvarint(r)
	if err != nil || tn > uint64(r.Len()) {
		return sh, nil, fmt.Errorf("read shard %s: bad translations", name)
	}
	var trans []byte
	if tn > 0 {
		trans = make([]byte, tn)
		if _, err := io.ReadFull(r, trans); err != nil {
			return sh, nil, fmt.Errorf("read shard %s: %w", name, err)
		}
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(r.Len()) {
		return sh, nil, fmt.Errorf("read shard %s: bad mark count", name)
	}
	marks = map[int64][]int64{}
	for range n {
		pos, err := binary.ReadVarint(r)
		if err != nil {
			return sh, nil, fmt.Errorf("read shard %s: %w", name, err)
		}
		var k [8]byte
		if _, err := io.ReadFull(r, k[:]); err != nil {
			return sh, nil, fmt.Errorf("read shard %s: %w", name, err)
		}
		marks[pos] = append(marks[pos], int64(binary.LittleEndian.Uint64(k[:])))
	}
	return Shard{Next: next, Data: b[len(b)-r.Len():], Trans: trans}, marks, nil
}

// shardFn writes the results of a batch to its shard (no deduplication).
type shardFn struct {
	Work string
}

// ProcessElement writes one shard and emits its key.
func (f *shardFn) ProcessElement(ctx context.Context, key int64, sh Shard, emit func(int64)) error {
	if err := writeShard(ctx, f.Work, key, sh, nil); err != nil {
		return err
	}
	emit(key)
	return nil
}

// dedupShardFn writes the results of a batch and the duplicate marks of its
// pairs to its shard.
type dedupShardFn struct {
	Work string
}

// ProcessElement writes one shard and emits its key.
func (f *dedupShardFn) ProcessElement(ctx context.Context, key int64, results func(*Shard) bool, marks func(*DupMark) bool, emit func(int64)) error {
	var sh Shard
	if !results(&sh) {
		return fmt.Errorf("shard %d: duplicate marks without results", key)
	}
	var extra Shard
	if results(&extra) {
		return fmt.Errorf("shard %d: two results for one batch", key)
	}
	var all []DupMark
	var m DupMark
	for marks(&m) {
		all = append(all, m)
	}
	slices.SortFunc(all, func(a, b DupMark) int {
		if a.Pos != b.Pos {
			return int(min(max(a.Pos-b.Pos, -1), 1))
		}
		return int(min(max(a.Key-b.Key, -1), 1))
	})
	if err := writeShard(ctx, f.Work, key, sh, all); err != nil {
		return err
	}
	emit(key)
	return nil
}

// shardListFn collects the keys of the shards written, in order: the only
// thing the final merge receives from the workers.
type shardListFn struct{}

// CreateAccumulator returns an empty list.
func (shardListFn) CreateAccumulator() []int64 { return nil }

// AddInput adds a key.
func (shardListFn) AddInput(a []int64, k int64) []int64 { return append(a, k) }

// MergeAccumulators merges two lists.
func (shardListFn) MergeAccumulators(a, b []int64) []int64 { return append(a, b...) }

// ExtractOutput sorts the keys.
func (shardListFn) ExtractOutput(a []int64) []int64 {
	slices.Sort(a)
	return a
}

// mergeFn streams the shards in order through pipeline.Writer into the
// run's outputs, one shard in memory at a time, then removes them.
type mergeFn struct {
	Cfg  Config
	Dir  string
	Work string
	// End is the key after the run's last document (or pair job): the
	// shards must cover the keys from 0 to End.
	End int64
}

// ProcessElement writes the outputs from the shards with keys.
func (f *mergeFn) ProcessElement(ctx context.Context, keys []int64) error {
	opts, err := f.Cfg.engineOptions()
	if err != nil {
		return err
	}
	var tr *shardTranslator
	if f.Cfg.TranslateTo != "" {
		tr = &shardTranslator{}
		opts.Translator = tr
	}
	e, err := pipeline.NewEngineWithEvidence(ctx, opts, pipeline.NewEvidence(opts))
	if err != nil {
		return err
	}
	defer e.Close()
	out := f.Dir
	if remote(f.Dir) {
		// The writer writes local files: a local folder, copied to the
		// remote one once committed.
		if out, err = os.MkdirTemp("", "paraline-beam-out-"); err != nil {
			return err
		}
		defer os.RemoveAll(out)
	}
	w, err := pipeline.NewWriter(out, e)
	if err != nil {
		return err
	}
	defer w.Abort()
	fs, err := filesystem.New(ctx, f.Work)
	if err != nil {
		return err
	}
	defer fs.Close()
	if f.Cfg.paired() {
		if n := int64(len(e.PairJobs())); n != f.End {
			return fmt.Errorf("merge: %d pair jobs, %d at launch", n, f.End)
		}
		err = f.mergePairs(ctx, fs, w, keys)
	} else {
		err = f.mergeDocs(ctx, fs, w, keys, tr)
	}
	if err != nil {
		return err
	}
	if err := w.Commit(ctx); err != nil {
		return err
	}
	if out != f.Dir {
		if err := copyOut(ctx, out, f.Dir); err != nil {
			return err
		}
	}
	return removeShards(ctx, fs, f.Work, keys)
}

// strictErr returns the error that stops a strict run at d, or nil.
func (f *mergeFn) strictErr(d *pipeline.DocResult) error {
	if d != nil && d.Err != nil && f.Cfg.Strict {
		return fmt.Errorf("stopped at the first failed document (strict): %w", d.Err)
	}
	return nil
}

// mergeDocs writes the document results of the shards.
func (f *mergeFn) mergeDocs(ctx context.Context, fs filesystem.Interface, w *pipeline.Writer, keys []int64, tr *shardTranslator) error {
	var next int64
	for _, k := range keys {
		if k != next {
			return fmt.Errorf("merge: the shard of key %d is missing", next)
		}
		sh, _, err := readShard(ctx, fs, f.Work, k)
		if err != nil {
			return err
		}
		next = sh.Next
		if tr != nil {
			ts, st, err := decodeTranslations(sh.Trans)
			if err != nil {
				return fmt.Errorf("shard %d: %w", k, err)
			}
			tr.push(ts, st)
		}
		err = decodeResults(sh.Data, func(d *pipeline.DocResult) error {
			if err := w.Add(ctx, d); err != nil {
				return err
			}
			return f.strictErr(d)
		})
		if err != nil {
			return err
		}
	}
	if next != f.End {
		return fmt.Errorf("merge: the shards end at key %d, the run at %d", next, f.End)
	}
	return nil
}

// mergePairs writes the pair job results of the shards, their duplicates
// decided by the marks of the keyed combine.
func (f *mergeFn) mergePairs(ctx context.Context, fs filesystem.Interface, w *pipeline.Writer, keys []int64) error {
	var (
		marks  map[int64][]int64
		job, i int
		bad    error
	)
	w.DecideDuplicates(func(exact, norm uint64) string {
		pos, err := pairPos(job, i)
		i++
		if err != nil {
			bad = cmpErr(bad, err)
			return ""
		}
		ks := marks[pos]
		switch {
		case len(ks) == 0:
			return ""
		case slices.Contains(ks, int64(exact)):
			return clean.DupExact
		case norm != 0 && slices.Contains(ks, int64(norm)):
			return clean.DupNormalized
		}
		bad = cmpErr(bad, fmt.Errorf("merge: pair %d of job %d: its duplicate marks match none of its keys", i-1, job))
		return ""
	})
	for _, k := range keys {
		if int(k) != job {
			return fmt.Errorf("merge: the results of pair job %d are missing", job)
		}
		sh, m, err := readShard(ctx, fs, f.Work, k)
		if err != nil {
			return err
		}
		marks = m
		err = decodePairResults(sh.Data, func(pr *pipeline.PairResult) error {
			i = 0
			if err := w.AddPair(pr); err != nil {
				return err
			}
			if bad != nil {
				return bad
			}
			job++
			for _, d := range []*pipeline.DocResult{pr.Src, pr.Tgt} {
				if err := f.strictErr(d); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if int64(job) != sh.Next {
			return fmt.Errorf("merge: the shard of job %d holds the results of jobs up to %d, not %d", k, job, sh.Next)
		}
	}
	if int64(job) != f.End {
		return fmt.Errorf("merge: %d pair job results for %d jobs", job, f.End)
	}
	return nil
}

// cmpErr returns the first of two errors.
func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// removeShards removes the shards (and the folder of a local run).
func removeShards(ctx context.Context, fs filesystem.Interface, work string, keys []int64) error {
	r, ok := fs.(filesystem.Remover)
	if !ok {
		return nil
	}
	var errs []error
	for _, k := range keys {
		if err := r.Remove(ctx, shardName(work, k)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

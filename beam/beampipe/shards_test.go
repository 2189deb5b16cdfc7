package beampipe

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/pipeline"
)

// TestDupMarks checks the join of a key's occurrences with its first
// position: every later occurrence is marked, in the shard of its batch.
func TestDupMarks(t *testing.T) {
	pos := func(job, i int) int64 {
		p, err := pairPos(job, i)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	occ := []int64{pos(7, 2), pos(2, 5), pos(2, 1), pos(9, 0)}
	first := occ[0]
	for _, p := range occ[1:] {
		first = firstPos(first, p)
	}
	iter := func(v []int64) func(*int64) bool {
		return func(p *int64) bool {
			if len(v) == 0 {
				return false
			}
			*p, v = v[0], v[1:]
			return true
		}
	}
	var got []string
	f := &dupMarksFn{BatchSize: 4}
	err := f.ProcessElement(42, iter(occ), iter([]int64{first}), func(batch int64, m DupMark) {
		got = append(got, fmt.Sprintf("%d:%d/%d:%d", batch, m.Pos>>posBits, m.Pos&(1<<posBits-1), m.Key))
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "[4:7/2:42 0:2/5:42 8:9/0:42]"
	if fmt.Sprint(got) != want {
		t.Errorf("marks %v, want %s", got, want)
	}
	if _, err := pairPos(1, 1<<posBits); err == nil {
		t.Error("pairPos accepts an index past its bits")
	}
}

// TestShardRoundTrip writes a shard and reads it back.
func TestShardRoundTrip(t *testing.T) {
	ctx := context.Background()
	work := filepath.Join(t.TempDir(), "shards")
	marks := []DupMark{{Pos: 5, Key: -3}, {Pos: 5, Key: 9}, {Pos: 1 << 40, Key: 1}}
	if err := writeShard(ctx, work, 16, Shard{Next: 24, Data: []byte("results")}, marks); err != nil {
		t.Fatal(err)
	}
	fs := newTestFS(t, ctx, work)
	sh, got, err := readShard(ctx, fs, work, 16)
	if err != nil {
		t.Fatal(err)
	}
	if string(sh.Data) != "results" || sh.Next != 24 || fmt.Sprint(got) != "map[5:[-3 9] 1099511627776:[1]]" {
		t.Errorf("read %+v %v", sh, got)
	}
	if _, _, err := readShard(ctx, fs, work, 17); err == nil {
		t.Error("a missing shard reads")
	}
}

func newTestFS(t *testing.T, ctx context.Context, path string) filesystem.Interface {
	t.Helper()
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fs.Close() })
	return fs
}

// TestRangeUnits checks that the first pass cuts the WARC archives into
// ranges of records and the other files into whole-file units, and that
// the units cover every document of the run in order.
func TestRangeUnits(t *testing.T) {
	warcs := writeWARCs(t)
	c := Config{Inputs: []string{"testdata/site/a.txt", warcs}, Langs: []string{"en", "ru"}, RangeSize: 2, Workers: 1}
	files := Expand(c)
	f := &evidenceFn{Cfg: c, Index: true}
	f.StartBundle(nil, nil)
	var units []Unit
	emit := func(u Unit) { units = append(units, u) }
	for _, b := range Batches(files, 8) {
		if err := f.ProcessElement(b, nil, emit); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.FinishBundle(func([]byte) {}, emit); err != nil {
		t.Fatal(err)
	}
	ranges, next := 0, int64(0)
	o, err := corpus.NewRecordOpener(c.readerOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	var ids []string
	for _, u := range units {
		if u.key() != next {
			t.Fatalf("unit at key %d, want %d: %+v", u.key(), next, u)
		}
		next = u.Next
		if u.Refs != nil {
			ranges++
			if len(u.Refs) > 2 {
				t.Errorf("a range of %d records", len(u.Refs))
			}
		}
		err := eachUnitDocument(c, o, u, func(_ int64, d *corpus.Document) error {
			ids = append(ids, d.ID+" "+d.Skip)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if next != int64(len(files))*maxRecords {
		t.Errorf("units end at %d, want %d", next, int64(len(files))*maxRecords)
	}
	if ranges < 6 { // three archives of five records
		t.Errorf("%d ranges, want at least 6: %+v", ranges, units)
	}
	var want []string
	r := corpus.NewReader(c.Inputs, nil, c.readerOptions())
	for r.Next() {
		want = append(want, r.Document().ID+" "+r.Document().Skip)
	}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("documents of the units:\n%v\nof a Reader:\n%v", ids, want)
	}
}

// TestConfigFrom checks that a Config made from the options and flags of
// "paraline run" gives those options back: no flag is lost on the way to
// the workers.
func TestConfigFrom(t *testing.T) {
	var o pipeline.Options
	var rf pipeline.RunFlags
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	rf.Register(fs, &o)
	args := []string{"--langs", "en,de", "--encoding", "koi8-r", "--workers", "3", "--strict", "--keep-status", "--no-repeat",
		"--min-repeat", "4", "--keep-languages", "--no-repair", "--fix-punct", "--no-split", "--low-accuracy",
		"--pair-by", "dir", "--dict", "d.tsv", "--mueller", "--filters", "-lang", "--no-dedup", "--gzip", "--shard-size", "9", "--no-clean"}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	o.Langs, o.Inputs, o.Formats, o.Version = []string{"en", "de"}, []string{"in"}, []string{"tsv"}, "v"
	score := 1.5
	o.MinScore = &score
	c := ConfigFrom(o, &rf)
	if c.DictPath != "d.tsv" || !c.Mueller || c.Filters != "-lang" || !c.NoClean {
		t.Errorf("flags lost: %+v", c)
	}
	want := o
	want.NoClean = true
	if got := c.Options(); !reflect.DeepEqual(got, want) {
		t.Errorf("options:\n%+v\nwant\n%+v", got, want)
	}
}

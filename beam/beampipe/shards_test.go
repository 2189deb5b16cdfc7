package beampipe

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
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
	if err := writeShard(ctx, work, 16, []byte("results"), marks); err != nil {
		t.Fatal(err)
	}
	fs := newTestFS(t, ctx, work)
	data, got, err := readShard(ctx, fs, work, 16)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "results" || fmt.Sprint(got) != "map[5:[-3 9] 1099511627776:[1]]" {
		t.Errorf("read %q %v", data, got)
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

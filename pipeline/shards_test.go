package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// readOutput reads the output name of dir whole, or through its shards.
func readOutput(t *testing.T, dir, name string) []byte {
	t.Helper()
	r, err := corpus.OpenLines(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestShardedOutputs(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		opts   Options
		whole  []string // outputs compared with the unsharded run's
		paired bool
	}{
		{"mono", Options{Inputs: []string{"testdata/site"}, Workers: 2}, []string{"mono.en", "mono.ru"}, false},
		{"pairs", Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByDir, Workers: 2}, []string{"mono.en", "corpus.en", "corpus.ru"}, true},
		{"pairs-gzip", Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByDir, Workers: 2, Gzip: true}, []string{"corpus.en.gz", "corpus.ru.gz"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := t.TempDir()
			if _, err := Run(ctx, plain, tc.opts); err != nil && !errors.Is(err, ErrFailedDocuments) {
				t.Fatal(err)
			}
			o := tc.opts
			o.ShardSize = 2
			dir := t.TempDir()
			rep, err := Run(ctx, dir, o)
			if err != nil && !errors.Is(err, ErrFailedDocuments) {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, corpus.ShardManifestName))
			if err != nil {
				t.Fatal(err)
			}
			var m corpus.ShardManifest
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if m.ShardSize != 2 {
				t.Errorf("shard_size = %d", m.ShardSize)
			}
			for _, name := range tc.whole {
				if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s written whole in a sharded run", name)
				}
				shards := m.Outputs[name]
				if len(shards) < 2 {
					t.Errorf("%s: %d shards, want several (the test needs more than 2 lines)", name, len(shards))
				}
				for i, sh := range shards {
					if sh.Name != corpus.ShardName(name, i) || sh.Lines > 2 || sh.Lines < 2 && i < len(shards)-1 {
						t.Errorf("%s shard %d = %+v", name, i, sh)
					}
					if rep.Outputs[sh.Name] != sh.Lines {
						t.Errorf("report outputs[%s] = %d, manifest %d", sh.Name, rep.Outputs[sh.Name], sh.Lines)
					}
				}
				got := readOutput(t, dir, name)
				want, _ := os.ReadFile(filepath.Join(plain, name))
				if tc.opts.Gzip {
					want = readOutput(t, plain, name)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s: shards read back differ from the unsharded output", name)
				}
			}
			if tc.paired {
				src, tgt := m.Outputs[tc.whole[len(tc.whole)-2]], m.Outputs[tc.whole[len(tc.whole)-1]]
				if len(src) != len(tgt) {
					t.Fatalf("%d and %d shards", len(src), len(tgt))
				}
				for i := range src {
					if src[i].Lines != tgt[i].Lines {
						t.Errorf("parallel shard %d: %d and %d lines", i, src[i].Lines, tgt[i].Lines)
					}
				}
				// The pair reader reads the shards back by the whole names.
				ps, err := corpus.OpenParallel([]string{filepath.Join(dir, tc.whole[len(tc.whole)-2]), filepath.Join(dir, tc.whole[len(tc.whole)-1])}, nil)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for {
					_, _, ok, err := ps.Next()
					if err != nil {
						t.Fatal(err)
					}
					if !ok {
						break
					}
					n++
				}
				ps.Close()
				if n != sumLines(src) {
					t.Errorf("read back %d pairs", n)
				}
			}
			// A later unsharded run into dir removes the shards (they are
			// in the manifest).
			if _, err := Run(ctx, dir, tc.opts); err != nil && !errors.Is(err, ErrFailedDocuments) {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, corpus.ShardName(tc.whole[0], 0))); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the shards of the previous run stayed: %v", err)
			}
		})
	}
}

func sumLines(s []corpus.Shard) int {
	n := 0
	for _, x := range s {
		n += x.Lines
	}
	return n
}

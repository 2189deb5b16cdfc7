package beampipe

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"

	"github.com/paraline/paraline/pipeline"
)

// TestPrismMemfs runs the Beam pipeline on Prism over inputs in Beam's
// memfs:// filesystem (a folder of pages and WARC archives, split into
// ranges of records) into an output folder there, and checks that the
// outputs are byte-identical to pipeline.Run's over the same files on
// disk (report timings aside).
func TestPrismMemfs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	local := t.TempDir()
	copyTree := func(src, rel string) {
		err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() == "bad.bin" { // its error names its path
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			r, err := filepath.Rel(src, p)
			if err != nil {
				return err
			}
			name := filepath.ToSlash(filepath.Join(rel, r))
			memfs.Write("memfs://in/"+name, b)
			if err := os.MkdirAll(filepath.Dir(filepath.Join(local, name)), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(local, name), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	copyTree("testdata/site", "site")
	copyTree(writeWARCs(t), "crawl")
	memfs.Write("memfs://in/.hidden/x.txt", []byte("Not a document: hidden folders are skipped."))

	c := Config{Inputs: []string{"memfs://in"}, Langs: []string{"en", "ru"}, Version: "test", RangeSize: 2}
	ctx := context.Background()
	files := Expand(c)
	if len(files) != 8 || files[0].Path != "memfs://in/crawl/crawl-1.warc.gz" || files[0].ID != "crawl/crawl-1.warc.gz" {
		t.Fatalf("expanded %d files: %+v", len(files), files)
	}
	want := t.TempDir()
	lc := c
	lc.Inputs = []string{local}
	if _, err := pipeline.Run(ctx, want, lc.Options()); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(ctx, "prism", c, "memfs://out")
	if err != nil {
		t.Fatal(err)
	}
	if rep == nil || rep.Documents.Read != 20 {
		t.Fatalf("report %+v", rep)
	}
	bfs, err := filesystem.New(ctx, "memfs://out")
	if err != nil {
		t.Fatal(err)
	}
	got := t.TempDir()
	names, err := bfs.List(ctx, "memfs://out/*")
	if err != nil {
		t.Fatal(err)
	}
	if left, err := bfs.List(ctx, "memfs://out/.paraline-beam-shards-*/*"); err != nil || len(left) > 0 {
		t.Errorf("shards left behind: %v %v", left, err)
	}
	for _, n := range names {
		b, err := filesystem.Read(ctx, bfs, n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(got, strings.TrimPrefix(n, "memfs://out/")), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	compareDirs(t, want, got)
	if b, _ := os.ReadFile(filepath.Join(got, "mono.en")); !bytes.Contains(b, []byte("river")) {
		t.Errorf("mono.en without the archives' pages:\n%s", b)
	}
}

package beampipe

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/pipeline"
)

// TestMain runs the tests with TMPDIR set to a folder of their own, which it
// removes at the end: the Beam SDK's loopback runner (Prism) creates a file
// beamloopbackworker-* in os.TempDir() for each pipeline run and never
// removes it (runnerlib.Execute; apache/beam#27569), so that every run of
// the tests left files behind in /tmp.
func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(runInTempDir(m))
}

// systemTemp is os.TempDir() as the tests found it, before runInTempDir
// points TMPDIR elsewhere (package variables are set before TestMain runs).
var systemTemp = os.TempDir()

// runInTempDir runs m with TMPDIR set to a new folder below systemTemp and
// removes the folder, and what the tests left in it, after them.
func runInTempDir(m *testing.M) int {
	tmp, err := os.MkdirTemp(systemTemp, "beampipe-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(tmp)
	if err := os.Setenv("TMPDIR", tmp); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	return m.Run()
}

// TestPrismMatchesRun runs the Beam pipeline on Prism in-process and checks
// that its outputs are byte-identical to pipeline.Run's (report timings
// aside).
func TestPrismMatchesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	warcs := writeWARCs(t)
	other := t.TempDir() // a.txt again: IDs unique across arguments
	a, err := os.ReadFile("testdata/site/a.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "a.txt"), a, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		inputs []string
		edit   func(*Config)
	}{
		{"one name in two folders", []string{"testdata/site", other, "testdata/missing.txt"}, nil},
		{"warc", []string{warcs, "testdata/site/a.txt"}, func(c *Config) { c.BatchSize = 1 }},
		{"warc, keep status", []string{warcs}, func(c *Config) { c.KeepStatus = true }},
		{"warc, ranges of 2 records", []string{"testdata/site/a.txt", warcs, "testdata/site/b.txt"}, func(c *Config) { c.RangeSize = 2 }},
		{"warc, ranges of 3 records, keep status", []string{warcs}, func(c *Config) { c.RangeSize, c.KeepStatus, c.BatchSize = 3, true, 1 }},
		{"warc, archives whole", []string{warcs}, func(c *Config) { c.RangeSize = -1 }},
		{"site", []string{"testdata/site"}, nil},
		{"site, one file per batch", []string{"testdata/site"}, func(c *Config) { c.BatchSize = 1 }},
		{"site, shards of 3 lines", []string{"testdata/site"}, func(c *Config) { c.ShardSize = 3 }},
		{"site no repair, min repeat 2", []string{"testdata/site/news", "testdata/site/*.txt", "testdata/missing.txt"},
			func(c *Config) { c.NoRepair, c.MinRepeat = true, 2 }},
		{"examples", []string{"../../examples"}, nil},
		{"examples, batches of 3", []string{"../../examples"}, func(c *Config) { c.BatchSize = 3 }},
		// Pairing by default (no --pair-by) leaves a crawl that is not bilingual unpaired, as paraline run does.
		{"site, default pairing", []string{"testdata/site", warcs}, func(c *Config) { c.AutoPair = true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Config{Inputs: tt.inputs, Langs: []string{"en", "ru"}, Version: "test"}
			if tt.edit != nil {
				tt.edit(&c)
			}
			ctx := context.Background()
			want := t.TempDir()
			o := c.Options()
			o.AutoPair = c.AutoPair
			wantRep, wantErr := pipeline.Run(ctx, want, o)
			got := t.TempDir()
			gotRep, gotErr := Run(ctx, "prism", c, got)
			if errors.Is(wantErr, pipeline.ErrFailedDocuments) != errors.Is(gotErr, pipeline.ErrFailedDocuments) ||
				(wantErr == nil) != (gotErr == nil) {
				t.Fatalf("errors differ: run %v, beam %v", wantErr, gotErr)
			}
			if gotErr != nil && !errors.Is(gotErr, pipeline.ErrFailedDocuments) {
				t.Fatal(gotErr)
			}
			if wantRep.Documents.Read == 0 || gotRep.Documents.Read != wantRep.Documents.Read {
				t.Fatalf("documents: run %d, beam %d", wantRep.Documents.Read, gotRep.Documents.Read)
			}
			compareDirs(t, want, got)
			if _, err := os.Stat(filepath.Join(got, "shards.json")); (err == nil) != (c.ShardSize > 0) {
				t.Errorf("shards.json with --shard-size %d: %v", c.ShardSize, err)
			}
		})
	}
}

// writeWARCs writes two WARC archives of pages sharing their navigation
// and footer (one page a 404) into a temporary directory and returns it.
func writeWARCs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bodies := []string{
		"The river rose by two metres overnight and the old bridge was closed to traffic.",
		"Engineers inspected the dam on Tuesday and found no damage to the spillway.",
		"Volunteers filled sandbags along the embankment until late in the evening.",
		"Река поднялась на два метра за ночь, и старый мост закрыли для движения.",
		"Schools in the valley will reopen on Monday once the roads are cleared.",
	}
	for n, name := range []string{"crawl-1.warc.gz", "crawl-2.warc"} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		ww := corpus.NewWARCWriter(f, n == 0)
		for i, b := range bodies {
			page := fmt.Sprintf(`<html lang="en"><head><title>Flood news</title></head><body>
<nav>Home | Weather | Rivers | Contact us</nav><p>%s</p><p>Page %d of the flood report.</p>
<footer>Copyright 2024 Valley Herald. All rights reserved.</footer></body></html>`, b, i)
			url := fmt.Sprintf("https://example.org/%d/%d.html", n, i)
			if i == 2 {
				err = ww.WriteHTTPResponse(url, 404, http.Header{"Content-Type": {"text/html"}}, []byte(page))
			} else {
				err = ww.WriteResponse(url, "text/html; charset=utf-8", []byte(page))
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := ww.Close(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// The plain archive gzipped whole: its records are inside one member.
	plain, err := os.ReadFile(filepath.Join(dir, "crawl-2.warc"))
	if err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	zw := gzip.NewWriter(&whole)
	if _, err := zw.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "crawl-3.warc.gz"), whole.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// compareDirs checks that dirs want and got hold the same files with the
// same bytes, report timings aside.
func compareDirs(t *testing.T, want, got string) {
	t.Helper()
	compareDirsDropping(t, want, got)
}

// compareDirsDropping is compareDirs, the fields drop of report.json aside.
func compareDirsDropping(t *testing.T, want, got string, drop ...string) {
	t.Helper()
	names := func(dir string) []string {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var n []string
		for _, e := range ents {
			n = append(n, e.Name())
		}
		return n
	}
	wn, gn := names(want), names(got)
	if !slices.Equal(wn, gn) {
		t.Fatalf("files: run %v, beam %v", wn, gn)
	}
	for _, n := range wn {
		w, err := os.ReadFile(filepath.Join(want, n))
		if err != nil {
			t.Fatal(err)
		}
		g, err := os.ReadFile(filepath.Join(got, n))
		if err != nil {
			t.Fatal(err)
		}
		switch n {
		case "report.json":
			w, g = untimedJSON(t, w, drop...), untimedJSON(t, g, drop...)
		case "report.html":
			w, g = untimedHTML(w), untimedHTML(g)
			if slices.Contains(drop, "translation") {
				w, g = htmlTranslation.ReplaceAll(w, nil), htmlTranslation.ReplaceAll(g, nil)
			}
		}
		if !bytes.Equal(w, g) {
			t.Errorf("%s differs:\nrun:\n%s\nbeam:\n%s", n, clip(w), clip(g))
		}
	}
}

// untimedJSON drops the timing fields of a report.
func untimedJSON(t *testing.T, b []byte, drop ...string) []byte {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"wall_seconds", "mb_per_second", "slowest"} {
		if _, ok := m[k]; !ok && k != "slowest" {
			t.Errorf("report.json has no %s", k)
		}
		delete(m, k)
	}
	for _, k := range drop {
		delete(m, k)
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	htmlTiming  = regexp.MustCompile(`MB in [0-9.]+ s \([0-9.]+ MB/s\)`)
	htmlSlowest = regexp.MustCompile(`(?s)<h2>Slowest documents</h2><table>.*?</table>`)
	// htmlTranslation is the translator's counts.
	htmlTranslation = regexp.MustCompile(`(?s)<h2>Translation</h2>.*?</table>`)
)

// untimedHTML drops the timings of report.html.
func untimedHTML(b []byte) []byte {
	return htmlSlowest.ReplaceAll(htmlTiming.ReplaceAll(b, nil), nil)
}

func clip(b []byte) []byte {
	if len(b) > 2000 {
		return b[:2000]
	}
	return b
}

// TestPrismStrict checks that --strict stops a Beam run at a failed
// document as it stops pipeline.Run: an error, and no outputs.
func TestPrismStrict(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	c := Config{Inputs: []string{"testdata/site"}, Langs: []string{"en", "ru"}, Strict: true}
	ctx := context.Background()
	want := t.TempDir()
	if _, err := pipeline.Run(ctx, want, c.Options()); err == nil || errors.Is(err, pipeline.ErrFailedDocuments) {
		t.Fatalf("pipeline.Run with Strict: %v, want a stop", err)
	}
	got := t.TempDir()
	if _, err := Run(ctx, "prism", c, got); err == nil || errors.Is(err, pipeline.ErrFailedDocuments) {
		t.Fatalf("Beam run with Strict: %v, want a stop", err)
	}
	for _, dir := range []string{want, got} {
		if _, err := os.Stat(filepath.Join(dir, "mono.en")); err == nil {
			t.Errorf("%s: mono.en written by a stopped run", dir)
		}
	}
}

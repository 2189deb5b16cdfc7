package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// TestPairByContent copies the two-version test documents under names
// that do not match, so only their content can pair them.
func TestPairByContent(t *testing.T) {
	in := t.TempDir()
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("testdata/pairs/en/water_forum.txt", "a1.txt")
	copyFile("testdata/pairs/ru/water_forum.txt", "z9.txt")
	copyFile("testdata/pairs/en/river_cleanup.txt", "b2.txt")
	copyFile("testdata/pairs/ru/river_cleanup.txt", "y8.txt")
	for _, tc := range []struct {
		by        string
		wantPairs string // docpairs.tsv, first two columns, base names
	}{
		{PairByContent, "a1.txt z9.txt|b2.txt y8.txt"},
		{PairByAuto, "a1.txt z9.txt|b2.txt y8.txt"},
		{PairByURL, ""},
	} {
		t.Run(tc.by, func(t *testing.T) {
			out := t.TempDir()
			rep, err := Run(context.Background(), out, Options{Inputs: []string{in}, PairBy: tc.by, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(out, "docpairs.tsv"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				if f := strings.Split(line, "\t"); len(f) == 4 {
					got = append(got, filepath.Base(f[0])+" "+filepath.Base(f[1]))
				}
			}
			if g := strings.Join(got, "|"); g != tc.wantPairs {
				t.Errorf("docpairs.tsv pairs = %q, want %q", g, tc.wantPairs)
			}
			n := strings.Count(tc.wantPairs, "|") + 1
			if tc.wantPairs == "" {
				n = 0
			}
			if rep.Pairs.Documents != n || rep.Pairs.ByMethod[tc.by] != n && tc.by == PairByContent {
				t.Errorf("report pairs = %+v", rep.Pairs)
			}
			if n > 0 && (rep.Outputs["corpus.en"] == 0 || rep.Outputs["corpus.en"] != rep.Outputs["corpus.ru"]) {
				t.Errorf("outputs %v", rep.Outputs)
			}
		})
	}
}

// TestPairByURLInWARC pairs the pages of one archive whose URLs carry the
// language, aligns them, and spools no record.
func TestPairByURLInWARC(t *testing.T) {
	in := t.TempDir()
	warc := filepath.Join(in, "site.warc.gz")
	f, err := os.Create(warc)
	if err != nil {
		t.Fatal(err)
	}
	ww := corpus.NewWARCWriter(f, true)
	for _, l := range []string{"en", "ru"} {
		for _, name := range []string{"water_forum", "river_cleanup"} {
			b, err := os.ReadFile(filepath.Join("testdata/pairs", l, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if err := ww.WriteResponse("https://ex.org/"+l+"/"+name, "text/plain; charset=utf-8", b); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := ww.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	e, err := NewEngine(context.Background(), Options{Inputs: []string{warc}, PairBy: PairByAuto, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	// The pair jobs read the records in the archive: nothing is spooled.
	for _, j := range e.PairJobs() {
		if j.Src != warc || j.Tgt != warc {
			t.Errorf("job %+v: want the records of %s", j, warc)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("%d files spooled in TMPDIR", len(left))
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), out, Options{Inputs: []string{warc}, PairBy: PairByAuto, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "docpairs.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "https://ex.org/en/river_cleanup\thttps://ex.org/ru/river_cleanup\t"
	if !strings.HasPrefix(string(b), want) || rep.Pairs.Documents != 2 || rep.Pairs.ByMethod["url"] != 2 {
		t.Errorf("docpairs.tsv:\n%s\npairs %+v", b, rep.Pairs)
	}
	if rep.Outputs["corpus.en"] == 0 || rep.Outputs["corpus.en"] != rep.Outputs["corpus.ru"] {
		t.Errorf("outputs %v", rep.Outputs)
	}
	rej, _ := os.ReadFile(filepath.Join(out, "rejects.jsonl"))
	if !strings.Contains(string(rej), `"doc":"https://ex.org/`) {
		t.Errorf("rejects do not name the records by URL:\n%.300s", rej)
	}
}

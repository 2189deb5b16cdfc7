package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/corpus/corpustest"
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
	corpustest.WriteWARC(t, warc, true, func(ww *corpus.WARCWriter) {
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
	})
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

// TestAutoPair makes a run a two-version run paired by PairByAuto when its
// inputs hold more than one document of each language, and leaves a
// one-language crawl, a single document and standard input as they are:
// the same outputs, byte for byte, as without AutoPair.
func TestAutoPair(t *testing.T) {
	en, ru := "testdata/pairs/en/", "testdata/pairs/ru/"
	// Four English documents: the pairing pass runs, and finds one language.
	enOnly := englishOnly(t)
	tests := []struct {
		name   string
		inputs []string
		paired bool
	}{
		{"two languages, several documents", []string{en, ru}, true},
		{"one language", []string{en}, false},
		{"one language, four documents", []string{enOnly}, false},
		{"one document of each language", []string{en + "water_forum.txt", ru + "water_forum.txt"}, false},
		{"one document", []string{en + "water_forum.txt"}, false},
		{"standard input", nil, false},
	}
	read := func(dir string) map[string]string {
		m := map[string]string{}
		es, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if e.Name() == "report.json" || e.Name() == "report.html" || e.IsDir() {
				continue // timings
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			m[e.Name()] = string(b)
		}
		return m
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			outs := [2]string{t.TempDir(), t.TempDir()}
			for k, auto := range []bool{false, true} {
				o := Options{Inputs: tc.inputs, AutoPair: auto, Langs: []string{"en", "ru"}, Workers: 2}
				if tc.inputs == nil {
					b, err := os.ReadFile(en + "water_forum.txt")
					if err != nil {
						t.Fatal(err)
					}
					o.Stdin = strings.NewReader(string(b))
				}
				rep, err := Run(context.Background(), outs[k], o)
				if err != nil {
					t.Fatal(err)
				}
				if auto && tc.paired && (rep.Pairs.Documents != 2 || rep.Outputs["corpus.en"] == 0) {
					t.Errorf("auto: pairs %+v, outputs %v", rep.Pairs, rep.Outputs)
				}
			}
			a, b := read(outs[0]), read(outs[1])
			_, hasPairs := b["docpairs.tsv"]
			if hasPairs != tc.paired {
				t.Errorf("docpairs.tsv written = %v, want %v (outputs %d)", hasPairs, tc.paired, len(b))
			}
			if !tc.paired && fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("outputs differ with AutoPair:\n%v\n%v", a, b)
			}
		})
	}
}

// passes records the passes a run starts.
type passes struct {
	mu    sync.Mutex
	names []string
}

func (p *passes) Start(pass string) { p.mu.Lock(); p.names = append(p.names, pass); p.mu.Unlock() }
func (p *passes) Add(int)           {}
func (p *passes) Finish()           {}

// TestAutoPairFallbackReadsOnce checks that a run which AutoPair reads
// for pairing and finds not bilingual keeps the evidence collected during
// that read (the same documents, read with the same options) instead of
// reading its inputs once more for its first pass, unless an input is
// named twice (which the run reads twice).
func TestAutoPairFallbackReadsOnce(t *testing.T) {
	enOnly := englishOnly(t)
	for _, tc := range []struct {
		name      string
		inputs    []string
		wantFirst bool // the run makes its own first pass
	}{
		{"one language", []string{enOnly}, false},
		{"a file named twice", []string{enOnly, filepath.Join(enOnly, "0-water_forum.txt")}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p passes
			o := Options{Inputs: tc.inputs, AutoPair: true, Langs: []string{"en", "ru"}, Workers: 2, Progress: &p}
			auto := t.TempDir()
			if _, err := Run(context.Background(), auto, o); err != nil {
				t.Fatal(err)
			}
			if first := slices.Contains(p.names, "counting lines"); first != tc.wantFirst {
				t.Errorf("passes %q: first pass made %v, want %v", p.names, first, tc.wantFirst)
			}
			o.AutoPair, o.Progress = false, nil
			plain := t.TempDir()
			if _, err := Run(context.Background(), plain, o); err != nil {
				t.Fatal(err)
			}
			sameOutputs(t, plain, auto)
		})
	}
}

// englishOnly writes four English documents (two texts, each twice with a
// line of its own) into a new folder: enough for AutoPair to read them,
// one language only.
func englishOnly(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i, name := range []string{"water_forum.txt", "river_cleanup.txt", "water_forum.txt", "river_cleanup.txt"} {
		b, err := os.ReadFile("testdata/pairs/en/" + name)
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, fmt.Sprintf("\nCopy %d.\n", i)...)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d-%s", i, name)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

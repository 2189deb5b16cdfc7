package corpus

import (
	"bufio"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func pairScore(x float64) *float64 { return &x }

// pairLines reads a (possibly gzipped) file and returns its lines.
func pairLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r = bufio.NewReader(f)
	var sc *bufio.Scanner
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		sc = bufio.NewScanner(zr)
	} else {
		sc = bufio.NewScanner(r)
	}
	var out []string
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCheckPair(t *testing.T) {
	tests := []struct {
		name     string
		src, tgt string
		ok       bool
	}{
		{"plain", "Hello.", "Привет.", true},
		{"empty sides", "", "", true},
		{"tab in src", "a\tb", "c", false},
		{"newline in tgt", "a", "b\nc", false},
		{"carriage return", "a\r", "b", false},
		{"invalid utf8", "a\xff", "b", false},
		{"line separator", "a\u2028b", "c", false},
		{"xml non-character", "a", "b\uffff", false},
		{"C1 control", "a\u0085", "b", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPair(&Pair{Src: tt.src, Tgt: tt.tgt})
			if (err == nil) != tt.ok {
				t.Fatalf("CheckPair = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrBadLine) {
				t.Fatalf("error %v does not wrap ErrBadLine", err)
			}
		})
	}
}

func TestPairSetEqualLineCounts(t *testing.T) {
	for _, gz := range []bool{false, true} {
		name := "plain"
		if gz {
			name = "gzip"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := CreatePairSet(PairSetOptions{Dir: dir, SrcLang: "en", TgtLang: "ru", Formats: []string{"tsv", "jsonl", "tmx"}, Gzip: gz})
			if err != nil {
				t.Fatal(err)
			}
			pairs := []Pair{
				{Src: "One.", Tgt: "Один.", Score: pairScore(1.23456), Doc: "d1", SrcSpan: &Span{0, 4}, TgtSpan: &Span{0, 10}},
				{Src: "Bad\ttab", Tgt: "Плохо"},
				{Src: "Two & <three>", Tgt: "Два\nтри"},
				{Src: "Four \"quoted\"", Tgt: "Четыре «в кавычках» & <b>"},
				{Src: "", Tgt: ""},
			}
			refused := 0
			for i := range pairs {
				if err := s.WritePair(&pairs[i]); err != nil {
					if !errors.Is(err, ErrBadLine) {
						t.Fatal(err)
					}
					refused++
				}
			}
			if refused != 2 || s.Pairs() != 3 {
				t.Fatalf("refused %d, written %d; want 2, 3", refused, s.Pairs())
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			ext := ""
			if gz {
				ext = ".gz"
			}
			en := pairLines(t, filepath.Join(dir, "corpus.en"+ext))
			ru := pairLines(t, filepath.Join(dir, "corpus.ru"+ext))
			tsv := pairLines(t, filepath.Join(dir, "corpus.tsv"+ext))
			js := pairLines(t, filepath.Join(dir, "corpus.jsonl"+ext))
			if len(en) != 3 || len(ru) != 3 || len(tsv) != 3 || len(js) != 3 {
				t.Fatalf("lines en %d ru %d tsv %d jsonl %d, want 3 each", len(en), len(ru), len(tsv), len(js))
			}
			if tsv[0] != "One.\tОдин.\t1.2346" || tsv[1] != "Four \"quoted\"\tЧетыре «в кавычках» & <b>\t" {
				t.Errorf("tsv = %q", tsv)
			}
			if want := `{"doc":"d1","src":"One.","tgt":"Один.","src_span":{"start":0,"end":4},"tgt_span":{"start":0,"end":10},"score":1.2346}`; js[0] != want {
				t.Errorf("jsonl[0] = %s\nwant      %s", js[0], want)
			}
			out := s.Outputs()
			if out["corpus.en"+ext] != 3 || out["corpus.tmx"+ext] != 3 {
				t.Errorf("Outputs = %v", out)
			}
			if names := dirNames(t, dir); len(names) != 5 {
				t.Errorf("files %v, want 5", names)
			}
		})
	}
}

func TestPairSetTSVScoreColumn(t *testing.T) {
	var b strings.Builder
	w := NewTSVWriter(&b)
	for _, p := range []Pair{{Src: "a", Tgt: "b", Score: pairScore(-0.00004)}, {Src: "c", Tgt: "d"}, {Src: "e", Tgt: "f", Score: pairScore(2.5)}} {
		if err := w.WritePair(&p); err != nil {
			t.Fatal(err)
		}
	}
	if want := "a\tb\t0\nc\td\t\ne\tf\t2.5\n"; b.String() != want {
		t.Fatalf("tsv = %q, want %q", b.String(), want)
	}
}

func TestPairSetAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	s, err := CreatePairSet(PairSetOptions{Dir: dir, SrcLang: "en", TgtLang: "ru", Formats: []string{"tmx"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WritePair(&Pair{Src: "a", Tgt: "b"}); err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if names := dirNames(t, dir); len(names) != 0 {
		t.Fatalf("left %v", names)
	}
}

func TestPairSetBadOptions(t *testing.T) {
	tests := []struct {
		name string
		o    PairSetOptions
	}{
		{"no languages", PairSetOptions{}},
		{"same languages", PairSetOptions{SrcLang: "en", TgtLang: "en"}},
		{"unknown format", PairSetOptions{SrcLang: "en", TgtLang: "ru", Formats: []string{"xliff"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.o.Dir = dir
			if _, err := CreatePairSet(tt.o); err == nil {
				t.Fatal("no error")
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Fatalf("left %v", names)
			}
		})
	}
}

func TestPairSetWriteAfterFinish(t *testing.T) {
	s, err := CreatePairSet(PairSetOptions{Dir: t.TempDir(), SrcLang: "en", TgtLang: "ru", Formats: []string{"tmx"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := s.WritePair(&Pair{Src: "a", Tgt: "b"}); err == nil {
		t.Fatal("write after Finish accepted")
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/lang"
)

func runMixedCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(context.Background(), &stdio{in: strings.NewReader(""), out: &out, err: &errb}, append([]string{"eval", "mixed"}, args...))
	return code, out.String(), errb.String()
}

func TestEvalMixed(t *testing.T) {
	dir := filepath.Join("testdata", "mixed")
	gold := filepath.Join(dir, "gold.jsonl")
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	code, out, errs := runMixedCLI(t, gold, dir, "--langs", "en,ru", "--pred", pred)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "per-language byte accuracy:\n" +
		"  en\tbytes=59\tacc=1.0000\ttop_errors: \n" +
		"  ru\tbytes=106\tacc=1.0000\ttop_errors: \n" +
		"char_acc=1.0000\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	data, err := os.ReadFile(pred)
	if err != nil {
		t.Fatal(err)
	}
	// Predictions cover each document exactly, in the scorer's format.
	ends := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var p struct {
			Doc        string
			Start, End int
			Lang       string
		}
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if p.Start != ends[p.Doc] {
			t.Errorf("%s: span starts at %d, want %d", p.Doc, p.Start, ends[p.Doc])
		}
		ends[p.Doc] = p.End
	}
	for _, doc := range []string{"a", "b"} {
		b, err := os.ReadFile(filepath.Join(dir, doc+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if ends[doc] != len(b) {
			t.Errorf("%s: predictions end at %d, file has %d bytes", doc, ends[doc], len(b))
		}
	}
}

func TestEvalMixedErrors(t *testing.T) {
	dir := filepath.Join("testdata", "mixed")
	gold := filepath.Join(dir, "gold.jsonl")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no args", nil, "want GOLD.jsonl and DOCS_DIR"},
		{"bad baseline", []string{gold, dir, "--baseline", "word"}, "--baseline"},
		{"bad langs", []string{gold, dir, "--langs", "en,zz"}, "unknown language"},
		{"one language baseline", []string{gold, dir, "--langs", "en", "--baseline", "line"}, "two or more"},
		{"missing gold", []string{filepath.Join(dir, "nope.jsonl"), dir}, "nope.jsonl"},
		{"missing docs", []string{gold, t.TempDir(), "--langs", "en,ru"}, "a.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runMixedCLI(t, tc.args...)
			if code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errs, tc.want)
			}
		})
	}
}

// TestMixedScore checks the counting rules of score_detect.py spans: the
// first predicted span (by start) covering a byte gives its language, bytes
// no span covers count as "", and top errors are ordered by count, then by
// language, descending.
func TestMixedScore(t *testing.T) {
	var g mixedGold
	if err := json.Unmarshal([]byte(`{"doc":"d","spans":[{"start":0,"end":10,"lang":"de"},{"start":12,"end":16,"lang":"en"},{"start":20,"end":24,"lang":"it"}]}`), &g); err != nil {
		t.Fatal(err)
	}
	pred := []lang.Span{
		{Start: 4, End: 14, Lang: "en"},
		{Start: 0, End: 3, Lang: "fr"},
		{Start: 2, End: 6, Lang: "de"}, // byte 2 is fr's already
		{Start: 20, End: 22, Lang: "es"},
		{Start: 22, End: 24, Lang: "pt"},
	}
	var sc mixedScore
	sc.add(g, pred)
	var out bytes.Buffer
	sc.print(&out)
	// The figures score_detect.py prints for the same gold and predictions.
	want := "per-language byte accuracy:\n" +
		"  de\tbytes=10\tacc=0.3000\ttop_errors: en:4, fr:3\n" +
		"  en\tbytes=4\tacc=0.5000\ttop_errors: \"\":2\n" +
		"  it\tbytes=4\tacc=0.0000\ttop_errors: pt:2, es:2\n" +
		"char_acc=0.2778\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

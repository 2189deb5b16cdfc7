package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runRepairCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(context.Background(), &stdio{in: strings.NewReader(stdin), out: &out, err: &errb}, args)
	return code, out.String(), errb.String()
}

func TestRepairCommand(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		in    string
		want  string
		code  int
		inErr string
	}{
		{"english", []string{"repair", "--lang", "en"}, "the future ofthe harbour\n", "the future of the harbour\n", 0, ""},
		{"bytes kept", []string{"repair", "--lang", "en"}, "a\tb  ofthe\r\nx\u00a0y\n\n", "a\tb  of the\r\nx\u00a0y\n\n", 0, ""},
		{"no final newline", []string{"repair", "--lang", "en"}, "inBishkek", "in Bishkek", 0, ""},
		{"auto", []string{"repair"}, "ofthe harbour\nпрошло вМоскве\n", "of the harbour\nпрошло в Москве\n", 0, ""},
		{"russian", []string{"repair", "--lang", "ru"}, "ноне для всех\n", "но не для всех\n", 0, ""},
		{"fix-punct off", []string{"repair", "--lang", "en"}, "Bishkek,I said\n", "Bishkek,I said\n", 0, ""},
		{"fix-punct on", []string{"repair", "--lang", "en", "--fix-punct"}, "Bishkek,I said\n", "Bishkek, I said\n", 0, ""},
		{"bad language", []string{"repair", "--lang", "de"}, "", "", 2, "--lang"},
		{"two inputs", []string{"repair", "a", "b"}, "", "", 2, "at most one"},
		{"missing file", []string{"repair", "testdata/repair/nonexistent.txt"}, "", "", 2, "nonexistent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runRepairCLI(t, tc.in, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tc.code, errs)
			}
			if out != tc.want {
				t.Errorf("stdout %q, want %q", out, tc.want)
			}
			if !strings.Contains(errs, tc.inErr) {
				t.Errorf("stderr %q lacks %q", errs, tc.inErr)
			}
		})
	}
}

func TestRepairExplain(t *testing.T) {
	in := "first line\nthe future ofthe harbour over600\n"
	code, out, errs := runRepairCLI(t, in, "repair", "--lang", "en", "--explain")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if out != "first line\nthe future of the harbour over 600\n" {
		t.Errorf("stdout %q", out)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 edits, got %q", errs)
	}
	for _, l := range lines {
		var e lineEdit
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("bad JSON %q: %v", l, err)
		}
		if e.Line != 2 || in[e.Offset:e.Offset+len(e.Glued)] != e.Glued || strings.ReplaceAll(e.Repaired, " ", "") != e.Glued {
			t.Errorf("bad edit %+v", e)
		}
	}
}

func TestRepairOutputFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.txt")
	code, out, errs := runRepairCLI(t, "ofthe\n", "repair", "--lang", "en", "-o", p)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	b, err := os.ReadFile(p)
	if err != nil || string(b) != "of the\n" {
		t.Errorf("output file %q, %v", b, err)
	}
}

func TestEvalRepair(t *testing.T) {
	pred := t.TempDir()
	code, out, errs := runRepairCLI(t, "", "eval", "repair", "testdata/repair/en", "--pred-dir", pred)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// 9 gold insertions (counted by score_repair.py), all found; the clean control makes none.
	for _, want := range []string{
		"harbour: gold=9 pred=9 tp=9 fp=0 fn=0 words=69",
		"F1=1.0000 P=1.0000 R=1.0000 changed_bytes=0",
		"TOTAL (clean control): gold=0 pred=0 tp=0 fp=0 fn=0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(pred, "harbour.txt"))
	gold, err2 := os.ReadFile("testdata/repair/en/harbour.gold.txt")
	if err != nil || err2 != nil || !bytes.Equal(b, gold) {
		t.Errorf("prediction differs from gold: %v %v\n%s", err, err2, b)
	}
}

func TestScoreRepair(t *testing.T) {
	tests := []struct {
		name               string
		glued, gold, pred  string
		tp, fp, fn, region int
	}{
		{"exact", "ofthe x", "of the x", "of the x", 1, 0, 0, 0},
		{"miss", "ofthe x", "of the x", "ofthe x", 0, 0, 1, 0},
		{"false", "ofthe x", "ofthe x", "of the x", 0, 1, 0, 0},
		{"double space counts once", "ab", "a b", "a  b", 1, 0, 0, 0},
		{"changed", "ofthe x", "of the x", "of the y", 1, 1, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := scoreRepair(tc.glued, tc.gold, tc.pred, "t", 0, &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if r.tp != tc.tp || r.fp != tc.fp || r.fn != tc.fn || r.regions != tc.region {
				t.Errorf("got tp=%d fp=%d fn=%d regions=%d", r.tp, r.fp, r.fn, r.regions)
			}
		})
	}
	if _, err := scoreRepair("ab", "xy", "ab", "t", 0, &bytes.Buffer{}); err == nil {
		t.Errorf("gold that is not glued plus spaces accepted")
	}
}

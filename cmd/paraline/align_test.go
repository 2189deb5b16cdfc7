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

func runAlignCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(context.Background(), &stdio{in: strings.NewReader(stdin), out: &out, err: &errb}, args)
	return code, out.String(), errb.String()
}

func TestAlignCommand(t *testing.T) {
	en := filepath.Join("testdata", "align", "doc1.en")
	ru := filepath.Join("testdata", "align", "doc1.ru")
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string // expected stdout, or a substring of stderr when code != 0
	}{
		{"beads", "", []string{"align", en, ru, "--format", "beads"}, 0, "1\t1\n2\t2\n3\t3\n4\t4\n5\t5\n6\t6\n"},
		{"stdin target", "Сервер запущен на порту 8080.\n", []string{"align", "--format=beads", "-", "-"}, 2, "only one of SRC and TGT"},
		{"missing target", "", []string{"align", en}, 2, "want SRC and TGT"},
		{"bad format", "", []string{"align", en, ru, "--format", "xml"}, 2, "unknown --format"},
		{"missing file", "", []string{"align", en, "nope.ru"}, 2, "nope.ru"},
		{"tsv null beads left out", "The server was started on port 8080.\nPress Ctrl+C to cancel the download now.\n",
			[]string{"align", "-", filepath.Join("testdata", "align", "one.ru")}, 0,
			"The server was started on port 8080.\tСервер запущен на порту 8080.\n"},
		{"tsv keep null", "The server was started on port 8080.\nPress Ctrl+C to cancel the download now.\n",
			[]string{"align", "--keep-null", "-", filepath.Join("testdata", "align", "one.ru")}, 0,
			"The server was started on port 8080.\tСервер запущен на порту 8080.\nPress Ctrl+C to cancel the download now.\t\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runAlignCLI(t, tc.stdin, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, errs)
			}
			if code == 0 && out != tc.want {
				t.Errorf("stdout %q, want %q", out, tc.want)
			}
			if code != 0 && !strings.Contains(errs, tc.want) {
				t.Errorf("stderr %q does not contain %q", errs, tc.want)
			}
		})
	}
}

func TestAlignJSONL(t *testing.T) {
	en := filepath.Join("testdata", "align", "doc1.en")
	ru := filepath.Join("testdata", "align", "doc1.ru")
	code, out, errs := runAlignCLI(t, "", "align", "--format", "jsonl", en, ru)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines, want 6", len(lines))
	}
	var rec struct {
		Src, Tgt         []int
		Score            float64
		SrcText, TgtText string `json:"-"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Src) != 1 || rec.Src[0] != 1 || len(rec.Tgt) != 1 || rec.Tgt[0] != 1 || rec.Score <= 0 {
		t.Errorf("first bead %+v", rec)
	}
}

func TestAlignOutputFile(t *testing.T) {
	en := filepath.Join("testdata", "align", "doc1.en")
	ru := filepath.Join("testdata", "align", "doc1.ru")
	dst := filepath.Join(t.TempDir(), "out.tsv")
	if code, _, errs := runAlignCLI(t, "", "align", en, ru, "-o", dst); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 6 {
		t.Errorf("%d lines, want 6", n)
	}
}

func TestAlignDictFlags(t *testing.T) {
	en := filepath.Join("testdata", "align", "doc1.en")
	ru := filepath.Join("testdata", "align", "doc1.ru")
	if code, _, errs := runAlignCLI(t, "", "align", en, ru, "--dict", "nope.dict"); code != 2 || !strings.Contains(errs, "nope.dict") {
		t.Errorf("missing dictionary: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runAlignCLI(t, "", "align", en, ru, "--dict", "x", "--mueller"); code != 2 || !strings.Contains(errs, "not both") {
		t.Errorf("two dictionaries: exit %d, stderr %q", code, errs)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/pipeline"
)

func runCleanCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(context.Background(), &stdio{in: strings.NewReader(stdin), out: &out, err: &errb}, args)
	return code, out.String(), errb.String()
}

func readCleanLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func TestCleanCommand(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runCleanCLI(t, "", "clean", "-o", dir, "--format", "tsv,jsonl,tmx", "--workers", "3",
		"testdata/clean/corpus.en", "testdata/clean/corpus.ru")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	en := readCleanLines(t, filepath.Join(dir, "corpus.en"))
	ru := readCleanLines(t, filepath.Join(dir, "corpus.ru"))
	tsv := readCleanLines(t, filepath.Join(dir, "corpus.tsv"))
	if len(en) != len(ru) || len(en) != len(tsv) {
		t.Fatalf("line counts en %d ru %d tsv %d", len(en), len(ru), len(tsv))
	}
	wantKept := []string{"The file could not be opened.", "Please wait while the update is installed.",
		"Save the document before closing the program.", "Read more", "Read more", "Delete the selected messages?"}
	if strings.Join(en, "\n") != strings.Join(wantKept, "\n") {
		t.Fatalf("kept:\n%s\nwant:\n%s", strings.Join(en, "\n"), strings.Join(wantKept, "\n"))
	}
	var rep pipeline.Report
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if err := rep.Check(); err != nil {
		t.Fatal(err)
	}
	if len(rep.Stages) != 1 || rep.Stages[0].Name != pipeline.StageFilter {
		t.Fatalf("stages = %+v, want the filter stage alone", rep.Stages)
	}
	filter := rep.Stages[0]
	if filter.In != 16 || filter.Kept != len(en) || rep.Clean == nil || rep.Clean.In != 16 {
		t.Fatalf("report: filter stage %+v, clean %+v; want 16 in, %d kept", filter, rep.Clean, len(en))
	}
	rejects := readCleanLines(t, filepath.Join(dir, "rejects.jsonl"))
	if len(rejects) != filter.Rejected || rep.Outputs["rejects.jsonl"] != filter.Rejected {
		t.Fatalf("%d rejects lines, report %+v", len(rejects), filter)
	}
	var r pipeline.Reject
	for _, l := range rejects {
		if strings.Contains(l, `"line":7,`) {
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if r.Reason != "filter:identical,letters" || len(r.Details) != 2 || r.Stage != pipeline.StageFilter || r.Doc != "testdata/clean/corpus.en" {
		t.Fatalf("untranslated copy: reject %+v", r)
	}
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		dtd, _ := filepath.Abs("../../corpus/testdata/tmx14.dtd")
		if out, err := exec.Command(xmllint, "--noout", "--nonet", "--dtdvalid", dtd, filepath.Join(dir, "corpus.tmx")).CombinedOutput(); err != nil {
			t.Fatalf("corpus.tmx does not validate: %v\n%s", err, out)
		}
	} else {
		t.Log("xmllint not installed (libxml2-utils): corpus.tmx not validated")
	}
	// same input, one worker: byte-identical outputs
	dir1 := t.TempDir()
	if code, _, errs := runCleanCLI(t, "", "clean", "-o", dir1, "--format", "tsv,jsonl,tmx", "--workers", "1",
		"testdata/clean/corpus.en", "testdata/clean/corpus.ru"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, name := range []string{"corpus.en", "corpus.ru", "corpus.tsv", "corpus.jsonl", "corpus.tmx", "rejects.jsonl"} {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(dir1, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 3 workers and 1", name)
		}
	}
}

func TestCleanTSVStdin(t *testing.T) {
	dir := t.TempDir()
	in, err := os.ReadFile("testdata/clean/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCleanCLI(t, string(in), "clean", "-o", dir, "--tsv", "-", "--from", "en", "--to", "ru", "--filters", "-adequacy", "--gzip")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, name := range []string{"corpus.en.gz", "corpus.ru.gz", "rejects.jsonl", "report.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	rejects := readCleanLines(t, filepath.Join(dir, "rejects.jsonl"))
	if len(rejects) != 2 || !strings.Contains(rejects[1], `"reason":"filter:empty"`) {
		t.Fatalf("rejects:\n%s", strings.Join(rejects, "\n"))
	}
}

func TestCleanErrors(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short.ru")
	if err := os.WriteFile(short, []byte("Одна строка.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no output", []string{"clean", "testdata/clean/corpus.en", "testdata/clean/corpus.ru"}, 2, "-o DIR is required"},
		{"one file", []string{"clean", "-o", dir, "testdata/clean/corpus.en"}, 2, "want SRC and TGT"},
		{"no languages", []string{"clean", "-o", dir, "--tsv", "testdata/clean/pairs.tsv"}, 2, "--from and --to"},
		{"bad filter", []string{"clean", "-o", dir, "--filters", "nope", "testdata/clean/corpus.en", "testdata/clean/corpus.ru"}, 2, "unknown filter"},
		{"bad format", []string{"clean", "-o", dir, "--format", "xliff", "testdata/clean/corpus.en", "testdata/clean/corpus.ru"}, 2, "unknown pair format"},
		{"not parallel", []string{"clean", "-o", filepath.Join(dir, "np"), "testdata/clean/corpus.en", short}, 2, "not parallel"},
		{"missing file", []string{"clean", "-o", dir, "testdata/clean/none.en", "testdata/clean/corpus.ru"}, 2, "none.en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCleanCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.msg) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.msg)
			}
		})
	}
	// the failed parallel run left no corpus behind
	if ents, _ := os.ReadDir(filepath.Join(dir, "np")); len(ents) != 0 {
		t.Fatalf("failed run left %d files", len(ents))
	}
}

func TestEvalClean(t *testing.T) {
	code, out, errs := runCleanCLI(t, "", "eval", "clean", "testdata/clean/evaldir")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"empty                1   100.0%   100.0%    100.0%",
		"template             4    50.0%    50.0%    100.0%",
		"clean pairs removed: 0 of 4 (0.0%",
		"noise pairs removed: 10 of 12 (83.3%",
		"clean_removed=0.0000 noise_removed=0.8333",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

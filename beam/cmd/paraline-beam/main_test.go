package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain runs the tests with TMPDIR set to a folder of their own, which it
// removes at the end: the Beam SDK's loopback runner (Prism) creates a file
// beamloopbackworker-* in os.TempDir() for each pipeline run and never
// removes it (runnerlib.Execute; apache/beam#27569), so that every run of
// the tests left files behind in /tmp (beampipe's
// TestPrismLeavesNoTempFiles checks it).
func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "paraline-beam-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := 2
	if err := os.Setenv("TMPDIR", tmp); err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = m.Run()
	}
	_ = os.RemoveAll(tmp)
	os.Exit(code)
}

// TestRunPrism runs the command on Prism over the test site, which holds
// one binary file: exit status 1 (some documents failed) and the outputs.
func TestRunPrism(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	dir := t.TempDir()
	var stderr bytes.Buffer
	code := run([]string{"run", "--runner", "prism", "-o", dir, "--min-repeat", "2", "../../beampipe/testdata/site"}, &stderr)
	if code != 1 {
		t.Fatalf("exit status %d, want 1; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "6 documents (1 failed)") {
		t.Errorf("stderr does not sum up the run:\n%s", stderr.String())
	}
	for _, name := range []string{"mono.en", "mono.ru", "rejects.jsonl", "report.json", "report.html"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestRunLeavesNoTempFiles checks that a run on Prism leaves nothing in
// the temporary folder (the Beam SDK's beamloopbackworker file went there
// before) and gives TMPDIR back as it was.
func TestRunLeavesNoTempFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	dir := t.TempDir()
	tmp := os.TempDir()
	before, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"run", "--runner", "prism", "-o", dir, "../../beampipe/testdata/site/a.txt"}, &stderr); code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr.String())
	}
	if got := os.TempDir(); got != tmp {
		t.Errorf("os.TempDir() = %s after the run, want %s", got, tmp)
	}
	after, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		var names []string
		for _, e := range after {
			names = append(names, e.Name())
		}
		t.Errorf("the run left files in %s: %d entries before, %d after: %v", tmp, len(before), len(after), names)
	}
}

// TestRunRefuses checks the flags of paraline run that a Beam run refuses.
func TestRunRefuses(t *testing.T) {
	for _, args := range [][]string{
		{"--resume"},
		{"--format", "xml"},
		{"--min-score", "x"},
		{"--translate-to", "ru", "--api-key", "k"},
		{"--translate-to", "ru", "--translator", "exec"},
	} {
		var stderr bytes.Buffer
		a := append([]string{"run", "-o", t.TempDir()}, args...)
		if code := run(append(a, "../../beampipe/testdata/site"), &stderr); code != 2 {
			t.Errorf("%v: exit status %d, want 2; stderr:\n%s", args, code, stderr.String())
		}
	}
}

// TestRunTranslate runs a translating run (the exec translator) through
// the command line on Prism.
func TestRunTranslate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline on Prism")
	}
	dir := t.TempDir()
	var stderr bytes.Buffer
	code := run([]string{"run", "-o", dir, "--translate-to", "ru", "--translator", "exec", "--exec-cmd", "tr a-z A-Z",
		"--no-cache", "--no-clean", "../../beampipe/testdata/site/a.txt"}, &stderr)
	if code != 0 {
		t.Fatalf("exit status %d; stderr:\n%s", code, stderr.String())
	}
	ru, err := os.ReadFile(filepath.Join(dir, "corpus.ru"))
	if err != nil || !strings.Contains(string(ru), "THE ") {
		t.Errorf("corpus.ru (%v):\n%s", err, ru)
	}
}

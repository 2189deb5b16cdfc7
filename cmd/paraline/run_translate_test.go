package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/lang/translate/translatetest"
)

// TestRunTranslateGoogleFake runs "paraline run --translate-to ru" against a
// fake Cloud Translation v2 server on loopback: a dry run makes no request,
// the real run writes equal-length corpora, and a second run is answered
// from the cache with zero requests.
func TestRunTranslateGoogleFake(t *testing.T) {
	srv := translatetest.NewV2()
	defer srv.Close()
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache.db")
	run := func(out string, extra ...string) (int, string) {
		args := append([]string{"run", "--progress", "never", "-o", filepath.Join(dir, out), "--translate-to", "ru",
			"--translator", "google", "--api-key", "test-key", "--endpoint", srv.URL(), "--cache", cache, "--no-clean"}, extra...) // the fake's output is not Russian
		args = append(args, "../../examples/pages")
		var so, se bytes.Buffer
		code := runMain(context.Background(), &stdio{in: strings.NewReader(""), out: &so, err: &se}, args)
		return code, se.String()
	}
	if code, stderr := run("dry", "--dry-run"); code != 0 || !strings.Contains(stderr, "estimated cost") {
		t.Fatalf("dry run: exit %d, stderr:\n%s", code, stderr)
	}
	if n := srv.Requests(); n != 0 {
		t.Fatalf("dry run made %d requests, want 0", n)
	}
	if code, stderr := run("first"); code != 0 {
		t.Fatalf("first run: exit %d, stderr:\n%s", code, stderr)
	}
	first := srv.Requests()
	if first == 0 {
		t.Fatal("first run made no request")
	}
	en, _ := os.ReadFile(filepath.Join(dir, "first", "corpus.en"))
	ru, _ := os.ReadFile(filepath.Join(dir, "first", "corpus.ru"))
	el, rl := strings.Split(strings.TrimSpace(string(en)), "\n"), strings.Split(strings.TrimSpace(string(ru)), "\n")
	if len(el) != len(rl) || len(el) < 10 {
		t.Fatalf("corpus.en %d lines, corpus.ru %d", len(el), len(rl))
	}
	for i := range el {
		if want := translatetest.Decoded("ru", el[i]); rl[i] != want {
			t.Errorf("line %d: %q, want %q", i+1, rl[i], want)
		}
	}
	if code, stderr := run("second"); code != 0 {
		t.Fatalf("second run: exit %d, stderr:\n%s", code, stderr)
	}
	if n := srv.Requests() - first; n != 0 {
		t.Errorf("second run made %d requests, want 0 (cache)", n)
	}
	if v := srv.Violations(); len(v) > 0 {
		t.Errorf("request limits violated: %v", v)
	}
}

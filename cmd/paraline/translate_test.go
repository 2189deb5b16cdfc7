package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paraline/paraline/lang/translate/translatetest"
)

// runTranslate runs paraline with args and stdin; it returns the exit code,
// stdout and stderr.
func runTranslate(ctx context.Context, t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(ctx, &stdio{in: strings.NewReader(stdin), out: &out, err: &errb}, args)
	return code, out.String(), errb.String()
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "translate", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fakeTranslation is what the fake server's output decodes to, line by line.
func fakeTranslation(tgt, input string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(input, "\n") {
		if l == "" {
			continue
		}
		text := strings.TrimSuffix(l, "\n")
		if strings.TrimSpace(text) != "" {
			text = translatetest.Decoded(tgt, text)
		}
		b.WriteString(text + "\n")
	}
	return b.String()
}

func TestTranslateGoogle(t *testing.T) {
	t.Setenv("GOOGLE_API_KEY", "")
	srv := translatetest.NewV2()
	defer srv.Close()
	input := readFixture(t, "input.en")
	cache := filepath.Join(t.TempDir(), "cache.db")
	args := []string{"translate", "--from", "en", "--to", "es", "--endpoint", srv.URL(), "--cache", cache}

	code, out, errs := runTranslate(context.Background(), t, input, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := fakeTranslation("es", input); out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if srv.Requests() != 1 || !strings.Contains(errs, "4 sentences sent") || !strings.Contains(errs, "1 duplicates") {
		t.Errorf("%d requests; stderr %s", srv.Requests(), errs)
	}

	// Second run: all from the cache, written to a file.
	outFile := filepath.Join(t.TempDir(), "out.es")
	code, _, errs = runTranslate(context.Background(), t, input, append(args, "-o", outFile)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got, _ := os.ReadFile(outFile); string(got) != fakeTranslation("es", input) {
		t.Errorf("output file:\n%s", got)
	}
	if srv.Requests() != 1 || !strings.Contains(errs, "4 from cache") {
		t.Errorf("second run: %d requests in all; stderr %s", srv.Requests(), errs)
	}

	// The cache command sees the translations.
	code, out, _ = runTranslate(context.Background(), t, "", "cache", "stats", "--cache", cache)
	if code != 0 || !strings.Contains(out, "translations: 4") || !strings.Contains(out, "google-v2:default") {
		t.Errorf("cache stats: exit %d\n%s", code, out)
	}
	code, out, _ = runTranslate(context.Background(), t, "", "cache", "clear", "--cache", cache)
	if code != 0 || !strings.Contains(out, "cleared 4 translations") {
		t.Errorf("cache clear: exit %d\n%s", code, out)
	}
}

func TestTranslateDryRun(t *testing.T) {
	t.Setenv("GOOGLE_API_KEY", "")
	srv := translatetest.NewV2()
	defer srv.Close()
	input := readFixture(t, "input.en")
	code, out, errs := runTranslate(context.Background(), t, input, "translate", "--from", "en", "--to", "ru",
		"--endpoint", srv.URL(), "--no-cache", "--dry-run", "--price-per-million", "25")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// 26+38+29+23 characters of the distinct non-blank lines.
	for _, want := range []string{"to send:            4 sentences, 116 characters", "requests:           1", "$0.0029 at $25.00 per million"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if srv.Requests() != 0 {
		t.Errorf("dry run made %d requests", srv.Requests())
	}
}

func TestTranslateErrors(t *testing.T) {
	t.Setenv("GOOGLE_API_KEY", "")
	srv := translatetest.NewV2()
	defer srv.Close()
	srv.Hook = func(context.Context, translatetest.Request) *translatetest.Fault {
		return &translatetest.Fault{Status: 403, Reason: "accessNotConfigured"}
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"no languages", []string{"translate"}, 2, "--from and --to are required"},
		{"unknown translator", []string{"translate", "--from", "en", "--to", "es", "--translator", "babel"}, 2, `unknown translator "babel"`},
		{"exec without command", []string{"translate", "--from", "en", "--to", "es", "--translator", "exec"}, 2, "needs --exec-cmd"},
		{"glossary without project", []string{"translate", "--from", "en", "--to", "es", "--glossary", "g"}, 2, "needs --project"},
		{"API not enabled", []string{"translate", "--from", "en", "--to", "es", "--no-cache", "--endpoint", srv.URL()}, 2, "enable the Cloud Translation API"},
		{"lost line", []string{"translate", "--from", "en", "--to", "es", "--no-cache", "--translator", "exec", "--exec-cmd", "sed /cartoon/d"}, 2, "stdin:4: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runTranslate(context.Background(), t, readFixture(t, "input.en"), tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tc.code, tc.wantErr)
			}
		})
	}
}

func TestTranslateExec(t *testing.T) {
	input := readFixture(t, "input.en")
	code, out, errs := runTranslate(context.Background(), t, input, "translate", "--from", "en", "--to", "xx",
		"--translator", "exec", "--exec-cmd", "tr a-z A-Z", "--no-cache", "-q")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := strings.ToUpper(input); out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

func TestTranslateApertium(t *testing.T) {
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium not installed (Debian: apt-get install apertium apertium-eng-spa)")
	}
	input := readFixture(t, "input.en")
	code, out, errs := runTranslate(context.Background(), t, input, "translate", "--from", "en", "--to", "es",
		"--translator", "apertium", "--cache", filepath.Join(t.TempDir(), "c.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(out, "\n")
	if len(lines) != strings.Count(input, "\n")+1 || lines[2] != "" || !strings.Contains(lines[5], "2007") {
		t.Errorf("output:\n%s", out)
	}
}

// TestTranslateInterrupted cancels a run in the middle (as SIGINT does):
// the command exits 130, and the rerun sends only what was not finished.
func TestTranslateInterrupted(t *testing.T) {
	t.Setenv("GOOGLE_API_KEY", "")
	srv := translatetest.NewV2()
	defer srv.Close()
	var interrupt atomic.Bool
	interrupt.Store(true)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	srv.Hook = func(_ context.Context, r translatetest.Request) *translatetest.Fault {
		if interrupt.Load() && r.N > 2 {
			once.Do(cancel) // ^C while the third request is under way
			return &translatetest.Fault{Hang: true}
		}
		return nil
	}
	var in strings.Builder
	for i := range 50 {
		in.WriteString("Sentence number " + strings.Repeat("x", i%5) + string(rune('A'+i%26)) + " " + string(rune('a'+i/26)) + ".\n")
	}
	cache := filepath.Join(t.TempDir(), "cache.db")
	args := []string{"translate", "--from", "en", "--to", "es", "--endpoint", srv.URL(), "--cache", cache, "--batch", "10", "--concurrency", "1"}
	code, _, errs := runTranslate(ctx, t, in.String(), args...)
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d: %s", code, exitInterrupted, errs)
	}
	paid := len(srv.Sent())
	if paid != 20 {
		t.Fatalf("%d sentences translated before ^C, want 20", paid)
	}
	interrupt.Store(false)
	code, out, errs := runTranslate(context.Background(), t, in.String(), args...)
	if code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, errs)
	}
	if out != fakeTranslation("es", in.String()) {
		t.Errorf("rerun output:\n%s", out)
	}
	for text, n := range srv.Sent() {
		if n != 1 {
			t.Errorf("%q translated %d times", text, n)
		}
	}
	if !strings.Contains(errs, "20 from cache") {
		t.Errorf("rerun stderr: %s", errs)
	}
}

func TestTranslateGoogleV3(t *testing.T) {
	t.Setenv("GOOGLE_API_KEY", "")
	srv, err := translatetest.NewV3()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	input := readFixture(t, "input.en")
	code, out, errs := runTranslate(context.Background(), t, input, "translate", "--from", "en", "--to", "de",
		"--project", "test-project", "--endpoint", srv.Addr(), "--no-cache", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := fakeTranslation("de", input); out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if srv.Requests() != 1 {
		t.Errorf("%d requests", srv.Requests())
	}
}

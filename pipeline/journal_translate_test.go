package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/lang/translate"
	"github.com/paraline/paraline/lang/translate/translatetest"
)

// makeTranslateCorpus writes n documents of English articles (ten
// sentences each, some repeated across documents) with site furniture,
// so that a translating run makes several batches of translateBatch
// sentences.
func makeTranslateCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	topics := []string{"river basin", "flood forecasting", "mountain roads", "school reform", "city budget"}
	for i := 0; i < n; i++ {
		var b strings.Builder
		b.WriteString("Home | News | Contact\n\n")
		for s := 0; s < 10; s++ {
			fmt.Fprintf(&b, "The committee discussed the %s on day %d and approved plan number %d after a long debate. ",
				topics[(i+s)%len(topics)], i%150, s)
		}
		b.WriteString("\n\nAll rights reserved\n")
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%04d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// googleEngine returns a translate Engine over the Google v2 backend
// pointed at srv, with a cache at cachePath ("": none), and the function
// that closes them.
func googleEngine(t *testing.T, srv *translatetest.V2, cachePath string) (*translate.Engine, func()) {
	t.Helper()
	return googleEngineOpts(t, srv, cachePath, translate.Options{})
}

// googleEngineOpts is googleEngine with the Engine's options (its Cache
// and Backoff set by it).
func googleEngineOpts(t *testing.T, srv *translatetest.V2, cachePath string, topts translate.Options) (*translate.Engine, func()) {
	t.Helper()
	b, err := translate.NewBackend(context.Background(), translate.Config{Name: "google", APIKey: "k", Endpoint: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	var cache *translate.Cache
	if cachePath != "" {
		if cache, err = translate.OpenCache(cachePath); err != nil {
			t.Fatal(err)
		}
	}
	topts.Cache, topts.Backoff = cache, 1
	e, err := translate.New(b, topts)
	if err != nil {
		t.Fatal(err)
	}
	return e, func() {
		e.Close()
		if cache != nil {
			cache.Close()
		}
	}
}

// TestResumeTranslating interrupts a translating run (Google's client
// against a fake Cloud Translation server on loopback) before, between
// and after its batches, resumes it, and checks that the outputs equal an
// uninterrupted run's, report included, and that the interrupted and
// resumed runs together sent each text as often as the uninterrupted run
// (once with the cache): the journal gives back the batches done without
// a request, even without the cache.
func TestResumeTranslating(t *testing.T) {
	in := makeTranslateCorpus(t, 450) // 4,500 sentences: batches of 2,000, 2,000 and 500
	opts := func(tr Translator) Options {
		return Options{Inputs: []string{in}, Workers: 2, TranslateTo: "ru", Translator: tr, NoClean: true} // the fake's output is not Russian
	}
	type uninterrupted struct {
		dir  string
		sent map[string]int
		reqs int
	}
	full := map[bool]uninterrupted{} // by noCache
	for _, noCache := range []bool{false, true} {
		srv := translatetest.NewV2()
		cache := filepath.Join(t.TempDir(), "c.db")
		if noCache {
			cache = ""
		}
		tr, closeTr := googleEngine(t, srv, cache)
		dir := t.TempDir()
		runOK(t, context.Background(), dir, opts(tr))
		closeTr()
		full[noCache] = uninterrupted{dir, srv.Sent(), srv.Requests()}
		srv.Close()
		if full[noCache].reqs == 0 {
			t.Fatal("the uninterrupted run made no request")
		}
	}
	for _, tc := range []struct {
		name    string
		after   int // documents before the interruption
		batches int // translation batches journaled by then
		noCache bool
		// cut drops the records after the first batch's: killed between
		// the batch's record and that of the document that filled it.
		cut bool
	}{
		{"before-first-batch", 50, 0, false, false},
		{"after-first-batch", 250, 1, false, false},
		{"before-last-batch", 449, 2, false, false},
		{"no-cache", 300, 1, true, false},
		{"no-cache-cut-after-batch", 300, 1, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := full[tc.noCache]
			srv := translatetest.NewV2()
			defer srv.Close()
			cache := filepath.Join(t.TempDir(), "c.db")
			if tc.noCache {
				cache = ""
			}
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			tr, closeTr := googleEngine(t, srv, cache)
			o := opts(tr)
			o.Progress = &cancelAfter{n: tc.after, cancel: cancel}
			if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted run: %v, want context.Canceled", err)
			}
			cancel()
			closeTr()
			if tc.cut {
				cutAfterFirstBatch(t, filepath.Join(dir, JournalDir, journalResults))
			}
			before := srv.Requests()
			var warned []string
			tr, closeTr = googleEngine(t, srv, cache)
			defer closeTr()
			o = opts(tr)
			o.Resume = true
			o.Warn = func(m string) { warned = append(warned, m) }
			runOK(t, context.Background(), dir, o)
			if len(warned) != 1 || !strings.Contains(warned[0], fmt.Sprintf("%d translation batches journaled", tc.batches)) {
				t.Errorf("warnings = %q, want one saying %d batches journaled", warned, tc.batches)
			}
			sameOutputs(t, want.dir, dir)
			sent := srv.Sent()
			if len(sent) != len(want.sent) {
				t.Errorf("%d distinct texts sent, an uninterrupted run sent %d", len(sent), len(want.sent))
			}
			for text, n := range sent {
				if n != want.sent[text] {
					t.Errorf("%q sent %d times, by an uninterrupted run %d", text, n, want.sent[text])
					break
				}
			}
			if tc.batches > 0 && srv.Requests()-before >= want.reqs {
				t.Errorf("the resumed run made %d requests, as many as a whole run (%d)", srv.Requests()-before, want.reqs)
			}
		})
	}
	t.Run("other-translator", func(t *testing.T) {
		srv := translatetest.NewV2()
		defer srv.Close()
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		tr, closeTr := googleEngine(t, srv, "")
		defer closeTr()
		o := opts(tr)
		o.Progress = &cancelAfter{n: 100, cancel: cancel}
		if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupted run: %v", err)
		}
		cancel()
		o = opts(&fakeTranslator{})
		o.Resume = true
		if _, err := Run(context.Background(), dir, o); !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), "--translator google-v2:") {
			t.Errorf("resume with another translator: %v", err)
		}
		o.Resume, o.TranslateTo, o.Translator = true, "", nil
		if _, err := Run(context.Background(), dir, o); !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), "--translate-to ru -> (none)") {
			t.Errorf("resume without --translate-to: %v", err)
		}
	})
}

// cutAfterFirstBatch truncates a translating run's results log after its
// first translation batch record.
func cutAfterFirstBatch(t *testing.T, log string) {
	t.Helper()
	var end int64
	errStop := errors.New("stop")
	_, _, err := scanResults(log, func(b []byte) error {
		end += 8 + int64(len(b))
		if b[0] == recTranslation {
			return errStop
		}
		return nil
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("no translation batch in the journal (%v)", err)
	}
	if err := os.Truncate(log, end); err != nil {
		t.Fatal(err)
	}
}

// TestResumeTranslatingApertium interrupts and resumes a run translated by
// the offline Apertium backend (English to Spanish), when installed.
func TestResumeTranslatingApertium(t *testing.T) {
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium not installed (Debian: apt-get install apertium apertium-eng-spa)")
	}
	b, err := translate.NewBackend(context.Background(), translate.Config{Name: "apertium"})
	if err != nil {
		t.Skipf("apertium backend: %v", err)
	}
	if _, err := b.Translate(context.Background(), "en", "es", []string{"The house is red."}); err != nil {
		t.Skipf("apertium pair eng-spa not usable (Debian: apt-get install apertium-eng-spa): %v", err)
	}
	if testing.Short() {
		t.Skip("translates 2,100 sentences with apertium")
	}
	in := makeTranslateCorpus(t, 210) // a batch of 2,000 sentences, then 100
	var closers []func() error
	engine := func(cache string) *translate.Engine {
		c, err := translate.OpenCache(cache)
		if err != nil {
			t.Fatal(err)
		}
		e, err := translate.New(b, translate.Options{Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		closers = append(closers, c.Close)
		return e
	}
	closeAll := func() {
		for _, c := range closers {
			c()
		}
		closers = nil
	}
	defer closeAll()
	opts := func(tr Translator) Options {
		return Options{Inputs: []string{in}, Langs: []string{"en", "es"}, Workers: 2, TranslateTo: "es", Translator: tr}
	}
	// Apertium is slow: one run fills the cache, and the reference run,
	// the interrupted one and the resumed one all read it (so their
	// reports agree on what came from the cache).
	cache := filepath.Join(t.TempDir(), "c.db")
	runOK(t, context.Background(), t.TempDir(), opts(engine(cache)))
	closeAll()
	want := t.TempDir()
	runOK(t, context.Background(), want, opts(engine(cache)))
	closeAll()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	o := opts(engine(cache))
	o.Progress = &cancelAfter{n: 205, cancel: cancel} // after the first batch
	if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v", err)
	}
	cancel()
	closeAll()
	o = opts(engine(cache))
	o.Resume = true
	var warned []string
	o.Warn = func(m string) { warned = append(warned, m) }
	runOK(t, context.Background(), dir, o)
	if len(warned) != 1 || !strings.Contains(warned[0], "1 translation batches journaled") {
		t.Errorf("warnings = %q, want one saying 1 batch journaled", warned)
	}
	sameOutputs(t, want, dir)
	if es, _ := os.ReadFile(filepath.Join(dir, "corpus.es")); !strings.Contains(string(es), "comité") {
		t.Errorf("corpus.es holds no Spanish translation:\n%.300s", es)
	}
}

// TestResumeTranslatingFlags interrupts a translating run after its first
// batch and resumes it with one translator flag changed: --batch (texts per
// request) changes which texts share a request (so which fail together,
// and the requests counted), so a change is refused unless the requests are
// the same (a value above the service's limit is the limit); a change of
// --price-per-million only reprices the estimate, which the report
// computes from every character sent at the resumed run's price: the
// outputs are those of an uninterrupted run at that price.
func TestResumeTranslatingFlags(t *testing.T) {
	in := makeTranslateCorpus(t, 250) // 2,500 sentences: batches of 2,000 and 500
	opts := func(tr Translator) Options {
		return Options{Inputs: []string{in}, Workers: 2, TranslateTo: "ru", Translator: tr, NoClean: true}
	}
	for _, tc := range []struct {
		name        string
		first, next translate.Options
		refused     string // in the error of a refused resume
	}{
		{"price", translate.Options{}, translate.Options{PricePerMillion: 7}, ""},
		{"batch", translate.Options{}, translate.Options{MaxTexts: 10}, "--batch 128 -> 10"},
		{"batch changed to the same requests", translate.Options{}, translate.Options{MaxTexts: 500}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := translatetest.NewV2()
			defer srv.Close()
			// The uninterrupted run, with the resumed run's flags.
			want := t.TempDir()
			tr, closeTr := googleEngineOpts(t, srv, "", tc.next)
			runOK(t, context.Background(), want, opts(tr))
			closeTr()

			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			tr, closeTr = googleEngineOpts(t, srv, "", tc.first)
			o := opts(tr)
			o.Progress = &cancelAfter{n: 220, cancel: cancel}
			if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted run: %v, want context.Canceled", err)
			}
			cancel()
			closeTr()
			tr, closeTr = googleEngineOpts(t, srv, "", tc.next)
			defer closeTr()
			o = opts(tr)
			o.Resume = true
			rep, err := Run(context.Background(), dir, o)
			if tc.refused != "" {
				if !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), tc.refused) {
					t.Fatalf("resume: err = %v, want a refusal naming %q", err, tc.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sameOutputs(t, want, dir)
			if tr := rep.Translation; tr == nil || tr.EstimatedCost != float64(tr.SentChars)*tr.PricePerMillion/1e6 {
				t.Errorf("translation counts %+v: the cost is not every character sent at the price", rep.Translation)
			}
		})
	}
}

package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paraline/paraline/corpus"
)

// cancelAfter is a Progress that cancels the run after n documents of the
// second pass, as an interruption would.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
	pass   string
}

func (c *cancelAfter) Start(pass string) { c.pass = pass }
func (c *cancelAfter) Finish()           {}
func (c *cancelAfter) Add(int) {
	if !strings.HasPrefix(c.pass, "processing") { // "processing pairs" too
		return
	}
	if c.n--; c.n == 0 {
		c.cancel()
	}
}

// makeCorpus writes n small documents with shared boilerplate into a new
// directory.
func makeCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Home | News | Contact\n\nThe committee met on day %d to discuss the river basin and its floods. "+
			"Experts from %d countries agreed on a new forecasting plan.\n\nКомиссия обсудила план номер %d и утвердила его.\n\nAll rights reserved\n", i, i%9+2, i)
		if i%17 == 5 {
			text = "\x00\x01\x02binary"
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runOK(t *testing.T, ctx context.Context, dir string, opts Options) {
	t.Helper()
	if _, err := Run(ctx, dir, opts); err != nil && !errors.Is(err, ErrFailedDocuments) {
		t.Fatal(err)
	}
}

func TestResumeAfterInterruption(t *testing.T) {
	in := makeCorpus(t, 60)
	opts := Options{Inputs: []string{in}, Workers: 2}
	want := t.TempDir()
	runOK(t, context.Background(), want, opts)
	if _, err := os.Stat(filepath.Join(want, JournalDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a finished run kept its journal: %v", err)
	}
	for _, tc := range []struct {
		name  string
		after int    // documents of the second pass before the interruption
		tail  string // bytes appended to the results log (a torn record)
	}{
		{"first-doc", 1, ""},
		{"mid", 25, ""},
		{"torn-tail", 40, "\x30\x00\x00\x00\x01\x02\x03\x04{\"ID\":"},
		{"before-second-pass", -1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			o := opts
			o.Progress = &cancelAfter{n: tc.after, cancel: cancel}
			if tc.after < 0 {
				// Interrupted as the first pass ends: no result journaled.
				o.Progress = nil
				ctx2, cancel2 := context.WithCancel(context.Background())
				cancel2()
				if _, err := CollectEvidence(ctx2, o); err == nil {
					t.Fatal("cancelled first pass: no error")
				}
				runInterruptedAfterEvidence(t, dir, o)
			} else {
				_, err := Run(ctx, dir, o)
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("interrupted run: %v, want context.Canceled", err)
				}
			}
			cancel()
			if tc.tail != "" {
				f, err := os.OpenFile(filepath.Join(dir, JournalDir, journalResults), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteString(tc.tail)
				f.Close()
			}
			done, _, err := scanResults(filepath.Join(dir, JournalDir, journalResults), nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.after > 0 && (done < tc.after-1 || done >= 60) {
				t.Errorf("journal holds %d results after %d documents", done, tc.after)
			}
			var warned []string
			o = opts
			o.Resume = true
			o.Warn = func(m string) { warned = append(warned, m) }
			runOK(t, context.Background(), dir, o)
			if len(warned) != 1 || !strings.Contains(warned[0], fmt.Sprintf("%d documents done", done)) {
				t.Errorf("warnings = %q, want one saying %d documents done", warned, done)
			}
			sameOutputs(t, want, dir)
			if _, err := os.Stat(filepath.Join(dir, JournalDir)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a resumed run kept its journal: %v", err)
			}
		})
	}
}

// runInterruptedAfterEvidence leaves in dir what a run killed right after
// its first pass leaves: a journal with header and evidence, no results.
func runInterruptedAfterEvidence(t *testing.T, dir string, o Options) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	o.Progress = &cancelAfter{n: 1, cancel: cancel}
	if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v", err)
	}
	if err := os.Remove(filepath.Join(dir, JournalDir, journalResults)); err != nil {
		t.Fatal(err)
	}
}

func TestResumeRefusesChanges(t *testing.T) {
	in := makeCorpus(t, 20)
	opts := Options{Inputs: []string{in}, Workers: 2}
	interrupted := func(t *testing.T) string {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		o := opts
		o.Progress = &cancelAfter{n: 5, cancel: cancel}
		if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupted run: %v", err)
		}
		return dir
	}
	t.Run("flag", func(t *testing.T) {
		dir := interrupted(t)
		o := opts
		o.Resume, o.NoSplit = true, true
		_, err := Run(context.Background(), dir, o)
		if !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), "--no-split false -> true") {
			t.Errorf("resume with another flag: %v", err)
		}
	})
	t.Run("no-lexicon", func(t *testing.T) {
		dir := interrupted(t)
		o := opts
		o.Resume, o.NoLexicon = true, true
		_, err := Run(context.Background(), dir, o)
		if !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), "--no-lexicon false -> true") {
			t.Errorf("resume with another aligner flag: %v", err)
		}
	})
	t.Run("max-line-bytes", func(t *testing.T) {
		// Which documents fail (read:long-line) depends on it.
		dir := interrupted(t)
		o := opts
		o.Resume, o.MaxLineBytes = true, 100
		_, err := Run(context.Background(), dir, o)
		if !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), "--max-line-bytes 1048576 -> 100") {
			t.Errorf("resume with another line limit: %v", err)
		}
		// 0 is the default limit: the same run.
		o.MaxLineBytes = corpus.DefaultMaxLineBytes
		runOK(t, context.Background(), dir, o)
	})
	t.Run("input", func(t *testing.T) {
		dir := interrupted(t)
		p := filepath.Join(in, "doc003.txt")
		if err := os.WriteFile(p, []byte("A changed document of other length."), 0o644); err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(time.Hour)
		os.Chtimes(p, later, later)
		o := opts
		o.Resume = true
		_, err := Run(context.Background(), dir, o)
		if !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), "doc003.txt") {
			t.Errorf("resume with a changed input: %v", err)
		}
		// Without --resume the journal is replaced, and said so.
		var warned []string
		o.Resume = false
		o.Warn = func(m string) { warned = append(warned, m) }
		runOK(t, context.Background(), dir, o)
		if len(warned) != 1 || !strings.Contains(warned[0], "replacing the journal") {
			t.Errorf("warnings = %q, want one about the replaced journal", warned)
		}
	})
	t.Run("unsupported", func(t *testing.T) {
		o := Options{Inputs: []string{"-"}, Resume: true}
		if _, err := Run(context.Background(), t.TempDir(), o); !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), "standard input") {
			t.Errorf("resume of a stdin run: %v", err)
		}
	})
}

// TestResumeWARC interrupts a run over WARC archives (several documents a
// file, skipped records among them) and resumes it.
func TestResumeWARC(t *testing.T) {
	in := t.TempDir()
	for f := 0; f < 2; f++ {
		var b bytes.Buffer
		ww := corpus.NewWARCWriter(&b, true)
		if err := ww.WriteWarcinfo([][2]string{{"software", "test"}}); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 15; i++ {
			body := fmt.Sprintf("Home | News\nThe council of town %d approved the new budget for roads and schools on day %d.\nAll rights reserved\n", f*100+i, i)
			if err := ww.WriteResponse(fmt.Sprintf("https://ex.org/%d/%d", f, i), "text/plain", []byte(body)); err != nil {
				t.Fatal(err)
			}
			if i%5 == 0 {
				if err := ww.WriteHTTPResponse(fmt.Sprintf("https://ex.org/gone/%d/%d", f, i), 404, http.Header{"Content-Type": {"text/plain"}}, []byte("Not found, sorry about that.\n")); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("crawl%d.warc.gz", f)), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Inputs: []string{in}, Workers: 2}
	want := t.TempDir()
	runOK(t, context.Background(), want, opts)
	for _, after := range []int{3, 20, 34} {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		o := opts
		o.Progress = &cancelAfter{n: after, cancel: cancel}
		if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupted run after %d: %v", after, err)
		}
		cancel()
		o = opts
		o.Resume = true
		runOK(t, context.Background(), dir, o)
		sameOutputs(t, want, dir)
	}
}

// TestRemoveTemporaries checks that the temporary outputs a killed run
// leaves (every output a run writes) are removed, and nothing else.
func TestRemoveTemporaries(t *testing.T) {
	dir := t.TempDir()
	left := []string{".mono.en.tmp-1", ".corpus.ru.gz.tmp-2", ".rejects.jsonl.tmp-3", ".report.json.tmp-4", ".report.html.tmp-5",
		".docpairs.tsv.tmp-6", ".shards.json.tmp-7", corpus.ManifestName + ".tmp-8"}
	kept := []string{"mono.en", ".notes.tmp-9", "docpairs.tsv", "mine.tmp-1"}
	for _, n := range append(append([]string(nil), left...), kept...) {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removeTemporaries(dir)
	for _, n := range left {
		if _, err := os.Stat(filepath.Join(dir, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s not removed", n)
		}
	}
	for _, n := range kept {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}

// TestResumeAutoUnpaired: a run that pairs by default (AutoPair) and
// found its inputs not bilingual journals that decision, and its
// resumption takes it from there rather than reading every document
// again to decide, writing what an uninterrupted run writes.
func TestResumeAutoUnpaired(t *testing.T) {
	in := englishOnly(t)
	opts := Options{Inputs: []string{in}, Workers: 2, AutoPair: true}
	want := t.TempDir()
	runOK(t, context.Background(), want, opts)
	if _, err := os.Stat(filepath.Join(want, "docpairs.tsv")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the corpus was paired (docpairs.tsv: %v); the test needs one language", err)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := opts
	o.Progress = &cancelAfter{n: 2, cancel: cancel}
	if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(dir, JournalDir, journalAutoUnpaired)); err != nil {
		t.Errorf("the journal does not say the run is not paired: %v", err)
	}
	o = opts
	o.Resume = true
	runOK(t, context.Background(), dir, o)
	sameOutputs(t, want, dir)
}

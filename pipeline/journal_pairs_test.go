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

	"github.com/paraline/paraline/corpus"
)

// makePairedCorpus writes n English/Russian document pairs (en/docNNN.txt,
// ru/docNNN.txt) sharing boilerplate and repeating sentences (so that the
// global deduplication matters), a few documents without counterpart and a
// binary one.
func makePairedCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for _, l := range []string{"en", "ru"} {
		if err := os.MkdirAll(filepath.Join(dir, l), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		k := i % 7 // repeated content: duplicates across jobs
		write(fmt.Sprintf("en/doc%03d.txt", i), fmt.Sprintf("Home | News | Contact\n\nThe committee met on day %d to discuss the river basin and its floods. "+
			"Experts from %d countries agreed on a new forecasting plan. The water level rose by %d centimetres overnight.\n\nAll rights reserved\n", k, k+2, 10*k+5))
		ru := fmt.Sprintf("Главная | Новости | Контакты\n\nКомиссия собралась в день %d, чтобы обсудить бассейн реки и его наводнения. "+
			"Эксперты из %d стран согласовали новый план прогнозирования. Уровень воды за ночь поднялся на %d сантиметров.\n\nВсе права защищены\n", k, k+2, 10*k+5)
		if i%11 == 4 {
			ru = "\x00\x01\x02binary"
		}
		if i%13 == 6 {
			continue // no Russian version
		}
		write(fmt.Sprintf("ru/doc%03d.txt", i), ru)
	}
	return dir
}

// TestResumePairedRun interrupts a two-version run at several points and
// checks that the resumed run writes what an uninterrupted one writes.
func TestResumePairedRun(t *testing.T) {
	in := makePairedCorpus(t, 40)
	opts := Options{Inputs: []string{in}, PairBy: PairByDir, Workers: 2}
	want := t.TempDir()
	rep, err := Run(context.Background(), want, opts)
	if err != nil && !errors.Is(err, ErrFailedDocuments) {
		t.Fatal(err)
	}
	if rep.Pairs == nil || rep.Pairs.Documents < 30 || rep.Pairs.Unpaired == 0 || rep.Clean == nil || rep.Clean.Duplicates == 0 {
		t.Fatalf("the corpus does not exercise pairing and deduplication: pairs %+v, clean %+v", rep.Pairs, rep.Clean)
	}
	if _, err := os.Stat(filepath.Join(want, JournalDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a finished run kept its journal: %v", err)
	}
	for _, tc := range []struct {
		name  string
		after int // documents of the second pass before the interruption
		tail  string
	}{
		{"first-job", 2, ""},
		{"mid", 31, ""},
		{"torn-tail", 50, "\x30\x00\x00\x00\x01\x02\x03\x04\x01\x01"},
		{"before-second-pass", -1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			o := opts
			if tc.after < 0 {
				runInterruptedAfterEvidence(t, dir, o)
			} else {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				o.Progress = &cancelAfter{n: tc.after, cancel: cancel}
				if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
					t.Fatalf("interrupted run: %v, want context.Canceled", err)
				}
			}
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
			if tc.after > 2 && (done == 0 || done >= 40) {
				t.Errorf("journal holds %d results after %d documents", done, tc.after)
			}
			var warned []string
			o = opts
			o.Resume = true
			o.Warn = func(m string) { warned = append(warned, m) }
			runOK(t, context.Background(), dir, o)
			if len(warned) != 1 || !strings.Contains(warned[0], fmt.Sprintf("%d pair jobs done", done)) {
				t.Errorf("warnings = %q, want one saying %d pair jobs done", warned, done)
			}
			t.Logf("%s: resumed after %d pair jobs", tc.name, done)
			sameOutputs(t, want, dir)
			if _, err := os.Stat(filepath.Join(dir, JournalDir)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a resumed run kept its journal: %v", err)
			}
		})
	}
	// A changed pairing rule refuses to resume.
	dir := t.TempDir()
	runInterruptedAfterEvidence(t, dir, opts)
	o := opts
	o.Resume, o.PairBy = true, PairByAuto
	if _, err := Run(context.Background(), dir, o); !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), "pair-by") {
		t.Errorf("resume with another --pair-by: %v", err)
	}
}

// TestResumeKeepsPairing interrupts runs paired by docpair (the default
// pairing of a bilingual crawl, from files and from a WARC archive with
// records that are no pages) and checks that the resumed run takes the
// document pairs from the journal, without reading the documents to pair
// them again, and writes what an uninterrupted run writes.
func TestResumeKeepsPairing(t *testing.T) {
	var b bytes.Buffer
	ww := corpus.NewWARCWriter(&b, true)
	for i := 0; i < 24; i++ {
		k := i % 5
		en := fmt.Sprintf("Home | News\nThe council of town %d approved the new budget for roads and schools on day %d. Work starts in %d weeks.\nAll rights reserved\n", i, k, k+3)
		ru := fmt.Sprintf("Главная | Новости\nСовет города %d утвердил новый бюджет на дороги и школы в день %d. Работы начнутся через %d недели.\nВсе права защищены\n", i, k, k+3)
		for _, p := range [][2]string{{"en", en}, {"ru", ru}} {
			if p[0] == "ru" && i%9 == 4 {
				continue // no Russian version
			}
			if err := ww.WriteResponse(fmt.Sprintf("https://ex.org/%s/news/%d.html", p[0], i), "text/plain", []byte(p[1])); err != nil {
				t.Fatal(err)
			}
		}
		if i%7 == 0 {
			if err := ww.WriteHTTPResponse(fmt.Sprintf("https://ex.org/gone/%d", i), 404, http.Header{"Content-Type": {"text/plain"}}, []byte("Not found, sorry about that.\n")); err != nil {
				t.Fatal(err)
			}
		}
	}
	warc := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(warc, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"files, --pair-by auto", Options{Inputs: []string{makePairedCorpus(t, 30)}, PairBy: PairByAuto, Workers: 2}},
		{"warc, default pairing", Options{Inputs: []string{warc}, AutoPair: true, Workers: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paired := 0
			testHookDocpair = func() { paired++ }
			defer func() { testHookDocpair = nil }()
			want := t.TempDir()
			rep, err := Run(context.Background(), want, tc.opts)
			if err != nil && !errors.Is(err, ErrFailedDocuments) {
				t.Fatal(err)
			}
			if paired != 1 || rep.Pairs == nil || rep.Pairs.Documents < 20 {
				t.Fatalf("the run paired %d times, report %+v: not a run paired by docpair", paired, rep.Pairs)
			}
			for _, after := range []int{1, 9, 17} {
				dir := t.TempDir()
				ctx, cancel := context.WithCancel(context.Background())
				o := tc.opts
				o.Progress = &cancelAfter{n: after, cancel: cancel}
				if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
					t.Fatalf("interrupted run after %d: %v", after, err)
				}
				cancel()
				paired = 0
				var warned []string
				o = tc.opts
				o.Resume = true
				o.Warn = func(m string) { warned = append(warned, m) }
				runOK(t, context.Background(), dir, o)
				if paired != 0 {
					t.Errorf("after %d: the resumed run paired the documents again", after)
				}
				if len(warned) != 1 || !strings.Contains(warned[0], "pair jobs done") || !strings.Contains(warned[0], "document pairs from the journal") {
					t.Errorf("after %d: warnings = %q", after, warned)
				}
				sameOutputs(t, want, dir)
			}
		})
	}
}

// TestResumeRefusesForeignPairing: a pairing file that is not the
// interrupted run's is refused, not used.
func TestResumeRefusesForeignPairing(t *testing.T) {
	opts := Options{Inputs: []string{makePairedCorpus(t, 12)}, PairBy: PairByAuto, Workers: 2}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	o := opts
	o.Progress = &cancelAfter{n: 2, cancel: cancel}
	if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v", err)
	}
	cancel()
	p := filepath.Join(dir, JournalDir, journalPairing)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("no pairing journaled: %v", err)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(`"hash":"`), []byte(`"hash":"x`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	o = opts
	o.Resume = true
	if _, err := Run(context.Background(), dir, o); !errors.Is(err, ErrResumeMismatch) || !strings.Contains(err.Error(), journalPairing) {
		t.Errorf("resume with another run's pairing: %v", err)
	}
}

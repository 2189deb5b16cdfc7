package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

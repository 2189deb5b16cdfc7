package pipeline

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestPairKey(t *testing.T) {
	tests := []struct {
		name, id, rule string
		wantKey        string
		wantLang       string
	}{
		{"dir", "en/news/a.txt", PairByDir, "{lang}/news/a.txt", "en"},
		{"dir nested", "site/ru/a.txt", PairByDir, "site/{lang}/a.txt", "ru"},
		{"dir ignores file name", "x/en.txt", PairByDir, "", ""},
		{"suffix dot", "news/a.en.txt", PairBySuffix, "news/a.{lang}.txt", "en"},
		{"suffix underscore", "a_ru.txt", PairBySuffix, "a_{lang}.txt", "ru"},
		{"suffix at end", "a.ru", PairBySuffix, "a.{lang}", "ru"},
		{"suffix needs a separator", "green.txt", PairBySuffix, "", ""},
		{"auto prefers dir", "en/a.ru.txt", PairByAuto, "{lang}/a.ru.txt", "en"},
		{"auto falls back to suffix", "a.ru.txt", PairByAuto, "a.{lang}.txt", "ru"},
		{"other language", "de/a.txt", PairByAuto, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, l := pairKey(tt.id, tt.rule, "en", "ru")
			if k != tt.wantKey || l != tt.wantLang {
				t.Errorf("pairKey(%q, %s) = %q, %q; want %q, %q", tt.id, tt.rule, k, l, tt.wantKey, tt.wantLang)
			}
		})
	}
}

func TestRunPairs(t *testing.T) {
	dir := t.TempDir()
	rep, err := Run(context.Background(), dir, Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByDir, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Check(); err != nil {
		t.Fatal(err)
	}
	en, _ := os.ReadFile(filepath.Join(dir, "corpus.en"))
	ru, _ := os.ReadFile(filepath.Join(dir, "corpus.ru"))
	el, rl := strings.Split(strings.TrimSuffix(string(en), "\n"), "\n"), strings.Split(strings.TrimSuffix(string(ru), "\n"), "\n")
	if len(el) != len(rl) || len(el) < 10 {
		t.Fatalf("corpus.en %d lines, corpus.ru %d lines; want equal and at least 10", len(el), len(rl))
	}
	// Numbers survive translation: aligned lines must agree on them.
	for i := range el {
		for _, n := range []string{"400", "27", "2026", "2015", "12"} {
			re := regexp.MustCompile(`\b` + n + `\b`)
			if re.MatchString(el[i]) != re.MatchString(rl[i]) {
				t.Errorf("line %d: number %s on one side only:\n%s\n%s", i+1, n, el[i], rl[i])
			}
		}
	}
	if rep.Pairs == nil || rep.Pairs.Documents != 2 {
		t.Errorf("pairs = %+v, want 2 document pairs", rep.Pairs)
	}
	// Same output with another worker count.
	dir4 := t.TempDir()
	if _, err := Run(context.Background(), dir4, Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByDir, Workers: 4}); err != nil {
		t.Fatal(err)
	}
	en4, _ := os.ReadFile(filepath.Join(dir4, "corpus.en"))
	if !bytes.Equal(en, en4) {
		t.Error("corpus.en differs between 2 and 4 workers")
	}
}

func TestRunPairsFile(t *testing.T) {
	dir := t.TempDir()
	pairs := filepath.Join(dir, "pairs.tsv")
	body := "# source\ttarget\n" + filepath.Join("testdata/pairs/en/water_forum.txt") + "\t" + filepath.Join("testdata/pairs/ru/water_forum.txt") + "\n"
	if err := os.WriteFile(pairs, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	rep, err := Run(context.Background(), out, Options{Pairs: pairs})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pairs.Documents != 1 || rep.Outputs["corpus.en"] == 0 || rep.Outputs["corpus.en"] != rep.Outputs["corpus.ru"] {
		t.Errorf("pairs %+v, outputs %v", rep.Pairs, rep.Outputs)
	}
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("only-one-column\n"), 0o644)
	if _, err := Run(context.Background(), filepath.Join(dir, "out2"), Options{Pairs: bad}); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad pairs file: err = %v, want one naming line 1", err)
	}
}

// TestPairByArguments pairs the same documents whether the run names the
// parent folder, the two language folders, or globs.
func TestPairByArguments(t *testing.T) {
	for _, args := range [][]string{
		{"testdata/pairs"},
		{"testdata/pairs/en", "testdata/pairs/ru"},
		{"testdata/pairs/*/*.txt"},
		{"testdata/pairs/en/water_forum.txt", "testdata/pairs/ru/water_forum.txt"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			rep, err := Run(context.Background(), t.TempDir(), Options{Inputs: args, PairBy: PairByDir})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Pairs.Documents == 0 || rep.Pairs.Unpaired != 0 {
				t.Errorf("pairs = %+v, want every document paired", rep.Pairs)
			}
		})
	}
	if _, err := Run(context.Background(), t.TempDir(), Options{Inputs: []string{"testdata/site"}, PairBy: PairByDir}); err == nil {
		t.Error("--pair-by over documents that cannot pair: no error")
	}
}

// TestRunRemovesStaleOutputs checks that a second run into the same
// directory removes the outputs of the first one that it did not write
// itself, says so in the report, and never removes a file it did not write,
// even one named like an output (corpus.de, mono.notes).
func TestRunRemovesStaleOutputs(t *testing.T) {
	dir := t.TempDir()
	mine := map[string]string{"notes.txt": "mine", "corpus.de": "my German corpus\n", "mono.notes": "my notes\n"}
	for name, text := range mine {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Run(context.Background(), dir, Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByDir, Formats: []string{"tsv"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Removed) != 0 {
		t.Errorf("first run removed %v, want nothing", rep.Removed)
	}
	rep, err = Run(context.Background(), dir, Options{Inputs: []string{"testdata/pairs/en"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, stale := range []string{"corpus.en", "corpus.ru", "corpus.tsv"} {
		if _, err := os.Stat(filepath.Join(dir, stale)); err == nil {
			t.Errorf("stale %s left in the output directory", stale)
		}
	}
	if want := []string{"corpus.en", "corpus.ru", "corpus.tsv"}; !slices.Equal(rep.Removed, want) {
		t.Errorf("report.Removed = %v, want %v", rep.Removed, want)
	}
	for name, text := range mine {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != text {
			t.Errorf("a file that is not an output was removed or changed: %s: %q, %v", name, b, err)
		}
	}
}

// TestUnmatchedGlobSameWithPairing checks that a glob that matches nothing
// is a failed document (the run goes on) with and without pairing.
func TestUnmatchedGlobSameWithPairing(t *testing.T) {
	for _, pairBy := range []string{"", PairByDir} {
		t.Run("pair-by="+pairBy, func(t *testing.T) {
			rep, err := Run(context.Background(), t.TempDir(), Options{Inputs: []string{"testdata/pairs/*/*.nomatch", "testdata/pairs"}, PairBy: pairBy, Workers: 1})
			if !errors.Is(err, ErrFailedDocuments) {
				t.Fatalf("err = %v, want ErrFailedDocuments", err)
			}
			if rep.Documents.ByReason["no-match"] != 1 {
				t.Errorf("failed by reason = %v, want no-match: 1", rep.Documents.ByReason)
			}
			if len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Error, "*.nomatch") {
				t.Errorf("failed = %+v, want the pattern named", rep.Failed)
			}
		})
	}
}

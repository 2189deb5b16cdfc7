package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/clean"
)

// slicePairs is a PairReader over pairs in memory.
type slicePairs struct{ pairs [][2]string }

func (s *slicePairs) Next() (string, string, bool, error) {
	if len(s.pairs) == 0 {
		return "", "", false, nil
	}
	p := s.pairs[0]
	s.pairs = s.pairs[1:]
	return p[0], p[1], true, nil
}

func TestClean(t *testing.T) {
	pairs := [][2]string{
		{"The file could not be opened.", "Не удалось открыть файл."},
		{"The file could not be opened.", "Не удалось открыть файл."}, // exact duplicate
		{"Save the document before closing.", ""},                     // empty target
		{"Delete the selected messages?", "Удалить выбранные сообщения?"},
	}
	for _, workers := range []int{1, 3} {
		dir := t.TempDir()
		filters, err := clean.ParseFilters("none,empty")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Clean(context.Background(), dir, &slicePairs{pairs: pairs}, Options{Langs: []string{"en", "ru"}, Filters: filters, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.Check(); err != nil {
			t.Fatal(err)
		}
		f := rep.Stages[0]
		if f.Name != StageFilter || f.In != 4 || f.Kept != 2 || f.Rejected != 2 {
			t.Errorf("workers %d: filter stage %+v, want 4 in, 2 kept, 2 rejected", workers, f)
		}
		if rep.Rejects["filter:duplicate:exact"] != 1 || rep.Rejects["filter:empty"] != 1 {
			t.Errorf("workers %d: rejects %v", workers, rep.Rejects)
		}
		en, _ := os.ReadFile(filepath.Join(dir, "corpus.en"))
		if got := strings.Count(string(en), "\n"); got != 2 || rep.Outputs["corpus.en"] != 2 {
			t.Errorf("workers %d: corpus.en has %d lines, report %d; want 2", workers, got, rep.Outputs["corpus.en"])
		}
		rej, _ := os.ReadFile(filepath.Join(dir, "rejects.jsonl"))
		if !strings.Contains(string(rej), `"line":2,`) || !strings.Contains(string(rej), `"line":3,`) {
			t.Errorf("workers %d: rejects lack the input lines:\n%s", workers, rej)
		}
	}
}

// TestCleanNamesInputs checks that a corpus cleaned on its own names its
// files: each reject's doc is the source file (with the pair's line), and
// report.html counts the pairs read from the files, not "0 documents".
func TestCleanNamesInputs(t *testing.T) {
	pairs := [][2]string{
		{"The file could not be opened.", "Не удалось открыть файл."},
		{"Save the document before closing.", ""},
		{"Delete the selected messages?", "Удалить выбранные сообщения?"},
	}
	filters, err := clean.ParseFilters("none,empty")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	o := Options{Langs: []string{"en", "ru"}, Filters: filters, Inputs: []string{"data/corpus.en", "data/corpus.ru"}}
	rep, err := Clean(context.Background(), dir, &slicePairs{pairs: pairs}, o)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Inputs, " ") != "data/corpus.en data/corpus.ru" {
		t.Errorf("report inputs = %q", rep.Inputs)
	}
	rej, _ := os.ReadFile(filepath.Join(dir, "rejects.jsonl"))
	if !strings.HasPrefix(string(rej), `{"doc":"data/corpus.en","line":2,`) {
		t.Errorf("reject does not name its file and line:\n%s", rej)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if want := "3 pairs cleaned from data/corpus.en and data/corpus.ru"; !strings.Contains(string(page), want) {
		t.Errorf("report.html lacks %q", want)
	}
	if strings.Contains(string(page), "0 documents") {
		t.Error(`report.html of a clean run says "0 documents"`)
	}
}

func TestInduceLexiconReplays(t *testing.T) {
	var pairs [][2]string
	for i := range 7 {
		pairs = append(pairs, [2]string{strings.Repeat("word ", i+1), strings.Repeat("слово ", i+1)})
	}
	for _, max := range []int{3, 7, 100} { // head shorter than, as long as, longer than the input
		lx, all, err := InduceLexicon(&slicePairs{pairs: pairs}, clean.LexiconOptions{MaxPairs: max})
		if err != nil {
			t.Fatal(err)
		}
		if want := min(max, len(pairs)); lx.Pairs() != want {
			t.Errorf("max %d: trained on %d pairs, want %d", max, lx.Pairs(), want)
		}
		var got [][2]string
		for {
			s, tg, ok, err := all.Next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			got = append(got, [2]string{s, tg})
		}
		if len(got) != len(pairs) {
			t.Fatalf("max %d: replayed %d pairs, want %d", max, len(got), len(pairs))
		}
		for i := range got {
			if got[i] != pairs[i] {
				t.Errorf("max %d: pair %d = %q, want %q", max, i, got[i], pairs[i])
			}
		}
	}
}

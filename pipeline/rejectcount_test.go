package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/clean"
)

// TestRejectsCountPairsOnce checks that report.json's rejects by reason
// count each rejected pair once, under the reason rejects.jsonl gives it,
// also when the pair failed several filters: the counts add up to the
// filter stage's rejected pairs and to the lines of rejects.jsonl.
func TestRejectsCountPairsOnce(t *testing.T) {
	pairs := [][2]string{
		{"The file could not be opened.", "Не удалось открыть файл."},
		{"Save the document now.", "Save the document now."}, // identical, and no Cyrillic in the target
		{"Save the document before closing.", ""},            // empty target
		{"Delete the selected messages?", "Удалить выбранные сообщения?"},
		{"Delete the selected messages?", "Удалить выбранные сообщения?"}, // duplicate
	}
	filters, err := clean.ParseFilters("none,empty,identical,letters")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rep, err := Clean(context.Background(), dir, &slicePairs{pairs: pairs}, Options{Langs: []string{"en", "ru"}, Filters: filters, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "rejects.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r Reject
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		lines[r.Reason]++
	}
	if lines["filter:identical,letters"] != 1 {
		t.Fatalf("rejects.jsonl reasons %v, want one filter:identical,letters", lines)
	}
	sum := 0
	for k, n := range rep.Rejects {
		sum += n
		if lines[k] != n {
			t.Errorf("report rejects[%q] = %d, rejects.jsonl has %d", k, n, lines[k])
		}
	}
	if f := rep.Stages[0]; sum != f.Rejected || f.Rejected != 3 {
		t.Errorf("report rejects %v add up to %d; filter stage rejected %d, want 3", rep.Rejects, sum, f.Rejected)
	}
}

package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestManifest(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("corpus.de", "user's\n")
	write("corpus.en", "old\n")
	write("corpus.tsv", "old\n")
	write("outside", "x\n")
	if stale, err := StaleOutputs(dir, []string{"corpus.en"}); err != nil || len(stale) != 0 {
		t.Fatalf("without a manifest: stale = %v, %v; want none", stale, err)
	}
	m, err := CreateManifest(dir, []string{"corpus.tsv", "corpus.en", "gone.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Commit(); err != nil {
		t.Fatal(err)
	}
	// A hand-edited manifest must not reach outside dir or remove itself.
	f, _ := os.OpenFile(filepath.Join(dir, ManifestName), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("../outside\n" + ManifestName + "\n/etc/passwd\n")
	f.Close()
	stale, err := StaleOutputs(dir, []string{"corpus.en", "report.json"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"corpus.tsv"}; !slices.Equal(stale, want) {
		t.Errorf("stale = %v, want %v (gone.txt is absent, corpus.de is the user's)", stale, want)
	}
	if err := RemoveOutputs(dir, stale); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"corpus.de": true, "corpus.en": true, "corpus.tsv": false, "outside": true, ManifestName: true} {
		if _, err := os.Stat(filepath.Join(dir, name)); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", name, err == nil, want)
		}
	}
}

package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReaderSkip checks that Skip passes over the same documents as Next,
// with the same IDs, whatever the mix of Skip and Next calls.
func TestReaderSkip(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b/c.txt", "b/d.txt", "e.txt"} {
		p := filepath.Join(dir, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("text of "+n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	ww := NewWARCWriter(&b, true)
	for _, err := range []error{
		ww.WriteWarcinfo([][2]string{{"software", "test"}}),
		ww.WriteResponse("https://ex.org/a", "text/plain", []byte("First page of the archive.\n")),
		ww.WriteConversion("https://ex.org/b", []byte("Second page of the archive.\n")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "w.warc.gz"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{filepath.Join(dir, "b"), filepath.Join(dir, "w.warc.gz"), filepath.Join(dir, "a.txt"), filepath.Join(dir, "missing.txt"), filepath.Join(dir, "e.txt")}
	var want []string
	r := NewReader(args, nil, Options{})
	for r.Next() {
		want = append(want, r.Document().ID)
	}
	if len(want) != 8 {
		t.Fatalf("read %d documents (%v), want 8", len(want), want)
	}
	for skip := 0; skip <= len(want); skip++ {
		r := NewReader(args, nil, Options{})
		var got []string
		for i := 0; i < skip; i++ {
			id, ok := r.Skip()
			if !ok {
				t.Fatalf("skip %d: no document", i)
			}
			if r.Document() != nil {
				t.Error("Document after Skip is not nil")
			}
			got = append(got, id)
		}
		for r.Next() {
			got = append(got, r.Document().ID)
		}
		if len(got) != len(want) {
			t.Fatalf("skip %d: %v, want %v", skip, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("skip %d: %v, want %v", skip, got, want)
				break
			}
		}
	}
}

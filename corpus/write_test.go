package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestAtomicFileCommit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "mono.en")
	if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := CreateAtomic(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.WriteString("new\n"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old\n" {
		t.Fatalf("target changed before Commit: %q", b)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new\n" {
		t.Fatalf("after Commit: %q", b)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Fatalf("left files %q", names)
	}
	if err := a.Commit(); err == nil {
		t.Fatal("second Commit succeeded")
	}
	if err := a.Close(); err != nil {
		t.Fatalf("Close after Commit: %v", err)
	}
}

func TestAtomicFileAbort(t *testing.T) {
	for _, name := range []string{"abort", "close"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			a, err := CreateAtomic(filepath.Join(dir, "out.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Write([]byte("partial")); err != nil {
				t.Fatal(err)
			}
			if name == "abort" {
				err = a.Abort()
			} else {
				err = a.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Fatalf("left files %q", names)
			}
			if _, err := a.Write([]byte("x")); err == nil {
				t.Fatal("Write after Abort succeeded")
			}
		})
	}
}

func TestAtomicFileGzip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "corpus.en.gz")
	a, err := CreateAtomic(p)
	if err != nil {
		t.Fatal(err)
	}
	lw := NewLineWriter(a)
	for _, s := range []string{"one", "two", "three"} {
		if err := lw.WriteLine(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil || string(b) != "one\ntwo\nthree\n" {
		t.Fatalf("got %q, %v", b, err)
	}
}

func TestAtomicFileMissingDir(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no", "such", "dir", "x")
	if _, err := CreateAtomic(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Fatalf("err = %v", err)
	}
}

func TestCommitAll(t *testing.T) {
	dir := t.TempDir()
	var files []*AtomicFile
	for _, name := range []string{"mono.en", "mono.ru", "rejects.jsonl"} {
		a, err := CreateAtomic(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.WriteString(name); err != nil {
			t.Fatal(err)
		}
		files = append(files, a)
	}
	if err := CommitAll(files...); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(dirNames(t, dir), ","); got != "mono.en,mono.ru,rejects.jsonl" {
		t.Fatalf("files %s", got)
	}
	if err := CommitAll(files...); err == nil {
		t.Fatal("CommitAll of committed files succeeded")
	}
}

func TestLineWriter(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		wantErr bool
	}{
		{"plain", "A sentence.", false},
		{"unicode", "Предложение — с тире.", false},
		{"empty", "", false},
		{"newline", "a\nb", true},
		{"cr", "a\rb", true},
		{"tab", "a\tb", true},
		{"nul", "a\x00b", true},
		{"del", "a\x7fb", true},
		{"c1 control", "a\u0085b", true},
		{"line separator", "a\u2028b", true},
		{"paragraph separator", "a\u2029b", true},
		{"invalid utf8", "a\xffb", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewLineWriter(&buf)
			if err := w.WriteLine("first"); err != nil {
				t.Fatal(err)
			}
			err := w.WriteLine(tt.line)
			if tt.wantErr {
				if !errors.Is(err, ErrBadLine) || !strings.Contains(err.Error(), "line 2") {
					t.Fatalf("err = %v", err)
				}
				if buf.String() != "first\n" || w.Lines() != 1 {
					t.Fatalf("wrote %q, %d lines", buf.String(), w.Lines())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if buf.String() != "first\n"+tt.line+"\n" || w.Lines() != 2 {
				t.Fatalf("wrote %q, %d lines", buf.String(), w.Lines())
			}
		})
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWritersReportWriteErrors(t *testing.T) {
	if err := NewLineWriter(failWriter{}).WriteLine("x"); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("LineWriter err = %v", err)
	}
	if err := NewJSONLWriter(failWriter{}).Encode(1); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("JSONLWriter err = %v", err)
	}
}

func TestJSONLWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	type reject struct {
		Doc    string `json:"doc"`
		Start  int    `json:"start"`
		Reason string `json:"reason"`
		Text   string `json:"text"`
	}
	recs := []any{
		reject{"a/b.txt", 10, "boilerplate:clock", "<b>12:30</b> & \"Москва\"\n"},
		map[string]int{"n": 1},
	}
	for _, r := range recs {
		if err := w.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Encode(func() {}); err == nil {
		t.Fatal("encoded a func")
	}
	want := `{"doc":"a/b.txt","start":10,"reason":"boilerplate:clock","text":"<b>12:30</b> & \"Москва\"\n"}` + "\n" + `{"n":1}` + "\n"
	if buf.String() != want || w.Records() != 2 {
		t.Fatalf("got %q (%d records), want %q", buf.String(), w.Records(), want)
	}
}

// TestAtomicFileMode checks that replacing a file keeps its permissions (a
// private 0600 output stays private) and that a new file gets 0644.
func TestAtomicFileMode(t *testing.T) {
	for _, tc := range []struct {
		name     string
		existing os.FileMode // 0: no file before
		want     os.FileMode
	}{
		{"new file", 0, 0o644},
		{"private file", 0o600, 0o600},
		{"group-writable file", 0o664, 0o664},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "out.txt")
			if tc.existing != 0 {
				if err := os.WriteFile(p, []byte("old\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(p, tc.existing); err != nil {
					t.Fatal(err)
				}
			}
			a, err := CreateAtomic(p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.WriteString("new\n"); err != nil {
				t.Fatal(err)
			}
			if err := a.Commit(); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != tc.want {
				t.Errorf("mode %v, want %v", got, tc.want)
			}
		})
	}
}

package pipeline

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// stdinWARC returns a reader of a WARC archive written as it is read: mb
// records of 1 MiB images (skipped without being held) around two pages.
func stdinWARC(t *testing.T, mb int) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		ww := corpus.NewWARCWriter(pw, false)
		img := make([]byte, 1<<20)
		copy(img, "\x89PNG\r\n\x1a\n")
		err := ww.WriteResponse("https://ex.org/a", "text/plain", []byte("The river commission met on Monday in Linz.\n"))
		for i := 0; i < mb && err == nil; i++ {
			err = ww.WriteResponse("https://ex.org/img.png", "image/png", img)
		}
		if err == nil {
			err = ww.WriteResponse("https://ex.org/b", "text/plain", []byte("The second page is about the Danube delta.\n"))
		}
		if err == nil {
			err = ww.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr
}

// TestStdinWARCStreamed checks that a WARC archive read from standard
// input is streamed: the engine does not hold it in memory (it once read it
// whole), and both passes see every record.
func TestStdinWARCStreamed(t *testing.T) {
	const mb = 48
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"two passes", Options{}},
		{"one pass", Options{NoRepeat: true, NoRepair: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Langs = []string{"en"}
			// The heap of an engine over a small archive, then over a
			// large one.
			heap := func(mb int) (*Engine, uint64) {
				o := opts
				o.Stdin = stdinWARC(t, mb)
				e, err := NewEngine(context.Background(), o)
				if err != nil {
					t.Fatal(err)
				}
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				return e, ms.HeapAlloc
			}
			small, base := heap(1)
			if err := small.Close(); err != nil {
				t.Fatal(err)
			}
			small = nil
			e, big := heap(mb)
			defer e.Close()
			if big > base+mb<<20/4 {
				t.Errorf("heap %d MiB after NewEngine with a %d MiB archive on stdin, %d MiB with 1 MiB: it is held in memory", big>>20, mb, base>>20)
			}
			var pages, skips int
			if err := e.Each(context.Background(), func(r *DocResult) error {
				switch {
				case r.Skip != "":
					skips++
				case r.Err == nil:
					pages++
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if pages != 2 || skips != mb {
				t.Errorf("%d pages, %d skips; want 2, %d", pages, skips, mb)
			}
		})
	}
}

// TestRunLongLine checks that a document holding one 50 MB line is
// rejected at stage read with the line's position (it was processed), and
// that the other documents go on.
func TestRunLongLine(t *testing.T) {
	in := t.TempDir()
	long := "Intro line.\n" + strings.Repeat("a", 50<<20) + "\n"
	if err := os.WriteFile(filepath.Join(in, "dump.txt"), []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "page.txt"), []byte("The river commission met on Monday in Linz.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	rep, err := Run(context.Background(), out, Options{Inputs: []string{in}, Langs: []string{"en"}, NoRepeat: true, NoRepair: true})
	if !errors.Is(err, ErrFailedDocuments) {
		t.Fatalf("err = %v, want ErrFailedDocuments", err)
	}
	if rep.Documents.OK != 1 || rep.Documents.ByReason["long-line"] != 1 {
		t.Errorf("documents %+v, want one ok and one long-line", rep.Documents)
	}
	b, err := os.ReadFile(filepath.Join(out, "rejects.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"stage":"read","reason":"read:long-line"`) || !strings.Contains(string(b), "byte 12 (line 2)") {
		t.Errorf("rejects.jsonl has no read:long-line reject at byte 12 (line 2):\n%.400s", b)
	}
}

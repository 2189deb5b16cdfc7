package docpair

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/corpus/corpustest"
)

// readWARC writes the pages of siteEN and siteRU into a WARC archive under
// URLs that name their language; the Russian page 0 holds a line of 300
// bytes and the Russian page 1 is served with status 404 (a custom error
// page that still holds the text).
func readWARC(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "site.warc.gz")
	corpustest.WriteWARC(t, path, true, func(ww *corpus.WARCWriter) {
		for i := range siteEN {
			for _, l := range []string{"en", "ru"} {
				text := siteEN[i]
				if l == "ru" {
					text = siteRU[i]
				}
				url := "https://ex.org/" + l + "/page" + string(rune('0'+i))
				h := http.Header{}
				h.Set("Content-Type", "text/plain; charset=utf-8")
				status := 200
				switch {
				case l == "ru" && i == 0:
					text += "\n" + strings.Repeat("длинная строка ", 20)
				case l == "ru" && i == 1:
					status = 404
				}
				if err := ww.WriteHTTPResponse(url, status, h, []byte(text+"\n")); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	return path
}

// TestAddInputsReadOptions checks that AddInputs reads the documents with
// the reading options given (the run's: --max-line-bytes, --keep-status),
// so that it pairs the documents a run reads, no more and no fewer.
func TestAddInputsReadOptions(t *testing.T) {
	warc := readWARC(t)
	tests := []struct {
		name        string
		ro          ReadOptions
		wantPairs   string // URLs' paths, src>tgt
		wantFailed  int
		wantSkipped int
	}{
		{"defaults", ReadOptions{}, "page0>page0 page2>page2 page3>page3 page4>page4", 0, 1},
		{"max-line-bytes", ReadOptions{MaxLineBytes: 200}, "page2>page2 page3>page3 page4>page4", 1, 1},
		{"keep-status", ReadOptions{KeepStatus: true}, "page0>page0 page1>page1 page2>page2 page3>page3 page4>page4", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPairer(Options{Src: "en", Tgt: "ru"})
			if err != nil {
				t.Fatal(err)
			}
			skipped := 0
			tc.ro.OnSkipped = func(*corpus.Document) { skipped++ }
			_, failed, err := p.AddInputs(context.Background(), []string{warc}, tc.ro)
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Pair()
			if err != nil {
				t.Fatal(err)
			}
			var pairs []string
			for _, pr := range res.Pairs {
				pairs = append(pairs, pr.Src[strings.LastIndexByte(pr.Src, '/')+1:]+">"+pr.Tgt[strings.LastIndexByte(pr.Tgt, '/')+1:])
			}
			if g := strings.Join(pairs, " "); g != tc.wantPairs || failed != tc.wantFailed || skipped != tc.wantSkipped {
				t.Errorf("pairs %q, failed %d, skipped %d; want %q, %d, %d", g, failed, skipped, tc.wantPairs, tc.wantFailed, tc.wantSkipped)
			}
		})
	}
}

// openFiles counts the open file descriptors of the process (Linux).
func openFiles(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	return len(entries)
}

// TestAddInputsClosesOnStop checks that AddInputs closes the archive it is
// reading when it stops early: its context cancelled (in the pass that
// counts repeated lines, or in the one that classifies), or OnDocument
// failing.
func TestAddInputsClosesOnStop(t *testing.T) {
	warc := readWARC(t)
	stop := errors.New("stop")
	tests := []struct {
		name   string
		cancel bool // the context is cancelled before AddInputs
		ro     ReadOptions
		fail   bool // OnDocument fails at the second document
		want   error
	}{
		{"cancelled while counting", true, ReadOptions{}, false, context.Canceled},
		{"cancelled while classifying", true, ReadOptions{NoRepeat: true}, false, context.Canceled},
		{"OnDocument fails", false, ReadOptions{}, true, stop},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := openFiles(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel {
				cancel()
			}
			n := 0
			if tc.fail {
				tc.ro.OnDocument = func(*corpus.Document) error {
					if n++; n == 2 {
						return stop
					}
					return nil
				}
			}
			p, err := NewPairer(Options{Src: "en", Tgt: "ru"})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := p.AddInputs(ctx, []string{warc}, tc.ro); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if after := openFiles(t); after > before {
				t.Errorf("%d files open after AddInputs stopped, %d before", after, before)
			}
		})
	}
}

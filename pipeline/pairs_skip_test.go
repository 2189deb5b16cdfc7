package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/corpus/corpustest"
)

// skipWARC writes a WARC archive of two English/Russian page pairs among
// records a run skips: a request, a 404 page, an image, a warcinfo.
func skipWARC(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "site.warc.gz")
	corpustest.WriteWARC(t, path, true, func(ww *corpus.WARCWriter) {
		if err := ww.WriteWarcinfo([][2]string{{"software", "test"}}); err != nil {
			t.Fatal(err)
		}
		for _, l := range []string{"en", "ru"} {
			for _, name := range []string{"water_forum", "river_cleanup"} {
				b, err := os.ReadFile(filepath.Join("testdata/pairs", l, name+".txt"))
				if err != nil {
					t.Fatal(err)
				}
				url := "https://ex.org/" + l + "/" + name
				if err := ww.WriteRecord(corpus.WARCRecord{Type: "request", TargetURI: url, ContentType: "application/http; msgtype=request",
					Block: []byte("GET /" + l + "/" + name + " HTTP/1.1\r\nHost: ex.org\r\n\r\n"), ContentLength: -1}); err != nil {
					t.Fatal(err)
				}
				if err := ww.WriteResponse(url, "text/plain; charset=utf-8", b); err != nil {
					t.Fatal(err)
				}
			}
		}
		h := http.Header{}
		h.Set("Content-Type", "text/plain")
		if err := ww.WriteHTTPResponse("https://ex.org/en/gone", 404, h, []byte("Not found: the page you asked for is gone.\n")); err != nil {
			t.Fatal(err)
		}
		if err := ww.WriteResponse("https://ex.org/logo.png", "image/png", []byte("\x89PNG\r\n\x1a\n\x00\x00")); err != nil {
			t.Fatal(err)
		}
	})
	return path
}

// readRejects returns the reasons of the read-stage rejects of DIR/rejects.jsonl
// with their documents, in file order.
func readRejects(t *testing.T, dir string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "rejects.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r Reject
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if r.Stage == StageRead {
			out = append(out, r.Doc+" "+r.Reason)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPairRunCountsSkippedRecords checks that a two-version run over a
// WARC archive (--pair-by auto, the default for a bilingual crawl) counts
// the records it skips (requests, non-2xx responses, images, warcinfo) in
// report.json and writes them to rejects.jsonl with their reason, as a run
// without pairing does, whatever the number of workers.
func TestPairRunCountsSkippedRecords(t *testing.T) {
	warc := skipWARC(t)
	mono, err := Run(context.Background(), t.TempDir(), Options{Inputs: []string{warc}, Langs: []string{"en", "ru"}, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if mono.Documents.Skipped != 7 {
		t.Fatalf("run without pairing: skipped %d, want 7 (%v)", mono.Documents.Skipped, mono.Documents.SkippedByReason)
	}
	var first string
	root := t.TempDir()
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"auto default", Options{AutoPair: true, Workers: 1}},
		{"pair-by auto", Options{PairBy: PairByAuto, Workers: 3}},
		{"pair-by url", Options{PairBy: PairByURL, Workers: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.Inputs, o.Langs = []string{warc}, []string{"en", "ru"}
			out := filepath.Join(root, strings.ReplaceAll(tc.name, " ", "-"))
			rep, err := Run(context.Background(), out, o)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Pairs == nil || rep.Pairs.Documents != 2 || rep.Pairs.Unpaired != 0 {
				t.Fatalf("pairs %+v, want 2 document pairs, none unpaired (a skipped record is no document)", rep.Pairs)
			}
			if err := rep.Check(); err != nil {
				t.Error(err)
			}
			if rep.Documents.Read != mono.Documents.Read || rep.Documents.Skipped != mono.Documents.Skipped ||
				!reflect.DeepEqual(rep.Documents.SkippedByReason, mono.Documents.SkippedByReason) {
				t.Errorf("documents %+v, the run without pairing %+v", rep.Documents, mono.Documents)
			}
			if rep.Bytes != mono.Bytes {
				t.Errorf("bytes %d, the run without pairing %d", rep.Bytes, mono.Bytes)
			}
			read := rep.stage(StageRead, UnitDocuments)
			if read.In != mono.Documents.Read || read.Rejected != mono.Documents.Skipped {
				t.Errorf("read stage %+v, want in %d, rejected %d", read, mono.Documents.Read, mono.Documents.Skipped)
			}
			rej := readRejects(t, out)
			skips := 0
			for k, n := range rep.Rejects {
				if strings.HasPrefix(k, "skip:") {
					skips += n
				}
			}
			if len(rej) != 7 || skips != 7 {
				t.Errorf("read rejects %d %q; report rejects %v: want the 7 skipped records", len(rej), rej, rep.Rejects)
			}
			got := fmt.Sprint(rej)
			for _, want := range []string{"https://ex.org/en/gone skip:status(404)", "https://ex.org/ru/water_forum skip:record(request)", "skip:record(warcinfo)"} {
				if !strings.Contains(got, want) {
					t.Errorf("read rejects %q lack %q", rej, want)
				}
			}
			if tc.opts.PairBy == PairByAuto || tc.opts.AutoPair {
				if first == "" {
					first = out
				} else {
					sameOutputs(t, first, out)
				}
			}
		})
	}
}

// readOptsWARC writes a WARC archive of English/Russian page pairs: one
// served with status 200, one whose Russian page holds a line of 2000
// bytes, and one served with status 404 (custom error pages that still hold
// the text).
func readOptsWARC(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "site.warc.gz")
	corpustest.WriteWARC(t, path, true, func(ww *corpus.WARCWriter) {
		for _, page := range []struct {
			url, file string
			status    int
			long      bool
		}{
			{"water_forum", "water_forum", 200, false},
			{"river_cleanup", "river_cleanup", 200, true},
			{"old/water_forum", "water_forum", 404, false},
		} {
			for _, l := range []string{"en", "ru"} {
				b, err := os.ReadFile(filepath.Join("testdata/pairs", l, page.file+".txt"))
				if err != nil {
					t.Fatal(err)
				}
				if page.long && l == "ru" {
					b = append(b, "\n"+strings.Repeat("Очень длинная строка. ", 80)+"\n"...)
				}
				h := http.Header{}
				h.Set("Content-Type", "text/plain; charset=utf-8")
				if err := ww.WriteHTTPResponse("https://ex.org/"+l+"/"+page.url, page.status, h, b); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	return path
}

// TestPairRunReadOptions checks that a paired run pairs the documents it
// reads, read with its own options (--max-line-bytes, --keep-status): a
// page that fails the run's line limit is a failed document, not half of
// a document pair; with --keep-status the pages of a 404 response are
// paired and read like the others; the documents are counted as by a run
// without pairing.
func TestPairRunReadOptions(t *testing.T) {
	warc := readOptsWARC(t)
	tests := []struct {
		name      string
		opts      Options
		wantPairs string // docpairs.tsv: source URLs
		wantErr   bool   // some documents failed
	}{
		{"defaults", Options{}, "river_cleanup water_forum", false},
		{"max-line-bytes", Options{MaxLineBytes: 1000}, "water_forum", true},
		{"keep-status", Options{KeepStatus: true}, "old/water_forum river_cleanup water_forum", false},
		{"keep-status, max-line-bytes", Options{KeepStatus: true, MaxLineBytes: 1000}, "old/water_forum water_forum", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.Inputs, o.Langs, o.Workers = []string{warc}, []string{"en", "ru"}, 2
			mono, err := Run(context.Background(), t.TempDir(), o)
			if (err != nil) != tc.wantErr {
				t.Fatalf("run without pairing: err = %v", err)
			}
			o.PairBy = PairByAuto
			out := t.TempDir()
			rep, err := Run(context.Background(), out, o)
			if (err != nil) != tc.wantErr {
				t.Fatalf("paired run: err = %v", err)
			}
			if !reflect.DeepEqual(rep.Documents, mono.Documents) {
				t.Errorf("documents %+v, the run without pairing %+v", rep.Documents, mono.Documents)
			}
			b, err := os.ReadFile(filepath.Join(out, "docpairs.tsv"))
			if err != nil {
				t.Fatal(err)
			}
			var srcs []string
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				srcs = append(srcs, strings.TrimPrefix(strings.Split(line, "\t")[0], "https://ex.org/en/"))
			}
			if g := strings.Join(srcs, " "); g != tc.wantPairs {
				t.Errorf("docpairs.tsv pairs %q, want %q", g, tc.wantPairs)
			}
			if rep.Pairs.Documents != len(srcs) {
				t.Errorf("report: %d document pairs, docpairs.tsv %d", rep.Pairs.Documents, len(srcs))
			}
		})
	}
}

// TestResumePairRunSkippedRecords interrupts a paired run over a WARC
// archive with skipped records and checks that the resumed run writes what
// an uninterrupted one writes, the skipped records counted once.
func TestResumePairRunSkippedRecords(t *testing.T) {
	warc := skipWARC(t)
	opts := Options{Inputs: []string{warc}, Langs: []string{"en", "ru"}, PairBy: PairByAuto, Workers: 2}
	want := t.TempDir()
	if _, err := Run(context.Background(), want, opts); err != nil {
		t.Fatal(err)
	}
	for _, after := range []int{3, 6} {
		t.Run(fmt.Sprint(after), func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			o := opts
			o.Progress = &cancelAfter{n: after, cancel: cancel}
			if _, err := Run(ctx, dir, o); !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted run: %v, want context.Canceled", err)
			}
			o = opts
			o.Resume = true
			rep, err := Run(context.Background(), dir, o)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Documents.Skipped != 7 {
				t.Errorf("skipped %d, want 7", rep.Documents.Skipped)
			}
			sameOutputs(t, want, dir)
		})
	}
}

package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/corpus/corpustest"
)

// TestPairRunWARC checks that a WARC archive among the inputs of a
// two-version run is a failed document with its reason, not an archive of
// which only the first record is read and the others silently dropped.
func TestPairRunWARC(t *testing.T) {
	in := t.TempDir()
	for _, l := range []string{"en", "ru"} {
		if err := os.CopyFS(filepath.Join(in, l), os.DirFS(filepath.Join("testdata/pairs", l))); err != nil {
			t.Fatal(err)
		}
	}
	corpustest.WriteWARC(t, filepath.Join(in, "crawl.warc"), false, func(ww *corpus.WARCWriter) {
		for _, page := range []string{"a", "b", "c"} {
			if err := ww.WriteResponse("https://ex.org/"+page, "text/plain", []byte("The river commission met on Monday in Linz.\n")); err != nil {
				t.Fatal(err)
			}
		}
	})
	for _, pairBy := range []string{PairByDir} { // PairByAuto reads archives: TestPairRunWARCAuto
		t.Run(pairBy, func(t *testing.T) {
			out := t.TempDir()
			rep, err := Run(context.Background(), out, Options{Inputs: []string{in}, PairBy: pairBy, Workers: 2})
			if !errors.Is(err, ErrFailedDocuments) {
				t.Fatalf("err = %v, want ErrFailedDocuments", err)
			}
			if rep.Documents.Failed != 1 || len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Error, "crawl.warc") ||
				!strings.Contains(rep.Failed[0].Error, "several documents") {
				t.Errorf("failed = %d %+v, want crawl.warc failed for holding several documents", rep.Documents.Failed, rep.Failed)
			}
			b, err := os.ReadFile(filepath.Join(out, "rejects.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), `"stage":"read"`) || !strings.Contains(string(b), "crawl.warc") {
				t.Errorf("rejects.jsonl has no read reject of crawl.warc:\n%s", b)
			}
		})
	}
}

// TestPairRunWARCAuto checks that --pair-by auto reads every record of a
// WARC archive among its inputs: the pages without a partner are reported as
// unpaired, none is dropped without a word.
func TestPairRunWARCAuto(t *testing.T) {
	in := t.TempDir()
	corpustest.WriteWARC(t, filepath.Join(in, "crawl.warc"), false, func(ww *corpus.WARCWriter) {
		for _, page := range []string{"a", "b", "c"} {
			if err := ww.WriteResponse("https://ex.org/en/"+page, "text/plain", []byte("The river commission met on Monday in Linz, page "+page+".\n")); err != nil {
				t.Fatal(err)
			}
		}
	})
	out := t.TempDir()
	rep, err := Run(context.Background(), out, Options{Inputs: []string{in}, PairBy: PairByAuto, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents.Read != 3 || rep.Pairs == nil || rep.Pairs.Unpaired != 3 || rep.Outputs["mono.en"] != 3 {
		b, _ := json.Marshal(rep)
		t.Errorf("want 3 documents read, 3 unpaired, 3 lines in mono.en; report: %s", b)
	}
}

// TestPairRunWARCFailedRecord checks that a record that cannot be read is
// reported by a paired run (report.json, rejects.jsonl with stage read),
// as by a run without pairing, not left out.
func TestPairRunWARCFailedRecord(t *testing.T) {
	in := t.TempDir()
	path := filepath.Join(in, "crawl.warc.gz")
	corpustest.WriteWARC(t, path, true, func(ww *corpus.WARCWriter) {
		for _, l := range []string{"en", "ru"} {
			b, err := os.ReadFile(filepath.Join("testdata/pairs", l, "water_forum.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if err := ww.WriteResponse("https://ex.org/"+l+"/water_forum", "text/plain; charset=utf-8", b); err != nil {
				t.Fatal(err)
			}
		}
		// A text page holding NUL bytes: ErrBinary.
		if err := ww.WriteResponse("https://ex.org/en/broken", "text/plain", []byte("Some text\x00\x00\x00 and binary.\n")); err != nil {
			t.Fatal(err)
		}
	})
	out := t.TempDir()
	rep, err := Run(context.Background(), out, Options{Inputs: []string{path}, PairBy: PairByAuto, Workers: 2})
	if !errors.Is(err, ErrFailedDocuments) {
		t.Fatalf("err = %v, want ErrFailedDocuments", err)
	}
	if rep.Documents.Failed != 1 || len(rep.Failed) != 1 || rep.Failed[0].Doc != "https://ex.org/en/broken" {
		b, _ := json.Marshal(rep.Failed)
		t.Errorf("failed = %d %s, want https://ex.org/en/broken", rep.Documents.Failed, b)
	}
	b, err := os.ReadFile(filepath.Join(out, "rejects.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"doc":"https://ex.org/en/broken"`) || !strings.Contains(string(b), `"stage":"read"`) {
		t.Errorf("rejects.jsonl has no read reject of the broken record:\n%s", b)
	}
	if rep.Pairs == nil || rep.Pairs.Documents != 1 || rep.Outputs["corpus.en"] == 0 {
		t.Errorf("pairs %+v outputs %v: want the good pages paired", rep.Pairs, rep.Outputs)
	}
}

// TestPairRunWARCHeaderCharset checks that a page whose charset is named
// only by its HTTP header (ISO-8859-5, which detection would not guess)
// is decoded with it when its pair is aligned, as on the first read.
func TestPairRunWARCHeaderCharset(t *testing.T) {
	in := t.TempDir()
	path := filepath.Join(in, "crawl.warc.gz")
	corpustest.WriteWARC(t, path, true, func(ww *corpus.WARCWriter) {
		en, err := os.ReadFile("testdata/pairs/en/water_forum.txt")
		if err != nil {
			t.Fatal(err)
		}
		ru, err := os.ReadFile("testdata/pairs/ru/water_forum.txt")
		if err != nil {
			t.Fatal(err)
		}
		ru5, err := encoding.ReplaceUnsupported(charmap.ISO8859_5.NewEncoder()).Bytes(ru)
		if err != nil {
			t.Fatal(err)
		}
		if err := ww.WriteResponse("https://ex.org/en/water_forum", "text/plain; charset=utf-8", en); err != nil {
			t.Fatal(err)
		}
		if err := ww.WriteResponse("https://ex.org/ru/water_forum", "text/plain; charset=iso-8859-5", ru5); err != nil {
			t.Fatal(err)
		}
	})
	out := t.TempDir()
	rep, err := Run(context.Background(), out, Options{Inputs: []string{path}, PairBy: PairByAuto, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "corpus.ru"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pairs == nil || rep.Pairs.Documents != 1 || !strings.Contains(string(b), "Линце") {
		t.Errorf("pairs %+v; corpus.ru does not hold the page's text:\n%.300s", rep.Pairs, b)
	}
}

// openFiles counts the open file descriptors of the process (Linux).
func openFiles(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	return len(entries)
}

// TestPairRunWARCClosesArchive checks that a two-version run by path that
// refuses a WARC archive (it holds several documents) closes it.
func TestPairRunWARCClosesArchive(t *testing.T) {
	in := t.TempDir()
	for _, l := range []string{"en", "ru"} {
		if err := os.CopyFS(filepath.Join(in, l), os.DirFS(filepath.Join("testdata/pairs", l))); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(in, "crawl.warc"))
	if err != nil {
		t.Fatal(err)
	}
	ww := corpus.NewWARCWriter(f, false)
	for _, page := range []string{"a", "b"} {
		if err := ww.WriteResponse("https://ex.org/"+page, "text/plain", []byte("The river commission met on Monday in Linz.\n")); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	before := openFiles(t)
	_, err = Run(context.Background(), t.TempDir(), Options{Inputs: []string{in}, PairBy: PairByDir, Workers: 1, NoRepeat: true, NoRepair: true})
	if !errors.Is(err, ErrFailedDocuments) {
		t.Fatalf("err = %v, want ErrFailedDocuments", err)
	}
	if after := openFiles(t); after > before {
		t.Errorf("%d files open after the run, %d before", after, before)
	}
}

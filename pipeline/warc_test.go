package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// TestRunWARCSkips runs a WARC holding pages and records that are not
// pages, and checks that the skips are counted by reason, written to
// rejects.jsonl, and that the report adds up.
func TestRunWARCSkips(t *testing.T) {
	var b bytes.Buffer
	ww := corpus.NewWARCWriter(&b, true)
	body := "The Danube Basin Secretariat opened a joint flood forecasting centre in Vienna on Monday.\n"
	steps := []error{
		ww.WriteWarcinfo([][2]string{{"software", "test"}}),
		ww.WriteRecord(corpus.WARCRecord{Type: "request", TargetURI: "https://ex.org/a", Block: []byte("GET / HTTP/1.1\r\n\r\n"), ContentLength: -1}),
		ww.WriteResponse("https://ex.org/a", "text/plain", []byte(body)),
		ww.WriteHTTPResponse("https://ex.org/gone", 404, http.Header{"Content-Type": {"text/plain"}}, []byte("The page you asked for is not here any more, sorry about that.\n")),
		ww.WriteResponse("https://ex.org/logo.png", "image/png", []byte("\x89PNG\r\n\x1a\n")),
		ww.WriteConversion("https://ex.org/b", []byte("The meeting of the experts took place in Linz last week.\n")),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	in := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, keep := range []bool{false, true} {
		dir := t.TempDir()
		rep, err := Run(context.Background(), dir, Options{Inputs: []string{in}, Workers: 2, NoRepeat: true, KeepStatus: keep})
		if err != nil {
			t.Fatalf("keep-status %v: Run: %v", keep, err)
		}
		if err := rep.Check(); err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"skip:record(warcinfo)": 1, "skip:record(request)": 1, "skip:content-type(image/png)": 1, "skip:status(404)": 1}
		ok := 2
		if keep {
			delete(want, "skip:status(404)")
			ok = 3
		}
		got := rep.Documents
		if got.Read != 6 || got.OK != ok || got.Failed != 0 || got.Skipped != len(want) {
			t.Errorf("keep-status %v: documents = %+v", keep, got)
		}
		for k, n := range want {
			if got.SkippedByReason[k] != n {
				t.Errorf("keep-status %v: skipped_by_reason = %v, want %v", keep, got.SkippedByReason, want)
				break
			}
		}
		mono, _ := os.ReadFile(filepath.Join(dir, "mono.en"))
		for _, s := range []string{"flood forecasting centre", "took place in Linz"} {
			if !bytes.Contains(mono, []byte(s)) {
				t.Errorf("mono.en lacks %q:\n%s", s, mono)
			}
		}
		if bytes.Contains(mono, []byte("not here any more")) != keep {
			t.Errorf("keep-status %v: the 404 page in mono.en = %v", keep, !keep)
		}
		f, err := os.Open(filepath.Join(dir, "rejects.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		skips := map[string]int{}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var r Reject
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(r.Reason, "skip:") {
				skips[r.Reason]++
				if r.Stage != "read" || r.Doc == "" {
					t.Errorf("skip reject %+v: want stage read and a doc", r)
				}
			}
		}
		f.Close()
		if len(skips) != len(want) {
			t.Errorf("keep-status %v: rejects.jsonl skips = %v, want %v", keep, skips, want)
		}
	}
}

// TestRunWARCSameAsFolder checks that a WARC holding the pages of a folder
// gives the same body sentences as the folder.
func TestRunWARCSameAsFolder(t *testing.T) {
	entries, err := os.ReadDir("testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	ww := corpus.NewWARCWriter(&b, true)
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join("testdata/site", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := ww.WriteResponse("https://ex.org/"+e.Name(), "text/plain", raw); err != nil {
			t.Fatal(err)
		}
	}
	in := filepath.Join(t.TempDir(), "site.warc.gz")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	outputs := func(input string) map[string]string {
		dir := t.TempDir()
		rep, err := Run(context.Background(), dir, Options{Inputs: []string{input}, Workers: 2})
		if err != nil && !errors.Is(err, ErrFailedDocuments) {
			t.Fatalf("%s: %v", input, err)
		}
		if err := rep.Check(); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, name := range []string{"mono.en", "mono.ru"} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			out[name] = string(data)
		}
		return out
	}
	folder, warc := outputs("testdata/site"), outputs(in)
	for name, want := range folder {
		if want == "" {
			t.Errorf("%s of the folder is empty", name)
		}
		if warc[name] != want {
			t.Errorf("%s from the WARC:\n%s\nfrom the folder:\n%s", name, warc[name], want)
		}
	}
}

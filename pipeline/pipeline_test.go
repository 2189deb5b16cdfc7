package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
)

func runSite(t *testing.T, workers int) (string, *Report, error) {
	t.Helper()
	dir := t.TempDir()
	rep, err := Run(context.Background(), dir, Options{Inputs: []string{"testdata/site"}, Workers: workers})
	return dir, rep, err
}

func TestRunOutputsAndReport(t *testing.T) {
	dir, rep, err := runSite(t, 2)
	if !errors.Is(err, ErrFailedDocuments) {
		t.Fatalf("Run error = %v, want ErrFailedDocuments (binary and empty inputs)", err)
	}
	if err := rep.Check(); err != nil {
		t.Fatal(err)
	}
	if rep.Documents.Read != 7 || rep.Documents.Failed != 2 {
		t.Errorf("documents = %+v, want 7 read, 2 failed", rep.Documents)
	}
	if rep.Documents.ByReason["binary"] != 1 || rep.Documents.ByReason["empty"] != 1 {
		t.Errorf("failed by reason = %v, want binary:1 empty:1", rep.Documents.ByReason)
	}
	if rep.Encodings["windows-1251"] != 1 {
		t.Errorf("encodings = %v, want one windows-1251 document", rep.Encodings)
	}
	for _, name := range []string{"mono.en", "mono.ru", "rejects.jsonl", "report.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	en, _ := os.ReadFile(filepath.Join(dir, "mono.en"))
	for _, want := range []string{"The Danube Basin Secretariat opened a joint flood forecasting centre", "The meeting of the experts took place in Linz"} {
		if !bytes.Contains(en, []byte(want)) {
			t.Errorf("mono.en lacks %q", want)
		}
	}
	for _, bad := range []string{"Add Comment", "09:12Vienna", "Subscribe to news", "River commission approves"} {
		if bytes.Contains(en, []byte(bad)) {
			t.Errorf("mono.en holds boilerplate %q", bad)
		}
	}
	ru, _ := os.ReadFile(filepath.Join(dir, "mono.ru"))
	if !bytes.Contains(ru, []byte("Более трёх тысяч добровольцев")) {
		t.Errorf("mono.ru lacks the windows-1251 page's body:\n%s", ru)
	}
	// Every rejected, non-blank piece is in rejects.jsonl with a reason, and
	// its offsets cut the original file to the span's text.
	rej, _ := os.ReadFile(filepath.Join(dir, "rejects.jsonl"))
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(rej)), "\n") {
		var r Reject
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("rejects line %q: %v", line, err)
		}
		if r.Reason == "" || r.Doc == "" {
			t.Errorf("reject without reason or doc: %s", line)
		}
		n++
		if r.Stage != "classify" || r.Doc != "001_flood_forecasting.txt" {
			continue
		}
		raw, _ := os.ReadFile(filepath.Join("testdata/site", r.Doc))
		if got := string(raw[r.Start:r.End]); got != r.Text {
			t.Errorf("raw[%d:%d] = %q, want span text %q", r.Start, r.End, got, r.Text)
		}
	}
	if n != rep.Outputs["rejects.jsonl"] {
		t.Errorf("rejects.jsonl has %d lines, report says %d", n, rep.Outputs["rejects.jsonl"])
	}
	// Blank runs are counted, not written: written + blank = rejected spans + failed docs.
	var rejected int
	for _, s := range rep.Stages {
		rejected += s.Rejected
	}
	if got := n + rep.Rejects["noise:blank"]; got != rejected {
		t.Errorf("rejects written %d + blank %d = %d, stages rejected %d", n, rep.Rejects["noise:blank"], got, rejected)
	}
}

func TestRunDeterministicAcrossWorkers(t *testing.T) {
	d1, _, _ := runSite(t, 1)
	d4, _, _ := runSite(t, 4)
	for _, name := range []string{"mono.en", "mono.ru", "rejects.jsonl"} {
		a, _ := os.ReadFile(filepath.Join(d1, name))
		b, _ := os.ReadFile(filepath.Join(d4, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between --workers 1 and 4", name)
		}
	}
	var r1, r4 Report
	for _, x := range []struct {
		dir string
		r   *Report
	}{{d1, &r1}, {d4, &r4}} {
		b, _ := os.ReadFile(filepath.Join(x.dir, "report.json"))
		if err := json.Unmarshal(b, x.r); err != nil {
			t.Fatal(err)
		}
		x.r.WallSeconds, x.r.MBPerSecond, x.r.Slowest, x.r.Workers = 0, 0, nil, 0
	}
	j1, _ := json.Marshal(r1)
	j4, _ := json.Marshal(r4)
	if !bytes.Equal(j1, j4) {
		t.Errorf("report.json (timings aside) differs between workers:\n%s\n%s", j1, j4)
	}
}

func TestRunStrictStops(t *testing.T) {
	dir := t.TempDir()
	_, err := Run(context.Background(), dir, Options{Inputs: []string{"testdata/site"}, Strict: true, Workers: 2})
	if err == nil || !errors.Is(err, corpus.ErrBinary) {
		t.Fatalf("strict run error = %v, want one wrapping corpus.ErrBinary", err)
	}
	if entries := outputsIn(dir); len(entries) != 0 {
		t.Errorf("failed run left files: %v", entries)
	}
}

func TestRunCancelledLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, dir, Options{Inputs: []string{"testdata/site"}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if entries := outputsIn(dir); len(entries) != 0 {
		t.Errorf("cancelled run left files: %v", entries)
	}
}

func TestRunStdin(t *testing.T) {
	dir := t.TempDir()
	text := "A short title\n\nThis is the only paragraph of a page read from standard input, and it is long enough to count as prose.\n"
	rep, err := Run(context.Background(), dir, Options{Stdin: strings.NewReader(text)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents.Read != 1 || rep.Outputs["mono.en"] != 2 {
		t.Errorf("read %d documents, mono.en %d lines; want 1 and 2", rep.Documents.Read, rep.Outputs["mono.en"])
	}
}

func TestOrderedKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		i := 0
		next := func() (int, bool, error) {
			if i == 200 {
				return 0, false, nil
			}
			i++
			return i, true, nil
		}
		var got []int
		err := ordered(context.Background(), workers, next, func(v int) int {
			if v%7 == 0 { // uneven work
				for k := 0; k < 20000; k++ {
					_ = k * v
				}
			}
			return v * 10
		}, func(r int) error {
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range got {
			if v != (k+1)*10 {
				t.Fatalf("workers=%d: result %d = %d, want %d", workers, k, v, (k+1)*10)
			}
		}
		if len(got) != 200 {
			t.Fatalf("workers=%d: %d results, want 200", workers, len(got))
		}
	}
}

func TestOrderedStopsOnEmitError(t *testing.T) {
	i := 0
	boom := errors.New("boom")
	err := ordered(context.Background(), 4, func() (int, bool, error) { i++; return i, true, nil },
		func(v int) int { return v }, func(r int) error {
			if r == 10 {
				return boom
			}
			return nil
		})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}

// blockingReader never returns, like a terminal nobody types into.
type blockingReader struct{ done chan struct{} }

func (b blockingReader) Read(p []byte) (int, error) { <-b.done; return 0, io.EOF }

func TestRunStdinCancelled(t *testing.T) {
	br := blockingReader{done: make(chan struct{})}
	defer close(br.done)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, t.TempDir(), Options{Stdin: br})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled while stdin blocks", err)
	}
}

// outputsIn lists the entries of dir but the journal, which a failed or
// interrupted run keeps for --resume.
func outputsIn(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.Name() != JournalDir {
			out = append(out, e.Name())
		}
	}
	return out
}

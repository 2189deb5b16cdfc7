package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// sameOutputs fails t unless dirs a and b hold the same outputs: every file
// byte for byte, except report.json (compared without its timings) and
// report.html (which shows them).
func sameOutputs(t *testing.T, a, b string) {
	t.Helper()
	names := func(dir string) []string {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range ents {
			if !e.IsDir() {
				out = append(out, e.Name())
			}
		}
		return out
	}
	na, nb := names(a), names(b)
	if len(na) != len(nb) {
		t.Fatalf("outputs differ: %v and %v", na, nb)
	}
	for i, n := range na {
		if nb[i] != n {
			t.Fatalf("outputs differ: %v and %v", na, nb)
		}
		if n == "report.html" {
			continue
		}
		ba, _ := os.ReadFile(filepath.Join(a, n))
		bb, _ := os.ReadFile(filepath.Join(b, n))
		if n == "report.json" {
			ba, bb = untimed(t, ba), untimed(t, bb)
		}
		if !bytes.Equal(ba, bb) {
			t.Errorf("%s differs:\n%s\n---\n%s", n, ba, bb)
		}
	}
}

// untimed returns a report without the fields that vary between runs
// (timings) and with the number of workers (which the report states).
func untimed(t *testing.T, b []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "wall_seconds")
	delete(m, "mb_per_second")
	delete(m, "slowest")
	delete(m, "workers")
	out, _ := json.MarshalIndent(m, "", "  ")
	return out
}

// siteDocs reads the documents of testdata/site.
func siteDocs(t *testing.T) []*corpus.Document {
	t.Helper()
	r := corpus.NewReader([]string{"testdata/site"}, nil, corpus.Options{})
	var docs []*corpus.Document
	for r.Next() {
		docs = append(docs, r.Document())
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestEvidenceMergeAnyOrder(t *testing.T) {
	ctx := context.Background()
	opts := Options{Inputs: []string{"testdata/site"}, Workers: 2}
	want := t.TempDir()
	if _, err := Run(ctx, want, opts); err != nil && !errors.Is(err, ErrFailedDocuments) {
		t.Fatal(err)
	}
	docs := siteDocs(t)
	for _, tc := range []struct {
		name  string
		parts int
		order []int
	}{{"one", 1, []int{0}}, {"two-reversed", 2, []int{1, 0}}, {"three", 3, []int{2, 0, 1}}} {
		t.Run(tc.name, func(t *testing.T) {
			parts := make([]*Evidence, tc.parts)
			for i := range parts {
				parts[i] = NewEvidence(opts)
			}
			for i, d := range docs {
				parts[i%tc.parts].AddDocument(d)
			}
			ev := NewEvidence(opts)
			for _, i := range tc.order {
				b, err := parts[i].MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				var back Evidence
				if err := back.UnmarshalBinary(b); err != nil {
					t.Fatal(err)
				}
				if err := ev.Merge(&back); err != nil {
					t.Fatal(err)
				}
			}
			e, err := NewEngineWithEvidence(ctx, opts, ev)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Evidence().Lines.Docs(); got != len(docs)-2 {
				t.Errorf("evidence of %d documents, want %d (all but the two failed)", got, len(docs)-2)
			}
			dir := t.TempDir()
			w, err := NewWriter(dir, e)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Abort()
			if err := e.Each(ctx, func(r *DocResult) error { return w.Add(ctx, r) }); err != nil {
				t.Fatal(err)
			}
			if err := w.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			sameOutputs(t, want, dir)
		})
	}
}

func TestEvidenceOptionsMismatch(t *testing.T) {
	ev := NewEvidence(Options{NoRepeat: true})
	if err := ev.Merge(NewEvidence(Options{})); err == nil {
		t.Error("merging evidence of other options: no error")
	}
	if _, err := NewEngineWithEvidence(context.Background(), Options{Inputs: []string{"testdata/site"}}, ev); err == nil {
		t.Error("engine with evidence of other options: no error")
	}
	var back Evidence
	for _, in := range []string{"", "PLEV1", "PLEV1\x01\x05ab", "nope"} {
		if err := back.UnmarshalBinary([]byte(in)); err == nil {
			t.Errorf("UnmarshalBinary(%q): no error", in)
		}
	}
}

// TestDocResultRoundTrip checks that results that went through JSON (a
// journal, a distributed run) write the same outputs, failed documents
// (binary, empty) included.
func TestDocResultRoundTrip(t *testing.T) {
	ctx := context.Background()
	opts := Options{Inputs: []string{"testdata/site"}, Workers: 2}
	e, err := NewEngine(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	var results []*DocResult
	if err := e.Each(ctx, func(r *DocResult) error { results = append(results, r); return nil }); err != nil {
		t.Fatal(err)
	}
	write := func(rs []*DocResult) string {
		dir := t.TempDir()
		w, err := NewWriter(dir, e)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Abort()
		for _, r := range rs {
			if err := w.Add(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	want := write(results)
	codecs := []struct {
		name string
		enc  func(*DocResult) ([]byte, error)
		dec  func([]byte, *DocResult) error
	}{
		{"json", func(r *DocResult) ([]byte, error) { return json.Marshal(r) }, func(b []byte, r *DocResult) error { return json.Unmarshal(b, r) }},
		{"binary", (*DocResult).MarshalBinary, func(b []byte, r *DocResult) error { return r.UnmarshalBinary(b) }},
	}
	for _, c := range codecs {
		t.Run(c.name, func(t *testing.T) {
			var back []*DocResult
			failed := 0
			for _, r := range results {
				b, err := c.enc(r)
				if err != nil {
					t.Fatal(err)
				}
				var d DocResult
				if err := c.dec(b, &d); err != nil {
					t.Fatal(err)
				}
				if r.Err != nil {
					failed++
					if d.Err == nil || d.Err.Error() != r.Err.Error() || corpus.Reason(d.Err) != corpus.Reason(r.Err) {
						t.Errorf("error %v (%s) came back as %v", r.Err, corpus.Reason(r.Err), d.Err)
					}
				} else if !reflect.DeepEqual(&d, r) {
					t.Errorf("%s came back different:\n%+v\n%+v", r.ID, &d, r)
				}
				back = append(back, &d)
			}
			if failed == 0 {
				t.Fatal("no failed document in testdata/site: the test does not cover errors")
			}
			sameOutputs(t, want, write(back))
		})
	}
	// The codecs list every field: a new field must be added to them
	// (and counted here).
	for _, tc := range []struct {
		v    any
		want int
	}{{DocResult{}, 11}, {SpanResult{}, 4}, {lang.Span{}, 6}, {Sentence{}, 5}} {
		if n := reflect.TypeOf(tc.v).NumField(); n != tc.want {
			t.Errorf("%T has %d fields, the codecs know %d: add the new ones to MarshalBinary and UnmarshalBinary", tc.v, n, tc.want)
		}
	}
}

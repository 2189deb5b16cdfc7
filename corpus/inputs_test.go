package corpus

import (
	"testing"
	"testing/fstest"
)

// TestNewInputReader checks that reading the expanded inputs one by one
// yields the documents of a Reader over the arguments, IDs included.
func TestNewInputReader(t *testing.T) {
	fsys := fstest.MapFS{
		"site/a.txt":     {Data: []byte("alpha\n")},
		"site/sub/b.txt": {Data: []byte("beta\n")},
		"c.txt":          {Data: []byte("gamma\n")},
	}
	args := []string{"site", "c.txt", "missing.txt", "*.nomatch"}
	opts := Options{FS: fsys}
	type doc struct{ id, source, text string }
	collect := func(r *Reader) []doc {
		var out []doc
		for r.Next() {
			d := r.Document()
			out = append(out, doc{d.ID, d.Source, d.Text})
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := collect(NewReader(args, nil, opts))
	var got []doc
	for _, a := range args {
		for _, in := range Expand(a, opts) {
			got = append(got, collect(NewInputReader([]Input{in}, nil, opts))...)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("got %d documents, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("document %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(want) != 5 || want[1].id != "sub/b.txt" {
		t.Errorf("unexpected reference documents: %+v", want)
	}
}

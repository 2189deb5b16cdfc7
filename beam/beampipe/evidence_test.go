package beampipe

import (
	"context"
	"reflect"
	"testing"

	"github.com/paraline/paraline/pipeline"
)

// TestEvidenceParts checks the first pass as Beam runs it on a cluster:
// the files split between bundles, each bundle's evidence encoded, the parts
// merged by the combine, in either order: the result must be the evidence
// of one pass of "paraline run".
func TestEvidenceParts(t *testing.T) {
	c := Config{Inputs: []string{"testdata/site"}, Langs: []string{"en", "ru"}, Workers: 2}
	files := Expand(c)
	if len(files) < 4 {
		t.Fatalf("expanded %d files, want at least 4", len(files))
	}
	bundle := func(files []File) []byte {
		f := &evidenceFn{Cfg: c}
		f.StartBundle(nil, nil)
		for _, b := range Batches(files, 1) {
			if err := f.ProcessElement(b, nil, nil); err != nil {
				t.Fatal(err)
			}
		}
		var out [][]byte
		if err := f.FinishBundle(func(b []byte) { out = append(out, b) }, nil); err != nil {
			t.Fatal(err)
		}
		if len(out) != 1 {
			t.Fatalf("bundle emitted %d parts, want 1", len(out))
		}
		return out[0]
	}
	a, b := bundle(files[:2]), bundle(files[2:])
	one, err := pipeline.CollectEvidence(context.Background(), c.Options())
	if err != nil {
		t.Fatal(err)
	}
	// The encoding is not canonical (the vocabulary is a gob-encoded map):
	// compare the decoded evidence.
	decode := func(b []byte) *pipeline.Evidence {
		var ev pipeline.Evidence
		if err := ev.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		return &ev
	}
	if reflect.DeepEqual(decode(a), one) || reflect.DeepEqual(decode(b), one) {
		t.Fatal("one part alone equals the whole evidence: the test splits nothing")
	}
	var m mergeEvidenceFn
	for _, parts := range [][2][]byte{{a, b}, {b, a}} {
		got, err := m.MergeAccumulators(parts[0], parts[1])
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(decode(got), one) {
			t.Error("merged parts differ from the evidence of one pass")
		}
	}
}

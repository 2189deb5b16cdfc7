package pipeline

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// TestEvidenceMarshalCanonical checks that Evidence.MarshalBinary is
// canonical: the same evidence, whether gathered in one piece or merged
// from shards in another order, encodes to the same bytes (and so the
// same hash), call after call, and a decoded copy encodes to them again.
func TestEvidenceMarshalCanonical(t *testing.T) {
	var docs []*corpus.Document
	for i := 0; i < 300; i++ {
		docs = append(docs, &corpus.Document{ID: fmt.Sprintf("d%d", i), URL: fmt.Sprintf("https://site%d.example/p%d", i%3, i),
			Text: fmt.Sprintf("Home | News\nThe committee met on day %d to discuss the basin%d.\nКомиссия обсудила план %d.\n", i, i%11, i)})
	}
	opts := Options{}
	whole := NewEvidence(opts)
	for _, d := range docs {
		whole.AddDocument(d)
	}
	// Two shards merged in reverse order.
	parts := []*Evidence{NewEvidence(opts), NewEvidence(opts)}
	for i, d := range docs {
		parts[i%2].AddDocument(d)
	}
	merged := NewEvidence(opts)
	for i := len(parts) - 1; i >= 0; i-- {
		if err := merged.Merge(parts[i]); err != nil {
			t.Fatal(err)
		}
	}
	want, err := whole.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		for name, ev := range map[string]*Evidence{"whole": whole, "merged": merged} {
			got, err := ev.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256(got) != sha256.Sum256(want) {
				t.Fatalf("encoding %d of the %s evidence differs (%d and %d bytes)", i, name, len(got), len(want))
			}
		}
	}
	var back Evidence
	if err := back.UnmarshalBinary(want); err != nil {
		t.Fatal(err)
	}
	if again, _ := back.MarshalBinary(); !bytes.Equal(again, want) {
		t.Error("decoded evidence encodes to other bytes")
	}
}

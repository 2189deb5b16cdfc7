package repair

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"testing"
)

func TestVocabMerge(t *testing.T) {
	texts := make([]string, 60)
	for i := range texts {
		texts[i] = fmt.Sprintf("in the house of word%d and the garden%d, onthe table %d", i, i*7%13, i)
	}
	for _, limit := range []int{1024, 1 << 19} {
		whole := NewVocabLimit(limit)
		// Enough distinct words to raise the level with the small limit.
		all := append([]string(nil), texts...)
		for i := 0; i < 3000; i++ {
			all = append(all, fmt.Sprintf("tok%dx in the", i))
		}
		for _, s := range all {
			whole.Add(s)
		}
		if limit == 1024 && whole.level == 0 {
			t.Fatal("the small limit did not raise the level: the test does not cover dropping")
		}
		for _, parts := range []int{2, 5} {
			t.Run(fmt.Sprintf("limit%d/parts%d", limit, parts), func(t *testing.T) {
				shards := make([]*Vocab, parts)
				for i := range shards {
					shards[i] = NewVocabLimit(limit)
				}
				for i, s := range all {
					shards[(i*31)%parts].Add(s)
				}
				got := NewVocabLimit(limit)
				for i := parts - 1; i >= 0; i-- {
					b, err := shards[i].MarshalBinary()
					if err != nil {
						t.Fatal(err)
					}
					back := &Vocab{}
					if err := back.UnmarshalBinary(b); err != nil {
						t.Fatal(err)
					}
					if err := got.Merge(back); err != nil {
						t.Fatal(err)
					}
				}
				if got.level != whole.level || got.words != whole.words {
					t.Errorf("level, words = %d, %d; want %d, %d", got.level, got.words, whole.level, whole.words)
				}
				if !maps.Equal(got.counts, whole.counts) || !maps.Equal(got.pairs, whole.pairs) {
					t.Errorf("counts differ: %d/%d entries, want %d/%d", len(got.counts), len(got.pairs), len(whole.counts), len(whole.pairs))
				}
			})
		}
	}
}

// TestVocabMarshalCanonical checks that equal Vocabs encode to equal bytes
// (the encoding is hashed to compare evidence), whatever the order the
// text was added in, and that a round trip keeps them.
func TestVocabMarshalCanonical(t *testing.T) {
	var texts []string
	for i := 0; i < 400; i++ {
		texts = append(texts, fmt.Sprintf("in the house of word%d and the garden%d, onthe table %d", i, i*7%13, i))
	}
	fwd, rev := NewVocab(), NewVocab()
	for i := range texts {
		fwd.Add(texts[i])
		rev.Add(texts[len(texts)-1-i])
	}
	want, err := fwd.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ { // map iteration order differs from call to call
		for _, v := range []*Vocab{fwd, rev} {
			got, err := v.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("encoding %d differs from the first (%d and %d bytes)", i, len(got), len(want))
			}
		}
	}
	back := &Vocab{}
	if err := back.UnmarshalBinary(want); err != nil {
		t.Fatal(err)
	}
	if again, _ := back.MarshalBinary(); !bytes.Equal(again, want) {
		t.Error("a decoded Vocab encodes to other bytes")
	}
	if !maps.Equal(back.counts, fwd.counts) || !maps.Equal(back.pairs, fwd.pairs) || back.words != fwd.words {
		t.Error("the round trip changed the counts")
	}
	for _, bad := range [][]byte{nil, []byte("paraline-vocab\x01"), want[:len(want)-1], append(slices.Clone(want), 0)} {
		if err := (&Vocab{}).UnmarshalBinary(bad); err == nil {
			t.Errorf("decoding %d bytes of a bad encoding: no error", len(bad))
		}
	}
}

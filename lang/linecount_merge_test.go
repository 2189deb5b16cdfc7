package lang

import (
	"fmt"
	"testing"
)

func TestLineCounterMergeAndMarshal(t *testing.T) {
	docs := make([]string, 40)
	for i := range docs {
		docs[i] = fmt.Sprintf("Home | About\nArticle %c number\nline %d of text\nshared tail", 'a'+i%7, i)
	}
	whole := NewLineCounter(1 << 16)
	for _, d := range docs {
		whole.AddDocument(d)
	}
	for _, parts := range []int{1, 2, 3, 7} {
		t.Run(fmt.Sprint(parts), func(t *testing.T) {
			shards := make([]*LineCounter, parts)
			for i := range shards {
				shards[i] = NewLineCounter(1 << 16)
			}
			for i, d := range docs {
				shards[i%parts].AddDocument(d)
			}
			// Merge in reverse order, through a binary round trip.
			got := NewLineCounter(1 << 16)
			for i := parts - 1; i >= 0; i-- {
				b, err := shards[i].MarshalBinary()
				if err != nil {
					t.Fatal(err)
				}
				var back LineCounter
				if err := back.UnmarshalBinary(b); err != nil {
					t.Fatal(err)
				}
				if err := got.Merge(&back); err != nil {
					t.Fatal(err)
				}
			}
			if got.Docs() != whole.Docs() {
				t.Errorf("docs = %d, want %d", got.Docs(), whole.Docs())
			}
			for i := range got.rows {
				for j := range got.rows[i] {
					if got.rows[i][j] != whole.rows[i][j] {
						t.Fatalf("row %d counter %d = %d, want %d", i, j, got.rows[i][j], whole.rows[i][j])
					}
				}
			}
			if c := got.Count("home | about"); c != 40 {
				t.Errorf("Count = %d, want 40", c)
			}
		})
	}
}

func TestLineCounterMergeErrors(t *testing.T) {
	a, b := NewLineCounter(1<<16), NewLineCounter(1<<18)
	if err := a.Merge(b); err == nil {
		t.Error("merging counters of different sizes: no error")
	}
	if err := a.Merge(a); err == nil {
		t.Error("merging a counter into itself: no error")
	}
	var c LineCounter
	for _, in := range []string{"", "PLLC1", "junk", "PLLC1\x80"} {
		if err := c.UnmarshalBinary([]byte(in)); err == nil {
			t.Errorf("UnmarshalBinary(%q): no error", in)
		}
	}
}

package pipeline

import (
	"testing"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
)

func TestWholeSpan(t *testing.T) {
	sents := []Sentence{{Span: 1}, {Span: 2}, {Span: 2}, {Span: 3}}
	tests := []struct {
		idx  []int
		want bool
	}{
		{[]int{0}, true},
		{[]int{1, 2}, true},
		{[]int{1}, false},    // half a paragraph
		{[]int{2, 3}, false}, // across a paragraph boundary
		{[]int{0, 1, 2}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := wholeSpan(sents, tt.idx); got != tt.want {
			t.Errorf("wholeSpan(%v) = %v, want %v", tt.idx, got, tt.want)
		}
	}
}

func TestKeepWholeParagraphs(t *testing.T) {
	src := []Sentence{{Span: 0}, {Span: 1}, {Span: 1}, {Span: 2}}
	tgt := []Sentence{{Span: 0}, {Span: 1}, {Span: 2}, {Span: 3}}
	beads := []align.Bead{
		{Src: []int{0}, Tgt: []int{0}},    // whole to whole, partial: kept
		{Src: []int{1, 2}, Tgt: []int{1}}, // whole to whole, numbers and partial: kept
		{Src: []int{3}, Tgt: []int{2, 3}}, // target across two paragraphs: rejected
		{Src: []int{0}, Tgt: []int{0}},    // whole to whole, adequacy too: rejected
	}
	verdicts := []*clean.Verdict{
		{Reasons: []string{"partial"}, Details: []string{"length deviation"}},
		{Reasons: []string{"numbers", "partial"}, Details: []string{"", ""}},
		{Reasons: []string{"partial"}, Details: []string{""}},
		{Reasons: []string{"adequacy", "partial"}, Details: []string{"", ""}},
	}
	keepWholeParagraphs(beads, verdicts, src, tgt)
	want := []int{0, 0, 1, 2}
	for i, v := range verdicts {
		if len(v.Reasons) != want[i] {
			t.Errorf("bead %d: reasons %q, want %d", i, v.Reasons, want[i])
		}
	}
	if verdicts[0].Details != nil {
		t.Errorf("bead 0 kept with details %q", verdicts[0].Details)
	}
}

package pipeline

import (
	"fmt"
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

func TestMergeParagraphs(t *testing.T) {
	// Paragraph 1: English 0,1 / Russian 0,1, the second bead partial: merged.
	// Paragraph 2: English 2,3,4 / Russian 2,3, sentence 3 unaligned: merged.
	// Paragraph 3: English 5,6 / Russian 4,5, a bead rejected for adequacy: left.
	// Paragraph 4: English 7,8 / Russian 6 and 7 in two paragraphs: left.
	// Paragraph 5: English 9 / Russian 8, one bead: left.
	src := []Sentence{{Span: 1}, {Span: 1}, {Span: 2}, {Span: 2}, {Span: 2}, {Span: 3}, {Span: 3}, {Span: 4}, {Span: 4}, {Span: 5}}
	tgt := []Sentence{{Span: 1}, {Span: 1}, {Span: 2}, {Span: 2}, {Span: 3}, {Span: 3}, {Span: 4}, {Span: 5}, {Span: 6}}
	beads := []align.Bead{
		{Src: []int{0}, Tgt: []int{0}, Score: 1},
		{Src: []int{1}, Tgt: []int{1}, Score: 2},
		{Src: []int{2}, Tgt: []int{2}},
		{Src: []int{3}},
		{Src: []int{4}, Tgt: []int{3}},
		{Src: []int{5}, Tgt: []int{4}},
		{Src: []int{6}, Tgt: []int{5}},
		{Src: []int{7}, Tgt: []int{6}},
		{Src: []int{8}, Tgt: []int{7}},
		{Src: []int{9}, Tgt: []int{8}},
	}
	partial := func() *clean.Verdict { return &clean.Verdict{Reasons: []string{"partial"}, Details: []string{""}} }
	verdicts := []*clean.Verdict{
		{}, partial(),
		{}, nil, {},
		{}, {Reasons: []string{"adequacy"}, Details: []string{""}},
		{}, partial(),
		partial(),
	}
	var judged []align.Bead
	judge := func(b align.Bead) *clean.Verdict {
		judged = append(judged, b)
		if len(b.Src) == 3 {
			return &clean.Verdict{} // the unaligned sentence was a piece of its neighbours' translation
		}
		return partial() // the joined paragraphs still differ in length
	}
	gotB, gotV := mergeParagraphs(beads, verdicts, src, tgt, judge)
	wantB := []align.Bead{
		{Src: []int{0, 1}, Tgt: []int{0, 1}, Score: 3},
		{Src: []int{2, 3, 4}, Tgt: []int{2, 3}},
		beads[5], beads[6], beads[7], beads[8], beads[9],
	}
	if fmt.Sprint(gotB) != fmt.Sprint(wantB) {
		t.Fatalf("beads\n%v\nwant\n%v", gotB, wantB)
	}
	if len(gotV) != len(gotB) || len(gotV[0].Reasons)+len(gotV[1].Reasons) != 0 || gotV[6] != verdicts[9] || len(gotV[3].Reasons) != 1 {
		t.Errorf("verdicts %v", gotV)
	}
	if len(judged) != 2 {
		t.Errorf("judged %v, want the two merged beads", judged)
	}
	// With a sentence unaligned, the joined pair must pass every filter:
	// the sentence may be one the other version does not translate.
	gotB, _ = mergeParagraphs(beads[2:5], verdicts[2:5], src, tgt, func(align.Bead) *clean.Verdict { return partial() })
	if len(gotB) != 3 {
		t.Errorf("merged a paragraph with an unaligned sentence into a partial pair: %v", gotB)
	}
	// A joined pair that fails another filter is left in pieces.
	gotB, _ = mergeParagraphs(beads[:2], verdicts[:2], src, tgt, func(align.Bead) *clean.Verdict {
		return &clean.Verdict{Reasons: []string{"length"}}
	})
	if len(gotB) != 2 {
		t.Errorf("merged a pair the length filter rejects: %v", gotB)
	}
}

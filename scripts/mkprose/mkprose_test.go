package main

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSplitRu(t *testing.T) {
	tests := []struct{ in, a, b string }{
		{"Рабочие вернулись весной рано утром, но мост ещё долго оставался закрытым.", "Рабочие вернулись весной рано утром.", "Но мост ещё долго оставался закрытым."},
		{"Они заменили все старые доски; перила покрасили в зелёный цвет.", "Они заменили все старые доски.", "Перила покрасили в зелёный цвет."},
		{"Короткое предложение, и всё.", "", ""},
	}
	for _, tc := range tests {
		a, b, ok := splitRu(tc.in)
		if ok != (tc.a != "") || a != tc.a || b != tc.b {
			t.Errorf("splitRu(%q) = %q, %q, %v; want %q, %q", tc.in, a, b, ok, tc.a, tc.b)
		}
	}
}

func TestMergeRu(t *testing.T) {
	seen := map[string]bool{}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		seen[mergeRu("Мост закрыли.", "Люди ходили в обход.", r)] = true
	}
	for _, want := range []string{"Мост закрыли. Люди ходили в обход.", "Мост закрыли; люди ходили в обход."} {
		if !seen[want] {
			t.Errorf("mergeRu never gave %q (got %v)", want, seen)
		}
	}
	if got := mergeRu("Мост", "ЮНЕСКО решило.", r); got != "Мост ЮНЕСКО решило." {
		t.Errorf("mergeRu without a full stop = %q", got)
	}
}

func TestSortedRuns(t *testing.T) {
	blocks := func(tag string, texts ...string) []block {
		var out []block
		for _, x := range texts {
			out = append(out, block{tag, x})
		}
		return out
	}
	en := blocks("li", "Apple", "Cherry", "Pear", "Plum", "Intro text")
	ru := blocks("li", "Вишня", "Груша", "Слива", "Яблоко", "Вводный текст")
	got := sortedRuns(en, ru)
	want := []bool{true, true, true, true, false}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sortedRuns = %v, want %v", got, want)
		}
	}
	// a list in the same order in both languages that is not sorted stays
	en = blocks("li", "Pear", "Apple", "Plum", "Cherry")
	ru = blocks("li", "Груша", "Яблоко", "Слива", "Вишня")
	for i, x := range sortedRuns(en, ru) {
		if x {
			t.Errorf("block %d of an unsorted list marked", i)
		}
	}
}

func TestAnchorFree(t *testing.T) {
	doc := []goldBead{
		{src: []string{"The bridge was closed."}, tgt: []string{"Мост закрыли."}},
		{src: []string{"People walked round."}, tgt: []string{"Люди ходили в обход."}},
		{src: []string{"It opened in 1994 again."}, tgt: []string{"Его открыли в 1994 году."}},
		{src: []string{"Then Anna came."}, tgt: []string{"Потом пришла Анна."}},
	}
	for k, want := range []bool{true, false, false, false} {
		if got := anchorFree(doc, k); got != want {
			t.Errorf("anchorFree(%d) = %v, want %v", k, got, want)
		}
	}
	if strings.Contains(side([]int{0, 1}), " ") || side([]int{0, 1}) != "1,2" {
		t.Errorf("side = %q", side([]int{0, 1}))
	}
}

func TestPickSources(t *testing.T) {
	for _, c := range []struct {
		list string
		want []string // sorted
		err  bool
	}{
		{"aptitude,doublecmd", []string{"aptitude", "doublecmd"}, false},
		{"all", []string{"aptitude", "debianfaq", "devref", "doublecmd", "gimphelp", "maintguide"}, false},
		{"handbook", []string{"handbook"}, false},
		{"devref,history", []string{"devref", "history"}, false},
		{"aptitude,nosuch", nil, true},
	} {
		use, err := pickSources(c.list)
		if (err != nil) != c.err {
			t.Errorf("pickSources(%q): error %v, want error %v", c.list, err, c.err)
			continue
		}
		var got []string
		for name := range use {
			got = append(got, name)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("pickSources(%q) = %q, want %q", c.list, got, c.want)
		}
	}
}

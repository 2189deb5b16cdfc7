package align

import (
	"slices"
	"strings"
	"testing"
)

// A short story written for these tests; line k of storyRu translates line
// k of storyEn. No numbers, names or other anchors: only lengths, the few
// cognates and punctuation tell the sentences apart.
var (
	storyEn = []string{
		"The old bridge over the river was closed last winter.",
		"People from the village had to walk a long way round to reach the market.",
		"In spring the workers came back and began to repair it.",
		"They replaced the rotten boards and painted the railings green.",
		"Tip",
		"The children were the first to cross the new bridge, running and laughing.",
		"Since then the market has been busy again every morning.",
		"Nobody remembers the long walk any more.",
	}
	storyRu = []string{
		"Старый мост через реку закрыли прошлой зимой.",
		"Жителям деревни приходилось идти длинным кружным путём, чтобы попасть на рынок.",
		"Весной рабочие вернулись и начали его ремонтировать.",
		"Они заменили гнилые доски и покрасили перила в зелёный цвет.",
		"Совет",
		"Первыми по новому мосту перешли дети, они бегали и смеялись.",
		"С тех пор рынок снова каждое утро полон людей.",
		"Никто больше не вспоминает о долгой дороге.",
	}
)

// TestRefineSkipOrMerge checks the decision between a 1-0 (0-1) bead and a
// merge, with and without the second pass where it matters.
func TestRefineSkipOrMerge(t *testing.T) {
	drop := func(l []string, k int) []string { return slices.Concat(l[:k], l[k+1:]) }
	join := func(l []string, k int, sep string) []string {
		return slices.Concat(l[:k], []string{l[k] + sep + l[k+1]}, l[k+2:])
	}
	tests := []struct {
		name     string
		src, tgt []string
		want     string
	}{
		{"heading missing in target, no anchors", storyEn, drop(storyRu, 4), "1-1 2-2 3-3 4-4 5- 6-5 7-6 8-7"},
		{"heading missing in source, no anchors", drop(storyEn, 4), storyRu, "1-1 2-2 3-3 4-4 -5 5-6 6-7 7-8"},
		{"sentence missing in target, no anchors", storyEn, drop(storyRu, 2), "1-1 2-2 3- 4-3 5-4 6-5 7-6 8-7"},
		{"target merges two sentences", storyEn, join(storyRu, 2, " "), "1-1 2-2 3,4-3 5-4 6-5 7-6 8-7"},
		{"target merges with a semicolon", storyEn, slices.Concat(storyRu[:2], []string{"Весной рабочие вернулись и начали его ремонтировать; они заменили гнилые доски и покрасили перила в зелёный цвет."}, storyRu[4:]), "1-1 2-2 3,4-3 5-4 6-5 7-6 8-7"},
		{"target splits a sentence", storyEn, slices.Concat(storyRu[:5], []string{"Первыми по новому мосту перешли дети.", "Они бегали и смеялись."}, storyRu[6:]), "1-1 2-2 3-3 4-4 5-5 6-6,7 7-8 8-9"},
		{"source merges two sentences", join(storyEn, 5, " "), storyRu, "1-1 2-2 3-3 4-4 5-5 6-6,7 7-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			beads := Align(tc.src, tc.tgt, nil)
			checkCover(t, beads, len(tc.src), len(tc.tgt))
			if got := render(beads); got != tc.want {
				t.Errorf("Align = %q, want %q", got, tc.want)
			}
			t.Logf("without the second pass: %s", render(Align(tc.src, tc.tgt, &Options{NoRefine: true})))
		})
	}
}

func TestBoundaries(t *testing.T) {
	tests := []struct {
		s    string
		want string // kind@second part's first word, "|"-separated
	}{
		{"One. Two", "end@Two"},
		{"a; b, c: d", "semi@b,|comma@c:|colon@d"},
		// a dash starts the second part; the space after it is plain
		{"one – two — three - four", "dash@–|space@two|dash@—|space@three|dash@-|space@four"},
		{"Ends? Then! Done", "end@Then!|end@Done"},
		{"Word Next word", "space@Next|space@word"},
		{"  lead  and trail ", "space@and|space@trail"},
		{"single", ""},
	}
	names := [numBnd]string{bndEnd: "end", bndSemi: "semi", bndColon: "colon", bndComma: "comma", bndDash: "dash", bndSpace: "space"}
	for _, tc := range tests {
		var parts []string
		for _, b := range boundaries(tc.s, nil) {
			word, _, _ := strings.Cut(tc.s[b.off:], " ")
			parts = append(parts, names[b.kind]+"@"+word)
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("boundaries(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

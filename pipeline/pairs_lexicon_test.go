package pipeline

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/paraline/paraline/align"
)

// synthPair makes a document pair whose target words are unrelated to their
// source words (no cognates, numbers or names), with a sentence missing on
// one side now and then; gold maps each source sentence to its target
// sentence (-1: none).
func synthPair(n int, seed uint64) (src, tgt []string, gold []int) {
	r := rand.New(rand.NewPCG(seed, 7))
	lat := []string{"ka", "lo", "mi", "ter", "sun", "po", "ra", "den", "vi", "to", "mar", "lin"}
	cyr := []string{"жу", "шо", "щи", "цэ", "хы", "фю", "чо", "зя", "бу", "гы", "дэ", "ке"}
	const vocab = 200
	en, ru := make([]string, vocab), make([]string, vocab)
	for i := range en {
		var e, c strings.Builder
		for range 2 + r.IntN(2) {
			e.WriteString(lat[r.IntN(len(lat))])
			c.WriteString(cyr[r.IntN(len(cyr))])
		}
		en[i], ru[i] = e.String(), c.String()+"рк"
	}
	sentence := func() (string, string) {
		var e, t []string
		for range 4 + r.IntN(10) {
			w := int(vocab * r.Float64() * r.Float64())
			e, t = append(e, en[w]), append(t, ru[w])
		}
		r.Shuffle(len(t), func(i, j int) { t[i], t[j] = t[j], t[i] })
		return strings.Join(e, " ") + ".", strings.Join(t, " ") + "."
	}
	for len(src) < n {
		e, t := sentence()
		switch x := r.IntN(100); {
		case x < 92:
			gold = append(gold, len(tgt))
			src, tgt = append(src, e), append(tgt, t)
		case x < 96:
			gold = append(gold, -1)
			src = append(src, e)
		default:
			tgt = append(tgt, t)
		}
	}
	return src, tgt, gold
}

// oneToOneRight counts the 1-1 beads of beads that gold has.
func oneToOneRight(beads []align.Bead, gold []int) int {
	n := 0
	for _, b := range beads {
		if len(b.Src) == 1 && len(b.Tgt) == 1 && gold[b.Src[0]] == b.Tgt[0] {
			n++
		}
	}
	return n
}

// TestAlignPairLexicon checks that a pair job learns a Lexicon from its own
// document pair (unless NoLexicon) and aligns better with it, and that a
// short pair is aligned as without one.
func TestAlignPairLexicon(t *testing.T) {
	with := &Engine{opts: Options{Langs: []string{"en", "ru"}}}
	without := &Engine{opts: Options{Langs: []string{"en", "ru"}, NoLexicon: true}}
	var w, wo int
	for seed := uint64(1); seed <= 3; seed++ {
		src, tgt, gold := synthPair(200, seed)
		b1, _ := with.alignPair(src, tgt)
		b2, _ := without.alignPair(src, tgt)
		w += oneToOneRight(b1, gold)
		wo += oneToOneRight(b2, gold)
		if again, _ := with.alignPair(src, tgt); !beadsEqual(again, b1) {
			t.Errorf("seed %d: alignPair is not deterministic", seed)
		}
	}
	t.Logf("right 1-1 beads: %d with the lexicon, %d without", w, wo)
	if w <= wo {
		t.Errorf("right 1-1 beads with the lexicon %d, without %d: want more", w, wo)
	}
	src, tgt, _ := synthPair(15, 9)
	b1, lex := with.alignPair(src, tgt)
	b2, _ := without.alignPair(src, tgt)
	if lex != nil || !beadsEqual(b1, b2) {
		t.Error("a short pair (nothing to learn) is aligned differently with and without the lexicon")
	}
}

func beadsEqual(a, b []align.Bead) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i].Src, b[i].Src) || !slices.Equal(a[i].Tgt, b[i].Tgt) || a[i].Score != b[i].Score {
			return false
		}
	}
	return true
}

package align

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// lexSynth generates document pairs whose target words are unrelated to
// their source words (no cognates, numbers or names): only a learnt
// Lexicon links them. Sentences are missing on either side now and then,
// the case where a wrong merge competes with a 1-0 bead.
type lexSynth struct {
	docs  []DocPair
	gold  [][]Bead
	valid map[[2]string]bool // (source norm, target norm) of true translations
}

func genLexSynth(docs, sents int, seed uint64) lexSynth {
	r := rand.New(rand.NewPCG(seed, 11))
	lat := []string{"ka", "lo", "mi", "ter", "sun", "po", "ra", "den", "vi", "to", "mar", "lin", "go", "be", "ste", "ru"}
	cyr := []string{"жу", "шо", "щи", "цэ", "хы", "фю", "чо", "зя", "бу", "гы", "дэ", "ке", "лю", "мы", "пэ", "ту"}
	const vocab = 400
	en := make([]string, vocab)
	ru := make([]string, vocab)
	out := lexSynth{valid: map[[2]string]bool{}}
	ends := []string{"", "ам", "ов", "ами"}
	for i := range en {
		var e, c strings.Builder
		for range 2 + r.IntN(2) {
			e.WriteString(lat[r.IntN(len(lat))])
			c.WriteString(cyr[r.IntN(len(cyr))])
		}
		c.WriteString("рк")
		en[i], ru[i] = e.String(), c.String()
		var buf []byte
		var ends2 []int
		norm := string(lexNormWord(nil, []byte(en[i]), scLatin, &buf, &ends2))
		for _, end := range ends {
			out.valid[[2]string{norm, ruStem(ru[i] + end)}] = true
		}
	}
	// a Zipf-like choice of words, so some are frequent and many rare
	word := func() int { return int(float64(vocab) * r.Float64() * r.Float64()) }
	sentence := func() (string, string) {
		var e, t []string
		for range 4 + r.IntN(10) {
			w := word()
			e = append(e, en[w])
			t = append(t, ru[w]+ends[r.IntN(len(ends))])
		}
		r.Shuffle(len(t), func(i, j int) { t[i], t[j] = t[j], t[i] })
		es, ts := strings.Join(e, " ")+".", strings.Join(t, " ")+"."
		return strings.ToUpper(es[:1]) + es[1:], ts
	}
	for range docs {
		var d DocPair
		var gold []Bead
		last := false
		for len(d.Src) < sents {
			i, j := len(d.Src), len(d.Tgt)
			switch x := r.IntN(100); {
			case x < 92 || last:
				e, t := sentence()
				d.Src, d.Tgt = append(d.Src, e), append(d.Tgt, t)
				gold = append(gold, Bead{Src: []int{i}, Tgt: []int{j}})
				last = false
			case x < 96:
				e, _ := sentence()
				d.Src = append(d.Src, e)
				gold = append(gold, Bead{Src: []int{i}})
				last = true
			default:
				_, t := sentence()
				d.Tgt = append(d.Tgt, t)
				gold = append(gold, Bead{Tgt: []int{j}})
				last = true
			}
		}
		out.docs = append(out.docs, d)
		out.gold = append(out.gold, gold)
	}
	return out
}

func TestLearnLexicon(t *testing.T) {
	s := genLexSynth(6, 150, 1)
	lex := LearnLexicon(s.docs, nil)
	if lex.Len() < 50 {
		t.Fatalf("learnt %d pairs from %d beads, want >= 50", lex.Len(), lex.Beads())
	}
	good := 0
	for _, p := range lex.Pairs() {
		if s.valid[[2]string{p.Src, p.Tgt}] {
			good++
		}
	}
	prec := float64(good) / float64(lex.Len())
	t.Logf("%d pairs from %d beads, %.3f correct", lex.Len(), lex.Beads(), prec)
	if prec < 0.9 {
		t.Errorf("precision of the learnt pairs %.3f, want >= 0.9", prec)
	}
	// the same input gives the same lexicon
	if again := LearnLexicon(s.docs, nil); !slices.Equal(again.Pairs(), lex.Pairs()) {
		t.Error("LearnLexicon is not deterministic")
	}
	// aligning with it is better than without
	var with, without float64
	for k, d := range s.docs {
		b1 := Align(d.Src, d.Tgt, nil)
		b2 := Align(d.Src, d.Tgt, &Options{Lexicon: lex})
		checkCover(t, b2, len(d.Src), len(d.Tgt))
		without += strictF1(s.gold[k], b1)
		with += strictF1(s.gold[k], b2)
	}
	n := float64(len(s.docs))
	t.Logf("strict F1 without a lexicon %.4f, with %.4f", without/n, with/n)
	if with <= without {
		t.Errorf("strict F1 with the lexicon %.4f, without %.4f: want better", with/n, without/n)
	}
}

func TestLearnLexiconTooLittle(t *testing.T) {
	s := genLexSynth(1, 20, 2)
	if lex := LearnLexicon(s.docs, nil); lex != nil {
		t.Errorf("learnt %d pairs from %d beads, want nil (too little data)", lex.Len(), lex.Beads())
	}
	if lex := LearnLexicon(nil, nil); lex != nil || lex.Len() != 0 || lex.Pairs() != nil {
		t.Error("LearnLexicon(nil) is not an empty nil Lexicon")
	}
	// a nil Lexicon changes nothing
	d := s.docs[0]
	if a, b := Align(d.Src, d.Tgt, nil), Align(d.Src, d.Tgt, &Options{Lexicon: nil}); !slices.EqualFunc(a, b, sameBead) {
		t.Error("a nil Lexicon changed the alignment")
	}
}

func sameBead(a, b Bead) bool {
	return slices.Equal(a.Src, b.Src) && slices.Equal(a.Tgt, b.Tgt) && a.Score == b.Score
}

func TestG2(t *testing.T) {
	tests := []struct {
		k, a, b, n float64
		min, max   float64
	}{
		{10, 10, 10, 100, 60, 70}, // always together: strongly associated
		{1, 10, 10, 100, 0, 0.1},  // as often as chance
		{0, 10, 10, 100, 2, 3},    // never together (G² does not tell the sign)
	}
	for _, tc := range tests {
		if g := g2(tc.k, tc.a, tc.b, tc.n); g < tc.min || g > tc.max {
			t.Errorf("g2(%v, %v, %v, %v) = %.3f, want in [%v, %v]", tc.k, tc.a, tc.b, tc.n, g, tc.min, tc.max)
		}
	}
}

// TestLexiconPairScore checks the use a filter makes of a Lexicon: a
// context-free Scorer with it rates a translation higher than a Scorer
// without it, and tells translations from unrelated pairs by a wider gap.
func TestLexiconPairScore(t *testing.T) {
	s := genLexSynth(6, 150, 3)
	lex := LearnLexicon(s.docs, nil)
	if lex == nil {
		t.Fatal("no lexicon learnt")
	}
	with := NewScorer(nil, nil, &Options{Lexicon: lex})
	without := NewScorer(nil, nil, nil)
	d, gold := s.docs[0], s.gold[0]
	var ones []Bead
	for _, b := range gold {
		if len(b.Src) == 1 && len(b.Tgt) == 1 {
			ones = append(ones, b)
		}
	}
	better := 0
	var gapWith, gapWithout float64
	for k := 0; k+1 < len(ones); k++ {
		src, tgt, other := d.Src[ones[k].Src[0]], d.Tgt[ones[k].Tgt[0]], d.Tgt[ones[k+1].Tgt[0]]
		if with.PairScore(src, tgt) > without.PairScore(src, tgt) {
			better++
		}
		gapWith += with.PairScore(src, tgt) - with.PairScore(src, other)
		gapWithout += without.PairScore(src, tgt) - without.PairScore(src, other)
	}
	n := len(ones) - 1
	t.Logf("%d of %d translations scored higher; mean gap to an unrelated pair %.2f with the lexicon, %.2f without",
		better, n, gapWith/float64(n), gapWithout/float64(n))
	if better < n*9/10 {
		t.Errorf("with the lexicon %d of %d translations score higher, want 90%%", better, n)
	}
	if gapWith < gapWithout+float64(n) {
		t.Errorf("mean gap to an unrelated pair %.2f with the lexicon, %.2f without: want 1 nat wider",
			gapWith/float64(n), gapWithout/float64(n))
	}
}

package clean

import (
	"fmt"
	"testing"
)

// toyCorpus returns pairs made of a tiny English-Russian vocabulary (each
// sentence a subject, a verb and an object), so that every word pair
// co-occurs in many pairs, plus a few misaligned pairs as noise.
func toyCorpus() []Pair {
	subj := [][2]string{{"engineer", "инженер"}, {"driver", "водитель"}, {"teacher", "учитель"}, {"farmer", "фермер"}}
	verb := [][2]string{{"repairs", "чинит"}, {"paints", "красит"}, {"sells", "продаёт"}, {"washes", "моет"}}
	obj := [][2]string{{"bridge", "мост"}, {"boat", "лодку"}, {"house", "дом"}, {"fence", "забор"}, {"truck", "грузовик"}}
	var ps []Pair
	for _, s := range subj {
		for _, v := range verb {
			for _, o := range obj {
				ps = append(ps, Pair{Src: fmt.Sprintf("The %s %s the %s.", s[0], v[0], o[0]), Tgt: fmt.Sprintf("%s %s %s.", s[1], v[1], o[1])})
			}
		}
	}
	// noise: every tenth pair gets the target of another pair
	for i := 0; i+7 < len(ps); i += 10 {
		ps[i].Tgt = ps[i+7].Tgt
	}
	return ps
}

func TestLexiconCoverage(t *testing.T) {
	lx := TrainLexicon(toyCorpus(), LexiconOptions{})
	if lx.Pairs() != 80 {
		t.Fatalf("trained on %d pairs, want 80", lx.Pairs())
	}
	cases := []struct {
		name     string
		src, tgt string
		lo, hi   float64
	}{
		{"translation", "The driver washes the truck.", "Водитель моет грузовик.", 0.99, 1},
		{"misaligned", "The driver washes the truck.", "Учитель красит забор.", 0, 0.4},
		{"one word of three wrong", "The driver washes the truck.", "Водитель моет забор.", 0.6, 0.8},
	}
	for _, c := range cases {
		cov, ok := lx.Coverage(c.src, c.tgt, 0.1, 0.5, 2)
		if !ok {
			t.Fatalf("%s: not checked", c.name)
		}
		if m := min(cov[0], cov[1]); m < c.lo || m > c.hi {
			t.Errorf("%s: coverage %v, want min in [%g, %g]", c.name, cov, c.lo, c.hi)
		}
	}
	// a pair with fewer words counted than minWords is not checked
	if cov, ok := lx.Coverage("The driver washes the truck.", "Учитель красит забор.", 0.1, 0.5, 4); ok {
		t.Errorf("3 Russian words checked with minWords 4: %v", cov)
	}
	// words never seen twice say nothing: a pair of them is not checked
	if cov, ok := lx.Coverage("Zebras yodel.", "Зебры поют йодлем.", 0.1, 0.5, 2); ok {
		t.Errorf("unknown words checked: %v", cov)
	}
}

func TestLexicalFilter(t *testing.T) {
	lx := TrainLexicon(toyCorpus(), LexiconOptions{})
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "lexical"}}, Lexicon: lx}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	runFilterCases(t, c.filters[0], []filterCase{
		{"translation", "The farmer sells the house.", "Фермер продаёт дом.", true},
		{"misaligned", "The farmer sells the house.", "Инженер чинит лодку.", false},
		{"unknown words not checked", "Zebras yodel loudly.", "Зебры поют.", true},
	})
	if m := c.Measures(&Pair{Src: "The farmer sells the house.", Tgt: "Инженер чинит лодку."}); len(m) != 1 || m[0].Filter != "lexical" || m[0].Value != 0 {
		t.Errorf("Measures = %+v, want lexical 0", m)
	}
	// without a lexicon the filter checks nothing
	runFilterCases(t, buildFilter(t, "lexical", nil, nil), []filterCase{
		{"misaligned, no lexicon", "The farmer sells the house.", "Инженер чинит лодку.", true},
	})
	if _, err := ParseFilters("lexical:min=0.3:prob=0.2"); err != nil {
		t.Error(err)
	}
	if _, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "lexical", Params: map[string]float64{"min": 2}}}}, nil, nil); err == nil {
		t.Error("lexical:min=2 accepted")
	}
}

func TestStems(t *testing.T) {
	got := fmt.Sprint(stems("Configuration of «Файлов» 3 files, x2", 5))
	if want := "[confi of файло files x]"; got != want {
		t.Errorf("stems = %s, want %s", got, want)
	}
}

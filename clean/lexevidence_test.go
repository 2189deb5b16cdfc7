package clean

import (
	"strings"
	"testing"
)

// topicCorpus is toyCorpus with a topic word that every pair holds on both
// sides ("file" / "файл"), as the words of a small manual co-occur with
// everything.
func topicCorpus() []Pair {
	ps := toyCorpus()
	for i := range ps {
		ps[i].Src = strings.TrimSuffix(ps[i].Src, ".") + " file."
		ps[i].Tgt = strings.TrimSuffix(ps[i].Tgt, ".") + " файл."
	}
	return ps
}

func TestLexiconEvidence(t *testing.T) {
	lx := TrainLexicon(topicCorpus(), LexiconOptions{})
	mean := func(src, tgt string) float64 {
		llr, n := lx.Evidence(src, tgt)
		if n[0] == 0 || n[1] == 0 {
			t.Fatalf("%q / %q: no learnt words (%v)", src, tgt, n)
		}
		return min(llr[0]/float64(n[0]), llr[1]/float64(n[1]))
	}
	good := mean("The driver washes the truck file.", "Водитель моет грузовик файл.")
	bad := mean("The driver washes the truck file.", "Учитель красит забор файл.")
	topic := mean("The file.", "Файл.")
	if good < 0.5 || bad > -0.5 {
		t.Errorf("evidence of a translation %.2f, of a misaligned pair %.2f: want above 0.5 and below -0.5", good, bad)
	}
	// the topic word alone is no evidence either way
	if topic < -0.2 || topic > 0.2 {
		t.Errorf("evidence of the topic word alone %.2f, want about 0", topic)
	}
	// the lexical filter's coverage finds the topic word a translation:
	// a quarter of each side of the misaligned pair explained
	if cov, _ := lx.Coverage("The driver washes the truck file.", "Учитель красит забор файл.", 0.1, 0.5, 2); min(cov[0], cov[1]) < 0.2 {
		t.Errorf("coverage of the misaligned pair %v, want at least 0.2 (as the filter's default keeps)", cov)
	}
}

func TestEvidenceFilter(t *testing.T) {
	lx := TrainLexicon(topicCorpus(), LexiconOptions{})
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "evidence"}}, Lexicon: lx}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	runFilterCases(t, c.filters[0], []filterCase{
		{"translation", "The farmer sells the house file.", "Фермер продаёт дом файл.", true},
		{"misaligned, topic word shared", "The farmer sells the house file.", "Инженер чинит лодку файл.", false},
		{"one learnt word a side: not checked", "The zebra file.", "Зебра файл.", true},
		{"misaligned under one section number: not checked", "4.2. The farmer sells the house file.", "4.2. Инженер чинит лодку файл.", true},
		{"misaligned, one-level number: checked", "4. The farmer sells the house file.", "4. Инженер чинит лодку файл.", false},
		{"misaligned, other section numbers", "4.2. The farmer sells the house file.", "4.3. Инженер чинит лодку файл.", false},
	})
	m := c.Measures(&Pair{Src: "The farmer sells the house file.", Tgt: "Инженер чинит лодку файл."})
	if len(m) != 1 || m[0].Filter != "evidence" || m[0].Param != "min" || m[0].Value >= -0.3 {
		t.Errorf("Measures = %+v, want evidence below -0.3", m)
	}
	// without a lexicon the filter checks nothing
	runFilterCases(t, buildFilter(t, "evidence", nil, nil), []filterCase{
		{"misaligned, no lexicon", "The farmer sells the house.", "Инженер чинит лодку.", true},
	})
}

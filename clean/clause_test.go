package clean

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paraline/paraline/align"
)

// The pairs below are made of toyCorpus's words, so that the lexicon
// knows every one of them.
func TestClauseFilter(t *testing.T) {
	lx := TrainLexicon(toyCorpus(), LexiconOptions{})
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "clause"}}, Lexicon: lx}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	runFilterCases(t, c.filters[0], []filterCase{
		{"two clauses translated", "The driver washes the truck, the teacher paints the fence.",
			"Водитель моет грузовик, учитель красит забор.", true},
		{"russian drops a clause", "The driver washes the truck, the teacher paints the fence.",
			"Водитель моет грузовик.", false},
		{"russian adds a sentence", "The farmer sells the house.",
			"Фермер продаёт дом. Инженер чинит мост, водитель красит лодку.", false},
		{"english adds a clause in the middle", "The engineer repairs the bridge; the driver sells the boat and the truck; the farmer washes the fence.",
			"Инженер чинит мост, фермер моет забор.", false},
		// a misaligned pair of one clause is the lexical filter's
		{"misaligned, one clause", "The driver washes the truck.", "Учитель красит забор.", true},
		{"one word of a clause wrong", "The driver washes the truck, the teacher paints the fence.",
			"Водитель моет грузовик, учитель красит дом.", true},
		{"too few words counted", "The driver, the truck.", "Водитель.", true},
	})
	// the measure agrees with the verdict
	for _, p := range []Pair{
		{Src: "The driver washes the truck, the teacher paints the fence.", Tgt: "Водитель моет грузовик."},
		{Src: "The driver washes the truck, the teacher paints the fence.", Tgt: "Водитель моет грузовик, учитель красит забор."},
	} {
		_, ok := c.filters[0].Check(&p)
		m := c.Measures(&p)
		if len(m) != 1 || m[0].Filter != "clause" || !m[0].RejectAbove || (m[0].Value > 0.75) == ok {
			t.Errorf("%q: Measures %+v, Check keeps %v", p.Tgt, m, ok)
		}
	}
	// without a lexicon the filter checks nothing
	runFilterCases(t, buildFilter(t, "clause", nil, nil), []filterCase{
		{"partial, no lexicon", "The driver washes the truck, the teacher paints the fence.", "Водитель моет грузовик.", true},
	})
	for _, bad := range []map[string]float64{{"length": -1}, {"prob": 0}, {"prob": 1.5}, {"null": -0.1}} {
		if _, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "clause", Params: bad}}}, nil, nil); err == nil {
			t.Errorf("clause %v: no error", bad)
		}
	}
}

// TestClauseDict checks that a dictionary's links explain words: those
// the corpus's lexicon has not learnt count then as explained, not as
// unknown.
func TestClauseDict(t *testing.T) {
	lx := TrainLexicon(toyCorpus(), LexiconOptions{})
	d, err := align.NewDict("en", "ru", [][2]string{{"cat", "кошка"}, {"sleep", "спать"}, {"garden", "сад"}})
	if err != nil {
		t.Fatal(err)
	}
	src, tgt := "The driver washes the truck, the cat sleeps in the garden.", "Водитель моет грузовик, кошка спит в саду."
	show := func(m []wordMark) string {
		var b strings.Builder
		for _, w := range m {
			switch {
			case !w.counted:
				b.WriteByte('-')
			case w.explained:
				b.WriteByte('x')
			default:
				b.WriteByte('u')
			}
		}
		return b.String()
	}
	for _, tc := range []struct {
		name     string
		dict     *align.Dict
		src, tgt string
	}{
		// "cat", "sleeps", "in", "garden" are not learnt (-) and "the"
		// has a translation of the toy corpus's; the dictionary links
		// cat and garden (not "sleeps" to "спит": "спать" has another
		// stem)
		{"no dictionary", nil, "xxxxxx---x-", "xxx----"},
		{"dictionary", d, "xxxxxxx--xx", "xxxx--x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := lx.explain(src, tgt, 0.1, 0.5, tc.dict, true)
			if got := show(m[0]) + " " + show(m[1]); got != tc.src+" "+tc.tgt {
				t.Errorf("marks %s, want %s %s", got, tc.src, tc.tgt)
			}
		})
	}
}

func TestWorstRun(t *testing.T) {
	// marks: "x" explained, "u" unexplained, "-" not counted, "|" a clause cut
	parse := func(s string) []wordMark {
		var out []wordMark
		cut := false
		for _, f := range strings.Fields(s) {
			if f == "|" {
				cut = true
				continue
			}
			out = append(out, wordMark{counted: f != "-", explained: f == "x", cut: cut && len(out) > 0})
			cut = false
		}
		return out
	}
	cases := []struct {
		name     string
		src, tgt string
		ok       bool
		share    float64
		side     int
		otherCov float64
	}{
		{"all explained", "x x | x x", "x x x x", true, 0, 0, 1},
		{"last clause unexplained", "x x | u u", "x x", true, 0.5, 0, 1},
		{"an explained word in the run counts against it", "x x x | u u x", "x x", true, 1.0 / 6, 0, 1},
		{"the worse side", "x x x x", "x x | u u u u", true, 4.0 / 6, 1, 1},
		{"a middle clause", "x x | u u u | x x", "x x x x", true, 3.0 / 7, 0, 1},
		{"not the whole side", "u u | u u", "x x", true, 0.5, 0, 1},
		{"function words not counted", "x - x | u - u", "x - x", true, 0.5, 0, 1},
		{"one clause a side", "x x u u", "x x", false, 0, 0, 0},
		{"too few words", "x | u", "x", false, 0, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, ok := worstRun([2][]wordMark{parse(c.src), parse(c.tgt)}, 3)
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, c.ok, r)
			}
			if !ok {
				return
			}
			if math.Abs(r.share-c.share) > 1e-9 || r.side != c.side || math.Abs(r.otherCover-c.otherCov) > 1e-9 {
				t.Errorf("run %+v, want share %.3f side %d other cover %.2f", r, c.share, c.side, c.otherCov)
			}
		})
	}
}

func TestClauseWords(t *testing.T) {
	stems, words, cut := clauseWords("Open «Файлы», then (maybe) quit; x2 done.", 4)
	got := fmt.Sprint(stems, words, cut)
	want := "[open файл then mayb quit x done] [open файлы then maybe quit x done] [false false true true true true false]"
	if got != want {
		t.Errorf("clauseWords = %s\nwant %s", got, want)
	}
}

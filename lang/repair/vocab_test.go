package repair

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

func TestVocabBounded(t *testing.T) {
	// Every token distinct: numbers are not kept, words are sampled
	// down to the limit, function words always stay.
	var docs []string
	for d := range 40 {
		var b strings.Builder
		for i := range 200 {
			fmt.Fprintf(&b, "of the word%dx%d in %d.%d ", d, i, d*1000+i, i)
		}
		docs = append(docs, b.String())
	}
	tests := []struct {
		name  string
		order func(i int) int
	}{
		{"forward", func(i int) int { return i }},
		{"backward", func(i int) int { return len(docs) - 1 - i }},
	}
	var first *Vocab
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := NewVocabLimit(1024)
			for i := range docs {
				v.Add(docs[tc.order(i)])
			}
			if v.Len() > 1024 {
				t.Errorf("Len() = %d, want <= 1024", v.Len())
			}
			if got, want := v.Words(), 40*200*6; got != want {
				t.Errorf("Words() = %d, want %d", got, want)
			}
			if v.counts["of"] != 8000 || v.counts["the"] != 8000 {
				t.Errorf("function words lost: of=%d the=%d", v.counts["of"], v.counts["the"])
			}
			for w := range v.counts {
				if isDigitStart(w) {
					t.Errorf("number %q kept", w)
				}
			}
			if first == nil {
				first = v
				return
			}
			if !maps.Equal(first.counts, v.counts) || !maps.Equal(first.pairs, v.pairs) {
				t.Errorf("counts depend on the order of Add calls")
			}
		})
	}
}

func TestVocabPairs(t *testing.T) {
	tests := []struct {
		name, text, pair string
		want             int
	}{
		{"spaced", "the role of Russia", "of russia", 1},
		{"line break counts as space", "of\nthe", "of the", 1},
		{"punctuation between", "of, the", "of the", 0},
		{"glued is not a pair", "ofthe", "of the", 0},
		{"number not kept", "in 2019", "in 2019", 0},
		{"russian", "прошло в Москве", "в москве", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := NewVocab()
			v.Add(tc.text)
			if got := v.pairs[tc.pair]; got != tc.want {
				t.Errorf("pairs[%q] = %d, want %d (all %v)", tc.pair, got, tc.want, v.pairs)
			}
		})
	}
}

func TestRunPairEvidence(t *testing.T) {
	// "вменю" is a word of the lexicon; the run writes "в меню" spaced
	// many times and glued twice, so the glued form is a lost space.
	var b strings.Builder
	for range 30 {
		b.WriteString("Показать пункт в меню программы.\n")
	}
	b.WriteString("Открыть вменю настройки.\nОкно вменю справки.\n")
	for range 20 {
		b.WriteString("Файл находится вкаталоге пользователя.\n")
	}
	text := b.String()
	r := mustNew(t, "ru")
	got, _ := r.Repair(text)
	if !strings.Contains(got, "Открыть в меню настройки") {
		t.Errorf("pair seen spaced in the run was not used: %q", got[strings.Index(got, "Открыть"):])
	}
	// Without the spaced pair the lexicon word stays.
	got, _ = r.Repair("Открыть вменю настройки. Файл вкаталоге, файл вкаталоге, вкаталоге.")
	if !strings.Contains(got, "вменю") {
		t.Errorf("lexicon word split without run evidence: %q", got)
	}
}

package split

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzSplit checks, for every language rule set, that the sentences and the
// white space between them rebuild the input exactly, that offsets are in
// bounds and ordered, and that splitting is deterministic.
func FuzzSplit(f *testing.F) {
	for _, seed := range []string{
		"Mr. Smith went to Washington. He arrived at 5 p.m.",
		"1.) The first item 2.) The second item",
		"• 9. The first item • 10. The second item",
		"compounds. . . . The practice was not abandoned. . . .",
		"Hello world.Today is Tuesday.Mr. Smith",
		"«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».",
		"Л.Н. Толстой, 1898 г. В 1854 году",
		"features\ncontact manager\nevents, activities\n",
		"A\n \nB\r\n\r\nC\u2028D\u00a0E",
		"\"unbalanced (quote. And more\" ) ] » “ „",
		"¿Qué? ¡Hola! «Bien.», dijo.",
		"\xff\xfe. Bad.\x80 bytes.",
		"... . . . …… ?!?! .",
	} {
		f.Add(seed)
	}
	splitters := []*Splitter{New("en"), New("ru"), New("de"), New("es"), New("fr"), New("")}
	f.Fuzz(func(t *testing.T, in string) {
		for _, s := range splitters {
			got := s.appendSplit(nil, in) // no recovery: a panic fails the test
			var b strings.Builder
			prev := 0
			for k, st := range got {
				if st.Start < prev || st.End <= st.Start || st.End > len(in) {
					t.Fatalf("%s: sentence %d: bad offsets [%d,%d) after %d (len %d)", s.Lang(), k, st.Start, st.End, prev, len(in))
				}
				if in[st.Start:st.End] != st.Text {
					t.Fatalf("%s: sentence %d: Text differs from its input slice", s.Lang(), k)
				}
				gap := in[prev:st.Start]
				if strings.TrimFunc(gap, unicode.IsSpace) != "" {
					t.Fatalf("%s: sentence %d: non-space gap %q", s.Lang(), k, gap)
				}
				if st.Text != strings.TrimFunc(st.Text, unicode.IsSpace) {
					t.Fatalf("%s: sentence %d: %q not trimmed", s.Lang(), k, st.Text)
				}
				b.WriteString(gap)
				b.WriteString(st.Text)
				prev = st.End
			}
			tail := in[prev:]
			if strings.TrimFunc(tail, unicode.IsSpace) != "" {
				t.Fatalf("%s: non-space tail %q", s.Lang(), tail)
			}
			b.WriteString(tail)
			if b.String() != in {
				t.Fatalf("%s: sentences and gaps do not rebuild the input", s.Lang())
			}
			again := s.appendSplit(nil, in)
			if len(again) != len(got) {
				t.Fatalf("%s: not deterministic", s.Lang())
			}
		}
	})
}

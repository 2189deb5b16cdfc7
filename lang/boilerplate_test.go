package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Prose lines for building pages: long enough and ending like sentences.
const (
	prose1 = "The regional council approved the new budget on Tuesday after a long debate about schools and roads."
	prose2 = "Engineers say the repairs on the northern bridge will take about four months and cost two million euros."
	prose3 = "Residents were invited to a public meeting next week to discuss the timetable of the works in detail."
)

// lineKinds classifies text and returns, per line, "kind" or "kind reason"
// of the span that covers most of the line.
func lineKinds(t *testing.T, c *Classifier, text string) map[string]string {
	t.Helper()
	d := detector(t, enRu)
	spans := c.Classify(text, d.Segment(text))
	out := map[string]string{}
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		end := pos + len(line)
		best, bo := "", 0
		for _, s := range spans {
			if o := min(s.End, end) - max(s.Start, pos); o > bo {
				best, bo = strings.TrimSpace(s.Kind.String()+" "+s.Reason), o
			}
		}
		if k := strings.TrimSpace(line); k != "" {
			out[k] = best
		}
		pos = end
	}
	return out
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  map[string]string // line -> "kind[ reason]"
	}{
		{"clock lines",
			[]string{"15:39Abu Dhabi", "18:39 Phnom Penh", prose1, prose2},
			map[string]string{"15:39Abu Dhabi": "boilerplate boilerplate:clock", "18:39 Phnom Penh": "boilerplate boilerplate:clock", prose1: "body"}},
		{"glued menu",
			[]string{"Make Riverside your start pageWrite to usBookmark this siteMain", prose1, prose2},
			map[string]string{"Make Riverside your start pageWrite to usBookmark this siteMain": "boilerplate boilerplate:nav"}},
		{"bullet widgets",
			[]string{prose1, prose2, "• Add Comment", "• Print", "Comments(0)"},
			map[string]string{"• Add Comment": "boilerplate boilerplate:widget", "• Print": "boilerplate boilerplate:widget", "Comments(0)": "boilerplate boilerplate:widget"}},
		{"bulleted sentence is not a widget",
			[]string{prose1, "• The works start in May.", prose2},
			map[string]string{"• The works start in May.": "body"}},
		{"related-news list",
			[]string{prose1, prose2, "Flood barriers tested ahead of the rainy season", "01.06.2021", "Volunteers plant trees along the embankment", "28.05.2021"},
			map[string]string{
				"Flood barriers tested ahead of the rainy season": "boilerplate boilerplate:related-list",
				"01.06.2021": "boilerplate boilerplate:related-list",
				"Volunteers plant trees along the embankment": "boilerplate boilerplate:related-list",
				"28.05.2021": "boilerplate boilerplate:related-list"}},
		{"one title and date is the heading",
			[]string{"River authority opens new monitoring station", "03.06.2021 10:20", "", prose1, prose2},
			map[string]string{"River authority opens new monitoring station": "body", "03.06.2021 10:20": "body", prose1: "body"}},
		{"short line between prose",
			[]string{prose1, "Dear colleagues,", prose2},
			map[string]string{"Dear colleagues,": "body"}},
		{"short line away from prose",
			[]string{"Partner Cities:", "", "", prose1},
			map[string]string{"Partner Cities:": "body"}},
		// Short lines cut off from the article by furniture are not its
		// head (short lines directly above it are: see "short line away
		// from prose").
		{"short lines cut off from prose",
			[]string{"Member Cities:", "Partner Cities:", "Observer Cities:", "• Print", prose1, prose2},
			map[string]string{"Member Cities:": "boilerplate boilerplate:short"}},
		{"other-language footer",
			[]string{prose1, prose2, prose3, "• Print", "© Все права защищены. Перепечатка материалов только с разрешения редакции сайта и со ссылкой на источник."},
			map[string]string{"© Все права защищены. Перепечатка материалов только с разрешения редакции сайта и со ссылкой на источник.": "boilerplate boilerplate:other-language(ru)",
				prose3: "body"}},
		{"other-language footer after the last line of the body language",
			[]string{"Совет обсудил все вопросы повестки дня и закрыл заседание после долгих споров о школах.", "Жители приглашены на встречу, чтобы обсудить сроки работ и порядок движения транспорта.", "• Print", prose1},
			map[string]string{prose1: "boilerplate boilerplate:other-language(en)"}},
		{"letterless noise",
			[]string{prose1, "• • •", prose2},
			map[string]string{"• • •": "noise noise:no-letters"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := lineKinds(t, &Classifier{}, strings.Join(tc.lines, "\n")+"\n")
			for line, want := range tc.want {
				if got[line] != want {
					t.Errorf("%q: got %q, want %q", line, got[line], want)
				}
			}
		})
	}
}

// TestClassifyUntranslated: a page translated in part keeps paragraphs
// in the original language between its own (after a note's label, a
// figure's caption): they are body when the language drop keeps bilingual
// blocks (MainLangShare 1), and text in another language after the body's
// last line is not.
func TestClassifyUntranslated(t *testing.T) {
	ru1 := "Совет обсудил все вопросы повестки дня и закрыл заседание после долгих споров о школах."
	ru2 := "Жители приглашены на встречу, чтобы обсудить сроки работ и порядок движения транспорта."
	ru3 := "Инженеры говорят, что ремонт северного моста займёт около четырёх месяцев и двух миллионов."
	ru4 := "Работы начнутся в мае, а движение по мосту будет открыто только для автобусов и пешеходов."
	text := strings.Join([]string{ru1, ru2, ru3, "• Print", prose1, ru4, "• Share", prose3}, "\n") + "\n"
	got := lineKinds(t, &Classifier{Options: Options{MainLangShare: 1}}, text)
	want := map[string]string{ru1: "body", prose1: "body", ru4: "body", prose3: "boilerplate boilerplate:other-language(en)"}
	for line, w := range want {
		if got[line] != w {
			t.Errorf("%q: got %q, want %q", line, got[line], w)
		}
	}
}

func TestClassifyRepeated(t *testing.T) {
	lc := NewLineCounter(0)
	var pages []string
	for _, name := range []string{"page1.txt", "page2.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(b))
		lc.AddDocument(string(b))
	}
	// A third page shares the header only.
	third := "This portal is supported by a grant\n\n" + prose1 + "\n" + prose2 + "\n"
	lc.AddDocument(third)
	got := lineKinds(t, &Classifier{Counter: lc}, pages[0])
	want := map[string]string{
		"This portal is supported by a grant":        "boilerplate boilerplate:repeated(3/3 pages)",
		"of the Regional Fund for Culture and Media": "boilerplate boilerplate:short", // 2 docs < MinRepeat
		"08:15Lisbon": "boilerplate boilerplate:clock",
		"River authority opens new monitoring station":    "body",
		"Dear Mrs. Kovalenko,":                            "body",
		"Comments(0)":                                     "boilerplate boilerplate:widget",
		"Flood barriers tested ahead of the rainy season": "boilerplate boilerplate:related-list",
	}
	for line, w := range want {
		if got[line] != w {
			t.Errorf("%q: got %q, want %q", line, got[line], w)
		}
	}
	// With MinRepeat 2, lines of two pages are repeated too.
	got = lineKinds(t, &Classifier{Counter: lc, Options: Options{MinRepeat: 2}}, pages[0])
	if w := "boilerplate boilerplate:repeated(2/3 pages)"; got["Города-побратимы:"] != w {
		t.Errorf("MinRepeat 2: got %q, want %q", got["Города-побратимы:"], w)
	}
	// Without the counter, nothing is "repeated".
	for line, k := range lineKinds(t, &Classifier{}, pages[0]) {
		if strings.Contains(k, "repeated") {
			t.Errorf("%q: %s without a LineCounter", line, k)
		}
	}
}

func TestKindText(t *testing.T) {
	for _, k := range []Kind{Body, Boilerplate, Noise} {
		b, _ := k.MarshalText()
		var back Kind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("%v: round trip gave %v, %v", k, back, err)
		}
	}
	var k Kind
	if err := k.UnmarshalText([]byte("furniture")); err == nil {
		t.Error("UnmarshalText(furniture): no error")
	}
	if s := Kind(9).String(); s != "Kind(9)" {
		t.Errorf("Kind(9).String() = %q", s)
	}
}

// TestInlineForeign checks that words of another language inside a body
// sentence stay in it (cutting them out would break the sentence), while a
// piece of another language glued after a sentence end is dropped.
func TestInlineForeign(t *testing.T) {
	ru1 := "Совет региона утвердил новый бюджет во вторник после долгого спора о школах и дорогах города."
	ru2 := "Инженеры говорят, что ремонт северного моста займёт около четырёх месяцев и обойдётся недёшево."
	tests := []struct {
		name, line, piece, want string
	}{
		{"inside", "Команда поиска по слову frozen находит пакет в списке доступных программ системы.", "frozen", "body"},
		{"at the end of the sentence", "Эту игру содержит пакет под названием frozen-bubble", "frozen-bubble", "body"},
		{"at the start of the sentence", "GNU Emacs является текстовым редактором с очень долгой историей развития.", "GNU Emacs", "body"},
		{"glued after a sentence end", "Совет обсудил все вопросы повестки дня и закрыл заседание.Read more about it", "Read more about it", "boilerplate boilerplate:other-language(en)"},
	}
	d := detector(t, enRu)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := ru1 + "\n" + tt.line + "\n" + ru2 + "\n"
			spans := (&Classifier{}).Classify(text, d.Segment(text))
			at := strings.Index(text, tt.piece)
			found := false
			for _, s := range spans {
				if s.Start <= at && at < s.End {
					found = true
					if got := strings.TrimSpace(s.Kind.String() + " " + s.Reason); got != tt.want {
						t.Errorf("%q: %s (span %q), want %s", tt.piece, got, text[s.Start:s.End], tt.want)
					}
				}
			}
			if !found {
				t.Fatalf("no span holds %q", tt.piece)
			}
		})
	}
}

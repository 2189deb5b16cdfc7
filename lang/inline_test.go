package lang

import (
	"reflect"
	"strings"
	"testing"
)

func TestMergeInline(t *testing.T) {
	// spans builds body spans from pieces "lang|text"; "!kind|text" makes
	// a boilerplate span, "!hidden:lang|text" one of a hidden line.
	spans := func(pieces ...string) (string, []Span) {
		var b strings.Builder
		var out []Span
		for _, p := range pieces {
			l, txt, _ := strings.Cut(p, "|")
			s := Span{Start: b.Len(), Lang: l, Kind: Body}
			if strings.HasPrefix(l, "!") {
				s.Lang, s.Kind = "en", Boilerplate
				if h, ok := strings.CutPrefix(l, "!hidden:"); ok {
					s.Lang, s.Reason = h, reasonHidden
				}
			}
			b.WriteString(txt)
			s.End = b.Len()
			out = append(out, s)
		}
		return b.String(), out
	}
	tests := []struct {
		name   string
		pieces []string
		want   []string // "lang kind text" per span
	}{
		{"word inside a sentence", []string{"ru|Команда поиска ", "en|froz ", "ru|находит пакет.\n"},
			[]string{"ru body Команда поиска froz находит пакет.\n"}},
		{"word at the end", []string{"ru|Игру содержит пакет ", "en|frozen-bubble\n"},
			[]string{"ru body Игру содержит пакет frozen-bubble\n"}},
		{"name at the start", []string{"en|GNU Emacs ", "ru|является текстовым редактором с долгой историей.\n"},
			[]string{"ru body GNU Emacs является текстовым редактором с долгой историей.\n"}},
		{"a sentence of its own", []string{"en|The forum opened in Linz on Monday with many guests.", "ru|Партнеры по диалогу:\n"},
			[]string{"en body The forum opened in Linz on Monday with many guests.", "ru body Партнеры по диалогу:\n"}},
		{"not across lines", []string{"ru|Первая строка текста здесь\n", "en|second line\n"},
			[]string{"ru body Первая строка текста здесь\n", "en body second line\n"}},
		{"boilerplate is not joined", []string{"ru|Текст статьи идёт ", "!nav|Menu ", "ru|дальше здесь.\n"},
			[]string{"ru body Текст статьи идёт ", "en boilerplate Menu ", "ru body дальше здесь.\n"}},
		{"a hidden line is joined", []string{"ru|Длинный абзац текста страницы на русском языке.\n", "!hidden:ru|В ", "!hidden:en|Linux ", "!hidden:ru|цвета другие.\n", "!nav|Menu ", "!nav|Home\n"},
			[]string{"ru body Длинный абзац текста страницы на русском языке.\n", "ru boilerplate В Linux цвета другие.\n", "en boilerplate Menu ", "en boilerplate Home\n"}},
		{"no language inside", []string{"ru|Более ", "|600 ", "ru|гостей.\n"},
			[]string{"ru body Более 600 гостей.\n"}},
		{"a term longer than the page's words", []string{"ru|Длинный абзац текста страницы на русском языке.\n", "ru|Опция: ", "en|APT::Install-Recommends\n"},
			[]string{"ru body Длинный абзац текста страницы на русском языке.\n", "ru body Опция: APT::Install-Recommends\n"}},
		{"a label of another language", []string{"ru|Длинный абзац текста страницы на русском языке.\n", "en|triggers-pending: ", "ru|пакет ожидает обработки.\n"},
			[]string{"ru body Длинный абзац текста страницы на русском языке.\n", "ru body triggers-pending: пакет ожидает обработки.\n"}},
		{"no word of the page's language", []string{"ru|Длинный абзац текста страницы на русском языке.\n", "en|The quick brown fox ", "de|und\n"},
			[]string{"ru body Длинный абзац текста страницы на русском языке.\n", "en body The quick brown fox und\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, in := spans(tt.pieces...)
			got := MergeInline(text, in)
			var desc []string
			pos := 0
			for _, s := range got {
				if s.Start != pos {
					t.Fatalf("spans do not cover the text: %+v", got)
				}
				pos = s.End
				desc = append(desc, s.Lang+" "+s.Kind.String()+" "+text[s.Start:s.End])
			}
			if pos != len(text) {
				t.Fatalf("spans end at %d of %d", pos, len(text))
			}
			if strings.Join(desc, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", desc, tt.want)
			}
		})
	}
}

// TestInlineInPage checks that a term of another language that makes up
// most of a line stays in the sentence of the page's language it belongs
// to, while a line of another language of its own is dropped.
func TestInlineInPage(t *testing.T) {
	ru1 := "Совет региона утвердил новый бюджет во вторник после долгого спора о школах и дорогах города."
	ru2 := "Инженеры говорят, что ремонт северного моста займёт около четырёх месяцев и обойдётся недёшево."
	tests := []struct {
		name, line, piece, want string
	}{
		{"option after a label", "Опция: APT::Install-Recommends-Of-Packages", "APT::Install-Recommends-Of-Packages", "body"},
		{"a term as the label of its line", "triggers-pending: пакет ожидает обработки триггеров другим пакетом.", "triggers-pending:", "body"},
		{"quoted key name", "Клавиша «clear to end of line».", "clear to end of line", "body"},
		{"after a sentence end", "Совет обсудил все вопросы повестки дня и закрыл заседание. The council approved the new budget on Tuesday after a long debate.", "The council approved", "boilerplate boilerplate:other-language(en)"},
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

// TestJoinLine: the spans of one line join in the language asked for when
// the line holds text of it, whatever their reason; without text of it,
// in the language of most letters.
func TestJoinLine(t *testing.T) {
	const reason = "boilerplate:title(html)"
	cut := func(text string, parts ...string) []Span {
		var out []Span
		at := 0
		for k := 0; k < len(parts); k += 2 {
			out = append(out, Span{Start: at, End: at + len(parts[k]), Lang: parts[k+1], Kind: Boilerplate, Reason: reason})
			at += len(parts[k])
		}
		return out
	}
	tests := []struct {
		name, text, main string
		parts            []string
		want             []string // text/lang of each result
	}{
		{"name in ru", "Поиск — документация developers-reference 12.18\n", "ru",
			[]string{"Поиск — документация ", "ru", "developers-reference 12.18\n", "en"},
			[]string{"Поиск — документация developers-reference 12.18\n/ru"}},
		{"no text of main", "Debian » ru\n", "ru",
			[]string{"Debian ", "en", "» ", "", "ru\n", "en"},
			[]string{"Debian » ru\n/en"}},
		{"one span", "Search\n", "ru", []string{"Search\n", "en"}, []string{"Search\n/en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range JoinLine(tt.text, cut(tt.text, tt.parts...), tt.main) {
				got = append(got, tt.text[s.Start:s.End]+"/"+s.Lang)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

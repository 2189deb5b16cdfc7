package lang

import (
	"strings"
	"testing"
)

func TestMergeInline(t *testing.T) {
	// spans builds body spans from pieces "lang|text"; "!kind|text" makes
	// a boilerplate span.
	spans := func(pieces ...string) (string, []Span) {
		var b strings.Builder
		var out []Span
		for _, p := range pieces {
			l, txt, _ := strings.Cut(p, "|")
			s := Span{Start: b.Len(), Lang: l, Kind: Body}
			if strings.HasPrefix(l, "!") {
				s.Lang, s.Kind = "en", Boilerplate
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
		{"no language inside", []string{"ru|Более ", "|600 ", "ru|гостей.\n"},
			[]string{"ru body Более 600 гостей.\n"}},
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

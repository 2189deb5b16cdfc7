package lang

import (
	"strings"
	"testing"
)

func TestKeptProse(t *testing.T) {
	tests := []struct {
		name, src, tgt string
		want           Kept
	}{
		{"label translated", "More information on available mailing lists can be found in Mailing lists.",
			"More information on available mailing lists can be found in Списки рассылки.", Kept{Words: 12, Kept: 10, Function: 5, Run: 10}},
		{"translation keeps a command", "Run apt-get update now.", "Выполните apt-get update сейчас.", Kept{Words: 4, Kept: 2, Run: 2}},
		{"quoted title", "The “clear to end of line” key.", "Клавиша «clear to end of line».", Kept{Words: 7, Kept: 5, Run: 5}},
		{"straight quotes", `Set it to "on the fly" now.`, `Установите "on the fly".`, Kept{Words: 7, Kept: 3, Run: 3}},
		{"order counts", "the file is in the menu", "menu file the", Kept{Words: 6, Kept: 2, Function: 1, Run: 1}},
		{"one-letter words are not function words", "a b c d", "a b c d", Kept{Words: 4, Kept: 4, Run: 4}},
		{"no function words for the language", "the file is here", "the file is here", Kept{Words: 4, Kept: 4, Run: 4}},
		{"keywords in capitals", "--on-conflict-do-nothing add ON CONFLICT DO NOTHING to INSERT commands",
			"--on-conflict-do-nothing добавлять ON CONFLICT DO NOTHING в команды INSERT", Kept{Words: 9, Kept: 6, Run: 4}},
		{"kept words apart", "if COMMANDS; then COMMANDS; else COMMANDS; fi", "if КОМАНДЫ; then КОМАНДЫ; else КОМАНДЫ; fi",
			Kept{Words: 7, Kept: 4, Function: 2, Run: 1}},
		{"empty", "", "anything", Kept{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := "en"
			if tt.name == "no function words for the language" {
				lang = "xx"
			}
			if got := KeptProse(tt.src, tt.tgt, lang); got != tt.want {
				t.Errorf("KeptProse(%q, %q) = %+v, want %+v", tt.src, tt.tgt, got, tt.want)
			}
		})
	}
}

// TestKeptProseHuge: texts too long to compare (a line of a megabyte
// without a sentence end) keep nothing, instead of asking for a table of
// gigabytes.
func TestKeptProseHuge(t *testing.T) {
	long := strings.Repeat("the file is in the menu of ", 1000) // 7,000 words
	if got := KeptProse(long, long, "en"); got != (Kept{Words: 7000}) {
		t.Errorf("KeptProse of two texts of 7,000 words = %+v, want nothing kept", got)
	}
	short := strings.Repeat("the file is in the menu of ", 100)
	if got := KeptProse(short, short, "en"); got.Kept != 700 {
		t.Errorf("KeptProse of two texts of 700 words kept %d, want 700", got.Kept)
	}
}

func TestFunctionWords(t *testing.T) {
	tests := []struct {
		s, lang string
		want    int
	}{
		{"See Раздел 5.2, «Редактор» for the order of version strings.", "en", 4},
		{"Клавиша «clear to end of line».", "en", 0},
		{"a b c", "en", 0},
		{"Это не то, что в файле.", "ru", 4},
	}
	for _, tt := range tests {
		if got := FunctionWords(tt.s, tt.lang); got != tt.want {
			t.Errorf("FunctionWords(%q, %q) = %d, want %d", tt.s, tt.lang, got, tt.want)
		}
	}
}

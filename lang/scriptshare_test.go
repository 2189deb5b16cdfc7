package lang

import (
	"math"
	"testing"
	"unicode"
)

func TestScriptShare(t *testing.T) {
	tests := []struct {
		text, code, other string
		share             float64
		distinct          bool
	}{
		{"Проект AdvanceMAME.", "ru", "en", 6.0 / 17, true},
		{"Проект AdvanceMAME.", "en", "ru", 11.0 / 17, true},
		{"123 — …", "ru", "en", 0, true},
		{"Das Projekt", "de", "en", 0, false},
	}
	for _, tt := range tests {
		s, d := ScriptShare(tt.text, tt.code, tt.other)
		if math.Abs(s-tt.share) > 1e-9 || d != tt.distinct {
			t.Errorf("ScriptShare(%q, %s, %s) = %.3f, %v; want %.3f, %v", tt.text, tt.code, tt.other, s, d, tt.share, tt.distinct)
		}
	}
}

// TestScriptOfCyrillicBlock checks the short cut of scriptOf: every letter
// of the Cyrillic block is of the Cyrillic script, as the tables say.
func TestScriptOfCyrillicBlock(t *testing.T) {
	for r := rune(cyrillicFirst); r <= cyrillicLast; r++ {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Cyrillic, r) {
			t.Errorf("%U is a letter of the Cyrillic block but not of the script", r)
		}
	}
}

func TestScriptShares(t *testing.T) {
	texts := []string{"Проект AdvanceMAME.", "123 — …", "Das Projekt", "", "ΑΒΓ abc где", "日本語 text"}
	pairs := [][2]string{{"ru", "en"}, {"en", "ru"}, {"de", "en"}, {"el", "ru"}, {"ja", "en"}}
	for _, text := range texts {
		for _, p := range pairs {
			sa, sb, d := ScriptShares(text, p[0], p[1])
			wa, wd := ScriptShare(text, p[0], p[1])
			wb, _ := ScriptShare(text, p[1], p[0])
			if sa != wa || sb != wb || d != wd {
				t.Errorf("ScriptShares(%q, %s, %s) = %v, %v, %v; want %v, %v, %v", text, p[0], p[1], sa, sb, d, wa, wb, wd)
			}
		}
	}
}

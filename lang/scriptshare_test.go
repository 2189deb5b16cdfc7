package lang

import (
	"math"
	"testing"
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

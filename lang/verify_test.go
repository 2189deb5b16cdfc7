package lang

import (
	"testing"

	"github.com/pemistahl/lingua-go"
)

func TestTopWords(t *testing.T) {
	tests := []struct {
		text                    string
		n, maxLetters, minWords int
		want                    string
	}{
		{"the cat and the dog and the bird", 3, 5, 1, "the and cat"},
		{"The THE the Mytimer mytimer mytimer", 2, 5, 1, "the"},
		{"a b", 5, 5, 3, ""},
		{"В лесу родилась ёлочка, в лесу она росла.", 2, 5, 1, "в лесу"},
		{"x1y2 ok", 5, 5, 1, "x y ok"},
		// A word holds its combining marks (vowel signs, virama), which
		// are no letters: Hindi words are not cut at each vowel sign.
		{"नमस्ते दुनिया नमस्ते", 2, 5, 1, "नमस्ते दुनिया"},
		{"cafe\u0301 cafe\u0301 the", 2, 4, 1, "cafe\u0301 the"},
	}
	for _, tt := range tests {
		if got := TopWords(tt.text, tt.n, tt.maxLetters, tt.minWords); got != tt.want {
			t.Errorf("TopWords(%q, %d, %d, %d) = %q, want %q", tt.text, tt.n, tt.maxLetters, tt.minWords, got, tt.want)
		}
	}
}

func TestVerifierChecks(t *testing.T) {
	tests := []struct {
		langs []string
		code  string
		want  bool
	}{
		{[]string{"en", "ru"}, "en", true},  // alone in Latin
		{[]string{"en", "ru"}, "ru", true},  // alone in Cyrillic
		{[]string{"en", "de"}, "en", false}, // the Detector's models tell the two apart
		{[]string{"en", "ru"}, "fr", false}, // not a language of the run
		{[]string{"ka", "en"}, "ka", false}, // the only language of its script
		{[]string{"EN", "RU"}, "EN", true},  // codes in either case, as NewVerifier takes them
	}
	for _, tt := range tests {
		if got := NewVerifier(tt.langs).Checks(tt.code); got != tt.want {
			t.Errorf("NewVerifier(%v).Checks(%s) = %v, want %v", tt.langs, tt.code, got, tt.want)
		}
	}
	var v *Verifier
	// A sample long enough to judge: IsLang must not reach the models.
	if v.Checks("en") || !v.IsLang("und von die das ist eine zu für mit es der des", "en") {
		t.Error("a nil Verifier checks nothing")
	}
}

func TestVerifierIsLang(t *testing.T) {
	v := NewVerifier([]string{"en", "ru"})
	tests := []struct {
		name, sample, code string
		want               bool
	}{
		{"English", "the to of a and is in that be it will on by for or users are from not these", "en", true},
		{"English with code", "the timer in time is and start a to if it or basic as false not of be will yes when are", "en", true},
		{"German", "und von die das ist eine zu für mit es der des den einer was am in wurde um über", "en", false},
		{"Spanish", "de el y que la a en los por es para se un una no con o más las su", "en", false},
		{"Russian", "и в не на что с по это как он к но из о за так же от все для", "ru", true},
		{"Ukrainian", "і в не на що з та це як до але від за так ж по він його вона їх", "ru", false},
		// low-accuracy models took it for Serbian (0.98): Cyrillic has full models
		{"Russian labels", "меню цвет на в после цвета и точек слоя как если бы это был а тона за о не эту с эта", "ru", true},
		{"Russian, short words", "в по добро и меню для с о мыши может от", "ru", true},
		{"too short to judge", "und die der", "en", true},
		// Words of one or two letters hold no trigram: every language
		// scores 0, which is no evidence against code.
		{"no trigram, English", "to of a in is it be or an as", "en", true},
		{"no trigram, Russian", "я в и к с у о а на по", "ru", true},
	}
	for _, tt := range tests {
		// lingua-go sums floats in map order: the verdict must not move
		// from one call to the next.
		for i := 0; i < 20; i++ {
			if got := v.IsLang(tt.sample, tt.code); got != tt.want {
				t.Errorf("%s, call %d: IsLang(%q, %s) = %v, want %v", tt.name, i, tt.sample, tt.code, got, tt.want)
				break
			}
		}
	}
}

// panicky is a lingua-go detector that panics, as lingua-go might on odd
// input.
type panicky struct{ lingua.LanguageDetector }

func (panicky) ComputeLanguageConfidenceValues(string) []lingua.ConfidenceValue {
	panic("odd input")
}

func TestVerifierIsLangPanic(t *testing.T) {
	v := NewVerifier([]string{"en", "ru"})
	v.once.Do(func() { v.det = map[script]lingua.LanguageDetector{scriptLatin: panicky{}} })
	if !v.IsLang("und von die das ist eine zu für mit es", "en") {
		t.Error("IsLang = false when lingua-go gave no answer, want true (no evidence)")
	}
}

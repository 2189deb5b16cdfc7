package lang

import (
	"unicode"
	"unicode/utf8"
)

// script is a writing system, as far as language detection cares: languages
// of different scripts never need a statistical model to be told apart.
type script uint8

const (
	scriptNone script = iota // not a letter
	scriptLatin
	scriptCyrillic
	scriptGreek
	scriptArabic
	scriptArmenian
	scriptBengali
	scriptDevanagari
	scriptGeorgian
	scriptGujarati
	scriptGurmukhi
	scriptCJK // Han, Hiragana, Katakana: Chinese and Japanese
	scriptHangul
	scriptHebrew
	scriptTamil
	scriptTelugu
	scriptThai
	scriptOther // a letter of a script no supported language uses
)

var scriptTables = []struct {
	s script
	t *unicode.RangeTable
}{
	{scriptLatin, unicode.Latin},
	{scriptCyrillic, unicode.Cyrillic},
	{scriptGreek, unicode.Greek},
	{scriptArabic, unicode.Arabic},
	{scriptArmenian, unicode.Armenian},
	{scriptBengali, unicode.Bengali},
	{scriptDevanagari, unicode.Devanagari},
	{scriptGeorgian, unicode.Georgian},
	{scriptGujarati, unicode.Gujarati},
	{scriptGurmukhi, unicode.Gurmukhi},
	{scriptCJK, unicode.Han},
	{scriptCJK, unicode.Hiragana},
	{scriptCJK, unicode.Katakana},
	{scriptHangul, unicode.Hangul},
	{scriptHebrew, unicode.Hebrew},
	{scriptTamil, unicode.Tamil},
	{scriptTelugu, unicode.Telugu},
	{scriptThai, unicode.Thai},
}

// The Unicode block Cyrillic (U+0400-U+04FF), which holds the letters of
// Russian and the other Cyrillic languages.
const (
	cyrillicFirst = 0x0400
	cyrillicLast  = 0x04FF
)

// scriptOf returns the script of a letter, or scriptNone for anything else.
// Combining marks belong to no script: they follow their base letter.
func scriptOf(r rune) script {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return scriptLatin
		}
		return scriptNone
	}
	if !unicode.IsLetter(r) {
		return scriptNone
	}
	if cyrillicFirst <= r && r <= cyrillicLast {
		// The letters of the Cyrillic block are all Cyrillic (see
		// TestScriptOfCyrillicBlock): no search through the tables.
		return scriptCyrillic
	}
	for _, st := range scriptTables {
		if unicode.Is(st.t, r) {
			return st.s
		}
	}
	return scriptOther
}

// scriptOfLang returns the script lingua-go uses for an ISO 639-1 code.
func scriptOfLang(code string) script {
	switch code {
	case "be", "bg", "kk", "mk", "mn", "ru", "sr", "uk":
		return scriptCyrillic
	case "ar", "fa", "ur":
		return scriptArabic
	case "hi", "mr":
		return scriptDevanagari
	case "hy":
		return scriptArmenian
	case "bn":
		return scriptBengali
	case "zh", "ja":
		return scriptCJK
	case "ka":
		return scriptGeorgian
	case "el":
		return scriptGreek
	case "gu":
		return scriptGujarati
	case "he":
		return scriptHebrew
	case "ko":
		return scriptHangul
	case "pa":
		return scriptGurmukhi
	case "ta":
		return scriptTamil
	case "te":
		return scriptTelugu
	case "th":
		return scriptThai
	}
	return scriptLatin
}

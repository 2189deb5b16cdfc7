package repair

import (
	"unicode"
	"unicode/utf8"
)

// dashEdits puts back the space lost on one side of a spaced dash: "word— word"
// becomes "word — word", and "—Word" at a line start or after a space becomes
// "— Word". A dash with no space on either side ("1990–2000", "states—the")
// is a style, not a loss, and stays.
func dashEdits(text string) []Edit {
	var edits []Edit
	for i, r := range text {
		if r != '—' && r != '–' {
			continue
		}
		n := utf8.RuneLen(r)
		var prev, next rune = '\n', '\n'
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(text[:i])
		}
		if i+n < len(text) {
			next, _ = utf8.DecodeRuneInString(text[i+n:])
		}
		switch {
		case next == ' ' && (isWordRune(prev) || unicode.IsPunct(prev)) && prev != '—' && prev != '–':
			edits = append(edits, Edit{Offset: i, Glued: text[i : i+n], Repaired: " " + text[i:i+n], Reason: "dash"})
		case (prev == ' ' || prev == '\n') && (unicode.IsLetter(next) || unicode.IsDigit(next) || next == '“' || next == '«'):
			edits = append(edits, Edit{Offset: i, Glued: text[i : i+n], Repaired: text[i:i+n] + " ", Reason: "dash"})
		}
	}
	return edits
}

// punctEdits inserts a space after ",;:" between two letters and after a
// sentence end (".!?") between a lower-case word of two or more letters and
// a capital ("Bishkek,I" -> "Bishkek, I", "end.The" -> "end. The").
func punctEdits(text string) []Edit {
	var edits []Edit
	for i, r := range text {
		if !isPunctEnd(r) || i == 0 || i+1 >= len(text) {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[i+1:])
		ok := false
		switch r {
		case ',', ';', ':':
			ok = unicode.IsLetter(prev) && unicode.IsLetter(next)
		default:
			ok = unicode.IsLower(prev) && unicode.IsUpper(next) && lowerRunBefore(text, i) >= 2
		}
		if ok {
			edits = append(edits, Edit{Offset: i, Glued: text[i : i+1], Repaired: text[i:i+1] + " ", Reason: "punct"})
		}
	}
	return edits
}

func isPunctEnd(r rune) bool {
	switch r {
	case ',', ';', ':', '.', '!', '?':
		return true
	}
	return false
}

// lowerRunBefore counts the letters of the word that ends at byte i, or 0
// when that word is part of a dotted or mixed-case name (a URL, "U.S").
func lowerRunBefore(text string, i int) int {
	n := 0
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsLetter(r) {
			if r == '.' || r == '/' || r == '@' {
				return 0
			}
			break
		}
		if !unicode.IsLower(r) && i-size > 0 {
			if p, _ := utf8.DecodeLastRuneInString(text[:i-size]); unicode.IsLetter(p) {
				return 0
			}
		}
		n++
		i -= size
	}
	return n
}

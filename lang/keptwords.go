package lang

import (
	"strings"
	"unicode/utf8"
)

// KeptWords counts the words of src of minLetters runes or more (white
// space separated, case ignored) and how many of them stand again, as they
// are, among the words of tgt. A translation keeps names, commands and
// numbers; the source left untranslated keeps nearly every word, even when
// a label inside it was translated ("See Сопровождение вашего открытого
// ключа for more information on maintaining your public key.").
func KeptWords(src, tgt string, minLetters int) (kept, words int) {
	in := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(tgt)) {
		in[w] = true
	}
	for _, w := range strings.Fields(strings.ToLower(src)) {
		if utf8.RuneCountInString(w) < minLetters {
			continue
		}
		words++
		if in[w] {
			kept++
		}
	}
	return kept, words
}

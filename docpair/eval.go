package docpair

import (
	"strings"
	"unicode"

	"github.com/paraline/paraline/lang"
)

// Figures are the precision, recall and F1 of predicted pairs against gold.
type Figures struct {
	// Gold, Pred and Correct count gold pairs, predicted pairs and
	// predicted pairs that are in the gold.
	Gold, Pred, Correct int
	// P, R and F1 are Correct/Pred, Correct/Gold and their harmonic mean
	// (0 when undefined).
	P, R, F1 float64
}

// Evaluate scores pred against gold: a predicted pair is correct when the
// gold holds the same (Src, Tgt). Repeated pairs count once.
func Evaluate(gold, pred []Pair) Figures {
	g := map[[2]string]bool{}
	for _, p := range gold {
		g[[2]string{p.Src, p.Tgt}] = true
	}
	seen := map[[2]string]bool{}
	f := Figures{Gold: len(g)}
	for _, p := range pred {
		k := [2]string{p.Src, p.Tgt}
		if seen[k] {
			continue
		}
		seen[k] = true
		f.Pred++
		if g[k] {
			f.Correct++
		}
	}
	if f.Pred > 0 {
		f.P = float64(f.Correct) / float64(f.Pred)
	}
	if f.Gold > 0 {
		f.R = float64(f.Correct) / float64(f.Gold)
	}
	if f.P+f.R > 0 {
		f.F1 = 2 * f.P * f.R / (f.P + f.R)
	}
	return f
}

// BlockTranslated reports whether tgt, the version in language tgtLang of a
// block of text (a paragraph, a heading, a list item) whose original in
// srcLang is src, is a translation of it rather than the original left as
// it was. It is the definition paragraph gold uses (paraline eval pair
// --sentences, scripts/covergap): a pair of an untranslated block is wrong,
// and its text is owed no pair.
//
// The two differ in more than quotes, dashes and spaces (their letters and
// digits, in lower case); and when the two languages are written in
// different scripts, the words tgt adds to src (those of tgt that are not
// words of src) hold a letter of tgtLang's script. A Russian page's
// paragraph left in English, even one that differs by a few words from the
// English page's current text (the English was edited after the
// translation), is not translated; a block whose only Russian is a label
// before a name ("Опция: Aptitude::CmdLine::...") or a translated
// placeholder is. Nor is a block whose target keeps nearly all the words of
// its source (see maxKeptWords): an English paragraph with a translated
// label inside.
func BlockTranslated(src, tgt, srcLang, tgtLang string) bool {
	if letterKey(src) == letterKey(tgt) {
		return false
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(src)) {
		words[w] = true
	}
	var added strings.Builder
	for _, w := range strings.Fields(strings.ToLower(tgt)) {
		if !words[w] {
			added.WriteString(w)
			added.WriteByte(' ')
		}
	}
	share, distinct := lang.ScriptShare(added.String(), tgtLang, srcLang)
	if !distinct {
		return true
	}
	return share > 0 && keptShare(src, tgt) < maxKeptWords
}

// maxKeptWords is the share of a block's source words (of 3 letters or
// more, minKeptWords of them at least) found again in its target side from
// which the block is the source left untranslated even though the target
// adds words in its own script: an English paragraph whose only Russian is
// a generated cross-reference label ("see АЛЬТЕРНАТИВА axi-cache", "See
// Сопровождение вашего открытого ключа for more information"). Edited
// English paragraphs keep 0.95 and more of their words; translated ones a
// few names and commands. On the dev sites' paragraph gold, bars of 0.8 to
// 0.95 move coverage by 0.01 at most; minKeptWords 4 or 6 changes one
// site's precision by 0.001.
const (
	maxKeptWords = 0.9
	minKeptWords = 4
)

// keptShare returns the share of the words of src of 3 letters or more
// that stand again in tgt (see lang.KeptWords), 0 when src has fewer than
// minKeptWords of them (a heading "5.1. README.Debian" translated
// "5.1. Файл README.Debian" keeps its one word).
func keptShare(src, tgt string) float64 {
	kept, n := lang.KeptWords(src, tgt, 3)
	if n < minKeptWords {
		return 0
	}
	return float64(kept) / float64(n)
}

// letterKey returns the letters and digits of s in lower case.
func letterKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kept is what a text keeps of another text's words (see KeptProse).
type Kept struct {
	// Words counts the words of the source.
	Words int
	// Kept counts the words of the source that stand again in the target
	// in the same order (a longest common subsequence of the two texts'
	// words).
	Kept int
	// Function counts the kept words that are function words of the
	// source's language ("the", "in", "can": its most frequent words of two
	// letters or more) and stand outside quotes in the target, not written
	// in capitals (a keyword: "ON CONFLICT DO NOTHING").
	Function int
	// Run is the length of the longest run of kept words that follow each
	// other in both texts: a phrase of the source kept whole.
	Run int
}

// KeptProse compares tgt with src, a text in language srcLang, word by
// word: words are white-space separated, in lower case, trimmed of the
// characters that are neither letters nor digits around them. A
// translation keeps names, commands, numbers and the titles it quotes; the
// source left untranslated, a label inside it translated ("More
// information can be found in Списки рассылки."), keeps most of its words
// in their order, in phrases, and with them its function words, outside
// quotes.
// Function words are known for the languages of the package's stop-word
// lists (en, ru); for another srcLang Function is 0. Texts whose word
// counts multiply to more than maxKeptCells are not compared: nothing is
// kept.
func KeptProse(src, tgt, srcLang string) Kept {
	s := proseWords(src)
	t := proseWords(tgt)
	k := Kept{Words: len(s)}
	if len(s) == 0 || len(t) == 0 || (len(s)+1)*(len(t)+1) > maxKeptCells {
		return k
	}
	// lcs[i][j] is the length of a longest common subsequence of s[i:]
	// and t[j:], in one slice of (len(s)+1)*(len(t)+1).
	w := len(t) + 1
	lcs := make([]int32, (len(s)+1)*w)
	for i := len(s) - 1; i >= 0; i-- {
		for j := len(t) - 1; j >= 0; j-- {
			switch {
			case s[i].text == t[j].text:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	run, lastI, lastJ := 0, -2, -2
	for i, j := 0, 0; i < len(s) && j < len(t); {
		switch {
		case s[i].text == t[j].text:
			k.Kept++
			if i == lastI+1 && j == lastJ+1 {
				run++
			} else {
				run = 1
			}
			k.Run = max(k.Run, run)
			lastI, lastJ = i, j
			if isFunctionWord(t[j], srcLang) {
				k.Function++
			}
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return k
}

// maxKeptCells bounds the table of KeptProse's comparison, one int32 a
// cell (64 MiB): two sentences of a line of a megabyte without a full
// stop would otherwise ask for tens of gigabytes. Not a tuned figure:
// the longest sentence of the dev sites' runs has under 200 words, and a
// sentence left untranslated is one of prose.
const maxKeptCells = 1 << 24

// proseWord is a word of a text as KeptProse compares it.
type proseWord struct {
	text   string
	quoted bool // it stands between quotes
	caps   bool // written in capitals, two letters or more
}

// proseWords splits s into words (see KeptProse), marking those that stand
// between quotes: « », “ ”, „ “, „ ”, and straight double quotes.
func proseWords(s string) []proseWord {
	var out []proseWord
	var open []rune // the quotes open, innermost last
	for _, f := range strings.Fields(s) {
		quoted := len(open) > 0
		seen := false // a letter or digit of f was read
		for _, r := range f {
			switch {
			case r == '«' || r == '„' || r == '“' && (len(open) == 0 || open[len(open)-1] != '„'):
				open = append(open, r)
			case r == '»' || r == '”' || r == '“' || r == '"' && len(open) > 0 && open[len(open)-1] == '"':
				if len(open) > 0 {
					open = open[:len(open)-1]
				}
			case r == '"':
				open = append(open, r)
			case !seen && (unicode.IsLetter(r) || unicode.IsDigit(r)):
				// A word opened by a quote ("«Buffers»") is quoted.
				quoted, seen = len(open) > 0, true
			}
		}
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			lw := strings.ToLower(w)
			out = append(out, proseWord{text: lw, quoted: quoted, caps: lw != w && strings.ToUpper(w) == w && utf8.RuneCountInString(w) >= 2})
		}
	}
	return out
}

// FunctionWords counts the words of s (as KeptProse splits it) that are
// function words of language l and stand outside quotes: at least
// KeptProse(src, s, l).Function for every src.
func FunctionWords(s, l string) int {
	n := 0
	for _, w := range proseWords(s) {
		if isFunctionWord(w, l) {
			n++
		}
	}
	return n
}

// isFunctionWord reports whether w, a word of a target text, counts as a
// function word of language l (see Kept.Function).
func isFunctionWord(w proseWord, l string) bool {
	return !w.quoted && !w.caps && stopWords[l][w.text] && utf8.RuneCountInString(w.text) >= 2
}

package align

import (
	"reflect"
	"testing"
	"unicode"
)

// token is a tok with its text, for tests.
type token struct {
	kind   tokKind
	text   string
	marked bool
	script script
}

// tokenize appends the tokens of s to dst.
func tokenize(dst []token, s string) []token {
	var x extractor
	x.lex(s)
	for _, t := range x.toks {
		dst = append(dst, token{kind: t.kind, text: string(x.text[t.off:t.end]), marked: t.marked, script: t.script})
	}
	return dst
}

// lookup is extractor.lookup for strings.
func lookup(m map[string][]uint64, w string, sc script) (string, []uint64) {
	var x extractor
	norm, keys := x.lookup(m, []byte(w), sc)
	return string(norm), keys
}

// TestRuneFastPaths checks the fast paths of the rune helpers against the
// unicode package over the Cyrillic block and beyond.
func TestRuneFastPaths(t *testing.T) {
	for r := rune(0); r < 0x3100; r++ {
		if got, want := lowerRune(r), unicode.ToLower(r); got != want {
			t.Errorf("lowerRune(%U) = %U, want %U", r, got, want)
		}
		if got, want := isUpperRune(r), unicode.IsUpper(r); got != want {
			t.Errorf("isUpperRune(%U) = %v, want %v", r, got, want)
		}
		if got, want := isSpace(r), unicode.IsSpace(r); got != want {
			t.Errorf("isSpace(%U) = %v, want %v", r, got, want)
		}
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
		if got := isWordRune(r); got != want {
			t.Errorf("isWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// lexBoth tokenises s with a fresh extractor and with one whose word cache
// is on and warm (s was seen before, with collisions in a tiny table), and
// returns the tokens with their texts.
func lexBoth(s string) (fresh, cached []tok, freshText, cachedText string) {
	var x extractor
	x.lex(s)
	y := extractor{words: make([]wordEntry, 4)}
	y.lex(s)
	y.lex(s)
	return x.toks, y.toks, string(x.text), string(y.text)
}

func TestWordCache(t *testing.T) {
	for _, s := range pairTexts(t) {
		a, b, ta, tb := lexBoth(s + " " + s)
		if !reflect.DeepEqual(a, b) || ta != tb {
			t.Errorf("%q: cached tokens differ:\n%v %q\n%v %q", s, a, ta, b, tb)
		}
	}
}

func FuzzWordCache(f *testing.F) {
	f.Add("Open the File FILE file Файл ФАЙЛ файл İstanbul K ǅemal x_1 the end.")
	f.Fuzz(func(t *testing.T, s string) {
		a, b, ta, tb := lexBoth(s)
		if !reflect.DeepEqual(a, b) || ta != tb {
			t.Errorf("%q: cached tokens differ:\n%v %q\n%v %q", s, a, ta, b, tb)
		}
	})
}

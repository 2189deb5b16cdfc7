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

// TestOneForm checks that what translators write differently without
// changing the meaning gives the same tokens, and that look-alikes do not.
func TestOneForm(t *testing.T) {
	same := func(a, b string) bool { return reflect.DeepEqual(tokenize(nil, a), tokenize(nil, b)) }
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"More than 3,000 volunteers", "More than 3000 volunteers", true},
		{"1 234 567 bytes", "1234567 bytes", true},
		{"1\u00a0234 bytes", "1'234 bytes", true},
		{"12,345,678 and 3.000", "12345678 and 3000", true},
		{"in %2$s at line %3$u", "in %s at line %u", true},
		{"files in <dir>", "files in <каталог>", true},
		{"files in <input_file>", "files in <входной-файл>", true},
		{"reply to <message-id>", "reply to <идентификатор-сообщения>", true},
		{"32-bit relocation", "32 bit relocation", true},
		{"a TAB-файл, USB-накопитель", "a TAB файл, USB накопитель", true},
		{"Unix-подобные системы", "Unix подобные системы", true},
		{"THIS OPTION CAN CAUSE DATA LOSS!", "this option can cause data loss!", true},
		{"ЭТА ОПЦИЯ МОЖЕТ ПРИВЕСТИ К ПОТЕРЕ", "эта опция может привести к потере", true},
		// look-alikes that stay apart
		{"version 1.5", "version 15", false},
		{"in 2019 200 people", "in 2019200 people", false},
		{"3,000x", "3000x", false},
		{"a <b>bold</b> word", "a <i>bold</i> word", false},
		{"x < y and y > z", "x <> z", false},
		{"x86-64", "x86 64", false},
		{"state-of-the-art", "state of the art", false},
		{"что-нибудь", "что нибудь", false},
		{"Use the URL of the NASA site", "use the url of the nasa site", false},
		{"NO WAY", "no way", false},
		{"%1$s", "%2$d", false},
	} {
		if got := same(c.a, c.b); got != c.same {
			t.Errorf("%q vs %q: same tokens = %v, want %v\n%v\n%v", c.a, c.b, got, c.same, tokenize(nil, c.a), tokenize(nil, c.b))
		}
	}
}

// TestOneFormScore checks that PairScore no longer penalises the forms of
// TestOneForm: the pair scores as its one-form version, within the
// length term.
func TestOneFormScore(t *testing.T) {
	s := NewScorer(nil, nil, nil)
	for _, c := range [][4]string{
		{"More than 3,000 volunteers took part.", "Более 3 000 добровольцев приняли участие.", "More than 3000 volunteers took part.", "Более 3000 добровольцев приняли участие."},
		{"store resulting files in <dir>", "сохранить файлы в <каталог>", "store resulting files in <>", "сохранить файлы в <>"},
		{"in %2$s at line %3$u", "в %s в строке %u", "in %s at line %u", "в %s в строке %u"},
		{"32-bit relocation", "32-битные перемещения", "32 bit relocation", "32 битные перемещения"},
		{"THIS OPTION CAN CAUSE DATA LOSS!", "Этот параметр может привести к потере данных!", "this option can cause data loss!", "Этот параметр может привести к потере данных!"},
	} {
		got, want := s.PairScore(c[0], c[1]), s.PairScore(c[2], c[3])
		if got < want-0.5 {
			t.Errorf("PairScore(%q, %q) = %.2f, one form %.2f", c[0], c[1], got, want)
		}
	}
}

package corpus

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The normalisation rules. Each rule is a Transformer that can be used alone;
// Normalizer chains them in the order Newline, Invisible, Control, Space,
// NFC. The order matters: CR is a control character, so newlines are handled
// before controls are removed, and NFC runs last so that removing a
// character between a letter and a combining mark still yields NFC text.
//
// Every Transformer passes invalid UTF-8 through unchanged; the decoder in
// front of them (DecodeNormalize) never produces any.

// NewlineNormalizer returns a Transformer that turns CR LF, a lone CR, VT,
// FF, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029)
// into LF.
func NewlineNormalizer() transform.Transformer { return newlineNormalizer{} }

// InvisibleRemover returns a Transformer that removes zero-width and other
// invisible format characters: soft hyphen U+00AD, U+180E, U+200B-U+200F
// (zero-width space, non-joiner, joiner, LRM, RLM), U+202A-U+202E (bidi
// embeddings), U+2060-U+2064 (word joiner, invisible operators),
// U+2066-U+206F (bidi isolates, deprecated format characters) and U+FEFF
// (byte order mark / zero-width no-break space).
func InvisibleRemover() transform.Transformer { return runeMapper(invisibleRule) }

// ControlRemover returns a Transformer that turns TAB into a space and
// removes the other control characters (Unicode category Cc: U+0000-U+001F,
// U+007F-U+009F) except LF. Run NewlineNormalizer first, or CR is removed.
func ControlRemover() transform.Transformer { return runeMapper(controlRule) }

// SpaceNormalizer returns a Transformer that turns every space separator
// (Unicode category Zs: no-break space U+00A0, U+1680, U+2000-U+200A, narrow
// no-break space U+202F, U+205F, ideographic space U+3000) into U+0020.
func SpaceNormalizer() transform.Transformer { return runeMapper(spaceRule) }

// NFC returns a Transformer to Unicode Normalization Form C (norm.NFC).
func NFC() transform.Transformer { return norm.NFC }

// Normalizer returns a fresh chain of all the rules: NewlineNormalizer,
// InvisibleRemover, ControlRemover, SpaceNormalizer and NFC. A chain holds
// state; use one per goroutine.
func Normalizer() transform.Transformer {
	return transform.Chain(NewlineNormalizer(), InvisibleRemover(), ControlRemover(), SpaceNormalizer(), NFC())
}

// NormalizeString decodes s as UTF-8 (invalid bytes become U+FFFD) and
// applies all the rules; it equals transform.String(Normalizer(), s) for
// valid UTF-8.
func NormalizeString(s string) string {
	text, _, _ := normalizeBytes([]byte(s), encoding{kind: encUTF8})
	text, _ = nfcWithMap(text)
	return text
}

// drop is returned by a rule for a character it removes.
const drop = -1

func invisibleRule(r rune) rune {
	if isInvisible(r) {
		return drop
	}
	return r
}

func controlRule(r rune) rune {
	switch {
	case r == '\t':
		return ' '
	case r == '\n':
		return r
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return drop
	}
	return r
}

func spaceRule(r rune) rune {
	if isSpace(r) {
		return ' '
	}
	return r
}

func isInvisible(r rune) bool {
	switch {
	case r < 0xad:
		return false
	case r == 0xad, r == 0x180e, r == 0xfeff:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x206f:
		return true
	}
	return false
}

// isSpace reports whether r is a space separator other than U+0020.
func isSpace(r rune) bool {
	switch {
	case r < 0xa0:
		return false
	case r == 0xa0:
		return true
	case r < 0x1680:
		return false
	}
	return unicode.Is(unicode.Zs, r)
}

// isNewlineRune reports whether r (other than CR, which needs a look ahead)
// becomes LF.
func isNewlineRune(r rune) bool {
	return r == '\n' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// cleanRule applies the per-character rules (all but newlines and NFC): it
// returns the replacement of r or drop.
func cleanRule(r rune) rune {
	if r < 0xa0 {
		return controlRule(r)
	}
	if isInvisible(r) {
		return drop
	}
	if isSpace(r) {
		return ' '
	}
	return r
}

// runeMapper is a Transformer that maps every valid character through a rule
// (drop removes it) and copies invalid bytes unchanged.
type runeMapper func(rune) rune

// Reset implements transform.Transformer; a runeMapper has no state.
func (runeMapper) Reset() {}

// Transform implements transform.Transformer.
func (f runeMapper) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRune(src[nSrc:])
			if r == utf8.RuneError && size == 1 {
				if !atEOF && !utf8.FullRune(src[nSrc:]) {
					return nDst, nSrc, transform.ErrShortSrc
				}
				if nDst >= len(dst) {
					return nDst, nSrc, transform.ErrShortDst
				}
				dst[nDst] = c
				nDst++
				nSrc++
				continue
			}
		}
		out := f(r)
		switch {
		case out == drop:
		case out == r:
			if nDst+size > len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			copy(dst[nDst:], src[nSrc:nSrc+size])
			nDst += size
		default:
			if nDst+utf8.RuneLen(out) > len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			nDst += utf8.EncodeRune(dst[nDst:], out)
		}
		nSrc += size
	}
	return nDst, nSrc, nil
}

// newlineNormalizer implements NewlineNormalizer.
type newlineNormalizer struct{}

// Reset implements transform.Transformer; the normaliser has no state.
func (newlineNormalizer) Reset() {}

// Transform implements transform.Transformer.
func (newlineNormalizer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		n := 0 // source bytes that become one LF; 0: copy c
		switch c {
		case '\r':
			switch {
			case nSrc+1 < len(src):
				n = 1
				if src[nSrc+1] == '\n' {
					n = 2
				}
			case atEOF:
				n = 1
			default:
				return nDst, nSrc, transform.ErrShortSrc
			}
		case '\v', '\f':
			n = 1
		case 0xc2: // NEL is C2 85
			switch {
			case nSrc+1 < len(src):
				if src[nSrc+1] == 0x85 {
					n = 2
				}
			case !atEOF:
				return nDst, nSrc, transform.ErrShortSrc
			}
		case 0xe2: // LS and PS are E2 80 A8 and E2 80 A9
			rest := src[nSrc:]
			switch {
			case len(rest) >= 3:
				if rest[1] == 0x80 && (rest[2] == 0xa8 || rest[2] == 0xa9) {
					n = 3
				}
			case !atEOF && (len(rest) == 1 || rest[1] == 0x80):
				return nDst, nSrc, transform.ErrShortSrc
			}
		}
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		if n == 0 {
			dst[nDst] = c
			nSrc++
		} else {
			dst[nDst] = '\n'
			nSrc += n
		}
		nDst++
	}
	return nDst, nSrc, nil
}

package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// OneLine returns s made to fit on one line of a Moses-format file (one
// CheckLine accepts): each run of white space and control characters (line
// breaks, tabs, NEL, LINE and PARAGRAPH SEPARATOR, other C0 and C1
// controls, the noncharacters U+FFFE and U+FFFF) becomes one space, the
// ends are trimmed, and invalid UTF-8 becomes U+FFFD. A string that needs
// none of this is returned unchanged, without allocating.
func OneLine(s string) string {
	if fitsOneLine(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s { // invalid UTF-8 arrives as utf8.RuneError
		if breaksLine(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// breaksLine reports whether r is white space or a character a line must
// not hold.
func breaksLine(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == 0x2028 || r == 0x2029 || r == 0xfffe || r == 0xffff
}

// fitsOneLine reports whether OneLine(s) == s.
func fitsOneLine(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c < 0x20 || c == 0x7f:
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || breaksLine(r) {
			return false
		}
		prevSpace = false
		i += size
	}
	return !prevSpace || s == ""
}

package align

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token of a sentence.
type tokKind uint8

const (
	tkWord        tokKind = iota // letters (and digits) of one script
	tkNumber                     // a run of digits
	tkPlaceholder                // %s, %1$d, {0}, $VAR, ${VAR}
	tkTag                        // <b>, </a>, <br/> (the tag name)
	tkURL                        // scheme://..., www.…, e-mail addresses
	tkPath                       // /usr/share/…, ~/.config
	tkOption                     // --force, -v
	tkPunct                      // punctuation that survives translation
	tkEnd                        // the sentence-final punctuation class
)

// token is one unit of a sentence for lexical evidence.
type token struct {
	kind tokKind
	text string // lower-cased for words; normalised for the other kinds
	// marked is set on words that are likely copied verbatim by a
	// translator: identifiers with digits or underscores, mixed or upper
	// case words, and words in a script other than the sentence's.
	marked bool
	script script
}

// script is the writing system of a word.
type script uint8

const (
	scOther script = iota
	scLatin
	scCyrillic
)

func runeScript(r rune) script {
	switch {
	case r < 0x80:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return scLatin
		}
		return scOther
	case unicode.Is(unicode.Cyrillic, r):
		return scCyrillic
	case unicode.Is(unicode.Latin, r):
		return scLatin
	}
	return scOther
}

// punctClass maps punctuation runes that tend to survive translation to a
// canonical form; quotes of every style become one class.
func punctClass(r rune) (string, bool) {
	switch r {
	case '?', '!', ':', ';', '(', ')', '[', ']', '=', '|', '*', '+', '#', '@', '&', '/', '\\', '>', '<', '~', '^':
		return string(r), true
	case '"', '\'', '`', '«', '»', '„', '“', '”', '‘', '’', '‹', '›':
		return "\"", true
	case '…':
		return "...", true
	}
	return "", false
}

// isWordRune reports whether r continues a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}

// tokenize appends the tokens of s to dst.
func tokenize(dst []token, s string) []token {
	start := len(dst)
	var lat, cyr int
	i := 0
	prevSpace := true
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += w
			prevSpace = true
			continue
		}
		atStart := prevSpace
		prevSpace = false
		switch {
		case r == '%':
			if n := printfLen(s[i:]); n > 0 {
				dst = append(dst, token{kind: tkPlaceholder, text: s[i : i+n]})
				i += n
				continue
			}
		case r == '{':
			if j := strings.IndexByte(s[i:], '}'); j > 1 && j <= 32 && isIdent(s[i+1:i+j], ":.,-") {
				dst = append(dst, token{kind: tkPlaceholder, text: s[i : i+j+1]})
				i += j + 1
				continue
			}
		case r == '$':
			if n := varLen(s[i:]); n > 0 {
				dst = append(dst, token{kind: tkPlaceholder, text: s[i : i+n]})
				i += n
				continue
			}
		case r == '<':
			if name, n := tagLen(s[i:]); n > 0 {
				dst = append(dst, token{kind: tkTag, text: name})
				i += n
				continue
			}
		case r == '-' && atStart:
			if n := optionLen(s[i:]); n > 0 {
				dst = append(dst, token{kind: tkOption, text: s[i : i+n]})
				i += n
				continue
			}
		case (r == '/' || r == '~') && atStart:
			if n := pathLen(s[i:]); n > 0 {
				dst = append(dst, token{kind: tkPath, text: s[i : i+n]})
				i += n
				continue
			}
		}
		if isWordRune(r) {
			n := wordLen(s[i:])
			word := s[i : i+n]
			if u := urlLen(s[i:]); u > n {
				dst = append(dst, token{kind: tkURL, text: strings.ToLower(s[i : i+u])})
				i += u
				continue
			}
			dst = appendWord(dst, word, &lat, &cyr)
			i += n
			continue
		}
		if p, ok := punctClass(r); ok {
			dst = append(dst, token{kind: tkPunct, text: p})
		} else if r == '.' && strings.HasPrefix(s[i:], "...") {
			dst = append(dst, token{kind: tkPunct, text: "..."})
			w = 3
		}
		i += w
	}
	if e := endClass(s); e != "" {
		dst = append(dst, token{kind: tkEnd, text: e})
	}
	// Mark words written in the minority script of the sentence.
	main := scLatin
	if cyr > lat {
		main = scCyrillic
	}
	for k := start; k < len(dst); k++ {
		if dst[k].kind == tkWord && dst[k].script != main && dst[k].script != scOther {
			dst[k].marked = true
		}
	}
	return dst
}

// appendWord splits a word into number and letter runs and appends them.
func appendWord(dst []token, word string, lat, cyr *int) []token {
	hasDigit, hasLetter, hasUnder := false, false, false
	upper, lowerAfterUpper, upperAfterLower := 0, false, false
	var sc script
	prevUpper, prevLower := false, false
	n := 0
	for _, r := range word {
		n++
		switch {
		case unicode.IsDigit(r):
			hasDigit = true
		case r == '_':
			hasUnder = true
		case unicode.IsLetter(r):
			hasLetter = true
			if s := runeScript(r); s != scOther {
				sc = s
			}
			if unicode.IsUpper(r) {
				upper++
				if prevLower {
					upperAfterLower = true
				}
				prevUpper, prevLower = true, false
			} else {
				if prevUpper && upper > 1 {
					lowerAfterUpper = true
				}
				prevUpper, prevLower = false, true
			}
		}
	}
	if !hasLetter {
		// A pure number: each digit run is one token, so "1,5" and "1.5"
		// and "10 000" vs "10,000" still share their parts.
		for _, part := range strings.FieldsFunc(word, func(r rune) bool { return !unicode.IsDigit(r) }) {
			dst = append(dst, token{kind: tkNumber, text: strings.TrimLeft(part, "0")})
		}
		return dst
	}
	switch sc {
	case scLatin:
		*lat += n
	case scCyrillic:
		*cyr += n
	}
	marked := hasDigit || hasUnder || upperAfterLower || lowerAfterUpper || (upper == n && n >= 2)
	return append(dst, token{kind: tkWord, text: strings.ToLower(word), marked: marked, script: sc})
}

// endClass returns the class of the final punctuation of s, or "".
func endClass(s string) string {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'`»”’)]", r)
	})
	switch {
	case strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…"):
		return "..."
	case s == "":
		return ""
	}
	switch s[len(s)-1] {
	case '.', ':', '?', '!', ';':
		return s[len(s)-1:]
	}
	return "none"
}

// wordLen returns the byte length of the word at the start of s: word runes,
// joined by single '.', '-', '\” or '’' between word runes.
func wordLen(s string) int {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			i += w
			continue
		}
		if (r == '-' || r == '.' || r == '\'' || r == '’') && i > 0 {
			r2, _ := utf8.DecodeRuneInString(s[i+w:])
			if isWordRune(r2) {
				i += w
				continue
			}
		}
		break
	}
	return i
}

// urlLen returns the length of a URL or e-mail address at the start of s, or 0.
func urlLen(s string) int {
	ls := strings.ToLower(s[:min(len(s), 12)])
	isURL := false
	for _, p := range []string{"http://", "https://", "ftp://", "file://", "www."} {
		if strings.HasPrefix(ls, p) {
			isURL = true
		}
	}
	end := strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '«' || r == '»' || r == '<' || r == '>'
	})
	if end < 0 {
		end = len(s)
	}
	if !isURL {
		at := strings.IndexByte(s[:end], '@')
		if at <= 0 || !strings.Contains(s[at:end], ".") {
			return 0
		}
	}
	return len(strings.TrimRight(s[:end], ".,;:!?)'"))
}

// printfLen returns the length of a printf directive at the start of s
// ("%s", "%-10.3lf", "%1$d", "%%"), or 0.
func printfLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	if s[1] == '%' {
		return 2
	}
	i := 1
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i < len(s) && s[i] == '$' {
		i++
	} else {
		i = 1
	}
	for i < len(s) && strings.IndexByte("-+ #0'", s[i]) >= 0 {
		i++
	}
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '*') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '*') {
			i++
		}
	}
	for i < len(s) && strings.IndexByte("hlLqjzt", s[i]) >= 0 {
		i++
	}
	if i < len(s) && strings.IndexByte("diouxXeEfFgGaAcsSpnm", s[i]) >= 0 {
		// "%d" must not be the start of a word such as "%done".
		if i+1 < len(s) && (s[i+1] >= 'a' && s[i+1] <= 'z') && i == 1 {
			return 0
		}
		return i + 1
	}
	if strings.HasPrefix(s[i:], "<PRI") {
		if j := strings.IndexByte(s[i:], '>'); j > 0 {
			return i + j + 1
		}
	}
	return 0
}

// varLen returns the length of a shell-style variable ($HOME, ${x}) at the start of s, or 0.
func varLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	if s[1] == '{' {
		if j := strings.IndexByte(s, '}'); j > 2 && isIdent(s[2:j], "") {
			return j + 1
		}
		return 0
	}
	i := 1
	for i < len(s) && (s[i] == '_' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z' || i > 1 && s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i == 1 {
		return 0
	}
	return i
}

// tagLen returns the lower-case name and length of an XML/HTML tag at the start of s.
func tagLen(s string) (string, int) {
	j := strings.IndexByte(s, '>')
	if j < 2 || j > 80 {
		return "", 0
	}
	body := s[1:j]
	closing := strings.HasPrefix(body, "/")
	body = strings.TrimPrefix(body, "/")
	n := 0
	for n < len(body) && (body[n] >= 'a' && body[n] <= 'z' || body[n] >= 'A' && body[n] <= 'Z' || n > 0 && (body[n] >= '0' && body[n] <= '9' || body[n] == '-' || body[n] == ':')) {
		n++
	}
	if n == 0 || n < len(body) && body[n] != ' ' && body[n] != '/' {
		return "", 0
	}
	name := strings.ToLower(body[:n])
	if closing {
		name = "/" + name
	}
	return name, j + 1
}

// optionLen returns the length of a command-line option (-v, --force) at the start of s, or 0.
func optionLen(s string) int {
	i := 1
	if len(s) > 1 && s[1] == '-' {
		i = 2
	}
	j := i
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || j > i && (s[j] == '-' || s[j] == '_')) {
		j++
	}
	if j == i {
		return 0
	}
	return j
}

// pathLen returns the length of a file path (/usr/bin, ~/.config) at the start of s, or 0.
func pathLen(s string) int {
	end := strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'`«»“”<>,;()", r)
	})
	if end < 0 {
		end = len(s)
	}
	p := strings.TrimRight(s[:end], ".:!?")
	if len(p) < 3 || !strings.ContainsAny(p[1:], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") {
		return 0
	}
	return len(p)
}

// isIdent reports whether s is made of ASCII letters, digits, '_' and the runes of extra.
func isIdent(s, extra string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(extra, r)) {
			return false
		}
	}
	return s != ""
}

// translit maps Cyrillic letters to Latin spellings chosen to be close to
// the English spelling of borrowed words (ц -> c, х -> h), for cognates.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "ch", 'ш': "sh", 'щ': "sh",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'і': "i", 'ї': "i", 'є': "e", 'ґ': "g", 'ў': "u",
}

// cognateKeyLen is the number of phonetic-key letters two words must share
// at their start to count as cognates.
const cognateKeyLen = 5

// cognateKey returns a spelling-neutral key of a lower-case word (Cyrillic
// is transliterated first) for cognate matching, or "" for short words.
func cognateKey(w string, sc script) string {
	var b strings.Builder
	if sc == scCyrillic {
		for _, r := range w {
			if t, ok := translit[r]; ok {
				b.WriteString(t)
			} else if r < 0x80 {
				b.WriteRune(r)
			}
		}
		w = b.String()
		b.Reset()
	}
	var prev byte
	for i := 0; i < len(w) && b.Len() < cognateKeyLen; i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'p' && next == 'h':
			c = 'f'
			i++
		case (c == 't' || c == 'c' || c == 'k' || c == 'g' || c == 's' || c == 'z') && next == 'h':
			// th, ch, kh, gh, sh, zh: keep the first letter only
			i++
			if c == 'c' {
				c = 'h'
			}
		case c == 'c' || c == 'q':
			c = 'k'
		case c == 'x':
			c = 'k'
		case c == 'w':
			c = 'v'
		case c == 'y' || c == 'j':
			c = 'i'
		}
		if c < 'a' || c > 'z' || c == prev {
			continue
		}
		b.WriteByte(c)
		prev = c
	}
	if b.Len() < cognateKeyLen {
		return ""
	}
	return b.String()
}

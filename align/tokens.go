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

// tok is one unit of a sentence for lexical evidence. Its text, lower-cased
// for words and URLs and normalised for the other kinds, is
// extractor.text[off:end].
type tok struct {
	off, end int32
	// key is the feature key of the token (featKey of its kind's tag and
	// its text); cog that of the cognate key of a word, when hasCog.
	key, cog uint64
	hasCog   bool
	kind     tokKind
	// marked is set on words that are likely copied verbatim by a
	// translator: identifiers with digits or underscores, mixed or upper
	// case words, and words in a script other than the sentence's.
	marked bool
	// caps is set on words of capital letters only ("GNU", "ФАЙЛ", "К"):
	// PairScore pairs those of the two scripts (see compTok)
	caps   bool
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
	case 0x400 <= r && r <= 0x45f, unicode.Is(unicode.Cyrillic, r):
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
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	case 0x400 <= r && r <= 0x45f: // basic Cyrillic letters
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isSpace is unicode.IsSpace with an ASCII fast path.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || '\t' <= r && r <= '\r'
	case r < 0x1680:
		return r == 0x85 || r == 0xa0
	}
	return unicode.IsSpace(r)
}

// lowerRune is unicode.ToLower with fast paths for ASCII and basic Cyrillic.
func lowerRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case 0x410 <= r && r <= 0x42f: // А-Я
		return r + 0x20
	case 0x400 <= r && r <= 0x40f: // Ѐ-Џ
		return r + 0x50
	case 0x430 <= r && r <= 0x45f: // а-я, ѐ-џ
		return r
	}
	return unicode.ToLower(r)
}

// isUpperRune is unicode.IsUpper with a fast path for basic Cyrillic.
func isUpperRune(r rune) bool {
	switch {
	case 0x400 <= r && r <= 0x42f:
		return true
	case 0x430 <= r && r <= 0x45f:
		return false
	}
	return unicode.IsUpper(r)
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with an ASCII fast path.
func decodeRune(s string, i int) (rune, int) {
	if i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			return rune(c), 1
		}
		// two-byte sequences of the Cyrillic block
		if (c == 0xd0 || c == 0xd1) && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			return rune(c&0x1f)<<6 | rune(s[i+1]&0x3f), 2
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// lex tokenises s into x.toks, the token texts going to x.text; both are
// reset first.
func (x *extractor) lex(s string) {
	x.toks, x.text = x.toks[:0], x.text[:0]
	if capitalsOnly(s) {
		// A sentence in capitals only: its words are not acronyms.
		s = strings.ToLower(s)
	}
	var lat, cyr int
	i := 0
	prevSpace := true
	for i < len(s) {
		r, w := decodeRune(s, i)
		if isSpace(r) {
			i += w
			prevSpace = true
			continue
		}
		atStart := prevSpace
		prevSpace = false
		switch {
		case r == '%':
			if n := printfLen(s[i:]); n > 0 {
				x.add(tkPlaceholder, printfForm(s[i:i+n]))
				i += n
				continue
			}
		case r == '{':
			if j := strings.IndexByte(s[i:min(len(s), i+33)], '}'); j > 1 && isIdent(s[i+1:i+j], ":.,-") {
				x.add(tkPlaceholder, s[i:i+j+1])
				i += j + 1
				continue
			}
		case r == '$':
			if n := varLen(s[i:]); n > 0 {
				x.add(tkPlaceholder, s[i:i+n])
				i += n
				continue
			}
		case r == '<':
			if name, closing, n := tagLen(s[i:]); n > 0 && (closing || isMarkup(s[i:], name, n)) {
				off := len(x.text)
				if closing {
					x.text = append(x.text, '/')
				}
				for k := 0; k < len(name); k++ {
					c := name[k]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					x.text = append(x.text, c)
				}
				x.push(tkTag, off)
				i += n
				continue
			}
			if n := placeholderLen(s[i:]); n > 0 {
				// A placeholder whose word the translator may have
				// translated ("<dir>", "<каталог>"): one form.
				x.add(tkPlaceholder, "<>")
				i += n
				continue
			}
		case r == '-' && atStart:
			if n := optionLen(s[i:]); n > 0 {
				x.add(tkOption, s[i:i+n])
				i += n
				continue
			}
		case (r == '/' || r == '~') && atStart:
			if n := pathLen(s[i:]); n > 0 {
				x.add(tkPath, s[i:i+n])
				i += n
				continue
			}
		}
		if '0' <= r && r <= '9' {
			if n := groupedLen(s[i:]); n > 0 {
				// "3,000", "3 000", "3.000": one number, as "3000".
				x.addGrouped(s[i : i+n])
				i += n
				continue
			}
		}
		if isWordRune(r) {
			n := wordLen(s[i:])
			// "32-bit", "32-битный", "TAB-файл": a number or a word of
			// one script apart from the word of another it is
			// hyphenated to.
			n = hyphenCutLen(s[i:i+n], n)
			if u := urlLen(s[i:], n); u > n {
				x.addLower(tkURL, s[i:i+u])
				i += u
				continue
			}
			x.addWord(s[i:i+n], &lat, &cyr)
			i += n
			continue
		}
		if p, ok := punctClass(r); ok {
			x.add(tkPunct, p)
		} else if r == '.' && strings.HasPrefix(s[i:], "...") {
			x.add(tkPunct, "...")
			w = 3
		}
		i += w
	}
	if e := endClass(s); e != "" {
		x.add(tkEnd, e)
	}
	// Mark words written in the minority script of the sentence.
	main := scLatin
	if cyr > lat {
		main = scCyrillic
	}
	for k := range x.toks {
		if t := &x.toks[k]; t.kind == tkWord && t.script != main && t.script != scOther {
			t.marked = true
		}
	}
}

// add appends a token of the given kind and text.
func (x *extractor) add(kind tokKind, text string) {
	off := len(x.text)
	x.text = append(x.text, text...)
	x.push(kind, off)
}

// addLower appends a token of the given kind with text lower-cased as
// strings.ToLower does.
func (x *extractor) addLower(kind tokKind, text string) {
	off := len(x.text)
	ascii := true
	for k := 0; k < len(text); k++ {
		c := text[k]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for k := 0; k < len(text); k++ {
			c := text[k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			x.text = append(x.text, c)
		}
	} else {
		x.text = append(x.text, strings.ToLower(text)...)
	}
	x.push(kind, off)
}

// push appends the token of the given kind whose text is x.text[off:].
func (x *extractor) push(kind tokKind, off int) {
	x.toks = append(x.toks, tok{off: int32(off), end: int32(len(x.text)), kind: kind, key: featKey(kindTag(kind), x.text[off:])})
}

// kindTag returns the feature tag of the tokens of kind k.
func kindTag(k tokKind) byte {
	switch k {
	case tkNumber:
		return 'n'
	case tkPlaceholder, tkTag, tkURL, tkPath, tkOption:
		return 'p'
	case tkPunct:
		return '.'
	case tkEnd:
		return 'e'
	}
	return 'w'
}

// The word cache of an extractor: wordSlots entries (a power of two; fewer
// when extractor.slots says so) of words up to wordCacheMax bytes, made
// once wordCacheAfter words were seen.
const (
	wordSlots      = 16384
	wordCacheMax   = 44
	wordCacheAfter = 512
)

// wordEntry is a word of the cache (64 bytes, one cache line): its text as
// written and its token's features.
type wordEntry struct {
	key, cog uint64 // see tok
	rawLen   uint8
	runes    uint8
	script   script
	flags    uint8 // wordMarked, wordHasCog, wordLower
	raw      [wordCacheMax]byte
}

// Flags of a wordEntry.
const (
	wordMarked = 1 << iota // tok.marked
	wordHasCog             // tok.hasCog
	wordLower              // the word is its own lower-case form
	wordCaps               // tok.caps
)

// addWord splits a word into number and letter runs and appends them.
// Words with letters go through the word cache: a word's tokens depend on
// nothing else.
func (x *extractor) addWord(word string, lat, cyr *int) {
	var e *wordEntry
	if x.words == nil {
		if x.nwords++; x.nwords > wordCacheAfter {
			n := wordSlots
			if x.slots > 0 {
				n = min(n, x.slots)
			}
			x.words = make([]wordEntry, n)
		}
	} else if len(word) <= wordCacheMax {
		e = &x.words[wordHash(word)&uint64(len(x.words)-1)]
		if e.rawLen > 0 && string(e.raw[:e.rawLen]) == word {
			off := len(x.text)
			if e.flags&wordLower != 0 {
				x.text = append(x.text, word...)
			} else {
				x.appendLower(word)
			}
			x.toks = append(x.toks, tok{off: int32(off), end: int32(len(x.text)), key: e.key, cog: e.cog,
				hasCog: e.flags&wordHasCog != 0, kind: tkWord, marked: e.flags&wordMarked != 0, caps: e.flags&wordCaps != 0, script: e.script})
			x.countScript(e.script, int(e.runes), lat, cyr)
			return
		}
	}
	off := len(x.text)
	hasDigit, hasLetter, hasUnder := false, false, false
	upper, lowerAfterUpper, upperAfterLower := 0, false, false
	var sc script
	prevUpper, prevLower := false, false
	n := 0
	letter := func(up bool) {
		hasLetter = true
		if up {
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
	for k := 0; k < len(word); {
		n++
		if c := word[k]; c < utf8.RuneSelf {
			k++
			switch {
			case '0' <= c && c <= '9':
				hasDigit = true
			case c == '_':
				hasUnder = true
			case 'a' <= c && c <= 'z':
				sc = scLatin
				letter(false)
			case 'A' <= c && c <= 'Z':
				sc = scLatin
				letter(true)
				c += 'a' - 'A'
			}
			x.text = append(x.text, c)
			continue
		}
		r, w := decodeRune(word, k)
		k += w
		switch {
		case 0x400 <= r && r <= 0x45f:
			sc = scCyrillic
			letter(isUpperRune(r))
		case unicode.IsDigit(r):
			hasDigit = true
		case unicode.IsLetter(r):
			if s := runeScript(r); s != scOther {
				sc = s
			}
			letter(isUpperRune(r))
		}
		if l := lowerRune(r); 0x80 <= l && l < 0x800 {
			x.text = append(x.text, 0xc0|byte(l>>6), 0x80|byte(l)&0x3f)
		} else {
			x.text = utf8.AppendRune(x.text, l)
		}
	}
	if !hasLetter {
		// A pure number: each digit run is one token, so "1,5" and "1.5"
		// and "10 000" vs "10,000" still share their parts.
		x.text = x.text[:off]
		start := -1
		for k := 0; k <= len(word); {
			digit, w := false, 1
			if k < len(word) {
				var r rune
				r, w = decodeRune(word, k)
				digit = '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r)
			}
			switch {
			case digit && start < 0:
				start = k
			case !digit && start >= 0:
				x.add(tkNumber, strings.TrimLeft(word[start:k], "0"))
				start = -1
			}
			k += w
		}
		return
	}
	x.countScript(sc, n, lat, cyr)
	marked := hasDigit || hasUnder || upperAfterLower || lowerAfterUpper || (upper == n && n >= 2)
	low := x.text[off:]
	t := tok{off: int32(off), end: int32(len(x.text)), kind: tkWord, marked: marked, caps: upper == n, script: sc, key: featKey('w', low)}
	if x.cog, x.tmp = appendCognateKey(x.cog[:0], x.tmp, low, sc); len(x.cog) > 0 {
		t.cog, t.hasCog = featKey('c', x.cog), true
	}
	x.toks = append(x.toks, t)
	if e != nil {
		*e = wordEntry{key: t.key, cog: t.cog, rawLen: uint8(len(word)), runes: uint8(n), script: sc}
		copy(e.raw[:], word)
		if t.marked {
			e.flags |= wordMarked
		}
		if t.hasCog {
			e.flags |= wordHasCog
		}
		if t.caps {
			e.flags |= wordCaps
		}
		if string(low) == word {
			e.flags |= wordLower
		}
	}
}

// appendLower appends word lower-cased, as strings.ToLower does for valid
// UTF-8 text, to x.text.
func (x *extractor) appendLower(word string) {
	for k := 0; k < len(word); {
		if c := word[k]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			x.text = append(x.text, c)
			k++
			continue
		}
		r, w := decodeRune(word, k)
		k += w
		if l := lowerRune(r); 0x80 <= l && l < 0x800 {
			x.text = append(x.text, 0xc0|byte(l>>6), 0x80|byte(l)&0x3f)
		} else {
			x.text = utf8.AppendRune(x.text, l)
		}
	}
}

// wordHash returns the hash of word w that picks its word cache slot.
func wordHash(w string) uint64 {
	h := uint64(len(w))
	if len(w) >= 8 {
		h ^= load64(w) ^ load64(w[len(w)-8:])*0x9e3779b97f4a7c15
	} else {
		for i := 0; i < len(w); i++ {
			h = h<<8 | uint64(w[i])
		}
	}
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return h >> 32
}

// load64 returns the first eight bytes of s as a little-endian number.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// countScript adds the n runes of a word of script sc to the counts.
func (x *extractor) countScript(sc script, n int, lat, cyr *int) {
	switch sc {
	case scLatin:
		*lat += n
	case scCyrillic:
		*cyr += n
	}
}

// endClass returns the class of the final punctuation of s, or "".
func endClass(s string) string {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return isSpace(r) || strings.ContainsRune("\"'`»”’)]", r)
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
		// fast paths: ASCII word bytes and the Cyrillic letters U+0400-U+047F
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' {
				i++
				continue
			}
		} else if (c == 0xd0 || c == 0xd1) && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
			i += 2
			continue
		}
		r, w := decodeRune(s, i)
		if isWordRune(r) {
			i += w
			continue
		}
		if (r == '-' || r == '.' || r == '\'' || r == '’') && i > 0 && i+w < len(s) {
			if r2, _ := decodeRune(s, i+w); isWordRune(r2) {
				i += w
				continue
			}
		}
		break
	}
	return i
}

// urlLen returns the length of a URL or e-mail address at the start of s,
// or 0; the word at the start of s is n bytes long (its runes are not
// spaces, quotes or '@', so the search for the end starts after it).
func urlLen(s string, n int) int {
	isURL := false
	// Every prefix starts with h, f or w; lower-casing maps runes one by one.
	c0 := byte(0)
	switch r0, _ := decodeRune(s, 0); {
	case r0 < utf8.RuneSelf:
		c0 = byte(r0) | 0x20
	case r0 >= 0x400 && r0 <= 0x47f: // Cyrillic
	default:
		if l := lowerRune(r0); l < utf8.RuneSelf {
			c0 = byte(l)
		}
	}
	if c0 == 'h' || c0 == 'f' || c0 == 'w' {
		ascii := true
		for k := 0; k < min(len(s), 8); k++ {
			if s[k] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		for _, p := range [...]string{"http://", "https://", "ftp://", "file://", "www."} {
			if ascii && len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) ||
				!ascii && strings.HasPrefix(strings.ToLower(s[:min(len(s), 12)]), p) {
				isURL = true
			}
		}
	}
	end, at := len(s), -1
	for k := n; k < len(s); {
		c := s[k]
		if c < utf8.RuneSelf {
			if c == ' ' || '\t' <= c && c <= '\r' || c == '"' || c == '<' || c == '>' {
				end = k
				break
			}
			if c == '@' && at < 0 {
				at = k
			}
			k++
			continue
		}
		r, w := decodeRune(s, k)
		if isSpace(r) || r == '«' || r == '»' {
			end = k
			break
		}
		k += w
	}
	if !isURL && (at <= 0 || strings.IndexByte(s[at:end], '.') < 0) {
		return 0
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

// tagLen returns the name (as written), whether it closes and the length
// of an XML/HTML tag at the start of s.
func tagLen(s string) (string, bool, int) {
	j := strings.IndexByte(s[:min(len(s), 81)], '>')
	if j < 2 {
		return "", false, 0
	}
	body := s[1:j]
	closing := strings.HasPrefix(body, "/")
	body = strings.TrimPrefix(body, "/")
	n := 0
	for n < len(body) && (body[n] >= 'a' && body[n] <= 'z' || body[n] >= 'A' && body[n] <= 'Z' || n > 0 && (body[n] >= '0' && body[n] <= '9' || body[n] == '-' || body[n] == ':')) {
		n++
	}
	if n == 0 || n < len(body) && body[n] != ' ' && body[n] != '/' {
		return "", false, 0
	}
	return body[:n], closing, j + 1
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

// translit returns the Latin spelling of a lower-case Cyrillic letter,
// chosen to be close to the English spelling of borrowed words (ц -> c,
// х -> h), for cognates; ok is false for other runes.
func translit(r rune) (string, bool) {
	switch r {
	case 'а':
		return "a", true
	case 'б':
		return "b", true
	case 'в':
		return "v", true
	case 'г', 'ґ':
		return "g", true
	case 'д':
		return "d", true
	case 'е', 'ё', 'э', 'є':
		return "e", true
	case 'ж':
		return "zh", true
	case 'з':
		return "z", true
	case 'и', 'й', 'і', 'ї':
		return "i", true
	case 'к':
		return "k", true
	case 'л':
		return "l", true
	case 'м':
		return "m", true
	case 'н':
		return "n", true
	case 'о':
		return "o", true
	case 'п':
		return "p", true
	case 'р':
		return "r", true
	case 'с':
		return "s", true
	case 'т':
		return "t", true
	case 'у', 'ў':
		return "u", true
	case 'ф':
		return "f", true
	case 'х':
		return "h", true
	case 'ц':
		return "c", true
	case 'ч':
		return "ch", true
	case 'ш', 'щ':
		return "sh", true
	case 'ъ', 'ь':
		return "", true
	case 'ы':
		return "y", true
	case 'ю':
		return "yu", true
	case 'я':
		return "ya", true
	}
	return "", false
}

// cognateKeyLen is the number of phonetic-key letters two words must share
// at their start to count as cognates.
const cognateKeyLen = 5

// cognateKey returns a spelling-neutral key of a lower-case word (Cyrillic
// is transliterated first) for cognate matching, or "" for short words.
func cognateKey(w string, sc script) string {
	key, _ := appendCognateKey(nil, nil, []byte(w), sc)
	return string(key)
}

// appendCognateKey appends the cognate key of w to dst (nothing for short
// words); tmp is scratch space for the transliteration, returned for reuse.
func appendCognateKey(dst, tmp, w []byte, sc script) ([]byte, []byte) {
	// src is w, transliterated when Cyrillic; it is made as far as the
	// key needs: up to byte need, as long as w has more.
	src, k := w, 0
	fill := func(int) {}
	if sc == scCyrillic {
		src = tmp[:0]
		fill = func(need int) {
			for len(src) < need && k < len(w) {
				r, size := rune(w[k]), 1
				switch {
				case r < utf8.RuneSelf:
				case (r == 0xd0 || r == 0xd1) && k+1 < len(w) && w[k+1]&0xc0 == 0x80:
					r, size = (r&0x1f)<<6|rune(w[k+1]&0x3f), 2
				default:
					r, size = utf8.DecodeRune(w[k:])
				}
				k += size
				if t, ok := translit(r); ok {
					src = append(src, t...)
				} else if r < utf8.RuneSelf {
					src = append(src, byte(r))
				}
			}
		}
	}
	start := len(dst)
	var prev byte
	fill(2)
	for i := 0; i < len(src) && len(dst)-start < cognateKeyLen; i++ {
		c := src[i]
		next := byte(0)
		if i+1 < len(src) {
			next = src[i+1]
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
			// x is ks in Russian spelling ("export", "экспорт")
			c = 'k'
			if len(dst)-start < cognateKeyLen-1 {
				if prev != 'k' {
					dst = append(dst, 'k')
					prev = 'k'
				}
				c = 's'
			}
		case c == 'w':
			c = 'v'
		case c == 'y' || c == 'j':
			c = 'i'
		}
		fill(i + 3) // src[i+1] and src[i+2] for the next turn
		if c < 'a' || c > 'z' || c == prev {
			continue
		}
		dst = append(dst, c)
		prev = c
	}
	if len(dst)-start < cognateKeyLen {
		dst = dst[:start]
	}
	if sc != scCyrillic {
		src = tmp
	}
	return dst, src
}

// capitalsOnly reports whether s has at least 8 letters and no lower-case
// one. It stops at the first lower-case ASCII or basic Cyrillic letter, so
// ordinary sentences cost a few bytes.
func capitalsOnly(s string) bool {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			return false
		case 'A' <= c && c <= 'Z':
			n++
			i++
			continue
		case c < utf8.RuneSelf:
			i++
			continue
		}
		r, w := decodeRune(s, i)
		i += w
		if !unicode.IsLetter(r) {
			continue
		}
		if 0x430 <= r && r <= 0x45f || r > 0x45f && unicode.IsLower(r) {
			return false
		}
		n++
	}
	return n >= 8
}

// printfForm returns a printf directive without its argument position:
// "%2$s" is "%s", as translators reorder arguments.
func printfForm(d string) string {
	i := 1
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	if i > 1 && i < len(d) && d[i] == '$' {
		return "%" + d[i+1:]
	}
	return d
}

// isMarkup reports whether the tag name at the start of s (n bytes long)
// is markup rather than a placeholder such as "<file>": it has attributes
// or closes itself, or the rest of s closes it.
func isMarkup(s, name string, n int) bool {
	if n != len(name)+2 {
		return true // "<a href=…>", "<br/>"
	}
	rest := s[n:]
	for {
		k := strings.Index(rest, "</")
		if k < 0 {
			return false
		}
		rest = rest[k+2:]
		if len(rest) > len(name) && strings.EqualFold(rest[:len(name)], name) && rest[len(name)] == '>' {
			return true
		}
	}
}

// placeholderLen returns the length of an angle-bracket placeholder at the
// start of s ("<dir>", "<каталог>", "<input_file>"): "<", at most 40
// runes holding a letter and no space or bracket, ">"; else 0.
func placeholderLen(s string) int {
	letter := false
	for j, n := 1, 0; j < len(s) && n <= 40; n++ {
		r, w := decodeRune(s, j)
		switch {
		case r == '>':
			if letter && j > 1 {
				return j + 1
			}
			return 0
		case r == '<' || isSpace(r):
			return 0
		case unicode.IsLetter(r):
			letter = true
		}
		j += w
	}
	return 0
}

// groupedLen returns the length of a number written with thousands
// separators at the start of s ("3,000", "12 345 678", "3.000", "3'000"):
// one to three digits, then groups of a separator (the same each time)
// and exactly three digits, not followed by a word rune; else 0.
func groupedLen(s string) int {
	i := 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 3 {
		return 0
	}
	var sep rune
	end := 0
	for i < len(s) {
		r, w := decodeRune(s, i)
		if r != ',' && r != '.' && r != ' ' && r != '\'' && r != '\u00a0' && r != '\u202f' || sep != 0 && r != sep {
			break
		}
		j := i + w
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k-j != 3 {
			break
		}
		if k < len(s) {
			if r2, _ := decodeRune(s, k); isWordRune(r2) {
				break
			}
		}
		sep, end, i = r, k, k
	}
	return end
}

// addGrouped appends the number token of a grouped number (see
// groupedLen): its digits without the separators.
func (x *extractor) addGrouped(s string) {
	off := len(x.text)
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= '0' && c <= '9' && (c != '0' || len(x.text) > off) {
			x.text = append(x.text, c)
		}
	}
	x.push(tkNumber, off)
}

// hyphenCutLen returns the length of the first part of the n-byte word at
// the start of s when a hyphen joins it to a letter and the part is a
// number ("32-bit") or of another script than that letter ("TAB-файл",
// "USB-накопитель"), else n.
func hyphenCutLen(s string, n int) int {
	if strings.IndexByte(s[:n], '-') < 0 {
		return n
	}
	digits, sc := true, scOther
	for k := 0; k < n; {
		r, w := decodeRune(s, k)
		if r == '-' && k > 0 && k+1 < n {
			next, _ := decodeRune(s, k+1)
			nsc := runeScript(next)
			if unicode.IsLetter(next) && (digits || sc != scOther && nsc != scOther && nsc != sc) {
				return k
			}
			digits, sc = true, scOther
			k += w
			continue
		}
		if r < '0' || r > '9' {
			digits = false
		}
		if s := runeScript(r); s != scOther {
			sc = s
		}
		k += w
	}
	return n
}

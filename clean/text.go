package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// scriptOfLang returns the Unicode script table of a language's letters, or
// nil when the language is unknown here (its script is then not checked).
func scriptOfLang(code string) []*unicode.RangeTable {
	switch code {
	case "ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba", "cv":
		return []*unicode.RangeTable{unicode.Cyrillic}
	case "el":
		return []*unicode.RangeTable{unicode.Greek}
	case "ar", "fa", "ur", "ps":
		return []*unicode.RangeTable{unicode.Arabic}
	case "he", "yi":
		return []*unicode.RangeTable{unicode.Hebrew}
	case "zh":
		return []*unicode.RangeTable{unicode.Han}
	case "ja":
		return []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana}
	case "ko":
		return []*unicode.RangeTable{unicode.Hangul, unicode.Han}
	case "hi", "mr", "ne", "sa":
		return []*unicode.RangeTable{unicode.Devanagari}
	case "bn":
		return []*unicode.RangeTable{unicode.Bengali}
	case "th":
		return []*unicode.RangeTable{unicode.Thai}
	case "ka":
		return []*unicode.RangeTable{unicode.Georgian}
	case "hy":
		return []*unicode.RangeTable{unicode.Armenian}
	case "ta":
		return []*unicode.RangeTable{unicode.Tamil}
	case "te":
		return []*unicode.RangeTable{unicode.Telugu}
	case "gu":
		return []*unicode.RangeTable{unicode.Gujarati}
	case "pa":
		return []*unicode.RangeTable{unicode.Gurmukhi}
	case "":
		return nil
	}
	if len(code) == 2 || len(code) == 3 {
		return []*unicode.RangeTable{unicode.Latin}
	}
	return nil
}

// inScript reports whether letter r belongs to one of the tables.
func inScript(r rune, tabs []*unicode.RangeTable) bool {
	if len(tabs) == 0 {
		return false
	}
	switch {
	case r < utf8.RuneSelf:
		return tabs[0] == unicode.Latin && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	case r >= 0x400 && r <= 0x52f: // Cyrillic and Cyrillic Supplement
		return tabs[0] == unicode.Cyrillic
	case r < 0x250: // Latin-1 Supplement and Latin Extended-A, -B
		return tabs[0] == unicode.Latin && unicode.Is(unicode.Latin, r)
	}
	for _, t := range tabs {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

// charsPerEnglishChar is the typical length in characters of a translation
// of one character of English text, for the default length ratio of a
// language pair. Figures for ru were measured on Debian's ru message
// catalogs (1.15); the others are common rules of thumb. Unlisted
// languages count as 1.
var charsPerEnglishChar = map[string]float64{
	"en": 1, "ru": 1.15, "uk": 1.12, "bg": 1.1, "be": 1.1, "de": 1.2, "fr": 1.18, "es": 1.15,
	"it": 1.13, "pt": 1.13, "nl": 1.15, "pl": 1.12, "cs": 1.05, "sv": 1.02, "da": 1.02,
	"no": 1.02, "fi": 1.1, "tr": 1.05, "el": 1.15, "hu": 1.12, "ro": 1.12,
	"zh": 0.3, "ja": 0.4, "ko": 0.45, "ar": 0.95, "he": 0.85, "th": 1.0, "hi": 1.05,
}

// ExpectedRatio returns the expected ratio of target to source length in
// characters for a language pair (1 when either language is unknown).
func ExpectedRatio(src, tgt string) float64 {
	a, ok1 := charsPerEnglishChar[src]
	b, ok2 := charsPerEnglishChar[tgt]
	if !ok1 || !ok2 {
		return 1
	}
	return b / a
}

// sideStats are counts over one side of a pair.
type sideStats struct {
	runes   int // all runes
	nonSp   int // runes that are not white space
	letters int
	words   int
}

func statsOf(s string) sideStats {
	var st sideStats
	inWord := false
	for _, r := range s {
		st.runes++
		if isSpace(r) {
			inWord = false
			continue
		}
		st.nonSp++
		if !inWord {
			st.words++
			inWord = true
		}
		if isLetter(r) {
			st.letters++
		}
	}
	return st
}

// urlLen reports whether s starts with a URL ("http://", "https://",
// "ftp://", "www.") and returns its length in bytes (0 when it does not).
func urlLen(s string) int {
	if len(s) < 4 {
		return 0
	}
	switch s[0] | 0x20 {
	case 'h':
		if !hasPrefixFold(s, "http://") && !hasPrefixFold(s, "https://") {
			return 0
		}
	case 'f':
		if !hasPrefixFold(s, "ftp://") {
			return 0
		}
	case 'w':
		if !hasPrefixFold(s, "www.") {
			return 0
		}
	default:
		return 0
	}
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if isSpace(r) || r == '<' || r == '>' || r == '"' || r == '«' || r == '»' {
			break
		}
		n += size
	}
	// trailing punctuation is not part of a URL
	for n > 0 && strings.ContainsRune(".,;:!?)]}'", rune(s[n-1])) {
		n--
	}
	return n
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix,
// ignoring the case of s.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// isLetter is unicode.IsLetter with fast paths for ASCII and Cyrillic.
func isLetter(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r >= 0x400 && r <= 0x4ff:
		return r < 0x482 || r > 0x489
	}
	return unicode.IsLetter(r)
}

// isSpace is unicode.IsSpace with a fast path for ASCII.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || r >= '\t' && r <= '\r'
	case r == 0x85 || r == 0xa0:
		return true
	case r < 0x1680:
		return false
	}
	return unicode.IsSpace(r)
}

// isDigit is unicode.IsDigit with a fast path for ASCII.
func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return unicode.IsDigit(r)
}

// toLower is unicode.ToLower with fast paths for ASCII and basic Cyrillic.
func toLower(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= 0x410 && r <= 0x42f:
		return r + 0x20
	case r >= 0x430 && r <= 0x45f:
		return r
	}
	return unicode.ToLower(r)
}

// emailAt reports the e-mail address containing the '@' at byte i of s.
func emailAt(s string, i int) (string, bool) {
	isPart := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '+'
	}
	a := i
	for a > 0 && isPart(s[a-1]) {
		a--
	}
	b := i + 1
	for b < len(s) && isPart(s[b]) {
		b++
	}
	for b > i+1 && s[b-1] == '.' {
		b--
	}
	if a == i || b == i+1 || !strings.Contains(s[i+1:b], ".") {
		return "", false
	}
	return s[a:b], true
}

// urls returns the URLs and e-mail addresses of s, lower-cased.
func urls(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		if i == 0 || !isAlnumByte(s[i-1]) {
			if n := urlLen(s[i:]); n > 0 {
				u := strings.ToLower(s[i : i+n])
				u = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://"), "www.")
				out = append(out, strings.TrimSuffix(u, "/"))
				i += n
				continue
			}
		}
		if s[i] == '@' {
			if e, ok := emailAt(s, i); ok {
				out = append(out, strings.ToLower(e))
			}
		}
		i++
	}
	return out
}

func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// numbers returns the numbers of s as digit strings. A run of digit groups
// joined by single separators (".", ",", "'", a space) is read as a writer
// of either language would mean it:
//   - thousands groups (the first of one to three digits and not a zero, the
//     others of three) joined by the same separator are one number, written
//     without the separators: "1,000", "1 000" and "1.000.000";
//   - one ".", "," or "'" joins any other two groups into one number too, so
//     "3.5" and "3,5" agree ("0.001" is no thousand);
//   - two or more of them otherwise are a date, a version, an address or a
//     list ("24.12.2001", "10.0.16", "1,3,5"), and every group is a number
//     of its own, so "24.12.2001" and "2001-12-24" agree;
//   - groups a space joins are numbers of their own unless they are
//     thousands groups ("Windows 7 64-bit" holds 7 and 64);
//   - thousands groups followed by "." or "," and a group are a number with
//     a fraction ("1,000.5", "1 000,5"); after a fraction a separator ends
//     the number ("3.45,2" is 3.45 and 2, an argument list).
//
// A whole number loses its leading zeros ("09 March" and "9 марта", "08:00"
// and "8:00" agree); a number with a fraction keeps them. Digits inside URLs
// are left out (the url filter compares those), and so is a footnote mark, a
// number of one to three digits alone in square brackets ("[66]",
// "resolution[11]"): a translation puts it where its own sentence ends,
// often in the next sentence ("... pbuilder [66]." for "[66] This
// ensures ..."), and it says nothing of the sentence's meaning. An index
// in code ("params[1]") looks the same and is left out too, as are the
// digits of a numeronym ("l10n", see numeronymDigits).
func numbers(s string) []string {
	nums, _ := numberParts(s)
	return nums
}

// numberParts returns numbers(s) and, apart, those of its numbers that are
// groups of a date, a version or a list ("8" of "8.1.6"): a translation
// keeps them in digits, though it may name a date's month.
func numberParts(s string) (nums, parts []string) {
	if !mayHoldDigits(s) {
		return nil, nil
	}
	var out []string
	var groups []string
	var seps []byte
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			groups = append(groups, string(cur))
			cur = cur[:0]
		}
		if len(groups) > 0 {
			out, parts = appendNumberRun(out, parts, groups, seps)
			groups, seps = groups[:0], seps[:0]
		}
	}
	for i := 0; i < len(s); {
		if i == 0 || !isAlnumByte(s[i-1]) {
			if n := urlLen(s[i:]); n > 0 {
				flush()
				i += n
				continue
			}
		}
		if n := footnoteMarkLen(s[i:]); n > 0 {
			flush()
			i += n
			continue
		}
		if n := numeronymDigits(s, i); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			cur = append(cur, byte(r))
		case unicode.IsDigit(r):
			cur = append(cur, byte('0'+digitValue(r)))
		case len(cur) > 0 && (r == '.' || r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\''):
			// a separator counts only when a digit follows it
			if j := i + size; j < len(s) && s[j] >= '0' && s[j] <= '9' {
				groups = append(groups, string(cur))
				cur = cur[:0]
				sep := byte(r)
				if r == '\u00a0' || r == '\u202f' {
					sep = ' '
				}
				seps = append(seps, sep)
				break
			}
			flush()
		default:
			flush()
		}
		i += size
	}
	flush()
	return out, parts
}

// appendNumberRun appends to out the numbers of a run of digit groups, seps
// holding the separator between groups i and i+1 (see numbers), and to
// parts those that are groups of a date, a version or a list.
func appendNumberRun(out, parts []string, groups []string, seps []byte) ([]string, []string) {
	whole := func(g ...string) string {
		n := strings.TrimLeft(strings.Join(g, ""), "0")
		if n == "" {
			return "0"
		}
		return n
	}
	for i := 0; i < len(groups); {
		k := i // seps[i:k] are the same separator
		for k < len(seps) && seps[k] == seps[i] {
			k++
		}
		if k == i { // the last group
			out = append(out, whole(groups[i]))
			i++
			continue
		}
		// thousands groups: the first of one to three digits, not a zero
		// ("0.001" is a fraction), the others of three
		thousands := len(groups[i]) <= 3 && groups[i][0] != '0'
		for _, g := range groups[i+1 : k+1] {
			thousands = thousands && len(g) == 3
		}
		switch {
		case thousands && k < len(seps) && (seps[k] == '.' || seps[k] == ','):
			out = append(out, strings.Join(groups[i:k+2], ""))
			i = k + 2
		case thousands:
			out = append(out, whole(groups[i:k+1]...))
			i = k + 1
		case seps[i] == ' ': // no fraction: numbers side by side ("Windows 7 64-bit")
			for _, g := range groups[i:k] {
				out = append(out, whole(g))
			}
			i = k // the last group may begin the next run
		case k == i+1: // one separator: a fraction, or thousands written oddly
			out = append(out, strings.Join(groups[i:i+2], ""))
			i += 2
		default: // a date, a version, a list
			for _, g := range groups[i : k+1] {
				out = append(out, whole(g))
				parts = append(parts, whole(g))
			}
			i = k + 1
		}
	}
	return out, parts
}

// numeronymDigits returns the length of the digits at s[i:] when they are
// the count of a numeronym ("i18n", "l10n", "a11y", "k8s": a word's first
// letter, how many letters are left out, its last letter), 0 otherwise: a
// translator writes the word out ("интернационализация") rather than
// copying the number. The numeronym is a word of its own: one ASCII letter
// after a non-alphanumeric character or the start of s, one or two digits,
// one ASCII letter before a non-alphanumeric character or the end of s, so
// the digits of "md5sum", "x86_64", "ip2k" or "l5578n" stay numbers.
func numeronymDigits(s string, i int) int {
	if i == 0 || !isASCIILetter(s[i-1]) || i >= 2 && isAlnumByte(s[i-2]) {
		return 0
	}
	j := i
	for j < len(s) && j-i < 3 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i || j-i > 2 || j == len(s) || !isASCIILetter(s[j]) || j+1 < len(s) && isAlnumByte(s[j+1]) {
		return 0
	}
	return j - i
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// footnoteMarkLen returns the length of the footnote mark s starts with
// ("[12]": one to three ASCII digits in square brackets), 0 for none.
func footnoteMarkLen(s string) int {
	if len(s) < 3 || s[0] != '[' {
		return 0
	}
	i := 1
	for i < len(s) && i <= 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 1 || i >= len(s) || s[i] != ']' {
		return 0
	}
	return i + 1
}

// mayHoldDigits reports whether s may hold a decimal digit: an ASCII digit
// or a byte that can start a non-ASCII digit (every Unicode decimal digit
// outside ASCII is at U+0660 or above, lead byte 0xD9 or more).
func mayHoldDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' || c >= 0xd9 {
			return true
		}
	}
	return false
}

// digitValue returns the value of a decimal digit of any script.
func digitValue(r rune) int {
	// Unicode decimal digits come in runs of ten starting at a zero.
	for z := r; z > r-10; z-- {
		if !unicode.IsDigit(z - 1) {
			return int(r - z)
		}
	}
	return 0
}

// normKey appends the lower-cased letters and digits of s to dst (spaces
// and punctuation are dropped). Digits stay: "Figure 8.56." and "Figure
// 16.172." are two captions, "Radius: 35" and "Radius: 40" two settings,
// not one sentence repeated (gimp-help lost 4% of its translated text
// when the key dropped them).
func normKey(dst []byte, s string) []byte {
	for _, r := range s {
		if isLetter(r) || isDigit(r) {
			dst = utf8.AppendRune(dst, toLower(r))
		}
	}
	return dst
}

// alnumKey appends the lower-cased letters and digits of s to dst.
func alnumKey(dst []rune, s string) []rune {
	for _, r := range s {
		if isLetter(r) || isDigit(r) {
			dst = append(dst, toLower(r))
		}
	}
	return dst
}

// identifierLike reports whether a word is probably copied verbatim by
// translators (a command, option, placeholder, identifier or acronym), so
// that it says nothing about the language of the sentence.
func identifierLike(w string) bool {
	w = strings.Trim(w, ".,:;!?()[]{}«»\"'“”„‘’<>|*")
	if w == "" {
		return true
	}
	upper, lower, latin := 0, 0, 0
	prevLower := false
	for _, r := range w {
		switch {
		case r == '_' || r == '%' || r == '/' || r == '\\' || r == '=' || r == '<' || r == '>' ||
			r == '@' || r == '$' || r == '{' || r == '}' || r == '[' || r == ']' || r == '(' || r == ')' || r == '.' || unicode.IsDigit(r):
			return true
		case unicode.IsUpper(r):
			if prevLower {
				return true // camelCase
			}
			upper++
		case unicode.IsLower(r):
			lower++
		}
		prevLower = unicode.IsLower(r)
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			latin++
		}
	}
	if w[0] == '-' {
		return true
	}
	return upper >= 2 && lower == 0 && latin > 0
}

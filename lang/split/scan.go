package split

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxQuote is the longest quoted or bracketed span (in bytes) inside which
// end marks are not sentence boundaries. Longer pairs are more likely
// mismatched quotes than one quoted sentence.
const maxQuote = 1000

// maxToken bounds the bytes looked at around a period; a longer token is
// no word or abbreviation, and the bound keeps the scan linear.
const maxToken = 64

// span is a matched pair of quotes or brackets: text[open] opens, text[close] closes.
type span struct{ open, close int }

// listState remembers the marker of the last list item that opened a
// sentence, so the next marker ("2.", "b)") opens the next item.
type listState struct {
	active bool
	letter bool   // markers are letters (a, b, c) rather than numbers
	next   int    // the number or letter expected next
	style  string // ".", ")" or ".)"
}

// scanner splits one text; it lives for one AppendSplit call.
type scanner struct {
	r    *rules
	text string
	out  []Sentence

	ps, pe  int  // the current paragraph
	start   int  // start of the current sentence (may be white space)
	atStart bool // no non-space byte seen since start
	// lastFirm is the end of the last end mark that is surely no sentence
	// end (after a title, an initial, before a number); a line break after
	// it does not end the sentence either.
	lastFirm int
	hasTerm  bool // the paragraph has sentence punctuation
	quotes   []span
	list     listState
}

// kinds of the token before a period.
const (
	kWord    = iota // letters only, not in a list
	kOther          // mixed or symbols, closing quote
	kURL            // URL or e-mail address
	kNumber         // starts with a digit
	kTitle          // prepositive abbreviation
	kAbbrev         // other abbreviation or a single lower-case letter
	kInitial        // a single upper-case letter
	kUnit           // a unit or currency after a number ("5 млн руб.")
)

// classes of the first significant rune after a candidate boundary.
const (
	cUpper = iota
	cLower
	cDigit
	cCaseless // a letter of a script without case
	cOther
)

// nextTok describes the text after a candidate boundary.
type nextTok struct {
	class   int
	strong  bool   // ¿ or ¡ came first
	word    string // the run of letters at the significant rune
	initial bool   // word is one upper-case letter followed by "."
	title   bool   // word is a title abbreviation followed by "."
	camel   bool   // a lower-case word with an upper-case letter inside (iPhone)
	sign    bool   // the significant rune is # or №
	// dottedNumber: one or two digits and a period ("11." in "24. 11. 2026")
	dottedNumber bool
	marker       bool // a list marker or clause number ("2.", "3)", "1.2.")
	symbol       bool // a symbol that can open a sentence ($, §, #, emoji)
}

// paragraph splits text[ps:pe], which holds no blank line.
func (sc *scanner) paragraph(ps, pe int) {
	sc.ps, sc.pe = ps, pe
	sc.start, sc.atStart, sc.lastFirm = ps, true, -1
	sc.list = listState{}
	sc.prepare()
	text := sc.text
	for i := ps; i < pe; {
		c := text[i]
		if sc.atStart {
			if sp, size := spaceAt(text, i); sp {
				i += size
				continue
			}
			sc.atStart = false
			if n := sc.marker(i); n > 0 {
				i += n
				continue
			}
		}
		switch {
		case c == '\n':
			sc.newline(i)
			i++
		case c == '.' || c == '!' || c == '?':
			i = sc.endMark(i)
		case c < utf8.RuneSelf:
			if sc.list.active && isASCIIAlnum(c) && i > sc.start {
				if sp, _ := spaceBefore(text, i); sp && sc.listNext(i) {
					i += sc.newItem(i, 1)
					continue
				}
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case isTerminal(r):
				i = sc.endMark(i)
			case isBullet(r) && i > sc.start:
				if sp, _ := spaceBefore(text, i); sp {
					i += sc.newItem(i, size)
					continue
				}
				i += size
			default:
				i += size
			}
		}
	}
	sc.emit(pe)
}

// newItem ends the sentence before a list marker or bullet at i and
// consumes the marker; it returns the bytes consumed (at least min).
func (sc *scanner) newItem(i, min int) int {
	sc.emit(i)
	sc.atStart = false
	if n := sc.marker(i); n > 0 {
		return n
	}
	return min
}

// emit ends the current sentence at b.
func (sc *scanner) emit(b int) {
	s, e := sc.start, b
	for s < e {
		sp, size := spaceAt(sc.text, s)
		if !sp {
			break
		}
		s += size
	}
	e = skipSpaceBack(sc.text, e, s)
	if s < e {
		sc.out = append(sc.out, Sentence{Start: s, End: e, Text: sc.text[s:e]})
	}
	sc.start = b
	sc.atStart = true
}

// prepare finds the matched quote and bracket pairs of the paragraph and
// whether it has any sentence punctuation.
func (sc *scanner) prepare() {
	sc.quotes = sc.quotes[:0]
	sc.hasTerm = false
	text := sc.text
	type open struct {
		r   rune
		pos int
	}
	var stackBuf [16]open
	stack := stackBuf[:0]
	var pairs []span
	match := func(want1, want2 rune, pos int) {
		for k := len(stack) - 1; k >= 0 && k >= len(stack)-8; k-- {
			if stack[k].r == want1 || stack[k].r == want2 {
				if pos-stack[k].pos <= maxQuote {
					pairs = append(pairs, span{stack[k].pos, pos})
				}
				stack = stack[:k]
				return
			}
		}
	}
	push := func(r rune, pos int) {
		if len(stack) == cap(stackBuf) {
			copy(stack, stack[1:])
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, open{r, pos})
	}
	for j := sc.ps; j < sc.pe; {
		c := text[j]
		if c < utf8.RuneSelf {
			switch c {
			case '.', '!', '?':
				sc.hasTerm = true
			case '(', '[', '{':
				push(rune(c), j)
			case ')':
				match('(', '(', j)
			case ']':
				match('[', '[', j)
			case '}':
				match('{', '{', j)
			case '"':
				before := j == sc.ps || openSide(text, j)
				after := j+1 >= sc.pe || closeSide(text, j+1)
				switch {
				case before && !after:
					push('"', j)
				case !before && after:
					match('"', '"', j)
				}
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case r == '«' || r == '„':
			push(r, j)
		case r == '“':
			if len(stack) > 0 && stack[len(stack)-1].r == '„' {
				match('„', '„', j)
			} else {
				push(r, j)
			}
		case r == '»':
			match('«', '«', j)
		case r == '”':
			match('“', '„', j)
		case isTerminal(r):
			sc.hasTerm = true
		}
		j += size
	}
	if len(pairs) == 0 {
		return
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a].open < pairs[b].open })
	for _, p := range pairs {
		if n := len(sc.quotes); n > 0 && p.open < sc.quotes[n-1].close {
			continue // nested in the previous pair
		}
		sc.quotes = append(sc.quotes, p)
	}
}

// openSide reports whether the rune before j allows a straight quote at j to open.
func openSide(text string, j int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	return unicode.IsSpace(r) || isOpener(r) || isDash(r) || r == '/'
}

// closeSide reports whether the rune at j allows the quote before it to close.
func closeSide(text string, j int) bool {
	r, _ := utf8.DecodeRuneInString(text[j:])
	return unicode.IsSpace(r) || isCloser(r) || isTerminal(r) || strings.ContainsRune(",;:-–—/", r)
}

// inQuote reports whether a boundary at b would fall inside a matched pair.
func (sc *scanner) inQuote(b int) bool {
	k := sort.Search(len(sc.quotes), func(k int) bool { return sc.quotes[k].close >= b })
	return k < len(sc.quotes) && sc.quotes[k].open < b
}

// marker consumes a list marker or bullet opening a sentence at i and
// records it in the list state; it returns the bytes consumed or 0.
func (sc *scanner) marker(i int) int {
	text := sc.text
	j := i
	bullet := false
	if r, size := utf8.DecodeRuneInString(text[i:]); isBullet(r) {
		bullet = true
		j += size
		for j < sc.pe && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
	}
	if n, val, letter, style := parseMarker(text, j, sc.pe); n > 0 {
		sc.list = listState{active: true, letter: letter, next: val + 1, style: style}
		return j + n - i
	}
	sc.list = listState{}
	if n := parseClause(text, j, sc.pe); n > 0 {
		return j + n - i
	}
	if bullet {
		return j - i
	}
	return 0
}

// parseClause parses a clause number opening a sentence: multi-level
// numbers ("1.1.", "2.3.4)") or Roman numerals ("IV.", "XII)"), then a
// space. They are consumed like list markers but start no list. It returns
// the length without the space, or 0.
func parseClause(text string, i, pe int) int {
	j := i
	switch {
	case j < pe && text[j] >= '0' && text[j] <= '9':
		levels := 0
		for {
			d := j
			for j < pe && j-d < 3 && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			if j == d {
				return 0
			}
			levels++
			if j+1 < pe && text[j] == '.' && text[j+1] >= '0' && text[j+1] <= '9' {
				j++
				continue
			}
			break
		}
		if levels < 2 {
			return 0
		}
	case j < pe && strings.IndexByte("IVXLC", text[j]) >= 0:
		for j < pe && j-i < 7 && strings.IndexByte("IVXLC", text[j]) >= 0 {
			j++
		}
	default:
		return 0
	}
	switch {
	case strings.HasPrefix(text[j:pe], ".)"):
		j += 2
	case j < pe && (text[j] == '.' || text[j] == ')'):
		j++
	default:
		return 0
	}
	if j >= pe || (text[j] != ' ' && text[j] != '\t') {
		return 0
	}
	return j - i
}

// listNext reports whether the marker the list expects next starts at i
// (and is no ordinal number: "2. Januar bis 3. März").
func (sc *scanner) listNext(i int) bool {
	n, val, letter, style := parseMarker(sc.text, i, sc.pe)
	if n == 0 || letter != sc.list.letter || val != sc.list.next || style != sc.list.style {
		return false
	}
	if len(sc.r.ordinalNext) > 0 && style == "." {
		j := i + n
		for j < sc.pe && (sc.text[j] == ' ' || sc.text[j] == '\t') {
			j++
		}
		if j < sc.pe {
			if w := sc.nextToken(j).word; has(sc.r.ordinalNext, w) {
				return false
			}
		}
	}
	return true
}

// parseMarker parses a list marker at i: 1-3 digits or one ASCII letter,
// then ".", ")" or ".)", then a space. Upper-case letters need ")", so
// initials ("J. Smith") are not markers. It returns the marker's length
// (without the space) and its value.
func parseMarker(text string, i, pe int) (n, val int, letter bool, style string) {
	j := i
	switch {
	case j < pe && text[j] >= '0' && text[j] <= '9':
		for j < pe && j-i < 3 && text[j] >= '0' && text[j] <= '9' {
			val = val*10 + int(text[j]-'0')
			j++
		}
	case j < pe && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z'):
		letter = true
		val = int(text[j] | 0x20)
		j++
	default:
		return 0, 0, false, ""
	}
	switch {
	case strings.HasPrefix(text[j:pe], ".)"):
		style = ".)"
	case strings.HasPrefix(text[j:pe], ")"):
		style = ")"
	case strings.HasPrefix(text[j:pe], "."):
		style = "."
		if letter && text[i] < 'a' {
			return 0, 0, false, ""
		}
	default:
		return 0, 0, false, ""
	}
	j += len(style)
	if j >= pe || (text[j] != ' ' && text[j] != '\t') {
		return 0, 0, false, ""
	}
	return j - i, val, letter, style
}

// newline decides whether the single line break at i ends a sentence.
func (sc *scanner) newline(i int) {
	text := sc.text
	k := skipSpaceBack(text, i, sc.start)
	if k <= sc.start || k == sc.lastFirm {
		return // empty so far, or surely no sentence end
	}
	if sc.joins(k) {
		return // the line ends with a comma or a word that needs more
	}
	n := i + 1
	for n < sc.pe {
		sp, size := spaceAt(text, n)
		if !sp {
			break
		}
		n += size
	}
	if n >= sc.pe {
		return
	}
	r, _ := utf8.DecodeRuneInString(text[n:])
	switch {
	case unicode.IsLower(r):
		if sc.hasTerm {
			return // a wrapped line of prose
		}
	case strings.ContainsRune(",;:)]}»”’", r):
		return
	}
	sc.emit(i)
}

// joins reports whether the line ending at k (exclusive) cannot end a
// sentence: it ends with a comma or a lower-case joining word ("the", "of",
// "в", "и").
func (sc *scanner) joins(k int) bool {
	text := sc.text
	r, _ := utf8.DecodeLastRuneInString(text[:k])
	if r == ',' {
		return true
	}
	ws := k
	for ws > sc.start && k-ws <= maxToken {
		r, size := utf8.DecodeLastRuneInString(text[:ws])
		if !unicode.IsLetter(r) {
			break
		}
		ws -= size
	}
	if ws == k || k-ws > maxToken {
		return false
	}
	if ws > sc.start {
		if sp, _ := spaceBefore(text, ws); !sp {
			return false
		}
	}
	w := text[ws:k]
	return strings.ToLower(w) == w && sc.r.joiners[w]
}

// endMark handles the end mark at i and returns where scanning goes on.
func (sc *scanner) endMark(i int) int {
	text, pe := sc.text, sc.pe
	if text[i] == '.' && i+1 < pe && isAlnumAt(text, i+1) {
		if sc.r.noSpace && sc.noSpaceBoundary(i) {
			sc.emit(i + 1)
		}
		return i + 1
	}
	j := i
	dots, strong, ells := 0, 0, 0
	spaced, wide := false, false
run:
	for j < pe {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case r == '.':
			dots++
		case r == '…':
			ells++
		case isTerminal(r):
			strong++
			wide = wide || isWideTerminal(r)
		case r == ' ' && strong == 0 && ells == 0 && dots > 0 && j+1 < pe && text[j+1] == '.' &&
			(j+2 >= pe || !isAlnumAt(text, j+2)):
			spaced = true
		default:
			break run
		}
		j += size
	}
	cluster := j
	for j < pe {
		r, size := utf8.DecodeRuneInString(text[j:])
		if isCloser(r) && (j+size >= pe || wide || closeSide(text, j+size)) {
			j += size
			continue
		}
		if isTerminal(r) {
			if r == '.' || r == '…' {
				dots++
			} else {
				strong++
			}
			j += size
			continue
		}
		break
	}
	e := j
	closed := e > cluster
	if e >= pe {
		return e
	}
	if sp, _ := spaceAt(text, e); !sp {
		if wide && !sc.inQuote(e) {
			// CJK text puts no space between sentences.
			if r, _ := utf8.DecodeRuneInString(text[e:]); unicode.IsLetter(r) || unicode.IsDigit(r) || isOpener(r) {
				sc.emit(e)
			}
		}
		return e
	}
	n := e
	for n < pe {
		sp, size := spaceAt(text, n)
		if !sp {
			break
		}
		n += size
	}
	if n >= pe {
		return e
	}
	if sc.inQuote(e) {
		sc.lastFirm = e
		return e
	}
	nx := sc.nextToken(n)
	startsNew := nx.class == cUpper || nx.class == cCaseless || nx.strong
	// plain: anything but a lower-case word or a symbol that cannot open a sentence
	plain := nx.strong || nx.class != cLower && (nx.class != cOther || nx.symbol)
	switch {
	case strong > 0:
		if plain {
			sc.emit(e)
		}
	case spaced:
		if dots >= 4 && (startsNew || nx.class == cDigit) {
			if i > sc.start && !isSpaceBefore(text, i) {
				sc.emit(i + 1) // "compounds. . . . The": the first dot ends it
			} else {
				sc.emit(e)
			}
		}
	case ells > 0 || dots >= 3:
		if omission(text, i, cluster) {
			break // "[...]": an omission mark
		}
		if startsNew || (dots >= 4 && nx.class == cDigit) {
			sc.emit(e)
		}
	case closed || dots == 2:
		if plain {
			sc.emit(e)
		}
	default:
		switch sc.periodEnds(i, nx) {
		case yes:
			sc.emit(e)
		case firm:
			sc.lastFirm = e
		}
	}
	return e
}

// nextToken describes the text starting at n, the first non-space rune
// after a candidate boundary.
func (sc *scanner) nextToken(n int) nextTok {
	var t nextTok
	text, pe := sc.text, sc.pe
	j := n
skip: // openers and dashes before the first word, a few at most
	for k := 0; k < 6 && j < pe; k++ {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case r == '¿' || r == '¡':
			t.strong = true
		case isOpener(r):
		case isDash(r):
			for j += size; j < pe && (text[j] == ' ' || text[j] == '\t'); {
				j++
			}
			continue
		default:
			break skip
		}
		j += size
	}
	if j >= pe {
		t.class = cOther
		return t
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		t.class = cUpper
	case unicode.IsLower(r):
		t.class = cLower
	case unicode.IsDigit(r):
		t.class = cDigit
		d := j
		for d < pe && d-j < 3 && text[d] >= '0' && text[d] <= '9' {
			d++
		}
		t.dottedNumber = d-j <= 2 && d < pe && text[d] == '.'
		if n, _, _, _ := parseMarker(text, j, pe); n > 0 || parseClause(text, j, pe) > 0 {
			t.marker = true
		}
		return t
	case unicode.IsLetter(r):
		t.class = cCaseless
	default:
		t.class = cOther
		t.sign = r == '#' || r == '№'
		t.symbol = opensSentence(r)
		return t
	}
	w := j
	upperInside := false
	for w < pe {
		r, size := utf8.DecodeRuneInString(text[w:])
		if !unicode.IsLetter(r) {
			break
		}
		if w > j && unicode.IsUpper(r) {
			upperInside = true
		}
		w += size
	}
	t.word = text[j:w]
	t.camel = t.class == cLower && upperInside
	if w < pe && text[w] == '.' {
		t.initial = t.class == cUpper && utf8.RuneCountInString(t.word) == 1
		t.title = t.word != "" && has(sc.r.titles, t.word)
	}
	return t
}

// decisions of periodEnds.
const (
	no   = iota // not a sentence end
	yes         // a sentence end
	firm        // surely not a sentence end, even before a line break
)

// periodEnds decides whether the single period at i, followed by white
// space and the token nx, ends a sentence.
func (sc *scanner) periodEnds(i int, nx nextTok) int {
	text := sc.text
	ts := i
	for ts > sc.start && i-ts <= maxToken {
		sp, size := spaceBefore(text, ts)
		if sp {
			break
		}
		ts -= size
	}
	for ts < i {
		r, size := utf8.DecodeRuneInString(text[ts:])
		if !isOpener(r) && r != '¿' && r != '¡' {
			break
		}
		ts += size
	}
	tok := text[ts:i]
	kind, numeric := sc.classify(tok, ts)
	if numeric && (nx.class == cDigit || nx.sign) {
		return firm
	}
	r := sc.r
	switch kind {
	case kTitle:
		return firm
	case kNumber:
		switch nx.class {
		case cLower:
			return no
		case cDigit:
			// "24. 11. 2026": day and month of a spaced date
			return verdict(!(len(tok) <= 2 && (nx.dottedNumber || sc.afterDottedNumber(ts))))
		}
		if len(tok) <= 2 && has(r.ordinalNext, nx.word) {
			return no
		}
		return yes
	case kUnit:
		switch {
		case nx.strong:
			return yes
		case nx.initial:
			return firm
		case nx.class == cUpper:
			return verdict(sc.fragmentOK(ts))
		}
		return no
	case kInitial, kAbbrev:
		if nx.strong {
			return yes
		}
		if nx.initial {
			return firm // "А. С. Пушкин", "J. R. R. Tolkien"
		}
		if nx.class == cUpper && (has(r.starters, nx.word) || nx.title) {
			return verdict(sc.fragmentOK(ts))
		}
		return no
	}
	// kWord, kOther, kURL: a plain word.
	switch nx.class {
	case cDigit:
		if nx.marker && kind != kOther {
			return yes // "… delivered. 2.2. The Buyer"
		}
		return verdict(r.digitStart && (kind == kURL || kind == kWord && utf8.RuneCountInString(tok) >= 3))
	case cLower:
		if nx.strong {
			return yes
		}
		return verdict(r.lowerStart && (nx.camel || kind == kWord && r.lowerOK(tok)))
	case cOther:
		return verdict(nx.symbol)
	}
	return yes
}

// verdict maps a boolean decision to yes or no.
func verdict(b bool) int {
	if b {
		return yes
	}
	return no
}

// omission reports whether the dots text[i:j] stand in brackets: "[...]", "(…)".
func omission(text string, i, j int) bool {
	if i == 0 || j >= len(text) {
		return false
	}
	return (text[i-1] == '[' || text[i-1] == '(') && (text[j] == ']' || text[j] == ')')
}

// opensSentence reports whether the symbol r can be the first rune of a
// sentence: currency, "#", "№", "§", "*", "@", "+" or a pictograph.
func opensSentence(r rune) bool {
	switch r {
	case '#', '№', '§', '*', '@', '+', '&':
		return true
	}
	return unicode.Is(unicode.Sc, r) || unicode.Is(unicode.So, r) || isBullet(r)
}

// classify returns the kind of the token tok (starting at ts) before a
// period and whether it is an abbreviation that stands before numbers.
func (sc *scanner) classify(tok string, ts int) (kind int, numeric bool) {
	if tok == "" {
		return kOther, false
	}
	last, _ := utf8.DecodeLastRuneInString(tok)
	if isCloser(last) {
		return kOther, false
	}
	if strings.Contains(tok, "://") || strings.ContainsRune(tok, '@') || hasPrefixFold(tok, "www.") {
		return kURL, false
	}
	first, fsize := utf8.DecodeRuneInString(tok)
	if unicode.IsDigit(first) {
		return kNumber, false
	}
	if (unicode.Is(unicode.Sc, first) || first == '+' || first == '-' || first == '−') && len(tok) > fsize {
		if d, _ := utf8.DecodeRuneInString(tok[fsize:]); unicode.IsDigit(d) {
			return kNumber, false
		}
	}
	r := sc.r
	numeric = has(r.numeric, tok)
	switch {
	case has(r.units, tok) && sc.afterNumber(ts):
		return kUnit, numeric
	case has(r.titles, tok):
		if sc.afterNumber(ts) {
			return kAbbrev, numeric
		}
		return kTitle, numeric
	case has(r.abbrevs, tok) || r.cased[tok]:
		return kAbbrev, numeric
	}
	if utf8.RuneCountInString(tok) == 1 && unicode.IsLetter(first) {
		if unicode.IsUpper(first) {
			return kInitial, numeric
		}
		return kAbbrev, numeric
	}
	if strings.IndexByte(tok, '.') > 0 && dottedAbbrev(tok) {
		return kAbbrev, numeric
	}
	for _, c := range tok {
		if !unicode.IsLetter(c) {
			return kOther, numeric
		}
	}
	return kWord, numeric
}

// dottedAbbrev reports whether tok is letters in groups of at most three
// joined by periods ("U.S", "e.g", "т.е", "Ph.D").
func dottedAbbrev(tok string) bool {
	for _, seg := range strings.Split(tok, ".") {
		n := 0
		for _, c := range seg {
			if !unicode.IsLetter(c) {
				return false
			}
			n++
		}
		if n == 0 || n > 3 {
			return false
		}
	}
	return true
}

// afterNumber reports whether the token before the one starting at ts is a
// number or a unit ("5 млн руб.", "10 тыс. руб.").
func (sc *scanner) afterNumber(ts int) bool {
	text := sc.text
	j := skipSpaceBack(text, ts, sc.start)
	if j == ts || j <= sc.start {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:j])
	if unicode.IsDigit(r) {
		return true
	}
	k := j
	if r == '.' {
		k--
	}
	ws := k
	for ws > sc.start && k-ws <= maxToken {
		r, size := utf8.DecodeLastRuneInString(text[:ws])
		if !unicode.IsLetter(r) {
			break
		}
		ws -= size
	}
	return ws < k && has(sc.r.units, text[ws:k])
}

// afterDottedNumber reports whether the token before ts is one or two
// digits and a period ("24." before "11.").
func (sc *scanner) afterDottedNumber(ts int) bool {
	text := sc.text
	j := ts
	for j > sc.start && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j == ts || j <= sc.start || text[j-1] != '.' {
		return false
	}
	j--
	d := j
	for d > sc.start && j-d < 3 && text[d-1] >= '0' && text[d-1] <= '9' {
		d--
	}
	n := j - d
	return n >= 1 && n <= 2 && (d == sc.start || text[d-1] == ' ' || text[d-1] == '\t')
}

// fragmentOK reports whether the sentence from its start up to ts is more
// than a short adverbial opener ("At 5 a.m.", "В 2010 г.").
func (sc *scanner) fragmentOK(ts int) bool {
	text := sc.text
	words, first := 0, ""
	for j := sc.start; j < ts && words < 3; {
		sp, size := spaceAt(text, j)
		if sp {
			j += size
			continue
		}
		k := j
		for k < ts {
			sp, size := spaceAt(text, k)
			if sp {
				break
			}
			k += size
		}
		if words == 0 {
			first = text[j:k]
		}
		words++
		j = k
	}
	if words >= 3 || words == 0 {
		return true
	}
	w := strings.TrimLeftFunc(first, func(r rune) bool { return !unicode.IsLetter(r) })
	return !has(sc.r.prepositions, w)
}

// noSpaceBoundary decides "world.Today": a period at i directly followed by
// a letter ends a sentence when a lower-case or capitalised word that is no
// listed abbreviation, or a long number, comes before it, a capitalised word after it, and the token is no URL, e-mail
// address or dotted abbreviation.
func (sc *scanner) noSpaceBoundary(i int) bool {
	text, pe := sc.text, sc.pe
	ts := i
	for ts > sc.start {
		sp, size := spaceBefore(text, ts)
		if sp {
			break
		}
		if i-ts > maxToken {
			return false
		}
		ts -= size
	}
	te := i
	for te < pe {
		sp, size := spaceAt(text, te)
		if sp {
			break
		}
		if te-i > maxToken {
			return false
		}
		te += size
	}
	whole := text[ts:te]
	if strings.ContainsAny(whole, "@/") || hasPrefixFold(whole, "www.") {
		return false
	}
	before := strings.TrimLeftFunc(text[ts:i], func(r rune) bool { return isOpener(r) })
	if before == "" || strings.ContainsRune(before, '.') {
		return false
	}
	first, _ := utf8.DecodeRuneInString(before)
	switch {
	case unicode.IsDigit(first):
		if utf8.RuneCountInString(before) < 3 {
			return false // "1.Helado": an inline list
		}
		for _, c := range before {
			if !unicode.IsDigit(c) && c != ',' && c != '%' {
				return false
			}
		}
	default:
		if utf8.RuneCountInString(before) < 2 {
			return false
		}
		for k, c := range before {
			if !unicode.IsLower(c) && (k > 0 || !unicode.IsUpper(c)) {
				return false
			}
		}
		if has(sc.r.titles, before) || has(sc.r.abbrevs, before) || has(sc.r.numeric, before) {
			return false // "Mr.Smith", "St.Petersburg"
		}
	}
	r1, s1 := utf8.DecodeRuneInString(text[i+1:])
	if !unicode.IsUpper(r1) || i+1+s1 >= pe {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(text[i+1+s1:])
	return unicode.IsLower(r2) && !sc.inQuote(i+1)
}

// isSpaceBefore reports whether the rune ending at i > 0 is white space.
func isSpaceBefore(text string, i int) bool {
	sp, _ := spaceBefore(text, i)
	return sp
}

// has reports whether the lower-case form of w is in set, without
// allocating for words of up to 64 bytes.
func has(set map[string]bool, w string) bool {
	if len(set) == 0 || w == "" {
		return false
	}
	var buf [64]byte
	b := buf[:0]
	for _, r := range w {
		b = utf8.AppendRune(b, unicode.ToLower(r))
		if len(b) > len(buf) {
			return set[strings.ToLower(w)]
		}
	}
	return set[string(b)]
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// isAlnumAt reports whether the rune at i is a letter or a digit.
func isAlnumAt(text string, i int) bool {
	if c := text[i]; c < utf8.RuneSelf {
		return isASCIIAlnum(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isTerminal reports whether r can end a sentence.
func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '‽', '。', '｡', '．', '！', '？', '؟', '۔', '।', '॥', '։', '።', '፧', '჻', '߹', '܀':
		return true
	}
	return false
}

// isWideTerminal reports whether r is a sentence end of CJK text, which
// needs no space after it.
func isWideTerminal(r rune) bool {
	return r == '。' || r == '｡' || r == '！' || r == '？'
}

// isCloser reports whether r closes a quotation or bracket.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '“', '»', '›', ')', ']', '}', '」', '』', '）', '〕', '】':
		return true
	}
	return false
}

// isOpener reports whether r opens a quotation or bracket.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '„', '«', '‘', '‚', '‹', '(', '[', '{', '「', '『', '（', '〔', '【':
		return true
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '-', '–', '—', '‒', '―', '−':
		return true
	}
	return false
}

// isBullet reports whether r marks a list item.
func isBullet(r rune) bool {
	switch r {
	case '•', '‣', '⁃', '◦', '▪', '▫', '●', '○', '■', '□', '►', '▸', '➢', '✓', '✔':
		return true
	}
	return false
}

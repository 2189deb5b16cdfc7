package corpus

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Limits that keep hostile markup linear in time and bounded in memory.
const (
	// maxHTMLDepth is the deepest element nesting tracked; deeper start
	// tags are counted, not kept, and their end tags only uncount them.
	maxHTMLDepth = 1024
	// maxScopeSearch is how far down the element stack an end tag or an
	// implied end tag looks for its element; an end tag whose element is
	// deeper is ignored.
	maxScopeSearch = 256
	// maxPathElems is the number of innermost elements Block.Path keeps
	// below "body"; a deeper path becomes "body>…>" and those elements.
	maxPathElems = 24
	// maxWordsDepth and maxWords bound the ancestors searched for, and the
	// number of, Block.Words.
	maxWordsDepth = 64
	maxWords      = 32
)

// tagInfo holds what the extractor needs to know of an element name.
type tagInfo uint16

const (
	tagBlock     tagInfo = 1 << iota // a line break at its start and end
	tagContainer                     // numbers a Block.Group
	tagHidden                        // its content is not text
	tagVoid                          // no content, no end tag
	tagPCloser                       // its start tag closes an open <p>
	tagPre                           // keeps line breaks
	tagCode                          // code text (Block.Code)
	tagRawText                       // its text is not entity-decoded (xmp, plaintext)
	tagInert                         // template: no links either
)

// tagDesc is an element name with its info; name is the interned string.
type tagDesc struct {
	name string
	info tagInfo
}

var tagTable = func() map[string]tagDesc {
	m := map[string]tagDesc{}
	set := func(info tagInfo, names ...string) {
		for _, n := range names {
			d := m[n]
			d.name = n
			d.info |= info
			m[n] = d
		}
	}
	set(tagBlock, "address", "article", "aside", "blockquote", "body", "button", "caption",
		"center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
		"figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header",
		"hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "nav", "noframes",
		"ol", "optgroup", "option", "p", "plaintext", "pre", "section", "select", "summary",
		"table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "ul", "xmp",
		"br", "head")
	set(tagContainer, "article", "aside", "blockquote", "details", "dialog", "dir", "div", "dl",
		"fieldset", "figure", "footer", "form", "header", "listing", "main", "menu", "nav", "ol",
		"pre", "section", "select", "table", "ul", "xmp", "plaintext", "noframes", "center")
	set(tagHidden, "script", "style", "template", "noscript", "iframe", "svg", "math", "object",
		"embed", "canvas", "video", "audio", "datalist", "noembed", "frame", "map")
	set(tagVoid, "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
		"meta", "param", "source", "track", "wbr", "frame", "basefont", "bgsound")
	set(tagPCloser, "address", "article", "aside", "blockquote", "center", "details", "dialog",
		"dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
		"h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre",
		"section", "summary", "table", "ul", "li", "dd", "dt", "listing", "xmp", "plaintext")
	set(tagPre, "pre", "listing", "xmp", "plaintext")
	set(tagCode, "code", "kbd", "samp")
	set(tagRawText, "xmp", "plaintext")
	set(tagInert, "template")
	// The elements named below only need interning.
	set(0, "a", "span", "b", "i", "em", "strong", "small", "sub", "sup", "u", "s", "abbr",
		"cite", "q", "time", "mark", "label", "font", "img", "tt", "var", "dfn", "bdi", "bdo")
	return m
}()

// Scope boundaries of the implied end tags.
var (
	scopeP     = []string{"button", "table", "td", "th", "caption", "template", "html", "object", "marquee", "applet"}
	scopeLI    = []string{"ul", "ol", "menu", "dir", "table", "td", "th", "template", "html", "body", "article", "section", "nav", "aside", "header", "footer", "main", "form", "blockquote", "dl"}
	scopeDD    = []string{"dl", "table", "td", "th", "template", "html", "body", "ul", "ol"}
	scopeCell  = []string{"tr", "table", "template", "html"}
	scopeRow   = []string{"table", "tbody", "thead", "tfoot", "template", "html"}
	scopeTable = []string{"table", "template", "html"}
	scopeA     = []string{"table", "td", "th", "caption", "template", "html", "button", "object"}
	scopeOpt   = []string{"select", "datalist", "html"}
)

// roleLandmarks maps ARIA roles to Block.Landmark.
var roleLandmarks = map[string]string{
	"navigation": "nav", "banner": "header", "contentinfo": "footer", "complementary": "aside",
	"main": "main", "article": "article", "form": "form", "search": "form",
}

// hnode is one open element.
type hnode struct {
	tag      string
	info     tagInfo
	landmark string   // the nearest landmark at or above it
	words    []string // its own class and id words
	path     string   // Block.Path when it makes a block; "" until needed
	group    int      // the nearest container's number at or above it
	heading  int
	hidden   bool // it or an ancestor hides its content, which gives no text
	// concealed: it or an ancestor is hidden until a script or a click
	// reveals it (the hidden attribute, an inline display:none or
	// visibility:hidden); its text gives lines of their own, Block.Hidden.
	concealed bool
	// conceals: it is the outermost concealed element, whose start and end
	// end a line of concealed text (two hidden variants side by side are
	// two lines).
	conceals bool
	pre      bool
	code     bool
	link     bool // inside <a href>
	inert    bool
	linkIdx  int // index in links + 1 of the link it opens; 0: none
	// sectioned: it or an ancestor is article, aside, nav, section or
	// main, so a header, footer or aside below it is no landmark (HTML-AAM).
	sectioned bool
}

// htmlExtractor walks the tokens of a page and writes its text (visible and
// hidden lines),
// the offset map of the text to the page, Blocks and Links.
type htmlExtractor struct {
	u     []byte
	xhtml bool
	z     *html.Tokenizer

	stack    []hnode // stack[0] is the document, never popped
	overflow int     // start tags beyond maxHTMLDepth not yet closed
	groups   int

	sb      strings.Builder
	mb      mapBuilder
	done    int // u offset up to which map units were added
	invalid int

	lineOpen     bool // the current line has text
	extending    bool // bytes after the closed line still go to its newline
	closeEnd     int  // the newline of the closed line covers u[done:closeEnd]
	spacePending bool // a space is due before the next character
	spaceAt      int  // the white space it comes from: u[spaceAt:spaceEnd]
	spaceEnd     int
	lastLinkEnd  int // u offset just after the last </a>, for a space between adjacent links
	// concealSeq counts the starts and ends of concealing elements;
	// lineSeq is its value when the current line opened. A line holds
	// either visible or concealed text, and concealed text of one
	// concealing element only.
	concealSeq, lineSeq int

	blocks    []Block
	codeChars int // of the current block

	links    []Link
	linkOpen int // index in links + 1 of the <a> collecting text; 0: none
	linkBuf  []byte

	// cutQuote is the quote character that ended an attribute value of
	// the current start tag inside a tag the value holds (see cutValue),
	// or 0.
	cutQuote byte

	title    string
	titleSet bool
	lang     string
	langSet  bool
}

func newHTMLExtractor(u []byte, xhtml bool) *htmlExtractor {
	x := &htmlExtractor{u: u, xhtml: xhtml, lastLinkEnd: -1}
	x.stack = append(make([]hnode, 0, 64), hnode{})
	x.sb.Grow(len(u) / 4)
	x.blocks = make([]Block, 0, len(u)/256+8)
	return x
}

// run tokenises the whole page.
func (x *htmlExtractor) run() {
	pos := 0
	if bytes.HasPrefix(x.u, []byte("\xef\xbb\xbf")) {
		pos = 3 // the BOM belongs to the first character
	}
	x.z = html.NewTokenizer(bytes.NewReader(x.u[pos:]))
	for {
		z := x.z
		tt := z.Next()
		start := pos
		pos += len(z.Raw())
		extends := false
		switch tt {
		case html.ErrorToken:
			x.finish()
			return
		case html.TextToken:
			x.textToken(start, pos)
		case html.StartTagToken, html.SelfClosingTagToken:
			x.cutQuote = 0
			extends = x.startTag(tt == html.SelfClosingTagToken, start, pos)
			if q := x.cutQuote; q != 0 {
				if e := valueEnd(x.u, pos, q); e > pos {
					// The tag goes on to e: tokenise again from there.
					pos = e
					x.z = html.NewTokenizer(bytes.NewReader(x.u[pos:]))
				}
			}
		case html.EndTagToken:
			extends = true
			x.endTag(start, pos)
		}
		if !x.lineOpen && x.extending {
			if extends {
				x.closeEnd = pos
			} else if tt != html.TextToken {
				x.extending = false
			}
		}
	}
}

// top returns the innermost open element.
func (x *htmlExtractor) top() *hnode { return &x.stack[len(x.stack)-1] }

// startTag handles a start tag at u[start:end]; it reports whether the tag
// is a line break whose bytes go to the newline of the line before (<br>).
func (x *htmlExtractor) startTag(selfClosing bool, start, end int) bool {
	z := x.z
	nameB, hasAttr := z.TagName()
	d, ok := tagTable[string(nameB)]
	if !ok {
		d = tagDesc{name: string(nameB)}
	}
	name := d.name
	// Implied end tags.
	if d.info&tagPCloser != 0 {
		x.closeInScope(scopeP, "p")
	}
	switch name {
	case "li":
		x.closeInScope(scopeLI, "li")
	case "dt", "dd":
		x.closeInScope(scopeDD, "dt", "dd")
	case "td", "th":
		x.closeInScope(scopeCell, "td", "th")
	case "tr":
		x.closeInScope(scopeRow, "tr")
	case "thead", "tbody", "tfoot":
		x.closeInScope(scopeTable, "thead", "tbody", "tfoot")
	case "option":
		x.closeInScope(scopeOpt, "option")
	case "optgroup":
		x.closeInScope(scopeOpt, "option")
		x.closeInScope(scopeOpt, "optgroup")
	case "h1", "h2", "h3", "h4", "h5", "h6":
		if t := x.top(); len(t.tag) == 2 && t.tag[0] == 'h' && t.tag[1] >= '1' && t.tag[1] <= '6' {
			x.pop(len(x.stack) - 1)
		}
	case "a":
		x.closeInScope(scopeA, "a")
	case "body":
		x.closeInScope(nil, "head")
	}

	parent := x.top()
	n := hnode{
		tag: name, info: d.info, landmark: parent.landmark, group: parent.group,
		heading: parent.heading, hidden: parent.hidden || d.info&tagHidden != 0,
		pre: parent.pre || d.info&tagPre != 0, code: parent.code || d.info&tagCode != 0,
		link: parent.link, inert: parent.inert || d.info&tagInert != 0,
		sectioned: parent.sectioned, concealed: parent.concealed,
	}
	switch name {
	case "header", "footer", "aside":
		// As HTML-AAM maps them: a page's banner, content info and
		// complementary content, but only when not scoped to a section of
		// the page (an article's header, a section's footnotes in an
		// <aside>, a note beside a paragraph are part of that section).
		if !parent.sectioned {
			n.landmark = name
		}
	case "nav", "main", "article", "form":
		n.landmark = name
	case "h1", "h2", "h3", "h4", "h5", "h6":
		n.heading = int(name[1] - '0')
	case "dialog":
		n.hidden = true // unless open, below
	}
	switch name {
	case "article", "aside", "nav", "section", "main":
		n.sectioned = true
	}
	// The class and id of <html> and <body> describe the whole page (its
	// layout: "toc-left", "has-sidebar"), not a region of it.
	deep := len(x.stack) > maxWordsDepth*4 || name == "html" || name == "body"
	var href, rel, hreflang, role, level string
	var id []byte
	hasHref := false
	var ct cutTracker
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		if q := ct.attr(name, k, v); q != 0 {
			x.cutQuote = q
		}
		switch string(k) {
		case "class":
			if !deep {
				n.words = appendWords(n.words, v)
			}
			if name == "a" && isPermalink(v) {
				n.hidden = true
			}
		case "id":
			id = v
		case "hidden":
			n.concealed = true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(string(v)), "true") {
				n.hidden = true
			}
		case "style":
			if styleHides(v) {
				n.concealed = true
			}
		case "open":
			if name == "dialog" {
				n.hidden = parent.hidden
			}
		case "role":
			role = strings.ToLower(strings.TrimSpace(string(v)))
		case "aria-level":
			level = strings.TrimSpace(string(v))
		case "href":
			href, hasHref = strings.TrimSpace(string(v)), true
		case "rel":
			rel = strings.ToLower(strings.Join(strings.Fields(string(v)), " "))
		case "hreflang":
			hreflang = strings.ToLower(strings.TrimSpace(string(v)))
		case "lang":
			if name == "html" && !x.langSet {
				x.lang, x.langSet = strings.ToLower(strings.TrimSpace(string(v))), true
			}
		case "xml:lang":
			if name == "html" && !x.langSet && len(v) > 0 {
				x.lang = strings.ToLower(strings.TrimSpace(string(v)))
			}
		}
	}
	if len(id) > 0 && !deep && name != "section" && !slicesContains(n.words, "section") && n.heading == parent.heading {
		// The id of a section of a document (<section>, docutils'
		// div.section) or of a heading is its heading's anchor
		// ("shared-libraries", "the-copyright-file",
		// "_left_toolbar_display_controls"): words of the content, not of
		// the layout.
		n.words = appendWords(n.words, id)
	}
	if role != "" {
		for _, r := range strings.Fields(role) {
			if lm, ok := roleLandmarks[r]; ok {
				n.landmark = lm
				if lm == "main" || lm == "article" || lm == "nav" || lm == "aside" {
					n.sectioned = true
				}
				break
			}
			if r == "heading" {
				n.heading = 2
				if len(level) == 1 && level[0] >= '1' && level[0] <= '6' {
					n.heading = int(level[0] - '0')
				}
				break
			}
		}
	}

	switch name {
	case "link":
		if hasHref && !n.inert {
			relWords := strings.Fields(rel)
			if slicesContains(relWords, "canonical") || slicesContains(relWords, "alternate") && hreflang != "" {
				x.links = append(x.links, Link{Href: href, Rel: rel, HrefLang: hreflang})
			}
		}
	case "a":
		if hasHref && !n.inert {
			x.endLinkText()
			x.links = append(x.links, Link{Href: href, Rel: rel, HrefLang: hreflang})
			n.linkIdx = len(x.links)
			x.linkOpen = n.linkIdx
			x.linkBuf = x.linkBuf[:0]
			n.link = true
			if x.lineOpen && !x.spacePending && x.lastLinkEnd == start && !n.hidden {
				// Adjacent links ("<a>Home</a><a>News</a>") are words apart.
				x.spacePending, x.spaceAt, x.spaceEnd = true, start, start
			}
		}
	}

	if n.concealed && !parent.concealed && d.info&tagVoid == 0 {
		n.conceals = true
		x.concealSeq++
	}
	isBreak := name == "br" || name == "hr"
	if d.info&tagBlock != 0 && !parent.hidden {
		x.brk()
	}
	if d.info&tagVoid != 0 {
		return isBreak
	}
	if selfClosing && x.xhtml {
		// An XML empty element: opened and closed at once.
		if d.info&tagBlock != 0 && !parent.hidden {
			x.brk()
		}
		if n.linkIdx > 0 {
			x.endLinkText()
		}
		if name == "script" || name == "style" || name == "title" || name == "textarea" ||
			name == "iframe" || name == "noscript" || name == "noembed" || name == "noframes" || name == "xmp" {
			z.NextIsNotRawText()
		}
		return false
	}
	if name == "noframes" {
		z.NextIsNotRawText() // a frameset page's text for browsers without frames
	}
	if len(x.stack) >= maxHTMLDepth {
		x.overflow++
		return false
	}
	if d.info&tagContainer != 0 {
		x.groups++
		n.group = x.groups
	}
	if name == "title" && !parent.hidden {
		n.path = "head>title"
		n.landmark, n.group = "", 0
	}
	x.stack = append(x.stack, n)
	return false
}

// endTag handles an end tag at u[start:end].
func (x *htmlExtractor) endTag(start, end int) {
	if x.overflow > 0 {
		x.overflow--
		return
	}
	nameB, _ := x.z.TagName()
	name := string(nameB)
	switch name {
	case "br": // </br> is <br>
		if !x.top().hidden {
			x.brk()
		}
		return
	case "body", "html":
		return // content after them is still the body's
	}
	for i := len(x.stack) - 1; i >= 1 && i >= len(x.stack)-maxScopeSearch; i-- {
		if x.stack[i].tag == name {
			x.pop(i)
			if name == "a" {
				x.lastLinkEnd = end
			}
			return
		}
	}
	if name == "p" && !x.top().hidden { // </p> without <p> makes an empty paragraph
		x.brk()
	}
}

// closeInScope pops the innermost open element named in names, unless an
// element of scope (or the search limit) comes first.
func (x *htmlExtractor) closeInScope(scope []string, names ...string) {
	for i := len(x.stack) - 1; i >= 1 && i >= len(x.stack)-maxScopeSearch; i-- {
		t := x.stack[i].tag
		if slicesContains(names, t) {
			x.pop(i)
			return
		}
		if slicesContains(scope, t) {
			return
		}
	}
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// pop closes the elements stack[i:].
func (x *htmlExtractor) pop(i int) {
	for j := len(x.stack) - 1; j >= i; j-- {
		n := &x.stack[j]
		if n.info&tagBlock != 0 && !x.stack[j-1].hidden {
			x.brk()
		}
		if n.conceals {
			x.concealSeq++
		}
		if n.linkIdx > 0 && n.linkIdx == x.linkOpen {
			x.endLinkText()
		}
	}
	clear(x.stack[i:])
	x.stack = x.stack[:i]
}

// endLinkText sets the text of the link collecting text.
func (x *htmlExtractor) endLinkText() {
	if x.linkOpen == 0 {
		return
	}
	if len(x.linkBuf) > 0 {
		x.links[x.linkOpen-1].Text = collapseText(x.linkBuf)
	}
	x.linkOpen = 0
	x.linkBuf = x.linkBuf[:0]
}

// textToken handles the text u[start:end].
func (x *htmlExtractor) textToken(start, end int) {
	t := x.top()
	if x.linkOpen > 0 && t.info&tagHidden == 0 && len(x.linkBuf) < 4096 {
		x.linkBuf = append(x.linkBuf, x.u[start:end]...)
	}
	if t.tag == "title" && !x.titleSet && !t.hidden {
		x.title, x.titleSet = collapseText(x.u[start:end]), true
	}
	if t.hidden {
		if !x.lineOpen {
			x.extending = false
		}
		return
	}
	x.text(start, end, t.info&tagRawText == 0)
}

// asciiKind classifies ASCII bytes in text: 0 plain, 1 white space, 2 '&',
// 3 a control character.
var asciiKind = func() (k [128]byte) {
	for c := range k {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			k[c] = 1
		case c == '&':
			k[c] = 2
		case c < 0x20 || c == 0x7f:
			k[c] = 3
		}
	}
	return k
}()

// text writes the text u[start:end], decoding entities unless raw.
func (x *htmlExtractor) text(start, end int, entities bool) {
	u := x.u[:end]
	t := x.top()
	pre := t.pre
	for i := start; i < end; {
		c := u[i]
		if c < utf8.RuneSelf {
			switch asciiKind[c] {
			case 0:
				j := i + 1
				for j < end && u[j] < utf8.RuneSelf && asciiKind[u[j]] == 0 {
					j++
				}
				x.visibleASCII(i, j)
				i = j
				continue
			case 1:
				if pre && (c == '\n' || c == '\r') {
					j := i + 1
					if c == '\r' && j < end && u[j] == '\n' {
						j++
					}
					x.preBreak(j)
					i = j
					continue
				}
				x.space(i, i+1)
				i++
				continue
			case 2:
				if entities {
					if s, n := decodeEntity(u[i:]); n > 0 {
						x.entity(s, i, i+n, pre)
						i += n
						continue
					}
				}
				x.visibleASCII(i, i+1)
				i++
				continue
			}
		}
		r, size := decodeRuneMaximal(u[i:])
		if r == utf8.RuneError && !isLiteralFFFD(u[i:]) {
			x.invalid++
		}
		x.rune(r, i, i+size, pre)
		i += size
	}
}

// rune writes one character r taken from u[a:b], applying the rules of the
// plain-text normaliser.
func (x *htmlExtractor) rune(r rune, a, b int, pre bool) {
	if r == '\r' || isNewlineRune(r) {
		if pre {
			x.preBreak(b)
		} else {
			x.space(a, b)
		}
		return
	}
	r = cleanRule(r)
	switch r {
	case drop:
		return // its bytes belong to the next character
	case ' ':
		x.space(a, b)
		return
	}
	x.begin(a)
	n, _ := x.sb.WriteRune(r)
	if n == b-a {
		x.mb.add(1, 1, n)
	} else {
		x.mb.add(n, b-a, 1)
	}
	x.done = b
	x.count(1)
}

// entity writes the decoded entity s taken from u[a:b].
func (x *htmlExtractor) entity(s string, a, b int, pre bool) {
	if r, size := utf8.DecodeRuneInString(s); size == len(s) {
		x.rune(r, a, b, pre)
		return
	}
	var sb []byte
	chars := 0
	for _, r := range s {
		if r = cleanRule(r); r == drop || r == ' ' || r == '\n' {
			continue
		}
		sb = utf8.AppendRune(sb, r)
		chars++
	}
	if len(sb) == 0 {
		return
	}
	x.begin(a)
	x.sb.Write(sb)
	x.mb.add(len(sb), b-a, 1)
	x.done = b
	x.count(chars)
}

// visibleASCII writes u[a:b], printable ASCII other than white space.
func (x *htmlExtractor) visibleASCII(a, b int) {
	x.begin(a)
	x.sb.Write(x.u[a:b])
	x.mb.add(1, 1, b-a)
	x.done = b
	x.count(b - a)
}

// count adds n visible characters to the current block.
func (x *htmlExtractor) count(n int) {
	blk := &x.blocks[len(x.blocks)-1]
	blk.RawEnd = x.done
	t := x.top()
	if t.link {
		blk.LinkChars += n
	}
	if t.code {
		x.codeChars += n
	}
	blk.Chars += n
}

// space notes white space at u[a:b].
func (x *htmlExtractor) space(a, b int) {
	switch {
	case x.lineOpen:
		if !x.spacePending {
			x.spacePending, x.spaceAt, x.spaceEnd = true, a, b
		}
	case x.extending:
		x.closeEnd = b
	}
}

// preBreak ends a line of a <pre> at a line break ending at u offset end.
func (x *htmlExtractor) preBreak(end int) {
	if x.lineOpen {
		x.brk()
	}
	if x.extending {
		x.closeEnd = end
	}
}

// brk ends the current line, if one is open.
func (x *htmlExtractor) brk() {
	if !x.lineOpen {
		return
	}
	x.lineOpen, x.spacePending = false, false
	x.extending, x.closeEnd = true, x.done
	x.endBlock()
}

// endBlock finishes the flags of the current block.
func (x *htmlExtractor) endBlock() {
	blk := &x.blocks[len(x.blocks)-1]
	if !blk.Code && blk.Chars > 0 && x.codeChars == blk.Chars {
		blk.Code = true
	}
	x.codeChars = 0
}

// skipTo adds the bytes u[done:a] as removed: they belong to the next
// character.
func (x *htmlExtractor) skipTo(a int) {
	if a > x.done {
		x.mb.add(0, a-x.done, 1)
		x.done = a
	}
}

// begin prepares the output for a visible character at u offset a: the
// newline ending the previous line, a new block, or a pending space.
func (x *htmlExtractor) begin(a int) {
	if x.lineOpen {
		if hid := x.blocks[len(x.blocks)-1].Hidden; hid != x.top().concealed || hid && x.lineSeq != x.concealSeq {
			x.brk()
		}
	}
	switch {
	case !x.lineOpen:
		if len(x.blocks) > 0 {
			ce := min(max(x.closeEnd, x.done), a)
			x.sb.WriteByte('\n')
			x.mb.add(1, ce-x.done, 1)
			x.done = ce
		}
		x.skipTo(a)
		x.startBlock(a)
		x.lineOpen, x.extending, x.spacePending = true, false, false
	case x.spacePending:
		x.skipTo(x.spaceAt)
		x.sb.WriteByte(' ')
		x.mb.add(1, x.spaceEnd-x.spaceAt, 1)
		x.done = x.spaceEnd
		x.spacePending = false
		x.skipTo(a)
	default:
		x.skipTo(a)
	}
}

// startBlock opens a block for text starting at u offset a.
func (x *htmlExtractor) startBlock(a int) {
	bi := len(x.stack) - 1 // the innermost block element
	for i := len(x.stack) - 1; i >= 1 && i >= len(x.stack)-maxWordsDepth; i-- {
		if x.stack[i].info&tagBlock != 0 && x.stack[i].tag != "html" && x.stack[i].tag != "head" {
			bi = i
			break
		}
	}
	t := x.top()
	bn := &x.stack[bi]
	blk := Block{
		RawStart: a, RawEnd: a, Tag: bn.tag, Path: x.path(bi), Landmark: bn.landmark,
		Words: x.words(bi), Heading: bn.heading, Code: t.pre, Group: t.group, Hidden: t.concealed,
	}
	if bi == 0 || blk.Tag == "" || blk.Tag == "html" || blk.Tag == "head" {
		blk.Tag = "body"
	}
	x.blocks = append(x.blocks, blk)
	x.codeChars = 0
	x.lineSeq = x.concealSeq
}

// path returns Block.Path for the element stack[i].
func (x *htmlExtractor) path(i int) string {
	if i == 0 {
		return "body"
	}
	n := &x.stack[i]
	if n.path != "" {
		return n.path
	}
	var elems []string
	cut := false
	for j := i; j >= 1; j-- {
		switch x.stack[j].tag {
		case "html", "head", "body":
			continue
		}
		if len(elems) == maxPathElems {
			cut = true
			break
		}
		elems = append(elems, x.stack[j].tag)
	}
	var sb strings.Builder
	sb.WriteString("body")
	if cut {
		sb.WriteString(">…")
	}
	for k := len(elems) - 1; k >= 0; k-- {
		sb.WriteByte('>')
		sb.WriteString(elems[k])
	}
	n.path = sb.String()
	return n.path
}

// words returns Block.Words for the element stack[i].
func (x *htmlExtractor) words(i int) []string {
	var out []string
	for j := i; j >= 1 && j > i-maxWordsDepth && len(out) < maxWords; j-- {
		for _, w := range x.stack[j].words {
			if !slicesContains(out, w) && len(out) < maxWords {
				out = append(out, w)
			}
		}
	}
	return out
}

// finish closes the text at the end of the page: the last line's newline
// takes the bytes left.
func (x *htmlExtractor) finish() {
	x.endLinkText()
	if len(x.blocks) == 0 {
		x.skipTo(len(x.u))
		return
	}
	if x.lineOpen {
		x.lineOpen = false
		x.endBlock()
	}
	x.sb.WriteByte('\n')
	x.mb.add(1, len(x.u)-x.done, 1)
	x.done = len(x.u)
}

// hasVisible reports whether the page has text that is not Hidden.
func (x *htmlExtractor) hasVisible() bool {
	for i := range x.blocks {
		if !x.blocks[i].Hidden {
			return true
		}
	}
	return false
}

// finishBlocks sets the Start, End and Chars of the blocks from the final
// text, whose lines they are, one each.
func (x *htmlExtractor) finishBlocks(text string) []Block {
	pos := 0
	for i := range x.blocks {
		b := &x.blocks[i]
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text) - pos
		}
		b.Start, b.End = pos, pos+end
		chars := 0
		for _, r := range text[b.Start:b.End] {
			if r != ' ' {
				chars++
			}
		}
		b.Chars = chars
		b.LinkChars = min(b.LinkChars, chars)
		pos = min(b.End+1, len(text))
	}
	return x.blocks
}

// collapseText returns the text of b with entities decoded, normalised, and
// white space collapsed to single spaces and trimmed.
func collapseText(b []byte) string {
	plain := true
	for _, c := range b {
		if c >= utf8.RuneSelf || c == '&' || c < 0x20 && c != ' ' && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			plain = false
			break
		}
	}
	s := string(b)
	if !plain {
		s = NormalizeString(html.UnescapeString(s))
	}
	return strings.Join(strings.Fields(s), " ")
}

// styleHides reports whether an inline style hides the element
// (display:none or visibility:hidden).
func styleHides(v []byte) bool {
	if len(v) < 11 {
		return false
	}
	s := make([]byte, 0, len(v))
	for _, c := range v {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c >= 'A' && c <= 'Z':
			s = append(s, c+'a'-'A')
		default:
			s = append(s, c)
		}
	}
	return bytes.Contains(s, []byte("display:none")) || bytes.Contains(s, []byte("visibility:hidden"))
}

// appendWords appends the lower-case words of a class or id value to dst:
// split at anything but letters and digits and at lower-to-upper case
// changes; words of digits only are left out, and so are repeats.
func appendWords(dst []string, v []byte) []string {
	s := string(v)
	start := -1
	var prev rune
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.ToLower(s[start:end])
		start = -1
		if strings.Trim(w, "0123456789") == "" || slicesContains(dst, w) {
			return
		}
		dst = append(dst, w)
	}
	for i, r := range s {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case !alnum:
			flush(i)
		case start < 0:
			start = i
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush(i)
			start = i
		}
		prev = r
	}
	flush(len(s))
	return dst
}

// decodeEntity decodes the character reference at the start of b (which
// starts with '&') as the tokenizer would in text. It returns the decoded
// text and the number of bytes it took, or 0 when b holds no reference.
func decodeEntity(b []byte) (string, int) {
	j := 1
	if j < len(b) && b[j] == '#' {
		j++
		if j < len(b) && (b[j] == 'x' || b[j] == 'X') {
			j++
		}
		for j < len(b) && j < 16 && isAlnumASCII(b[j]) {
			j++
		}
	} else {
		for j < len(b) && j < 40 && isAlnumASCII(b[j]) {
			j++
		}
	}
	if j < len(b) && b[j] == ';' {
		j++
	}
	if j == 1 {
		return "", 0
	}
	chunk := string(b[:j])
	s := html.UnescapeString(chunk)
	if s == chunk {
		return "", 0
	}
	// s is the decoded text followed by the part of chunk not taken.
	k := 0
	for k < len(s)-1 && k < len(chunk)-1 && s[len(s)-1-k] == chunk[len(chunk)-1-k] {
		k++
	}
	for k > 0 && !utf8.RuneStart(s[len(s)-k]) {
		k--
	}
	return s[:len(s)-k], j - k
}

func isAlnumASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isPermalink reports whether class, an <a>'s class attribute, marks the
// anchor a documentation generator puts after a heading to link to it
// (Sphinx's "headerlink", whose text is "¶"): a mark of the markup, not
// text of the heading, and absent from the same heading in a table of
// contents.
func isPermalink(class []byte) bool {
	for _, w := range bytes.Fields(class) {
		if string(w) == "headerlink" {
			return true
		}
	}
	return false
}

// rawTextTags are the elements whose start tag puts the tokenizer in a raw
// text state, which a new tokenizer would not know.
var rawTextTags = map[string]bool{"script": true, "style": true, "title": true, "textarea": true,
	"xmp": true, "iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true}

// cutValue reports whether an attribute value ends inside a start tag,
// just after an attribute's "=": '<span class=' of
//
//	<a href="x.html" title="Next: <span class="n">6. </span>Setup">Go Next</a>
//
// (a Sphinx theme that writes a page title holding markup into a title
// attribute, unescaped). The value's quote ended at the quote that was
// meant to open the inner attribute's value, and when the next attribute
// name holds the quote that was meant to close it ('n"'), the tag as the
// browser reads it ends at the inner tag's '>': the rest of the value
// ("6. </span>Setup">Go Next") is text to a browser (the HTML standard's
// missing-whitespace-between-attributes and
// unexpected-character-in-attribute-name errors), though no author wrote it
// as such. The extractor reads the tag as the author meant it: see
// valueEnd.
func cutValue(v []byte) bool {
	if len(v) < 4 || v[len(v)-1] != '=' {
		return false
	}
	lt := bytes.LastIndexByte(v, '<')
	if lt < 0 || lt+1 >= len(v) || (v[lt+1]|0x20 < 'a' || v[lt+1]|0x20 > 'z') {
		return false
	}
	tag := v[lt+1 : len(v)-1]
	return bytes.IndexByte(tag, '>') < 0 && bytes.IndexAny(tag, " \t\n\r\f") > 0
}

// cutTracker follows the attributes of a start tag, in order, for a value
// cut by a tag it holds (see cutValue).
type cutTracker struct {
	cut bool // the last attribute value ends inside a tag
}

// attr takes the next attribute (k, v) of a start tag of element name; it
// returns the quote that ended the cut value (see cutValue) when k shows
// it, else 0.
func (c *cutTracker) attr(name string, k, v []byte) byte {
	var q byte
	if c.cut {
		// The inner attribute's value, up to its closing quote, as
		// names of attributes without values ('x', 'y"' of class="x y").
		if i := bytes.IndexAny(k, `"'`); i >= 0 {
			q, c.cut = k[i], false
		} else if len(v) > 0 {
			c.cut = false
		}
	}
	if !c.cut {
		c.cut = cutValue(v) && !rawTextTags[name]
	}
	return q
}

// CutStartTags returns the byte spans [start, end) of the start tags of
// the HTML page u (UTF-8 or another ASCII-compatible encoding) that hold an
// attribute value cut by its own unescaped markup (see cutValue): a
// browser ends such a tag early and shows the rest of the value as text,
// DecodeHTML reads the tag as its author meant it, to end. A tool that
// reads pages with a standard HTML parser can mend these spans (replace
// each with a start tag of the same element) to read the same text as
// DecodeHTML.
func CutStartTags(u []byte) [][2]int {
	var out [][2]int
	pos := 0
	z := html.NewTokenizer(bytes.NewReader(u))
	for {
		tt := z.Next()
		start := pos
		pos += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			nameB, hasAttr := z.TagName()
			name := string(nameB)
			var ct cutTracker
			var quote byte
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if q := ct.attr(name, k, v); q != 0 {
					quote = q
				}
			}
			if quote == 0 {
				continue
			}
			if e := valueEnd(u, pos, quote); e > pos {
				out = append(out, [2]int{start, e})
				pos = e
				z = html.NewTokenizer(bytes.NewReader(u[pos:]))
			}
		}
	}
}

// maxCutValue bounds how far valueEnd looks for the end of a cut attribute
// value: a title or an alt text, not a page.
const maxCutValue = 1024

// valueEnd returns the end of a start tag whose attribute value, quoted with
// q, was cut by a tag it holds (see cutValue) and whose tag as tokenised
// ends at u[:from]: the '>' after the first q that is outside the tags the
// rest of the value holds (their own quoted attribute values skipped), with
// no '<' between them, within maxCutValue bytes. It returns 0 when there is
// none, and the tag stays as a browser reads it.
func valueEnd(u []byte, from int, q byte) int {
	end := min(len(u), from+maxCutValue)
	for i := from; i < end; i++ {
		switch c := u[i]; {
		case c == q:
			for j := i + 1; j < end; j++ {
				switch u[j] {
				case '>':
					return j + 1
				case '<':
					return 0
				}
			}
			return 0
		case c == '<' && i+1 < end && (isAlnumASCII(u[i+1]) || u[i+1] == '/'):
			// A tag inside the value: skip it with its quoted values.
			var inq byte
			j := i + 1
			for ; j < end; j++ {
				b := u[j]
				if inq != 0 {
					if b == inq {
						inq = 0
					}
					continue
				}
				if b == '"' || b == '\'' {
					inq = b
				} else if b == '>' {
					break
				}
			}
			i = j
		}
	}
	return 0
}

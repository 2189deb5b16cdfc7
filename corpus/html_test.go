package corpus

import (
	"bytes"
	"errors"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// checkHTMLDocument verifies the invariants of a decoded HTML document:
// Text is lines ending in LF, none blank, one Block each, in order and in
// bounds; RawOffset is monotonic from 0 to len(Raw), so the lines cover Raw
// exactly once; each Block's raw range lies inside its line's raw span.
func checkHTMLDocument(t testing.TB, d *Document) {
	t.Helper()
	if d.Format != FormatHTML {
		t.Fatalf("Format = %q", d.Format)
	}
	if !strings.HasSuffix(d.Text, "\n") {
		t.Fatalf("Text does not end with a newline: %+q", d.Text)
	}
	if !norm.NFC.IsNormalString(d.Text) || !utf8ValidString(d.Text) {
		t.Fatalf("Text is not NFC UTF-8: %+q", d.Text)
	}
	lines := strings.SplitAfter(d.Text, "\n")
	lines = lines[:len(lines)-1]
	if len(lines) != len(d.Blocks) {
		t.Fatalf("%d lines, %d blocks: %+q", len(lines), len(d.Blocks), d.Text)
	}
	if got := d.RawOffset(0); got != 0 {
		t.Fatalf("RawOffset(0) = %d", got)
	}
	if got := d.RawOffset(len(d.Text)); got != len(d.Raw) {
		t.Fatalf("RawOffset(len) = %d, want %d", got, len(d.Raw))
	}
	prev := 0
	for i := 0; i <= len(d.Text); i++ {
		o := d.RawOffset(i)
		if o < prev || o > len(d.Raw) {
			t.Fatalf("RawOffset(%d) = %d after %d (len(Raw) %d)", i, o, prev, len(d.Raw))
		}
		prev = o
	}
	pos, rawPrev := 0, 0
	for i, b := range d.Blocks {
		line := strings.TrimSuffix(lines[i], "\n")
		if b.Start != pos || b.End != pos+len(line) {
			t.Fatalf("block %d [%d:%d], line at [%d:%d]", i, b.Start, b.End, pos, pos+len(line))
		}
		if strings.TrimSpace(line) != line || line == "" || strings.Contains(line, "  ") {
			t.Fatalf("line %d %+q is blank or not trimmed or has double spaces", i, line)
		}
		if b.RawStart < rawPrev || b.RawEnd < b.RawStart || b.RawEnd > len(d.Raw) {
			t.Fatalf("block %d raw [%d:%d] after %d", i, b.RawStart, b.RawEnd, rawPrev)
		}
		if a, e := d.RawOffset(b.Start), d.RawOffset(b.End+1); b.RawStart < a || b.RawEnd > e {
			t.Fatalf("block %d raw [%d:%d] outside its line's span [%d:%d]", i, b.RawStart, b.RawEnd, a, e)
		}
		if b.Chars <= 0 || b.LinkChars > b.Chars || b.Tag == "" || !strings.HasPrefix(b.Path, "body") && b.Path != "head>title" {
			t.Fatalf("block %d: %+v", i, b)
		}
		rawPrev = b.RawEnd
		pos += len(lines[i])
	}
}

func utf8ValidString(s string) bool {
	return !strings.ContainsRune(s, 0) && strings.ToValidUTF8(s, "\uFFFD") == s
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// checkBlockSources checks, for pages without hidden markup inside blocks,
// that the raw bytes of each block, with tags removed, entities decoded and
// white space collapsed, give the block's text.
func checkBlockSources(t testing.TB, d *Document) {
	t.Helper()
	for i, b := range d.Blocks {
		raw := d.Raw[b.RawStart:b.RawEnd]
		dec, _, err := transform.Bytes(decoderFor(t, d.Encoding), raw)
		if err != nil {
			t.Fatal(err)
		}
		s := html.UnescapeString(tagRE.ReplaceAllString(string(dec), ""))
		s = strings.Join(strings.Fields(NormalizeString(s)), " ")
		if got := d.Text[b.Start:b.End]; s != got {
			t.Errorf("block %d: raw %+q gives %+q, text %+q", i, raw, s, got)
		}
	}
}

// decoderFor returns the x/text decoder of any encoding the decoder supports.
func decoderFor(t testing.TB, name string) transform.Transformer {
	e, err := lookupEncoding(name)
	if err != nil {
		t.Fatal(err)
	}
	switch e.kind {
	case encCharmap:
		return e.cm.NewDecoder()
	case encMultiByte:
		return e.x.NewDecoder()
	}
	return xDecoder(t, name)
}

func decodeHTMLString(t testing.TB, s string) *Document {
	t.Helper()
	d, err := DecodeHTML([]byte(s), "", "")
	if err != nil {
		t.Fatalf("DecodeHTML(%+q): %v", s, err)
	}
	checkHTMLDocument(t, d)
	return d
}

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // lines of Text
	}{
		{"no markup", "Hello   world", []string{"Hello world"}},
		{"no body", "<title>T</title><p>Hello <b>world</b></p>", []string{"T", "Hello world"}},
		{"inline joins", "<p>a<b>b</b><i>c</i> <em>d</em> <code>e</code><span>f</span></p>", []string{"abc d ef"}},
		{"blocks break", "<div>one<div>two</div>three</div><section>four</section>", []string{"one", "two", "three", "four"}},
		{"unclosed tags", "<div><p>One<p>Two<ul><li>A<li>B</ul><span>x", []string{"One", "Two", "A", "B", "x"}},
		{"unclosed inline", "<p><b>bold <i>both</p><p>next", []string{"bold both", "next"}},
		{"table cells", "<table><tr><td>a</td><td>b<td>c<tr><th>d</table>", []string{"a", "b", "c", "d"}},
		{"nested table", "<table><tr><td>a<table><tr><td>b</td></tr></table>c</td><td>d</td></tr></table>", []string{"a", "b", "c", "d"}},
		{"definition list", "<dl><dt>term<dd>def<dt>t2</dl>", []string{"term", "def", "t2"}},
		{"br and hr", "a<br>b<br/>c<hr>d</br>e", []string{"a", "b", "c", "d", "e"}},
		{"pre lines", "<p>x</p><pre>\nl1\n\n   l2  indented\r\nl3</pre>", []string{"x", "l1", "l2 indented", "l3"}},
		{"white space", "<p>\n  a \t\n b&nbsp;&nbsp;c\u00a0d\u2028e </p>", []string{"a b c d e"}},
		{"entities", "<p>&amp; &lt;t&gt; &copy2023 &#x41;&#66;&#0; &notit; &bogus; & x</p>", []string{"& <t> ©2023 AB\ufffd ¬it; &bogus; & x"}},
		{"invisible and controls", "<p>a\u200bb\u00adc\x01d</p>", []string{"abcd"}},
		{"script style template noscript", "<p>a</p><script>x<p>no</p></script><style>p{}</style><template><p>no</p></template><noscript><p>no</p></noscript><p>b</p>", []string{"a", "b"}},
		{"hidden attributes", `<p hidden>h1</p><div aria-hidden="true">no</div><div aria-hidden="false">yes</div><p style="color:red; DISPLAY : none">h2</p><span style="visibility:hidden">h3</span>`, []string{"~h1", "yes", "~h2", "~h3"}},
		{"hidden inside aria-hidden", `<div aria-hidden="true"><p hidden>no</p></div><p>yes</p>`, []string{"yes"}},
		{"hidden variants", `<p><span hidden="true" class="WRITER">Tables:</span><span hidden="true" class="CALC">Sheets:</span> <b>a</b> b</p>`, []string{"~Tables:", "~Sheets:", "a b"}},
		{"hidden inline", `<p>Click <span hidden>x <b>y</b></span> here <span style="display:none"></span>now</p>`, []string{"Click", "~x y", "here now"}},
		{"hidden tab panels", `<div role="tabpanel"><p>one</p></div><div role="tabpanel" hidden><p>two</p><p>three <span hidden>four</span></p></div><p>five</p>`, []string{"one", "~two", "~three four", "five"}},
		{"hidden void", `<p>a <input hidden value=x> b <img hidden alt=x> c</p>`, []string{"a b c"}},
		{"closed details", `<details><summary>S</summary><p>body</p></details>`, []string{"S", "body"}},
		{"permalink anchor", `<h2>1.2. Tools<a class="headerlink" href="#tools" title="Permalink">¶</a></h2><p><a class="reference" href="#tools">¶ kept</a></p>`, []string{"1.2. Tools", "¶ kept"}},
		{"hidden nested", "<div hidden><p>x</p><div><p>y</p></div></div><p>z</p>", []string{"~x", "~y", "z"}},
		{"head content", "<html><head><meta charset=utf-8><title>Title</title><link rel=x href=y><script>s</script></head><body>Body</body></html>", []string{"Title", "Body"}},
		{"svg and iframe", "<p>a<svg><title>icon</title><text>t</text></svg>b</p><iframe>fallback <b>x</b></iframe><p>c</p>", []string{"ab", "c"}},
		{"frames", "<html><head><title>F</title></head><frameset cols=50%,50%><frame src=a.html><frame src=b.html><noframes><body><p>Your browser has no frames.</p><p>Go <a href=a.html>here</a>.</p></body></noframes></frameset></html>", []string{"F", "Your browser has no frames.", "Go here."}},
		{"xhtml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\"><head><title>X</title><script type=\"text/javascript\" src=\"a.js\"/></head><body><p>Text<br/>more</p><div/>after</body></html>", []string{"X", "Text", "more", "after"}},
		{"adjacent links", `<div><a href="/">Home</a><a href="/n">News</a> <a href="/c">Contact</a></div>`, []string{"Home News Contact"}},
		{"closed dialog", `<dialog><p>no</p></dialog><dialog open><p>yes</p></dialog>`, []string{"yes"}},
		{"comments and doctype", "<!DOCTYPE html><!-- <p>no</p> --><p>a<!-- x -->b</p>", []string{"ab"}},
		{"raw less-than", "<p>a < b and 1<2 <3</p>", []string{"a < b and 1<2 <3"}},
		{"xmp is raw text", "<xmp>&amp; <b>x</b></xmp>", []string{"&amp; <b>x</b>"}},
		{"select options", "<select><option>English<option selected>Русский</select>", []string{"English", "Русский"}},
		{"nfc", "<p>Cafe\u0301</p>", []string{"Café"}},
		{"utf-8 bom", "\ufeff<p>a</p>", []string{"a"}},
		{"textarea rcdata", "<textarea>a &lt;b&gt;</textarea>", []string{"a <b>"}},
		// An attribute value holding a tag, unescaped, whose quote cut the
		// value (a Sphinx theme's title="Previous topic: <span
		// class="section-number">"): a browser shows the rest of the value
		// as text ('6. Setting up sbuild">Go Previous'); the extractor
		// reads the tag as its author meant it (see cutValue).
		{"tag cut by its attribute's markup", `<p><a href="s.html"` + "\n" + `  title="Previous topic: <span class="section-number">6. </span>Setting up sbuild">Go Previous</a> here</p>`, []string{"Go Previous here"}},
		{"cut by markup, several tags", `<p><a href="x" title="A <b class="x y">bold</b> and <i class='z'>it</i> title" class="c">Next</a></p>`, []string{"Next"}},
		{"cut by markup, single quotes", `<p><img alt='<em class='q'>x</em>'> after</p>`, []string{"after"}},
		{"cut by markup, void element", `<p>a <img alt="<em class="q">x</em>"> b</p>`, []string{"a b"}},
		{"stray quote, no markup", `<p><a href="y" class="foo"bar">Typo link</a> stays</p>`, []string{"Typo link stays"}},
		{"markup in a value, not cut", `<p><a title='<span class="n">6.</span> Setup'>Go</a></p>`, []string{"Go"}},
		{"cut by markup, no end in reach", `<p><a title="<span class="n">6. ` + strings.Repeat("x ", 600) + `">Go</a></p>`, []string{"6. " + strings.Repeat("x ", 600) + `">Go`}},
		{"cut by markup, a tag before the quote", `<p><a title="<span class="n">6. <b>x</b>`, []string{"6. x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decodeHTMLString(t, tt.in)
			got := strings.Split(strings.TrimSuffix(d.Text, "\n"), "\n")
			for i, b := range d.Blocks {
				if b.Hidden && i < len(got) {
					got[i] = "~" + got[i] // a hidden line
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("lines = %+q, want %+q (~: Hidden)", got, tt.want)
			}
		})
	}
}

// TestCutStartTags checks that the spans CutStartTags gives are the start
// tags that DecodeHTML reads as their authors meant them.
func TestCutStartTags(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string // the spans' text
	}{
		{"sphinx navigation", `<p><a href="s.html"` + "\n" + `  title="Previous topic: <span class="section-number">6. </span>Setting up sbuild">Go Previous</a> <a title="Next: <span class="n">7. </span>KDE">Go Next</a></p>`,
			[]string{`<a href="s.html"` + "\n" + `  title="Previous topic: <span class="section-number">6. </span>Setting up sbuild">`, `<a title="Next: <span class="n">7. </span>KDE">`}},
		{"several tags", `<p><a href="x" title="A <b class="x y">bold</b> and <i class='z'>it</i> title" class="c">Next</a></p>`,
			[]string{`<a href="x" title="A <b class="x y">bold</b> and <i class='z'>it</i> title" class="c">`}},
		{"stray quote, no markup", `<p><a href="y" class="foo"bar">Typo link</a> stays</p>`, nil},
		{"markup in a value, not cut", `<p><a title='<span class="n">6.</span> Setup'>Go</a></p>`, nil},
		{"no end in reach", `<p><a title="<span class="n">6. ` + strings.Repeat("x ", 600) + `">Go</a></p>`, nil},
		{"in a script", `<script>var a = '<a title="<span class="n">6.</span>">';</script><p>x</p>`, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range CutStartTags([]byte(tt.page)) {
			got = append(got, tt.page[sp[0]:sp[1]])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: CutStartTags = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestHTMLBlocks(t *testing.T) {
	raw, err := os.ReadFile("testdata/html/article.html")
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeHTML(raw, "", "")
	if err != nil {
		t.Fatal(err)
	}
	checkHTMLDocument(t, d)
	checkBlockSources(t, d)
	if d.Title != "River cleanup & flood news | Example Press" || d.HTMLLang != "en-gb" || d.Encoding != "utf-8" {
		t.Errorf("Title %q, HTMLLang %q, Encoding %q", d.Title, d.HTMLLang, d.Encoding)
	}
	byText := map[string]Block{}
	for _, b := range d.Blocks {
		byText[d.Text[b.Start:b.End]] = b
	}
	get := func(s string) Block {
		b, ok := byText[s]
		if !ok {
			t.Fatalf("no block %q in %+q", s, d.Text)
		}
		return b
	}
	type want struct {
		text, tag, path, landmark string
		words                     []string
		heading                   int
		code                      bool
		linkChars                 int
	}
	for _, w := range []want{
		{"River cleanup & flood news | Example Press", "title", "head>title", "", nil, 0, false, 0},
		{"Home", "li", "body>header>nav>ul>li", "nav", []string{"main", "menu", "site", "header", "top"}, 0, false, 4},
		{"We use cookies.", "div", "body>div", "", []string{"cookie", "banner"}, 0, false, 0},
		{"Volunteers clean the river", "h1", "body>main>article>h1", "article", []string{"post"}, 1, false, 0},
		{"The work took five hours.", "p", "body>main>article>p", "article", []string{"post"}, 0, false, 9},
		{"It will continue in May.", "p", "body>main>article>p", "article", []string{"post"}, 0, false, 0},
		{"make run", "pre", "body>main>article>pre", "article", []string{"post"}, 0, true, 0},
		{"./bin/paraline run", "pre", "body>main>article>pre", "article", []string{"post"}, 0, true, 0},
		{"2023", "td", "body>main>article>table>tr>td", "article", []string{"post"}, 0, false, 0},
		{"Related news", "h2", "body>aside>h2", "aside", nil, 2, false, 0},
		{"Flood forecast", "li", "body>aside>ul>li", "aside", nil, 0, false, 13},
		{"© 2024 Example Press", "footer", "body>footer", "footer", nil, 0, false, 0},
	} {
		b := get(w.text)
		if b.Tag != w.tag || b.Path != w.path || b.Landmark != w.landmark || !slices.Equal(b.Words, w.words) ||
			b.Heading != w.heading || b.Code != w.code || b.LinkChars != w.linkChars {
			t.Errorf("%q: got %+v, want %+v", w.text, b, w)
		}
	}
	if b := get("More than 200 volunteers cleaned the banks of the river on Saturday, the city said."); b.Chars != 69 {
		t.Errorf("Chars = %d, want 69", b.Chars)
	}
	// Groups: the cells of a table, the lines of a pre, the items of a
	// list share one; different containers differ.
	if get("Year").Group != get("4.5").Group || get("make run").Group != get("./bin/paraline run").Group ||
		get("Home").Group != get("News").Group || get("Home").Group == get("Year").Group || get("Year").Group == 0 {
		t.Errorf("groups: %+v", d.Blocks)
	}
	wantLinks := []Link{
		{Href: "https://example.org/en/river.html", Rel: "canonical"},
		{Href: "/ru/river.html", Rel: "alternate", HrefLang: "ru"},
		{Href: "/", Text: "Home"},
		{Href: "/news/", Text: "News"},
		{Href: "/about", Text: "five hours"},
		{Href: "/a", Text: "Flood forecast"},
	}
	if !slices.Equal(d.Links, wantLinks) {
		t.Errorf("Links = %+v\nwant %+v", d.Links, wantLinks)
	}
	// Cutting Raw at the line boundaries gives each line's markup.
	h1 := get("Volunteers clean the river")
	if got := string(d.Raw[d.RawOffset(h1.Start):d.RawOffset(h1.End+1)]); got != "<main>\n<article class=\"post\">\n<h1>Volunteers clean the river</h1>\n" {
		t.Errorf("h1 line raw = %q", got)
	}
}

func TestHTMLWordsAndRoles(t *testing.T) {
	d := decodeHTMLString(t, `<body><div class="sidebarMenu col-md-3 toc_list" id="leftNav"><div role="navigation"><p>x</p></div></div>`+
		`<div role="contentinfo"><p role="heading" aria-level="3">y</p></div><div role="banner">z</div><div role="complementary">w</div>`)
	want := []struct {
		landmark string
		words    []string
		heading  int
	}{
		{"nav", []string{"sidebar", "menu", "col", "md", "toc", "list", "left", "nav"}, 0},
		{"footer", nil, 3},
		{"header", nil, 0},
		{"aside", nil, 0},
	}
	for i, w := range want {
		b := d.Blocks[i]
		if b.Landmark != w.landmark || !slices.Equal(b.Words, w.words) || b.Heading != w.heading {
			t.Errorf("block %d: %+v, want %+v", i, b, w)
		}
	}
}

// TestHTMLScopedLandmarksAndWords: a header, footer or aside inside a
// section of the page is part of it (HTML-AAM); the class of <body> names
// the page's layout and a section's id its heading, neither a region.
func TestHTMLScopedLandmarksAndWords(t *testing.T) {
	d := decodeHTMLString(t, `<html class="no-js"><body class="article toc2 toc-left">`+
		`<header><p>Site</p></header>`+
		`<main><article><header><h1>Title</h1></header><section id="shared-libraries"><p>Text.</p>`+
		`<aside class="footnote" id="fn1"><p>Note.</p></aside></section></article></main>`+
		`<div class="section" id="the-copyright-file"><p>More.</p></div>`+
		`<h3 id="_left_toolbar" class="x">Left toolbar</h3>`+
		`<aside><p>Beside</p></aside><footer><p>End</p></footer>`)
	want := []struct {
		text, landmark string
		words          []string
	}{
		{"Site", "header", nil},
		{"Title", "article", nil},
		{"Text.", "article", nil},
		{"Note.", "article", []string{"footnote", "fn1"}},
		{"More.", "", []string{"section"}},
		{"Left toolbar", "", []string{"x"}},
		{"Beside", "aside", nil},
		{"End", "footer", nil},
	}
	if len(d.Blocks) != len(want) {
		t.Fatalf("%d blocks, want %d: %+v", len(d.Blocks), len(want), d.Blocks)
	}
	for i, w := range want {
		b := d.Blocks[i]
		if got := d.Text[b.Start:b.End]; got != w.text || b.Landmark != w.landmark || !slices.Equal(b.Words, w.words) {
			t.Errorf("block %d %q: landmark %q words %q, want %+v", i, got, b.Landmark, b.Words, w)
		}
	}
}

func TestHTMLLooseText(t *testing.T) {
	for _, in := range []string{"loose", "<html>loose", "<head>loose", "<html><head></head>loose", "<body>loose"} {
		d := decodeHTMLString(t, in)
		if b := d.Blocks[0]; b.Tag != "body" || b.Path != "body" || b.Group != 0 || b.Landmark != "" {
			t.Errorf("%q: %+v", in, b)
		}
	}
}

func TestHTMLCodeBlocks(t *testing.T) {
	d := decodeHTMLString(t, "<p>Run <code>make</code> first.</p><p><code>go test ./...</code></p><div class=highlight><code>x := 1</code></div>")
	for i, want := range []bool{false, true, true} {
		if d.Blocks[i].Code != want {
			t.Errorf("block %d %q: Code = %v", i, d.Text[d.Blocks[i].Start:d.Blocks[i].End], d.Blocks[i].Code)
		}
	}
}

func TestHTMLOffsetsCutMarkup(t *testing.T) {
	in := "<html><body>\n<p>One <b>two</b></p>\n<script>x</script>\n<p>Three</p>\n</body></html>\n"
	d := decodeHTMLString(t, in)
	var parts []string
	start := 0
	for i := 0; i < len(d.Text); i++ {
		if d.Text[i] == '\n' {
			parts = append(parts, string(d.Raw[d.RawOffset(start):d.RawOffset(i+1)]))
			start = i + 1
		}
	}
	want := []string{"<html><body>\n<p>One <b>two</b></p>\n", "<script>x</script>\n<p>Three</p>\n</body></html>\n"}
	if !slices.Equal(parts, want) {
		t.Errorf("line markup = %+q, want %+q", parts, want)
	}
	checkBlockSources(t, d)
	// A cut inside a line maps inside its markup: "two" starts after <b>.
	i := strings.Index(d.Text, "two")
	if got := string(d.Raw[d.RawOffset(i):]); !strings.HasPrefix(got, "two</b>") && !strings.HasPrefix(got, "<b>two") {
		t.Errorf("RawOffset(two) cuts %q", got)
	}
}

func TestHTMLCharset(t *testing.T) {
	ru := "Министры обсудили сотрудничество"
	cp1251 := func(s string) []byte {
		b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	koi8 := func(s string) []byte {
		b, err := charmap.KOI8R.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page := func(meta string, body []byte) []byte {
		return append([]byte("<html><head>"+meta+"<title>t</title></head><body><p>"), append(body, "</p></body></html>"...)...)
	}
	tests := []struct {
		name, contentType, force string
		raw                      []byte
		wantEnc, wantText        string
	}{
		{"windows-1251 in meta only", "", "", page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`, cp1251(ru)), "windows-1251", ru},
		{"meta charset", "", "", page(`<meta charset="koi8-r">`, koi8(ru)), "koi8-r", ru},
		// Sniffing never gives ISO-8859-5: this one comes from the meta.
		{"meta beats sniffing", "", "", page(`<meta charset=iso-8859-5>`, []byte("\xbc\xd8\xdd")), "iso-8859-5", "Мин"},
		{"http beats meta", "text/html; charset=KOI8-R", "", page(`<meta charset="windows-1251">`, koi8(ru)), "koi8-r", ru},
		{"http quoted", `text/html;charset="windows-1251"`, "", page(`<meta charset="koi8-r">`, cp1251(ru)), "windows-1251", ru},
		{"bom beats http", "text/html; charset=koi8-r", "", append([]byte("\xef\xbb\xbf"), page("", []byte(ru))...), "utf-8", ru},
		{"declared latin-1 but utf-8", "", "", page(`<meta charset="iso-8859-1">`, []byte("café "+ru)), "utf-8", "café " + ru},
		{"meta utf-16 reads as utf-8", "", "", page(`<meta charset="utf-16">`, []byte(ru)), "utf-8", ru},
		{"unknown meta charset sniffs", "", "", page(`<meta charset="x-no-such">`, cp1251(ru)), "windows-1251", ru},
		{"xml declaration", "", "", append([]byte(`<?xml version="1.0" encoding="koi8-r"?>`), page("", koi8(ru))...), "koi8-r", ru},
		{"sniffed", "", "", page("", cp1251(ru)), "windows-1251", ru},
		{"forced", "", "koi8-r", page(`<meta charset="windows-1251">`, koi8(ru)), "koi8-r", ru},
		{"shift_jis in meta", "", "", page(`<meta charset="Shift_JIS">`, encodeX(t, "shift_jis", "川の清掃 Cafe")), "shift_jis", "川の清掃 Cafe"},
		{"gbk in http", "text/html; charset=gb2312", "", page(`<meta charset="utf-8">`, encodeX(t, "gbk", "河流清理")), "gbk", "河流清理"},
		{"euc-kr in meta", "", "", page(`<meta http-equiv="content-type" content="text/html; charset=euc-kr">`, encodeX(t, "euc-kr", "강 청소")), "euc-kr", "강 청소"},
		{"big5 forced", "", "big5", page("", encodeX(t, "big5", "河流清理")), "big5", "河流清理"},
		{"utf-16le bom", "", "", encodeForTest(t, encoding{kind: encUTF16LE}, "\ufeff"+string(page("", []byte(ru)))), "utf-16le", ru},
		{"utf-16be bom", "", "", encodeForTest(t, encoding{kind: encUTF16BE}, "\ufeff"+string(page("", []byte(ru)))), "utf-16be", ru},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DecodeHTML(tt.raw, tt.contentType, tt.force)
			if err != nil {
				t.Fatal(err)
			}
			checkHTMLDocument(t, d)
			checkBlockSources(t, d)
			if d.Encoding != tt.wantEnc || d.Text != "t\n"+tt.wantText+"\n" {
				t.Errorf("Encoding %q Text %+q, want %q %+q", d.Encoding, d.Text, tt.wantEnc, "t\n"+tt.wantText+"\n")
			}
		})
	}
}

// encodeX encodes s in a multi-byte charset with golang.org/x/text.
func encodeX(t testing.TB, name, s string) []byte {
	t.Helper()
	e, err := lookupEncoding(name)
	if err != nil || e.kind != encMultiByte {
		t.Fatalf("%s: %v", name, err)
	}
	b, err := e.x.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDecodeMultiByte checks plain text in multi-byte charsets: the text
// equals x/text's decoding, invalid bytes are counted, and the offset map
// cuts Raw at character boundaries.
func TestDecodeMultiByte(t *testing.T) {
	for _, tt := range []struct{ enc, text string }{
		{"shift_jis", "川の清掃。\nボランティア200人 (ok)\r\n"},
		{"euc-jp", "川の清掃。\nボランティア\n"},
		{"gbk", "河流清理。\n志愿者二百人\n"},
		{"gb18030", "河流清理 € 😀\n"},
		{"big5", "河流清理。\n"},
		{"euc-kr", "강 청소\n자원봉사자\n"},
	} {
		t.Run(tt.enc, func(t *testing.T) {
			raw := encodeX(t, tt.enc, tt.text)
			raw = append(raw, 0x81) // a lone lead byte at the end
			d, err := DecodeNormalize(raw, tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.ReplaceAll(tt.text, "\r\n", "\n") + "\ufffd"
			if d.Text != want || d.Invalid != 1 || d.Encoding != tt.enc {
				t.Fatalf("Text %+q Invalid %d Encoding %q, want %+q 1", d.Text, d.Invalid, d.Encoding, want)
			}
			prev := 0
			for i := range d.Text {
				if !utf8.RuneStart(d.Text[i]) {
					continue
				}
				o := d.RawOffset(i)
				if o < prev {
					t.Fatalf("RawOffset(%d) = %d after %d", i, o, prev)
				}
				dec, _, err := transform.Bytes(decoderFor(t, tt.enc), d.Raw[prev:o])
				if err != nil || strings.ContainsRune(string(dec), utf8.RuneError) {
					t.Fatalf("raw [%d:%d] %x is not whole characters: %q %v", prev, o, d.Raw[prev:o], dec, err)
				}
				prev = o
			}
		})
	}
	if _, err := LookupEncoding("iso-2022-jp"); !errors.Is(err, ErrUnknownEncoding) {
		t.Errorf("iso-2022-jp: %v", err)
	}
}

func TestHTMLCharsetFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/html/cp1251-meta.html")
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeHTML(raw, "", "")
	if err != nil {
		t.Fatal(err)
	}
	checkHTMLDocument(t, d)
	checkBlockSources(t, d)
	if d.Encoding != "windows-1251" || d.Title != "Новости региона" || d.HTMLLang != "ru" {
		t.Errorf("Encoding %q Title %q HTMLLang %q", d.Encoding, d.Title, d.HTMLLang)
	}
	if !strings.Contains(d.Text, "Министры обсудили региональное сотрудничество и торговлю.") {
		t.Errorf("Text = %q", d.Text)
	}
}

func TestHTMLBadInput(t *testing.T) {
	tests := []struct {
		name    string
		raw     []byte
		wantErr error
		want    string // Text
	}{
		{"empty file", nil, ErrEmpty, ""},
		{"only markup", []byte("<!DOCTYPE html><html><head></head><body> </body></html>"), ErrEmpty, ""},
		{"only hidden text", []byte("<script>var a</script><p hidden>x</p>"), ErrEmpty, ""},
		{"NUL bytes", []byte("<html><body>\x00\x01\x00</body></html>"), ErrBinary, ""},
		{"truncated tag", []byte("<p>text<b"), nil, "text\n"},
		{"truncated comment", []byte("<p>text</p><!-- never closed <p>x</p>"), nil, "text\n"},
		{"stray end tags", []byte("</div></p></li><p>a</span></table>b</p>c"), nil, "ab\nc\n"},
		{"unclosed script", []byte("<p>a</p><script>if (a < b) { x = '</p>'"), nil, "a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DecodeHTML(tt.raw, "", "")
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !errors.Is(d.Err, tt.wantErr) || d.Text != "" || d.Raw != nil {
					t.Fatalf("err %v, want %v (Text %q)", err, tt.wantErr, d.Text)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkHTMLDocument(t, d)
			if d.Text != tt.want {
				t.Errorf("Text = %+q, want %+q", d.Text, tt.want)
			}
		})
	}
}

// TestHTMLHostile covers inputs that must stay fast and bounded: 10 MB of
// inline script, 100k levels of nesting, 100k unclosed inline tags.
func TestHTMLHostile(t *testing.T) {
	tests := []struct {
		name     string
		raw      []byte
		want     string
		maxAlloc uint64 // bytes allocated while decoding
	}{
		{"10 MB inline script", []byte("<p>before</p><script>" + strings.Repeat("var a = '<p>x</p>'; // <!-- \n", 10<<20/30) + "</script><p>after</p>"), "before\nafter\n", 48 << 20},
		{"100k nested divs", []byte(strings.Repeat("<div class=a>", 100000) + "deep" + strings.Repeat("</div>", 100000) + "<p>out</p>"), "deep\nout\n", 32 << 20},
		{"100k unclosed inline", []byte("<p>" + strings.Repeat("<b>x", 100000) + "</p><p>end</p>"), strings.Repeat("x", 100000) + "\nend\n", 32 << 20},
		{"100k nested tables", []byte(strings.Repeat("<table><tr><td>", 100000) + "cell"), "cell\n", 32 << 20},
		{"100k stray end tags", []byte(strings.Repeat("<div>", 1000) + strings.Repeat("</span>", 100000) + "z"), "z\n", 32 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			d, err := DecodeHTML(tt.raw, "", "")
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.want {
				t.Errorf("Text = %.80q…, want %.80q…", d.Text, tt.want)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > tt.maxAlloc {
				t.Errorf("allocated %d MB for %d MB of input, want at most %d MB", alloc>>20, len(tt.raw)>>20, tt.maxAlloc>>20)
			}
			t.Logf("%d bytes in %v", len(tt.raw), elapsed)
			checkHTMLDocument(t, d)
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"doctype", "<!DOCTYPE html>\n<p>x", true},
		{"html", "\n  <html lang=en><p>x", true},
		{"head after comment", "<!-- saved from url -->\n<HEAD><TITLE>x</TITLE>", true},
		{"body", "<body>text</body>", true},
		{"xml declaration then html", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"bom", "\ufeff<!doctype html>", true},
		{"fragment with many tags", "<div class=a><p>One</p><p>Two <a href=x>link</a></p><ul><li>a</li></ul></div>", true},
		{"plain text", "Ministers discussed cooperation.\nThe talks continue.", false},
		{"mentions <b> once", "Use the <b> tag to make text bold, as in HTML.\nThat is all.", false},
		{"mentions a few tags", "Tags such as <p>, <div> and <span> are common.", false},
		{"text quoting many tags", "Example:\n\n  <html><head><title>Test</title></head><body><h1>Parse me!</h1><p>a<br>b</p><div>c</div></body></html>\n", false},
		{"json of html snippets", `{"a": "<p>One</p><p>Two <a href=x>link</a></p><ul><li>a</li></ul><div>x</div>"}`, false},
		{"xml that is not html", "<?xml version=\"1.0\"?><root><item/></root>", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LooksLikeHTML([]byte(tt.in)); got != tt.want {
				t.Errorf("LooksLikeHTML(%q) = %v", tt.in, got)
			}
		})
	}
	utf16 := encodeForTest(t, encoding{kind: encUTF16LE}, "\ufeff<!DOCTYPE html><p>x</p>")
	if !LooksLikeHTML(utf16) {
		t.Error("UTF-16 page not recognised")
	}
}

func TestReadHTML(t *testing.T) {
	page := []byte("<!DOCTYPE html><html><body><p>Hello <b>world</b></p></body></html>")
	fragment := []byte("<div><p>One</p><p>Two <a href=x>link</a></p><ul><li>a</li></ul></div>")
	text := []byte("Use the <b> tag for bold.\nThat is all.\n")
	fsys := fstest.MapFS{
		"site/a.html":        {Data: page},
		"site/b.HTM":         {Data: fragment},
		"site/c.xhtml":       {Data: []byte(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>X</p></body></html>`)},
		"site/d.html.gz":     {Data: gzipBytes(t, page)},
		"site/e.txt":         {Data: page},
		"site/f":             {Data: fragment},
		"site/g.txt":         {Data: text},
		"site/h.html":        {Data: []byte("<html><body>\x00\x00binary</body></html>")},
		"site/i.html":        {Data: []byte("plain words in an .html file")},
		"site/j.php":         {Data: page},
		"site/k.txt":         {Data: []byte("")},
		"site/sub/l.shtml":   {Data: text},
		"site/sub/m.htm.gz":  {Data: gzipBytes(t, []byte("<p>a&amp;b</p>"))},
		"site/sub/n.xml.txt": {Data: []byte("<?xml version=\"1.0\"?><root/>")},
	}
	docs := readAllDocs(t, NewReader([]string{"site"}, nil, Options{FS: fsys}))
	want := map[string]struct {
		format Format
		text   string
		err    error
	}{
		"a.html":        {FormatHTML, "Hello world\n", nil},
		"b.HTM":         {FormatHTML, "One\nTwo link\na\n", nil},
		"c.xhtml":       {FormatHTML, "X\n", nil},
		"d.html.gz":     {FormatHTML, "Hello world\n", nil},
		"e.txt":         {FormatHTML, "Hello world\n", nil},
		"f":             {FormatHTML, "One\nTwo link\na\n", nil},
		"g.txt":         {FormatText, string(text), nil},
		"h.html":        {FormatHTML, "", ErrBinary},
		"i.html":        {FormatHTML, "plain words in an .html file\n", nil},
		"j.php":         {FormatHTML, "Hello world\n", nil},
		"k.txt":         {"", "", ErrEmpty},
		"sub/l.shtml":   {FormatText, string(text), nil},
		"sub/m.htm.gz":  {FormatHTML, "a&b\n", nil},
		"sub/n.xml.txt": {FormatText, "<?xml version=\"1.0\"?><root/>", nil},
	}
	if len(docs) != len(want) {
		t.Fatalf("%d documents, want %d", len(docs), len(want))
	}
	for _, d := range docs {
		w, ok := want[d.ID]
		if !ok {
			t.Errorf("unexpected document %q", d.ID)
			continue
		}
		if w.err != nil {
			if !errors.Is(d.Err, w.err) {
				t.Errorf("%s: Err = %v, want %v", d.ID, d.Err, w.err)
			}
			continue
		}
		if d.Err != nil || d.Format != w.format || d.Text != w.text {
			t.Errorf("%s: Err %v Format %q Text %+q, want %q %+q", d.ID, d.Err, d.Format, d.Text, w.format, w.text)
			continue
		}
		if d.Format == FormatHTML {
			checkHTMLDocument(t, d)
		}
	}
}

// TestHTMLFixtures checks the invariants on every page under testdata/html.
func TestHTMLFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/html/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := DecodeHTML(raw, "", "")
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		checkHTMLDocument(t, d)
	}
}

func FuzzDecodeHTML(f *testing.F) {
	for _, s := range []string{
		"", "<p>a</p>", "<pre>a\r\nb</pre>", "<table><tr><td>a<td>b</table>", "a&amp;b&copy1<br>c",
		"<script>x</script>y", "<div hidden>x</div>y", "\ufeff<title>t</title>", "<a href=x>a</a><a href=y>b</a>",
		"<?xml version=\"1.0\"?><html><script/><p>x</p>", "<xmp>&lt;</xmp>", "<p>Cafe\u0301\u200b</p>",
		"<meta charset=koi8-r><p>\xf0\xd2\xc9</p>", "\xff\xfe<\x00p\x00>\x00a\x00",
		"<p>a <span hidden>b</span><span style=display:none>c</span> d</p>", "<div aria-hidden=true><p hidden>x</p></div>y",
		`<p><a title="N: <span class="n">6. </span><i class='x'>S</i>">Go</a> <img alt="<b class="c d">'>x</p>`,
	} {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("<p>\xcf\xf0\xe8</p>"), "text/html; charset=windows-1251")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		d, err := DecodeHTML(raw, contentType, "")
		if err != nil {
			if d.Text != "" || d.Raw != nil || !errors.Is(err, d.Err) {
				t.Fatalf("failed document keeps text or raw: %v", err)
			}
			return
		}
		if !bytes.Equal(d.Raw, raw) {
			t.Fatal("Raw differs from the input")
		}
		checkHTMLDocument(t, d)
	})
}

// TestRandomHTML checks the invariants on pages glued at random from
// fragments that mix markup, text, entities, scripts, pre blocks, broken
// tags and non-ASCII text, in UTF-8 and windows-1251.
func TestRandomHTML(t *testing.T) {
	frags := []string{
		"<p>", "</p>", "<div class='a-b c'>", "</div>", "<li>", "<ul>", "</ul>", "<td>", "<tr>", "<table>", "</table>",
		"<pre>", "</pre>", "\n", "\r\n", "  ", "\t", "word", "Слово", "Café", "e\u0301", "&amp;", "&nbsp;", "&copy2", "&#x41;",
		"&bogus;", "<b>", "</b>", "<a href=x>", "</a>", "<br>", "<hr/>", "<script>", "</script>", "<style>", "</style>",
		"<!-- c -->", "<!--", "<span hidden>", "</span>", "<title>", "</title>", "<", ">", "&", "\u200b", "\u00ad", "\x01",
		"<h2>", "</h2>", "<nav>", "</nav>", "<code>", "</code>", "<textarea>", "</textarea>", "<xmp>", "</xmp>",
		"<noframes>", "</noframes>", "<svg>", "</svg>", "\ufeff", "<p style='display:none'>", "\xff", "\xe2\x80",
		"<span aria-hidden=true>", "<div hidden>", "<input hidden>",
	}
	seed := uint32(7)
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for n := range 3000 {
		var sb strings.Builder
		for range 1 + next(40) {
			sb.WriteString(frags[next(len(frags))])
		}
		raw := []byte(sb.String())
		enc := ""
		if n%4 == 3 {
			b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(strings.ToValidUTF8(sb.String(), "?")))
			if err != nil {
				continue // a character windows-1251 lacks
			}
			raw, enc = b, "windows-1251"
		}
		d, err := DecodeHTML(raw, "", enc)
		if err != nil {
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("%+q: %v", raw, err)
			}
			continue
		}
		checkHTMLDocument(t, d)
	}
}

package corpus

// Format names the kind of bytes a Document was read from.
type Format string

// The formats a Reader produces.
const (
	// FormatText is plain text (also a WET conversion record).
	FormatText Format = "text"
	// FormatHTML is an HTML or XHTML page; its Text is the visible text,
	// one block per line, with the text the page hides until a script or a
	// click reveals it on lines of its own (Block.Hidden), and Blocks
	// describe where each line came from.
	FormatHTML Format = "html"
)

// Block is one block of text of an HTML document: a paragraph, a
// heading, a list item, a table cell, one line of a preformatted listing,
// the page's <title>, or the loose text of a container. Its text is one line
// of Document.Text; the DOM evidence beside it is what the boilerplate
// classifier weighs. A <pre> of several lines gives one Block per non-empty
// line, all with Tag "pre", Code true and the same Group; a <br> inside a
// paragraph likewise starts a new Block with the paragraph's Tag. The
// <title> is the first Block, with Tag "title" and Path "head>title".
type Block struct {
	// Start and End are byte offsets of the block's text in Document.Text,
	// without the line break that ends it.
	Start, End int
	// RawStart and RawEnd are byte offsets in Document.Raw of the markup
	// the text came from (from the raw bytes of the block's first character
	// to the end of those of its last one, with the inline markup between),
	// so cutting Raw there gives the block's source.
	RawStart, RawEnd int
	// Tag is the element that made the block ("p", "li", "h2", "td",
	// "pre", "div", ...), lower case.
	Tag string
	// Path is the tag path from <body> to Tag, joined by ">", e.g.
	// "body>div>main>article>p"; it always starts with "body", also when
	// the page has no <body> tag. Paths deeper than 24 elements keep the
	// innermost 24 after "body>…".
	Path string
	// Landmark is the nearest enclosing landmark: "nav", "header",
	// "footer", "aside", "main", "article", "form", or the landmark of an
	// ARIA role ("navigation" -> "nav", "banner" -> "header",
	// "contentinfo" -> "footer", "complementary" -> "aside", "main" ->
	// "main", "article" -> "article", "form" and "search" -> "form"); ""
	// when none encloses the block. As HTML-AAM maps them, a header,
	// footer or aside inside an article, aside, nav, section or main is
	// no landmark (an article's header, a section's footnotes).
	Landmark string
	// Words are the lower-case words of the class and id attributes of the
	// block and its ancestors, innermost first, split at "-", "_", spaces,
	// other characters that are not letters or digits, and lower-to-upper
	// case changes, without repeats and without words of digits only
	// ("sidebar", "toc", "menu", ...); at most 32, from at most 64 levels.
	// The class and id of <html> and <body> (the page's layout) and the id
	// of a section or a heading (<section>, an element of class "section",
	// h1-h6: its heading's anchor, "the-copyright-file") are left out.
	Words []string
	// Chars is the number of characters (runes, spaces excluded) of the
	// block's text; LinkChars of those inside <a href>.
	Chars, LinkChars int
	// Heading is 1 to 6 for <h1>..<h6> (or role=heading), 0 otherwise.
	Heading int
	// Code is true for text inside <pre> (or <listing>, <xmp>), or a block
	// whose text is all inside <code>, <kbd> or <samp>.
	Code bool
	// Group numbers the block's nearest enclosing container element in
	// document order: consecutive blocks of one list, table or div share
	// it. Blocks of a document with no markup structure have Group 0.
	// Containers are div, section, article, main, nav, header, footer,
	// aside, form, ul, ol, dl, table, pre, blockquote, figure, details,
	// fieldset, menu, dialog, select and center; text directly in <body>
	// and the <title> have Group 0.
	Group int
	// Hidden is true for text the page hides until a script or a click
	// reveals it: inside an element with the hidden attribute or an inline
	// style display:none or visibility:hidden (a tab panel, an accordion,
	// one of several per-application variants of a phrase). Such text is
	// a line of its own, never joined to visible text, and concealed text
	// of two elements side by side is two lines.
	Hidden bool
}

// Link is a hyperlink of an HTML document: an <a href>, or a <link> in the
// head (rel="alternate" with hreflang, rel="canonical").
type Link struct {
	// Href is the link's target as written in the page (not resolved).
	Href string
	// Rel is the lower-case rel attribute ("alternate", "canonical", ...).
	Rel string
	// HrefLang is the lower-case hreflang attribute, "" when absent.
	HrefLang string
	// Text is the link's visible text, trimmed ("" for <link>).
	Text string
}

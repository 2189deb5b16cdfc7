package corpus

// Format names the kind of bytes a Document was read from.
type Format string

// The formats a Reader produces.
const (
	// FormatText is plain text (also a WET conversion record).
	FormatText Format = "text"
	// FormatHTML is an HTML or XHTML page; its Text is the visible text,
	// one block per line, and Blocks describe where each line came from.
	FormatHTML Format = "html"
)

// Block is one block of visible text of an HTML document: a paragraph, a
// heading, a list item, a table cell, a preformatted listing, or the loose
// text of a container. Its text is one line of Document.Text; the DOM
// evidence beside it is what the boilerplate classifier weighs.
type Block struct {
	// Start and End are byte offsets of the block's text in Document.Text,
	// without the line break that ends it.
	Start, End int
	// RawStart and RawEnd are byte offsets in Document.Raw of the markup
	// the text came from (from the block's first text node to the end of
	// its last one), so cutting Raw there gives the block's source.
	RawStart, RawEnd int
	// Tag is the element that made the block ("p", "li", "h2", "td",
	// "pre", "div", ...), lower case.
	Tag string
	// Path is the tag path from <body> to Tag, joined by ">", e.g.
	// "body>div>main>article>p".
	Path string
	// Landmark is the nearest enclosing landmark: "nav", "header",
	// "footer", "aside", "main", "article", "form", or the landmark of an
	// ARIA role ("navigation" -> "nav", "banner" -> "header",
	// "contentinfo" -> "footer", "complementary" -> "aside", "main" ->
	// "main"); "" when none encloses the block.
	Landmark string
	// Words are the lower-case words of the class and id attributes of the
	// block and its ancestors, innermost first, split at "-", "_", spaces
	// and case changes, without repeats ("sidebar", "toc", "menu", ...).
	Words []string
	// Chars is the number of characters (runes, spaces excluded) of the
	// block's text; LinkChars of those inside <a href>.
	Chars, LinkChars int
	// Heading is 1 to 6 for <h1>..<h6> (or role=heading), 0 otherwise.
	Heading int
	// Code is true for text inside <pre>, or a <code> block of its own.
	Code bool
	// Group numbers the block's nearest enclosing container element in
	// document order: consecutive blocks of one list, table or div share
	// it. Blocks of a document with no markup structure have Group 0.
	Group int
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

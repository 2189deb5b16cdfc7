package corpus

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	xencoding "golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// DecodeHTML decodes raw as an HTML (or XHTML) page into a Document with
// Format FormatHTML: Raw, Text (the visible text, one block per line, and
// hidden text on lines of its own, see below),
// Encoding, Invalid, Blocks, Links, Title, HTMLLang and the offset map are
// set; ID, Source and URL are left for the caller. It is the entry point for
// readers that know a page is HTML, such as the WARC reader.
//
// contentType is the HTTP Content-Type header of the page ("" when there is
// none), of which only the charset parameter is used. encodingName forces an
// encoding like Options.Encoding; "" picks it in the order of the HTML
// standard: a byte order mark, the charset of contentType, a <meta charset>
// or <meta http-equiv="Content-Type"> in the first 1024 bytes (UTF-16
// declared there reads as UTF-8), the encoding of an XML declaration, and
// last the sniffing of DecodeNormalize (valid UTF-8, else windows-1251 or
// KOI8-R by letter statistics). A declared legacy charset (single-byte, or
// multi-byte such as Shift_JIS or GBK) that the bytes contradict, because
// they are valid UTF-8 holding non-ASCII characters, gives UTF-8: servers
// and pages that label UTF-8 as ISO-8859-1 or windows-1251 are common,
// while text in a legacy charset is practically never valid UTF-8.
// Declared encodings LookupEncoding does not support (iso-2022-jp) are
// skipped.
//
// What counts as text, and how lines and Blocks are made, is described on
// FormatHTML's Document fields and in the README's "HTML input" section:
// script, style, template, noscript, iframe, svg, math, the head (except
// <title>, which is the first line), a closed <dialog>, elements with
// aria-hidden="true" (decorative icons, text a screen reader should skip
// because it repeats text around it) and a heading's permalink anchor
// (<a class="headerlink">¶</a>) give no text; block elements end lines;
// table cells are lines of their own; each line of a <pre> is a line;
// whitespace collapses to one space. Text hidden until a script or a click
// reveals it (the hidden attribute, an inline display:none or
// visibility:hidden: tab panels, accordions, per-application variants of a
// phrase) is text, on lines of its own whose Block has Hidden set: never
// joined to visible text of the same paragraph (which it splits), and two
// hidden elements side by side are two lines. The content of a closed
// <details> is ordinary text (it is not hidden by an attribute).
//
// Invalid counts the invalid byte sequences of the visible text of a UTF-8
// page, and of the whole page in other encodings.
//
// On failure (ErrBinary, ErrEmpty when the page has no visible text (hidden
// text alone does not count), an
// unknown encodingName) it returns the Document with Err set and Text empty,
// and the same *ReadError as its error. Safe for concurrent use.
func DecodeHTML(raw []byte, contentType, encodingName string) (*Document, error) {
	d := &Document{}
	err := d.decodeHTML(raw, contentType, encodingName)
	return d, err
}

// decodeHTML fills d from the HTML page raw; on failure it sets and returns
// d.Err.
func (d *Document) decodeHTML(raw []byte, contentType, encodingName string) error {
	d.Format = FormatHTML
	fail := func(err *ReadError) error {
		d.Raw, d.Text, d.clean, d.nfc = nil, "", nil, nil
		d.Blocks, d.Links, d.Title, d.HTMLLang = nil, nil, "", ""
		d.Err = err
		return err
	}
	d.Size = int64(len(raw))
	enc, err := lookupEncoding(encodingName)
	if err != nil {
		return fail(newReadError(d.Source, err))
	}
	if len(raw) == 0 {
		return fail(newReadError(d.Source, ErrEmpty))
	}
	if encodingName == "" {
		enc = htmlEncoding(raw, contentType)
	}
	if enc.kind == encUTF16 {
		enc = utf16ByBOM(raw)
	}
	if off := nulOffset(raw, enc.kind); off >= 0 {
		return fail(&ReadError{File: d.Source, Offset: int64(off), Line: rawLineAt(raw, off, enc.kind), Err: ErrBinary})
	}
	u, umap, invalid := toUTF8(raw, enc)
	x := newHTMLExtractor(u, isXHTML(u, contentType))
	x.run()
	if !x.hasVisible() {
		return fail(newReadError(d.Source, ErrEmpty))
	}
	clean := x.mb.finish()
	if umap != nil {
		clean = composeMaps(clean, umap)
		for i := range x.blocks {
			b := &x.blocks[i]
			b.RawStart, b.RawEnd = umap.lookup(b.RawStart), umap.lookup(b.RawEnd)
		}
	}
	d.Raw, d.Encoding, d.Invalid = raw, enc.name, invalid+x.invalid
	d.Text, d.nfc = nfcWithMap(x.sb.String())
	d.clean = clean
	d.Blocks, d.Links, d.Title, d.HTMLLang = x.finishBlocks(d.Text), x.links, x.title, x.lang
	return nil
}

// isHTMLName reports whether a file name says HTML: .html, .htm or .xhtml,
// also before a final .gz (case-insensitive).
func isHTMLName(name string) bool {
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	switch path.Ext(n) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

// isXHTML reports whether a page is XML: it starts with an XML declaration
// or is served as application/xhtml+xml. Its empty-element tags (<div/>,
// <script src="x"/>) are then empty elements.
func isXHTML(u []byte, contentType string) bool {
	if strings.Contains(strings.ToLower(contentType), "xhtml") {
		return true
	}
	u = bytes.TrimPrefix(u, []byte("\xef\xbb\xbf"))
	u = bytes.TrimLeft(u, " \t\r\n")
	return bytes.HasPrefix(u, []byte("<?xml"))
}

// LooksLikeHTML reports whether raw, whatever its name, holds an HTML page:
// in its first 4 KiB, after a byte order mark, white space and comments, it
// starts with a doctype, <html>, <head>, <body> or an XML declaration
// followed by one of them; or it starts with a tag and holds at least 6
// tags of at least 3 kinds among common HTML elements (p, div, a, br, li,
// td, h1, span, ...). A text that mentions "<b>" once, or a text or JSON
// that quotes many tags, is not HTML. UTF-16 with a byte order mark is
// recognised too.
func LooksLikeHTML(raw []byte) bool {
	b := raw[:min(len(raw), 4096)]
	if len(b) >= 2 && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff) {
		be := b[0] == 0xfe
		var s []byte
		for i := 2; i+1 < len(b); i += 2 {
			r := rune(b[i+1])<<8 | rune(b[i])
			if be {
				r = rune(b[i])<<8 | rune(b[i+1])
			}
			s = utf8.AppendRune(s, r)
		}
		b = s
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	lower := bytes.ToLower(b)
	s := skipSpaceAndComments(lower)
	if bytes.HasPrefix(s, []byte("<?xml")) {
		if i := bytes.Index(s, []byte("?>")); i >= 0 {
			s = skipSpaceAndComments(s[i+2:])
		}
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.HasPrefix(s, []byte(p)) {
			return true
		}
	}
	if len(s) == 0 || s[0] != '<' {
		return false // text (or JSON) that quotes tags
	}
	total, kinds := 0, map[string]bool{}
	for i := 0; i < len(lower); i++ {
		if lower[i] != '<' {
			continue
		}
		j := i + 1
		if j < len(lower) && lower[j] == '/' {
			j++
		}
		k := j
		for k < len(lower) && (lower[k] >= 'a' && lower[k] <= 'z' || k > j && lower[k] >= '1' && lower[k] <= '6') {
			k++
		}
		if k == j || k >= len(lower) || !(lower[k] == '>' || lower[k] == ' ' || lower[k] == '/' || lower[k] == '\n' || lower[k] == '\t' || lower[k] == '\r') {
			continue
		}
		name := string(lower[j:k])
		if sniffTags[name] {
			total++
			kinds[name] = true
		}
	}
	return total >= 6 && len(kinds) >= 3
}

// sniffTags are the elements LooksLikeHTML counts.
var sniffTags = map[string]bool{
	"a": true, "b": true, "i": true, "p": true, "br": true, "hr": true, "div": true, "span": true,
	"li": true, "ul": true, "ol": true, "table": true, "tr": true, "td": true, "th": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "em": true,
	"strong": true, "img": true, "meta": true, "link": true, "script": true, "style": true,
	"title": true, "head": true, "body": true, "html": true, "section": true, "nav": true,
	"header": true, "footer": true, "article": true, "main": true, "form": true, "input": true,
	"pre": true, "code": true, "blockquote": true, "dl": true, "dt": true, "dd": true,
}

// skipSpaceAndComments skips white space and <!-- comments --> at the start
// of s.
func skipSpaceAndComments(s []byte) []byte {
	for {
		s = bytes.TrimLeft(s, " \t\r\n\f")
		if !bytes.HasPrefix(s, []byte("<!--")) {
			return s
		}
		i := bytes.Index(s[4:], []byte("-->"))
		if i < 0 {
			return nil
		}
		s = s[4+i+3:]
	}
}

// htmlEncoding picks the encoding of an HTML page (see DecodeHTML).
func htmlEncoding(raw []byte, contentType string) encoding {
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		return encoding{kind: encUTF8, name: "utf-8"}
	case len(raw) >= 2 && (raw[0] == 0xff && raw[1] == 0xfe || raw[0] == 0xfe && raw[1] == 0xff):
		return utf16ByBOM(raw)
	}
	if cs := contentTypeCharset(contentType); cs != "" {
		if e, err := lookupEncoding(cs); err == nil {
			return checkDeclared(raw, e)
		}
	}
	head := raw[:min(len(raw), 1024)]
	if cs := metaCharset(head); cs != "" {
		if e, err := lookupEncoding(cs); err == nil {
			if e.kind == encUTF16 || e.kind == encUTF16LE || e.kind == encUTF16BE {
				e = encoding{kind: encUTF8, name: "utf-8"}
			}
			return checkDeclared(raw, e)
		}
	}
	if cs := xmlDeclEncoding(head); cs != "" {
		if e, err := lookupEncoding(cs); err == nil && e.kind != encUTF16 {
			return checkDeclared(raw, e)
		}
	}
	return detectEncoding(raw)
}

// checkDeclared returns e, or UTF-8 when e is a single-byte charset and raw
// is valid UTF-8 with non-ASCII characters.
func checkDeclared(raw []byte, e encoding) encoding {
	if (e.kind == encCharmap || e.kind == encMultiByte) && hasNonASCII(raw) && utf8.Valid(raw) {
		return encoding{kind: encUTF8, name: "utf-8"}
	}
	return e
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// contentTypeCharset returns the charset parameter of a Content-Type value,
// or "". It is lenient: `text/html;charset="koi8-r"`, `text/html; Charset=UTF-8`.
func contentTypeCharset(ct string) string {
	lower := strings.ToLower(ct)
	for {
		i := strings.Index(lower, "charset")
		if i < 0 {
			return ""
		}
		rest := strings.TrimLeft(lower[i+len("charset"):], " \t")
		lower = lower[i+len("charset"):]
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		return charsetValue(rest[1:])
	}
}

// charsetValue reads a possibly quoted charset name at the start of s.
func charsetValue(s string) string {
	s = strings.TrimLeft(s, " \t")
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		if i := strings.IndexByte(s, q); i >= 0 {
			return strings.TrimSpace(s[:i])
		}
		return ""
	}
	end := strings.IndexAny(s, " \t;,\"'")
	if end >= 0 {
		s = s[:end]
	}
	return s
}

// metaCharset returns the charset a <meta charset> or a <meta
// http-equiv="Content-Type" content="...; charset=X"> in head declares, the
// first one found (the prescan of the HTML standard), or "".
func metaCharset(head []byte) string {
	if !bytes.Contains(bytes.ToLower(head), []byte("charset")) {
		return ""
	}
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var charset, content string
			pragma := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					if charset == "" {
						charset = strings.TrimSpace(string(v))
					}
				case "http-equiv":
					pragma = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
				case "content":
					content = string(v)
				}
			}
			if charset != "" {
				return charset
			}
			if pragma {
				if cs := contentTypeCharset(content); cs != "" {
					return cs
				}
			}
		}
	}
}

// xmlDeclEncoding returns the encoding of an XML declaration at the start of
// head (<?xml version="1.0" encoding="windows-1251"?>), or "".
func xmlDeclEncoding(head []byte) string {
	s := bytes.TrimLeft(head, " \t\r\n")
	if !bytes.HasPrefix(s, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(s, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(s[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	return charsetValue(rest[1:])
}

// toUTF8 converts raw in enc to UTF-8 for the tokenizer. For UTF-8 it
// returns raw itself and a nil map (invalid sequences are left for the text
// pass to replace and count); otherwise the converted bytes, the map of
// their offsets to offsets of raw, and the number of invalid sequences.
func toUTF8(raw []byte, enc encoding) ([]byte, *offsetMap, int) {
	if enc.kind == encUTF8 {
		return raw, nil, 0
	}
	var mb mapBuilder
	invalid := 0
	u := make([]byte, 0, len(raw)+len(raw)/2)
	switch enc.kind {
	case encCharmap:
		var table [256]rune
		for i := range table {
			table[i] = enc.cm.DecodeByte(byte(i))
		}
		for _, c := range raw {
			r := table[c]
			if r == utf8.RuneError {
				invalid++
			}
			n := len(u)
			u = utf8.AppendRune(u, r)
			mb.add(len(u)-n, 1, 1)
		}
	case encMultiByte:
		invalid = decodeMultiByte(&u, &mb, raw, enc.x.NewDecoder())
	default: // UTF-16
		be := enc.kind == encUTF16BE
		unit := func(i int) rune {
			if be {
				return rune(raw[i])<<8 | rune(raw[i+1])
			}
			return rune(raw[i+1])<<8 | rune(raw[i])
		}
		emit := func(r rune, rl int) {
			n := len(u)
			u = utf8.AppendRune(u, r)
			mb.add(len(u)-n, rl, 1)
		}
		i := 0
		for ; i+1 < len(raw); i += 2 {
			r := unit(i)
			if r < 0xd800 || r > 0xdfff {
				emit(r, 2)
				continue
			}
			if i+3 < len(raw) {
				if r2 := unit(i + 2); r2 >= 0xdc00 && r2 <= 0xdfff {
					if r <= 0xdbff {
						emit((r-0xd800)<<10|(r2-0xdc00)+0x10000, 4)
					} else {
						invalid++
						emit(utf8.RuneError, 4)
					}
					i += 2
					continue
				}
			}
			invalid++
			emit(utf8.RuneError, 2)
		}
		if i < len(raw) {
			invalid++
			emit(utf8.RuneError, 1)
		}
	}
	return u, mb.finish(), invalid
}

// composeMaps returns the map of text offsets to raw offsets made from the
// map of text offsets to intermediate offsets (inner) and the map of
// intermediate offsets to raw offsets (outer), which has no removed units.
func composeMaps(inner, outer *offsetMap) *offsetMap {
	var mb mapBuilder
	w := mapWalker{m: outer}
	u := 0
	for pos := 0; pos < len(inner.data); {
		tl, rl, n, next := inner.run(pos)
		for range n {
			r0 := w.at(u)
			u += rl
			mb.add(tl, w.at(u)-r0, 1)
		}
		pos = next
	}
	return mb.finish()
}

// mapWalker looks up non-decreasing offsets in an offsetMap without removed
// units, in one pass.
type mapWalker struct {
	m              *offsetMap
	pos, tp, rp    int // the run at data[pos] starts at text tp, raw rp
	tl, rl, n, nxt int // the decoded run at pos; n == 0: not decoded
}

// at returns m.lookup(t); t must not decrease between calls.
func (w *mapWalker) at(t int) int {
	for {
		if t <= w.tp {
			return w.rp
		}
		if w.pos >= len(w.m.data) {
			return w.m.rawLen
		}
		if w.n == 0 {
			w.tl, w.rl, w.n, w.nxt = w.m.run(w.pos)
		}
		if w.tl > 0 && t < w.tp+w.tl*w.n {
			return w.rp + (t-w.tp)/w.tl*w.rl
		}
		w.tp += w.tl * w.n
		w.rp += w.rl * w.n
		w.pos, w.n = w.nxt, 0
	}
}

// decodeMultiByte appends raw, in an ASCII-compatible multi-byte charset,
// to u as UTF-8, one character at a time so that the map is exact. A byte
// below 0x80 that does not follow a lead byte is always that ASCII
// character in these charsets. It returns the number of invalid sequences.
func decodeMultiByte(u *[]byte, mb *mapBuilder, raw []byte, dec *xencoding.Decoder) int {
	var dst [64]byte
	invalid := 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			j := i + 1
			for j < len(raw) && raw[j] < utf8.RuneSelf {
				j++
			}
			*u = append(*u, raw[i:j]...)
			mb.add(1, 1, j-i)
			i = j
			continue
		}
		// The shortest prefix the decoder takes as a whole character.
		nDst, nSrc := 0, 0
		for k := 1; k <= 4 && nSrc == 0; k++ {
			end := min(i+k, len(raw))
			var err error
			nDst, nSrc, err = dec.Transform(dst[:], raw[i:end], end == len(raw))
			if err != nil && err != transform.ErrShortSrc {
				nDst, nSrc = 0, 0
				break
			}
			if end == len(raw) {
				break
			}
		}
		if nSrc == 0 { // undecodable: one byte as U+FFFD
			nDst, nSrc = copy(dst[:], "\uFFFD"), 1
		}
		out := dst[:nDst]
		if bytes.Contains(out, []byte("\uFFFD")) {
			invalid++
		}
		*u = append(*u, out...)
		mb.add(nDst, nSrc, 1)
		i += nSrc
	}
	return invalid
}

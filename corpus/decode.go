package corpus

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	xencoding "golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/unicode/norm"
)

// Document is one input document.
type Document struct {
	// ID is the path relative to the argument it came from: "a/b.txt" for
	// the argument "dir/" holding dir/a/b.txt; the base name when the
	// argument is the file itself; the path below the pattern's fixed
	// directory for a glob match ("b.txt" for "dir/*.txt"); "-" for stdin.
	// A ".gz" suffix stays in the ID. Files of different arguments that
	// would share an ID are named by a longer suffix of their paths (see
	// ExpandAll). A WARC record's ID is its WARC-Target-URI.
	ID string
	// Source is the path as opened ("-" for stdin).
	Source string
	// Raw holds the bytes as read (after gunzip), before decoding; offsets
	// of the detect format refer to these. Nil when Err is set.
	Raw []byte
	// Size is the number of bytes read (after gunzip), also when a decoding
	// error (ErrBinary, ErrEmpty) cleared Raw; 0 when nothing was read.
	Size int64
	// Text is the decoded and normalised text: UTF-8, NFC, LF line ends.
	Text string
	// Encoding is the canonical name of the encoding Raw was decoded from:
	// "utf-8", "utf-16le", "utf-16be", "windows-1251", "koi8-r", or another
	// single-byte charset when forced.
	Encoding string
	// Invalid counts invalid byte sequences replaced by U+FFFD.
	Invalid int
	// Err is non-nil when the document could not be read or decoded (a
	// *ReadError); Text is then empty.
	Err error
	// Skip, when not "", says why the Reader passes over this input
	// without reading it as a document: a WARC record that is not a page
	// ("skip:record(request)", "skip:content-type(image/png)",
	// "skip:status(404)"). Err is then nil, Text and Raw are empty, and ID,
	// URL, Source and Size describe the record.
	Skip string

	// Format is what Raw holds: FormatText ("" is read as text) or
	// FormatHTML.
	Format Format
	// URL is the document's address when known: the WARC-Target-URI of a
	// WARC record, else "" (the ID is the path).
	URL string
	// Record locates the WARC record the document was read from (see
	// RecordOpener); nil for a file.
	Record *RecordRef
	// HTMLLang is the lang attribute of an HTML page's <html> element
	// (lower case), "" when absent.
	HTMLLang string
	// Title is the <title> of an HTML page, normalised to one line.
	Title string
	// Blocks describe the lines of Text of an HTML document, in order,
	// one per non-empty line; nil for plain text.
	Blocks []Block
	// Links are the hyperlinks of an HTML document, in document order.
	Links []Link

	clean *offsetMap // offsets of the text before NFC -> Raw
	nfc   *offsetMap // offsets of Text -> text before NFC; nil: identical
}

// RawOffset maps a byte offset in Text (0..len(Text)) to a byte offset in
// Raw. It is monotonic, RawOffset(0) == 0 (a byte order mark belongs to the
// first span) and RawOffset(len(Text)) == len(Raw); offsets out of range are
// clamped. Raw bytes that produced no text (zero-width characters, soft
// hyphens, controls) belong to the character that follows them, or to the
// last character at the end; a CR LF belongs to its LF. An offset inside a
// character, or inside characters that NFC merged, maps to the start of
// that character's raw bytes. So cutting Raw at RawOffset of consecutive
// span boundaries gives each span's original bytes, and the spans cover Raw
// exactly once. In an HTML document the markup that ends a line (end tags,
// <br>, white space) belongs to the line's newline, and the rest (start
// tags, comments, hidden elements such as scripts) to the next character,
// so a line's span starts with the markup that opens it. Safe for
// concurrent use.
func (d *Document) RawOffset(textOff int) int {
	if textOff <= 0 {
		return 0
	}
	if textOff >= len(d.Text) {
		return len(d.Raw)
	}
	if d.clean == nil { // a Document built by hand
		return min(textOff, len(d.Raw))
	}
	if d.nfc != nil {
		textOff = d.nfc.lookup(textOff)
	}
	return d.clean.lookup(textOff)
}

// encoding kinds understood by the decoder.
const (
	encUTF8 = iota
	encUTF16LE
	encUTF16BE
	encUTF16 // byte order from the BOM, little endian without one
	encCharmap
	encMultiByte // an ASCII-compatible multi-byte charset (Shift_JIS, GBK, Big5, EUC-KR, ...)
)

// encoding is a resolved encoding name.
type encoding struct {
	kind int
	name string
	cm   *charmap.Charmap   // encCharmap only
	x    xencoding.Encoding // encMultiByte only
}

// LookupEncoding resolves an encoding name (any WHATWG label, such as
// "utf8", "cp1251", "koi8-r", "utf-16le") to its canonical name. "" means
// auto-detection and is returned unchanged. Supported are UTF-8, UTF-16
// ("utf-16" takes the byte order from a BOM, little endian without one),
// the single-byte charsets and the ASCII-compatible multi-byte charsets
// (shift_jis, euc-jp, gbk, gb18030, big5, euc-kr); other names
// (iso-2022-jp, replacement) give an error wrapping ErrUnknownEncoding.
func LookupEncoding(name string) (string, error) {
	e, err := lookupEncoding(name)
	return e.name, err
}

func lookupEncoding(name string) (encoding, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "":
		return encoding{}, nil
	case "utf-16", "utf16":
		return encoding{kind: encUTF16, name: "utf-16"}, nil
	}
	e, err := htmlindex.Get(n)
	if err != nil {
		return encoding{}, fmt.Errorf("%w %q", ErrUnknownEncoding, name)
	}
	canon, err := htmlindex.Name(e)
	if err != nil {
		return encoding{}, fmt.Errorf("%w %q", ErrUnknownEncoding, name)
	}
	switch canon {
	case "utf-8":
		return encoding{kind: encUTF8, name: canon}, nil
	case "utf-16le":
		return encoding{kind: encUTF16LE, name: canon}, nil
	case "utf-16be":
		return encoding{kind: encUTF16BE, name: canon}, nil
	}
	if cm, ok := e.(*charmap.Charmap); ok {
		return encoding{kind: encCharmap, name: canon, cm: cm}, nil
	}
	switch canon {
	case "shift_jis", "euc-jp", "gbk", "gb18030", "big5", "euc-kr":
		return encoding{kind: encMultiByte, name: canon, x: e}, nil
	}
	return encoding{}, fmt.Errorf("%w %q (supported: utf-8, utf-16, utf-16le, utf-16be, single-byte charsets such as windows-1251 and koi8-r, and shift_jis, euc-jp, gbk, gb18030, big5, euc-kr)", ErrUnknownEncoding, name)
}

// DecodeNormalize decodes raw (encoding "" detects it, see Options.Encoding)
// and normalises it into a Document with Raw, Text, Encoding, Invalid and
// the offset map set; ID and Source are left empty. On failure (ErrBinary,
// ErrEmpty, an unknown encoding) it returns the Document with Err set and
// Text empty, and the same *ReadError as its error. Safe for concurrent use.
func DecodeNormalize(raw []byte, encodingName string) (*Document, error) {
	d := &Document{}
	err := d.decode(raw, encodingName)
	return d, err
}

// decode fills d from raw; on failure it sets and returns d.Err.
func (d *Document) decode(raw []byte, encodingName string) error {
	fail := func(err *ReadError) error {
		d.Raw, d.Text, d.clean, d.nfc = nil, "", nil, nil
		d.Err = err
		return err
	}
	d.Format = FormatText
	d.Size = int64(len(raw))
	enc, err := lookupEncoding(encodingName)
	if err != nil {
		return fail(newReadError(d.Source, err))
	}
	if len(raw) == 0 {
		return fail(newReadError(d.Source, ErrEmpty))
	}
	if encodingName == "" {
		enc = detectEncoding(raw)
	}
	if enc.kind == encUTF16 {
		enc = utf16ByBOM(raw)
	}
	if off := nulOffset(raw, enc.kind); off >= 0 {
		return fail(&ReadError{File: d.Source, Offset: int64(off), Line: rawLineAt(raw, off, enc.kind), Err: ErrBinary})
	}
	text, clean, invalid := normalizeBytes(raw, enc)
	if text == "" {
		return fail(newReadError(d.Source, ErrEmpty))
	}
	d.Raw, d.Encoding, d.Invalid = raw, enc.name, invalid
	d.Text, d.nfc = nfcWithMap(text)
	d.clean = clean
	return nil
}

// utf16ByBOM picks the UTF-16 byte order from a BOM, little endian without.
func utf16ByBOM(raw []byte) encoding {
	if len(raw) >= 2 && raw[0] == 0xfe && raw[1] == 0xff {
		return encoding{kind: encUTF16BE, name: "utf-16be"}
	}
	return encoding{kind: encUTF16LE, name: "utf-16le"}
}

// nulOffset returns the offset of the first NUL byte (UTF-16: NUL code unit)
// in raw, or -1.
func nulOffset(raw []byte, kind int) int {
	if kind != encUTF16LE && kind != encUTF16BE {
		return bytes.IndexByte(raw, 0)
	}
	for i := 0; i+1 < len(raw); i += 2 {
		if raw[i] == 0 && raw[i+1] == 0 {
			return i
		}
	}
	return -1
}

// rawLineAt returns the 1-based line of raw offset off.
func rawLineAt(raw []byte, off, kind int) int {
	if kind != encUTF16LE && kind != encUTF16BE {
		return lineAt(raw, off)
	}
	n := 1
	for i := 0; i+1 < off; i += 2 {
		if (kind == encUTF16LE && raw[i] == '\n' && raw[i+1] == 0) || (kind == encUTF16BE && raw[i] == 0 && raw[i+1] == '\n') {
			n++
		}
	}
	return n
}

// cleaner decodes characters and applies the newline and per-character
// rules, writing the text before NFC and its offset map.
type cleaner struct {
	sb      strings.Builder
	mb      mapBuilder
	invalid int
	crRaw   int // > 0: a CR of this many raw bytes waits for a possible LF
}

// char handles one decoded character taken from rawLen input bytes.
func (c *cleaner) char(r rune, rawLen int) {
	if c.crRaw > 0 {
		if r == '\n' {
			c.sb.WriteByte('\n')
			c.mb.add(1, c.crRaw+rawLen, 1)
			c.crRaw = 0
			return
		}
		c.flushCR()
	}
	switch {
	case r == '\r':
		c.crRaw = rawLen
		return
	case isNewlineRune(r):
		r = '\n'
	default:
		r = cleanRule(r)
	}
	if r == drop {
		c.mb.add(0, rawLen, 1)
		return
	}
	n, _ := c.sb.WriteRune(r)
	if n == rawLen {
		c.mb.add(1, 1, n)
	} else {
		c.mb.add(n, rawLen, 1)
	}
}

// passthrough copies p, which the rules leave unchanged, as it is.
func (c *cleaner) passthrough(p []byte) {
	c.sb.Write(p)
	c.mb.add(1, 1, len(p))
}

// flushCR writes a pending lone CR as LF.
func (c *cleaner) flushCR() {
	if c.crRaw > 0 {
		c.sb.WriteByte('\n')
		c.mb.add(1, c.crRaw, 1)
		c.crRaw = 0
	}
}

// normalizeBytes decodes raw and applies all rules but NFC. It returns the
// text, its offset map and the number of invalid sequences.
func normalizeBytes(raw []byte, enc encoding) (string, *offsetMap, int) {
	if enc.kind == encMultiByte {
		u, umap, invalid := toUTF8(raw, enc)
		text, clean, inv := normalizeBytes(u, encoding{kind: encUTF8, name: "utf-8"})
		return text, composeMaps(clean, umap), invalid + inv
	}
	c := &cleaner{}
	c.sb.Grow(len(raw) + len(raw)/8)
	switch enc.kind {
	case encUTF16LE, encUTF16BE:
		c.decodeUTF16(raw, enc.kind == encUTF16BE)
	case encCharmap:
		c.decodeCharmap(raw, enc.cm)
	default:
		c.decodeUTF8(raw)
	}
	c.flushCR()
	return c.sb.String(), c.mb.finish(), c.invalid
}

// special reports whether a valid character needs a rule (is not copied as
// it is).
func special(r rune) bool {
	if r < 0x80 {
		return r < 0x20 || r == 0x7f
	}
	return r <= 0xa0 || r == 0xad || r >= 0x1680 && (isInvisible(r) || isSpace(r) || r == 0x2028 || r == 0x2029)
}

func (c *cleaner) decodeUTF8(raw []byte) {
	start := 0 // raw[start:i] is pending passthrough
	for i := 0; i < len(raw); {
		b := raw[i]
		if c.crRaw == 0 {
			if b >= 0x20 && b < 0x7f || b == '\n' {
				i++
				continue
			}
			if b >= utf8.RuneSelf {
				r, size := utf8.DecodeRune(raw[i:])
				if size > 1 && !special(r) {
					i += size
					continue
				}
			}
		}
		c.passthrough(raw[start:i])
		r, size := decodeRuneMaximal(raw[i:])
		if r == utf8.RuneError && !isLiteralFFFD(raw[i:]) {
			c.invalid++
		}
		c.char(r, size)
		i += size
		start = i
	}
	c.passthrough(raw[start:])
}

// decodeRuneMaximal decodes the first character of b like utf8.DecodeRune,
// but an invalid sequence is replaced as one maximal subpart (the W3C way,
// as golang.org/x/text/encoding/unicode.UTF8 does), not byte by byte.
func decodeRuneMaximal(b []byte) (rune, int) {
	r, size := utf8.DecodeRune(b)
	if r != utf8.RuneError || size != 1 {
		return r, size
	}
	c := b[0]
	var lo, hi byte = 0x80, 0xbf
	n := 0 // length of a well-formed sequence starting with c
	switch {
	case c >= 0xc2 && c <= 0xdf:
		n = 2
	case c == 0xe0:
		n, lo = 3, 0xa0
	case c >= 0xe1 && c <= 0xec, c == 0xee, c == 0xef:
		n = 3
	case c == 0xed:
		n, hi = 3, 0x9f
	case c == 0xf0:
		n, lo = 4, 0x90
	case c >= 0xf1 && c <= 0xf3:
		n = 4
	case c == 0xf4:
		n, hi = 4, 0x8f
	default:
		return utf8.RuneError, 1
	}
	if len(b) < 2 || b[1] < lo || b[1] > hi {
		return utf8.RuneError, 1
	}
	if n == 2 || len(b) < 3 || b[2] < 0x80 || b[2] > 0xbf {
		return utf8.RuneError, 2
	}
	return utf8.RuneError, 3
}

func (c *cleaner) decodeCharmap(raw []byte, cm *charmap.Charmap) {
	var table [256]rune
	for i := range table {
		table[i] = cm.DecodeByte(byte(i))
	}
	start := 0
	for i, b := range raw {
		if c.crRaw == 0 && (b >= 0x20 && b < 0x7f || b == '\n') && table[b] == rune(b) {
			continue
		}
		c.passthrough(raw[start:i])
		r := table[b]
		if r == utf8.RuneError {
			c.invalid++
		}
		c.char(r, 1)
		start = i + 1
	}
	c.passthrough(raw[start:])
}

func (c *cleaner) decodeUTF16(raw []byte, bigEndian bool) {
	unit := func(i int) rune {
		if bigEndian {
			return rune(raw[i])<<8 | rune(raw[i+1])
		}
		return rune(raw[i+1])<<8 | rune(raw[i])
	}
	i := 0
	for ; i+1 < len(raw); i += 2 {
		r := unit(i)
		if r < 0xd800 || r > 0xdfff {
			c.char(r, 2)
			continue
		}
		// A surrogate: like x/text, pair it with a following unit in
		// DC00-DFFF (giving U+FFFD unless r is a high surrogate).
		if i+3 < len(raw) {
			if r2 := unit(i + 2); r2 >= 0xdc00 && r2 <= 0xdfff {
				if r <= 0xdbff {
					c.char((r-0xd800)<<10|(r2-0xdc00)+0x10000, 4)
				} else {
					c.invalid++
					c.char(utf8.RuneError, 4)
				}
				i += 2
				continue
			}
		}
		c.invalid++
		c.char(utf8.RuneError, 2)
	}
	if i < len(raw) { // an odd trailing byte
		c.invalid++
		c.char(utf8.RuneError, 1)
	}
}

// nfcAppend appends the NFC form of seg to dst. It uses the Transform
// method, which unlike String and Append does not allocate per call.
func nfcAppend(dst []byte, seg string) []byte {
	src := []byte(seg)
	for {
		if cap(dst)-len(dst) < 3*len(src)+utf8.UTFMax {
			dst = slices.Grow(dst, 3*len(src)+utf8.UTFMax)
		}
		nDst, nSrc, err := norm.NFC.Transform(dst[len(dst):cap(dst)], src, true)
		dst = dst[:len(dst)+nDst]
		src = src[nSrc:]
		if err == nil || len(src) == 0 {
			return dst
		}
	}
}

// nfcWithMap returns the NFC form of s and a map of its offsets to offsets
// of s, or s and nil when s is already NFC.
func nfcWithMap(s string) (string, *offsetMap) {
	pos := norm.NFC.QuickSpanString(s)
	if pos == len(s) {
		return s, nil
	}
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/16)
	var mb mapBuilder
	var out []byte
	sb.WriteString(s[:pos])
	mb.add(1, 1, pos)
	for pos < len(s) {
		// A region from a segment start up to the next character that no
		// earlier character can combine with.
		end := pos + norm.NFC.NextBoundaryInString(s[pos:], true)
		for end < len(s) && !norm.NFC.PropertiesString(s[end:]).BoundaryBefore() {
			end += norm.NFC.NextBoundaryInString(s[end:], true)
		}
		seg := s[pos:end]
		out = nfcAppend(out[:0], seg)
		// Keep the common prefix and suffix as identity so that a changed
		// region maps as narrowly as possible.
		p := 0
		for p < len(seg) && p < len(out) && seg[p] == out[p] {
			p++
		}
		for p > 0 && p < len(seg) && !utf8.RuneStart(seg[p]) {
			p--
		}
		q := 0
		for q < len(seg)-p && q < len(out)-p && seg[len(seg)-1-q] == out[len(out)-1-q] {
			q++
		}
		for q > 0 && !utf8.RuneStart(seg[len(seg)-q]) {
			q--
		}
		sb.Write(out)
		mb.add(1, 1, p)
		mb.add(len(out)-p-q, len(seg)-p-q, 1)
		mb.add(1, 1, q)
		pos = end
		n := norm.NFC.QuickSpanString(s[pos:])
		sb.WriteString(s[pos : pos+n])
		mb.add(1, 1, n)
		pos += n
	}
	return sb.String(), mb.finish()
}

package corpus

// WARC and WET input.
//
// The record reader is written here rather than taken from a library. The
// one maintained WARC reader the Go proxy serves, github.com/nlnwa/gowarc
// v1.6.0, was tried (default options, reading every block) on archives like
// the fixtures of warc_test.go and failed where paraline needs it most: on
// a whole-file gzip WARC (one gzip member for all records, as `gzip x.warc`
// makes) it returns the first record and then a plain io.EOF, losing the
// other records without a word; a record whose Content-Length is too long
// swallows the next record, which is lost, and like a truncated last record
// it only yields a validation warning ("content length mismatch"), not an
// error. It also adds 9 modules (github.com/prometheus/prometheus among
// them, for one file-locking helper; 224 module versions in `go mod
// graph`), 1.16 MB to a small binary, and spills large blocks to temporary
// files; it decodes neither chunked transfer encoding nor gzip content
// encoding. The WARC format itself (a version line, header fields,
// Content-Length bytes, CRLF CRLF) takes a few hundred lines to read with
// bounded memory, per-record offsets and resynchronisation after a bad
// record, which is what this file does. github.com/CorentinB/warc (the
// other candidate, v0.8.33 of 2023) has moved to a path the proxy refuses
// and pulls a crawler's dependencies (utls, brotli, pgzip).

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httputil"
	"os"
	"strconv"
	"strings"
)

// ErrBadRecord: a WARC record that cannot be read: a header that is not a
// WARC header, a missing or wrong Content-Length, a record cut short, a
// missing end-of-record marker, an HTTP payload that cannot be decoded.
var ErrBadRecord = errors.New("bad WARC record")

// warcMaxHeader limits the size of a WARC or HTTP header block.
const warcMaxHeader = 1 << 20

// IsWARCName reports whether a file name says WARC or WET: it ends in
// ".warc", ".warc.gz", ".wet" or ".wet.gz" (any case).
func IsWARCName(name string) bool {
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	return strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".wet")
}

// sniffWARC reports whether the bytes of a file, peeked from br, start
// with a WARC version line ("WARC/1.0", "WARC/1.1"), after gunzip when
// they start with the gzip magic bytes.
func sniffWARC(br *bufio.Reader) bool {
	head, _ := br.Peek(4096)
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(head))
		if err != nil {
			return false
		}
		var b [8]byte
		n, _ := io.ReadFull(zr, b[:])
		head = b[:n]
	}
	head = bytes.TrimLeft(head, "\r\n")
	return bytes.HasPrefix(head, []byte("WARC/1."))
}

// openWARC opens it as a WARC archive when its name or its first bytes
// say it is one; it returns nil for any other input, and for an input that
// cannot be opened (which the text reader then reports).
func (r *Reader) openWARC(it item) *warcReader {
	if it.err != nil {
		return nil
	}
	var src io.Reader
	var closer io.Closer
	if it.path == "-" {
		if r.stdin == nil {
			return nil
		}
		br, ok := r.stdin.(*bufio.Reader)
		if !ok {
			br = bufio.NewReaderSize(r.stdin, 64<<10)
			r.stdin = br // keep the peeked bytes for a text reader
		}
		if !sniffWARC(br) {
			return nil
		}
		src = br
	} else {
		var f fs.File
		var err error
		if r.opts.FS != nil {
			f, err = r.opts.FS.Open(it.path)
		} else {
			f, err = os.Open(it.path)
		}
		if err != nil {
			return nil // the text reader reports it
		}
		if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
			f.Close()
			return nil
		}
		br := bufio.NewReaderSize(f, 64<<10)
		if !IsWARCName(it.path) && !sniffWARC(br) {
			f.Close()
			return nil
		}
		src, closer = br, f
	}
	return newWARCReader(it.path, src, closer, r.opts, r.enc.name)
}

// warcReader streams the records of one WARC file and turns each into a
// Document: a text or HTML document, a skipped record (Document.Skip), or a
// failed record (Document.Err). Only the current record's block is held.
type warcReader struct {
	path     string
	closer   io.Closer
	opts     Options
	encoding string // forced encoding, "" to detect

	file *countingReader // the file's bytes (compressed offsets)
	fbuf *bufio.Reader   // over file
	gz   bool            // the file is gzip
	zr   *gzip.Reader    // the current gzip member

	in       *pushback     // the decompressed stream of the file or member
	br       *bufio.Reader // over in
	pos      int64         // offset in the decompressed stream of br's next byte
	member   int64         // compressed offset of the current gzip member
	inMember bool          // a gzip member is open
	scan     bool          // look for the next gzip header before the next member
	records  int           // records seen (documents, skips and errors)
	done     bool
	// base is the file offset of the first byte of src: a reader opened
	// in the middle of an archive (RecordOpener) reports the offsets of
	// the whole file.
	base int64
}

// pushback is a reader that returns pushed-back bytes before its source.
// It remembers the first error of the source other than io.EOF (a corrupt
// gzip member, an I/O error).
type pushback struct {
	pending []byte
	r       io.Reader
	err     error
}

func (p *pushback) Read(b []byte) (int, error) {
	if len(p.pending) > 0 {
		n := copy(b, p.pending)
		p.pending = p.pending[n:]
		return n, nil
	}
	n, err := p.r.Read(b)
	if err != nil && err != io.EOF && p.err == nil {
		p.err = err
	}
	return n, err
}

func newWARCReader(path string, src io.Reader, closer io.Closer, opts Options, enc string) *warcReader {
	return newWARCReaderBufs(path, src, closer, opts, enc, nil)
}

// warcBufs are the buffers of a warcReader, which a RecordOpener reuses.
type warcBufs struct {
	fbuf, br *bufio.Reader
	zr       *gzip.Reader
}

// newWARCReaderBufs is newWARCReader with the buffers of b (nil: new ones).
func newWARCReaderBufs(path string, src io.Reader, closer io.Closer, opts Options, enc string, b *warcBufs) *warcReader {
	w := &warcReader{path: path, closer: closer, opts: opts, encoding: enc}
	w.file = &countingReader{r: src}
	if b != nil && b.fbuf != nil {
		w.fbuf = b.fbuf
		w.fbuf.Reset(w.file)
		w.br, w.zr = b.br, b.zr
	} else {
		w.fbuf = bufio.NewReaderSize(w.file, 64<<10)
	}
	if magic, _ := w.fbuf.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		w.gz = true
	} else {
		w.in = &pushback{r: w.fbuf}
		if w.br == nil {
			w.br = bufio.NewReaderSize(w.in, 64<<10)
		} else {
			w.br.Reset(w.in)
		}
	}
	return w
}

// bufs returns the buffers of w for another reader.
func (w *warcReader) bufs() *warcBufs {
	return &warcBufs{fbuf: w.fbuf, br: w.br, zr: w.zr}
}

// close releases the file.
func (w *warcReader) close() error {
	var err error
	if w.closer != nil {
		err = w.closer.Close()
		w.closer = nil
	}
	w.done = true
	return err
}

// fileOffset returns the compressed offset of the file's next unread byte.
func (w *warcReader) fileOffset() int64 { return w.base + w.file.n - int64(w.fbuf.Buffered()) }

// fail returns a failed Document for the record at off of the stream.
func (w *warcReader) fail(off int64, id string, err error) *Document {
	e := &ReadError{File: w.path, Offset: off, Err: err}
	if w.gz {
		e.Offset = w.member
		if off > 0 {
			e.Err = fmt.Errorf("record at byte %d of the gzip member: %w", off, err)
		}
	}
	if id == "" {
		id = fmt.Sprintf("%s@%d", w.path, e.Offset)
	}
	return &Document{ID: id, Source: w.path, Err: e}
}

// nextMember opens the next gzip member; false at the end of the file. A
// member that cannot be opened is returned as a failed Document, and the
// file is then scanned for the next gzip header.
func (w *warcReader) nextMember() (bool, *Document) {
	if w.scan {
		w.scan = false
		if w.fileOffset() == w.member {
			_, _ = w.fbuf.Discard(1) // move past the bad member's start
		}
		for {
			b, err := w.fbuf.Peek(3)
			if err != nil {
				return false, nil
			}
			if b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 {
				break
			}
			_, _ = w.fbuf.Discard(1)
		}
	}
	if _, err := w.fbuf.Peek(1); err != nil {
		return false, nil // end of file
	}
	w.member = w.fileOffset()
	var err error
	if w.zr == nil {
		w.zr, err = gzip.NewReader(w.fbuf)
	} else {
		err = w.zr.Reset(w.fbuf)
	}
	if err != nil {
		w.scan = true
		return false, &Document{ID: fmt.Sprintf("%s@%d", w.path, w.member), Source: w.path, Err: gzipError(w.path, w.member, err)}
	}
	w.zr.Multistream(false)
	w.in = &pushback{r: w.zr}
	if w.br == nil {
		w.br = bufio.NewReaderSize(w.in, 64<<10)
	} else {
		w.br.Reset(w.in)
	}
	w.pos = 0
	w.inMember = true
	return true, nil
}

// next returns the next record's Document, or nil at the end of the file.
func (w *warcReader) next() *Document {
	for !w.done {
		if w.gz && !w.inMember {
			ok, d := w.nextMember()
			if d != nil {
				w.records++
				return d
			}
			if !ok {
				w.done = true
				break
			}
		}
		d, eof := w.record()
		if d != nil && d.Err == nil && w.in.err != nil && (w.br.Buffered() > 0 || len(w.in.pending) > 0) {
			// The stream failed further on, in bytes read ahead of this
			// whole record (a whole-file gzip cut short): the record is
			// good, and the failure comes with the record it cuts.
			w.records++
			return d
		}
		if err := w.in.err; err != nil {
			// The stream itself failed: a corrupt or truncated gzip
			// member, or an I/O error. Go on at the next gzip member.
			d = w.streamFailed(d, err)
			w.records++
			return d
		}
		if d != nil {
			w.records++
			return d
		}
		if eof {
			if !w.gz {
				w.done = true
				break
			}
			w.inMember = false
		}
	}
	if w.records == 0 {
		w.records++ // report the empty archive once
		return w.fail(0, "", fmt.Errorf("%w: no WARC record in the file", ErrEmpty))
	}
	return nil
}

// streamFailed returns the failed Document for a stream error met while
// reading a record (d, nil or the record's failure), and sets the reader
// to go on at the next gzip member (or to stop, for a plain file).
func (w *warcReader) streamFailed(d *Document, err error) *Document {
	id := ""
	if d != nil {
		id = d.ID
	}
	var re *ReadError
	if w.gz {
		re = gzipError(w.path, w.member, err)
		w.inMember, w.scan = false, true
	} else {
		re = &ReadError{File: w.path, Offset: w.fileOffset(), Err: unwrapPathError(err)}
		w.done = true
	}
	if id == "" {
		id = fmt.Sprintf("%s@%d", w.path, re.Offset)
	}
	return &Document{ID: id, URL: "", Source: w.path, Err: re}
}

// skipBlank consumes blank lines (CR, LF) before a record.
func (w *warcReader) skipBlank() error {
	for {
		b, err := w.br.ReadByte()
		if err != nil {
			return err
		}
		if b != '\r' && b != '\n' {
			return w.br.UnreadByte()
		}
		w.pos++
	}
}

// readLine reads one header line (without its line end); more than
// warcMaxHeader bytes in all is an error.
func (w *warcReader) readLine(budget *int) (string, error) {
	var line []byte
	for {
		frag, err := w.br.ReadSlice('\n')
		w.pos += int64(len(frag))
		*budget -= len(frag)
		if *budget < 0 {
			return "", fmt.Errorf("%w: header longer than %d bytes", ErrBadRecord, warcMaxHeader)
		}
		line = append(line, frag...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF && len(line) > 0 {
				err = io.ErrUnexpectedEOF
			}
			return string(line), err
		}
		return strings.TrimRight(string(line), "\r\n"), nil
	}
}

// warcHeader holds a record's header fields by lower-case name.
type warcHeader map[string]string

// readHeader reads a record's version line and header fields.
func (w *warcReader) readHeader() (warcHeader, error) {
	budget := warcMaxHeader
	first, err := w.readLine(&budget)
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		return nil, fmt.Errorf("%w: truncated header", ErrBadRecord)
	}
	if !strings.HasPrefix(first, "WARC/1.") {
		return nil, fmt.Errorf("%w: no WARC version line (got %q)", ErrBadRecord, shorten(first, 40))
	}
	h := warcHeader{}
	last := ""
	for {
		line, err := w.readLine(&budget)
		if err != nil {
			return nil, fmt.Errorf("%w: truncated header", ErrBadRecord)
		}
		if line == "" {
			return h, nil
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			h[last] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: header line without a colon: %q", ErrBadRecord, shorten(line, 40))
		}
		last = strings.ToLower(strings.TrimSpace(name))
		h[last] = strings.TrimSpace(value)
	}
}

// shorten cuts s to n bytes for an error message.
func shorten(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// record reads one record. It returns (nil, true) at the clean end of the
// stream; any Document it returns is the record's.
func (w *warcReader) record() (*Document, bool) {
	if err := w.skipBlank(); err != nil {
		if err == io.EOF {
			return nil, true
		}
		return w.fail(w.pos, "", err), true
	}
	off := w.pos
	h, err := w.readHeader()
	if err == io.EOF {
		return nil, true
	}
	uri := strings.Trim(h["warc-target-uri"], "<>")
	if err != nil {
		w.resync(nil)
		return w.fail(off, uri, err), false
	}
	n, err := strconv.ParseInt(h["content-length"], 10, 64)
	if err != nil || n < 0 {
		w.resync(nil)
		return w.fail(off, uri, fmt.Errorf("%w: bad Content-Length %q", ErrBadRecord, h["content-length"])), false
	}
	typ := strings.ToLower(h["warc-type"])
	keep := typ == "response" || typ == "resource" || typ == "conversion"
	skip := ""
	if !keep {
		if typ == "" {
			typ = "none"
		}
		skip = "skip:record(" + typ + ")"
	}
	// The block is read in two steps: its first 64 KiB, which also serve
	// to find a next record swallowed by a Content-Length that is too long;
	// then, unless the HTTP header or the record type already tells the
	// record is no document, the rest up to MaxBytes. The bytes beyond are
	// discarded, so a large image or video never sits in memory.
	limit := min(n, w.opts.MaxBytes)
	first := min(limit, 64<<10)
	block := make([]byte, first)
	got, rerr := io.ReadFull(w.br, block)
	w.pos += int64(got)
	block = block[:got]
	if rerr == nil && skip == "" && first < n {
		skip = w.earlySkip(h, typ, block)
	}
	if rerr == nil && skip == "" && limit > first {
		full := make([]byte, limit)
		copy(full, block)
		got, rerr = io.ReadFull(w.br, full[first:])
		w.pos += int64(got)
		block = full[:int(first)+got]
	}
	if rerr == nil && n > int64(len(block)) {
		var skipped int64
		skipped, rerr = io.CopyN(io.Discard, w.br, n-int64(len(block)))
		w.pos += skipped
		if rerr == io.EOF {
			rerr = io.ErrUnexpectedEOF
		}
	}
	if rerr != nil {
		// Cut short: a truncated file, or a Content-Length that is too
		// long. The next record, if any, is inside what was read.
		w.resync(block)
		return w.fail(off, uri, fmt.Errorf("%w: truncated (Content-Length %d, end of data after %d bytes)", ErrBadRecord, n, w.pos-off)), false
	}
	if !w.endMarker() {
		w.resync(block)
		return w.fail(off, uri, fmt.Errorf("%w: no end-of-record marker after Content-Length %d (the length is wrong)", ErrBadRecord, n)), false
	}
	if uri == "" {
		uri = fmt.Sprintf("%s@%d", w.path, off)
		if w.gz {
			uri = fmt.Sprintf("%s@%d", w.path, w.member)
		}
	}
	d := &Document{ID: uri, URL: uri, Source: w.path, Size: n, Record: &RecordRef{Archive: w.path, Offset: off}}
	if w.gz {
		d.Record.Offset, d.Record.InMember = w.member, off
	}
	if h["warc-target-uri"] == "" {
		d.URL = ""
	}
	if skip != "" {
		d.Skip = skip
		return d, false
	}
	if n > w.opts.MaxBytes {
		return w.fail(off, uri, fmt.Errorf("%w (record of %d bytes, limit %d)", ErrTooLarge, n, w.opts.MaxBytes)), false
	}
	if err := w.payload(d, h, typ, block); err != nil {
		return w.fail(off, uri, err), false
	}
	if re, ok := d.Err.(*ReadError); ok {
		// The payload failed to decode (binary, empty): name the record.
		err := re.Err
		if re.Offset >= 0 {
			err = fmt.Errorf("payload byte %d: %w", re.Offset, re.Err)
		}
		return w.fail(off, uri, err), false
	}
	return d, false
}

// earlySkip decides from the first bytes of a record's block (its HTTP
// header, or its Content-Type) whether the record is no document, and
// returns the skip reason, or "" when the whole block is needed.
func (w *warcReader) earlySkip(h warcHeader, typ string, head []byte) string {
	contentType := h["content-type"]
	if typ == "response" && isHTTP(contentType, head) {
		status, header, _, err := parseHTTP(head)
		if err != nil {
			return "" // the header goes on beyond head, or is bad
		}
		if (status < 200 || status > 299) && !w.opts.KeepStatus {
			return fmt.Sprintf("skip:status(%d)", status)
		}
		contentType = header.Get("Content-Type")
	}
	if contentType == "" {
		contentType = h["warc-identified-payload-type"]
	}
	if contentType == "" {
		return "" // sniffing needs the payload
	}
	if _, ok := payloadFormat(typ, contentType, nil); !ok {
		return contentTypeSkip(contentType)
	}
	return ""
}

// isHTTP reports whether a response record's block is an HTTP message.
func isHTTP(contentType string, block []byte) bool {
	return strings.HasPrefix(strings.ToLower(contentType), "application/http") || bytes.HasPrefix(block, []byte("HTTP/"))
}

// contentTypeSkip is the skip reason of a payload of a type that is no
// document.
func contentTypeSkip(contentType string) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "" {
		mt = "none"
	}
	return "skip:content-type(" + mt + ")"
}

// endMarker consumes the CR LF CR LF that ends a record (a lone LF LF is
// accepted too) and reports whether it was there.
func (w *warcReader) endMarker() bool {
	b, err := w.br.Peek(4)
	n := 0
	switch {
	case bytes.HasPrefix(b, []byte("\r\n\r\n")):
		n = 4
	case bytes.HasPrefix(b, []byte("\n\n")):
		n = 2
	case err != nil && len(bytes.Trim(b, "\r\n")) == 0:
		// At the end of the stream (file or gzip member) a marker that is
		// missing or cut short is tolerated: the block was complete.
		n = len(b)
	default:
		return false
	}
	_, _ = w.br.Discard(n)
	w.pos += int64(n)
	return true
}

// resync moves to the next record after a bad one. A next record inside
// the bad record's block (its Content-Length was too long) is pushed back;
// else the stream is scanned for a line starting "WARC/1.", up to the end
// of the gzip member or file.
func (w *warcReader) resync(block []byte) {
	if i := nextRecordIn(block); i >= 0 {
		rest := block[i:]
		buffered, _ := w.br.Peek(w.br.Buffered())
		pending := make([]byte, 0, len(rest)+len(buffered)+len(w.in.pending))
		pending = append(pending, rest...)
		pending = append(pending, buffered...)
		pending = append(pending, w.in.pending...)
		w.in.pending = pending
		w.br.Reset(w.in)
		w.pos -= int64(len(rest))
		return
	}
	lineStart := true
	for {
		if lineStart {
			b, err := w.br.Peek(7)
			if bytes.Equal(b, []byte("WARC/1.")) {
				return
			}
			if err != nil && len(b) == 0 {
				return
			}
		}
		frag, err := w.br.ReadSlice('\n')
		w.pos += int64(len(frag))
		if err == bufio.ErrBufferFull {
			lineStart = false
			continue
		}
		if err != nil {
			return
		}
		lineStart = true
	}
}

// nextRecordIn returns the offset in block of the start of a record (a
// "WARC/1." line after an end-of-record marker), or -1.
func nextRecordIn(block []byte) int {
	for from := 0; from < len(block); {
		i := bytes.Index(block[from:], []byte("\nWARC/1."))
		if i < 0 {
			return -1
		}
		i += from
		if i >= 3 && string(block[i-3:i+1]) == "\r\n\r\n" || i >= 1 && block[i-1] == '\n' {
			return i + 1
		}
		from = i + 1
	}
	return -1
}

// payload fills d from the block of a response, resource or conversion
// record, or marks it skipped.
func (w *warcReader) payload(d *Document, h warcHeader, typ string, block []byte) error {
	contentType := h["content-type"]
	body := block
	if typ == "response" && isHTTP(contentType, block) {
		status, header, rest, err := parseHTTP(block)
		if err != nil {
			return err
		}
		if (status < 200 || status > 299) && !w.opts.KeepStatus {
			d.Skip = fmt.Sprintf("skip:status(%d)", status)
			return nil
		}
		contentType = header.Get("Content-Type")
		if body, err = httpBody(header, rest, w.opts.MaxBytes); err != nil {
			if errors.Is(err, errUnsupportedEncoding) {
				d.Skip = "skip:content-encoding(" + strings.ToLower(header.Get("Content-Encoding")) + ")"
				return nil
			}
			return err
		}
	}
	if p := h["warc-identified-payload-type"]; contentType == "" && p != "" {
		contentType = p
	}
	format, ok := payloadFormat(typ, contentType, body)
	if !ok {
		d.Skip = contentTypeSkip(contentType)
		return nil
	}
	if len(body) == 0 {
		d.Skip = "skip:empty"
		return nil
	}
	d.Size = int64(len(body))
	w.decodePayload(d, body, format, contentType)
	return nil
}

// decodePayload decodes the payload of a record into d. It is the one
// place where a WARC record's bytes reach the decoder, with the HTTP
// Content-Type (and its charset) beside them: an HTML payload goes through
// the HTML decoder with contentType as its charset hint (which takes
// precedence over <meta> and sniffing, as in a browser), text through the
// text decoder with the charset of contentType when it names one.
func (w *warcReader) decodePayload(d *Document, raw []byte, format Format, contentType string) {
	defer d.checkLines(w.opts.MaxLineBytes)
	if format == FormatHTML {
		_ = d.decodeHTML(raw, contentType, w.encoding) // sets d.Err, which record turns into a record error
		return
	}
	d.Format = format
	enc := w.encoding
	if enc == "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
			if e, err := lookupEncoding(params["charset"]); err == nil {
				enc = e.name
			}
		}
	}
	_ = d.decode(raw, enc) // sets d.Err, which record turns into a record error
}

// payloadFormat decides whether a payload is a document, and its format.
func payloadFormat(typ, contentType string, body []byte) (Format, bool) {
	if typ == "conversion" {
		return FormatText, true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || mt == "" {
		if contentType != "" && err != nil {
			// A malformed Content-Type: judge by its first word.
			mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
		} else {
			mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
		}
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return FormatHTML, true
	case "text/plain":
		return FormatText, true
	}
	return "", false
}

// parseHTTP splits an HTTP response block into its status, header and the
// bytes after the header.
func parseHTTP(block []byte) (int, http.Header, []byte, error) {
	end := bytes.Index(block, []byte("\r\n\r\n"))
	sep := 4
	if lf := bytes.Index(block, []byte("\n\n")); lf >= 0 && (end < 0 || lf < end) {
		end, sep = lf, 2
	}
	if end < 0 {
		return 0, nil, nil, fmt.Errorf("%w: HTTP header without an end", ErrBadRecord)
	}
	lines := strings.Split(strings.ReplaceAll(string(block[:end]), "\r\n", "\n"), "\n")
	proto, rest, _ := strings.Cut(lines[0], " ")
	code, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	status, err := strconv.Atoi(code)
	if !strings.HasPrefix(proto, "HTTP/") || err != nil || len(code) != 3 {
		return 0, nil, nil, fmt.Errorf("%w: bad HTTP status line %q", ErrBadRecord, shorten(lines[0], 40))
	}
	header := http.Header{}
	last := ""
	for _, l := range lines[1:] {
		if l != "" && (l[0] == ' ' || l[0] == '\t') && last != "" {
			vs := header[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			continue // tolerated, as browsers do
		}
		last = http.CanonicalHeaderKey(strings.TrimSpace(name))
		header.Add(last, strings.TrimSpace(value))
	}
	return status, header, block[end+sep:], nil
}

// errUnsupportedEncoding: a Content-Encoding the reader cannot undo.
var errUnsupportedEncoding = errors.New("unsupported content encoding")

// httpBody undoes the transfer and content encodings of an HTTP body. The
// WARC record's length is authoritative: an HTTP Content-Length is ignored.
func httpBody(h http.Header, body []byte, limit int64) ([]byte, error) {
	if te := strings.ToLower(h.Get("Transfer-Encoding")); strings.Contains(te, "chunked") {
		b, err := readLimited(httputil.NewChunkedReader(bytes.NewReader(body)), int64(len(body)), limit)
		if err != nil && !errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("%w: chunked payload: %w", ErrBadRecord, err)
		}
		if err != nil {
			return nil, err
		}
		body = b
	}
	for _, ce := range strings.Split(h.Get("Content-Encoding"), ",") {
		var zr io.Reader
		var err error
		switch strings.ToLower(strings.TrimSpace(ce)) {
		case "", "identity":
			continue
		case "gzip", "x-gzip":
			zr, err = gzip.NewReader(bytes.NewReader(body))
		case "deflate":
			// "deflate" is zlib-wrapped by the standard, raw by some servers.
			if zr, err = zlib.NewReader(bytes.NewReader(body)); err != nil {
				zr, err = flate.NewReader(bytes.NewReader(body)), nil
			}
		default:
			return nil, errUnsupportedEncoding
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s payload: %w", ErrBadRecord, ce, err)
		}
		b, err := readLimited(zr, -1, limit)
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s payload: %w", ErrBadRecord, strings.TrimSpace(ce), err)
		}
		body = b
	}
	return body, nil
}

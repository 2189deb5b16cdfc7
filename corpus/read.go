package corpus

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// DefaultMaxBytes is the default limit on the size of one document.
const DefaultMaxBytes = 256 << 20

// DefaultMaxLineBytes is the default limit on the length of one line of a
// document's text: 1 MiB, some hundred times the longest paragraph of
// prose, while a megabyte-long line is a data dump, minified code or a
// broken conversion, which would only slow every later stage.
const DefaultMaxLineBytes = 1 << 20

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// Encoding forces an encoding for every document (any name accepted by
	// LookupEncoding). "" detects it per document: a UTF-16 BOM, else valid
	// UTF-8, else windows-1251 or KOI8-R by letter statistics; an HTML page
	// first follows its <meta> charset (see DecodeHTML).
	Encoding string
	// MaxBytes limits the size of one document after decompression; larger
	// documents fail with ErrTooLarge. 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxLineBytes limits the length of one line of a document's decoded
	// text (of an HTML page: one block); a document with a longer line
	// fails with ErrLongLine, whose ReadError gives the line's raw offset
	// and number. 0 means DefaultMaxLineBytes; a negative value, no limit.
	MaxLineBytes int64
	// FS, when non-nil, resolves the arguments in FS (slash-separated,
	// fs.ValidPath paths; for tests and embedded data) instead of the
	// operating system's file system.
	FS fs.FS
	// KeepStatus reads the HTTP responses of a WARC archive whatever their
	// status; by default a status outside 200-299 skips the record
	// ("skip:status(404)").
	KeepStatus bool
}

// Reader yields documents one at a time in a deterministic order: arguments
// in order; a directory walked recursively in lexical order (hidden files
// and folders, whose names start with ".", skipped); a glob pattern
// expanded in lexical order; "-" reads stdin; no arguments at all reads
// stdin. A file starting with the gzip magic bytes is decompressed whatever
// its name. A WARC or WET archive (named *.warc, *.warc.gz, *.wet, *.wet.gz,
// or starting with "WARC/1." after gunzip) yields one document per record,
// streamed: see [Document.Skip] for the records that are not pages. A file
// named .html, .htm or .xhtml (before a .gz), or any other file whose
// content LooksLikeHTML, is read as an HTML page (DecodeHTML, Format
// FormatHTML); the rest is plain text. Document IDs are unique: files of
// different arguments that would share one are named by a longer suffix of
// their paths (see ExpandAll). Only one document is held at a time (plus
// the list of paths of the current argument, or of all the arguments when
// there are several). A Reader is not safe for concurrent use.
type Reader struct {
	args  []string
	stdin io.Reader
	opts  Options
	enc   encoding

	pending []item      // expanded paths of the current argument (of all, with several)
	several bool        // several arguments: expandAll lists them at once
	warc    *warcReader // the WARC archive being read, if any
	doc     *Document
	err     error
	started bool
}

// NewReader returns a Reader over args; stdin is read for "-".
func NewReader(args []string, stdin io.Reader, opts Options) *Reader {
	if len(args) == 0 {
		args = []string{"-"}
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return &Reader{args: slices.Clone(args), stdin: stdin, opts: opts, several: len(args) > 1}
}

// expandAll lists the files of several arguments at once, so that files of
// different arguments that would share an ID get unique ones (ExpandAll).
func (r *Reader) expandAll() {
	if !r.several {
		return
	}
	r.several = false
	for _, arg := range r.args {
		r.pending = append(r.pending, r.expand(arg)...)
	}
	r.args = nil
	uniqueIDs(r.pending)
}

// Next advances to the next document, which Document then returns. It
// returns false at the end of the input or after a fatal error (see Err).
// A document that fails to read is still returned, with Document.Err set.
func (r *Reader) Next() bool {
	r.doc = nil
	if r.err != nil {
		return false
	}
	if !r.started {
		r.started = true
		e, err := lookupEncoding(r.opts.Encoding)
		if err != nil {
			r.err = fmt.Errorf("corpus: %w", err)
			return false
		}
		r.enc = e
	}
	r.expandAll()
	for {
		if r.warc != nil { // a WARC archive yields one document per record
			if r.doc = r.warc.next(); r.doc != nil {
				return true
			}
			_ = r.warc.close()
			r.warc = nil
		}
		for len(r.pending) == 0 {
			if len(r.args) == 0 {
				return false
			}
			arg := r.args[0]
			r.args = r.args[1:]
			r.pending = r.expand(arg)
		}
		it := r.pending[0]
		r.pending = r.pending[1:]
		if r.warc = r.openWARC(it); r.warc == nil {
			r.doc = r.read(it)
			return true
		}
	}
}

// Close closes the archive the Reader is reading, if any (a Reader reads
// a WARC archive record by record and keeps it open in between; other
// files are closed as soon as they are read). Next returns false after
// Close. It is safe to call more than once.
func (r *Reader) Close() error {
	var err error
	if r.warc != nil {
		err = r.warc.close()
		r.warc = nil
	}
	r.args, r.pending, r.doc = nil, nil, nil
	r.started, r.several = true, false
	return err
}

// Document returns the current document; it is valid until the next call of
// Next and may be kept (the Reader does not reuse it).
func (r *Reader) Document() *Document { return r.doc }

// Err returns the fatal error that stopped the Reader (an unsupported
// Options.Encoding), or nil. Failures of single documents are in
// Document.Err.
func (r *Reader) Err() error { return r.err }

// read reads and decodes one item.
func (r *Reader) read(it item) *Document {
	d := &Document{ID: it.id, Source: it.path}
	if it.err != nil {
		d.Err = newReadError(it.path, unwrapPathError(it.err))
		return d
	}
	raw, rerr := r.readAll(it.path)
	if rerr != nil {
		rerr.File = it.path
		d.Err = rerr
		return d
	}
	if isHTMLName(it.path) || LooksLikeHTML(raw) {
		_ = d.decodeHTML(raw, "", r.enc.name) // sets d.Err
	} else {
		_ = d.decode(raw, r.enc.name) // sets d.Err
	}
	d.checkLines(r.opts.MaxLineBytes)
	return d
}

// checkLines fails d (ErrLongLine) when a line of its text is longer than
// limit bytes (0: DefaultMaxLineBytes, negative: no limit).
func (d *Document) checkLines(limit int64) {
	if d.Err != nil || limit < 0 {
		return
	}
	if limit == 0 {
		limit = DefaultMaxLineBytes
	}
	if int64(len(d.Text)) <= limit {
		return
	}
	line := 1
	for start := 0; start < len(d.Text); line++ {
		n := strings.IndexByte(d.Text[start:], '\n')
		if n < 0 {
			n = len(d.Text) - start
		}
		if int64(n) > limit {
			err := &ReadError{File: d.Source, Offset: int64(d.RawOffset(start)), Line: line,
				Err: fmt.Errorf("%w: line %d holds %d bytes of text (limit %d)", ErrLongLine, line, n, limit)}
			d.Raw, d.Text, d.Blocks, d.Links, d.clean, d.nfc = nil, "", nil, nil, nil, nil
			d.Err = err
			return
		}
		start += n + 1
	}
}

// unwrapPathError drops the *fs.PathError wrapper, whose path the ReadError
// already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readAll reads one path ("-": stdin), decompressing gzip.
func (r *Reader) readAll(p string) ([]byte, *ReadError) {
	var src io.Reader
	size := int64(-1)
	if p == "-" {
		if r.stdin == nil {
			return nil, newReadError(p, errors.New("no standard input"))
		}
		src = r.stdin
	} else {
		var f fs.File
		var err error
		if r.opts.FS != nil {
			f, err = r.opts.FS.Open(p)
		} else {
			f, err = os.Open(p)
		}
		if err != nil {
			return nil, newReadError(p, unwrapPathError(err))
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			if fi.IsDir() {
				return nil, newReadError(p, errors.New("is a directory"))
			}
			size = fi.Size()
		}
		src = f
	}
	cr := &countingReader{r: src}
	br := bufio.NewReaderSize(cr, 64<<10)
	limit := r.opts.MaxBytes
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, gzipError(p, cr.n-int64(br.Buffered()), err)
		}
		raw, err := readLimited(zr, -1, limit)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return nil, &ReadError{File: p, Offset: limit, Err: err}
			}
			return nil, gzipError(p, cr.n-int64(br.Buffered()), err)
		}
		return raw, nil
	}
	if size > limit {
		return nil, &ReadError{File: p, Offset: limit, Err: fmt.Errorf("%w (%d bytes, limit %d)", ErrTooLarge, size, limit)}
	}
	raw, err := readLimited(br, size, limit)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, &ReadError{File: p, Offset: limit, Err: err}
		}
		return nil, &ReadError{File: p, Offset: cr.n - int64(br.Buffered()), Err: unwrapPathError(err)}
	}
	return raw, nil
}

// gzipError describes a gzip failure at compressed offset off.
func gzipError(p string, off int64, err error) *ReadError {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = ErrTruncated
	} else {
		err = fmt.Errorf("gzip: %w", err)
	}
	return &ReadError{File: p, Offset: off, Err: err}
}

// readLimited reads r to the end; more than limit bytes is ErrTooLarge.
// size, when known (>= 0), sizes the buffer.
func readLimited(r io.Reader, size, limit int64) ([]byte, error) {
	c := int64(512)
	if size >= 0 {
		c = min(size, limit) + 1
	}
	buf := make([]byte, 0, c)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, limit)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Skip passes over the next document like Next, without reading or
// decoding a plain file (the records of a WARC archive are still parsed),
// and returns its ID (Document.ID). A resumed run skips the documents it
// has already done with it. Document is nil after Skip.
func (r *Reader) Skip() (string, bool) {
	r.expandAll()
	if r.warc == nil && len(r.pending) == 0 && len(r.args) > 0 {
		// Expand the next argument as Next would.
		for len(r.pending) == 0 && len(r.args) > 0 {
			arg := r.args[0]
			r.args = r.args[1:]
			r.pending = r.expand(arg)
		}
	}
	if r.warc != nil || len(r.pending) == 0 || r.err != nil || !r.started {
		if !r.Next() {
			return "", false
		}
		id := r.doc.ID
		r.doc = nil
		return id, true
	}
	it := r.pending[0]
	if w := r.openWARC(it); w != nil {
		_ = w.close()
		if !r.Next() {
			return "", false
		}
		id := r.doc.ID
		r.doc = nil
		return id, true
	}
	r.pending = r.pending[1:]
	r.doc = nil
	return it.id, true
}

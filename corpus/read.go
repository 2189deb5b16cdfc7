package corpus

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultMaxBytes is the default limit on the size of one document.
const DefaultMaxBytes = 256 << 20

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// Encoding forces an encoding for every document (any name accepted by
	// LookupEncoding). "" detects it per document: a UTF-16 BOM, else valid
	// UTF-8, else windows-1251 or KOI8-R by letter statistics.
	Encoding string
	// MaxBytes limits the size of one document after decompression; larger
	// documents fail with ErrTooLarge. 0 means DefaultMaxBytes.
	MaxBytes int64
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
// streamed: see [Document.Skip] for the records that are not pages. Only
// one document is held at a time (plus the list of paths of the current
// argument). A Reader is not safe for concurrent use.
type Reader struct {
	args  []string
	stdin io.Reader
	opts  Options
	enc   encoding

	pending []item      // expanded paths of the current argument
	warc    *warcReader // the WARC archive being read, if any
	doc     *Document
	err     error
	started bool
}

// item is one path to read, or an argument that failed to expand.
type item struct {
	path, id string
	err      error
}

// NewReader returns a Reader over args; stdin is read for "-".
func NewReader(args []string, stdin io.Reader, opts Options) *Reader {
	if len(args) == 0 {
		args = []string{"-"}
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return &Reader{args: slices.Clone(args), stdin: stdin, opts: opts}
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
	for {
		if r.warc != nil { // a WARC archive yields one document per record
			if r.doc = r.warc.next(); r.doc != nil {
				return true
			}
			r.warc.close()
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

// Document returns the current document; it is valid until the next call of
// Next and may be kept (the Reader does not reuse it).
func (r *Reader) Document() *Document { return r.doc }

// Err returns the fatal error that stopped the Reader (an unsupported
// Options.Encoding), or nil. Failures of single documents are in
// Document.Err.
func (r *Reader) Err() error { return r.err }

// expand turns one argument into the items to read.
func (r *Reader) expand(arg string) []item {
	if arg == "-" {
		return []item{{path: "-", id: "-"}}
	}
	if r.opts.FS != nil && arg != "" {
		arg = path.Clean(arg) // fs.ValidPath refuses "dir/"
	}
	fi, err := r.stat(arg)
	if err != nil {
		if hasMeta(arg) {
			return r.glob(arg)
		}
		return []item{{path: arg, id: arg, err: err}}
	}
	if fi.IsDir() {
		return r.walk(arg, arg)
	}
	return []item{{path: arg, id: r.base(arg)}}
}

// hasMeta reports whether a path holds glob metacharacters.
func hasMeta(p string) bool { return strings.ContainsAny(p, `*?[\`) }

func (r *Reader) stat(p string) (fs.FileInfo, error) {
	if r.opts.FS != nil {
		return fs.Stat(r.opts.FS, p)
	}
	return os.Stat(p)
}

func (r *Reader) base(p string) string {
	if r.opts.FS != nil {
		return path.Base(p)
	}
	return filepath.Base(p)
}

// glob expands a pattern; IDs are relative to the pattern's fixed directory.
func (r *Reader) glob(pattern string) []item {
	var matches []string
	var err error
	var root string
	if r.opts.FS != nil {
		matches, err = fs.Glob(r.opts.FS, pattern)
		root = fixedDir(pattern, "/")
	} else {
		matches, err = filepath.Glob(pattern)
		root = fixedDir(filepath.ToSlash(pattern), "/")
		root = filepath.FromSlash(root)
	}
	if err != nil {
		return []item{{path: pattern, id: pattern, err: fmt.Errorf("glob: %w", err)}}
	}
	if len(matches) == 0 {
		return []item{{path: pattern, id: pattern, err: ErrNoMatch}}
	}
	slices.Sort(matches)
	var items []item
	for _, m := range matches {
		fi, err := r.stat(m)
		switch {
		case err != nil:
			items = append(items, item{path: m, id: r.rel(root, m), err: err})
		case fi.IsDir():
			items = append(items, r.walk(m, root)...)
		default:
			items = append(items, item{path: m, id: r.rel(root, m)})
		}
	}
	return items
}

// fixedDir returns the directory part of a slash-separated pattern before
// its first element holding a metacharacter ("." when there is none).
func fixedDir(pattern, sep string) string {
	elems := strings.Split(pattern, sep)
	n := 0
	for n < len(elems)-1 && !hasMeta(elems[n]) {
		n++
	}
	if n == 0 {
		if strings.HasPrefix(pattern, sep) {
			return sep
		}
		return "."
	}
	d := strings.Join(elems[:n], sep)
	if d == "" {
		return sep
	}
	return d
}

// rel returns p relative to root with slashes, or p when that fails.
func (r *Reader) rel(root, p string) string {
	if r.opts.FS != nil {
		root = path.Clean(root)
		if root == "." {
			return p
		}
		if rest, ok := strings.CutPrefix(p, root+"/"); ok {
			return rest
		}
		return p
	}
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// walk lists the regular files under dir in lexical order, with IDs
// relative to root. Symbolic links to files are read; links to directories
// are not followed. Unreadable directories become failed items.
func (r *Reader) walk(dir, root string) []item {
	var items []item
	fn := func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			items = append(items, item{path: p, id: r.rel(root, p), err: err})
			if d != nil && d.IsDir() && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			// Hidden files and folders (.git, .DS_Store) are not documents.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := r.stat(p)
			if err != nil || fi.IsDir() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		items = append(items, item{path: p, id: r.rel(root, p)})
		return nil
	}
	var err error
	if r.opts.FS != nil {
		err = fs.WalkDir(r.opts.FS, dir, fn)
	} else {
		err = filepath.WalkDir(dir, fn)
	}
	if err != nil {
		items = append(items, item{path: dir, id: r.rel(root, dir), err: err})
	}
	return items
}

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
		return d
	}
	_ = d.decode(raw, r.enc.name) // sets d.Err
	return d
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

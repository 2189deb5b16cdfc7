package corpus

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"sync"
)

// RecordRef locates one record of a WARC archive, so that a RecordOpener
// can read it again without reading the archive from its start. The Reader
// sets Document.Record of every record it reads.
type RecordRef struct {
	// Archive is the archive's path as opened (Document.Source).
	Archive string
	// Offset is the byte offset in the file of the record (a plain
	// archive) or of the gzip member that holds it.
	Offset int64
	// InMember is the offset of the record in its decompressed gzip
	// member: 0 when every record has a member of its own (the layout the
	// WARC standard recommends, which crawlers write), more for the later
	// records of an archive compressed as a whole (gzip x.warc); 0 for a
	// plain archive.
	InMember int64
}

// String returns "ARCHIVE@OFFSET", or "ARCHIVE@OFFSET+INMEMBER".
func (r RecordRef) String() string {
	s := r.Archive + "@" + strconv.FormatInt(r.Offset, 10)
	if r.InMember > 0 {
		s += "+" + strconv.FormatInt(r.InMember, 10)
	}
	return s
}

// RecordOpener reads single records of WARC archives again by their
// RecordRef, and returns the same Document as the Reader that first read
// them (Text, Blocks, offsets, the charset of the HTTP header), given the
// same Options. It keeps one open file per archive (see Close) and holds
// no more than the record being read: a plain archive and a record that
// starts its gzip member are read in place. A record inside a gzip member
// that holds several (an archive compressed as a whole) cannot be reached
// without decompressing the member from its start: the first such record
// asked for makes the opener decompress the archive once into a temporary
// plain WARC file (removed by Close), so that each record is then read in
// place too; the cost is one pass and the archive's decompressed size on
// disk, instead of one pass per record. RecordOpener is safe for
// concurrent use.
type RecordOpener struct {
	opts Options
	enc  encoding

	mu       sync.Mutex
	archives map[string]*openArchive
	bufs     sync.Pool // of *warcBufs: 128 KiB and a gzip reader per Open otherwise
}

// openArchive is an archive a RecordOpener has opened.
type openArchive struct {
	r    io.ReaderAt
	size int64
	c    io.Closer

	once    sync.Once       // makes the decompressed copy
	flat    *os.File        // the decompressed copy, a plain WARC
	members map[int64]int64 // offset of a gzip member -> its offset in flat
	flatErr error           // the copy could not be made
}

// NewRecordOpener returns a RecordOpener that reads records with opts (use
// the Options of the Reader that first read them). Only Encoding,
// MaxBytes, FS and KeepStatus matter.
func NewRecordOpener(opts Options) (*RecordOpener, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	e, err := lookupEncoding(opts.Encoding)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return &RecordOpener{opts: opts, enc: e, archives: map[string]*openArchive{}}, nil
}

// archive returns the open archive of path, opening it the first time.
func (o *RecordOpener) archive(path string) (*openArchive, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if a := o.archives[path]; a != nil {
		return a, nil
	}
	var f fs.File
	var err error
	if o.opts.FS != nil {
		f, err = o.opts.FS.Open(path)
	} else {
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, unwrapPathError(err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, unwrapPathError(err)
	}
	ra, ok := f.(io.ReaderAt)
	if !ok {
		f.Close()
		return nil, errors.New("the file cannot be read at an offset")
	}
	a := &openArchive{r: ra, size: fi.Size(), c: f}
	o.archives[path] = a
	return a, nil
}

// Open reads the record at ref. A record that cannot be read is returned
// as a Document with Err set (a *ReadError naming the archive and the
// offset), as the Reader returns it.
func (o *RecordOpener) Open(ref RecordRef) *Document {
	failed := func(err error) *Document {
		return &Document{ID: ref.String(), Source: ref.Archive, Err: &ReadError{File: ref.Archive, Offset: ref.Offset, Err: err}}
	}
	if ref.Offset < 0 || ref.InMember < 0 {
		return failed(fmt.Errorf("%w: negative offset", ErrBadRecord))
	}
	a, err := o.archive(ref.Archive)
	if err != nil {
		return failed(err)
	}
	var w *warcReader
	if ref.InMember == 0 {
		if ref.Offset > a.size {
			return failed(fmt.Errorf("%w: offset beyond the end of the file (%d bytes)", ErrBadRecord, a.size))
		}
		b, _ := o.bufs.Get().(*warcBufs)
		w = newWARCReaderBufs(ref.Archive, io.NewSectionReader(a.r, ref.Offset, a.size-ref.Offset), nil, o.opts, o.enc.name, b)
		defer func() { o.bufs.Put(w.bufs()) }()
		w.base = ref.Offset
		if !w.gz {
			w.pos = ref.Offset
		}
	} else {
		a.once.Do(func() { a.flatErr = a.decompress(ref.Archive) })
		if a.flatErr != nil {
			return failed(a.flatErr)
		}
		start, ok := a.members[ref.Offset]
		if !ok {
			return failed(fmt.Errorf("%w: no gzip member starts at byte %d", ErrBadRecord, ref.Offset))
		}
		b, _ := o.bufs.Get().(*warcBufs)
		w = newWARCReaderBufs(ref.Archive, io.NewSectionReader(a.flat, start+ref.InMember, math.MaxInt64-start-ref.InMember), nil, o.opts, o.enc.name, b)
		defer func() { o.bufs.Put(w.bufs()) }()
		w.pos = ref.InMember
	}
	d := w.next()
	if d == nil {
		return failed(fmt.Errorf("%w: no record at this offset", ErrBadRecord))
	}
	if ref.InMember > 0 {
		// Read from the copy: name the record by its gzip member, as the
		// Reader does.
		if d.URL == "" && d.Err == nil {
			d.ID = fmt.Sprintf("%s@%d", ref.Archive, ref.Offset)
		}
		if re, ok := d.Err.(*ReadError); ok {
			re.Offset = ref.Offset
		}
	}
	if d.Err == nil && d.Skip == "" {
		r := ref
		d.Record = &r
	}
	return d
}

// decompress writes the decompressed gzip members of the archive into a
// temporary plain WARC file (a.flat) and notes where each member starts.
func (a *openArchive) decompress(name string) error {
	f, err := os.CreateTemp("", "paraline-warc-*.warc")
	if err != nil {
		return fmt.Errorf("decompress the archive: %w", err)
	}
	// The name is not needed: the file goes when it is closed (Close).
	_ = os.Remove(f.Name())
	cr := &countingReader{r: io.NewSectionReader(a.r, 0, a.size)}
	br := bufio.NewReaderSize(cr, 64<<10)
	bw := bufio.NewWriterSize(f, 64<<10)
	a.members = map[int64]int64{}
	var zr *gzip.Reader
	var at int64
	for {
		if _, err := br.Peek(1); err != nil {
			break
		}
		member := cr.n - int64(br.Buffered())
		if zr == nil {
			zr, err = gzip.NewReader(br)
		} else {
			err = zr.Reset(br)
		}
		if err != nil {
			break // a bad member: the records before it are copied
		}
		zr.Multistream(false)
		a.members[member] = at
		n, err := io.Copy(bw, zr)
		at += n
		if err != nil {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("decompress the archive: %w", err)
	}
	a.flat = f
	return nil
}

// Close closes the archives the opener has opened and removes its
// temporary files; call it when no Open is under way. The opener may be
// used again afterwards (it opens the archives again).
func (o *RecordOpener) Close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	var first error
	for path, a := range o.archives {
		if err := a.c.Close(); err != nil && first == nil {
			first = err
		}
		if a.flat != nil {
			if err := a.flat.Close(); err != nil && first == nil {
				first = err
			}
		}
		delete(o.archives, path)
	}
	return first
}

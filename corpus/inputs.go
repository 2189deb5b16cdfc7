package corpus

import "io"

// NewInputReader returns a Reader over inputs as Expand listed them, in
// order: each is read exactly as the Reader of its argument reads it (the
// same Document.ID; a WARC archive one record at a time; an Input.Err as a
// failed Document). It lets a caller that distributes the files of a run
// (one Reader per file) read them as one Reader over all arguments would.
// stdin is read for the Input "-".
func NewInputReader(inputs []Input, stdin io.Reader, opts Options) *Reader {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	r := &Reader{stdin: stdin, opts: opts}
	for _, in := range inputs {
		r.pending = append(r.pending, item{path: in.Path, id: in.ID, err: in.Err})
	}
	return r
}

package corpus

import (
	"errors"
	"io/fs"
	"strconv"
)

// Sentinel errors carried by a [*ReadError]; test them with errors.Is.
var (
	// ErrBinary: the input holds a NUL byte (or a U+0000 code unit in
	// UTF-16), so it is not text.
	ErrBinary = errors.New("binary file (NUL byte)")
	// ErrEmpty: the input holds no text (no bytes, or only a byte order mark
	// and characters that normalisation removes).
	ErrEmpty = errors.New("empty file")
	// ErrTooLarge: the input is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("file too large")
	// ErrLongLine: a line of the decoded text is longer than
	// Options.MaxLineBytes.
	ErrLongLine = errors.New("line too long")
	// ErrTruncated: a gzip stream ends before its end marker.
	ErrTruncated = errors.New("truncated gzip stream")
	// ErrNoMatch: a glob pattern matches no file.
	ErrNoMatch = errors.New("no file matches the pattern")
	// ErrUnknownEncoding: an encoding name that [LookupEncoding] does not
	// support.
	ErrUnknownEncoding = errors.New("unsupported encoding")
)

// ReadError describes a document that could not be read or decoded.
type ReadError struct {
	File   string // the path as given or found ("-" for stdin); may be empty
	Offset int64  // byte offset of the problem in the file, or -1 when unknown
	Line   int    // 1-based line of the problem, or 0 when unknown
	Err    error  // the cause, often a sentinel such as ErrBinary
}

// Error formats the error as "read FILE: byte OFFSET (line L): ERR", leaving
// out the parts that are unknown.
func (e *ReadError) Error() string {
	b := []byte("read")
	if e.File != "" {
		b = append(b, ' ')
		b = append(b, e.File...)
	}
	b = append(b, ": "...)
	if e.Offset >= 0 {
		b = append(b, "byte "...)
		b = strconv.AppendInt(b, e.Offset, 10)
		if e.Line > 0 {
			b = append(b, " (line "...)
			b = strconv.AppendInt(b, int64(e.Line), 10)
			b = append(b, ')')
		}
		b = append(b, ": "...)
	} else if e.Line > 0 {
		b = append(b, "line "...)
		b = strconv.AppendInt(b, int64(e.Line), 10)
		b = append(b, ": "...)
	}
	if e.Err != nil {
		b = append(b, e.Err.Error()...)
	} else {
		b = append(b, "unknown error"...)
	}
	return string(b)
}

// Unwrap returns the cause.
func (e *ReadError) Unwrap() error { return e.Err }

// newReadError returns a ReadError with an unknown offset and line.
func newReadError(file string, err error) *ReadError {
	return &ReadError{File: file, Offset: -1, Err: err}
}

// Reason returns a short, stable reason for a read failure, suitable for
// reports and rejects files: "binary", "empty", "too-large", "long-line", "truncated",
// "no-match", "not-found", "permission", "encoding", "bad-record" (a WARC
// record) or "read-error"; "" for
// a nil error.
func Reason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrBinary):
		return "binary"
	case errors.Is(err, ErrEmpty):
		return "empty"
	case errors.Is(err, ErrTooLarge):
		return "too-large"
	case errors.Is(err, ErrLongLine):
		return "long-line"
	case errors.Is(err, ErrTruncated):
		return "truncated"
	case errors.Is(err, ErrNoMatch):
		return "no-match"
	case errors.Is(err, fs.ErrNotExist):
		return "not-found"
	case errors.Is(err, fs.ErrPermission):
		return "permission"
	case errors.Is(err, ErrUnknownEncoding):
		return "encoding"
	case errors.Is(err, ErrBadRecord):
		return "bad-record"
	default:
		return "read-error"
	}
}

// lineAt returns the 1-based line number of byte offset off in b.
func lineAt(b []byte, off int) int {
	n := 1
	for _, c := range b[:off] {
		if c == '\n' {
			n++
		}
	}
	return n
}

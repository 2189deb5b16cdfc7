package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// ErrBadLine reports a line that a LineWriter refuses to write.
var ErrBadLine = errors.New("line holds a line break, tab or control character")

// CheckLine returns nil when s can be one line of a Moses-format file: valid
// UTF-8 without LF, CR, TAB, another control character (Unicode Cc), NEL,
// LINE SEPARATOR or PARAGRAPH SEPARATOR. Otherwise the error wraps
// ErrBadLine and names the byte offset.
func CheckLine(s string) error {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return fmt.Errorf("%w: U+%04X at byte %d", ErrBadLine, c, i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Errorf("%w: invalid UTF-8 at byte %d", ErrBadLine, i)
		case r >= 0x80 && r <= 0x9f, r == 0x2028, r == 0x2029:
			return fmt.Errorf("%w: U+%04X at byte %d", ErrBadLine, r, i)
		}
		i += size
	}
	return nil
}

// LineWriter writes one segment per line (the Moses format used for
// mono.<lang> and corpus.<lang>) and counts the lines. It writes each line
// with one Write call; give it a buffered writer such as an AtomicFile.
type LineWriter struct {
	w   io.Writer
	buf []byte
	n   int
}

// NewLineWriter returns a LineWriter writing to w.
func NewLineWriter(w io.Writer) *LineWriter { return &LineWriter{w: w} }

// WriteLine writes s and a newline. A line that CheckLine refuses is not
// written: the error wraps ErrBadLine and names the line number it would
// have had.
func (w *LineWriter) WriteLine(s string) error {
	if err := CheckLine(s); err != nil {
		return fmt.Errorf("line %d: %w", w.n+1, err)
	}
	w.buf = append(append(w.buf[:0], s...), '\n')
	if _, err := w.w.Write(w.buf); err != nil {
		return fmt.Errorf("write line %d: %w", w.n+1, err)
	}
	w.n++
	return nil
}

// Lines returns the number of lines written.
func (w *LineWriter) Lines() int { return w.n }

// JSONLWriter writes one JSON object per line (JSON Lines) with
// encoding/json, without HTML escaping, and counts the records. It writes
// each record with one Write call.
type JSONLWriter struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
	n   int
}

// NewJSONLWriter returns a JSONLWriter writing to w.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	j := &JSONLWriter{w: w}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

// Encode writes v as one line of JSON. Nothing is written when v cannot be
// encoded.
func (j *JSONLWriter) Encode(v any) error {
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return fmt.Errorf("jsonl record %d: %w", j.n+1, err)
	}
	if _, err := j.w.Write(j.buf.Bytes()); err != nil {
		return fmt.Errorf("write jsonl record %d: %w", j.n+1, err)
	}
	j.n++
	return nil
}

// Records returns the number of records written.
func (j *JSONLWriter) Records() int { return j.n }

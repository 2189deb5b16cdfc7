package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/paraline/paraline/corpus"
)

// readDocument reads the one input of a text filter (split, repair): args
// holds at most one name, none or "-" meaning stdin. The input goes
// through corpus.Reader, so binary files, bad encodings and unmatched globs
// fail with a *corpus.ReadError naming the file and the position.
func readDocument(std *stdio, args []string, encoding string) (*corpus.Document, error) {
	if len(args) > 1 {
		return nil, usagef("at most one INPUT, got %d", len(args))
	}
	r := corpus.NewReader(args, std.in, corpus.Options{Encoding: encoding})
	var d *corpus.Document
	for r.Next() {
		if d != nil {
			return nil, usagef("%s holds more than one document (a directory, a glob or an archive); name one file", args[0])
		}
		d = r.Document()
	}
	switch {
	case r.Err() != nil:
		return nil, usageError{err: r.Err()}
	case d == nil:
		return nil, errors.New("no input")
	case errors.Is(d.Err, corpus.ErrEmpty):
		return &corpus.Document{ID: d.ID, Source: d.Source}, nil // no text: no output
	case d.Err != nil:
		return nil, d.Err
	}
	return d, nil
}

// exactText returns the text of d to filter byte for byte: the bytes as
// read when they are valid UTF-8 plain text, else the decoded text.
func exactText(d *corpus.Document) string {
	if d.Encoding == "utf-8" && d.Invalid == 0 && d.Format != corpus.FormatHTML {
		return string(d.Raw)
	}
	return d.Text
}

// openTextFile opens a file read line by line (align, translate),
// decompressed when it starts with the gzip magic bytes; the caller closes
// it with the returned function.
func openTextFile(path string) (io.Reader, func() error, error) {
	f, err := corpus.OpenLines(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// lineError is the error of reading line n of a line-by-line input: a cut
// gzip stream says so (corpus.ErrTruncated).
func lineError(name string, n int, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = corpus.ErrTruncated
	}
	return fmt.Errorf("read %s: line %d: %w", name, n, err)
}

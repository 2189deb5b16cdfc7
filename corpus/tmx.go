package corpus

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// TMXHeader holds the header attributes of a TMX file.
type TMXHeader struct {
	// SrcLang and TgtLang are the languages of the two sides (xml:lang of
	// the tuv elements; SrcLang is also the header's srclang).
	SrcLang, TgtLang string
	// Tool and ToolVersion name the creating tool; default "paraline", "0".
	Tool, ToolVersion string
	// Created is the creation date written in the header; the zero time
	// leaves it out (keeping outputs byte-identical between runs).
	Created time.Time
}

// TMXWriter writes a TMX 1.4b document (Translation Memory eXchange, the
// LISA/GALA standard) with one translation unit per pair:
//
//	<tu tuid="1">
//	  <prop type="x-doc">d1</prop>
//	  <prop type="x-score">1.25</prop>
//	  <tuv xml:lang="en"><seg>Hello.</seg></tuv>
//	  <tuv xml:lang="ru"><seg>Привет.</seg></tuv>
//	</tu>
//
// The output validates against the TMX 1.4b DTD. Close writes the closing
// tags (it does not close the underlying writer).
type TMXWriter struct {
	w      io.Writer
	h      TMXHeader
	buf    []byte
	n      int
	closed bool
}

// NewTMXWriter writes the XML declaration and header to w and returns the
// writer.
func NewTMXWriter(w io.Writer, h TMXHeader) (*TMXWriter, error) {
	if h.SrcLang == "" || h.TgtLang == "" {
		return nil, errors.New("tmx: both languages are needed")
	}
	if h.Tool == "" {
		h.Tool = "paraline"
	}
	if h.ToolVersion == "" {
		h.ToolVersion = "0"
	}
	t := &TMXWriter{w: w, h: h}
	b := []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n<header creationtool=\"")
	b = appendXML(b, h.Tool, true)
	b = append(b, "\" creationtoolversion=\""...)
	b = appendXML(b, h.ToolVersion, true)
	b = append(b, "\" segtype=\"sentence\" o-tmf=\"paraline\" adminlang=\"en\" srclang=\""...)
	b = appendXML(b, h.SrcLang, true)
	b = append(b, "\" datatype=\"plaintext\""...)
	if !h.Created.IsZero() {
		b = append(b, " creationdate=\""...)
		b = h.Created.UTC().AppendFormat(b, "20060102T150405Z")
		b = append(b, '"')
	}
	b = append(b, "/>\n<body>\n"...)
	if _, err := w.Write(b); err != nil {
		return nil, fmt.Errorf("write tmx header: %w", err)
	}
	return t, nil
}

// WritePair writes one translation unit; a pair that CheckPair refuses is
// not written.
func (t *TMXWriter) WritePair(p *Pair) error {
	if t.closed {
		return errors.New("tmx: write after Close")
	}
	if err := CheckPair(p); err != nil {
		return fmt.Errorf("pair %d: %w", t.n+1, err)
	}
	return t.writeChecked(p)
}

func (t *TMXWriter) writeChecked(p *Pair) error {
	b := append(t.buf[:0], "<tu tuid=\""...)
	b = strconv.AppendInt(b, int64(t.n+1), 10)
	b = append(b, "\">"...)
	if p.Doc != "" {
		b = append(b, "<prop type=\"x-doc\">"...)
		b = appendXML(b, p.Doc, false)
		b = append(b, "</prop>"...)
	}
	if p.Score != nil && *p.Score == *p.Score {
		b = append(b, "<prop type=\"x-score\">"...)
		b = appendScore(b, *p.Score)
		b = append(b, "</prop>"...)
	}
	for k, seg := range [2]string{p.Src, p.Tgt} {
		l := t.h.SrcLang
		if k == 1 {
			l = t.h.TgtLang
		}
		b = append(b, "<tuv xml:lang=\""...)
		b = appendXML(b, l, true)
		b = append(b, "\"><seg>"...)
		b = appendXML(b, seg, false)
		b = append(b, "</seg></tuv>"...)
	}
	b = append(b, "</tu>\n"...)
	t.buf = b
	if _, err := t.w.Write(b); err != nil {
		return fmt.Errorf("write tmx unit %d: %w", t.n+1, err)
	}
	t.n++
	return nil
}

// Pairs returns the number of translation units written.
func (t *TMXWriter) Pairs() int { return t.n }

// Close writes the closing tags.
func (t *TMXWriter) Close() error {
	if t.closed {
		return nil
	}
	t.closed = true
	if _, err := io.WriteString(t.w, "</body>\n</tmx>\n"); err != nil {
		return fmt.Errorf("write tmx trailer: %w", err)
	}
	return nil
}

// appendXML appends s escaped as XML character data (attr: also quotes).
// The caller has checked that s holds only XML characters.
func appendXML(b []byte, s string, attr bool) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if !attr {
				continue
			}
			esc = "&quot;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, esc...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

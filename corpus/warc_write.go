package corpus

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"time"
)

// WARCRecord is one record for [WARCWriter.WriteRecord].
type WARCRecord struct {
	// Type is the WARC-Type: "response", "resource", "request",
	// "metadata", "revisit", "conversion", "warcinfo", ...
	Type string
	// TargetURI is the WARC-Target-URI; "" writes none.
	TargetURI string
	// ContentType is the Content-Type of the block, e.g.
	// "application/http; msgtype=response"; "" writes none.
	ContentType string
	// Fields are more header fields, written in the order given.
	Fields [][2]string
	// Block is the record's content, written as it is.
	Block []byte
	// ContentLength, when >= 0 and not equal to len(Block), is written
	// instead of the true length (for tests of broken archives); set it
	// to -1 (or leave Block's length) for the true one.
	ContentLength int64
}

// WARCWriter writes a WARC/1.1 archive: records in order, each in its own
// gzip member when compression is on (the layout of crawlers and Common
// Crawl, which keeps per-record offsets). Record IDs are derived from the
// record's position and target, and WARC-Date is Date, so the same calls
// give the same bytes. Close flushes nothing but reports the first error;
// it does not close the underlying writer. Not safe for concurrent use.
//
//	ww := corpus.NewWARCWriter(f, true)
//	ww.WriteResponse("https://example.org/en/a.html", "text/html; charset=utf-8", page)
//	err := ww.Close()
type WARCWriter struct {
	// Date is the WARC-Date of the records written. NewWARCWriter sets it
	// to 2000-01-01T00:00:00Z.
	Date time.Time

	w    io.Writer
	gz   bool
	zw   *gzip.Writer
	n    int
	err  error
	data bytes.Buffer
}

// NewWARCWriter returns a writer of WARC records to w; compress writes
// every record as a gzip member (a .warc.gz file).
func NewWARCWriter(w io.Writer, compress bool) *WARCWriter {
	return &WARCWriter{w: w, gz: compress, Date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// WriteResponse writes a "response" record for url holding an HTTP/1.1 200
// response with the given Content-Type and body.
func (ww *WARCWriter) WriteResponse(url, contentType string, body []byte) error {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return ww.WriteHTTPResponse(url, 200, h, body)
}

// WriteHTTPResponse writes a "response" record for url holding an HTTP/1.1
// response with the status, header and body given. The body is written as
// it is: with "Transfer-Encoding: chunked" or "Content-Encoding: gzip" in
// header, body must already be chunked or compressed.
func (ww *WARCWriter) WriteHTTPResponse(url string, status int, header http.Header, body []byte) error {
	var b bytes.Buffer
	text := http.StatusText(status)
	if text == "" {
		text = "Status"
	}
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, text)
	keys := make([]string, 0, len(header))
	for k := range header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range header[k] {
			fmt.Fprintf(&b, "%s: %s\r\n", k, v)
		}
	}
	b.WriteString("\r\n")
	b.Write(body)
	return ww.WriteRecord(WARCRecord{Type: "response", TargetURI: url,
		ContentType: "application/http; msgtype=response", Block: b.Bytes(), ContentLength: -1})
}

// WriteConversion writes a "conversion" record (the text of a page, as in
// Common Crawl's WET files) for url.
func (ww *WARCWriter) WriteConversion(url string, text []byte) error {
	return ww.WriteRecord(WARCRecord{Type: "conversion", TargetURI: url, ContentType: "text/plain", Block: text, ContentLength: -1})
}

// WriteWarcinfo writes a "warcinfo" record with the given fields
// ("software: paraline", ...).
func (ww *WARCWriter) WriteWarcinfo(fields [][2]string) error {
	var b bytes.Buffer
	for _, f := range fields {
		fmt.Fprintf(&b, "%s: %s\r\n", f[0], f[1])
	}
	return ww.WriteRecord(WARCRecord{Type: "warcinfo", ContentType: "application/warc-fields", Block: b.Bytes(), ContentLength: -1})
}

// WriteRecord writes one record.
func (ww *WARCWriter) WriteRecord(rec WARCRecord) error {
	if ww.err != nil {
		return ww.err
	}
	ww.n++
	b := &ww.data
	b.Reset()
	id := sha1.Sum(fmt.Appendf(nil, "%d %s %s", ww.n, rec.Type, rec.TargetURI))
	n := int64(len(rec.Block))
	if rec.ContentLength >= 0 && rec.ContentLength != n {
		n = rec.ContentLength
	}
	digest := sha1.Sum(rec.Block)
	b.WriteString("WARC/1.1\r\n")
	fmt.Fprintf(b, "WARC-Type: %s\r\n", rec.Type)
	fmt.Fprintf(b, "WARC-Record-ID: <urn:uuid:%x-%x-5%03x-%x-%x>\r\n", id[0:4], id[4:6], (int(id[6])<<8|int(id[7]))&0xfff, id[8:10], id[10:16])
	fmt.Fprintf(b, "WARC-Date: %s\r\n", ww.Date.UTC().Format(time.RFC3339))
	if rec.TargetURI != "" {
		fmt.Fprintf(b, "WARC-Target-URI: %s\r\n", rec.TargetURI)
	}
	fmt.Fprintf(b, "WARC-Block-Digest: sha1:%s\r\n", base32.StdEncoding.EncodeToString(digest[:]))
	if rec.ContentType != "" {
		fmt.Fprintf(b, "Content-Type: %s\r\n", rec.ContentType)
	}
	for _, f := range rec.Fields {
		fmt.Fprintf(b, "%s: %s\r\n", f[0], f[1])
	}
	fmt.Fprintf(b, "Content-Length: %d\r\n\r\n", n)
	b.Write(rec.Block)
	b.WriteString("\r\n\r\n")
	if !ww.gz {
		_, ww.err = ww.w.Write(b.Bytes())
		return ww.err
	}
	if ww.zw == nil {
		ww.zw = gzip.NewWriter(ww.w)
	} else {
		ww.zw.Reset(ww.w)
	}
	if _, err := ww.zw.Write(b.Bytes()); err != nil {
		ww.err = err
		return err
	}
	ww.err = ww.zw.Close()
	return ww.err
}

// Close returns the first error met while writing, if any.
func (ww *WARCWriter) Close() error { return ww.err }

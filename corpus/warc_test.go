package corpus

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"net/http"
	"net/http/httputil"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// warcRec returns the bytes of the records that fn writes, compressed (one
// gzip member per record) or not.
func warcRec(t testing.TB, compress bool, fn func(ww *WARCWriter) error) []byte {
	t.Helper()
	var b bytes.Buffer
	ww := NewWARCWriter(&b, compress)
	if err := fn(ww); err != nil {
		t.Fatal(err)
	}
	if err := ww.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func response(url, ct, body string) func(*WARCWriter) error {
	return func(ww *WARCWriter) error { return ww.WriteResponse(url, ct, []byte(body)) }
}

func record(rec WARCRecord) func(*WARCWriter) error {
	if rec.ContentLength == 0 && len(rec.Block) > 0 {
		rec.ContentLength = -1
	}
	return func(ww *WARCWriter) error { return ww.WriteRecord(rec) }
}

func httpResp(url string, status int, h http.Header, body []byte) func(*WARCWriter) error {
	return func(ww *WARCWriter) error { return ww.WriteHTTPResponse(url, status, h, body) }
}

// describe summarises a document for comparison.
func describe(d *Document) string {
	switch {
	case d.Err != nil:
		var re *ReadError
		off := int64(-2)
		if errors.As(d.Err, &re) {
			off = re.Offset
		}
		return fmt.Sprintf("%s err:%s@%d", d.ID, Reason(d.Err), off)
	case d.Skip != "":
		return d.ID + " " + d.Skip
	default:
		return fmt.Sprintf("%s %s %q", d.ID, d.Format, d.Text)
	}
}

func chunk(s string, n int) []byte {
	var b bytes.Buffer
	cw := httputil.NewChunkedWriter(&b)
	for len(s) > 0 {
		k := min(n, len(s))
		_, _ = cw.Write([]byte(s[:k]))
		s = s[k:]
	}
	_ = cw.Close()
	b.WriteString("\r\n")
	return b.Bytes()
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return b.Bytes()
}

func deflated(s string) []byte {
	var b bytes.Buffer
	zw, _ := flate.NewWriter(&b, 5)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return b.Bytes()
}

func TestWARCRecords(t *testing.T) {
	const page = "<p>Hello world.</p>\n"
	h := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	cp1251, _ := charmap.Windows1251.NewEncoder().String("Привет, мир.\n")
	all := []func(*WARCWriter) error{
		func(ww *WARCWriter) error { return ww.WriteWarcinfo([][2]string{{"software", "test"}}) },
		record(WARCRecord{Type: "request", TargetURI: "https://ex.org/a", ContentType: "application/http; msgtype=request", Block: []byte("GET /a HTTP/1.1\r\nHost: ex.org\r\n\r\n")}),
		response("https://ex.org/a", "text/html; charset=utf-8", page),
		record(WARCRecord{Type: "metadata", TargetURI: "https://ex.org/a", ContentType: "application/warc-fields", Block: []byte("via: x\r\n")}),
		response("https://ex.org/b.txt", "text/plain", "Plain text.\n"),
		httpResp("https://ex.org/missing", 404, h("Content-Type", "text/html"), []byte("<p>Not found</p>")),
		response("https://ex.org/logo.png", "image/png", "\x89PNG\r\n\x1a\n\x00\x00"),
		record(WARCRecord{Type: "revisit", TargetURI: "https://ex.org/a", ContentType: "application/http; msgtype=response", Block: []byte("HTTP/1.1 200 OK\r\n\r\n")}),
		record(WARCRecord{Type: "resource", TargetURI: "file:///r.html", ContentType: "text/html", Block: []byte(page)}),
		record(WARCRecord{Type: "conversion", TargetURI: "https://ex.org/a", ContentType: "text/plain", Block: []byte("Converted text.\n")}),
		httpResp("https://ex.org/chunked", 200, h("Content-Type", "text/plain", "Transfer-Encoding", "chunked"), chunk("Chunked body text.\n", 5)),
		httpResp("https://ex.org/gz", 200, h("Content-Type", "text/plain", "Content-Encoding", "gzip"), gzipped("Gzipped body.\n")),
		httpResp("https://ex.org/deflate", 200, h("Content-Type", "text/plain", "Content-Encoding", "deflate"), deflated("Deflated body.\n")),
		httpResp("https://ex.org/br", 200, h("Content-Type", "text/plain", "Content-Encoding", "br"), []byte("\x0b\x02\x80")),
		httpResp("https://ex.org/both", 200, h("Content-Type", "text/plain", "Content-Encoding", "gzip", "Transfer-Encoding", "chunked"), chunk(string(gzipped("Both encodings.\n")), 7)),
		response("https://ex.org/ru", "text/plain; charset=windows-1251", cp1251),
		response("https://ex.org/empty", "text/html", ""),
		httpResp("https://ex.org/nocontenttype", 200, h(), []byte("<!DOCTYPE html><p>Sniffed.</p>")),
	}
	wantAll := []string{
		"a.warc@0 skip:record(warcinfo)",
		"https://ex.org/a skip:record(request)",
		`https://ex.org/a html "Hello world.\n"`,
		"https://ex.org/a skip:record(metadata)",
		`https://ex.org/b.txt text "Plain text.\n"`,
		"https://ex.org/missing skip:status(404)",
		"https://ex.org/logo.png skip:content-type(image/png)",
		"https://ex.org/a skip:record(revisit)",
		`file:///r.html html "Hello world.\n"`,
		`https://ex.org/a text "Converted text.\n"`,
		`https://ex.org/chunked text "Chunked body text.\n"`,
		`https://ex.org/gz text "Gzipped body.\n"`,
		`https://ex.org/deflate text "Deflated body.\n"`,
		"https://ex.org/br skip:content-encoding(br)",
		`https://ex.org/both text "Both encodings.\n"`,
		`https://ex.org/ru text "Привет, мир.\n"`,
		"https://ex.org/empty skip:empty",
		`https://ex.org/nocontenttype html "Sniffed.\n"`,
	}
	concat := func(compress bool, fns ...func(*WARCWriter) error) ([]byte, []int64) {
		var b []byte
		var offs []int64
		for _, fn := range fns {
			offs = append(offs, int64(len(b)))
			b = append(b, warcRec(t, compress, fn)...)
		}
		return b, offs
	}
	plain, _ := concat(false, all...)
	members, _ := concat(true, all...)
	wantGz := append([]string{"a.warc.gz@0 skip:record(warcinfo)"}, wantAll[1:]...)

	three := []func(*WARCWriter) error{response("https://ex.org/1", "text/plain", "One.\n"),
		response("https://ex.org/2", "text/plain", "Two.\n"), response("https://ex.org/3", "text/plain", "Three.\n")}
	lie := func(delta int64) func(*WARCWriter) error {
		return func(ww *WARCWriter) error {
			block := []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nTwo, with a lying length.\n")
			return ww.WriteRecord(WARCRecord{Type: "response", TargetURI: "https://ex.org/2", ContentType: "application/http; msgtype=response",
				Block: block, ContentLength: int64(len(block)) + delta})
		}
	}
	threeP, offP := concat(false, three...)
	threeZ, offZ := concat(true, three...)
	long, offLong := concat(false, three[0], lie(+300), three[2])
	short, offShort := concat(false, three[0], lie(-10), three[2])
	longZ, offLongZ := concat(true, three[0], lie(+300), three[2])
	notWARC := append(append(append([]byte{}, threeZ[:offZ[1]]...), gzipped("just some text\n")...), threeZ[offZ[1]:]...)
	corrupt := append([]byte{}, threeZ...)
	corrupt[offZ[1]+20] ^= 0xff // inside the deflate data of the second member
	garbage := append(append(append([]byte{}, threeP[:offP[1]]...), "garbage line\r\nmore\r\n"...), threeP[offP[1]:]...)

	bigBody := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	bigZ, offBig := concat(true,
		response("https://ex.org/big.png", "image/png", string(bigBody)),
		httpResp("https://ex.org/big-404", 404, h("Content-Type", "text/html"), bigBody),
		response("https://ex.org/big.html", "text/html", string(bigBody)),
		three[0])
	ok1, ok3 := `https://ex.org/1 text "One.\n"`, `https://ex.org/3 text "Three.\n"`
	tests := []struct {
		name string
		file string
		data []byte
		opts Options
		want []string
	}{
		{"plain", "a.warc", plain, Options{}, wantAll},
		{"gzip members", "a.warc.gz", members, Options{}, wantGz},
		{"whole-file gzip", "a.warc.gz", gzipped(string(plain)), Options{}, wantGz},
		{"sniffed plain", "crawl.dat", threeP, Options{}, []string{ok1, `https://ex.org/2 text "Two.\n"`, ok3}},
		{"sniffed gzip", "crawl", threeZ, Options{}, []string{ok1, `https://ex.org/2 text "Two.\n"`, ok3}},
		{"keep status", "k.warc", warcRec(t, false, httpResp("https://ex.org/missing", 404, h("Content-Type", "text/plain"), []byte("Not found.\n"))),
			Options{KeepStatus: true}, []string{`https://ex.org/missing text "Not found.\n"`}},
		{"truncated last record", "t.warc", threeP[:len(threeP)-12], Options{},
			[]string{ok1, `https://ex.org/2 text "Two.\n"`, fmt.Sprintf("https://ex.org/3 err:bad-record@%d", offP[2])}},
		{"truncated last member", "t.warc.gz", threeZ[:len(threeZ)-12], Options{},
			[]string{ok1, `https://ex.org/2 text "Two.\n"`, fmt.Sprintf("https://ex.org/3 err:truncated@%d", offZ[2])}},
		{"truncated header", "t.warc", threeP[:offP[2]+30], Options{},
			[]string{ok1, `https://ex.org/2 text "Two.\n"`, fmt.Sprintf("t.warc@%d err:bad-record@%d", offP[2], offP[2])}},
		{"Content-Length too long", "l.warc", long, Options{},
			[]string{ok1, fmt.Sprintf("https://ex.org/2 err:bad-record@%d", offLong[1]), ok3}},
		{"Content-Length too short", "s.warc", short, Options{},
			[]string{ok1, fmt.Sprintf("https://ex.org/2 err:bad-record@%d", offShort[1]), ok3}},
		{"Content-Length too long, gzip", "l.warc.gz", longZ, Options{},
			[]string{ok1, fmt.Sprintf("https://ex.org/2 err:bad-record@%d", offLongZ[1]), ok3}},
		{"empty file", "e.warc", nil, Options{}, []string{"e.warc@0 err:empty@0"}},
		{"empty gzip", "e.warc.gz", gzipped(""), Options{}, []string{"e.warc.gz@0 err:empty@0"}},
		{"only warcinfo", "i.warc", warcRec(t, false, func(ww *WARCWriter) error { return ww.WriteWarcinfo(nil) }), Options{},
			[]string{"i.warc@0 skip:record(warcinfo)"}},
		{"gzip member that is not a WARC", "n.warc.gz", notWARC, Options{},
			[]string{ok1, fmt.Sprintf("n.warc.gz@%d err:bad-record@%d", offZ[1], offZ[1]), `https://ex.org/2 text "Two.\n"`, ok3}},
		{"corrupt gzip member", "c.warc.gz", corrupt, Options{},
			[]string{ok1, fmt.Sprintf("c.warc.gz@%d err:read-error@%d", offZ[1], offZ[1]), ok3}},
		{"garbage between records", "g.warc", garbage, Options{},
			[]string{ok1, fmt.Sprintf("g.warc@%d err:bad-record@%d", offP[1], offP[1]), `https://ex.org/2 text "Two.\n"`, ok3}},
		{"large records skipped without holding them", "big.warc.gz", bigZ, Options{MaxBytes: 200 << 10},
			[]string{"https://ex.org/big.png skip:content-type(image/png)", "https://ex.org/big-404 skip:status(404)",
				fmt.Sprintf("https://ex.org/big.html err:too-large@%d", offBig[2]), ok1}},
		{"record too large", "big.warc", threeP, Options{MaxBytes: 60},
			[]string{fmt.Sprintf("https://ex.org/1 err:too-large@%d", offP[0]), fmt.Sprintf("https://ex.org/2 err:too-large@%d", offP[1]), fmt.Sprintf("https://ex.org/3 err:too-large@%d", offP[2])}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.FS = fstest.MapFS{tc.file: {Data: tc.data}}
			docs := readAllDocs(t, NewReader([]string{tc.file}, nil, opts))
			var got []string
			for _, d := range docs {
				got = append(got, describe(d))
				if d.Err == nil && d.Source != tc.file {
					t.Errorf("%s: Source = %q, want %q", d.ID, d.Source, tc.file)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("documents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestWARCErrorMessage checks that a bad record's error names the archive,
// the record's offset and what is wrong.
func TestWARCErrorMessage(t *testing.T) {
	var b bytes.Buffer
	ww := NewWARCWriter(&b, false)
	_ = ww.WriteResponse("https://ex.org/1", "text/plain", []byte("One.\n"))
	off := b.Len()
	_ = ww.WriteResponse("https://ex.org/2", "text/plain", []byte("Two.\n"))
	data := b.Bytes()[:b.Len()-10]
	docs := readAllDocs(t, NewReader([]string{"x.warc"}, nil, Options{FS: fstest.MapFS{"x.warc": {Data: data}}}))
	if len(docs) != 2 || docs[1].Err == nil {
		t.Fatalf("got %d documents, want 2 with the second failed", len(docs))
	}
	msg := docs[1].Err.Error()
	want := fmt.Sprintf("read x.warc: byte %d: bad WARC record: truncated", off)
	if !strings.HasPrefix(msg, want) {
		t.Errorf("error = %q, want prefix %q", msg, want)
	}
	if !errors.Is(docs[1].Err, ErrBadRecord) {
		t.Errorf("error %v does not wrap ErrBadRecord", docs[1].Err)
	}
}

// TestWARCStdin reads a WARC from standard input, and text after it.
func TestWARCStdin(t *testing.T) {
	data := warcRec(t, true, response("https://ex.org/1", "text/plain", "One.\n"))
	docs := readAllDocs(t, NewReader([]string{"-"}, bytes.NewReader(data), Options{}))
	if len(docs) != 1 || describe(docs[0]) != `https://ex.org/1 text "One.\n"` {
		t.Fatalf("docs = %v", docs)
	}
	docs = readAllDocs(t, NewReader(nil, strings.NewReader("plain text\n"), Options{}))
	if len(docs) != 1 || docs[0].Text != "plain text\n" {
		t.Fatalf("stdin text: docs = %v", docs)
	}
}

// TestWARCSameTextAsFolder checks that a WARC made from a folder of text
// and HTML pages gives each page's Text, Blocks and offsets as reading the
// folder does.
func TestWARCSameTextAsFolder(t *testing.T) {
	cp1251, _ := charmap.Windows1251.NewEncoder().String("Река Дунай.\r\nВторая строка\u00a0здесь.\n")
	pages := fstest.MapFS{
		"site/en/index.txt": {Data: []byte("The river Danube.\nSecond line.\n")},
		"site/ru/index.txt": {Data: []byte(cp1251)},
		"site/ru/nfc.txt":   {Data: []byte("Ёлка e\u0301\n")},
		"site/en/page.html": {Data: []byte("<!DOCTYPE html><html lang=en><title>T</title><nav><a href=/>Home</a></nav><main><h1>Title</h1><p>One <b>two</b> three.</p><table><tr><td>a<td>b</table></main>")},
		"site/ru/page.html": {Data: []byte("<html><head><meta charset=windows-1251></head><body><p>" + cp1251 + "</p></body></html>")},
	}
	contentType := func(id string) string {
		if strings.HasSuffix(id, ".html") {
			return "text/html"
		}
		return "text/plain"
	}
	folder := readAllDocs(t, NewReader([]string{"site"}, nil, Options{FS: pages}))
	var b bytes.Buffer
	ww := NewWARCWriter(&b, true)
	for _, d := range folder {
		raw, _ := pages.ReadFile("site/" + d.ID)
		if err := ww.WriteResponse("https://ex.org/"+d.ID, contentType(d.ID), raw); err != nil {
			t.Fatal(err)
		}
	}
	fsys := fstest.MapFS{"site.warc.gz": {Data: b.Bytes()}}
	warc := readAllDocs(t, NewReader([]string{"site.warc.gz"}, nil, Options{FS: fsys}))
	if len(warc) != len(folder) {
		t.Fatalf("WARC gave %d documents, folder %d", len(warc), len(folder))
	}
	for i, d := range folder {
		w := warc[i]
		if w.ID != "https://ex.org/"+d.ID || w.Text != d.Text || w.Encoding != d.Encoding || w.Format != d.Format || !bytes.Equal(w.Raw, d.Raw) || !reflect.DeepEqual(w.Blocks, d.Blocks) {
			t.Errorf("%s: WARC %q (%s) != folder %q (%s)", d.ID, w.Text, w.Encoding, d.Text, d.Encoding)
		}
		for off := 0; off <= len(d.Text); off++ {
			if w.RawOffset(off) != d.RawOffset(off) {
				t.Errorf("%s: RawOffset(%d) = %d, folder %d", d.ID, off, w.RawOffset(off), d.RawOffset(off))
				break
			}
		}
	}
}

// TestWARCWriterDeterministic checks that the writer gives the same bytes
// for the same calls, and that records carry the fields a reader needs.
func TestWARCWriterDeterministic(t *testing.T) {
	mk := func() []byte {
		return warcRec(t, false, func(ww *WARCWriter) error {
			ww.Date = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
			return ww.WriteResponse("https://ex.org/a", "text/html", []byte("<p>x</p>"))
		})
	}
	a, b := mk(), mk()
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same record differ")
	}
	for _, want := range []string{"WARC/1.1\r\n", "WARC-Type: response\r\n", "WARC-Date: 2024-05-06T07:08:09Z\r\n",
		"WARC-Target-URI: https://ex.org/a\r\n", "Content-Type: application/http; msgtype=response\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 8\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n\r\n"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("record lacks %q:\n%s", want, a)
		}
	}
}

// FuzzWARC feeds arbitrary bytes as a WARC archive: the reader must not
// panic, must end, and every record it reports must be a document, a skip
// or an error, at an offset inside the file.
func FuzzWARC(f *testing.F) {
	f.Add(warcRec(f, false, response("https://ex.org/1", "text/plain", "One.\n")))
	f.Add(warcRec(f, true, response("https://ex.org/1", "text/html", "<p>One.</p>")))
	f.Add(warcRec(f, false, httpResp("https://ex.org/c", 200, http.Header{"Transfer-Encoding": {"chunked"}, "Content-Type": {"text/plain"}}, chunk("abc def", 3))))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\n\r\nabc\r\n\r\nWARC/1.0\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.warc", "f.warc.gz"} {
			fsys := fstest.MapFS{name: {Data: data}}
			r := NewReader([]string{name}, nil, Options{FS: fsys, MaxBytes: 1 << 16})
			n := 0
			for r.Next() {
				d := r.Document()
				n++
				if n > len(data)+2 {
					t.Fatalf("more documents (%d) than bytes (%d)", n, len(data))
				}
				states := 0
				for _, b := range []bool{d.Err != nil, d.Skip != "", d.Err == nil && d.Skip == "" && d.Text != ""} {
					if b {
						states++
					}
				}
				if states != 1 {
					t.Fatalf("document %q: err=%v skip=%q text=%q: want exactly one of them", d.ID, d.Err, d.Skip, d.Text)
				}
				var re *ReadError
				if errors.As(d.Err, &re) && (re.Offset < 0 || re.Offset > int64(len(data))) {
					t.Fatalf("error offset %d outside the file (%d bytes): %v", re.Offset, len(data), d.Err)
				}
			}
			if err := r.Err(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

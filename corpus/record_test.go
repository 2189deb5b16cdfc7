package corpus

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestRecordOpener checks that every page record that a Reader reads is
// read again by its RecordRef into the same Document, for the three
// layouts of an archive: plain, one gzip member per record, and gzip over
// the whole file.
func TestRecordOpener(t *testing.T) {
	cp1251, _ := charmap.Windows1251.NewEncoder().String("<html><body><h1>Река</h1><p>Дунай, 2 850 км.</p></body></html>")
	koi, _ := charmap.KOI8R.NewEncoder().String("Река Дунай течёт в Чёрное море.\nВторая строка.\n")
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=windows-1251")
	recs := []func(*WARCWriter) error{
		func(ww *WARCWriter) error { return ww.WriteWarcinfo([][2]string{{"software", "test"}}) },
		response("https://ex.org/en/a", "text/html", "<html><body><h1>River</h1><p>The Danube, 2 850 km.</p></body></html>"),
		record(WARCRecord{Type: "request", TargetURI: "https://ex.org/ru/a", ContentType: "application/http; msgtype=request", Block: []byte("GET /ru/a HTTP/1.1\r\n\r\n")}),
		// The charset is only in the HTTP header: a page read from its
		// payload alone would be decoded otherwise.
		httpResp("https://ex.org/ru/a", 200, h, []byte(cp1251)),
		response("https://ex.org/ru/b.txt", "text/plain; charset=koi8-r", koi),
		record(WARCRecord{Type: "resource", ContentType: "text/plain", Block: []byte("A record without a URI.\n")}),
		response("https://ex.org/en/b.txt", "text/plain", "The second page.\r\nIts second line.\n"),
	}
	plain := warcRec(t, false, func(ww *WARCWriter) error {
		for _, fn := range recs {
			if err := fn(ww); err != nil {
				return err
			}
		}
		return nil
	})
	var whole bytes.Buffer
	zw := gzip.NewWriter(&whole)
	_, _ = zw.Write(plain)
	_ = zw.Close()
	dir := t.TempDir()
	archives := map[string][]byte{
		"plain.warc": plain,
		"members.warc.gz": warcRec(t, true, func(ww *WARCWriter) error {
			for _, fn := range recs {
				if err := fn(ww); err != nil {
					return err
				}
			}
			return nil
		}),
		"whole.warc.gz": whole.Bytes(),
	}
	for name, b := range archives {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			o, err := NewRecordOpener(Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer o.Close()
			r := NewReader([]string{path}, nil, Options{})
			var docs []*Document
			for r.Next() {
				if d := r.Document(); d.Err == nil && d.Skip == "" {
					docs = append(docs, d)
				}
			}
			if len(docs) != 5 {
				t.Fatalf("read %d pages, want 5", len(docs))
			}
			// In reverse order: the opener must not depend on reading
			// forward.
			for i := len(docs) - 1; i >= 0; i-- {
				d := docs[i]
				if d.Record == nil {
					t.Fatalf("%s: no Record", d.ID)
				}
				got := o.Open(*d.Record)
				if !reflect.DeepEqual(got, d) {
					t.Errorf("%s (%v): reopened\n%+v\nwant\n%+v", d.ID, *d.Record, got, d)
				}
			}
			if docs[1].Encoding != "windows-1251" || docs[2].Encoding != "koi8-r" {
				t.Errorf("encodings %s, %s: want those of the HTTP headers", docs[1].Encoding, docs[2].Encoding)
			}
		})
	}
}

// TestRecordOpenerBadRef checks that a reference to no record gives a
// failed Document naming the archive and the offset, not a panic.
func TestRecordOpenerBadRef(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.warc.gz")
	b := warcRec(t, true, response("https://ex.org/a", "text/plain", "Text.\n"))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := NewRecordOpener(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	for _, ref := range []RecordRef{
		{Archive: path, Offset: 3},
		{Archive: path, Offset: int64(len(b)) + 10},
		{Archive: path, Offset: 0, InMember: 5},
		{Archive: path, Offset: 7, InMember: 5},
		{Archive: path, Offset: -1},
		{Archive: filepath.Join(dir, "missing.warc"), Offset: 0},
	} {
		d := o.Open(ref)
		var re *ReadError
		if d.Err == nil || !asReadError(d.Err, &re) || re.File != path && ref.Archive == path {
			t.Errorf("Open(%v) = %s, want a read error naming the archive", ref, describe(d))
		}
	}
}

func asReadError(err error, re **ReadError) bool {
	e, ok := err.(*ReadError)
	if ok {
		*re = e
	}
	return ok
}

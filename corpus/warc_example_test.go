package corpus_test

import (
	"bytes"
	"fmt"
	"testing/fstest"

	"github.com/paraline/paraline/corpus"
)

// A WARC archive written by WARCWriter and read back: pages are documents,
// other records are skipped with a reason.
func ExampleWARCWriter() {
	var b bytes.Buffer
	ww := corpus.NewWARCWriter(&b, true) // one gzip member per record
	_ = ww.WriteResponse("https://example.org/en/", "text/html; charset=utf-8", []byte("<p>Hello.</p>"))
	_ = ww.WriteResponse("https://example.org/logo.png", "image/png", []byte("\x89PNG\r\n\x1a\n"))
	_ = ww.WriteConversion("https://example.org/ru/", []byte("Привет.\n"))
	if err := ww.Close(); err != nil {
		fmt.Println(err)
		return
	}
	fsys := fstest.MapFS{"crawl.warc.gz": {Data: b.Bytes()}}
	r := corpus.NewReader([]string{"crawl.warc.gz"}, nil, corpus.Options{FS: fsys})
	for r.Next() {
		d := r.Document()
		if d.Skip != "" {
			fmt.Println(d.ID, d.Skip)
			continue
		}
		fmt.Printf("%s %s %q\n", d.ID, d.Format, d.Text)
	}
	// Output:
	// https://example.org/en/ html "Hello.\n"
	// https://example.org/logo.png skip:content-type(image/png)
	// https://example.org/ru/ text "Привет.\n"
}

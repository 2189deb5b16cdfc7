package corpus_test

import (
	"fmt"
	"os"
	"strings"
	"testing/fstest"

	"github.com/paraline/paraline/corpus"
	"golang.org/x/text/transform"
)

func ExampleReader() {
	fsys := fstest.MapFS{
		"pages/en/a.txt":  {Data: []byte("Hello,\u00a0world.\r\n")},
		"pages/ru/b.txt":  {Data: []byte("\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0.\n")}, // windows-1251
		"pages/empty.txt": {Data: nil},
	}
	r := corpus.NewReader([]string{"pages", "missing.txt"}, nil, corpus.Options{FS: fsys})
	for r.Next() {
		d := r.Document()
		if d.Err != nil {
			fmt.Printf("%s: %v (%s)\n", d.ID, d.Err, corpus.Reason(d.Err))
			continue
		}
		fmt.Printf("%s %s %q\n", d.ID, d.Encoding, d.Text)
	}
	if err := r.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// empty.txt: read pages/empty.txt: empty file (empty)
	// en/a.txt utf-8 "Hello, world.\n"
	// ru/b.txt windows-1251 "Привет, мир.\n"
	// missing.txt: read missing.txt: open: file does not exist (not-found)
}

func ExampleDocument_RawOffset() {
	raw := []byte("caf\u00e9\u200b bar\r\nnext")
	d, err := corpus.DecodeNormalize(raw, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Cut the raw bytes of the first line (Text "café bar\n").
	end := strings.IndexByte(d.Text, '\n') + 1
	fmt.Printf("%q -> %q\n", d.Text[:end], raw[d.RawOffset(0):d.RawOffset(end)])
	// Output:
	// "café bar\n" -> "café\u200b bar\r\n"
}

func ExampleNormalizer() {
	s, _, err := transform.String(corpus.Normalizer(), "Cafe\u0301\u00a0\u200bmenu\r\n\tsoup")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", s)
	// Output:
	// "Café menu\n soup"
}

func ExampleLineWriter() {
	w := corpus.NewLineWriter(os.Stdout)
	for _, s := range []string{"First sentence.", "Bad\tline", "Second sentence."} {
		if err := w.WriteLine(s); err != nil {
			fmt.Println("skipped:", err)
		}
	}
	fmt.Println(w.Lines(), "lines")
	// Output:
	// First sentence.
	// skipped: line 2: line holds a line break, tab or control character: U+0009 at byte 3
	// Second sentence.
	// 2 lines
}

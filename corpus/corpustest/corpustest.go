// Package corpustest provides helpers for tests that need input files in
// the formats package corpus reads.
package corpustest

import (
	"os"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// WriteWARC creates the WARC archive path (each record a gzip member when
// gz), calls write with its writer and closes the archive. Any error fails
// t.
func WriteWARC(t testing.TB, path string, gz bool, write func(w *corpus.WARCWriter)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	ww := corpus.NewWARCWriter(f, gz)
	write(ww)
	if err := ww.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

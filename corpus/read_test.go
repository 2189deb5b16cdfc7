package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readAllDocs runs a Reader to the end.
func readAllDocs(t *testing.T, r *Reader) []*Document {
	t.Helper()
	var docs []*Document
	for r.Next() {
		docs = append(docs, r.Document())
	}
	if err := r.Err(); err != nil {
		t.Fatalf("Reader.Err: %v", err)
	}
	return docs
}

// readOne reads the single document of a MapFS holding name.
func readOne(t *testing.T, name string, data []byte) *Document {
	t.Helper()
	fsys := fstest.MapFS{name: {Data: data}}
	docs := readAllDocs(t, NewReader([]string{name}, nil, Options{FS: fsys}))
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	return docs[0]
}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantReadError checks that d failed with a *ReadError naming file and
// wrapping target.
func wantReadError(t *testing.T, d *Document, file string, target error) *ReadError {
	t.Helper()
	var re *ReadError
	if !errors.As(d.Err, &re) {
		t.Fatalf("Err = %v, want a *ReadError", d.Err)
	}
	if !errors.Is(d.Err, target) {
		t.Fatalf("Err = %v, want %v", d.Err, target)
	}
	if re.File != file || !strings.Contains(d.Err.Error(), file) {
		t.Fatalf("Err %q does not name %q", d.Err, file)
	}
	if d.Text != "" {
		t.Fatalf("Text = %q on error", d.Text)
	}
	return re
}

func TestReadEmptyFile(t *testing.T) {
	d := readOne(t, "empty.txt", nil)
	wantReadError(t, d, "empty.txt", ErrEmpty)
	if Reason(d.Err) != "empty" {
		t.Fatalf("Reason = %q", Reason(d.Err))
	}
}

func TestReadBinaryFile(t *testing.T) {
	data := append([]byte("%PDF-1.4\nsome text\n"), 0, 1, 2, 0xff, 0)
	d := readOne(t, "doc.pdf", data)
	re := wantReadError(t, d, "doc.pdf", ErrBinary)
	if re.Offset != 19 || re.Line != 3 {
		t.Fatalf("offset %d line %d, want 19 and 3", re.Offset, re.Line)
	}
	if got, want := d.Err.Error(), "read doc.pdf: byte 19 (line 3): binary file (NUL byte)"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	if d.Size != int64(len(data)) || d.Raw != nil {
		t.Fatalf("Size %d, Raw %q", d.Size, d.Raw)
	}
	if Reason(d.Err) != "binary" {
		t.Fatalf("Reason = %q", Reason(d.Err))
	}
}

func TestReadInvalidUTF8(t *testing.T) {
	d := readOne(t, "bad.txt", []byte("Первая строка \xd0\n\xff\xfe ok \xc3\x28 конец\n"))
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if d.Encoding != "utf-8" || d.Invalid != 4 {
		t.Fatalf("encoding %s invalid %d, want utf-8 and 4", d.Encoding, d.Invalid)
	}
	if got := strings.Count(d.Text, "\ufffd"); got != 4 {
		t.Fatalf("%d U+FFFD in %q", got, d.Text)
	}
}

// russian is text of our own for the single-byte encoding tests.
const russian = "Вчера в городском парке прошёл весенний праздник. Дети катались на каруселях,\r\n" +
	"а взрослые слушали оркестр и пили горячий чай с пирогами.\r\n" +
	"Организаторы обещают повторить праздник осенью.\r\n"

func TestReadWindows1251(t *testing.T) {
	raw, err := charmap.Windows1251.NewEncoder().Bytes([]byte(russian))
	if err != nil {
		t.Fatal(err)
	}
	d := readOne(t, "cp1251.txt", raw)
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if d.Encoding != "windows-1251" || d.Text != strings.ReplaceAll(russian, "\r\n", "\n") || d.Invalid != 0 {
		t.Fatalf("got %s %q (invalid %d)", d.Encoding, d.Text, d.Invalid)
	}
	checkDocument(t, d)
}

func TestReadKOI8R(t *testing.T) {
	raw, err := charmap.KOI8R.NewEncoder().Bytes([]byte(russian))
	if err != nil {
		t.Fatal(err)
	}
	d := readOne(t, "koi8.txt", raw)
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if d.Encoding != "koi8-r" || d.Text != strings.ReplaceAll(russian, "\r\n", "\n") {
		t.Fatalf("got %s %q", d.Encoding, d.Text)
	}
	checkDocument(t, d)
}

func TestReadForcedEncoding(t *testing.T) {
	raw, err := charmap.KOI8R.NewEncoder().Bytes([]byte("Мир"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"a.txt": {Data: raw}}
	docs := readAllDocs(t, NewReader([]string{"a.txt"}, nil, Options{FS: fsys, Encoding: "KOI8-R"}))
	if len(docs) != 1 || docs[0].Text != "Мир" || docs[0].Encoding != "koi8-r" {
		t.Fatalf("got %+v", docs)
	}
	r := NewReader([]string{"a.txt"}, nil, Options{FS: fsys, Encoding: "klingon"})
	if r.Next() || !errors.Is(r.Err(), ErrUnknownEncoding) {
		t.Fatalf("unknown encoding: Next true or Err %v", r.Err())
	}
}

func TestReadUTF16WithBOM(t *testing.T) {
	for _, tc := range []struct {
		name string
		e    unicode.Endianness
		want string
	}{{"le", unicode.LittleEndian, "utf-16le"}, {"be", unicode.BigEndian, "utf-16be"}} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := unicode.UTF16(tc.e, unicode.UseBOM).NewEncoder().Bytes([]byte(russian))
			if err != nil {
				t.Fatal(err)
			}
			d := readOne(t, "u16.txt", raw)
			if d.Err != nil {
				t.Fatal(d.Err)
			}
			if d.Encoding != tc.want || d.Text != strings.ReplaceAll(russian, "\r\n", "\n") {
				t.Fatalf("got %s %q", d.Encoding, d.Text)
			}
			checkDocument(t, d)
		})
	}
}

func TestReadUTF8WithBOM(t *testing.T) {
	d := readOne(t, "bom.txt", []byte("\ufeffHello\r\n"))
	if d.Err != nil || d.Text != "Hello\n" || d.Encoding != "utf-8" {
		t.Fatalf("got %q %s %v", d.Text, d.Encoding, d.Err)
	}
	if d.RawOffset(0) != 0 || d.RawOffset(1) != 4 || d.RawOffset(len(d.Text)) != len(d.Raw) {
		t.Fatalf("offsets %d %d %d", d.RawOffset(0), d.RawOffset(1), d.RawOffset(len(d.Text)))
	}
}

// TestReadHugeLine reads a 50 MB single line (with no-break spaces and
// Cyrillic) from disk; it must be linear (seconds at most even with the race
// detector off) and keep the offsets right.
func TestReadHugeLine(t *testing.T) {
	const size = 50 << 20
	unit := []byte("word слово\u00a0x\u200b ")
	raw := bytes.Repeat(unit, size/len(unit)+1)[:size]
	for !utf8Boundary(raw) {
		raw = raw[:len(raw)-1]
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "huge.txt")
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	// No line limit: the decoder is under test (the default limit
	// rejects such a line: TestLongLine).
	docs := readAllDocs(t, NewReader([]string{p}, nil, Options{MaxLineBytes: -1}))
	elapsed := time.Since(start)
	d := docs[0]
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if strings.Contains(d.Text, "\n") || strings.Contains(d.Text, "\u00a0") || len(d.Raw) != len(raw) {
		t.Fatal("text not normalised")
	}
	// Spot-check offsets: every unit starts at a multiple of len(unit) in raw.
	textUnit := len("word слово x ")
	for _, k := range []int{0, 1, 1000, 1 << 20, len(d.Text)/textUnit - 1} {
		if got := d.RawOffset(k * textUnit); got != k*len(unit) {
			t.Fatalf("RawOffset(%d) = %d, want %d", k*textUnit, got, k*len(unit))
		}
	}
	t.Logf("50 MB line read and normalised in %v", elapsed)
}

// utf8Boundary reports whether b ends on a complete character.
func utf8Boundary(b []byte) bool {
	return len(b) == 0 || b[len(b)-1] < 0x80 || bytes.HasSuffix(b, []byte("\u00a0")) || bytes.HasSuffix(b, []byte("\u200b"))
}

// errFS fails to open every file with a permission error.
type errFS struct{ fstest.MapFS }

func (e errFS) Open(name string) (fs.File, error) {
	if name == "locked.txt" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return e.MapFS.Open(name)
}

func TestReadUnreadablePath(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "no-such-file.txt")
		docs := readAllDocs(t, NewReader([]string{p}, nil, Options{}))
		wantReadError(t, docs[0], p, fs.ErrNotExist)
		if Reason(docs[0].Err) != "not-found" {
			t.Fatalf("Reason = %q", Reason(docs[0].Err))
		}
	})
	t.Run("through a file", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(f, "child.txt")
		docs := readAllDocs(t, NewReader([]string{p}, nil, Options{}))
		if docs[0].Err == nil || !strings.Contains(docs[0].Err.Error(), p) {
			t.Fatalf("Err = %v", docs[0].Err)
		}
	})
	t.Run("permission", func(t *testing.T) {
		fsys := errFS{fstest.MapFS{"locked.txt": {Data: []byte("secret")}, "ok.txt": {Data: []byte("fine")}}}
		docs := readAllDocs(t, NewReader([]string{"locked.txt", "ok.txt"}, nil, Options{FS: fsys}))
		if len(docs) != 2 {
			t.Fatalf("%d documents", len(docs))
		}
		wantReadError(t, docs[0], "locked.txt", fs.ErrPermission)
		if docs[1].Err != nil || docs[1].Text != "fine" {
			t.Fatalf("the run did not go on: %+v", docs[1])
		}
	})
}

func TestReadDirectoryOfThousands(t *testing.T) {
	dir := t.TempDir()
	const n = 3000
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%04d.txt", i)), []byte(fmt.Sprintf("document %d\n", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs := readAllDocs(t, NewReader([]string{dir + string(filepath.Separator)}, nil, Options{}))
	if len(docs) != n {
		t.Fatalf("%d documents, want %d", len(docs), n)
	}
	for i, d := range docs {
		if d.Err != nil {
			t.Fatal(d.Err)
		}
		if i > 0 && docs[i-1].ID >= d.ID {
			t.Fatalf("not sorted: %q then %q", docs[i-1].ID, d.ID)
		}
		if !strings.HasPrefix(d.ID, "d") || strings.Contains(d.ID, dir) || strings.Count(d.ID, "/") != 1 {
			t.Fatalf("ID %q is not relative", d.ID)
		}
	}
}

func TestReadTruncatedGzip(t *testing.T) {
	full := gzipBytes(t, []byte(strings.Repeat("Some text that compresses.\n", 200)))
	fsys := fstest.MapFS{
		"cut.txt.gz":    {Data: full[:len(full)/2]},
		"whole.txt.gz":  {Data: full},
		"noext":         {Data: full},
		"corrupt.gz":    {Data: append(append([]byte{}, full[:10]...), bytes.Repeat([]byte{0xff}, 40)...)},
		"header-only.z": {Data: full[:5]},
	}
	docs := readAllDocs(t, NewReader([]string{"cut.txt.gz", "whole.txt.gz", "noext", "corrupt.gz", "header-only.z"}, nil, Options{FS: fsys}))
	re := wantReadError(t, docs[0], "cut.txt.gz", ErrTruncated)
	if re.Offset != int64(len(full)/2) {
		t.Fatalf("offset %d, want %d", re.Offset, len(full)/2)
	}
	if docs[0].ID != "cut.txt.gz" {
		t.Fatalf("ID %q", docs[0].ID)
	}
	for _, d := range docs[1:3] {
		if d.Err != nil || !strings.HasPrefix(d.Text, "Some text") {
			t.Fatalf("%s: %v %q", d.ID, d.Err, d.Text)
		}
	}
	for _, d := range docs[3:] {
		if d.Err == nil || !strings.Contains(d.Err.Error(), d.Source) {
			t.Fatalf("%s: Err = %v", d.ID, d.Err)
		}
	}
}

func TestReadGlob(t *testing.T) {
	fsys := fstest.MapFS{
		"data/b.txt":       {Data: []byte("b")},
		"data/a.txt":       {Data: []byte("a")},
		"data/c.md":        {Data: []byte("c")},
		"data/x/page.txt":  {Data: []byte("x")},
		"data/y/page.txt":  {Data: []byte("y")},
		"data/sub/z.txt":   {Data: []byte("z")},
		"data/sub/deep/w":  {Data: []byte("w")},
		"other/lone.txt":   {Data: []byte("l")},
		"other/lone2.text": {Data: []byte("l2")},
	}
	tests := []struct {
		name    string
		args    []string
		wantIDs []string
	}{
		{"star", []string{"data/*.txt"}, []string{"a.txt", "b.txt"}},
		{"nested", []string{"data/*/page.txt"}, []string{"x/page.txt", "y/page.txt"}},
		{"matches dir", []string{"data/su?"}, []string{"sub/deep/w", "sub/z.txt"}},
		{"file arg", []string{"other/lone.txt"}, []string{"lone.txt"}},
		{"dir arg", []string{"data/sub"}, []string{"deep/w", "z.txt"}},
		{"dir arg slash", []string{"data/sub/"}, []string{"deep/w", "z.txt"}},
		{"order of args kept", []string{"other/lone.txt", "data/sub"}, []string{"lone.txt", "deep/w", "z.txt"}},
		{"no match", []string{"data/*.pdf", "other/lone.txt"}, []string{"data/*.pdf", "lone.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := readAllDocs(t, NewReader(tt.args, nil, Options{FS: fsys}))
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.wantIDs, ",") {
				t.Fatalf("IDs %q, want %q", ids, tt.wantIDs)
			}
		})
	}
	docs := readAllDocs(t, NewReader([]string{"data/*.pdf"}, nil, Options{FS: fsys}))
	wantReadError(t, docs[0], "data/*.pdf", ErrNoMatch)
}

func TestReadGlobOS(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a.txt", "c.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs := readAllDocs(t, NewReader([]string{filepath.Join(dir, "*.txt")}, nil, Options{}))
	if len(docs) != 2 || docs[0].ID != "a.txt" || docs[1].ID != "b.txt" || docs[0].Text != "a.txt" {
		t.Fatalf("got %d docs", len(docs))
	}
	if docs[0].Source != filepath.Join(dir, "a.txt") {
		t.Fatalf("Source %q", docs[0].Source)
	}
}

func TestReadStdin(t *testing.T) {
	t.Run("no args", func(t *testing.T) {
		docs := readAllDocs(t, NewReader(nil, strings.NewReader("from stdin\r\n"), Options{}))
		if len(docs) != 1 || docs[0].ID != "-" || docs[0].Source != "-" || docs[0].Text != "from stdin\n" {
			t.Fatalf("got %+v", docs)
		}
	})
	t.Run("dash gzip", func(t *testing.T) {
		r := bytes.NewReader(gzipBytes(t, []byte("zipped")))
		docs := readAllDocs(t, NewReader([]string{"-"}, r, Options{}))
		if docs[0].Err != nil || docs[0].Text != "zipped" {
			t.Fatalf("got %+v", docs[0])
		}
	})
	t.Run("nil stdin", func(t *testing.T) {
		docs := readAllDocs(t, NewReader([]string{"-"}, nil, Options{}))
		if docs[0].Err == nil {
			t.Fatal("no error")
		}
	})
}

func TestReadTooLarge(t *testing.T) {
	fsys := fstest.MapFS{"big.txt": {Data: bytes.Repeat([]byte("x"), 100)}, "big.gz": {Data: gzipBytes(t, bytes.Repeat([]byte("y"), 100))}}
	docs := readAllDocs(t, NewReader([]string{"big.txt", "big.gz"}, nil, Options{FS: fsys, MaxBytes: 50}))
	wantReadError(t, docs[0], "big.txt", ErrTooLarge)
	wantReadError(t, docs[1], "big.gz", ErrTooLarge)
}

func TestReadErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		err  *ReadError
		want string
	}{
		{"all", &ReadError{File: "a.txt", Offset: 12, Line: 3, Err: ErrBinary}, "read a.txt: byte 12 (line 3): binary file (NUL byte)"},
		{"offset only", &ReadError{File: "a.gz", Offset: 7, Err: ErrTruncated}, "read a.gz: byte 7: truncated gzip stream"},
		{"no position", &ReadError{File: "a.txt", Offset: -1, Err: ErrEmpty}, "read a.txt: empty file"},
		{"line only", &ReadError{File: "a.txt", Offset: -1, Line: 2, Err: ErrEmpty}, "read a.txt: line 2: empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadSymlinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "in", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "target.txt"), []byte("linked"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "in", "sub", "real.txt"), []byte("real"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "target.txt"), filepath.Join(dir, "in", "link.txt")); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	// A link back to the directory itself must not loop.
	if err := os.Symlink(filepath.Join(dir, "in"), filepath.Join(dir, "in", "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	docs := readAllDocs(t, NewReader([]string{filepath.Join(dir, "in")}, nil, Options{}))
	var got []string
	for _, d := range docs {
		got = append(got, d.ID+"="+d.Text)
	}
	if strings.Join(got, ",") != "link.txt=linked,sub/real.txt=real" {
		t.Fatalf("got %q", got)
	}
}

// countFS is an fs.FS that counts its open files.
type countFS struct {
	fs.FS
	open *int
}

type countFile struct {
	fs.File
	open *int
}

func (c countFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	*c.open++
	return countFile{f, c.open}, nil
}

func (c countFile) Close() error { *c.open--; return c.File.Close() }

// TestReaderClose checks that Close closes the archive a Reader is in the
// middle of, and that Next then stops.
func TestReaderClose(t *testing.T) {
	var b bytes.Buffer
	ww := NewWARCWriter(&b, true)
	for _, p := range []string{"a", "b", "c"} {
		if err := ww.WriteResponse("https://ex.org/"+p, "text/plain", []byte("Page "+p+".\n")); err != nil {
			t.Fatal(err)
		}
	}
	open := 0
	fsys := countFS{fstest.MapFS{"crawl.warc.gz": {Data: b.Bytes()}, "z.txt": {Data: []byte("Text.\n")}}, &open}
	r := NewReader([]string{"crawl.warc.gz", "z.txt"}, nil, Options{FS: fsys})
	if !r.Next() || r.Document().ID != "https://ex.org/a" {
		t.Fatalf("first document: %v", r.Document())
	}
	if open != 1 {
		t.Fatalf("%d files open in the middle of the archive, want 1", open)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if open != 0 {
		t.Errorf("%d files open after Close", open)
	}
	if r.Next() {
		t.Errorf("Next after Close gave %s", r.Document().ID)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestLongLine checks that a document with a line longer than
// MaxLineBytes fails with ErrLongLine at the line's raw offset and number,
// as a file and as a WARC record, and that a negative limit reads it.
func TestLongLine(t *testing.T) {
	long := strings.Repeat("word ", 1<<18) // 1.25 MiB
	text := "First line.\r\n" + long + "\nLast line.\n"
	var b bytes.Buffer
	ww := NewWARCWriter(&b, true)
	if err := ww.WriteResponse("https://ex.org/long", "text/plain", []byte(text)); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"long.txt": {Data: []byte(text)}, "ok.txt": {Data: []byte("Short.\n")}, "c.warc.gz": {Data: b.Bytes()}}
	r := NewReader([]string{"long.txt", "ok.txt", "c.warc.gz"}, nil, Options{FS: fsys})
	var got []*Document
	for r.Next() {
		got = append(got, r.Document())
	}
	if len(got) != 3 {
		t.Fatalf("%d documents, want 3", len(got))
	}
	var re *ReadError
	if !errors.Is(got[0].Err, ErrLongLine) || !errors.As(got[0].Err, &re) || re.Offset != 13 || re.Line != 2 || Reason(got[0].Err) != "long-line" {
		t.Errorf("long.txt: err %v, want ErrLongLine at byte 13, line 2", got[0].Err)
	}
	if got[1].Err != nil {
		t.Errorf("ok.txt: %v", got[1].Err)
	}
	if !errors.Is(got[2].Err, ErrLongLine) || !strings.Contains(got[2].Err.Error(), "payload byte 13") {
		t.Errorf("record: err %v, want ErrLongLine at payload byte 13", got[2].Err)
	}
	r = NewReader([]string{"long.txt"}, nil, Options{FS: fsys, MaxLineBytes: -1})
	if !r.Next() || r.Document().Err != nil {
		t.Errorf("no limit: %v", r.Document().Err)
	}
}

package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParallelReader(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	en := write("a.en", "One.\r\nTwo\tparts.\n")
	ru := write("a.ru", "Один.\nДва.\n")
	short := write("b.ru", "Один.\n")
	read := func(names []string, stdin string) ([][2]string, error) {
		r, err := OpenParallel(names, strings.NewReader(stdin))
		if err != nil {
			return nil, err
		}
		defer r.Close()
		var got [][2]string
		for {
			s, tg, ok, err := r.Next()
			if err != nil || !ok {
				return got, err
			}
			got = append(got, [2]string{s, tg})
		}
	}
	got, err := read([]string{en, ru}, "")
	if err != nil || len(got) != 2 || got[0] != [2]string{"One.", "Один."} || got[1] != [2]string{"Two parts.", "Два."} {
		t.Errorf("two files: %q, %v", got, err)
	}
	got, err = read([]string{"-"}, "src\ttgt\textra\nno tab\n")
	if err != nil || len(got) != 2 || got[0] != [2]string{"src", "tgt"} || got[1] != [2]string{"no tab", ""} {
		t.Errorf("TSV on stdin: %q, %v", got, err)
	}
	if _, err := read([]string{en, short}, ""); err == nil || !strings.Contains(err.Error(), "not parallel") {
		t.Errorf("files of different lengths: err = %v", err)
	}
	if _, err := read([]string{filepath.Join(dir, "nosuch")}, ""); err == nil {
		t.Error("missing file: no error")
	}
}

// TestParallelReaderBadInput checks that a binary or truncated input is an
// error naming the file and the line, not pairs of garbage.
func TestParallelReaderBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(strings.Repeat("Ещё одна строка.\n", 200)))
	_ = zw.Close()
	en := write("a.en", []byte("One.\nTwo.\nThree.\n"))
	tests := []struct {
		name    string
		files   []string
		want    error
		wantMsg string
	}{
		{"NUL in the target", []string{en, write("bin.ru", []byte("Один.\nД\x00ва.\nТри.\n"))}, ErrBinary, "bin.ru: line 2"},
		{"NUL in the source", []string{write("bin.en", []byte("\x00\x01\x02\nx\ny\n")), en}, ErrBinary, "bin.en: line 1"},
		{"NUL in a TSV", []string{write("bin.tsv", []byte("a\tb\nc\x00\td\n"))}, ErrBinary, "bin.tsv: line 2"},
		{"truncated gzip", []string{en, write("cut.ru.gz", gz.Bytes()[:gz.Len()/2])}, ErrTruncated, "cut.ru.gz"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := OpenParallel(tc.files, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			for {
				var ok bool
				_, _, ok, err = r.Next()
				if err != nil || !ok {
					break
				}
			}
			if !errors.Is(err, tc.want) || !strings.Contains(fmt.Sprint(err), tc.wantMsg) {
				t.Errorf("err = %v, want %v naming %q", err, tc.want, tc.wantMsg)
			}
		})
	}
}

package corpus

import (
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

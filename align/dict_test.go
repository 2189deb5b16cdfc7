package align

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadDict(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		words []string // From words expected in the dictionary
		err   bool
	}{
		{"tsv", "file\tфайл\nfolder\tпапка\n", []string{"file", "folder"}, false},
		{"hunalign", "файл @ file\nпапка @ folder\n", []string{"file", "folder"}, false},
		{"comments and phrases", "# comment\nopen file\tоткрыть файл\ndisk\tдиск\n", []string{"disk"}, false},
		{"empty", "\n# nothing\n", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := readDict(strings.NewReader(tc.in))
			if (err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", err, tc.err)
			}
			if err != nil {
				return
			}
			var got []string
			for w := range d.fwd {
				got = append(got, w)
			}
			if len(got) != len(tc.words) {
				t.Fatalf("words %v, want %v", got, tc.words)
			}
			for _, w := range tc.words {
				if _, ok := d.fwd[w]; !ok {
					t.Errorf("missing %q", w)
				}
			}
		})
	}
}

func TestLoadDictFile(t *testing.T) {
	d, err := LoadDict(filepath.Join("testdata", "small.dict"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() < 5 {
		t.Errorf("Len = %d", d.Len())
	}
	if _, err := LoadDict(filepath.Join("testdata", "missing.dict")); err == nil {
		t.Error("no error for a missing file")
	}
}

func TestMuellerSenses(t *testing.T) {
	entry := "file\n   _I  [faɪl]\n      1. _n.\n         1) _тех. напильник\n         2) пилочка (для ногтей)\n" +
		"         3) отделка, полировка; to need the file требовать отделки\n      2. _v.\n         1) пилить, подпиливать\n"
	got := muellerSenses(entry)
	want := []string{"напильник", "пилочка", "отделка", "полировка", "пилить", "подпиливать"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("muellerSenses = %q, want %q", got, want)
	}
}

func TestParseDictd(t *testing.T) {
	e1, e2 := "file\n  1) напильник\n", "cat\n  кошка; кот\n"
	body := e1 + e2
	idx := "cat\t" + b64(len(e1)) + "\t" + b64(len(e2)) + "\nfile\tA\t" + b64(len(e1)) + "\n"
	d, err := parseDictd([]byte(idx), []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 2 || len(d.fwd["cat"]) != 1 || len(d.fwd["file"]) != 1 {
		t.Errorf("fwd = %v", d.fwd)
	}
	if _, err := parseDictd([]byte("cat\tzzzz\tB\n"), []byte(body)); err == nil {
		t.Error("no error for an offset past the end")
	}
}

func TestLoadMueller(t *testing.T) {
	if _, err := os.Stat(filepath.Join(MuellerDir, "mueller7.index")); err != nil {
		t.Skip("Debian package mueller7-dict is not installed")
	}
	d, err := LoadMueller(MuellerDir)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() < 20000 {
		t.Errorf("only %d head words", d.Len())
	}
	// "cat" translates as "кошка"; the inflected "кошки" must find it.
	if _, keys := lookup(d.fwd, "cats", scLatin); len(keys) == 0 {
		t.Error("no translations for cats")
	}
	if _, heads := lookup(d.rev, "кошки", scCyrillic); len(heads) == 0 {
		t.Error("no head words for кошки")
	}
}

func TestStems(t *testing.T) {
	for _, group := range [][]string{
		{"файл", "файла", "файлов", "файлами"},
		{"процесс", "процесса", "процессы"},
		{"открыть", "открыла"},
	} {
		for _, w := range group[1:] {
			if ruStem(w) != ruStem(group[0]) {
				t.Errorf("ruStem(%q) = %q, ruStem(%q) = %q", w, ruStem(w), group[0], ruStem(group[0]))
			}
		}
	}
	for w, lemma := range map[string]string{"files": "file", "copies": "copy", "stopped": "stop", "running": "run", "used": "use"} {
		if got := enLemmas(nil, w); !strings.Contains(strings.Join(got, " "), lemma) {
			t.Errorf("enLemmas(%q) = %q, want %q among them", w, got, lemma)
		}
	}
}

func TestCognateKey(t *testing.T) {
	pairs := [][2]string{{"process", "процесс"}, {"server", "сервер"}, {"system", "система"}, {"directory", "директория"}, {"information", "информация"},
		{"export", "экспорт"}, {"proxy", "прокси"}, {"experiment", "эксперимент"}, {"index", "индекс"}, {"text", "текст"}}
	for _, p := range pairs {
		if a, b := cognateKey(p[0], scLatin), cognateKey(p[1], scCyrillic); a == "" || a != b {
			t.Errorf("cognateKey(%q) = %q, cognateKey(%q) = %q", p[0], a, p[1], b)
		}
	}
	if k := cognateKey("file", scLatin); k != "" {
		t.Errorf("short word has key %q", k)
	}
}

func TestTokenize(t *testing.T) {
	got := map[string]bool{}
	for _, tk := range tokenize(nil, `Open %1$s or {0} at <b>https://example.org/x</b> with --force; see /usr/bin/tool, $HOME and GnuPG 2.4?`) {
		got[tk.text] = true
	}
	for _, w := range []string{"%s", "{0}", "b", "/b", "https://example.org/x", "--force", "/usr/bin/tool", "$HOME", "gnupg", "2", "4", ";", "?"} {
		if !got[w] {
			t.Errorf("token %q missing from %v", w, got)
		}
	}
}

func FuzzReadDict(f *testing.F) {
	f.Add("file\tфайл\nпапка @ folder\n")
	f.Add("\t\n @ \n#\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := readDict(strings.NewReader(s))
		if err == nil && d.Len() == 0 {
			t.Error("empty dictionary without error")
		}
	})
}

func FuzzParseDictd(f *testing.F) {
	f.Add("cat\tU\tP\nfile\tA\tU\n", "file\n  1) напильник\ncat\n  кошка; кот\n")
	f.Fuzz(func(t *testing.T, idx, body string) {
		_, _ = parseDictd([]byte(idx), []byte(body)) // must not panic
	})
}

func FuzzTokenize(f *testing.F) {
	f.Add("Open %s: %1$d {0} <a href=x>y</a> --opt /p/q $V ${W} http://x.y/z a@b.c «q» 1,5…")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tk := range tokenize(nil, s) {
			if tk.text == "" && tk.kind != tkNumber {
				t.Errorf("empty token of kind %d in %q", tk.kind, s)
			}
		}
	})
}

// b64 encodes n as a dictd base-64 number.
func b64(n int) string {
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if n == 0 {
		return "A"
	}
	var s []byte
	for ; n > 0; n /= 64 {
		s = append([]byte{alpha[n%64]}, s...)
	}
	return string(s)
}

func TestLoadDictionary(t *testing.T) {
	if d, err := LoadDictionary("", false); d != nil || err != nil {
		t.Errorf("neither: %v, %v; want nil, nil", d, err)
	}
	if _, err := LoadDictionary("testdata/small.dict", true); !errors.Is(err, ErrTwoDicts) {
		t.Errorf("both: err = %v, want ErrTwoDicts", err)
	}
	if d, err := LoadDictionary("testdata/small.dict", false); err != nil || d == nil {
		t.Errorf("file: %v, %v; want a dictionary", d, err)
	}
	if _, err := LoadDictionary("testdata/nosuch.dict", false); err == nil {
		t.Error("missing file: no error")
	}
}

func TestDictLinks(t *testing.T) {
	d, err := NewDict("en", "ru", [][2]string{{"house", "дом"}, {"cat", "кошка"}, {"garden", "сад"}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		a, b   []string
		aFrom  bool
		la, lb string // per word: 1 linked, 0 not
	}{
		{"inflected forms", []string{"The", "cats", "in", "gardens"}, []string{"кошки", "в", "саду"}, true, "0101", "101"},
		{"the other way round", []string{"кошки", "в", "саду"}, []string{"The", "cats", "in", "gardens"}, false, "101", "0101"},
		{"known but not linked", []string{"house"}, []string{"кошка"}, true, "0", "0"},
		{"three letters are enough", []string{"cat"}, []string{"кошка"}, true, "1", "1"},
	}
	bits := func(l []bool) string {
		var b strings.Builder
		for _, x := range l {
			if x {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		return b.String()
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			la, lb := d.Links(c.a, c.b, c.aFrom)
			if bits(la) != c.la || bits(lb) != c.lb {
				t.Errorf("Links = %s %s, want %s %s", bits(la), bits(lb), c.la, c.lb)
			}
		})
	}
	if la, _ := (*Dict)(nil).Links([]string{"cat"}, []string{"кошка"}, true); la[0] {
		t.Error("nil Dict links")
	}
}

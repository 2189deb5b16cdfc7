package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// TestMkwarc writes a WARC from a small folder and reads it back.
func TestMkwarc(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	files := map[string]string{
		"en/index.html": "<p>Hello.</p>\n",
		"ru/index.html": "<p>Привет.</p>\n",
		"notes a.txt":   "Plain notes.\n",
		".hidden":       "not a page\n",
	}
	for name, body := range files {
		p := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name  string
		flags []string
		want  []string
	}{
		{"x.warc.gz", nil, []string{
			"https://ex.org/s/en/index.html html Hello.\n",
			"https://ex.org/s/notes%20a.txt text Plain notes.\n",
			"https://ex.org/s/ru/index.html html Привет.\n"}},
		{"y.warc.gz", []string{"-whole-gzip", "-requests", "-charset", "utf-8"}, []string{
			"https://ex.org/s/en/index.html skip:record(request)",
			"https://ex.org/s/en/index.html html Hello.\n",
			"https://ex.org/s/notes%20a.txt skip:record(request)",
			"https://ex.org/s/notes%20a.txt text Plain notes.\n",
			"https://ex.org/s/ru/index.html skip:record(request)",
			"https://ex.org/s/ru/index.html html Привет.\n"}},
		{"z.wet", []string{"-wet", "-copies", "2"}, []string{
			"https://ex.org/s/en/index.html text <p>Hello.</p>\n",
			"https://ex.org/s/notes%20a.txt text Plain notes.\n",
			"https://ex.org/s/ru/index.html text <p>Привет.</p>\n",
			"https://ex.org/s/en/index.html?copy=2 text <p>Hello.</p>\n",
			"https://ex.org/s/notes%20a.txt?copy=2 text Plain notes.\n",
			"https://ex.org/s/ru/index.html?copy=2 text <p>Привет.</p>\n"}},
	} {
		out := filepath.Join(dir, tc.name)
		args := append([]string{"-o", out, "-base", "https://ex.org/s/"}, tc.flags...)
		if err := run(append(args, site), io.Discard); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		r := corpus.NewReader([]string{out}, nil, corpus.Options{})
		var got []string
		for r.Next() {
			d := r.Document()
			switch {
			case d.Err != nil:
				got = append(got, d.ID+" error "+d.Err.Error())
			case d.Skip != "":
				got = append(got, d.ID+" "+d.Skip)
			default:
				got = append(got, d.ID+" "+string(d.Format)+" "+d.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s:\ngot  %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

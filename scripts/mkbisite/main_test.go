package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoldPairs(t *testing.T) {
	pg := func(names ...string) []page {
		var out []page
		for _, n := range names {
			out = append(out, page{name: n})
		}
		return out
	}
	en := pg("a.html", "ld-idm272.html", "ld-idm1389.html", "ld-idm548.html", "only-en.html")
	ru := pg("a.html", "ld-idm272.html", "ld-idm1387.html", "ld-idm546.html")
	var got []string
	for _, g := range goldPairs(en, ru) {
		got = append(got, g[0]+">"+g[1])
	}
	want := "a.html>a.html ld-idm1389.html>ld-idm1387.html ld-idm272.html>ld-idm272.html ld-idm548.html>ld-idm546.html"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("gold = %q, want %q", g, want)
	}
}

func TestVisibleText(t *testing.T) {
	got := string(visibleText([]byte("<html><head><title>T</title><style>x{}</style></head><body><h1>Head</h1><p>One <b>two</b>\nthree</p><ul><li>a</li><li>b</li></ul><script>var x;</script></body></html>")))
	if want := "T\nHead\nOne two three\na\nb\n"; got != want {
		t.Errorf("visibleText = %q, want %q", got, want)
	}
}

func TestWriteCrawl(t *testing.T) {
	out := t.TempDir()
	if err := writeCrawl(out, 40, 1); err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir(filepath.Join(out, "crawl-40"))
	gold, err := os.ReadFile(filepath.Join(out, "gold", "crawl-40.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	pairs := strings.Count(string(gold), "\n")
	if pairs < 30 || len(files) < 2*pairs || len(files) > 80 {
		t.Errorf("%d files, %d gold pairs", len(files), pairs)
	}
	// Same seed, same crawl.
	out2 := t.TempDir()
	if err := writeCrawl(out2, 40, 1); err != nil {
		t.Fatal(err)
	}
	gold2, _ := os.ReadFile(filepath.Join(out2, "gold", "crawl-40.tsv"))
	if string(gold) != string(gold2) {
		t.Error("the same seed gave another crawl")
	}
}

package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// countingFS counts how many times each file of an fs.FS is opened.
type countingFS struct {
	fsys  fstest.MapFS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err == nil {
		if fi, serr := f.Stat(); serr == nil && !fi.IsDir() {
			c.mu.Lock()
			c.opens[name]++
			c.mu.Unlock()
		}
	}
	return f, err
}

// Stat and ReadDir let fs.Stat and fs.ReadDir look without opening.
func (c *countingFS) Stat(name string) (fs.FileInfo, error)      { return c.fsys.Stat(name) }
func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return c.fsys.ReadDir(name) }

var crawlWords = strings.Fields("young old northern southern eastern western quiet busy green muddy rocky sandy small large early late bright dark wooden iron")

// englishCrawl returns a crawl of n English pages of distinct prose; every
// page i with i%ru == 0 also holds a line of Russian site furniture,
// repeated across those pages (boilerplate, not a translation).
func englishCrawl(n, ru int) fstest.MapFS {
	m := fstest.MapFS{}
	for i := range n {
		var b strings.Builder
		if i%ru == 0 {
			b.WriteString("Главная | Новости | Контакты\n\n")
		}
		for k := range 5 {
			w := func(j int) string { return crawlWords[(7*i+3*k+j)%len(crawlWords)] }
			fmt.Fprintf(&b, "The %s volunteers of the %s district cleaned the %s banks of the river and counted the %s birds they saw near the %s bridge.\n", w(0), w(1), w(2), w(3), w(4))
		}
		m[fmt.Sprintf("crawl/page%02d.txt", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return m
}

// TestAutoPairOpens counts the reads of each document by a run that pairs
// by default (AutoPair) against a run without pairing: on a crawl in one
// language, deciding not to pair reads each document once, as the first
// pass of a run without pairing does (the pass is that pass), and the
// pages holding letters of the other language's script once more (they
// are classified); reading every document again to decide would show here.
func TestAutoPairOpens(t *testing.T) {
	crawl := englishCrawl(12, 3)
	opens := func(auto bool, workers int) (map[string]int, string) {
		c := &countingFS{fsys: crawl, opens: map[string]int{}}
		dir := t.TempDir()
		o := Options{Inputs: []string{"crawl"}, FS: c, AutoPair: auto, Langs: []string{"en", "ru"}, Workers: workers}
		if _, err := Run(context.Background(), dir, o); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(dir + "/docpairs.tsv"); err == nil {
			b, _ := os.ReadFile(dir + "/docpairs.tsv")
			t.Fatalf("auto %v: the crawl was paired; the test needs one language: %s", auto, b)
		}
		return c.opens, dir
	}
	plain, plainDir := opens(false, 2)
	for _, workers := range []int{1, 2, 3} {
		auto, autoDir := opens(true, workers)
		for name := range crawl {
			want := plain[name]
			if strings.Contains(string(crawl[name].Data), "Главная") {
				want++ // classified once to decide
			}
			if auto[name] != want {
				t.Errorf("workers %d: %s opened %d times by the run that pairs by default, %d without pairing; want %d", workers, name, auto[name], plain[name], want)
			}
		}
		sameOutputs(t, plainDir, autoDir)
	}
}

// TestAutoPairOpensBilingual checks that a bilingual crawl is read as
// docpair reads it (the pass that decides counts the lines for it), plus
// the two documents that tell that the crawl may be bilingual.
func TestAutoPairOpensBilingual(t *testing.T) {
	m := fstest.MapFS{}
	for _, l := range []string{"en", "ru"} {
		for _, name := range []string{"river_cleanup.txt", "water_forum.txt"} {
			b, err := os.ReadFile("testdata/pairs/" + l + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			m["site/"+l+"/"+name] = &fstest.MapFile{Data: b}
		}
	}
	c := &countingFS{fsys: m, opens: map[string]int{}}
	dir := t.TempDir()
	rep, err := Run(context.Background(), dir, Options{Inputs: []string{"site"}, FS: c, AutoPair: true, Langs: []string{"en", "ru"}, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pairs.Documents != 2 {
		t.Fatalf("pairs %+v, want 2", rep.Pairs)
	}
	total := 0
	for name := range m {
		// Read to decide, by docpair, by the pair job; the Russian pages
		// once more to find them Russian.
		want := 3
		if strings.Contains(name, "/ru/") {
			want = 4
		}
		if c.opens[name] != want {
			t.Errorf("%s opened %d times, want %d", name, c.opens[name], want)
		}
		total += c.opens[name]
	}
	if total != 14 {
		t.Errorf("%d opens, want 14", total)
	}
}

package docpair

import (
	"testing"

	"github.com/paraline/paraline/corpus"
)

// TestStructure pairs pages that neither their addresses nor their texts
// pair (generated names, screen dumps differing by a character) through
// the links of pages already paired.
func TestStructure(t *testing.T) {
	a := func(hrefs ...string) []corpus.Link {
		var ls []corpus.Link
		for _, h := range hrefs {
			ls = append(ls, corpus.Link{Href: h, Text: "D"})
		}
		return ls
	}
	en := func(name string, links ...string) Doc {
		return doc("en/"+name, "https://ex.org/"+name, "en", "alpha", a(links...)...)
	}
	ru := func(name string, links ...string) Doc {
		return doc("ru/"+name, "https://ex.org/ru/"+name, "ru", "один", a(links...)...)
	}
	tests := []struct {
		name string
		by   string
		docs []Doc
		want string
	}{
		{"children in order", ByAuto, []Doc{
			en("p.html", "index.html", "p.html#top", "ld-1.html", "ld-2.html", "https://debian.org/", "q.html"),
			ru("p.html", "index.html", "ld-7.html", "ld-8.html", "https://debian.org/", "q.html"),
			en("ld-1.html"), en("ld-2.html"), ru("ld-7.html"), ru("ld-8.html"),
		}, "en/ld-1.html>ru/ld-7.html(link) en/ld-2.html>ru/ld-8.html(link) en/p.html>ru/p.html(url)"},
		{"grandchildren, to a fixed point", ByURL, []Doc{
			en("p.html", "ld-1.html"), ru("p.html", "ld-7.html"),
			en("ld-1.html", "x-1.html"), ru("ld-7.html", "x-3.html"),
			en("x-1.html"), ru("x-3.html"),
		}, "en/ld-1.html>ru/ld-7.html(link) en/p.html>ru/p.html(url) en/x-1.html>ru/x-3.html(link)"},
		{"a page missing from the crawl keeps its place", ByAuto, []Doc{
			en("p.html", "ld-1.html", "ld-2.html"), ru("p.html", "ld-7.html", "ld-8.html"),
			en("ld-1.html"), en("ld-2.html"), ru("ld-8.html"),
		}, "en/ld-2.html>ru/ld-8.html(link) en/p.html>ru/p.html(url)"},
		{"gaps of different lengths pair nothing", ByAuto, []Doc{
			en("p.html", "ld-1.html", "ld-2.html"), ru("p.html", "ld-8.html"),
			en("ld-1.html"), en("ld-2.html"), ru("ld-8.html"),
		}, "en/p.html>ru/p.html(url)"},
		{"parents that disagree pair nothing", ByAuto, []Doc{
			en("p.html", "ld-1.html"), ru("p.html", "ld-7.html"),
			en("q.html", "ld-1.html"), ru("q.html", "ld-8.html"),
			en("ld-1.html"), ru("ld-7.html"), ru("ld-8.html"),
		}, "en/p.html>ru/p.html(url) en/q.html>ru/q.html(url)"},
		{"content alone uses no links", ByContent, []Doc{
			en("p.html", "ld-1.html"), ru("p.html", "ld-7.html"), en("ld-1.html"), ru("ld-7.html"),
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, Options{By: tc.by}, tc.docs...)
			if g := got(res); g != tc.want {
				t.Errorf("pairs = %q\nwant    %q", g, tc.want)
			}
		})
	}
}

// TestStructureUntranslated refuses a pair proposed by the links whose
// two pages are the same text.
func TestStructureUntranslated(t *testing.T) {
	l := func(h string) corpus.Link { return corpus.Link{Href: h} }
	res := run(t, Options{},
		doc("en/p", "https://ex.org/p", "en", "alpha", l("c1")),
		doc("ru/p", "https://ex.org/ru/p", "ru", "один", l("c7")),
		doc("en/c1", "https://ex.org/c1", "en", siteEN[3]),
		doc("ru/c7", "https://ex.org/ru/c7", "ru", siteEN[3]+"\nМеню"))
	if g := got(res); g != "en/p>ru/p(url)" || res.Untranslated != 1 {
		t.Errorf("pairs = %q, untranslated %d", g, res.Untranslated)
	}
}

func TestLinkTargets(t *testing.T) {
	u := location("", "https://ex.org/a/p.html")
	links := []corpus.Link{
		{Href: "q.html"}, {Href: "q.html#s2"}, // a repeat of the link before
		{Href: "p.html#top"}, {Href: "#x"}, // the page itself
		{Href: "/ru/p.html", Rel: "alternate", HrefLang: "ru"}, // markup, not structure
		{Href: "mailto:a@ex.org"},
		{Href: "../b/"}, {Href: "q.html"},
	}
	var want []uint64
	for _, s := range []string{"ex.org/a/q.html", "ex.org/b", "ex.org/a/q.html"} {
		want = append(want, hashLoc(s))
	}
	got := linkTargets(normURL(u), func(h string) string { return resolve(u, h) }, links)
	if len(got) != len(want) {
		t.Fatalf("targets = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("target %d = %x, want %x", i, got[i], want[i])
		}
	}
}

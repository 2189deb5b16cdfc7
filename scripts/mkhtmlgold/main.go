// Command mkhtmlgold makes the development sets of the body/boilerplate
// classifier from HTML documentation that Debian packages install, labelling
// text by the page region it comes from: the site's main content element is
// body, everything else that is visible is boilerplate, and code listings
// count neither way.
//
// Usage:
//
//	go run ./scripts/mkhtmlgold -o DIR [-max N] [-site NAME,...]
//
// For each site found on the machine it writes
//
//	DIR/SITE/html/NAME.html   the page, copied as installed
//	DIR/SITE/gold/NAME.txt    the gold body: visible text of the main
//	                          content element without code, one block a line
//	DIR/SITE/code/NAME.txt    the text of the page's code listings (the
//	                          scorer does not count it against a prediction)
//	DIR/SITE/text/NAME.txt    the page's visible text, one block a line (as a
//	                          browser's text rendering, tables cell by cell)
//	DIR/SITE/detect.tsv       line labels of the text dumps in the format of
//	                          shared/eval/detect (README.md there): body for
//	                          lines of the main element, boilerplate for the
//	                          rest, noise for code lines
//
// NAME is the page's path below the site's root with "/" turned into "_".
// Pages are the site's .html files in sorted order; with -max N, N of them
// spread evenly over that order (generated index pages such as Sphinx's
// genindex are left out).
//
// The sites and their main content element:
//
//	python     python3.11-doc, /usr/share/doc/python3.11/html (Sphinx):
//	           div[role=main] (div.body); sidebar, related bars and footer
//	           are outside it.
//	aptitude   aptitude-doc-en, /usr/share/doc/aptitude/html/en (DocBook
//	           XSL): the child divs of <body> other than div.navheader and
//	           div.navfooter.
//	debref     debian-reference-en, /usr/share/debian-reference (DocBook
//	           XSL, another stylesheet): as aptitude.
//	doublecmd  doublecmd-help-en, /usr/share/doublecmd/doc/en (written by
//	           hand): div.dchelpage; the header and footer navigation are
//	           outside it.
//	gtkdoc     libtasn1-doc, /usr/share/gtk-doc/html/libtasn1 (gtk-doc):
//	           the child divs of <body> other than div.footer; the
//	           navigation table is outside them.
//
// Bilingual sites, one site per language version (SITE-en, SITE-ru; the
// lang column of a Russian site's line is ru when at least half of its
// letters are Cyrillic, ru or en when some are, else en, as these pages
// keep commands, terms and some paragraphs in English):
//
//	gimp       gimp-help-en/-ru, /usr/share/gimp/2.0/help/{en,ru}
//	           (DocBook XSL): as aptitude.
//	maint      maint-guide(-ru), /usr/share/doc/maint-guide(-ru)/html
//	           (DocBook XSL): as aptitude.
//	devref     developers-reference(-ru), /usr/share/developers-reference
//	           and its ru/ (Sphinx): div[role=main], as python.
//	faq        debian-faq(-ru), /usr/share/doc/debian/FAQ (NAME.en.html;
//	           NAME.html are links to them) and its ru/ (DocBook XSL): as
//	           aptitude.
//	ubuntu     ubuntu-packaging-guide-html(-ru) (Sphinx, Ubuntu theme):
//	           div.grid_9; the header bars, the sidebar (div.grid_3: table
//	           of contents, "Browse The Guide") and the footer are outside.
//	kicad      kicad-doc-en/-ru, /usr/share/doc/kicad/help/{en,ru}
//	           (Asciidoctor, one page per manual): div#content and the
//	           title (the h1 of div#header); the author line and the left
//	           table of contents of div#header and div#footer are outside.
//
// Code is <pre> (and Sphinx's div.highlight): its text is neither in the
// gold body nor scored in the text dumps' body/boilerplate (kind noise).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// site is one documentation site installed by a Debian package.
type site struct {
	name, pkg, root string
	// lang is the language of the site's text: "en" (the default) or
	// "ru" (a line is labelled by its script then: Russian sites leave
	// terms, commands and some paragraphs in English).
	lang string
	// skip reports pages left out (generated indexes).
	skip func(rel string) bool
	// main reports whether n is the main content element.
	main func(n *html.Node) bool
}

var sites = []site{
	{name: "python", pkg: "python3.11-doc", root: "/usr/share/doc/python3.11/html",
		skip: func(rel string) bool {
			return strings.HasPrefix(rel, "genindex") || rel == "search.html" || strings.HasPrefix(rel, "_")
		},
		main: func(n *html.Node) bool { return attr(n, "role") == "main" }},
	{name: "aptitude", pkg: "aptitude-doc-en", root: "/usr/share/doc/aptitude/html/en",
		skip: func(rel string) bool { return strings.HasPrefix(rel, "ld-") }, // long descriptions of images
		main: bodyChildDivExcept("navheader", "navfooter")},
	{name: "debref", pkg: "debian-reference-en", root: "/usr/share/debian-reference",
		skip: func(rel string) bool { return rel == "index.html" }, // a redirect page
		main: bodyChildDivExcept("navheader", "navfooter")},
	{name: "doublecmd", pkg: "doublecmd-help-en", root: "/usr/share/doublecmd/doc/en",
		main: func(n *html.Node) bool { return n.DataAtom == atom.Div && hasClass(n, "dchelpage") }},
	{name: "gtkdoc", pkg: "libtasn1-doc", root: "/usr/share/gtk-doc/html/libtasn1",
		main: bodyChildDivExcept("footer")},

	// Bilingual sites: each language version is a site of its own, named
	// SITE-LANG; leave both versions out together when tuning (tuneboiler
	// -group).
	{name: "gimp-en", pkg: "gimp-help-en", root: "/usr/share/gimp/2.0/help/en",
		main: bodyChildDivExcept("navheader", "navfooter")},
	{name: "gimp-ru", pkg: "gimp-help-ru", root: "/usr/share/gimp/2.0/help/ru", lang: "ru",
		main: bodyChildDivExcept("navheader", "navfooter")},
	{name: "maint-en", pkg: "maint-guide", root: "/usr/share/doc/maint-guide/html",
		main: bodyChildDivExcept("navheader", "navfooter")},
	{name: "maint-ru", pkg: "maint-guide-ru", root: "/usr/share/doc/maint-guide-ru/html", lang: "ru",
		main: bodyChildDivExcept("navheader", "navfooter")},
	{name: "devref-en", pkg: "developers-reference", root: "/usr/share/developers-reference",
		skip: func(rel string) bool { return strings.Contains(rel, "/") || sphinxGenerated(rel) }, // ru/ is the other version
		main: func(n *html.Node) bool { return attr(n, "role") == "main" }},
	{name: "devref-ru", pkg: "developers-reference-ru", root: "/usr/share/developers-reference/ru", lang: "ru",
		skip: sphinxGenerated,
		main: func(n *html.Node) bool { return attr(n, "role") == "main" }},
	{name: "faq-en", pkg: "debian-faq", root: "/usr/share/doc/debian/FAQ",
		// NAME.html are links to NAME.en.html; ru/ is the other version.
		skip: func(rel string) bool { return !strings.HasSuffix(rel, ".en.html") || strings.Contains(rel, "/") },
		main: bodyChildDivExcept("navheader", "navfooter")},
	{name: "faq-ru", pkg: "debian-faq-ru", root: "/usr/share/doc/debian/FAQ/ru", lang: "ru",
		main: bodyChildDivExcept("navheader", "navfooter")},
	{name: "ubuntu-en", pkg: "ubuntu-packaging-guide-html", root: "/usr/share/doc/ubuntu-packaging-guide-html",
		skip: sphinxGenerated, main: ubuntuMain},
	{name: "ubuntu-ru", pkg: "ubuntu-packaging-guide-html-ru", root: "/usr/share/doc/ubuntu-packaging-guide-html-ru", lang: "ru",
		skip: sphinxGenerated, main: ubuntuMain},
	{name: "kicad-en", pkg: "kicad-doc-en", root: "/usr/share/doc/kicad/help/en", main: kicadMain},
	{name: "kicad-ru", pkg: "kicad-doc-ru", root: "/usr/share/doc/kicad/help/ru", lang: "ru", main: kicadMain},
}

// sphinxGenerated reports the pages Sphinx generates (index of terms,
// search) and its static folders.
func sphinxGenerated(rel string) bool {
	return strings.HasPrefix(rel, "genindex") || rel == "search.html" || strings.HasPrefix(rel, "_") || strings.Contains(rel, "/_")
}

// ubuntuMain: the Ubuntu packaging guide's theme puts the article in
// div.grid_9 and the sidebar (table of contents, "Browse The Guide") in
// div.grid_3, between a header of navigation bars and a footer.
func ubuntuMain(n *html.Node) bool { return n.DataAtom == atom.Div && hasClass(n, "grid_9") }

// kicadMain: Asciidoctor's article: div#content, and the document title,
// the h1 of div#header (whose author line and left table of contents are
// outside).
func kicadMain(n *html.Node) bool {
	if n.DataAtom == atom.Div && attr(n, "id") == "content" {
		return true
	}
	return n.DataAtom == atom.H1 && n.Parent != nil && attr(n.Parent, "id") == "header"
}

// bodyChildDivExcept: the main content is every <div> child of <body>
// without one of the given classes.
func bodyChildDivExcept(classes ...string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		if n.DataAtom != atom.Div || n.Parent == nil || n.Parent.DataAtom != atom.Body {
			return false
		}
		for _, c := range classes {
			if hasClass(n, c) {
				return false
			}
		}
		return true
	}
}

func main() {
	out := flag.String("o", "", "output `DIR` (required)")
	maxPages := flag.Int("max", 60, "pages per site at most, spread evenly (0: all)")
	only := flag.String("site", "", "comma-separated `SITES` to make (default: every installed one)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mkhtmlgold -o DIR [-max N] [-site python,aptitude,...]")
		os.Exit(2)
	}
	made := 0
	for _, s := range sites {
		if *only != "" && !contains(strings.Split(*only, ","), s.name) {
			continue
		}
		if _, err := os.Stat(s.root); err != nil {
			fmt.Fprintf(os.Stderr, "mkhtmlgold: %s: %s not installed (apt-get install %s); skipped\n", s.name, s.root, s.pkg)
			continue
		}
		n, err := makeSite(s, filepath.Join(*out, s.name), *maxPages)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mkhtmlgold:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d pages (%s)\n", s.name, n, s.root)
		made++
	}
	if made == 0 {
		fmt.Fprintln(os.Stderr, "mkhtmlgold: no site installed")
		os.Exit(1)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// pages lists the site's pages below root, sorted, sampled evenly to max.
func pages(s site, max int) ([]string, error) {
	var all []string
	err := filepath.WalkDir(s.root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		rel, _ := filepath.Rel(s.root, p)
		rel = filepath.ToSlash(rel)
		if s.skip != nil && s.skip(rel) {
			return nil
		}
		all = append(all, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(all)
	if max <= 0 || len(all) <= max {
		return all, nil
	}
	picked := make([]string, 0, max)
	for i := 0; i < max; i++ {
		picked = append(picked, all[i*len(all)/max])
	}
	return picked, nil
}

func makeSite(s site, dir string, max int) (int, error) {
	list, err := pages(s, max)
	if err != nil {
		return 0, err
	}
	for _, sub := range []string{"html", "gold", "code", "text"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return 0, err
		}
	}
	var tsv bytes.Buffer
	tsv.WriteString("doc\tline\tlang\tkind\tspans\talt_lang\talt_kind\tnote\n")
	n := 0
	for _, rel := range list {
		raw, err := os.ReadFile(filepath.Join(s.root, rel))
		if err != nil {
			return n, err
		}
		doc, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			return n, fmt.Errorf("parse %s: %w", rel, err)
		}
		var w walker
		w.main = s.main
		w.walk(doc, false, false)
		w.flush()
		if !w.sawMain {
			fmt.Fprintf(os.Stderr, "mkhtmlgold: %s/%s: no main content element; skipped\n", s.name, rel)
			continue
		}
		name := strings.ReplaceAll(rel, "/", "_")
		base := strings.TrimSuffix(name, ".html")
		if err := os.WriteFile(filepath.Join(dir, "html", name), raw, 0o644); err != nil {
			return n, err
		}
		var gold, code, text bytes.Buffer
		for i, b := range w.blocks {
			if b.main && !b.code {
				gold.WriteString(b.text + "\n")
			}
			if b.code {
				code.WriteString(b.text + "\n")
			}
			if i > 0 {
				text.WriteByte('\n')
			}
			text.WriteString(b.text)
			kind, alt, note := "boilerplate", "", ""
			switch {
			case b.code:
				kind, note = "noise", "code"
			case b.main:
				kind = "body"
			}
			lng, altLang := "en", "-" // "" is accepted too
			if s.lang == "ru" {
				switch c := cyrillicShare(b.text); {
				case c >= 0.5:
					lng = "ru"
				case c > 0:
					// Russian with Latin terms or commands
					// ("Обновите debian/control."): either.
					lng, altLang = "ru", "en,-"
				}
			}
			if !hasLetter(b.text) {
				lng, altLang = "", ""
				if kind != "noise" {
					alt = "noise" // a line without letters may be called noise
				}
			}
			fmt.Fprintf(&tsv, "%s.txt\t%d\t%s\t%s\t\t%s\t%s\t%s\n", base, i+1, lng, kind, altLang, alt, note)
		}
		if err := os.WriteFile(filepath.Join(dir, "gold", base+".txt"), gold.Bytes(), 0o644); err != nil {
			return n, err
		}
		if err := os.WriteFile(filepath.Join(dir, "code", base+".txt"), code.Bytes(), 0o644); err != nil {
			return n, err
		}
		if err := os.WriteFile(filepath.Join(dir, "text", base+".txt"), text.Bytes(), 0o644); err != nil {
			return n, err
		}
		n++
	}
	return n, os.WriteFile(filepath.Join(dir, "detect.tsv"), tsv.Bytes(), 0o644)
}

// cyrillicShare is the share of the letters of s that are Cyrillic.
func cyrillicShare(s string) float64 {
	var cyr, all int
	for _, r := range s {
		if unicode.IsLetter(r) {
			all++
			if unicode.Is(unicode.Cyrillic, r) {
				cyr++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(cyr) / float64(all)
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// block is one line of the text rendering.
type block struct {
	text       string
	main, code bool
}

// walker renders visible text as blocks: block elements break lines, inline
// elements join, <pre> keeps its lines, <br> breaks.
type walker struct {
	main    func(*html.Node) bool
	sawMain bool
	blocks  []block
	cur     strings.Builder
	curMain bool
	curCode bool
}

func (w *walker) flush() {
	t := strings.Join(strings.Fields(w.cur.String()), " ")
	if w.curCode && t != "" {
		// A listing keeps its indentation, as a browser shows it.
		t = strings.TrimRight(strings.ReplaceAll(w.cur.String(), "\t", "    "), " \r\n")
	}
	w.cur.Reset()
	if t != "" {
		w.blocks = append(w.blocks, block{text: t, main: w.curMain, code: w.curCode})
	}
}

// add appends inline text; a change of region starts a new block.
func (w *walker) add(s string, inMain, inCode bool) {
	if strings.TrimSpace(s) == "" {
		if w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		return
	}
	if w.cur.Len() > 0 && (inMain != w.curMain || inCode != w.curCode) && strings.TrimSpace(w.cur.String()) != "" {
		w.flush()
	}
	if strings.TrimSpace(w.cur.String()) == "" {
		w.curMain, w.curCode = inMain, inCode
	}
	w.cur.WriteString(s)
}

func (w *walker) walk(n *html.Node, inMain, inCode bool) {
	switch n.Type {
	case html.TextNode:
		if inCode {
			// Keep the listing's lines.
			lines := strings.Split(n.Data, "\n")
			for i, l := range lines {
				if i > 0 {
					w.flush()
				}
				w.add(l, inMain, true)
			}
			return
		}
		w.add(n.Data, inMain, inCode)
		return
	case html.ElementNode:
		if hidden(n) {
			return
		}
		if w.main(n) {
			inMain = true
			w.sawMain = true
		}
		if n.DataAtom == atom.Pre || n.DataAtom == atom.Div && hasClass(n, "highlight") {
			inCode = true
		}
		if n.DataAtom == atom.Br {
			w.flush()
			return
		}
	}
	brk := n.Type == html.ElementNode && isBlock(n.DataAtom)
	if brk {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, inMain, inCode)
	}
	if brk {
		w.flush()
	}
}

func hidden(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Head, atom.Iframe, atom.Object, atom.Svg:
		return true
	}
	if _, ok := attrOK(n, "hidden"); ok || attr(n, "aria-hidden") == "true" {
		return true
	}
	st := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption, atom.Dd,
		atom.Details, atom.Dialog, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hr, atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section,
		atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul,
		atom.Html, atom.Center, atom.Option, atom.Select, atom.Legend:
		return true
	}
	return false
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func hasClass(n *html.Node, c string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

// Command mkbisite builds development sets for document pairing (paraline
// pair, paraline eval pair) from bilingual documentation that Debian
// packages in English and Russian:
//
//	aptitude                aptitude-doc-en, -ru                   /usr/share/doc/aptitude/html/{en,ru}
//	doublecmd               doublecmd-help-en, -ru                 /usr/share/doublecmd/doc/{en,ru}
//	gimp-help               gimp-help-en, -ru                      /usr/share/gimp/2.0/help/{en,ru}
//	maint-guide             maint-guide, maint-guide-ru            /usr/share/doc/maint-guide{,-ru}/html/*.{en,ru}.html
//	developers-reference    developers-reference, -ru              /usr/share/developers-reference/{,ru/} (nested)
//	debian-faq              debian-faq, debian-faq-ru              /usr/share/doc/debian/FAQ/{*.en.html,ru/*.ru.html}
//	ubuntu-packaging-guide  ubuntu-packaging-guide-html, -html-ru  /usr/share/doc/ubuntu-packaging-guide-html{,-ru} (nested)
//	kicad                   kicad-doc-en, -ru                      /usr/share/doc/kicad/help/{en,ru}
//	libreoffice             libreoffice-help-en-us, -ru            /usr/share/libreoffice/help/{en-US,ru} (nested)
//	installation-guide      installation-guide-amd64               /usr/share/doc/installation-guide-amd64/{en,ru}
//	debian-handbook         debian-handbook                        /usr/share/doc/debian-handbook/html/{en-US,ru-RU}
//	debian-history          debian-history                         /usr/share/doc/debian-history/docs/*.{en,ru}.html
//
// libreoffice, installation-guide, debian-handbook and debian-history are the project's HELD-OUT sites: they
// are built only when named (-sites libreoffice), by the lead, never for
// development.
//
// Usage:
//
//	go run ./scripts/mkbisite -o DIR [-seed 1] [-sites aptitude,doublecmd,...]
//	go run ./scripts/mkbisite -o DIR -crawl N   # a generated crawl for speed and memory tests
//
// For each site NAME it writes, each variant in a folder of its own:
//
//	DIR/NAME/en/X, DIR/NAME/ru/X             the pages as they are installed (pairing by path;
//	                                         X may hold folders, and ".en.html"/".ru.html" suffixes)
//	DIR/NAME-random/<hex>.html               both languages in one folder, random names (content alone)
//	DIR/NAME-url/...                         paths that carry the language as a site's URLs do, a
//	                                         scheme per site (see sites): first path segment
//	                                         (aptitude), file suffix (doublecmd), subdomain
//	                                         (gimp-help), query "?lang=" (maint-guide), locale
//	                                         segment "en-US" (developers-reference), suffix after
//	                                         the extension "X.html.ru" (debian-faq), Russian
//	                                         subdomain and bare English host (ubuntu-packaging-guide),
//	                                         "_ru" suffix of the base name (kicad)
//	DIR/NAME-orphans/<hex>.html              as -random, but a fifth of the pages of each language
//	                                         lose their other version (pages without a partner compete)
//	DIR/NAME-warc/NAME.warc.gz               the pages as a crawl: WARC response records whose URLs are
//	                                         https:// and the -url paths (IDs are the URLs)
//	DIR/NAME-text-random/<hex>.txt           the visible text of the pages (one block per line), random names
//	DIR/gold/VARIANT.tsv                     the gold pairs: en_doc<TAB>ru_doc, IDs as paraline gives
//	                                         them for the argument DIR/VARIANT
//	DIR/gold/NAME-para.jsonl                 paragraph-level gold for the sentence pairs of a run over
//	                                         DIR/NAME-url or -warc: per page pair whose two versions
//	                                         have as many blocks (paragraphs, headings, list items,
//	                                         cells), the blocks paired by position
//	                                         section by section, those out of order
//	                                         (lengths or anchors: a glossary sorted in
//	                                         each language) left "unpaired":
//	                                         {"src","tgt","blocks":[[en,ru],...],"unpaired":[[en...],[ru...]]}
//
// Gold pairs are the pages with the same path in both languages (language
// suffixes dropped); the DocBook pages whose generated names differ
// ("ld-idm1389.html" in English, "ld-idm1387.html" in Russian) pair in the
// order of their numbers, which DocBook assigns in document order. A page
// present in one language only is left out of the gold (and kept as a
// document), and so is a pair whose Russian page is the English text left
// untranslated (see untranslated: the share of Cyrillic letters in its
// visible text and in its prose lines). Pages are read as a browser reads
// them, but for a start tag whose attribute value holds its own unescaped
// markup, read as its author meant it, as paraline reads it (see
// mendCutTags). The same flags give the same files. Licences: the
// documentation's own (see the packages' copyright files); nothing is
// committed.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/corpus"
	"golang.org/x/net/html"
)

// site is a bilingual documentation folder.
type site struct {
	name, en, ru string
	// enSuffix and ruSuffix end the file names of the pages of each
	// language (".html", or ".en.html" and ".ru.html"); a page's key, which
	// pairs it with its other version, is its path below en or ru with the
	// suffix replaced by ".html".
	enSuffix, ruSuffix string
	// nested: pages are read in sub-folders too (keys then hold "/").
	nested bool
	// manual: built only when named in -sites (a held-out site).
	manual bool
	pkgs   string
	// url returns the URL (host first, no scheme) of the page of key in
	// language l for the -url and -warc variants.
	url func(key, l string) string
}

var sites = []site{
	// Language as a first path segment, none for English.
	{name: "aptitude", en: "/usr/share/doc/aptitude/html/en", ru: "/usr/share/doc/aptitude/html/ru",
		enSuffix: ".html", ruSuffix: ".html", pkgs: "aptitude-doc-en aptitude-doc-ru",
		url: func(key, l string) string {
			if l == "en" {
				return "aptitude.example.org/" + key
			}
			return "aptitude.example.org/" + l + "/" + key
		}},
	// Language as a file name suffix.
	{name: "doublecmd", en: "/usr/share/doublecmd/doc/en", ru: "/usr/share/doublecmd/doc/ru",
		enSuffix: ".html", ruSuffix: ".html", pkgs: "doublecmd-help-en doublecmd-help-ru",
		url: func(key, l string) string { return "doublecmd.example.org/help/" + suffixed(key, "."+l) }},
	// Language as a subdomain.
	{name: "gimp-help", en: "/usr/share/gimp/2.0/help/en", ru: "/usr/share/gimp/2.0/help/ru",
		enSuffix: ".html", ruSuffix: ".html", pkgs: "gimp-help-en gimp-help-ru",
		url: func(key, l string) string { return l + ".docs.gimp.example.org/2.10/" + key }},
	// Language as a query parameter (a mirror keeps "?" in file names).
	{name: "maint-guide", en: "/usr/share/doc/maint-guide/html", ru: "/usr/share/doc/maint-guide-ru/html",
		enSuffix: ".en.html", ruSuffix: ".ru.html", pkgs: "maint-guide maint-guide-ru",
		url: func(key, l string) string {
			return "www.debian.example.net/doc/manuals/maint-guide/" + key + "?lang=" + l
		}},
	// Language as a locale in the middle of the path ("en-US", "ru-RU").
	{name: "developers-reference", en: "/usr/share/developers-reference", ru: "/usr/share/developers-reference/ru",
		enSuffix: ".html", ruSuffix: ".html", nested: true, pkgs: "developers-reference developers-reference-ru",
		url: func(key, l string) string {
			loc := map[string]string{"en": "en-US", "ru": "ru-RU"}[l]
			return "docs.debian.example.net/" + loc + "/developers-reference/" + key
		}},
	// Language after the extension, as Apache's content negotiation names files.
	{name: "debian-faq", en: "/usr/share/doc/debian/FAQ", ru: "/usr/share/doc/debian/FAQ/ru",
		enSuffix: ".en.html", ruSuffix: ".ru.html", pkgs: "debian-faq debian-faq-ru",
		url: func(key, l string) string { return "www.debian.example.net/doc/FAQ/" + key + "." + l }},
	// Russian as a subdomain, English on the bare host; nested pages.
	{name: "ubuntu-packaging-guide", en: "/usr/share/doc/ubuntu-packaging-guide-html", ru: "/usr/share/doc/ubuntu-packaging-guide-html-ru",
		enSuffix: ".html", ruSuffix: ".html", nested: true, pkgs: "ubuntu-packaging-guide-html ubuntu-packaging-guide-html-ru",
		url: func(key, l string) string {
			if l == "en" {
				return "packaging.ubuntu.example.com/html/" + key
			}
			return l + ".packaging.ubuntu.example.com/html/" + key
		}},
	// Language as a "_xx" suffix of the base name; very large pages.
	{name: "kicad", en: "/usr/share/doc/kicad/help/en", ru: "/usr/share/doc/kicad/help/ru",
		enSuffix: ".html", ruSuffix: ".html", pkgs: "kicad-doc-en kicad-doc-ru",
		url: func(key, l string) string { return "docs.kicad.example.org/7.0/" + suffixed(key, "_"+l) }},
	// HELD OUT: the project's unseen bilingual site. Built only with
	// -sites libreoffice, by the lead; nobody else runs on it.
	{name: "libreoffice", en: "/usr/share/libreoffice/help/en-US", ru: "/usr/share/libreoffice/help/ru",
		enSuffix: ".html", ruSuffix: ".html", nested: true, manual: true, pkgs: "libreoffice-help-en-us libreoffice-help-ru",
		url: func(key, l string) string {
			loc := map[string]string{"en": "en-US", "ru": "ru"}[l]
			return "help.libreoffice.example.org/latest/" + loc + "/" + key
		}},
	// HELD OUT, a second unseen site, with the language code before the
	// extension as on www.debian.org. Built only with -sites
	// installation-guide, by the lead; nobody else runs on it.
	{name: "installation-guide", en: "/usr/share/doc/installation-guide-amd64/en", ru: "/usr/share/doc/installation-guide-amd64/ru",
		enSuffix: ".html", ruSuffix: ".html", manual: true, pkgs: "installation-guide-amd64",
		url: func(key, l string) string {
			return "www.debian.example.org/releases/stable/amd64/" + suffixed(key, "."+l)
		}},
	// HELD OUT, a third unseen site (from session 5): the Debian
	// Administrator's Handbook as debian-handbook.info serves it, the
	// locale as a path segment. Built only with -sites debian-handbook, by
	// the lead; nobody else runs on it.
	{name: "debian-handbook", en: "/usr/share/doc/debian-handbook/html/en-US", ru: "/usr/share/doc/debian-handbook/html/ru-RU",
		enSuffix: ".html", ruSuffix: ".html", manual: true, pkgs: "debian-handbook",
		url: func(key, l string) string {
			loc := map[string]string{"en": "en-US", "ru": "ru-RU"}[l]
			return "debian-handbook.example.info/browse/" + loc + "/stable/" + key
		}},
	// HELD OUT, a fourth unseen site (from session 7): the Short History of
	// the Debian Project, prose in nine languages besides English in one
	// folder, addressed as www.debian.org serves it. Built only with
	// -sites debian-history, by the lead; nobody else runs on it.
	{name: "debian-history", en: "/usr/share/doc/debian-history/docs", ru: "/usr/share/doc/debian-history/docs",
		enSuffix: ".en.html", ruSuffix: ".ru.html", manual: true, pkgs: "debian-history",
		url: func(key, l string) string {
			return "www.debian.example.org/doc/manuals/project-history/" + suffixed(key, "."+l)
		}},
}

// suffixed inserts mark before the extension of the file name that ends
// key ("a/b.html", ".ru" -> "a/b.ru.html").
func suffixed(key, mark string) string {
	ext := path.Ext(key)
	return strings.TrimSuffix(key, ext) + mark + ext
}

func main() {
	out := flag.String("o", "", "output directory (created)")
	seed := flag.Uint64("seed", 1, "random seed (random names)")
	only := flag.String("sites", "", "comma-separated sites to build (default: every site but the held-out libreoffice, installation-guide, debian-handbook and debian-history)")
	crawl := flag.Int("crawl", 0, "instead: write a generated crawl of `N` page pairs (speed and memory tests)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mkbisite -o DIR [-seed N] [-sites aptitude,doublecmd,...]")
		os.Exit(2)
	}
	if *crawl > 0 {
		if err := writeCrawl(*out, *crawl, *seed); err != nil {
			fmt.Fprintln(os.Stderr, "mkbisite:", err)
			os.Exit(1)
		}
		return
	}
	chosen, err := selectSites(*only)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkbisite:", err)
		os.Exit(2)
	}
	for _, s := range chosen {
		if err := build(*out, s, *seed); err != nil {
			fmt.Fprintf(os.Stderr, "mkbisite: %s: %v\n", s.name, err)
			os.Exit(1)
		}
	}
}

// selectSites returns the sites named in the comma-separated list only, or
// every site not marked manual when only is empty.
func selectSites(only string) ([]site, error) {
	var out []site
	if only == "" {
		for _, s := range sites {
			if !s.manual {
				out = append(out, s)
			}
		}
		return out, nil
	}
	for _, n := range strings.Split(only, ",") {
		found := false
		for _, s := range sites {
			if s.name == strings.TrimSpace(n) {
				out = append(out, s)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown site %q", n)
		}
	}
	return out, nil
}

// page is one HTML page of a site.
type page struct {
	name string // key: path below the language folder, suffix made ".html"
	file string // path below the language folder as installed
	data []byte
}

var idmName = regexp.MustCompile(`^(.*-idm)(\d+)\.html$`)

// A Russian page counts as the English page left untranslated when both
// (1) fewer than minCyrillic of the letters of its visible text are
// Cyrillic and (2) fewer than minProse of the letters of its prose lines
// (blocks of 6 words and 40 letters at least) are in lines mostly in
// Cyrillic. Fully translated pages of the dev sites have 0.35 and 0.25 at
// least (code, commands and names stay Latin); gimp-help has pages whose
// only Russian is the generated labels ("Рисунок 8.42", the menu) and
// pages translated in part, in a continuum: (2) keeps a page that has one
// translated paragraph in ten, (1) a page of screens or short lines that
// is mostly Russian (aptitude's screenshots in <pre>).
const (
	minCyrillic = 0.15
	minProse    = 0.1
)

// untranslated reports whether a Russian page is the English text left
// untranslated (see minCyrillic).
func untranslated(data []byte) bool {
	text := string(visibleText(data))
	letters, cyr := 0, 0
	proseLetters, proseCyr := 0, 0
	for _, l := range strings.Split(text, "\n") {
		n, c := 0, 0
		for _, r := range l {
			if unicode.IsLetter(r) {
				n++
				if unicode.Is(unicode.Cyrillic, r) {
					c++
				}
			}
		}
		letters += n
		cyr += c
		if n >= 40 && strings.Count(l, " ") >= 5 {
			proseLetters += n
			if 2*c > n {
				proseCyr += n
			}
		}
	}
	return float64(cyr) < minCyrillic*float64(letters) && float64(proseCyr) <= minProse*float64(proseLetters) ||
		letters == 0
}

// translatedGold drops from gold the pairs whose Russian page is not
// Russian (the English text left untranslated); it returns the pairs kept
// and the Russian keys dropped.
func translatedGold(gold [][2]string, ru []page) (kept [][2]string, dropped []string) {
	data := map[string][]byte{}
	for _, p := range ru {
		data[p.name] = p.data
	}
	for _, g := range gold {
		if untranslated(data[g[1]]) {
			dropped = append(dropped, g[1])
			continue
		}
		kept = append(kept, g)
	}
	return kept, dropped
}

func build(out string, s site, seed uint64) error {
	skip := ""
	if strings.HasPrefix(s.ru, s.en+"/") {
		skip = s.ru // the Russian folder inside the English one
	}
	en, err := readPages(s.en, s.enSuffix, s.nested, skip)
	if err != nil {
		return fmt.Errorf("%w (install %s)", err, s.pkgs)
	}
	ru, err := readPages(s.ru, s.ruSuffix, s.nested, "")
	if err != nil {
		return fmt.Errorf("%w (install %s)", err, s.pkgs)
	}
	gold, untranslated := translatedGold(goldPairs(en, ru), ru)
	if err := os.MkdirAll(filepath.Join(out, "gold"), 0o755); err != nil {
		return err
	}
	all := map[string][]page{"en": en, "ru": ru}
	file := map[string]string{} // "l/key" -> file
	for _, l := range []string{"en", "ru"} {
		for _, p := range all[l] {
			file[l+"/"+p.name] = p.file
		}
	}

	rng := rand.New(rand.NewPCG(seed, 0x6269736974650000+uint64(len(s.name))))
	random := map[string]string{} // "l/key" -> random name (without extension)
	used := map[string]bool{}
	for _, l := range []string{"en", "ru"} {
		for _, p := range all[l] {
			for {
				r := fmt.Sprintf("%012x", rng.Uint64()&0xffffffffffff)
				if !used[r] {
					used[r] = true
					random[l+"/"+p.name] = r
					break
				}
			}
		}
	}
	// Orphans: a fifth of the pages of each language lose their other
	// version in the -orphans variant (never both of a pair), so that
	// pages without a partner compete.
	orphan := map[string]bool{} // "l/key" dropped
	for _, g := range gold {
		switch x := rng.Float64(); {
		case x < 0.2:
			orphan["en/"+g[0]] = true
		case x < 0.4:
			orphan["ru/"+g[1]] = true
		}
	}
	variants := []struct {
		suffix  string
		path    func(l, key string) string
		text    bool
		orphans bool
	}{
		{"", func(l, key string) string { return l + "/" + file[l+"/"+key] }, false, false},
		{"-random", func(l, key string) string { return random[l+"/"+key] + ".html" }, false, false},
		{"-url", func(l, key string) string { return s.url(key, l) }, false, false},
		{"-text-random", func(l, key string) string { return random[l+"/"+key] + ".txt" }, true, false},
		{"-orphans", func(l, key string) string { return random[l+"/"+key] + ".html" }, false, true},
	}
	if err := writeWARC(out, s, all, gold); err != nil {
		return err
	}
	if err := writeParaGold(out, s, all, gold); err != nil {
		return err
	}
	for _, v := range variants {
		dir := filepath.Join(out, s.name+v.suffix)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		for _, l := range []string{"en", "ru"} {
			for _, p := range all[l] {
				if v.orphans && orphan[l+"/"+p.name] {
					continue
				}
				data := p.data
				if v.text {
					data = visibleText(p.data)
				}
				f := filepath.Join(dir, filepath.FromSlash(v.path(l, p.name)))
				if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(f, data, 0o644); err != nil {
					return err
				}
			}
		}
		var b bytes.Buffer
		for _, g := range gold {
			if v.orphans && (orphan["en/"+g[0]] || orphan["ru/"+g[1]]) {
				continue
			}
			fmt.Fprintf(&b, "%s\t%s\n", v.path("en", g[0]), v.path("ru", g[1]))
		}
		gf := filepath.Join(out, "gold", s.name+v.suffix+".tsv")
		if err := os.MkdirAll(filepath.Dir(gf), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(gf, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("%s: %d en pages, %d ru pages, %d gold pairs (%d Russian pages left untranslated, not in the gold: %s)\n",
		s.name, len(en), len(ru), len(gold), len(untranslated), strings.Join(untranslated, " "))
	return nil
}

// readPages reads the pages of dir whose names end in suffix (in its
// sub-folders too when nested, but not in skip; symbolic links are left
// out: they repeat a page), sorted by path.
func readPages(dir, suffix string, nested bool, skip string) ([]page, error) {
	var out []page
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && (!nested || p == skip) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(d.Name(), suffix) {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, page{name: strings.TrimSuffix(rel, suffix) + ".html", file: rel, data: b})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no %s page in %s", suffix, dir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// goldPairs pairs pages of the same name, then the generated "-idmN" names
// in the order of N (only when both languages have as many).
func goldPairs(en, ru []page) [][2]string {
	ruNames, enNames := map[string]bool{}, map[string]bool{}
	for _, p := range ru {
		ruNames[p.name] = true
	}
	for _, p := range en {
		enNames[p.name] = true
	}
	var gold [][2]string
	type idm struct {
		n    int
		name string
	}
	idms := map[string]map[string][]idm{"en": {}, "ru": {}}
	for _, p := range en {
		if ruNames[p.name] {
			gold = append(gold, [2]string{p.name, p.name})
		}
	}
	for l, pages := range map[string][]page{"en": en, "ru": ru} {
		for _, p := range pages {
			m := idmName.FindStringSubmatch(p.name)
			if m == nil || ruNames[p.name] && enNames[p.name] {
				continue
			}
			n, _ := strconv.Atoi(m[2])
			idms[l][m[1]] = append(idms[l][m[1]], idm{n, p.name})
		}
	}
	for prefix, el := range idms["en"] {
		rl := idms["ru"][prefix]
		if len(el) != len(rl) {
			continue
		}
		sort.Slice(el, func(i, j int) bool { return el[i].n < el[j].n })
		sort.Slice(rl, func(i, j int) bool { return rl[i].n < rl[j].n })
		for i := range el {
			{
				gold = append(gold, [2]string{el[i].name, rl[i].name})
			}
		}
	}
	sort.Slice(gold, func(i, j int) bool { return gold[i][0] < gold[j][0] })
	return gold
}

// block is one line of the visible text of a page.
type block struct {
	text    string
	heading bool // inside h1-h6
}

// visibleText returns the visible text of an HTML page, one block per
// line: the text dump a scraper would give.
func visibleText(data []byte) []byte {
	var b bytes.Buffer
	for _, bl := range visibleBlocks(data) {
		b.WriteString(bl.text)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// notRendered names the elements whose content a browser with scripting
// on never shows as text: scripts and styles, and the elements the HTML
// parser reads as raw text or inert markup (noscript, iframe, noembed,
// noframes, template). Read as text nodes, a <noscript> holding a
// <meta http-equiv="refresh"> added its markup's letters to every page of
// a site (44 Latin letters on each LibreOffice help page), enough to move
// short translated pages below minCyrillic.
var notRendered = map[string]bool{"script": true, "style": true, "noscript": true, "iframe": true,
	"noembed": true, "noframes": true, "template": true}

// visibleBlocks returns the blocks of the visible text of an HTML page
// (paragraphs, headings, list items, cells, ...), white space squeezed, as
// a browser reads them but for the start tags that paraline reads as
// their authors meant them (see mendCutTags).
func visibleBlocks(data []byte) []block {
	doc, err := html.Parse(bytes.NewReader(mendCutTags(data)))
	if err != nil {
		return nil
	}
	var out []block
	var line strings.Builder
	heading := 0
	flush := func() {
		if t := strings.Join(strings.Fields(line.String()), " "); t != "" {
			out = append(out, block{t, heading > 0})
		}
		line.Reset()
	}
	isBlock := map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true, "pre": true, "br": true, "title": true, "table": true, "blockquote": true}
	isHeading := map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && notRendered[n.Data] {
			return
		}
		if n.Type == html.TextNode {
			line.WriteString(n.Data)
		}
		blk := n.Type == html.ElementNode && isBlock[n.Data]
		h := n.Type == html.ElementNode && isHeading[n.Data]
		if blk {
			flush()
		}
		if h {
			heading++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if blk {
			flush()
		}
		if h {
			heading--
		}
	}
	walk(doc)
	flush()
	return out
}

// mendCutTags replaces each start tag whose attribute value holds
// unescaped markup that cut it (corpus.CutStartTags: a Sphinx theme's
// title="Previous topic: <span class="section-number">6. </span>Setting
// up sbuild") by a bare start tag of the same element, so that the rest of
// the value ('6. Setting up sbuild">Go Previous') is no text: the gold
// reads the page as its author meant it, as paraline's reader does.
func mendCutTags(data []byte) []byte {
	spans := corpus.CutStartTags(data)
	if len(spans) == 0 {
		return data
	}
	var b bytes.Buffer
	last := 0
	for _, sp := range spans {
		b.Write(data[last:sp[0]])
		name := sp[0] + 1
		for name < sp[1] && (isASCIILetter(data[name]) || data[name] >= '0' && data[name] <= '9') {
			name++
		}
		b.WriteByte('<')
		b.Write(data[sp[0]+1 : name])
		b.WriteByte('>')
		last = sp[1]
	}
	b.Write(data[last:])
	return b.Bytes()
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// sections cuts blocks before each heading.
func sections(blocks []block) [][]block {
	var out [][]block
	for i, b := range blocks {
		if i == 0 || b.heading {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], b)
	}
	return out
}

// minOrderCorr is the least correlation of the log lengths of the blocks
// paired by position (in a section or a page of 8 blocks at least) for
// the pairing to be trusted. Blocks in the same order have 0.76 at least
// on the dev sites; an index or a glossary sorted alphabetically in each
// language (gimp-help's index and glossary, doublecmd's list of options)
// 0.32 at most: their blocks are left unpaired.
// The test needs lengths that vary: a standard deviation of the log
// lengths of minOrderSpread at least on both sides (aptitude's list of
// menus, "The Undo menu", "The Help menu", ... has 0.12).
const (
	minOrderCorr   = 0.5
	minOrderSpread = 0.3
)

// sameOrder reports whether pairs (blocks paired by position) look like
// translations in the same order: fewer than 8 pairs, or their log
// lengths correlate (see minOrderCorr).
func sameOrder(pairs [][2]string) bool {
	if len(pairs) < 8 {
		return true
	}
	a, b := make([]float64, len(pairs)), make([]float64, len(pairs))
	for i, p := range pairs {
		a[i], b[i] = math.Log1p(float64(utf8.RuneCountInString(p[0]))), math.Log1p(float64(utf8.RuneCountInString(p[1])))
	}
	mean := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s / float64(len(x))
	}
	ma, mb := mean(a), mean(b)
	var sab, saa, sbb float64
	for i := range a {
		sab += (a[i] - ma) * (b[i] - mb)
		saa += (a[i] - ma) * (a[i] - ma)
		sbb += (b[i] - mb) * (b[i] - mb)
	}
	n := float64(len(pairs))
	if math.Sqrt(saa/n) < minOrderSpread || math.Sqrt(sbb/n) < minOrderSpread {
		return true // lengths too alike for the correlation to say anything
	}
	return sab/math.Sqrt(saa*sbb) >= minOrderCorr
}

// pairBlocks pairs the blocks of two versions of a page by position:
// section by section (a section starts at a heading) when both have as
// many sections, then only in the sections that have as many blocks; else
// the whole page when both have as many blocks. Blocks that are not in
// the same order in both versions (see sameOrder: per section, then the
// whole page; and anchorsInOrder: per section of 8 blocks or more, the
// shorter sections together, each shorter section when several are out of
// order, then the whole page) are left unpaired. It
// returns the pairs and the blocks of each side left unpaired; ok is false
// when nothing could be paired by position.
func pairBlocks(en, ru []block) (pairs [][2]string, unpaired [2][]string, ok bool) {
	unpair := func(e, r []block) {
		for _, b := range e {
			unpaired[0] = append(unpaired[0], b.text)
		}
		for _, b := range r {
			unpaired[1] = append(unpaired[1], b.text)
		}
	}
	byPosition := func(e, r []block) [][2]string {
		var out [][2]string
		for j := range e {
			out = append(out, [2]string{e[j].text, r[j].text})
		}
		return out
	}
	enTexts := make([]string, len(en))
	for i, b := range en {
		enTexts[i] = b.text
	}
	es, rs := sections(en), sections(ru)
	switch {
	case len(es) == len(rs) && len(es) > 1:
		var kept []int // sections paired
		var secPairs [][][2]string
		for i := range es {
			if len(es[i]) != len(rs[i]) {
				unpair(es[i], rs[i])
				continue
			}
			if p := byPosition(es[i], rs[i]); sameOrder(p) {
				kept = append(kept, i)
				secPairs = append(secPairs, p)
			} else {
				unpair(es[i], rs[i])
			}
		}
		ordered := sectionsInOrder(secPairs, enTexts)
		for j, i := range kept {
			if ordered[j] {
				pairs = append(pairs, secPairs[j]...)
			} else {
				unpair(es[i], rs[i])
			}
		}
	case len(en) == len(ru) && len(en) > 0:
		pairs = byPosition(en, ru)
	default:
		return nil, unpaired, false
	}
	if !sameOrder(pairs) || !anchorsInOrder(pairs, enTexts) {
		unpair(en, ru)
		return nil, unpaired, true
	}
	return pairs, unpaired, len(pairs) > 0
}

// writeWARC writes the pages of s as one gzipped WARC, English then
// Russian, with the gold pairs of their URLs.
func writeWARC(out string, s site, all map[string][]page, gold [][2]string) error {
	dir := filepath.Join(out, s.name+"-warc")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, s.name+".warc.gz"))
	if err != nil {
		return err
	}
	ww := corpus.NewWARCWriter(f, true)
	for _, l := range []string{"en", "ru"} {
		for _, p := range all[l] {
			if err := ww.WriteResponse("https://"+s.url(p.name, l), "text/html; charset=utf-8", p.data); err != nil {
				f.Close()
				return err
			}
		}
	}
	if err := ww.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	var b bytes.Buffer
	for _, g := range gold {
		fmt.Fprintf(&b, "https://%s\thttps://%s\n", s.url(g[0], "en"), s.url(g[1], "ru"))
	}
	return os.WriteFile(filepath.Join(out, "gold", s.name+"-warc.tsv"), b.Bytes(), 0o644)
}

// paraGold is one line of NAME-para.jsonl.
type paraGold struct {
	Src    string      `json:"src"`
	Tgt    string      `json:"tgt"`
	Blocks [][2]string `json:"blocks"`
	// Unpaired are the English and the Russian blocks of the sections
	// whose block counts differ or whose blocks are not in the same order
	// (see pairBlocks): a corpus pair that lies in one of them is not
	// scored (its truth is unknown).
	Unpaired [2][]string `json:"unpaired,omitempty"`
}

// writeParaGold pairs the blocks of each gold page pair by position (see
// pairBlocks: DocBook and the help pages keep the structure of the
// original in the translation).
func writeParaGold(out string, s site, all map[string][]page, gold [][2]string) error {
	data := map[string][]byte{}
	for _, l := range []string{"en", "ru"} {
		for _, p := range all[l] {
			data[l+"/"+p.name] = p.data
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	kept, blocks, unpaired := 0, 0, 0
	for _, g := range gold {
		pairs, un, ok := pairBlocks(visibleBlocks(data["en/"+g[0]]), visibleBlocks(data["ru/"+g[1]]))
		if !ok {
			continue
		}
		pg := paraGold{Src: s.url(g[0], "en"), Tgt: s.url(g[1], "ru"), Blocks: pairs, Unpaired: un}
		if err := enc.Encode(pg); err != nil {
			return err
		}
		kept++
		blocks += len(pairs)
		unpaired += len(un[0])
	}
	fmt.Printf("%s: paragraph gold for %d of %d page pairs (the others differ in structure), %d block pairs, %d English blocks unpaired in them\n",
		s.name, kept, len(gold), blocks, unpaired)
	return os.WriteFile(filepath.Join(out, "gold", s.name+"-para.jsonl"), b.Bytes(), 0o644)
}

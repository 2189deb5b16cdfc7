// Command mkbisite builds development sets for document pairing (paraline
// pair, paraline eval pair) from bilingual documentation that Debian
// packages in English and Russian:
//
//	aptitude   aptitude-doc-en, aptitude-doc-ru  /usr/share/doc/aptitude/html/{en,ru}
//	doublecmd  doublecmd-help-en, doublecmd-help-ru  /usr/share/doublecmd/doc/{en,ru}
//
// Usage:
//
//	go run ./scripts/mkbisite -o DIR [-seed 1] [-sites aptitude,doublecmd]
//	go run ./scripts/mkbisite -o DIR -crawl N   # a generated crawl for speed and memory tests
//
// For each site NAME it writes, each variant in a folder of its own:
//
//	DIR/NAME/en/X.html, DIR/NAME/ru/X.html   the pages as they are (pairing by path)
//	DIR/NAME-random/<hex>.html               both languages in one folder, random names (content alone)
//	DIR/NAME-url/...                         paths that carry the language as a site's URLs do:
//	                                         aptitude: <host>/X.html (English, no code) and <host>/ru/X.html;
//	                                         doublecmd: <host>/help/X.en.html and <host>/help/X.ru.html
//	DIR/NAME-orphans/<hex>.html              as -random, but a fifth of the pages of each language
//	                                         lose their other version (pages without a partner compete)
//	DIR/NAME-warc/NAME.warc.gz               the pages as a crawl: WARC response records whose URLs are
//	                                         https:// and the -url paths (IDs are the URLs)
//	DIR/NAME-text-random/<hex>.txt           the visible text of the pages (one block per line), random names
//	DIR/gold/VARIANT.tsv                     the gold pairs: en_doc<TAB>ru_doc, IDs as paraline gives
//	                                         them for the argument DIR/VARIANT
//	DIR/gold/NAME-para.jsonl                 paragraph-level gold for the sentence pairs of a run over
//	                                         DIR/NAME-url: per page pair whose two versions have as many
//	                                         blocks (paragraphs, headings, list items, cells), the blocks
//	                                         paired by position: {"src","tgt","blocks":[[en,ru],...]}
//
// Gold pairs are the pages with the same file name in both languages; the
// DocBook pages whose generated names differ ("ld-idm1389.html" in English,
// "ld-idm1387.html" in Russian) pair in the order of their numbers, which
// DocBook assigns in document order. A page present in one language only is
// left out of the gold (and kept as a document). The same flags give the
// same files. Licences: the documentation's own (see the packages'
// copyright files); nothing is committed.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/paraline/paraline/corpus"
	"golang.org/x/net/html"
)

// site is a bilingual documentation folder.
type site struct {
	name, en, ru string
	pkgs         string
	// url returns the path (host first) of page name in language l for
	// the -url variant.
	url func(name, l string) string
}

var sites = []site{
	{"aptitude", "/usr/share/doc/aptitude/html/en", "/usr/share/doc/aptitude/html/ru", "aptitude-doc-en aptitude-doc-ru",
		func(name, l string) string {
			if l == "en" {
				return "aptitude.example.org/" + name
			}
			return "aptitude.example.org/" + l + "/" + name
		}},
	{"doublecmd", "/usr/share/doublecmd/doc/en", "/usr/share/doublecmd/doc/ru", "doublecmd-help-en doublecmd-help-ru",
		func(name, l string) string {
			ext := filepath.Ext(name)
			return "doublecmd.example.org/help/" + strings.TrimSuffix(name, ext) + "." + l + ext
		}},
}

func main() {
	out := flag.String("o", "", "output directory (created)")
	seed := flag.Uint64("seed", 1, "random seed (random names)")
	only := flag.String("sites", "", "comma-separated sites to build (default all: aptitude,doublecmd)")
	crawl := flag.Int("crawl", 0, "instead: write a generated crawl of `N` page pairs (speed and memory tests)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mkbisite -o DIR [-seed N] [-sites aptitude,doublecmd]")
		os.Exit(2)
	}
	if *crawl > 0 {
		if err := writeCrawl(*out, *crawl, *seed); err != nil {
			fmt.Fprintln(os.Stderr, "mkbisite:", err)
			os.Exit(1)
		}
		return
	}
	n := 0
	for _, s := range sites {
		if *only != "" && !contains(strings.Split(*only, ","), s.name) {
			continue
		}
		if err := build(*out, s, *seed); err != nil {
			fmt.Fprintf(os.Stderr, "mkbisite: %s: %v\n", s.name, err)
			os.Exit(1)
		}
		n++
	}
	if n == 0 {
		fmt.Fprintln(os.Stderr, "mkbisite: no site built")
		os.Exit(1)
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// page is one HTML page of a site.
type page struct {
	name string // file name
	data []byte
}

var idmName = regexp.MustCompile(`^(.*-idm)(\d+)\.html$`)

func build(out string, s site, seed uint64) error {
	en, err := readPages(s.en)
	if err != nil {
		return fmt.Errorf("%w (install %s)", err, s.pkgs)
	}
	ru, err := readPages(s.ru)
	if err != nil {
		return fmt.Errorf("%w (install %s)", err, s.pkgs)
	}
	gold := goldPairs(en, ru)
	if err := os.MkdirAll(filepath.Join(out, "gold"), 0o755); err != nil {
		return err
	}
	all := map[string][]page{"en": en, "ru": ru}

	rng := rand.New(rand.NewPCG(seed, 0x6269736974650000+uint64(len(s.name))))
	random := map[string]string{} // "l/name" -> random name (without extension)
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
	orphan := map[string]bool{} // "l/name" dropped
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
		path    func(l, name string) string
		text    bool
		orphans bool
	}{
		{"", func(l, name string) string { return l + "/" + name }, false, false},
		{"-random", func(l, name string) string { return random[l+"/"+name] + ".html" }, false, false},
		{"-url", func(l, name string) string { return s.url(name, l) }, false, false},
		{"-text-random", func(l, name string) string { return random[l+"/"+name] + ".txt" }, true, false},
		{"-orphans", func(l, name string) string { return random[l+"/"+name] + ".html" }, false, true},
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
	fmt.Printf("%s: %d en pages, %d ru pages, %d gold pairs\n", s.name, len(en), len(ru), len(gold))
	return nil
}

// readPages reads the .html files of dir (not recursive), sorted by name.
func readPages(dir string) ([]page, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []page
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".html") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, page{e.Name(), b})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no .html page in %s", dir)
	}
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

// visibleText returns the visible text of an HTML page, one block per
// line: the text dump a scraper would give.
func visibleText(data []byte) []byte {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	var b bytes.Buffer
	var line strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(line.String()), " "); t != "" {
			b.WriteString(t)
			b.WriteByte('\n')
		}
		line.Reset()
	}
	block := map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true, "pre": true, "br": true, "title": true, "table": true, "blockquote": true}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			line.WriteString(n.Data)
		}
		isBlock := n.Type == html.ElementNode && block[n.Data]
		if isBlock {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if isBlock {
			flush()
		}
	}
	walk(doc)
	flush()
	return b.Bytes()
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
}

// writeParaGold pairs the blocks of each gold page pair by position when
// both versions have as many (DocBook and the help pages keep the
// structure of the original in the translation).
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
	kept := 0
	for _, g := range gold {
		en := strings.Split(strings.TrimSpace(string(visibleText(data["en/"+g[0]]))), "\n")
		ru := strings.Split(strings.TrimSpace(string(visibleText(data["ru/"+g[1]]))), "\n")
		if len(en) != len(ru) {
			continue
		}
		pg := paraGold{Src: s.url(g[0], "en"), Tgt: s.url(g[1], "ru")}
		for i := range en {
			pg.Blocks = append(pg.Blocks, [2]string{en[i], ru[i]})
		}
		if err := enc.Encode(pg); err != nil {
			return err
		}
		kept++
	}
	fmt.Printf("%s: paragraph gold for %d of %d page pairs (the others differ in block count)\n", s.name, kept, len(gold))
	return os.WriteFile(filepath.Join(out, "gold", s.name+"-para.jsonl"), b.Bytes(), 0o644)
}

package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/paraline/paraline/internal/gettext"
	"github.com/paraline/paraline/lang/split"
)

// Sources of clean pairs besides the alignment gold (-gold). Each is real
// human translation installed by a Debian package; none is committed.
const (
	localeDir   = "/usr/share/locale"
	aptitudeDir = "/usr/share/doc/aptitude/html" // aptitude-doc-en, aptitude-doc-ru
	doublecmd   = "/usr/share/doublecmd/doc"     // doublecmd-help-en, doublecmd-help-ru
	moPerCat    = 1000                           // most pairs drawn from one catalog
	moSelSeed   = 0x6d6f                         // fixed: the clean pool does not depend on -seed
	sourceNames = "gold, mo-a, mo-b, aptitude, doublecmd, man, gimp, ubuntu, debdocs, site:NAME"
	manDir      = "/usr/share/man"                             // manpages-ru in ru/, the English pages of installed packages
	gimpDir     = "/usr/share/gimp/2.0/help"                   // gimp-help-en, gimp-help-ru
	ubuntuDir   = "/usr/share/doc/ubuntu-packaging-guide-html" // ubuntu-packaging-guide-html, -ru (suffix -ru)
	kicadDir    = "/usr/share/doc/kicad/help"                  // kicad-doc-en, kicad-doc-ru
)

// The debdocs source: the gold paragraph pairs of the bilingual dev sites
// that scripts/mkbisite writes (SITE-para.jsonl), for the sites that are
// no other source (aptitude, doublecmd, ubuntu and gimp are).
var (
	// siteGold holds the gold of the sources "site:NAME" (mkbisite's
	// NAME-para.jsonl); set by -site-gold. The debdocs source reads it
	// too, and without it the folder mkbisite's dev sets were built in
	// (bisiteGold).
	siteGold    = ""
	bisiteGold  = "/tmp/bisite3/gold"
	bisiteSites = []string{"maint-guide", "developers-reference", "debian-faq", "kicad"}
)

// loadSource returns the clean pairs of a named source. goldDir is the
// alignment gold (needed by "gold"; for "mo-a"/"mo-b" its catalogs are left
// out, so the message-catalog sources share no catalog with the dev gold).
func loadSource(name, goldDir string) ([]pair, error) {
	switch name {
	case "gold":
		if goldDir == "" {
			return nil, fmt.Errorf("source gold needs -gold DIR")
		}
		ps, err := loadPairs(goldDir)
		return uniquePairs(ps), err
	}
	var ps []pair
	var err error
	switch name {
	case "mo-a", "mo-b":
		ps, err = loadMO(name[3:], goldDir)
	case "aptitude":
		ps, err = loadHTMLDoc(filepath.Join(aptitudeDir, "en"), filepath.Join(aptitudeDir, "ru"))
	case "doublecmd":
		ps, err = loadHTMLDoc(filepath.Join(doublecmd, "en"), filepath.Join(doublecmd, "ru"))
	case "man":
		ps, err = loadMan()
	case "gimp":
		ps, err = loadHTMLDoc(filepath.Join(gimpDir, "en"), filepath.Join(gimpDir, "ru"))
	case "ubuntu":
		ps, err = loadHTMLDoc(ubuntuDir, ubuntuDir+"-ru")
	case "debdocs":
		dir := bisiteGold
		if siteGold != "" {
			dir = siteGold
		}
		ps, err = loadBisite(dir, bisiteSites)
	default:
		if site, ok := strings.CutPrefix(name, "site:"); ok && site != "" {
			// Any site that mkbisite built, its gold in -site-gold: the
			// held-out sites, which no threshold was chosen on.
			if siteGold == "" {
				return nil, fmt.Errorf("source %q: -site-gold names no folder of mkbisite's gold", name)
			}
			ps, err = loadBisite(siteGold, []string{site})
			break
		}
		return nil, fmt.Errorf("unknown source %q (have %s)", name, sourceNames)
	}
	return uniquePairs(ps), err
}

// uniquePairs keeps the first of the pairs that are the same in lower-case
// letters (a manual's repeated "(back to top)"; deduplication's job, not
// the filters', so they are not clean pairs of the pool).
func uniquePairs(ps []pair) []pair {
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, s)
	}
	seen := map[string]bool{}
	out := ps[:0]
	for _, p := range ps {
		k := key(p.en) + "\t" + key(p.ru)
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// catalogOf returns the catalog name of a gold document or .mo file
// ("pg_dump-15.mo" and "pg_dump-03" give "pg_dump").
var catalogSuffix = regexp.MustCompile(`(-[0-9]+)?(\.mo|\.gold)?$`)

func catalogOf(name string) string { return catalogSuffix.ReplaceAllString(name, "") }

// moGroupA lists the catalogs of group "a": Debian's package tools and
// GNU command-line utilities, the C library and GStreamer. Every other catalog (toolchain, C library,
// desktop libraries, ISO code lists) is in group "b".
var moGroupA = map[string]bool{
	"apt": true, "libapt-pkg6.0": true, "python-apt": true, "software-properties": true, "appstream": true,
	"coreutils": true, "diffutils": true, "grep": true, "sed": true, "man-db": true, "man-db-gnulib": true,
	"wget": true, "wget-gnulib": true, "shadow": true, "libc": true, "gstreamer-1.0": true,
}

// moGroup returns the group, "a" or "b", of a catalog.
func moGroup(cat string) string {
	if moGroupA[cat] {
		return "a"
	}
	return "b"
}

// loadMO reads the Russian message catalogs of group ("a" or "b") that are
// not in the alignment gold, with the gold's selection rules: no plural or
// context entries, no newline or tab, at least 3 English words once format
// directives are removed, translated into Cyrillic; at most moPerCat pairs
// per catalog (shuffled with a fixed seed), each English string once.
func loadMO(group, goldDir string) ([]pair, error) {
	inGold := map[string]bool{}
	if goldDir != "" {
		golds, _ := filepath.Glob(filepath.Join(goldDir, "*.gold"))
		for _, g := range golds {
			inGold[catalogOf(filepath.Base(g))] = true
		}
	}
	files, err := filepath.Glob(filepath.Join(localeDir, "ru", "LC_MESSAGES", "*.mo"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	seen := map[string]bool{}
	var out []pair
	for _, f := range files {
		cat := catalogOf(filepath.Base(f))
		if inGold[cat] || moGroup(cat) != group {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		msgs, _, err := gettext.ParseMO(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		var ps []pair
		for _, m := range msgs {
			if len(m.Strs) != 1 || strings.ContainsAny(m.ID, "\x04\n\t") || strings.ContainsAny(m.Strs[0], "\n\t") {
				continue
			}
			en, ru := collapse(m.ID), collapse(m.Strs[0])
			if en == ru || !hasCyrillic(ru) || len(strings.Fields(directive.ReplaceAllString(en, " "))) < 3 {
				continue
			}
			key := strings.ToLower(en)
			if seen[key] {
				continue
			}
			seen[key] = true
			ps = append(ps, pair{en, ru})
		}
		rng := rand.New(rand.NewPCG(moSelSeed, uint64(len(cat))))
		rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		if len(ps) > moPerCat {
			ps = ps[:moPerCat]
		}
		out = append(out, ps...)
	}
	return out, nil
}

// directive matches printf and brace format directives and markup tags.
var directive = regexp.MustCompile(`%[0-9$#+\- .'*lhqLzjt]*[a-zA-Z%]|\{[^{}]*\}|<[^<>]*>`)

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

var (
	paraRE = regexp.MustCompile(`(?s)<p[ >].*?</p>`)
	tagRE  = regexp.MustCompile(`(?s)<[^>]*>`)
)

// paragraphs returns the text of the <p> elements of an HTML file.
func paragraphs(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range paraRE.FindAllString(string(data), -1) {
		out = append(out, collapse(html.UnescapeString(tagRE.ReplaceAllString(m, " "))))
	}
	return out, nil
}

// loadHTMLDoc pairs the prose of translated HTML manuals: files of the same
// name whose <p> counts agree are paired paragraph by paragraph; a paragraph
// pair gives sentence pairs as paraPairer.add says.
func loadHTMLDoc(enDir, ruDir string) ([]pair, error) {
	files, err := filepath.Glob(filepath.Join(enDir, "*.html"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no HTML files in %s (install the -en and -ru documentation packages)", enDir)
	}
	sort.Strings(files)
	var pp paraPairer
	for _, f := range files {
		rf := filepath.Join(ruDir, filepath.Base(f))
		if _, err := os.Stat(rf); err != nil {
			continue
		}
		pe, err := paragraphs(f)
		if err != nil {
			return nil, err
		}
		pr, err := paragraphs(rf)
		if err != nil {
			return nil, err
		}
		pp.add(pe, pr)
	}
	return pp.out, nil
}

// paraPairer turns paragraph-aligned documents into sentence pairs.
type paraPairer struct {
	se, sr *split.Splitter
	out    []pair
}

// add pairs the paragraphs of one document when both sides have as many:
// a paragraph pair whose sides split into as many sentences gives one pair
// per sentence, else the paragraph pair itself when it has at most 80
// words a side. Pairs without letters on a side, without Cyrillic on the
// Russian side, with the same text on both sides, or with fewer than 3
// English words (as in the alignment gold: headings and labels) are left
// out.
func (pp *paraPairer) add(pe, pr []string) {
	if len(pe) != len(pr) {
		return
	}
	if pp.se == nil {
		pp.se, pp.sr = split.New("en"), split.New("ru")
	}
	add := func(en, ru string) {
		if en == "" || ru == "" || en == ru || !hasCyrillic(ru) || !hasLetter(en) || words(en) < 3 {
			return
		}
		pp.out = append(pp.out, pair{en, ru})
	}
	for i := range pe {
		a, b := pp.se.Split(pe[i]), pp.sr.Split(pr[i])
		if len(a) == len(b) {
			for k := range a {
				add(a[k].Text, b[k].Text)
			}
			continue
		}
		if words(pe[i]) <= 80 && words(pr[i]) <= 80 {
			add(pe[i], pr[i])
		}
	}
}

// loadMan pairs the manual pages of manpages-ru with the English pages of
// the same section and name, paragraph by paragraph when both have as many
// paragraphs (see manParagraphs and paraPairer.add).
func loadMan() ([]pair, error) {
	files, err := filepath.Glob(filepath.Join(manDir, "ru", "man*", "*.gz"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no manual pages in %s (install manpages-ru)", filepath.Join(manDir, "ru"))
	}
	sort.Strings(files)
	var pp paraPairer
	for _, rf := range files {
		rel, _ := filepath.Rel(filepath.Join(manDir, "ru"), rf)
		ef := filepath.Join(manDir, rel)
		if _, err := os.Stat(ef); err != nil {
			continue
		}
		pr, err := manParagraphs(rf)
		if err != nil {
			return nil, err
		}
		pe, err := manParagraphs(ef)
		if err != nil {
			return nil, err
		}
		pp.add(pe, pr)
	}
	return pp.out, nil
}

var (
	manFont    = regexp.MustCompile(`\\f(\[[^]]*\]|\(..|.)`)
	manSize    = regexp.MustCompile(`\\s[-+]?[0-9]`)
	manSpecial = regexp.MustCompile(`\\(\(..|\[[^]]*\]|.)`)
	manQuoted  = regexp.MustCompile(`"([^"]*)"|(\S+)`)
)

// manSpecials maps the roff special characters kept as text.
var manSpecials = map[string]string{`\-`: "-", `\(em`: "—", `\(en`: "–", `\(aq`: "'", `\(lq`: "“", `\(rq`: "”",
	`\(Fo`: "«", `\(Fc`: "»", `\e`: `\`, `\(bu`: "•", `\ `: " ", `\~`: " ", `\(co`: "©", `\[em]`: "—", `\[aq]`: "'"}

// manParagraphs returns the text paragraphs of a gzipped roff manual page:
// paragraph macros (.PP, .P, .LP, .TP, .IP, .SH, .SS, .HP, .sp) start a new
// one, font macros (.B, .I, .BR, ...) give their arguments as text, other
// requests and no-fill blocks (.nf ... .fi, .EX ... .EE) are left out.
func manParagraphs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []string
	var cur []string
	flush := func() {
		if t := collapse(strings.Join(cur, " ")); t != "" {
			out = append(out, t)
		}
		cur = cur[:0]
	}
	nofill := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			f := strings.Fields(line[1:])
			if len(f) == 0 {
				continue
			}
			req, args := f[0], strings.TrimSpace(strings.TrimPrefix(line[1:], f[0]))
			switch req {
			case "nf", "EX":
				flush()
				nofill = true
			case "fi", "EE":
				nofill = false
			case "PP", "P", "LP", "TP", "IP", "SH", "SS", "HP", "sp", "TQ":
				flush() // headings (.SH/.SS arguments) are left out
			case "B", "I", "BR", "RB", "IR", "RI", "BI", "IB", "SM", "SB":
				if !nofill {
					cur = append(cur, manText(args, req != "B" && req != "I" && req != "SM" && req != "SB"))
				}
			}
			continue
		}
		if !nofill {
			cur = append(cur, manText(line, false))
		}
	}
	flush()
	return out, nil
}

// manText returns a roff text line (or macro arguments, joined without
// spaces when alternating fonts) as plain text.
func manText(s string, alternating bool) string {
	if alternating {
		var parts []string
		for _, m := range manQuoted.FindAllStringSubmatch(s, -1) {
			parts = append(parts, m[1]+m[2])
		}
		s = strings.Join(parts, "")
	} else {
		s = strings.Trim(s, `"`)
	}
	s = manFont.ReplaceAllString(s, "")
	s = manSize.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, `\&`, "")
	return manSpecial.ReplaceAllStringFunc(s, func(e string) string { return manSpecials[e] })
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// loadBisite returns the sentence pairs of the gold paragraph pairs of
// sites in dir (SITE-para.jsonl of scripts/mkbisite: one page pair a line,
// its "blocks" the paragraph pairs), paired as loadHTMLDoc pairs
// paragraphs. A paragraph pair repeated on a page (a heading also in the
// table of contents) is read once a page.
func loadBisite(dir string, sites []string) ([]pair, error) {
	var pp paraPairer
	for _, site := range sites {
		path := filepath.Join(dir, site+"-para.jsonl")
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("site %s: %w (build it with scripts/mkbisite)", site, err)
		}
		for n, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var page struct {
				Blocks [][2]string `json:"blocks"`
			}
			if err := json.Unmarshal([]byte(line), &page); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
			}
			var pe, pr []string
			seen := map[[2]string]bool{}
			for _, b := range page.Blocks {
				if !seen[b] {
					seen[b] = true
					pe, pr = append(pe, collapse(b[0])), append(pr, collapse(b[1]))
				}
			}
			pp.add(pe, pr)
		}
	}
	return pp.out, nil
}

// Command mkprose builds a sentence-alignment dev set of English-Russian
// prose from translated documentation installed on a Debian system: the
// aptitude manual (aptitude-doc-en, aptitude-doc-ru, DocBook HTML) and the
// Double Commander help (doublecmd-help-en, doublecmd-help-ru), and with
// -sources also the Debian New Maintainers' Guide (maint-guide,
// maint-guide-ru), the Debian FAQ (debian-faq, debian-faq-ru), the
// Developer's Reference (developers-reference, developers-reference-ru,
// Sphinx HTML) and the GIMP help (gimp-help-en, gimp-help-ru). The
// project's held-out sites are sources too, used only when -sources names
// them ("all" leaves them out): the Debian Administrator's Handbook
// (handbook: debian-handbook), the installation guide (instguide:
// installation-guide-amd64) and the history of Debian (history:
// debian-history). All are translated page by page with the same markup,
// so the text blocks of a page (paragraphs, headings, list items, terms)
// pair by position.
//
// Usage:
//
//	go run ./scripts/mkprose -o DIR [-seed N] [-min 40] [-max 150] [-sources aptitude,doublecmd|all|handbook,...] [-v]
//
// Gold: a pair of blocks whose tag sequences agree is split into sentences
// with lang/split. When both sides have the same number of sentences, the
// sentences pair 1-1, unless a check finds them doubtful: a length ratio
// implausible for a translation, different numbers, or, with the Mueller
// dictionary of mueller7-dict installed, a pair that crosses with a 1-1
// pair up to two away on the page (both crossed pairs score at least 1 nat
// better with align's context-free PairScore); when one side has one
// sentence and the other two or three, the block is one natural 2-1/1-2
// (3-1/1-3) bead. Runs of four or more blocks (or table cells of one
// column) in alphabetical order in both languages are left out: such
// lists are sorted per language and do not pair by position. Other blocks
// are left out too; -v prints what was left out and why, and the counts
// go to stderr. The texts are the manuals as translated by their
// projects (aptitude: GPL-2+; Double Commander help: GPL-2+; maint-guide:
// GPL-2+ and MIT; debian-faq: see its copyright file; developers-reference:
// GPL-2; gimp-help: GFDL-1.2+; the held-out sites: see their copyright
// files; see /usr/share/doc/*/copyright); nothing is copied into the
// repository.
//
// Translator behaviour is then simulated on the documents (seeded; -seed
// changes it): two adjacent Russian sentences merged into one (joined by a
// space or by a semicolon), one Russian sentence split in two at a clause
// boundary, and a sentence dropped on one side, mostly one without numbers
// or names (the hard case for an aligner). Null beads are never adjacent.
//
// Output, in the format of shared/eval/align: DIR/NAME.en, DIR/NAME.ru,
// DIR/NAME.gold (one bead per line, "S<TAB>T", 1-based) for documents
// named prose-SOURCE-NN, and DIR/genres.tsv (NAME<TAB>prose) so
// `paraline eval align DIR` reports them as prose. The same flags give the
// same files.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/lang/split"
)

// source is one translated manual: pages matching the glob en (HTML),
// each paired with the page of the same name in directory ru, the
// language tag ".en." of the name (if any) read as ".ru.".
type source struct {
	name   string
	en, ru string
	// heldOut marks the project's held-out sites, which "all" leaves out
	heldOut bool
}

// ruPage returns the path of the Russian page of English page p.
func (s source) ruPage(p string) string {
	return filepath.Join(s.ru, strings.Replace(filepath.Base(p), ".en.", ".ru.", 1))
}

// sources are the manuals, the first two the default set (-sources);
// the order fixes each source's random stream, so new ones go last.
var sources = []source{
	{"aptitude", "/usr/share/doc/aptitude/html/en/*.html", "/usr/share/doc/aptitude/html/ru", false},
	{"doublecmd", "/usr/share/doublecmd/doc/en/*.html", "/usr/share/doublecmd/doc/ru", false},
	{"maintguide", "/usr/share/doc/maint-guide/html/*.en.html", "/usr/share/doc/maint-guide-ru/html", false},
	{"debianfaq", "/usr/share/doc/debian/FAQ/*.en.html", "/usr/share/doc/debian/FAQ/ru", false},
	{"devref", "/usr/share/developers-reference/*.html", "/usr/share/doc/developers-reference-ru/docs", false},
	{"gimphelp", "/usr/share/gimp/2.0/help/en/*.html", "/usr/share/gimp/2.0/help/ru", false},
	// the project's held-out sites (scripts/mkbisite -sites): no aligner
	// setting was chosen on them
	{"handbook", "/usr/share/doc/debian-handbook/html/en-US/*.html", "/usr/share/doc/debian-handbook/html/ru-RU", true},
	{"instguide", "/usr/share/doc/installation-guide-amd64/en/*.html", "/usr/share/doc/installation-guide-amd64/ru", true},
	{"history", "/usr/share/doc/debian-history/docs/*.en.html", "/usr/share/doc/debian-history/docs", true},
}

// defaultSources are the sources of the original dev set.
const defaultSources = "aptitude,doublecmd"

func main() {
	out := flag.String("o", "", "output directory (created)")
	seed := flag.Uint64("seed", 1, "random seed of the simulated translator edits")
	minLen := flag.Int("min", 40, "smallest document, in gold beads")
	maxLen := flag.Int("max", 150, "largest document, in gold beads")
	mueller := flag.String("mueller", "/usr/share/dictd", "directory of the Mueller dictionary for the lexical check (skipped when absent)")
	verbose := flag.Bool("v", false, "print the blocks left out and the doubtful pairs")
	only := flag.String("sources", defaultSources, "comma-separated sources to use, of "+sourceNames(false)+", or all: "+sourceNames(true))
	flag.Parse()
	if *out == "" || *minLen <= 0 || *maxLen < *minLen {
		fmt.Fprintln(os.Stderr, "usage: mkprose -o DIR [-seed N] [-min N] [-max N] [-sources LIST] [-v]")
		os.Exit(2)
	}
	use, err := pickSources(*only)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkprose:", err)
		os.Exit(2)
	}
	g := &gen{use: use, seed: *seed, minLen: *minLen, maxLen: *maxLen, verbose: *verbose,
		en: split.New("en"), ru: split.New("ru")}
	if d, err := align.LoadMueller(*mueller); err == nil {
		g.scorer = align.NewScorer(nil, nil, &align.Options{Dict: d, SrcLang: "en", TgtLang: "ru"})
	} else {
		fmt.Fprintf(os.Stderr, "mkprose: no lexical check: %v\n", err)
	}
	if err := g.run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mkprose:", err)
		os.Exit(1)
	}
}

// gen holds the settings and statistics of one run.
type gen struct {
	use            map[string]bool // the sources to use
	seed           uint64
	minLen, maxLen int
	verbose        bool
	en, ru         *split.Splitter
	scorer         *align.Scorer
	stats          map[string]int
}

// goldBead is a bead of sentences of one source: indexes into en and ru.
type goldBead struct{ src, tgt []string }

func (g *gen) run(dir string) error {
	g.stats = map[string]int{}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	var genres strings.Builder
	for si, src := range sources {
		if !g.use[src.name] {
			continue
		}
		if _, err := os.Stat(src.ru); err != nil {
			fmt.Fprintf(os.Stderr, "mkprose: skipping %s: %v\n", src.name, err)
			continue
		}
		beads, err := g.sourceBeads(src)
		if err != nil {
			return err
		}
		r := rand.New(rand.NewPCG(g.seed, uint64(si)+1))
		for k, doc := range g.cut(beads) {
			name := fmt.Sprintf("prose-%s-%02d", src.name, k+1)
			sim := g.simulate(doc, r)
			if err := writeDoc(dir, name, sim); err != nil {
				return err
			}
			fmt.Fprintf(&genres, "%s\tprose\n", name)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "genres.tsv"), []byte(genres.String()), 0o644); err != nil {
		return fmt.Errorf("write genres: %w", err)
	}
	keys := make([]string, 0, len(g.stats))
	for k := range g.stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(os.Stderr, "%-28s %d\n", k, g.stats[k])
	}
	return nil
}

// sourceBeads returns the gold beads of every page of src, in page order,
// with an empty bead (nil sides) between blocks as a paragraph mark.
func (g *gen) sourceBeads(src source) ([]goldBead, error) {
	pages, err := filepath.Glob(src.en)
	if err != nil {
		return nil, err
	}
	sort.Strings(pages)
	var out []goldBead
	for _, p := range pages {
		rp := src.ruPage(p)
		if _, err := os.Stat(rp); err != nil {
			g.stats["pages without ru"]++
			continue
		}
		eb, err := readBlocks(p)
		if err != nil {
			return nil, err
		}
		rb, err := readBlocks(rp)
		if err != nil {
			return nil, err
		}
		if !sameTags(eb, rb) {
			g.stats["pages with other markup"]++
			if g.verbose {
				fmt.Fprintf(os.Stderr, "page %s: %d vs %d blocks, markup differs\n", p, len(eb), len(rb))
			}
			continue
		}
		g.stats["pages"]++
		out = append(out, g.pageBeads(eb, rb)...)
	}
	return out, nil
}

// sourceNames lists the names of sources, only those "all" means (the
// held-out sites left out) when all is true.
func sourceNames(all bool) string {
	var names []string
	for _, s := range sources {
		if !all || !s.heldOut {
			names = append(names, s.name)
		}
	}
	return strings.Join(names, ",")
}

// pickSources parses the -sources flag.
func pickSources(list string) (map[string]bool, error) {
	if list == "all" {
		list = sourceNames(true)
	}
	use := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		found := false
		for _, s := range sources {
			found = found || s.name == name
		}
		if !found {
			return nil, fmt.Errorf("unknown source %q (want %s or all)", name, sourceNames(false))
		}
		use[name] = true
	}
	return use, nil
}

func sameTags(a, b []block) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k].tag != b[k].tag {
			return false
		}
	}
	return true
}

// pageBeads returns the gold beads of the block pairs of one page, with
// a paragraph mark after each block. A block is left out when one of its
// 1-1 pairs is doubtful: its sentences match a neighbour, up to two 1-1
// pairs away in the page (in the same block or not), better than each
// other (lists sorted differently in the two languages, sentences counted
// alike by chance).
func (g *gen) pageBeads(eb, rb []block) []goldBead {
	var beads []goldBead
	var blockOf []int
	sorted := sortedRuns(eb, rb)
	for k := range eb {
		if sorted[k] {
			g.stats["blocks left out: sorted list"]++
			continue
		}
		for _, b := range g.blockBeads(eb[k], rb[k]) {
			beads = append(beads, b)
			blockOf = append(blockOf, k)
		}
	}
	bad := map[int]bool{}
	if g.scorer != nil {
		var ones []int // indexes of 1-1 beads
		for i, b := range beads {
			if len(b.src) == 1 && len(b.tgt) == 1 {
				ones = append(ones, i)
			}
		}
		for x, i := range ones {
			own := g.scorer.PairScore(beads[i].src[0], beads[i].tgt[0])
			for d := -2; d <= 2; d++ {
				if d == 0 || x+d < 0 || x+d >= len(ones) {
					continue
				}
				o := beads[ones[x+d]]
				if g.scorer.PairScore(beads[i].src[0], o.tgt[0]) > own+doubtMargin && g.scorer.PairScore(o.src[0], beads[i].tgt[0]) > own+doubtMargin {
					bad[blockOf[i]] = true
				}
			}
		}
	}
	var out []goldBead
	for i, b := range beads {
		if bad[blockOf[i]] {
			if i == 0 || blockOf[i-1] != blockOf[i] {
				g.stats["blocks left out: a neighbour matches better"]++
				if g.verbose {
					fmt.Fprintf(os.Stderr, "left out (a neighbour matches better): %s | %s\n", b.src[0], b.tgt[0])
				}
			}
			continue
		}
		out = append(out, b)
		if i+1 == len(beads) || blockOf[i+1] != blockOf[i] {
			out = append(out, goldBead{})
		}
	}
	return out
}

// blockBeads returns the gold beads of a pair of blocks, or nil when the
// pair is left out.
func (g *gen) blockBeads(e, r block) []goldBead {
	g.stats["blocks"]++
	skip := func(why string) []goldBead {
		g.stats["blocks left out: "+why]++
		if g.verbose {
			fmt.Fprintf(os.Stderr, "left out (%s):\n  en: %s\n  ru: %s\n", why, e.text, r.text)
		}
		return nil
	}
	if letters(e.text, unicode.Cyrillic) > 0 || letters(r.text, unicode.Cyrillic) < 3 {
		return skip("untranslated")
	}
	if letters(e.text, unicode.Latin) < 3 || e.text == r.text {
		return skip("no prose")
	}
	es := sentences(g.en, e.text)
	rs := sentences(g.ru, r.text)
	switch {
	case len(es) == len(rs):
		for k := range es {
			if why := g.doubtful(es, rs, k); why != "" {
				return skip(why)
			}
		}
		out := make([]goldBead, len(es))
		for k := range es {
			out[k] = goldBead{src: es[k : k+1], tgt: rs[k : k+1]}
		}
		g.stats["gold 1-1"] += len(es)
		return out
	case len(es) == 1 && len(rs) <= 3 || len(rs) == 1 && len(es) <= 3:
		if !lengthOK(strings.Join(es, " "), strings.Join(rs, " ")) {
			return skip("length ratio")
		}
		g.stats[fmt.Sprintf("gold natural %d-%d", len(es), len(rs))]++
		return []goldBead{{src: es, tgt: rs}}
	}
	return skip("sentence counts differ")
}

// doubtful returns why the pair of sentence k of es and rs is doubtful, or "".
func (g *gen) doubtful(es, rs []string, k int) string {
	e, r := es[k], rs[k]
	if !lengthOK(e, r) {
		return "length ratio"
	}
	if numbers(e) != numbers(r) {
		return "numbers differ"
	}
	return ""
}

// lengthOK reports whether the Russian/English character ratio of a pair is
// plausible for a translation (generous for short sentences).
func lengthOK(e, r string) bool {
	le, lr := float64(utf8.RuneCountInString(e)), float64(utf8.RuneCountInString(r))
	slack := 15.0
	return lr <= 2.0*le+slack && le <= 1.6*lr+slack
}

// numbers returns the digit runs of s, sorted and joined.
func numbers(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	sort.Strings(f)
	return strings.Join(f, ",")
}

func letters(s string, tab *unicode.RangeTable) int {
	n := 0
	for _, r := range s {
		if unicode.Is(tab, r) {
			n++
		}
	}
	return n
}

func sentences(sp *split.Splitter, text string) []string {
	var out []string
	for _, s := range sp.Split(text) {
		out = append(out, collapse(s.Text))
	}
	return out
}

// doubtMargin is how much better, in nats, both crossed pairs of two 1-1
// pairs must score than one of them for the block to be left out.
const doubtMargin = 1.0

// sortedRuns marks the blocks of runs of at least four blocks of one tag
// (every block, or every second or third: the columns of a table) whose
// texts are in alphabetical order in both languages: lists sorted per
// language, whose items do not pair by position.
func sortedRuns(eb, rb []block) []bool {
	out := make([]bool, len(eb))
	le := func(a, b string) bool { return strings.ToLower(a) <= strings.ToLower(b) }
	for stride := 1; stride <= 3; stride++ {
		for i := range eb {
			j := i + stride
			for j < len(eb) && eb[j].tag == eb[i].tag && le(eb[j-stride].text, eb[j].text) && le(rb[j-stride].text, rb[j].text) {
				j += stride
			}
			if (j-i)/stride >= 4 {
				for k := i; k < j; k += stride {
					out[k] = true
				}
			}
		}
	}
	return out
}

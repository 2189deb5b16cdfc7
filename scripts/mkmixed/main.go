// Command mkmixed builds a synthetic mixed-language test set for language
// segmentation from the gettext message catalogs installed on a Debian
// system (/usr/share/locale/<ll>/LC_MESSAGES/*.mo): English text is taken
// from the catalogs' msgids, the other languages from their translations.
//
// Usage:
//
//	go run ./scripts/mkmixed -o DIR [-docs N] [-seed S] [-langs en,de,...] [-locale /usr/share/locale]
//
// Each document mixes two to six languages: paragraphs, single sentences and
// 2-6-word fragments, interleaved line by line and often several inside one
// line. It writes DIR/mixed-NNNN.txt and DIR/gold.jsonl, one object per
// document: {"doc":"mixed-NNNN","spans":[{"start","end","lang"}...]}, byte
// offsets of every piece of language text (separators, blank and letterless
// lines are not in a span and are not scored). Score predictions with
// `score_detect.py spans DIR/gold.jsonl PRED.jsonl` or
// `paraline eval mixed DIR/gold.jsonl DIR --langs ...`. The same flags give
// the same files.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/paraline/paraline/internal/gettext"
)

const defaultLangs = "en,de,fr,es,it,pt,nl,pl,sv,cs,tr,ru,uk,bg"

func main() {
	out := flag.String("o", "", "output directory (created)")
	docs := flag.Int("docs", 200, "number of documents")
	seed := flag.Uint64("seed", 1, "random seed")
	langList := flag.String("langs", defaultLangs, "comma-separated languages (ISO 639-1; en comes from msgids)")
	locale := flag.String("locale", "/usr/share/locale", "root of the installed gettext catalogs")
	flag.Parse()
	if *out == "" || *docs <= 0 {
		fmt.Fprintln(os.Stderr, "usage: mkmixed -o DIR [-docs N] [-seed S] [-langs L,...]")
		os.Exit(2)
	}
	langs := strings.Split(*langList, ",")
	pools, err := loadPools(*locale, langs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkmixed:", err)
		os.Exit(1)
	}
	if err := generate(*out, pools, langs, *docs, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "mkmixed:", err)
		os.Exit(1)
	}
}

// pool is the usable text of one language.
type pool struct {
	sentences []string // full sentences: capitalised, ending in . ! ?
	labels    []string // short messages of 2-6 words without final punctuation
	lines     []string // every usable line, for cutting fragments
}

// localeDirs maps a language to the locale directories holding it.
func localeDirs(lang string) []string {
	switch lang {
	case "pt":
		return []string{"pt", "pt_BR"}
	}
	return []string{lang}
}

// loadPools reads every catalog of the given languages.
func loadPools(root string, langs []string) (map[string]*pool, error) {
	english := map[string]bool{}
	raw := map[string][]string{} // lang -> candidate lines (before the English filter)
	for _, lang := range langs {
		if lang == "en" {
			continue
		}
		for _, dir := range localeDirs(lang) {
			files, err := filepath.Glob(filepath.Join(root, dir, "LC_MESSAGES", "*.mo"))
			if err != nil {
				return nil, err
			}
			sort.Strings(files)
			for _, f := range files {
				if strings.HasPrefix(filepath.Base(f), "iso_") {
					continue // lists of country and language names, not prose
				}
				data, err := os.ReadFile(f)
				if err != nil {
					return nil, fmt.Errorf("read %s: %w", f, err)
				}
				entries, cs, err := gettext.ParseMO(data)
				if err != nil {
					return nil, fmt.Errorf("parse %s: %w", f, err)
				}
				if cs != "" && !strings.EqualFold(cs, "utf-8") {
					continue
				}
				for _, e := range entries {
					if e.ID == e.Strs[0] {
						continue // untranslated
					}
					for _, l := range cleanLines(e.ID, "en") {
						english[l] = true
					}
					raw[lang] = append(raw[lang], cleanLines(e.Strs[0], lang)...)
				}
			}
		}
	}
	pools := map[string]*pool{}
	add := func(lang string, lines []string) {
		p := &pool{}
		seen := map[string]bool{}
		for _, l := range lines {
			if seen[l] || lang != "en" && english[l] {
				continue
			}
			seen[l] = true
			p.lines = append(p.lines, l)
			w := len(strings.Fields(l))
			r, _ := utf8.DecodeRuneInString(l)
			last, _ := utf8.DecodeLastRuneInString(l)
			switch {
			case w >= 4 && unicode.IsUpper(r) && (last == '.' || last == '!' || last == '?') && !strings.HasSuffix(l, "..."):
				p.sentences = append(p.sentences, l)
			case w >= 2 && w <= 6 && unicode.IsLetter(last):
				p.labels = append(p.labels, l)
			}
		}
		pools[lang] = p
	}
	var en []string
	for l := range english {
		en = append(en, l)
	}
	sort.Strings(en)
	for _, lang := range langs {
		if lang == "en" {
			add(lang, en)
		} else {
			add(lang, raw[lang])
		}
		p := pools[lang]
		if len(p.sentences) < 50 || len(p.labels) < 20 {
			return nil, fmt.Errorf("language %s: only %d sentences and %d labels in %s (install more translated packages or drop it)", lang, len(p.sentences), len(p.labels), root)
		}
		fmt.Fprintf(os.Stderr, "%s: %d lines, %d sentences, %d labels\n", lang, len(p.lines), len(p.sentences), len(p.labels))
	}
	return pools, nil
}

// cleanLines returns the lines of a message that read as natural text of
// lang's script: no format directives, markup, paths or options; mostly
// letters; no letter of another script.
func cleanLines(msg, lang string) []string {
	var out []string
	cyr := lang == "ru" || lang == "uk" || lang == "bg" || lang == "be" || lang == "sr" || lang == "mk"
	for _, l := range strings.Split(msg, "\n") {
		l = norm.NFC.String(l)
		l = strings.Map(func(r rune) rune {
			switch {
			case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
				return -1
			case unicode.IsSpace(r):
				return ' '
			}
			return r
		}, l)
		l = strings.Join(strings.Fields(l), " ")
		if len(l) < 8 || len(l) > 240 || !utf8.ValidString(l) {
			continue
		}
		if strings.ContainsAny(l, "%{}<>\\/_@$=#[]|*&~^`+") || strings.Contains(l, "--") || strings.Contains(l, "..") && !strings.HasSuffix(l, "...") {
			continue
		}
		letters, other, bad := 0, 0, false
		for _, r := range l {
			switch {
			case unicode.IsLetter(r):
				letters++
				switch {
				case lang == "en" && r >= utf8.RuneSelf:
					bad = true
				case cyr && !unicode.Is(unicode.Cyrillic, r):
					bad = true
				case !cyr && !unicode.Is(unicode.Latin, r):
					bad = true
				}
			case r != ' ':
				other++
			}
		}
		if bad || len(strings.Fields(l)) < 2 || letters < 4*other {
			continue
		}
		// A word without a vowel-like mix of cases ("GNU", "URL") is often a
		// name kept in English; skip lines with upper-case words of 3+ letters.
		if hasAcronym(l) {
			continue
		}
		out = append(out, l)
	}
	return out
}

func hasAcronym(l string) bool {
	for _, w := range strings.Fields(l) {
		n := 0
		for _, r := range w {
			if unicode.IsUpper(r) {
				n++
			} else if unicode.IsLetter(r) {
				n = 0
				break
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// goldSpan is one piece of language text in a generated document.
type goldSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Lang  string `json:"lang"`
}

type goldDoc struct {
	Doc   string     `json:"doc"`
	Spans []goldSpan `json:"spans"`
}

// doc builds one document.
type doc struct {
	b     strings.Builder
	spans []goldSpan
}

func (d *doc) text(s, lang string) {
	start := d.b.Len()
	d.b.WriteString(s)
	d.spans = append(d.spans, goldSpan{Start: start, End: d.b.Len(), Lang: lang})
}

func (d *doc) sep(s string) { d.b.WriteString(s) }

type gen struct {
	r     *rand.Rand
	pools map[string]*pool
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) sentence(lang string) string { return g.pick(g.pools[lang].sentences) }

// fragment returns 2-6 words of lang: a short label, or a run of words cut
// from a longer line with its edge punctuation removed.
func (g *gen) fragment(lang string) string {
	p := g.pools[lang]
	if g.r.IntN(2) == 0 {
		return g.pick(p.labels)
	}
	for {
		ws := strings.Fields(g.pick(p.lines))
		n := 2 + g.r.IntN(5)
		if len(ws) < n {
			continue
		}
		i := g.r.IntN(len(ws) - n + 1)
		f := strings.TrimFunc(strings.Join(ws[i:i+n], " "), func(r rune) bool { return !unicode.IsLetter(r) })
		if strings.Count(f, " ") >= 1 {
			return f
		}
	}
}

var (
	fragmentSeps  = []string{" ", " ", " ", ": ", " - ", " — ", " | ", " / ", ", ", " · ", "; "}
	letterless    = []string{"12.05.2020 14:33", "• • •", "2021", "—", "* * *", "15:39", "(3)", "1/12", "+7 495 123-45-67", "© 2019-2024"}
	dateFragments = []string{"", "", "", " 21.04.2020", " (12)"}
)

// generate writes n documents and gold.jsonl into dir.
func generate(dir string, pools map[string]*pool, langs []string, n int, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x6d6b6d69786564)), pools: pools}
	gf, err := os.Create(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(gf)
	enc.SetEscapeHTML(false)
	bytesPer := map[string]int{}
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("mixed-%04d", i)
		d := g.document(langs)
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(d.b.String()), 0o644); err != nil {
			gf.Close()
			return fmt.Errorf("write %s: %w", name, err)
		}
		for _, s := range d.spans {
			bytesPer[s.Lang] += s.End - s.Start
		}
		if err := enc.Encode(goldDoc{Doc: name, Spans: d.spans}); err != nil {
			gf.Close()
			return err
		}
	}
	if err := gf.Close(); err != nil {
		return fmt.Errorf("write gold.jsonl: %w", err)
	}
	var ls []string
	for l := range bytesPer {
		ls = append(ls, l)
	}
	sort.Strings(ls)
	for _, l := range ls {
		fmt.Fprintf(os.Stderr, "%s=%d ", l, bytesPer[l])
	}
	fmt.Fprintf(os.Stderr, "\nwrote %d documents to %s\n", n, dir)
	return nil
}

// document makes one document over two to six of the languages.
func (g *gen) document(all []string) *doc {
	perm := g.r.Perm(len(all))
	k := 2 + g.r.IntN(5)
	if k > len(all) {
		k = len(all)
	}
	langs := make([]string, k)
	for i := range langs {
		langs[i] = all[perm[i]]
	}
	// A language run: stay in the previous language with probability 0.4.
	cur := langs[0]
	next := func(avoid string) string {
		if avoid == "" && g.r.IntN(10) < 4 {
			return cur
		}
		for {
			l := langs[g.r.IntN(len(langs))]
			if l != avoid || len(langs) == 1 {
				cur = l
				return l
			}
		}
	}
	d := &doc{}
	lines := 12 + g.r.IntN(25)
	for li := 0; li < lines; li++ {
		switch x := g.r.IntN(100); {
		case x < 20: // paragraph
			l := next("")
			ns := 2 + g.r.IntN(3)
			for j := 0; j < ns; j++ {
				if j > 0 {
					d.sep(" ")
				}
				d.text(g.sentence(l), l)
			}
		case x < 50: // one sentence
			l := next("")
			d.text(g.sentence(l), l)
		case x < 65: // a fragment alone: a heading, a menu item
			l := next("")
			d.text(g.fragment(l), l)
			d.sep(g.pick(dateFragments))
		case x < 90: // several languages in one line
			items := 2 + g.r.IntN(3)
			prev := ""
			wasSentence := false
			for j := 0; j < items; j++ {
				l := next(prev)
				sentence := g.r.IntN(2) == 0
				if j > 0 {
					switch {
					case wasSentence && g.r.IntN(20) == 0:
						// glued by a scraper: "…cooperation.Партнеры"
					case wasSentence:
						d.sep(" ")
					case g.r.IntN(8) == 0 && !sentence:
						d.sep(" (")
						d.text(g.fragment(l), l)
						d.sep(")")
						prev, wasSentence = l, false
						continue
					default:
						d.sep(g.pick(fragmentSeps))
					}
				}
				if sentence {
					d.text(g.sentence(l), l)
				} else {
					d.text(g.fragment(l), l)
				}
				prev, wasSentence = l, sentence
			}
		case x < 95:
			d.sep(g.pick(letterless))
		default:
			// blank line
		}
		d.sep("\n")
		if g.r.IntN(4) == 0 {
			d.sep("\n")
		}
	}
	return d
}

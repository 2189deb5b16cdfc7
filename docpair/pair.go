package docpair

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// Pairing modes (Options.By).
const (
	ByAuto    = "auto"    // URL and markup evidence first, content for the rest
	ByURL     = "url"     // URL and markup evidence only
	ByContent = "content" // content evidence only
)

// Methods: how a pair was found (the fourth column of docpairs.tsv).
const (
	MethodHreflang = "hreflang"  // <link rel=alternate hreflang> (or <a hreflang>) pointing at each other
	MethodURL      = "url"       // addresses that differ only in a language code
	MethodURLClose = "url-close" // addresses with a language code whose numbers agree ("/en/news/123-flood", "/ru/novosti/123-navodnenie"), confirmed by content
	MethodSwitcher = "switcher"  // language-switcher links pointing at each other
	MethodContent  = "content"   // content similarity
	MethodLink     = "link"      // linked at the same place from two pages already paired
)

// DefaultMinScore is the content score a pair found by content alone
// (or by url-close) needs (see Options.MinScore). It was chosen on the
// "-orphans" dev sets of scripts/mkbisite, where a fifth of the pages of
// each language have no partner, leaving one site out: the best threshold
// on doublecmd is 0.35, on aptitude 0.25; this is their mean.
const DefaultMinScore = 0.3

// A document is a translation into language L, not the text of another
// version left untranslated, when at least minURLShare of the letters of
// its text are in L (Doc.Shares), or more than minProseShare of the letters
// of its prose lines lie in lines mostly in L (Doc.Prose): a Russian page
// of English screen dumps, code or tables with its paragraphs translated
// is a translation; the English text left untranslated under a Russian
// menu, with Russian figure labels, is not (see translated). This is the
// definition of the gold of scripts/mkbisite (minCyrillic, minProse there),
// whose measures Shares and Prose repeat (see FromDocument). Leaving one dev
// site out (the -url pages of the 8 sites, the language of each from its
// address, the gold's verdict the label), the thresholds that disagree
// with the fewest pages of the other 7 sites hold the gold's (0.15, 0.10)
// in every fold, and these disagree on no page of the held-out site: with
// gimp-help in (the only site with pages near the boundary) they span
// 0.146-0.152 for minURLShare (minProseShare at 0.10) and 0.095-0.158 for
// minProseShare (minURLShare at 0.15; to 0.40 and over with kicad out);
// with gimp-help out 0.052-0.334 and 0.015-0.158. The midpoints between the nearest pages of either verdict
// spread from 0.149 to 0.193 (gimp-help out) and from 0.087 (gimp-help out)
// to 0.127, and the gimp-help fold's midpoints disagree on 14 of its pages:
// the gold's values are kept.
const (
	minURLShare   = 0.15
	minProseShare = 0.10
)

// translated reports whether d is a translation into l (see minURLShare).
// Without Shares, Alt says whether the body has a fair share of l.
func translated(d Doc, l string) bool {
	if d.Shares == nil {
		return d.Lang == l || d.Alt == l
	}
	return d.Shares[l] >= minURLShare || d.Prose[l] > minProseShare
}

// A document whose address names no language, whose body is in Src or Tgt
// and whose whole text holds a trace of Tgt, at least minTraceShare of its
// letters and minTraceLetters letters (more than a language switcher's
// "Русский"), but is no translation into Tgt (see translated), is a page of
// the Tgt version left untranslated (see isTrace). On the -random dev sets
// of scripts/mkbisite the English originals hold at most 0.0002 of Russian
// letters and the untranslated Russian pages from 0.0042 (gimp-help) or
// 0.0066 (kicad); leaving one site out, the midpoints between the two
// spread from 0.0021 to 0.0034 (gimp-help held out), mean 0.0024, and
// every held-out site scores the same at its fold's pick.
const (
	minTraceShare   = 0.0024
	minTraceLetters = 20
)

// isTrace reports whether d holds a trace of language l but is no
// translation into l (see minTraceShare).
func isTrace(d Doc, l string) bool {
	sh := d.Shares[l]
	return sh >= minTraceShare && sh*float64(d.Letters) >= minTraceLetters && !translated(d, l)
}

// prioExplicit is the weakest priority of the URL and markup evidence
// that names the other version outright (hreflang, url, switcher): such a
// pair refused as an untranslated copy keeps both documents from other
// partners.
const prioExplicit = 2

// Options configures a Pairer.
type Options struct {
	// Src and Tgt are the language codes of the two versions; pairs are
	// (Src document, Tgt document). Required and different.
	Src, Tgt string
	// By is ByAuto (the default), ByURL or ByContent.
	By string
	// MinScore is the least content score of a pair found by content;
	// 0 means DefaultMinScore, a negative value keeps every candidate.
	MinScore float64
	// Workers is the number of goroutines scoring candidates; default 1.
	Workers int
	// Verifier, when set, checks the language of the body (Doc.Words) of
	// each document left to pair by content that competes with another
	// for a partner (one of the candidates, within 0.25 of the best score,
	// of a document with two such candidates or more), unless its language
	// was taken from its address, its body being in another (see
	// Doc.Shares). A document Verifier finds in another language is in
	// doubt: the others pair first, by content and by paragraph lengths,
	// among themselves; then every candidate pair competes, those in doubt
	// included. Without it a page in a third
	// language of the site that shares a script with Src or Tgt (a German
	// page among English and Russian ones, whose detector knows only the
	// two) competes as that language for the other version's partner, with
	// the same numbers and names as the true original. A nil Verifier
	// checks nothing.
	Verifier LangVerifier
	// Baseline pairs by content alone with the plain Jaccard similarity of
	// the token sets (numbers, Latin-script words, URLs), no weights, no
	// paragraph shape and no threshold: the baseline of eval pair.
	Baseline bool
}

// A LangVerifier confirms the language of a document's body from its most
// frequent words (Doc.Words); *lang.Verifier is one.
type LangVerifier interface {
	// Checks reports whether IsLang can tell code from the other
	// languages of its script.
	Checks(code string) bool
	// IsLang reports whether words are in the language code.
	IsLang(words, code string) bool
}

// Validate reports every problem with o at once.
func (o *Options) Validate() error {
	var errs []string
	if o.Src == "" || o.Tgt == "" {
		errs = append(errs, "two languages are needed")
	} else if o.Src == o.Tgt {
		errs = append(errs, fmt.Sprintf("the two languages are the same (%s)", o.Src))
	}
	switch o.By {
	case "", ByAuto, ByURL, ByContent:
	default:
		errs = append(errs, fmt.Sprintf("pair-by must be auto, url or content (got %q)", o.By))
	}
	if o.Workers < 0 {
		errs = append(errs, fmt.Sprintf("workers must not be negative (got %d)", o.Workers))
	}
	if len(errs) > 0 {
		return fmt.Errorf("docpair: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Doc is what pairing needs to know about one document.
type Doc struct {
	// ID names the document in the output (a path, or a URL).
	ID string
	// URL is the document's address; "" takes ID as a file path.
	URL string
	// Lang is the language of the document's body ("" when unknown: such a
	// document is never paired).
	Lang string
	// Alt is a second language with a fair share of the body, or "". A
	// document in Options.Src whose Alt is Options.Tgt may pair by content
	// as a Tgt version too: a translated page that kept so much of its
	// original (screen dumps, code, untranslated paragraphs) that the
	// original's language dominates. Src is taken to be the language of
	// the originals.
	Alt string
	// Shares are the shares of the letters of the whole text (body,
	// boilerplate and noise such as code) per language; nil when unknown.
	// A document whose address names a language (see Add) pairs only when
	// it is a translation into that language, by Shares and Prose (see
	// minURLShare; without Shares, its body or Alt must be that language).
	Shares map[string]float64
	// Letters is the number of letters of the text the Shares are of; 0
	// when unknown.
	Letters int
	// Prose are the shares of the letters of the prose lines of the whole
	// text (lines of at least 40 letters and 6 words) that lie in lines
	// mostly in each language; nil when unknown or without such a line
	// (see FromDocument).
	Prose map[string]float64
	// ProseLetters is the number of letters of the prose lines the Prose
	// are of; 0 when unknown.
	ProseLetters int
	// Links are the document's links, in document order. Add keeps the
	// targets of <link rel=alternate hreflang>, of links with hreflang and
	// of language-switcher links, and a hash of the target of each <a>
	// link (the link structure), at most maxLinks.
	Links []corpus.Link
	// Features is the fingerprint of the body (NewFeatures).
	Features Features
	// Words are the most frequent words of the body in Lang (see
	// lang.TopWords), for Options.Verifier; "" when the body is short.
	Words string
}

// Pair is one pair of documents.
type Pair struct {
	// Src and Tgt are the IDs of the documents in Options.Src and
	// Options.Tgt.
	Src, Tgt string
	// Score is the content similarity of the two documents, 0 to 1.
	Score float64
	// Method says what evidence paired them (MethodURL, ...).
	Method string
}

// Result is the outcome of Pair.
type Result struct {
	// Pairs are the pairs, sorted by Src.
	Pairs []Pair
	// Unpaired lists, per language of the body ("" for none), the IDs of
	// the documents left without a partner, sorted.
	Unpaired map[string][]string
	// ByMethod counts pairs per method.
	ByMethod map[string]int
	// Untranslated counts candidate pairs refused because both documents
	// hold mostly the same text.
	Untranslated int
	// OtherLanguage counts the documents that Options.Verifier found in
	// a language other than their own, among those it checked: the
	// documents competing for a partner (see Options.Verifier).
	OtherLanguage int
}

// entry is a document as the Pairer keeps it.
type entry struct {
	id, lang  string
	side      int8   // 0 Src, 1 Tgt, -1 another language
	alt       bool   // may also pair by content as a version in the other language
	byURL     bool   // lang is that of the address, not of the body (which is in the other language or none)
	partial   bool   // alt and a translation into Tgt (see translated) that kept much of its original
	copy      bool   // no translation into the language of its address, or a trace of Tgt only: an untranslated copy, never paired
	trTgt     bool   // its shares make it a translation into Tgt (see translated)
	url       string // Doc.URL
	loc       string // normalised address
	marked    string // address with the language code replaced
	unmarked  string // address with the language code removed
	hasMarker bool
	alts, sws []string // normalised targets of hreflang and switcher links to the other language
	links     []uint64 // hashes of the normalised targets of its links, in order (linkTargets)
	f         Features
	words     string // Doc.Words
}

// Pairer collects documents and pairs them. It keeps only a fingerprint
// per document. It is not safe for concurrent use.
type Pairer struct {
	opts   Options
	docs   []entry
	paired bool
}

// NewPairer returns a Pairer, or an error when opts are invalid.
func NewPairer(opts Options) (*Pairer, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.By == "" {
		opts.By = ByAuto
	}
	if opts.MinScore == 0 {
		opts.MinScore = DefaultMinScore
	}
	if opts.Baseline {
		opts.By, opts.MinScore = ByContent, -1
	}
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	return &Pairer{opts: opts}, nil
}

// Add adds a document. Documents are kept in the order added; IDs should
// be unique (a repeated ID is a document of its own). The Pairer owns d's
// Features from then on (Pair rewrites them in place): add a Doc once.
func (p *Pairer) Add(d Doc) { p.docs = append(p.docs, p.newEntry(d)) }

// newEntry returns the entry Add keeps of d.
func (p *Pairer) newEntry(d Doc) entry {
	byURL, copy := false, false
	u := location(d.ID, d.URL)
	_, _, inSrc := langKeys(u, p.opts.Src)
	_, _, inTgt := langKeys(u, p.opts.Tgt)
	if p.opts.By != ByContent && inSrc != inTgt {
		// The address names one of the two languages: the page is that
		// version, whatever the language of its body (a Russian page of
		// English screen dumps under /ru/, a page left untranslated, which
		// the untranslated-copy test refuses as a pair); the language of
		// its body is its second language. Either way it pairs only as a
		// translation into that language (see translated); so does a body
		// in that language when it is Tgt, the language of the
		// translations (a Russian heading over English code is no
		// translation).
		ul := map[bool]string{true: p.opts.Src, false: p.opts.Tgt}[inSrc]
		copy = (d.Lang != ul || ul == p.opts.Tgt) && !translated(d, ul)
		if d.Lang != ul {
			alt := d.Lang
			if alt != p.opts.Src && alt != p.opts.Tgt {
				alt = d.Alt
			}
			d.Lang, d.Alt = ul, alt
			byURL = true
		}
	}
	// No address names a language and the body is in Src, or in Tgt:
	// with a trace of Tgt (menus, headings, figure labels) but no
	// translation into Tgt, the page is the Tgt version of the site left
	// untranslated, no original and no translation.
	if !byURL && !inSrc && !inTgt && (d.Lang == p.opts.Src || d.Lang == p.opts.Tgt) && isTrace(d, p.opts.Tgt) {
		copy = true
	}
	e := entry{id: d.ID, url: d.URL, lang: d.Lang, side: -1, f: d.Features, byURL: byURL, words: d.Words}
	e.copy = copy
	switch d.Lang {
	case p.opts.Src:
		e.side = 0
	case p.opts.Tgt:
		e.side = 1
	}
	e.alt = e.side >= 0 && d.Alt != "" && d.Alt != d.Lang && (d.Alt == p.opts.Src || d.Alt == p.opts.Tgt)
	// A Src body translated into Tgt in part (paragraphs among untranslated
	// code and tables) pairs as a Tgt version too, and is not refused as
	// the same text as its original (partial).
	e.trTgt = d.Shares != nil && translated(d, p.opts.Tgt)
	// Its body must hold Tgt (Alt): Tgt in the furniture alone (a Russian
	// menu around English articles, on every page of a monolingual site)
	// makes no translation of a Src page.
	tr := e.side == 0 && e.trTgt && d.Alt == p.opts.Tgt
	e.alt = e.alt || tr
	e.partial = e.alt && tr
	if e.side >= 0 && p.opts.By != ByContent {
		u := location(d.ID, d.URL)
		e.loc = normURL(u)
		e.marked, e.unmarked, e.hasMarker = langKeys(u, d.Lang)
		other := p.opts.Tgt
		if e.side == 1 {
			other = p.opts.Src
		}
		e.links = linkTargets(e.loc, func(href string) string { return resolve(u, href) }, d.Links)
		for _, l := range d.Links {
			hl := l.HrefLang
			if i := strings.IndexAny(hl, "-_"); i >= 0 {
				hl = hl[:i]
			}
			var list *[]string
			switch {
			case hl == other:
				list = &e.alts
			case hl == "" && l.Rel == "" && isSwitcherText(l.Text, other):
				list = &e.sws
			default:
				continue
			}
			if t := resolve(u, l.Href); t != "" && t != e.loc && !slices.Contains(*list, t) {
				*list = append(*list, t)
			}
		}
	}
	return e
}

// Len returns the number of documents added.
func (p *Pairer) Len() int { return len(p.docs) }

// edge is a candidate pair: indexes into docs.
type edge struct {
	a, b   int32 // Src and Tgt document
	prio   int8  // lower wins first: evidence strength
	score  float64
	method string
}

// ErrPaired is returned by a second call of Pair.
var ErrPaired = errors.New("docpair: Pair was already called")

// Pair pairs the documents added, one to one. It may be called once.
func (p *Pairer) Pair() (*Result, error) {
	if p.paired {
		return nil, ErrPaired
	}
	p.paired = true
	if p.opts.By != ByContent {
		p.thirdLanguages()
	}
	sc := newScorer(p.docs, p.opts.Baseline)
	taken := make([]bool, len(p.docs))
	// blocked: taken, or kept from other partners by the address of a
	// version that was refused as an untranslated copy.
	blocked := make([]bool, len(p.docs))
	for i, d := range p.docs {
		blocked[i] = d.copy
	}
	partner := make([]int32, len(p.docs))
	for i := range partner {
		partner[i] = -1
	}
	var pairs []edge
	refused := map[[2]int32]bool{}
	res := &Result{Unpaired: map[string][]string{}, ByMethod: map[string]int{}}
	assign := func(edges []edge) {
		slices.SortFunc(edges, func(x, y edge) int {
			if c := cmp.Compare(x.prio, y.prio); c != 0 {
				return c
			}
			if c := cmp.Compare(y.score, x.score); c != 0 {
				return c
			}
			if c := strings.Compare(p.docs[x.a].id, p.docs[y.a].id); c != 0 {
				return c
			}
			return strings.Compare(p.docs[x.b].id, p.docs[y.b].id)
		})
		for _, e := range edges {
			if taken[e.a] || taken[e.b] {
				continue
			}
			// A document in the language of its address but not of its
			// body was judged by its share of that language (copy), and so
			// was a Src document pairing as a Tgt version (partial); a Tgt
			// document that is a translation into Tgt by its shares, beside
			// a Src document that is none, is a translation however many
			// paragraphs (code, tables, English prose left as it was) the
			// two share; the others by the paragraphs the two share.
			da, db := &p.docs[e.a], &p.docs[e.b]
			copy := da.copy || db.copy
			judged := da.byURL || db.byURL || db.partial || db.trTgt && !da.trTgt
			if copy && e.prio <= prioExplicit || !blocked[e.a] && !blocked[e.b] && !judged && sc.untranslated(int(e.a), int(e.b)) {
				if !refused[[2]int32{e.a, e.b}] {
					refused[[2]int32{e.a, e.b}] = true
					res.Untranslated++
				}
				if e.prio <= prioExplicit {
					// The address says they are versions of each other:
					// content must not give either another partner.
					blocked[e.a], blocked[e.b] = true, true
				}
				continue
			}
			if blocked[e.a] || blocked[e.b] {
				continue
			}
			taken[e.a], taken[e.b] = true, true
			blocked[e.a], blocked[e.b] = true, true
			partner[e.a], partner[e.b] = e.b, e.a
			pairs = append(pairs, e)
		}
	}
	if p.opts.By != ByContent {
		edges := p.urlEdges()
		kept := edges[:0]
		for _, e := range edges {
			e.score = sc.score(int(e.a), int(e.b))
			if e.method == MethodURLClose && e.score < p.opts.MinScore {
				continue
			}
			kept = append(kept, e)
		}
		assign(kept)
	}
	// Structure: the links of pairs found, to a fixed point.
	var byLoc map[uint64]int32
	links := func() {
		if p.opts.By == ByContent {
			return
		}
		if byLoc == nil {
			byLoc = p.locIndex()
		}
		for {
			edges := p.structure(partner, byLoc)
			for k := range edges {
				edges[k].score = sc.score(int(edges[k].a), int(edges[k].b))
			}
			n := len(pairs)
			assign(edges)
			if len(pairs) == n {
				return
			}
		}
	}
	links()
	if p.opts.By != ByURL {
		// A document whose language is in doubt (see Options.Verifier)
		// waits: the others pair first, by content then by length, among
		// themselves; then the ones in doubt compete for the documents
		// left, the same two ways. A language verdict on a page's most
		// frequent words can be wrong (a page of code or short labels), so
		// it forbids no pair; but a version in the run's language must win
		// over a version in a third language. Only the documents that
		// compete for a partner are verified (see contested).
		scored := sc.scored(blocked, p.opts.Workers)
		cands := sc.keep(scored, p.opts.MinScore)
		doubt := p.verify(blocked, contested(scored, p.opts.MinScore, len(p.docs)))
		waits := false // a document is in doubt
		for _, d := range doubt {
			if d {
				res.OtherLanguage++
				waits = true
			}
		}
		if waits {
			// First pass: the candidates among the documents not in doubt,
			// the best-score ratio (see sureScore) over those alone.
			var sure []edge
			for _, e := range scored {
				if !doubt[e.a] && !doubt[e.b] {
					sure = append(sure, e)
				}
			}
			assign(sc.keep(sure, p.opts.MinScore))
			links()
			if !p.opts.Baseline {
				v := slices.Clone(blocked)
				for i, d := range doubt {
					v[i] = v[i] || d
				}
				assign(sc.byLength(v, sc.lengthRatio(pairs)))
				links()
			}
		}
		// Then every candidate, with the ratio over every candidate scored,
		// as without doubt: a page whose own version was taken in the first
		// pass must not fall back on a page far below it.
		assign(cands)
		links()
		if !p.opts.Baseline {
			assign(sc.byLength(blocked, sc.lengthRatio(pairs)))
			links()
		}
	}
	for _, e := range pairs {
		res.Pairs = append(res.Pairs, Pair{Src: p.docs[e.a].id, Tgt: p.docs[e.b].id, Score: e.score, Method: e.method})
		res.ByMethod[e.method]++
	}
	slices.SortFunc(res.Pairs, func(x, y Pair) int { return cmp.Or(strings.Compare(x.Src, y.Src), strings.Compare(x.Tgt, y.Tgt)) })
	for i, d := range p.docs {
		if !taken[i] {
			res.Unpaired[d.lang] = append(res.Unpaired[d.lang], d.id)
		}
	}
	for _, l := range res.Unpaired {
		slices.Sort(l)
	}
	return res, nil
}

// verify returns, per document, whether Options.Verifier finds its body
// in another language than its own (see Options.Verifier); it checks the
// documents of want not yet blocked whose language comes from their body.
// nil without a Verifier or a language it checks. The documents are verified
// by Options.Workers goroutines; the outcome does not depend on their
// number.
func (p *Pairer) verify(blocked, want []bool) []bool {
	v := p.opts.Verifier
	if v == nil || !v.Checks(p.opts.Src) && !v.Checks(p.opts.Tgt) {
		return nil
	}
	var todo []int
	for i, d := range p.docs {
		if want[i] && !blocked[i] && d.side >= 0 && !d.byURL && d.words != "" && v.Checks(d.lang) {
			todo = append(todo, i)
		}
	}
	doubt := make([]bool, len(p.docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(p.opts.Workers, len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d := &p.docs[i]
				doubt[i] = !v.IsLang(d.words, d.lang) // each goroutine writes its own elements
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	return doubt
}

// contestMargin is how far below a document's best candidate score another
// candidate still competes with it (see contested). Versions in two
// languages of one original score alike; a third-language version has
// scored 0.17 above the right partner (a Lithuanian page over the English
// original of a Russian one, in the Debian project history).
const contestMargin = 0.25

// contested returns, per document of n, whether it competes with another
// for a partner: a candidate of a document whose two best candidates or
// more score minScore or more and within contestMargin of its best. Only
// such documents need their language checked: where one candidate stands
// alone, a third language takes nothing from the right partner.
func contested(scored []edge, minScore float64, n int) []bool {
	var edges []edge
	for _, e := range scored {
		if e.score >= minScore {
			edges = append(edges, e)
		}
	}
	best := make([]float64, n)
	for _, e := range edges {
		best[e.a] = max(best[e.a], e.score)
		best[e.b] = max(best[e.b], e.score)
	}
	near := make([]int32, n) // candidates within the margin
	for _, e := range edges {
		if e.score >= best[e.a]-contestMargin {
			near[e.a]++
		}
		if e.score >= best[e.b]-contestMargin {
			near[e.b]++
		}
	}
	out := make([]bool, n)
	for _, e := range edges {
		if near[e.a] >= 2 && e.score >= best[e.a]-contestMargin {
			out[e.b] = true
		}
		if near[e.b] >= 2 && e.score >= best[e.b]-contestMargin {
			out[e.a] = true
		}
	}
	return out
}

// thirdLanguages takes out of Src and Tgt each document whose address
// names neither language but names a third one in the place where the
// address of a Src or Tgt document of the crawl names its own, the rest of
// the two addresses equal: /de/x beside /en/x or /ru/x, x.de.html beside
// x.ru.html, ?id=2&lang=de beside ?id=2&lang=en. Such a page
// is the German version, whatever the Detector, which knows only Src and
// Tgt, made of its body (every Latin letter of an en,ru run is English);
// it is left unpaired, its language the address's. A code alone (a folder
// "id" in a crawl whose addresses name no language) says nothing.
func (p *Pairer) thirdLanguages() {
	marked := map[string]bool{} // the addresses of Src and Tgt documents, their code replaced
	for _, d := range p.docs {
		if d.side >= 0 && d.hasMarker {
			marked[d.marked] = true
		}
	}
	if len(marked) == 0 {
		return
	}
	for i := range p.docs {
		d := &p.docs[i]
		if d.side < 0 || d.hasMarker || d.byURL {
			continue
		}
		u := location(d.id, d.url)
		for _, c := range addressCodes(u) {
			if c == p.opts.Src || c == p.opts.Tgt {
				continue
			}
			if m, _, found := langKeys(u, c); found && marked[m] {
				d.lang, d.side, d.alt = c, -1, false
				break
			}
		}
	}
}

// addressCodes returns the language codes lingua-go knows among the tokens
// of an address (host labels, path segments, the parts of the file name,
// query values), "pt-br" read as "pt", in order, each once.
func addressCodes(u *url.URL) []string {
	var toks []string
	toks = append(toks, strings.Split(strings.ToLower(u.Hostname()), ".")...)
	for _, s := range strings.Split(strings.ToLower(u.Path), "/") {
		toks = append(toks, strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '_' || r == '-' })...)
		toks = append(toks, s)
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			toks = append(toks, strings.ToLower(v))
		}
	}
	var out []string
	for _, t := range toks {
		if len(t) == 5 && (t[2] == '-' || t[2] == '_') {
			t = t[:2]
		}
		if lang.IsCode(t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// locIndex maps the hash of each address of a document in Src or Tgt to
// the document, or to -1 when two documents share it.
func (p *Pairer) locIndex() map[uint64]int32 {
	m := map[uint64]int32{}
	for i, d := range p.docs {
		if d.side < 0 {
			continue
		}
		h := hashLoc(d.loc)
		if _, ok := m[h]; ok {
			m[h] = -1
			continue
		}
		m[h] = int32(i)
	}
	return m
}

// urlEdges returns the candidate pairs from URL and markup evidence.
func (p *Pairer) urlEdges() []edge {
	var edges []edge
	add := func(i, j int, prio int8, method string) {
		a, b := i, j
		if p.docs[i].side == 1 {
			a, b = j, i
		}
		edges = append(edges, edge{a: int32(a), b: int32(b), prio: prio, method: method})
	}
	// Addresses: who is where.
	byLoc := map[string]int{}
	dupLoc := map[string]bool{}
	for i, d := range p.docs {
		if d.side < 0 {
			continue
		}
		if _, ok := byLoc[d.loc]; ok {
			dupLoc[d.loc] = true
		}
		byLoc[d.loc] = i
	}
	// Links (hreflang first, then switchers): accepted when they point at
	// each other, or when the target is pointed at by this document only
	// and points at no other document (a switcher that always leads to the
	// home page is pointed at by every page, so it pairs nothing).
	for _, kind := range []struct {
		prio   int8
		method string
		links  func(*entry) []string
	}{
		{0, MethodHreflang, func(e *entry) []string { return e.alts }},
		{2, MethodSwitcher, func(e *entry) []string { return e.sws }},
	} {
		in := map[int]int{}
		targets := make(map[int][]int)
		for i := range p.docs {
			d := &p.docs[i]
			for _, t := range kind.links(d) {
				j, ok := byLoc[t]
				if !ok || dupLoc[t] || p.docs[j].side != 1-d.side {
					continue
				}
				targets[i] = append(targets[i], j)
				in[j]++
			}
		}
		for i, ts := range targets {
			if p.docs[i].side != 0 {
				continue
			}
			for _, j := range ts {
				back := targets[j]
				if slices.Contains(back, i) || in[j] == 1 && len(back) == 0 && len(ts) == 1 {
					add(i, j, kind.prio, kind.method)
				}
			}
		}
		for j, ts := range targets { // Tgt documents pointing at a Src document that does not point back
			if p.docs[j].side != 1 {
				continue
			}
			for _, i := range ts {
				if len(targets[i]) == 0 && in[i] == 1 && len(ts) == 1 {
					add(j, i, kind.prio, kind.method)
				}
			}
		}
	}
	// Addresses that differ only in a language code.
	type slot struct{ docs [2][]int }
	marked := map[string]*slot{}
	plain := map[string][]int{}
	for i, d := range p.docs {
		if d.side < 0 {
			continue
		}
		if !d.hasMarker {
			plain[d.unmarked] = append(plain[d.unmarked], i)
			continue
		}
		s := marked[d.marked]
		if s == nil {
			s = &slot{}
			marked[d.marked] = s
		}
		s.docs[d.side] = append(s.docs[d.side], i)
	}
	close := map[string]*slot{}
	for key, s := range marked {
		if len(s.docs[0]) == 1 && len(s.docs[1]) == 1 {
			add(s.docs[0][0], s.docs[1][0], 1, MethodURL)
			continue
		}
		if sk := skeleton(key); sk != "" {
			c := close[sk]
			if c == nil {
				c = &slot{}
				close[sk] = c
			}
			for side := 0; side < 2; side++ {
				c.docs[side] = append(c.docs[side], s.docs[side]...)
			}
		}
		// One version without a code: "/page" and "/ru/page".
		for side := 0; side < 2; side++ {
			if len(s.docs[side]) != 1 || len(s.docs[1-side]) != 0 {
				continue
			}
			i := s.docs[side][0]
			var cands []int
			for _, j := range plain[p.docs[i].unmarked] {
				if p.docs[j].side == int8(1-side) {
					cands = append(cands, j)
				}
			}
			if len(cands) == 1 {
				add(i, cands[0], 1, MethodURL)
			}
		}
	}
	for _, c := range close {
		if len(c.docs[0]) == 1 && len(c.docs[1]) == 1 {
			add(c.docs[0][0], c.docs[1][0], 3, MethodURLClose)
		}
	}
	return edges
}

// skeleton returns a marked address with the letters of its path replaced
// by "*" ("ex.org/{lang}/news/123-flood" -> "ex.org/{lang}/*/123*"), or ""
// when it has no code or no digit in its path: two versions whose slugs
// were translated keep their numbers.
func skeleton(marked string) string {
	if !strings.Contains(marked, "{lang}") {
		return ""
	}
	host, rest, _ := strings.Cut(marked, "/")
	var b strings.Builder
	b.WriteString(host)
	b.WriteByte('/')
	digits, star := false, false
	for _, r := range rest {
		switch {
		case r == '/' || r == '?' || r == '{' || r == '}' || r == '=' || r == '&':
			b.WriteRune(r)
			star = false
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			digits, star = true, false
		case !star:
			b.WriteByte('*')
			star = true
		}
	}
	if !digits {
		return ""
	}
	return b.String()
}

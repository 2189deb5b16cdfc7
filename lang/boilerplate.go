package lang

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/corpus"
)

//go:generate go run ./internal/genstop

// Options holds every threshold of the body/boilerplate classifier. A zero
// field takes the default documented on it (see EnsureDefaults). The
// defaults were chosen on the dev sites of scripts/mkhtmlgold and the
// public seeds, one site left out at a time (see README.md, "How body and
// boilerplate are decided").
type Options struct {
	// MinRepeat is the fewest pages of a site a line must occur on to be
	// site furniture. Default 3, or every page when the site has fewer
	// (but at least 2).
	MinRepeat int
	// RepeatShare is the share of a site's pages a short line (not prose)
	// must occur on to be furniture: the threshold scales with the pages
	// seen, so a line on 3 of 40 pages is not furniture and one on 38 of 40
	// is. Default 0.5.
	RepeatShare float64
	// RepeatShareProse is the share of a site's pages a line of prose must
	// occur on to be furniture: prose on a few pages is more likely a
	// quoted or syndicated paragraph (duplicates are the deduplication's
	// business) than furniture. Default 0.5.
	RepeatShareProse float64
	// MinBodyWords is the fewest words of a line of prose on its own.
	// Default 10.
	MinBodyWords int
	// MinSentenceWords is the fewest words of a short sentence that is
	// prose when a share of at least MinStopShare of its words are stop
	// words of its language. Default 5.
	MinSentenceWords int
	// MinStopShare: see MinSentenceWords. Default 0.2.
	MinStopShare float64
	// ShortScore is what an undecided line (short, not yet body nor
	// boilerplate) adds to the score of a stretch of lines when the region
	// stage looks for the page's body region; a line of prose adds its words
	// (at most 30). Default 0.03 (chosen by 5 of 6 folds, leaving one dev
	// site out): undecided lines join the body only between body lines, or
	// as its lead.
	ShortScore float64
	// LeadScore is what the undecided line just before a line of prose (a
	// title, a heading) adds in the region stage. Default 1.
	LeadScore float64
	// HeadingScore is what an undecided HTML heading (h1-h6) adds to the
	// score of a stretch of lines in the region stage. Default 2.
	HeadingScore float64
	// BoilerPenalty is what a boilerplate line takes from the score of a
	// stretch of lines in the region stage. Default 2.
	BoilerPenalty float64
	// MinTOCRun is the fewest short lines of a page's own table of
	// contents in text (see the toc stage); 0 (the default) turns the
	// stage off. Whether a table of contents is body differs from site to
	// site (DocBook puts it inside the content, Sphinx in a sidebar); on
	// the dev sites, leaving one out, the stage lost more than it won.
	MinTOCRun int
	// MaxLinkDensity is the share of a block's characters inside links
	// above which a block outside the page's main content is link-dense
	// navigation (HTML only). Default 0.5.
	MaxLinkDensity float64
	// MainLangShare is the share of a page's prose letters its main language
	// must reach for text in other languages to be dropped as boilerplate.
	// Default 1: text in another language inside the article's block is
	// kept (a page translated in part keeps paragraphs, headings and
	// commands in the original language); chosen leaving one site out on
	// the 17 dev sites (12 of them English and Russian versions of 6
	// bilingual sites) and the seeds, where every fold picks it in text
	// and HTML (0.8, the default before, dropped 5-50% of the body of
	// the Russian versions). A value above 1 keeps every language. Prose
	// in another language outside the article's block (a footer, a
	// header) is dropped whatever the share, unless it lies between two
	// body lines of the main language.
	MainLangShare float64
	// NavTitleMinPages is the fewest pages of a site a short line at the
	// edge of a plain-text page (above its first line of prose, or below
	// its last) must occur on to be navigation: in a text dump, the links
	// to the previous, next and parent pages are the titles of those pages,
	// each found on only 2 or 3 pages, too few for the repeated stage. See
	// the edge-nav stage. Default 2; a value above the site's pages turns
	// the stage off.
	NavTitleMinPages int
	// NavEdgeLines is how far from a plain-text page's edges the edge-nav
	// stage looks: the title echo within this many lines of the first, and
	// at most this many navigation lines at the foot. Default 2 (2, 3 and
	// 4 tie on the dev sites, leaving one out); 0 turns the stage off (set
	// it with Set, which keeps a 0).
	NavEdgeLines int
	// MinTrailTOCRun is the fewest short lines of a table of contents
	// that a plain-text page prints below its last line of prose (see
	// the edge-nav stage); 0 turns this part off. Default 3.
	MinTrailTOCRun int
	// NavTitleMaxWords is the most words of such a navigation line (a
	// title, not a sentence). Default 12.
	NavTitleMaxWords int

	navEdgeOff  bool // NavEdgeLines 0 set by Set: the stage is off
	trailTOCOff bool // MinTrailTOCRun 0 set by Set
}

// EnsureDefaults fills the zero fields of o with their defaults.
func (o *Options) EnsureDefaults() {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	defInt(&o.MinRepeat, 3)
	def(&o.RepeatShare, 0.5)
	def(&o.RepeatShareProse, 0.5)
	defInt(&o.MinBodyWords, 10)
	defInt(&o.MinSentenceWords, 5)
	def(&o.MinStopShare, 0.2)
	def(&o.ShortScore, 0.03)
	def(&o.BoilerPenalty, 2)
	def(&o.HeadingScore, 2)
	def(&o.LeadScore, 1)
	def(&o.MaxLinkDensity, 0.5)
	def(&o.MainLangShare, 1)
	defInt(&o.NavTitleMinPages, 2)
	defInt(&o.NavTitleMaxWords, 12)
	if o.MinTrailTOCRun == 0 && !o.trailTOCOff {
		o.MinTrailTOCRun = 3
	}
	if o.NavEdgeLines == 0 && !o.navEdgeOff {
		o.NavEdgeLines = 2
	}
}

// Set sets the option called name (a field name of Options, such as
// "RepeatShare") from its text value, for tuning from the command line.
func (o *Options) Set(name, value string) error {
	ints := map[string]*int{"MinRepeat": &o.MinRepeat, "MinBodyWords": &o.MinBodyWords, "MinSentenceWords": &o.MinSentenceWords, "MinTOCRun": &o.MinTOCRun,
		"NavTitleMinPages": &o.NavTitleMinPages, "NavTitleMaxWords": &o.NavTitleMaxWords, "NavEdgeLines": &o.NavEdgeLines, "MinTrailTOCRun": &o.MinTrailTOCRun}
	floats := map[string]*float64{"RepeatShare": &o.RepeatShare, "RepeatShareProse": &o.RepeatShareProse,
		"MinStopShare": &o.MinStopShare, "ShortScore": &o.ShortScore, "HeadingScore": &o.HeadingScore, "LeadScore": &o.LeadScore, "BoilerPenalty": &o.BoilerPenalty,
		"MaxLinkDensity": &o.MaxLinkDensity, "MainLangShare": &o.MainLangShare}
	if p, ok := ints[name]; ok {
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 {
			return fmt.Errorf("option %s: want a whole number >= 0, got %q", name, value)
		}
		*p = n
		if name == "NavEdgeLines" && n == 0 {
			o.navEdgeOff = true
		}
		if name == "MinTrailTOCRun" && n == 0 {
			o.trailTOCOff = true
		}
		return nil
	}
	if p, ok := floats[name]; ok {
		x, err := strconv.ParseFloat(value, 64)
		if err != nil || x < 0 {
			return fmt.Errorf("option %s: want a number >= 0, got %q", name, value)
		}
		*p = x
		return nil
	}
	return fmt.Errorf("unknown classifier option %q", name)
}

// Classifier marks spans as body, boilerplate or noise. The zero value works
// with no cross-document evidence and the default Options; set Counter to
// use line repetition across the pages of a site.
//
// The decision is a chain of named stages (see Stages), each a small type
// that reads the page's lines and the evidence earlier stages left, and
// decides some lines or adds evidence; the thresholds of all of them are in
// Options.
type Classifier struct {
	// Counter holds the lines of the whole run (a first pass); nil means no
	// repetition evidence.
	Counter *LineCounter
	// Options are the thresholds; zero fields take their defaults.
	Options Options
}

// stage is one step of the classifier's chain.
type stage interface {
	// Name names the stage (in tests and in the README).
	Name() string
	// apply reads and updates the page's lines.
	apply(p *page)
}

// stages returns the chain, in the order it runs.
func (c *Classifier) stages() []stage {
	return []stage{
		hiddenStage{}, featureStage{}, noiseStage{}, domStage{}, patternStage{}, codeStage{},
		repeatStage{}, proseStage{}, tocStage{}, edgeNavStage{}, listStage{}, regionStage{}, fallbackStage{},
	}
}

// Stages returns the names of the classifier's stages in the order they
// run (the language stage, which works on spans, comes last).
func (c *Classifier) Stages() []string {
	var names []string
	for _, s := range c.stages() {
		names = append(names, s.Name())
	}
	return append(names, "language")
}

// line classes: what is known of a line so far.
type lineClass uint8

const (
	classShort lineClass = iota // undecided: too short to judge alone
	classNoise                  // blank, garbage or code
	classBad                    // boilerplate by direct evidence
	classDate                   // a date or time alone; judged by context
	classGood                   // prose, or body by context
)

// lineInfo is one line of a page and the evidence about it.
type lineInfo struct {
	start, end int // the line without its newline, in the page's text
	text       string
	lang       string
	letters    int
	words      int
	stops      int  // words that are stop words of the line's language
	repeat     int  // pages of the site holding the line (0: not counted)
	code       bool // looks like (or is marked as) a code listing
	lead       bool // the undecided line just before prose
	weak       bool // boilerplate by weak evidence, which the body region overrides
	block      *corpus.Block
	class      lineClass
	reason     string
}

// page is what the stages work on.
type page struct {
	text  string
	lines []lineInfo
	opts  *Options
	// counter and site give repetition evidence; counter may be nil.
	counter *LineCounter
	site    string
	docs    int  // pages of the site counted
	hasMain bool // some block lies inside a main or article landmark
	// regionFrom and regionTo are the first and last line of the body
	// region the region stage found (-1: none).
	regionFrom, regionTo int
	// hidden are the lines of hidden HTML blocks, which the hidden stage
	// decided and took out of lines: the other stages see the page as a
	// reader does.
	hidden []lineInfo
}

// Classify sets the Kind and Reason of the spans Segment made of text, a
// plain-text page of the run's default site. It returns spans for
// convenience.
func (c *Classifier) Classify(text string, spans []Span) []Span {
	return c.ClassifyPage(text, spans, nil, "")
}

// ClassifyPage sets the Kind and Reason of the spans Segment made of text.
// blocks, when not nil, are the HTML blocks of text's lines (as
// corpus.Document.Blocks: one per non-empty line, in order) and add DOM
// evidence; site names the site the page belongs to for repetition counts
// (as given to LineCounter.AddSiteDocument; "" is the run's default site).
// It returns spans for convenience.
func (c *Classifier) ClassifyPage(text string, spans []Span, blocks []corpus.Block, site string) []Span {
	opts := c.Options
	opts.EnsureDefaults()
	p := &page{text: text, opts: &opts, counter: c.Counter, site: site, regionFrom: -1, regionTo: -1}
	p.lines = splitLines(text, spans, blocks)
	if c.Counter != nil {
		p.docs = c.Counter.SiteDocs(site)
	}
	for _, s := range c.stages() {
		s.apply(p)
	}
	main, drop := mainLang(p.lines, opts.MainLangShare, p.regionFrom, p.regionTo)
	if len(p.hidden) > 0 {
		p.lines, drop = mergeLines(p.lines, drop, p.hidden)
	}

	li := 0
	lines := p.lines
	for i := range spans {
		s := &spans[i]
		for li < len(lines)-1 && lines[li].end < s.Start {
			li++
		}
		if len(lines) == 0 || isBlank(text[s.Start:s.End]) {
			s.Kind, s.Reason = Noise, "noise:blank"
			continue
		}
		l := lines[li]
		switch l.class {
		case classNoise:
			s.Kind, s.Reason = Noise, l.reason
		case classGood:
			s.Kind, s.Reason = Body, ""
		default:
			s.Kind, s.Reason = Boilerplate, l.reason
			if s.Reason == "" {
				s.Reason = "boilerplate:short"
			}
		}
		if s.Kind == Body && s.Lang != "" && main != "" && s.Lang != main && drop[li] && !inlineForeign(text, l, s) && !inlineInPage(text, spans, i, l, main) {
			s.Kind, s.Reason = Boilerplate, "boilerplate:other-language("+s.Lang+")"
		}
	}
	return spans
}

// mergeLines puts the lines of hidden back among lines (both in text
// order), with drop false for them.
func mergeLines(lines []lineInfo, drop []bool, hidden []lineInfo) ([]lineInfo, []bool) {
	out := make([]lineInfo, 0, len(lines)+len(hidden))
	outDrop := make([]bool, 0, len(lines)+len(hidden))
	i, j := 0, 0
	for i < len(lines) || j < len(hidden) {
		if j == len(hidden) || i < len(lines) && lines[i].start < hidden[j].start {
			out, outDrop = append(out, lines[i]), append(outDrop, drop[i])
			i++
		} else {
			out, outDrop = append(out, hidden[j]), append(outDrop, false)
			j++
		}
	}
	return out, outDrop
}

// inlineForeign reports whether span s, in another language than line l's
// own, is part of a sentence of l (a name, a command, a quoted term:
// "поиск по froz находит пакет frozen-bubble") rather than a piece of its
// own glued to the line ("...countries.Партнеры по диалогу:"): it is when
// text of the line's language precedes it in the same sentence, or follows
// it without a sentence end between them. Cutting such a span out would
// leave a broken sentence in the corpus.
func inlineForeign(text string, l lineInfo, s *Span) bool {
	end := min(s.End, l.end) // a span may hold the line's newline
	if l.lang == s.Lang || s.Start < l.start || end < s.Start {
		return false
	}
	before := strings.TrimSpace(text[l.start:s.Start])
	after := strings.TrimSpace(text[end:l.end])
	own := text[s.Start:end]
	return before != "" && !endsSentence(before) || after != "" && !endsSentence(own)
}

// splitLines cuts text into lines, each with the language of the span
// covering most of it and its block (blocks are matched by offsets).
func splitLines(text string, spans []Span, blocks []corpus.Block) []lineInfo {
	var lines []lineInfo
	si, bi := 0, 0
	for pos := 0; pos <= len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		l := lineInfo{start: pos, end: end, text: strings.TrimSpace(text[pos:end])}
		best := 0
		for si < len(spans) && spans[si].End <= pos {
			si++
		}
		for j := si; j < len(spans) && spans[j].Start < end; j++ {
			o := min(spans[j].End, end) - max(spans[j].Start, pos)
			if o > best {
				best, l.lang = o, spans[j].Lang
			}
		}
		for bi < len(blocks) && blocks[bi].Start < pos {
			bi++
		}
		if bi < len(blocks) && blocks[bi].Start <= end && l.text != "" {
			l.block = &blocks[bi]
		}
		lines = append(lines, l)
		if end == len(text) {
			break
		}
		pos = end + 1
	}
	return lines
}

// repeatThreshold is how many pages of a site of docs pages a line must be
// on to be furniture, for a share of the pages.
func repeatThreshold(docs, minRepeat int, share float64) int {
	floor := minRepeat
	if docs < floor {
		floor = max(docs, 2)
	}
	return max(floor, int(math.Ceil(share*float64(docs))))
}

// isProse reports whether a line reads as running text: MinBodyWords words
// and a sentence end, or twice as many words without one, or a short
// sentence (MinSentenceWords) dense in stop words; but not a short line
// that introduces something (ends with a colon) nor a comma-separated list
// of names (a comma after more than a quarter of its words).
func isProse(l *lineInfo, o *Options) bool {
	t := l.text
	if l.words < o.MinSentenceWords || strings.HasSuffix(t, ":") && l.words < o.MinBodyWords {
		return false
	}
	if commas := strings.Count(t, ","); commas*4 > l.words {
		return false
	}
	sentence := endsSentence(t) && !strings.HasSuffix(t, ";")
	if l.words >= o.MinBodyWords && sentence || l.words >= 2*o.MinBodyWords {
		return true
	}
	return sentence && startsSentence(t) && float64(l.stops) >= o.MinStopShare*float64(l.words)
}

// startsSentence reports whether t starts with an upper-case letter, a
// digit or an opening quote or bracket.
func startsSentence(t string) bool {
	for _, r := range t {
		return unicode.IsUpper(r) || unicode.IsDigit(r) || isOpening(r)
	}
	return false
}

// endsSentence reports whether t ends with sentence punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(t string) bool {
	t = strings.TrimRightFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) || r == '"' || r == '\''
	})
	if t == "" {
		return false
	}
	switch r, _ := utf8.DecodeLastRuneInString(t); r {
	case '.', '!', '?', '…', ':', ';', '。', '！', '？':
		return true
	}
	return false
}

// mainLang finds the page's body language and says, for each line,
// whether text in another language there is to be dropped. The page is cut
// into blocks at boilerplate lines (widgets, lists, clocks: what separates an
// article from a site's header and footer); the main block is the one with
// the most prose letters, each line's letters weighted by one over the number
// of documents holding it (text on every page of a site weighs little). Its
// top language is the body language. Other-language prose outside the main
// block is dropped, unless it lies between two body lines of the body
// language inside the body region (lines from to to, found by the region
// stage): a page of documentation translated in part keeps paragraphs in
// the original language between its boilerplate lines ("Note", a figure's
// caption). Inside the main block, it is dropped only when the body
// language holds at least share of the block (otherwise the article is
// bilingual).
func mainLang(lines []lineInfo, share float64, from, to int) (string, []bool) {
	drop := make([]bool, len(lines))
	if share > 1 {
		return "", drop
	}
	block := make([]int, len(lines))
	b := 0
	for i, l := range lines {
		if l.class == classBad {
			b++
		}
		block[i] = b
	}
	weights := map[int]map[string]float64{}
	totals := map[int]float64{}
	for i, l := range lines {
		if l.class != classGood || l.lang == "" {
			continue
		}
		w := float64(l.letters) / float64(max(1, l.repeat))
		if weights[block[i]] == nil {
			weights[block[i]] = map[string]float64{}
		}
		weights[block[i]][l.lang] += w
		totals[block[i]] += w
	}
	mainBlock, best := -1, 0.0
	for i := 0; i <= b; i++ {
		if totals[i] > best {
			mainBlock, best = i, totals[i]
		}
	}
	if mainBlock < 0 {
		return "", drop
	}
	main, n := "", 0.0
	for lang, w := range weights[mainBlock] {
		if w > n || w == n && lang < main {
			main, n = lang, w
		}
	}
	mono := n >= share*totals[mainBlock]
	// The body region's span of body text in the main language: other-
	// language text between two such lines is part of the body.
	lo, hi := -1, -2
	for i := max(from, 0); i <= to && i < len(lines); i++ {
		if lines[i].class == classGood && lines[i].lang == main {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	for i := range lines {
		if block[i] == mainBlock {
			drop[i] = mono
		} else {
			drop[i] = i < lo || i > hi
		}
	}
	return main, drop
}

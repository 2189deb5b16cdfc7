package lang

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Classifier marks spans as body, boilerplate or noise. The zero value works
// with no cross-document evidence; set Counter to use line repetition.
type Classifier struct {
	// Counter holds the lines of the whole run (a first pass); nil means no
	// repetition evidence.
	Counter *LineCounter
	// MinRepeat is how many documents a line must occur in to count as site
	// furniture. 0 means 3, or every document when the run has fewer.
	MinRepeat int
	// MinRepeatShareProse is the share of the run's documents a line of
	// prose (long, with sentence punctuation) must occur in to be dropped
	// as repeated: prose found in a few pages is more likely a quoted or
	// syndicated paragraph (duplicates are the deduplication's business)
	// than site furniture, which is on most pages. 0 means 0.25; the count
	// must also reach MinRepeat.
	MinRepeatShareProse float64
	// MinBodyWords is the fewest words of a line of prose. 0 means 10.
	MinBodyWords int
	// MainLangShare is the share of a page's prose letters its main language
	// must reach for text in other languages to be dropped as boilerplate.
	// 0 means 0.8; a value above 1 keeps every language. Prose in another
	// language outside the article's block (a footer, a header) is dropped
	// whatever the share; see mainLang.
	MainLangShare float64
}

// line classes before context is taken into account.
type lineClass uint8

const (
	classNoise lineClass = iota // blank or garbage
	classBad                    // boilerplate by direct evidence
	classShort                  // too short to judge alone
	classDate                   // a date or time alone; judged by context
	classGood                   // prose
)

type lineInfo struct {
	start, end int // the line without its newline
	text       string
	class      lineClass
	reason     string
	lang       string
	letters    int
	words      int
	repeat     int // documents of the run holding the line (0: not counted)
}

var (
	clockRe   = regexp.MustCompile(`^\d{1,2}:\d{2}\s*\p{L}[\p{L}\p{M} .'’-]*$`)
	dateRe    = regexp.MustCompile(`^[\d\s.:/,-]+$`)
	counterRe = regexp.MustCompile(`^\p{L}[\p{L} ]{0,30}\s*\(\d+\)$`)
)

// Classify sets the Kind and Reason of the spans Segment made of text.
// It classifies whole lines from evidence on the line and its neighbours,
// then marks spans in another language than the page's body language as
// boilerplate. It returns spans for convenience.
func (c *Classifier) Classify(text string, spans []Span) []Span {
	lines := c.lines(text, spans)
	c.markLists(lines)
	c.context(lines)
	main, drop := c.mainLang(lines)

	li := 0
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
		}
		if s.Kind == Body && s.Lang != "" && main != "" && s.Lang != main && drop[li] {
			s.Kind, s.Reason = Boilerplate, "boilerplate:other-language("+s.Lang+")"
		}
	}
	return spans
}

// lines splits text into lines with their first classification.
func (c *Classifier) lines(text string, spans []Span) []lineInfo {
	minRepeat := c.MinRepeat
	if c.Counter != nil && minRepeat == 0 {
		minRepeat = 3
		if d := c.Counter.Docs(); d < minRepeat {
			minRepeat = max(d, 2)
		}
	}
	minWords := c.MinBodyWords
	if minWords == 0 {
		minWords = 10
	}
	var lines []lineInfo
	si := 0
	for pos := 0; pos <= len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		l := lineInfo{start: pos, end: end, text: strings.TrimSpace(text[pos:end])}
		// The line's language: the span covering most of its bytes.
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
		for _, r := range l.text {
			if unicode.IsLetter(r) {
				l.letters++
			}
		}
		l.words = wordCount(l.text)
		if c.Counter != nil && l.letters > 0 {
			l.repeat = c.Counter.Count(l.text)
		}
		l.class, l.reason = c.classifyLine(l, minRepeat, minWords)
		lines = append(lines, l)
		if end == len(text) {
			break
		}
		pos = end + 1
	}
	return lines
}

// classifyLine judges a line on its own.
func (c *Classifier) classifyLine(l lineInfo, minRepeat, minWords int) (lineClass, string) {
	t := l.text
	switch {
	case t == "":
		return classNoise, "noise:blank"
	case l.letters == 0 && dateRe.MatchString(t) && strings.ContainsAny(t, "0123456789"):
		return classDate, "boilerplate:date"
	case l.letters == 0:
		return classNoise, "noise:no-letters"
	case clockRe.MatchString(t):
		return classBad, "boilerplate:clock"
	case counterRe.MatchString(t):
		return classBad, "boilerplate:widget"
	case isBulletWidget(t):
		return classBad, "boilerplate:widget"
	case gluedMenu(t):
		return classBad, "boilerplate:nav"
	}
	prose := isProse(t, l.words, minWords)
	if c.Counter != nil {
		if n := l.repeat; n >= minRepeat && (!prose || float64(n) >= c.proseShare()*float64(c.Counter.Docs())) {
			return classBad, fmt.Sprintf("boilerplate:repeated(%d docs)", n)
		}
	}
	if prose {
		return classGood, ""
	}
	return classShort, "boilerplate:short"
}

func (c *Classifier) proseShare() float64 {
	if c.MinRepeatShareProse > 0 {
		return c.MinRepeatShareProse
	}
	return 0.25
}

// isProse reports whether a line reads as running text: enough words and a
// sentence end, or twice as many words without one; but not a line that
// introduces something (ends with a colon) nor a comma-separated list of
// names (a comma after more than a quarter of its words).
func isProse(t string, words, minWords int) bool {
	if words < minWords || strings.HasSuffix(strings.TrimSpace(t), ":") {
		return false
	}
	if commas := strings.Count(t, ","); commas*4 > words {
		return false
	}
	return endsSentence(t) && !strings.HasSuffix(strings.TrimSpace(t), ";") || words >= 2*minWords
}

// isBulletWidget reports a bullet followed by a few words without sentence
// punctuation ("• Add Comment", "• Print").
func isBulletWidget(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	switch r {
	case '•', '·', '▪', '►', '»', '|', '›':
	default:
		return false
	}
	rest := strings.TrimSpace(t[n:])
	return wordCount(rest) <= 4 && !endsSentence(rest)
}

// gluedMenu reports menu items run together by a scraper
// ("Make Infoshos my homepageContact usAdd to FavoritesHome"): two or more
// places where a lower-case letter is directly followed by an upper-case one,
// in a line without sentence punctuation.
func gluedMenu(t string) bool {
	if endsSentence(t) || strings.ContainsAny(t, ",;") {
		return false
	}
	n := 0
	prev := rune(0)
	for _, r := range t {
		if unicode.IsLower(prev) && unicode.IsUpper(r) {
			n++
		}
		prev = r
	}
	return n >= 2
}

// endsSentence reports whether t ends with sentence punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(t string) bool {
	t = strings.TrimRightFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) || r == '"' || r == '\''
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '!', '?', '…', ':', ';', '。', '！', '？':
		return true
	}
	return false
}

// markLists marks runs of title lines each followed by a date line — the
// related-news lists of news sites — as boilerplate. A single title with its
// date (the article's own heading) is left alone.
func (c *Classifier) markLists(lines []lineInfo) {
	// Indexes of non-blank lines.
	var nb []int
	for i, l := range lines {
		if l.text != "" {
			nb = append(nb, i)
		}
	}
	for k := 0; k+1 < len(nb); {
		run := k
		for run+1 < len(nb) && lines[nb[run]].class != classDate && lines[nb[run]].letters > 0 && lines[nb[run+1]].class == classDate {
			run += 2
		}
		if pairs := (run - k) / 2; pairs >= 2 {
			for _, i := range nb[k:run] {
				lines[i].class, lines[i].reason = classBad, "boilerplate:related-list"
			}
			k = run
			continue
		}
		k++
	}
}

// context decides short and date lines from the lines around them: a line
// between two prose lines is body; a line just before prose (a title, a
// heading, the article's date) is body; a sentence just after prose is body.
func (c *Classifier) context(lines []lineInfo) {
	// Nearest decided neighbour (good or bad) before and after each line.
	n := len(lines)
	prev := make([]int, n)
	next := make([]int, n)
	last := -1
	for i := 0; i < n; i++ {
		prev[i] = last
		if cl := lines[i].class; cl == classGood || cl == classBad {
			last = i
		}
	}
	last = -1
	for i := n - 1; i >= 0; i-- {
		next[i] = last
		if cl := lines[i].class; cl == classGood || cl == classBad {
			last = i
		}
	}
	isGood := func(i int) bool { return i >= 0 && lines[i].class == classGood }
	for i := range lines {
		l := &lines[i]
		if l.class != classShort && l.class != classDate {
			continue
		}
		p, q := prev[i], next[i]
		switch {
		case isGood(p) && isGood(q):
			l.class = classGood
		case isGood(q) && c.between(lines, i, q) <= 2:
			l.class = classGood // a heading or the article's date line
		case isGood(p) && (q < 0 || !isGood(q)) && l.class == classShort && endsSentence(l.text) && c.between(lines, p, i) <= 2:
			l.class = classGood // a closing line of the article
		}
	}
}

// between counts the non-blank lines strictly between i and j.
func (c *Classifier) between(lines []lineInfo, i, j int) int {
	n := 0
	for k := i + 1; k < j; k++ {
		if lines[k].text != "" {
			n++
		}
	}
	return n
}

// mainLang finds the page's body language and says, for each line,
// whether text in another language there is to be dropped. The page is cut
// into blocks at boilerplate lines (widgets, lists, clocks: what separates an
// article from a site's header and footer); the main block is the one with
// the most prose letters, each line's letters weighted by one over the number
// of documents holding it (text on every page of a site weighs little). Its
// top language is the body language. Other-language prose outside the main
// block is dropped; inside it, only when the body language holds at least
// MainLangShare of the block (otherwise the article is bilingual).
func (c *Classifier) mainLang(lines []lineInfo) (string, []bool) {
	share := c.MainLangShare
	if share == 0 {
		share = 0.8
	}
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
	for i := range lines {
		drop[i] = block[i] != mainBlock || mono
	}
	return main, drop
}

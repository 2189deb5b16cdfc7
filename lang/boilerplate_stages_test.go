package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// newPage builds a page of lines (no spans: language "") for one stage.
func newPage(t *testing.T, text string, blocks []corpus.Block, counter *LineCounter) *page {
	t.Helper()
	o := Options{}
	o.EnsureDefaults()
	p := &page{text: text, opts: &o, counter: counter}
	p.lines = splitLines(text, nil, blocks)
	if counter != nil {
		p.docs = counter.SiteDocs("")
	}
	return p
}

// runStages runs the named stages of the default chain, in order.
func runStages(p *page, names ...string) {
	for _, s := range (&Classifier{}).stages() {
		for _, n := range names {
			if s.Name() == n {
				s.apply(p)
			}
		}
	}
}

// classOf describes a line's state as "class reason".
func classOf(l lineInfo) string {
	names := map[lineClass]string{classShort: "short", classNoise: "noise", classBad: "bad", classDate: "date", classGood: "good"}
	return strings.TrimSpace(names[l.class] + " " + l.reason)
}

func TestStageNames(t *testing.T) {
	got := strings.Join((&Classifier{}).Stages(), ",")
	want := "hidden,features,noise,dom,patterns,code,repeated,prose,toc,edge-nav,lists,region,fallback,language"
	if got != want {
		t.Errorf("Stages() = %s, want %s", got, want)
	}
}

func TestFeatureStage(t *testing.T) {
	lc := NewLineCounter(0)
	for i := 0; i < 4; i++ {
		lc.AddDocument(fmt.Sprintf("Home\npage %d", i))
	}
	p := newPage(t, "Home\nThe cat is on the mat.\n\n", nil, lc)
	runStages(p, "features")
	tests := []struct {
		i                            int
		letters, words, stops, count int
	}{
		{0, 4, 1, 0, 4},
		{1, 16, 6, 4, 0}, // the, is, on, the
		{2, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		l := p.lines[tc.i]
		if l.letters != tc.letters || l.words != tc.words || l.stops != tc.stops || l.repeat != tc.count {
			t.Errorf("line %d %q: letters %d words %d stops %d repeat %d, want %d %d %d %d",
				tc.i, l.text, l.letters, l.words, l.stops, l.repeat, tc.letters, tc.words, tc.stops, tc.count)
		}
	}
}

func TestNoiseStage(t *testing.T) {
	tests := []struct{ line, want string }{
		{"", "noise noise:blank"},
		{"* * *", "noise noise:no-letters"},
		{"21.04.2020 09:49", "date boilerplate:date"},
		{"Words here", "short"},
	}
	for _, tc := range tests {
		p := newPage(t, tc.line, nil, nil)
		runStages(p, "features", "noise")
		if got := classOf(p.lines[0]); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.line, got, tc.want)
		}
	}
}

func TestLooksLikeCode(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{">>> import os", true},
		{"$ ls -l /tmp", true},
		{"x = compute(a, b)", true},
		{"    return self.value", true},
		{"int main(void) {", true},
		{"}", true},
		{"from contextlib import contextmanager", true},
		{"First, create the file hello.cc:", false},
		{"Return True if automatic collection is enabled.", false},
		{"gc.collect(generation=2)", false},
		{"The function returns a value; it never raises.", false},
		{"Stability: 2 - Stable", false},
		{"History", false},
		{"PyMem_Del(buf3);", true},
		{"suggest changes to the Lazarus project (the best way);", false},
		{"text=txt", false},
		{"not case sensitive;", false},
		{"/* Read all configuration at once */", true},
		{"  foo_get_name@Base 1.1", true},
		{"  Get the name of the base", false},
	}
	for _, tc := range tests {
		p := newPage(t, tc.line, nil, nil)
		runStages(p, "features")
		if got := looksLikeCode(tc.line, &p.lines[0]); got != tc.want {
			t.Errorf("looksLikeCode(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

func TestCodeStageBlocks(t *testing.T) {
	// A <pre> block is code whatever it says; a text line of an HTML page
	// is judged by its block, not its shape.
	text := "Some words in a listing\nx = 1"
	blocks := []corpus.Block{{Start: 0, End: 23, Tag: "pre", Code: true}, {Start: 24, End: 29, Tag: "p"}}
	p := newPage(t, text, blocks, nil)
	runStages(p, "features", "noise", "code")
	if got := classOf(p.lines[0]); got != "noise noise:code" {
		t.Errorf("pre block: %s", got)
	}
	if got := classOf(p.lines[1]); got != "short" {
		t.Errorf("p block: %s", got)
	}
}

func TestDOMStage(t *testing.T) {
	tests := []struct {
		name  string
		block corpus.Block
		main  bool // another block of the page is inside <main>
		want  string
	}{
		{"nav landmark", corpus.Block{Landmark: "nav", Chars: 4}, false, "bad boilerplate:nav(html)"},
		{"footer landmark", corpus.Block{Landmark: "footer", Chars: 4}, false, "bad boilerplate:footer(html)"},
		{"outside main", corpus.Block{Chars: 4}, true, "bad boilerplate:outside-main(html)"},
		{"inside main", corpus.Block{Landmark: "main", Words: []string{"toc"}, Chars: 4, LinkChars: 4}, true, "short"},
		{"sidebar class", corpus.Block{Words: []string{"sidebar", "left"}, Chars: 4}, false, "bad boilerplate:sidebar(html)"},
		{"breadcrumbs class", corpus.Block{Words: []string{"breadcrumbs"}, Chars: 4}, false, "bad boilerplate:breadcrumb(html)"},
		{"link dense", corpus.Block{Chars: 10, LinkChars: 8}, false, "bad boilerplate:link-dense"},
		{"some links", corpus.Block{Chars: 10, LinkChars: 2}, false, "short"},
		{"plain block", corpus.Block{Words: []string{"content"}, Chars: 4}, false, "short"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := "Word\nBody"
			b := tc.block
			b.Start, b.End = 0, 4
			blocks := []corpus.Block{b, {Start: 5, End: 9, Chars: 4}}
			if tc.main {
				blocks[1].Landmark = "main"
			}
			p := newPage(t, text, blocks, nil)
			runStages(p, "features", "noise", "code", "dom")
			if got := classOf(p.lines[0]); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestPatternStage(t *testing.T) {
	tests := []struct{ line, want string }{
		{"15:39Abu Dhabi", "bad boilerplate:clock"},
		{"18:39 Phnom Penh", "bad boilerplate:clock"},
		{"3:16 For God so loved the world", "short"}, // issue 12: was a clock
		{"Comments(0)", "bad boilerplate:widget"},
		{"Likes (3)", "bad boilerplate:widget"},
		{"World War (2)", "short"}, // issue 12: was a widget
		{"• Add Comment", "bad boilerplate:widget"},
		{"Make Infoshos my homepageContact usAdd to FavoritesHome", "bad boilerplate:nav"},
		{"iPhone sales slow as iPad and MacBook grow", "short"}, // issue 12: was nav
		{"Use getElementById and querySelector", "short"},
		{"Python Runtime Services »", "bad boilerplate:breadcrumb"},
		{"modules |", "bad boilerplate:breadcrumb"},
		{"Home › Guides ›", "short"},         // the separator twice: not one step
		{"column | other |", "short"},        // a table row
		{"a > b", "short"},                   // no trailing separator
		{"cat file.txt | grep x |", "short"}, // a pipe in a command
		{"See the end of the story. »", "short"},
		{"src/", "short"}, // no space before the slash: a path
	}
	for _, tc := range tests {
		p := newPage(t, tc.line, nil, nil)
		runStages(p, "features", "noise", "patterns")
		if got := classOf(p.lines[0]); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.line, got, tc.want)
		}
	}
}

func TestRepeatStageScales(t *testing.T) {
	tests := []struct {
		name      string
		on, pages int
		line      string
		want      string
	}{
		{"3 of 40 is not furniture", 3, 40, "Added in: v10.0.0", "short"},
		{"38 of 40 is furniture", 38, 40, "Added in: v10.0.0", "bad boilerplate:repeated(38/40 pages)"},
		{"3 of 3 is furniture", 3, 3, "Home", "bad boilerplate:repeated(3/3 pages)"},
		{"2 of 3 is not", 2, 3, "Home", "short"},
		{"prose on 15 of 40 is not", 15, 40, prose1, "short"},
		{"prose on 30 of 40 is", 30, 40, prose1, "bad boilerplate:repeated(30/40 pages)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lc := NewLineCounter(0)
			for i := 0; i < tc.pages; i++ {
				text := fmt.Sprintf("page %d", i)
				if i < tc.on {
					text += "\n" + tc.line
				}
				lc.AddDocument(text)
			}
			p := newPage(t, tc.line, nil, lc)
			runStages(p, "features", "noise", "repeated")
			if got := classOf(p.lines[0]); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestProseStage(t *testing.T) {
	tests := []struct{ line, want string }{
		{prose1, "good"},
		{"Return True if automatic collection is enabled.", "good"},
		{"Enable automatic garbage collection.", "short"},
		{"Member States:", "short"},
		{"Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan, China, Russia, India, Pakistan, Iran, Belarus.", "short"},
	}
	for _, tc := range tests {
		p := newPage(t, tc.line, nil, nil)
		runStages(p, "features", "noise", "prose")
		if got := classOf(p.lines[0]); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.line, got, tc.want)
		}
	}
}

func TestRegionStage(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  map[int]string
	}{
		{"short lines between prose are body",
			[]string{prose1, "Dear colleagues,", prose2},
			map[int]string{1: "good"}},
		{"a heading above prose is body",
			[]string{"• Print", "", "Monitoring station opens", prose1},
			map[int]string{0: "bad boilerplate:widget", 2: "good"}},
		{"short lines after a widget at the end are not",
			[]string{prose1, prose2, "Comments(0)", "Archive", "Contacts"},
			map[int]string{3: "short", 4: "short"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage(t, strings.Join(tc.lines, "\n"), nil, nil)
			runStages(p, "features", "noise", "patterns", "prose", "region")
			for i, want := range tc.want {
				if got := classOf(p.lines[i]); got != want {
					t.Errorf("line %d %q: %s, want %s", i, tc.lines[i], got, want)
				}
			}
		})
	}
}

// TestRegionTOC: a table of contents (weak DOM evidence) right at an edge
// of the body region joins it; one cut off by furniture does not.
func TestRegionTOC(t *testing.T) {
	page := func(lines []string, words [][]string, landmarks []string) *page {
		text := strings.Join(lines, "\n")
		var blocks []corpus.Block
		pos := 0
		for i, l := range lines {
			blocks = append(blocks, corpus.Block{Start: pos, End: pos + len(l), Tag: "div", Words: words[i], Landmark: landmarks[i], Chars: len(l)})
			pos += len(l) + 1
		}
		return newPage(t, text, blocks, nil)
	}
	toc := []string{"toc"}
	tests := []struct {
		name      string
		lines     []string
		words     [][]string
		landmarks []string
		want      []string
	}{
		{"a TOC below the abstract", []string{prose1, "Contents", "1. Getting started", "Next"},
			[][]string{nil, toc, toc, nil}, []string{"", "", "", "nav"},
			[]string{"good", "good", "good", "bad boilerplate:nav(html)"}},
		{"a TOC above the text", []string{"Contents", "1. Getting started", prose1},
			[][]string{toc, toc, nil}, []string{"", "", ""},
			[]string{"good", "good", "good"}},
		{"a TOC cut off by furniture", []string{prose1, "Home", "Contents", "1. Getting started"},
			[][]string{nil, nil, toc, toc}, []string{"", "nav", "", ""},
			[]string{"good", "bad boilerplate:nav(html)", "bad boilerplate:toc(html)", "bad boilerplate:toc(html)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := page(tc.lines, tc.words, tc.landmarks)
			runStages(p, "features", "noise", "dom", "patterns", "prose", "region")
			var got []string
			for _, l := range p.lines {
				got = append(got, classOf(l))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestFallbackStage(t *testing.T) {
	p := newPage(t, "Widget\n• Print\nShort one.", nil, nil)
	runStages(p, "features", "noise", "patterns", "prose", "fallback")
	want := []string{"good", "bad boilerplate:widget", "good"}
	for i, w := range want {
		if got := classOf(p.lines[i]); got != w {
			t.Errorf("line %d: %s, want %s", i, got, w)
		}
	}
}

// TestWireArticle is issue 12's defect: a short wire-style article (five
// paragraphs of under ten words) lost every line as boilerplate:short.
func TestWireArticle(t *testing.T) {
	lines := []string{
		"Quake hits coast",
		"A strong earthquake struck the coast on Monday.",
		"No damage was reported.",
		"Residents felt shaking for ten seconds.",
		"Schools will open as usual.",
		"More reports are expected later.",
	}
	got := lineKinds(t, &Classifier{}, strings.Join(lines, "\n\n")+"\n")
	for _, l := range lines {
		if got[l] != "body" {
			t.Errorf("%q: %s, want body", l, got[l])
		}
	}
}

// TestLineRuleMisfires are issue 12's defects: headlines and verses that
// the line rules took for navigation, a clock and a widget.
func TestLineRuleMisfires(t *testing.T) {
	for _, line := range []string{
		"iPhone sales slow as iPad and MacBook grow",
		"3:16 For God so loved the world",
		"World War (2)",
	} {
		got := lineKinds(t, &Classifier{}, prose1+"\n"+line+"\n"+prose2+"\n")
		if got[line] != "body" {
			t.Errorf("%q: %s, want body", line, got[line])
		}
	}
}

// TestSites classifies small pages of several kinds of sites written for
// the test (testdata/site-*): a documentation site and a news site, as a
// run of each site's pages, and compares every line with its label.
func TestSites(t *testing.T) {
	for _, site := range []string{"site-docs", "site-news"} {
		t.Run(site, func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join("testdata", site, "*.txt"))
			if err != nil || len(files) == 0 {
				t.Fatalf("no pages: %v", err)
			}
			lc := NewLineCounter(0)
			pages := map[string][]string{}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				var text []string
				for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
					pages[f] = append(pages[f], l)
					_, l, _ = strings.Cut(l, "|")
					text = append(text, l)
				}
				lc.AddDocument(strings.Join(text, "\n"))
			}
			for _, f := range files {
				var text, want []string
				for _, l := range pages[f] {
					k, l, _ := strings.Cut(l, "|")
					text = append(text, l)
					want = append(want, k)
				}
				got := lineKinds(t, &Classifier{Counter: lc}, strings.Join(text, "\n"))
				for i, l := range text {
					if strings.TrimSpace(l) == "" {
						continue
					}
					if g := strings.Fields(got[strings.TrimSpace(l)]); len(g) == 0 || g[0] != want[i] {
						t.Errorf("%s:%d %q: %v, want %s", filepath.Base(f), i+1, l, got[strings.TrimSpace(l)], want[i])
					}
				}
			}
		})
	}
}

func TestTOCStage(t *testing.T) {
	lines := []string{"Table of Contents", "enable()", "disable()", "collect()", prose1,
		"gc.enable()¶", prose2, "gc.disable()¶", prose3, "gc.collect()¶", prose1}
	text := strings.Join(lines, "\n")
	for _, tc := range []struct {
		run  int
		want string
	}{{0, "short"}, {3, "bad boilerplate:toc"}} {
		p := newPage(t, text, nil, nil)
		p.opts.MinTOCRun = tc.run
		runStages(p, "features", "noise", "prose", "toc")
		for i := 1; i <= 3; i++ {
			if got := classOf(p.lines[i]); got != tc.want {
				t.Errorf("MinTOCRun %d: %q: %s, want %s", tc.run, lines[i], got, tc.want)
			}
		}
		if got := classOf(p.lines[5]); got != "short" {
			t.Errorf("MinTOCRun %d: heading %q: %s, want short", tc.run, lines[5], got)
		}
	}
}

// TestSiteHTML classifies the pages of a small Sphinx-like site written for
// the test (testdata/site-html), read by corpus.DecodeHTML, as one run: DOM
// landmarks, the <title>, code listings, table cells and the body region.
func TestSiteHTML(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "site-html", "*.html"))
	if err != nil || len(files) != 3 {
		t.Fatalf("pages: %v %v", files, err)
	}
	var docs []*corpus.Document
	lc := NewLineCounter(0)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := corpus.DecodeHTML(raw, "text/html", "")
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
		lc.AddDocument(d.Text)
	}
	det := detector(t, enRu)
	c := &Classifier{Counter: lc}
	d := docs[1] // intro.html
	spans := c.ClassifyPage(d.Text, det.Segment(d.Text), d.Blocks, "")
	var lines []string
	pos := 0
	for _, line := range strings.SplitAfter(d.Text, "\n") {
		end := pos + len(line)
		best, bo := "", 0
		for _, s := range spans {
			if o := min(s.End, end) - max(s.Start, pos); o > bo {
				best, bo = strings.TrimSpace(s.Kind.String()+" "+s.Reason), o
			}
		}
		if strings.TrimSpace(line) != "" {
			lines = append(lines, strings.TrimSpace(line)+" => "+best)
		}
		pos = end
	}
	want := []string{
		"Getting started — Dashkit 1.0 documentation => boilerplate boilerplate:title(html)",
		"index => boilerplate boilerplate:nav(html)",
		"next | => boilerplate boilerplate:nav(html)",
		"Dashkit 1.0 documentation » => boilerplate boilerplate:nav(html)",
		"Getting started => body",
		"Widgets are small programs that run inside the dashboard and show one figure each. => body",
		"Note => body",
		"Short line. => body",
		"dash add --widget clock => noise noise:code",
		"dash list => noise noise:code",
		"limit => body",
		"9 => body",
		"theme => body",
		"dark => body",
		"Each widget keeps its own settings, so two clocks may show two time zones side by side. => body",
		"Table of Contents => boilerplate boilerplate:nav(html)",
		"Getting started => boilerplate boilerplate:nav(html)",
		"This Page => boilerplate boilerplate:nav(html)",
		"Show Source => boilerplate boilerplate:nav(html)",
		"© Copyright 2024, the Dashkit authors. Created using Sphinx. => boilerplate boilerplate:outside-main(html)",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("intro.html:\ngot\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestEdgeNavStage(t *testing.T) {
	const para = "The kettle boils the water in a few minutes, and the tea is then left to steep for a while."
	// A small site: the pages' titles are their first lines; each page
	// names its parent at the top and its neighbours at the foot.
	site := []string{
		"Brewing tea\nGuide\nBrewing tea\n" + para + "\nChoosing a kettle\nServing tea",
		"Choosing a kettle\nGuide\nChoosing a kettle\n" + para + "\nBrewing tea\nServing tea",
		"Serving tea\nGuide\nServing tea\n" + para + "\nBrewing tea",
	}
	lc := NewLineCounter(0)
	for _, s := range site {
		lc.AddDocument(s)
	}
	tests := []struct {
		name string
		text string
		opts func(*Options)
		want []string // classes of the page's lines after the stage
	}{
		{"title echo and foot", site[0], nil, []string{
			"bad boilerplate:title", "bad boilerplate:nav-title", "short", "good",
			"bad boilerplate:nav-title(2/3 pages)", "bad boilerplate:nav-title(3/3 pages)"}},
		{"no echo: the top is left alone", "Guide\nBrewing tea\n" + para + "\nServing tea", nil, []string{
			"short", "short", "good", "bad boilerplate:nav-title(3/3 pages)"}},
		{"a line on this page alone is not navigation", "Brewing tea\n" + para + "\nSee the appendix", nil, []string{
			"short", "good", "short"}},
		{"a sentence at the foot is not a title", "Brewing tea\n" + para + "\nServing tea.", nil, []string{
			"short", "good", "short"}},
		{"the foot is at most NavEdgeLines lines", site[0], func(o *Options) { o.NavEdgeLines = 1 }, []string{
			"short", "short", "short", "good", "short", "bad boilerplate:nav-title(3/3 pages)"}},
		{"a title echo too far down is not one", "Brewing tea\nGuide\nTea\nKettles\nBrewing tea\n" + para, nil, []string{
			"short", "short", "short", "short", "short", "good"}},
		{"furniture below the foot does not hide it", "Brewing tea\n" + para + "\nServing tea\n• Print", nil, []string{
			"short", "good", "bad boilerplate:nav-title(3/3 pages)", "bad boilerplate:widget"}},
		{"NavTitleMinPages", site[0], func(o *Options) { o.NavTitleMinPages = 3 }, []string{
			"bad boilerplate:title", "bad boilerplate:nav-title", "short", "good",
			"short", "bad boilerplate:nav-title(3/3 pages)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage(t, tc.text, nil, lc)
			if tc.opts != nil {
				tc.opts(p.opts)
			}
			runStages(p, "features", "noise", "patterns", "prose", "edge-nav")
			var got []string
			for _, l := range p.lines {
				got = append(got, classOf(l))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestEdgeNavOptions(t *testing.T) {
	var o Options
	o.EnsureDefaults()
	if o.NavEdgeLines != 2 || o.NavTitleMinPages != 2 || o.NavTitleMaxWords != 12 || o.MinTrailTOCRun != 3 {
		t.Errorf("defaults: %d %d %d", o.NavEdgeLines, o.NavTitleMinPages, o.NavTitleMaxWords)
	}
	o = Options{}
	if err := o.Set("NavEdgeLines", "0"); err != nil {
		t.Fatal(err)
	}
	o.EnsureDefaults()
	if o.NavEdgeLines != 0 {
		t.Errorf("NavEdgeLines set to 0 became %d after EnsureDefaults", o.NavEdgeLines)
	}
}

func TestCodeStageDeclaration(t *testing.T) {
	// A C prototype broken over lines in a text dump is code up from its
	// last line; table cells and headings above code are not.
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"prototype", "int\nasn1_parser2tree (const char *file,\nasn1_node *definitions,\nchar *error_desc);", []string{
			"noise noise:code", "noise noise:code", "noise noise:code", "noise noise:code"}},
		{"identifier type", "size_t\nbuf_len (const char *buf);", []string{"noise noise:code", "noise noise:code"}},
		{"a heading above code", "Parameters\nchar *error_desc);", []string{"short", "noise noise:code"}},
		{"a plain word in a table", "read\nchar *error_desc);", []string{"short", "noise noise:code"}},
		{"text with stop words", "the file and its name,\nchar *error_desc);", []string{"short", "noise noise:code"}},
		{"no code below", "int\nasn1_node *definitions,\nParameters", []string{"short", "short", "short"}},
		{"a call next to code", "import os\nos.getcwd()\nd.pop()", []string{"noise noise:code", "noise noise:code", "noise noise:code"}},
		{"code run grows upwards", "d.pop()\nx = compute(a, b)", []string{"noise noise:code", "noise noise:code"}},
		{"a signature followed by prose is not code", "gc.collect(generation=2)\nRun a full collection of the heap.", []string{"short", "short"}},
		{"a sentence next to code is not code", "import os\nThe module (os) is imported here.", []string{"noise noise:code", "short"}},
		{"statements a keyword opens", "try:\nx = compute(a, b)\nexcept KeyError:\nreturn False", []string{
			"noise noise:code", "noise noise:code", "noise noise:code", "noise noise:code"}},
		{"a configuration key", "formatters:\nx = compute(a, b)", []string{"noise noise:code", "noise noise:code"}},
		{"a keyword opening text is not code", "x = compute(a, b)\nreturn to the previous page and try again in a while.", []string{"noise noise:code", "short"}},
		{"a capitalised heading with a colon is not code", "Options:\nx = compute(a, b)", []string{"short", "noise noise:code"}},
		{"parameters of C types", "int\nasn1_der_decoding2 (asn1_node *element,\nunsigned int flags,\nchar *errorDescription);", []string{
			"noise noise:code", "noise noise:code", "noise noise:code", "noise noise:code"}},
		{"a return type with a pointer", "const char *\nasn1_strerror (int error);", []string{"noise noise:code", "noise noise:code"}},
		{"a list item ending in a comma is not a parameter", "unsigned numbers, and\nchar *errorDescription);", []string{"short", "noise noise:code"}},
		{"control fields next to code", "x = compute(a, b)\nPackage: debian-reference-common\nPin-Priority: -1", []string{
			"noise noise:code", "noise noise:code", "noise noise:code"}},
		{"aligned columns next to code", "x = compute(a, b)\nMem:   997184   976928   20256", []string{"noise noise:code", "noise noise:code"}},
		{"a note next to code reads as text", "x = compute(a, b)\nNote: the value is kept in the cache", []string{"noise noise:code", "short"}},
		{"a function name as a heading", "asn1_read_tag ()\nint\nasn1_read_tag (const char *der,\nint *len);", []string{
			"short", "noise noise:code", "noise noise:code", "noise noise:code"}},
		{"a variable set in capitals", "HOOKDIR=/var/cache/pbuilder/hooks", []string{"noise noise:code"}},
		{"a lower-case key=value is not code alone", "text=txt", []string{"short"}},
		{"two command lines in a row", "mkdir -p $LOCALE_PATH\nzcat f.tar.gz | tar xf -", []string{"noise noise:code", "noise noise:code"}},
		{"common programs in a row", "sudo apt install autopkgtest qemu-utils\necho \"run: OK\"\n./glibtest", []string{"noise noise:code", "noise noise:code", "noise noise:code"}},
		{"a list item opening with a program's name is text", "cd into the folder first\nThe tools are in the package.", []string{"short", "short"}},
		{"a command alone may be a table cell", "lsof -p pid\nlist open files", []string{"short", "short"}},
		{"a sentence with an option is text", "Use the -v option to see more.\ncd po && make", []string{"short", "short"}},
		{"a stanza of fields", "Document: gentoo\nTitle: Gentoo Manual\nAuthor: Emil Brink\nSection: File Management\nThe end.", []string{
			"noise noise:code", "noise noise:code", "noise noise:code", "noise noise:code", "short"}},
		{"three fields are a list", "Windows: C:\\KiCad\nLinux: /usr/share/kicad\nmacOS: /Applications/KiCad", []string{"short", "short", "short"}},
		{"fields that are sentences are text", "Preview: Opens a preview.\nClose: Closes the dialog.\nPrint: Prints the page.\nHelp: Shows help.", []string{
			"short", "short", "short", "short"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage(t, tc.text, nil, nil)
			runStages(p, "features", "noise", "code")
			var got []string
			for _, l := range p.lines {
				got = append(got, classOf(l))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestTrailingTOC(t *testing.T) {
	const para = "The kettle boils the water in a few minutes, and the tea is then left to steep for a while."
	body := "Brewing tea¶\n" + para + "\nChoosing a kettle¶\n" + para + "\ntea.steep()¶\n" + para + "\n"
	tests := []struct {
		name string
		text string
		min  int
		want string // classes of the lines after the body
	}{
		{"a table of contents after the body", body + "Contents\nBrewing tea\nChoosing a kettle\nsteep()", 3,
			"bad boilerplate:toc(after)|bad boilerplate:toc(after)|bad boilerplate:toc(after)|bad boilerplate:toc(after)"},
		{"an entry that reads as a sentence", "Brewing tea¶\n" + para + "\nHow do you choose the right kettle for your office?¶\n" +
			"A kettle of steel keeps the water hot for longer than one of glass, and it is easy to clean.\n" +
			"tea.steep()¶\nThe leaves are left in the pot for three minutes before the tea is poured into the cups.\n" +
			"Contents\nBrewing tea\nHow do you choose the right kettle for your office?\nsteep()", 3,
			"bad boilerplate:toc(after)|bad boilerplate:toc(after)|bad boilerplate:toc(after)|bad boilerplate:toc(after)"},
		{"too short a run", body + "Brewing tea\nChoosing a kettle", 3, "short|short"},
		{"lines that echo nothing", body + "Milk\nSugar\nLemon\nHoney", 3, "short|short|short|short"},
		{"off", body + "Contents\nBrewing tea\nChoosing a kettle\nsteep()", 0, "short|short|short|short"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage(t, tc.text, nil, nil)
			p.opts.MinTrailTOCRun = tc.min
			runStages(p, "features", "noise", "patterns", "prose", "edge-nav")
			var got []string
			for _, l := range p.lines[6:] {
				got = append(got, classOf(l))
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
}

// TestHiddenStage: the lines of hidden HTML blocks are
// boilerplate:hidden(html), and the visible lines are decided as on the
// same page without the hidden elements.
func TestHiddenStage(t *testing.T) {
	const visible = `<html><head><title>Tables</title></head><body>
<nav><a href="/">Home</a> <a href="/t">Tables</a></nav>
<main><h1>Inserting a table</h1>
<p>A table holds rows and columns of cells, and each cell may hold text, numbers or pictures.</p>
%s
<p>Choose the number of rows and columns in the dialog, then click the button to insert it here.</p>
<p>Short line.</p>
</main>
<div class="footer">Copyright the authors.</div>%s
</body></html>`
	hidden := `<p><span hidden="true" class="WRITER">Choose Table - Insert Table.</span><span hidden="true" class="CALC">Choose Sheet - Insert Sheet.</span></p>
<div role="tabpanel" hidden><p>On a Mac, open the menu of the application and choose the command there, as described in the manual.</p></div>`
	menu := `<div style="display:none"><a href="/a">About</a> <a href="/b">Blog</a></div>`
	det := detector(t, enRu)
	classify := func(page string) []string {
		d, err := corpus.DecodeHTML([]byte(page), "text/html", "")
		if err != nil {
			t.Fatal(err)
		}
		c := &Classifier{}
		spans := c.ClassifyPage(d.Text, det.Segment(d.Text), d.Blocks, "")
		var out []string
		for _, s := range spans {
			if txt := strings.TrimSpace(d.Text[s.Start:s.End]); txt != "" {
				out = append(out, txt+" => "+strings.TrimSpace(s.Kind.String()+" "+s.Reason))
			}
		}
		return out
	}
	got := classify(fmt.Sprintf(visible, hidden, menu))
	plain := classify(fmt.Sprintf(visible, "", ""))
	var gotVisible []string
	hiddenLines := 0
	for _, l := range got {
		if strings.HasSuffix(l, "=> boilerplate boilerplate:hidden(html)") {
			hiddenLines++
			continue
		}
		gotVisible = append(gotVisible, l)
	}
	if hiddenLines != 4 {
		t.Errorf("%d hidden lines, want 4:\n%s", hiddenLines, strings.Join(got, "\n"))
	}
	if strings.Join(gotVisible, "\n") != strings.Join(plain, "\n") {
		t.Errorf("visible lines:\n%s\nwant (the page without hidden elements)\n%s", strings.Join(gotVisible, "\n"), strings.Join(plain, "\n"))
	}
}

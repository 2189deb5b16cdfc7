package lang

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/corpus"
)

// hiddenStage decides the lines of HTML blocks the page hides until a
// script or a click reveals them (corpus.Block.Hidden: a tab panel, an
// accordion, per-application variants of a phrase): boilerplate:hidden(html),
// as a reader of the page does not see them, or, when the site repeats the
// line as the repeated stage counts a short line (a hidden menu on every
// page), boilerplate:repeated(N/M pages), which no two-version run takes
// back. It takes them out of the
// page's lines, so the later stages (the body region, the main language)
// weigh the visible page only. A two-version run takes them back when
// they are translated between the versions, as other furniture.
type hiddenStage struct{}

func (hiddenStage) Name() string { return "hidden" }

func (hiddenStage) apply(p *page) {
	kept := p.lines[:0]
	short := 0 // the repeated stage's threshold for a short line; 0: no counts
	if p.counter != nil && p.docs >= 2 {
		short = repeatThreshold(p.docs, p.opts.MinRepeat, p.opts.RepeatShare)
	}
	for _, l := range p.lines {
		if l.block == nil || !l.block.Hidden {
			kept = append(kept, l)
			continue
		}
		l.class, l.reason = classBad, reasonHidden
		if short > 0 {
			if n := p.counter.SiteCount(p.site, l.text); n >= short {
				l.repeat = n
				l.reason = fmt.Sprintf("boilerplate:repeated(%d/%d pages)", n, p.docs)
			}
		}
		p.hidden = append(p.hidden, l)
	}
	p.lines = kept
}

// featureStage measures each line: letters, words, stop words of its
// language, and the pages of its site holding it.
type featureStage struct{}

func (featureStage) Name() string { return "features" }

func (featureStage) apply(p *page) {
	var word []byte // the current word, lower case (reused)
	for i := range p.lines {
		l := &p.lines[i]
		stops := stopWords[l.lang]
		endWord := func() {
			if len(word) == 0 {
				return
			}
			l.words++
			if stops != nil && stops[string(word)] || stops == nil && (stopWords["en"][string(word)] || stopWords["ru"][string(word)]) {
				l.stops++
			}
			word = word[:0]
		}
		for _, r := range l.text {
			switch {
			case unicode.IsLetter(r):
				l.letters++
				if r == 'ё' || r == 'Ё' {
					r = 'е'
				}
				word = utf8.AppendRune(word, unicode.ToLower(r))
			case unicode.IsMark(r) && len(word) > 0:
				word = utf8.AppendRune(word, r)
			default:
				endWord()
			}
		}
		endWord()
		if p.counter != nil && l.letters > 0 {
			l.repeat = p.counter.SiteCount(p.site, l.text)
		}
		if l.block != nil {
			l.code = isListing(l.block)
			if lm := l.block.Landmark; lm == "main" {
				p.hasMain = true
			}
		}
	}
}

// isListing reports whether a block is part of a code listing: code text
// inside <pre> (or listing, xmp, plaintext). A <code> block of its own
// elsewhere — a list item or a table cell naming a function, often a
// link — is a reference to code in the text, not a listing.
func isListing(b *corpus.Block) bool {
	if !b.Code {
		return false
	}
	switch b.Tag {
	case "pre", "listing", "xmp", "plaintext":
		return true
	}
	path := ">" + b.Path + ">"
	return strings.Contains(path, ">pre>") || strings.Contains(path, ">listing>") || strings.Contains(path, ">xmp>")
}

// dateRe: a date or a time alone ("21.04.2020 09:49", "2024-05-03",
// "10:00"); a bare number is not a date.
var dateRe = regexp.MustCompile(`^(\d{1,4}[./-]\d{1,2}([./-]\d{1,4})?,?(\s+\d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}:\d{2}(:\d{2})?)$`)

// noiseStage decides blank lines (noise:blank) and lines without letters:
// a date or time alone, or a number in an HTML block, is left for the
// context to judge, anything else is noise:no-letters.
type noiseStage struct{}

func (noiseStage) Name() string { return "noise" }

func (noiseStage) apply(p *page) {
	for i := range p.lines {
		l := &p.lines[i]
		switch {
		case l.text == "":
			l.class, l.reason = classNoise, "noise:blank"
		case l.letters == 0 && l.code:
			l.class, l.reason = classNoise, "noise:code"
		case l.letters == 0 && dateRe.MatchString(l.text):
			l.class, l.reason = classDate, "boilerplate:date"
		case l.letters == 0 && l.block != nil && strings.ContainsAny(l.text, "0123456789"):
			// A number in an HTML block (a table cell): judged by context.
		case l.letters == 0:
			l.class, l.reason = classNoise, "noise:no-letters"
		}
	}
}

// codeStage marks code listings as noise:code: blocks of <pre> (or a
// <code> block of its own), and text lines that look like code (see
// looksLikeCode).
type codeStage struct{}

func (codeStage) Name() string { return "code" }

func (codeStage) apply(p *page) {
	for i := range p.lines {
		l := &p.lines[i]
		if l.class != classShort {
			continue
		}
		raw := strings.TrimRight(p.text[l.start:l.end], " \t\r")
		if l.code || l.block == nil && looksLikeCode(raw, l) {
			l.code = true
			l.class, l.reason = classNoise, "noise:code"
		}
	}
	if p.hasBlocks() {
		return
	}
	// In text, the output of an interactive interpreter ("False" after
	// ">>> gc.is_tracked(0)") and a line between two code lines are code
	// too, when they do not read as text (no sentence end, no stop word).
	// A declaration broken over lines ("int" / "asn1_parser2tree (const
	// char *file," / "char *error_desc);") is code up from its last line:
	// a short line that does not read as text, above a code line, is code
	// when it looks like a piece of a declaration (see declPiece).
	next := -1
	for i := len(p.lines) - 1; i >= 0; i-- {
		l := &p.lines[i]
		if l.text == "" {
			continue
		}
		if next >= 0 && p.lines[next].code && l.class == classShort && (l.stops == 0 || !strings.Contains(l.text, " ")) &&
			!endsSentence(l.text) && declPiece(l.text) {
			l.code = true
			l.class, l.reason = classNoise, "noise:code"
		}
		next = i
	}
	// Shell lines (see shellLine) next to each other or to code are code.
	var nb []int // non-blank lines
	for i := range p.lines {
		if p.lines[i].text != "" {
			nb = append(nb, i)
		}
	}
	fieldRuns(p, nb)
	shell := make([]bool, len(nb))
	for k, i := range nb {
		shell[k] = shellLine(&p.lines[i])
	}
	for k, i := range nb {
		if !shell[k] {
			continue
		}
		if k > 0 && (shell[k-1] || p.lines[nb[k-1]].code) || k+1 < len(nb) && (shell[k+1] || p.lines[nb[k+1]].code) {
			l := &p.lines[i]
			l.code = true
			l.class, l.reason = classNoise, "noise:code"
		}
	}
	// A line shaped like a piece of code (a call, a bracket, an
	// assignment without spaces) next to a code line is code: the code
	// run grows over it, both ways, while it does not read as text.
	for changed := true; changed; {
		changed = false
		prev := -1
		for i := range p.lines {
			l := &p.lines[i]
			if l.text == "" {
				continue
			}
			if !l.code && prev >= 0 && p.lines[prev].code && codeShaped(l, p.text[l.start:l.end]) {
				l.code, changed = true, true
				l.class, l.reason = classNoise, "noise:code"
			}
			prev = i
		}
		next := -1
		for i := len(p.lines) - 1; i >= 0; i-- {
			l := &p.lines[i]
			if l.text == "" {
				continue
			}
			if !l.code && next >= 0 && p.lines[next].code && codeShaped(l, p.text[l.start:l.end]) {
				l.code, changed = true, true
				l.class, l.reason = classNoise, "noise:code"
			}
			next = i
		}
	}
	session := false
	for i := range p.lines {
		l := &p.lines[i]
		text := l.class == classShort && (endsSentence(l.text) || l.stops > 0)
		switch {
		case l.text == "":
			session = false
		case l.code:
			session = strings.HasPrefix(l.text, ">>>") || strings.HasPrefix(l.text, "...") || session
		case l.class == classShort && !text && (session || p.codeAround(i)):
			l.code = true
			l.class, l.reason = classNoise, "noise:code"
		default:
			session = false
		}
	}
}

// codeShaped reports whether an undecided line is shaped like a piece of
// code: it has brackets, quotes or an operator, and does not read as text
// (no sentence end but a colon, fewer than one stop word in four words).
func codeShaped(l *lineInfo, raw string) bool {
	t := l.text
	if l.class != classShort || endsSentence(t) && !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, ";") {
		return false
	}
	if first, _, _ := strings.Cut(strings.TrimRight(t, ":;"), " "); codeKeywords[first] || strings.HasSuffix(t, ":") && !strings.Contains(t, " ") && strings.IndexFunc(t, unicode.IsUpper) < 0 {
		// A statement a keyword opens ("return False", "else:",
		// "except KeyError:"), a key of a configuration ("formatters:").
		return l.stops*2 < l.words || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ";") || !strings.Contains(t, " ")
	}
	if columnGaps(strings.TrimSpace(raw)) >= 2 || headerRe.MatchString(t) {
		// Columns aligned with spaces (a listing of files, processes);
		// a header or a control field ("Pin: release a=unstable").
		return l.stops*4 < l.words
	}
	if !strings.ContainsAny(t, "()[]{}=<>'\"") {
		return false
	}
	if strings.HasSuffix(t, " ()") && !strings.Contains(t[:len(t)-3], " ") {
		return false // a function's name as a heading ("asn1_read_tag ()")
	}
	return l.stops*4 < l.words || l.words <= 2
}

// headerRe matches a header or a control file's field: a single name,
// a colon and a value.
var headerRe = regexp.MustCompile(`^[A-Za-z][\w-]*: \S`)

// columnGaps counts the runs of two or more spaces inside t.
func columnGaps(t string) int {
	n := 0
	for i := 0; i+1 < len(t); i++ {
		if t[i] == ' ' && t[i+1] == ' ' {
			n++
			for i+1 < len(t) && t[i+1] == ' ' {
				i++
			}
		}
	}
	return n
}

// codeKeywords are the words that open a statement in common programming
// and shell languages and rarely open a line of text in lower case.
var codeKeywords = map[string]bool{
	"return": true, "else": true, "elif": true, "try": true, "except": true, "finally": true,
	"async": true, "await": true, "case": true, "raise": true, "yield": true, "pass": true,
	"break": true, "continue": true, "goto": true, "del": true, "assert": true, "lambda": true,
	"def": true, "class": true, "switch": true, "default": true, "fi": true, "done": true,
	"esac": true, "elsif": true, "end": true, "throw": true, "catch": true, "nonlocal": true, "global": true,
}

// declPiece reports whether t looks like a piece of a C-like declaration
// broken over lines: a C type or an identifier with an underscore alone
// ("int", "void", "size_t"), a parameter of a C type ("unsigned int
// flags,", "const char *"), or a line ending in "," or "(" with a call's bracket or a
// pointer ("asn1_parser2tree (const char *file,", "asn1_node *definitions,").
func declPiece(t string) bool {
	first, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsLower(first) && first != '_' {
		return false
	}
	if !strings.ContainsAny(t, " \t") {
		// One word: a C type, or an identifier with an underscore (a
		// plain word above a code line is as likely a table cell).
		if cTypes[t] {
			return true
		}
		return strings.ContainsRune(t, '_') && strings.IndexFunc(t, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
		}) < 0
	}
	if w, _, _ := strings.Cut(t, " "); cTypes[w] && (strings.HasSuffix(t, ",") || strings.HasSuffix(t, "*")) {
		return true // "unsigned int flags,", "const char *"
	}
	return (strings.HasSuffix(t, ",") || strings.HasSuffix(t, "(")) && strings.ContainsAny(t, "(*")
}

// cTypes are the words of C types and their qualifiers.
var cTypes = map[string]bool{
	"int": true, "void": true, "char": true, "long": true, "short": true, "unsigned": true, "signed": true,
	"float": true, "double": true, "bool": true, "const": true, "static": true, "extern": true,
	"struct": true, "enum": true, "size_t": true,
}

// hasBlocks reports whether the page's lines come with HTML blocks.
func (p *page) hasBlocks() bool {
	for _, l := range p.lines {
		if l.block != nil {
			return true
		}
	}
	return false
}

// codeAround reports whether the nearest non-blank lines before and after
// line i are code.
func (p *page) codeAround(i int) bool {
	j := i - 1
	for j >= 0 && p.lines[j].text == "" {
		j--
	}
	k := i + 1
	for k < len(p.lines) && p.lines[k].text == "" {
		k++
	}
	return j >= 0 && k < len(p.lines) && p.lines[j].code && p.lines[k].code
}

var (
	promptRe = regexp.MustCompile(`^(>>>|\.\.\.|\$|%|#|C:\\>|PS>)\s+\S`)
	// A statement or declaration: an assignment, a closing bracket alone,
	// a keyword opening a definition, an import.
	stmtRe = regexp.MustCompile(`^[\w.$\[\]'"]+\s+(=|\+=|-=|\*=|/=|:=|==|->)\s+\S|^\s*[})\]]+\s*[;,]?\s*$|^(def|class|import|from|return|if|for|while|var|let|const|func|function|package|#include|public|private|static|int|void|char)\b.*[:({=;]` +
		`|^(import [\w.]+|from [\w.]+ import [\w., *]+|#include\s*[<"].*|package [\w.]+|\[[\w.-]+\])$`)
	sentenceRe = regexp.MustCompile(`^\p{Lu}[\p{Ll}']+ (\p{L}+ ){2,}`)
)

// looksLikeCode reports whether a text line (with its indentation) looks
// like a line of a code listing: a shell or interpreter prompt, an indented
// line that does not read as prose, or a statement (an assignment, a line
// ending in a brace or semicolon, a keyword opening a definition) that does
// not start like a sentence.
func looksLikeCode(raw string, l *lineInfo) bool {
	t := strings.TrimSpace(raw)
	if t == "" {
		return false
	}
	// Cheap guards keep the regular expressions off most lines.
	if strings.IndexByte(">.$%#CP", t[0]) >= 0 && promptRe.MatchString(t) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(t)
	sentence := unicode.IsUpper(first) && sentenceRe.MatchString(t)
	if sentence && endsSentence(t) && !strings.HasSuffix(t, ";") {
		return false
	}
	indented := strings.HasPrefix(raw, "  ") || strings.HasPrefix(raw, "\t")
	symbols := 0
	for _, r := range t {
		if strings.ContainsRune("{}[]()<>=;|&$\\/*+#@\"'`", r) {
			symbols++
		}
	}
	dense := symbols*6 >= utf8.RuneCountInString(t)
	switch {
	case indented && (dense || l.stops*4 < l.words || l.words < 4 || identRe.MatchString(t)):
		// An indented identifier ("foo_get_name@Base 1.1") is code
		// whatever stop words its parts make ("get").
		return true
	case !sentence && mayBeStatement(t) && stmtRe.MatchString(t):
		return true
	case (strings.HasSuffix(t, ";") || strings.HasSuffix(t, "{")) && strings.ContainsAny(t, "()=[]{}") && l.stops*4 < l.words:
		// A statement or a block's start; an enumeration item ending in
		// ";" reads as text (stop words).
		return true
	case strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "// ") || strings.HasPrefix(t, "#!/"):
		return true // a comment of C-like languages, a script's first line
	case !sentence && envAssignRe.MatchString(t):
		return true
	}
	return false
}

var (
	// identRe: an identifier joined by "_" or "@" ("foo_get_name",
	// "name@Base").
	identRe = regexp.MustCompile(`[A-Za-z0-9]_[A-Za-z0-9]|[A-Za-z0-9]@[A-Za-z]`)
	// envAssignRe: a shell or configuration variable set, its name in
	// capitals as the convention has it ("HOOKDIR=/var/cache/hooks",
	// "export DEBEMAIL=x@y.org", "WORKDIR=$(mktemp -d)").
	envAssignRe = regexp.MustCompile(`^(export\s+)?[A-Z_][A-Z0-9_]*=`)
	// shellExpRe: a shell expansion ("$WORKDIR", "${VAR:-no}", "$(date)").
	shellExpRe = regexp.MustCompile(`\$\{[^}]+\}|\$\([^)]+\)|(^|[\s"'=/])\$[A-Za-z_]\w*`)
	// commandRe: a command line: a lower-case command name, then an
	// option ("ispell -d american", "dcut dm --uid 0x1", "tar xf -") or a
	// pipe or list operator ("zcat f | tar xf -", "cd po && make").
	commandRe = regexp.MustCompile(`^[a-z][\w.+-]*(\s+\S+)*?(\s--?[A-Za-z][\w-]*(=\S*)?|\s(\||&&|\|\|)\s)`)
	// shellStartRe: a line opening with a program every shell session
	// uses, or one run from the current folder ("sudo apt install x",
	// "echo \"run: OK\"", "./configure"), or a test ("[ -x f ]").
	shellStartRe = regexp.MustCompile(`^(sudo|echo|cd|cp|mv|rm|mkdir|chmod|chown|export|apt|apt-get|dpkg|git|tar|wget|curl|ln|cat|grep|sed) \S|^\./\S|^\[ .* \]$`)
)

// minFieldRun is the fewest "Name: value" lines in a row that make a
// listing of fields (see fieldRuns): text has lists of three such lines
// (a path per platform, "Windows: …", "Linux: …", "macOS: …"; "Left:
// Origin", "Middle: Median", "Right: Gaussian"), a control file's stanza
// or a mail's header has more.
const minFieldRun = 4

// fieldRuns marks as code the runs of at least minFieldRun lines (nb: the
// page's non-blank lines) each a "Name: value" field that does not read as
// prose: a control file's stanza, a mail's header, a menu entry ("Package:
// foo", "Description: ...", "Vcs-Git: https://..."). A field that ends a
// sentence ("Close: Closes the dialog.") is a line of text.
func fieldRuns(p *page, nb []int) {
	field := func(l *lineInfo) bool {
		t := l.text
		return l.class == classShort && !l.code && headerRe.MatchString(t) && !isProse(l, p.opts) &&
			(!endsSentence(t) || strings.HasSuffix(t, ":"))
	}
	for k := 0; k < len(nb); {
		j := k
		for j < len(nb) && field(&p.lines[nb[j]]) {
			j++
		}
		if j-k >= minFieldRun {
			for _, i := range nb[k:j] {
				l := &p.lines[i]
				l.code = true
				l.class, l.reason = classNoise, "noise:code"
			}
		}
		k = max(j, k+1)
	}
}

// shellLine reports whether an undecided text line reads as a line of a
// shell session or script: no sentence, few stop words, and a shell
// expansion, a command with an option or a pipe, or a common program
// first (see shellStartRe). Alone it may be a
// command in a table of commands (text, there); two such lines in a row,
// or one next to code, are a listing.
func shellLine(l *lineInfo) bool {
	t := l.text
	if l.class != classShort || l.code || l.stops*4 >= l.words || endsSentence(t) {
		return false
	}
	if shellStartRe.MatchString(t) {
		return true
	}
	if !strings.ContainsAny(t, "$-|&") {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(t); unicode.IsUpper(first) && sentenceRe.MatchString(t) {
		return false
	}
	return shellExpRe.MatchString(t) || commandRe.MatchString(t)
}

// mayBeStatement reports whether t has what every alternative of stmtRe
// needs: one of its punctuation marks or one of its leading words.
func mayBeStatement(t string) bool {
	if strings.ContainsAny(t, "=;{})]:(>") {
		return true
	}
	for _, p := range []string{"import ", "from ", "#include", "package ", "["} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// domStage weighs the DOM evidence of HTML blocks: the <title> is
// boilerplate:title(html) (shown in the tab, not in the page); a block inside a nav,
// header, footer or aside landmark is boilerplate:<landmark>(html); on a
// page with a main landmark, a block outside every landmark is
// boilerplate:outside-main(html); a block whose class or id words name
// site furniture (menu, sidebar, toc, breadcrumb, footer, comment, share,
// related, cookie, ...) is boilerplate:<word>(html); a short link-dense
// block outside the main content is boilerplate:link-dense.
type domStage struct{}

func (domStage) Name() string { return "dom" }

// furnitureWords are class/id words naming site furniture; a word counts
// when it starts with one of them ("navbar", "sidebar-left" -> "sidebar").
var furnitureWords = []string{
	"nav", "menu", "sidebar", "sphinxsidebar", "breadcrumb", "footer", "header", "masthead",
	"comment", "share", "social", "related", "cookie", "banner", "advert", "sponsor", "pagination",
	"skip", "subscribe", "newsletter", "toolbar", "copyright",
}

// weakWords are class/id words of blocks that are furniture on some sites
// and content on others (a chapter's table of contents, a tag list): weak
// evidence, which the body region overrides.
var weakWords = []string{"toc", "tags", "widget", "disclaimer", "index"}

func (domStage) apply(p *page) {
	for i := range p.lines {
		l := &p.lines[i]
		b := l.block
		if b == nil || l.class != classShort && l.class != classDate {
			continue
		}
		if b.Tag == "title" || strings.HasPrefix(b.Path, "head") {
			// The document's title, shown in the tab, not in the page.
			l.class, l.reason = classBad, "boilerplate:title(html)"
			continue
		}
		inMain := b.Landmark == "main" || b.Landmark == "article"
		switch b.Landmark {
		case "nav", "header", "footer", "aside":
			l.class, l.reason = classBad, "boilerplate:"+b.Landmark+"(html)"
			continue
		}
		if p.hasMain && b.Landmark == "" && !strings.Contains(">"+b.Path+">", ">main>") {
			l.class, l.reason = classBad, "boilerplate:outside-main(html)"
			continue
		}
		if inMain {
			continue
		}
		if w := prefixWord(b.Words, furnitureWords); w != "" {
			l.class, l.reason = classBad, "boilerplate:"+w+"(html)"
			continue
		}
		if w := prefixWord(b.Words, weakWords); w != "" {
			l.class, l.reason, l.weak = classBad, "boilerplate:"+w+"(html)", true
			continue
		}
		if b.Chars > 0 && float64(b.LinkChars) >= p.opts.MaxLinkDensity*float64(b.Chars) && l.words < p.opts.MinBodyWords {
			l.class, l.reason, l.weak = classBad, "boilerplate:link-dense", true
		}
	}
}

// prefixWord returns the first of list that starts one of words, or "".
func prefixWord(words, list []string) string {
	for _, w := range words {
		for _, f := range list {
			if strings.HasPrefix(w, f) {
				return f
			}
		}
	}
	return ""
}

var (
	// clockRe: a time and a place name of at most three capitalised words
	// ("15:39Abu Dhabi", "18:39 Phnom Penh").
	clockRe = regexp.MustCompile(`^([01]?\d|2[0-3]):[0-5]\d\s*(\p{Lu}[\p{L}\p{M}.'’-]*)( \p{Lu}[\p{L}\p{M}.'’-]*){0,2}$`)
	// counterRe: a one-word label with a count ("Comments(0)", "Likes (3)"),
	// or a label glued to its count ("Add comment(2)").
	counterRe = regexp.MustCompile(`^(\p{L}+\s*|\p{L}[\p{L} ]{0,30}\p{L})\(\d+\)$`)
)

// patternStage recognises widgets by their shape: world clocks
// (boilerplate:clock), counters and bulleted buttons (boilerplate:widget),
// and menu items glued together by a scraper (boilerplate:nav).
type patternStage struct{}

func (patternStage) Name() string { return "patterns" }

func (patternStage) apply(p *page) {
	for i := range p.lines {
		l := &p.lines[i]
		if l.class != classShort {
			continue
		}
		switch t := l.text; {
		case strings.IndexByte(t, ':') > 0 && clockRe.MatchString(t):
			l.class, l.reason = classBad, "boilerplate:clock"
		case strings.HasSuffix(t, ")") && counterRe.MatchString(t):
			l.class, l.reason = classBad, "boilerplate:widget"
		case isBulletWidget(t):
			l.class, l.reason = classBad, "boilerplate:widget"
		case gluedMenu(t):
			l.class, l.reason = classBad, "boilerplate:nav"
		case isTrailStep(t, p.opts.NavTitleMaxWords):
			l.class, l.reason = classBad, "boilerplate:breadcrumb"
		}
		// The shapes are those of text dumps; in an HTML block they are
		// weak evidence (a table cell "| xargs echo" is no widget).
		l.weak = l.class == classBad && l.block != nil
	}
}

// isBulletWidget reports a bullet followed by a few words without sentence
// punctuation ("• Add Comment", "• Print").
// isTrailStep reports whether t is a step of a breadcrumb trail or a
// link bar in a text dump: a title of at most maxWords words followed by a
// separator ("Python Runtime Services »", "next |"), the separator found
// nowhere else in the line.
func isTrailStep(t string, maxWords int) bool {
	r, n := utf8.DecodeLastRuneInString(t)
	switch r {
	case '»', '›', '|', '>', '/':
	default:
		return false
	}
	rest := t[:len(t)-n]
	if !strings.HasSuffix(rest, " ") || strings.ContainsRune(rest, r) {
		return false
	}
	rest = strings.TrimSpace(rest)
	return rest != "" && wordCount(rest) <= maxWords && !endsSentence(rest)
}

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
// words in which a run of lower-case letters (at least three, or two that
// start the word) is directly followed by a capitalised word, in a line
// without sentence punctuation. Brand names ("iPhone", "MacBook", "macOS")
// and identifiers with dots or brackets ("getElementById()") are not glued
// items.
func gluedMenu(t string) bool {
	if endsSentence(t) || strings.ContainsAny(t, ",;") {
		return false
	}
	n := 0
	for _, w := range strings.Fields(t) {
		if strings.ContainsAny(w, "._()[]/") {
			continue
		}
		rs := []rune(w)
		lower, cuts := 0, 0
		for i, r := range rs {
			switch {
			case unicode.IsLower(r):
				lower++
			case unicode.IsUpper(r):
				capitalised := i+1 < len(rs) && unicode.IsLower(rs[i+1])
				if capitalised && (lower >= 3 || lower == 2 && i == 2) {
					cuts++
				}
				lower = 0
			default:
				lower = 0
			}
		}
		if cuts == 1 {
			n++
		}
	}
	return n >= 2
}

// repeatStage marks lines found on many pages of the site as
// boilerplate:repeated(N/M pages). The threshold scales with the M pages
// of the site seen: RepeatShare of them for a short line, RepeatShareProse
// for prose, and at least MinRepeat (or every page of a smaller site).
type repeatStage struct{}

func (repeatStage) Name() string { return "repeated" }

func (repeatStage) apply(p *page) {
	if p.counter == nil || p.docs < 2 {
		return
	}
	o := p.opts
	short := repeatThreshold(p.docs, o.MinRepeat, o.RepeatShare)
	prose := repeatThreshold(p.docs, o.MinRepeat, o.RepeatShareProse)
	for i := range p.lines {
		l := &p.lines[i]
		if l.class != classShort || l.repeat < short {
			continue
		}
		if b := l.block; b != nil && (b.Landmark == "main" || b.Landmark == "article") {
			continue // the page says it is content ("About us" above the text)
		}
		if isProse(l, o) && l.repeat < prose {
			continue
		}
		l.class, l.reason = classBad, fmt.Sprintf("boilerplate:repeated(%d/%d pages)", l.repeat, p.docs)
	}
}

// proseStage marks lines that read as running text as body (see isProse).
type proseStage struct{}

func (proseStage) Name() string { return "prose" }

func (proseStage) apply(p *page) {
	for i := range p.lines {
		if l := &p.lines[i]; l.class == classShort && isProse(l, p.opts) {
			l.class, l.reason = classGood, ""
		}
	}
}

// tocStage finds a page's own table of contents in text: a run of at
// least MinTOCRun short lines, most of which come back later in the page
// as headings ("enable()" before "gc.enable()¶", "1.1. Basics" before
// "1.1. Basics"). They are boilerplate:toc, weak evidence: a table of
// contents at the edge of the body region stays out of it, one inside it
// (between paragraphs) is body.
type tocStage struct{}

func (tocStage) Name() string { return "toc" }

func (tocStage) apply(p *page) {
	if p.opts.MinTOCRun == 0 {
		return
	}
	// last[k]: the last line whose heading key is k, or ends with "." or
	// " " followed by k.
	last := map[string]int{}
	keys := make([]string, len(p.lines))
	for i := range p.lines {
		k := headingKey(p.lines[i].text)
		keys[i] = k
		if k == "" {
			continue
		}
		last[k] = i
		for j, n := 0, 0; j < len(k) && n < 8; j++ {
			if k[j] == '.' || k[j] == ' ' {
				if rest := strings.TrimSpace(k[j+1:]); rest != "" {
					last[rest] = i
				}
				n++
			}
		}
	}
	dup := func(i int) bool {
		j, ok := last[keys[i]]
		return ok && j > i && utf8.RuneCountInString(keys[i]) >= 3
	}
	for i := 0; i < len(p.lines); {
		if p.lines[i].class != classShort {
			i++
			continue
		}
		j, n := i, 0
		for ; j < len(p.lines) && (p.lines[j].class == classShort || p.lines[j].text == ""); j++ {
			if p.lines[j].text != "" && dup(j) {
				n++
			}
		}
		run := 0
		for k := i; k < j; k++ {
			if p.lines[k].text != "" {
				run++
			}
		}
		if run >= p.opts.MinTOCRun && float64(n) >= 0.6*float64(run) {
			for k := i; k < j; k++ {
				if l := &p.lines[k]; l.text != "" {
					l.class, l.reason, l.weak = classBad, "boilerplate:toc", true
				}
			}
		}
		i = j
	}
}

// headingKey is a line as a heading or a table-of-contents entry compares:
// lower case, without the anchor marks ("¶", "#", "§") sites put after
// headings.
func headingKey(t string) string {
	t = strings.TrimRight(strings.ToLower(strings.TrimSpace(t)), "¶#§ \u00a0")
	return t
}

// edgeNavStage finds the navigation at the edges of a plain-text page of
// a site. A text dump of a documentation site keeps the page's title and
// the links to its parent, previous and next pages as their titles
// ("Using aptitude", "Finding packages by name"), each on 2 or 3 pages
// only: too few for the repeated stage. Two shapes are general:
//   - the title echo: the first line comes back within the next
//     NavEdgeLines lines as the page's own heading; the first line is
//     boilerplate:title and the title-like lines between them are
//     boilerplate:nav-title (the heading itself stays undecided);
//   - the foot: the last lines of the page, below its last line of
//     prose and above the furniture already found at its end, at most
//     NavEdgeLines of them, each title-like (short, no
//     sentence end) and found on at least NavTitleMinPages pages of the
//     site, are boilerplate:nav-title(N/M pages);
//   - a table of contents below the last prose (see trailingTOC).
//
// HTML pages have DOM evidence instead and are left alone.
type edgeNavStage struct{}

func (edgeNavStage) Name() string { return "edge-nav" }

func (edgeNavStage) apply(p *page) {
	o := p.opts
	if p.hasBlocks() {
		return
	}
	var idx []int // non-blank lines
	last := -1    // last line of prose
	for i := range p.lines {
		if p.lines[i].text != "" {
			idx = append(idx, i)
		}
		if p.lines[i].class == classGood {
			last = i
		}
	}
	if len(idx) < 3 {
		return
	}
	titleLike := func(l *lineInfo) bool {
		return l.class == classShort && !l.code && l.words > 0 && l.words <= o.NavTitleMaxWords && !endsSentence(l.text)
	}
	// The title echo.
	first := &p.lines[idx[0]]
	for k := 1; k <= o.NavEdgeLines && k < len(idx); k++ {
		if p.lines[idx[k]].text != first.text {
			continue
		}
		if first.class == classShort {
			first.class, first.reason = classBad, "boilerplate:title"
		}
		for _, j := range idx[1:k] {
			if l := &p.lines[j]; titleLike(l) {
				l.class, l.reason = classBad, "boilerplate:nav-title"
			}
		}
		break
	}
	trailingTOC(p, last)
	// The foot.
	if p.counter == nil || p.docs < 2 || last < 0 {
		return
	}
	// Furniture already found below the links ("Report a bug", a
	// copyright line on every page) does not hide them.
	end := len(idx)
	for end > 0 && idx[end-1] > last && p.lines[idx[end-1]].class == classBad && !p.lines[idx[end-1]].weak {
		end--
	}
	for k := end - 1; k >= 0 && k >= end-o.NavEdgeLines && idx[k] > last; k-- {
		l := &p.lines[idx[k]]
		if !titleLike(l) || l.repeat < o.NavTitleMinPages {
			break
		}
		l.class, l.reason = classBad, fmt.Sprintf("boilerplate:nav-title(%d/%d pages)", l.repeat, p.docs)
	}
}

// trailingTOC marks a page's table of contents that a text dump placed
// after its body (a sidebar printed after the content): below the last
// line of prose, a run of at least MinTrailTOCRun short lines, most of
// which repeat headings found above the run ("Socket creation" after
// "Socket creation¶", "enable()" after "gc.enable()¶"), is
// boilerplate:toc(after). A table of contents above its headings is left
// alone: some sites put it in the content, some in a sidebar.
func trailingTOC(p *page, last int) {
	minRun := p.opts.MinTrailTOCRun
	if minRun == 0 || last < 0 {
		return
	}
	// first[k]: the first line whose heading key is k, or ends with "."
	// or " " followed by k.
	first := map[string]int{}
	keys := make([]string, len(p.lines))
	for i := range p.lines {
		k := headingKey(p.lines[i].text)
		keys[i] = k
		if k == "" {
			continue
		}
		add := func(k string) {
			if _, ok := first[k]; !ok {
				first[k] = i
			}
		}
		add(k)
		for j, n := 0, 0; j < len(k) && n < 8; j++ {
			if k[j] == '.' || k[j] == ' ' {
				if rest := strings.TrimSpace(k[j+1:]); rest != "" {
					add(rest)
				}
				n++
			}
		}
	}
	// An entry that reads as a sentence ("5.15.3. Who can maintain
	// packages in the stable-backports archive?") is prose by shape; it
	// echoes its heading (a title: NavTitleMaxWords words at most), so
	// the body ends above it.
	echoes := func(i int) bool {
		f, ok := first[keys[i]]
		return ok && f < i && utf8.RuneCountInString(keys[i]) >= 3 && p.lines[i].words <= p.opts.NavTitleMaxWords
	}
	for last >= 0 && (p.lines[last].class != classGood || echoes(last)) {
		last--
	}
	if last < 0 {
		return
	}
	entry := func(j int) bool {
		l := &p.lines[j]
		return l.class == classShort || l.class == classGood && echoes(j)
	}
	for i := last + 1; i < len(p.lines); {
		if !entry(i) {
			i++
			continue
		}
		j, run, echo := i, 0, 0
		for ; j < len(p.lines) && (entry(j) || p.lines[j].text == ""); j++ {
			if p.lines[j].text == "" {
				continue
			}
			run++
			if f, ok := first[keys[j]]; ok && f < i && utf8.RuneCountInString(keys[j]) >= 3 {
				echo++
			}
		}
		if run >= minRun && float64(echo) >= 0.6*float64(run) {
			for k := i; k < j; k++ {
				if l := &p.lines[k]; l.text != "" {
					l.class, l.reason = classBad, "boilerplate:toc(after)"
				}
			}
		}
		i = j
	}
}

// listStage marks runs of title lines each followed by a date line — the
// related-news lists of news sites — as boilerplate:related-list. A single
// title with its date (the article's own heading) is left alone.
type listStage struct{}

func (listStage) Name() string { return "lists" }

func (listStage) apply(p *page) {
	lines := p.lines
	var nb []int // indexes of non-blank lines
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

// regionStage finds the page's body region and decides the lines still
// undecided (short lines, dates) from it, the way Body Text Extraction
// (Finn, Kushmerick and Smyth 2001) finds the stretch of a page richest in
// text and poorest in markup. Each line scores: prose its words (at most
// 30), code 1, an undecided line ShortScore (an HTML heading
// HeadingScore, the line just before prose LeadScore), a boilerplate line
// -BoilerPenalty (a repeated line that times the share of the site's pages
// holding it); weak DOM evidence (link-dense blocks, tables of contents),
// blank and letterless lines 0. The body region is the
// stretch of lines with the highest sum. Inside it, undecided lines are
// body, and so are lines only repeated across the site (labels such as
// "Note" or "See also" that many pages of a site use inside their text) or
// with weak DOM evidence (a table of linked package names);
// widgets and DOM evidence stay boilerplate. Outside it, undecided lines are
// boilerplate:short. A table of contents (weak DOM evidence: toc(html))
// right at an edge of the region, blank lines apart, joins it: the
// document's own, as DocBook puts it above or below an abstract.
type regionStage struct{}

func (regionStage) Name() string { return "region" }

func (regionStage) apply(p *page) {
	lines := p.lines
	o := p.opts
	score := func(l *lineInfo) float64 {
		switch {
		case l.class == classGood:
			return float64(min(l.words, 30))
		case l.code:
			return 1
		case l.class == classShort && l.block != nil && l.block.Heading > 0:
			return o.HeadingScore
		case (l.class == classShort || l.class == classDate) && l.lead:
			return o.LeadScore
		case l.class == classShort || l.class == classDate:
			return o.ShortScore
		case l.class == classBad && l.weak && !strings.HasPrefix(l.reason, "boilerplate:repeated("):
			return 0
		case l.class == classBad && l.block != nil && l.block.Heading > 0 && strings.HasPrefix(l.reason, "boilerplate:repeated("):
			return 0 // a heading many pages share ("Content", "See also")
		case l.class == classBad && l.repeat > 0 && strings.HasPrefix(l.reason, "boilerplate:repeated("):
			// Weighed by the share of the site's pages holding it:
			// a template line on every page weighs fully.
			return -o.BoilerPenalty * min(1, float64(l.repeat)/float64(max(1, p.docs)))
		case l.class == classBad:
			return -o.BoilerPenalty
		}
		return 0
	}
	// A lead: the undecided line just before prose (blank lines apart),
	// a title or a heading.
	next := -1
	for i := len(lines) - 1; i >= 0; i-- {
		l := &lines[i]
		if l.text == "" {
			continue
		}
		l.lead = next >= 0 && lines[next].class == classGood && (l.class == classShort || l.class == classDate)
		next = i
	}
	// Kadane: the stretch [from, to] with the highest sum.
	best, from, to := 0.0, -1, -1
	sum, start := 0.0, 0
	for i := range lines {
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += score(&lines[i])
		if sum > best {
			best, from, to = sum, start, i
		}
	}
	if from >= 0 {
		// A table of contents right at an edge of the region is the
		// document's own (DocBook puts it in the content, above or below
		// the abstract); one in a sidebar carries stronger words.
		toc := func(l *lineInfo) bool {
			return l.text == "" || l.class == classBad && l.weak && l.reason == "boilerplate:toc(html)"
		}
		for to+1 < len(lines) && toc(&lines[to+1]) {
			to++
		}
		for from > 0 && toc(&lines[from-1]) {
			from--
		}
	}
	p.regionFrom, p.regionTo = from, to
	for i := range lines {
		l := &lines[i]
		in := i >= from && i <= to
		switch {
		case in && (l.class == classShort || l.class == classDate):
			l.class = classGood
		case in && l.class == classBad && (l.weak || strings.HasPrefix(l.reason, "boilerplate:repeated(")):
			l.class, l.reason = classGood, ""
		}
	}
}

// fallbackStage keeps the body of a page whose only text is short lines
// (a wire-style article of a few brief paragraphs), or of lists only (an
// index page): when no line is body, the short lines no stage found
// boilerplate, and those only weak evidence did, are body.
type fallbackStage struct{}

func (fallbackStage) Name() string { return "fallback" }

func (fallbackStage) apply(p *page) {
	for _, l := range p.lines {
		if l.class == classGood {
			return
		}
	}
	for i := range p.lines {
		l := &p.lines[i]
		if l.class == classShort && l.reason == "" || l.class == classBad && l.weak {
			l.class, l.reason = classGood, ""
		}
	}
}

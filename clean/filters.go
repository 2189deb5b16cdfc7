package clean

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pair is one sentence pair to check.
type Pair struct {
	Src, Tgt string
	// Doc names the document the pair comes from (may be empty).
	Doc string
	// Score is the aligner's score of the pair, when known; filters do not
	// use it, writers report it.
	Score float64
	// Scorer, when set, is what the adequacy filter scores the pair with
	// instead of the Cleaner's PairScorer (an align.Scorer that also knows
	// the word translations learnt from the pair's document, say).
	Scorer PairScorer
}

// Filter is one named pair filter. Check returns ok, or a short detail of
// why the pair fails ("tgt 312 words > 150"). A Filter is immutable once
// built and safe for concurrent use.
type Filter interface {
	Name() string
	Check(p *Pair) (detail string, ok bool)
}

// LangDetector tells the language of a text: an ISO 639-1 code ("" when it
// cannot tell) and a confidence in [0, 1]. lang.Detector satisfies it.
type LangDetector interface {
	Detect(text string) (lang string, conf float64)
}

// PairScorer scores how well tgt translates src: higher is better, about 0
// is neutral, strongly negative means unrelated. align.Scorer satisfies it.
type PairScorer interface {
	PairScore(src, tgt string) float64
}

// pairInfo holds what several filters need, computed once per pair.
type pairInfo struct {
	st [2]sideStats
}

func infoOf(p *Pair) *pairInfo {
	return &pairInfo{st: [2]sideStats{statsOf(p.Src), statsOf(p.Tgt)}}
}

// infoFilter is a filter that can use a precomputed pairInfo.
type infoFilter interface {
	checkInfo(p *Pair, in *pairInfo) (string, bool)
}

// emptyFilter rejects pairs with an empty (or blank) side.
type emptyFilter struct{}

func (emptyFilter) Name() string { return "empty" }

func (emptyFilter) Check(p *Pair) (string, bool) {
	s, t := strings.TrimSpace(p.Src) == "", strings.TrimSpace(p.Tgt) == ""
	switch {
	case s && t:
		return "both sides empty", false
	case s:
		return "src empty", false
	case t:
		return "tgt empty", false
	}
	return "", true
}

// lengthFilter rejects pairs with a side out of a length range. Empty
// sides are left to the empty filter.
type lengthFilter struct{ minWords, maxWords, minChars, maxChars int }

func (lengthFilter) Name() string { return "length" }

func (f lengthFilter) Check(p *Pair) (string, bool) { return f.checkInfo(p, infoOf(p)) }

func (f lengthFilter) checkInfo(p *Pair, in *pairInfo) (string, bool) {
	for k := range 2 {
		st := in.st[k]
		if st.nonSp == 0 {
			continue
		}
		switch {
		case st.words < f.minWords:
			return fmt.Sprintf("%s %d words < %d", sideName(k), st.words, f.minWords), false
		case st.words > f.maxWords:
			return fmt.Sprintf("%s %d words > %d", sideName(k), st.words, f.maxWords), false
		case st.runes < f.minChars:
			return fmt.Sprintf("%s %d chars < %d", sideName(k), st.runes, f.minChars), false
		case st.runes > f.maxChars:
			return fmt.Sprintf("%s %d chars > %d", sideName(k), st.runes, f.maxChars), false
		}
	}
	return "", true
}

func sideName(k int) string {
	if k == 0 {
		return "src"
	}
	return "tgt"
}

// ratioFilter rejects pairs whose length ratio in characters, divided by
// the language pair's expected ratio, is above max or below 1/max.
type ratioFilter struct {
	max, expected float64
	minChars      int
}

func (ratioFilter) Name() string { return "ratio" }

func (f ratioFilter) Check(p *Pair) (string, bool) { return f.checkInfo(p, infoOf(p)) }

func (f ratioFilter) checkInfo(p *Pair, in *pairInfo) (string, bool) {
	a, b := in.st[0].nonSp, in.st[1].nonSp
	if a == 0 || b == 0 || max(a, b) < f.minChars {
		return "", true
	}
	// a few characters of smoothing keep very short pairs from extremes
	const k = 3
	r := (float64(b) + k) / (float64(a)*f.expected + k)
	if r > f.max || r < 1/f.max {
		return fmt.Sprintf("ratio %.2f (expected %.2f)", float64(b)/float64(a), f.expected), false
	}
	return "", true
}

// langFilter re-checks the language of each side with a detector.
type langFilter struct {
	det              LangDetector
	langs            [2]string
	minConf, share   float64
	minLetters       int
	srcTabs, tgtTabs []*unicode.RangeTable
}

func (langFilter) Name() string { return "lang" }

func (f langFilter) Check(p *Pair) (string, bool) {
	detail, share, failed := f.judge(p)
	if failed && share < f.share {
		return detail, false
	}
	return "", true
}

// judge returns, for the first side the detector finds in another
// language, a detail and the share of its letters in its own script (-1
// when the other language has the same script, so that no share keeps
// it); failed is false when both sides are as expected.
func (f langFilter) judge(p *Pair) (detail string, share float64, failed bool) {
	share = math.Inf(1)
	shared := sharedWords(p.Src, p.Tgt)
	for k, s := range [2]string{p.Src, p.Tgt} {
		want := f.langs[k]
		if want == "" {
			continue
		}
		tabs := f.srcTabs
		if k == 1 {
			tabs = f.tgtTabs
		}
		// in a language of another script, Latin names stay untranslated
		names := tabs != nil && tabs[0] != unicode.Latin
		text := contentWords(s, names, shared)
		st := statsOf(text)
		if st.letters < f.minLetters {
			continue
		}
		got, conf := f.det.Detect(text)
		if got == "" || got == want || conf < f.minConf {
			continue
		}
		sh := -1.0
		if tabs != nil && !sameScript(tabs, scriptOfLang(got)) {
			// Languages of different scripts: a side mixing both (a
			// command line with translated words) keeps enough letters of
			// its own script.
			sh = scriptShare(text, tabs)
		}
		if sh < share {
			detail, share, failed = fmt.Sprintf("%s is %s (%.2f), want %s", sideName(k), got, conf, want), sh, true
		}
	}
	return detail, share, failed
}

func (f langFilter) measure(p *Pair, _ *pairInfo) (Measure, bool) {
	_, share, failed := f.judge(p)
	return Measure{Filter: "lang", Param: "share", Value: share}, failed
}

func sameScript(a, b []*unicode.RangeTable) bool {
	return len(a) > 0 && len(b) > 0 && a[0] == b[0]
}

// scriptShare returns the share of the letters of s that are in tabs.
func scriptShare(s string, tabs []*unicode.RangeTable) float64 {
	n, in := 0, 0
	for _, r := range s {
		if isLetter(r) {
			n++
			if inScript(r, tabs) {
				in++
			}
		}
	}
	if n == 0 {
		return 1
	}
	return float64(in) / float64(n)
}

// contentWords returns s without its identifier-like words (commands,
// options, placeholders, acronyms) and the words in shared (copied
// verbatim from the other side: commands, names, untranslated terms),
// which say nothing of its language, and with latinNames without
// capitalised Latin words (product and proper names, left untranslated in
// languages of other scripts).
func contentWords(s string, latinNames bool, shared map[string]bool) string {
	f := strings.Fields(s)
	out := f[:0]
	for _, w := range f {
		if latinNames && w[0] >= 'A' && w[0] <= 'Z' {
			continue
		}
		if !identifierLike(w) && !shared[trimWord(w)] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// trimWord returns w without the punctuation around it.
func trimWord(w string) string { return strings.Trim(w, ".,:;!?()[]{}«»\"'“”„‘’<>|*") }

// sharedWords returns the words (punctuation around them left out) found
// on both a and b: copied from one side to the other, they are not
// evidence of either side's language ("$ debc package.changes" and "$ debc
// пакет.changes" leave "package.changes" and "пакет.changes"). Nil when
// there are none.
func sharedWords(a, b string) map[string]bool {
	var in map[string]bool
	for _, w := range strings.Fields(a) {
		if w = trimWord(w); w != "" {
			if in == nil {
				in = map[string]bool{}
			}
			in[w] = true
		}
	}
	var out map[string]bool
	for _, w := range strings.Fields(b) {
		if w = trimWord(w); in[w] {
			if out == nil {
				out = map[string]bool{}
			}
			out[w] = true
		}
	}
	return out
}

// identicalFilter rejects pairs whose sides are the same or nearly the same
// text (an untranslated copy): letters and digits compared, case ignored.
type identicalFilter struct{ max float64 }

func (identicalFilter) Name() string { return "identical" }

func (f identicalFilter) Check(p *Pair) (string, bool) {
	a, b := alnumKey(nil, p.Src), alnumKey(nil, p.Tgt)
	if len(a) == 0 || len(b) == 0 {
		return "", true
	}
	if slices.Equal(a, b) {
		return "sides identical", false
	}
	if f.max >= 1 {
		return "", true
	}
	n := max(len(a), len(b))
	limit := int((1 - f.max) * float64(n))
	if d := boundedLevenshtein(a, b, limit); d <= limit {
		return fmt.Sprintf("similarity %.2f", 1-float64(d)/float64(n)), false
	}
	return "", true
}

// boundedLevenshtein returns the edit distance of a and b when it is at most
// limit, else a number above limit.
func boundedLevenshtein(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			}
			cur[j] = c
			best = min(best, c)
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// numbersFilter rejects pairs whose numbers differ (as numbers finds them:
// footnote marks left out). A number one side writes out in words
// ("one thousand and thirty", "десятой", "полтора миллиона") agrees with
// its digits on the other ("1030", "10", "1,5 млн"), and a month's name
// with the month of a date in digits (see spelledOut). Any other number
// below small found on one side only is allowed
// (it may be spelt out in words on the other in a way spelledNumbers does
// not read), unless the other side also has a number of its own or the
// number is a group of a date, a version or a list ("2" of "1.2.3": a
// translation keeps those as they are).
type numbersFilter struct{ small float64 }

func (numbersFilter) Name() string { return "numbers" }

func (f numbersFilter) Check(p *Pair) (string, bool) {
	a, partsA := numberParts(p.Src)
	b, partsB := numberParts(p.Tgt)
	if len(a) == 0 && len(b) == 0 {
		return "", true
	}
	onlyA, onlyB := multisetDiff(a, b)
	if len(onlyA) > 0 {
		onlyA = spelledOut(onlyA, p.Tgt, p.Src, partsA)
	}
	if len(onlyB) > 0 {
		onlyB = spelledOut(onlyB, p.Src, p.Tgt, partsB)
	}
	if len(onlyA) > 0 && len(onlyB) > 0 {
		return fmt.Sprintf("src %s, tgt %s", onlyA[0], onlyB[0]), false
	}
	if n := f.big(onlyA, a, partsA); n != "" {
		return fmt.Sprintf("src %s not in tgt", n), false
	}
	if n := f.big(onlyB, b, partsB); n != "" {
		return fmt.Sprintf("tgt %s not in src", n), false
	}
	return "", true
}

// big returns a number of only, the numbers of a side (nums, parts as
// numberParts gives them) that the other side lacks, that the other side
// cannot have spelt out: one of small or more, or a group of a date, a
// version or a list. A number that stands alone on the side and also in
// such a group ("3" in "1.2.3 in 3 steps") is a group only when more of
// its copies are unmatched than stand alone.
func (f numbersFilter) big(only, nums, parts []string) string {
	var inParts, alone map[string]int
	if len(parts) > 0 && len(only) > 0 {
		inParts = make(map[string]int, len(parts))
		for _, n := range parts {
			inParts[n]++
		}
		alone = make(map[string]int, len(inParts))
		for _, n := range nums {
			if _, ok := inParts[n]; ok {
				alone[n]++
			}
		}
		for n, c := range inParts {
			alone[n] -= c
		}
	}
	for _, n := range only {
		v, err := strconv.ParseFloat(n, 64)
		if err != nil || v >= f.small {
			return n
		}
		if _, ok := inParts[n]; ok {
			if alone[n]--; alone[n] < 0 {
				return n
			}
		}
	}
	return ""
}

// spelledOut returns the numbers of nums (as numbers gives them, on the
// side own, whose date and version groups are ownParts) that other does
// not write out in words (see spelledNumbers), each written-out number
// forgiving one. A number written out with a scale word forgives its
// value, or the number before the scale word when own writes the same
// scale word after it: "one and a half million" / "1,5 млн", "25 тысяч" /
// "twenty-five thousand". A month's name forgives only a group of a date
// ("January" the 01 of "02.01.2001", not the 1 of "1 file"). nums is
// reused.
func spelledOut(nums []string, other, own string, ownParts []string) []string {
	forms := spelledForms(other)
	if len(forms) == 0 {
		return nums
	}
	used := make([]bool, len(forms))
	byValue := make(map[string][]int, len(forms))
	byMant := map[string][]int{}
	var byMonth map[string][]int
	for k, f := range forms {
		if f.month {
			if byMonth == nil {
				byMonth = map[string][]int{}
			}
			byMonth[f.value] = append(byMonth[f.value], k)
			continue
		}
		byValue[f.value] = append(byValue[f.value], k)
		if f.mant != "" {
			byMant[f.mant] = append(byMant[f.mant], k)
		}
	}
	var parts map[string]int // ownParts not yet forgiven by a month
	if byMonth != nil {
		parts = make(map[string]int, len(ownParts))
		for _, n := range ownParts {
			parts[n]++
		}
	}
	var rest []string
	for _, n := range nums {
		if l := byValue[n]; len(l) > 0 {
			used[l[0]] = true
			byValue[n] = l[1:]
			continue
		}
		if l := byMonth[n]; len(l) > 0 && parts[n] > 0 {
			parts[n]--
			byMonth[n] = l[1:]
			continue
		}
		rest = append(rest, n)
	}
	out := nums[:0]
	var scales map[int]bool // the scale words own writes alone
	for _, n := range rest {
		l := byMant[n]
		if len(l) > 0 && scales == nil {
			scales = map[int]bool{}
			for _, f := range spelledForms(own) {
				if f.scale > 0 && f.value == strconv.Itoa(f.scale) {
					scales[f.scale] = true
				}
			}
		}
		for len(l) > 0 && (used[l[0]] || !scales[forms[l[0]].scale]) {
			l = l[1:] // such a form never serves
		}
		if len(l) > 0 {
			used[l[0]] = true
			byMant[n] = l[1:]
			continue
		}
		byMant[n] = l
		out = append(out, n)
	}
	return out
}

// multisetDiff returns the items of a not matched in b and those of b not
// matched in a (both lists are sorted in place).
func multisetDiff(a, b []string) (onlyA, onlyB []string) {
	slices.Sort(a)
	slices.Sort(b)
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			i++
			j++
		case a[i] < b[j]:
			onlyA = append(onlyA, a[i])
			i++
		default:
			onlyB = append(onlyB, b[j])
			j++
		}
	}
	return append(onlyA, a[i:]...), append(onlyB, b[j:]...)
}

// urlsFilter rejects pairs whose URLs and e-mail addresses differ. An
// address whose placeholder a translation translated
// ("https://bugs.debian.org/packagename" as
// "https://bugs.debian.org/имя-пакета", "package@packages.qa.debian.org" as
// "пакет@packages.qa.debian.org") is the same address: see
// translatedAddresses.
type urlsFilter struct{}

func (urlsFilter) Name() string { return "urls" }

func (urlsFilter) Check(p *Pair) (string, bool) {
	if !strings.ContainsAny(p.Src, "@/.") && !strings.ContainsAny(p.Tgt, "@/.") {
		return "", true
	}
	onlyA, onlyB := multisetDiff(urls(p.Src), urls(p.Tgt))
	if len(onlyA) > 0 {
		onlyA, onlyB = translatedAddresses(onlyA, onlyB, strings.ToLower(p.Tgt))
	}
	return sameTokens(onlyA, onlyB)
}

// translatedAddresses drops from onlyA (the source's addresses not found
// in the target, as urls gives them) those the target holds with a
// placeholder translated, and their target forms from onlyB: a URL with a
// path whose target has the same host and a path holding a letter outside
// ASCII, or an e-mail address with a local part whose domain the target
// holds after a local part ending in such a letter (which urls does not
// find, its local part being ASCII only). tgt is the target, lower-cased.
func translatedAddresses(onlyA, onlyB []string, tgt string) ([]string, []string) {
	var keptA []string
	usedB := make([]bool, len(onlyB))
next:
	for _, a := range onlyA {
		if at := strings.IndexByte(a, '@'); at > 0 && !strings.Contains(a, "/") {
			domain := a[at:]
			for i := 0; ; {
				j := strings.Index(tgt[i:], domain)
				if j < 0 {
					break
				}
				r, _ := utf8.DecodeLastRuneInString(tgt[:i+j])
				if r >= utf8.RuneSelf && isLetter(r) {
					continue next
				}
				i += j + len(domain)
			}
		} else if host, path, ok := strings.Cut(strings.TrimPrefix(a, "ftp://"), "/"); ok && path != "" {
			for k, b := range onlyB {
				if usedB[k] {
					continue
				}
				// urls keeps the scheme ftp://, whose host comes after it.
				if h, bp, ok := strings.Cut(strings.TrimPrefix(b, "ftp://"), "/"); ok && h == host && hasNonASCIILetter(bp) {
					usedB[k] = true
					continue next
				}
			}
		}
		keptA = append(keptA, a)
	}
	var keptB []string
	for k, b := range onlyB {
		if !usedB[k] {
			keptB = append(keptB, b)
		}
	}
	return keptA, keptB
}

// hasNonASCIILetter reports whether s holds a letter outside ASCII.
func hasNonASCIILetter(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && isLetter(r) {
			return true
		}
	}
	return false
}

// sameTokens fails, naming the first token missing on the other side, when
// the multisets a (source) and b (target) differ.
func sameTokens(a, b []string) (string, bool) {
	onlyA, onlyB := multisetDiff(a, b)
	switch {
	case len(onlyA) > 0:
		return "src " + onlyA[0] + " not in tgt", false
	case len(onlyB) > 0:
		return "tgt " + onlyB[0] + " not in src", false
	}
	return "", true
}

// lettersFilter rejects sides with too few letters among their non-space
// characters, or too few letters of their language's script. A section
// number that begins both sides alike ("6.6.3.1. Type", "6.6.3.1. Тип")
// is left out of the count: it is the same on both sides, and a short
// numbered heading would else fail for it (see sectionNumber). Two sides
// that both have few letters and hold the same numbers are a formula, an
// example or a list of years and its translation ("=NOMINAL(13.5%;12) =
// 12.73%." / "=НОМИНАЛ(13,5%; 12) = 12,73%.", "Copyright © 2006, 2007
// Roland Mas" / "Авторские права © 2006, 2007 Roland Mas"): when each
// has four letters or more, the share of letters is not checked for them
// (the script's share still is).
type lettersFilter struct {
	min, script float64
	tabs        [2][]*unicode.RangeTable
}

func (lettersFilter) Name() string { return "letters" }

func (f lettersFilter) Check(p *Pair) (string, bool) { return f.checkInfo(p, infoOf(p)) }

func (f lettersFilter) checkInfo(p *Pair, in *pairInfo) (string, bool) {
	sides := [2]string{p.Src, p.Tgt}
	if n := sectionNumber(p.Src); n > 0 && n < len(p.Src) && len(p.Tgt) > n && p.Src[:n] == p.Tgt[:n] {
		sides = [2]string{p.Src[n:], p.Tgt[n:]}
		in = &pairInfo{st: [2]sideStats{statsOf(sides[0]), statsOf(sides[1])}}
	}
	few := func(k int) bool { // few letters, but a word's worth
		st := in.st[k]
		return st.letters >= 4 && float64(st.letters)/float64(st.nonSp) < f.min
	}
	formula := few(0) && few(1) && sameNumbers(sides[0], sides[1])
	for k, s := range sides {
		st := in.st[k]
		if st.nonSp == 0 {
			continue
		}
		if r := float64(st.letters) / float64(st.nonSp); r < f.min && !formula {
			return fmt.Sprintf("%s letters %.2f < %.2f", sideName(k), r, f.min), false
		}
		if f.tabs[k] != nil && f.script > 0 {
			if sh := scriptShare(s, f.tabs[k]); sh < f.script {
				return fmt.Sprintf("%s script share %.2f < %.2f", sideName(k), sh, f.script), false
			}
		}
	}
	return "", true
}

// sameNumbers reports whether a and b hold numbers, the same ones (as
// numbers reads them).
func sameNumbers(a, b string) bool {
	na, nb := numbers(a), numbers(b)
	if len(na) == 0 || len(na) != len(nb) {
		return false
	}
	onlyA, onlyB := multisetDiff(na, nb)
	return len(onlyA) == 0 && len(onlyB) == 0
}

// sharedSectionNumber reports whether src and tgt begin with the same
// section number of two levels or more ("9.3. Skipped uploads", "9.3.
// Пропущенные отправки"). Such a number places the pair in its document
// better than the words of a short heading can: a heading's few words are
// often rare or freely translated, so a lexicon says little of them (on
// the debdocs source of scripts/mknoise, seeds 1-5, the evidence filter
// removed 10 clean numbered headings such as "15.5. More kernels" / "15.5.
// Больше ядер", 16 pairs in all; skipping them keeps no noise pair of the
// 40 sets of scripts/cvclean), while a misaligned pair that shares a
// multi-level number is rare. One level ("1. ") is left out: list items
// are numbered so, and a pair of neighbouring items shares it when the
// numbering differs by an item.
func sharedSectionNumber(src, tgt string) bool {
	n := sectionNumber(src)
	if n == 0 || len(tgt) < n || src[:n] != tgt[:n] {
		return false
	}
	num := strings.TrimRight(src[:n], ". ")
	return strings.Contains(num, ".")
}

// sectionNumber returns the length in bytes of the section number that
// begins s with the space after it ("2.15. " in "2.15. View", "A.1. " in
// "A.1. Files"), or 0: a word of ASCII digits and dots, with a digit and a
// dot, and an upper-case letter only as its first character.
func sectionNumber(s string) int {
	digit, dot := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c == '.':
			dot = true
		case c >= 'A' && c <= 'Z' && i == 0:
		case c == ' ' && i > 0:
			if digit && dot {
				return i + 1
			}
			return 0
		default:
			return 0
		}
	}
	return 0
}

// tokenFilter rejects sides holding a token longer than max characters
// (URLs, e-mail addresses and paths excepted). A token the other side
// holds as well, its punctuation around it aside, is a name that the
// translation kept ("Aptitude::ProblemResolver::UndoFullReplacementScore",
// "<AutoExtractOpenMask>*.txt;*.mp3;*.mp4</AutoExtractOpenMask>"), not
// glued words or a blob that one side gained.
type tokenFilter struct{ max int }

func (tokenFilter) Name() string { return "token" }

func (f tokenFilter) Check(p *Pair) (string, bool) {
	for k, s := range [2]string{p.Src, p.Tgt} {
		if len(s) <= f.max {
			continue
		}
		other := p.Tgt
		if k == 1 {
			other = p.Src
		}
		if n := f.longToken(s, other); n > 0 {
			return fmt.Sprintf("%s token of %d chars", sideName(k), n), false
		}
	}
	return "", true
}

// longToken returns the length in characters of the first token of s
// longer than f.max that is not a URL, e-mail address or path, nor in
// other once the punctuation around it is trimmed, or 0.
func (f tokenFilter) longToken(s, other string) int {
	start := -1
	check := func(w string) int {
		n := f.tokenLen(w)
		// A token of punctuation alone ("-----...") trims to nothing,
		// which every side "holds".
		if t := strings.TrimFunc(w, unicode.IsPunct); n > 0 && t != "" && strings.Contains(other, t) {
			return 0
		}
		return n
	}
	for i, r := range s {
		sp := isSpace(r)
		if !sp && start < 0 {
			start = i
		}
		if sp && start >= 0 {
			if n := check(s[start:i]); n > 0 {
				return n
			}
			start = -1
		}
	}
	if start >= 0 {
		return check(s[start:])
	}
	return 0
}

// tokenLen returns the length of w in characters when it is too long and
// not a URL, e-mail address or path, else 0.
func (f tokenFilter) tokenLen(w string) int {
	if len(w) <= f.max || urlLen(w) > 0 || strings.Contains(w, "@") || strings.Contains(w, "://") || w[0] == '/' || strings.HasPrefix(w, "~/") {
		return 0
	}
	if n := utf8.RuneCountInString(w); n > f.max {
		return n
	}
	return 0
}

// markupFilter rejects pairs with leftover HTML: tags with attributes or of
// block elements, or inline tags and character references that are not the
// same on both sides.
type markupFilter struct{}

func (markupFilter) Name() string { return "markup" }

func (markupFilter) Check(p *Pair) (string, bool) {
	if !strings.ContainsAny(p.Src, "<&") && !strings.ContainsAny(p.Tgt, "<&") {
		return "", true
	}
	a, badA := markupOf(p.Src)
	b, badB := markupOf(p.Tgt)
	switch {
	case badA:
		return "src holds HTML markup", false
	case badB:
		return "tgt holds HTML markup", false
	}
	return sameTokens(a, b)
}

// adequacyFilter rejects pairs that the aligner's evidence (lengths,
// numbers, placeholders, cognates, dictionary) says are not translations
// of each other: align.Scorer.PairScore divided by the square root of the
// number of words of both sides, below min. The scorer's tokeniser writes
// what translators change without changing the meaning in one form
// ("3,000" and "3 000", "%2$s" and "%s", "<dir>" and "<каталог>").
type adequacyFilter struct {
	scorer PairScorer
	min    float64
}

func (adequacyFilter) Name() string { return "adequacy" }

func (f adequacyFilter) Check(p *Pair) (string, bool) {
	d, ok, _ := f.checkScore(p, infoOf(p))
	return d, ok
}

// checkScore is Check that also returns the score (NaN when not scored).
func (f adequacyFilter) checkScore(p *Pair, in *pairInfo) (string, bool, float64) {
	if strings.TrimSpace(p.Src) == "" || strings.TrimSpace(p.Tgt) == "" {
		return "", true, math.NaN()
	}
	// The evidence grows with the number of words (each unmatched word
	// costs); dividing by the square root of the pair's words makes short
	// and long pairs comparable.
	w := in.st[0].words + in.st[1].words
	sc := f.scorer
	if p.Scorer != nil {
		sc = p.Scorer
	}
	s := sc.PairScore(p.Src, p.Tgt) / math.Sqrt(float64(w))
	if s < f.min {
		return fmt.Sprintf("score %.2f < %.2f", s, f.min), false, s
	}
	return "", true, s
}

// partialFilter rejects partial translations: pairs whose one side says
// much more than the other (a clause or a sentence added or dropped). It
// measures the Gale-Church deviation of the target length from the
// expected one, in non-space characters and in words:
//
//	z(s, t) = |t - e·s| / sqrt(v · (e·s + t) / 2)
//
// (s, t: source and target lengths, e: the expected ratio, v: the variance
// per unit), so that a length difference counts more in a long pair than
// in a short one, where a few words of free translation make a large
// ratio. Its statistic is the smaller of the two deviations (both must
// agree: a translation with longer words, or with more short words, is not
// partial); a pair is rejected when it is above max. Pairs whose longer
// side has fewer than minchars characters are not checked, and languages
// written without spaces are measured in characters only.
type partialFilter struct {
	max, expected, variance float64
	wordRatio, wordVariance float64 // 0: characters only
	minChars                int
}

func (partialFilter) Name() string { return "partial" }

func (f partialFilter) Check(p *Pair) (string, bool) { return f.checkInfo(p, infoOf(p)) }

func (f partialFilter) checkInfo(p *Pair, in *pairInfo) (string, bool) {
	z, ok := f.stat(in)
	if ok && z > f.max {
		a, b := in.st[0], in.st[1]
		return fmt.Sprintf("length deviation %.2f > %.2f (src %d chars %d words, tgt %d chars %d words)", z, f.max, a.nonSp, a.words, b.nonSp, b.words), false
	}
	return "", true
}

// stat returns the filter's statistic, and false when the pair is not
// checked.
func (f partialFilter) stat(in *pairInfo) (float64, bool) {
	a, b := float64(in.st[0].nonSp), float64(in.st[1].nonSp)
	if a == 0 || b == 0 || max(a, b) < float64(f.minChars) {
		return 0, false
	}
	z := deviation(a, b, f.expected, f.variance)
	if f.wordRatio > 0 {
		z = min(z, deviation(float64(in.st[0].words), float64(in.st[1].words), f.wordRatio, f.wordVariance))
	}
	return z, true
}

// deviation is the Gale-Church deviation of length t from e·s, variance v
// per unit.
func deviation(s, t, e, v float64) float64 {
	es := s * e
	return math.Abs(t-es) / math.Sqrt(v*(es+t)/2)
}

// lexicalFilter rejects pairs whose words the corpus's own lexicon does
// not explain: the smaller of the two sides' coverage (Lexicon.Coverage) is
// below min. Without a lexicon it checks nothing.
type lexicalFilter struct {
	lex            *Lexicon
	min, prob, nul float64
	minWords       int
}

func (lexicalFilter) Name() string { return "lexical" }

func (f lexicalFilter) Check(p *Pair) (string, bool) {
	c, ok := f.stat(p)
	if ok && c < f.min {
		return fmt.Sprintf("lexical coverage %.2f < %.2f", c, f.min), false
	}
	return "", true
}

// stat returns the smaller coverage of the two sides, and false when the
// pair is not checked.
func (f lexicalFilter) stat(p *Pair) (float64, bool) {
	if f.lex == nil {
		return 0, false
	}
	cov, ok := f.lex.Coverage(p.Src, p.Tgt, f.prob, f.nul, f.minWords)
	return min(cov[0], cov[1]), ok
}

func (f lexicalFilter) measure(p *Pair, _ *pairInfo) (Measure, bool) {
	c, ok := f.stat(p)
	return Measure{Filter: "lexical", Param: "min", Value: c}, ok
}

// evidenceFilter rejects misaligned pairs by the corpus lexicon's
// evidence (Lexicon.Evidence): the smaller of the two sides' mean
// log-likelihood ratio per learnt word, below min. Unlike the lexical
// filter's share of explained words, a word counts by how much more often
// its own partner explains it than a random sentence does, so the topic
// words of a small corpus, which co-occur with everything, say little.
// Without a lexicon it checks nothing.
type evidenceFilter struct {
	lex      *Lexicon
	min      float64
	minWords int
}

func (evidenceFilter) Name() string { return "evidence" }

func (f evidenceFilter) Check(p *Pair) (string, bool) {
	v, ok := f.stat(p)
	if ok && v < f.min {
		return fmt.Sprintf("lexicon evidence %.2f < %.2f", v, f.min), false
	}
	return "", true
}

// stat returns the smaller mean of the two sides, and false when the pair
// is not checked: without a lexicon, with too few learnt words, or when
// both sides begin with the same section number of two levels or more
// (sharedSectionNumber).
func (f evidenceFilter) stat(p *Pair) (float64, bool) {
	if f.lex == nil {
		return 0, false
	}
	if sharedSectionNumber(p.Src, p.Tgt) {
		return 0, false
	}
	llr, n := f.lex.Evidence(p.Src, p.Tgt)
	if n[0] < max(f.minWords, 1) || n[1] < max(f.minWords, 1) {
		return 0, false
	}
	return min(llr[0]/float64(n[0]), llr[1]/float64(n[1])), true
}

func (f evidenceFilter) measure(p *Pair, _ *pairInfo) (Measure, bool) {
	v, ok := f.stat(p)
	return Measure{Filter: "evidence", Param: "min", Value: v}, ok
}

// spaceless lists the languages written without spaces between words.
var spaceless = map[string]bool{"zh": true, "ja": true, "th": true, "lo": true, "km": true, "my": true}

// Measure is the statistic a thresholded filter compares with its
// threshold on one pair: the pair fails when Value is above the parameter
// Param (RejectAbove) or below it. Tools that choose thresholds on held-out
// data (scripts/cvclean) read them through Cleaner.Measures.
type Measure struct {
	Filter, Param string
	Value         float64
	RejectAbove   bool
}

// measurer is a filter with a thresholded statistic.
type measurer interface {
	measure(p *Pair, in *pairInfo) (Measure, bool)
}

func (f ratioFilter) measure(p *Pair, in *pairInfo) (Measure, bool) {
	a, b := in.st[0].nonSp, in.st[1].nonSp
	if a == 0 || b == 0 || max(a, b) < f.minChars {
		return Measure{}, false
	}
	const k = 3
	r := (float64(b) + k) / (float64(a)*f.expected + k)
	return Measure{Filter: "ratio", Param: "max", Value: max(r, 1/r), RejectAbove: true}, true
}

func (f partialFilter) measure(p *Pair, in *pairInfo) (Measure, bool) {
	z, ok := f.stat(in)
	return Measure{Filter: "partial", Param: "max", Value: z, RejectAbove: true}, ok
}

func (f adequacyFilter) measure(p *Pair, in *pairInfo) (Measure, bool) {
	_, _, s := f.checkScore(p, in)
	return Measure{Filter: "adequacy", Param: "min", Value: s}, !math.IsNaN(s)
}

// Measures returns the statistics of the thresholded filters of c (ratio,
// lang, adequacy, partial, lexical) on p, for those that check it, whatever their
// thresholds: running a Cleaner once and comparing Measures with candidate
// thresholds gives the verdicts of every candidate.
func (c *Cleaner) Measures(p *Pair) []Measure {
	in := infoOf(p)
	var out []Measure
	for _, f := range c.filters {
		if m, ok := f.(measurer); ok {
			if x, ok := m.measure(p, in); ok {
				out = append(out, x)
			}
		}
	}
	return out
}

package align

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dict is a bilingual word dictionary used as lexical evidence. It maps
// words of one language (From) to words of the other (To) and back; Russian
// words are stored as stems so inflected forms match, English words as
// lemmas. A Dict is immutable once loaded and safe for concurrent use.
type Dict struct {
	// From and To are the language codes of the two sides ("en", "ru"),
	// or "" when unknown; Align uses them, or the scripts of the texts when
	// they are unknown, to decide which side of the alignment is From.
	From, To string
	fwd      map[string][]uint64 // From word -> keys of To words
	rev      map[string][]uint64 // To word -> keys of From words
}

// Dictionary limits: a word with more translations than maxTrans keeps the
// first maxTrans (main senses come first), and a word that translates more
// than maxRevHeads head words is too general to be evidence and is dropped.
const (
	maxTrans    = 24
	maxRevHeads = 40
)

// ErrEmptyDict is returned when a dictionary file holds no usable entry.
var ErrEmptyDict = errors.New("no usable dictionary entries")

// Len returns the number of From words of d.
func (d *Dict) Len() int {
	if d == nil {
		return 0
	}
	return len(d.fwd)
}

// dictBuilder accumulates word pairs before the reverse index is built.
type dictBuilder struct {
	fwd   map[string][]string
	order []string
}

func newDictBuilder() *dictBuilder { return &dictBuilder{fwd: map[string][]string{}} }

// add records that word a translates as word b; both are normalised.
func (b *dictBuilder) add(a, c string) {
	a, c = normWord(a), normWord(c)
	if a == "" || c == "" {
		return
	}
	l, ok := b.fwd[a]
	if !ok {
		b.order = append(b.order, a)
	}
	for _, x := range l {
		if x == c {
			return
		}
	}
	if len(l) < maxTrans {
		b.fwd[a] = append(l, c)
	}
}

// build returns the Dict, or ErrEmptyDict when nothing was added.
func (b *dictBuilder) build(from, to string) (*Dict, error) {
	if len(b.fwd) == 0 {
		return nil, ErrEmptyDict
	}
	d := &Dict{From: from, To: to, fwd: make(map[string][]uint64, len(b.fwd))}
	revs := map[string][]uint64{}
	for _, a := range b.order { // insertion order keeps rev lists deterministic
		ka := wordKey('F', a)
		keys := make([]uint64, 0, len(b.fwd[a]))
		for _, c := range b.fwd[a] {
			keys = append(keys, wordKey('T', c))
			if l := revs[c]; len(l) <= maxRevHeads {
				revs[c] = append(l, ka)
			}
		}
		d.fwd[a] = sortUniq(keys)
	}
	d.rev = make(map[string][]uint64, len(revs))
	for c, l := range revs {
		if len(l) <= maxRevHeads {
			d.rev[c] = sortUniq(l)
		}
	}
	return d, nil
}

// NewDict returns a dictionary of the given word pairs (From word, To word).
// Pairs with more than one word on a side are skipped.
func NewDict(from, to string, pairs [][2]string) (*Dict, error) {
	b := newDictBuilder()
	for _, p := range pairs {
		if isSingleWord(p[0]) && isSingleWord(p[1]) {
			b.add(p[0], p[1])
		}
	}
	return b.build(from, to)
}

// LoadDict reads a word dictionary in one of two plain-text formats, one
// entry per line: TSV "source<TAB>target", or hunalign's "target @ source".
// Multi-word entries are skipped; lines starting with '#' are comments. The
// source side is the source of the alignment unless Options say otherwise.
func LoadDict(path string) (*Dict, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load dictionary: %w", err)
	}
	defer f.Close()
	d, err := readDict(f)
	if err != nil {
		return nil, fmt.Errorf("load dictionary %s: %w", path, err)
	}
	return d, nil
}

func readDict(r io.Reader) (*Dict, error) {
	b := newDictBuilder()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		var src, tgt string
		if a, c, ok := strings.Cut(t, "\t"); ok {
			src, tgt = a, c
		} else if a, c, ok := strings.Cut(t, " @ "); ok {
			src, tgt = c, a
		} else {
			continue
		}
		src, tgt = strings.TrimSpace(src), strings.TrimSpace(tgt)
		if isSingleWord(src) && isSingleWord(tgt) {
			b.add(src, tgt)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return b.build("", "")
}

// ErrTwoDicts is returned by LoadDictionary when it is given both a file
// and the Mueller dictionary.
var ErrTwoDicts = errors.New("a dictionary file and the Mueller dictionary exclude each other")

// LoadDictionary loads the one dictionary a caller names: the file path
// (LoadDict), or with mueller the English-Russian Mueller dictionary from
// MuellerDir (LoadMueller); nil, nil when neither is asked for. Both at
// once is ErrTwoDicts.
func LoadDictionary(path string, mueller bool) (*Dict, error) {
	switch {
	case path != "" && mueller:
		return nil, ErrTwoDicts
	case path != "":
		return LoadDict(path)
	case mueller:
		d, err := LoadMueller(MuellerDir)
		if err != nil {
			return nil, fmt.Errorf("%w (install the Debian package mueller7-dict)", err)
		}
		return d, nil
	}
	return nil, nil
}

// MuellerDir is where Debian's mueller7-dict package installs its files.
const MuellerDir = "/usr/share/dictd"

// LoadMueller reads the English-Russian Mueller dictionary (Debian package
// mueller7-dict) from its dictd files mueller7.index and mueller7.dict.dz
// (or an uncompressed mueller7.dict) in dir, usually MuellerDir. Only the
// single-word head words and the Russian words of their senses are kept;
// usage examples and phrase translations are skipped.
func LoadMueller(dir string) (*Dict, error) {
	idx, err := os.ReadFile(filepath.Join(dir, "mueller7.index"))
	if err != nil {
		return nil, fmt.Errorf("load Mueller dictionary: %w", err)
	}
	body, err := readDictData(filepath.Join(dir, "mueller7.dict"))
	if err != nil {
		return nil, fmt.Errorf("load Mueller dictionary: %w", err)
	}
	d, err := parseDictd(idx, body)
	if err != nil {
		return nil, fmt.Errorf("load Mueller dictionary from %s: %w", dir, err)
	}
	d.From, d.To = "en", "ru"
	return d, nil
}

// readDictData reads base+".dz" (gzip, as dictzip files are) or base.
func readDictData(base string) ([]byte, error) {
	f, err := os.Open(base + ".dz")
	if errors.Is(err, os.ErrNotExist) {
		return os.ReadFile(base)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s.dz: %w", base, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s.dz: %w", base, err)
	}
	return data, nil
}

// parseDictd reads a dictd index ("word<TAB>offset<TAB>length", numbers in
// dictd's base 64) and takes each entry's text from body.
func parseDictd(idx, body []byte) (*Dict, error) {
	b := newDictBuilder()
	for ln, line := range bytes.Split(idx, []byte("\n")) {
		f := strings.Split(string(line), "\t")
		if len(f) < 3 {
			continue
		}
		head := strings.TrimSpace(f[0])
		if strings.HasPrefix(head, "00") || !isSingleWord(head) || runeScript(firstRune(head)) != scLatin {
			continue
		}
		off, ok1 := dictdNumber(f[1])
		n, ok2 := dictdNumber(f[2])
		if !ok1 || !ok2 || off+n > len(body) {
			return nil, fmt.Errorf("index line %d: bad offset or length", ln+1)
		}
		for _, w := range muellerSenses(string(body[off : off+n])) {
			b.add(head, w)
		}
	}
	return b.build("en", "ru")
}

// dictdNumber decodes a dictd base-64 number.
func dictdNumber(s string) (int, bool) {
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	n := 0
	for i := 0; i < len(s); i++ {
		k := strings.IndexByte(alpha, s[i])
		if k < 0 || n > 1<<40 {
			return 0, false
		}
		n = n*64 + k
	}
	return n, s != ""
}

// muellerSenses returns the Russian words of the senses of one Mueller
// entry: for each line, the part before the first ';' and before any Latin
// text (which starts a usage example), without parentheses, labels
// ("_тех.") and transcriptions ("[faɪl]").
func muellerSenses(entry string) []string {
	var out []string
	lines := strings.Split(entry, "\n")
	for _, l := range lines[min(1, len(lines)):] { // line 0 repeats the head word
		l = dropBracketed(l, '[', ']')
		l = dropBracketed(l, '(', ')')
		if i := strings.IndexByte(l, ';'); i >= 0 {
			l = l[:i]
		}
		var words []string
		for _, w := range strings.FieldsFunc(l, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
			if strings.HasPrefix(w, "_") || strings.HasSuffix(w, ")") || strings.HasSuffix(w, ".") && len(words) == 0 && isNumbering(w) {
				continue
			}
			if isNumbering(w) {
				continue
			}
			r := firstRune(w)
			if runeScript(r) == scLatin {
				break // a usage example starts
			}
			if runeScript(r) != scCyrillic {
				continue
			}
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
			if utf8.RuneCountInString(w) >= 3 && isSingleWord(w) {
				words = append(words, w)
			}
		}
		out = append(out, words...)
	}
	return out
}

// isNumbering reports whether w is a sense number such as "1.", "2)", "а)".
func isNumbering(w string) bool {
	w = strings.TrimRight(w, ".)")
	if w == "" {
		return true
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return utf8.RuneCountInString(w) == 1
		}
	}
	return true
}

// dropBracketed removes the text between open and close (nesting allowed).
func dropBracketed(s string, open, close byte) string {
	if strings.IndexByte(s, open) < 0 {
		return s
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == open:
			depth++
		case s[i] == close && depth > 0:
			depth--
		case depth == 0:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// isSingleWord reports whether s is one word of letters (hyphens allowed inside).
func isSingleWord(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !unicode.IsLetter(r) && !(r == '-' && i > 0 && i < len(s)-1) {
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// normWord lower-cases a dictionary word and stems it when it is Cyrillic.
func normWord(w string) string {
	w = strings.ToLower(strings.TrimSpace(w))
	if w == "" {
		return ""
	}
	if runeScript(firstRune(w)) == scCyrillic {
		return ruStem(w)
	}
	return w
}

// wordKey hashes a normalised word of side 'F' (From) or 'T' (To).
func wordKey(side byte, w string) uint64 {
	return fnvString(fnvByte(fnvByte(fnvOffset, 'd'), side), w)
}

// wordKeyBytes is wordKey of a word held in a byte slice.
func wordKeyBytes(side byte, w []byte) uint64 {
	return fnvBytes(fnvByte(fnvByte(fnvOffset, 'd'), side), w)
}

// 64-bit FNV-1a, as hash/fnv's New64a computes it, without its allocation.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

func fnvByte(h uint64, c byte) uint64 { return (h ^ uint64(c)) * fnvPrime }

func fnvBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// sortUniq sorts l and removes duplicates in place.
func sortUniq(l []uint64) []uint64 {
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	out := l[:0]
	for i, x := range l {
		if i == 0 || x != l[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// lookup returns the normalised form of word w found in m (trying lemma
// candidates for Latin words and the stem for Cyrillic words) and its keys;
// the form is empty when no candidate is found. The form is held in x's
// scratch space until the next call.
func (x *extractor) lookup(m map[string][]uint64, w []byte, sc script) ([]byte, []uint64) {
	if sc == scCyrillic {
		x.stem = appendRuStem(x.stem[:0], w)
		return x.stem, m[string(x.stem)]
	}
	x.stem, x.ends = appendLemmas(x.stem[:0], x.ends[:0], w)
	start := 0
	for _, e := range x.ends {
		if l, ok := m[string(x.stem[start:e])]; ok {
			return x.stem[start:e], l
		}
		start = e
	}
	return nil, nil
}

// Links reports which words of a and b the dictionary links to a word of
// the other list: linkedA[i] is true when some translation of a[i] (or a
// word translating as it) is among b's words, and the same for linkedB.
// aFrom tells whether a is in d's From language (else it is in To). Words
// are single words as they stand in the text (any case, inflected);
// words of under 3 letters are never linked.
func (d *Dict) Links(a, b []string, aFrom bool) (linkedA, linkedB []bool) {
	linkedA, linkedB = make([]bool, len(a)), make([]bool, len(b))
	if d == nil {
		return linkedA, linkedB
	}
	v := orientDict(d, !aFrom)
	x := &extractor{}
	type entry struct {
		own   uint64
		cover []uint64
		ok    bool
	}
	look := func(words []string, m map[string][]uint64, side byte) []entry {
		out := make([]entry, len(words))
		for i, w := range words {
			if utf8.RuneCountInString(w) < 3 {
				continue
			}
			lw := []byte(strings.ToLower(w))
			sc := scLatin
			if r, _ := utf8.DecodeRune(lw); runeScript(r) == scCyrillic {
				sc = scCyrillic
			}
			norm, keys := x.lookup(m, lw, sc)
			if len(norm) == 0 || len(keys) == 0 {
				continue
			}
			out[i] = entry{own: wordKeyBytes(side, norm), cover: slices.Clone(keys), ok: true}
		}
		return out
	}
	ea, eb := look(a, v.src, v.srcSide), look(b, v.tgt, v.tgtSide)
	ownA, ownB := map[uint64]bool{}, map[uint64]bool{}
	for _, e := range ea {
		if e.ok {
			ownA[e.own] = true
		}
	}
	for _, e := range eb {
		if e.ok {
			ownB[e.own] = true
		}
	}
	coverHits := func(e entry, own map[uint64]bool) bool {
		for _, k := range e.cover {
			if own[k] {
				return true
			}
		}
		return false
	}
	coverA, coverB := map[uint64]bool{}, map[uint64]bool{}
	for _, e := range ea {
		for _, k := range e.cover {
			coverA[k] = true
		}
	}
	for _, e := range eb {
		for _, k := range e.cover {
			coverB[k] = true
		}
	}
	for i, e := range ea {
		linkedA[i] = e.ok && (coverHits(e, ownB) || coverB[e.own])
	}
	for i, e := range eb {
		linkedB[i] = e.ok && (coverHits(e, ownA) || coverA[e.own])
	}
	return linkedA, linkedB
}

package docpair

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Para is one paragraph (a block, a heading, a line) of a document's body.
type Para struct {
	// Text is the paragraph's text, one line.
	Text string
	// Heading is 1 to 6 for a heading, 0 otherwise.
	Heading int
}

// Limits of a fingerprint: a very large page keeps the features of its
// first paragraphs only, so one page cannot take more than a few kB.
const (
	maxTokens     = 1500 // distinct tokens per document
	maxParaHashes = 300  // paragraph hashes kept for the identity check (the smallest)
	minParaWords  = 4    // words a paragraph needs to be hashed
	maxLens       = 48   // paragraphs whose lengths are kept
)

// Features is the content fingerprint of a document: what survives
// translation, and the shape of the text. Its zero value is the fingerprint
// of an empty document. Build it with NewFeatures.
type Features struct {
	// toks are hashes of the translation-invariant tokens (numbers,
	// Latin-script words and codes, URLs, e-mail addresses), sorted and
	// unique; cnts their counts (capped at 255). Pairer.Pair replaces the
	// hashes by dense token numbers.
	toks []uint32
	cnts []uint8
	// paras are the maxParaHashes smallest distinct hashes of the
	// normalised paragraphs of minParaWords words or more, sorted (a
	// bottom-k sample of the whole text, however long); nParaHashes counts
	// the distinct hashes before the cut. Two versions sharing most of them
	// are the same text.
	paras       []uint32
	nParaHashes int
	// lens are the lengths (letters and digits, capped at 65535) of the
	// first maxLens paragraphs: their sequence survives translation.
	lens []uint16
	// nParas, chars and heads count paragraphs, letters and digits, and
	// headings.
	nParas, chars, heads int
}

// Tokens returns the number of distinct tokens of f.
func (f *Features) Tokens() int { return len(f.toks) }

// NewFeatures returns the fingerprint of a document's body paragraphs.
func NewFeatures(paras []Para) Features {
	var f Features
	counts := map[uint32]int{}
	var order []uint32
	var words []string
	add := func(h uint32) {
		if _, ok := counts[h]; !ok {
			if len(counts) >= maxTokens {
				return
			}
			order = append(order, h)
		}
		counts[h]++
	}
	for _, p := range paras {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		f.nParas++
		if p.Heading > 0 {
			f.heads++
		}
		words = words[:0]
		before := f.chars
		prevNum := ""
		tokenize(p.Text, func(kind byte, tok string) {
			if kind == 'c' || kind == 'l' {
				words = append(words, tok)
			}
			if kind == 'c' {
				return
			}
			h := hashToken(kind, tok)
			if kind == 'n' {
				// Consecutive numbers of a paragraph also make a token:
				// versions, dates and tables keep their order.
				if prevNum != "" {
					add(hashToken('b', prevNum+" "+tok) | bigramBit)
				}
				prevNum = tok
			}
			add(h)
		}, &f.chars)

		if len(f.lens) < maxLens {
			f.lens = append(f.lens, uint16(min(f.chars-before, 65535)))
		}
		if len(words) >= minParaWords {
			h := uint32(2166136261)
			for _, w := range words {
				h = fnv32(h, w)
				h = (h ^ ' ') * 16777619
			}
			f.paras = append(f.paras, h)
		}
	}
	slices.Sort(order)
	f.toks = slices.Clone(order) // exact size: a crawl keeps one per page
	slices.Sort(f.paras)
	f.paras = slices.Compact(f.paras)
	f.nParaHashes = len(f.paras)
	f.paras = slices.Clone(f.paras[:min(len(f.paras), maxParaHashes)])
	f.lens = slices.Clone(f.lens)
	f.cnts = make([]uint8, len(order))
	for i, h := range order {
		f.cnts[i] = uint8(min(counts[h], 255))
	}
	return f
}

// tokenize calls fn for each token of s: kind 'u' for a URL or an e-mail
// address (lower case, without surrounding punctuation), 'n' for a number
// (digits without leading zeros), 'l' for a word with letters of a script
// other than Cyrillic (lower case; digits may be inside: "ch01", "utf8"),
// 'c' for a Cyrillic word. Words are cut at every character that is not a
// letter or a digit, so "2.5" and "2,5", "apt-get" and "apt get" give the
// same tokens. Single Latin letters are no token. chars is increased by
// the number of letters and digits.
func tokenize(s string, fn func(kind byte, tok string), chars *int) {
	for len(s) > 0 {
		// Next whitespace-separated field.
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		s = s[i:]
		j := 0
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		field := s[:j]
		s = s[j:]
		if field == "" {
			continue
		}
		if u := urlToken(field); u != "" {
			fn('u', u)
			*chars += len(u)
			continue
		}
		words(field, fn, chars)
	}
}

// urlToken returns field as a URL or e-mail token, or "".
func urlToken(field string) string {
	if !strings.Contains(field, "://") && !strings.HasPrefix(field, "www.") &&
		!(strings.Contains(field, "@") && strings.Contains(field, ".")) {
		return ""
	}
	t := strings.TrimFunc(field, func(r rune) bool {
		return unicode.IsPunct(r) && r != '/' && r != '_' || unicode.IsSymbol(r)
	})
	t = strings.TrimRight(t, "/")
	if len(t) < 6 || strings.HasPrefix(t, "@") || strings.HasSuffix(t, "@") {
		return ""
	}
	return strings.ToLower(t)
}

// words cuts field into runs of letters and digits and reports them.
func words(field string, fn func(kind byte, tok string), chars *int) {
	var buf [64]byte
	start := -1
	emit := func(end int) {
		w := field[start:end]
		start = -1
		letters, digits, cyr := 0, 0, false
		for _, r := range w {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case unicode.IsLetter(r):
				letters++
				if unicode.Is(unicode.Cyrillic, r) {
					cyr = true
				}
			}
		}
		*chars += letters + digits
		switch {
		case letters == 0 && digits > 0:
			w = strings.TrimLeft(w, "0")
			if w == "" {
				w = "0"
			}
			fn('n', w)
		case cyr:
			fn('c', lower(buf[:0], w))
		case letters >= 2 || letters == 1 && digits > 0:
			fn('l', lower(buf[:0], w))
		}
	}
	for i, r := range field {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			emit(i)
		}
	}
	if start >= 0 {
		emit(len(field))
	}
}

// lower returns w in lower case, using buf when it is large enough.
func lower(buf []byte, w string) string {
	for _, r := range w {
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return string(buf)
}

// bigramBit is set in the hashes of number pairs and clear in the others,
// so the baseline can leave them out.
const bigramBit = 1 << 31

// hashToken hashes a token with its kind (FNV-1a, 31 bits).
func hashToken(kind byte, tok string) uint32 {
	h := (uint32(2166136261) ^ uint32(kind)) * 16777619
	return fnv32(h, tok) &^ bigramBit
}

func fnv32(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

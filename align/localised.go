package align

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// A translator often localises a placeholder inside a name that is
// otherwise copied: "/usr/share/doc/PACKAGE/copyright" becomes
// "/usr/share/doc/ПАКЕТ/copyright", "package-1.install" "пакет-1.install",
// "https://bugs.debian.org/package-name" "https://bugs.debian.org/имя-пакета".
// Compared verbatim, such a pair of names counts as two misses, one on each
// side, though it is the strongest evidence of a translation a sentence
// holds. PairScore takes such names for a match: a name of one side holding
// letters outside ASCII, whose other parts (cut at punctuation) are found
// in the same order in a name of the other side (localisedMatch).

// A word in capitals within lower-case text is a metavariable ("use FILE
// to map", "copy SOURCE to DEST") or a word set in capitals for emphasis
// ("There is NO WARRANTY"); a translation writes it in capitals too, in its
// own script when it translates it ("использовать ФАЙЛ", "из ИСТОЧНИКА в
// ПРИЁМНИК", "НИКАКАЯ ГАРАНТИЯ"). PairScore takes such words of the two
// sides, in Latin letters on one side and in other letters on the other,
// for matches, pairing them in their order.

// compTok is a token of a PairScore sentence that may be such a name (a
// path, URL, placeholder or word holding a letter and a separator) or
// such a word in capitals.
type compTok struct {
	key      uint64
	cl       class
	off, end int32 // its text in extractor.compBuf, lower-cased
	local    bool  // it holds a letter outside ASCII
	caps     bool  // a word of two capital letters or more
}

// isNameSep reports whether c separates the parts of a name.
func isNameSep(c byte) bool {
	switch c {
	case '/', '.', ':', '@', '=', '&', '?', '#', '+', ',', ';', '~':
		return true
	}
	return false
}

// collectComp appends to l the name tokens of x.toks (the sentence last
// lexed), copying their texts to x.compBuf.
func (x *extractor) collectComp(l []compTok) []compTok {
	for _, t := range x.toks {
		var cl class
		switch t.kind {
		case tkPlaceholder, tkURL, tkPath:
			cl = clPh
		case tkWord:
			cl = clWord
			if t.marked {
				cl = clMarked
			}
		default:
			continue
		}
		text := x.text[t.off:t.end]
		if len(text) > maxNameLen {
			continue
		}
		if t.kind == tkWord && t.caps && (t.script == scLatin || t.script == scCyrillic) && utf8.RuneCount(text) >= 2 {
			l = append(l, compTok{key: t.key, cl: cl, off: -1, end: -1, local: t.script != scLatin, caps: true})
			continue
		}
		sep, letter, local := false, false, false
		for k := 0; k < len(text); k++ {
			c := text[k]
			switch {
			case isNameSep(c) || c == '-' || c == '_':
				sep = true
			case c >= utf8.RuneSelf:
				local = true
				letter = true
			case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
				letter = true
			}
		}
		if !sep || !letter {
			continue
		}
		off := len(x.compBuf)
		x.compBuf = append(x.compBuf, text...)
		l = append(l, compTok{key: t.key, cl: cl, off: int32(off), end: int32(len(x.compBuf)), local: local})
	}
	return l
}

// localisedMatch reports whether local, a name holding letters outside
// ASCII, is name with some parts translated. Cut at the separators of
// isNameSep and at '-' and '_', each part of local that holds a letter
// outside ASCII stands for one or more ASCII letters, digits, '-' and '_'
// of name (neighbouring translated parts and the '-' or '_' between them
// for one such run: "имя-пакета" for "package-name" or "pkg"), and the
// rest is the same, ASCII letters in either case: "пакет-1.install"
// matches "package-1.install", not "package-2.install". At least
// minLiteral ASCII letters of local must be kept verbatim, so that a name
// translated whole matches nothing.
func localisedMatch(local, name []byte) bool {
	ok, _ := appendLocalisedMatch(nil, local, name)
	return ok
}

// appendLocalisedMatch is localisedMatch building its pattern in buf's
// memory, which it returns for reuse.
func appendLocalisedMatch(buf, local, name []byte) (bool, []byte) {
	pat := buf[:0] // 0 stands for a translated run
	literal := 0
	for i := 0; i < len(local); {
		c := local[i]
		if isNameSep(c) || c == '-' || c == '_' {
			pat = append(pat, c)
			i++
			continue
		}
		j := i
		for j < len(local) && !isNameSep(local[j]) && local[j] != '-' && local[j] != '_' {
			j++
		}
		part := local[i:j]
		i = j
		if !hasLocalLetter(part) {
			for _, c := range part {
				if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
					literal++
				}
			}
			pat = append(pat, part...)
			continue
		}
		if n := len(pat); n >= 2 && pat[n-2] == 0 && (pat[n-1] == '-' || pat[n-1] == '_') {
			// "имя-пакета": one run with the translated part before
			pat = pat[:n-1]
			continue
		}
		pat = append(pat, 0)
	}
	if literal < minLiteral {
		return false, pat
	}
	return globName(pat, name), pat
}

// hasLocalLetter reports whether b holds a letter outside ASCII.
func hasLocalLetter(b []byte) bool {
	for _, r := range string(b) {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// maxNameLen is the length in bytes of the longest token collectComp
// takes for a name (globName backtracks).
const maxNameLen = 256

// minLiteral is the number of ASCII letters a localised name must keep
// for localisedMatch.
const minLiteral = 3

// globName matches name against pat, where a 0 byte stands for one or more
// ASCII letters, digits, '-' and '_'.
func globName(pat, name []byte) bool {
	if len(pat) == 0 {
		return len(name) == 0
	}
	if pat[0] != 0 {
		return len(name) > 0 && lowerASCII(name[0]) == lowerASCII(pat[0]) && globName(pat[1:], name[1:])
	}
	for k := 0; k < len(name) && isNamePart(name[k]); k++ {
		if globName(pat[1:], name[k+1:]) {
			return true
		}
	}
	return false
}

func isNamePart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// localisedGain returns what PairScore gains when the tokens of x.compA and
// x.compB that lexicalKeys counted as missed are paired, names by
// localisedMatch and words in capitals of the two scripts in their order:
// the source token counts as matched, the target token no longer as
// missed. It reads the key table and covers lexicalKeys left in x.
func (s *Scorer) localisedGain(x *extractor, weights func(feat) (float64, float64)) float64 {
	if len(x.compA) == 0 || len(x.compB) == 0 {
		return 0
	}
	missed := func(out, l []compTok, side int, cover []uint64) []compTok {
		out = out[:0]
		for _, c := range l {
			e := x.keys[x.keys.get(c.key)]
			n := e.inA - e.inB
			if side == 1 {
				n = -n
			}
			if n <= 0 {
				continue
			}
			if _, ok := slices.BinarySearch(cover, c.key); ok {
				continue
			}
			have := int32(0)
			for _, o := range out {
				if o.key == c.key {
					have++
				}
			}
			if have < n {
				out = append(out, c)
			}
		}
		return out
	}
	x.missA = missed(x.missA, x.compA, 0, x.coverB)
	x.missB = missed(x.missB, x.compB, 1, x.coverA)
	ma, mb := x.missA, x.missB
	gain := 0.0
	matched := x.matched[:0]
	for range mb {
		matched = append(matched, false)
	}
	x.matched = matched
	// credit counts a and mb[j] as a match rather than two misses.
	credit := func(a compTok, j int) {
		wmA, wuA := weights(feat{a.key, a.cl})
		_, wuB := weights(feat{mb[j].key, mb[j].cl})
		gain += wmA - wuA - wuB
		matched[j] = true
	}
	for _, a := range ma {
		if a.caps {
			for j, b := range mb {
				if matched[j] || !b.caps || a.local == b.local {
					continue
				}
				credit(a, j)
				break
			}
			continue
		}
		ta := x.compBuf[a.off:a.end]
		for j, b := range mb {
			if matched[j] || b.caps || a.local == b.local {
				continue
			}
			tb := x.compBuf[b.off:b.end]
			var ok bool
			if b.local {
				ok, x.pat = appendLocalisedMatch(x.pat, tb, ta)
			} else {
				ok, x.pat = appendLocalisedMatch(x.pat, ta, tb)
			}
			if !ok {
				continue
			}
			credit(a, j)
			break
		}
	}
	return gain
}

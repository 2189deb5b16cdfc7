package clean

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/align"
)

// clauseFilter rejects partial translations by where the words left
// without a translation stand: a partial translation leaves a whole clause
// or sentence of one side (a run of clauses cut at , ; : . ! ? and the
// like) with nothing on the other side, while the rest of that side and
// the whole of the other side are translated; a free translation leaves
// scattered words. Its statistic adds that evidence to the length
// deviation of the partial filter:
//
//	run·cover + length·z
//
// where run is, for the side whose run of clauses leaves most unexplained
// (not the whole side), the run's unexplained counted words less its
// explained ones over the side's counted words; cover is the share of the
// other side's counted words explained; z is the partial filter's
// deviation. A word is explained when the corpus's own lexicon gives it a
// translation on the other side at prob or more, when the other side has
// the same word (names, commands, untranslated terms), or when the
// dictionary (Config.Dict) links it to a word of the other side; words too
// rare to be learnt and function words are not counted (as the lexical
// filter counts them). Without a lexicon, on a side of one clause or with
// fewer than minWords counted words, the pair is not checked.
type clauseFilter struct {
	lex            *Lexicon
	dict           *align.Dict
	srcFrom        bool // the source is dict's From language
	max, prob, nul float64
	length         float64
	minWords       int
	part           partialFilter
}

func (clauseFilter) Name() string { return "clause" }

func (f clauseFilter) Check(p *Pair) (string, bool) { return f.checkInfo(p, infoOf(p)) }

func (f clauseFilter) checkInfo(p *Pair, in *pairInfo) (string, bool) {
	v, r, ok := f.stat(p, in)
	if ok && v > f.max {
		return fmt.Sprintf("unexplained clause %.2f > %.2f (%s: %d words of %d unexplained in a run, other side %.0f%% explained)",
			v, f.max, sideName(r.side), r.words, r.counted, 100*r.otherCover), false
	}
	return "", true
}

// stat returns the filter's statistic and the run behind it, and false
// when the pair is not checked.
func (f clauseFilter) stat(p *Pair, in *pairInfo) (float64, clauseRun, bool) {
	if f.lex == nil {
		return 0, clauseRun{}, false
	}
	marks := f.lex.explain(p.Src, p.Tgt, f.prob, f.nul, f.dict, f.srcFrom)
	r, ok := worstRun(marks, f.minWords)
	if !ok {
		return 0, r, false
	}
	z, _ := f.part.stat(in)
	return r.share*r.otherCover + f.length*z, r, true
}

func (f clauseFilter) measure(p *Pair, in *pairInfo) (Measure, bool) {
	v, _, ok := f.stat(p, in)
	return Measure{Filter: "clause", Param: "max", Value: v, RejectAbove: true}, ok
}

// wordMark is what Lexicon.explain finds of one word of a side.
type wordMark struct {
	// counted is false for words that say nothing either way: too rare
	// to be learnt, or function words.
	counted bool
	// explained: the other side translates the word or has it too.
	explained bool
	// cut is true when clause punctuation stands between this word and
	// the one before.
	cut bool
}

// clauseMark reports whether r ends a clause or a sentence.
func clauseMark(r rune) bool {
	switch r {
	case ',', ';', ':', '.', '!', '?', '(', ')', '–', '—', '…':
		return true
	}
	return false
}

// clauseWords returns the words of s as stems does (maximal runs of
// letters, lower-cased, stems cut to n letters), the whole words, and for
// each word whether clause punctuation stands before it (after the word
// before).
func clauseWords(s string, n int) (stems, words []string, cut []bool) {
	var b strings.Builder
	mark := false
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		words = append(words, w)
		if utf8.RuneCountInString(w) > n {
			r := []rune(w)
			w = string(r[:n])
		}
		stems = append(stems, w)
		cut = append(cut, mark && len(stems) > 1)
		b.Reset()
		mark = false
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		flush()
		if clauseMark(r) {
			mark = true
		}
	}
	flush()
	return stems, words, cut
}

// explain marks each word of src (marks[0]) and tgt (marks[1]): whether it
// counts and whether the other side explains it, as Coverage counts them
// (minProb, null), except that a word found on both sides is explained
// whether learnt or not, and so is a word that dict (when not nil; srcFrom:
// src is in its From language) links to a word of the other side.
func (lx *Lexicon) explain(src, tgt string, minProb, null float64, dict *align.Dict, srcFrom bool) (marks [2][]wordMark) {
	var st, words [2][]string
	var cut [2][]bool
	var ids [2][]int32
	var has [2]map[string]bool
	for k, s := range [2]string{src, tgt} {
		st[k], words[k], cut[k] = clauseWords(s, lx.opts.Stem)
		has[k] = make(map[string]bool, len(st[k]))
		ids[k] = make([]int32, len(st[k]))
		for i, w := range st[k] {
			has[k][w] = true
			ids[k][i] = -1
			if id, ok := lx.vocab[k][w]; ok {
				ids[k][i] = id
			}
		}
	}
	var linked [2][]bool
	if dict != nil {
		linked[0], linked[1] = dict.Links(words[0], words[1], srcFrom)
	}
	for dir := range 2 {
		k := 1 - dir // the side whose words side dir explains
		marks[k] = make([]wordMark, len(st[k]))
		for i, w := range ids[k] {
			m := &marks[k][i]
			m.cut = cut[k][i]
			if has[dir][st[k][i]] && utf8.RuneCountInString(st[k][i]) >= 2 || linked[k] != nil && linked[k][i] {
				m.counted, m.explained = true, true
				continue
			}
			if w < 0 {
				continue
			}
			best := lx.bestProb(dir, ids[dir], w)
			if best < minProb && float64(lx.nullShare[dir][w]) >= null {
				continue
			}
			m.counted, m.explained = true, best >= minProb
		}
	}
	return marks
}

// clauseRun is the run of clauses of one side that leaves most of its
// words unexplained (see worstRun).
type clauseRun struct {
	side int
	// share is the run's unexplained counted words less its explained
	// ones, over the side's counted words.
	share float64
	// words is the number of unexplained words of the run, counted the
	// number of counted words of the side.
	words, counted int
	// otherCover is the share of the other side's counted words that are
	// explained.
	otherCover float64
}

// worstRun returns, of the runs of whole clauses of either side that are
// not the whole side, the one whose share·otherCover is largest; ok is
// false when no side has two clauses and minWords counted words.
func worstRun(marks [2][]wordMark, minWords int) (best clauseRun, ok bool) {
	var cover [2]float64
	var counted [2]int
	for k, m := range marks {
		x := 0
		for _, w := range m {
			if w.counted {
				counted[k]++
				if w.explained {
					x++
				}
			}
		}
		if counted[k] > 0 {
			cover[k] = float64(x) / float64(counted[k])
		}
	}
	bestV := 0.0
	for k, m := range marks {
		if counted[k] < max(minWords, 1) {
			continue
		}
		// per clause: unexplained and explained counted words
		var un, ex []int
		u, x := 0, 0
		for i, w := range m {
			if i > 0 && w.cut {
				un, ex = append(un, u), append(ex, x)
				u, x = 0, 0
			}
			switch {
			case !w.counted:
			case w.explained:
				x++
			default:
				u++
			}
		}
		un, ex = append(un, u), append(ex, x)
		if len(un) < 2 {
			continue
		}
		if !ok {
			best = clauseRun{side: k, counted: counted[k], otherCover: cover[1-k]}
			ok = true
		}
		for a := range un {
			u, x := 0, 0
			for b := a; b < len(un); b++ {
				if a == 0 && b == len(un)-1 {
					break // not the whole side: that is the lexical filter's
				}
				u += un[b]
				x += ex[b]
				sh := float64(u-x) / float64(counted[k])
				if v := sh * cover[1-k]; v > bestV {
					bestV = v
					best = clauseRun{side: k, share: sh, words: u, counted: counted[k], otherCover: cover[1-k]}
				}
			}
		}
	}
	return best, ok
}

package lang

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Language changes inside a run of one script are found word by word: each
// word gets a score per candidate language (lingua-go's confidence for the
// word alone, as a log), and a Viterbi pass picks the labelling of the words
// that maximises the summed scores minus a penalty for every change of
// language. The penalty depends on what separates the two words: a change is
// cheap after a sentence end or a separator such as ":" or "|", dearer after
// a comma, and dearest between two words separated only by a space. A run of
// words the pass gives one language becomes a span of that language; its
// confidence is lingua-go's for the run as a whole when the run is short, and
// the posterior of the summed word scores when it is long.

// Penalties for a change of language between two words, by what separates them.
const (
	switchSentence = 2.0 // ". " "! " "? " "…"
	switchMark     = 3.0 // ":" ";" "|" "/" "·" "—" " - " brackets, quotes, digits
	switchComma    = 5.0 // ","
	switchSpace    = 7.0 // spaces only
)

// wordScoreFloor is the lowest confidence a word's score uses, so that one
// word a language's model has never seen does not veto that language.
const wordScoreFloor = 0.02

// shortRunWords is the most words of a run whose confidence comes from
// lingua-go on the run as a whole; longer runs take the posterior of their
// word scores, which is cheaper and as sure, but overconfident on a few words.
const shortRunWords = 5

// maxWordWeight caps how many letters of a word count toward its weight: a
// word's score is its log-confidence times min(letters, maxWordWeight)/4, as
// lingua-go's confidence for one word is an average over its characters and
// a long word is more evidence than a short one.
const maxWordWeight = 8

// wordScores returns the log-confidence of each language of d.shared for a
// lower-cased word. The result must not be modified.
func (d *Detector) wordScores(w string) []float32 {
	if v, ok := d.words.get(w); ok {
		return v
	}
	v := make([]float32, len(d.shared))
	floor := float32(math.Log(wordScoreFloor))
	for i := range v {
		v[i] = floor
	}
	for _, c := range d.confidenceValues(w) {
		code, ok := d.codeOf[c.Language()]
		if !ok {
			continue
		}
		if i, ok := d.sharedIdx[code]; ok && c.Value() > wordScoreFloor {
			// Rounded so that lingua's order-dependent float sums cannot
			// change a decision from one run to the next.
			v[i] = float32(math.Round(math.Log(c.Value())*1e3) / 1e3)
		}
	}
	d.words.put(w, v)
	return v
}

// wordCache keeps the scores of the words seen most recently, up to a fixed
// number: once full, it is emptied and refilled.
type wordCache struct {
	mu  sync.RWMutex
	m   map[string][]float32
	max int
}

func newWordCache(max int) *wordCache {
	if max <= 0 {
		max = 1 << 17
	}
	return &wordCache{m: map[string][]float32{}, max: max}
}

func (c *wordCache) get(w string) ([]float32, bool) {
	c.mu.RLock()
	v, ok := c.m[w]
	c.mu.RUnlock()
	return v, ok
}

func (c *wordCache) put(w string, v []float32) {
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[strings.Clone(w)] = v
	c.mu.Unlock()
}

// lword is a word of a line: its offsets and the penalty for a change of
// language between the word before it and this one.
type lword struct {
	start, end int
	penalty    float64
}

// lineWords returns the words of piece p of line. A word is a run of letters
// and marks, with apostrophes and hyphens between letters ("l'espace",
// "Grün-Helligkeit") kept inside it.
func lineWords(line string, p piece) []lword {
	var ws []lword
	gapStart := p.start
	for i := p.start; i < p.end; {
		r, n := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		start := i
		for i < p.end {
			r, n := utf8.DecodeRuneInString(line[i:])
			if unicode.IsLetter(r) || unicode.IsMark(r) {
				i += n
				continue
			}
			if r == '\'' || r == '’' || r == '-' || r == '‐' {
				if r2, _ := utf8.DecodeRuneInString(line[i+n:]); i+n < p.end && unicode.IsLetter(r2) {
					i += n
					continue
				}
			}
			break
		}
		pen := 0.0
		if len(ws) > 0 {
			pen = gapPenalty(line[gapStart:start])
		}
		ws = append(ws, lword{start: start, end: i, penalty: pen})
		gapStart = i
	}
	return ws
}

// gapPenalty returns the cost of a change of language across gap, the text
// between two words.
func gapPenalty(gap string) float64 {
	pen := switchSpace
	for i, r := range gap {
		switch r {
		case '.', '!', '?', '…':
			if rest := gap[i+utf8.RuneLen(r):]; rest == "" || strings.IndexFunc(rest, unicode.IsSpace) >= 0 {
				return switchSentence
			}
			pen = min(pen, switchMark)
		case ',':
			pen = min(pen, switchComma)
		case ' ':
		default:
			if unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsDigit(r) {
				pen = min(pen, switchMark)
			}
		}
	}
	return pen
}

// maxBlock is the most bytes of a line the word pass labels at once, so that
// its memory stays bounded on a line of any length.
const maxBlock = 4096

// blocks cuts piece p of line into parts of at most maxBlock bytes, each
// cut after a sentence end in the second half of the block when there is
// one, else after a space, else at a rune boundary.
func blocks(line string, p piece) []piece {
	var out []piece
	for p.end-p.start > maxBlock {
		limit := p.start + maxBlock
		cut := -1
		half := line[p.start+maxBlock/2 : limit]
		for _, end := range []string{". ", "! ", "? ", "… "} {
			if k := strings.LastIndex(half, end); k >= 0 {
				cut = max(cut, p.start+maxBlock/2+k+len(end))
			}
		}
		if cut < 0 {
			if k := strings.LastIndexByte(half, ' '); k >= 0 {
				cut = p.start + maxBlock/2 + k + 1
			}
		}
		if cut < 0 {
			cut = limit
			for cut > p.start && !utf8.RuneStart(line[cut]) {
				cut--
			}
		}
		out = append(out, piece{start: p.start, end: cut, s: p.s})
		p.start = cut
	}
	return append(out, p)
}

// run is a part of a line assigned one language by the word pass.
type run struct {
	start, end int
	lang       string
	conf       float64
}

// wordRuns cuts piece p of line (a script shared by several languages) where
// the word pass finds a change of language. Text before the first word and
// after the last stays with them; the cut between two runs is at the start
// of the second run's first word, before any opening bracket or quote.
func (d *Detector) wordRuns(line string, p piece) []run {
	ws := lineWords(line, p)
	if len(ws) == 0 { // a block of a long piece without letters
		return []run{{p.start, p.end, "", 0}}
	}
	cands := d.byScript[p.s]
	k := len(cands)
	idx := make([]int, k)
	for j, c := range cands {
		idx[j] = d.sharedIdx[c]
	}
	// Viterbi over words: score[j] is the best total ending in cands[j].
	score := make([]float64, k)
	next := make([]float64, k)
	back := make([]int32, len(ws)*k) // best previous language per word and language
	em := make([]float64, len(ws)*k) // weighted word scores
	for i, w := range ws {
		sc := d.wordScores(strings.ToLower(line[w.start:w.end]))
		weight := float64(min(utf8.RuneCountInString(line[w.start:w.end]), maxWordWeight)) / 4
		best := 0
		for j := 1; j < k; j++ {
			if score[j] > score[best] {
				best = j
			}
		}
		for j := 0; j < k; j++ {
			from, v := j, score[j]
			if i > 0 && score[best]-w.penalty > v {
				from, v = best, score[best]-w.penalty
			}
			back[i*k+j] = int32(from)
			em[i*k+j] = weight * float64(sc[idx[j]])
			next[j] = v + em[i*k+j]
		}
		score, next = next, score
	}
	best := 0
	for j := 1; j < k; j++ {
		if score[j] > score[best] {
			best = j
		}
	}
	labels := make([]int, len(ws))
	for i := len(ws) - 1; i >= 0; i-- {
		labels[i] = best
		best = int(back[i*k+best])
	}
	var runs []run
	start, first := p.start, 0
	for i := 1; i <= len(ws); i++ {
		if i < len(ws) && labels[i] == labels[i-1] {
			continue
		}
		var conf float64
		if i-first <= shortRunWords {
			conf = d.confidence(line[ws[first].start:ws[i-1].end], cands[labels[i-1]])
		} else {
			conf = posterior(em[first*k:i*k], k, labels[i-1])
		}
		if i == len(ws) {
			runs = append(runs, run{start, p.end, cands[labels[i-1]], conf})
			break
		}
		cut := ws[i].start
		for cut > ws[i-1].end {
			r, n := utf8.DecodeLastRuneInString(line[:cut])
			if !isOpening(r) {
				break
			}
			cut -= n
		}
		runs = append(runs, run{start, cut, cands[labels[i-1]], conf})
		start, first = cut, i
	}
	return runs
}

// posterior returns the share of language j in the softmax of the summed
// word scores em (rows of k languages): the confidence of a run.
func posterior(em []float64, k, j int) float64 {
	sum := make([]float64, k)
	for i, v := range em {
		sum[i%k] += v
	}
	top := sum[0]
	for _, v := range sum {
		top = max(top, v)
	}
	z := 0.0
	for _, v := range sum {
		z += math.Exp(v - top)
	}
	return math.Round(math.Exp(sum[j]-top)/z*1e6) / 1e6
}

package pipeline

import (
	"github.com/paraline/paraline/corpus"
	"strings"

	"github.com/paraline/paraline/lang/repair"
	"github.com/paraline/paraline/lang/split"
)

// Sentence is one body sentence of a document.
type Sentence struct {
	Lang string
	// Text is the sentence after glue repair, on one line.
	Text string
	// RawStart and RawEnd are byte offsets of the sentence in the raw document.
	RawStart, RawEnd int
	// Span is the index of the span in DocResult.Spans the sentence comes from.
	Span int
}

// textStages holds the per-language text stages: glue repair and sentence
// splitting. All are safe for concurrent use.
type textStages struct {
	repairers map[string]*repair.Repairer
	splitters map[string]*split.Splitter
}

func newTextStages(langs []string, o Options, vocab *repair.Vocab) (*textStages, error) {
	t := &textStages{repairers: map[string]*repair.Repairer{}, splitters: map[string]*split.Splitter{}}
	for _, l := range langs {
		if !o.NoSplit {
			t.splitters[l] = split.New(l)
		}
		if o.NoRepair || !canRepair(l) {
			continue
		}
		opts := []repair.Option{repair.WithFixPunct(o.FixPunct)}
		if vocab != nil {
			opts = append(opts, repair.WithVocab(vocab))
		}
		r, err := repair.New(l, opts...)
		if err != nil {
			return nil, err
		}
		t.repairers[l] = r
	}
	return t, nil
}

func canRepair(l string) bool {
	for _, x := range repair.Languages() {
		if x == l {
			return true
		}
	}
	return false
}

// piece is a part of a span's text with its offsets in the span.
type piece struct {
	start, end int
	text       string
}

// sentences repairs and splits the text of one body span of language l.
// Offsets of the pieces are into text (the span as it was before repair).
// It also returns the number of repair edits.
func (t *textStages) sentences(l, text string) ([]piece, int) {
	fixed := text
	edits := 0
	if r := t.repairers[l]; r != nil {
		var e []repair.Edit
		fixed, e = r.Repair(text)
		edits = len(e)
	}
	toOrig := insertedMap(text, fixed)
	sp := t.splitters[l]
	if sp == nil {
		s := strings.TrimSpace(fixed)
		if s == "" {
			return nil, edits
		}
		a := strings.Index(fixed, s)
		return []piece{{start: toOrig(a), end: toOrig(a + len(s)), text: corpus.OneLine(s)}}, edits
	}
	var out []piece
	for _, s := range sp.Split(fixed) {
		if line := corpus.OneLine(s.Text); line != "" {
			out = append(out, piece{start: toOrig(s.Start), end: toOrig(s.End), text: line})
		}
	}
	return out, edits
}

// insertedMap returns a function mapping an offset in fixed (orig with
// spaces inserted) back to an offset in orig.
func insertedMap(orig, fixed string) func(int) int {
	if len(orig) == len(fixed) {
		return func(i int) int { return i }
	}
	var ins []int // offsets in fixed of inserted spaces, ascending
	for i, j := 0, 0; j < len(fixed); j++ {
		if i < len(orig) && orig[i] == fixed[j] {
			i++
			continue
		}
		ins = append(ins, j)
	}
	return func(k int) int {
		n := 0
		for n < len(ins) && ins[n] < k {
			n++
		}
		return k - n
	}
}

package pipeline

import "github.com/paraline/paraline/clean"

// DedupKeys returns the deduplication keys (clean.DedupKeys: exact, then
// normalised) of the sentence pairs that job result pr gives the pair
// filters, in the order a Writer adds them: its aligned beads whose score
// is not below minScore (nil: no minimum). A distributed run finds the
// first occurrence of every key over the whole run with them (a keyed
// combine) and gives its writer the decisions (Writer.DecideDuplicates).
func (pr *PairResult) DedupKeys(minScore *float64) [][2]uint64 {
	if pr.Tgt == nil {
		return nil
	}
	var out [][2]uint64
	for _, b := range pr.Beads {
		if beadReject(b, minScore).key != "" {
			continue
		}
		e, n := clean.DedupKeys(&clean.Pair{Src: joinSentences(pr.SrcSents, b.Src), Tgt: joinSentences(pr.TgtSents, b.Tgt)})
		out = append(out, [2]uint64{e, n})
	}
	return out
}

// DecideDuplicates makes fn decide the deduplication of a two-version
// run's sentence pairs in place of the Writer's own table
// (clean.Stream.DecideDuplicates): fn is called once per pair given to the
// pair filters, in order, with its keys (PairResult.DedupKeys). It does
// nothing when the run does not deduplicate. Call it before AddPair.
func (w *Writer) DecideDuplicates(fn clean.DuplicateFunc) {
	if w.w.pairs != nil && w.w.pairs.stream != nil {
		w.w.pairs.stream.DecideDuplicates(fn)
	}
}

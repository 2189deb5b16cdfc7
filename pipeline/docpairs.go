package pipeline

import (
	"context"
	"fmt"

	"github.com/paraline/paraline/docpair"
)

// Pairing by the evidence of the documents themselves (package docpair).
const (
	PairByURL     = "url"     // URL, path and markup evidence only
	PairByContent = "content" // content evidence only
)

// usesDocpair reports whether rule pairs through package docpair.
func usesDocpair(rule string) bool {
	return rule == PairByAuto || rule == PairByURL || rule == PairByContent
}

// docpairJobs pairs the documents of refs with docpair (--pair-by
// auto|url|content) and returns the jobs: pairs in the order of
// docpairs.tsv, then the unpaired documents by ID. The result is kept for
// docpairs.tsv and the report.
func (e *Engine) docpairJobs(ctx context.Context, refs []docRef) ([]pairJob, error) {
	l1, l2 := e.opts.Langs[0], e.opts.Langs[1]
	by := e.opts.PairBy
	p, err := docpair.NewPairer(docpair.Options{Src: l1, Tgt: l2, By: by, Workers: e.opts.Workers})
	if err != nil {
		return nil, err
	}
	byPath := map[string]docRef{}
	paths := make([]string, 0, len(refs))
	for _, r := range refs {
		if _, dup := byPath[r.path]; dup {
			continue
		}
		byPath[r.path] = r
		paths = append(paths, r.path)
	}
	var singles []pairJob
	read, _, err := p.AddInputs(ctx, paths, docpair.ReadOptions{Encoding: e.opts.Encoding, NoRepeat: e.opts.NoRepeat,
		Workers: e.opts.Workers, SourceIDs: true,
		// A document that cannot be read goes through the run alone, which
		// reports it.
		OnFailed: func(id string, _ error) { singles = append(singles, pairJob{src: byPath[id]}) }})
	if err != nil {
		return nil, fmt.Errorf("pair documents: %w", err)
	}
	if read > len(paths) {
		// A WARC holds many documents; a pair job names a file.
		return nil, fmt.Errorf("--pair-by %s: %d documents in %d files: pairing the records of an archive (WARC) is not done by run yet; 'paraline pair' lists them in docpairs.tsv", by, read, len(paths))
	}
	res, err := p.Pair()
	if err != nil {
		return nil, err
	}
	var jobs []pairJob
	for i, pr := range res.Pairs {
		jobs = append(jobs, pairJob{src: byPath[pr.Src], tgt: byPath[pr.Tgt]})
		res.Pairs[i].Src, res.Pairs[i].Tgt = byPath[pr.Src].id, byPath[pr.Tgt].id
	}
	for _, ids := range res.Unpaired {
		for _, id := range ids {
			singles = append(singles, pairJob{src: byPath[id]})
		}
	}
	sortJobs(singles)
	e.docpairs = res
	return append(jobs, singles...), nil
}

// writeDocPairs writes DIR/docpairs.tsv and counts the pairs by method and
// the unpaired documents by language in the report.
func (w *runWriter) writeDocPairs(res *docpair.Result) error {
	f, err := w.create("docpairs.tsv")
	if err != nil {
		return err
	}
	if err := docpair.WriteTSV(f, res.Pairs); err != nil {
		return fmt.Errorf("write docpairs.tsv: %w", err)
	}
	w.rep.Outputs["docpairs.tsv"] = len(res.Pairs)
	w.rep.Pairs.ByMethod = res.ByMethod
	w.rep.Pairs.UnpairedByLang = map[string]int{}
	for l, ids := range res.Unpaired {
		if l == "" {
			l = "none"
		}
		w.rep.Pairs.UnpairedByLang[l] += len(ids)
	}
	w.rep.Pairs.Untranslated = res.Untranslated
	return nil
}

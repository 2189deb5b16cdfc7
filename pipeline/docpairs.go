package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/paraline/paraline/corpus"
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
	records := 0
	_, _, err = p.AddInputs(ctx, paths, docpair.ReadOptions{Encoding: e.opts.Encoding, NoRepeat: e.opts.NoRepeat,
		Workers: e.opts.Workers, SourceIDs: true,
		// A document that cannot be read goes through the run alone, which
		// reports it (a record of an archive cannot be read again: it is
		// left out).
		OnFailed: func(id string, _ error) {
			if !corpus.IsWARCName(id) {
				singles = append(singles, pairJob{src: byPath[id]})
			}
		},
		// A pair job names a file: the pages of an archive are spooled to
		// files of their own (their HTTP payloads, which the offsets of
		// rejects.jsonl refer to), named by their URLs.
		OnDocument: func(d *corpus.Document) error {
			if d.URL == "" || !corpus.IsWARCName(d.Source) {
				return nil
			}
			if e.spool == "" {
				dir, err := os.MkdirTemp("", "paraline-records-")
				if err != nil {
					return err
				}
				e.spool = dir
			}
			records++
			ext := ".txt"
			if d.Format == corpus.FormatHTML {
				ext = ".html"
			}
			path := filepath.Join(e.spool, fmt.Sprintf("%08d%s", records, ext))
			if err := os.WriteFile(path, d.Raw, 0o600); err != nil {
				return fmt.Errorf("spool %s: %w", d.URL, err)
			}
			byPath[path] = docRef{path: path, id: d.URL}
			d.ID = path
			return nil
		}})
	if err != nil {
		return nil, fmt.Errorf("pair documents: %w", err)
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
	// In the order of the IDs the outputs show (URLs for records).
	sort.Sort(jobsAndPairs{jobs, res.Pairs})
	for _, ids := range res.Unpaired {
		for _, id := range ids {
			singles = append(singles, pairJob{src: byPath[id]})
		}
	}
	sortJobs(singles)
	e.docpairs = res
	return append(jobs, singles...), nil
}

// autoPair makes the run a two-version run paired by PairByAuto when
// Options.AutoPair applies (see there): it pairs the inputs and keeps the
// jobs when each of the two languages has more than one document, else it
// leaves the run as it is.
func (e *Engine) autoPair(ctx context.Context) error {
	o := &e.opts
	if !o.AutoPair || o.Pairs != "" || o.PairBy != "" || o.TranslateTo != "" || len(o.Langs) < 2 ||
		len(o.Inputs) == 0 || contains(o.Inputs, "-") {
		return nil
	}
	refs, err := listInputs(o.Inputs)
	if err != nil {
		return err
	}
	if len(refs) < 4 && !slices.ContainsFunc(refs, func(r docRef) bool { return corpus.IsWARCName(r.path) }) {
		return nil // fewer than two documents per language
	}
	o.PairBy = PairByAuto
	jobs, err := e.docpairJobs(ctx, refs)
	if err != nil {
		o.PairBy = ""
		return err
	}
	res := e.docpairs
	n1, n2 := len(res.Pairs)+len(res.Unpaired[o.Langs[0]]), len(res.Pairs)+len(res.Unpaired[o.Langs[1]])
	if n1 < 2 || n2 < 2 {
		o.PairBy, e.docpairs = "", nil
		return e.Close() // remove spooled records
	}
	e.jobs, e.paired = jobs, true
	o.warn(fmt.Sprintf("pairing the documents by their versions (%d pairs; the default with two languages and several documents of each; --pair-by none runs without pairing)", len(res.Pairs)))
	// The first pass reads every document of the jobs.
	o.Inputs = nil
	for _, j := range jobs {
		for _, r := range []docRef{j.src, j.tgt} {
			if r.path != "" {
				o.Inputs = append(o.Inputs, r.path)
			}
		}
	}
	return nil
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

// Close removes what the engine left on disk: the pages of archives
// spooled for a two-version run. It is safe to call more than once.
func (e *Engine) Close() error {
	if e.spool == "" {
		return nil
	}
	err := os.RemoveAll(e.spool)
	e.spool = ""
	return err
}

// jobsAndPairs sorts pair jobs and their docpair.Pair together by the
// pairs' IDs.
type jobsAndPairs struct {
	jobs  []pairJob
	pairs []docpair.Pair
}

func (x jobsAndPairs) Len() int { return len(x.jobs) }
func (x jobsAndPairs) Less(i, j int) bool {
	a, b := x.pairs[i], x.pairs[j]
	return a.Src < b.Src || a.Src == b.Src && a.Tgt < b.Tgt
}
func (x jobsAndPairs) Swap(i, j int) {
	x.jobs[i], x.jobs[j] = x.jobs[j], x.jobs[i]
	x.pairs[i], x.pairs[j] = x.pairs[j], x.pairs[i]
}

package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/docpair"
	"github.com/paraline/paraline/lang"
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

// testHookDocpair, when set by a test, is called each time documents are
// read and paired by docpair.
var testHookDocpair func()

// docpairJobs pairs the documents of refs with docpair (--pair-by
// auto|url|content) and returns the jobs: pairs in the order of
// docpairs.tsv, then the unpaired documents by ID. The result is kept for
// docpairs.tsv and the report. pre, when not nil, is what screenInputs
// learnt reading the inputs: the evidence of the first pass (e.early) is
// complete, and docpair takes the lines it counted.
func (e *Engine) docpairJobs(ctx context.Context, refs []docRef, pre *screened) ([]pairJob, error) {
	if testHookDocpair != nil {
		testHookDocpair()
	}
	l1, l2 := e.opts.Langs[0], e.opts.Langs[1]
	by := e.opts.PairBy
	p, err := docpair.NewPairer(docpair.Options{Src: l1, Tgt: l2, By: by, Workers: e.opts.Workers, Verifier: lang.NewVerifier([]string{l1, l2})})
	if err != nil {
		return nil, err
	}
	byPath := map[string]docRef{}
	for _, r := range refs {
		if _, dup := byPath[r.path]; !dup {
			byPath[r.path] = r
		}
	}
	paths := refPaths(refs)
	var singles []pairJob
	ids := map[string]string{} // Document.ID a Reader gives each file -> its path
	for _, in := range corpus.ExpandAll(paths, corpus.Options{FS: e.opts.FS}) {
		ids[in.Path] = in.ID
	}
	// The evidence of the first pass is collected beside docpair's
	// reading, in a goroutine of its own (Evidence.AddDocument is safe for
	// concurrent use; it reads no field that OnDocument changes).
	var evDocs chan *corpus.Document
	evDone := make(chan struct{})
	if e.early != nil && pre == nil {
		evDocs = make(chan *corpus.Document, 64)
		// The channel is passed, not read from evDocs, which stopEvidence
		// sets to nil: a goroutine scheduled late would range over nil.
		go func(docs <-chan *corpus.Document) {
			defer close(evDone)
			for d := range docs {
				e.early.AddDocument(d)
			}
		}(evDocs)
	} else {
		close(evDone)
	}
	stopEvidence := func() {
		if evDocs != nil {
			close(evDocs)
			evDocs = nil
		}
		<-evDone
	}
	defer stopEvidence()
	// docpair reads the documents as the run does (the same options), so
	// that it pairs the documents the jobs read: no page that the run
	// fails or skips is half of a pair.
	var counter *lang.LineCounter
	if pre != nil {
		counter = pre.counter
	}
	_, _, err = p.AddInputs(ctx, paths, docpair.ReadOptions{Encoding: e.opts.Encoding, NoRepeat: e.opts.NoRepeat,
		MaxLineBytes: e.opts.MaxLineBytes, KeepStatus: e.opts.KeepStatus, Workers: e.opts.Workers, Counter: counter, FS: e.opts.FS,
		// A document that cannot be read goes through the run alone, which
		// reports it: a file is read again, a record of an archive keeps
		// its error.
		OnFailed: func(id string, err error) {
			var re *corpus.ReadError
			if errors.As(err, &re) {
				if r, ok := byPath[re.File]; ok && ids[re.File] == id {
					singles = append(singles, pairJob{src: r})
					return
				}
				singles = append(singles, pairJob{src: docRef{path: re.File, id: id, err: err}})
				return
			}
			// corpus names every failure with a ReadError; any other is
			// reported all the same, not dropped.
			singles = append(singles, pairJob{src: docRef{path: id, id: id, err: err}})
		},
		// A record that is not a page (a request, a 404 response, an
		// image) is a job of its own, which counts it and writes its
		// reason to the rejects as a run without pairing does.
		OnSkipped: func(d *corpus.Document) {
			singles = append(singles, pairJob{src: docRef{path: d.Source, id: d.ID, skip: d.Skip, size: d.Size}})
		},
		// A file is named by its path; a page of an archive by its record
		// (its archive and offset), which the pair job reads again, and
		// keeps its URL as ID for the outputs.
		OnDocument: func(d *corpus.Document) error {
			if evDocs != nil {
				evDocs <- d
			}
			if d.Record == nil {
				d.ID = d.Source
				return nil
			}
			if e.records == nil {
				o, err := corpus.NewRecordOpener(e.readOptions())
				if err != nil {
					return err
				}
				e.records = o
			}
			rec := *d.Record
			key := rec.String()
			byPath[key] = docRef{path: d.Source, id: d.ID, rec: &rec}
			d.ID = key
			return nil
		}})
	stopEvidence()
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
func (e *Engine) autoPair(ctx context.Context, early bool) error {
	o := &e.opts
	if !o.AutoPair || o.Pairs != "" || o.PairBy != "" || o.TranslateTo != "" || len(o.Langs) < 2 ||
		len(o.Inputs) == 0 || contains(o.Inputs, "-") {
		return nil
	}
	refs, err := listInputs(o.Inputs, o.FS)
	if err != nil {
		return err
	}
	if len(refs) < 4 && !slices.ContainsFunc(refs, func(r docRef) bool { return corpus.IsWARCName(r.path) }) {
		return nil // fewer than two documents per language
	}
	o.PairBy = PairByAuto
	var ev *Evidence
	if early {
		if ev = NewEvidence(e.opts); ev.empty() {
			ev = nil
		}
	}
	// Not a bilingual crawl: the run goes on without pairing. The evidence
	// collected while the inputs were read for pairing (every document
	// once, with the run's reading options) is the first pass's, unless
	// an input is named twice: the run reads it twice, and its first pass
	// reads the inputs as they were given.
	unpaired := func() error {
		o.PairBy, e.docpairs, e.early = "", nil, ev
		if !distinctPaths(refs) {
			e.early = nil
		}
		return e.Close() // close the archives docpair named
	}
	pre, err := e.screenInputs(ctx, refPaths(refs), ev)
	if err != nil {
		o.PairBy = ""
		return err
	}
	if !pre.bilingual {
		return unpaired()
	}
	e.early = ev
	jobs, err := e.docpairJobs(ctx, refs, &pre)
	if err != nil {
		o.PairBy, e.early = "", nil
		return err
	}
	res := e.docpairs
	n1, n2 := len(res.Pairs)+len(res.Unpaired[o.Langs[0]]), len(res.Pairs)+len(res.Unpaired[o.Langs[1]])
	if n1 < 2 || n2 < 2 {
		return unpaired()
	}
	e.setJobs(jobs)
	o.warn(fmt.Sprintf("pairing the documents by their versions (%d pairs; the default with two languages and several documents of each; --pair-by none runs without pairing)", len(res.Pairs)))
	return nil
}

// refPaths returns the paths of refs, each once, in order.
func refPaths(refs []docRef) []string {
	seen := make(map[string]bool, len(refs))
	paths := make([]string, 0, len(refs))
	for _, r := range refs {
		if !seen[r.path] {
			seen[r.path] = true
			paths = append(paths, r.path)
		}
	}
	return paths
}

// distinctPaths reports whether no file is listed twice in refs.
func distinctPaths(refs []docRef) bool {
	seen := make(map[string]bool, len(refs))
	for _, r := range refs {
		if seen[r.path] {
			return false
		}
		seen[r.path] = true
	}
	return true
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
	w.rep.Pairs.OtherLanguage = res.OtherLanguage
	return nil
}

// Close closes the archives whose records the pair jobs read again (and
// removes the temporary copy of an archive compressed as a whole: see
// corpus.RecordOpener), and removes the copy of standard input that the
// first pass made. It is safe to call more than once; the engine opens
// the archives again if it is used afterwards.
func (e *Engine) Close() error {
	var err error
	if e.stdinCopy != nil {
		err = e.stdinCopy.Close()
		if rerr := os.Remove(e.stdinCopy.Name()); err == nil && !errors.Is(rerr, os.ErrNotExist) {
			err = rerr
		}
		e.stdinCopy = nil
	}
	if e.records != nil {
		if cerr := e.records.Close(); err == nil {
			err = cerr
		}
	}
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

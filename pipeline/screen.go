package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/docpair"
	"github.com/paraline/paraline/lang"
)

// screened is what screenInputs learnt of the inputs of a run that pairs
// by default.
type screened struct {
	// bilingual is false when the inputs cannot hold two documents of
	// each language for pairing: the run need not pair them.
	bilingual bool
	// counter holds the lines of the documents as docpair counts them
	// (docpair.ReadOptions.Counter); nil with NoRepeat, or when some
	// document turned out to be a WARC record that the pass did not count
	// for docpair (see screenInputs): docpair then counts them itself.
	counter *lang.LineCounter
}

// suspect is a document that docpair.Screen.Look says may be a document in
// a language: its file, its record in an archive (nil for a file) and
// Look's values. Screening keeps one per such document (a fingerprint
// keeps a few kB), so it is small.
type suspect struct {
	path     string
	rec      *corpus.RecordRef
	src, tgt float32
}

// ref returns the docRef of s, with the ID docpairJobs gives the document.
func (s suspect) ref() docRef {
	if s.rec != nil {
		return docRef{path: s.path, id: s.rec.String(), rec: s.rec}
	}
	return docRef{path: s.path, id: s.path}
}

// screenInputs reads the documents of paths once, as docpair would read
// them, to tell whether pairing them can find a bilingual crawl (two
// documents of each language, see autoPair) without pairing them. The pass
// adds every readable document to ev (when not nil: it is the run's first
// pass) and counts its lines for docpair; docpair.Screen.Look says which
// documents may be of each language. With fewer than two that may be of a
// language, the crawl is not bilingual. Else, when the two languages are
// written in different scripts, the documents that may be of the language
// with fewer of them are classified as docpair would classify them
// (Screen.Sides), those with most letters of the language's script first,
// until two are found to be of that language (the crawl may be bilingual:
// docpair decides) or none is left (it is not).
//
// A monolingual crawl is so read once, as a run without pairing reads it
// for its first pass, and a few of its documents once more (those with
// letters of the other language's script); a bilingual one as docpair
// reads it, the pass counting its lines for docpair included.
func (e *Engine) screenInputs(ctx context.Context, paths []string, ev *Evidence) (screened, error) {
	o := e.opts
	l1, l2 := o.Langs[0], o.Langs[1]
	p, err := docpair.NewPairer(docpair.Options{Src: l1, Tgt: l2, By: o.PairBy, Workers: o.Workers, Verifier: lang.NewVerifier([]string{l1, l2})})
	if err != nil {
		return screened{}, err
	}
	// docpair counts the lines of every document for the run's default
	// site (lang.LineCounter.AddDocument), the evidence of the run by
	// site (siteOf): the same counts while no document has a site, which
	// only WARC records have. The evidence's counter then serves both;
	// when an input looks like an archive, docpair gets its own.
	var counter *lang.LineCounter
	shared := false
	if !o.NoRepeat {
		hasArchive := slices.ContainsFunc(paths, corpus.IsWARCName)
		if ev != nil && ev.Lines != nil && !hasArchive {
			counter, shared = ev.Lines, true
		} else {
			counter = lang.NewLineCounter(0)
		}
	}
	sc, err := p.NewScreen(nil, nil) // the counter is complete after the pass
	if err != nil {
		return screened{}, err
	}
	var sites atomic.Bool // a document with a site was counted for the evidence alone
	r := corpus.NewReader(paths, nil, e.readOptions())
	defer r.Close() // an archive left open when reading stops early
	next := func() (*corpus.Document, bool, error) {
		if r.Next() {
			return r.Document(), true, nil
		}
		return nil, false, r.Err()
	}
	var sus []suspect
	nSrc, nTgt := 0, 0
	err = ordered(ctx, o.Workers, next, func(d *corpus.Document) *suspect {
		if d.Err != nil || d.Skip != "" {
			return nil
		}
		if ev != nil {
			ev.AddDocument(d)
		}
		if counter != nil {
			if !shared {
				counter.AddDocument(d.Text)
			} else if siteOf(d) != "" {
				sites.Store(true)
			}
		}
		// The ID docpairJobs gives the document: a file's path, a
		// record's place in its archive.
		s := suspect{path: d.Source}
		if d.Record != nil {
			rec := *d.Record
			s.rec = &rec
		}
		d.ID = s.ref().id
		src, tgt := sc.Look(d)
		if src == 0 && tgt == 0 {
			return nil
		}
		s.src, s.tgt = float32(src), float32(tgt)
		return &s
	}, func(s *suspect) error {
		if s != nil {
			sus = append(sus, *s)
			if s.src > 0 {
				nSrc++
			}
			if s.tgt > 0 {
				nTgt++
			}
		}
		return nil
	})
	if err != nil {
		return screened{}, fmt.Errorf("pair documents: %w", err)
	}
	res := screened{counter: counter}
	if sites.Load() {
		res.counter = nil // counted by site: docpair counts again
	}
	if nSrc < 2 || nTgt < 2 {
		return res, nil
	}
	if !sc.Scripts() || res.counter == nil && !o.NoRepeat {
		// Look cannot tell the documents of one language from the
		// other's, or the lines are not counted as docpair counts them:
		// docpair decides.
		res.bilingual = true
		return res, nil
	}
	// The language with fewer documents that may be of it; its documents,
	// likeliest first (the most letters of its script), in input order
	// among equals.
	share := func(s suspect) float32 { return s.tgt }
	if nSrc < nTgt {
		share = func(s suspect) float32 { return s.src }
	}
	sus = slices.DeleteFunc(sus, func(s suspect) bool { return share(s) == 0 })
	slices.SortStableFunc(sus, func(a, b suspect) int { return cmp.Compare(share(b), share(a)) })
	sc, err = p.NewScreen(res.counter, nil)
	if err != nil {
		return screened{}, err
	}
	res.bilingual, err = e.screenSides(ctx, sc, sus, nSrc < nTgt)
	return res, err
}

// screenSides reads and classifies the documents of sus (see
// screenInputs) until two are found to be of the language (Src when src,
// else Tgt), and reports whether two were. A document that cannot be read
// again counts as one of the language. The answer does not depend on the
// number of workers, only the work done before it does.
func (e *Engine) screenSides(ctx context.Context, sc *docpair.Screen, sus []suspect, src bool) (bool, error) {
	if e.records == nil && slices.ContainsFunc(sus, func(s suspect) bool { return s.rec != nil }) {
		o, err := corpus.NewRecordOpener(e.readOptions())
		if err != nil {
			return false, err
		}
		e.records = o
	}
	var found, next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < max(1, e.opts.Workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for found.Load() < 2 && ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(len(sus)) {
					return
				}
				d := e.readOne(sus[i].ref())
				is := d.Err != nil || d.Skip != ""
				if !is {
					s, t := sc.Sides(d)
					is = src && s || !src && t
				}
				if is {
					found.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return false, err
	}
	return found.Load() >= 2, nil
}

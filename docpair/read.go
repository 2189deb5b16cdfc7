package docpair

import (
	"context"
	"fmt"
	"io/fs"
	"sync"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// ReadOptions configures AddInputs.
type ReadOptions struct {
	// Encoding forces the input encoding ("" detects it per document).
	Encoding string
	// MaxLineBytes limits the length of one line of a document's text: a
	// document with a longer line fails (see corpus.Options.MaxLineBytes;
	// 0 means corpus.DefaultMaxLineBytes, negative no limit).
	MaxLineBytes int64
	// KeepStatus reads the HTTP responses of WARC archives whatever their
	// status (see corpus.Options.KeepStatus); by default a non-2xx
	// response is skipped.
	KeepStatus bool
	// NoRepeat skips the first pass that counts lines repeated across
	// documents (evidence for boilerplate, such as menus).
	NoRepeat bool
	// Counter, when set, holds the lines of the documents of args already
	// counted (lang.LineCounter.AddDocument of each readable document,
	// read with these options), as a caller's own pass over them did
	// (see Screen): AddInputs then makes no first pass. Ignored with
	// NoRepeat.
	Counter *lang.LineCounter
	// FS, when not nil, holds the files args name (see corpus.Options.FS).
	FS fs.FS
	// Workers is the number of documents classified at once; default 1.
	Workers int
	// Detector, when set, is used instead of one built for Src and Tgt.
	Detector *lang.Detector
	// OnFailed, when set, is called for each document that could not be
	// read, in input order.
	OnFailed func(id string, err error)
	// SourceIDs names each document by the path it was opened from
	// (corpus.Document.Source) instead of its ID, for callers that list
	// the files themselves.
	SourceIDs bool
	// OnSkipped, when set, is called with each input the reader passed
	// over as not a document (corpus.Document.Skip: a WARC request, a
	// non-2xx response, an image), in input order, so that a caller can
	// account for it; such inputs are not paired.
	OnSkipped func(d *corpus.Document)
	// OnDocument, when set, is called with each readable document, in
	// input order, before it is classified; it may change the document's
	// ID. An error stops AddInputs.
	OnDocument func(d *corpus.Document) error
}

// batch is how many documents AddInputs classifies at once.
const batch = 256

// AddInputs reads the documents of args (files, directories, globs: see
// corpus.NewReader), classifies their spans as a run does (with the lines
// repeated across the documents as boilerplate evidence, unless NoRepeat)
// and adds each with FromDocument. It returns the number of documents read
// and of those that failed.
func (p *Pairer) AddInputs(ctx context.Context, args []string, ro ReadOptions) (read, failed int, err error) {
	if len(args) == 0 {
		return 0, 0, fmt.Errorf("docpair: no input named")
	}
	det := ro.Detector
	if det == nil {
		if det, err = lang.NewDetector([]string{p.opts.Src, p.opts.Tgt}); err != nil {
			return 0, 0, err
		}
	}
	langs := det.Langs()
	cls := &lang.Classifier{}
	copts := corpus.Options{Encoding: ro.Encoding, MaxLineBytes: ro.MaxLineBytes, KeepStatus: ro.KeepStatus, FS: ro.FS}
	if !ro.NoRepeat && ro.Counter != nil {
		cls.Counter = ro.Counter
	} else if !ro.NoRepeat {
		counter, err := countLines(ctx, args, copts)
		if err != nil {
			return 0, 0, err
		}
		cls.Counter = counter
	}
	workers := max(1, ro.Workers)
	r := corpus.NewReader(args, nil, copts)
	defer r.Close() // an archive left open when reading stops early
	var docs []*corpus.Document
	out := make([]Doc, batch)
	flush := func() {
		var wg sync.WaitGroup
		next := make(chan int)
		for w := 0; w < min(workers, len(docs)); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					d := docs[i]
					out[i] = FromDocument(d, cls.Classify(d.Text, det.Segment(d.Text)), langs)
				}
			}()
		}
		for i := range docs {
			next <- i
		}
		close(next)
		wg.Wait()
		for i := range docs {
			p.Add(out[i])
			out[i] = Doc{}
		}
		docs = docs[:0]
	}
	for r.Next() {
		if err := ctx.Err(); err != nil {
			return read, failed, err
		}
		d := r.Document()
		if d.Skip != "" {
			// Not a page (a WARC request, an image).
			if ro.OnSkipped != nil {
				ro.OnSkipped(d)
			}
			continue
		}
		if ro.SourceIDs {
			d.ID = d.Source
		}
		if ro.OnDocument != nil && d.Err == nil {
			if err := ro.OnDocument(d); err != nil {
				return read, failed, err
			}
		}
		read++
		if d.Err != nil {
			failed++
			if ro.OnFailed != nil {
				ro.OnFailed(d.ID, d.Err)
			}
			continue
		}
		docs = append(docs, d)
		if len(docs) == batch {
			flush()
		}
	}
	flush()
	if err := r.Err(); err != nil {
		return read, failed, err
	}
	return read, failed, nil
}

// countLines counts the lines of the documents of args, as evidence for
// boilerplate (lines repeated across documents).
func countLines(ctx context.Context, args []string, copts corpus.Options) (*lang.LineCounter, error) {
	counter := lang.NewLineCounter(0)
	r := corpus.NewReader(args, nil, copts)
	defer r.Close() // an archive left open when reading stops early
	for r.Next() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if d := r.Document(); d.Err == nil && d.Skip == "" {
			counter.AddDocument(d.Text)
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return counter, nil
}

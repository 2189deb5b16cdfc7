package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/docpair"
	"github.com/paraline/paraline/lang"
)

// Engine holds what a run builds once and shares between its workers: the
// language detector, the line counts of the first pass and the classifier.
type Engine struct {
	opts       Options
	det        Detector
	classifier *lang.Classifier
	text       *textStages
	jobs       []pairJob       // the jobs of a two-version run
	docpairs   *docpair.Result // the document pairs of --pair-by auto|url|content
	// records reads the WARC records of pair jobs again by their offsets
	// (see Close); nil until a job names one.
	records *corpus.RecordOpener
	// early is the evidence of the first pass, collected while docpair
	// read the documents (NewEngine of a --pair-by auto|url|content run),
	// so that collect need not read them again; nil otherwise.
	early  *Evidence
	paired bool // a two-version run
	// pairJudge runs the pair filters in the workers of a two-version run.
	// sc, when not nil, scores adequacy instead of the filters' scorer.
	pairJudge func(src, tgt, doc string, sc clean.PairScorer) *clean.Verdict
	hasStdin  bool
	// stdinCopy is the copy of standard input that the first pass makes
	// as it reads it, for the second pass (see reader); nil when there is
	// no first pass, which then streams standard input itself.
	stdinCopy *os.File
	evidence  *Evidence
}

// NewEngine validates opts, builds the detector and, unless opts.NoRepeat
// and opts.NoRepair, makes the first pass over the inputs to collect the
// run's Evidence (repeated lines, words).
func NewEngine(ctx context.Context, opts Options) (*Engine, error) {
	e, err := newEngineBase(ctx, opts)
	if err != nil {
		return nil, err
	}
	ev, err := e.collect(ctx)
	if err == nil {
		err = e.useEvidence(ev)
	}
	if err != nil {
		e.Close() // close the archives of pair jobs
		return nil, err
	}
	return e, nil
}

// collect makes the first pass: the evidence of every input document.
func (e *Engine) collect(ctx context.Context) (*Evidence, error) {
	if ev := e.early; ev != nil {
		e.early = nil
		return ev, nil
	}
	ev := NewEvidence(e.opts)
	if ev.empty() {
		return ev, nil
	}
	if err := e.firstPass(ctx, ev); err != nil {
		return nil, err
	}
	return ev, nil
}

// NewEngineWithEvidence is NewEngine with the evidence of the first pass
// given (loaded from a checkpoint, or merged from the parts of a
// distributed run): it reads no input. ev must come from NewEvidence with
// the same opts (CollectEvidence) and is not changed afterwards.
func NewEngineWithEvidence(ctx context.Context, opts Options, ev *Evidence) (*Engine, error) {
	e, err := newEngine(ctx, opts, false, nil)
	if err != nil {
		return nil, err
	}
	err = e.checkEvidence(ev)
	if err == nil {
		err = e.useEvidence(ev)
	}
	if err != nil {
		e.Close() // close the archives of pair jobs
		return nil, err
	}
	return e, nil
}

// newEngineBase validates opts and builds what does not depend on the
// first pass: the pair jobs, standard input, the detector, the classifier.
// A run that pairs with docpair collects the evidence of the first pass
// while docpair reads the documents, which collect then returns.
func newEngineBase(ctx context.Context, opts Options) (*Engine, error) {
	return newEngine(ctx, opts, true, nil)
}

// newEngine is newEngineBase; early false leaves the evidence to the
// caller (NewEngineWithEvidence). pairing, when not nil, is the pairing of
// the interrupted run that a resumed run takes instead of pairing again.
func newEngine(ctx context.Context, opts Options, early bool, pairing *pairingRecord) (_ *Engine, err error) {
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	e := &Engine{opts: opts}
	defer func() {
		if err != nil {
			e.Close() // close the archives of pair jobs
		}
	}()
	if pairing != nil {
		if err := e.usePairing(pairing); err != nil {
			return nil, err
		}
	} else if err := e.autoPair(ctx, early); err != nil {
		return nil, err
	}
	if !e.paired && (opts.Pairs != "" || opts.PairBy != "") {
		if early && usesDocpair(opts.PairBy) && opts.Pairs == "" {
			if ev := NewEvidence(e.opts); !ev.empty() {
				e.early = ev
			}
		}
		jobs, err := e.pairJobs(ctx)
		if err != nil {
			return nil, err
		}
		e.setJobs(jobs)
	}
	if !e.paired && (len(opts.Inputs) == 0 || contains(opts.Inputs, "-")) {
		// Standard input is streamed by the passes (see reader).
		e.hasStdin = opts.Stdin != nil
	}
	e.det = opts.Detector
	if e.det == nil {
		var dopts []lang.DetectorOption
		if opts.LowAccuracy {
			dopts = append(dopts, lang.WithLowAccuracy())
		}
		det, err := lang.NewDetector(opts.Langs, dopts...)
		if err != nil {
			return nil, err
		}
		e.det = det
	}
	e.classifier = &lang.Classifier{Options: opts.Boilerplate}
	if opts.MinRepeat > 0 {
		e.classifier.Options.MinRepeat = opts.MinRepeat
	}
	if opts.KeepLanguages {
		e.classifier.Options.MainLangShare = 2
	}
	return e, nil
}

// setJobs makes e a two-version run of jobs. The first pass reads every
// document of the jobs: each file once, each archive once (its records are
// the jobs').
func (e *Engine) setJobs(jobs []pairJob) {
	e.jobs, e.paired = jobs, true
	e.opts.Inputs = nil
	seen := map[string]bool{}
	for _, j := range jobs {
		for _, r := range []docRef{j.src, j.tgt} {
			if r.path != "" && !seen[r.path] {
				seen[r.path] = true
				e.opts.Inputs = append(e.opts.Inputs, r.path)
			}
		}
	}
}

// checkEvidence reports whether ev was collected with the options of e.
func (e *Engine) checkEvidence(ev *Evidence) error {
	want := NewEvidence(e.opts)
	if (want.Lines == nil) != (ev.Lines == nil) || (want.Vocab == nil) != (ev.Vocab == nil) {
		return errors.New("evidence was collected with other options (NoRepeat, NoRepair)")
	}
	return nil
}

// useEvidence gives the evidence of the first pass to the stages.
func (e *Engine) useEvidence(ev *Evidence) error {
	e.evidence = ev
	if ev.Lines != nil {
		e.classifier.Counter = ev.Lines
	}
	text, err := newTextStages(e.opts.Langs, e.opts, ev.Vocab)
	if err != nil {
		return err
	}
	e.text = text
	return nil
}

// Evidence returns the run's evidence of the first pass.
func (e *Engine) Evidence() *Evidence { return e.evidence }

// ctxReader reads r, but returns ctx's error as soon as ctx is done (a
// read from a terminal or a pipe may block for ever: the read goes on in a
// goroutine, whose bytes are then dropped).
type ctxReader struct {
	ctx     context.Context
	r       io.Reader
	pending chan ctxRead
}

type ctxRead struct {
	b   []byte
	err error
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if c.pending == nil {
		c.pending = make(chan ctxRead, 1)
		buf := make([]byte, len(p))
		go func(ch chan<- ctxRead) {
			n, err := c.r.Read(buf)
			ch <- ctxRead{buf[:n], err}
		}(c.pending)
	}
	select {
	case res := <-c.pending:
		c.pending = nil
		return copy(p, res.b), res.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Paired reports whether the run pairs documents (Options.Pairs or PairBy).
func (e *Engine) Paired() bool { return e.paired }

// Detector returns the run's language detector.
func (e *Engine) Detector() Detector { return e.det }

// reader returns a Reader over the inputs for one pass. Standard input is
// streamed: the first pass (first) copies it into a temporary file as it
// reads it, and the second reads the copy; without a first pass the
// second streams standard input itself. Only one document is held at a
// time, a WARC archive on standard input included.
func (e *Engine) reader(ctx context.Context, first bool) (*corpus.Reader, error) {
	var in io.Reader = bytes.NewReader(nil)
	switch {
	case !e.hasStdin:
	case first:
		f, err := os.CreateTemp("", "paraline-stdin-*")
		if err != nil {
			return nil, fmt.Errorf("copy stdin: %w", err)
		}
		e.stdinCopy = f
		// Gone when closed, even if the run is killed (where the system
		// allows removing an open file; else Close removes it).
		_ = os.Remove(f.Name())
		in = io.TeeReader(&ctxReader{ctx: ctx, r: e.opts.Stdin}, f)
	case e.stdinCopy != nil:
		if _, err := e.stdinCopy.Seek(0, io.SeekStart); err != nil {
			return nil, fmt.Errorf("read the copy of stdin: %w", err)
		}
		in = e.stdinCopy
	default:
		in = &ctxReader{ctx: ctx, r: e.opts.Stdin}
	}
	return corpus.NewReader(e.opts.Inputs, in, e.readOptions()), nil
}

// readOptions are the options every read of the run's documents uses: its
// passes, docpair's reading, the pair jobs' (files and records), so that
// each read sees the same documents.
func (e *Engine) readOptions() corpus.Options {
	return corpus.Options{Encoding: e.opts.Encoding, KeepStatus: e.opts.KeepStatus, MaxLineBytes: e.opts.MaxLineBytes, FS: e.opts.FS}
}

// documents returns a next function over the inputs for ordered.
// first is the first pass (see reader).
func (e *Engine) documents(ctx context.Context, first bool) (func() (*corpus.Document, bool, error), *corpus.Reader, error) {
	if e.paired && len(e.opts.Inputs) == 0 {
		return func() (*corpus.Document, bool, error) { return nil, false, nil }, nil, nil
	}
	r, err := e.reader(ctx, first)
	if err != nil {
		return nil, nil, err
	}
	return func() (*corpus.Document, bool, error) {
		if r.Next() {
			return r.Document(), true, nil
		}
		return nil, false, r.Err()
	}, r, nil
}

// firstPass adds the evidence of every document of the inputs to ev.
func (e *Engine) firstPass(ctx context.Context, ev *Evidence) error {
	next, rd, err := e.documents(ctx, true)
	if err != nil {
		return err
	}
	if rd != nil {
		defer rd.Close() // an archive left open when the pass stops early
	}
	if p := e.opts.Progress; p != nil {
		p.Start("counting lines")
		defer p.Finish()
	}
	err = ordered(ctx, e.opts.Workers, next, func(d *corpus.Document) int {
		ev.AddDocument(d)
		return len(d.Raw)
	}, func(n int) error {
		if p := e.opts.Progress; p != nil {
			p.Add(n)
		}
		return nil
	})
	if err == nil && e.stdinCopy != nil {
		// The Reader may have stopped before the end (a failed document):
		// the copy holds it all, as the second pass reads it.
		if _, cerr := io.Copy(e.stdinCopy, &ctxReader{ctx: ctx, r: e.opts.Stdin}); cerr != nil {
			err = fmt.Errorf("copy stdin: %w", cerr)
		}
	}
	return err
}

// siteOf names the site whose pages a document's lines are counted over:
// the host of its URL (a WARC record), or "" (the run) for files.
func siteOf(d *corpus.Document) string {
	if d.URL == "" {
		return ""
	}
	if u, err := url.Parse(d.URL); err == nil {
		return strings.ToLower(u.Host)
	}
	return ""
}

// SpanResult is one span of a document with its place in the raw input.
type SpanResult struct {
	lang.Span
	// RawStart and RawEnd are byte offsets into the document as read
	// (after gunzip, before decoding and normalisation).
	RawStart, RawEnd int
	// Text is the span's normalised text.
	Text string
}

// DocResult is what the pipeline made of one document.
type DocResult struct {
	ID, Source string
	Encoding   string
	Bytes      int   // raw size
	Invalid    int   // invalid byte sequences replaced by U+FFFD
	Err        error // the document could not be read; nothing else is set
	// Skip is the reason the reader passed over an input that is not a
	// document (a WARC record: "skip:record(request)", "skip:status(404)");
	// only ID, Source and Bytes are set besides it.
	Skip  string
	Spans []SpanResult
	// Sentences are the body sentences in document order, of the run's
	// languages only, after glue repair.
	Sentences []Sentence
	// Edits counts glue repairs per language.
	Edits    map[string]int
	Duration time.Duration
}

// Process runs detection and classification on one document. It is safe
// for concurrent use and never panics on any input.
func (e *Engine) Process(d *corpus.Document) (res *DocResult) {
	start := time.Now()
	res = &DocResult{ID: d.ID, Source: d.Source, Encoding: d.Encoding, Bytes: int(d.Size), Invalid: d.Invalid, Err: d.Err, Skip: d.Skip}
	defer func() {
		if p := recover(); p != nil {
			res.Err = fmt.Errorf("process %s: internal error: %v", d.ID, p)
			res.Spans, res.Sentences, res.Edits = nil, nil, nil
		}
		res.Duration = time.Since(start)
	}()
	if d.Err != nil || d.Skip != "" {
		return res
	}
	spans := e.det.Segment(d.Text)
	spans = e.classifier.ClassifyPage(d.Text, spans, d.Blocks, siteOf(d))
	// A word of another language inside a sentence stays in the sentence.
	spans = lang.MergeInline(d.Text, spans)
	res.Spans = make([]SpanResult, len(spans))
	for i, s := range spans {
		res.Spans[i] = SpanResult{Span: s, RawStart: d.RawOffset(s.Start), RawEnd: d.RawOffset(s.End), Text: d.Text[s.Start:s.End]}
		if s.Kind != lang.Body || !e.isRunLang(s.Lang) {
			continue
		}
		pieces, edits := e.text.sentences(s.Lang, res.Spans[i].Text)
		if edits > 0 {
			if res.Edits == nil {
				res.Edits = map[string]int{}
			}
			res.Edits[s.Lang] += edits
		}
		for _, p := range pieces {
			res.Sentences = append(res.Sentences, Sentence{Lang: s.Lang, Text: p.text,
				RawStart: d.RawOffset(s.Start + p.start), RawEnd: d.RawOffset(s.Start + p.end), Span: i})
		}
	}
	return res
}

// Each processes every document of the inputs with opts.Workers workers and
// calls fn with the results in input order. A failed document is passed to
// fn too (DocResult.Err); with opts.Strict it also stops the run.
func (e *Engine) Each(ctx context.Context, fn func(*DocResult) error) error {
	return e.eachFrom(ctx, nil, func(r *DocResult, _ bool) error { return fn(r) })
}

// eachFrom is Each for a resumed run: replay, when not nil, passes the
// journaled results of the first documents, in order, to the function it
// is given; they go to fn again (replayed true) and their documents are
// skipped (not read, not processed); the other documents are processed. A
// document whose ID differs from its journaled result's stops the run.
func (e *Engine) eachFrom(ctx context.Context, replay func(func(*DocResult) error) error, fn func(r *DocResult, replayed bool) error) error {
	if p := e.opts.Progress; p != nil {
		p.Start("processing")
		defer p.Finish()
	}
	emit := func(r *DocResult, replayed bool) error {
		if p := e.opts.Progress; p != nil {
			p.Add(r.Bytes)
		}
		if r.Err != nil && e.opts.OnFailed != nil {
			e.opts.OnFailed(r.ID, r.Err)
		}
		if err := fn(r, replayed); err != nil {
			return err
		}
		if r.Err != nil && e.opts.Strict {
			return fmt.Errorf("stopped at the first failed document (strict): %w", r.Err)
		}
		return nil
	}
	next, rd, err := e.documents(ctx, false)
	if err != nil {
		return err
	}
	if rd != nil {
		defer rd.Close() // an archive left open when the pass stops early
	}
	if replay != nil {
		i := 0
		err := replay(func(r *DocResult) error {
			i++
			id, ok := "", false
			if rd != nil {
				id, ok = rd.Skip()
				if err := rd.Err(); err != nil {
					return err
				}
			}
			if !ok || id != r.ID {
				got := "the end of the inputs"
				if ok {
					got = id
				}
				return fmt.Errorf("%w: document %d of the journal is %s, the inputs give %s", ErrResumeMismatch, i, r.ID, got)
			}
			return emit(r, true)
		})
		if err != nil {
			return err
		}
	}
	return ordered(ctx, e.opts.Workers, next, e.Process, func(r *DocResult) error { return emit(r, false) })
}

// isRunLang reports whether l is one of the run's languages.
func (e *Engine) isRunLang(l string) bool { return l != "" && contains(e.opts.Langs, l) }

// isBlank reports whether s is only white space.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

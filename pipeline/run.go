package pipeline

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// Reject is one line of rejects.jsonl: a piece of input that is in no
// output, with the stage that dropped it and why.
type Reject struct {
	Doc string `json:"doc"`
	// Line is the 1-based line of a pair of a corpus cleaned on its own
	// (paraline clean); 0 otherwise.
	Line   int64     `json:"line,omitempty"`
	Start  int       `json:"start"` // byte offsets into the raw document
	End    int       `json:"end"`
	Stage  StageName `json:"stage"`
	Reason string    `json:"reason"`
	Lang   string    `json:"lang,omitempty"`
	Kind   string    `json:"kind,omitempty"`
	Text   string    `json:"text,omitempty"`
	// Rest marks the record of a line a document pair took back in part
	// to the aligner: Text (at Start, End) is only the part it did not
	// take back, the rest being in corpus.* or in a later record.
	Rest bool `json:"rest,omitempty"`
	// Tgt and TgtLang are the target side of a rejected pair.
	Tgt     string `json:"tgt,omitempty"`
	TgtLang string `json:"tgt_lang,omitempty"`
	// Details says, per reason, what was wrong with a rejected pair.
	Details []string `json:"details,omitempty"`
	// Score is the adequacy score of a rejected pair of a corpus cleaned
	// on its own, when the pair filters computed one.
	Score *float64 `json:"score,omitempty"`
	Error string   `json:"error,omitempty"`
}

// ErrFailedDocuments is returned (wrapped) by Run when the run completed but
// some documents could not be read.
var ErrFailedDocuments = errors.New("some documents failed")

// Run makes the whole pipeline over opts.Inputs and writes into dir:
// mono.<lang> (body sentences of each language, one per line), rejects.jsonl
// and report.json. All files are written under temporary names and renamed
// only when the run succeeds, so an interrupted or failed run leaves no
// partial corpus. When documents failed but the run went on, Run returns the
// report and an error wrapping ErrFailedDocuments.
func Run(ctx context.Context, dir string, opts Options) (*Report, error) {
	start := time.Now()
	opts.EnsureDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	lk, err := lockOutput(dir, &opts)
	if err != nil {
		return nil, err
	}
	defer lk.Unlock()
	if why := journalable(&opts); why == "" {
		return runJournaled(ctx, dir, opts, start)
	} else if opts.Resume {
		return nil, fmt.Errorf("%w: --resume does not support %s yet", ErrResumeMismatch, why)
	}
	e, err := NewEngine(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	w, err := NewWriter(dir, e)
	if err != nil {
		return nil, err
	}
	defer w.Abort()
	w.start = start
	if e.Paired() {
		err = e.EachPair(ctx, w.AddPair)
	} else {
		err = e.Each(ctx, func(r *DocResult) error { return w.Add(ctx, r) })
	}
	if err != nil {
		return w.Report(), err
	}
	return finish(ctx, w)
}

// finish commits w's outputs and returns the report, with an error wrapping
// ErrFailedDocuments when some documents failed.
func finish(ctx context.Context, w *Writer) (*Report, error) {
	rep := w.Report()
	if err := w.Commit(ctx); err != nil {
		return rep, err
	}
	if rep.Documents.Failed > 0 {
		return rep, fmt.Errorf("%w: %d of %d documents (see report.json)", ErrFailedDocuments, rep.Documents.Failed, rep.Documents.Read)
	}
	return rep, nil
}

// runWriter writes the outputs of a run from results given in input order.
type runWriter struct {
	dir     string
	rep     *Report
	files   []*corpus.AtomicFile
	mono    map[string]*corpus.LineWriter
	monoF   map[string]string
	rejects *corpus.JSONLWriter
	rejF    *corpus.AtomicFile

	// runs that make pairs
	sinks    []*pairSink
	pairs    *pairSink // two-version runs
	minScore *float64

	tr *translationWriter // translating runs

	shardSize int                   // Options.ShardSize
	sharded   []*corpus.ShardedFile // mono.<lang> when sharded
}

// newRunWriter creates the outputs every run writes into dir: rejects.jsonl
// and, with mono, mono.<lang> for each of langs.
func newRunWriter(dir string, langs []string, mono bool, shardSize int) (*runWriter, error) {
	w := &runWriter{dir: dir, rep: newReport(langs), mono: map[string]*corpus.LineWriter{}, monoF: map[string]string{}, shardSize: shardSize}
	for _, l := range langs {
		if !mono {
			break
		}
		name := "mono." + l
		if shardSize > 0 {
			f, err := corpus.CreateSharded(filepath.Join(dir, name), shardSize)
			if err != nil {
				w.abort()
				return nil, err
			}
			w.sharded = append(w.sharded, f)
			w.mono[l] = corpus.NewLineWriter(f)
		} else {
			f, err := w.create(name)
			if err != nil {
				return nil, err
			}
			w.mono[l] = corpus.NewLineWriter(f)
		}
		w.monoF[l] = name
	}
	f, err := w.create("rejects.jsonl")
	if err != nil {
		return nil, err
	}
	w.rejF = f
	w.rejects = corpus.NewJSONLWriter(f)
	if mono {
		for _, st := range []StageName{StageRead, StageClassify, StageLanguage, StageRepair, StageSplit} {
			w.rep.stage(st, st.unit())
		}
	}
	return w, nil
}

func (w *runWriter) create(name string) (*corpus.AtomicFile, error) {
	f, err := corpus.CreateAtomic(filepath.Join(w.dir, name))
	if err != nil {
		w.abort()
		return nil, err
	}
	w.files = append(w.files, f)
	return f, nil
}

func (w *runWriter) abort() {
	for _, f := range w.allFiles() {
		_ = f.Abort()
	}
}

// allFiles returns every output file created so far (shards included).
func (w *runWriter) allFiles() []*corpus.AtomicFile {
	files := append([]*corpus.AtomicFile(nil), w.files...)
	for _, f := range w.sharded {
		files = append(files, f.Files()...)
	}
	for _, s := range w.sinks {
		files = append(files, s.set.Files()...)
	}
	return files
}

// reject counts r under why.key and writes it with why.text as its reason.
func (w *runWriter) reject(r Reject, why reason) error {
	r.Reason = why.text
	w.rep.Rejects[why.key]++
	w.rep.addExample(why.key, r.Text)
	return w.writeReject(r)
}

// writeReject writes r to rejects.jsonl without counting it.
func (w *runWriter) writeReject(r Reject) error {
	if err := w.rejects.Encode(r); err != nil {
		return fmt.Errorf("write rejects: %w", err)
	}
	return nil
}

// add accounts for one document and writes what it yields.
func (w *runWriter) add(r *DocResult) error { return w.addDoc(r, nil) }

// addDoc is add for a document of a pair job: the spans in back (see
// takenBack), lines the classifier dropped that the pair took back to the
// aligner, are kept at the classify stage (counted in its TakenBack) and
// written nowhere when they were taken back whole: their text is in
// corpus.* or in a later reject. A line taken back in part stays a classify
// reject (counted in its TakenBackPart) whose record holds only the rest,
// the text that was not taken back, so that every piece of text is in one
// output or record.
func (w *runWriter) addDoc(r *DocResult, back map[int]takeBack) error {
	rep := w.rep
	rep.Documents.Read++
	rep.Bytes += int64(r.Bytes)
	read := rep.stage(StageRead, UnitDocuments)
	read.In++
	if r.Err != nil {
		rep.Documents.Failed++
		read.Rejected++
		rep.Documents.ByReason[corpus.Reason(r.Err)]++
		rep.Failed = append(rep.Failed, DocIssue{Doc: r.ID, Error: r.Err.Error()})
		return w.reject(Reject{Doc: r.ID, Stage: StageRead, Error: r.Err.Error()}, readReason(r.Err))
	}
	if r.Skip != "" {
		rep.Documents.Skipped++
		rep.Documents.SkippedByReason[r.Skip]++
		read.Rejected++
		return w.reject(Reject{Doc: r.ID, Stage: StageRead}, textReason(r.Skip))
	}
	rep.Documents.OK++
	read.Kept++
	rep.Encodings[r.Encoding]++
	if r.Invalid > 0 {
		rep.InvalidBytes += r.Invalid
		rep.Invalid = append(rep.Invalid, DocIssue{Doc: r.ID, Count: r.Invalid})
	}
	rep.addSlow(DocIssue{Doc: r.ID, Seconds: r.Duration.Seconds()}, 10)

	classify := rep.stage(StageClassify, UnitSpans)
	language := rep.stage(StageLanguage, UnitSpans)
	for i, s := range r.Spans {
		l := s.Lang
		if l == "" {
			l = "none"
		}
		byKind := rep.Spans[l]
		if byKind == nil {
			byKind = map[string]*SpanCount{}
			rep.Spans[l] = byKind
		}
		c := byKind[s.Kind.String()]
		if c == nil {
			c = &SpanCount{}
			byKind[s.Kind.String()] = c
		}
		c.Spans++
		c.Chars += utf8.RuneCountInString(s.Text)

		classify.In++
		tb, taken := back[i]
		if s.Kind != lang.Body && taken && tb.whole {
			classify.Kept++
			classify.TakenBack++
			continue
		}
		if s.Kind != lang.Body {
			classify.Rejected++
			if isBlank(s.Text) {
				rep.Rejects[textReason(s.Reason).key]++ // counted, not written
				continue
			}
			rej := Reject{Doc: r.ID, Start: s.RawStart, End: s.RawEnd, Stage: StageClassify,
				Lang: s.Lang, Kind: s.Kind.String(), Text: s.Text}
			if taken {
				classify.TakenBackPart++
				rej.Start, rej.End, rej.Text, rej.Rest = tb.restStart, tb.restEnd, tb.rest, true
			}
			if err := w.reject(rej, textReason(s.Reason)); err != nil {
				return err
			}
			continue
		}
		classify.Kept++
		language.In++
		if w.mono[s.Lang] == nil {
			language.Rejected++
			if err := w.reject(Reject{Doc: r.ID, Start: s.RawStart, End: s.RawEnd, Stage: StageLanguage,
				Lang: s.Lang, Kind: s.Kind.String(), Text: s.Text}, plain(ReasonNoLanguage)); err != nil {
				return err
			}
			continue
		}
		language.Kept++
	}
	return w.addSentences(r)
}

// addSentences accounts for the repair and split stages of one document and
// writes its sentences to mono.<lang>.
func (w *runWriter) addSentences(r *DocResult) error {
	rep := w.rep
	repair := rep.stage(StageRepair, UnitSpans)
	split := rep.stage(StageSplit, UnitSpans)
	repair.OutUnit, split.OutUnit = UnitEdits, UnitSentences
	perSpan := map[int]int{}
	for _, s := range r.Sentences {
		perSpan[s.Span]++
	}
	for i, s := range r.Spans {
		if s.Kind != lang.Body || w.mono[s.Lang] == nil {
			continue
		}
		repair.In++
		repair.Kept++
		split.In++
		if perSpan[i] == 0 {
			split.Rejected++
			if err := w.reject(Reject{Doc: r.ID, Start: s.RawStart, End: s.RawEnd, Stage: StageSplit,
				Lang: s.Lang, Kind: s.Kind.String(), Text: s.Text}, plain(ReasonNoSentence)); err != nil {
				return err
			}
			continue
		}
		split.Kept++
	}
	for l, n := range r.Edits {
		repair.Out += n
		rep.Edits[l] += n
	}
	for _, s := range r.Sentences {
		split.Out++
		rep.Sentences[s.Lang]++
		rep.addSentenceLength(s.Lang, utf8.RuneCountInString(s.Text))
		if err := w.mono[s.Lang].WriteLine(s.Text); err != nil {
			return fmt.Errorf("write %s: %w", w.monoF[s.Lang], err)
		}
	}
	return nil
}

// openPairs creates the pair outputs of a two-version run.
func (w *runWriter) openPairs(e *Engine, l1, l2 string) error {
	w.rep.stage(StageAlign, UnitSentences)
	c, err := newCleaner(&e.opts, e.det, l1, l2)
	if err != nil {
		return err
	}
	sink, err := w.openPairSink(&e.opts, c, "corpus", l1, l2)
	if err != nil {
		return err
	}
	w.pairs = sink
	w.rep.Pairs = &PairCounts{Beads: map[string]int{}}
	return nil
}

// addPair accounts for a pair job: both documents as in add, then the
// aligned pairs into corpus.<l1>/corpus.<l2> and the rest into rejects.
func (w *runWriter) addPair(pr *PairResult) error {
	for i, d := range []*DocResult{pr.Src, pr.Tgt} {
		if d != nil {
			// A sentence left out as untranslated reached the align stage
			// too: it is rejected there.
			sents := [][]Sentence{pr.SrcSents, pr.TgtSents}[i]
			if left := [][]Sentence{pr.SrcUntranslated, pr.TgtUntranslated}[i]; len(left) > 0 {
				sents = slices.SortedStableFunc(slices.Values(slices.Concat(sents, left)), func(a, b Sentence) int { return cmp.Compare(a.RawStart, b.RawStart) })
			}
			if err := w.addDoc(d, takenBack(d, sents)); err != nil {
				return err
			}
		}
	}
	if pr.Tgt == nil {
		if pr.Src.Skip == "" { // a skipped record is no document
			w.rep.Pairs.Unpaired++
		}
		return nil
	}
	w.rep.Pairs.Documents++
	if w.rep.Pairs.BeadsPerDocPair == nil {
		w.rep.Pairs.BeadsPerDocPair = newHistogram(1, 2, 5, 10, 20, 50, 100)
	}
	aligned := 0
	for _, b := range pr.Beads {
		if len(b.Src) > 0 && len(b.Tgt) > 0 {
			aligned++
		}
	}
	w.rep.Pairs.BeadsPerDocPair.Add(float64(aligned))
	st := w.rep.stage(StageAlign, UnitSentences)
	st.OutUnit = UnitPairs
	st.In += len(pr.SrcSents) + len(pr.TgtSents)
	rejectAll := func(d *DocResult, sents []Sentence, idx []int, why reason) error {
		for _, i := range idx {
			s := sents[i]
			if err := w.reject(Reject{Doc: d.ID, Start: s.RawStart, End: s.RawEnd, Stage: StageAlign, Lang: s.Lang, Text: s.Text}, why); err != nil {
				return err
			}
		}
		st.Rejected += len(idx)
		return nil
	}
	for i, d := range []*DocResult{pr.Src, pr.Tgt} {
		left := [][]Sentence{pr.SrcUntranslated, pr.TgtUntranslated}[i]
		st.In += len(left)
		if err := rejectAll(d, left, indexes(len(left)), plain(ReasonUntranslated)); err != nil {
			return err
		}
	}
	for bi, b := range pr.Beads {
		if why := beadReject(b, w.minScore); why.key != "" {
			if err := rejectAll(pr.Src, pr.SrcSents, b.Src, why); err != nil {
				return err
			}
			if err := rejectAll(pr.Tgt, pr.TgtSents, b.Tgt, why); err != nil {
				return err
			}
			continue
		}
		st.Kept += len(b.Src) + len(b.Tgt)
		st.Out++
		w.rep.Pairs.Beads[fmt.Sprintf("%d-%d", len(b.Src), len(b.Tgt))]++
		score := b.Score
		var v *clean.Verdict
		if bi < len(pr.Verdicts) {
			v = pr.Verdicts[bi]
		}
		if err := w.pairs.add(pairOut{doc: pr.Src.ID, tgtDoc: pr.Tgt.ID,
			src: joinSentences(pr.SrcSents, b.Src), tgt: joinSentences(pr.TgtSents, b.Tgt),
			srcSpan: spanOf(pr.SrcSents, b.Src), tgtSpan: spanOf(pr.TgtSents, b.Tgt), score: &score, verdict: v}); err != nil {
			return err
		}
	}
	return nil
}

// indexes returns 0, 1, ..., n-1.
func indexes(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// beadReject returns why bead b goes to the rejects (unaligned, or its
// score below minScore), or the zero reason when its pair goes to the pair
// filters.
func beadReject(b align.Bead, minScore *float64) reason {
	switch {
	case len(b.Src) == 0 || len(b.Tgt) == 0:
		return plain(ReasonUnaligned)
	case minScore != nil && b.Score < *minScore:
		return reason{key: ReasonLowScore, text: fmt.Sprintf("%s(%.2f)", ReasonLowScore, b.Score)}
	}
	return reason{}
}

// spanOf returns the raw byte range covering the sentences idx of s.
func spanOf(s []Sentence, idx []int) *corpus.Span {
	if len(idx) == 0 {
		return nil
	}
	return &corpus.Span{Start: s[idx[0]].RawStart, End: s[idx[len(idx)-1]].RawEnd}
}

func joinSentences(s []Sentence, idx []int) string {
	parts := make([]string, len(idx))
	for k, i := range idx {
		parts[k] = s[i].Text
	}
	return strings.Join(parts, " ")
}

// commit finishes the report, writes it and renames every output into place.
func (w *runWriter) commit() error {
	for l, mw := range w.mono {
		if w.shardSize == 0 {
			w.rep.Outputs[w.monoF[l]] = mw.Lines()
		}
	}
	for _, f := range w.sharded {
		for _, sh := range f.Shards() {
			w.rep.Outputs[sh.Name] = sh.Lines
		}
	}
	w.rep.Outputs["rejects.jsonl"] = w.rejects.Records()
	for _, s := range w.sinks {
		if err := s.finish(); err != nil {
			return err
		}
	}
	if err := w.rep.Check(); err != nil {
		return fmt.Errorf("internal error: report does not add up: %w", err)
	}
	if w.shardSize > 0 {
		if err := w.writeShardManifest(); err != nil {
			return err
		}
	}
	names := []string{"report.json", "report.html"}
	for _, f := range w.allFiles() {
		names = append(names, filepath.Base(f.Name()))
	}
	stale, err := corpus.StaleOutputs(w.dir, names)
	if err != nil {
		return err
	}
	w.rep.Removed = stale
	f, err := w.create("report.json")
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(w.rep); err != nil {
		return fmt.Errorf("write report.json: %w", err)
	}
	h, err := w.create("report.html")
	if err != nil {
		return err
	}
	if err := w.rep.WriteHTML(h); err != nil {
		return fmt.Errorf("write report.html: %w", err)
	}
	m, err := corpus.CreateManifest(w.dir, names)
	if err != nil {
		return err
	}
	w.files = append(w.files, m)
	if err := corpus.CommitAll(w.allFiles()...); err != nil {
		return fmt.Errorf("commit outputs: %w", err)
	}
	// Only outputs that the previous run into dir listed in its manifest
	// are removed: a file the user put there is never touched.
	return corpus.RemoveOutputs(w.dir, stale)
}

// writeShardManifest creates shards.json, which lists the shards of every
// sharded output with their line counts.
func (w *runWriter) writeShardManifest() error {
	m := corpus.ShardManifest{ShardSize: w.shardSize, Outputs: map[string][]corpus.Shard{}}
	for _, f := range w.sharded {
		m.Outputs[filepath.Base(f.Name())] = f.Shards()
	}
	for _, s := range w.sinks {
		for name, list := range s.set.Shards() {
			m.Outputs[name] = list
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write %s: %w", corpus.ShardManifestName, err)
	}
	f, err := w.create(corpus.ShardManifestName)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write %s: %w", corpus.ShardManifestName, err)
	}
	return nil
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

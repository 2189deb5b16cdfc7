package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang/translate"
)

// Translator is what a translating run needs of lang/translate's Engine.
type Translator interface {
	TranslateAll(ctx context.Context, src, tgt string, texts []string) ([]translate.Result, error)
	Stats() translate.Stats
}

// translateBatch is how many sentences a run collects (across documents)
// before it asks the translator, so that requests are well packed.
const translateBatch = 2000

// pendingSentence is a sentence waiting for translation.
type pendingSentence struct {
	doc string
	s   Sentence
}

// translationWriter collects body sentences and writes them with their
// translations through one pair sink per source language.
type translationWriter struct {
	w       *runWriter
	tr      Translator
	to      string
	dryRun  bool
	pending []pendingSentence
	sinks   map[string]*pairSink // source language -> its pairs

	// replayed sums the counts of the batches taken from the journal of
	// an interrupted run; start is the translator's counts when the
	// writer opened. The report counts replayed plus what the translator
	// counted since start (a translator may count outside batches: the
	// final merge of paraline-beam adds each shard's counts as it reads it).
	replayed translate.Stats
	start    translate.Stats
	// journal, when set, is given each batch translated (a journaled
	// run); replay holds the batches of an interrupted run's journal not
	// yet used: the next batches are taken from it, not translated.
	journal func(*translationBatch) error
	replay  []*translationBatch
}

// translationBatch is one batch of a translating run as its journal keeps
// it: the results of its sentences, in queue order, and the translator's
// counts for it. A resumed run uses it instead of asking the translator
// (or its cache) again.
type translationBatch struct {
	// N and Sum (a hash of the languages and texts queued) tie the batch
	// to the sentences it translated.
	N       int             `json:"n"`
	Sum     string          `json:"sum"`
	Results []batchResult   `json:"results"`
	Stats   translate.Stats `json:"stats"`
}

// batchResult is a translate.Result in a journal.
type batchResult struct {
	Text   string `json:"t,omitempty"`
	Err    string `json:"e,omitempty"`
	DryRun bool   `json:"dry,omitempty"` // Err is translate.ErrDryRun
}

// pendingSum hashes the languages and texts of the queue.
func pendingSum(p []pendingSentence) string {
	h := sha256.New()
	for _, s := range p {
		fmt.Fprintf(h, "%d:%s%d:%s", len(s.s.Lang), s.s.Lang, len(s.s.Text), s.s.Text)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func newTranslationBatch(p []pendingSentence, res []translate.Result, st translate.Stats) *translationBatch {
	b := &translationBatch{N: len(p), Sum: pendingSum(p), Results: make([]batchResult, len(res)), Stats: st}
	for i, r := range res {
		switch {
		case r.Err != nil && errors.Is(r.Err, translate.ErrDryRun):
			b.Results[i] = batchResult{Err: r.Err.Error(), DryRun: true}
		case r.Err != nil:
			b.Results[i] = batchResult{Err: r.Err.Error()}
		default:
			b.Results[i] = batchResult{Text: r.Text}
		}
	}
	return b
}

// results returns b's results as the translator gave them.
func (b *translationBatch) results() []translate.Result {
	out := make([]translate.Result, len(b.Results))
	for i, r := range b.Results {
		switch {
		case r.DryRun:
			out[i].Err = fmt.Errorf("%w", translate.ErrDryRun)
		case r.Err != "":
			out[i].Err = errors.New(r.Err)
		default:
			out[i].Text = r.Text
		}
	}
	return out
}

func (w *runWriter) openTranslation(e *Engine, tr Translator, to string, langs []string, dryRun bool) error {
	tw := &translationWriter{w: w, tr: tr, to: to, dryRun: dryRun, sinks: map[string]*pairSink{}, start: tr.Stats()}
	var sources []string
	for _, l := range langs {
		if l != to {
			sources = append(sources, l)
		}
	}
	if len(sources) == 0 {
		return optionErr(fmt.Sprintf("no language of Langs but %s to translate from", to), "TranslateTo")
	}
	for _, l := range sources {
		prefix := "corpus"
		if len(sources) > 1 {
			prefix = "corpus." + l + "-" + to
		}
		c, err := newCleaner(&e.opts, e.det, l, to)
		if err != nil {
			return err
		}
		sink, err := w.openPairSink(&e.opts, c, prefix, l, to)
		if err != nil {
			return err
		}
		tw.sinks[l] = sink
	}
	w.rep.stage(StageTranslate, UnitSentences).OutUnit = UnitPairs
	w.tr = tw
	return nil
}

// add queues the translatable sentences of a document and translates a
// batch when enough are queued.
func (tw *translationWriter) add(ctx context.Context, r *DocResult) error {
	for _, s := range r.Sentences {
		if _, ok := tw.sinks[s.Lang]; ok {
			tw.pending = append(tw.pending, pendingSentence{r.ID, s})
		}
	}
	if len(tw.pending) >= translateBatch {
		return tw.flush(ctx)
	}
	return nil
}

// flush translates the queued sentences, per source language, and writes
// them in queue order.
func (tw *translationWriter) flush(ctx context.Context) error {
	if len(tw.pending) == 0 {
		return nil
	}
	st := tw.w.rep.stage(StageTranslate, UnitSentences)
	byLang := map[string][]int{}
	var order []string
	for i, p := range tw.pending {
		if _, ok := byLang[p.s.Lang]; !ok {
			order = append(order, p.s.Lang)
		}
		byLang[p.s.Lang] = append(byLang[p.s.Lang], i)
	}
	var results []translate.Result
	if len(tw.replay) > 0 {
		// Translated before the interruption: taken from the journal.
		b := tw.replay[0]
		tw.replay = tw.replay[1:]
		if b.N != len(tw.pending) || len(b.Results) != b.N || b.Sum != pendingSum(tw.pending) {
			return fmt.Errorf("%w: a translation batch of the journal (%d sentences) is not the one the inputs give (%d sentences)",
				ErrResumeMismatch, b.N, len(tw.pending))
		}
		results = b.results()
		tw.replayed = tw.replayed.Add(b.Stats, 1)
	} else {
		before := tw.tr.Stats()
		results = make([]translate.Result, len(tw.pending))
		for _, l := range order {
			idx := byLang[l]
			texts := make([]string, len(idx))
			for k, i := range idx {
				texts[k] = tw.pending[i].s.Text
			}
			res, err := tw.tr.TranslateAll(ctx, l, tw.to, texts)
			if err != nil {
				return fmt.Errorf("translate %s->%s: %w", l, tw.to, err)
			}
			for k, i := range idx {
				results[i] = res[k]
			}
		}
		if err := ctx.Err(); err != nil {
			// Interrupted: some results are errors of the cancellation,
			// not of the translator. Nothing is written or journaled.
			return err
		}
		delta := tw.tr.Stats().Add(before, -1)
		delta.DryRun, delta.PricePerMillion, delta.EstimatedCost = false, 0, 0
		if tw.journal != nil {
			if err := tw.journal(newTranslationBatch(tw.pending, results, delta)); err != nil {
				return err
			}
		}
	}
	for i, p := range tw.pending {
		st.In++
		res := results[i]
		text := corpus.OneLine(res.Text)
		switch {
		case res.Err != nil && tw.dryRun && errors.Is(res.Err, translate.ErrDryRun):
			st.Rejected++
			tw.w.rep.Rejects["translate:dry-run"]++ // counted, not written
			continue
		case res.Err != nil || text == "":
			msg := "empty translation"
			if res.Err != nil {
				msg = res.Err.Error()
			}
			st.Rejected++
			if err := tw.w.reject(Reject{Doc: p.doc, Start: p.s.RawStart, End: p.s.RawEnd, Stage: StageTranslate,
				Lang: p.s.Lang, Text: p.s.Text, Error: msg}, plain(ReasonTranslate)); err != nil {
				return err
			}
			continue
		}
		st.Kept++
		st.Out++
		if err := tw.sinks[p.s.Lang].add(pairOut{doc: p.doc, src: p.s.Text, tgt: text,
			srcSpan: &corpus.Span{Start: p.s.RawStart, End: p.s.RawEnd}}); err != nil {
			return err
		}
	}
	tw.pending = tw.pending[:0]
	return nil
}

// finish flushes the queue and records outputs and statistics.
func (tw *translationWriter) finish(ctx context.Context) error {
	if err := tw.flush(ctx); err != nil {
		return err
	}
	if len(tw.replay) > 0 {
		return fmt.Errorf("%w: the journal holds %d translation batches more than the inputs give", ErrResumeMismatch, len(tw.replay))
	}
	// The counts of this run's batches (with those of an interrupted run
	// it resumed), the flags and price of its translator.
	t := tw.tr.Stats()
	s := tw.replayed.Add(t.Add(tw.start, -1), 1)
	s.DryRun, s.PricePerMillion = t.DryRun, t.PricePerMillion
	s.EstimatedCost = float64(s.SentChars) * s.PricePerMillion / 1e6
	tw.w.rep.Translation = &s
	return nil
}

// translatorID names the translator of a run in its journal: its backend's
// ID when it has one (lang/translate's Engine), else its type.
func translatorID(t Translator) string {
	if b, ok := t.(interface{ Backend() translate.Backend }); ok && b.Backend() != nil {
		return b.Backend().ID()
	}
	return fmt.Sprintf("%T", t)
}

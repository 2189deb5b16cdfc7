package pipeline

import (
	"context"
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
}

func (w *runWriter) openTranslation(e *Engine, tr Translator, to string, langs []string, dryRun bool) error {
	tw := &translationWriter{w: w, tr: tr, to: to, dryRun: dryRun, sinks: map[string]*pairSink{}}
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
	results := make([]translate.Result, len(tw.pending))
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
	s := tw.tr.Stats()
	tw.w.rep.Translation = &s
	return nil
}

package pipeline

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

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
// translations to corpus.<src> and corpus.<tgt>.
type translationWriter struct {
	w       *runWriter
	tr      Translator
	to      string
	dryRun  bool
	pending []pendingSentence
	files   map[string][2]*fileLines // source language -> (src, tgt) files
}

type fileLines struct {
	name string
	lw   lineWriter
}

type lineWriter interface {
	WriteLine(string) error
	Lines() int
}

func (w *runWriter) openTranslation(tr Translator, to string, langs []string, dryRun bool) error {
	tw := &translationWriter{w: w, tr: tr, to: to, dryRun: dryRun, files: map[string][2]*fileLines{}}
	var sources []string
	for _, l := range langs {
		if l != to {
			sources = append(sources, l)
		}
	}
	if len(sources) == 0 {
		return fmt.Errorf("--translate-to %s: no other language in --langs to translate from", to)
	}
	for _, l := range sources {
		srcName, tgtName := "corpus."+l, "corpus."+to
		if len(sources) > 1 {
			srcName, tgtName = "corpus."+l+"-"+to+"."+l, "corpus."+l+"-"+to+"."+to
		}
		a, err := w.create(srcName)
		if err != nil {
			return err
		}
		b, err := w.create(tgtName)
		if err != nil {
			return err
		}
		tw.files[l] = [2]*fileLines{{srcName, newLineWriter(a)}, {tgtName, newLineWriter(b)}}
	}
	w.rep.stage("translate", "sentences").OutUnit = "pairs"
	w.tr = tw
	return nil
}

// add queues the translatable sentences of a document and translates a
// batch when enough are queued.
func (tw *translationWriter) add(ctx context.Context, r *DocResult) error {
	for _, s := range r.Sentences {
		if _, ok := tw.files[s.Lang]; ok {
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
	st := tw.w.rep.stage("translate", "sentences")
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
		text := oneLine(res.Text)
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
			if err := tw.w.reject(Reject{Doc: p.doc, Start: p.s.RawStart, End: p.s.RawEnd, Stage: "translate",
				Reason: "translate:failed", Lang: p.s.Lang, Text: p.s.Text, Error: msg}); err != nil {
				return err
			}
			continue
		}
		f := tw.files[p.s.Lang]
		if err := f[0].lw.WriteLine(p.s.Text); err != nil {
			return fmt.Errorf("write %s: %w", f[0].name, err)
		}
		if err := f[1].lw.WriteLine(text); err != nil {
			return fmt.Errorf("write %s: %w", f[1].name, err)
		}
		st.Kept++
		st.Out++
		tw.w.rep.addRatio(utf8.RuneCountInString(p.s.Text), utf8.RuneCountInString(text))
	}
	tw.pending = tw.pending[:0]
	return nil
}

// finish flushes the queue and records outputs and statistics.
func (tw *translationWriter) finish(ctx context.Context) error {
	if err := tw.flush(ctx); err != nil {
		return err
	}
	for _, f := range tw.files {
		if f[0].lw.Lines() != f[1].lw.Lines() {
			return fmt.Errorf("internal error: %s has %d lines, %s %d", f[0].name, f[0].lw.Lines(), f[1].name, f[1].lw.Lines())
		}
		tw.w.rep.Outputs[f[0].name] = f[0].lw.Lines()
		tw.w.rep.Outputs[f[1].name] = f[1].lw.Lines()
	}
	s := tw.tr.Stats()
	tw.w.rep.Translation = &s
	return nil
}

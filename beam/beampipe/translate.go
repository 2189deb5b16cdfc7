package beampipe

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/paraline/paraline/lang/translate"
	"github.com/paraline/paraline/pipeline"
)

// TranslateConfig is the translator of a translating run (Config.TranslateTo),
// which each worker builds: the flags of "paraline run --translator ...".
// The Google API key is not carried: the workers read $GOOGLE_API_KEY (or
// use Application Default Credentials), so no secret is in the job.
type TranslateConfig struct {
	// Backend names and configures the translator (its APIKey is ignored).
	Backend translate.Config
	// The fields of translate.Options.
	Concurrency     int
	CharsPerMinute  int
	MaxRetries      int
	RequestTimeout  time.Duration
	MaxTexts        int
	DryRun          bool
	PricePerMillion float64
	// CachePath is the cache file of each worker process ("" : the user's
	// cache dir on that worker, as paraline's default); NoCache: none.
	CachePath string
	NoCache   bool
}

// translators shares, between the DoFns of a worker process, one backend
// per configuration and one cache per file (a bbolt file opens once per
// process): like detectors, process-wide read-mostly resources.
var translators = struct {
	sync.Mutex
	backends map[string]translate.Backend
	caches   map[string]*translate.Cache
}{backends: map[string]translate.Backend{}, caches: map[string]*translate.Cache{}}

// newTranslator returns an engine of the worker's shared backend and cache
// for one unit of work: its Stats count that unit's texts, which the merge
// sums over the units for the report. Rate and concurrency limits apply
// per unit in flight.
func (t TranslateConfig) newTranslator(ctx context.Context) (*translate.Engine, error) {
	bc := t.Backend
	bc.APIKey = os.Getenv("GOOGLE_API_KEY")
	key, err := json.Marshal(t.Backend)
	if err != nil {
		return nil, err
	}
	translators.Lock()
	defer translators.Unlock()
	b := translators.backends[string(key)]
	if b == nil {
		if b, err = translate.NewBackend(ctx, bc); err != nil {
			return nil, fmt.Errorf("translator: %w", err)
		}
		translators.backends[string(key)] = b
	}
	opts := translate.Options{Concurrency: t.Concurrency, CharsPerMinute: t.CharsPerMinute, MaxRetries: t.MaxRetries,
		RequestTimeout: t.RequestTimeout, MaxTexts: t.MaxTexts, DryRun: t.DryRun, PricePerMillion: t.PricePerMillion}
	if !t.NoCache {
		path := t.CachePath
		if path == "" {
			if path, err = translate.DefaultCachePath(); err != nil {
				return nil, err
			}
		}
		c := translators.caches[path]
		if c == nil {
			if c, err = translate.OpenCache(path); err != nil {
				return nil, err
			}
			translators.caches[path] = c
		}
		opts.Cache = c
	}
	return translate.New(b, opts)
}

// translated is one sentence of a translating run with its translation,
// as a worker made it and the merge gives it to the writer.
type translated struct {
	lang, text, out string
	err             string // "" : translated
	dryRun          bool   // not sent (translate.ErrDryRun)
}

// translateUnit translates the sentences of a unit's results that a
// translating run writes (those of documents read without error, in the
// languages of Langs but to), one call per language, and returns them in
// the order of the results with the unit's translation counts.
func translateUnit(ctx context.Context, c Config, results []*pipeline.DocResult) ([]translated, translate.Stats, error) {
	var out []translated
	byLang := map[string][]int{}
	var order []string
	for _, r := range results {
		if r.Err != nil {
			continue
		}
		for _, s := range r.Sentences {
			if !c.translatesFrom(s.Lang) {
				continue
			}
			if _, ok := byLang[s.Lang]; !ok {
				order = append(order, s.Lang)
			}
			byLang[s.Lang] = append(byLang[s.Lang], len(out))
			out = append(out, translated{lang: s.Lang, text: s.Text})
		}
	}
	if len(out) == 0 {
		return nil, translate.Stats{}, nil
	}
	tr, err := c.Translate.newTranslator(ctx)
	if err != nil {
		return nil, translate.Stats{}, err
	}
	for _, l := range order {
		idx := byLang[l]
		texts := make([]string, len(idx))
		for k, i := range idx {
			texts[k] = out[i].text
		}
		res, err := tr.TranslateAll(ctx, l, c.TranslateTo, texts)
		if err != nil {
			return nil, translate.Stats{}, fmt.Errorf("translate %s->%s: %w", l, c.TranslateTo, err)
		}
		for k, i := range idx {
			out[i].out = res[k].Text
			if res[k].Err != nil {
				out[i].err = res[k].Err.Error()
				out[i].dryRun = errors.Is(res[k].Err, translate.ErrDryRun)
			}
		}
	}
	return out, tr.Stats(), nil
}

// translatesFrom reports whether a translating run with c translates
// sentences of lang.
func (c Config) translatesFrom(lang string) bool {
	if c.TranslateTo == "" || lang == c.TranslateTo {
		return false
	}
	for _, l := range c.langs() {
		if l == lang {
			return true
		}
	}
	return false
}

// langs returns the run's languages (default en, ru).
func (c Config) langs() []string {
	if len(c.Langs) == 0 {
		return []string{"en", "ru"}
	}
	return c.Langs
}

// encodeTranslations encodes a unit's translations and counts.
func encodeTranslations(ts []translated, st translate.Stats) ([]byte, error) {
	if len(ts) == 0 && st == (translate.Stats{}) {
		return nil, nil
	}
	sj, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	b := binary.AppendUvarint(nil, uint64(len(sj)))
	b = append(b, sj...)
	b = binary.AppendUvarint(b, uint64(len(ts)))
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	for _, t := range ts {
		str(t.lang)
		str(t.text)
		str(t.out)
		str(t.err)
		if t.dryRun {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return b, nil
}

// decodeTranslations decodes what encodeTranslations made.
func decodeTranslations(b []byte) ([]translated, translate.Stats, error) {
	var st translate.Stats
	if len(b) == 0 {
		return nil, st, nil
	}
	bad := errors.New("decode translations: corrupt")
	num := func() (uint64, bool) {
		n, w := binary.Uvarint(b)
		if w <= 0 {
			return 0, false
		}
		b = b[w:]
		return n, true
	}
	str := func() (string, bool) {
		n, ok := num()
		if !ok || n > uint64(len(b)) {
			return "", false
		}
		s := string(b[:n])
		b = b[n:]
		return s, true
	}
	sj, ok := str()
	if !ok {
		return nil, st, bad
	}
	if err := json.Unmarshal([]byte(sj), &st); err != nil {
		return nil, st, fmt.Errorf("decode translations: %w", err)
	}
	n, ok := num()
	if !ok || n > uint64(len(b)) {
		return nil, st, bad
	}
	ts := make([]translated, n)
	for i := range ts {
		var oks [4]bool
		ts[i].lang, oks[0] = str()
		ts[i].text, oks[1] = str()
		ts[i].out, oks[2] = str()
		ts[i].err, oks[3] = str()
		if oks != [4]bool{true, true, true, true} || len(b) == 0 {
			return nil, st, bad
		}
		ts[i].dryRun = b[0] == 1
		b = b[1:]
	}
	return ts, st, nil
}

// shardTranslator is the Translator of the final merge of a translating
// run: it translates nothing, but hands the writer the translations the
// workers made, in order (one queue per source language, fed shard by
// shard), and their counts summed over the units.
type shardTranslator struct {
	queues map[string][]translated
	stats  translate.Stats
}

// push queues the translations of one shard and adds its counts.
func (t *shardTranslator) push(ts []translated, st translate.Stats) {
	if t.queues == nil {
		t.queues = map[string][]translated{}
	}
	for _, x := range ts {
		t.queues[x.lang] = append(t.queues[x.lang], x)
	}
	t.stats = t.stats.Add(st, 1)
	s := &t.stats
	s.DryRun = s.DryRun || st.DryRun
	s.PricePerMillion = max(s.PricePerMillion, st.PricePerMillion)
	s.EstimatedCost += st.EstimatedCost
}

// TranslateAll returns the queued translations of texts.
func (t *shardTranslator) TranslateAll(_ context.Context, src, _ string, texts []string) ([]translate.Result, error) {
	q := t.queues[src]
	if len(q) < len(texts) {
		return nil, fmt.Errorf("merge: %d translations from %s for %d sentences", len(q), src, len(texts))
	}
	res := make([]translate.Result, len(texts))
	for i, text := range texts {
		if q[i].text != text {
			return nil, fmt.Errorf("merge: the translation of %q is that of %q", text, q[i].text)
		}
		res[i].Text = q[i].out
		switch {
		case q[i].dryRun:
			res[i].Err = translate.ErrDryRun
		case q[i].err != "":
			res[i].Err = errors.New(q[i].err)
		}
	}
	t.queues[src] = q[len(texts):]
	return res, nil
}

// Stats returns the workers' counts summed.
func (t *shardTranslator) Stats() translate.Stats { return t.stats }

package translate

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"
)

// Defaults of [Options] when neither the options nor the backend's Limits
// set a value.
const (
	DefaultConcurrency    = 4
	DefaultMaxRetries     = 6
	DefaultBackoff        = time.Second
	DefaultMaxBackoff     = time.Minute
	DefaultRequestTimeout = time.Minute
)

// Options configures an [Engine]. The zero value is valid: every zero field
// takes the backend's value from its Limits or the package default.
type Options struct {
	// Cache is consulted before any request and written as each request
	// returns; nil disables caching. The Engine does not close it.
	Cache *Cache
	// Concurrency is the number of requests in flight at once; 0 uses the
	// backend's Limits.Concurrency, else DefaultConcurrency.
	Concurrency int
	// CharsPerMinute caps the code points sent per minute (retries
	// included); 0 uses the backend's Limits.CharsPerMinute, a negative
	// value means no limit. At most CharsPerMinute*7/6 are sent in any
	// 60-second window (a burst of a sixth of a minute's worth).
	CharsPerMinute int
	// MaxRetries is the number of retries of a request after a transient
	// failure; 0 means DefaultMaxRetries, a negative value means none.
	MaxRetries int
	// Backoff is the delay before the first retry, doubled at each retry up
	// to MaxBackoff, with jitter (a random half of it is taken off); 0 means
	// DefaultBackoff. A Retry-After from the service is a lower bound.
	Backoff time.Duration
	// MaxBackoff caps the delay between retries; 0 means DefaultMaxBackoff.
	MaxBackoff time.Duration
	// RequestTimeout bounds one request; a request that takes longer is
	// cancelled and retried. 0 uses the backend's Limits.Timeout, else
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// MaxTexts, when positive and below the backend's limit, packs fewer
	// texts per request.
	MaxTexts int
	// DryRun looks texts up in the cache and packs the others into requests,
	// counting them in Stats, but sends nothing: their Result.Err is
	// ErrDryRun. A text counted by an earlier call is counted as a
	// duplicate, as it would be in the cache; for that the Engine keeps 8
	// bytes of the key of each text it counted.
	DryRun bool
	// PricePerMillion is the price in USD of a million characters for
	// Stats.EstimatedCost; 0 uses the backend's list price, a negative value
	// means free.
	PricePerMillion float64
}

// Stats counts what an [Engine] did. Characters are Unicode code points,
// as the services bill them.
type Stats struct {
	Texts       int64 `json:"texts"`        // non-blank texts asked for, duplicates included
	Duplicates  int64 `json:"duplicates"`   // texts answered by an equal text of the same or a concurrent call
	CachedTexts int64 `json:"cached_texts"` // distinct texts found in the cache
	CachedChars int64 `json:"cached_chars"`
	// SentTexts and SentChars count distinct texts translated by the
	// backend (under DryRun: that would be sent).
	SentTexts int64 `json:"sent_texts"`
	SentChars int64 `json:"sent_chars"`
	// Requests counts requests made, retries included (under DryRun: that
	// would be made, without retries).
	Requests    int64 `json:"requests"`
	Retries     int64 `json:"retries"`
	FailedTexts int64 `json:"failed_texts"` // distinct texts that were not translated
	DryRun      bool  `json:"dry_run"`
	// PricePerMillion is the price used for EstimatedCost.
	PricePerMillion float64 `json:"price_per_million"`
	// EstimatedCost is SentChars*PricePerMillion/1e6 in USD.
	EstimatedCost float64 `json:"estimated_cost"`
}

// Add returns the counts of s plus sign times those of o (sign -1: the
// counts o adds to s, as between two snapshots of one Engine). DryRun,
// PricePerMillion and EstimatedCost are those of s.
func (s Stats) Add(o Stats, sign int64) Stats {
	s.Texts += sign * o.Texts
	s.Duplicates += sign * o.Duplicates
	s.CachedTexts += sign * o.CachedTexts
	s.CachedChars += sign * o.CachedChars
	s.SentTexts += sign * o.SentTexts
	s.SentChars += sign * o.SentChars
	s.Requests += sign * o.Requests
	s.Retries += sign * o.Retries
	s.FailedTexts += sign * o.FailedTexts
	return s
}

// Engine translates with a [Backend], adding a cache, deduplication,
// packing, concurrency, rate limiting, retries and statistics. It is safe
// for concurrent use; concurrent calls share the concurrency and rate
// limits, and a text being translated by one call is not sent again by
// another. Results depend only on the input and the backend, not on timing.
type Engine struct {
	b       Backend
	id      string
	lim     Limits
	opts    Options
	retries int
	timeout time.Duration
	price   float64
	sem     chan struct{}
	limiter *rate.Limiter // nil: no limit

	mu       sync.Mutex
	inflight map[Key]*flight
	counted  map[uint64]struct{} // DryRun: texts already counted, by key prefix

	texts, dups, cachedTexts, cachedChars, sentTexts, sentChars atomic.Int64
	requests, retried, failed                                   atomic.Int64
}

// flight is one text being translated, which other calls may wait for.
type flight struct {
	done chan struct{}
	text string
	err  error
}

// New returns an Engine over b.
func New(b Backend, opts Options) (*Engine, error) {
	if b == nil {
		return nil, errors.New("translate: nil backend")
	}
	lim := b.Limits()
	e := &Engine{b: b, id: b.ID(), lim: lim, opts: opts, inflight: map[Key]*flight{}}
	if opts.MaxTexts > 0 && (e.lim.MaxTexts == 0 || opts.MaxTexts < e.lim.MaxTexts) {
		e.lim.MaxTexts = opts.MaxTexts
	}
	n := opts.Concurrency
	if n <= 0 {
		n = lim.Concurrency
	}
	if n <= 0 {
		n = DefaultConcurrency
	}
	e.sem = make(chan struct{}, n)
	switch {
	case opts.MaxRetries < 0:
		e.retries = 0
	case opts.MaxRetries == 0:
		e.retries = DefaultMaxRetries
	default:
		e.retries = opts.MaxRetries
	}
	if e.opts.Backoff <= 0 {
		e.opts.Backoff = DefaultBackoff
	}
	if e.opts.MaxBackoff <= 0 {
		e.opts.MaxBackoff = DefaultMaxBackoff
	}
	e.timeout = opts.RequestTimeout
	if e.timeout <= 0 {
		e.timeout = lim.Timeout
	}
	if e.timeout <= 0 {
		e.timeout = DefaultRequestTimeout
	}
	switch {
	case opts.PricePerMillion < 0:
		e.price = 0
	case opts.PricePerMillion == 0:
		e.price = lim.PricePerMillion
	default:
		e.price = opts.PricePerMillion
	}
	cpm := opts.CharsPerMinute
	if cpm == 0 {
		cpm = lim.CharsPerMinute
	}
	if cpm > 0 {
		burst := max(cpm/6, 1)
		e.limiter = rate.NewLimiter(rate.Limit(float64(cpm)/60), burst)
	}
	return e, nil
}

// Backend returns the backend of e.
func (e *Engine) Backend() Backend { return e.b }

// MaxTexts returns the most texts one request holds: Options.MaxTexts
// when it is below the backend's limit, else that limit (0: no limit).
// Texts are packed into requests in order up to it (and the size limits).
func (e *Engine) MaxTexts() int { return e.lim.MaxTexts }

// Close closes the backend when it holds resources (a gRPC connection). It
// does not close the cache.
func (e *Engine) Close() error {
	if c, ok := e.b.(interface{ Close() error }); ok {
		return c.Close()
	}
	return nil
}

// Stats returns a snapshot of the counters.
func (e *Engine) Stats() Stats {
	s := Stats{
		Texts:           e.texts.Load(),
		Duplicates:      e.dups.Load(),
		CachedTexts:     e.cachedTexts.Load(),
		CachedChars:     e.cachedChars.Load(),
		SentTexts:       e.sentTexts.Load(),
		SentChars:       e.sentChars.Load(),
		Requests:        e.requests.Load(),
		Retries:         e.retried.Load(),
		FailedTexts:     e.failed.Load(),
		DryRun:          e.opts.DryRun,
		PricePerMillion: e.price,
	}
	s.EstimatedCost = float64(s.SentChars) * s.PricePerMillion / 1e6
	return s
}

// Translate translates texts and fails unless every text was translated:
// it implements [Translator] for callers that cannot use partial results.
// Under DryRun it returns an error wrapping ErrDryRun when any text is not
// in the cache.
func (e *Engine) Translate(ctx context.Context, src, tgt string, texts []string) ([]string, error) {
	res, err := e.TranslateAll(ctx, src, tgt, texts)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(res))
	var first error
	failed := 0
	for i, r := range res {
		if r.Err != nil {
			if first == nil {
				first = fmt.Errorf("text %d: %w", i+1, r.Err)
			}
			failed++
			continue
		}
		out[i] = r.Text
	}
	if first != nil {
		return nil, fmt.Errorf("%d of %d texts not translated; first: %w", failed, len(texts), first)
	}
	return out, nil
}

// item is one distinct text of a call.
type item struct {
	text  string
	key   Key
	runes int
	size  int
	idx   []int // positions in the input
	f     *flight
}

// TranslateAll translates texts from src to tgt and returns one Result per
// text, in order. Blank texts are returned as they are, without a request.
//
// A text that fails (retries exhausted, a rejected request, too long) has
// Result.Err set and the others go on. The returned error is non-nil only
// when the call stopped: the context was cancelled, the backend reported a
// Fatal error (bad key, API disabled, bad request), or the cache could not
// be read or written. Even then every text whose request had finished holds
// its translation and is in the cache.
func (e *Engine) TranslateAll(ctx context.Context, src, tgt string, texts []string) ([]Result, error) {
	res := make([]Result, len(texts))
	var items []*item
	byText := make(map[string]*item)
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			res[i].Text = t
			continue
		}
		e.texts.Add(1)
		it := byText[t]
		if it == nil {
			it = &item{text: t, key: CacheKey(e.id, src, tgt, t), runes: utf8.RuneCountInString(t), size: e.lim.size(t)}
			byText[t] = it
			items = append(items, it)
		} else {
			e.dups.Add(1)
		}
		it.idx = append(it.idx, i)
	}
	set := func(it *item, r Result) {
		for _, i := range it.idx {
			res[i] = r
		}
	}

	// The cache first.
	missing := items
	if e.opts.Cache != nil && len(items) > 0 {
		keys := make([]Key, len(items))
		for i, it := range items {
			keys[i] = it.key
		}
		got, found, err := e.opts.Cache.Get(keys)
		if err != nil {
			return nil, err
		}
		missing = missing[:0:0]
		for i, it := range items {
			if found[i] {
				e.cachedTexts.Add(1)
				e.cachedChars.Add(int64(it.runes))
				set(it, Result{Text: got[i], Cached: true})
			} else {
				missing = append(missing, it)
			}
		}
	}
	if len(missing) == 0 {
		return res, nil
	}

	if e.opts.DryRun {
		// Texts counted by an earlier call would be in the cache by now.
		fresh := missing[:0:0]
		e.mu.Lock()
		if e.counted == nil {
			e.counted = map[uint64]struct{}{}
		}
		for _, it := range missing {
			k := binary.LittleEndian.Uint64(it.key[:8])
			if _, ok := e.counted[k]; ok {
				e.dups.Add(1) // its other occurrences are counted already
				set(it, Result{Err: ErrDryRun})
				continue
			}
			e.counted[k] = struct{}{}
			fresh = append(fresh, it)
		}
		e.mu.Unlock()
		batches, tooLong := e.pack(fresh)
		for _, it := range tooLong {
			e.failed.Add(1)
			set(it, Result{Err: ErrTooLong})
		}
		e.requests.Add(int64(len(batches)))
		for _, b := range batches {
			for _, it := range b {
				e.sentTexts.Add(1)
				e.sentChars.Add(int64(it.runes))
				set(it, Result{Err: ErrDryRun})
			}
		}
		return res, nil
	}

	// Claim the texts nobody is translating; wait for the others.
	var own, waits []*item
	e.mu.Lock()
	for _, it := range missing {
		if f := e.inflight[it.key]; f != nil {
			it.f = f
			waits = append(waits, it)
			continue
		}
		it.f = &flight{done: make(chan struct{})}
		e.inflight[it.key] = it.f
		own = append(own, it)
	}
	e.mu.Unlock()

	// A call that finished between our cache lookup and our claim has put
	// its translations in the cache before giving up its claim: look again.
	if e.opts.Cache != nil && len(own) > 0 {
		keys := make([]Key, len(own))
		for i, it := range own {
			keys[i] = it.key
		}
		got, found, err := e.opts.Cache.Get(keys)
		if err != nil {
			for _, it := range own {
				e.resolve(it, "", err)
			}
			return nil, err
		}
		rest := own[:0:0]
		for i, it := range own {
			if found[i] {
				e.cachedTexts.Add(1)
				e.cachedChars.Add(int64(it.runes))
				e.resolve(it, got[i], nil)
				set(it, Result{Text: got[i], Cached: true})
			} else {
				rest = append(rest, it)
			}
		}
		own = rest
	}

	batches, tooLong := e.pack(own)
	for _, it := range tooLong {
		e.resolve(it, "", ErrTooLong)
	}
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	for _, b := range batches {
		wg.Go(func() { e.run(ctx, cctx, cancel, src, tgt, b) })
	}
	wg.Wait()

	for _, it := range own {
		if it.f.err != nil {
			e.failed.Add(1)
			set(it, Result{Err: it.f.err})
		} else {
			set(it, Result{Text: it.f.text})
		}
	}
	var again []*item // texts whose owner call was cancelled
	for _, it := range waits {
		select {
		case <-it.f.done:
			switch {
			case it.f.err == nil:
				e.dups.Add(1) // its other occurrences are counted already
				set(it, Result{Text: it.f.text})
			case ctx.Err() == nil && (errors.Is(it.f.err, context.Canceled) || errors.Is(it.f.err, context.DeadlineExceeded)):
				again = append(again, it)
			default:
				set(it, Result{Err: it.f.err})
			}
		case <-ctx.Done():
			set(it, Result{Err: ctx.Err()})
		}
	}
	if len(again) > 0 {
		texts := make([]string, len(again))
		for i, it := range again {
			texts[i] = it.text
		}
		e.texts.Add(-int64(len(again))) // counted already
		r, err := e.TranslateAll(ctx, src, tgt, texts)
		if err != nil && r == nil {
			return nil, err
		}
		for i, it := range again {
			set(it, r[i])
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := context.Cause(cctx); err != nil && !errors.Is(err, context.Canceled) {
		return res, err
	}
	return res, nil
}

// resolve finishes the flight of it and lets waiting calls go.
func (e *Engine) resolve(it *item, text string, err error) {
	it.f.text, it.f.err = text, err
	e.mu.Lock()
	delete(e.inflight, it.key)
	e.mu.Unlock()
	close(it.f.done)
}

// pack groups items into requests within the limits, greedily in order, so
// the same items always give the same requests. Items that cannot fit in
// any request are returned apart.
func (e *Engine) pack(items []*item) (batches [][]*item, tooLong []*item) {
	l := e.lim
	var cur []*item
	runes, size := 0, 0
	for _, it := range items {
		if (l.MaxRunes > 0 && it.runes > l.MaxRunes) || (l.MaxBytes > 0 && it.size > l.MaxBytes) {
			tooLong = append(tooLong, it)
			continue
		}
		if len(cur) > 0 && ((l.MaxTexts > 0 && len(cur) >= l.MaxTexts) ||
			(l.MaxRunes > 0 && runes+it.runes > l.MaxRunes) ||
			(l.MaxBytes > 0 && size+it.size > l.MaxBytes)) {
			batches = append(batches, cur)
			cur, runes, size = nil, 0, 0
		}
		cur = append(cur, it)
		runes += it.runes
		size += it.size
	}
	if len(cur) > 0 {
		batches = append(batches, cur)
	}
	return batches, tooLong
}

// run sends one batch, stores its result in the cache and resolves its
// flights. A fatal error stops the call through cancel: no new request
// starts after it, but those under way (ctx) finish and are kept, since
// they may be paid for.
func (e *Engine) run(ctx, stop context.Context, cancel context.CancelCauseFunc, src, tgt string, batch []*item) {
	texts := make([]string, len(batch))
	runes := 0
	for i, it := range batch {
		texts[i] = it.text
		runes += it.runes
	}
	out, err := e.send(ctx, stop, src, tgt, texts, runes)
	if err == nil {
		for i, t := range out {
			if !strings.ContainsAny(texts[i], "\r\n") && strings.ContainsAny(t, "\r\n") {
				out[i] = strings.Join(strings.Fields(t), " ")
			}
		}
		if e.opts.Cache != nil {
			keys := make([]Key, len(batch))
			for i, it := range batch {
				keys[i] = it.key
			}
			if perr := e.opts.Cache.Put(e.id, keys, out); perr != nil {
				// Stop before paying for more that cannot be kept; this
				// batch's translations are still returned.
				cancel(perr)
			}
		}
		e.sentTexts.Add(int64(len(batch)))
		e.sentChars.Add(int64(runes))
		for i, it := range batch {
			e.resolve(it, out[i], nil)
		}
		return
	}
	var re *RequestError
	if errors.As(err, &re) && re.Kind == Fatal {
		cancel(err)
	}
	if errors.Is(err, ErrLineCount) && len(batch) > 1 && stop.Err() == nil {
		// The backend lost or added lines: halve the batch until the
		// texts that cause it fail alone.
		h := len(batch) / 2
		e.run(ctx, stop, cancel, src, tgt, batch[:h])
		e.run(ctx, stop, cancel, src, tgt, batch[h:])
		return
	}
	for _, it := range batch {
		e.resolve(it, "", err)
	}
}

// send makes one request, retrying transient failures. Waits end when
// stop is done; the request itself runs under ctx.
func (e *Engine) send(ctx, stop context.Context, src, tgt string, texts []string, runes int) ([]string, error) {
	for attempt := 0; ; attempt++ {
		if e.limiter != nil {
			if err := e.limiter.WaitN(stop, min(runes, e.limiter.Burst())); err != nil {
				if stop.Err() != nil {
					return nil, context.Cause(stop)
				}
				return nil, fmt.Errorf("rate limiter: %w", err)
			}
		}
		select {
		case e.sem <- struct{}{}:
		case <-stop.Done():
			return nil, context.Cause(stop)
		}
		if stop.Err() != nil {
			<-e.sem
			return nil, context.Cause(stop)
		}
		rctx, rcancel := context.WithTimeout(ctx, e.timeout)
		out, err := e.b.Translate(rctx, src, tgt, texts)
		timedOut := ctx.Err() == nil && errors.Is(rctx.Err(), context.DeadlineExceeded)
		rcancel()
		<-e.sem
		e.requests.Add(1)
		if err == nil && len(out) != len(texts) {
			return nil, &RequestError{Backend: e.id, Kind: Permanent,
				Err: fmt.Errorf("%w: %d translations for %d texts", ErrLineCount, len(out), len(texts))}
		}
		if err == nil {
			return out, nil
		}
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		if stop.Err() != nil {
			return nil, context.Cause(stop)
		}
		kind, after := classify(err, timedOut)
		if timedOut {
			err = fmt.Errorf("request timed out after %v: %w", e.timeout, err)
		}
		if kind != Transient {
			return nil, err
		}
		if attempt >= e.retries {
			return nil, fmt.Errorf("giving up after %d attempts: %w", attempt+1, err)
		}
		e.retried.Add(1)
		t := time.NewTimer(e.backoff(attempt, after))
		select {
		case <-t.C:
		case <-stop.Done():
			t.Stop()
			return nil, context.Cause(stop)
		}
	}
}

// classify says whether err is worth a retry.
func classify(err error, timedOut bool) (ErrorKind, time.Duration) {
	var re *RequestError
	if errors.As(err, &re) {
		return re.Kind, re.RetryAfter
	}
	if timedOut || errors.Is(err, context.DeadlineExceeded) {
		return Transient, 0
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return Transient, 0
	}
	return Permanent, 0
}

// backoff returns the delay before retry number attempt+1: Backoff doubled
// attempt times, capped at MaxBackoff, minus a random part of up to half,
// and at least after.
func (e *Engine) backoff(attempt int, after time.Duration) time.Duration {
	d := e.opts.Backoff
	for i := 0; i < attempt && d < e.opts.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, e.opts.MaxBackoff)
	if half := int64(d / 2); half > 0 {
		d -= time.Duration(rand.Int64N(half + 1))
	}
	return max(d, after)
}

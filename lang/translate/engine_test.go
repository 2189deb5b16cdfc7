package translate

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBackend upper-cases texts and records its requests. Texts listed in
// drop vanish from the output (a line count error); texts in fail make the
// request fail with failErr.
type fakeBackend struct {
	lim     Limits
	drop    map[string]bool
	fail    map[string]bool
	failErr error
	// block, when set, receives each request before it is answered and
	// waits for release.
	block   chan []string
	release chan struct{}

	mu    sync.Mutex
	calls [][]string
}

func (f *fakeBackend) ID() string     { return "fake" }
func (f *fakeBackend) Limits() Limits { return f.lim }

func (f *fakeBackend) Translate(ctx context.Context, src, tgt string, texts []string) ([]string, error) {
	f.mu.Lock()
	f.calls = append(f.calls, slices.Clone(texts))
	f.mu.Unlock()
	if f.block != nil {
		f.block <- texts
		select {
		case <-f.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	var out []string
	for _, t := range texts {
		if f.fail[t] {
			return nil, f.failErr
		}
		if f.drop[t] {
			continue
		}
		out = append(out, tgt+":"+strings.ToUpper(t))
	}
	return out, nil
}

// sent returns how many times each text was sent.
func (f *fakeBackend) sent() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := map[string]int{}
	for _, c := range f.calls {
		for _, t := range c {
			m[t]++
		}
	}
	return m
}

func openTestCache(t *testing.T) *Cache {
	t.Helper()
	c, err := OpenCache(filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Error(err)
		}
	})
	return c
}

func fastOptions() Options {
	return Options{Backoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, CharsPerMinute: -1}
}

func TestEngineTranslateAll(t *testing.T) {
	tests := []struct {
		name      string
		lim       Limits
		texts     []string
		drop      []string
		want      []string
		wantErrs  []error // per text; nil for success
		wantCalls int
	}{
		{
			name:      "order kept, duplicates sent once",
			lim:       Limits{MaxTexts: 2},
			texts:     []string{"a", "b", "a", "c", "b"},
			want:      []string{"es:A", "es:B", "es:A", "es:C", "es:B"},
			wantCalls: 2,
		},
		{
			name:      "blank texts returned as they are",
			texts:     []string{"", "  ", "x", "\t"},
			want:      []string{"", "  ", "es:X", "\t"},
			wantCalls: 1,
		},
		{
			name:      "rune limit packs",
			lim:       Limits{MaxRunes: 5},
			texts:     []string{"ééé", "ab", "cd", "efghi"},
			want:      []string{"es:ÉÉÉ", "es:AB", "es:CD", "es:EFGHI"},
			wantCalls: 3,
		},
		{
			name:      "too long fails alone",
			lim:       Limits{MaxBytes: 4},
			texts:     []string{"abcde", "ab"},
			want:      []string{"", "es:AB"},
			wantErrs:  []error{ErrTooLong, nil},
			wantCalls: 1,
		},
		{
			name:      "lost line isolated by halving",
			lim:       Limits{MaxTexts: 8},
			texts:     []string{"a", "b", "c", "bad", "d", "e"},
			drop:      []string{"bad"},
			want:      []string{"es:A", "es:B", "es:C", "", "es:D", "es:E"},
			wantErrs:  []error{nil, nil, nil, ErrLineCount, nil, nil},
			wantCalls: 5, // 6 -> 3+3 -> (1+2) -> bad alone
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := &fakeBackend{lim: tc.lim, drop: map[string]bool{}}
			for _, d := range tc.drop {
				b.drop[d] = true
			}
			opts := fastOptions()
			opts.Concurrency = 1
			e, err := New(b, opts)
			if err != nil {
				t.Fatal(err)
			}
			res, err := e.TranslateAll(context.Background(), "en", "es", tc.texts)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				var want error
				if tc.wantErrs != nil {
					want = tc.wantErrs[i]
				}
				if (want == nil) != (r.Err == nil) || (want != nil && !errors.Is(r.Err, want)) {
					t.Errorf("text %d: err %v, want %v", i, r.Err, want)
				}
				if r.Text != tc.want[i] {
					t.Errorf("text %d: %q, want %q", i, r.Text, tc.want[i])
				}
			}
			if len(b.calls) != tc.wantCalls {
				t.Errorf("%d calls %v, want %d", len(b.calls), b.calls, tc.wantCalls)
			}
		})
	}
}

func TestEngineCacheAndDryRun(t *testing.T) {
	cache := openTestCache(t)
	texts := []string{"one", "two", "three", "two"}
	b := &fakeBackend{lim: Limits{MaxTexts: 2, PricePerMillion: 20}}
	opts := fastOptions()
	opts.Cache = cache
	opts.DryRun = true
	dry, _ := New(b, opts)
	res, err := dry.TranslateAll(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if !errors.Is(r.Err, ErrDryRun) {
			t.Errorf("dry run text %d: %v", i, r.Err)
		}
	}
	st := dry.Stats()
	if len(b.calls) != 0 || st.Requests != 2 || st.SentChars != 11 || st.SentTexts != 3 || st.EstimatedCost != 11*20/1e6 {
		t.Errorf("dry run: %d calls, stats %+v", len(b.calls), st)
	}

	opts.DryRun = false
	e, _ := New(b, opts)
	if _, err := e.Translate(context.Background(), "en", "es", texts[:2]); err != nil {
		t.Fatal(err)
	}
	got, err := e.Translate(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"es:ONE", "es:TWO", "es:THREE", "es:TWO"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if want := map[string]int{"one": 1, "two": 1, "three": 1}; !reflect.DeepEqual(b.sent(), want) {
		t.Errorf("sent %v, want %v", b.sent(), want)
	}
	st = e.Stats()
	if st.CachedTexts != 2 || st.SentTexts != 3 || st.Requests != 2 {
		t.Errorf("stats %+v", st)
	}

	// A dry run now finds everything in the cache.
	opts.DryRun = true
	dry, _ = New(b, opts)
	if got, err := dry.Translate(context.Background(), "en", "es", texts); err != nil || got[2] != "es:THREE" {
		t.Errorf("cached dry run: %q, %v", got, err)
	}
	if st := dry.Stats(); st.Requests != 0 || st.SentChars != 0 || st.CachedTexts != 3 {
		t.Errorf("cached dry run stats %+v", st)
	}
	// Another language pair or backend is another key.
	if _, err := dry.Translate(context.Background(), "en", "fr", texts[:1]); !errors.Is(err, ErrDryRun) {
		t.Errorf("en-fr dry run: %v, want ErrDryRun", err)
	}
}

func TestEngineFatalStops(t *testing.T) {
	fatal := &RequestError{Backend: "fake", Kind: Fatal, Status: 403, Err: errors.New("key invalid")}
	b := &fakeBackend{lim: Limits{MaxTexts: 1}, fail: map[string]bool{"b": true}, failErr: fatal}
	opts := fastOptions()
	opts.Concurrency = 1
	e, _ := New(b, opts)
	res, err := e.TranslateAll(context.Background(), "en", "es", []string{"a", "b", "c", "d"})
	if !errors.Is(err, fatal) {
		t.Fatalf("err %v, want the fatal error", err)
	}
	for i, r := range res {
		if r.Err == nil && r.Text != "es:"+strings.ToUpper([]string{"a", "b", "c", "d"}[i]) {
			t.Errorf("text %d: %+v", i, r)
		}
		if i == 1 && !errors.Is(r.Err, fatal) {
			t.Errorf("failed text: %+v", r)
		}
	}
	if _, err := e.Translate(context.Background(), "en", "es", []string{"b"}); !errors.Is(err, fatal) {
		t.Errorf("Translate: %v", err)
	}
}

func TestEngineRetries(t *testing.T) {
	tests := []struct {
		name        string
		kind        ErrorKind
		maxRetries  int
		wantCalls   int
		wantRetries int64
	}{
		{"transient retried then given up", Transient, 3, 4, 3},
		{"permanent not retried", Permanent, 3, 1, 0},
		{"no retries", Transient, -1, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := &fakeBackend{fail: map[string]bool{"x": true}, failErr: &RequestError{Backend: "fake", Kind: tc.kind, Err: errors.New("boom")}}
			opts := fastOptions()
			opts.MaxRetries = tc.maxRetries
			e, _ := New(b, opts)
			res, err := e.TranslateAll(context.Background(), "en", "es", []string{"x"})
			if err != nil {
				t.Fatal(err)
			}
			if res[0].Err == nil {
				t.Error("no error for a failed text")
			}
			if len(b.calls) != tc.wantCalls || e.Stats().Retries != tc.wantRetries || e.Stats().FailedTexts != 1 {
				t.Errorf("%d calls, stats %+v", len(b.calls), e.Stats())
			}
		})
	}
}

// TestEngineConcurrentCallsShare checks that a text being translated by one
// call is not sent again by a concurrent call.
func TestEngineConcurrentCallsShare(t *testing.T) {
	b := &fakeBackend{lim: Limits{MaxTexts: 10}, block: make(chan []string), release: make(chan struct{})}
	opts := fastOptions()
	opts.Concurrency = 2
	e, _ := New(b, opts)
	ctx := context.Background()
	type out struct {
		got []string
		err error
	}
	first, second := make(chan out, 1), make(chan out, 1)
	go func() {
		got, err := e.Translate(ctx, "en", "es", []string{"a", "b"})
		first <- out{got, err}
	}()
	<-b.block // the first call's request is at the backend
	go func() {
		got, err := e.Translate(ctx, "en", "es", []string{"b", "new", "a"})
		second <- out{got, err}
	}()
	// The second call claims "new" and waits for "a" and "b" before it
	// sends its own request.
	if got := <-b.block; !reflect.DeepEqual(got, []string{"new"}) {
		t.Errorf("second call sent %q, want only [new]", got)
	}
	close(b.release)
	r1, r2 := <-first, <-second
	if r1.err != nil || r2.err != nil {
		t.Fatal(r1.err, r2.err)
	}
	if want := []string{"es:B", "es:NEW", "es:A"}; !reflect.DeepEqual(r2.got, want) {
		t.Errorf("second call got %q, want %q", r2.got, want)
	}
	for text, n := range b.sent() {
		if n != 1 {
			t.Errorf("%q sent %d times", text, n)
		}
	}
}

func TestEngineNewlinesCollapsed(t *testing.T) {
	b := &newlineBackend{}
	e, _ := New(b, fastOptions())
	got, err := e.Translate(context.Background(), "en", "es", []string{"one line", "two\nlines"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"one line !", "two\nlines\n!"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

type newlineBackend struct{}

func (newlineBackend) ID() string     { return "nl" }
func (newlineBackend) Limits() Limits { return Limits{} }
func (newlineBackend) Translate(_ context.Context, _, _ string, texts []string) ([]string, error) {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = t + "\n!"
	}
	return out, nil
}

func TestEngineCancelled(t *testing.T) {
	b := &fakeBackend{lim: Limits{MaxTexts: 1}, block: make(chan []string), release: make(chan struct{})}
	opts := fastOptions()
	opts.Concurrency = 1
	e, _ := New(b, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var res []Result
	go func() {
		var err error
		res, err = e.TranslateAll(ctx, "en", "es", []string{"a", "b", "c"})
		done <- err
	}()
	first := (<-b.block)[0]
	b.release <- struct{}{} // the first request finishes
	<-b.block               // the second is at the backend
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	for i, r := range res {
		text := []string{"a", "b", "c"}[i]
		if text == first && r.Text != "es:"+strings.ToUpper(text) {
			t.Errorf("finished text %q lost: %+v", text, r)
		}
		if text != first && r.Err == nil {
			t.Errorf("unfinished text %q has no error: %+v", text, r)
		}
	}
}

func TestBackoff(t *testing.T) {
	e, _ := New(&fakeBackend{}, Options{Backoff: 100 * time.Millisecond, MaxBackoff: time.Second})
	for attempt, want := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		want *= time.Millisecond
		if want > time.Second {
			want = time.Second
		}
		for range 20 {
			d := e.backoff(attempt, 0)
			if d < want/2 || d > want {
				t.Fatalf("attempt %d: backoff %v outside [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
	if d := e.backoff(0, 3*time.Second); d != 3*time.Second {
		t.Errorf("Retry-After not honoured: %v", d)
	}
}

func TestPackDeterministic(t *testing.T) {
	e, _ := New(&fakeBackend{lim: Limits{MaxTexts: 3, MaxRunes: 10}}, Options{})
	var items []*item
	for i := range 50 {
		s := strings.Repeat("x", i%7+1)
		items = append(items, &item{text: fmt.Sprint(i, s), runes: len(s) + len(fmt.Sprint(i))})
	}
	a, _ := e.pack(items)
	b, _ := e.pack(items)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("pack not deterministic")
	}
	n := 0
	for _, batch := range a {
		runes := 0
		for _, it := range batch {
			runes += it.runes
			if it != items[n] {
				t.Fatalf("order changed at %d", n)
			}
			n++
		}
		if len(batch) > 3 || runes > 10 {
			t.Errorf("batch of %d texts, %d runes", len(batch), runes)
		}
	}
}

func TestEngineDryRunCountsOnce(t *testing.T) {
	b := &fakeBackend{lim: Limits{MaxTexts: 10}}
	opts := fastOptions()
	opts.DryRun = true
	e, _ := New(b, opts)
	for range 2 {
		if _, err := e.TranslateAll(context.Background(), "en", "es", []string{"a", "bb", "a"}); err != nil {
			t.Fatal(err)
		}
	}
	if st := e.Stats(); st.SentTexts != 2 || st.SentChars != 3 || st.Duplicates != 4 || st.Requests != 1 {
		t.Errorf("stats %+v", st)
	}
}

// TestEngineOwnerCancelled checks that a call waiting for a text another
// call was sending sends it itself when that other call is cancelled.
func TestEngineOwnerCancelled(t *testing.T) {
	b := &fakeBackend{lim: Limits{MaxTexts: 10}, block: make(chan []string), release: make(chan struct{})}
	opts := fastOptions()
	opts.Concurrency = 2
	e, _ := New(b, opts)
	ctxA, cancelA := context.WithCancel(context.Background())
	errA := make(chan error, 1)
	go func() {
		_, err := e.Translate(ctxA, "en", "es", []string{"a"})
		errA <- err
	}()
	<-b.block // A sends "a"
	type out struct {
		got []string
		err error
	}
	resB := make(chan out, 1)
	go func() {
		got, err := e.Translate(context.Background(), "en", "es", []string{"a", "new"})
		resB <- out{got, err}
	}()
	<-b.block // B sends "new" and waits for A's "a"
	cancelA()
	if err := <-errA; !errors.Is(err, context.Canceled) {
		t.Fatalf("A: %v", err)
	}
	b.release <- struct{}{} // B's "new" returns
	if got := <-b.block; !reflect.DeepEqual(got, []string{"a"}) {
		t.Fatalf("B resent %q, want [a]", got)
	}
	b.release <- struct{}{}
	r := <-resB
	if r.err != nil || !reflect.DeepEqual(r.got, []string{"es:A", "es:NEW"}) {
		t.Errorf("B: %q, %v", r.got, r.err)
	}
}

package translate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/paraline/paraline/lang/translate/translatetest"
	"google.golang.org/api/googleapi"
	"google.golang.org/grpc/codes"
)

// testTexts returns n distinct texts with quotes, apostrophes, ampersands
// and a literal entity; every tenth one is long and heavy to encode in
// JSON, so the body limit decides the packing.
func testTexts(n int) []string {
	texts := make([]string, n)
	for i := range texts {
		switch {
		case i%10 == 9:
			texts[i] = fmt.Sprintf("%d %s", i, strings.Repeat("é<", 1250))
		case i%10 == 5:
			texts[i] = fmt.Sprintf("Tom &amp; Jerry's episode %d", i)
		default:
			texts[i] = fmt.Sprintf("Sentence %d isn't \"quoted\" & <b>bold</b>.", i)
		}
	}
	return texts
}

func newV2Engine(t testing.TB, srv *translatetest.V2, cfg Config, opts Options) *Engine {
	t.Helper()
	cfg.Name = "google"
	cfg.Endpoint = srv.URL()
	b, err := NewBackend(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(b, opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// checkOutput checks that got is the decoded fake translation of texts.
func checkOutput(t *testing.T, texts, got []string) {
	t.Helper()
	if len(got) != len(texts) {
		t.Fatalf("%d outputs for %d texts", len(got), len(texts))
	}
	for i := range texts {
		if want := translatetest.Decoded("es", texts[i]); got[i] != want {
			t.Fatalf("text %d: got %.60q, want %.60q", i, got[i], want)
		}
	}
}

// checkSentOnce fails when a text was translated more than once.
func checkSentOnce(t *testing.T, srv *translatetest.Server) {
	t.Helper()
	for text, n := range srv.Sent() {
		if n > 1 {
			t.Errorf("%.40q translated %d times", text, n)
		}
	}
	if v := srv.Violations(); len(v) > 0 {
		t.Errorf("service limits broken: %v", v)
	}
}

func TestGoogleV2PackingOrderEntitiesCache(t *testing.T) {
	srv := translatetest.NewV2()
	defer srv.Close()
	var keys sync.Map
	srv.Hook = func(_ context.Context, r translatetest.Request) *translatetest.Fault {
		keys.Store(r.Key, true)
		return nil
	}
	cache := openTestCache(t)
	texts := testTexts(1000)
	opts := fastOptions()
	opts.Cache = cache
	e := newV2Engine(t, srv, Config{APIKey: "test-key"}, opts)
	got, err := e.Translate(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, texts, got)
	checkSentOnce(t, &srv.Server)
	if _, ok := keys.Load("test-key"); !ok {
		t.Error("API key not sent")
	}
	st := e.Stats()
	// 100 long texts of about 10 KB in JSON: 10 a request at most.
	if st.Requests != int64(srv.Requests()) || st.Requests < 10 || st.Requests > 20 {
		t.Errorf("%d requests (server %d)", st.Requests, srv.Requests())
	}
	if st.SentTexts != 1000 || st.SentChars != int64(srv.Chars()) || st.Retries != 0 {
		t.Errorf("stats %+v, server chars %d", st, srv.Chars())
	}
	if want := float64(srv.Chars()) * 20 / 1e6; st.EstimatedCost != want {
		t.Errorf("cost %v, want %v", st.EstimatedCost, want)
	}

	// Second run: everything from the cache, zero requests.
	before := srv.Requests()
	e2 := newV2Engine(t, srv, Config{APIKey: "test-key"}, opts)
	got, err = e2.Translate(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, texts, got)
	if n := srv.Requests() - before; n != 0 {
		t.Errorf("second run made %d requests", n)
	}
	if st := e2.Stats(); st.CachedTexts != 1000 || st.Requests != 0 {
		t.Errorf("second run stats %+v", st)
	}
}

func TestGoogleV2Faults(t *testing.T) {
	type fault = translatetest.Fault
	tests := []struct {
		name        string
		faults      []fault
		wantErr     string // a fatal error's text; "" when all is translated
		wantRetries int64
	}{
		{name: "429 then success", faults: []fault{{Status: 429}}, wantRetries: 1},
		{name: "500s", faults: []fault{{Status: 500}, {Status: 502}, {Status: 503}}, wantRetries: 3},
		{name: "hung request times out", faults: []fault{{Hang: true}}, wantRetries: 1},
		{name: "403 rate limit", faults: []fault{{Status: 403, Reason: "rateLimitExceeded"}, {Status: 403, Reason: "userRateLimitExceeded"}}, wantRetries: 2},
		{name: "403 API not enabled", faults: []fault{{Status: 403, Reason: "accessNotConfigured"}}, wantErr: "enable the Cloud Translation API"},
		{name: "403 daily limit", faults: []fault{{Status: 403, Reason: "dailyLimitExceeded"}}, wantErr: "daily quota"},
		{name: "400", faults: []fault{{Status: 400, Reason: "invalid"}}, wantErr: "HTTP 400"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := translatetest.NewV2()
			defer srv.Close()
			srv.Faults = tc.faults
			texts := testTexts(300)
			opts := fastOptions()
			opts.Cache = openTestCache(t)
			opts.Concurrency = 2
			opts.RequestTimeout = 300 * time.Millisecond
			e := newV2Engine(t, srv, Config{}, opts)
			got, err := e.Translate(context.Background(), "en", "es", texts)
			checkSentOnce(t, &srv.Server)
			if tc.wantErr != "" {
				var re *RequestError
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.As(err, &re) || re.Kind != Fatal {
					t.Fatalf("err %v, want a fatal error with %q", err, tc.wantErr)
				}
				// The rerun sends only what was not translated.
				e2 := newV2Engine(t, srv, Config{}, opts)
				got, err = e2.Translate(context.Background(), "en", "es", texts)
				if err != nil {
					t.Fatal(err)
				}
				checkOutput(t, texts, got)
				checkSentOnce(t, &srv.Server)
				if st := e.Stats(); st.CachedTexts != 0 {
					t.Errorf("first run stats %+v", st)
				}
				if st := e2.Stats(); st.CachedTexts+st.SentTexts != int64(len(texts)) {
					t.Errorf("rerun stats %+v", st)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkOutput(t, texts, got)
			if n := len(srv.Sent()); n != len(texts) {
				t.Errorf("%d texts translated, want %d", n, len(texts))
			}
			if st := e.Stats(); st.Retries != tc.wantRetries || st.Requests != int64(srv.Requests()) {
				t.Errorf("stats %+v, server requests %d", st, srv.Requests())
			}
		})
	}
}

func TestGoogleV2GivesUp(t *testing.T) {
	srv := translatetest.NewV2()
	defer srv.Close()
	srv.Hook = func(context.Context, translatetest.Request) *translatetest.Fault {
		return &translatetest.Fault{Status: 503}
	}
	opts := fastOptions()
	opts.MaxRetries = 2
	e := newV2Engine(t, srv, Config{}, opts)
	res, err := e.TranslateAll(context.Background(), "en", "es", []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Err == nil || !strings.Contains(r.Err.Error(), "giving up after 3 attempts") {
			t.Errorf("result %+v", r)
		}
	}
	if srv.Requests() != 3 {
		t.Errorf("%d requests, want 3", srv.Requests())
	}
}

func TestGoogleV2DryRun(t *testing.T) {
	srv := translatetest.NewV2()
	defer srv.Close()
	texts := testTexts(500)
	opts := fastOptions()
	opts.DryRun = true
	e := newV2Engine(t, srv, Config{}, opts)
	res, err := e.TranslateAll(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	chars := 0
	for i, r := range res {
		if !errors.Is(r.Err, ErrDryRun) {
			t.Fatalf("text %d: %+v", i, r)
		}
		chars += utf8.RuneCountInString(texts[i])
	}
	if srv.Requests() != 0 {
		t.Errorf("dry run made %d requests", srv.Requests())
	}
	st := e.Stats()
	if st.SentChars != int64(chars) || st.Requests < 5 || st.EstimatedCost != float64(chars)*20/1e6 {
		t.Errorf("stats %+v, chars %d", st, chars)
	}
}

// TestGoogleV2Interrupted cancels a run in the middle: every finished batch
// is in the cache and the rerun sends only the rest.
func TestGoogleV2Interrupted(t *testing.T) {
	srv := translatetest.NewV2()
	defer srv.Close()
	var first atomic.Bool
	first.Store(true)
	blocked := make(chan struct{})
	var once sync.Once
	srv.Hook = func(_ context.Context, r translatetest.Request) *translatetest.Fault {
		if first.Load() && r.N > 3 {
			once.Do(func() { close(blocked) })
			return &translatetest.Fault{Hang: true}
		}
		return nil
	}
	cache := openTestCache(t)
	texts := testTexts(1000)
	opts := fastOptions()
	opts.Cache = cache
	opts.Concurrency = 1
	e := newV2Engine(t, srv, Config{}, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.TranslateAll(ctx, "en", "es", texts)
		done <- err
	}()
	<-blocked
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v", err)
	}
	paid := srv.Sent()
	if len(paid) == 0 || len(paid) == len(texts) {
		t.Fatalf("%d texts translated before the interruption", len(paid))
	}
	if st := e.Stats(); st.SentTexts != int64(len(paid)) {
		t.Errorf("engine counted %d sent, server %d", st.SentTexts, len(paid))
	}

	first.Store(false)
	e2 := newV2Engine(t, srv, Config{}, opts)
	got, err := e2.Translate(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, texts, got)
	checkSentOnce(t, &srv.Server)
	if st := e2.Stats(); st.CachedTexts != int64(len(paid)) || st.SentTexts != int64(len(texts)-len(paid)) {
		t.Errorf("rerun stats %+v, %d paid before", st, len(paid))
	}
}

func TestGoogleErrorClassification(t *testing.T) {
	h := http.Header{"Retry-After": []string{"7"}}
	tests := []struct {
		name  string
		err   error
		kind  ErrorKind
		after time.Duration
		hint  string
	}{
		{"429", &googleapi.Error{Code: 429, Header: h}, Transient, 7 * time.Second, ""},
		{"503", &googleapi.Error{Code: 503}, Transient, 0, ""},
		{"403 rate", &googleapi.Error{Code: 403, Errors: []googleapi.ErrorItem{{Reason: "rateLimitExceeded"}}}, Transient, 0, ""},
		{"403 rate in details", &googleapi.Error{Code: 403, Details: []any{map[string]any{"reason": "RATE_LIMIT_EXCEEDED"}}}, Transient, 0, ""},
		{"403 key", &googleapi.Error{Code: 403, Errors: []googleapi.ErrorItem{{Reason: "forbidden"}}}, Fatal, 0, "API key"},
		{"400 key", &googleapi.Error{Code: 400, Errors: []googleapi.ErrorItem{{Reason: "keyInvalid"}}}, Fatal, 0, "--api-key"},
		{"404", &googleapi.Error{Code: 404}, Fatal, 0, "--endpoint"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var re *RequestError
			if !errors.As(googleError(tc.err), &re) {
				t.Fatalf("not a RequestError: %v", googleError(tc.err))
			}
			if re.Kind != tc.kind || re.RetryAfter != tc.after || !strings.Contains(re.Error(), tc.hint) {
				t.Errorf("got %v %v %q", re.Kind, re.RetryAfter, re.Error())
			}
		})
	}
}

func TestGoogleV3(t *testing.T) {
	srv, err := translatetest.NewV3()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.Faults = []translatetest.Fault{{Code: codes.Unavailable}, {Code: codes.ResourceExhausted}}
	texts := testTexts(400)
	opts := fastOptions()
	opts.Cache = openTestCache(t)
	cfg := Config{Name: "google", Project: "p", Glossary: "g", Endpoint: srv.Addr()}
	b, err := NewBackend(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := New(b, opts)
	defer e.Close()
	got, err := e.Translate(context.Background(), "en", "es", texts)
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, texts, got)
	checkSentOnce(t, &srv.Server)
	if st := e.Stats(); st.Retries != 2 || st.SentTexts != 400 {
		t.Errorf("stats %+v", st)
	}
	if b.ID() != "google-v3:default:projects/p/locations/global/glossaries/g" {
		t.Errorf("ID %q", b.ID())
	}
	before := srv.Requests()
	e2, _ := New(b, opts)
	if _, err := e2.Translate(context.Background(), "en", "es", texts); err != nil {
		t.Fatal(err)
	}
	if srv.Requests() != before {
		t.Errorf("second run made %d requests", srv.Requests()-before)
	}

	srv.Hook = func(context.Context, translatetest.Request) *translatetest.Fault {
		return &translatetest.Fault{Code: codes.PermissionDenied}
	}
	_, err = e2.Translate(context.Background(), "en", "de", texts[:3])
	var re *RequestError
	if !errors.As(err, &re) || re.Kind != Fatal || !strings.Contains(err.Error(), "enabled") {
		t.Errorf("permission denied: %v", err)
	}
}

func TestDecodeEntities(t *testing.T) {
	tests := []struct{ name, src, out, want string }{
		{"none", "a", "b", "b"},
		{"apostrophe", "it's", "it&#39;s", "it's"},
		{"named", `"x" & y`, "&quot;x&quot; &amp; y", `"x" & y`},
		{"hex", "'", "&#x27;", "'"},
		{"literal entity kept", "Tom &amp; Jerry", "Tom &amp; Jerry", "Tom &amp; Jerry"},
		{"bare ampersand", "A & B", "A & B", "A & B"},
		{"unknown entity", "x", "&bogus;", "&bogus;"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := decodeEntities(tc.src, tc.out); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzDecodeEntities(f *testing.F) {
	f.Add("Tom &amp; Jerry", "Tom &amp; Jerry &#39;s")
	f.Add("", "&#x1F600; &#0; &#99999999;")
	f.Fuzz(func(t *testing.T, src, out string) {
		got := decodeEntities(src, out)
		if !strings.Contains(out, "&") && got != out {
			t.Errorf("changed text without entities: %q -> %q", out, got)
		}
		if len(got) > len(out)+len(out)/2+4 {
			t.Errorf("grew: %q -> %q", out, got)
		}
	})
}

// FuzzJSONSize checks the request size model against encoding/json, which
// the Google client uses.
func FuzzJSONSize(f *testing.F) {
	for _, s := range []string{"", "a", `"\`, "<>&", "\u2028é\x00\xff\n\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := jsonSize(s), len(b)+1; got != want {
			t.Errorf("jsonSize(%q) = %d, want %d", s, got, want)
		}
	})
}

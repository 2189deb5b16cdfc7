// Package translatetest provides fake Google Cloud Translation servers on
// loopback for tests and benchmarks: a v2 REST server (httptest) and a v3
// gRPC server. They translate deterministically (see Translation), enforce
// the request limits of the real service, count requests and characters,
// and inject faults.
package translatetest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"cloud.google.com/go/translate/apiv3/translatepb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Limits of the real v2 service that the fake enforces (HTTP 400 beyond).
const (
	V2MaxTexts = 128
	V2MaxBody  = 100_000
	V3MaxTexts = 1024
	V3MaxRunes = 30_000
)

// Translation is the fake translation of text into tgt: "tgt:" + text, with
// the apostrophes and double quotes HTML-escaped as the real service
// sometimes returns them.
func Translation(tgt, text string) string {
	text = strings.ReplaceAll(text, "'", "&#39;")
	return tgt + ":" + strings.ReplaceAll(text, `"`, "&quot;")
}

// Decoded is Translation with the entities decoded: what a client should
// return.
func Decoded(tgt, text string) string { return tgt + ":" + text }

// Fault makes the server fail a request.
type Fault struct {
	Status     int        // HTTP status for v2 (e.g. 429, 500, 403)
	Code       codes.Code // gRPC code for v3
	Reason     string     // v2 error reason, e.g. "rateLimitExceeded"
	RetryAfter string     // v2 Retry-After header
	// Hang blocks the request until the client gives up (its timeout or
	// cancellation).
	Hang bool
}

// Request is what a hook sees of one request.
type Request struct {
	N     int      // 1-based request number
	Texts []string // the texts to translate
	Src   string
	Tgt   string
	Key   string // the API key sent, if any
}

// Server counts and answers translation requests. Its fields are set
// before the first request.
type Server struct {
	// Latency delays every answer (not faults), like a distant service.
	Latency time.Duration
	// Faults fail the first requests, in the order they arrive.
	Faults []Fault
	// Hook, when set, is called for every request after Faults are used
	// up; a non-nil result fails the request.
	Hook func(ctx context.Context, r Request) *Fault

	mu         sync.Mutex
	requests   int
	failed     int
	chars      int
	sent       map[string]int // successful translations per text
	violations []string
}

func (s *Server) begin(texts []string) (n int, f *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sent == nil {
		s.sent = map[string]int{}
	}
	s.requests++
	n = s.requests
	if n <= len(s.Faults) {
		f = &s.Faults[n-1]
	}
	return n, f
}

func (s *Server) violate(format string, args ...any) {
	s.mu.Lock()
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
	s.mu.Unlock()
}

func (s *Server) succeed(texts []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range texts {
		s.sent[t]++
		s.chars += utf8.RuneCountInString(t)
	}
}

// Requests returns the number of requests received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// Failed returns the number of requests that were failed on purpose.
func (s *Server) Failed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failed
}

// Chars returns the code points of the texts successfully translated.
func (s *Server) Chars() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chars
}

// Sent returns how many times each text was successfully translated.
func (s *Server) Sent() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := make(map[string]int, len(s.sent))
	for k, v := range s.sent {
		m[k] = v
	}
	return m
}

// Violations lists the requests that broke the service limits.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// fault returns the fault of request n, if any.
func (s *Server) fault(ctx context.Context, n int, f *Fault, r Request) *Fault {
	if f == nil && s.Hook != nil {
		f = s.Hook(ctx, r)
	}
	if f != nil {
		s.mu.Lock()
		s.failed++
		s.mu.Unlock()
	}
	return f
}

// wait sleeps for the latency or until ctx ends; it reports whether the
// request should still be answered.
func (s *Server) wait(ctx context.Context) bool {
	if s.Latency <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(s.Latency)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// V2 is a fake Cloud Translation v2 REST server.
type V2 struct {
	Server
	HTTP *httptest.Server
}

// NewV2 starts a fake v2 server on loopback. Its base URL, the endpoint of
// the client, is URL(). Close it when done.
func NewV2() *V2 {
	v := &V2{}
	v.HTTP = httptest.NewServer(http.HandlerFunc(v.serve))
	return v
}

// URL returns the base URL to give option.WithEndpoint.
func (v *V2) URL() string { return v.HTTP.URL + "/language/translate/" }

// Close stops the server.
func (v *V2) Close() { v.HTTP.Close() }

type v2Request struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	Model  string   `json:"model"`
}

func (v *V2) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/language/translate/v2" {
		writeError(w, http.StatusNotFound, "notFound", "no such path "+r.URL.Path, "")
		return
	}
	var req v2Request
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if len(body) > V2MaxBody {
		v.violate("body of %d bytes", len(body))
		writeError(w, http.StatusRequestEntityTooLarge, "tooLarge", "request too large", "")
		return
	}
	switch r.Method {
	case http.MethodPost:
		var wrapped struct {
			Data *v2Request `json:"data"`
		}
		if err := json.Unmarshal(body, &wrapped); err == nil && wrapped.Data != nil {
			req = *wrapped.Data
		} else if err := json.Unmarshal(body, &req); err != nil {
			writeError(w, http.StatusBadRequest, "parseError", "bad JSON: "+err.Error(), "")
			return
		}
	case http.MethodGet:
		q := r.URL.Query()
		req = v2Request{Q: q["q"], Source: q.Get("source"), Target: q.Get("target"), Format: q.Get("format")}
	default:
		writeError(w, http.StatusMethodNotAllowed, "badMethod", r.Method, "")
		return
	}
	n, f := v.begin(req.Q)
	if len(req.Q) > V2MaxTexts {
		v.violate("request %d: %d texts", n, len(req.Q))
		writeError(w, http.StatusBadRequest, "invalid", "too many text segments", "")
		return
	}
	if req.Target == "" || req.Format != "text" {
		v.violate("request %d: target %q format %q", n, req.Target, req.Format)
		writeError(w, http.StatusBadRequest, "invalid", "bad target or format", "")
		return
	}
	rq := Request{N: n, Texts: req.Q, Src: req.Source, Tgt: req.Target, Key: r.URL.Query().Get("key")}
	if f = v.fault(r.Context(), n, f, rq); f != nil {
		if f.Hang {
			<-r.Context().Done()
			return
		}
		st := f.Status
		if st == 0 {
			st = http.StatusInternalServerError
		}
		writeError(w, st, f.Reason, "injected fault", f.RetryAfter)
		return
	}
	if !v.wait(r.Context()) {
		return
	}
	type tr struct {
		TranslatedText string `json:"translatedText"`
	}
	var resp struct {
		Data struct {
			Translations []tr `json:"translations"`
		} `json:"data"`
	}
	for _, t := range req.Q {
		resp.Data.Translations = append(resp.Data.Translations, tr{Translation(req.Target, t)})
	}
	b, err := json.Marshal(resp)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err.Error(), "")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if _, err := w.Write(b); err == nil {
		v.succeed(req.Q)
	}
}

func writeError(w http.ResponseWriter, status int, reason, msg, retryAfter string) {
	var e struct {
		Error struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Errors  []struct {
				Reason  string `json:"reason"`
				Message string `json:"message"`
			} `json:"errors"`
		} `json:"error"`
	}
	e.Error.Code, e.Error.Message = status, msg
	if reason != "" {
		e.Error.Errors = append(e.Error.Errors, struct {
			Reason  string `json:"reason"`
			Message string `json:"message"`
		}{reason, msg})
	}
	b, _ := json.Marshal(e)
	w.Header().Set("Content-Type", "application/json")
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	w.WriteHeader(status)
	w.Write(b)
}

// V3 is a fake Cloud Translation v3 gRPC server.
type V3 struct {
	Server
	translatepb.UnimplementedTranslationServiceServer
	grpc *grpc.Server
	lis  net.Listener
}

// NewV3 starts a fake v3 server on loopback; Addr is the client endpoint.
func NewV3() (*V3, error) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	v := &V3{grpc: grpc.NewServer(), lis: lis}
	translatepb.RegisterTranslationServiceServer(v.grpc, v)
	go v.grpc.Serve(lis)
	return v, nil
}

// Addr returns the host:port of the server.
func (v *V3) Addr() string { return v.lis.Addr().String() }

// Close stops the server.
func (v *V3) Close() { v.grpc.Stop() }

// TranslateText implements the v3 service.
func (v *V3) TranslateText(ctx context.Context, req *translatepb.TranslateTextRequest) (*translatepb.TranslateTextResponse, error) {
	n, f := v.begin(req.Contents)
	runes := 0
	for _, t := range req.Contents {
		runes += utf8.RuneCountInString(t)
	}
	if len(req.Contents) > V3MaxTexts || runes > V3MaxRunes {
		v.violate("request %d: %d texts, %d code points", n, len(req.Contents), runes)
		return nil, status.Error(codes.InvalidArgument, "request too large")
	}
	if !strings.HasPrefix(req.Parent, "projects/") || req.MimeType != "text/plain" {
		v.violate("request %d: parent %q mime %q", n, req.Parent, req.MimeType)
		return nil, status.Error(codes.InvalidArgument, "bad parent or mime type")
	}
	rq := Request{N: n, Texts: req.Contents, Src: req.SourceLanguageCode, Tgt: req.TargetLanguageCode}
	if f = v.fault(ctx, n, f, rq); f != nil {
		if f.Hang {
			<-ctx.Done()
			return nil, status.FromContextError(ctx.Err()).Err()
		}
		c := f.Code
		if c == codes.OK {
			c = codes.Unavailable
		}
		return nil, status.Error(c, "injected fault")
	}
	if !v.wait(ctx) {
		return nil, status.FromContextError(ctx.Err()).Err()
	}
	resp := &translatepb.TranslateTextResponse{}
	for _, t := range req.Contents {
		resp.Translations = append(resp.Translations, &translatepb.Translation{TranslatedText: Translation(req.TargetLanguageCode, t)})
	}
	v.succeed(req.Contents)
	return resp, nil
}

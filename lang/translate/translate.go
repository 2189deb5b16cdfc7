package translate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Translator translates texts from language src to language tgt (ISO 639-1
// codes such as "en"). The result has one text per input text, in order.
type Translator interface {
	Translate(ctx context.Context, src, tgt string, texts []string) ([]string, error)
}

// Backend is one machine translation service. Its Translate method makes a
// single request (or runs the command once) for texts that fit its Limits;
// it neither retries nor caches, which the [Engine] does.
//
// Errors should be *RequestError values so the Engine knows whether to
// retry, to fail the texts of the request, or to stop the whole run. A
// Backend must be safe for concurrent use. A Backend that holds resources
// also implements io.Closer.
type Backend interface {
	Translator
	// ID names the backend and every setting that changes its output (model,
	// glossary, command), e.g. "google-v2:nmt". It is part of the cache key.
	ID() string
	// Limits returns the request limits and the defaults the Engine uses.
	Limits() Limits
}

// Limits describes what one request of a backend may hold, and the
// defaults an [Engine] takes from the backend when its Options leave them
// zero. A zero limit means no limit.
type Limits struct {
	MaxTexts int // texts per request
	MaxRunes int // code points per request, summed over the texts
	// MaxBytes bounds the request body: the sum over texts of Size(text).
	MaxBytes int
	// Size is the number of bytes a text takes in a request body; nil means
	// len(text).
	Size func(text string) int

	Concurrency     int     // default number of concurrent requests
	CharsPerMinute  int     // default quota in code points per minute; 0: none
	PricePerMillion float64 // list price in USD per million characters
	Timeout         time.Duration
}

// size returns the request size of text under l.
func (l Limits) size(text string) int {
	if l.Size == nil {
		return len(text)
	}
	return l.Size(text)
}

// ErrorKind says how an [Engine] handles a failed request.
type ErrorKind int

const (
	// Transient failures (throttling, server errors, timeouts) are retried
	// with backoff.
	Transient ErrorKind = iota + 1
	// Fatal failures (bad request, bad credentials, API disabled, daily
	// limit, missing language pair) stop the whole call at once.
	Fatal
	// Permanent failures fail the texts of the request only; the other
	// requests go on.
	Permanent
)

// String returns "transient", "fatal" or "permanent".
func (k ErrorKind) String() string {
	switch k {
	case Transient:
		return "transient"
	case Fatal:
		return "fatal"
	case Permanent:
		return "permanent"
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// RequestError is a failed backend request.
type RequestError struct {
	Backend string    // backend name, e.g. "google"
	Kind    ErrorKind // what the Engine does about it
	Status  int       // HTTP status, 0 when not HTTP
	Reason  string    // service reason, e.g. "rateLimitExceeded"
	// RetryAfter is the delay the service asked for (Retry-After), or 0.
	RetryAfter time.Duration
	Hint       string // what the user can do, or ""
	Err        error
}

// Error formats the error as "BACKEND: HTTP STATUS (REASON): ERR; HINT",
// leaving out the parts that are unknown.
func (e *RequestError) Error() string {
	var b strings.Builder
	b.WriteString(e.Backend)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.Status)
	}
	if e.Reason != "" {
		fmt.Fprintf(&b, " (%s)", e.Reason)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	if e.Hint != "" {
		fmt.Fprintf(&b, "; %s", e.Hint)
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }

// Sentinel errors, for errors.Is.
var (
	// ErrDryRun is the error of a text that was not in the cache during a
	// dry run: it would have been sent.
	ErrDryRun = errors.New("dry run: not translated")
	// ErrTooLong is the error of a text larger than one request may hold.
	ErrTooLong = errors.New("text longer than the backend's request limit")
	// ErrLineCount is returned when a line backend did not write one line
	// per input line.
	ErrLineCount = errors.New("line count mismatch")
)

// Result is the translation of one text.
type Result struct {
	Text   string // the translation; "" when Err is set
	Cached bool   // found in the cache, nothing sent
	Err    error  // why the text is not translated, or nil
}

// Config selects and configures a backend for [NewBackend]. Fields a
// backend does not use are ignored.
type Config struct {
	// Name is "google", "apertium" or "exec".
	Name string

	// APIKey is the Google API key; "" uses Application Default Credentials.
	APIKey string
	// Project selects Google Cloud Translation v3 (Advanced) for this
	// project; "" uses v2 (Basic).
	Project string
	// Location is the v3 location; "" means "global".
	Location string
	// Glossary is a v3 glossary name (the last path element or the full
	// resource name); "" uses none.
	Glossary string
	// Model is the Google model ("nmt", "base" for v2; a model resource for
	// v3); "" is the service default.
	Model string
	// Endpoint overrides the service address: for v2 the base URL taken by
	// option.WithEndpoint (default https://translation.googleapis.com/language/translate/),
	// for v3 the gRPC host:port. An http:// endpoint, or any v3 endpoint on
	// a loopback address, is reached without credentials unless APIKey is set.
	Endpoint string

	// Command is the shell command of the exec backend. It reads one text per
	// line and writes one line per text; PARALINE_FROM and PARALINE_TO hold
	// the languages.
	Command string
	// Apertium is the apertium binary; "" means "apertium" on PATH.
	Apertium string
	// MaxTexts overrides the texts per request of the line backends (apertium
	// and exec); 0 keeps the default of 1000.
	MaxTexts int
}

// constructors maps backend names to constructors (no init registration).
func constructors() map[string]func(context.Context, Config) (Backend, error) {
	return map[string]func(context.Context, Config) (Backend, error){
		"google": func(ctx context.Context, c Config) (Backend, error) {
			if c.Project != "" {
				return NewGoogleV3(ctx, c)
			}
			if c.Glossary != "" {
				return nil, errors.New("google: a glossary needs Cloud Translation v3: set a project")
			}
			return NewGoogleV2(ctx, c)
		},
		"apertium": func(_ context.Context, c Config) (Backend, error) { return NewApertium(c) },
		"exec":     func(_ context.Context, c Config) (Backend, error) { return NewExec(c) },
	}
}

// Names returns the backend names NewBackend accepts, sorted.
func Names() []string {
	var names []string
	for n := range constructors() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// NewBackend returns the backend named by cfg.Name. It does not contact the
// service: clients and credentials are set up at the first request, so a
// dry run needs none.
func NewBackend(ctx context.Context, cfg Config) (Backend, error) {
	c, ok := constructors()[cfg.Name]
	if !ok {
		return nil, fmt.Errorf("unknown translator %q (have %s)", cfg.Name, strings.Join(Names(), ", "))
	}
	return c(ctx, cfg)
}

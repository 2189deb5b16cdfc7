package translate

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
	translatev2 "google.golang.org/api/translate/v2"
)

// Google service limits and defaults.
const (
	// GooglePricePerMillion is Google's published price in USD per million
	// characters for Cloud Translation (NMT), after the free 500,000 a month.
	GooglePricePerMillion = 20.0
	// GoogleCharsPerMinute is the default rate, under the service's default
	// quota of 6,000,000 characters per minute per project.
	GoogleCharsPerMinute = 5_000_000
	// GoogleConcurrency is the default number of concurrent requests.
	GoogleConcurrency = 8

	googleV2MaxTexts = 128     // segments per request
	googleV2MaxBody  = 100_000 // request body bytes ("100 KB")
	googleV2MaxRunes = 30_000  // code points per request
	googleV2Overhead = 1_000   // room for the other fields of the body
	googleV3MaxTexts = 1024
	googleV3MaxRunes = 5_000 // recommended; the hard limit is 30,000
)

// GoogleV2 is Cloud Translation v2 (Basic). Requests are POSTs with the
// texts in a JSON body (the cloud.google.com/go/translate client sends them
// in the URL of a GET, which the service refuses for large batches), with
// format=text; HTML entities left in the output are decoded.
type GoogleV2 struct {
	cfg   Config
	extra []option.ClientOption

	once sync.Once
	svc  *translatev2.Service
	err  error
}

// NewGoogleV2 returns the v2 backend of cfg (APIKey, Model, Endpoint).
// extra options are added last, so they win. No connection or credential
// lookup happens before the first request.
func NewGoogleV2(_ context.Context, cfg Config, extra ...option.ClientOption) (*GoogleV2, error) {
	if cfg.Endpoint != "" && !strings.HasPrefix(cfg.Endpoint, "http://") && !strings.HasPrefix(cfg.Endpoint, "https://") {
		return nil, fmt.Errorf("google: endpoint %q: want an http:// or https:// base URL", cfg.Endpoint)
	}
	return &GoogleV2{cfg: cfg, extra: extra}, nil
}

// ID implements Backend.
func (g *GoogleV2) ID() string { return "google-v2:" + orDefault(g.cfg.Model) }

// Limits implements Backend.
func (g *GoogleV2) Limits() Limits {
	return Limits{
		MaxTexts:        googleV2MaxTexts,
		MaxRunes:        googleV2MaxRunes,
		MaxBytes:        googleV2MaxBody - googleV2Overhead,
		Size:            jsonSize,
		Concurrency:     GoogleConcurrency,
		CharsPerMinute:  GoogleCharsPerMinute,
		PricePerMillion: GooglePricePerMillion,
		Timeout:         time.Minute,
	}
}

func (g *GoogleV2) service(ctx context.Context) (*translatev2.Service, error) {
	g.once.Do(func() {
		var opts []option.ClientOption
		if ep := g.cfg.Endpoint; ep != "" {
			if !strings.HasSuffix(ep, "/") {
				ep += "/"
			}
			opts = append(opts, option.WithEndpoint(ep))
		}
		switch {
		case g.cfg.APIKey != "":
			opts = append(opts, option.WithAPIKey(g.cfg.APIKey))
		case strings.HasPrefix(g.cfg.Endpoint, "http://"):
			opts = append(opts, option.WithoutAuthentication())
		}
		opts = append(opts, g.extra...)
		// The client outlives this request: credentials refresh with it.
		g.svc, g.err = translatev2.NewService(context.WithoutCancel(ctx), opts...)
		if g.err != nil {
			g.err = &RequestError{Backend: "google", Kind: Fatal, Err: g.err,
				Hint: "set --api-key (or GOOGLE_API_KEY), or Application Default Credentials (gcloud auth application-default login)"}
		}
	})
	return g.svc, g.err
}

// Translate implements Backend: one request for texts.
func (g *GoogleV2) Translate(ctx context.Context, src, tgt string, texts []string) ([]string, error) {
	svc, err := g.service(ctx)
	if err != nil {
		return nil, err
	}
	req := &translatev2.TranslateTextRequest{Q: texts, Source: src, Target: tgt, Format: "text", Model: g.cfg.Model}
	resp, err := svc.Translations.Translate(req).Context(ctx).Do()
	if err != nil {
		return nil, googleError(err)
	}
	if len(resp.Translations) != len(texts) {
		return nil, &RequestError{Backend: "google", Kind: Permanent,
			Err: fmt.Errorf("%w: %d translations for %d texts", ErrLineCount, len(resp.Translations), len(texts))}
	}
	out := make([]string, len(texts))
	for i, t := range resp.Translations {
		if t == nil {
			return nil, &RequestError{Backend: "google", Kind: Permanent, Err: fmt.Errorf("translation %d missing", i+1)}
		}
		out[i] = decodeEntities(texts[i], t.TranslatedText)
	}
	return out, nil
}

// googleError classifies an error of the v2 REST client.
func googleError(err error) error {
	var ge *googleapi.Error
	if !errors.As(err, &ge) {
		// Transport errors and timeouts: the Engine retries net errors
		// and deadlines, and fails the texts on anything else.
		return err
	}
	re := &RequestError{Backend: "google", Status: ge.Code, Kind: Fatal, Err: errors.New(googleMessage(ge))}
	for _, it := range ge.Errors {
		if it.Reason != "" {
			re.Reason = it.Reason
			break
		}
	}
	if re.Reason == "" {
		re.Reason = detailReason(ge.Details)
	}
	switch {
	case ge.Code == http.StatusTooManyRequests || ge.Code == http.StatusRequestTimeout || ge.Code >= 500:
		re.Kind = Transient
		re.RetryAfter = retryAfter(ge.Header)
	case ge.Code == http.StatusForbidden && isRateLimit(re.Reason):
		re.Kind = Transient
		re.RetryAfter = retryAfter(ge.Header)
	case ge.Code == http.StatusForbidden:
		switch strings.ToLower(re.Reason) {
		case "dailylimitexceeded", "quotaexceeded":
			re.Hint = "the daily quota is used up: wait for it to reset or raise it in the Cloud console"
		case "accessnotconfigured", "service_disabled":
			re.Hint = "enable the Cloud Translation API for the project of the key or credentials"
		default:
			re.Hint = "check the API key or credentials and their permissions"
		}
	case ge.Code == http.StatusUnauthorized:
		re.Hint = "check the API key or credentials"
	case ge.Code == http.StatusBadRequest:
		if strings.Contains(strings.ToLower(re.Reason), "key") {
			re.Hint = "check --api-key (or GOOGLE_API_KEY)"
		} else {
			re.Hint = "check the language codes (--from, --to) and --model"
		}
	case ge.Code == http.StatusNotFound:
		re.Hint = "check --endpoint"
	}
	return re
}

func googleMessage(ge *googleapi.Error) string {
	if ge.Message != "" {
		return ge.Message
	}
	if len(ge.Errors) > 0 && ge.Errors[0].Message != "" {
		return ge.Errors[0].Message
	}
	if b := strings.TrimSpace(ge.Body); b != "" {
		if len(b) > 200 {
			b = b[:200] + "..."
		}
		return b
	}
	return http.StatusText(ge.Code)
}

// isRateLimit reports whether a 403 reason means throttling rather than a
// refusal.
func isRateLimit(reason string) bool {
	switch strings.ToLower(reason) {
	case "ratelimitexceeded", "userratelimitexceeded", "rate_limit_exceeded":
		return true
	}
	return false
}

// detailReason returns the reason of a google.rpc.ErrorInfo detail.
func detailReason(details []any) string {
	for _, d := range details {
		if m, ok := d.(map[string]any); ok {
			if r, ok := m["reason"].(string); ok && r != "" {
				return r
			}
		}
	}
	return ""
}

// retryAfter parses a Retry-After header in seconds; 0 when absent.
func retryAfter(h http.Header) time.Duration {
	if h == nil {
		return 0
	}
	s, err := strconv.Atoi(strings.TrimSpace(h.Get("Retry-After")))
	if err != nil || s <= 0 {
		return 0
	}
	return min(time.Duration(s)*time.Second, 10*time.Minute)
}

func orDefault(s string) string {
	if s == "" {
		return "default"
	}
	return s
}

// jsonSize is the number of bytes text takes as a JSON string in an array
// (with its quotes and comma), as encoding/json writes it (HTML-safe).
func jsonSize(text string) int {
	n := 3
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
				n += 2
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			n += 6 // \ufffd
		case r == '\u2028' || r == '\u2029':
			n += 6
		default:
			n += w
		}
		i += w
	}
	return n
}

var entityRE = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// decodeEntities decodes the HTML character references in out, the
// translation of src, except those written literally in src: the service
// sometimes escapes characters such as ' and & even with format=text, but
// an entity the source really contained is kept.
func decodeEntities(src, out string) string {
	if !strings.Contains(out, "&") {
		return out
	}
	return entityRE.ReplaceAllStringFunc(out, func(ent string) string {
		if strings.Contains(src, ent) {
			return ent
		}
		return html.UnescapeString(ent)
	})
}

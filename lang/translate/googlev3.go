package translate

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	translate3 "cloud.google.com/go/translate/apiv3"
	"cloud.google.com/go/translate/apiv3/translatepb"
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

// GoogleV3 is Cloud Translation v3 (Advanced) over gRPC, for a project,
// optionally with a glossary. The MIME type is text/plain.
type GoogleV3 struct {
	cfg      Config
	parent   string
	glossary string
	extra    []option.ClientOption

	mu     sync.Mutex
	client *translate3.TranslationClient
	err    error
	closed bool
}

// NewGoogleV3 returns the v3 backend of cfg (Project, Location, Glossary,
// Model, APIKey, Endpoint). extra options are added last, so they win. No
// connection is made before the first request.
func NewGoogleV3(_ context.Context, cfg Config, extra ...option.ClientOption) (*GoogleV3, error) {
	if cfg.Project == "" {
		return nil, errors.New("google v3: no project")
	}
	loc := cfg.Location
	if loc == "" {
		loc = "global"
	}
	g := &GoogleV3{cfg: cfg, extra: extra, parent: "projects/" + cfg.Project + "/locations/" + loc}
	if gl := cfg.Glossary; gl != "" {
		if !strings.Contains(gl, "/") {
			gl = g.parent + "/glossaries/" + gl
		}
		g.glossary = gl
	}
	return g, nil
}

// ID implements Backend.
func (g *GoogleV3) ID() string {
	return "google-v3:" + orDefault(g.cfg.Model) + ":" + g.glossary
}

// Limits implements Backend.
func (g *GoogleV3) Limits() Limits {
	return Limits{
		MaxTexts:        googleV3MaxTexts,
		MaxRunes:        googleV3MaxRunes,
		Concurrency:     GoogleConcurrency,
		CharsPerMinute:  GoogleCharsPerMinute,
		PricePerMillion: GooglePricePerMillion,
		Timeout:         time.Minute,
	}
}

func (g *GoogleV3) conn(ctx context.Context) (*translate3.TranslationClient, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil, &RequestError{Backend: "google", Kind: Fatal, Err: errors.New("client closed")}
	}
	if g.client != nil || g.err != nil {
		return g.client, g.err
	}
	var opts []option.ClientOption
	if ep := g.cfg.Endpoint; ep != "" {
		opts = append(opts, option.WithEndpoint(ep))
		if g.cfg.APIKey == "" && isLoopback(ep) {
			opts = append(opts, option.WithoutAuthentication(),
				option.WithGRPCDialOption(grpc.WithTransportCredentials(insecure.NewCredentials())))
		}
	}
	if g.cfg.APIKey != "" {
		opts = append(opts, option.WithAPIKey(g.cfg.APIKey))
	}
	opts = append(opts, g.extra...)
	g.client, g.err = translate3.NewTranslationClient(context.WithoutCancel(ctx), opts...)
	if g.err != nil {
		g.err = &RequestError{Backend: "google", Kind: Fatal, Err: g.err,
			Hint: "set Application Default Credentials (gcloud auth application-default login) or --api-key"}
	}
	return g.client, g.err
}

// Close closes the gRPC connection.
func (g *GoogleV3) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed = true
	if g.client == nil {
		return nil
	}
	c := g.client
	g.client = nil
	if err := c.Close(); err != nil {
		return fmt.Errorf("google v3: close: %w", err)
	}
	return nil
}

// Translate implements Backend: one TranslateText call for texts.
func (g *GoogleV3) Translate(ctx context.Context, src, tgt string, texts []string) ([]string, error) {
	c, err := g.conn(ctx)
	if err != nil {
		return nil, err
	}
	req := &translatepb.TranslateTextRequest{
		Contents:           texts,
		MimeType:           "text/plain",
		SourceLanguageCode: src,
		TargetLanguageCode: tgt,
		Parent:             g.parent,
		Model:              g.cfg.Model,
	}
	if g.glossary != "" {
		req.GlossaryConfig = &translatepb.TranslateTextGlossaryConfig{Glossary: g.glossary}
	}
	resp, err := c.TranslateText(ctx, req)
	if err != nil {
		return nil, grpcError(err)
	}
	tr := resp.GetTranslations()
	if g.glossary != "" && len(resp.GetGlossaryTranslations()) > 0 {
		tr = resp.GetGlossaryTranslations()
	}
	if len(tr) != len(texts) {
		return nil, &RequestError{Backend: "google", Kind: Permanent,
			Err: fmt.Errorf("%w: %d translations for %d texts", ErrLineCount, len(tr), len(texts))}
	}
	out := make([]string, len(texts))
	for i, t := range tr {
		out[i] = decodeEntities(texts[i], t.GetTranslatedText())
	}
	return out, nil
}

// grpcError classifies an error of the v3 client.
func grpcError(err error) error {
	st, ok := status.FromError(err)
	if !ok {
		return err
	}
	re := &RequestError{Backend: "google", Reason: st.Code().String(), Kind: Fatal, Err: errors.New(st.Message())}
	switch st.Code() {
	case codes.ResourceExhausted, codes.Unavailable, codes.DeadlineExceeded, codes.Internal, codes.Aborted, codes.Unknown:
		re.Kind = Transient
	case codes.Canceled:
		return err // the caller's context
	case codes.PermissionDenied:
		re.Hint = "check that the Cloud Translation API is enabled and the credentials may use the project"
	case codes.Unauthenticated:
		re.Hint = "check the credentials"
	case codes.InvalidArgument:
		re.Hint = "check the language codes, --model and --glossary"
	case codes.NotFound:
		re.Hint = "check --project, --glossary and --model"
	}
	return re
}

// isLoopback reports whether the host of a host:port endpoint is local.
func isLoopback(endpoint string) bool {
	host, _, err := net.SplitHostPort(endpoint)
	if err != nil {
		host = endpoint
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

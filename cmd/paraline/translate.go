package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paraline/paraline/lang/translate"
)

// translateChunk is the number of lines translated at a time: output is
// written chunk by chunk, so memory stays bounded whatever the input size.
const translateChunk = 20_000

// maxTranslateLine is the longest input line accepted.
const maxTranslateLine = 1 << 20

const translateLong = `Translate reads one sentence per line and writes its translation on the
same line of the output: the output has exactly as many lines as the input
(blank lines stay blank). When a line cannot be translated the command
stops with an error naming it; what was translated is in the cache, so a
rerun pays only for the rest.

Translators:
  google    Google Cloud Translation. v2 (Basic) with --api-key, GOOGLE_API_KEY
            or Application Default Credentials; v3 (Advanced) when --project
            is set (optionally --location, --glossary, --model).
  apertium  the apertium command with an installed pair
            (Debian: apt-get install apertium apertium-eng-spa).
  exec      any command reading one sentence per line and writing one line
            per sentence (--exec-cmd, run with sh -c; PARALINE_FROM and
            PARALINE_TO hold the languages).

Every translation is kept in a cache file (default: the user cache
directory, paraline/translate.db) and never requested twice; --no-cache
turns it off. --dry-run sends nothing: it prints the characters and
requests that would be sent after the cache, and the estimated cost.

Requests are packed within the service limits, sent --concurrency at a
time under --chars-per-minute, and retried with exponential backoff on
429, 5xx, timeouts and 403 rate-limit errors; other errors (bad key, API
not enabled, bad language) stop the command at once.

Examples:
  paraline translate --from en --to ru --dry-run < sentences.en
  GOOGLE_API_KEY=... paraline translate --from en --to ru < sentences.en > sentences.ru
  paraline translate --from en --to es --translator apertium < in.en
  paraline translate --from en --to de --translator exec --exec-cmd 'my-mt --src en --tgt de' < in.en`

var cmdTranslate = &command{
	name:  "translate",
	usage: "--from L --to L [--translator google|apertium|exec] [flags] [INPUT]",
	short: "translate one sentence per line (google, apertium, any command), cached",
	long:  translateLong,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		from := fs.String("from", "", "source language `L` (ISO 639-1)")
		to := fs.String("to", "", "target language `L` (ISO 639-1)")
		f := addTranslateFlags(fs)
		out := fs.String("o", "", "write the translations to `FILE` (default stdout)")
		quiet := fs.Bool("q", false, "do not print the summary on stderr")
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if len(args) > 1 {
			return usagef("at most one INPUT, got %d", len(args))
		}
		if *from == "" || *to == "" {
			return usagef("--from and --to are required")
		}
		eng, closeEng, err := f.engine(ctx)
		if err != nil {
			return err
		}
		defer closeEng() // on error paths; the result is checked below

		in := std.in
		name := "stdin"
		if len(args) == 1 && args[0] != "-" {
			fh, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer fh.Close()
			in, name = fh, args[0]
		}
		var w io.Writer = io.Discard
		var commit func() error
		if !f.dryRun {
			var abort func()
			w, commit, abort, err = createOutput(std, *out)
			if err != nil {
				return err
			}
			defer abort()
		}
		lines, err := translateLines(ctx, eng, *from, *to, in, name, w)
		if err != nil {
			return err
		}
		if commit != nil {
			if err := commit(); err != nil {
				return err
			}
		}
		if err := closeEng(); err != nil {
			return err
		}
		st := eng.Stats()
		switch {
		case f.dryRun:
			printEstimate(std.out, lines, st)
		case !*quiet:
			fmt.Fprintf(std.err, "paraline translate: %s\n", summary(lines, st))
		}
		return nil
	},
}

// translateFlags are the translation flags shared with "paraline run":
// declare them with addTranslateFlags and build the engine with
// (*translateFlags).engine after parsing.
type translateFlags struct {
	translator                                  string
	apiKey, project, location, glossary, model  string
	endpoint, cachePath, execCmd                string
	noCache, dryRun                             bool
	price                                       float64
	concurrency, charsPerMinute, retries, texts int
	timeout                                     time.Duration
}

// addTranslateFlags declares the translation flags on fs.
func addTranslateFlags(fs *flag.FlagSet) *translateFlags {
	f := &translateFlags{}
	fs.StringVar(&f.translator, "translator", "google", "translator: "+strings.Join(translate.Names(), ", "))
	fs.StringVar(&f.apiKey, "api-key", "", "Google API `KEY` (default $GOOGLE_API_KEY; none: Application Default Credentials)")
	fs.StringVar(&f.project, "project", "", "Google Cloud `PROJECT`: use Cloud Translation v3 (Advanced)")
	fs.StringVar(&f.location, "location", "", "v3 `LOCATION` (default global; glossaries need a region such as us-central1)")
	fs.StringVar(&f.glossary, "glossary", "", "v3 glossary `NAME` (needs --project)")
	fs.StringVar(&f.model, "model", "", "Google `MODEL` (v2: nmt or base; v3: a model resource)")
	fs.StringVar(&f.endpoint, "endpoint", "", "service `URL` (v2: base URL as option.WithEndpoint takes it; v3: host:port), e.g. an emulator or proxy")
	fs.StringVar(&f.cachePath, "cache", "", "cache `FILE` (default: user cache dir/paraline/translate.db)")
	fs.BoolVar(&f.noCache, "no-cache", false, "do not read or write the cache")
	fs.BoolVar(&f.dryRun, "dry-run", false, "send nothing: print the characters, requests and estimated cost after the cache")
	fs.Float64Var(&f.price, "price-per-million", 0, "USD per million characters for the estimate (0: the translator's list price, $20 for google, free otherwise)")
	fs.IntVar(&f.concurrency, "concurrency", 0, "requests in flight at once (0: google 8, apertium one per CPU, exec 1)")
	fs.IntVar(&f.charsPerMinute, "chars-per-minute", 0, "characters sent per minute at most (0: google 5000000, others unlimited; -1: unlimited)")
	fs.IntVar(&f.retries, "retries", 0, "retries of a failed request (0: 6; -1: none)")
	fs.DurationVar(&f.timeout, "timeout", 0, "timeout of one request (0: 1m for google, 10m for commands)")
	fs.StringVar(&f.execCmd, "exec-cmd", "", "`COMMAND` of the exec translator (run with sh -c)")
	fs.IntVar(&f.texts, "batch", 0, "sentences per request at most (0: the translator's limit)")
	return f
}

// validate reports the first flag value out of its range.
func (f *translateFlags) validate() error {
	for _, c := range []struct {
		name    string
		v, min  float64
		meaning string
	}{
		{"--concurrency", float64(f.concurrency), 0, "0 or more"},
		{"--batch", float64(f.texts), 0, "0 or more"},
		{"--retries", float64(f.retries), -1, "-1 (none), 0 (default) or more"},
		{"--chars-per-minute", float64(f.charsPerMinute), -1, "-1 (unlimited), 0 (default) or more"},
		{"--timeout", f.timeout.Seconds(), 0, "0 (default) or more"},
		{"--price-per-million", f.price, 0, "0 or more"},
	} {
		if c.v < c.min {
			return usagef("%s must be %s (got %v)", c.name, c.meaning, c.v)
		}
	}
	return nil
}

// engine builds the translation engine of f; the returned function closes
// it and its cache (calls after the first return nil).
func (f *translateFlags) engine(ctx context.Context) (*translate.Engine, func() error, error) {
	if err := f.validate(); err != nil {
		return nil, nil, err
	}
	if f.glossary != "" && f.project == "" {
		return nil, nil, usagef("--glossary needs --project (Cloud Translation v3)")
	}
	if f.translator == "exec" && f.execCmd == "" {
		return nil, nil, usagef("--translator exec needs --exec-cmd")
	}
	if f.apiKey == "" {
		f.apiKey = os.Getenv("GOOGLE_API_KEY") // not the flag default: help would print it
	}
	b, err := translate.NewBackend(ctx, translate.Config{
		Name: f.translator, APIKey: f.apiKey, Project: f.project, Location: f.location,
		Glossary: f.glossary, Model: f.model, Endpoint: f.endpoint, Command: f.execCmd,
	})
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	opts := translate.Options{
		Concurrency: f.concurrency, CharsPerMinute: f.charsPerMinute, MaxRetries: f.retries,
		RequestTimeout: f.timeout, MaxTexts: f.texts, DryRun: f.dryRun, PricePerMillion: f.price,
	}
	var cache *translate.Cache
	if !f.noCache {
		path := f.cachePath
		if path == "" {
			if path, err = translate.DefaultCachePath(); err != nil {
				return nil, nil, err
			}
		}
		if cache, err = translate.OpenCache(path); err != nil {
			return nil, nil, err
		}
		opts.Cache = cache
	}
	eng, err := translate.New(b, opts)
	if err != nil {
		if cache != nil {
			cache.Close()
		}
		return nil, nil, err
	}
	closed := false
	return eng, func() error {
		if closed {
			return nil
		}
		closed = true
		err := eng.Close()
		if cache != nil {
			if cerr := cache.Close(); err == nil {
				err = cerr
			}
		}
		return err
	}, nil
}

// translateLines translates the lines of in chunk by chunk and writes one
// line per input line to w. It returns the number of lines.
func translateLines(ctx context.Context, eng *translate.Engine, src, tgt string, in io.Reader, name string, w io.Writer) (int, error) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), maxTranslateLine)
	bw := bufio.NewWriter(w)
	dry := eng.Stats().DryRun
	total := 0
	chunk := make([]string, 0, translateChunk)
	flush := func() error {
		res, err := eng.TranslateAll(ctx, src, tgt, chunk)
		if err != nil {
			return err
		}
		for i, r := range res {
			if r.Err != nil && !(dry && errors.Is(r.Err, translate.ErrDryRun)) {
				return fmt.Errorf("%s:%d: %w", name, total+i+1, r.Err)
			}
		}
		if !dry {
			for _, r := range res {
				bw.WriteString(r.Text)
				bw.WriteByte('\n')
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
		}
		total += len(chunk)
		chunk = chunk[:0]
		return nil
	}
	for sc.Scan() {
		chunk = append(chunk, strings.TrimSuffix(sc.Text(), "\r"))
		if len(chunk) == translateChunk {
			if err := flush(); err != nil {
				return total, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return total, fmt.Errorf("%s:%d: line longer than %d bytes", name, total+len(chunk)+1, maxTranslateLine)
		}
		return total, fmt.Errorf("read %s: %w", name, err)
	}
	if len(chunk) > 0 {
		if err := flush(); err != nil {
			return total, err
		}
	}
	return total, nil
}

// createOutput opens path for writing through a temporary file renamed by
// commit; abort removes it unless committed. "" and "-" are stdout.
func createOutput(std *stdio, path string) (w io.Writer, commit func() error, abort func(), err error) {
	if path == "" || path == "-" {
		return std.out, func() error { return nil }, func() {}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, nil, nil, err
	}
	done := false
	commit = func() error {
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		done = true
		return nil
	}
	abort = func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}
	return tmp, commit, abort, nil
}

// summary is the one-line report of a translation run.
func summary(lines int, st translate.Stats) string {
	return fmt.Sprintf("%d lines: %d sentences sent (%d characters) in %d requests (%d retries), %d from cache (%d characters), %d duplicates; estimated cost %s",
		lines, st.SentTexts, st.SentChars, st.Requests, st.Retries, st.CachedTexts, st.CachedChars, st.Duplicates, usd(st.EstimatedCost))
}

// printEstimate writes the result of a dry run.
func printEstimate(w io.Writer, lines int, st translate.Stats) {
	fmt.Fprintf(w, "dry run: nothing sent\n")
	fmt.Fprintf(w, "lines:              %d\n", lines)
	fmt.Fprintf(w, "from cache:         %d sentences, %d characters\n", st.CachedTexts, st.CachedChars)
	fmt.Fprintf(w, "duplicates:         %d\n", st.Duplicates)
	fmt.Fprintf(w, "to send:            %d sentences, %d characters\n", st.SentTexts, st.SentChars)
	fmt.Fprintf(w, "requests:           %d\n", st.Requests)
	if st.FailedTexts > 0 {
		fmt.Fprintf(w, "too long to send:   %d sentences\n", st.FailedTexts)
	}
	fmt.Fprintf(w, "estimated cost:     %s at $%.2f per million characters\n", usd(st.EstimatedCost), st.PricePerMillion)
}

// usd formats an amount in dollars, with cents of cents below a dollar.
func usd(x float64) string {
	if x < 1 {
		return fmt.Sprintf("$%.4f", x)
	}
	return fmt.Sprintf("$%.2f", x)
}

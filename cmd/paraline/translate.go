package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang/translate"
	"github.com/paraline/paraline/pipeline"
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
			r, closeFile, err := openTextFile(args[0])
			if err != nil {
				return err
			}
			defer closeFile()
			in, name = r, args[0]
		}
		var w io.Writer = io.Discard
		var commit func() error
		if !f.DryRun {
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
		case f.DryRun:
			printEstimate(std.out, lines, st)
		case !*quiet:
			fmt.Fprintf(std.err, "paraline translate: %s\n", summary(lines, st))
		}
		return nil
	},
}

// translateFlags are the translation flags of paraline run, align and
// translate (pipeline.TranslatorFlags, shared with paraline-beam).
type translateFlags struct {
	pipeline.TranslatorFlags
}

// addTranslateFlags declares the translation flags on fs.
func addTranslateFlags(fs *flag.FlagSet) *translateFlags {
	f := &translateFlags{}
	f.Register(fs, nil)
	return f
}

// validate reports the first flag value out of its range.
func (f *translateFlags) validate() error {
	for _, c := range []struct {
		name    string
		v, min  float64
		meaning string
	}{
		{"--concurrency", float64(f.Concurrency), 0, "0 or more"},
		{"--batch", float64(f.Texts), 0, "0 or more"},
		{"--retries", float64(f.Retries), -1, "-1 (none), 0 (default) or more"},
		{"--chars-per-minute", float64(f.CharsPerMinute), -1, "-1 (unlimited), 0 (default) or more"},
		{"--timeout", f.Timeout.Seconds(), 0, "0 (default) or more"},
		{"--price-per-million", f.Price, 0, "0 or more"},
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
	if f.Glossary != "" && f.Project == "" {
		return nil, nil, usagef("--glossary needs --project (Cloud Translation v3)")
	}
	if f.Translator == "exec" && f.ExecCmd == "" {
		return nil, nil, usagef("--translator exec needs --exec-cmd")
	}
	if f.APIKey == "" {
		f.APIKey = os.Getenv("GOOGLE_API_KEY") // not the flag default: help would print it
	}
	b, err := translate.NewBackend(ctx, translate.Config{
		Name: f.Translator, APIKey: f.APIKey, Project: f.Project, Location: f.Location,
		Glossary: f.Glossary, Model: f.Model, Endpoint: f.Endpoint, Command: f.ExecCmd,
	})
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	opts := translate.Options{
		Concurrency: f.Concurrency, CharsPerMinute: f.CharsPerMinute, MaxRetries: f.Retries,
		RequestTimeout: f.Timeout, MaxTexts: f.Texts, DryRun: f.DryRun, PricePerMillion: f.Price,
	}
	var cache *translate.Cache
	if !f.NoCache {
		path := f.CachePath
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
		if bytes.IndexByte(sc.Bytes(), 0) >= 0 {
			// Binary input: this chunk and the rest are not sent to a (paid) translator.
			return total, lineError(name, total+len(chunk)+1, corpus.ErrBinary)
		}
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
		return total, lineError(name, total+len(chunk)+1, err)
	}
	if len(chunk) > 0 {
		if err := flush(); err != nil {
			return total, err
		}
	}
	return total, nil
}

// createOutput opens path for writing through openOutput (a temporary
// file renamed by commit); abort removes it unless committed. "" and "-"
// are stdout.
func createOutput(std *stdio, path string) (w io.Writer, commit func() error, abort func(), err error) {
	w, finish, err := openOutput(std, path)
	if err != nil {
		return nil, nil, nil, err
	}
	done := false
	commit = func() error {
		done = true
		if err := finish(nil); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
	abort = func() {
		if !done {
			done = true
			_ = finish(errors.New("aborted"))
		}
	}
	return w, commit, abort, nil
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

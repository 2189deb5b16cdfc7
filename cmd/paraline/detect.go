package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/paraline/paraline/lang"
	"github.com/paraline/paraline/pipeline"
)

var cmdDetect = &command{
	name:  "detect",
	usage: "[flags] [INPUT...]",
	short: "print the language spans of documents, with body/boilerplate/noise",
	long: `Detect cuts each document into spans of one language and classifies them as
body, boilerplate or noise, as run does, and prints them.

--format jsonl (default) prints one object per span:

  {"doc","start","end","lang","confidence","kind","reason","text"}

start and end are byte offsets into the file as read (after gunzip, before
decoding and normalisation), so the original can be cut at them (for a WARC
record, whose doc is its WARC-Target-URI: into its HTTP payload after
de-chunking and content decoding); text is the
normalised text; lang is an ISO 639-1 code or "" for none. Spans of a document
cover it exactly once, in order.

--format text prints one line per span: doc, offsets, lang, kind, reason and
the text with line breaks shown as ⏎.

Exit status: 0 on success, 1 when some documents failed (each is named on
stderr), 2 when every document failed or on usage errors.`,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		var o pipeline.Options
		langs := addCommonFlags(fs, &o)
		format := fs.String("format", "jsonl", "output `format`: jsonl or text")
		outPath := fs.String("o", "", "write to `FILE` instead of stdout")
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if *format != "jsonl" && *format != "text" {
			return usagef("--format must be jsonl or text (got %q)", *format)
		}
		if o.Langs, err = lang.ParseLangs(*langs); err != nil {
			return usageError{err: err}
		}
		o.Inputs = args
		o.Stdin = std.in
		w, closeOut, err := openOutput(std, *outPath)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(w, 64<<10)
		failed, total := 0, 0
		skipped := map[string]int{}
		err = detectEach(ctx, o, func(r *pipeline.DocResult) error {
			total++
			if r.Skip != "" {
				skipped[r.Skip]++
				return nil
			}
			if r.Err != nil {
				failed++
				fmt.Fprintf(std.err, "paraline detect: %v\n", docError(r.ID, r.Err))
				return nil
			}
			return writeSpans(bw, r, *format)
		})
		if ferr := bw.Flush(); err == nil {
			err = ferr
		}
		if cerr := closeOut(err); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		n := 0
		for _, k := range skipped {
			n += k
		}
		if n > 0 {
			fmt.Fprintf(std.err, "paraline detect: %d skipped (%s)\n", n, countsString(skipped))
		}
		switch {
		case failed > 0 && failed == total-n:
			return fmt.Errorf("every document failed (%d)", failed)
		case failed > 0:
			return partialError{fmt.Errorf("%d of %d documents failed", failed, total)}
		}
		return nil
	},
}

// detectEach runs detection over o's inputs and calls fn per document, in order.
func detectEach(ctx context.Context, o pipeline.Options, fn func(*pipeline.DocResult) error) error {
	e, err := pipeline.NewEngine(ctx, o)
	if err != nil {
		return flagErrors(err)
	}
	defer e.Close() // the copy of stdin
	return e.Each(ctx, fn)
}

// spanRecord is the detect --format jsonl record.
type spanRecord struct {
	Doc        string  `json:"doc"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Lang       string  `json:"lang"`
	Confidence float64 `json:"confidence"`
	Kind       string  `json:"kind"`
	Reason     string  `json:"reason,omitempty"`
	Text       string  `json:"text"`
}

func writeSpans(w *bufio.Writer, r *pipeline.DocResult, format string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range r.Spans {
		if format == "text" {
			fmt.Fprintf(w, "%s\t%d-%d\t%s\t%s\t%s\t%s\n", r.ID, s.RawStart, s.RawEnd, orDash(s.Lang), s.Kind, orDash(s.Reason),
				strings.ReplaceAll(strings.ReplaceAll(s.Text, "\n", "⏎"), "\t", " "))
			continue
		}
		conf := float64(int(s.Confidence*1e4+0.5)) / 1e4
		if err := enc.Encode(spanRecord{Doc: r.ID, Start: s.RawStart, End: s.RawEnd, Lang: s.Lang, Confidence: conf,
			Kind: s.Kind.String(), Reason: s.Reason, Text: s.Text}); err != nil {
			return err
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// countsString formats counts by reason as "reason n, ...", largest first,
// ties by reason.
func countsString(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

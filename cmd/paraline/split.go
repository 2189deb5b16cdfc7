package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang/split"
)

var cmdSplit = &command{
	name:  "split",
	usage: "--lang L [--encoding E] [-o OUTPUT] [INPUT]",
	short: "split text into sentences, one per output line",
	long: `Split reads text (INPUT, or stdin when INPUT is absent or "-") and writes
one sentence per line, trimmed of surrounding white space.

A blank line in the input is a hard paragraph break. A single line break
ends a sentence (a heading, a list item, a line of a menu) unless it wraps
prose: the next line starts with a lower-case letter or a comma, or the line
ends with a comma, a joining word ("the", "в") or an abbreviation such as
"Dr.". In a paragraph without any sentence punctuation every line is a
sentence of its own. Each run of white space inside a sentence (line breaks
included) becomes one space, so no sentence holds a newline.

The input is read as paraline reads documents: gzip is decompressed, the
encoding detected (UTF-8, UTF-16 with BOM, windows-1251, KOI8-R; --encoding
forces one) and the text normalised; a binary file is an error naming the
file and the byte where it fails.

English (en) and Russian (ru) have full rules: abbreviations, initials,
numbers and dates, ellipses, quotes and brackets, lists, URLs and e-mail
addresses, sentences starting with a digit or a lower-case letter. German
(de), Spanish (es) and French (fr) add abbreviations to a conservative
generic rule set, which every other ISO 639-1 code gets.`,
	run: runSplit,
}

func runSplit(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
	lang := fs.String("lang", "en", "language code (ISO 639-1): en, ru, or any other for generic rules")
	out := fs.String("o", "", "output file (default stdout)")
	encName := fs.String("encoding", "", "force the input `encoding` (default: detect)")
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*lang) == "" {
		return usagef("--lang must not be empty")
	}
	d, err := readDocument(std, args, *encName)
	if err != nil {
		return err
	}
	w, closeOut, err := openOutput(std, *out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	err = splitText(ctx, split.New(*lang), d.Text, bw)
	if ferr := bw.Flush(); ferr != nil && err == nil {
		err = fmt.Errorf("write output: %w", ferr)
	}
	if cerr := closeOut(); cerr != nil && err == nil {
		err = fmt.Errorf("close output: %w", cerr)
	}
	return err
}

// splitText writes the sentences of text to w, one per line, made to fit
// on one line by corpus.OneLine.
func splitText(ctx context.Context, s *split.Splitter, text string, w io.Writer) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, len(text)+1) // the whole text is in memory: any paragraph fits
	sc.Split(s.SplitFunc())
	for n := 1; sc.Scan(); n++ {
		if n%1024 == 1 && ctx.Err() != nil {
			return ctx.Err()
		}
		line := corpus.OneLine(sc.Text())
		if line == "" {
			continue
		}
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	return sc.Err()
}

// isLineBreak reports whether r ends a line for common line readers
// (Python's str.splitlines splits on all of these).
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

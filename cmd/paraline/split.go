package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/lang/split"
)

// maxSplitParagraph bounds the text split at once: a paragraph that grows
// past it is cut at the next line break, as if a blank line were there.
const maxSplitParagraph = 8 << 20

var cmdSplit = &command{
	name:  "split",
	usage: "--lang L [-o OUTPUT] [INPUT]",
	short: "split text into sentences, one per output line",
	long: `Split reads text (INPUT, or stdin when INPUT is absent or "-") and writes
one sentence per line, trimmed of surrounding white space.

A blank line in the input is a hard paragraph break. A single line break
ends a sentence (a heading, a list item, a line of a menu) unless it wraps
prose: the next line starts with a lower-case letter or a comma, or the line
ends with a comma, a joining word ("the", "в") or an abbreviation such as
"Dr.". In a paragraph without any sentence punctuation every line is a
sentence of its own. Line breaks inside a sentence become one space, so no
sentence holds a newline.

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
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 1 {
		return usagef("at most one INPUT, got %d", len(args))
	}
	if strings.TrimSpace(*lang) == "" {
		return usagef("--lang must not be empty")
	}
	in, name := std.in, "stdin"
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return fmt.Errorf("open input: %w", err)
		}
		defer f.Close()
		in, name = f, args[0]
	}
	w, closeOut, err := openOutput(std, *out)
	if err != nil {
		return fmt.Errorf("open output: %w", err)
	}
	bw := bufio.NewWriter(w)
	err = splitStream(ctx, split.New(*lang), in, bw)
	if err != nil {
		err = fmt.Errorf("split %s: %w", name, err)
	}
	if ferr := bw.Flush(); ferr != nil && err == nil {
		err = fmt.Errorf("write output: %w", ferr)
	}
	if cerr := closeOut(); cerr != nil && err == nil {
		err = fmt.Errorf("close output: %w", cerr)
	}
	return err
}

// splitStream splits r paragraph by paragraph (paragraphs end at blank
// lines, so the result is the same as splitting all of r at once) and
// writes one sentence per line to w.
func splitStream(ctx context.Context, s *split.Splitter, r io.Reader, w io.Writer) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var para strings.Builder
	var sents []split.Sentence
	flush := func() error {
		if para.Len() == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		sents = s.AppendSplit(sents[:0], para.String())
		para.Reset()
		for _, st := range sents {
			if err := writeSentence(w, st.Text); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
		}
		return nil
	}
	for {
		line, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read input: %w", err)
		}
		if line != "" {
			blank := strings.HasSuffix(line, "\n") && strings.TrimSpace(line) == ""
			if blank && para.Len() > 0 {
				para.WriteString(line)
				if ferr := flush(); ferr != nil {
					return ferr
				}
			} else {
				para.WriteString(line)
				if para.Len() > maxSplitParagraph && strings.HasSuffix(line, "\n") {
					if ferr := flush(); ferr != nil {
						return ferr
					}
				}
			}
		}
		if err != nil { // io.EOF
			return flush()
		}
	}
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

// writeSentence writes text as one line: every run of white space that
// holds a line break becomes one space.
func writeSentence(w io.Writer, text string) error {
	var b strings.Builder
	b.Grow(len(text) + 1)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) && !isLineBreak(r) {
			b.WriteString(text[i : i+size])
			i += size
			continue
		}
		j, brk := i, false
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsSpace(r) && !isLineBreak(r) {
				break
			}
			brk = brk || isLineBreak(r)
			j += size
		}
		if brk {
			b.WriteByte(' ')
		} else {
			b.WriteString(text[i:j])
		}
		i = j
	}
	line := strings.TrimSpace(b.String())
	if line == "" {
		return nil
	}
	_, err := io.WriteString(w, line+"\n")
	return err
}

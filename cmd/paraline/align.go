package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/corpus"
)

var cmdAlign = &command{
	name:  "align",
	usage: "SRC TGT [--format tsv|beads|jsonl] [--dict FILE | --mueller] [--no-lexicon] [-o FILE]",
	short: "align the sentences of two one-sentence-per-line files",
	long: `Align reads two files with one sentence per line (SRC in the source
language, TGT its translation; "-" is stdin for one of them) and aligns
their sentences in document order. Beads may join 1-1, 1-0, 0-1, 2-1, 1-2,
2-2, 1-3 and 3-1 sentences. The score combines the lengths (Gale-Church,
with the length ratio estimated from the two files) with lexical evidence:
numbers, placeholders (%s, {0}, <tags>), URLs, identifiers, punctuation,
cognates (Cyrillic is transliterated) and, with --dict or --mueller, a
bilingual dictionary. Long files are aligned coarse-to-fine in near-linear
time and memory.

Without a dictionary's help the files themselves teach which words
translate which: they are aligned once, and word pairs found together in
the confident 1-1 beads far more often than chance (Dice and
log-likelihood over lower-cased, stemmed words) are evidence when they are
aligned again (as hunalign does without a dictionary). Too short a pair of
files (under 30 confident beads) learns nothing and is aligned
as with --no-lexicon, which turns the learning off.

Formats (--format):
  tsv    (default) "src<TAB>tgt" per bead, the sentences of n-m beads joined
         by a space; beads with an empty side are left out unless --keep-null
  beads  "S<TAB>T": comma-separated 1-based line numbers, empty for a 0-side
  jsonl  {"src":[1],"tgt":[1,2],"score":1.5,"src_text":"…","tgt_text":"…"}

--dict FILE reads a word dictionary: TSV "source<TAB>target" or hunalign's
"target @ source" lines. --mueller reads the English-Russian Mueller
dictionary installed by Debian's mueller7-dict package (/usr/share/dictd).
--min-score drops tsv beads scoring below it.`,
	run: runAlign,
}

// alignDictFlags are the dictionary flags shared by align and eval align.
type alignDictFlags struct {
	dict             *string
	mueller          *bool
	srcLang, tgtLang *string
}

func addAlignDictFlags(fs *flag.FlagSet) *alignDictFlags {
	return &alignDictFlags{
		dict:    fs.String("dict", "", "bilingual word dictionary: TSV (source<TAB>target) or hunalign (target @ source)"),
		mueller: fs.Bool("mueller", false, "use the English-Russian Mueller dictionary of Debian's mueller7-dict ("+align.MuellerDir+")"),
		srcLang: fs.String("src-lang", "", "source language code (orients the dictionary; default: guessed from the scripts)"),
		tgtLang: fs.String("tgt-lang", "", "target language code"),
	}
}

// options loads the dictionaries named by the flags.
func (f *alignDictFlags) options() (*align.Options, error) {
	o := &align.Options{SrcLang: *f.srcLang, TgtLang: *f.tgtLang}
	d, err := loadDictFlags(*f.dict, *f.mueller)
	if err != nil {
		return nil, err
	}
	o.Dict = d
	return o, nil
}

func runAlign(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
	format := fs.String("format", "tsv", "output format: tsv, beads or jsonl")
	out := fs.String("o", "", "write to this file instead of stdout")
	keepNull := fs.Bool("keep-null", false, "tsv: also write beads with an empty side")
	minScore := fs.Float64("min-score", math.Inf(-1), "tsv: leave out beads scoring below this")
	dictFlags := addAlignDictFlags(fs)
	noLexicon := fs.Bool("no-lexicon", false, "do not learn word translations from the two files (one alignment pass instead of two)")
	useMT := fs.Bool("mt", false, "Bleualign-style evidence: translate SRC into the target language (--translator and the flags of paraline translate; cached) and compare the translations with TGT; needs --src-lang and --tgt-lang")
	tf := addTranslateFlags(fs)
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(args) != 2 {
		return usagef("want SRC and TGT, got %d arguments", len(args))
	}
	if args[0] == "-" && args[1] == "-" {
		return usagef("only one of SRC and TGT can be stdin")
	}
	switch *format {
	case "tsv", "beads", "jsonl":
	default:
		return usagef("unknown --format %q (want tsv, beads or jsonl)", *format)
	}
	opts, err := dictFlags.options()
	if err != nil {
		return err
	}
	var sides [2][]string
	for k, name := range args {
		if name == "-" {
			sides[k], err = scanAlignLines(std.in, "stdin")
		} else {
			sides[k], err = readAlignLines(name)
		}
		if err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if *useMT {
		if opts.SrcLang == "" || opts.TgtLang == "" {
			return usagef("--mt needs --src-lang and --tgt-lang")
		}
		if opts.SrcTranslations, err = translateForAlign(ctx, tf, opts.SrcLang, opts.TgtLang, sides[0]); err != nil {
			return err
		}
	}
	if !*noLexicon {
		opts.Lexicon = align.LearnLexicon([]align.DocPair{{Src: sides[0], Tgt: sides[1]}}, opts)
	}
	beads := align.Align(sides[0], sides[1], opts)
	w, closeOut, err := openOutput(std, *out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	werr := writeAlignBeads(bw, *format, beads, sides[0], sides[1], *keepNull, *minScore)
	if werr == nil {
		werr = bw.Flush()
	}
	if cerr := closeOut(werr); werr == nil && cerr != nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("write output: %w", werr)
	}
	return nil
}

// writeAlignBeads writes beads in one of the fixed formats.
func writeAlignBeads(w io.Writer, format string, beads []align.Bead, src, tgt []string, keepNull bool, minScore float64) error {
	join := func(lines []string, idx []int) string {
		parts := make([]string, len(idx))
		for i, x := range idx {
			parts[i] = lines[x]
		}
		return strings.Join(parts, " ")
	}
	for _, b := range beads {
		var err error
		switch format {
		case "beads":
			_, err = fmt.Fprintf(w, "%s\t%s\n", oneBased(b.Src), oneBased(b.Tgt))
		case "jsonl":
			rec := struct {
				Src     []int   `json:"src"`
				Tgt     []int   `json:"tgt"`
				Score   float64 `json:"score"`
				SrcText string  `json:"src_text"`
				TgtText string  `json:"tgt_text"`
			}{Src: plusOne(b.Src), Tgt: plusOne(b.Tgt), Score: roundScore(b.Score), SrcText: join(src, b.Src), TgtText: join(tgt, b.Tgt)}
			var data []byte
			data, err = json.Marshal(rec)
			if err == nil {
				_, err = fmt.Fprintf(w, "%s\n", data)
			}
		default:
			if (len(b.Src) == 0 || len(b.Tgt) == 0) && !keepNull || b.Score < minScore {
				continue
			}
			_, err = fmt.Fprintf(w, "%s\t%s\n", join(src, b.Src), join(tgt, b.Tgt))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func plusOne(l []int) []int {
	out := make([]int, len(l))
	for i, x := range l {
		out[i] = x + 1
	}
	return out
}

// roundScore keeps four decimals, enough to rank beads and stable to print.
func roundScore(x float64) float64 {
	return float64(int64(x*1e4+copySign(0.5, x))) / 1e4
}

func copySign(a, b float64) float64 {
	if b < 0 {
		return -a
	}
	return a
}

// readAlignLines reads a file of one sentence per line (see openTextFile).
func readAlignLines(path string) ([]string, error) {
	r, closeFile, err := openTextFile(path)
	if err != nil {
		return nil, err
	}
	defer closeFile()
	return scanAlignLines(r, path)
}

// scanAlignLines splits r into lines, dropping "\r\n" endings and a leading
// byte order mark; tabs and control characters inside a line become spaces
// so outputs stay parallel.
func scanAlignLines(r io.Reader, name string) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64<<20)
	var lines []string
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		if len(lines) == 0 {
			l = strings.TrimPrefix(l, "\ufeff") // a byte order mark is no text
		}
		if strings.IndexByte(l, 0) >= 0 {
			return nil, fmt.Errorf("read %s: line %d: %w", name, len(lines)+1, corpus.ErrBinary)
		}
		if strings.ContainsAny(l, "\t\x0b\x0c") {
			l = strings.Map(func(r rune) rune {
				if r < 0x20 {
					return ' '
				}
				return r
			}, l)
		}
		lines = append(lines, l)
	}
	if err := sc.Err(); err != nil {
		return nil, lineError(name, len(lines)+1, err)
	}
	return lines, nil
}

// translateForAlign translates the source sentences for --mt. A sentence
// whose translation failed gets "" (no evidence), so the alignment goes on.
func translateForAlign(ctx context.Context, tf *translateFlags, src, tgt string, lines []string) ([]string, error) {
	eng, closeEng, err := tf.engine(ctx)
	if err != nil {
		return nil, err
	}
	defer closeEng()
	res, err := eng.TranslateAll(ctx, src, tgt, lines)
	if err != nil {
		return nil, fmt.Errorf("--mt: %w", err)
	}
	out := make([]string, len(res))
	for i, r := range res {
		if r.Err == nil {
			out[i] = r.Text
		}
	}
	return out, closeEng()
}

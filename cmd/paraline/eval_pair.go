package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/paraline/paraline/docpair"
	"github.com/paraline/paraline/lang"
)

var cmdEvalPair = &command{
	name:  "pair",
	usage: "[flags] GOLD (PRED | --docs INPUT... | --sentences RUN_DIR)",
	short: "document pairs precision, recall and F1",
	long: `Eval pair scores document pairs against GOLD, a file of gold pairs
(src_doc<TAB>tgt_doc per line, as scripts/mkbisite writes them).

With PRED (a docpairs.tsv, or a run directory holding one) it scores those
pairs; IDs that are paths below the gold's (a run over dev/site names
"dev/site/en/a.html") are taken relative to it. With --docs it pairs the documents named after GOLD itself, as
'paraline pair' would (--pair-by, --min-score), and scores them beside a
baseline: content alone, the Jaccard similarity of the sets of numbers,
Latin-script words and URLs, greedy one-to-one, no threshold. Document IDs
must be given as in GOLD: name the same directory mkbisite wrote.

Prints one line per system: pairs, correct, P, R, F1; the last line is
F1=<x.xxxx> of paraline.

With --sentences PARA_GOLD RUN_DIR it scores the sentence pairs of a run
(RUN_DIR/corpus.jsonl) against paragraph gold (scripts/mkbisite's
NAME-para.jsonl: blocks of each page pair paired by position): precision is
the share of pairs from gold pages whose source lies in an English block and
target in the Russian block of the same position (nine words in ten; when
several blocks hold it, the shortest that holds its exact text at a place
the page has not yet given to an equal pair, else the shortest), or that span two to four
consecutive blocks on both sides (their words, read in order, fall in each
block of the same run on each side; a pair whose sides fall in different
blocks is wrong); a pair that lies in a block the gold could not pair, its
"unpaired" sections, is counted as unknown and not scored. "coverage" is
the share of the characters of translated Russian blocks (those whose
letters and digits differ from their English block's: a block whose quotes
alone changed is untranslated) covered by correct pairs of the block's own
page (the run's document IDs say which; a pair the run dropped as an exact
repeat of an earlier one, listed in RUN_DIR/rejects.jsonl as
filter:duplicate:exact, counts for its page: its text is in the corpus). A
pair covers the characters of its block(s) that its target matches (the
whole target where the block holds it, at its n-th place for the n-th pair
of the page placed there; else its words found in order), each character
once: pairs that repeat a sentence (on another page that holds the same
block, or as repeats) do not cover the block's other sentences. "corpus-only coverage", printed beside,
is what a scorer that reads corpus.* alone computes: a gold block pair, of
any page, is covered by every corpus pair, from any document, whose two
sides lie within its two texts (the target at its first place), characters
counted once as above.`,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		docs := fs.Bool("docs", false, "pair the documents named after GOLD, with the baseline beside")
		langs := fs.String("langs", "en,ru", "the two `codes` of the languages (source first)")
		by := fs.String("pair-by", docpair.ByAuto, "evidence with --docs: `auto`, url or content")
		minScore := fs.Float64("min-score", 0, "least content score with --docs (default: the pairer's)")
		workers := fs.Int("workers", 0, "documents processed at once (default: number of CPUs)")
		noBaseline := fs.Bool("no-baseline", false, "with --docs, skip the baseline")
		sents := fs.Bool("sentences", false, "score the sentence pairs of a run: GOLD is a paragraph gold file (mkbisite's NAME-para.jsonl), then RUN_DIR (run with --format jsonl)")
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if *sents {
			if len(args) != 2 {
				return usagef("want --sentences PARA_GOLD RUN_DIR")
			}
			l, err := lang.ParseLangs(*langs)
			if err != nil {
				return usageError{err}
			}
			if len(l) != 2 {
				return usagef("--langs needs exactly two languages (got %q)", *langs)
			}
			f, err := evalSentences(args[0], args[1], l[0], l[1])
			if err != nil {
				return err
			}
			fmt.Fprintf(std.out, "sentence pairs %d, on gold pages %d, correct %d, unknown %d, identical sides %d\n", f.Pairs, f.Scored, f.Correct, f.Unknown, f.Identical)
			fmt.Fprintf(std.out, "precision %.4f  coverage %.4f (%d of %d translated characters, %d repeats)  corpus-only coverage %.4f (%d)\n",
				f.Precision, f.Coverage, f.CoveredChars, f.TranslatedChars, f.Duplicates, f.CorpusCoverage, f.CorpusCoveredChars)
			return nil
		}
		if len(args) < 2 || !*docs && len(args) != 2 {
			return usagef("want GOLD PRED, or --docs GOLD INPUT...")
		}
		gold, err := readDocPairs(args[0])
		if err != nil {
			return err
		}
		print := func(name string, f docpair.Figures) {
			fmt.Fprintf(std.out, "%-9s pairs %5d  correct %5d  P %.4f  R %.4f  F1 %.4f\n", name, f.Pred, f.Correct, f.P, f.R, f.F1)
		}
		fmt.Fprintf(std.out, "gold pairs %d\n", len(gold))
		if !*docs {
			pred, err := readDocPairs(args[1])
			if err != nil {
				return err
			}
			relativeTo(gold, pred)
			f := docpair.Evaluate(gold, pred)
			print("pred", f)
			fmt.Fprintf(std.out, "F1=%.4f\n", f.F1)
			return nil
		}
		l, err := lang.ParseLangs(*langs)
		if err != nil {
			return usageError{err}
		}
		if len(l) != 2 {
			return usagef("--langs needs exactly two languages (got %q)", *langs)
		}
		opts := docpair.Options{Src: l[0], Tgt: l[1], By: *by, MinScore: *minScore, Workers: workersOrCPUs(*workers), Verifier: lang.NewVerifier(l[:2])}
		ro := docpair.ReadOptions{Workers: opts.Workers}
		res, _, _, err := pairInputs(ctx, std, opts, args[1:], ro)
		if err != nil {
			return err
		}
		f := docpair.Evaluate(gold, res.Pairs)
		print("paraline", f)
		if !*noBaseline {
			bopts := opts
			bopts.Baseline, bopts.Verifier = true, nil
			bres, _, _, err := pairInputs(ctx, std, bopts, args[1:], ro)
			if err != nil {
				return err
			}
			print("baseline", docpair.Evaluate(gold, bres.Pairs))
		}
		fmt.Fprintf(std.out, "F1=%.4f\n", f.F1)
		return nil
	},
}

// relativeTo rewrites the IDs of pred that are paths below a gold ID's
// folder ("dev/site/en/a.html" for the gold "en/a.html", as a run over
// "dev/site" names them) to the gold's form.
func relativeTo(gold, pred []docpair.Pair) {
	ids := map[string]bool{}
	for _, g := range gold {
		ids[g.Src], ids[g.Tgt] = true, true
	}
	rel := func(id string) string {
		for s := id; ; {
			if ids[s] {
				return s
			}
			i := strings.IndexByte(s, '/')
			if i < 0 {
				return id
			}
			s = s[i+1:]
		}
	}
	for i := range pred {
		pred[i].Src, pred[i].Tgt = rel(pred[i].Src), rel(pred[i].Tgt)
	}
}

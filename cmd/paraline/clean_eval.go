package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/pipeline"
)

var cmdEvalClean = &command{
	name:  "clean",
	usage: "DIR [--filters LIST] [--dict FILE | --mueller] [--pred FILE] [--measures FILE]",
	short: "score the pair filters on a labelled noisy corpus (scripts/mknoise)",
	long: `Eval clean runs the pair filters and deduplication of "paraline clean" on
DIR/noisy.<l1> and DIR/noisy.<l2> (languages from the extensions or --from
and --to), whose DIR/labels gives one label per line: "clean" or the kind of
noise injected (go run ./scripts/mknoise -gold GOLD_DIR -o DIR makes them).

For every noise kind it prints the number of pairs, the share removed by
anything, and the own filter's figures: recall (the pairs of that kind the
filter rejects) and precision (of the pairs the filter rejects among the
clean ones and those of its kind, the share of its kind). The own filter of
a kind has the kind's name; dup-exact and dup-normalized are scored with
deduplication. A filter also meant to catch a kind (lexical and evidence,
for adequacy's misaligned pairs; clause, for partial translations) gets a row
"  by FILTER" under it with its recall and precision on that kind.
"rejected_total" is everything the filter rejects (any label). Then the share of clean pairs removed (target
at most 2%) and of noise pairs removed (target at least 95%); the last
line is "clean_removed=<x> noise_removed=<y>".

--pred FILE writes one line per pair: "<label><TAB><reasons>" where reasons
are the comma-separated filters failed, "dup:exact"/"dup:normalized" for a
duplicate, empty when kept.

--measures FILE writes one line per pair: "<label><TAB><reasons><TAB>" and
then the statistics of the thresholded filters (ratio, lang, adequacy,
partial, lexical, evidence, clause) as "filter:param<TAB>value" pairs, whatever their
thresholds; scripts/cvclean reads them to choose thresholds on held-out
sources.

The lexicon of the lexical, evidence and clause filters is induced from the first
pairs of DIR itself (clean.DefaultLexiconPairs), as "paraline clean" does.`,
	run: runEvalClean,
}

func runEvalClean(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
	pred := fs.String("pred", "", "write per-pair labels and reasons to `FILE`")
	measures := fs.String("measures", "", "write per-pair labels, reasons and filter statistics to `FILE`")
	verbose := fs.Bool("v", false, "list the clean pairs removed and the noise pairs kept")
	cf := addCleanFlags(fs)
	args, err := cf.parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("want one DIR, got %d arguments", len(args))
	}
	dir := args[0]
	names, err := filepath.Glob(filepath.Join(dir, "noisy.*"))
	if err != nil || len(names) != 2 {
		return fmt.Errorf("want two files noisy.<l1> and noisy.<l2> in %s, found %d", dir, len(names))
	}
	sort.Strings(names)
	srcName, tgtName := names[0], names[1]
	if langFromName(names[0]) == "ru" && langFromName(names[1]) == "en" { // English first
		srcName, tgtName = names[1], names[0]
	}
	files, from, to, err := cleanInputs("", []string{srcName, tgtName}, *cf.from, *cf.to)
	if err != nil {
		return err
	}
	labels, err := readLabelLines(filepath.Join(dir, "labels"))
	if err != nil {
		return err
	}
	o, err := cf.options(from, to)
	if err != nil {
		return err
	}
	in, err := corpus.OpenParallel(files, std.in)
	if err != nil {
		return err
	}
	defer in.Close()
	var src pipeline.PairReader = in
	if o.Lexicon == nil && (pipeline.UsesFilter(o.Filters, "lexical") || pipeline.UsesFilter(o.Filters, "clause") || pipeline.UsesFilter(o.Filters, "evidence")) {
		if o.Lexicon, src, err = pipeline.InduceLexicon(in, clean.LexiconOptions{}); err != nil {
			return err
		}
	}
	c, err := pipeline.NewCleaner(o)
	if err != nil {
		return cleanError(err)
	}
	filterSet := map[string]bool{}
	for _, f := range c.Filters() {
		filterSet[f.Name] = true
	}
	var predW *bufio.Writer
	if *pred != "" {
		f, err := os.Create(*pred)
		if err != nil {
			return err
		}
		defer f.Close()
		predW = bufio.NewWriter(f)
	}
	var measW *bufio.Writer
	if *measures != "" {
		f, err := os.Create(*measures)
		if err != nil {
			return fmt.Errorf("create %s: %w", *measures, err)
		}
		defer f.Close()
		measW = bufio.NewWriter(f)
	}
	var ev cleanEval
	ev.init()
	stream := c.NewStream(clean.StreamOptions{NoDedup: o.NoDedup, Dedup: clean.DedupOptions{MemKeys: o.DedupMemKeys}})
	err = pipeline.JudgePairs(ctx, c, src, o.Workers, func(line int64, p *clean.Pair, v clean.Verdict) error {
		o := stream.Add(p, v)
		if int(line) > len(labels) {
			return fmt.Errorf("%s has more lines than labels (%d)", srcName, len(labels))
		}
		label := labels[line-1]
		reasons := append([]string(nil), o.Reasons...)
		if o.Duplicate != "" {
			reasons = []string{"dup:" + o.Duplicate}
		}
		ev.add(label, reasons)
		if predW != nil {
			fmt.Fprintf(predW, "%s\t%s\n", label, strings.Join(reasons, ","))
		}
		if measW != nil {
			fmt.Fprintf(measW, "%s\t%s", label, strings.Join(reasons, ","))
			for _, m := range c.Measures(p) {
				fmt.Fprintf(measW, "\t%s:%s\t%.4f", m.Filter, m.Param, m.Value)
			}
			measW.WriteByte('\n')
		}
		if *verbose && (label == "clean") != (len(reasons) == 0) {
			fmt.Fprintf(std.out, "%d\t%s\t%s\t%s\t%s\n", line, label, strings.Join(reasons, ","), p.Src, p.Tgt)
		}
		return nil
	})
	if cerr := stream.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if predW != nil {
		if err := predW.Flush(); err != nil {
			return fmt.Errorf("write %s: %w", *pred, err)
		}
	}
	if measW != nil {
		if err := measW.Flush(); err != nil {
			return fmt.Errorf("write %s: %w", *measures, err)
		}
	}
	if ev.total != len(labels) {
		return fmt.Errorf("%s has %d lines, labels %d", srcName, ev.total, len(labels))
	}
	ev.print(std, filterSet)
	return nil
}

func readLabelLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"), nil
}

// cleanEval accumulates the figures of eval clean.
type cleanEval struct {
	total   int
	n       map[string]int            // pairs per label
	removed map[string]int            // pairs per label removed by anything
	hit     map[string]map[string]int // label -> reason -> pairs
}

func (e *cleanEval) init() {
	e.n, e.removed, e.hit = map[string]int{}, map[string]int{}, map[string]map[string]int{}
}

func (e *cleanEval) add(label string, reasons []string) {
	e.total++
	e.n[label]++
	if len(reasons) > 0 {
		e.removed[label]++
	}
	m := e.hit[label]
	if m == nil {
		m = map[string]int{}
		e.hit[label] = m
	}
	for _, r := range reasons {
		m[r]++
	}
}

// alsoCatches lists, for a noise kind, the filters besides its own that
// are meant to catch it (eval clean prints their figures on the kind in a
// row of their own).
var alsoCatches = map[string][]string{"adequacy": {"lexical", "evidence"}, "partial": {"clause"}}

// ownReason is the reason that should catch noise of a label.
func ownReason(label string) string {
	switch label {
	case "dup-exact":
		return "dup:" + clean.DupExact
	case "dup-normalized":
		return "dup:" + clean.DupNormalized
	}
	return label
}

func (e *cleanEval) print(std *stdio, filters map[string]bool) {
	var labels []string
	for l := range e.n {
		if l != "clean" {
			labels = append(labels, l)
		}
	}
	sort.Strings(labels)
	w := std.out
	fmt.Fprintf(w, "%-15s %6s %8s %8s %9s %14s %14s\n", "noise", "pairs", "removed", "recall", "precision", "rejected_total", "clean_rejected")
	noise, noiseRemoved := 0, 0
	for _, l := range labels {
		own := ownReason(l)
		tp := e.hit[l][own]
		cleanFP := e.hit["clean"][own]
		all := 0
		for _, m := range e.hit {
			all += m[own]
		}
		noise += e.n[l]
		noiseRemoved += e.removed[l]
		off := ""
		if !filters[own] && !strings.HasPrefix(own, "dup:") {
			off = "  (filter off)"
		}
		fmt.Fprintf(w, "%-15s %6d %8s %8s %9s %14d %14d%s\n", l, e.n[l], cleanPct(e.removed[l], e.n[l]),
			cleanPct(tp, e.n[l]), cleanPct(tp, tp+cleanFP), all, cleanFP, off)
		for _, f := range alsoCatches[l] {
			if !filters[f] {
				continue
			}
			tp, cleanFP, all := e.hit[l][f], e.hit["clean"][f], 0
			for _, m := range e.hit {
				all += m[f]
			}
			fmt.Fprintf(w, "%-15s %6s %8s %8s %9s %14d %14d\n", "  by "+f, "", "", cleanPct(tp, e.n[l]), cleanPct(tp, tp+cleanFP), all, cleanFP)
		}
	}
	nc := e.n["clean"]
	fmt.Fprintf(w, "\nclean pairs removed: %d of %d (%s; target <= 2%%)\n", e.removed["clean"], nc, cleanPct(e.removed["clean"], nc))
	var why []string
	for r, k := range e.hit["clean"] {
		why = append(why, fmt.Sprintf("%s=%d", r, k))
	}
	sort.Strings(why)
	if len(why) > 0 {
		fmt.Fprintf(w, "  by reason: %s\n", strings.Join(why, " "))
	}
	fmt.Fprintf(w, "noise pairs removed: %d of %d (%s; target >= 95%%)\n", noiseRemoved, noise, cleanPct(noiseRemoved, noise))
	fmt.Fprintf(w, "clean_removed=%.4f noise_removed=%.4f\n", cleanRatio(e.removed["clean"], nc), cleanRatio(noiseRemoved, noise))
}

func cleanRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func cleanPct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

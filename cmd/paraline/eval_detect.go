package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/paraline/paraline/lang"
	"github.com/paraline/paraline/pipeline"
)

var cmdEvalDetect = &command{
	name:  "detect",
	usage: "[flags] GOLD.tsv DOCS_DIR",
	short: "line-level language and kind accuracy of detect on labelled documents",
	long: `Eval detect runs detect over the documents of DOCS_DIR named in GOLD.tsv (all of
them together, as one run, so repeated lines count) and scores it line by line
as shared/eval/detect/README.md describes: each non-blank line takes the lang
and kind of the predicted span overlapping most of its bytes (ties: the
earlier span); a value is right when it equals the gold value or one of its
alternatives. It prints per-document accuracies, the kind confusion table and
a last line "lang_acc=<x> kind_acc=<x> body_f1=<x>", the figures of
score_detect.py. --pred FILE also writes the predictions (detect jsonl) so the
reference scorer can be run on them.`,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		var o pipeline.Options
		langs := addCommonFlags(fs, &o)
		predPath := fs.String("pred", "", "also write the predicted spans (detect jsonl) to `FILE`")
		verbose := fs.Bool("v", false, "list the wrong lines")
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if len(args) != 2 {
			return usagef("want GOLD.tsv DOCS_DIR")
		}
		if o.Langs, err = lang.ParseLangs(*langs); err != nil {
			return usageError{err: err}
		}
		gold, docs, err := readDetectGold(args[0])
		if err != nil {
			return err
		}
		if len(docs) == 0 {
			return fmt.Errorf("%s: no labelled lines", args[0])
		}
		for _, d := range docs {
			o.Inputs = append(o.Inputs, filepath.Join(args[1], d))
		}
		preds := map[string][]pipeline.SpanResult{}
		var predBuf bytes.Buffer
		err = detectEach(ctx, o, func(r *pipeline.DocResult) error {
			if r.Err != nil {
				return r.Err
			}
			preds[r.ID] = r.Spans
			if *predPath != "" {
				return writeSpansTo(&predBuf, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if *predPath != "" {
			if err := os.WriteFile(*predPath, predBuf.Bytes(), 0o644); err != nil {
				return err
			}
		}
		return scoreDetect(std.out, gold, docs, args[1], preds, *verbose)
	},
}

type detectGoldLine struct {
	line              int
	lang, kind        string
	altLang, altKind  []string
	emptyLangAlsoFine bool
}

func readDetectGold(path string) (map[string][]detectGoldLine, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	gold := map[string][]detectGoldLine{}
	var docs []string
	header := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", path, err)
		}
		if header {
			header = false
			continue
		}
		for len(rec) < 8 {
			rec = append(rec, "")
		}
		n, err := strconv.Atoi(rec[1])
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: bad line number %q", path, rec[1])
		}
		g := detectGoldLine{line: n, lang: rec[2], kind: rec[3]}
		for _, a := range strings.Split(rec[5], ",") {
			a = strings.TrimSpace(a)
			if a == "-" {
				g.emptyLangAlsoFine = true
			} else if a != "" {
				g.altLang = append(g.altLang, a)
			}
		}
		for _, a := range strings.Split(rec[6], ",") {
			if a = strings.TrimSpace(a); a != "" {
				g.altKind = append(g.altKind, a)
			}
		}
		if _, ok := gold[rec[0]]; !ok {
			docs = append(docs, rec[0])
		}
		gold[rec[0]] = append(gold[rec[0]], g)
	}
	sort.Strings(docs)
	return gold, docs, nil
}

// scoreDetect mirrors score_detect.py's "lines" mode.
func scoreDetect(w io.Writer, gold map[string][]detectGoldLine, docs []string, dir string, preds map[string][]pipeline.SpanResult, verbose bool) error {
	kinds := []string{"body", "boilerplate", "noise", "(none)"}
	conf := map[[2]string]int{}
	var totL, okL, okK int
	for _, doc := range docs {
		raw, err := os.ReadFile(filepath.Join(dir, doc))
		if err != nil {
			return err
		}
		spans := preds[doc]
		byLine := map[int]detectGoldLine{}
		for _, g := range gold[doc] {
			byLine[g.line] = g
		}
		var dl, dlo, dko int
		pos := 0
		for i, line := range bytes.Split(raw, []byte("\n")) {
			a, b := pos, pos+len(line)
			pos = b + 1
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			g, ok := byLine[i+1]
			if !ok {
				continue
			}
			pl, pk := "", "(none)"
			best := 0
			for _, s := range spans {
				if s.RawStart >= b {
					break
				}
				if o := min(s.RawEnd, b) - max(s.RawStart, a); o > best {
					best, pl, pk = o, s.Lang, s.Kind.String()
				}
			}
			langOK := pl == g.lang || contains(g.altLang, pl) || (g.emptyLangAlsoFine && pl == "")
			kindOK := pk == g.kind || contains(g.altKind, pk)
			dl++
			if langOK {
				dlo++
			}
			if kindOK {
				dko++
			}
			// As the reference scorer: an accepted prediction counts as the gold kind.
			col := pk
			if kindOK {
				col = g.kind
			}
			conf[[2]string{g.kind, col}]++
			if verbose && (!langOK || !kindOK) {
				fmt.Fprintf(w, "  %s:%d gold %s/%s pred %s/%s: %.70s\n", doc, i+1, g.lang, g.kind, pl, pk, line)
			}
		}
		totL += dl
		okL += dlo
		okK += dko
		fmt.Fprintf(w, "%s\tlines=%d\tlang_acc=%s\tkind_acc=%s\n", strings.TrimSuffix(doc, ".txt"), dl, f4(ratio(dlo, dl)), f4(ratio(dko, dl)))
	}
	fmt.Fprintf(w, "\nconfusion (rows=gold kind, cols=predicted kind; alternatives counted as correct):\n")
	fmt.Fprintf(w, "%-14s", "gold\\pred")
	for _, k := range kinds {
		fmt.Fprintf(w, "%-13s", k)
	}
	fmt.Fprintln(w)
	for _, g := range kinds[:3] {
		fmt.Fprintf(w, "%-14s", g)
		for _, p := range kinds {
			fmt.Fprintf(w, "%-13s", strconv.Itoa(conf[[2]string{g, p}]))
		}
		fmt.Fprintln(w)
	}
	var tp, fp, fn int
	for k, n := range conf {
		switch {
		case k[0] == "body" && k[1] == "body":
			tp += n
		case k[1] == "body":
			fp += n
		case k[0] == "body":
			fn += n
		}
	}
	prec, rec := ratio(tp, tp+fp), ratio(tp, tp+fn)
	f1 := 0.0
	if prec+rec > 0 {
		f1 = 2 * prec * rec / (prec + rec)
	}
	fmt.Fprintf(w, "\nbody precision=%s recall=%s lines_scored=%d\n", f4(prec), f4(rec), totL)
	fmt.Fprintf(w, "lang_acc=%s kind_acc=%s body_f1=%s\n", f4(ratio(okL, totL)), f4(ratio(okK, totL)), f4(f1))
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f4(x float64) string { return fmt.Sprintf("%.4f", x) }

func writeSpansTo(w io.Writer, r *pipeline.DocResult) error {
	bw := bufio.NewWriter(w)
	if err := writeSpans(bw, r, "jsonl"); err != nil {
		return err
	}
	return bw.Flush()
}

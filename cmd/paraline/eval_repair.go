package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var cmdEvalRepair = &command{
	name:  "repair",
	usage: "DIR [--lang en|ru|auto] [--pred-dir P] [--clean-pred-dir C] [--show N] | --clean-control [--lang L] [--show N] FILE...",
	short: "score glue repair on NAME.glued.txt / NAME.gold.txt pairs",
	long: `Eval repair repairs every DIR/NAME.glued.txt (each file is one run: its own
vocabulary) and compares the inserted spaces with DIR/NAME.gold.txt. It
prints, like shared/eval/score_repair.py, one line per file and a TOTAL line
with precision, recall and F1 of inserted spaces (positions in characters of
the glued text), the bytes changed other than by inserted spaces (must be 0),
and false insertions per 10,000 gold words; then the same for the clean
control, where each gold file itself is repaired and every insertion is false.
The last line of each block is "F1=<x> P=<x> R=<x> changed_bytes=<n>"; the
last line of all repeats the repair figures with the clean control's:
"F1=<x> P=<x> R=<x> changed_bytes=<n> clean_fi_per_10k=<x> clean_changed_bytes=<n>".

--lang defaults to the DIR's name when it is a language code (en, ru), else
to the script of the text. --pred-dir and --clean-pred-dir write the
predictions as NAME.txt, so score_repair.py can check the figures.

With --clean-control, the arguments are files of correctly spaced text of
any genre (each file one run); every space the repairer inserts is false.
It prints one line per file and a TOTAL line with the words (whitespace
tokens), the false insertions and the false insertions per 10,000 words,
and last "clean_fi_per_10k=<x> words=<n> false_insertions=<n>".
--show N lists up to N insertions per file with their context.`,
	run: runEvalRepair,
}

func runEvalRepair(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
	lang := fs.String("lang", "", "language: en, ru or auto (default: from DIR's name or the text)")
	predDir := fs.String("pred-dir", "", "write the repaired glued files here as NAME.txt")
	cleanDir := fs.String("clean-pred-dir", "", "write the repaired gold files (clean control) here as NAME.txt")
	show := fs.Int("show", 0, "list up to N false insertions and misses per file")
	cleanControl := fs.Bool("clean-control", false, "the arguments are clean text files: print false insertions per 10k words")
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *cleanControl {
		if len(args) == 0 {
			return usagef("--clean-control wants one or more FILEs")
		}
		l := *lang
		if l == "" {
			l = "auto"
		}
		return evalCleanControl(ctx, std.out, l, args, *show)
	}
	if len(args) != 1 {
		return usagef("want one DIR, got %d arguments", len(args))
	}
	dir := args[0]
	names, err := goldNames(dir, ".gold.txt")
	if err != nil {
		return err
	}
	for _, d := range []string{*predDir, *cleanDir} {
		if d != "" {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("create %s: %w", d, err)
			}
		}
	}
	l := *lang
	if l == "" {
		switch strings.ToLower(filepath.Base(filepath.Clean(dir))) {
		case "en", "ru":
			l = strings.ToLower(filepath.Base(filepath.Clean(dir)))
		default:
			l = "auto"
		}
	}
	var res, clean []scoreRes
	for _, n := range names {
		gold, err := readUTF8(filepath.Join(dir, n+".gold.txt"))
		if err != nil {
			return err
		}
		glued, err := readUTF8(filepath.Join(dir, n+".glued.txt"))
		if err != nil {
			return err
		}
		pred, err := repairRun(ctx, l, glued)
		if err != nil {
			return err
		}
		cpred, err := repairRun(ctx, l, gold)
		if err != nil {
			return err
		}
		if err := writePred(*predDir, n, pred); err != nil {
			return err
		}
		if err := writePred(*cleanDir, n, cpred); err != nil {
			return err
		}
		r, err := scoreRepair(glued, gold, pred, n, *show, std.out)
		if err != nil {
			return err
		}
		c, err := scoreRepair(gold, gold, cpred, n, *show, std.out)
		if err != nil {
			return err
		}
		res, clean = append(res, r), append(clean, c)
	}
	fmt.Fprintf(std.out, "# repair: %s (lang %s): glued -> gold\n", dir, l)
	main := printScores(std.out, res, "TOTAL")
	fmt.Fprintf(std.out, "# clean control: gold -> gold (every insertion is false)\n")
	ctl := printScores(std.out, clean, "TOTAL (clean control)")
	p, rc, f := prf(main.tp, main.fp, main.fn)
	fi := 0.0
	if ctl.wds > 0 {
		fi = 1e4 * float64(ctl.fp) / float64(ctl.wds)
	}
	fmt.Fprintf(std.out, "# summary: the repair figures, then false insertions per 10k words and changed bytes on the clean control\n")
	fmt.Fprintf(std.out, "F1=%.4f P=%.4f R=%.4f changed_bytes=%d clean_fi_per_10k=%.2f clean_changed_bytes=%d\n", f, p, rc, main.bytes, fi, ctl.bytes)
	return nil
}

// evalCleanControl repairs each clean file as one run and prints the false
// insertions per 10k words.
func evalCleanControl(ctx context.Context, w io.Writer, lang string, files []string, show int) error {
	var words, fps int
	for _, f := range files {
		text, err := readUTF8(f)
		if err != nil {
			return err
		}
		pred, err := repairRun(ctx, lang, text)
		if err != nil {
			return err
		}
		r, err := scoreRepair(text, text, pred, f, show, w)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: words=%d false_insertions=%d fi_per_10k=%.2f\n", f, r.wds, r.fp, per10k(r.fp, r.wds))
		words += r.wds
		fps += r.fp
	}
	fmt.Fprintf(w, "TOTAL: words=%d false_insertions=%d fi_per_10k=%.2f\n", words, fps, per10k(fps, words))
	fmt.Fprintf(w, "clean_fi_per_10k=%.2f words=%d false_insertions=%d\n", per10k(fps, words), words, fps)
	return nil
}

func per10k(n, words int) float64 {
	if words == 0 {
		return 0
	}
	return 1e4 * float64(n) / float64(words)
}

func readUTF8(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("read %s: not UTF-8", path)
	}
	return string(b), nil
}

func writePred(dir, name, text string) error {
	if dir == "" {
		return nil
	}
	p := filepath.Join(dir, name+".txt")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// repairRun repairs text as one run (its own vocabulary).
func repairRun(ctx context.Context, lang, text string) (string, error) {
	lr, err := newLineRepairer(lang, false)
	if err != nil {
		return "", err
	}
	lr.add(text)
	return lr.repairString(ctx, text)
}

// scoreRes holds the figures of one file, as score_repair.py computes them.
type scoreRes struct {
	name                                        string
	gold, pred, tp, fp, fn, regions, bytes, wds int
}

// insertions returns the positions (in runes of glued) where pred inserts
// U+0020 spaces, when pred is glued with spaces inserted (greedy alignment,
// as score_repair.py's fast path).
func insertions(glued, pred string) (map[int]bool, bool) {
	a, b := []rune(glued), []rune(pred)
	ins := map[int]bool{}
	i := 0
	for j := 0; j < len(b); j++ {
		switch {
		case i < len(a) && a[i] == b[j]:
			i++
		case b[j] == ' ':
			ins[i] = true
		default:
			return nil, false
		}
	}
	return ins, i == len(a)
}

// alignLoose aligns pred to glued when pred is not just glued plus spaces:
// it matches greedily from both ends (recording inserted spaces) and counts
// what is left in the middle as one changed region, with its size in bytes
// as score_repair.py counts it. (score_repair.py uses difflib and may split
// the middle into several regions; paraline's own repairs never get here.)
func alignLoose(glued, pred string) (ins map[int]bool, changedBytes int) {
	a, b := []rune(glued), []rune(pred)
	ins = map[int]bool{}
	i, j := 0, 0
	for j < len(b) {
		if i < len(a) && a[i] == b[j] {
			i, j = i+1, j+1
		} else if b[j] == ' ' {
			ins[i] = true
			j++
		} else {
			break
		}
	}
	ei, ej := len(a), len(b)
	for ej > j {
		if ei > i && a[ei-1] == b[ej-1] {
			ei, ej = ei-1, ej-1
		} else if b[ej-1] == ' ' {
			ins[ei] = true
			ej--
		} else {
			break
		}
	}
	ma, mb := string(a[i:ei]), string(b[j:ej])
	if ma == "" && mb == "" {
		return ins, 0
	}
	n := len(strings.ReplaceAll(mb, " ", ""))
	if n == 0 {
		n = len(mb)
	}
	return ins, max(len(ma), n)
}

func scoreRepair(glued, gold, pred, name string, show int, w io.Writer) (scoreRes, error) {
	g, ok := insertions(glued, gold)
	if !ok {
		return scoreRes{}, fmt.Errorf("%s: gold is not glued plus inserted spaces", name)
	}
	r := scoreRes{name: name, gold: len(g), wds: countWords(gold)}
	p, ok := insertions(glued, pred)
	if !ok {
		p, r.bytes = alignLoose(glued, pred)
		r.regions = 1
	}
	r.pred = len(p)
	for pos := range p {
		if g[pos] {
			r.tp++
		} else {
			r.fp++
		}
	}
	r.fp += r.regions
	r.fn = len(g) - r.tp
	if show > 0 {
		gr := []rune(glued)
		ctx := func(pos int) string {
			s := string(gr[max(0, pos-25):pos]) + "⟨|⟩" + string(gr[pos:min(len(gr), pos+25)])
			return strings.ReplaceAll(s, "\n", "⏎")
		}
		var fps, fns []int
		for pos := range p {
			if !g[pos] {
				fps = append(fps, pos)
			}
		}
		for pos := range g {
			if !p[pos] {
				fns = append(fns, pos)
			}
		}
		sort.Ints(fps)
		sort.Ints(fns)
		for _, pos := range fps[:min(show, len(fps))] {
			fmt.Fprintf(w, "  FALSE %s@%d: %s\n", name, pos, ctx(pos))
		}
		for _, pos := range fns[:min(show, len(fns))] {
			fmt.Fprintf(w, "  MISS  %s@%d: %s\n", name, pos, ctx(pos))
		}
	}
	return r, nil
}

// countWords counts whitespace-separated words as Python's str.split() does.
func countWords(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
	}))
}

func prf(tp, fp, fn int) (p, r, f float64) {
	p, r = 1, 1
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func scoreLine(r scoreRes) string {
	p, rc, f := prf(r.tp, r.fp, r.fn)
	fi := 0.0
	if r.wds > 0 {
		fi = 1e4 * float64(r.fp) / float64(r.wds)
	}
	return fmt.Sprintf("%s: gold=%d pred=%d tp=%d fp=%d fn=%d words=%d fi_per_10k=%.2f changed_regions=%d changed_bytes=%d P=%.4f R=%.4f F1=%.4f",
		r.name, r.gold, r.pred, r.tp, r.fp, r.fn, r.wds, fi, r.regions, r.bytes, p, rc, f)
}

// printScores prints one line per file and the totals, and returns them.
func printScores(w io.Writer, rs []scoreRes, total string) scoreRes {
	t := scoreRes{name: total}
	for _, r := range rs {
		fmt.Fprintln(w, scoreLine(r))
		t.gold += r.gold
		t.pred += r.pred
		t.tp += r.tp
		t.fp += r.fp
		t.fn += r.fn
		t.regions += r.regions
		t.bytes += r.bytes
		t.wds += r.wds
	}
	fmt.Fprintln(w, scoreLine(t))
	p, rc, f := prf(t.tp, t.fp, t.fn)
	fmt.Fprintf(w, "F1=%.4f P=%.4f R=%.4f changed_bytes=%d\n", f, p, rc, t.bytes)
	return t
}

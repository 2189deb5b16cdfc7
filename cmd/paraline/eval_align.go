package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/paraline/paraline/align"
)

var cmdEvalAlign = &command{
	name:  "align",
	usage: "GOLD_DIR [-v] [--dict FILE | --mueller] [--pred-dir DIR] [--no-refine] [--no-lexicon]",
	short: "score sentence alignment on NAME.en / NAME.ru / NAME.gold triples",
	long: `Eval align aligns NAME.en with NAME.ru for every NAME.gold of GOLD_DIR and
prints, like shared/eval/score_align.py, precision, recall and F1 of the
beads micro-averaged over all documents (and per document with -v):
strict over all beads (a bead counts only if identical to a gold bead),
strict without 1-0/0-1 beads, and lax (a non-null bead counts if it shares
a line on each side with a gold bead). The last line is F1_strict_all=<x>.

As in one run, word translations are learnt from all the documents of
GOLD_DIR together (an alignment pass, then the confident 1-1 beads; see
paraline align --help) before each document is aligned with them;
--no-lexicon turns this off.

Documents have a genre: the one GOLD_DIR/genres.tsv gives them (lines
"NAME<TAB>GENRE"), else "prose" for names starting with "prose", else
"catalog". When a genre other than catalog is present, a GENRE line per
genre gives its figures before the OVERALL lines.

Gold and prediction format: one bead per line, "S<TAB>T", S and T
comma-separated 1-based line numbers (empty for a 1-0 or 0-1 bead).
--pred-dir writes the predictions as DIR/NAME.beads, so score_align.py
can check the figures.`,
	run: runEvalAlign,
}

func runEvalAlign(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
	verbose := fs.Bool("v", false, "print one line per document")
	predDir := fs.String("pred-dir", "", "write predicted beads to this directory as NAME.beads")
	dictFlags := addAlignDictFlags(fs)
	fullCells := fs.Int("max-full-cells", 0, "search documents of more cells in the coarse-to-fine way (default: the library's)")
	noRefine := fs.Bool("no-refine", false, "turn off the aligner's second pass (merge or skip decided again)")
	variance := fs.Float64("length-variance", 0, "Gale-Church length variance per character (default: the library's)")
	noLexicon := fs.Bool("no-lexicon", false, "do not learn word translations from the documents (see paraline align --help)")
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usagef("want one GOLD_DIR, got %d arguments", len(args))
	}
	dir := args[0]
	opts, err := dictFlags.options()
	if err != nil {
		return err
	}
	opts.MaxFullCells = *fullCells
	opts.LengthVariance = *variance
	opts.NoRefine = *noRefine
	genres, err := readGenres(dir)
	if err != nil {
		return err
	}
	byGenre := map[string]*alignCounts{}
	genreDocs := map[string]int{}
	names, err := goldNames(dir, ".gold")
	if err != nil {
		return err
	}
	if *predDir != "" {
		if err := os.MkdirAll(*predDir, 0o755); err != nil {
			return fmt.Errorf("create %s: %w", *predDir, err)
		}
	}
	if !*noLexicon {
		opts.Lexicon = learnGoldLexicon(dir, names, opts)
	}
	var tot alignCounts
	failed := 0
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		gold, err := readBeadsFile(filepath.Join(dir, name+".gold"))
		if err != nil {
			return err
		}
		note := ""
		pred, err := alignGoldDoc(dir, name, opts)
		if err != nil {
			fmt.Fprintf(std.err, "paraline eval align: %v\n", err)
			failed++
			pred = nil
			note = "  [FAILED: scored as zero]"
		} else if *predDir != "" {
			if err := writeBeadsFile(filepath.Join(*predDir, name+".beads"), pred); err != nil {
				return err
			}
		}
		c := countBeads(gold, pred)
		tot.add(c)
		g := docGenre(genres, name)
		if byGenre[g] == nil {
			byGenre[g] = new(alignCounts)
		}
		byGenre[g].add(c)
		genreDocs[g]++
		if *verbose {
			fmt.Fprintf(std.out, "%-32s gold=%5d pred=%5d | strict_all %s | strict_excl0 %s | lax %s%s\n",
				name, len(gold), len(pred), c.all.String(), c.excl.String(), c.lax.String(), note)
		}
	}
	if len(byGenre) > 1 || byGenre[genreCatalog] == nil {
		gs := make([]string, 0, len(byGenre))
		for g := range byGenre {
			gs = append(gs, g)
		}
		sort.Strings(gs)
		for _, g := range gs {
			c := byGenre[g]
			fmt.Fprintf(std.out, "GENRE %-10s docs=%d gold_beads=%d | strict_all %s | strict_excl0 %s | lax %s\n",
				g, genreDocs[g], c.all.nGold, c.all.String(), c.excl.String(), c.lax.String())
		}
	}
	fmt.Fprintf(std.out, "OVERALL docs=%d missing_or_garbled=%d gold_beads=%d pred_beads=%d\n",
		len(names), failed, tot.all.nGold, tot.all.nPred)
	fmt.Fprintf(std.out, "OVERALL strict_all    %s\n", tot.all.String())
	fmt.Fprintf(std.out, "OVERALL strict_excl0  %s\n", tot.excl.String())
	fmt.Fprintf(std.out, "OVERALL lax           %s\n", tot.lax.String())
	_, _, f := tot.all.prf()
	fmt.Fprintf(std.out, "F1_strict_all=%.4f\n", f)
	if failed > 0 {
		return partialError{fmt.Errorf("%d of %d documents failed", failed, len(names))}
	}
	return nil
}

// genreCatalog is the genre of documents that genres.tsv does not list
// and whose names do not start with "prose".
const genreCatalog = "catalog"

// readGenres reads dir/genres.tsv, lines "NAME<TAB>GENRE", if it exists.
func readGenres(dir string) (map[string]string, error) {
	path := filepath.Join(dir, "genres.tsv")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	out := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, genre, ok := strings.Cut(line, "\t")
		if !ok || name == "" || strings.TrimSpace(genre) == "" {
			return nil, fmt.Errorf("%s:%d: want NAME<TAB>GENRE", path, i+1)
		}
		out[name] = strings.TrimSpace(genre)
	}
	return out, nil
}

// docGenre returns the genre of document name: from genres, else "prose"
// for names starting with "prose", else genreCatalog.
func docGenre(genres map[string]string, name string) string {
	if g, ok := genres[name]; ok {
		return g
	}
	if strings.HasPrefix(name, "prose") {
		return "prose"
	}
	return genreCatalog
}

// learnGoldLexicon learns a Lexicon from all the documents of dir (those
// that cannot be read are left to the scoring loop, which reports them).
func learnGoldLexicon(dir string, names []string, opts *align.Options) *align.Lexicon {
	docs := make([]align.DocPair, 0, len(names))
	for _, name := range names {
		src, err1 := readAlignLines(filepath.Join(dir, name+".en"))
		tgt, err2 := readAlignLines(filepath.Join(dir, name+".ru"))
		if err1 == nil && err2 == nil {
			docs = append(docs, align.DocPair{Src: src, Tgt: tgt})
		}
	}
	o := *opts
	o.SrcLang, o.TgtLang = "en", "ru"
	return align.LearnLexicon(docs, &o)
}

// alignGoldDoc aligns dir/name.en with dir/name.ru and returns 1-based beads.
func alignGoldDoc(dir, name string, opts *align.Options) ([]goldBead, error) {
	src, err := readAlignLines(filepath.Join(dir, name+".en"))
	if err != nil {
		return nil, err
	}
	tgt, err := readAlignLines(filepath.Join(dir, name+".ru"))
	if err != nil {
		return nil, err
	}
	o := *opts
	o.SrcLang, o.TgtLang = "en", "ru"
	var out []goldBead
	for _, b := range align.Align(src, tgt, &o) {
		out = append(out, goldBead{src: oneBased(b.Src), tgt: oneBased(b.Tgt)})
	}
	return out, nil
}

func oneBased(l []int) string {
	parts := make([]string, len(l))
	for i, x := range l {
		parts[i] = strconv.Itoa(x + 1)
	}
	return strings.Join(parts, ",")
}

// goldBead is a bead as the scorer sees it: each side the sorted 1-based
// line numbers joined by commas ("" for an empty side).
type goldBead struct{ src, tgt string }

func (b goldBead) srcLines() []string { return splitNonEmpty(b.src) }
func (b goldBead) tgtLines() []string { return splitNonEmpty(b.tgt) }

func splitNonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// readBeadsFile reads a gold or prediction file as score_align.py does.
func readBeadsFile(path string) ([]goldBead, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	beads, err := parseBeads(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return beads, nil
}

// parseBeads parses "S<TAB>T" lines; blank lines and beads with two empty
// sides are skipped; each side is normalised to sorted numbers.
func parseBeads(r io.Reader) ([]goldBead, error) {
	var out []goldBead
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	ln := 0
	for sc.Scan() {
		ln++
		line := strings.TrimRight(sc.Text(), "\r\n")
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 2 {
			return nil, fmt.Errorf("line %d: expected exactly one TAB", ln)
		}
		s, err := parseBeadSide(parts[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", ln, err)
		}
		t, err := parseBeadSide(parts[1])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", ln, err)
		}
		if s != "" || t != "" {
			out = append(out, goldBead{s, t})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", ln+1, err)
	}
	return out, nil
}

func parseBeadSide(field string) (string, error) {
	field = strings.TrimSpace(field)
	if field == "" {
		return "", nil
	}
	var nums []int
	for _, x := range strings.Split(field, ",") {
		x = strings.TrimSpace(x)
		n, err := strconv.Atoi(x)
		if err != nil || n < 1 || strings.ContainsAny(x, "+-") {
			return "", fmt.Errorf("bad line number %q", x)
		}
		nums = append(nums, n)
	}
	sort.Ints(nums)
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ","), nil
}

func writeBeadsFile(path string, beads []goldBead) error {
	var b strings.Builder
	for _, x := range beads {
		b.WriteString(x.src)
		b.WriteByte('\t')
		b.WriteString(x.tgt)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// prfCounts are true positives and totals for precision and recall.
type prfCounts struct{ tpPred, nPred, tpGold, nGold int }

func (c prfCounts) prf() (p, r, f float64) {
	if c.nPred > 0 {
		p = float64(c.tpPred) / float64(c.nPred)
	}
	if c.nGold > 0 {
		r = float64(c.tpGold) / float64(c.nGold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func (c prfCounts) String() string {
	p, r, f := c.prf()
	return fmt.Sprintf("P=%.4f R=%.4f F1=%.4f", p, r, f)
}

func (c *prfCounts) add(d prfCounts) {
	c.tpPred += d.tpPred
	c.nPred += d.nPred
	c.tpGold += d.tpGold
	c.nGold += d.nGold
}

// alignCounts are the three figures of score_align.py.
type alignCounts struct{ all, excl, lax prfCounts }

func (c *alignCounts) add(d alignCounts) {
	c.all.add(d.all)
	c.excl.add(d.excl)
	c.lax.add(d.lax)
}

// countBeads computes the counts exactly as score_align.py's counts().
func countBeads(gold, pred []goldBead) alignCounts {
	var c alignCounts
	c.all = setCounts(gold, pred)
	var g1, p1 []goldBead
	for _, b := range gold {
		if b.src != "" && b.tgt != "" {
			g1 = append(g1, b)
		}
	}
	for _, b := range pred {
		if b.src != "" && b.tgt != "" {
			p1 = append(p1, b)
		}
	}
	c.excl = setCounts(g1, p1)
	bySrc := map[string][]int{}
	for i, b := range g1 {
		for _, x := range b.srcLines() {
			bySrc[x] = append(bySrc[x], i)
		}
	}
	recalled := map[int]bool{}
	tp := 0
	for _, b := range p1 {
		tt := map[string]bool{}
		for _, y := range b.tgtLines() {
			tt[y] = true
		}
		hit := false
		for _, x := range b.srcLines() {
			for _, i := range bySrc[x] {
				for _, y := range g1[i].tgtLines() {
					if tt[y] {
						hit = true
						recalled[i] = true
						break
					}
				}
			}
		}
		if hit {
			tp++
		}
	}
	c.lax = prfCounts{tp, len(p1), len(recalled), len(g1)}
	return c
}

// setCounts counts identical beads as Python's set intersection does.
func setCounts(gold, pred []goldBead) prfCounts {
	gs := map[goldBead]bool{}
	for _, b := range gold {
		gs[b] = true
	}
	ps := map[goldBead]bool{}
	for _, b := range pred {
		ps[b] = true
	}
	tp := 0
	for b := range ps {
		if gs[b] {
			tp++
		}
	}
	return prfCounts{tp, len(pred), tp, len(gold)}
}

// Command cvclean chooses the thresholds of paraline's pair filters by
// cross-validation over noisy sets from several sources and seeds, and
// reports the held-out figures and their spread.
//
// Usage:
//
//	go run ./scripts/cvclean [-budget 0.012] DIR...
//
// Each DIR is a noisy set of scripts/mknoise named SOURCE-sSEED (e.g.
// mo-a-s2) holding "measures", the output of `paraline eval clean --measures
// DIR/measures DIR` run with the default filters. A pair counts as removed
// at candidate thresholds when a filter that is not tuned (or deduplication)
// rejected it, or a tuned filter's statistic is beyond its candidate
// threshold. For every source S (leave one source out) the thresholds are
// chosen on the sets of the other sources: the thresholds with the most
// noise removed (mean over the training sets) found among those whose clean
// pairs removed stay at most -budget (see choose for the search).
// The figures of S's own sets at those thresholds are the held-out figures.
// The last lines give the thresholds chosen on all sources.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// tunedFilter is a thresholded filter and the grid of its threshold.
type tunedFilter struct {
	key          string // filter:param as in the measures file
	filter       string
	kind         string // the noise kind it is meant to catch
	rejectAbove  bool
	lo, hi, step float64
}

// tuned lists the thresholded filters and their grids.
var tuned = []tunedFilter{
	{"ratio:max", "ratio", "ratio", true, 2, 4, 0.25},
	{"lang:share", "lang", "lang", false, 0.1, 0.4, 0.05},
	{"partial:max", "partial", "partial", true, 2, 8, 0.25},
	{"adequacy:min", "adequacy", "adequacy", false, -3, -0.8, 0.1},
	{"lexical:min", "lexical", "adequacy", false, 0, 0.5, 0.025},
	{"clause:max", "clause", "partial", true, 0.4, 1.6, 0.05},
	{"evidence:min", "evidence", "adequacy", false, -1.5, 1.5, 0.1},
}

// pair is one labelled pair: whether an untuned filter removed it, and the
// tuned statistics (NaN when a filter does not check the pair).
type pair struct {
	label string
	base  bool
	own   []bool // own[i]: the pair is of tuned[i]'s own kind
	val   []float64
}

type set struct {
	name, source string
	pairs        []pair
}

func main() {
	budget := flag.Float64("budget", 0.012, "most clean pairs removed on the training sets")
	skip := flag.String("skip", "", "comma-separated noise `KINDS` left out of the sets (to compare with sets made without them)")
	var grids []string
	flag.Func("grid", "`KEY=LO:HI:STEP` replaces a tuned filter's grid (KEY as adequacy:min; LO=HI fixes it); repeatable", func(v string) error {
		grids = append(grids, v)
		return nil
	})
	flag.Func("tune", "`FILTER:PARAM=KIND:LO:HI:STEP` adds a tuned statistic read from the measures (rejected above the threshold when PARAM is max, below it otherwise), meant to catch noise KIND; repeatable", func(v string) error {
		return addTuned(v)
	})
	flag.Parse()
	for _, g := range grids {
		if err := setGrid(g); err != nil {
			fmt.Fprintln(os.Stderr, "cvclean: -grid:", err)
			os.Exit(2)
		}
	}
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: cvclean [-budget B] DIR...")
		os.Exit(2)
	}
	var sets []set
	for _, dir := range flag.Args() {
		s, err := load(dir, strings.Split(*skip, ","))
		if err != nil {
			fmt.Fprintln(os.Stderr, "cvclean:", err)
			os.Exit(1)
		}
		sets = append(sets, s)
	}
	var sources []string
	for _, s := range sets {
		if !slices.Contains(sources, s.source) {
			sources = append(sources, s.source)
		}
	}
	sort.Strings(sources)
	fmt.Printf("%d sets, %d sources, budget %.3f\n\n", len(sets), len(sources), *budget)
	fmt.Printf("%-10s %-34s %8s %8s %8s %8s %8s\n", "held out", "thresholds (chosen on the others)", "clean", "max", "noise", "min", "max")
	var cleans, noises, cmaxs, nmins []float64
	pass, nsets := 0, 0
	var heldTh [][]float64 // thresholds chosen without each source
	for _, src := range sources {
		var train, test []set
		for _, s := range sets {
			if s.source == src {
				test = append(test, s)
			} else {
				train = append(train, s)
			}
		}
		th := choose(train, *budget)
		f := figures(test, th)
		cleans, noises = append(cleans, f.clean), append(noises, f.noise)
		cmaxs, nmins = append(cmaxs, f.cmax), append(nmins, f.nmin)
		pass += f.pass
		nsets += len(test)
		heldTh = append(heldTh, th)
		fmt.Printf("%-10s %-34s %7.2f%% %7.2f%% %7.2f%% %7.2f%% %7.2f%%\n", src, format(th), 100*f.clean, 100*f.cmax, 100*f.noise, 100*f.nmin, 100*f.nmax)
	}
	fmt.Printf("\nheld-out clean removed: mean %.2f%%, range %.2f-%.2f%% (worst set %.2f%%)\n", 100*mean(cleans), 100*slices.Min(cleans), 100*slices.Max(cleans), 100*slices.Max(cmaxs))
	fmt.Printf("held-out noise removed: mean %.2f%%, range %.2f-%.2f%% (worst set %.2f%%)\n", 100*mean(noises), 100*slices.Min(noises), 100*slices.Max(noises), 100*slices.Min(nmins))
	fmt.Printf("held-out sets with at most 2%% of clean pairs and at least 95%% of noise removed: %d of %d\n", pass, nsets)
	fmt.Printf("\nper filter on each held-out source, at the thresholds chosen on the others (recall on its kind / clean pairs rejected / precision):\n%-10s", "held out")
	for _, t := range tuned {
		fmt.Printf(" %-22s", t.filter+" ("+t.kind+")")
	}
	fmt.Println()
	for i, src := range sources {
		var test []set
		for _, s := range sets {
			if s.source == src {
				test = append(test, s)
			}
		}
		fmt.Printf("%-10s", src)
		for j := range tuned {
			r, c, p := filterFigures(test, heldTh[i], j)
			fmt.Printf(" %-22s", fmt.Sprintf("%.1f/%.2f/%.1f%%", 100*r, 100*c, 100*p))
		}
		fmt.Println()
	}
	fmt.Printf("\nnoise kept on each held-out source, by kind, in %% of its noise:\n")
	for i, src := range sources {
		var test []set
		for _, s := range sets {
			if s.source == src {
				test = append(test, s)
			}
		}
		fmt.Printf("%-10s %s\n", src, escaped(test, heldTh[i]))
	}
	th := choose(sets, *budget)
	fmt.Printf("\nchosen on all sources: %s\n", format(th))
	perFilter(sets, th)
	perKind(sets, th)
}

// perKind prints the share of each kind's pairs removed at th, over all
// sets.
func perKind(sets []set, th []float64) {
	n, r := map[string]int{}, map[string]int{}
	for _, s := range sets {
		for i := range s.pairs {
			p := &s.pairs[i]
			n[p.label]++
			if removed(p, th) {
				r[p.label]++
			}
		}
	}
	var kinds []string
	for k := range n {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Printf("\nremoved by kind:")
	for _, k := range kinds {
		fmt.Printf(" %s=%.1f%%", k, 100*ratio(r[k], n[k]))
	}
	fmt.Println()
}

// escaped lists, by kind, the noise pairs of sets kept at th in percent
// of all their noise pairs (kinds with none kept left out).
func escaped(sets []set, th []float64) string {
	kept := map[string]int{}
	noise := 0
	for _, s := range sets {
		for i := range s.pairs {
			p := &s.pairs[i]
			if p.label == "clean" {
				continue
			}
			noise++
			if !removed(p, th) {
				kept[p.label]++
			}
		}
	}
	var kinds []string
	for k := range kept {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var out []string
	for _, k := range kinds {
		out = append(out, fmt.Sprintf("%s=%.2f", k, 100*ratio(kept[k], noise)))
	}
	return strings.Join(out, " ")
}

// addTuned applies a -tune flag.
func addTuned(v string) error {
	key, spec, ok := strings.Cut(v, "=")
	filter, param, ok2 := strings.Cut(key, ":")
	parts := strings.Split(spec, ":")
	if !ok || !ok2 || len(parts) != 4 {
		return fmt.Errorf("%q: want FILTER:PARAM=KIND:LO:HI:STEP", v)
	}
	var x [3]float64
	for i, p := range parts[1:] {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return fmt.Errorf("%q: %w", v, err)
		}
		x[i] = f
	}
	if x[1] < x[0] || x[2] <= 0 {
		return fmt.Errorf("%q: want LO <= HI and STEP > 0", v)
	}
	for _, t := range tuned {
		if t.key == key {
			return fmt.Errorf("%q: %s is tuned already", v, key)
		}
	}
	tuned = append(tuned, tunedFilter{key, filter, parts[0], param == "max", x[0], x[1], x[2]})
	return nil
}

// setGrid applies a -grid flag.
func setGrid(v string) error {
	key, spec, ok := strings.Cut(v, "=")
	parts := strings.Split(spec, ":")
	if !ok || len(parts) != 3 {
		return fmt.Errorf("%q: want KEY=LO:HI:STEP", v)
	}
	var x [3]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return fmt.Errorf("%q: %w", v, err)
		}
		x[i] = f
	}
	if x[1] < x[0] || x[2] <= 0 {
		return fmt.Errorf("%q: want LO <= HI and STEP > 0", v)
	}
	for i := range tuned {
		if tuned[i].key == key {
			tuned[i].lo, tuned[i].hi, tuned[i].step = x[0], x[1], x[2]
			return nil
		}
	}
	return fmt.Errorf("%q: no tuned filter %s", v, key)
}

func format(th []float64) string {
	var f []string
	for i, t := range tuned {
		f = append(f, fmt.Sprintf("%s=%g", t.key, th[i]))
	}
	return strings.Join(f, " ")
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// values returns the grid of tuned[i], from the most lenient threshold
// (fewest pairs rejected) to the strictest.
func values(i int) []float64 {
	t := tuned[i]
	var out []float64
	for k := 0; ; k++ {
		v := t.lo + float64(k)*t.step
		if v > t.hi+1e-9 {
			break
		}
		out = append(out, math.Round(v*1000)/1000)
	}
	if t.rejectAbove {
		slices.Reverse(out)
	}
	return out
}

// removed reports whether p is removed at thresholds th.
func removed(p *pair, th []float64) bool {
	if p.base {
		return true
	}
	for i, t := range tuned {
		if v := p.val[i]; !math.IsNaN(v) && (t.rejectAbove && v > th[i] || !t.rejectAbove && v < th[i]) {
			return true
		}
	}
	return false
}

// setFigures are the figures of some sets at some thresholds.
type setFigures struct {
	clean, noise float64 // shares of clean and noise pairs removed, means over the sets
	cmax         float64 // the largest share of clean pairs removed of a set
	nmin, nmax   float64 // the smallest and largest share of noise removed of a set
	pass         int     // sets with at most 2% of clean pairs and at least 95% of noise removed
}

// figures returns the figures of sets at th.
func figures(sets []set, th []float64) setFigures {
	f := setFigures{nmin: 1}
	for _, s := range sets {
		var nc, rc, nn, rn int
		for i := range s.pairs {
			p := &s.pairs[i]
			r := removed(p, th)
			if p.label == "clean" {
				nc++
				if r {
					rc++
				}
			} else {
				nn++
				if r {
					rn++
				}
			}
		}
		c, n := ratio(rc, nc), ratio(rn, nn)
		f.clean += c
		f.noise += n
		f.cmax = max(f.cmax, c)
		f.nmin, f.nmax = min(f.nmin, n), max(f.nmax, n)
		if c <= 0.02 && n >= 0.95 {
			f.pass++
		}
	}
	k := float64(len(sets))
	f.clean /= k
	f.noise /= k
	return f
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// lambdas are the prices of a clean pair removed, in noise pairs removed,
// tried by choose.
var lambdas = func() []float64 {
	var out []float64
	for l := 0.25; l <= 100; l *= 1.25 {
		out = append(out, l)
	}
	return out
}()

// choose returns thresholds with the most noise removed among those whose
// clean pairs removed are within budget (means over sets). For each price
// λ of a clean pair it maximises noise - λ·clean by coordinate ascent (each
// threshold in turn over its grid, the others fixed, until none moves) from
// the most lenient thresholds; of the results within budget it keeps the
// one removing most noise (when none is, the most lenient thresholds).
func choose(sets []set, budget float64) []float64 {
	lenient := make([]float64, len(tuned))
	for i := range tuned {
		lenient[i] = values(i)[0]
	}
	best, bestN, bestC := lenient, -1.0, math.Inf(1)
	for _, lam := range lambdas {
		th := slices.Clone(lenient)
		for range 5 {
			moved := false
			for i := range tuned {
				cur := th[i]
				bestV, bestObj := cur, math.Inf(-1)
				for _, v := range values(i) {
					th[i] = v
					f := figures(sets, th)
					if obj := f.noise - lam*f.clean; obj > bestObj+1e-12 {
						bestV, bestObj = v, obj
					}
				}
				th[i] = bestV
				moved = moved || bestV != cur
			}
			if !moved {
				break
			}
		}
		f := figures(sets, th)
		c, n := f.clean, f.noise
		if c <= budget && (n > bestN+1e-12 || math.Abs(n-bestN) <= 1e-12 && c < bestC) {
			best, bestN, bestC = th, n, c
		}
	}
	return best
}

// perFilter prints, for each tuned filter at th over all sets, its recall
// on noise of its own kind, the share of clean pairs it rejects, and its
// precision (of the pairs it rejects among clean and own-kind ones, the
// share of its kind), as eval clean counts them.
func perFilter(sets []set, th []float64) {
	fmt.Printf("\n%-10s %-10s %8s %12s %10s\n", "filter", "kind", "recall", "clean_rej", "precision")
	for i, t := range tuned {
		r, c, p := filterFigures(sets, th, i)
		fmt.Printf("%-10s %-10s %7.1f%% %11.2f%% %9.1f%%\n", t.filter, t.kind, 100*r, 100*c, 100*p)
	}
}

// filterFigures returns tuned filter i's recall on its own kind, share of
// clean pairs rejected and precision over sets at thresholds th.
func filterFigures(sets []set, th []float64, i int) (recall, cleanRej, precision float64) {
	t := tuned[i]
	var own, ownHit, clean, cleanHit int
	for _, s := range sets {
		for j := range s.pairs {
			p := &s.pairs[j]
			v := p.val[i]
			hit := !math.IsNaN(v) && (t.rejectAbove && v > th[i] || !t.rejectAbove && v < th[i])
			switch {
			case p.label == "clean":
				clean++
				if hit {
					cleanHit++
				}
			case p.own[i]:
				own++
				if hit {
					ownHit++
				}
			}
		}
	}
	return ratio(ownHit, own), ratio(cleanHit, clean), ratio(ownHit, ownHit+cleanHit)
}

var setName = regexp.MustCompile(`^(.*)-s[0-9]+$`)

// load reads DIR/measures, leaving out the pairs whose label is in skip.
func load(dir string, skip []string) (set, error) {
	name := filepath.Base(filepath.Clean(dir))
	m := setName.FindStringSubmatch(name)
	if m == nil {
		return set{}, fmt.Errorf("%s: want a directory named SOURCE-sSEED", dir)
	}
	s := set{name: name, source: m[1]}
	path := filepath.Join(dir, "measures")
	f, err := os.Open(path)
	if err != nil {
		return set{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 || len(fields)%2 != 0 {
			return set{}, fmt.Errorf("%s:%d: want label, reasons and key/value pairs", path, n)
		}
		if slices.Contains(skip, fields[0]) {
			continue
		}
		p := pair{label: fields[0], own: make([]bool, len(tuned)), val: make([]float64, len(tuned))}
		for i, t := range tuned {
			p.val[i] = math.NaN()
			p.own[i] = p.label == t.kind
		}
		for _, r := range strings.Split(fields[1], ",") {
			if r != "" && !slices.ContainsFunc(tuned, func(t tunedFilter) bool { return t.filter == r }) {
				p.base = true
			}
		}
		for k := 2; k < len(fields); k += 2 {
			for i, t := range tuned {
				if fields[k] == t.key {
					v, err := strconv.ParseFloat(fields[k+1], 64)
					if err != nil {
						return set{}, fmt.Errorf("%s:%d: %w", path, n, err)
					}
					p.val[i] = v
				}
			}
		}
		s.pairs = append(s.pairs, p)
	}
	if err := sc.Err(); err != nil {
		return set{}, fmt.Errorf("read %s: %w", path, err)
	}
	return s, nil
}

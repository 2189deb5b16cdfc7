// Command tuneboiler chooses the classifier's thresholds leaving one site
// out: for every site it picks, from a grid, the thresholds with the best
// mean line kind accuracy (paraline eval detect) on the other sites, and
// reports the accuracy they give on the site left out. The held-out figures
// are the result; their spread across folds says how much the choice
// depends on the sites seen.
//
//	go run ./scripts/mkhtmlgold -o devsets
//	go build -o bin/paraline ./cmd/paraline
//	go run ./scripts/tuneboiler -bin bin/paraline \
//	    python=devsets/python aptitude=devsets/aptitude ... \
//	    seeds=/work/shared/eval/detect/seeds.tsv:/work/shared/seeds
//
// With -kind html it scores the body token F1 of eval html on the sites'
// HTML pages instead (seeds have none: leave them out).
//
// With -group, the language versions of one bilingual site (NAME-en,
// NAME-ru: a name ending in "-" and a two-letter code) are left out
// together: they share their layout, so one would tell about the other.
//
// A site is NAME=DIR (DIR/detect.tsv with the text dumps in DIR/text, as
// mkhtmlgold writes them) or NAME=GOLD.tsv:DOCS_DIR.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type site struct{ name, gold, docs string }

// axis is one threshold of the grid and the values tried.
type axis struct {
	name   string
	values []string
}

// parseGrid reads a grid given as NAME=V1,V2;NAME=V1,...
func parseGrid(spec string) ([]axis, error) {
	var g []axis
	for _, part := range strings.Split(spec, ";") {
		name, vals, ok := strings.Cut(part, "=")
		if !ok || name == "" || vals == "" {
			return nil, fmt.Errorf("grid: want NAME=V1,V2, got %q", part)
		}
		g = append(g, axis{name, strings.Split(vals, ",")})
	}
	return g, nil
}

// grid is the thresholds tried: every combination of the values.
var grid = []axis{
	{"ShortScore", []string{"0.01", "0.03", "0.1"}},
	{"LeadScore", []string{"0.5", "1", "2"}},
	{"BoilerPenalty", []string{"2", "3", "5"}},
	{"RepeatShare", []string{"0.3", "0.5"}},
}

var (
	accRe = regexp.MustCompile(`kind_acc=([0-9.]+)`)
	f1Re  = regexp.MustCompile(` f1=([0-9.]+)`)
)

func main() {
	bin := flag.String("bin", "bin/paraline", "the paraline `binary`")
	kind := flag.String("kind", "detect", "what to score: detect (line kind accuracy on text dumps) or html (body token F1 on the HTML pages)")
	group := flag.Bool("group", false, "leave the language versions of a site (NAME-en, NAME-ru) out together")
	gridFlag := flag.String("grid", "", "the thresholds to try instead of the built-in grid: `NAME=V1,V2;NAME=V1,...` (every combination)")
	flag.Parse()
	if *gridFlag != "" {
		g, err := parseGrid(*gridFlag)
		if err != nil {
			fail(err)
		}
		grid = g
	}
	var sites []site
	for _, a := range flag.Args() {
		name, spec, ok := strings.Cut(a, "=")
		if !ok {
			fail(fmt.Errorf("want NAME=DIR or NAME=GOLD.tsv:DOCS_DIR, got %q", a))
		}
		s := site{name: name, gold: filepath.Join(spec, "detect.tsv"), docs: filepath.Join(spec, "text")}
		if g, d, ok := strings.Cut(spec, ":"); ok {
			s.gold, s.docs = g, d
		}
		sites = append(sites, s)
	}
	if len(sites) < 2 {
		fail(fmt.Errorf("need at least two sites"))
	}
	configs := []string{""}
	for _, g := range grid {
		var next []string
		for _, c := range configs {
			for _, v := range g.values {
				sep := ","
				if c == "" {
					sep = ""
				}
				next = append(next, c+sep+g.name+"="+v)
			}
		}
		configs = next
	}
	// acc[config][site]
	acc := make([][]float64, len(configs))
	for i, c := range configs {
		acc[i] = make([]float64, len(sites))
		for j, s := range sites {
			args := []string{"eval", "detect", "--set", c, s.gold, s.docs}
			if *kind == "html" {
				args = []string{"eval", "html", "--set", c, filepath.Dir(s.gold)}
			}
			out, err := exec.Command(*bin, args...).Output()
			if err != nil {
				fail(fmt.Errorf("%s on %s: %w", c, s.name, err))
			}
			re := accRe
			if *kind == "html" {
				re = f1Re
			}
			m := re.FindAllSubmatch(out, -1)
			if len(m) == 0 {
				fail(fmt.Errorf("%s on %s: no kind_acc in the output", c, s.name))
			}
			acc[i][j], _ = strconv.ParseFloat(string(m[len(m)-1][1]), 64)
		}
		fmt.Fprintf(os.Stderr, "%s\t%v\n", c, acc[i])
	}
	var held []float64
	fmt.Println("site\theld-out score\tchosen on the other sites")
	for j, s := range sites {
		best, bi := -1.0, 0
		for i := range configs {
			m, n := 0.0, 0
			for k := range sites {
				if k != j && !(*group && siteGroup(sites[k].name) == siteGroup(s.name)) {
					m += acc[i][k]
					n++
				}
			}
			if m /= float64(n); m > best {
				best, bi = m, i
			}
		}
		held = append(held, acc[bi][j])
		fmt.Printf("%s\t%.4f\t%s (train mean %.4f)\n", s.name, acc[bi][j], configs[bi], best)
	}
	sort.Float64s(held)
	mean := 0.0
	for _, h := range held {
		mean += h
	}
	mean /= float64(len(held))
	fmt.Printf("held-out score: mean %.4f, min %.4f, max %.4f (spread %.4f)\n", mean, held[0], held[len(held)-1], held[len(held)-1]-held[0])
	best, bi := -1.0, 0
	for i := range configs {
		m := 0.0
		for k := range sites {
			m += acc[i][k]
		}
		if m > best {
			best, bi = m, i
		}
	}
	fmt.Printf("on all sites: %s (mean %.4f)\n", configs[bi], best/float64(len(sites)))
}

// siteGroup is the site a language version belongs to: NAME for NAME-en
// or NAME-ru (a two-letter suffix), else the name itself.
func siteGroup(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 && len(name)-i == 3 {
		return name[:i]
	}
	return name
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tuneboiler:", err)
	os.Exit(1)
}

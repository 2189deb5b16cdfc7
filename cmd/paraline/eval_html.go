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

	"github.com/paraline/paraline/lang"
	"github.com/paraline/paraline/pipeline"
)

var cmdEvalHTML = &command{
	name:  "html",
	usage: "[flags] GOLD_DIR",
	short: "token-level body precision, recall and F1 on HTML pages against a gold body text",
	long: `Eval html scores the body text paraline keeps from HTML pages against the gold
body of each page, as scripts/mkhtmlgold writes it: GOLD_DIR is one site
(SITE/html/NAME.html, SITE/gold/NAME.txt, SITE/code/NAME.txt) or a folder of
such sites, each scored on its own.

Tokens are runs of letters and digits. Per page, a predicted token is right as
often as it occurs in the gold body (bags of tokens, as the Trafilatura and
Boilerpipe evaluations count); tokens of the page's code listings count
neither way (a prediction that keeps them is not penalised). Precision,
recall and F1 are pooled over the pages of a site; the median page F1 is
printed beside them. The last line of each site reads
"site=S pages=N precision=P recall=R f1=F median_page_f1=M".

The prediction is paraline's: the pages of a site go through detect as one
run (so repeated blocks count), and a page's body is the text of its body
spans. --pred-dir D scores another extractor's output instead: D/SITE/NAME.txt
(or D/NAME.txt for a single site) holds the body text it kept.
--baseline alltext scores keeping every visible line (SITE/text/NAME.txt).`,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		var o pipeline.Options
		langs := addCommonFlags(fs, &o)
		predDir := fs.String("pred-dir", "", "score the body texts in `DIR` (DIR/SITE/NAME.txt) instead of paraline's")
		baseline := fs.String("baseline", "", "score a baseline instead of paraline: alltext (every visible line)")
		verbose := fs.Bool("v", false, "print the figures of every page")
		addBoilerplateFlag(fs, &o)
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if len(args) != 1 {
			return usagef("want GOLD_DIR")
		}
		if *baseline != "" && *baseline != "alltext" {
			return usagef("--baseline must be alltext (trafilatura and readability: scripts/htmlbaseline, then --pred-dir)")
		}
		if o.Langs, err = lang.ParseLangs(*langs); err != nil {
			return usageError{err}
		}
		sites, err := goldSites(args[0])
		if err != nil {
			return err
		}
		for _, s := range sites {
			var preds map[string]string
			switch {
			case *predDir != "":
				dir := *predDir
				if len(sites) > 1 || filepath.Base(s.dir) != filepath.Base(args[0]) {
					dir = filepath.Join(dir, s.name)
				}
				preds, err = readPredDir(dir, s.pages)
			case *baseline == "alltext":
				preds, err = readPredDir(filepath.Join(s.dir, "text"), s.pages)
			default:
				preds, err = paralineBodies(ctx, o, s)
			}
			if err != nil {
				return err
			}
			if err := scoreHTMLSite(std.out, s, preds, *verbose); err != nil {
				return err
			}
		}
		return nil
	},
}

// addBoilerplateFlag adds --set NAME=VALUE, which sets a threshold of the
// body/boilerplate classifier (a field of lang.Options) for tuning.
func addBoilerplateFlag(fs *flag.FlagSet, o *pipeline.Options) {
	fs.Func("set", "set a classifier threshold, `NAME=VALUE` (a field of lang.Options, e.g. RepeatShare=0.4); repeatable", func(v string) error {
		for _, kv := range strings.Split(v, ",") {
			name, value, ok := strings.Cut(kv, "=")
			if !ok {
				return fmt.Errorf("want NAME=VALUE, got %q", kv)
			}
			if err := o.Boilerplate.Set(strings.TrimSpace(name), strings.TrimSpace(value)); err != nil {
				return err
			}
		}
		return nil
	})
}

// goldSite is one site of an eval html gold folder.
type goldSite struct {
	name, dir string
	pages     []string // NAME of SITE/gold/NAME.txt, sorted
}

// goldSites returns dir itself when it is a site (it has gold/), else its
// sub-folders that are sites.
func goldSites(dir string) ([]goldSite, error) {
	if st, err := os.Stat(filepath.Join(dir, "gold")); err == nil && st.IsDir() {
		pages, err := goldNames(filepath.Join(dir, "gold"), ".txt")
		if err != nil {
			return nil, err
		}
		return []goldSite{{name: filepath.Base(filepath.Clean(dir)), dir: dir, pages: pages}}, nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var sites []goldSite
	for _, e := range ents {
		sub := filepath.Join(dir, e.Name())
		if st, err := os.Stat(filepath.Join(sub, "gold")); !e.IsDir() || err != nil || !st.IsDir() {
			continue
		}
		pages, err := goldNames(filepath.Join(sub, "gold"), ".txt")
		if err != nil {
			return nil, err
		}
		sites = append(sites, goldSite{name: e.Name(), dir: sub, pages: pages})
	}
	if len(sites) == 0 {
		return nil, fmt.Errorf("%s: no site (a folder with gold/) found", dir)
	}
	return sites, nil
}

// readPredDir reads DIR/NAME.txt for each page; a missing file is an empty
// prediction.
func readPredDir(dir string, pages []string) (map[string]string, error) {
	preds := map[string]string{}
	for _, p := range pages {
		b, err := os.ReadFile(filepath.Join(dir, p+".txt"))
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		preds[p] = string(b)
	}
	return preds, nil
}

// paralineBodies runs detect over the site's pages as one run and returns
// the text of each page's body spans.
func paralineBodies(ctx context.Context, o pipeline.Options, s goldSite) (map[string]string, error) {
	for _, p := range s.pages {
		o.Inputs = append(o.Inputs, filepath.Join(s.dir, "html", p+".html"))
	}
	preds := map[string]string{}
	err := detectEach(ctx, o, func(r *pipeline.DocResult) error {
		if r.Err != nil {
			return r.Err
		}
		var b strings.Builder
		for _, sp := range r.Spans {
			if sp.Kind == lang.Body {
				b.WriteString(sp.Text)
				if !strings.HasSuffix(sp.Text, "\n") {
					b.WriteByte(' ')
				}
			}
		}
		preds[strings.TrimSuffix(filepath.Base(r.ID), ".html")] = b.String()
		return nil
	})
	return preds, err
}

// tokenBag counts the tokens (runs of letters and digits) of s.
func tokenBag(s string) map[string]int {
	bag := map[string]int{}
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) }) {
		bag[t]++
	}
	return bag
}

// pageScore is the overlap of a page's predicted and gold bags: tp tokens
// right, pred and gold tokens in all.
type pageScore struct{ tp, pred, gold int }

// scorePage compares pred with gold; tokens of code beyond what gold holds
// are not counted in pred.
func scorePage(pred, gold, code string) pageScore {
	pb, gb, cb := tokenBag(pred), tokenBag(gold), tokenBag(code)
	var s pageScore
	for _, n := range gb {
		s.gold += n
	}
	for t, n := range pb {
		g := gb[t]
		if excess := n - g; excess > 0 {
			n -= min(excess, cb[t])
		}
		s.pred += n
		s.tp += min(n, g)
	}
	return s
}

func (s pageScore) prf() (p, r, f float64) {
	p, r = ratio(s.tp, s.pred), ratio(s.tp, s.gold)
	if s.pred == 0 && s.gold == 0 {
		return 1, 1, 1
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func scoreHTMLSite(w io.Writer, s goldSite, preds map[string]string, verbose bool) error {
	var total pageScore
	var f1s []float64
	for _, p := range s.pages {
		gold, err := os.ReadFile(filepath.Join(s.dir, "gold", p+".txt"))
		if err != nil {
			return err
		}
		code, err := os.ReadFile(filepath.Join(s.dir, "code", p+".txt"))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		ps := scorePage(preds[p], string(gold), string(code))
		total.tp += ps.tp
		total.pred += ps.pred
		total.gold += ps.gold
		pp, pr, pf := ps.prf()
		if ps.gold > 0 {
			f1s = append(f1s, pf)
		}
		if verbose {
			fmt.Fprintf(w, "  %s/%s\tprecision=%s recall=%s f1=%s\n", s.name, p, f4(pp), f4(pr), f4(pf))
		}
	}
	p, r, f := total.prf()
	fmt.Fprintf(w, "site=%s pages=%d precision=%s recall=%s f1=%s median_page_f1=%s\n", s.name, len(s.pages), f4(p), f4(r), f4(f), f4(median(f1s)))
	return nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	ys := append([]float64(nil), xs...)
	sort.Float64s(ys)
	n := len(ys)
	if n%2 == 1 {
		return ys[n/2]
	}
	return (ys[n/2-1] + ys[n/2]) / 2
}

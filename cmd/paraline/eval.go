package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

// evalKinds maps "paraline eval KIND" to the command that scores KIND.
// Each gets the arguments after KIND and parses its own flags.
func evalKinds() map[string]*command {
	return map[string]*command{
		"align":  cmdEvalAlign,
		"clean":  cmdEvalClean,
		"detect": cmdEvalDetect,
		"html":   cmdEvalHTML,
		"mixed":  cmdEvalMixed,
		"pair":   cmdEvalPair,
		"repair": cmdEvalRepair,
		"split":  cmdEvalSplit,
	}
}

const evalLong = `Eval runs one stage of paraline on gold data and prints the figures the
reference scorers in shared/eval define, so the numbers match them exactly.

Kinds:
  detect GOLD.tsv DOCS_DIR   line-level language and kind accuracy, body F1
  html GOLD_DIR             token-level body precision, recall, F1 on HTML pages
  mixed GOLD.jsonl DOCS_DIR  byte-level language accuracy on mixed-language text
  repair DIR [--lang L]      glue repair precision, recall, F1, changed bytes
  split GOLD.jsonl           sentence split case accuracy and boundary F1
  align GOLD_DIR             strict and lax bead F1
  clean DIR                  pair filters on pairs with injected noise (scripts/mknoise)
  pair GOLD PRED|--docs IN   document pairs P, R, F1 (scripts/mkbisite), with a baseline

Run 'paraline eval KIND --help' for the flags of one kind.`

var cmdEval = &command{
	name:  "eval",
	usage: "KIND [flags] ARGS...",
	short: "print quality figures of a stage on gold data (detect, mixed, repair, split, align, clean, pair)",
	long:  evalLong,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "-help" {
			if len(args) == 0 {
				return usagef("missing KIND")
			}
			return errHelp
		}
		kinds := evalKinds()
		k, ok := kinds[args[0]]
		if !ok {
			var names []string
			for n := range kinds {
				names = append(names, n)
			}
			sort.Strings(names)
			return usagef("unknown eval kind %q (have %s)", args[0], strings.Join(names, ", "))
		}
		sub := *k
		sub.name = "eval " + k.name
		return sub.exec(ctx, std, args[1:])
	},
}

// goldNames returns, sorted, the names NAME of the files NAME+suffix in dir
// (the documents of a gold directory), and an error when there are none.
func goldNames(dir, suffix string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if n, ok := strings.CutSuffix(e.Name(), suffix); ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("no *%s files in %s", suffix, dir)
	}
	return names, nil
}

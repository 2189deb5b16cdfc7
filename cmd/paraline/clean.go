package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
	"github.com/paraline/paraline/pipeline"
)

var cmdClean = &command{
	name:  "clean",
	usage: "-o DIR [flags] SRC TGT | -o DIR --tsv FILE",
	short: "filter and deduplicate an existing aligned corpus",
	long: `Clean runs paraline's pair filters and deduplication on an aligned corpus
made elsewhere: two files with one sentence per line (SRC and TGT, line N of
one translating line N of the other; ".gz" files are decompressed) or a TSV
file of "source<TAB>target[<TAB>...]" lines (--tsv; "-" is stdin; a line
without a tab has an empty target). The languages come from the file
extensions (corpus.en, corpus.ru) or --from and --to. It writes into DIR:

  corpus.<from>   kept pairs, one sentence per line, equal line counts
  corpus.<to>
  corpus.tsv      with --format tsv: "src<TAB>tgt<TAB>score" (adequacy score)
  corpus.jsonl    with --format jsonl: {"doc","src","tgt","score","filters"}
  corpus.tmx      with --format tmx: TMX 1.4b
  rejects.jsonl   every removed pair, as "paraline run" writes them:
                  {"line","stage":"filter","reason":"filter:<filters>",
                  "text","tgt","details","score"}, with all the filters it
                  failed ("filter:duplicate:exact" for a duplicate)
  report.json     the report of "paraline run": the filter stage (in = kept
                  + rejected, duplicates rejected), rejects per reason, the
                  filters' counts ("clean"), output line counts

These are the pair outputs of "paraline run", made by the same code.
Everything is written under temporary names and renamed at the end; outputs
of an earlier run into DIR that this one does not write are removed (only
those: see "paraline run --help"). Input lines are made to fit on one line
first: runs of white space, tabs and control characters become one space,
the ends are trimmed, invalid UTF-8 becomes U+FFFD.

Filters (--filters): a comma list applied to the default set: "name" or
"name:k=v:k=v" adds a filter or sets parameters, "-name" removes one, "none"
empties the set, "all" takes every filter; e.g.
"length:max=200,ratio:max=3,-lang". A value ending in ".json" is a file:
{"defaults": true, "filters": {"length": {"max": 200}, "lang": false}}.
The filters, their parameters and defaults (all but lexical and clause are in the
default set):

` + clean.Describe() + `
Deduplication (on unless --no-dedup) removes exact duplicates and
normalised ones (the same lower-cased letters and digits) across the
whole input, keeping the first; it keeps 64-bit hashes in memory up to a
limit and spills sorted runs to a temporary directory past it, so memory
stays bounded on any input size. A duplicate goes to rejects.jsonl with the
reason "filter:duplicate:exact" or "filter:duplicate:normalized".

--dict FILE or --mueller give the adequacy and clause filters a bilingual
dictionary (TSV "source<TAB>target" or hunalign's "target @ source";
--mueller reads Debian's mueller7-dict, English-Russian).`,
	run: runClean,
}

// cleanFlags are the flags shared by clean and eval clean.
type cleanFlags struct {
	from, to *string
	filters  *string
	dict     *string
	mueller  *bool
	workers  *int
	noDedup  *bool
	dedupMem *int
}

func addCleanFlags(fs *flag.FlagSet) *cleanFlags {
	return &cleanFlags{
		from:     fs.String("from", "", "source `LANG` (default: SRC's extension)"),
		to:       fs.String("to", "", "target `LANG` (default: TGT's extension)"),
		filters:  fs.String("filters", "", "filter `LIST` applied to the default set (\"length:max=200,-lang\"), or a JSON config FILE.json"),
		dict:     fs.String("dict", "", "bilingual dictionary `FILE` for the adequacy filter"),
		mueller:  fs.Bool("mueller", false, "use Debian's mueller7-dict English-Russian dictionary for the adequacy and clause filters"),
		workers:  fs.Int("workers", runtime.NumCPU(), "goroutines running the filters"),
		noDedup:  fs.Bool("no-dedup", false, "keep duplicate pairs"),
		dedupMem: fs.Int("dedup-mem", 32, "`MB` of deduplication hashes kept in memory before spilling to disk"),
	}
}

// parse parses args into fs (which holds the flags of f) and validates
// the values, after the defaults are in place.
func (f *cleanFlags) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	args, err := parseFlags(fs, args)
	switch {
	case err != nil:
		return nil, err
	case *f.workers < 1:
		return nil, usagef("--workers must be positive (got %d)", *f.workers)
	case *f.dedupMem < 1:
		return nil, usagef("--dedup-mem must be positive (got %d)", *f.dedupMem)
	}
	return args, nil
}

// langFromName returns the language code of a corpus file name's extension
// ("corpus.en", "x.ru.gz"), or "".
func langFromName(name string) string {
	name = strings.TrimSuffix(name, ".gz")
	ext := strings.TrimPrefix(filepath.Ext(name), ".")
	if l, err := lang.ParseLangs(ext); err == nil && len(l) == 1 && len(ext) == 2 {
		return l[0]
	}
	return ""
}

// options returns the pipeline options the flags describe for the
// languages src and tgt.
func (f *cleanFlags) options(src, tgt string) (pipeline.Options, error) {
	o := pipeline.Options{Langs: []string{src, tgt}, Workers: *f.workers, NoDedup: *f.noDedup,
		DedupMemKeys: *f.dedupMem << 20 / 16, Version: version}
	var err error
	if o.Filters, err = parseFilterFlag(*f.filters); err != nil {
		return o, usageError{err: err}
	}
	if o.Dict, err = loadDictFlags(*f.dict, *f.mueller); err != nil {
		return o, err
	}
	return o, nil
}

// cleanError maps an error of pipeline.Clean or NewCleaner to the CLI's:
// a bad filter configuration or option is a usage error.
func cleanError(err error) error {
	if errors.Is(err, clean.ErrConfig) {
		return usageError{err: err}
	}
	return flagErrors(err)
}

func parseFilterFlag(v string) ([]clean.FilterConfig, error) {
	if strings.HasSuffix(v, ".json") {
		data, err := os.ReadFile(v)
		if err != nil {
			return nil, fmt.Errorf("--filters: %w", err)
		}
		fc, err := clean.ParseFiltersJSON(data)
		if err != nil {
			return nil, fmt.Errorf("--filters %s: %w", v, err)
		}
		return fc, nil
	}
	fc, err := clean.ParseFilters(v)
	if err != nil {
		return nil, fmt.Errorf("--filters: %w", err)
	}
	return fc, nil
}

func runClean(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) (err error) {
	out := fs.String("o", "", "output `DIR` (required; created)")
	tsv := fs.String("tsv", "", "read pairs from a TSV `FILE` (\"-\" for stdin) instead of SRC and TGT")
	formats := fs.String("format", "moses", "output formats, comma-separated: moses (always), tsv, jsonl, tmx")
	gz := fs.Bool("gzip", false, "gzip the corpus files (names end in .gz)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `FILE`")
	cf := addCleanFlags(fs)
	args, err = cf.parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("-o DIR is required")
	}
	names, from, to, err := cleanInputs(*tsv, args, *cf.from, *cf.to)
	if err != nil {
		return err
	}
	o, err := cf.options(from, to)
	if err != nil {
		return err
	}
	if o.Formats, err = pairFormats(*formats); err != nil {
		return err
	}
	o.Gzip = *gz
	o.Inputs = names
	src, err := corpus.OpenParallel(names, std.in)
	if err != nil {
		return err
	}
	defer src.Close()
	stopProfile, err := startProfiles(*cpuProfile, "")
	if err != nil {
		return err
	}
	rep, err := pipeline.Clean(ctx, *out, src, o)
	if perr := stopProfile(); err == nil {
		err = perr
	}
	if errors.Is(err, corpus.ErrUnknownFormat) {
		return usageError{err: err}
	}
	if err != nil {
		return cleanError(err)
	}
	filter, st := rep.Stages[0], rep.Clean
	dups := st.Exact + st.Normalized
	fmt.Fprintf(std.err, "paraline clean: %d pairs in, %d kept, %d rejected, %d duplicates (%.0f pairs/s)\n",
		filter.In, filter.Kept, int64(filter.Rejected)-dups, dups, float64(st.In)/max(rep.WallSeconds, 1e-9))
	printRemoved(std.err, "clean", rep)
	return nil
}

// cleanInputs returns the files of a clean command line (--tsv FILE, or SRC
// and TGT) and its languages: from and to, else the files' extensions.
func cleanInputs(tsv string, args []string, from, to string) ([]string, string, string, error) {
	var srcName, tgtName string
	switch {
	case tsv != "" && len(args) == 0:
	case tsv == "" && len(args) == 2:
		srcName, tgtName = args[0], args[1]
		if srcName == "-" && tgtName == "-" {
			return nil, "", "", usagef("only one of SRC and TGT can be stdin")
		}
	case tsv != "":
		return nil, "", "", usagef("--tsv takes no SRC TGT arguments")
	default:
		return nil, "", "", usagef("want SRC and TGT (or --tsv FILE), got %d arguments", len(args))
	}
	if from == "" {
		from = langFromName(srcName)
	}
	if to == "" {
		to = langFromName(tgtName)
	}
	switch {
	case from == "" || to == "":
		return nil, "", "", usagef("cannot tell the languages from the file names: give --from and --to")
	case from == to:
		return nil, "", "", usagef("source and target are both %q", from)
	case tsv != "":
		return []string{tsv}, from, to, nil
	}
	return []string{srcName, tgtName}, from, to, nil
}

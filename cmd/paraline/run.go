package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
	"github.com/paraline/paraline/pipeline"
)

var cmdRun = &command{
	name:  "run",
	usage: "-o DIR [flags] [INPUT...]",
	short: "run the whole pipeline into an output directory",
	long: `Run reads documents (files, directories walked recursively, glob patterns,
"-" or nothing for stdin; plain text or gzip; UTF-8, UTF-16 with BOM,
windows-1251 or KOI8-R; WARC and WET archives, one document per HTML or text
record, the other records skipped and counted by reason, non-2xx responses
too unless --keep-status), finds language spans and boilerplate, and writes
into DIR:

  mono.<lang>     body sentences of each language, one per line (glued
                  words repaired)
  corpus.<l1>     with --pairs/--pair-by or --translate-to: the sentence
  corpus.<l2>     pairs, one per line, equal line counts, after the pair
                  filters and deduplication (--format adds corpus.tsv,
                  corpus.jsonl, corpus.tmx)
  rejects.jsonl   every dropped piece: {"doc","start","end","stage","reason",...}
  report.json     counts per stage (in = kept + rejected), languages, timings

Outputs are written under temporary names and renamed at the end, so an
interrupted run (exit 130) or a failed one leaves no partial corpus. DIR/` + corpus.ManifestName + `
lists the outputs; the next run into DIR removes those it does not write
again (and says so), and never any other file.

Resuming: while a run that reads files is in progress, DIR/` + pipeline.JournalDir + `/
journals it: the inputs (paths, sizes, modification times) and the flags
that change the outputs, the evidence of the first pass, then each
document's result (of a two-version run: each pair job's result, in job
order; of a translating run: also each batch of translations) as it is
written. After a kill or a crash, --resume replays the journal and
processes only the documents (pair jobs) not yet done, and translates only
the batches not yet done; the outputs are byte-identical to an
uninterrupted run's (timings aside). --resume refuses (exit 2) when the
inputs or flags (the translator included) changed, and for runs that read
stdin; a run without --resume replaces an unfinished journal (and says
so). A finished run removes it. While a run writes into DIR it holds
DIR/` + pipeline.LockName + `: a second run into DIR fails at once (exit 2) and names the
first; the lock of a run that was killed is taken over.

Sharded outputs: --shard-size N cuts mono.<lang> and corpus.<lang> into
NAME.00000, NAME.00001, ... of N lines each (corpus.<lang>.00000.gz with
--gzip; parallel shards have equal line counts), listed with their line
counts in DIR/shards.json. paraline clean and align read them back under
the whole name (DIR/corpus.en).

Two-version runs: with --pairs FILE or --pair-by RULE, documents that are two
language versions of one article (the first two --langs languages) are each
cleaned, repaired and split as usual, their body sentences aligned, and the
pairs written to corpus.<l1> and corpus.<l2>; sentences left without a
counterpart (or below --min-score) go to rejects.jsonl (align:unaligned,
align:low-score). Each pair is aligned twice: word translations learnt from
the pair's own confident beads help the second pass and the adequacy filter
(--no-lexicon: one pass; a short pair learns nothing). Documents without a counterpart still feed
mono.<lang>.
--pair-by auto finds the versions as 'paraline pair' does (URL and path
evidence, hreflang and language switchers, links of pages paired, then content
for the rest; url or content force one kind) and lists them in DIR/docpairs.tsv;
dir and suffix pair by path alone. auto is the default when --langs names two
or more languages, there is no --pairs nor --translate-to, and the named inputs
hold more than one document of each of the first two languages (several files,
or a WARC archive; deciding costs one pass of language detection); a single
document, a one-language crawl and standard input make a run without pairing,
as does --pair-by none.

Translating runs: with --translate-to LANG, body sentences of the other --langs
languages are translated (--translator google|apertium|exec, the flags of
"paraline translate") in batches across documents, through the persistent
cache, and written with their translations to corpus.<src> and corpus.<LANG>.
A sentence whose translation failed goes to rejects.jsonl (translate:failed),
never an empty line. --dry-run sends nothing and prints the characters,
requests and estimated cost.
Exit status: 0 on success, 1 when some documents failed (they are listed in
report.json and rejects.jsonl), 2 when every document failed (the report and
rejects are still written) and on usage or fatal errors.`,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		out := fs.String("o", "", "output `DIR` (required)")
		var o pipeline.Options
		var rf pipeline.RunFlags
		rf.Register(fs, &o)
		tf := addTranslateFlags(fs)
		cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `FILE`")
		memProfile := fs.String("memprofile", "", "write a heap profile to `FILE` at the end")
		progressMode := fs.String("progress", "auto", "progress on stderr: auto (bar on a terminal, a line every 5 s otherwise), always, never")
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if *out == "" {
			return usagef("-o DIR is required")
		}
		if o.Langs, err = lang.ParseLangs(*rf.Langs); err != nil {
			return usageError{err: err}
		}
		switch o.PairBy {
		case "":
			o.AutoPair = o.Pairs == "" && rf.TranslateTo == ""
		case "none":
			o.PairBy = ""
		}
		if o.Pairs != "" && len(args) > 0 {
			return usagef("--pairs FILE names the documents; drop the INPUT arguments (%s)", strings.Join(args, " "))
		}
		o.Inputs = args
		o.Stdin = std.in
		if o.Dict, err = loadDictFlags(rf.Dict, rf.Mueller); err != nil {
			return err
		}
		o.NoClean = rf.NoClean
		if o.Filters, err = parseFilterFlag(rf.Filters); err != nil {
			return usageError{err: err}
		}
		if o.Formats, err = pairFormats(rf.Formats); err != nil {
			return err
		}
		if rf.MinScore != "" {
			v, err := strconv.ParseFloat(rf.MinScore, 64)
			if err != nil {
				return usagef("--min-score: %v", err)
			}
			o.MinScore = &v
		}
		if rf.TranslateTo != "" {
			to, err := lang.ParseLangs(rf.TranslateTo)
			if err != nil || len(to) != 1 {
				return usagef("--translate-to takes one language code (got %q)", rf.TranslateTo)
			}
			eng, closeEng, err := tf.engine(ctx)
			if err != nil {
				return err
			}
			defer closeEng()
			o.TranslateTo, o.Translator, o.DryRun = to[0], eng, tf.DryRun
		}
		p, err := newProgress(std.err, *progressMode)
		if err != nil {
			return usageError{err: err}
		}
		if p != nil {
			o.Progress = p
		}
		o.Warn = func(msg string) { fmt.Fprintf(std.err, "paraline run: %s\n", msg) }
		o.OnFailed = func(doc string, err error) { fmt.Fprintf(std.err, "paraline run: %v\n", docError(doc, err)) }
		o.Version = version
		stopProfile, err := startProfiles(*cpuProfile, *memProfile)
		if err != nil {
			return err
		}
		rep, err := pipeline.Run(ctx, *out, o)
		err = flagErrors(err)
		if perr := stopProfile(); err == nil && perr != nil {
			err = perr
		}
		if rep != nil && (err == nil || errors.Is(err, pipeline.ErrFailedDocuments)) {
			fmt.Fprintf(std.err, "paraline run: %d documents (%d failed), %.1f MB in %.1f s (%.2f MB/s); outputs in %s\n",
				rep.Documents.Read, rep.Documents.Failed, float64(rep.Bytes)/1e6, rep.WallSeconds, rep.MBPerSecond, *out)
			if rep.Documents.Skipped > 0 {
				fmt.Fprintf(std.err, "paraline run: %d skipped (%s)\n", rep.Documents.Skipped, countsString(rep.Documents.SkippedByReason))
			}
			printRemoved(std.err, "run", rep)
		}
		if rep != nil && rep.Translation != nil {
			t := rep.Translation
			verb := "sent"
			if t.DryRun {
				verb = "would send (dry run, nothing sent)"
			}
			fmt.Fprintf(std.err, "paraline run: translation: %d texts, %d from cache (%d chars); %s %d chars in %d requests (%d retries); estimated cost $%.2f at $%.2f per million\n",
				t.Texts, t.CachedTexts, t.CachedChars, verb, t.SentChars, t.Requests, t.Retries, t.EstimatedCost, t.PricePerMillion)
		}
		if errors.Is(err, pipeline.ErrFailedDocuments) {
			if d := rep.Documents; d.Failed > 0 && d.Failed == d.Read-d.Skipped {
				return fmt.Errorf("every document failed (%d; see %s)", d.Failed, filepath.Join(*out, "report.json"))
			}
			return partialError{err}
		}
		return err
	},
}

// pairFormats returns the pair formats besides Moses that a --format value
// ("moses,tsv,jsonl") names; an unknown format is a usage error, also in a
// run that makes no pairs.
func pairFormats(v string) ([]string, error) {
	var formats []string
	for _, f := range strings.Split(v, ",") {
		switch f = strings.TrimSpace(f); f {
		case "", corpus.FormatMoses:
		case corpus.FormatTSV, corpus.FormatJSONL, corpus.FormatTMX:
			formats = append(formats, f)
		default:
			return nil, usagef("--format: %w %q (want moses, tsv, jsonl or tmx)", corpus.ErrUnknownFormat, f)
		}
	}
	return formats, nil
}

// printRemoved tells which outputs of the previous run into the output
// directory the run removed (see pipeline.Report.Removed).
func printRemoved(w io.Writer, cmd string, rep *pipeline.Report) {
	if len(rep.Removed) > 0 {
		fmt.Fprintf(w, "paraline %s: removed outputs of the previous run that this run did not write: %s\n", cmd, strings.Join(rep.Removed, " "))
	}
}

// docError returns err, which names the file of document doc when it is a
// *corpus.ReadError, or else an error that names doc.
func docError(doc string, err error) error {
	var re *corpus.ReadError
	if errors.As(err, &re) && re.File != "" {
		return err
	}
	return fmt.Errorf("%s: %w", doc, err)
}

// optionFlags names the flag that sets each field of pipeline.Options.
var optionFlags = map[string]string{
	"Workers": "--workers", "MinRepeat": "--min-repeat", "Pairs": "--pairs", "PairBy": "--pair-by",
	"TranslateTo": "--translate-to", "Translator": "--translator", "Langs": "--langs", "Encoding": "--encoding",
	"ShardSize": "--shard-size",
}

// flagErrors turns the *pipeline.OptionError values in err into a usage
// error that names the flags instead of the Options fields, in one line.
func flagErrors(err error) error {
	var oe *pipeline.OptionError
	if !errors.As(err, &oe) {
		return err
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var msgs []string
	for _, e := range errs {
		if !errors.As(e, &oe) {
			msgs = append(msgs, e.Error())
			continue
		}
		names := make([]string, len(oe.Fields))
		for i, f := range oe.Fields {
			names[i] = optionFlags[f]
			if names[i] == "" {
				names[i] = f
			}
		}
		msgs = append(msgs, strings.Join(names, " and ")+": "+oe.Problem)
	}
	return usagef("%s", strings.Join(msgs, "; "))
}

// addCommonFlags declares the flags shared by run, detect and the
// evaluations on fs (pipeline.RegisterCommonFlags) and returns the --langs
// value to parse.
func addCommonFlags(fs *flag.FlagSet, o *pipeline.Options) *string {
	return pipeline.RegisterCommonFlags(fs, o)
}

// loadDictFlags loads the dictionary named by --dict or --mueller.
func loadDictFlags(path string, mueller bool) (*align.Dict, error) {
	d, err := align.LoadDictionary(path, mueller)
	if errors.Is(err, align.ErrTwoDicts) {
		return nil, usagef("use --dict or --mueller, not both")
	}
	return d, err
}

// startProfiles starts a CPU profile into cpu (when set) and returns a
// function that stops it and writes a heap profile into mem (when set).
func startProfiles(cpu, mem string) (func() error, error) {
	var cf *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		cf = f
	}
	return func() error {
		if cf != nil {
			pprof.StopCPUProfile()
			if err := cf.Close(); err != nil {
				return err
			}
		}
		if mem == "" {
			return nil
		}
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

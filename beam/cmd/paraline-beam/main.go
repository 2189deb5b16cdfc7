// Command paraline-beam runs paraline's pipeline on Apache Beam: locally on
// Prism, or on a cluster (Dataflow, Flink, Spark). Its outputs are those of
// "paraline run" on the same inputs and flags, byte for byte (report timings
// aside).
//
// Usage:
//
//	paraline-beam run --runner prism|dataflow|flink|spark -o DIR [flags] INPUT...
//
// The Beam flags (--runner, --endpoint, --environment_type, --project,
// --region, --staging_location, --temp_location, ...) are those of the
// Beam Go SDK; see "paraline-beam run --help".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/flink"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/spark"

	"github.com/paraline/paraline/beam/beampipe"
	"github.com/paraline/paraline/lang"
	"github.com/paraline/paraline/pipeline"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3", as
// paraline's; it goes into report.json.
var version = "devel"

const usage = `usage: paraline-beam run --runner prism|dataflow|flink|spark -o DIR [flags] INPUT...

Run makes the pipeline of "paraline run" on Apache Beam and writes into DIR
the same mono.<lang>, rejects.jsonl, report.json and report.html. Inputs are
files, directories or glob patterns (not stdin). A two-version run
(--pair-by dir|suffix|auto over the inputs, or --pairs FILE) also writes
corpus.<lang> (and --format tsv,jsonl,tmx): its pair jobs are computed at
launch as paraline run computes them, processed in parallel, and their
sentence pairs deduplicated by a keyed combine (the first occurrence of each
key in job order is kept). Each batch's results are written to a shard by a
worker and a final merge streams the shards in order into DIR. Translating
runs are not supported yet.

Flags of paraline run: --langs, --encoding, --workers (batches a bundle reads
and processes at once), --strict, --keep-status, --no-repeat, --min-repeat,
--keep-languages, --no-repair, --fix-punct, --no-split, --low-accuracy,
--shard-size, --pairs, --pair-by, --format, --no-clean, --no-dedup, --dict,
--mueller, --min-score, --filters.
--range-size N: records of a WARC archive per work unit (default 256; -1:
each archive whole); an archive of more is processed in ranges of records.
Beam flags: --runner, and for a cluster --endpoint, --environment_type,
--environment_config, --job_name, --project, --region, --staging_location,
--temp_location, ... (all flags: paraline-beam run --help).
`

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses the command line and runs; it returns the exit status: 0 on
// success, 1 when some documents failed, 2 on usage or fatal errors.
func run(args []string, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "run" {
		// A Beam worker is started as "paraline-beam --worker ...":
		// beam.Init runs the worker harness and does not return.
		flag.Parse()
		beam.Init()
		fmt.Fprint(stderr, usage)
		return 2
	}
	fs := flag.CommandLine
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output `DIR` (required)")
	langs := fs.String("langs", "en,ru", "comma-separated ISO 639-1 `codes` of the run's languages")
	var c beampipe.Config
	fs.StringVar(&c.Encoding, "encoding", "", "force the input `encoding` (utf-8, utf-16le, utf-16be, windows-1251, koi8-r); default: detect per document")
	fs.IntVar(&c.RangeSize, "range-size", 0, "records of a WARC archive per work unit: an archive of more records is processed in ranges by several workers (default 256; -1: read each archive whole)")
	fs.IntVar(&c.Workers, "workers", 0, "batches of files a bundle reads and processes at once (default: number of CPUs)")
	fs.BoolVar(&c.Strict, "strict", false, "stop at the first document that cannot be read")
	fs.BoolVar(&c.KeepStatus, "keep-status", false, "read WARC responses whatever their HTTP status (default: skip non-2xx, counted as skip:status(N))")
	fs.BoolVar(&c.NoRepeat, "no-repeat", false, "do not count lines repeated across documents (one pass instead of two)")
	fs.IntVar(&c.MinRepeat, "min-repeat", 0, "documents a line must occur in to be boilerplate (default 3, or all documents when fewer)")
	fs.BoolVar(&c.KeepLanguages, "keep-languages", false, "keep body text in every language, even inside a page whose body is one language")
	fs.BoolVar(&c.NoRepair, "no-repair", false, "do not repair glued words")
	fs.BoolVar(&c.FixPunct, "fix-punct", false, "also insert a space after \",;:\" and sentence ends followed directly by a letter")
	fs.BoolVar(&c.NoSplit, "no-split", false, "write one paragraph per line instead of one sentence per line")
	fs.BoolVar(&c.LowAccuracy, "low-accuracy", false, "use lingua-go's low-accuracy models (faster, less memory; only matters when languages share a script)")
	fs.IntVar(&c.ShardSize, "shard-size", 0, "cut mono.<lang> into shards of `N` lines (mono.<lang>.00000, ... and shards.json), as paraline run does")
	fs.StringVar(&c.Pairs, "pairs", "", "two-version run: a TSV `FILE` of source<TAB>target document paths")
	fs.StringVar(&c.PairBy, "pair-by", "", "two-version run: pair the input documents by `rule` (dir, suffix, auto), as paraline run does")
	formats := fs.String("format", "", "extra formats of the pairs of a two-version run: comma-separated tsv, jsonl, tmx")
	fs.BoolVar(&c.NoClean, "no-clean", false, "two-version run: do not filter or deduplicate the sentence pairs")
	fs.BoolVar(&c.NoDedup, "no-dedup", false, "two-version run: do not deduplicate the sentence pairs")
	fs.StringVar(&c.DictPath, "dict", "", "two-version run: bilingual dictionary `FILE` for the aligner (as paraline run)")
	fs.BoolVar(&c.Mueller, "mueller", false, "two-version run: use the English-Russian Mueller dictionary of Debian's mueller7-dict for the aligner")
	fs.StringVar(&c.Filters, "filters", "", "two-version run: pair filter `LIST` applied to the default set (\"length:max=200,-lang\"), or a JSON config FILE.json (as paraline run)")
	minScore := fs.String("min-score", "", "two-version run: move aligned pairs whose bead score is below `X` to the rejects")
	translateTo := fs.String("translate-to", "", "translating runs: not supported by paraline-beam yet")
	logLevel := fs.String("beam_log_level", "warn", "level of the Beam SDK's and Prism's log on stderr: debug, info, warn or error")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of this process (with Prism: the whole run) to `FILE`")
	// flag.CommandLine exits on a bad flag (status 2) after its Usage.
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	for _, a := range args[1:] {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fmt.Fprint(stderr, usage, "\nAll flags (paraline's and the Beam Go SDK's):\n")
			fs.PrintDefaults()
			return 0
		}
	}
	inputs, err := parseFlags(fs, args[1:])
	if err != nil {
		return 2
	}
	if *translateTo != "" {
		fmt.Fprintf(stderr, "paraline-beam run: --translate-to is not supported yet (use paraline run)\n")
		return 2
	}
	if *minScore != "" {
		v, err := strconv.ParseFloat(*minScore, 64)
		if err != nil {
			fmt.Fprintf(stderr, "paraline-beam run: --min-score: %v\n", err)
			return 2
		}
		c.MinScore = &v
	}
	for _, f := range strings.Split(*formats, ",") {
		switch f = strings.TrimSpace(f); f {
		case "", "moses":
		case "tsv", "jsonl", "tmx":
			c.Formats = append(c.Formats, f)
		default:
			fmt.Fprintf(stderr, "paraline-beam run: --format: unknown format %q (want moses, tsv, jsonl or tmx)\n", f)
			return 2
		}
	}
	switch *logLevel {
	case "debug", "info", "warn", "error":
		beamlog.LogLevel = *logLevel // read by beam.Init
	default:
		fmt.Fprintf(stderr, "paraline-beam run: --beam_log_level must be debug, info, warn or error (got %q)\n", *logLevel)
		return 2
	}
	beam.Init()
	if *out == "" {
		fmt.Fprintf(stderr, "paraline-beam run: -o DIR is required\n%s", usage)
		return 2
	}
	if c.Langs, err = lang.ParseLangs(*langs); err != nil {
		fmt.Fprintf(stderr, "paraline-beam run: %v\n", err)
		return 2
	}
	name := *runners.Runner
	if name == "" {
		name = "prism"
	}
	if !knownRunners[name] {
		fmt.Fprintf(stderr, "paraline-beam run: unknown --runner %q (prism, dataflow, flink, spark, universal)\n", name)
		return 2
	}
	c.Inputs, c.Version = inputs, version
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "paraline-beam run: %v\n", err)
			return 2
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "paraline-beam run: %v\n", err)
			return 2
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := beampipe.Run(ctx, name, c, *out)
	if rep != nil {
		fmt.Fprintf(stderr, "paraline-beam run: %d documents (%d failed), %.1f MB; outputs in %s\n",
			rep.Documents.Read, rep.Documents.Failed, float64(rep.Bytes)/1e6, *out)
	}
	switch {
	case errors.Is(err, pipeline.ErrFailedDocuments):
		fmt.Fprintf(stderr, "paraline-beam run: %v\n", err)
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "paraline-beam run: %v\n", err)
		return 2
	}
	return 0
}

// knownRunners are the runners linked into paraline-beam, by the names
// their packages register.
var knownRunners = map[string]bool{
	"prism": true, "PrismRunner": true,
	"dataflow": true, "DataflowRunner": true,
	"flink": true, "FlinkRunner": true,
	"spark": true, "SparkRunner": true,
	"universal": true, "portable": true, "PortableRunner": true,
}

// parseFlags parses flags anywhere among the arguments ("--" ends them) and
// returns the other arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

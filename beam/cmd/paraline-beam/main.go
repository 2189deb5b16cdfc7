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
	"github.com/paraline/paraline/lang/translate"
	"github.com/paraline/paraline/pipeline"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3", as
// paraline's; it goes into report.json.
var version = "devel"

const usage = `usage: paraline-beam run --runner prism|dataflow|flink|spark -o DIR [flags] INPUT...

Run makes the pipeline of "paraline run" on Apache Beam and writes into DIR
the same mono.<lang>, rejects.jsonl, report.json and report.html. Inputs are
files, directories or glob patterns (not stdin), local or on a filesystem of
Beam (gs://bucket/dir, memfs://...); DIR may be remote too. A two-version run
(--pair-by dir|suffix|auto over the inputs, or --pairs FILE) also writes
corpus.<lang> (and --format tsv,jsonl,tmx): its pair jobs are computed at
launch as paraline run computes them, processed in parallel, and their
sentence pairs deduplicated by a keyed combine (the first occurrence of each
key in job order is kept). Each batch's results are written to a shard by a
worker and a final merge streams the shards in order into DIR. A translating
run (--translate-to LANG) translates in the workers, each unit of work through
the worker's translator and its cache (--cache: a file per worker process);
the merge writes the translations in order.

Flags of paraline run (declared by package pipeline for both commands):
--langs, --encoding, --max-line-bytes, --workers (units of work a bundle reads and processes at
once), --strict, --keep-status, --no-repeat, --min-repeat, --keep-languages,
--no-repair, --fix-punct, --no-split, --low-accuracy, --shard-size, --gzip,
--pairs, --pair-by, --format, --no-clean, --no-dedup, --dict, --mueller,
--min-score, --filters, --translate-to (--resume does not apply: the runner
retries). Translator flags of paraline run: --translator, --exec-cmd,
--location, --glossary, --model, --cache, --no-cache, --dry-run, --batch,
--concurrency, --chars-per-minute (per unit of work in flight), --retries,
--timeout, --price-per-million; --translate-project and --translate-endpoint
are paraline run's --project and --endpoint (Beam has those names); the
Google key is read from $GOOGLE_API_KEY on the workers (no --api-key).
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
	// A flag set of its own (run may be called more than once, as in
	// tests) that also holds the Beam SDK's flags, which its packages
	// declare on flag.CommandLine: their values are shared.
	fs := flag.NewFlagSet("paraline-beam run", flag.ExitOnError)
	flag.CommandLine.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output `DIR` (required)")
	// The flags of paraline run, declared by package pipeline for both.
	var o pipeline.Options
	var rf pipeline.RunFlags
	rf.Register(fs, &o)
	fs.Lookup("workers").Usage = "units of work (batches of files, ranges of records, batches of pair jobs) a bundle reads and processes at once (default: number of CPUs)"
	// The translator's flags; Beam has --project and --endpoint.
	var tf pipeline.TranslatorFlags
	tf.Register(fs, map[string]string{"project": "translate-project", "endpoint": "translate-endpoint"})
	var rangeSize int
	fs.IntVar(&rangeSize, "range-size", 0, "records of a WARC archive per work unit: an archive of more records is processed in ranges by several workers (default 256; -1: read each archive whole)")
	logLevel := fs.String("beam_log_level", "warn", "level of the Beam SDK's and Prism's log on stderr: debug, info, warn or error")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of this process (with Prism: the whole run) to `FILE`")
	// The flag set exits on a bad flag (status 2) after its Usage.
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
	var translateTo string
	if rf.TranslateTo != "" {
		to, err := lang.ParseLangs(rf.TranslateTo)
		switch {
		case err != nil || len(to) != 1:
			fmt.Fprintf(stderr, "paraline-beam run: --translate-to takes one language code (got %q)\n", rf.TranslateTo)
			return 2
		case tf.APIKey != "":
			fmt.Fprintf(stderr, "paraline-beam run: --api-key would travel in the job: set GOOGLE_API_KEY on the workers instead\n")
			return 2
		case tf.Glossary != "" && tf.Project == "":
			fmt.Fprintf(stderr, "paraline-beam run: --glossary needs --translate-project (Cloud Translation v3)\n")
			return 2
		case tf.Translator == "exec" && tf.ExecCmd == "":
			fmt.Fprintf(stderr, "paraline-beam run: --translator exec needs --exec-cmd\n")
			return 2
		}
		translateTo = to[0]
	}
	if o.Resume {
		fmt.Fprintf(stderr, "paraline-beam run: --resume does not apply: the Beam runner retries failed work itself\n")
		return 2
	}
	if rf.MinScore != "" {
		v, err := strconv.ParseFloat(rf.MinScore, 64)
		if err != nil {
			fmt.Fprintf(stderr, "paraline-beam run: --min-score: %v\n", err)
			return 2
		}
		o.MinScore = &v
	}
	for _, f := range strings.Split(rf.Formats, ",") {
		switch f = strings.TrimSpace(f); f {
		case "", "moses":
		case "tsv", "jsonl", "tmx":
			o.Formats = append(o.Formats, f)
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
	if o.Langs, err = lang.ParseLangs(*rf.Langs); err != nil {
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
	o.Inputs, o.Version = inputs, version
	// As paraline run: with two languages and no --pair-by, --pairs or
	// --translate-to, a bilingual crawl is paired by its versions.
	o.AutoPair = o.PairBy == "" && o.Pairs == "" && rf.TranslateTo == ""
	c := beampipe.ConfigFrom(o, &rf)
	c.RangeSize = rangeSize
	if translateTo != "" {
		c.TranslateTo = translateTo
		c.Translate = beampipe.TranslateConfig{
			Backend: translate.Config{Name: tf.Translator, Project: tf.Project, Location: tf.Location, Glossary: tf.Glossary,
				Model: tf.Model, Endpoint: tf.Endpoint, Command: tf.ExecCmd},
			Concurrency: tf.Concurrency, CharsPerMinute: tf.CharsPerMinute, MaxRetries: tf.Retries, RequestTimeout: tf.Timeout,
			MaxTexts: tf.Texts, DryRun: tf.DryRun, PricePerMillion: tf.Price, CachePath: tf.CachePath, NoCache: tf.NoCache,
		}
	}
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
	restore, err := privateTemp()
	if err != nil {
		fmt.Fprintf(stderr, "paraline-beam run: %v\n", err)
		return 2
	}
	rep, err := beampipe.Run(ctx, name, c, *out)
	restore()
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

// privateTemp points TMPDIR (os.TempDir) at a new folder of its own, in the
// temporary folder, for the run: the Beam SDK's runner library leaves a
// file there for each pipeline run on Prism (runnerlib.Execute creates
// beamloopbackworker-* and never removes it; apache/beam#27569), and
// compiles a cluster's worker binary there. restore sets TMPDIR back and
// removes the folder with what the run left in it.
func privateTemp() (restore func(), err error) {
	tmp, err := os.MkdirTemp("", "paraline-beam-")
	if err != nil {
		return nil, fmt.Errorf("create a temporary folder: %w", err)
	}
	old, had := os.LookupEnv("TMPDIR")
	if err := os.Setenv("TMPDIR", tmp); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, fmt.Errorf("set TMPDIR: %w", err)
	}
	return func() {
		if had {
			_ = os.Setenv("TMPDIR", old)
		} else {
			_ = os.Unsetenv("TMPDIR")
		}
		_ = os.RemoveAll(tmp)
	}, nil
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

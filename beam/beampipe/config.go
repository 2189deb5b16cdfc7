// Package beampipe runs paraline's pipeline on Apache Beam: the same stage
// packages (corpus, lang, pipeline) as "paraline run", distributed by a Beam
// runner (Prism locally; Dataflow, Flink or Spark on a cluster).
//
// The pipeline has four steps:
//
//  1. the inputs are expanded at launch (corpus.Expand) into files, each
//     with its sequence number in the order "paraline run" reads them, and
//     cut into batches of consecutive files, the elements of the first pass;
//  2. the first pass is a Beam combine: each bundle reads its files and
//     collects their pipeline.Evidence (repeated lines, repair vocabulary),
//     and the parts are merged (Evidence.Merge) into one; it also lists the
//     records of each WARC archive (Document.Record) and emits the units of
//     the second pass: whole files, or ranges of Config.RangeSize records of
//     an archive;
//  3. each unit is read again (a range through corpus.RecordOpener, which
//     reads each record in place by its offset) and its documents processed
//     by a pipeline.Engine built once per worker from the merged evidence (a
//     side input); the unit's results are encoded (DocResult.MarshalBinary
//     records, deflated) under a key that orders them as "paraline run"
//     would (file number * 2^32 + record number);
//  4. each batch's results are written by a worker to a shard file (in a
//     folder of a Beam filesystem the workers share, by default under the
//     output folder), and a final merge streams the shards in order through
//     pipeline.Writer, the writer "paraline run" uses, so the outputs are
//     byte-identical (report timings aside) and the merging worker holds one
//     shard at a time, not the run's results.
//
// A two-version run (Config.Pairs or Config.PairBy) computes its pair jobs
// at launch as "paraline run" does (pipeline.Engine.PairJobs: the pairs
// file, the pairing rule, package docpair for auto); the first pass reads
// the jobs' documents as above; each batch of consecutive jobs is
// processed (pipeline.Engine.ProcessPair, pair filters judged in the
// workers) and its results encoded (PairResult.MarshalBinary) under the
// index of its first job. The global deduplication is a keyed combine:
// each sentence pair given to the pair filters emits its deduplication
// keys (PairResult.DedupKeys) with its position in job order, the combine
// keeps the smallest position per key, and every later occurrence is
// marked a duplicate in its batch's shard; the merge gives the marks to
// the writer (Writer.DecideDuplicates) in place of its own table.
//
// A translating run (Config.TranslateTo) translates in the second pass:
// each unit's sentences go, one call per language, through a
// translate.Engine over the worker process's backend and cache
// (TranslateConfig), and the translations travel in the unit's shard; the
// merge hands them to the writer in order (shardTranslator), so the
// outputs are those of "paraline run" with the same translator, and the
// report's translation counts are the sums over the units.
package beampipe

import (
	"context"
	"errors"
	"fmt"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/pipeline"
)

// Config is the part of pipeline.Options that a Beam run carries to its
// workers: plain fields only, encoded with the pipeline's DoFns.
type Config struct {
	// Inputs are the arguments of the run (files, directories, patterns).
	Inputs []string
	// Langs are the run's languages (default en, ru).
	Langs []string
	// Encoding forces the input encoding; "" detects it per document.
	Encoding string
	// Workers is the number of batches a bundle reads and processes at once
	// (and Options.Workers of the report). 0 means the number of CPUs.
	Workers int
	// BatchSize is the number of files of one element of the pipeline (a
	// Batch); 0 means DefaultBatchSize.
	BatchSize int
	// RangeSize is the number of records of a WARC archive in one element
	// of the second pass: the first pass lists the records of each archive
	// (corpus.RecordRef), and an archive of more records is processed in
	// ranges of RangeSize records, spread over the workers; 0 means
	// DefaultRangeSize, a negative value reads every archive whole.
	RangeSize int
	// The fields below are those of pipeline.Options.
	KeepStatus    bool
	MaxLineBytes  int64
	NoRepeat      bool
	MinRepeat     int
	KeepLanguages bool
	NoRepair      bool
	FixPunct      bool
	NoSplit       bool
	LowAccuracy   bool
	Strict        bool
	Formats       []string
	Gzip          bool
	ShardSize     int
	Version       string
	// Pairs and PairBy make a two-version run (--pairs FILE, --pair-by
	// dir|suffix|auto); NoClean and NoDedup are its pair filters' flags.
	Pairs   string
	PairBy  string
	NoClean bool
	NoDedup bool
	// NoLexicon aligns each document pair without a lexicon learnt from
	// it (--no-lexicon).
	NoLexicon bool
	// AutoPair pairs the documents by their versions when the inputs are a
	// bilingual crawl, as "paraline run" does by default with two
	// languages (pipeline.Options.AutoPair): Run decides at launch and
	// then runs with PairBy auto, or without pairing.
	AutoPair bool
	// MinScore moves aligned pairs whose bead score is below it to the
	// rejects (--min-score); nil: off.
	MinScore *float64
	// DictPath (--dict) or Mueller (--mueller) name the aligner's
	// dictionary; each worker loads it (align.LoadDictionary).
	DictPath string
	Mueller  bool
	// TranslateTo makes a translating run (--translate-to LANG): each
	// worker translates the sentences of its units with Translate, and the
	// merge writes them with their translations.
	TranslateTo string
	Translate   TranslateConfig
	// Filters is the pair filter list of --filters ("length:max=200,-lang",
	// clean.ParseFilters) or a JSON config file (a path ending in .json,
	// clean.ParseFiltersJSON), read by each worker; "" is the default set.
	Filters string
}

// Options returns the pipeline.Options of a run with c.
func (c Config) Options() pipeline.Options {
	return pipeline.Options{
		Inputs:        c.Inputs,
		Langs:         c.Langs,
		Encoding:      c.Encoding,
		Workers:       c.Workers,
		KeepStatus:    c.KeepStatus,
		MaxLineBytes:  c.MaxLineBytes,
		NoRepeat:      c.NoRepeat,
		MinRepeat:     c.MinRepeat,
		KeepLanguages: c.KeepLanguages,
		NoRepair:      c.NoRepair,
		FixPunct:      c.FixPunct,
		NoSplit:       c.NoSplit,
		LowAccuracy:   c.LowAccuracy,
		Strict:        c.Strict,
		Formats:       c.Formats,
		Gzip:          c.Gzip,
		ShardSize:     c.ShardSize,
		Version:       c.Version,
		Pairs:         c.Pairs,
		PairBy:        c.PairBy,
		NoClean:       c.NoClean,
		NoDedup:       c.NoDedup,
		NoLexicon:     c.NoLexicon,
		MinScore:      c.MinScore,
		TranslateTo:   c.TranslateTo,
		DryRun:        c.Translate.DryRun,
	}
}

// ConfigFrom returns the Config of a run with o, whose flags f holds the
// values that are not Options fields (pipeline.RunFlags.Register: the
// flags of "paraline run"). The dictionary and the filters stay names, for
// each worker to load; o.Dict, o.Filters and the fields a Beam run does not
// carry (Stdin, Progress, Translator, ...) are not read.
func ConfigFrom(o pipeline.Options, f *pipeline.RunFlags) Config {
	c := Config{
		Inputs: o.Inputs, Langs: o.Langs, Encoding: o.Encoding, Workers: o.Workers,
		KeepStatus: o.KeepStatus, MaxLineBytes: o.MaxLineBytes, NoRepeat: o.NoRepeat, MinRepeat: o.MinRepeat,
		KeepLanguages: o.KeepLanguages, NoRepair: o.NoRepair, FixPunct: o.FixPunct,
		NoSplit: o.NoSplit, LowAccuracy: o.LowAccuracy, Strict: o.Strict,
		Formats: o.Formats, Gzip: o.Gzip, ShardSize: o.ShardSize, Version: o.Version,
		Pairs: o.Pairs, PairBy: o.PairBy, NoClean: o.NoClean, NoDedup: o.NoDedup,
		MinScore: o.MinScore, NoLexicon: o.NoLexicon, AutoPair: o.AutoPair,
	}
	if c.PairBy == "none" { // --pair-by none: no pairing (a Beam run never pairs by default)
		c.PairBy = ""
	}
	if f != nil {
		c.DictPath, c.Mueller, c.Filters = f.Dict, f.Mueller, f.Filters
		c.NoClean = c.NoClean || f.NoClean
	}
	return c
}

// paired reports whether c is a two-version run.
func (c Config) paired() bool { return c.Pairs != "" || c.PairBy != "" }

// readerOptions returns the corpus options of the run's readers of local
// files.
func (c Config) readerOptions() corpus.Options {
	return corpus.Options{Encoding: c.Encoding, KeepStatus: c.KeepStatus, MaxLineBytes: c.MaxLineBytes}
}

// remoteOptions returns the corpus options that read the files of Beam's
// filesystems (gs://, ...) and local ones.
func (c Config) remoteOptions() corpus.Options {
	o := c.readerOptions()
	o.FS = remoteFS{ctx: context.Background()}
	return o
}

// optionsFor returns the corpus options that read path.
func (c Config) optionsFor(path string) corpus.Options {
	if remote(path) {
		return c.remoteOptions()
	}
	return c.readerOptions()
}

// Validate checks c as "paraline run" checks its options, and refuses what
// a Beam run cannot do.
func (c Config) Validate() error {
	if len(c.Inputs) == 0 && c.Pairs == "" {
		return errors.New("no input: a Beam run reads files, not standard input")
	}
	for _, in := range c.Inputs {
		if in == "-" {
			return errors.New(`"-" (standard input) cannot be read by a Beam run`)
		}
		if c.paired() && remote(in) {
			return fmt.Errorf("%s: a two-version run reads local inputs only (its pair jobs are computed by paraline's engine)", in)
		}
	}
	if remote(c.Pairs) || remote(c.DictPath) || remote(c.Filters) {
		return errors.New("--pairs, --dict and --filters name local files")
	}
	o := c.Options()
	if c.TranslateTo != "" {
		o.Translator = &shardTranslator{} // the workers build theirs
	}
	o.EnsureDefaults()
	return o.Validate()
}

package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// Options configures a run. Fields left zero get the defaults documented on
// them (see EnsureDefaults).
type Options struct {
	// Inputs are files, directories, glob patterns or "-" (stdin); none means stdin.
	Inputs []string
	// Stdin is read for "-"; nil means no standard input.
	Stdin io.Reader
	// Langs are the ISO 639-1 codes of the run's languages. Default en, ru.
	Langs []string
	// Encoding forces the input encoding; "" detects it per document.
	Encoding string
	// Workers is the number of documents processed at once. Default: the
	// number of CPUs.
	Workers int
	// Strict makes the first failed document fatal.
	Strict bool
	// KeepStatus reads the HTTP responses of WARC archives whatever their
	// status; by default a status outside 200-299 skips the record.
	KeepStatus bool
	// MaxLineBytes rejects a document with a line of text longer than
	// this (stage read, reason long-line, with the line's offset and
	// number): 0 means corpus.DefaultMaxLineBytes (1 MiB), negative no
	// limit. See corpus.Options.MaxLineBytes.
	MaxLineBytes int64
	// NoRepeat turns off the first pass that counts lines repeated across
	// documents (evidence for boilerplate).
	NoRepeat bool
	// MinRepeat is how many documents a line must occur in to be boilerplate;
	// 0 lets lang.Classifier choose.
	MinRepeat int
	// KeepLanguages keeps body text of every language even inside a page
	// whose body is in one language (by default such runs are boilerplate).
	KeepLanguages bool
	// NoRepair turns glued-word repair off.
	NoRepair bool
	// FixPunct also inserts a space after ",;:" and sentence ends followed
	// directly by a letter ("Bishkek,I" -> "Bishkek, I").
	FixPunct bool
	// NoSplit writes one body span (a paragraph) per line instead of one
	// sentence per line.
	NoSplit bool
	// LowAccuracy uses lingua-go's low-accuracy models (faster, less memory).
	LowAccuracy bool
	// Boilerplate holds the thresholds of the body/boilerplate classifier;
	// zero fields take lang.Options' defaults (MinRepeat above wins when set).
	Boilerplate lang.Options
	// Detector, when set, is used instead of building a *lang.Detector
	// from Langs and LowAccuracy.
	Detector Detector
	// Pairs names a TSV file of "source<TAB>target" document paths: a
	// two-version run that aligns each pair's body sentences (source in
	// Langs[0], target in Langs[1]) into corpus.<l1> and corpus.<l2>.
	Pairs string
	// PairBy pairs the documents of Inputs instead: PairByAuto (URL, path
	// and markup evidence, then content: package docpair; DIR/docpairs.tsv
	// lists the pairs), PairByURL, PairByContent, or by path alone:
	// PairByDir (en/X with ru/X), PairBySuffix (X.en.txt with X.ru.txt).
	PairBy string
	// AutoPair makes a run with two or more Langs, no Pairs, no PairBy and
	// no TranslateTo a two-version run paired by PairByAuto when its named
	// inputs hold more than one document of each of the first two
	// languages (several files, or a WARC archive); otherwise (one
	// document, one language, standard input) the run is as without it.
	// Deciding costs one pass of language detection over the inputs.
	AutoPair bool
	// Dict is a bilingual dictionary for the aligner; nil aligns without one.
	Dict *align.Dict
	// NoLexicon aligns each document pair of a two-version run in one
	// pass. By default (false) the aligner first learns word translations
	// from the pair itself (align.LearnLexicon over that one document
	// pair) and aligns again with them, and the adequacy filter scores the
	// pair's sentence pairs with them too; a pair with fewer than 30 confident
	// beads learns nothing and is aligned as without it. The default costs
	// two alignment passes instead of one (the second about 1.8 times slower).
	NoLexicon bool
	// MinScore, when set, moves aligned pairs whose bead score is below it
	// to the rejects (reason align:low-score); nil keeps every two-sided bead.
	MinScore *float64
	// TranslateTo makes a translating run: body sentences of the other
	// languages of Langs are translated into it with Translator and written
	// with their translations to corpus.<src> and corpus.<to>.
	TranslateTo string
	// Translator translates (lang/translate's Engine); required with TranslateTo.
	Translator Translator
	// DryRun says the Translator sends nothing (its results are
	// translate.ErrDryRun): no pairs are written, the report holds the estimate.
	DryRun bool
	// NoClean turns the pair filters and deduplication off.
	NoClean bool
	// Filters configures the pair filters (see clean.ParseFilters); nil
	// means clean.DefaultFilters.
	Filters []clean.FilterConfig
	// Lexicon is the lexicon of the evidence, lexical and clause pair filters;
	// nil: Clean induces one from the first clean.DefaultLexiconPairs
	// pairs of its input, and a run checks nothing with those filters.
	Lexicon *clean.Lexicon
	// NoDedup keeps duplicate pairs.
	NoDedup bool
	// DedupMemKeys is how many pair hashes deduplication keeps in memory
	// before spilling sorted runs to disk; 0 is clean's default.
	DedupMemKeys int
	// Formats lists the pair formats written besides Moses: tsv, jsonl, tmx.
	Formats []string
	// Gzip compresses the pair outputs (names end in ".gz").
	Gzip bool
	// OnFailed, when set, is called (from one goroutine, in input order) for
	// each document that could not be read, as the run goes.
	OnFailed func(doc string, err error)
	// ShardSize, when positive, cuts each line output (mono.<lang>,
	// corpus.<lang>) into shards of that many lines: NAME.00000, NAME.00001,
	// ... listed in shards.json (see Shards).
	ShardSize int
	// Resume continues the interrupted run whose journal (JournalDir) is in
	// the output directory instead of starting again; the run must read
	// the same inputs with the same output-changing options, or Run fails
	// with ErrResumeMismatch. Runs that read files (not stdin) keep a
	// journal while they run (two-version runs journal their pair jobs'
	// results; translating runs also each batch of translations, so a
	// resumed run asks the Translator only for the batches not done).
	Resume bool
	// Warn, when set, is told what the user should know about the output
	// directory (a journal replaced, a run resumed).
	Warn func(msg string)
	// Progress receives progress reports; nil means none.
	Progress Progress
	// Version is the version of the tool, written into the report and the
	// TMX header. Default "devel".
	Version string
	// FS, when not nil, holds the files Inputs name (slash-separated
	// paths, see corpus.Options.FS) instead of the operating system; such
	// a run keeps no journal.
	FS fs.FS
}

// Detector finds the languages of text. *lang.Detector is the one a run
// builds; tests may pass a fake. It must be safe for concurrent use.
type Detector interface {
	// Segment cuts text into spans of one language (Kind Body, no Reason),
	// covering text exactly once, in order.
	Segment(text string) []lang.Span
	// Detect returns the language of a short text ("" for none) and a
	// confidence from 0 to 1; the pair filters use it.
	Detect(text string) (string, float64)
}

// Progress is told about the run as it goes. Implementations must be safe
// to call from one goroutine at a time (the pipeline never calls them
// concurrently).
type Progress interface {
	// Start is called at the start of a pass with its name.
	Start(pass string)
	// Add is called after each document with its size in bytes.
	Add(bytes int)
	// Finish is called at the end of a pass.
	Finish()
}

// EnsureDefaults fills the zero fields of o with their defaults. It leaves
// bad values (a negative Workers) for Validate to report.
func (o *Options) EnsureDefaults() {
	if len(o.Langs) == 0 {
		o.Langs = []string{"en", "ru"}
	}
	if o.Workers == 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Version == "" {
		o.Version = "devel"
	}
}

// OptionError reports a bad value or combination of Options fields. Its
// text names the fields (Options.Workers, Options.PairBy), so a command line
// can say which of its flags set them.
type OptionError struct {
	// Fields are the names of the Options fields at fault ("Workers";
	// "Pairs", "PairBy" for two that exclude each other).
	Fields []string
	// Problem says what is wrong: "must be positive (got -3)".
	Problem string
}

func (e *OptionError) Error() string {
	return strings.Join(e.Fields, " and ") + ": " + e.Problem
}

func optionErr(problem string, fields ...string) error {
	return &OptionError{Fields: fields, Problem: problem}
}

// Validate reports every problem with o at once, each an *OptionError (or
// an error of lang.ParseLangs for a bad language code).
func (o *Options) Validate() error {
	var errs []error
	if o.Workers < 1 {
		errs = append(errs, optionErr(fmt.Sprintf("must be positive (got %d)", o.Workers), "Workers"))
	}
	if o.MinRepeat < 0 {
		errs = append(errs, optionErr(fmt.Sprintf("must not be negative (got %d)", o.MinRepeat), "MinRepeat"))
	}
	if o.ShardSize < 0 {
		errs = append(errs, optionErr(fmt.Sprintf("must not be negative (got %d)", o.ShardSize), "ShardSize"))
	}
	if o.Pairs != "" && o.PairBy != "" {
		errs = append(errs, optionErr("exclude each other", "Pairs", "PairBy"))
	}
	switch o.PairBy {
	case "", PairByDir, PairBySuffix, PairByAuto, PairByURL, PairByContent:
	default:
		errs = append(errs, optionErr(fmt.Sprintf("must be auto, url, content, dir or suffix (got %q)", o.PairBy), "PairBy"))
	}
	if o.TranslateTo != "" && o.Pairs != "" {
		errs = append(errs, optionErr("exclude each other", "TranslateTo", "Pairs"))
	}
	if o.TranslateTo != "" && o.PairBy != "" {
		errs = append(errs, optionErr("exclude each other", "TranslateTo", "PairBy"))
	}
	if o.TranslateTo != "" && o.Translator == nil {
		errs = append(errs, optionErr("needs a Translator", "TranslateTo"))
	}
	if (o.Pairs != "" || o.PairBy != "") && len(o.Langs) < 2 {
		errs = append(errs, optionErr(fmt.Sprintf("pairing documents needs two languages (got %v)", o.Langs), "Langs"))
	}
	if _, err := corpus.LookupEncoding(o.Encoding); err != nil {
		errs = append(errs, optionErr(err.Error(), "Encoding"))
	}
	for _, l := range o.Langs {
		if _, err := lang.ParseLangs(l); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

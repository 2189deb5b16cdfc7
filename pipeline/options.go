package pipeline

import (
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
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
	// Detector, when set, is used instead of building one from Langs.
	Detector *lang.Detector
	// Pairs names a TSV file of "source<TAB>target" document paths: a
	// two-version run that aligns each pair's body sentences (source in
	// Langs[0], target in Langs[1]) into corpus.<l1> and corpus.<l2>.
	Pairs string
	// PairBy pairs the documents of Inputs instead: PairByAuto (URL, path
	// and markup evidence, then content: package docpair; DIR/docpairs.tsv
	// lists the pairs), PairByURL, PairByContent, or by path alone:
	// PairByDir (en/X with ru/X), PairBySuffix (X.en.txt with X.ru.txt).
	PairBy string
	// Dict is a bilingual dictionary for the aligner; nil aligns without one.
	Dict *align.Dict
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
	// NoDedup keeps duplicate pairs.
	NoDedup bool
	// Formats lists the pair formats written besides Moses: tsv, jsonl, tmx.
	Formats []string
	// Gzip compresses the pair outputs (names end in ".gz").
	Gzip bool
	// OnFailed, when set, is called (from one goroutine, in input order) for
	// each document that could not be read, as the run goes.
	OnFailed func(doc string, err error)
	// Progress receives progress reports; nil means none.
	Progress Progress
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

// EnsureDefaults fills the zero fields of o with their defaults.
func (o *Options) EnsureDefaults() {
	if len(o.Langs) == 0 {
		o.Langs = []string{"en", "ru"}
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
}

// Validate reports every problem with o at once.
func (o *Options) Validate() error {
	var errs []error
	if o.Workers < 0 {
		errs = append(errs, fmt.Errorf("workers must not be negative (got %d)", o.Workers))
	}
	if o.MinRepeat < 0 {
		errs = append(errs, fmt.Errorf("min-repeat must not be negative (got %d)", o.MinRepeat))
	}
	if o.Pairs != "" && o.PairBy != "" {
		errs = append(errs, fmt.Errorf("--pairs and --pair-by exclude each other"))
	}
	switch o.PairBy {
	case "", PairByDir, PairBySuffix, PairByAuto, PairByURL, PairByContent:
	default:
		errs = append(errs, fmt.Errorf("--pair-by must be auto, url, content, dir or suffix (got %q)", o.PairBy))
	}
	if o.TranslateTo != "" && (o.Pairs != "" || o.PairBy != "") {
		errs = append(errs, fmt.Errorf("--translate-to and pairing documents exclude each other"))
	}
	if o.TranslateTo != "" && o.Translator == nil {
		errs = append(errs, fmt.Errorf("--translate-to needs a translator"))
	}
	if (o.Pairs != "" || o.PairBy != "") && len(o.Langs) < 2 {
		errs = append(errs, fmt.Errorf("pairing documents needs two languages in --langs"))
	}
	for _, l := range o.Langs {
		if _, err := lang.ParseLangs(l); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

package pipeline

import (
	"flag"
	"strings"
	"time"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang/translate"
)

// RegisterCommonFlags declares on fs the flags of every command that reads
// and processes documents (paraline run, detect, the evaluations, and
// paraline-beam run), which set the plain fields of o, and returns the
// --langs value, to parse with lang.ParseLangs.
func RegisterCommonFlags(fs *flag.FlagSet, o *Options) *string {
	langs := fs.String("langs", "en,ru", "comma-separated ISO 639-1 `codes` of the run's languages")
	fs.StringVar(&o.Encoding, "encoding", "", "force the input `encoding` (utf-8, utf-16le, utf-16be, windows-1251, koi8-r); default: detect per document")
	fs.IntVar(&o.Workers, "workers", 0, "documents processed at once (default: number of CPUs)")
	fs.BoolVar(&o.Strict, "strict", false, "stop at the first document that cannot be read")
	fs.BoolVar(&o.KeepStatus, "keep-status", false, "read WARC responses whatever their HTTP status (default: skip non-2xx, counted as skip:status(N))")
	fs.Int64Var(&o.MaxLineBytes, "max-line-bytes", corpus.DefaultMaxLineBytes, "reject a document with a line of text longer than `N` bytes (read:long-line, with its offset); -1: no limit")
	fs.BoolVar(&o.NoRepeat, "no-repeat", false, "do not count lines repeated across documents (one pass instead of two)")
	fs.IntVar(&o.MinRepeat, "min-repeat", 0, "documents a line must occur in to be boilerplate (default 3, or all documents when fewer)")
	fs.BoolVar(&o.KeepLanguages, "keep-languages", false, "keep body text in every language, even inside a page whose body is one language")
	fs.BoolVar(&o.NoRepair, "no-repair", false, "do not repair glued words")
	fs.BoolVar(&o.FixPunct, "fix-punct", false, "also insert a space after \",;:\" and sentence ends followed directly by a letter")
	fs.BoolVar(&o.NoSplit, "no-split", false, "write one paragraph per line instead of one sentence per line")
	fs.BoolVar(&o.LowAccuracy, "low-accuracy", false, "use lingua-go's low-accuracy models (faster, less memory; only matters when languages share a script)")
	return langs
}

// RunFlags holds the values of the flags of "paraline run" that are not
// Options fields as they stand: the command parses them after the command
// line (a dictionary to load, filters and formats to parse, a translator
// to build). Register declares the flags, so that "paraline run" and
// "paraline-beam run" take the same flags with the same help.
type RunFlags struct {
	Langs       *string // --langs (lang.ParseLangs)
	Dict        string  // --dict FILE (align.LoadDictionary)
	Mueller     bool    // --mueller
	MinScore    string  // --min-score X
	NoClean     bool    // --no-clean
	Filters     string  // --filters LIST or FILE.json
	Formats     string  // --format moses,tsv,jsonl,tmx
	TranslateTo string  // --translate-to LANG
}

// Register declares on fs the flags of a run: RegisterCommonFlags's, those
// of two-version runs (--pairs, --pair-by, --dict, --mueller, --min-score,
// --no-clean, --filters, --no-dedup), of the outputs (--gzip, --format,
// --shard-size), --translate-to and --resume. Plain values go to o, the
// others to f. The translator's flags, the output directory and the
// commands' own flags (profiles, progress) are the command's.
func (f *RunFlags) Register(fs *flag.FlagSet, o *Options) {
	f.Langs = RegisterCommonFlags(fs, o)
	fs.StringVar(&o.Pairs, "pairs", "", "two-version run: a TSV `FILE` of source<TAB>target document paths (source in the first --langs language)")
	fs.StringVar(&o.PairBy, "pair-by", "", "two-version run: pair the inputs: auto (URL, path and links, then content; the default with two --langs and more than one document of each), url, content, or by path alone: dir (en/X with ru/X), suffix (X.en.txt with X.ru.txt); none: no pairing")
	fs.StringVar(&f.Dict, "dict", "", "bilingual dictionary `FILE` for the aligner (TSV source<TAB>target, or hunalign's \"target @ source\")")
	fs.BoolVar(&f.Mueller, "mueller", false, "use the English-Russian Mueller dictionary of Debian's mueller7-dict for the aligner")
	fs.BoolVar(&o.NoLexicon, "no-lexicon", false, "two-version run: do not learn word translations from each document pair (one alignment pass instead of two)")
	fs.StringVar(&f.MinScore, "min-score", "", "move aligned pairs whose bead score is below `X` to the rejects")
	fs.BoolVar(&f.NoClean, "no-clean", false, "write every pair: no pair filters, no deduplication")
	fs.StringVar(&f.Filters, "filters", "", "pair filter `LIST` applied to the default set (\"length:max=200,-lang\"), or a JSON config FILE.json; see paraline clean --help")
	fs.BoolVar(&o.NoDedup, "no-dedup", false, "keep duplicate pairs")
	fs.BoolVar(&o.Gzip, "gzip", false, "gzip the pair outputs (corpus.<l1>.gz, ...)")
	fs.StringVar(&f.Formats, "format", "moses", "pair output formats, comma-separated: moses (always), tsv, jsonl, tmx")
	fs.StringVar(&f.TranslateTo, "translate-to", "", "translate body sentences of the other --langs languages into `LANG` and write corpus.<src>/corpus.<LANG>")
	fs.BoolVar(&o.Resume, "resume", false, "continue the interrupted run in DIR (same inputs and flags) from its journal")
	fs.IntVar(&o.ShardSize, "shard-size", 0, "cut mono.<lang> and corpus.<lang> into shards of `N` lines (NAME.00000, ...) listed in DIR/shards.json")
}

// TranslatorFlags holds the flags that choose and tune the translator of
// paraline translate, align and run --translate-to (and paraline-beam run
// --translate-to): lang/translate's Config and Options, and the cache.
type TranslatorFlags struct {
	Translator                                  string
	APIKey, Project, Location, Glossary, Model  string
	Endpoint, CachePath, ExecCmd                string
	NoCache, DryRun                             bool
	Price                                       float64
	Concurrency, CharsPerMinute, Retries, Texts int
	Timeout                                     time.Duration
}

// Register declares the translator flags on fs. rename gives another name
// to a flag whose name fs already has (paraline-beam: Beam's --project and
// --endpoint); nil keeps every name.
func (f *TranslatorFlags) Register(fs *flag.FlagSet, rename map[string]string) {
	name := func(n string) string {
		if r := rename[n]; r != "" {
			return r
		}
		return n
	}
	fs.StringVar(&f.Translator, name("translator"), "google", "translator: "+strings.Join(translate.Names(), ", "))
	fs.StringVar(&f.APIKey, name("api-key"), "", "Google API `KEY` (default $GOOGLE_API_KEY; none: Application Default Credentials)")
	fs.StringVar(&f.Project, name("project"), "", "Google Cloud `PROJECT`: use Cloud Translation v3 (Advanced)")
	fs.StringVar(&f.Location, name("location"), "", "v3 `LOCATION` (default global; glossaries need a region such as us-central1)")
	fs.StringVar(&f.Glossary, name("glossary"), "", "v3 glossary `NAME` (needs --project)")
	fs.StringVar(&f.Model, name("model"), "", "Google `MODEL` (v2: nmt or base; v3: a model resource)")
	fs.StringVar(&f.Endpoint, name("endpoint"), "", "service `URL` (v2: base URL as option.WithEndpoint takes it; v3: host:port), e.g. an emulator or proxy")
	fs.StringVar(&f.CachePath, name("cache"), "", "cache `FILE` (default: user cache dir/paraline/translate.db)")
	fs.BoolVar(&f.NoCache, name("no-cache"), false, "do not read or write the cache")
	fs.BoolVar(&f.DryRun, name("dry-run"), false, "send nothing: print the characters, requests and estimated cost after the cache")
	fs.Float64Var(&f.Price, name("price-per-million"), 0, "USD per million characters for the estimate (0: the translator's list price, $20 for google, free otherwise)")
	fs.IntVar(&f.Concurrency, name("concurrency"), 0, "requests in flight at once (0: google 8, apertium one per CPU, exec 1)")
	fs.IntVar(&f.CharsPerMinute, name("chars-per-minute"), 0, "characters sent per minute at most (0: google 5000000, others unlimited; -1: unlimited)")
	fs.IntVar(&f.Retries, name("retries"), 0, "retries of a failed request (0: 6; -1: none)")
	fs.DurationVar(&f.Timeout, name("timeout"), 0, "timeout of one request (0: 1m for google, 10m for commands)")
	fs.StringVar(&f.ExecCmd, name("exec-cmd"), "", "`COMMAND` of the exec translator (run with sh -c)")
	fs.IntVar(&f.Texts, name("batch"), 0, "sentences per request at most (0: the translator's limit)")
}

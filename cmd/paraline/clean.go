package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
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
  rejects.jsonl   every removed pair: {"line","src","tgt","reasons","details",
                  "duplicate"}, with all the filters it failed
  report.json     in = kept + rejected + duplicates, rejects per filter

Everything is written under temporary names and renamed at the end. Input
lines are made to fit on one line first: runs of white
space, tabs and control characters become one space, the ends are trimmed,
invalid UTF-8 becomes U+FFFD.

Filters (--filters): a comma list applied to the default set: "name" or
"name:k=v:k=v" adds a filter or sets parameters, "-name" removes one, "none"
empties the set, "all" takes every filter; e.g.
"length:max=200,ratio:max=3,-lang". A value ending in ".json" is a file:
{"defaults": true, "filters": {"length": {"max": 200}, "lang": false}}.
The filters, their parameters and defaults (all are in the default set):

` + clean.Describe() + `
Deduplication (on unless --no-dedup) removes exact duplicates and
normalised ones (the same lower-cased letters) across the whole input,
keeping the first; it keeps 64-bit hashes in memory up to a limit and
spills sorted runs to a temporary directory past it, so memory stays
bounded on any input size. A duplicate goes to rejects.jsonl with
"duplicate":"exact" or "normalized" and no reasons.

--dict FILE or --mueller give the adequacy filter a bilingual dictionary
(TSV "source<TAB>target" or hunalign's "target @ source"; --mueller reads
Debian's mueller7-dict, English-Russian).`,
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
		mueller:  fs.Bool("mueller", false, "use Debian's mueller7-dict English-Russian dictionary for the adequacy filter"),
		workers:  fs.Int("workers", runtime.NumCPU(), "goroutines running the filters"),
		noDedup:  fs.Bool("no-dedup", false, "keep duplicate pairs"),
		dedupMem: fs.Int("dedup-mem", 32, "`MB` of deduplication hashes kept in memory before spilling to disk"),
	}
}

// validate reports bad flag values (after the defaults are in place).
func (f *cleanFlags) validate() error {
	if *f.workers < 1 {
		return usagef("--workers must be positive (got %d)", *f.workers)
	}
	if *f.dedupMem < 1 {
		return usagef("--dedup-mem must be positive (got %d)", *f.dedupMem)
	}
	return nil
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

// cleaner builds the Cleaner the flags describe.
func (f *cleanFlags) cleaner(src, tgt string) (*clean.Cleaner, error) {
	filters, err := parseFilterFlag(*f.filters)
	if err != nil {
		return nil, usageError{err: err}
	}
	var det clean.LangDetector
	for _, fc := range filters {
		if fc.Name == "lang" {
			d, err := lang.NewDetector([]string{src, tgt})
			if err != nil {
				return nil, usagef("language detector: %v", err)
			}
			det = d
		}
	}
	var scorer clean.PairScorer
	d, err := loadDictFlags(*f.dict, *f.mueller)
	if err != nil {
		return nil, err
	}
	if d != nil {
		scorer = align.NewScorer(nil, nil, &align.Options{Dict: d, SrcLang: src, TgtLang: tgt})
	}
	c, err := clean.New(clean.Config{SrcLang: src, TgtLang: tgt, Filters: filters}, det, scorer)
	if err != nil {
		return nil, usageError{err: err}
	}
	return c, nil
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

func (f *cleanFlags) streamOptions() clean.StreamOptions {
	return clean.StreamOptions{NoDedup: *f.noDedup, Dedup: clean.DedupOptions{MemKeys: max(*f.dedupMem, 1) << 20 / 16}}
}

func runClean(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
	out := fs.String("o", "", "output `DIR` (required; created)")
	tsv := fs.String("tsv", "", "read pairs from a TSV `FILE` (\"-\" for stdin) instead of SRC and TGT")
	formats := fs.String("format", "moses", "output formats, comma-separated: moses (always), tsv, jsonl, tmx")
	gz := fs.Bool("gzip", false, "gzip the corpus files (names end in .gz)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `FILE`")
	cf := addCleanFlags(fs)
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := cf.validate(); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("cpuprofile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if *out == "" {
		return usagef("-o DIR is required")
	}
	var srcName, tgtName string
	switch {
	case *tsv != "" && len(args) == 0:
	case *tsv == "" && len(args) == 2:
		srcName, tgtName = args[0], args[1]
		if srcName == "-" && tgtName == "-" {
			return usagef("only one of SRC and TGT can be stdin")
		}
	case *tsv != "":
		return usagef("--tsv takes no SRC TGT arguments")
	default:
		return usagef("want SRC and TGT (or --tsv FILE), got %d arguments", len(args))
	}
	from, to := *cf.from, *cf.to
	if from == "" {
		from = langFromName(srcName)
	}
	if to == "" {
		to = langFromName(tgtName)
	}
	if from == "" || to == "" {
		return usagef("cannot tell the languages from the file names: give --from and --to")
	}
	if from == to {
		return usagef("source and target are both %q", from)
	}
	var fmtList []string
	for _, f := range strings.Split(*formats, ",") {
		if f = strings.TrimSpace(f); f != "" {
			fmtList = append(fmtList, f)
		}
	}
	c, err := cf.cleaner(from, to)
	if err != nil {
		return err
	}
	src, err := openPairSource(std, *tsv, srcName, tgtName)
	if err != nil {
		return err
	}
	defer src.close()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	set, err := corpus.CreatePairSet(corpus.PairSetOptions{Dir: *out, SrcLang: from, TgtLang: to, Formats: fmtList, Gzip: *gz, ToolVersion: version})
	if err != nil {
		if errors.Is(err, corpus.ErrUnknownFormat) {
			return usageError{err: err}
		}
		return err
	}
	defer set.Abort()
	rejF, err := corpus.CreateAtomic(filepath.Join(*out, "rejects.jsonl"))
	if err != nil {
		return err
	}
	defer rejF.Abort()
	rejects := corpus.NewJSONLWriter(rejF)
	start := time.Now()
	rep := &cleanReport{Version: version, SrcLang: from, TgtLang: to, Inputs: src.names, Workers: *cf.workers}
	for _, f := range c.Filters() {
		rep.Filters = append(rep.Filters, f.String())
	}
	var filterNames []string
	for _, f := range c.Filters() {
		filterNames = append(filterNames, f.Name)
	}
	refused := 0
	stream := c.NewStream(cf.streamOptions())
	err = cleanPairs(ctx, c, stream, src, *cf.workers, func(line int64, p *clean.Pair, o clean.Outcome) error {
		if o.Keep {
			cp := &corpus.Pair{Src: p.Src, Tgt: p.Tgt, Filters: filterNames}
			if !math.IsNaN(o.Adequacy) {
				s := o.Adequacy
				cp.Score = &s
			}
			werr := set.WritePair(cp)
			if werr == nil {
				return nil
			}
			if !errors.Is(werr, corpus.ErrBadLine) {
				return werr
			}
			refused++
			o.Reasons, o.Details = []string{"bad-line"}, []string{werr.Error()}
		}
		return rejects.Encode(newCleanReject(line, p, o))
	})
	st := stream.Stats()
	if cerr := stream.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	rep.fill(st, refused)
	rep.WallSeconds = time.Since(start).Seconds()
	if rep.WallSeconds > 0 {
		rep.PairsPerSecond = math.Round(float64(rep.In) / rep.WallSeconds)
	}
	if err := set.Finish(); err != nil {
		return err
	}
	rep.Outputs = set.Outputs()
	rep.Outputs["rejects.jsonl"] = rejects.Records()
	if rep.In != rep.Kept+rep.Rejected+rep.Duplicates.Exact+rep.Duplicates.Normalized {
		return fmt.Errorf("internal error: report does not add up: %+v", rep)
	}
	repF, err := corpus.CreateAtomic(filepath.Join(*out, "report.json"))
	if err != nil {
		return err
	}
	defer repF.Abort()
	enc := json.NewEncoder(repF)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("write report.json: %w", err)
	}
	if err := corpus.CommitAll(append(set.Files(), rejF, repF)...); err != nil {
		return fmt.Errorf("commit outputs: %w", err)
	}
	fmt.Fprintf(std.err, "paraline clean: %d pairs in, %d kept, %d rejected, %d duplicates (%.0f pairs/s)\n",
		rep.In, rep.Kept, rep.Rejected, rep.Duplicates.Exact+rep.Duplicates.Normalized, rep.PairsPerSecond)
	return nil
}

// cleanReport is report.json of paraline clean.
type cleanReport struct {
	Version string   `json:"version"`
	SrcLang string   `json:"src_lang"`
	TgtLang string   `json:"tgt_lang"`
	Inputs  []string `json:"inputs"`
	Filters []string `json:"filters"`
	Workers int      `json:"workers"`
	// In == Kept + Rejected + Duplicates.Exact + Duplicates.Normalized.
	In         int64 `json:"in"`
	Kept       int64 `json:"kept"`
	Rejected   int64 `json:"rejected"`
	Duplicates struct {
		Exact      int64 `json:"exact"`
		Normalized int64 `json:"normalized"`
		Runs       int   `json:"spilled_runs"`
	} `json:"duplicates"`
	// RejectedByReason counts rejected pairs per filter (a pair failing
	// several counts under each); OnlyReason those failing one filter only.
	RejectedByReason map[string]int64 `json:"rejected_by_reason"`
	OnlyReason       map[string]int64 `json:"only_reason"`
	Outputs          map[string]int   `json:"outputs"`
	WallSeconds      float64          `json:"wall_seconds"`
	PairsPerSecond   float64          `json:"pairs_per_second"`
}

func (r *cleanReport) fill(st clean.Stats, refused int) {
	r.In = st.In
	r.Kept = st.Kept - int64(refused)
	r.Rejected = st.Rejected + int64(refused)
	r.Duplicates.Exact = st.Exact
	r.Duplicates.Normalized = st.Normalized
	r.Duplicates.Runs = st.DedupRuns
	r.RejectedByReason = st.ByReason
	r.OnlyReason = st.Only
	if refused > 0 {
		r.RejectedByReason["bad-line"] += int64(refused)
		r.OnlyReason["bad-line"] += int64(refused)
	}
}

// cleanReject is one line of rejects.jsonl.
type cleanReject struct {
	Line      int64    `json:"line"`
	Src       string   `json:"src"`
	Tgt       string   `json:"tgt"`
	Reasons   []string `json:"reasons,omitempty"`
	Details   []string `json:"details,omitempty"`
	Duplicate string   `json:"duplicate,omitempty"`
	Score     *float64 `json:"score,omitempty"`
}

func newCleanReject(line int64, p *clean.Pair, o clean.Outcome) cleanReject {
	r := cleanReject{Line: line, Src: p.Src, Tgt: p.Tgt, Reasons: o.Reasons, Details: o.Details, Duplicate: o.Duplicate}
	if !math.IsNaN(o.Adequacy) {
		s := math.Round(o.Adequacy*1e4) / 1e4
		r.Score = &s
	}
	return r
}

// cleanBatch is the number of pairs judged together by the workers.
const cleanBatch = 2048

// cleanPairs reads every pair of src, judges them on workers goroutines and
// passes them with their outcome to emit in input order (line is 1-based).
// Batches are read and judged while the previous batch is emitted.
func cleanPairs(ctx context.Context, c *clean.Cleaner, s *clean.Stream, src *pairSource, workers int, emit func(line int64, p *clean.Pair, o clean.Outcome) error) error {
	workers = max(workers, 1)
	type batch struct {
		pairs    []clean.Pair
		verdicts []clean.Verdict
		err      error
	}
	ctx, cancel := context.WithCancel(ctx)
	batches := make(chan *batch, 2)
	defer func() {
		cancel()
		for range batches { // wait for the reader to stop
		}
	}()
	free := make(chan *batch, 3)
	for range 3 {
		free <- &batch{pairs: make([]clean.Pair, 0, cleanBatch), verdicts: make([]clean.Verdict, cleanBatch)}
	}
	go func() {
		defer close(batches)
		for {
			var b *batch
			select {
			case b = <-free:
			case <-ctx.Done():
				return
			}
			b.pairs, b.err = b.pairs[:0], nil
			for len(b.pairs) < cleanBatch {
				p, ok, err := src.next()
				if err != nil {
					b.err = err
					break
				}
				if !ok {
					break
				}
				b.pairs = append(b.pairs, p)
			}
			judgeBatch(c, b.pairs, b.verdicts, workers)
			last := b.err != nil || len(b.pairs) < cleanBatch
			select {
			case batches <- b:
			case <-ctx.Done():
				return
			}
			if last {
				return
			}
		}
	}()
	var line int64
	for b := range batches {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range b.pairs {
			line++
			if err := emit(line, &b.pairs[i], s.Add(&b.pairs[i], b.verdicts[i])); err != nil {
				return err
			}
		}
		if b.err != nil {
			return b.err
		}
		free <- b
	}
	return ctx.Err()
}

// judgeBatch fills verdicts[i] with c.Judge(&pairs[i]) on workers goroutines.
func judgeBatch(c *clean.Cleaner, pairs []clean.Pair, verdicts []clean.Verdict, workers int) {
	if workers == 1 || len(pairs) < 64 {
		for i := range pairs {
			verdicts[i] = c.Judge(&pairs[i])
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (len(pairs) + workers - 1) / workers
	for lo := 0; lo < len(pairs); lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				verdicts[i] = c.Judge(&pairs[i])
			}
		}(lo, min(lo+chunk, len(pairs)))
	}
	wg.Wait()
}

// pairSource reads sentence pairs from two parallel files or a TSV file.
type pairSource struct {
	names   []string
	scans   []*bufio.Scanner
	closers []io.Closer
	line    int64
}

// maxCleanLine is the longest input line accepted.
const maxCleanLine = 64 << 20

func openPairSource(std *stdio, tsv, src, tgt string) (*pairSource, error) {
	ps := &pairSource{}
	names := []string{src, tgt}
	if tsv != "" {
		names = []string{tsv}
	}
	for _, name := range names {
		var r io.Reader
		if name == "-" {
			r = std.in
		} else {
			f, err := os.Open(name)
			if err != nil {
				ps.close()
				return nil, err
			}
			ps.closers = append(ps.closers, f)
			r = f
			if strings.HasSuffix(name, ".gz") {
				zr, err := gzip.NewReader(bufio.NewReaderSize(f, 256<<10))
				if err != nil {
					ps.close()
					return nil, fmt.Errorf("read %s: %w", name, err)
				}
				r = zr
			}
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 256<<10), maxCleanLine)
		ps.scans = append(ps.scans, sc)
		ps.names = append(ps.names, name)
	}
	return ps, nil
}

func (ps *pairSource) close() {
	for _, c := range ps.closers {
		_ = c.Close()
	}
	ps.closers = nil
}

// next returns the next pair; ok is false at the end.
func (ps *pairSource) next() (clean.Pair, bool, error) {
	var texts [2]string
	more := make([]bool, len(ps.scans))
	for i, sc := range ps.scans {
		more[i] = sc.Scan()
		if err := sc.Err(); err != nil {
			return clean.Pair{}, false, fmt.Errorf("read %s: line %d: %w", ps.names[i], ps.line+1, err)
		}
	}
	if len(more) == 2 && more[0] != more[1] {
		short := ps.names[0]
		if more[0] {
			short = ps.names[1]
		}
		return clean.Pair{}, false, fmt.Errorf("%s has only %d lines, the other file more: the files are not parallel", short, ps.line)
	}
	if !more[0] {
		return clean.Pair{}, false, nil
	}
	ps.line++
	if len(ps.scans) == 1 {
		l := ps.scans[0].Text()
		s, t, _ := strings.Cut(l, "\t")
		t, _, _ = strings.Cut(t, "\t")
		texts = [2]string{s, t}
	} else {
		texts = [2]string{ps.scans[0].Text(), ps.scans[1].Text()}
	}
	return clean.Pair{Src: corpus.OneLine(texts[0]), Tgt: corpus.OneLine(texts[1])}, true, nil
}

package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/corpus"
)

// docRef is one input file with its document ID. An input that could not
// be expanded (a glob that matches nothing) keeps its argument as path, so
// reading it reports the error. A page of a WARC archive (--pair-by
// auto|url|content) has the archive as path, its URL as id and its record
// in rec; a record that could not be read has its error in err; a record
// the reader passed over as not a page has its reason in skip and its size.
type docRef struct {
	path, id string
	rec      *corpus.RecordRef
	err      error
	skip     string
	size     int64
}

// pairJob is a unit of work of a two-version run: a pair of documents
// (Src in Langs[0], Tgt in Langs[1]) or a single unpaired document (Tgt empty).
type pairJob struct{ src, tgt docRef }

// PairResult is what the pipeline made of a pair job.
type PairResult struct {
	// Src is the first document (in the run's first language); Tgt the
	// second, nil for a document that has no counterpart.
	Src, Tgt *DocResult
	// SrcSents and TgtSents are the sentences that were aligned: the body
	// sentences of Src in the first language and of Tgt in the second,
	// with the translated lines of their code listings (see
	// translatedListings), less those of SrcUntranslated and
	// TgtUntranslated.
	SrcSents, TgtSents []Sentence
	// SrcUntranslated and TgtUntranslated are the sentences of the beads
	// taken out after alignment because they hold a sentence of one
	// version that is a sentence of the other left untranslated (see
	// leftUntranslated and removeUntranslated); the writer rejects them
	// (align:untranslated).
	SrcUntranslated, TgtUntranslated []Sentence
	// Beads index SrcSents and TgtSents.
	Beads []align.Bead
	// Verdicts holds the pair filters' verdict of each two-sided bead
	// (nil for other beads, or when filtering is off), judged in the worker.
	Verdicts []*clean.Verdict
}

// PairRule names how --pair-by pairs documents by path.
const (
	PairByDir    = "dir"    // en/X.txt with ru/X.txt: a directory named after the language
	PairBySuffix = "suffix" // X.en.txt with X.ru.txt, or X_en.txt with X_ru.txt
	PairByAuto   = "auto"   // URL and path evidence, then content (package docpair; see docpairs.go)
)

// pairJobs lists the jobs of a two-version run from Options.Pairs or by
// Options.PairBy over Options.Inputs, in a deterministic order: pairs in the
// order of the pairs file (or by key), unpaired documents after them.
func (e *Engine) pairJobs(ctx context.Context) ([]pairJob, error) {
	if len(e.opts.Langs) < 2 {
		return nil, optionErr(fmt.Sprintf("pairing documents needs two languages (got %v)", e.opts.Langs), "Langs")
	}
	if e.opts.Pairs != "" {
		return readPairsFile(e.opts.Pairs)
	}
	refs, err := listInputs(e.opts.Inputs, e.opts.FS)
	if err != nil {
		return nil, err
	}
	if usesDocpair(e.opts.PairBy) {
		return e.docpairJobs(ctx, refs, nil)
	}
	l1, l2 := e.opts.Langs[0], e.opts.Langs[1]
	type slot struct{ a, b []docRef }
	byKey := map[string]*slot{}
	var keys []string
	var jobs, singles []pairJob
	for _, r := range refs {
		// The key comes from the whole path, so that "data/en data/ru" and
		// "data/*/X.txt" pair as well as "data".
		key, l := pairKey(filepath.ToSlash(filepath.Clean(r.path)), e.opts.PairBy, l1, l2)
		if l == "" {
			singles = append(singles, pairJob{src: r})
			continue
		}
		s := byKey[key]
		if s == nil {
			s = &slot{}
			byKey[key] = s
			keys = append(keys, key)
		}
		if l == l1 {
			s.a = append(s.a, r)
		} else {
			s.b = append(s.b, r)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := byKey[k]
		n := min(len(s.a), len(s.b))
		for i := 0; i < n; i++ {
			jobs = append(jobs, pairJob{src: s.a[i], tgt: s.b[i]})
		}
		for _, r := range s.a[n:] {
			singles = append(singles, pairJob{src: r})
		}
		for _, r := range s.b[n:] {
			singles = append(singles, pairJob{src: r})
		}
	}
	sortJobs(singles)
	if len(jobs) == 0 && len(refs) > 1 {
		return nil, optionErr(fmt.Sprintf("%s paired none of %d documents: name them so that a %s and a %s version differ only in a %s",
			e.opts.PairBy, len(refs), l1, l2, map[string]string{PairByDir: "directory named after the language (en/X, ru/X)",
				PairBySuffix: "language suffix (X.en.txt, X.ru.txt)", PairByAuto: "language directory or suffix"}[e.opts.PairBy]), "PairBy")
	}
	return append(jobs, singles...), nil
}

// sortJobs sorts single-document jobs by ID.
func sortJobs(singles []pairJob) {
	sort.SliceStable(singles, func(i, j int) bool { return singles[i].src.id < singles[j].src.id })
}

// pairKey returns the key that pairs id with its other-language version and
// the language the path names (l1 or l2), or "" when it names neither.
func pairKey(id, rule, l1, l2 string) (string, string) {
	id = filepath.ToSlash(id)
	if rule == PairByDir || rule == PairByAuto {
		parts := strings.Split(id, "/")
		for i := len(parts) - 2; i >= 0; i-- {
			if p := strings.ToLower(parts[i]); p == l1 || p == l2 {
				parts[i] = "{lang}"
				return strings.Join(parts, "/"), p
			}
		}
	}
	if rule == PairBySuffix || rule == PairByAuto {
		dir, name := "", id
		if i := strings.LastIndexByte(id, '/'); i >= 0 {
			dir, name = id[:i+1], id[i+1:]
		}
		lower := strings.ToLower(name)
		for _, l := range []string{l1, l2} {
			for _, sep := range []string{".", "_", "-"} {
				tag := sep + l
				for _, end := range []string{".", ""} {
					i := strings.LastIndex(lower, tag+end)
					if i < 0 || (end == "" && i+len(tag) != len(lower)) {
						continue
					}
					return dir + name[:i] + sep + "{lang}" + name[i+len(tag):], l
				}
			}
		}
	}
	return "", ""
}

// readPairsFile reads a TSV of "source<TAB>target" document paths; relative
// paths are taken from the current directory, else from the file's directory.
func readPairsFile(path string) ([]pairJob, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read pairs file: %w", err)
	}
	defer f.Close()
	base := filepath.Dir(path)
	resolve := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
		return filepath.Join(base, p)
	}
	var jobs []pairJob
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		a, b, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
			return nil, fmt.Errorf("read pairs file %s: line %d: want SOURCE<TAB>TARGET", path, n)
		}
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		jobs = append(jobs, pairJob{src: docRef{path: resolve(a), id: a}, tgt: docRef{path: resolve(b), id: b}})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read pairs file %s: %w", path, err)
	}
	return jobs, nil
}

// listInputs lists the files of args as corpus.Expand does (the Reader's
// expansion). A document's ID is its path as given or found (cleaned, with
// slashes), so that en/X and ru/X stay apart whatever the arguments. An
// argument that cannot be expanded (a missing file, a glob that matches
// nothing) is returned as a ref with its error, so the run reports it as a
// failed document, as a run without pairing does. fsys is Options.FS.
func listInputs(args []string, fsys fs.FS) ([]docRef, error) {
	var refs []docRef
	for _, arg := range args {
		if arg == "-" {
			return nil, fmt.Errorf("stdin cannot be paired; name the files")
		}
		for _, in := range corpus.Expand(arg, corpus.Options{FS: fsys}) {
			refs = append(refs, docRef{path: in.Path, id: filepath.ToSlash(filepath.Clean(in.Path))})
		}
	}
	return refs, nil
}

// readOne reads one document of a pair job.
func (e *Engine) readOne(r docRef) *corpus.Document {
	if r.err != nil {
		return &corpus.Document{ID: r.id, Source: r.path, Err: r.err}
	}
	if r.skip != "" {
		return &corpus.Document{ID: r.id, Source: r.path, Skip: r.skip, Size: r.size}
	}
	if r.rec != nil {
		d := e.records.Open(*r.rec)
		d.ID = r.id
		return d
	}
	rd := corpus.NewReader([]string{r.path}, nil, e.readOptions())
	defer rd.Close() // a WARC archive, refused below, is left open otherwise
	var d *corpus.Document
	if rd.Next() {
		d = rd.Document()
	}
	if d != nil && rd.Next() {
		// A WARC archive: reading only its first record would lose the
		// others without a word.
		d = &corpus.Document{Source: r.path, Err: &corpus.ReadError{File: r.path, Offset: -1,
			Err: fmt.Errorf("holds several documents (a WARC archive); a two-version run (--pair-by, --pairs) reads files of one document each: read the archive in a run without pairing")}}
	}
	if d == nil {
		err := rd.Err()
		if err == nil {
			err = fmt.Errorf("no document")
		}
		d = &corpus.Document{Source: r.path, Err: &corpus.ReadError{File: r.path, Offset: -1, Err: err}}
	}
	d.ID = r.id
	return d
}

// processPair processes the documents of a job and aligns a pair.
func (e *Engine) processPair(j pairJob) *PairResult {
	pr := &PairResult{Src: e.Process(e.readOne(j.src))}
	if j.tgt.path == "" {
		return pr
	}
	pr.Tgt = e.Process(e.readOne(j.tgt))
	if pr.Src.Err != nil || pr.Tgt.Err != nil {
		return pr
	}
	l1, l2 := e.opts.Langs[0], e.opts.Langs[1]
	for _, s := range pr.Src.Sentences {
		if s.Lang == l1 {
			pr.SrcSents = append(pr.SrcSents, s)
		}
	}
	for _, s := range pr.Tgt.Sentences {
		if s.Lang == l2 {
			pr.TgtSents = append(pr.TgtSents, s)
		}
	}
	pr.SrcSents = e.ownLanguage(pr.Src, l1, l2, pr.SrcSents)
	pr.TgtSents = e.ownLanguage(pr.Tgt, l2, l1, pr.TgtSents)
	srcFurniture, tgtFurniture := furnitureKeys(pr.Src), furnitureKeys(pr.Tgt)
	pr.SrcSents = e.translatedFurniture(pr.Src, l1, tgtFurniture, pr.SrcSents)
	pr.TgtSents = e.translatedFurniture(pr.Tgt, l2, srcFurniture, pr.TgtSents)
	pr.SrcSents = e.translatedListings(pr.Src, l1, codeLines(pr.Tgt), dropUntranslated(pr.SrcSents, len(pr.Src.Spans), e.untranslatedKeys(pr.Tgt, l1)))
	pr.TgtSents = e.translatedListings(pr.Tgt, l2, codeLines(pr.Src), dropUntranslated(pr.TgtSents, len(pr.Tgt.Spans), e.untranslatedKeys(pr.Src, l2)))
	srcLeft := leftUntranslated(pr.SrcSents, pr.TgtSents, l2)
	tgtLeft := leftUntranslated(pr.TgtSents, pr.SrcSents, l1)
	src := make([]string, len(pr.SrcSents))
	for i, s := range pr.SrcSents {
		src[i] = s.Text
	}
	tgt := make([]string, len(pr.TgtSents))
	for i, s := range pr.TgtSents {
		tgt[i] = s.Text
	}
	var lex *align.Lexicon
	pr.Beads, lex = e.alignPair(src, tgt)
	removeUntranslated(pr, srcLeft, tgtLeft)
	if e.pairJudge != nil {
		// The adequacy filter knows the pair's lexicon too.
		var sc clean.PairScorer
		if lex != nil {
			o := e.alignOptions()
			o.Lexicon = lex
			sc = align.NewScorer(nil, nil, &o)
		}
		pr.Verdicts = make([]*clean.Verdict, len(pr.Beads))
		for i, b := range pr.Beads {
			if len(b.Src) > 0 && len(b.Tgt) > 0 {
				pr.Verdicts[i] = e.pairJudge(joinSentences(pr.SrcSents, b.Src), joinSentences(pr.TgtSents, b.Tgt), pr.Src.ID, sc)
			}
		}
		keepWholeParagraphs(pr.Beads, pr.Verdicts, pr.SrcSents, pr.TgtSents)
		pr.Beads, pr.Verdicts = mergeParagraphs(pr.Beads, pr.Verdicts, pr.SrcSents, pr.TgtSents, func(b align.Bead) *clean.Verdict {
			return e.pairJudge(joinSentences(pr.SrcSents, b.Src), joinSentences(pr.TgtSents, b.Tgt), pr.Src.ID, sc)
		})
	}
	return pr
}

// alignPair aligns the sentences of one document pair. Unless
// Options.NoLexicon, it first learns a Lexicon from this pair alone (nil,
// changing nothing, when the pair is too short): the result depends only on
// the pair and memory is bounded by it. It returns the beads and the
// Lexicon (nil when none).
func (e *Engine) alignPair(src, tgt []string) ([]align.Bead, *align.Lexicon) {
	opts := e.alignOptions()
	if !e.opts.NoLexicon {
		opts.Lexicon = align.LearnLexicon([]align.DocPair{{Src: src, Tgt: tgt}}, &opts)
	}
	return align.Align(src, tgt, &opts), opts.Lexicon
}

func (e *Engine) alignOptions() align.Options {
	o := align.Options{Dict: e.opts.Dict, SrcLang: e.opts.Langs[0], TgtLang: e.opts.Langs[1]}
	return o
}

// EachPair is Each for a two-version run (Options.Pairs or Options.PairBy):
// fn gets every job's result in order.
func (e *Engine) EachPair(ctx context.Context, fn func(*PairResult) error) error {
	jobs := e.jobs
	i := 0
	next := func() (pairJob, bool, error) {
		if i == len(jobs) {
			return pairJob{}, false, nil
		}
		i++
		return jobs[i-1], true, nil
	}
	if p := e.opts.Progress; p != nil {
		p.Start("processing pairs")
		defer p.Finish()
	}
	return ordered(ctx, e.opts.Workers, next, e.processPair, func(r *PairResult) error {
		for _, d := range []*DocResult{r.Src, r.Tgt} {
			if d == nil {
				continue
			}
			if p := e.opts.Progress; p != nil {
				p.Add(d.Bytes)
			}
			if d.Err != nil && e.opts.OnFailed != nil {
				e.opts.OnFailed(d.ID, d.Err)
			}
		}
		if err := fn(r); err != nil {
			return err
		}
		for _, d := range []*DocResult{r.Src, r.Tgt} {
			if d != nil && d.Err != nil && e.opts.Strict {
				return fmt.Errorf("stopped at the first failed document (strict): %w", d.Err)
			}
		}
		return nil
	})
}

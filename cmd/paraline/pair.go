package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/docpair"
	"github.com/paraline/paraline/lang"
)

var cmdPair = &command{
	name:  "pair",
	usage: "[flags] INPUT...",
	short: "find the documents of a crawl that are language versions of each other",
	long: `Pair reads the documents of a crawl (files, directories, globs; text, HTML,
WARC), finds the language of each body, and pairs the documents of the two
--langs languages that are versions of each other, one to one. It prints one
pair per line (docpairs.tsv):

  src_doc<TAB>tgt_doc<TAB>score<TAB>method

src_doc is in the first language of --langs, tgt_doc in the second; score is
the content similarity (0 to 1); method is the evidence that paired them:
hreflang (<link rel=alternate hreflang> pointing at each other), url
(addresses that differ only in a language code: /en/ and /ru/, en. and ru.,
?lang=ru, x.en.html and x.ru.html, or /page and /ru/page; a page at an
address naming a language is that version whatever its body, unless it is an
untranslated copy), switcher (language-switcher links pointing at each
other), url-close (the same numbers in both addresses, confirmed by content),
link (linked at the same place from two pages already paired) or content
(what survives translation: numbers, Latin-script words and codes, URLs and
e-mail addresses, weighted by rarity, and the number of paragraphs).

--pair-by auto (the default) uses URL and markup evidence first and content
for the documents left; url and content use one kind of evidence only. A pair
whose two bodies are mostly the same paragraphs (an untranslated copy) is never
made. A summary goes to stderr; --unpaired FILE lists the documents left
without a partner ("doc<TAB>lang", lang "-" when the body is in no language of
--langs).`,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		langs := fs.String("langs", "en,ru", "the two `codes` of the languages to pair (source first)")
		by := fs.String("pair-by", docpair.ByAuto, "evidence: `auto`, url or content")
		minScore := fs.Float64("min-score", 0, fmt.Sprintf("least content score of a pair found by content (default %g)", docpair.DefaultMinScore))
		encoding := fs.String("encoding", "", "force the input `encoding`; default: detect per document")
		maxLine := fs.Int64("max-line-bytes", corpus.DefaultMaxLineBytes, "a document with a line of text longer than `N` bytes fails, as in paraline run; -1: no limit")
		keepStatus := fs.Bool("keep-status", false, "read WARC responses whatever their HTTP status, as paraline run --keep-status (default: skip non-2xx)")
		workers := fs.Int("workers", 0, "documents processed at once (default: number of CPUs)")
		noRepeat := fs.Bool("no-repeat", false, "do not count lines repeated across documents (one pass instead of two)")
		outPath := fs.String("o", "", "write the pairs to `FILE` instead of stdout")
		unpaired := fs.String("unpaired", "", "write the documents left without a partner to `FILE`")
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if len(args) == 0 {
			return usagef("name the documents to pair (files, directories or globs)")
		}
		l, err := lang.ParseLangs(*langs)
		if err != nil {
			return usageError{err}
		}
		if len(l) != 2 {
			return usagef("--langs needs exactly two languages (got %q)", *langs)
		}
		opts := docpair.Options{Src: l[0], Tgt: l[1], By: *by, MinScore: *minScore, Workers: workersOrCPUs(*workers), Verifier: lang.NewVerifier(l)}
		if err := opts.Validate(); err != nil {
			return usageError{err}
		}
		res, read, failed, err := pairInputs(ctx, std, opts, args, docpair.ReadOptions{Encoding: *encoding, MaxLineBytes: *maxLine, KeepStatus: *keepStatus,
			NoRepeat: *noRepeat, Workers: opts.Workers})
		if err != nil {
			return err
		}
		w, closeOut, err := openOutput(std, *outPath)
		if err != nil {
			return err
		}
		err = docpair.WriteTSV(w, res.Pairs)
		if cerr := closeOut(err); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if *unpaired != "" {
			if err := writeUnpaired(*unpaired, res); err != nil {
				return err
			}
		}
		fmt.Fprintf(std.err, "paraline pair: %d documents, %d pairs (%s), unpaired: %s\n", read, len(res.Pairs), countsLine(res.ByMethod), countsLine(unpairedCounts(res)))
		if res.OtherLanguage > 0 {
			fmt.Fprintf(std.err, "paraline pair: %d documents competing for a partner look like another language of their script (they paired last)\n", res.OtherLanguage)
		}
		if failed > 0 {
			return partialError{fmt.Errorf("%d of %d documents failed", failed, read)}
		}
		return nil
	},
}

// pairInputs reads and pairs the documents of args.
func pairInputs(ctx context.Context, std *stdio, opts docpair.Options, args []string, ro docpair.ReadOptions) (*docpair.Result, int, int, error) {
	p, err := docpair.NewPairer(opts)
	if err != nil {
		return nil, 0, 0, usageError{err}
	}
	ro.OnFailed = func(id string, err error) { fmt.Fprintf(std.err, "paraline pair: %s: %v\n", id, err) }
	read, failed, err := p.AddInputs(ctx, args, ro)
	if err != nil {
		return nil, read, failed, err
	}
	res, err := p.Pair()
	return res, read, failed, err
}

func workersOrCPUs(n int) int {
	if n > 0 {
		return n
	}
	return max(1, runtime.NumCPU())
}

func unpairedCounts(res *docpair.Result) map[string]int {
	m := map[string]int{}
	for l, ids := range res.Unpaired {
		if l == "" {
			l = "-"
		}
		m[l] = len(ids)
	}
	return m
}

// countsLine renders counts as "a 3, b 1" in key order ("none" when empty).
func countsLine(m map[string]int) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func writeUnpaired(path string, res *docpair.Result) error {
	f, err := corpus.CreateAtomic(path)
	if err != nil {
		return err
	}
	var langs []string
	for l := range res.Unpaired {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	var b strings.Builder
	for _, l := range langs {
		name := l
		if name == "" {
			name = "-"
		}
		for _, id := range res.Unpaired[l] {
			fmt.Fprintf(&b, "%s\t%s\n", id, name)
		}
	}
	if _, err := io.WriteString(f, b.String()); err != nil {
		_ = f.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Commit()
}

// readDocPairs reads a docpairs.tsv or gold file (DIR/docpairs.tsv for a
// directory).
func readDocPairs(path string) ([]docpair.Pair, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "docpairs.tsv")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pairs, err := docpair.ReadTSV(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return pairs, nil
}

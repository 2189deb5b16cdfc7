package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pemistahl/lingua-go"

	"github.com/paraline/paraline/lang"
)

// mixedLangs are the languages scripts/mkmixed writes by default.
const mixedLangs = "en,de,fr,es,it,pt,nl,pl,sv,cs,tr,ru,uk,bg"

var cmdEvalMixed = &command{
	name:  "mixed",
	usage: "GOLD.jsonl DOCS_DIR [--langs L,...] [--baseline line|multi] [--low-accuracy] [--pred FILE]",
	short: "byte-level language accuracy on mixed-language documents",
	long: `Eval mixed segments the documents of a mixed-language test set (made by
scripts/mkmixed: DOCS_DIR/NAME.txt and GOLD.jsonl, one object per document
{"doc","spans":[{"start","end","lang"}]}) and prints the figures of
"score_detect.py spans": per-language byte accuracy with the three most
frequent wrong labels, and char_acc, the share of gold-span bytes whose
predicted language is right. Bytes outside gold spans are not scored.

By default the documents go through lang.Detector.Segment. --baseline
measures lingua-go alone over the same languages, for comparison:
  line    one DetectLanguageOf per line
  multi   DetectMultipleLanguagesOf per line
--pred writes the predicted spans as JSON Lines, the input of the
reference scorer.`,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		langList := fs.String("langs", mixedLangs, "comma-separated languages of the run (ISO 639-1)")
		baseline := fs.String("baseline", "", `measure lingua-go alone instead of Segment: "line" or "multi"`)
		predPath := fs.String("pred", "", "also write the predicted spans as JSON Lines to this file")
		low := fs.Bool("low-accuracy", false, "use lingua-go's low-accuracy models (faster, less memory)")
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if len(args) != 2 {
			return usagef("want GOLD.jsonl and DOCS_DIR, got %d arguments", len(args))
		}
		langs, err := lang.ParseLangs(*langList)
		if err != nil {
			return usagef("--langs: %v", err)
		}
		var seg func(string) []lang.Span
		switch *baseline {
		case "":
			var opts []lang.DetectorOption
			if *low {
				opts = append(opts, lang.WithLowAccuracy())
			}
			d, err := lang.NewDetector(langs, opts...)
			if err != nil {
				return err
			}
			seg = d.Segment
		case "line", "multi":
			if len(langs) < 2 {
				return usagef("--baseline needs two or more languages")
			}
			seg = linguaBaseline(langs, *baseline == "multi", *low)
		default:
			return usagef("--baseline: want line or multi, got %q", *baseline)
		}
		gold, err := readMixedGold(args[0])
		if err != nil {
			return err
		}
		if *predPath == "" {
			return scoreMixed(ctx, std.out, nil, gold, args[1], seg)
		}
		f, err := os.Create(*predPath)
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		err = scoreMixed(ctx, std.out, bw, gold, args[1], seg)
		if ferr := bw.Flush(); err == nil && ferr != nil {
			err = fmt.Errorf("write %s: %w", *predPath, ferr)
		}
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write %s: %w", *predPath, cerr)
		}
		return err
	},
}

// scoreMixed segments each gold document of dir with seg, writes the
// predictions to pred when it is not nil, and prints the figures to out.
func scoreMixed(ctx context.Context, out, pred io.Writer, gold []mixedGold, dir string, seg func(string) []lang.Span) error {
	var sc mixedScore
	for _, g := range gold {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := filepath.Join(dir, g.Doc+".txt")
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		text := string(b)
		spans := seg(text)
		if pred != nil {
			if err := writeMixedPred(pred, g.Doc, text, spans); err != nil {
				return fmt.Errorf("write predictions: %w", err)
			}
		}
		sc.add(g, spans)
	}
	sc.print(out)
	return nil
}

// mixedGold is one line of a mixed-language gold file.
type mixedGold struct {
	Doc   string `json:"doc"`
	Spans []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Lang  string `json:"lang"`
	} `json:"spans"`
}

func readMixedGold(path string) ([]mixedGold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []mixedGold
	for i, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var g mixedGold
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, i+1, err)
		}
		g.Doc = strings.TrimSuffix(filepath.Base(g.Doc), ".txt")
		for _, s := range g.Spans {
			if s.Start < 0 || s.End < s.Start {
				return nil, fmt.Errorf("%s:%d: bad span %d-%d", path, i+1, s.Start, s.End)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

func writeMixedPred(w io.Writer, doc, text string, spans []lang.Span) error {
	for _, s := range spans {
		b, err := json.Marshal(struct {
			Doc        string  `json:"doc"`
			Start      int     `json:"start"`
			End        int     `json:"end"`
			Lang       string  `json:"lang"`
			Confidence float64 `json:"confidence"`
			Text       string  `json:"text"`
		}{doc, s.Start, s.End, s.Lang, s.Confidence, text[s.Start:s.End]})
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "%s\n", b); err != nil {
			return err
		}
	}
	return nil
}

// mixedScore accumulates the figures of score_detect.py spans.
type mixedScore struct {
	total, ok int
	perLang   map[string][2]int         // gold lang -> bytes, right bytes
	confusion map[string]map[string]int // gold lang -> predicted lang -> bytes
}

// add scores one document: each byte of a gold span takes the language of
// the first predicted span (in start order) that covers it, "" if none.
func (m *mixedScore) add(g mixedGold, spans []lang.Span) {
	if m.perLang == nil {
		m.perLang = map[string][2]int{}
		m.confusion = map[string]map[string]int{}
	}
	end := 0
	for _, s := range g.Spans {
		end = max(end, s.End)
	}
	sorted := append([]lang.Span(nil), spans...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		if sorted[i].End != sorted[j].End {
			return sorted[i].End < sorted[j].End
		}
		return sorted[i].Lang < sorted[j].Lang
	})
	lab := make([]string, end)
	set := make([]bool, end)
	for _, s := range sorted {
		for i := max(0, s.Start); i < min(s.End, end); i++ {
			if !set[i] {
				lab[i], set[i] = s.Lang, true
			}
		}
	}
	for _, s := range g.Spans {
		c := m.confusion[s.Lang]
		if c == nil {
			c = map[string]int{}
			m.confusion[s.Lang] = c
		}
		pl := m.perLang[s.Lang]
		for i := s.Start; i < s.End; i++ {
			p := ""
			if i < len(lab) {
				p = lab[i]
			}
			c[p]++
			if p == s.Lang {
				m.ok++
				pl[1]++
			}
		}
		m.total += s.End - s.Start
		pl[0] += s.End - s.Start
		m.perLang[s.Lang] = pl
	}
}

func (m *mixedScore) print(w io.Writer) {
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	fmt.Fprintln(w, "per-language byte accuracy:")
	var langs []string
	for l := range m.perLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		t := m.perLang[l]
		type err struct {
			n int
			p string
		}
		var errs []err
		for p, n := range m.confusion[l] {
			if p != l {
				errs = append(errs, err{n, p})
			}
		}
		// Like Python's sorted(..., reverse=True) on (count, lang) tuples.
		sort.Slice(errs, func(i, j int) bool {
			if errs[i].n != errs[j].n {
				return errs[i].n > errs[j].n
			}
			return errs[i].p > errs[j].p
		})
		var parts []string
		for i, e := range errs {
			if i == 3 {
				break
			}
			p := e.p
			if p == "" {
				p = `""`
			}
			parts = append(parts, fmt.Sprintf("%s:%d", p, e.n))
		}
		fmt.Fprintf(w, "  %s\tbytes=%d\tacc=%.4f\ttop_errors: %s\n", l, t[0], ratio(t[1], t[0]), strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "char_acc=%.4f\n", ratio(m.ok, m.total))
}

// linguaBaseline returns a segmenter that uses lingua-go alone over langs:
// one span per line with DetectLanguageOf, or the sections of
// DetectMultipleLanguagesOf within each line when multi is set.
func linguaBaseline(langs []string, multi, low bool) func(string) []lang.Span {
	isos := make([]lingua.IsoCode639_1, len(langs))
	codes := map[lingua.Language]string{}
	for i, l := range langs {
		isos[i] = lingua.GetIsoCode639_1FromValue(l)
		codes[lingua.GetLanguageFromIsoCode639_1(isos[i])] = l
	}
	b := lingua.NewLanguageDetectorBuilder().FromIsoCodes639_1(isos...)
	if low {
		b = b.WithLowAccuracyMode()
	}
	det := b.Build()
	return func(text string) []lang.Span {
		var spans []lang.Span
		for pos := 0; pos < len(text); {
			end := strings.IndexByte(text[pos:], '\n')
			if end < 0 {
				end = len(text)
			} else {
				end += pos
			}
			line := text[pos:end]
			if !multi {
				l, _ := det.DetectLanguageOf(line)
				spans = append(spans, lang.Span{Start: pos, End: end, Lang: codes[l]})
			} else {
				at := pos
				for _, r := range det.DetectMultipleLanguagesOf(line) {
					s, e := max(pos+r.StartIndex(), at), min(pos+r.EndIndex(), end)
					if e <= s {
						continue
					}
					if s > at {
						spans = append(spans, lang.Span{Start: at, End: s})
					}
					spans = append(spans, lang.Span{Start: s, End: e, Lang: codes[r.Language()]})
					at = e
				}
				if at < end {
					spans = append(spans, lang.Span{Start: at, End: end})
				}
			}
			if end < len(text) {
				spans = append(spans, lang.Span{Start: end, End: end + 1})
			}
			pos = end + 1
		}
		return spans
	}
}

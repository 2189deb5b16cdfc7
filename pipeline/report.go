package pipeline

import (
	"github.com/paraline/paraline/corpus"
	"sort"

	"github.com/paraline/paraline/clean"
	"github.com/paraline/paraline/lang/translate"
)

// Report is the summary of a run, written as report.json. Counts add up:
// for every stage, In == Kept + Rejected.
type Report struct {
	Version string   `json:"version"`
	Langs   []string `json:"langs"`
	Workers int      `json:"workers"`

	Documents DocumentCounts `json:"documents"`
	// Bytes is the raw size of the documents read; InvalidBytes counts
	// invalid byte sequences replaced by U+FFFD (per document in Invalid).
	Bytes        int64          `json:"bytes"`
	InvalidBytes int            `json:"invalid_bytes"`
	Encodings    map[string]int `json:"encodings"`
	// Spans counts spans and characters per language ("" is "none") and kind.
	Spans map[string]map[string]*SpanCount `json:"spans"`
	// Stages lists per-stage counts in pipeline order.
	Stages []*Stage `json:"stages"`
	// Rejects counts rejected items by reason (blank runs included, though
	// they are not written to rejects.jsonl).
	Rejects map[string]int `json:"rejects"`
	// Edits counts glue repairs per language.
	Edits map[string]int `json:"edits"`
	// Sentences counts body sentences per language.
	Sentences map[string]int `json:"sentences"`
	// Pairs counts the documents of a two-version run and its beads by shape.
	Pairs *PairCounts `json:"pairs,omitempty"`
	// Translation holds the translator's counts: characters sent and from
	// the cache, requests, retries and the estimated cost.
	Translation *translate.Stats `json:"translation,omitempty"`
	// RejectExamples holds up to three texts per reject reason (as counted
	// in Rejects), shortened, for a reader of the report.
	RejectExamples map[string][]string `json:"reject_examples,omitempty"`
	// SentenceLengths is a histogram of body sentence lengths in characters,
	// per language.
	SentenceLengths map[string]*Histogram `json:"sentence_lengths,omitempty"`
	// LengthRatios is a histogram of the character length ratio
	// (source/target) of the pairs written.
	LengthRatios *Histogram `json:"length_ratios,omitempty"`
	// Clean holds the pair filters' and deduplication's counts.
	Clean *clean.Stats `json:"clean,omitempty"`
	// Inputs names the files of a corpus cleaned on its own (paraline
	// clean: SRC and TGT, or the TSV file; "-" for stdin), which reads
	// pairs, not documents.
	Inputs []string `json:"inputs,omitempty"`
	// Outputs gives the number of lines of each output file.
	Outputs map[string]int `json:"outputs"`
	// Removed lists the outputs of the previous run into the directory
	// (named by its manifest, corpus.ManifestName) that this run did not
	// write again and removed.
	Removed []string `json:"removed,omitempty"`
	// Failed lists the documents that could not be read, with the error.
	Failed []DocIssue `json:"failed,omitempty"`
	// Invalid lists the documents with invalid bytes and their count.
	Invalid []DocIssue `json:"invalid,omitempty"`
	// Slowest lists the documents that took longest to process (timing
	// varies between runs; everything else in the report is deterministic).
	Slowest []DocIssue `json:"slowest,omitempty"`

	WallSeconds float64 `json:"wall_seconds"`
	MBPerSecond float64 `json:"mb_per_second"`
}

// DocumentCounts counts documents: Read == OK + Failed + Skipped.
type DocumentCounts struct {
	Read     int            `json:"read"`
	OK       int            `json:"ok"`
	Failed   int            `json:"failed"`
	ByReason map[string]int `json:"failed_by_reason,omitempty"`
	// Skipped counts inputs the reader passed over as not documents (WARC
	// records: requests, metadata, images, non-2xx responses), by reason
	// in SkippedByReason ("skip:status(404)": 3, ...).
	Skipped         int            `json:"skipped,omitempty"`
	SkippedByReason map[string]int `json:"skipped_by_reason,omitempty"`
}

// PairCounts counts what a two-version run paired.
type PairCounts struct {
	Documents int `json:"document_pairs"`
	Unpaired  int `json:"unpaired_documents"`
	// ByMethod counts document pairs by the evidence that paired them
	// (docpairs.tsv's method), UnpairedByLang the documents left without
	// a partner by the language of their body ("none"), Untranslated the
	// candidate pairs refused as the same text, OtherLanguage the pages
	// competing for a partner that the language check found in a third
	// language of their script (docpair.Options.Verifier): with --pair-by
	// auto|url|content.
	ByMethod       map[string]int `json:"by_method,omitempty"`
	UnpairedByLang map[string]int `json:"unpaired_by_language,omitempty"`
	Untranslated   int            `json:"untranslated_refused,omitempty"`
	OtherLanguage  int            `json:"other_language_in_doubt,omitempty"`
	// BeadsPerDocPair is a histogram of the two-sided beads the aligner
	// found per document pair (before the pair filters): how much each
	// pair of versions gave.
	BeadsPerDocPair *Histogram     `json:"aligned_beads_per_document_pair,omitempty"`
	Beads           map[string]int `json:"beads"` // written beads by shape, e.g. "1-1"
}

// SpanCount counts spans and their characters (runes).
type SpanCount struct {
	Spans int `json:"spans"`
	Chars int `json:"chars"`
}

// Stage counts what went into a stage and what it kept and rejected, in one
// unit (documents, spans, sentences or pairs).
type Stage struct {
	Name     StageName `json:"name"`
	Unit     Unit      `json:"unit"`
	In       int       `json:"in"`
	Kept     int       `json:"kept"`
	Rejected int       `json:"rejected"`
	// Out counts what the stage produced from what it kept, when that is
	// another unit (sentences split from spans, edits made by repair).
	Out     int  `json:"out,omitempty"`
	OutUnit Unit `json:"out_unit,omitempty"`
	// TakenBack counts the units of Kept that went to the aligner instead
	// of the next stage: at the classify stage of a two-version run, the
	// lines the classifier dropped that the document pair took back
	// (translated furniture and listing lines, lines of the page's
	// language; see takenBack). The next stage takes in Kept - TakenBack.
	TakenBack int `json:"taken_back,omitempty"`
	// TakenBackPart counts the units of Rejected of which the aligner got
	// a part: at the classify stage of a two-version run, the lines the
	// classifier dropped that the document pair took back in part (it
	// left out a sentence the other version holds unchanged). Their
	// records in rejects.jsonl hold only the rest (Reject.Rest).
	TakenBackPart int `json:"taken_back_part,omitempty"`
}

// Histogram counts values in fixed bins: Counts[i] holds the values in
// [Bounds[i-1], Bounds[i]) (the first from -inf, the last to +inf).
type Histogram struct {
	Bounds []float64 `json:"bounds"`
	Counts []int     `json:"counts"`
}

func newHistogram(bounds ...float64) *Histogram {
	return &Histogram{Bounds: bounds, Counts: make([]int, len(bounds)+1)}
}

// Add counts v.
func (h *Histogram) Add(v float64) {
	i := sort.SearchFloat64s(h.Bounds, v)
	if i < len(h.Bounds) && h.Bounds[i] == v {
		i++
	}
	h.Counts[i]++
}

// DocIssue names a document with a figure or an error.
type DocIssue struct {
	Doc     string  `json:"doc"`
	Error   string  `json:"error,omitempty"`
	Count   int     `json:"count,omitempty"`
	Seconds float64 `json:"seconds,omitempty"`
}

func newReport(langs []string) *Report {
	return &Report{
		Langs:           langs,
		Encodings:       map[string]int{},
		Spans:           map[string]map[string]*SpanCount{},
		Rejects:         map[string]int{},
		Outputs:         map[string]int{},
		Edits:           map[string]int{},
		RejectExamples:  map[string][]string{},
		SentenceLengths: map[string]*Histogram{},
		Sentences:       map[string]int{},
		Documents:       DocumentCounts{ByReason: map[string]int{}, SkippedByReason: map[string]int{}},
	}
}

// stage returns the stage named name, adding it (with unit) at the end if new.
func (r *Report) stage(name StageName, unit Unit) *Stage {
	for _, s := range r.Stages {
		if s.Name == name {
			return s
		}
	}
	s := &Stage{Name: name, Unit: unit}
	r.Stages = append(r.Stages, s)
	return s
}

// Check verifies that the report's counts add up and returns the first
// inconsistency found, or nil.
func (r *Report) Check() error {
	if r.Documents.Read != r.Documents.OK+r.Documents.Failed+r.Documents.Skipped {
		return errorf("documents: read %d != ok %d + failed %d + skipped %d", r.Documents.Read, r.Documents.OK, r.Documents.Failed, r.Documents.Skipped)
	}
	skipped := 0
	for _, n := range r.Documents.SkippedByReason {
		skipped += n
	}
	if skipped != r.Documents.Skipped {
		return errorf("documents: skipped %d != %d by reason", r.Documents.Skipped, skipped)
	}
	for _, s := range r.Stages {
		if s.In != s.Kept+s.Rejected {
			return errorf("stage %s: in %d != kept %d + rejected %d", s.Name, s.In, s.Kept, s.Rejected)
		}
		if s.TakenBack > s.Kept {
			return errorf("stage %s: %d taken back > kept %d", s.Name, s.TakenBack, s.Kept)
		}
		if s.TakenBackPart > s.Rejected {
			return errorf("stage %s: %d taken back in part > rejected %d", s.Name, s.TakenBackPart, s.Rejected)
		}
	}
	return nil
}

// addSlow keeps the n slowest documents, slowest first, ties by name.
func (r *Report) addSlow(d DocIssue, n int) {
	r.Slowest = append(r.Slowest, d)
	sort.Slice(r.Slowest, func(i, j int) bool {
		if r.Slowest[i].Seconds != r.Slowest[j].Seconds {
			return r.Slowest[i].Seconds > r.Slowest[j].Seconds
		}
		return r.Slowest[i].Doc < r.Slowest[j].Doc
	})
	if len(r.Slowest) > n {
		r.Slowest = r.Slowest[:n]
	}
}

// sentenceLengthBounds are the bins of Report.SentenceLengths (characters).
var sentenceLengthBounds = []float64{10, 20, 40, 60, 80, 100, 150, 200, 300, 500}

// ratioBounds are the bins of Report.LengthRatios.
var ratioBounds = []float64{0.33, 0.5, 0.67, 0.8, 0.9, 1.0, 1.11, 1.25, 1.5, 2, 3}

func (r *Report) addSentenceLength(lang string, n int) {
	h := r.SentenceLengths[lang]
	if h == nil {
		h = newHistogram(sentenceLengthBounds...)
		r.SentenceLengths[lang] = h
	}
	h.Add(float64(n))
}

func (r *Report) addRatio(src, tgt int) {
	if tgt == 0 {
		return
	}
	if r.LengthRatios == nil {
		r.LengthRatios = newHistogram(ratioBounds...)
	}
	r.LengthRatios.Add(float64(src) / float64(tgt))
}

func (r *Report) addExample(reason, text string) {
	ex := r.RejectExamples[reason]
	if len(ex) >= 3 {
		return
	}
	t := []rune(corpus.OneLine(text))
	if len(t) > 160 {
		t = append(t[:157], '…')
	}
	if len(t) > 0 {
		r.RejectExamples[reason] = append(ex, string(t))
	}
}

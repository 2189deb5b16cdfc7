package pipeline

import (
	"strings"

	"github.com/paraline/paraline/corpus"
)

// StageName names a stage of the report (Report.Stages) and the stage
// that dropped a piece of input (Reject.Stage).
type StageName string

// The stages of a run, in pipeline order.
const (
	StageRead      StageName = "read"      // documents read and decoded
	StageClassify  StageName = "classify"  // spans: body, boilerplate, noise
	StageLanguage  StageName = "language"  // body spans of a run language
	StageRepair    StageName = "repair"    // glued words repaired
	StageSplit     StageName = "split"     // spans split into sentences
	StageAlign     StageName = "align"     // sentences of two-version runs aligned
	StageTranslate StageName = "translate" // sentences translated
	StageFilter    StageName = "filter"    // pairs through the pair filters and deduplication
)

// Unit is what a stage counts.
type Unit string

// Units of the report's stages.
const (
	UnitDocuments Unit = "documents"
	UnitSpans     Unit = "spans"
	UnitSentences Unit = "sentences"
	UnitPairs     Unit = "pairs"
	UnitEdits     Unit = "edits"
)

// Reasons the pipeline itself gives (lang gives those of classify).
const (
	ReasonNoLanguage   = "language:none"      // body text in no language of the run
	ReasonNoSentence   = "split:no-sentence"  // a body span without a sentence
	ReasonUnaligned    = "align:unaligned"    // a sentence without a counterpart
	ReasonLowScore     = "align:low-score"    // a pair below Options.MinScore
	ReasonUntranslated = "align:untranslated" // the other version's sentence left untranslated, a label in it translated (see leftUntranslated)
	ReasonTranslate    = "translate:failed"   // a sentence whose translation failed
	ReasonBadLine      = "filter:bad-line"    // a pair that cannot be one line
)

// reason is why a piece of input was rejected: key is what the report
// counts (Report.Rejects), text what rejects.jsonl says; text may add a
// figure to key ("align:low-score(0.12)").
type reason struct{ key, text string }

// plain is a reason without a figure.
func plain(key string) reason { return reason{key: key, text: key} }

// readReason is the reason of a document that could not be read.
func readReason(err error) reason { return plain("read:" + corpus.Reason(err)) }

// textReason is a reason that a lower package gives as text: lang's reason
// for a span its classifier did not keep ("boilerplate:repeated(5 docs)"),
// corpus's for an input it skipped ("skip:status(404)"). The key is the
// text without a parenthesised figure, so that repeated(5 docs) and
// repeated(7 docs) count together, while other-language(ru) stays. This is
// the one place that reads reason text back: when lang.Span (and
// corpus.Document.Skip) carry the reason as a value with the figure apart,
// only this function changes.
func textReason(text string) reason {
	key := text
	if i := strings.IndexByte(text, '('); i >= 0 && strings.ContainsAny(text[i:], "0123456789") {
		key = text[:i]
	}
	return reason{key: key, text: text}
}

// unit returns what stage s counts.
func (s StageName) unit() Unit {
	switch s {
	case StageRead:
		return UnitDocuments
	case StageAlign, StageTranslate:
		return UnitSentences
	case StageFilter:
		return UnitPairs
	}
	return UnitSpans
}

package lang

import "fmt"

// Kind says what a span is to the corpus: article body, site boilerplate, or noise.
type Kind uint8

// The kinds of span. The zero value is Body.
const (
	Body Kind = iota
	Boilerplate
	Noise
)

var kindNames = [...]string{Body: "body", Boilerplate: "boilerplate", Noise: "noise"}

// String returns "body", "boilerplate" or "noise".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("unknown kind %q", b)
}

// Span is a run of text of one language and one kind. Start and End are byte
// offsets into the text given to Segment; spans returned together are sorted,
// never overlap and cover the text exactly once.
type Span struct {
	Start, End int
	// Lang is an ISO 639-1 code, or "" for text without a language
	// (numbers, dates, punctuation, blank lines).
	Lang string
	// Confidence is the detector's confidence in Lang, from 0 to 1.
	Confidence float64
	Kind       Kind
	// Reason says why a span is not body, e.g. "boilerplate:clock"; empty for body.
	Reason string
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

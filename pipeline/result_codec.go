package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paraline/paraline/corpus"
)

// ResultError is the error of a DocResult that was encoded and decoded (a
// journal of a resumed run, a distributed run): its message and its read
// reason (corpus.Reason). The writers treat it as the original error: same
// message, same reason (errors.Is matches the corpus sentinel of the reason).
type ResultError struct {
	Msg    string `json:"msg"`
	Reason string `json:"reason"`
}

func (e *ResultError) Error() string { return e.Msg }

// Is reports whether target is the corpus sentinel (corpus.ErrBinary,
// fs.ErrNotExist, ...) of e's reason.
func (e *ResultError) Is(target error) bool {
	return e.Reason != corpus.Reason(errors.New("")) && corpus.Reason(target) == e.Reason
}

// readReasonOf is the read reason of a document's error.
func readReasonOf(err error) string { return corpus.Reason(err) }

// docResultFields is DocResult without its methods.
type docResultFields DocResult

// docResultJSON is DocResult with its error as a ResultError.
type docResultJSON struct {
	*docResultFields
	Err *ResultError `json:"Err,omitempty"`
}

// MarshalJSON encodes r with everything the writers use; Err becomes a
// ResultError.
func (r *DocResult) MarshalJSON() ([]byte, error) {
	j := docResultJSON{docResultFields: (*docResultFields)(r)}
	if r.Err != nil {
		j.Err = resultError(r.Err)
	}
	b, err := json.Marshal(j)
	if err != nil {
		return nil, fmt.Errorf("encode result of %s: %w", r.ID, err)
	}
	return b, nil
}

// UnmarshalJSON decodes what MarshalJSON encoded.
func (r *DocResult) UnmarshalJSON(b []byte) error {
	var f docResultFields
	j := docResultJSON{docResultFields: &f}
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("decode document result: %w", err)
	}
	*r = DocResult(f)
	r.Err = nil
	if j.Err != nil {
		r.Err = j.Err
	}
	return nil
}

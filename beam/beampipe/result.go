package beampipe

import (
	"bytes"
	"compress/flate"
	"encoding/gob"
	"errors"
	"fmt"
	"io"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/pipeline"
)

// resultWire is the encoded form of a pipeline.DocResult: the result
// without its error, and the error as a pipeline.ResultError (its message
// and read reason, which is what the writer uses).
type resultWire struct {
	Result pipeline.DocResult
	Err    *pipeline.ResultError
}

// encodeResult encodes r with gob (decoding is several times faster than
// DocResult's JSON), deflated at the fastest level: a runner holds every
// result until the final merge, and the text of a document is in a result
// twice (its spans and its sentences), so deflating cuts the runner's
// memory several times for little CPU.
func encodeResult(r *pipeline.DocResult) ([]byte, error) {
	w := resultWire{Result: *r}
	w.Result.Err = nil
	if r.Err != nil {
		var re *pipeline.ResultError
		if errors.As(r.Err, &re) && re.Msg == r.Err.Error() {
			w.Err = re
		} else {
			w.Err = &pipeline.ResultError{Msg: r.Err.Error(), Reason: corpus.Reason(r.Err)}
		}
	}
	var buf bytes.Buffer
	zw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := gob.NewEncoder(zw).Encode(&w); err != nil {
		return nil, fmt.Errorf("encode result of %s: %w", r.ID, err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("encode result of %s: %w", r.ID, err)
	}
	return buf.Bytes(), nil
}

// decodeResult decodes what encodeResult encoded.
func decodeResult(b []byte) (*pipeline.DocResult, error) {
	zr := flate.NewReader(bytes.NewReader(b))
	defer zr.Close()
	var w resultWire
	if err := gob.NewDecoder(zr).Decode(&w); err != nil {
		return nil, fmt.Errorf("decode result: %w", err)
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("decode result of %s: %w", w.Result.ID, err)
	}
	r := w.Result
	if w.Err != nil {
		r.Err = w.Err
	}
	return &r, nil
}

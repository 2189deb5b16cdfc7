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

// resultEncoder encodes the results of a batch as one gob stream (decoding
// is several times faster than DocResult's JSON), deflated at the fastest
// level: a runner holds every result until the final merge, and the text of
// a document is in a result twice (its spans and its sentences), so
// deflating cuts the runner's memory several times for little CPU.
type resultEncoder struct {
	buf bytes.Buffer
	zw  *flate.Writer
	enc *gob.Encoder
}

func newResultEncoder() (*resultEncoder, error) {
	e := &resultEncoder{}
	zw, err := flate.NewWriter(&e.buf, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	e.zw, e.enc = zw, gob.NewEncoder(zw)
	return e, nil
}

// encode adds r to the stream.
func (e *resultEncoder) encode(r *pipeline.DocResult) error {
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
	if err := e.enc.Encode(&w); err != nil {
		return fmt.Errorf("encode result of %s: %w", r.ID, err)
	}
	return nil
}

// close ends the stream and returns it.
func (e *resultEncoder) close() ([]byte, error) {
	if err := e.zw.Close(); err != nil {
		return nil, fmt.Errorf("encode results: %w", err)
	}
	return e.buf.Bytes(), nil
}

// decodeResults calls fn with each result of a stream that resultEncoder
// made, in order.
func decodeResults(b []byte, fn func(*pipeline.DocResult) error) error {
	zr := flate.NewReader(bytes.NewReader(b))
	defer zr.Close()
	dec := gob.NewDecoder(zr)
	for {
		var w resultWire
		err := dec.Decode(&w)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("decode results: %w", err)
		}
		r := w.Result
		if w.Err != nil {
			r.Err = w.Err
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
}

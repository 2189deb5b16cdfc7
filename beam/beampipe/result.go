package beampipe

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paraline/paraline/pipeline"
)

// encodeResult encodes r as its JSON (pipeline.DocResult's encoding),
// deflated at the fastest level: a runner holds every result until the
// final merge, and the text of a document is in a result twice (its spans
// and its sentences), so deflating cuts the runner's memory several times
// for little CPU.
func encodeResult(r *pipeline.DocResult) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := json.NewEncoder(zw).Encode(r); err != nil {
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
	var r pipeline.DocResult
	if err := json.NewDecoder(zr).Decode(&r); err != nil {
		return nil, fmt.Errorf("decode result: %w", err)
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("decode result of %s: %w", r.ID, err)
	}
	return &r, nil
}

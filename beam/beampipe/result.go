package beampipe

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/paraline/paraline/pipeline"
)

// resultEncoder encodes the results of a batch as one stream: each
// DocResult in its binary form (DocResult.MarshalBinary, the form of the
// journal of a resumable run) after its length, the whole deflated at the
// fastest level. A runner holds every result until the final merge, and the
// text of a document is in a result twice (its spans and its sentences), so
// deflating cuts the runner's memory several times for little CPU.
type resultEncoder struct {
	buf bytes.Buffer
	zw  *flate.Writer
	n   [binary.MaxVarintLen64]byte
}

func newResultEncoder() (*resultEncoder, error) {
	e := &resultEncoder{}
	zw, err := flate.NewWriter(&e.buf, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	e.zw = zw
	return e, nil
}

// encode adds r to the stream.
func (e *resultEncoder) encode(r *pipeline.DocResult) error { return e.encodeAs(r, r.ID) }

// encodePair adds the result of a pair job to the stream.
func (e *resultEncoder) encodePair(r *pipeline.PairResult) error {
	id := ""
	if r.Src != nil {
		id = r.Src.ID
	}
	return e.encodeAs(r, id)
}

// encodeAs adds r's binary form to the stream; id names it in errors.
func (e *resultEncoder) encodeAs(r encoding.BinaryMarshaler, id string) error {
	b, err := r.MarshalBinary()
	if err != nil {
		return fmt.Errorf("encode result of %s: %w", id, err)
	}
	k := binary.PutUvarint(e.n[:], uint64(len(b)))
	if _, err := e.zw.Write(e.n[:k]); err != nil {
		return fmt.Errorf("encode result of %s: %w", id, err)
	}
	if _, err := e.zw.Write(b); err != nil {
		return fmt.Errorf("encode result of %s: %w", id, err)
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
	return decodeRecords(b, func(rec []byte) error {
		var r pipeline.DocResult
		if err := r.UnmarshalBinary(rec); err != nil {
			return err
		}
		return fn(&r)
	})
}

// decodePairResults calls fn with each pair job's result of a stream that
// resultEncoder made (encodePair), in order.
func decodePairResults(b []byte, fn func(*pipeline.PairResult) error) error {
	return decodeRecords(b, func(rec []byte) error {
		var r pipeline.PairResult
		if err := r.UnmarshalBinary(rec); err != nil {
			return err
		}
		return fn(&r)
	})
}

// decodeRecords calls fn with each record of a stream that resultEncoder
// made, in order.
func decodeRecords(b []byte, fn func([]byte) error) error {
	zr := flate.NewReader(bytes.NewReader(b))
	defer zr.Close()
	br := bufio.NewReader(zr)
	var buf []byte
	for {
		n, err := binary.ReadUvarint(br)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("decode results: %w", err)
		}
		if n > uint64(len(b))*64+1<<20 {
			return fmt.Errorf("decode results: a result of %d bytes in a stream of %d", n, len(b))
		}
		if uint64(cap(buf)) < n {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		if _, err := io.ReadFull(br, buf); err != nil {
			return fmt.Errorf("decode results: %w", err)
		}
		if err := fn(buf); err != nil {
			return err
		}
	}
}

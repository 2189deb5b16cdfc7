package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/paraline/paraline/lang"
)

// docResultVersion starts the binary form of a DocResult.
const docResultVersion = 1

// MarshalBinary encodes r compactly (varints and length-prefixed strings):
// the form of the journal of a resumable run, several times faster to
// decode than JSON. It keeps what MarshalJSON keeps.
func (r *DocResult) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 256+len(r.Spans)*48+len(r.Sentences)*32)
	b = append(b, docResultVersion)
	b = appendString(b, r.ID)
	b = appendString(b, r.Source)
	b = appendString(b, r.Encoding)
	b = binary.AppendVarint(b, int64(r.Bytes))
	b = binary.AppendVarint(b, int64(r.Invalid))
	if r.Err == nil {
		b = append(b, 0)
	} else {
		e := resultError(r.Err)
		b = append(b, 1)
		b = appendString(b, e.Msg)
		b = appendString(b, e.Reason)
	}
	b = appendString(b, r.Skip)
	b = binary.AppendUvarint(b, uint64(len(r.Spans)))
	for _, s := range r.Spans {
		b = binary.AppendVarint(b, int64(s.Start))
		b = binary.AppendVarint(b, int64(s.End))
		b = appendString(b, s.Lang)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.Confidence))
		b = append(b, byte(s.Kind))
		b = appendString(b, s.Reason)
		b = binary.AppendVarint(b, int64(s.RawStart))
		b = binary.AppendVarint(b, int64(s.RawEnd))
		b = appendString(b, s.Text)
	}
	b = binary.AppendUvarint(b, uint64(len(r.Sentences)))
	for _, s := range r.Sentences {
		b = appendString(b, s.Lang)
		b = appendString(b, s.Text)
		b = binary.AppendVarint(b, int64(s.RawStart))
		b = binary.AppendVarint(b, int64(s.RawEnd))
		b = binary.AppendVarint(b, int64(s.Span))
	}
	keys := make([]string, 0, len(r.Edits))
	for k := range r.Edits {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if r.Edits == nil {
		b = binary.AppendVarint(b, -1)
	} else {
		b = binary.AppendVarint(b, int64(len(keys)))
	}
	for _, k := range keys {
		b = appendString(b, k)
		b = binary.AppendVarint(b, int64(r.Edits[k]))
	}
	b = binary.AppendVarint(b, int64(r.Duration))
	return b, nil
}

// resultError returns err as a ResultError (message and read reason).
func resultError(err error) *ResultError {
	var re *ResultError
	if errors.As(err, &re) && re.Msg == err.Error() {
		return re
	}
	return &ResultError{Msg: err.Error(), Reason: readReasonOf(err)}
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// binReader decodes the binary form; the first error sticks.
type binReader struct {
	p   []byte
	err error
}

func (d *binReader) fail() {
	if d.err == nil {
		d.err = errors.New("decode document result: truncated or corrupt")
	}
}

func (d *binReader) uvarint() uint64 {
	v, n := binary.Uvarint(d.p)
	if n <= 0 {
		d.fail()
		d.p = nil
		return 0
	}
	d.p = d.p[n:]
	return v
}

func (d *binReader) varint() int {
	v, n := binary.Varint(d.p)
	if n <= 0 {
		d.fail()
		d.p = nil
		return 0
	}
	d.p = d.p[n:]
	return int(v)
}

func (d *binReader) str() string {
	n := d.uvarint()
	if n > uint64(len(d.p)) {
		d.fail()
		d.p = nil
		return ""
	}
	s := string(d.p[:n])
	d.p = d.p[n:]
	return s
}

func (d *binReader) byte() byte {
	if len(d.p) == 0 {
		d.fail()
		return 0
	}
	c := d.p[0]
	d.p = d.p[1:]
	return c
}

func (d *binReader) float() float64 {
	if len(d.p) < 8 {
		d.fail()
		d.p = nil
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.p))
	d.p = d.p[8:]
	return v
}

// count reads a slice length, refusing lengths the data cannot hold.
func (d *binReader) count() int {
	n := d.uvarint()
	if n > uint64(len(d.p)) {
		d.fail()
		return 0
	}
	return int(n)
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (r *DocResult) UnmarshalBinary(data []byte) error {
	d := &binReader{p: data}
	if v := d.byte(); v != docResultVersion {
		return fmt.Errorf("decode document result: unknown version %d", v)
	}
	var out DocResult
	out.ID, out.Source, out.Encoding = d.str(), d.str(), d.str()
	out.Bytes, out.Invalid = d.varint(), d.varint()
	if d.byte() == 1 {
		out.Err = &ResultError{Msg: d.str(), Reason: d.str()}
	}
	out.Skip = d.str()
	if n := d.count(); n > 0 {
		out.Spans = make([]SpanResult, n)
		for i := range out.Spans {
			s := &out.Spans[i]
			s.Start, s.End = d.varint(), d.varint()
			s.Lang = d.str()
			s.Confidence = d.float()
			s.Kind = lang.Kind(d.byte())
			s.Reason = d.str()
			s.RawStart, s.RawEnd = d.varint(), d.varint()
			s.Text = d.str()
		}
	}
	if n := d.count(); n > 0 {
		out.Sentences = make([]Sentence, n)
		for i := range out.Sentences {
			s := &out.Sentences[i]
			s.Lang, s.Text = d.str(), d.str()
			s.RawStart, s.RawEnd, s.Span = d.varint(), d.varint(), d.varint()
		}
	}
	if n := d.varint(); n >= 0 && d.err == nil {
		if n > len(d.p) {
			d.fail()
		} else {
			out.Edits = make(map[string]int, n)
			for i := 0; i < n; i++ {
				k := d.str()
				out.Edits[k] = d.varint()
			}
		}
	}
	out.Duration = time.Duration(d.varint())
	if d.err != nil {
		return d.err
	}
	if len(d.p) != 0 {
		return errors.New("decode document result: trailing bytes")
	}
	*r = out
	return nil
}

package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
)

// pairResultVersion starts the binary form of a PairResult. Version 2
// adds SrcUntranslated and TgtUntranslated at the end; version 1, which
// has none, is still read.
const pairResultVersion = 2

// MarshalBinary encodes r as DocResult.MarshalBinary does: the form of the
// journal of a resumable two-version run and of a distributed run's
// results. A verdict keeps its reasons, details and adequacy score; its
// deduplication keys are not encoded: the writer's clean.Stream computes
// them again from the pair (the same text, so the same keys).
func (r *PairResult) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 512+(len(r.SrcSents)+len(r.TgtSents))*40+len(r.Beads)*24)
	b = append(b, pairResultVersion)
	for _, d := range []*DocResult{r.Src, r.Tgt} {
		if d == nil {
			b = append(b, 0)
			continue
		}
		db, err := d.MarshalBinary()
		if err != nil {
			return nil, err
		}
		b = append(b, 1)
		b = binary.AppendUvarint(b, uint64(len(db)))
		b = append(b, db...)
	}
	for _, ss := range [][]Sentence{r.SrcSents, r.TgtSents} {
		b = appendSentences(b, ss)
	}
	b = appendCount(b, r.Beads == nil, len(r.Beads))
	for _, bd := range r.Beads {
		for _, idx := range [][]int{bd.Src, bd.Tgt} {
			b = appendCount(b, idx == nil, len(idx))
			for _, i := range idx {
				b = binary.AppendVarint(b, int64(i))
			}
		}
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(bd.Score))
	}
	b = appendCount(b, r.Verdicts == nil, len(r.Verdicts))
	for _, v := range r.Verdicts {
		if v == nil {
			b = append(b, 0)
			continue
		}
		b = append(b, 1)
		b = appendStrings(b, v.Reasons)
		b = appendStrings(b, v.Details)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Adequacy))
	}
	for _, ss := range [][]Sentence{r.SrcUntranslated, r.TgtUntranslated} {
		b = appendSentences(b, ss)
	}
	return b, nil
}

// appendSentences appends ss as binReader.sentences reads it.
func appendSentences(b []byte, ss []Sentence) []byte {
	b = appendCount(b, ss == nil, len(ss))
	for _, s := range ss {
		b = appendString(b, s.Lang)
		b = appendString(b, s.Text)
		b = binary.AppendVarint(b, int64(s.RawStart))
		b = binary.AppendVarint(b, int64(s.RawEnd))
		b = binary.AppendVarint(b, int64(s.Span))
	}
	return b
}

// appendCount appends a slice length, -1 for a nil slice (so that nil and
// empty slices come back as they were).
func appendCount(b []byte, isNil bool, n int) []byte {
	if isNil {
		return binary.AppendVarint(b, -1)
	}
	return binary.AppendVarint(b, int64(n))
}

func appendStrings(b []byte, ss []string) []byte {
	b = appendCount(b, ss == nil, len(ss))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// sliceLen reads what appendCount wrote: -1 for nil, refusing lengths the
// data cannot hold.
func (d *binReader) sliceLen() int {
	n := d.varint()
	if n < -1 || n > len(d.p) {
		d.fail()
		return -1
	}
	return n
}

func (d *binReader) strings() []string {
	n := d.sliceLen()
	if n < 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *binReader) sentences() []Sentence {
	n := d.sliceLen()
	if n < 0 {
		return nil
	}
	ss := make([]Sentence, n)
	for i := range ss {
		s := &ss[i]
		s.Lang, s.Text = d.str(), d.str()
		s.RawStart, s.RawEnd, s.Span = d.varint(), d.varint(), d.varint()
	}
	return ss
}

func (d *binReader) ints() []int {
	n := d.sliceLen()
	if n < 0 {
		return nil
	}
	v := make([]int, n)
	for i := range v {
		v[i] = d.varint()
	}
	return v
}

// UnmarshalBinary decodes what MarshalBinary encoded. The verdicts come
// back without their deduplication keys (see MarshalBinary).
func (r *PairResult) UnmarshalBinary(data []byte) error {
	d := &binReader{p: data}
	version := d.byte()
	if version != 1 && version != pairResultVersion {
		return fmt.Errorf("decode pair result: unknown version %d", version)
	}
	var out PairResult
	for _, dst := range []**DocResult{&out.Src, &out.Tgt} {
		if d.byte() != 1 {
			continue
		}
		n := d.uvarint()
		if n > uint64(len(d.p)) {
			d.fail()
			break
		}
		var doc DocResult
		if err := doc.UnmarshalBinary(d.p[:n]); err != nil {
			return fmt.Errorf("decode pair result: %w", err)
		}
		d.p = d.p[n:]
		*dst = &doc
	}
	out.SrcSents = d.sentences()
	out.TgtSents = d.sentences()
	if n := d.sliceLen(); n >= 0 {
		out.Beads = make([]align.Bead, n)
		for i := range out.Beads {
			bd := &out.Beads[i]
			bd.Src, bd.Tgt = d.ints(), d.ints()
			bd.Score = d.float()
		}
	}
	if n := d.sliceLen(); n >= 0 {
		out.Verdicts = make([]*clean.Verdict, n)
		for i := range out.Verdicts {
			if d.byte() != 1 {
				continue
			}
			out.Verdicts[i] = &clean.Verdict{Reasons: d.strings(), Details: d.strings(), Adequacy: d.float()}
		}
	}
	if version >= 2 {
		out.SrcUntranslated = d.sentences()
		out.TgtUntranslated = d.sentences()
	}
	if d.err != nil {
		return fmt.Errorf("decode pair result: %w", d.err)
	}
	if len(d.p) != 0 {
		return errors.New("decode pair result: trailing bytes")
	}
	*r = out
	return nil
}

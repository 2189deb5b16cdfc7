package pipeline

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
	"github.com/paraline/paraline/lang/repair"
)

// Evidence is the run-level evidence of the first pass: the lines repeated
// across documents (for boilerplate) and the words of the run (for glue
// repair). A run builds it from every readable document before the second
// pass; a distributed runner builds parts of it on several machines and
// merges them, a resumed run loads it from its checkpoint. Merging parts in
// any order gives the same Evidence as one pass over all documents.
//
// AddDocument and Merge may be called from several goroutines.
type Evidence struct {
	// Lines counts repeated lines; nil when Options.NoRepeat.
	Lines *lang.LineCounter
	// Vocab counts the run's words; nil when Options.NoRepair.
	Vocab *repair.Vocab
}

// NewEvidence returns empty evidence for a run with opts.
func NewEvidence(opts Options) *Evidence {
	ev := &Evidence{}
	if !opts.NoRepeat {
		ev.Lines = lang.NewLineCounter(0)
	}
	if !opts.NoRepair {
		ev.Vocab = repair.NewVocab()
	}
	return ev
}

// empty reports whether the run collects no evidence at all.
func (ev *Evidence) empty() bool { return ev.Lines == nil && ev.Vocab == nil }

// AddDocument adds the evidence of one document; failed and skipped
// documents add none.
func (ev *Evidence) AddDocument(d *corpus.Document) {
	if d.Err != nil || d.Skip != "" {
		return
	}
	if ev.Lines != nil {
		ev.Lines.AddDocument(d.Text)
	}
	if ev.Vocab != nil {
		ev.Vocab.Add(d.Text)
	}
}

// Merge adds the evidence of o to ev. Both must come from NewEvidence with
// the same options.
func (ev *Evidence) Merge(o *Evidence) error {
	if (ev.Lines == nil) != (o.Lines == nil) || (ev.Vocab == nil) != (o.Vocab == nil) {
		return errors.New("merge evidence: the parts were made with different options")
	}
	if ev.Lines != nil {
		if err := ev.Lines.Merge(o.Lines); err != nil {
			return fmt.Errorf("merge evidence: %w", err)
		}
	}
	if ev.Vocab != nil {
		if err := ev.Vocab.Merge(o.Vocab); err != nil {
			return fmt.Errorf("merge evidence: %w", err)
		}
	}
	return nil
}

// evidenceMagic starts the binary form of Evidence (version 1).
const evidenceMagic = "PLEV1"

// MarshalBinary encodes ev (for checkpoints and distributed accumulators).
func (ev *Evidence) MarshalBinary() ([]byte, error) {
	b := []byte(evidenceMagic)
	for _, part := range []interface{ MarshalBinary() ([]byte, error) }{ev.Lines, ev.Vocab} {
		if isNilPart(part) {
			b = append(b, 0)
			continue
		}
		p, err := part.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("encode evidence: %w", err)
		}
		b = append(b, 1)
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b, nil
}

func isNilPart(p any) bool {
	switch v := p.(type) {
	case *lang.LineCounter:
		return v == nil
	case *repair.Vocab:
		return v == nil
	}
	return p == nil
}

// UnmarshalBinary replaces ev with the evidence encoded by MarshalBinary.
func (ev *Evidence) UnmarshalBinary(data []byte) error {
	if len(data) < len(evidenceMagic) || string(data[:len(evidenceMagic)]) != evidenceMagic {
		return errors.New("decode evidence: not evidence (bad magic)")
	}
	p := data[len(evidenceMagic):]
	part := func() ([]byte, bool, error) {
		if len(p) == 0 {
			return nil, false, errors.New("decode evidence: truncated")
		}
		present := p[0]
		p = p[1:]
		if present == 0 {
			return nil, false, nil
		}
		n, k := binary.Uvarint(p)
		if k <= 0 || n > uint64(len(p)-k) {
			return nil, false, errors.New("decode evidence: truncated")
		}
		b := p[k : k+int(n)]
		p = p[k+int(n):]
		return b, true, nil
	}
	lb, hasLines, err := part()
	if err != nil {
		return err
	}
	vb, hasVocab, err := part()
	if err != nil {
		return err
	}
	if len(p) != 0 {
		return errors.New("decode evidence: trailing bytes")
	}
	var out Evidence
	if hasLines {
		out.Lines = &lang.LineCounter{}
		if err := out.Lines.UnmarshalBinary(lb); err != nil {
			return fmt.Errorf("decode evidence: %w", err)
		}
	}
	if hasVocab {
		out.Vocab = &repair.Vocab{}
		if err := out.Vocab.UnmarshalBinary(vb); err != nil {
			return fmt.Errorf("decode evidence: %w", err)
		}
	}
	*ev = out
	return nil
}

// CollectEvidence makes the first pass of a run with opts: it reads every
// input document and returns their evidence. NewEngine does this itself; a
// caller that wants to keep or distribute the evidence calls it and then
// NewEngineWithEvidence.
func CollectEvidence(ctx context.Context, opts Options) (*Evidence, error) {
	e, err := newEngineBase(ctx, opts)
	if err != nil {
		return nil, err
	}
	return e.collect(ctx)
}

package corpus

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// Pair is one sentence pair as the pair writers see it.
type Pair struct {
	Src, Tgt string
	// Doc names the document the pair comes from (may be empty).
	Doc string
	// SrcSpan and TgtSpan are byte offsets of the sides in their documents,
	// when known.
	SrcSpan, TgtSpan *Span
	// Score is the pair's score (alignment or adequacy), when known.
	Score *float64
	// Filters lists the filters the pair was checked with (all passed).
	Filters []string
}

// Span is a byte range [Start, End) in a document.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// PairWriter writes sentence pairs in one format.
type PairWriter interface {
	WritePair(p *Pair) error
}

// CheckPair returns nil when both sides of p can be written in every pair
// format: CheckLine passes and no character is outside XML's character
// range. Otherwise the error wraps ErrBadLine and names the side.
func CheckPair(p *Pair) error {
	for k, s := range [2]string{p.Src, p.Tgt} {
		side := "src"
		if k == 1 {
			side = "tgt"
		}
		if err := CheckLine(s); err != nil {
			return fmt.Errorf("%s: %w", side, err)
		}
		for _, nc := range [...]string{"\ufffe", "\uffff"} {
			if i := strings.Index(s, nc); i >= 0 {
				return fmt.Errorf("%s: %w: non-character U+%04X at byte %d", side, ErrBadLine, []rune(nc)[0], i)
			}
		}
	}
	return nil
}

// MosesWriter writes the two sides of pairs to two files, one sentence per
// line, so the files always have the same number of lines: a pair with a
// side that CheckLine refuses is refused whole.
type MosesWriter struct {
	src, tgt *LineWriter
}

// NewMosesWriter returns a MosesWriter writing sources to src and targets
// to tgt.
func NewMosesWriter(src, tgt io.Writer) *MosesWriter {
	return &MosesWriter{src: NewLineWriter(src), tgt: NewLineWriter(tgt)}
}

// WritePair writes p's sides, or nothing when one is refused.
func (w *MosesWriter) WritePair(p *Pair) error {
	if err := CheckPair(p); err != nil {
		return fmt.Errorf("pair %d: %w", w.src.Lines()+1, err)
	}
	return w.writeChecked(p)
}

func (w *MosesWriter) writeChecked(p *Pair) error {
	if err := w.src.WriteLine(p.Src); err != nil {
		return err
	}
	return w.tgt.WriteLine(p.Tgt)
}

// Pairs returns the number of pairs written.
func (w *MosesWriter) Pairs() int { return w.src.Lines() }

// TSVWriter writes "src<TAB>tgt<TAB>score" lines (score empty when
// unknown, else with up to 4 decimals).
type TSVWriter struct {
	w   io.Writer
	buf []byte
	n   int
}

// NewTSVWriter returns a TSVWriter writing to w.
func NewTSVWriter(w io.Writer) *TSVWriter { return &TSVWriter{w: w} }

// WritePair writes one line for p.
func (w *TSVWriter) WritePair(p *Pair) error {
	if err := CheckPair(p); err != nil {
		return fmt.Errorf("pair %d: %w", w.n+1, err)
	}
	return w.writeChecked(p)
}

func (w *TSVWriter) writeChecked(p *Pair) error {
	b := append(w.buf[:0], p.Src...)
	b = append(b, '\t')
	b = append(b, p.Tgt...)
	b = append(b, '\t')
	if p.Score != nil {
		b = appendScore(b, *p.Score)
	}
	b = append(b, '\n')
	w.buf = b
	if _, err := w.w.Write(b); err != nil {
		return fmt.Errorf("write tsv pair %d: %w", w.n+1, err)
	}
	w.n++
	return nil
}

// appendScore formats a score with at most 4 decimals.
func appendScore(b []byte, x float64) []byte {
	return strconv.AppendFloat(b, roundScore(x), 'f', -1, 64)
}

func roundScore(x float64) float64 {
	if x != x || x > 1e15 || x < -1e15 { // NaN or huge: leave as is
		return x
	}
	var r float64
	if x < 0 {
		r = -float64(int64(-x*1e4+0.5)) / 1e4
	} else {
		r = float64(int64(x*1e4+0.5)) / 1e4
	}
	if r == 0 {
		return 0 // not -0
	}
	return r
}

// PairJSONLWriter writes one JSON object per pair:
//
//	{"doc":"d1","src":"…","tgt":"…","src_span":{"start":0,"end":12},"tgt_span":{…},"score":1.25,"filters":["empty",…]}
//
// Unknown fields are left out.
type PairJSONLWriter struct {
	j *JSONLWriter
}

// NewPairJSONLWriter returns a PairJSONLWriter writing to w.
func NewPairJSONLWriter(w io.Writer) *PairJSONLWriter {
	return &PairJSONLWriter{j: NewJSONLWriter(w)}
}

type pairRecord struct {
	Doc     string   `json:"doc,omitempty"`
	Src     string   `json:"src"`
	Tgt     string   `json:"tgt"`
	SrcSpan *Span    `json:"src_span,omitempty"`
	TgtSpan *Span    `json:"tgt_span,omitempty"`
	Score   *float64 `json:"score,omitempty"`
	Filters []string `json:"filters,omitempty"`
}

// WritePair writes one record for p.
func (w *PairJSONLWriter) WritePair(p *Pair) error {
	if err := CheckPair(p); err != nil {
		return fmt.Errorf("pair %d: %w", w.j.Records()+1, err)
	}
	return w.writeChecked(p)
}

func (w *PairJSONLWriter) writeChecked(p *Pair) error {
	rec := pairRecord{Doc: p.Doc, Src: p.Src, Tgt: p.Tgt, SrcSpan: p.SrcSpan, TgtSpan: p.TgtSpan, Filters: p.Filters}
	if p.Score != nil && *p.Score == *p.Score { // NaN has no JSON form
		s := roundScore(*p.Score)
		rec.Score = &s
	}
	return w.j.Encode(rec)
}

// Pair formats accepted by PairSetOptions.Formats.
const (
	FormatMoses = "moses"
	FormatTSV   = "tsv"
	FormatJSONL = "jsonl"
	FormatTMX   = "tmx"
)

// checkedWriter is a PairWriter that can skip CheckPair, already done by
// the PairSet.
type checkedWriter interface {
	writeChecked(p *Pair) error
}

// PairSetOptions configure a PairSet.
type PairSetOptions struct {
	// Dir is the output directory (it must exist).
	Dir string
	// SrcLang and TgtLang are the language codes; they name the Moses
	// files (corpus.<src>, corpus.<tgt>) and the TMX languages.
	SrcLang, TgtLang string
	// Formats lists the formats to write besides Moses, which is always
	// written: FormatTSV (corpus.tsv), FormatJSONL (corpus.jsonl),
	// FormatTMX (corpus.tmx). FormatMoses may be listed; it changes nothing.
	Formats []string
	// Prefix is the base of the file names; default "corpus".
	Prefix string
	// Gzip appends ".gz" to every name, compressing the files.
	Gzip bool
	// Tool and ToolVersion go into the TMX header (default "paraline", "0").
	Tool, ToolVersion string
	// ShardSize, when positive, cuts the Moses files into shards of that
	// many lines (corpus.<src>.00000, ...; see ShardedFile).
	ShardSize int
}

// ErrUnknownFormat is returned for a format that PairSet does not know.
var ErrUnknownFormat = errors.New("unknown pair format")

// PairSet writes every pair to the Moses files and the other formats
// chosen, through AtomicFiles, so a run commits them together. A pair is
// checked once (CheckPair) before anything is written, so the outputs
// always hold the same pairs and the Moses files the same number of lines.
type PairSet struct {
	files   []*AtomicFile
	names   []string
	moses   *MosesWriter
	writers []checkedWriter
	counts  []func() int
	tmx     *TMXWriter
	n       int
	done    bool
	sharded []*ShardedFile // the Moses files when sharded
}

// CreatePairSet creates the files of a PairSet.
func CreatePairSet(o PairSetOptions) (*PairSet, error) {
	if o.SrcLang == "" || o.TgtLang == "" {
		return nil, errors.New("pair set: both languages are needed")
	}
	if o.SrcLang == o.TgtLang {
		return nil, fmt.Errorf("pair set: the languages are the same (%s)", o.SrcLang)
	}
	if o.Prefix == "" {
		o.Prefix = "corpus"
	}
	s := &PairSet{}
	create := func(name string) (*AtomicFile, error) {
		if o.Gzip {
			name += ".gz"
		}
		f, err := CreateAtomic(filepath.Join(o.Dir, name))
		if err != nil {
			s.Abort()
			return nil, err
		}
		s.files = append(s.files, f)
		s.names = append(s.names, name)
		return f, nil
	}
	var src, tgt io.Writer
	if o.ShardSize > 0 {
		for _, l := range []string{o.SrcLang, o.TgtLang} {
			name := o.Prefix + "." + l
			if o.Gzip {
				name += ".gz"
			}
			f, err := CreateSharded(filepath.Join(o.Dir, name), o.ShardSize)
			if err != nil {
				s.Abort()
				return nil, err
			}
			s.sharded = append(s.sharded, f)
		}
		src, tgt = s.sharded[0], s.sharded[1]
	} else {
		f, err := create(o.Prefix + "." + o.SrcLang)
		if err != nil {
			return nil, err
		}
		g, err := create(o.Prefix + "." + o.TgtLang)
		if err != nil {
			return nil, err
		}
		src, tgt = f, g
		s.counts = append(s.counts, s.pairCount, s.pairCount)
	}
	s.moses = NewMosesWriter(src, tgt)
	seen := map[string]bool{FormatMoses: true}
	for _, fmtName := range o.Formats {
		if seen[fmtName] {
			continue
		}
		seen[fmtName] = true
		switch fmtName {
		case FormatTSV:
			f, err := create(o.Prefix + ".tsv")
			if err != nil {
				return nil, err
			}
			w := NewTSVWriter(f)
			s.writers = append(s.writers, w)
			s.counts = append(s.counts, func() int { return w.n })
		case FormatJSONL:
			f, err := create(o.Prefix + ".jsonl")
			if err != nil {
				return nil, err
			}
			w := NewPairJSONLWriter(f)
			s.writers = append(s.writers, w)
			s.counts = append(s.counts, w.j.Records)
		case FormatTMX:
			f, err := create(o.Prefix + ".tmx")
			if err != nil {
				return nil, err
			}
			w, err := NewTMXWriter(f, TMXHeader{SrcLang: o.SrcLang, TgtLang: o.TgtLang, Tool: o.Tool, ToolVersion: o.ToolVersion})
			if err != nil {
				s.Abort()
				return nil, err
			}
			s.tmx = w
			s.writers = append(s.writers, w)
			s.counts = append(s.counts, w.Pairs)
		default:
			s.Abort()
			return nil, fmt.Errorf("%w %q (want moses, tsv, jsonl or tmx)", ErrUnknownFormat, fmtName)
		}
	}
	return s, nil
}

// WritePair writes p to every format. A pair that CheckPair refuses is
// written nowhere and the error wraps ErrBadLine; the set stays usable.
// Any other error is a write error.
func (s *PairSet) WritePair(p *Pair) error {
	if s.done {
		return errors.New("pair set: write after Finish")
	}
	if err := CheckPair(p); err != nil {
		return fmt.Errorf("pair %d: %w", s.n+1, err)
	}
	if err := s.moses.writeChecked(p); err != nil {
		return err
	}
	for _, w := range s.writers {
		if err := w.writeChecked(p); err != nil {
			return err
		}
	}
	s.n++
	return nil
}

// Pairs returns the number of pairs written.
func (s *PairSet) Pairs() int { return s.n }

// Outputs returns the number of records (lines, objects or translation
// units) of each file, by file name.
func (s *PairSet) Outputs() map[string]int {
	out := map[string]int{}
	for i, name := range s.names {
		out[name] = s.counts[i]()
	}
	for _, f := range s.sharded {
		for _, sh := range f.Shards() {
			out[sh.Name] = sh.Lines
		}
	}
	return out
}

// Shards lists the shards of the Moses files by their whole name
// (corpus.en), or nothing when they are not sharded.
func (s *PairSet) Shards() map[string][]Shard {
	out := map[string][]Shard{}
	for _, f := range s.sharded {
		out[filepath.Base(f.Name())] = f.Shards()
	}
	return out
}

func (s *PairSet) pairCount() int { return s.moses.Pairs() }

// Finish writes what closes the formats (the TMX trailer). Call it once
// after the last pair, before committing the Files.
func (s *PairSet) Finish() error {
	if s.done {
		return nil
	}
	s.done = true
	if s.tmx != nil {
		return s.tmx.Close()
	}
	return nil
}

// Files returns the set's files, to commit with a run's other outputs
// (CommitAll) after Finish.
func (s *PairSet) Files() []*AtomicFile {
	files := append([]*AtomicFile(nil), s.files...)
	for _, f := range s.sharded {
		files = append(files, f.Files()...)
	}
	return files
}

// Commit finishes the formats and commits every file together.
func (s *PairSet) Commit() error {
	if err := s.Finish(); err != nil {
		s.Abort()
		return err
	}
	return CommitAll(s.Files()...)
}

// Abort discards every file.
func (s *PairSet) Abort() {
	for _, f := range s.files {
		_ = f.Abort()
	}
	for _, f := range s.sharded {
		f.Abort()
	}
}

package pipeline

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/paraline/paraline/corpus"
)

// JournalDir is the folder in an output directory that holds the journal of
// a run in progress: its header (what the run reads and how), the evidence
// of its first pass and the results of the documents processed so far. A run
// that succeeds removes it; Options.Resume picks an interrupted run up
// from it.
const JournalDir = ".paraline-journal"

const (
	journalHeader   = "header.json"
	journalEvidence = "evidence.bin"
	journalResults  = "results.log"
	// journalAutoUnpaired marks a run that AutoPair found not bilingual.
	journalAutoUnpaired = "auto-unpaired"
	// journalSyncDocs and journalSyncEvery bound the results lost when
	// the machine (not only the process) dies: the journal is fsynced
	// after that many documents or that much time, whichever comes first.
	journalSyncDocs  = 256
	journalSyncEvery = 2 * time.Second
)

// ErrResumeMismatch is returned (wrapped) by Run with Options.Resume when
// the journal in the output directory belongs to other inputs or flags.
var ErrResumeMismatch = errors.New("cannot resume")

// journalHeaderData is header.json: what decides the outputs of a run.
type journalHeaderData struct {
	Version int `json:"version"`
	// Inputs are the files read, in order, with size and modification
	// time (not content hashes: hashing a crawl would cost a pass).
	Inputs []inputStamp `json:"inputs"`
	// Flags are the options that change the outputs.
	Flags json.RawMessage `json:"flags"`
	// Hash is the SHA-256 of Inputs and Flags.
	Hash string `json:"hash"`
}

type inputStamp struct {
	Path  string `json:"path"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
	Err   string `json:"err,omitempty"`
}

// outputFlags are the options that change a run's outputs (Workers,
// Progress and the like do not).
type outputFlags struct {
	// The names are those of paraline run's flags, so that a refusal to
	// resume names the flag that changed.
	Langs      []string `json:"langs"`
	Encoding   string   `json:"encoding"`
	Strict     bool     `json:"strict"`
	KeepStatus bool     `json:"keep-status"`
	// MaxLineBytes decides which documents fail (read:long-line); 0 is
	// written as the default it means.
	MaxLineBytes  int64    `json:"max-line-bytes"`
	NoRepeat      bool     `json:"no-repeat"`
	MinRepeat     int      `json:"min-repeat"`
	KeepLanguages bool     `json:"keep-languages"`
	NoRepair      bool     `json:"no-repair"`
	FixPunct      bool     `json:"fix-punct"`
	NoSplit       bool     `json:"no-split"`
	LowAccuracy   bool     `json:"low-accuracy"`
	Detector      string   `json:"detector,omitempty"`
	NoClean       bool     `json:"no-clean"`
	Filters       any      `json:"filters"`
	NoDedup       bool     `json:"no-dedup"`
	Formats       []string `json:"format"`
	Gzip          bool     `json:"gzip"`
	ShardSize     int      `json:"shard-size"`
	Version       string   `json:"version"`
	// Those of a two-version run.
	Pairs    string   `json:"pairs,omitempty"`
	PairBy   string   `json:"pair-by,omitempty"`
	AutoPair bool     `json:"auto-pair,omitempty"`
	MinScore *float64 `json:"min-score,omitempty"`
	// Dict is the size of the aligner's dictionary (not its content).
	Dict      int  `json:"dict,omitempty"`
	NoLexicon bool `json:"no-lexicon"`
	// Those of a translating run: the translator is named by its
	// backend's ID ("google-v2:nmt", "apertium", "exec:COMMAND").
	TranslateTo string `json:"translate-to,omitempty"`
	Translator  string `json:"translator,omitempty"`
	DryRun      bool   `json:"dry-run,omitempty"`
	// Batch is the most texts one request of the translator holds (the
	// --batch value in effect: the service's limit when --batch is 0 or
	// above it; 0: no limit). It decides which texts share a request, so
	// which fail together and how many requests the report counts.
	// --price-per-million is left out: the report prices every character
	// sent, journaled batches included, at the resumed run's price, as an
	// uninterrupted run at that price does. The flags that only pace the
	// requests (--concurrency, --chars-per-minute, --timeout, --retries)
	// and the cache are left out too: a run's outcome already depends on
	// the service's answers.
	Batch int `json:"batch,omitempty"`
}

// journalable says why a run cannot keep a journal, or "" when it can.
func journalable(o *Options) string {
	if o.Pairs == "" && (len(o.Inputs) == 0 || contains(o.Inputs, "-")) {
		return "runs that read standard input"
	}
	if o.FS != nil {
		return "runs that read an fs.FS"
	}
	return ""
}

// newJournalHeader describes the run of opts (after EnsureDefaults).
func newJournalHeader(opts *Options) (*journalHeaderData, error) {
	h := &journalHeaderData{Version: 1}
	stamp := func(path string, err error) {
		st := inputStamp{Path: path}
		if err != nil {
			st.Err = err.Error()
		} else if fi, err := os.Stat(path); err != nil {
			st.Err = err.Error()
		} else {
			st.Size, st.MTime = fi.Size(), fi.ModTime().UnixNano()
		}
		h.Inputs = append(h.Inputs, st)
	}
	if opts.Pairs != "" {
		// The pairs file and the documents it names.
		stamp(opts.Pairs, nil)
		jobs, err := readPairsFile(opts.Pairs)
		if err != nil {
			return nil, err
		}
		for _, j := range jobs {
			stamp(j.src.path, nil)
			stamp(j.tgt.path, nil)
		}
	} else {
		for _, arg := range opts.Inputs {
			for _, in := range corpus.Expand(arg, corpus.Options{}) {
				stamp(in.Path, in.Err)
			}
		}
	}
	f := outputFlags{Langs: opts.Langs, Encoding: opts.Encoding, Strict: opts.Strict, KeepStatus: opts.KeepStatus,
		MaxLineBytes: cmp.Or(max(opts.MaxLineBytes, -1), corpus.DefaultMaxLineBytes),
		NoRepeat:     opts.NoRepeat, MinRepeat: opts.MinRepeat, KeepLanguages: opts.KeepLanguages, NoRepair: opts.NoRepair,
		FixPunct: opts.FixPunct, NoSplit: opts.NoSplit, LowAccuracy: opts.LowAccuracy, NoClean: opts.NoClean,
		Filters: opts.Filters, NoDedup: opts.NoDedup, Formats: opts.Formats, Gzip: opts.Gzip, ShardSize: opts.ShardSize,
		Version: opts.Version, Pairs: opts.Pairs, PairBy: opts.PairBy, AutoPair: opts.AutoPair, MinScore: opts.MinScore,
		NoLexicon: opts.NoLexicon}
	if opts.Dict != nil {
		f.Dict = opts.Dict.Len()
	}
	if opts.Detector != nil {
		f.Detector = fmt.Sprintf("%T", opts.Detector)
	}
	if opts.TranslateTo != "" {
		f.TranslateTo, f.Translator, f.DryRun = opts.TranslateTo, translatorID(opts.Translator), opts.DryRun
		if b, ok := opts.Translator.(interface{ MaxTexts() int }); ok {
			f.Batch = b.MaxTexts()
		}
	}
	b, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("journal: encode flags: %w", err)
	}
	h.Flags = b
	in, _ := json.Marshal(h.Inputs)
	sum := sha256.Sum256(append(append(in, 0), b...))
	h.Hash = hex.EncodeToString(sum[:])
	return h, nil
}

// mismatch says how the run described by h differs from the journaled one.
func (h *journalHeaderData) mismatch(old *journalHeaderData) string {
	if h.Hash == old.Hash {
		return ""
	}
	if string(h.Flags) != string(old.Flags) {
		// Numbers as written (1048576, not 1.048576e+06).
		decode := func(data []byte) map[string]any {
			var m map[string]any
			d := json.NewDecoder(bytes.NewReader(data))
			d.UseNumber()
			_ = d.Decode(&m)
			return m
		}
		a, b := decode(old.Flags), decode(h.Flags)
		var diff []string
		for k, v := range b {
			if fmt.Sprint(a[k]) != fmt.Sprint(v) {
				diff = append(diff, fmt.Sprintf("--%s %v -> %v", k, a[k], v))
			}
		}
		for k, v := range a {
			if _, ok := b[k]; !ok {
				diff = append(diff, fmt.Sprintf("--%s %v -> (none)", k, v))
			}
		}
		sort.Strings(diff)
		return "the flags changed (" + strings.Join(diff, ", ") + ")"
	}
	if len(h.Inputs) != len(old.Inputs) {
		return fmt.Sprintf("the inputs changed (%d files, were %d)", len(h.Inputs), len(old.Inputs))
	}
	for i, in := range h.Inputs {
		if o := old.Inputs[i]; in != o {
			return fmt.Sprintf("the inputs changed (%s: size %d -> %d, modified %s -> %s)", in.Path, o.Size, in.Size,
				time.Unix(0, o.MTime).UTC().Format(time.RFC3339), time.Unix(0, in.MTime).UTC().Format(time.RFC3339))
		}
	}
	return "the inputs or flags changed"
}

// journal is the journal of a run in progress.
type journal struct {
	dir      string
	f        *os.File
	unsynced int
	lastSync time.Time
}

// writeFileSync writes b to path atomically (temporary file, fsync, rename).
func writeFileSync(path string, b []byte) error {
	a, err := corpus.CreateAtomic(path)
	if err != nil {
		return err
	}
	if _, err := a.Write(b); err != nil {
		_ = a.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return a.Commit()
}

// Record tags of a translating run's journal, whose records are tagged:
// the tag, then a DocResult's MarshalBinary or a translationBatch in JSON.
// The records of other runs are untagged results.
const (
	recDoc         = 'D'
	recTranslation = 'T'
)

// appendResult adds one result record: length, CRC-32C, the result's
// MarshalBinary (a DocResult, or a PairResult in a two-version run),
// after tag when tag is not 0.
func (j *journal) appendResult(tag byte, r encoding.BinaryMarshaler) error {
	b, err := r.MarshalBinary()
	if err != nil {
		return err
	}
	if tag != 0 {
		b = append([]byte{tag}, b...)
	}
	return j.appendRecord(b)
}

// appendTranslation adds the record of a translation batch.
func (j *journal) appendTranslation(tb *translationBatch) error {
	b, err := json.Marshal(tb)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return j.appendRecord(append([]byte{recTranslation}, b...))
}

// appendRecord adds the record b.
func (j *journal) appendRecord(b []byte) error {
	// One write per record, unbuffered: a killed process loses only the
	// documents in flight (the kernel keeps what was written); fsync
	// below bounds what a crash of the machine loses.
	rec := make([]byte, 8, 8+len(b))
	binary.LittleEndian.PutUint32(rec[:4], uint32(len(b)))
	binary.LittleEndian.PutUint32(rec[4:], crc32.Checksum(b, crcTable))
	if _, err := j.f.Write(append(rec, b...)); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	j.unsynced++
	if j.unsynced >= journalSyncDocs || time.Since(j.lastSync) >= journalSyncEvery {
		return j.sync()
	}
	return nil
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// errBadRecord is returned by the decoder given to scanResults for a
// record that does not decode.
var errBadRecord = errors.New("journal: record does not decode")

func (j *journal) sync() error {
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	j.unsynced, j.lastSync = 0, time.Now()
	return nil
}

func (j *journal) close() error {
	if j.f == nil {
		return nil
	}
	err := j.sync()
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	j.f = nil
	return err
}

// scanResults reads the complete records of the results log, one at a
// time (a journal may be larger than memory), and returns their number and
// the length of the file they make up; a torn or corrupt tail is left out.
// With fn nil it only counts; otherwise it passes each record to fn, which
// decodes it (a record that does not decode ends the log, as a corrupt one
// does: fn returns errBadRecord), stopping at fn's first other error.
func scanResults(path string, fn func([]byte) error) (int, int64, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	var good int64
	var buf []byte
	for n := 0; ; n++ {
		var head [8]byte
		if _, err := io.ReadFull(br, head[:]); err != nil {
			return n, good, nil
		}
		size := binary.LittleEndian.Uint32(head[:4])
		if size > 1<<30 {
			return n, good, nil
		}
		if cap(buf) < int(size) {
			buf = make([]byte, size)
		}
		b := buf[:size]
		if _, err := io.ReadFull(br, b); err != nil {
			return n, good, nil
		}
		if crc32.Checksum(b, crcTable) != binary.LittleEndian.Uint32(head[4:]) {
			return n, good, nil
		}
		if fn != nil {
			if err := fn(b); errors.Is(err, errBadRecord) {
				return n, good, nil
			} else if err != nil {
				return n, good, err
			}
		}
		good += 8 + int64(size)
	}
}

// removeTemporaries removes the temporary outputs (".NAME.tmp-*") that an
// interrupted run left in dir.
func removeTemporaries(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		i := strings.LastIndex(n, ".tmp-")
		if e.IsDir() || !strings.HasPrefix(n, ".") || i < 0 {
			continue
		}
		switch base := n[1:i]; {
		case strings.HasPrefix(base, "mono."), strings.HasPrefix(base, "corpus."), base == "rejects.jsonl",
			base == "report.json", base == "report.html", base == corpus.ManifestName[1:], base == "shards.json",
			base == "docpairs.tsv":
			_ = os.Remove(filepath.Join(dir, n))
		}
	}
}

// runJournaled is Run for the runs that keep a journal (see journalable).
func runJournaled(ctx context.Context, dir string, opts Options, start time.Time) (*Report, error) {
	jdir := filepath.Join(dir, JournalDir)
	head, err := newJournalHeader(&opts)
	if err != nil {
		return nil, err
	}
	var ev *Evidence
	var done int // records journaled
	var goodLen int64
	// A translating run tags its records: documents and translation
	// batches; docs and batches count them.
	tagged := opts.TranslateTo != ""
	var docs, batches int
	resumed := false
	var pairing *pairingRecord // the document pairs of the interrupted run
	old, err := os.ReadFile(filepath.Join(jdir, journalHeader))
	switch {
	case err == nil && opts.Resume:
		var oh journalHeaderData
		if err := json.Unmarshal(old, &oh); err != nil {
			return nil, fmt.Errorf("%w %s: unreadable journal header (%v); run without --resume to start again", ErrResumeMismatch, dir, err)
		}
		if why := head.mismatch(&oh); why != "" {
			return nil, fmt.Errorf("%w %s: %s since the interrupted run; run without --resume to start again", ErrResumeMismatch, dir, why)
		}
		resumed = true
		if b, err := os.ReadFile(filepath.Join(jdir, journalEvidence)); err == nil {
			ev = &Evidence{}
			if err := ev.UnmarshalBinary(b); err != nil {
				return nil, fmt.Errorf("%w %s: journal: %v; run without --resume to start again", ErrResumeMismatch, dir, err)
			}
			var count func([]byte) error
			if tagged {
				count = func(b []byte) error {
					switch {
					case len(b) > 0 && b[0] == recDoc:
						docs++
					case len(b) > 0 && b[0] == recTranslation:
						batches++
					default:
						return errBadRecord
					}
					return nil
				}
			}
			if done, goodLen, err = scanResults(filepath.Join(jdir, journalResults), count); err != nil {
				return nil, err
			}
			if !tagged {
				docs = done
			}
		}
		removeTemporaries(dir)
		// The pairing is taken only with the evidence: the evidence of a
		// run that pairs is that of the reading that paired.
		if ev != nil {
			if pairing, err = readPairing(jdir, head.Hash); err != nil {
				return nil, fmt.Errorf("%w %s: %v; run without --resume to start again", ErrResumeMismatch, dir, err)
			}
		}
		unit := "documents"
		if opts.Pairs != "" || opts.PairBy != "" || pairing != nil {
			unit = "pair jobs"
		}
		msg := fmt.Sprintf("resuming the run in %s: %d %s done", dir, docs, unit)
		if tagged {
			msg += fmt.Sprintf(", %d translation batches journaled", batches)
		}
		if pairing != nil {
			msg += fmt.Sprintf(", %d document pairs from the journal", len(pairing.Docpairs.Pairs))
		}
		opts.warn(msg)
	case err == nil:
		opts.warn(fmt.Sprintf("replacing the journal of an unfinished run in %s (use --resume to continue it)", dir))
		removeTemporaries(dir)
		if err := os.RemoveAll(jdir); err != nil {
			return nil, fmt.Errorf("remove journal: %w", err)
		}
	case opts.Resume && errors.Is(err, fs.ErrNotExist):
		opts.warn(fmt.Sprintf("no unfinished run in %s to resume: starting from the beginning", dir))
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("read journal: %w", err)
	}
	if !resumed {
		if err := os.MkdirAll(jdir, 0o755); err != nil {
			return nil, fmt.Errorf("create journal: %w", err)
		}
		b, _ := json.Marshal(head)
		if err := writeFileSync(filepath.Join(jdir, journalHeader), b); err != nil {
			return nil, err
		}
	}
	// A run that pairs by default when its inputs are a bilingual crawl
	// (AutoPair) decided once, reading every document, that they are not;
	// its resumption takes that decision from the journal instead of
	// reading the inputs again (the header above checked they did not
	// change).
	unpairedMark := filepath.Join(jdir, journalAutoUnpaired)
	if resumed && opts.AutoPair {
		if _, err := os.Stat(unpairedMark); err == nil {
			opts.AutoPair = false
		}
	}
	e, err := newEngine(ctx, opts, true, pairing)
	if err != nil {
		return nil, err
	}
	defer e.Close() // close the archives of pair jobs
	if !resumed && opts.AutoPair && !e.Paired() {
		if err := writeFileSync(unpairedMark, nil); err != nil {
			return nil, err
		}
	}
	// The document pairs, found by reading and classifying every
	// document, are journaled before the evidence, so that a resumed run
	// does not pair again.
	if pairing == nil {
		if err := writePairing(jdir, e, head.Hash); err != nil {
			return nil, err
		}
	}
	if ev == nil {
		if ev, err = e.collect(ctx); err != nil {
			return nil, err
		}
		b, err := ev.MarshalBinary()
		if err != nil {
			return nil, err
		}
		if err := writeFileSync(filepath.Join(jdir, journalEvidence), b); err != nil {
			return nil, err
		}
	} else if err := e.checkEvidence(ev); err != nil {
		return nil, fmt.Errorf("%w %s: %v", ErrResumeMismatch, dir, err)
	}
	if err := e.useEvidence(ev); err != nil {
		return nil, err
	}
	w, err := NewWriter(dir, e)
	if err != nil {
		return nil, err
	}
	defer w.Abort()
	w.start = start
	f, err := os.OpenFile(filepath.Join(jdir, journalResults), os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	// Drop a torn last record before appending.
	if err := f.Truncate(goodLen); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal: %w", err)
	}
	if _, err := f.Seek(goodLen, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("journal: %w", err)
	}
	j := &journal{dir: jdir, f: f, lastSync: time.Now()}
	defer j.close()
	tw := w.w.tr
	if tw != nil {
		tw.journal = j.appendTranslation
	}
	results := filepath.Join(jdir, journalResults)
	// replayed checks that the journal gave back as many results as it
	// counted.
	replayed := func(n int, err error) error {
		if err == nil && n != done {
			err = fmt.Errorf("journal: %d results replayed, %d counted", n, done)
		}
		return err
	}
	if e.Paired() {
		var replay func(func(*PairResult) error) error
		if done > 0 {
			replay = func(yield func(*PairResult) error) error {
				n, _, err := scanResults(results, func(b []byte) error {
					var r PairResult
					if r.UnmarshalBinary(b) != nil {
						return errBadRecord
					}
					return yield(&r)
				})
				return replayed(n, err)
			}
		}
		err = e.eachPairFrom(ctx, replay, func(r *PairResult, replayed bool) error {
			if !replayed {
				if err := j.appendResult(0, r); err != nil {
					return err
				}
			}
			return w.AddPair(r)
		})
	} else {
		var replay func(func(*DocResult) error) error
		if done > 0 {
			replay = func(yield func(*DocResult) error) error {
				n, _, err := scanResults(results, func(b []byte) error {
					if tagged {
						if len(b) == 0 {
							return errBadRecord
						}
						if b[0] == recTranslation {
							// Queued for the batch it was made for: the
							// documents that filled it come after it.
							tb := &translationBatch{}
							if json.Unmarshal(b[1:], tb) != nil || tw == nil {
								return errBadRecord
							}
							tw.replay = append(tw.replay, tb)
							return nil
						}
						if b[0] != recDoc {
							return errBadRecord
						}
						b = b[1:]
					}
					var r DocResult
					if r.UnmarshalBinary(b) != nil {
						return errBadRecord
					}
					return yield(&r)
				})
				return replayed(n, err)
			}
		}
		var tag byte
		if tagged {
			tag = recDoc
		}
		err = e.eachFrom(ctx, replay, func(r *DocResult, replayed bool) error {
			// The writer first: a translating run translates a batch
			// when a document fills it, and journals the batch before
			// that document, so that a resumed run has the batch in
			// hand when the document fills it again.
			if err := w.Add(ctx, r); err != nil {
				return err
			}
			if !replayed {
				return j.appendResult(tag, r)
			}
			return nil
		})
		if err == nil && tw != nil {
			// The last batch, journaled too.
			err = tw.flush(ctx)
		}
	}
	if err != nil {
		return w.Report(), err
	}
	if err := j.close(); err != nil {
		return w.Report(), err
	}
	rep, err := finish(ctx, w)
	if err == nil || errors.Is(err, ErrFailedDocuments) {
		if rerr := os.RemoveAll(jdir); rerr != nil && err == nil {
			err = fmt.Errorf("remove journal: %w", rerr)
		}
	}
	return rep, err
}

// warn passes msg to o.Warn, if set.
func (o *Options) warn(msg string) {
	if o.Warn != nil {
		o.Warn(msg)
	}
}

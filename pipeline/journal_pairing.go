package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/docpair"
)

// journalPairing is the file of the journal that holds the document pairs
// of a run paired by package docpair (--pair-by auto|url|content, or the
// default pairing of a bilingual crawl): a resumed run takes its jobs from
// it instead of reading and classifying every document again to pair them.
const journalPairing = "pairing.json"

// pairingRecord is journalPairing: the pair jobs of a run, in order, and
// the docpair result that docpairs.tsv and the report show.
type pairingRecord struct {
	// Hash is the journal header's: a pairing of other inputs or flags is
	// never taken.
	Hash string `json:"hash"`
	// PairBy is the rule the run paired by (PairByAuto for the default
	// pairing of a bilingual crawl).
	PairBy   string          `json:"pair_by"`
	Jobs     [][2]jobRef     `json:"jobs"`
	Docpairs *docpair.Result `json:"docpairs"`
}

// jobRef is a docRef as the journal keeps it. A docRef that holds a read
// error is not kept (see pairingOf).
type jobRef struct {
	Path string            `json:"path,omitempty"`
	ID   string            `json:"id,omitempty"`
	Rec  *corpus.RecordRef `json:"rec,omitempty"`
	Skip string            `json:"skip,omitempty"`
	Size int64             `json:"size,omitempty"`
}

// pairingOf returns the record of e's pairing, or nil when e was not
// paired by docpair or when a job holds a record of an archive that could
// not be read (its error is not kept: such a run pairs again on resume).
func pairingOf(e *Engine, hash string) *pairingRecord {
	if !e.paired || e.docpairs == nil || !usesDocpair(e.opts.PairBy) {
		return nil
	}
	rec := &pairingRecord{Hash: hash, PairBy: e.opts.PairBy, Docpairs: e.docpairs, Jobs: make([][2]jobRef, len(e.jobs))}
	for i, j := range e.jobs {
		for k, r := range []docRef{j.src, j.tgt} {
			if r.err != nil {
				return nil
			}
			rec.Jobs[i][k] = jobRef{Path: r.path, ID: r.id, Rec: r.rec, Skip: r.skip, Size: r.size}
		}
	}
	return rec
}

// writePairing journals the pairing of e, when it has one to keep.
func writePairing(jdir string, e *Engine, hash string) error {
	rec := pairingOf(e, hash)
	if rec == nil {
		return nil
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("journal: pairing: %w", err)
	}
	return writeFileSync(filepath.Join(jdir, journalPairing), b)
}

// readPairing returns the pairing journaled in jdir for the run of hash,
// or nil when there is none.
func readPairing(jdir, hash string) (*pairingRecord, error) {
	b, err := os.ReadFile(filepath.Join(jdir, journalPairing))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	var rec pairingRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("journal: %s: %w", journalPairing, err)
	}
	if rec.Hash != hash || !usesDocpair(rec.PairBy) || rec.Docpairs == nil {
		return nil, fmt.Errorf("journal: %s belongs to another run", journalPairing)
	}
	return &rec, nil
}

// usePairing makes e the two-version run of a journaled pairing, as
// autoPair or pairJobs left it: the same jobs, rule and docpair result.
func (e *Engine) usePairing(rec *pairingRecord) error {
	jobs := make([]pairJob, len(rec.Jobs))
	for i, j := range rec.Jobs {
		refs := [2]docRef{}
		for k, r := range j {
			refs[k] = docRef{path: r.Path, id: r.ID, rec: r.Rec, skip: r.Skip, size: r.Size}
			if r.Rec != nil && e.records == nil {
				o, err := corpus.NewRecordOpener(e.readOptions())
				if err != nil {
					return err
				}
				e.records = o
			}
		}
		jobs[i] = pairJob{src: refs[0], tgt: refs[1]}
	}
	e.opts.PairBy, e.docpairs = rec.PairBy, rec.Docpairs
	e.setJobs(jobs)
	return nil
}

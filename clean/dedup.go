package clean

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// Duplicate kinds reported by Dedup.Seen.
const (
	DupExact      = "exact"      // the same source and target text
	DupNormalized = "normalized" // the same letters and digits, case ignored (spaces and punctuation dropped)
)

// DedupOptions configure a Dedup.
type DedupOptions struct {
	// NoNormalized turns off normalised duplicates (exact ones only).
	NoNormalized bool
	// MemKeys is the number of 64-bit hashes kept in memory before they are
	// written to a sorted run on disk (two per distinct pair). Default
	// 1<<21 (a 32 MB table); memory past it is about 1.3 bytes per hash
	// (Bloom filter and sparse index of the runs).
	MemKeys int
	// TempDir is where runs are written; default os.TempDir(). The files
	// are removed by Close.
	TempDir string
}

// Dedup finds duplicate pairs across a whole run: exact duplicates and
// normalised ones (lower-cased letters and digits only). Pairs are identified by
// 64-bit FNV-1a hashes (a false duplicate needs a hash collision, about one
// chance in 10^12 per pair at ten million pairs). Hashes are kept in a
// table in memory up to DedupOptions.MemKeys, then sorted and written to
// runs on disk, each with a Bloom filter and a sparse index in memory, so
// memory stays bounded by about 1.3 bytes per hash past the table.
// Seen must be called in input order for the first occurrence to be kept;
// a Dedup is not safe for concurrent use.
type Dedup struct {
	opts   DedupOptions
	tab    hashTable
	runs   []*run
	dir    string // temp directory, created on first spill
	err    error
	buf    []byte
	exact  int64
	normal int64
	seen   int64
	spills int // runs written in all
}

// NewDedup returns a Dedup.
func NewDedup(opts DedupOptions) *Dedup {
	if opts.MemKeys <= 0 {
		opts.MemKeys = 1 << 21
	}
	d := &Dedup{opts: opts}
	d.tab.init(opts.MemKeys)
	return d
}

// FNV-1a 64.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix is the splitmix64 finaliser, spreading hash bits for the table and
// the Bloom filters.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// exactKey and normKeyHash return the hashes of a pair; normKeyHash
// returns 0 when a side has neither letter nor digit.
func exactKey(p *Pair) uint64 {
	h := fnvString(fnvOffset, "E")
	h = fnvString(h, p.Src)
	h = fnvString(h, "\x00")
	return nonZero(fnvString(h, p.Tgt))
}

func normKeyHash(p *Pair, buf []byte) (uint64, []byte) {
	buf = normKey(append(buf[:0], 'N'), p.Src)
	n := len(buf)
	buf = append(buf, 0)
	buf = normKey(buf, p.Tgt)
	if n == 1 || len(buf) == n+1 {
		return 0, buf
	}
	return nonZero(fnvBytes(fnvOffset, buf)), buf
}

func nonZero(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// Seen reports whether p duplicates a pair given before, and of which
// kind (DupExact or DupNormalized); a new pair is remembered.
func (d *Dedup) Seen(p *Pair) (dup bool, kind string) {
	var n uint64
	if !d.opts.NoNormalized {
		n, d.buf = normKeyHash(p, d.buf)
	}
	return d.seenKeys(exactKey(p), n)
}

// seenKeys is Seen given the pair's hashes (n is 0 for no normalised key).
func (d *Dedup) seenKeys(e, n uint64) (dup bool, kind string) {
	d.seen++
	if d.has(e) {
		d.exact++
		return true, DupExact
	}
	if d.opts.NoNormalized {
		n = 0
	}
	if n != 0 {
		if d.has(n) {
			d.normal++
			// remember the exact form too, so its copies count as exact
			d.add(e)
			return true, DupNormalized
		}
	}
	d.add(e)
	if n != 0 {
		d.add(n)
	}
	return false, ""
}

// DedupStats counts what a Dedup saw.
type DedupStats struct {
	Pairs      int64 `json:"pairs"`
	Exact      int64 `json:"exact"`
	Normalized int64 `json:"normalized"`
	// Runs is the number of sorted runs written to disk (0 when everything
	// fitted in memory); runs are merged as they pile up.
	Runs int `json:"runs"`
}

// Stats returns the counts so far.
func (d *Dedup) Stats() DedupStats {
	return DedupStats{Pairs: d.seen, Exact: d.exact, Normalized: d.normal, Runs: d.spills}
}

// Err returns the first error writing or reading the runs on disk. After
// such an error Dedup keeps every new hash in memory, so results stay
// right and only the memory bound is lost.
func (d *Dedup) Err() error { return d.err }

// Close removes the runs from disk.
func (d *Dedup) Close() error {
	var first error
	for _, r := range d.runs {
		if err := r.f.Close(); err != nil && first == nil {
			first = err
		}
	}
	d.runs = nil
	if d.dir != "" {
		if err := os.RemoveAll(d.dir); err != nil && first == nil {
			first = fmt.Errorf("remove dedup runs: %w", err)
		}
		d.dir = ""
	}
	return first
}

func (d *Dedup) has(k uint64) bool {
	if d.tab.has(k) {
		return true
	}
	for _, r := range d.runs {
		ok, err := r.has(k)
		if err != nil && d.err == nil {
			d.err = err
		}
		if ok {
			return true
		}
	}
	return false
}

func (d *Dedup) add(k uint64) {
	if d.tab.n >= d.tab.limit && d.err == nil {
		if err := d.spill(); err != nil {
			d.err = err
		}
	}
	if d.tab.n >= d.tab.limit {
		d.tab.grow()
	}
	d.tab.add(k)
}

// maxRuns is the number of runs past which they are merged into one.
const maxRuns = 8

// spill writes the table's keys as a sorted run and empties the table.
func (d *Dedup) spill() error {
	if d.dir == "" {
		dir, err := os.MkdirTemp(d.opts.TempDir, "paraline-dedup-*")
		if err != nil {
			return fmt.Errorf("dedup: %w", err)
		}
		d.dir = dir
	}
	keys := d.tab.keys()
	slices.Sort(keys)
	r, err := writeRun(filepath.Join(d.dir, fmt.Sprintf("run-%d", len(d.runs))), func(emit func(uint64) error) error {
		for _, k := range keys {
			if err := emit(k); err != nil {
				return err
			}
		}
		return nil
	}, int64(len(keys)))
	if err != nil {
		return err
	}
	d.runs = append(d.runs, r)
	d.spills++
	d.tab.reset()
	if len(d.runs) > maxRuns {
		return d.merge()
	}
	return nil
}

// merge merges every run into one.
func (d *Dedup) merge() error {
	var total int64
	readers := make([]*bufio.Reader, len(d.runs))
	heads := make([]uint64, len(d.runs))
	left := make([]int64, len(d.runs))
	for i, r := range d.runs {
		total += r.n
		readers[i] = bufio.NewReaderSize(io.NewSectionReader(r.f, 0, r.n*8), 64<<10)
		left[i] = r.n
	}
	var b [8]byte
	next := func(i int) error {
		if left[i] == 0 {
			return nil
		}
		if _, err := io.ReadFull(readers[i], b[:]); err != nil {
			return err
		}
		heads[i] = binary.LittleEndian.Uint64(b[:])
		left[i]--
		return nil
	}
	live := make([]bool, len(d.runs))
	for i := range d.runs {
		live[i] = left[i] > 0
		if err := next(i); err != nil {
			return fmt.Errorf("dedup: merge runs: %w", err)
		}
	}
	name := filepath.Join(d.dir, fmt.Sprintf("merged-%d", total))
	r, err := writeRun(name, func(emit func(uint64) error) error {
		for {
			best := -1
			for i := range heads {
				if live[i] && (best < 0 || heads[i] < heads[best]) {
					best = i
				}
			}
			if best < 0 {
				return nil
			}
			if err := emit(heads[best]); err != nil {
				return err
			}
			if left[best] == 0 {
				live[best] = false
			} else if err := next(best); err != nil {
				return err
			}
		}
	}, total)
	if err != nil {
		return err
	}
	for _, old := range d.runs {
		_ = old.f.Close()
		_ = os.Remove(old.f.Name())
	}
	d.runs = []*run{r}
	return nil
}

// hashTable is an open-addressing set of non-zero 64-bit keys.
type hashTable struct {
	slots []uint64
	n     int
	limit int // keys before spilling (half the slots)
}

func (t *hashTable) init(limit int) {
	size := 1
	for size < 2*limit {
		size <<= 1
	}
	t.slots = make([]uint64, size)
	t.limit = limit
	t.n = 0
}

func (t *hashTable) has(k uint64) bool {
	mask := uint64(len(t.slots) - 1)
	for i := mix(k) & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case 0:
			return false
		case k:
			return true
		}
	}
}

func (t *hashTable) add(k uint64) {
	mask := uint64(len(t.slots) - 1)
	for i := mix(k) & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case 0:
			t.slots[i] = k
			t.n++
			return
		case k:
			return
		}
	}
}

func (t *hashTable) keys() []uint64 {
	out := make([]uint64, 0, t.n)
	for _, k := range t.slots {
		if k != 0 {
			out = append(out, k)
		}
	}
	return out
}

func (t *hashTable) reset() {
	clear(t.slots)
	t.n = 0
}

// grow doubles the table (used only when runs cannot be written).
func (t *hashTable) grow() {
	old := t.keys()
	t.init(t.limit * 2)
	for _, k := range old {
		t.add(k)
	}
}

// run is a sorted file of keys with a Bloom filter and a sparse index.
type run struct {
	f     *os.File
	n     int64
	index []uint64 // first key of each block
	bloom []uint64
	block []byte
}

// Run parameters: keys per index block, Bloom bits per key and hashes.
const (
	blockKeys    = 512
	bloomBits    = 10
	bloomHashes  = 7
	bloomMinBits = 1024
)

func writeRun(name string, fill func(emit func(uint64) error) error, n int64) (*run, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, fmt.Errorf("dedup: %w", err)
	}
	bits := max(uint64(n)*bloomBits, bloomMinBits)
	r := &run{f: f, bloom: make([]uint64, (bits+63)/64)}
	w := bufio.NewWriterSize(f, 64<<10)
	var b [8]byte
	var prev uint64
	err = fill(func(k uint64) error {
		if r.n > 0 && k == prev {
			return nil
		}
		if r.n%blockKeys == 0 {
			r.index = append(r.index, k)
		}
		binary.LittleEndian.PutUint64(b[:], k)
		if _, err := w.Write(b[:]); err != nil {
			return err
		}
		r.bloomAdd(k)
		r.n++
		prev = k
		return nil
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		_ = f.Close()
		_ = os.Remove(name)
		return nil, fmt.Errorf("dedup: write %s: %w", name, err)
	}
	return r, nil
}

func (r *run) bloomPos(k uint64, i int) uint64 {
	h1, h2 := k, mix(k)|1
	return (h1 + uint64(i)*h2) % uint64(len(r.bloom)*64)
}

func (r *run) bloomAdd(k uint64) {
	for i := range bloomHashes {
		p := r.bloomPos(k, i)
		r.bloom[p/64] |= 1 << (p % 64)
	}
}

func (r *run) has(k uint64) (bool, error) {
	for i := range bloomHashes {
		p := r.bloomPos(k, i)
		if r.bloom[p/64]&(1<<(p%64)) == 0 {
			return false, nil
		}
	}
	b := sort.Search(len(r.index), func(i int) bool { return r.index[i] > k }) - 1
	if b < 0 {
		return false, nil
	}
	cnt := min(int64(blockKeys), r.n-int64(b)*blockKeys)
	if cap(r.block) < blockKeys*8 {
		r.block = make([]byte, blockKeys*8)
	}
	buf := r.block[:cnt*8]
	if _, err := r.f.ReadAt(buf, int64(b)*blockKeys*8); err != nil && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("dedup: read %s: %w", r.f.Name(), err)
	}
	lo, hi := 0, int(cnt)
	for lo < hi {
		m := (lo + hi) / 2
		v := binary.LittleEndian.Uint64(buf[m*8:])
		switch {
		case v == k:
			return true, nil
		case v < k:
			lo = m + 1
		default:
			hi = m
		}
	}
	return false, nil
}

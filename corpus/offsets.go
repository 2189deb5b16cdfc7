package corpus

import (
	"encoding/binary"
	"sort"
)

// An offsetMap maps byte offsets of an output text back to byte offsets of
// the input it was made from. The input is cut into units, each producing
// tl output bytes from rl input bytes (tl == 0 for a removed character);
// consecutive equal units form a run (tl, rl, n), and runs are stored
// compactly: one byte for small runs, otherwise a 0 byte and three uvarints.
// A checkpoint every checkEvery bytes of data bounds a lookup to a short scan.
//
// lookup(t) is monotonic, lookup(0) == 0 and lookup(textLen) == rawLen.
// Input bytes that produced no output (removed characters) belong to the
// output character that follows them: lookup at a boundary returns the input
// offset just after the previous unit that produced output. An offset inside
// a unit (inside a character, or inside characters NFC merged) maps to the
// start of that unit.
type offsetMap struct {
	data            []byte
	checks          []checkpoint
	textLen, rawLen int
}

// checkpoint records the position before the run encoded at data[pos].
type checkpoint struct{ pos, text, raw int }

// checkEvery is the spacing of checkpoints in encoded bytes.
const checkEvery = 128

// mapBuilder accumulates units into an offsetMap.
type mapBuilder struct {
	m         offsetMap
	tl, rl, n int // the current run; n == 0: none
	text, raw int // position at the start of the current run
	nextCheck int
}

// add appends n units that each turn rl input bytes into tl output bytes.
func (b *mapBuilder) add(tl, rl, n int) {
	if n <= 0 || (tl == 0 && rl == 0) {
		return
	}
	if b.n > 0 && tl == b.tl && rl == b.rl {
		b.n += n
		return
	}
	b.flush()
	b.tl, b.rl, b.n = tl, rl, n
}

// flush encodes the current run.
func (b *mapBuilder) flush() {
	if b.n == 0 {
		return
	}
	if b.nextCheck == 0 {
		b.nextCheck = checkEvery
	}
	if len(b.m.data) >= b.nextCheck {
		b.m.checks = append(b.m.checks, checkpoint{len(b.m.data), b.text, b.raw})
		b.nextCheck = len(b.m.data) + checkEvery
	}
	if b.tl <= 7 && b.rl <= 7 && b.n <= 3 {
		b.m.data = append(b.m.data, byte(b.n<<6|b.tl<<3|b.rl))
	} else {
		b.m.data = append(b.m.data, 0)
		b.m.data = binary.AppendUvarint(b.m.data, uint64(b.tl))
		b.m.data = binary.AppendUvarint(b.m.data, uint64(b.rl))
		b.m.data = binary.AppendUvarint(b.m.data, uint64(b.n))
	}
	b.text += b.tl * b.n
	b.raw += b.rl * b.n
	b.n = 0
}

// finish returns the map; textLen and rawLen are the totals of the units.
func (b *mapBuilder) finish() *offsetMap {
	b.flush()
	m := b.m
	m.textLen, m.rawLen = b.text, b.raw
	return &m
}

// run decodes the run at data[pos]; it returns the position of the next run.
func (m *offsetMap) run(pos int) (tl, rl, n, next int) {
	c := m.data[pos]
	if c != 0 {
		return int(c >> 3 & 7), int(c & 7), int(c >> 6), pos + 1
	}
	pos++
	v, k := binary.Uvarint(m.data[pos:])
	tl, pos = int(v), pos+k
	v, k = binary.Uvarint(m.data[pos:])
	rl, pos = int(v), pos+k
	v, k = binary.Uvarint(m.data[pos:])
	n, pos = int(v), pos+k
	return tl, rl, n, pos
}

// lookup maps an output offset to an input offset (see offsetMap).
func (m *offsetMap) lookup(t int) int {
	if t <= 0 {
		return 0
	}
	if t >= m.textLen {
		return m.rawLen
	}
	// The last checkpoint strictly before t: removed characters at t must
	// not be skipped.
	i := sort.Search(len(m.checks), func(i int) bool { return m.checks[i].text >= t }) - 1
	pos, tp, rp := 0, 0, 0
	if i >= 0 {
		c := m.checks[i]
		pos, tp, rp = c.pos, c.text, c.raw
	}
	for pos < len(m.data) {
		if tp == t {
			return rp
		}
		tl, rl, n, next := m.run(pos)
		if tl > 0 && t < tp+tl*n {
			return rp + (t-tp)/tl*rl
		}
		tp += tl * n
		rp += rl * n
		pos = next
	}
	return min(rp, m.rawLen)
}

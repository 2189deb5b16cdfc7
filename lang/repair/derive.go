package repair

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ruDerivPrefixes are the Russian word-forming prefixes whose productivity
// the lexicon generator measured (internal/gen, derivPrefixes), longest
// first within each group of shared starts.
const ruDerivPrefixes = `не ни без бес под подо пред предо пре над надо пере при раз рас разо
вз вс взо из ис изо от ото про до за на по о об обо у в во с со вы недо анти меж контр
сверх супер суб гипер мульти пост само`

// deriveTable holds how productive each prefix is for each ending class of
// the lexicon: of the forms X ending in e, the share that the lexicon also
// has as prefix+X ("не"+"допустимый", "под"+"каталогами"). The share
// estimates how likely an unknown form made of the prefix and a known word
// of that class is a real derived word rather than two words.
type deriveTable struct {
	forms    map[string]float64            // ending -> lexicon forms with it
	prefixed map[string]map[string]float64 // prefix -> ending -> forms X with prefix+X known
	global   map[string]float64            // prefix -> share over all 2-letter endings
	prefixes []string
}

// deriveSmooth is the weight (in forms) of the backed-off share when an
// ending class is small.
const deriveSmooth = 20

func parseDeriveTable(b []byte) (*deriveTable, error) {
	t := &deriveTable{forms: map[string]float64{}, prefixed: map[string]map[string]float64{}, global: map[string]float64{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		n, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: bad count", line)
		}
		switch len(f) {
		case 2:
			t.forms[f[0]] = n
		case 3:
			m := t.prefixed[f[0]]
			if m == nil {
				m = map[string]float64{}
				t.prefixed[f[0]] = m
			}
			m[f[1]] = n
		default:
			return nil, fmt.Errorf("line %d: want 2 or 3 fields, got %d", line, len(f))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for p, m := range t.prefixed {
		var k, n float64
		for e, c := range m {
			if utf8.RuneCountInString(e) == 2 {
				k += c
			}
		}
		for e, c := range t.forms {
			if utf8.RuneCountInString(e) == 2 {
				n += c
			}
		}
		if n > 0 {
			t.global[p] = k / n
		}
	}
	t.prefixes = strings.Fields(ruDerivPrefixes)
	return t, nil
}

// rate returns the share of lexicon words like x that also take prefix p:
// the share of x's 3-letter ending class, smoothed towards its 2-letter
// class, smoothed towards the prefix's overall share. It is 0 when p is not
// a prefix.
func (t *deriveTable) rate(p, x string) float64 {
	r := t.global[p]
	if r == 0 {
		return 0
	}
	m := t.prefixed[p]
	for _, n := range []int{2, 3} {
		e := lastRunes(x, n)
		if e == "" {
			break
		}
		r = (m[e] + deriveSmooth*r) / (t.forms[e] + deriveSmooth)
	}
	return r
}

// lastRunes returns the last n runes of s, or "" when s is shorter.
func lastRunes(s string, n int) string {
	i := len(s)
	for range n {
		if i == 0 {
			return ""
		}
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// derivedCount returns a count for lw (lower case, unknown to the
// lexicon) as a word derived by a prefix from a known word: the largest,
// over the prefixes lw starts with, of the known word's lower-case count
// times the prefix's rate for its class. A rest unknown itself may be
// derived once more ("не"+"пере"+"записанный"). The rest must keep 3 or
// more letters.
func (l *ruLexicon) derivedCount(lw string, depth int) float64 {
	if l.derive == nil || depth > 2 {
		return 0
	}
	if strings.Contains(lw, "ё") {
		lw = strings.ReplaceAll(lw, "ё", "е")
	}
	best := 0.0
	for _, p := range l.derive.prefixes {
		x, ok := strings.CutPrefix(lw, p)
		if !ok || utf8.RuneCountInString(x) < 3 {
			continue
		}
		c, _ := l.counts(x)
		if c == 0 {
			c = l.derivedCount(x, depth+1)
		}
		if c == 0 {
			continue
		}
		best = max(best, c*l.derive.rate(p, x))
	}
	return best
}

package repair

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen -out data

//go:embed data/en.tsv.gz data/ru.fc.gz data/ru_rank.txt.gz data/ru_derive.tsv.gz
var dataFS embed.FS

// lexicon answers how often a word occurs in the language. Lookups take the
// lower-cased word; counts are split by whether the source saw the word in
// lower case (common words) or only capitalised (names, sentence starts).
type lexicon interface {
	// counts returns the lower-case and capitalised counts of lw (lower case).
	counts(lw string) (lower, capital float64)
	// total is the number of running words the counts stand for.
	total() float64
}

// enLexicon is a map from lower-cased word to SUBTLEX-US counts (plus one
// per dictionary list that has the word).
type enLexicon struct {
	m map[string][2]uint32
	n float64
}

func (l *enLexicon) counts(lw string) (float64, float64) {
	c, ok := l.m[lw]
	if !ok {
		return 0, 0
	}
	return float64(c[0]), float64(c[1])
}

func (l *enLexicon) total() float64 { return l.n }

// ruLexicon holds the hunspell word forms as sorted 64-bit hashes (lower
// and capital-only forms apart) and the ranks of the most frequent words.
type ruLexicon struct {
	lower, capital, infinitive []uint64
	rank                       map[string]int
	derive                     *deriveTable
}

// isInfinitive reports whether lw (lower case) is a verb's infinitive.
func (l *ruLexicon) isInfinitive(lw string) bool {
	_, ok := slices.BinarySearch(l.infinitive, hash(strings.ReplaceAll(lw, "ё", "е")))
	return ok
}

// Nominal corpus size and the Zipf constant that turn a rank into a count,
// and the count given to a form that is in the dictionary but not ranked.
const (
	ruTotal     = 1e8
	ruZipf      = 0.06
	ruFormCount = 20
)

func (l *ruLexicon) counts(lw string) (float64, float64) {
	if strings.Contains(lw, "ё") {
		lw = strings.ReplaceAll(lw, "ё", "е")
	}
	if r, ok := l.rank[lw]; ok {
		return ruZipf * ruTotal / float64(r), 0
	}
	h := hash(lw)
	if _, ok := slices.BinarySearch(l.lower, h); ok {
		return ruFormCount, 0
	}
	if _, ok := slices.BinarySearch(l.capital, h); ok {
		return 0, ruFormCount
	}
	return 0, 0
}

func (l *ruLexicon) total() float64 { return ruTotal }

func hash(s string) uint64 {
	h := fnv.New64a()
	_, _ = io.WriteString(h, s)
	return h.Sum64()
}

// The lexicons are loaded once per process and shared read-only by every
// Repairer (like lingua-go's language models).
var (
	loadEN = sync.OnceValues(func() (lexicon, error) { return readEnglish() })
	loadRU = sync.OnceValues(func() (lexicon, error) { return readRussian() })
)

func gunzip(name string) ([]byte, error) {
	f, err := dataFS.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

func readEnglish() (*enLexicon, error) {
	b, err := gunzip("data/en.tsv.gz")
	if err != nil {
		return nil, err
	}
	l := &enLexicon{m: make(map[string][2]uint32, bytes.Count(b, []byte{'\n'}))}
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("en.tsv line %d: want 3 fields, got %d", line, len(f))
		}
		lo, err1 := strconv.ParseUint(f[1], 10, 32)
		ca, err2 := strconv.ParseUint(f[2], 10, 32)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("en.tsv line %d: bad count", line)
		}
		l.m[f[0]] = [2]uint32{uint32(lo), uint32(ca)}
		l.n += float64(lo + ca)
	}
	return l, sc.Err()
}

func readRussian() (*ruLexicon, error) {
	b, err := gunzip("data/ru.fc.gz")
	if err != nil {
		return nil, err
	}
	n := bytes.Count(b, []byte{'\n'})
	l := &ruLexicon{rank: map[string]int{}, lower: make([]uint64, 0, n)}
	var word []byte
	for len(b) > 0 {
		if len(b) < 2 {
			return nil, fmt.Errorf("ru.fc: truncated entry")
		}
		n, flag := int(b[0]), b[1]
		end := bytes.IndexByte(b[2:], '\n')
		if end < 0 || n > len(word) {
			return nil, fmt.Errorf("ru.fc: bad entry after %q", word)
		}
		word = append(word[:n], b[2:2+end]...)
		b = b[2+end+1:]
		h := hash(string(word))
		if flag&1 != 0 {
			l.lower = append(l.lower, h)
		} else {
			l.capital = append(l.capital, h)
		}
		if flag&2 != 0 {
			l.infinitive = append(l.infinitive, h)
		}
	}
	slices.Sort(l.lower)
	slices.Sort(l.capital)
	slices.Sort(l.infinitive)
	r, err := gunzip("data/ru_rank.txt.gz")
	if err != nil {
		return nil, err
	}
	for i, w := range strings.Split(strings.TrimSpace(string(r)), "\n") {
		if _, dup := l.rank[w]; !dup {
			l.rank[w] = i + 1
		}
	}
	d, err := gunzip("data/ru_derive.tsv.gz")
	if err != nil {
		return nil, err
	}
	if l.derive, err = parseDeriveTable(d); err != nil {
		return nil, fmt.Errorf("ru_derive.tsv: %w", err)
	}
	return l, nil
}

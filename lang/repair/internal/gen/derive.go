package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// derivPrefixes are the Russian word-forming prefixes (and the
// prepositions that double as prefixes) whose productivity buildDerive
// measures. Kept in step with ruDerivPrefixes in package repair.
const derivPrefixes = `не ни без бес под подо пред предо пре над надо пере при раз рас разо
вз вс взо из ис изо от ото про до за на по о об обо у в во с со вы недо анти меж контр
сверх супер суб гипер мульти пост само`

// minDeriveEnd is the fewest forms an ending class needs to be written.
const minDeriveEnd = 20

// buildDerive measures, on the expanded Russian lexicon out/ru.fc.gz, how
// productive each prefix is for words of each ending class: for a prefix
// P and an ending e (the last 2 or 3 letters), how many forms X ending in e
// the lexicon has (with 3 or more letters), and how many of them also occur
// as P+X. It writes out/ru_derive.tsv.gz:
//
//	e<TAB>forms                 one line per ending class
//	P<TAB>e<TAB>prefixed        one line per prefix and ending with a count
func buildDerive(out string) error {
	forms, err := readFrontCoded(filepath.Join(out, "ru.fc.gz"))
	if err != nil {
		return err
	}
	set := make(map[string]bool, len(forms))
	for _, w := range forms {
		set[w] = true
	}
	prefixes := strings.Fields(derivPrefixes)
	ends := map[string]int{}
	pref := map[[2]string]int{}
	for _, w := range forms {
		if utf8.RuneCountInString(w) < 3 || strings.Contains(w, "-") {
			continue
		}
		for _, e := range endings(w) {
			ends[e]++
		}
		for _, p := range prefixes {
			x, ok := strings.CutPrefix(w, p)
			if !ok || utf8.RuneCountInString(x) < 3 || !set[x] {
				continue
			}
			for _, e := range endings(x) {
				pref[[2]string{p, e}]++
			}
		}
	}
	var buf bytes.Buffer
	var es []string
	for e, n := range ends {
		if n >= minDeriveEnd {
			es = append(es, e)
		}
	}
	sort.Strings(es)
	for _, e := range es {
		fmt.Fprintf(&buf, "%s\t%d\n", e, ends[e])
	}
	var ps [][2]string
	for k := range pref {
		if ends[k[1]] >= minDeriveEnd {
			ps = append(ps, k)
		}
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i][0] != ps[j][0] {
			return ps[i][0] < ps[j][0]
		}
		return ps[i][1] < ps[j][1]
	})
	for _, k := range ps {
		fmt.Fprintf(&buf, "%s\t%s\t%d\n", k[0], k[1], pref[k])
	}
	return writeGz(filepath.Join(out, "ru_derive.tsv.gz"), buf.Bytes())
}

// endings returns the classes of w: its last 2 and 3 letters.
func endings(w string) []string {
	rs := []rune(w)
	var out []string
	for _, n := range []int{2, 3} {
		if len(rs) >= n {
			out = append(out, string(rs[len(rs)-n:]))
		}
	}
	return out
}

// readFrontCoded reads the forms of a front-coded lexicon (see
// data/README.md).
func readFrontCoded(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var forms []string
	var word []byte
	for len(b) > 0 {
		if len(b) < 2 {
			return nil, fmt.Errorf("%s: truncated entry", path)
		}
		n := int(b[0])
		end := bytes.IndexByte(b[2:], '\n')
		if end < 0 || n > len(word) {
			return nil, fmt.Errorf("%s: bad entry after %q", path, word)
		}
		word = append(word[:n], b[2:2+end]...)
		b = b[2+end+1:]
		forms = append(forms, string(word))
	}
	return forms, nil
}

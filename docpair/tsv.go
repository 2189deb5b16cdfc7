package docpair

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteTSV writes pairs as docpairs.tsv lines:
// src_doc<TAB>tgt_doc<TAB>score<TAB>method, the score with 4 decimals. An
// ID holding a tab or a line break cannot be written and is an error.
func WriteTSV(w io.Writer, pairs []Pair) error {
	bw := bufio.NewWriter(w)
	for i, p := range pairs {
		if strings.ContainsAny(p.Src, "\t\n\r") || strings.ContainsAny(p.Tgt, "\t\n\r") {
			return fmt.Errorf("write pair %d: document ID holds a tab or a line break: %q / %q", i+1, p.Src, p.Tgt)
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\n", p.Src, p.Tgt, strconv.FormatFloat(p.Score, 'f', 4, 64), p.Method)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write pairs: %w", err)
	}
	return nil
}

// ReadTSV reads pairs written by WriteTSV, or a gold file of
// src<TAB>tgt lines (score and method are then 0 and ""). Blank lines and
// lines starting with '#' are skipped.
func ReadTSV(r io.Reader) ([]Pair, error) {
	var pairs []Pair
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[0] == "" || f[1] == "" {
			return nil, fmt.Errorf("line %d: want src<TAB>tgt[<TAB>score<TAB>method]", n)
		}
		p := Pair{Src: f[0], Tgt: f[1]}
		if len(f) > 2 && f[2] != "" {
			x, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: bad score %q", n, f[2])
			}
			p.Score = x
		}
		if len(f) > 3 {
			p.Method = f[3]
		}
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read pairs: %w", err)
	}
	return pairs, nil
}

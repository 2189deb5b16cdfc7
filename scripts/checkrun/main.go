// Command checkrun checks the outputs of "paraline run -o DIR": every output
// named in report.json exists with the line count the report gives, parallel
// files have equal line counts, no line holds a tab or control character, and
// the report's counts add up (in = kept + rejected per stage).
//
// Usage: go run ./scripts/checkrun DIR
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: checkrun DIR")
		os.Exit(2)
	}
	if err := check(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "checkrun:", err)
		os.Exit(1)
	}
}

type report struct {
	Documents struct{ Read, OK, Failed int }
	Stages    []struct {
		Name               string
		In, Kept, Rejected int
	}
	Outputs map[string]int
}

func check(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		return err
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("report.json: %w", err)
	}
	if r.Documents.Read == 0 || r.Documents.Read != r.Documents.OK+r.Documents.Failed {
		return fmt.Errorf("documents do not add up: %+v", r.Documents)
	}
	for _, s := range r.Stages {
		if s.In != s.Kept+s.Rejected {
			return fmt.Errorf("stage %s: in %d != kept %d + rejected %d", s.Name, s.In, s.Kept, s.Rejected)
		}
	}
	names := make([]string, 0, len(r.Outputs))
	for n := range r.Outputs {
		names = append(names, n)
	}
	sort.Strings(names)
	corpusLines := -1
	for _, n := range names {
		base := strings.TrimSuffix(n, ".gz")
		lines, err := countLines(filepath.Join(dir, n), strings.HasSuffix(base, ".tmx"), !strings.HasSuffix(base, ".json") && !strings.HasSuffix(base, ".jsonl") && !strings.HasSuffix(base, ".tmx") && !strings.HasSuffix(base, ".tsv"))
		if err != nil {
			return err
		}
		if lines != r.Outputs[n] {
			return fmt.Errorf("%s: %d lines (or TMX units), report says %d", n, lines, r.Outputs[n])
		}
		if base := strings.TrimSuffix(n, ".gz"); strings.HasPrefix(base, "corpus.") && !strings.Contains(base[len("corpus."):], ".") {
			if corpusLines >= 0 && lines != corpusLines {
				return fmt.Errorf("parallel files differ in length: %s has %d lines, another %d", n, lines, corpusLines)
			}
			corpusLines = lines
		}
		fmt.Printf("ok %s: %d lines\n", n, lines)
	}
	return nil
}

// countLines counts the lines of a file (gunzipped when its name ends in
// .gz), or its translation units when tmx is set; plain files must not hold
// tabs or control characters.
func countLines(path string, tmx, plain bool) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	n := 0
	for sc.Scan() {
		if tmx {
			if t := strings.TrimSpace(sc.Text()); strings.HasPrefix(t, "<tu>") || strings.HasPrefix(t, "<tu ") {
				n++
			}
			continue
		}
		n++
		if plain && strings.ContainsAny(sc.Text(), "\t\r\x00") {
			return 0, fmt.Errorf("%s:%d: tab or control character in a corpus line", path, n)
		}
	}
	return n, sc.Err()
}

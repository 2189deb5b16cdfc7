// Command checkrun checks the outputs of "paraline run -o DIR": every output
// named in report.json exists with the line count the report gives, parallel
// files have equal line counts, no line holds a tab or control character, and
// the report's counts add up: documents read = ok + failed + skipped (the
// records of a WARC archive that are no pages), in = kept + rejected per
// stage, what a stage keeps is what the next one takes in (less the lines a
// document pair took back from the classify stage to the aligner), the
// rejects of each stage are the lines of rejects.jsonl with that stage
// (blank runs and dry-run translations aside: counted, not written), the
// classify records of lines a pair took back in part (marked "rest", their
// text only the part not taken back, so that no text is counted twice) are
// as many as the stage's taken_back_part and hold text, and
// each mono.<lang> holds the sentences the split stage counted in that
// language; in a two-version run, the documents read are those of the
// document pairs, the unpaired ones and the skipped records.
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
	Documents struct {
		Read, OK, Failed, Skipped int
		SkippedByReason           map[string]int `json:"skipped_by_reason"`
	}
	Stages []stage
	// Rejects counts rejected items by reason.
	Rejects   map[string]int
	Sentences map[string]int
	Outputs   map[string]int
	// Pairs counts the jobs of a two-version run.
	Pairs *struct {
		DocumentPairs int `json:"document_pairs"`
		Unpaired      int `json:"unpaired_documents"`
	}
}

type stage struct {
	Name                    string
	In, Kept, Rejected, Out int
	// TakenBack is the part of Kept that went to the aligner instead of
	// the next stage (lines a document pair took back).
	TakenBack int `json:"taken_back"`
	// TakenBackPart is the part of Rejected that went to the aligner in
	// part: lines whose records hold only the rest.
	TakenBackPart int `json:"taken_back_part"`
}

// unwritten are the reject reasons counted in report.json but not written
// to rejects.jsonl, with their stage.
var unwritten = map[string]string{"noise:blank": "classify", "translate:dry-run": "translate"}

func check(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		return err
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("report.json: %w", err)
	}
	if r.Documents.Read == 0 || r.Documents.Read != r.Documents.OK+r.Documents.Failed+r.Documents.Skipped {
		return fmt.Errorf("documents do not add up: %+v", r.Documents)
	}
	skipped := 0
	for _, n := range r.Documents.SkippedByReason {
		skipped += n
	}
	if skipped != r.Documents.Skipped {
		return fmt.Errorf("documents: skipped %d, %d by reason", r.Documents.Skipped, skipped)
	}
	stages := map[string]stage{}
	for _, s := range r.Stages {
		if s.In != s.Kept+s.Rejected {
			return fmt.Errorf("stage %s: in %d != kept %d + rejected %d", s.Name, s.In, s.Kept, s.Rejected)
		}
		stages[s.Name] = s
	}
	if err := checkFlow(&r, stages); err != nil {
		return err
	}
	if err := checkRejects(dir, &r, stages); err != nil {
		return err
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

// checkFlow checks that what a stage keeps is what the next takes in, and
// that mono.<lang> holds the sentences the split stage made.
func checkFlow(r *report, stages map[string]stage) error {
	if p := r.Pairs; p != nil && 2*p.DocumentPairs+p.Unpaired+r.Documents.Skipped != r.Documents.Read {
		return fmt.Errorf("documents: %d read, %d in %d document pairs + %d unpaired + %d skipped", r.Documents.Read, 2*p.DocumentPairs, p.DocumentPairs, p.Unpaired, r.Documents.Skipped)
	}
	if st, ok := stages["read"]; ok && (st.In != r.Documents.Read || st.Kept != r.Documents.OK) {
		return fmt.Errorf("stage read: in %d kept %d, documents read %d ok %d", st.In, st.Kept, r.Documents.Read, r.Documents.OK)
	}
	for _, link := range [][2]string{{"classify", "language"}, {"language", "repair"}, {"repair", "split"}} {
		a, okA := stages[link[0]]
		b, okB := stages[link[1]]
		if okA && okB && a.Kept-a.TakenBack != b.In {
			back := ""
			if a.TakenBack > 0 {
				back = fmt.Sprintf(" (%d taken back to the aligner)", a.TakenBack)
			}
			return fmt.Errorf("stage %s keeps %d%s, stage %s takes in %d", link[0], a.Kept, back, link[1], b.In)
		}
	}
	if a, ok := stages["align"]; ok {
		if f, ok := stages["filter"]; ok && a.Out != f.In {
			return fmt.Errorf("stage align gives %d pairs, stage filter takes in %d", a.Out, f.In)
		}
	}
	total := 0
	for l, n := range r.Sentences {
		total += n
		if lines, ok := r.Outputs["mono."+l]; ok && lines != n {
			return fmt.Errorf("mono.%s: %d lines, report counts %d sentences", l, lines, n)
		}
	}
	if st, ok := stages["split"]; ok && st.Out != total {
		return fmt.Errorf("stage split gives %d sentences, the report counts %d", st.Out, total)
	}
	return nil
}

// checkRejects checks that the rejects of each stage are the lines of
// rejects.jsonl with that stage (and the reasons counted, not written).
func checkRejects(dir string, r *report, stages map[string]stage) error {
	name := "rejects.jsonl"
	if _, ok := r.Outputs[name]; !ok {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	defer f.Close()
	lines, rests := map[string]int{}, map[string]int{}
	dec := json.NewDecoder(bufio.NewReader(f))
	for n := 1; ; n++ {
		var rej struct {
			Stage, Text string
			Rest        bool
		}
		if err := dec.Decode(&rej); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		lines[rej.Stage]++
		if rej.Rest {
			if strings.TrimSpace(rej.Text) == "" {
				return fmt.Errorf("%s: record %d holds the rest of a line taken back in part, but no text", name, n)
			}
			rests[rej.Stage]++
		}
	}
	for n, s := range stages {
		if s.TakenBackPart > s.Rejected {
			return fmt.Errorf("stage %s: %d taken back in part > rejected %d", n, s.TakenBackPart, s.Rejected)
		}
		if rests[n] != s.TakenBackPart {
			return fmt.Errorf("stage %s: %d records of %s hold the rest of a line taken back in part, the report counts %d", n, rests[n], name, s.TakenBackPart)
		}
		delete(rests, n)
	}
	for n, c := range rests {
		return fmt.Errorf("%s: %d records of stage %q marked rest, which report.json does not count", name, c, n)
	}
	counted := map[string]int{}
	for reason, st := range unwritten {
		counted[st] += r.Rejects[reason]
	}
	for n, s := range stages {
		if s.Rejected != lines[n]+counted[n] {
			return fmt.Errorf("stage %s: %d rejected, %d lines of %s with that stage (+%d counted, not written)", n, s.Rejected, lines[n], name, counted[n])
		}
		delete(lines, n)
	}
	for n, c := range lines {
		return fmt.Errorf("%s: %d lines of stage %q, which report.json does not count", name, c, n)
	}
	sum := 0
	for _, n := range r.Rejects {
		sum += n
	}
	written := sum
	for reason := range unwritten {
		written -= r.Rejects[reason]
	}
	if written != r.Outputs[name] {
		return fmt.Errorf("report.json counts %d rejects by reason (%d written), %s has %d lines", sum, written, name, r.Outputs[name])
	}
	return nil
}

// Command htmlfidelity measures how close the visible text corpus.DecodeHTML
// extracts from HTML pages is to what a browser shows: for each page it
// compares the words of Document.Text with the words of the page's
// document.body.innerText in headless Chromium (CSS applied, scripts run),
// and prints token-level precision, recall and F1 per site (micro over the
// words of all pages, and the median page F1).
//
// Usage:
//
//	go run ./scripts/htmlfidelity [-n 40] [-title=false] [-chromium chromium] DIR...
//
// Each DIR is one site: its .html files (sorted; with -n N, N of them
// spread evenly) are measured; lines of hidden text (corpus.Block.Hidden)
// are left out, as innerText leaves them out. Words are maximal runs of letters and digits,
// lower-cased; they are compared as multisets. Chromium must be installed
// (Debian package chromium); pages are loaded from file:// URLs, so the
// measurement uses no network.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/paraline/paraline/corpus"
)

func main() {
	n := flag.Int("n", 40, "pages per site, spread evenly over the sorted list (0: all)")
	chromium := flag.String("chromium", "chromium", "the Chromium binary")
	batch := flag.Int("batch", 10, "pages per Chromium run")
	title := flag.Bool("title", true, "count the <title> line of Document.Text (a browser shows it in the tab, not in the body)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: htmlfidelity [-n N] DIR...")
		os.Exit(2)
	}
	fmt.Printf("%-40s %6s %8s %8s %8s %10s\n", "site", "pages", "P", "R", "F1", "median F1")
	for _, dir := range flag.Args() {
		pages, err := listPages(dir, *n)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var tp, fp, fn int
		var f1s []float64
		for i := 0; i < len(pages); i += *batch {
			chunk := pages[i:min(i+*batch, len(pages))]
			texts, err := innerTexts(*chromium, chunk)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			for j, p := range chunk {
				raw, err := os.ReadFile(p)
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				d, err := corpus.DecodeHTML(raw, "", "")
				if err != nil {
					fmt.Fprintf(os.Stderr, "%s: %v\n", p, err)
					continue
				}
				text := visibleText(d, *title)
				a, b, c := compare(words(text), words(texts[j]))
				tp, fp, fn = tp+a, fp+b, fn+c
				f1s = append(f1s, f1(a, b, c))
			}
		}
		sort.Float64s(f1s)
		med := 0.0
		if len(f1s) > 0 {
			med = f1s[len(f1s)/2]
		}
		p, r := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
		fmt.Printf("%-40s %6d %8.3f %8.3f %8.3f %10.3f\n", dir, len(f1s), p, r, f1(tp, fp, fn), med)
	}
}

// visibleText returns the lines of d a browser shows: without the
// lines of hidden blocks (Block.Hidden: text the page hides until a script
// or a click reveals it, which innerText leaves out), and without the
// <title> unless title.
func visibleText(d *corpus.Document, title bool) string {
	var sb strings.Builder
	for i, b := range d.Blocks {
		if b.Hidden || !title && i == 0 && b.Tag == "title" {
			continue
		}
		sb.WriteString(d.Text[b.Start:b.End])
		sb.WriteByte('\n')
	}
	return sb.String()
}

// listPages returns n of the .html files under dir, spread evenly.
func listPages(dir string, n int) ([]string, error) {
	var all []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			all = append(all, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(all)
	if n <= 0 || n >= len(all) {
		return all, nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = all[i*len(all)/n]
	}
	return out, nil
}

var outRE = regexp.MustCompile(`(?s)<pre id="out">(.*?)</pre>`)

// innerTexts loads the pages one after the other in an iframe of a wrapper
// page in headless Chromium and returns their body's innerText.
func innerTexts(chromium string, pages []string) ([]string, error) {
	tmp, err := os.MkdirTemp("", "htmlfidelity")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	urls := make([]string, len(pages))
	for i, p := range pages {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		urls[i] = "file://" + abs
	}
	list, _ := json.Marshal(urls)
	wrap := `<!DOCTYPE html><html><body><pre id="out"></pre><iframe id="f" width="1280" height="900"></iframe>
<script>
var urls = ` + string(list) + `, i = 0, res = [];
var f = document.getElementById('f');
f.onload = function() {
  var t = '';
  try { t = f.contentDocument.body ? f.contentDocument.body.innerText : ''; } catch (e) { t = ''; }
  res.push(t);
  i++;
  if (i < urls.length) { f.src = urls[i]; } else { document.getElementById('out').textContent = JSON.stringify(res); }
};
f.src = urls[0];
</script></body></html>`
	wp := filepath.Join(tmp, "wrap.html")
	if err := os.WriteFile(wp, []byte(wrap), 0o644); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--allow-file-access-from-files", "--virtual-time-budget=60000", "--dump-dom", "file://"+wp)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("chromium: %v: %s", err, stderr.String())
	}
	m := outRE.FindSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("chromium gave no result for %s", pages[0])
	}
	var texts []string
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &texts); err != nil {
		return nil, fmt.Errorf("chromium result: %v", err)
	}
	if len(texts) != len(pages) {
		return nil, fmt.Errorf("chromium gave %d texts for %d pages", len(texts), len(pages))
	}
	return texts, nil
}

// words returns the lower-case words of s: runs of letters and digits.
func words(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		m[strings.ToLower(w)]++
	}
	return m
}

// compare counts the words of got found in want (true positives), the rest
// of got (false positives) and the words of want not in got.
func compare(got, want map[string]int) (tp, fp, fn int) {
	for w, c := range got {
		k := min(c, want[w])
		tp += k
		fp += c - k
	}
	for w, c := range want {
		fn += c - min(c, got[w])
	}
	return tp, fp, fn
}

func f1(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	return 2 * p * r / (p + r)
}

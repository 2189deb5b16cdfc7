// Command htmlbaseline writes the body text that go-trafilatura and
// go-readability extract from the pages of an eval html gold folder (made
// by scripts/mkhtmlgold), so that `paraline eval html --pred-dir` scores
// them beside paraline on the same gold:
//
//	cd scripts/htmlbaseline && go run . -o /tmp/base GOLD_DIR
//	paraline eval html --pred-dir /tmp/base/trafilatura GOLD_DIR
//	paraline eval html --pred-dir /tmp/base/readability GOLD_DIR
//
// It is a module of its own so that the extractors' dependencies (a WASM
// regexp engine among them) stay out of paraline's go.mod and binary.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

func main() {
	out := flag.String("o", "", "output `DIR`: DIR/trafilatura/SITE/NAME.txt and DIR/readability/SITE/NAME.txt")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: htmlbaseline -o DIR GOLD_DIR")
		os.Exit(2)
	}
	gold := flag.Arg(0)
	sites, _ := filepath.Glob(filepath.Join(gold, "*", "html"))
	if len(sites) == 0 {
		sites = []string{filepath.Join(gold, "html")}
	}
	for _, h := range sites {
		site := filepath.Base(filepath.Dir(h))
		pages, _ := filepath.Glob(filepath.Join(h, "*.html"))
		for _, p := range pages {
			raw, err := os.ReadFile(p)
			if err != nil {
				fail(err)
			}
			name := strings.TrimSuffix(filepath.Base(p), ".html") + ".txt"
			u, _ := url.Parse("file:///" + site + "/" + filepath.Base(p))
			var tt string
			if r, err := trafilatura.Extract(bytes.NewReader(raw), trafilatura.Options{OriginalURL: u, EnableFallback: true, ExcludeComments: true}); err == nil && r != nil {
				tt = r.ContentText
			} else if err != nil {
				fmt.Fprintf(os.Stderr, "trafilatura %s/%s: %v\n", site, name, err)
			}
			write(filepath.Join(*out, "trafilatura", site, name), tt)
			var rt string
			if a, err := readability.FromReader(bytes.NewReader(raw), u); err == nil {
				var b bytes.Buffer
				if err := a.RenderText(&b); err == nil {
					rt = b.String()
				}
			} else {
				fmt.Fprintf(os.Stderr, "readability %s/%s: %v\n", site, name, err)
			}
			write(filepath.Join(*out, "readability", site, name), rt)
		}
		fmt.Printf("%s: %d pages\n", site, len(pages))
	}
}

func write(path, text string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fail(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "htmlbaseline:", err)
	os.Exit(1)
}

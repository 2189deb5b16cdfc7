// Command mkwarc turns folders of saved pages (HTML, text) into a WARC
// archive, with corpus.WARCWriter: one "response" record per file, holding
// an HTTP/1.1 200 response whose Content-Type comes from the file name
// (.html/.htm text/html, .xhtml application/xhtml+xml, .txt text/plain,
// else by extension or content), and whose WARC-Target-URI is the -base URL
// followed by the file's path relative to the folder argument.
//
// Usage:
//
//	go run ./scripts/mkwarc -o OUT.warc[.gz] [-base URL] [flags] DIR_OR_FILE...
//
// Flags:
//
//	-o FILE        output; a name ending in .gz writes one gzip member per
//	               record (as crawlers do), unless -whole-gzip
//	-base URL      URL prefix of the records (default https://example.org/)
//	-charset NAME  add "; charset=NAME" to the Content-Type of text and HTML
//	-wet           write "conversion" records (WET, text) instead of responses
//	-requests      write a "request" record before every response, as crawlers do
//	-whole-gzip    compress the whole file as one gzip stream (like gzip x.warc)
//	-copies N      write every file N times; copy k > 1 gets "?copy=k" in its URL
//	               (to make large archives for memory benchmarks)
//	-date TIME     WARC-Date (RFC 3339) of every record (default 2000-01-01T00:00:00Z)
//
// Folders are walked in lexical order and hidden files are left out, so
// the same input gives the same bytes. Language-tagged URLs come from the
// layout: a folder site/ holding en/a.html and ru/a.html with
// -base https://ex.org/ gives https://ex.org/en/a.html and
// https://ex.org/ru/a.html.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paraline/paraline/corpus"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "mkwarc:", err)
		os.Exit(2)
	}
}

type config struct {
	out, base, charset, date string
	wet, requests, wholeGzip bool
	copies                   int
}

func run(args []string, stderr io.Writer) error {
	fset := flag.NewFlagSet("mkwarc", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var c config
	fset.StringVar(&c.out, "o", "", "output `file` (.warc or .warc.gz)")
	fset.StringVar(&c.base, "base", "https://example.org/", "URL prefix of the records")
	fset.StringVar(&c.charset, "charset", "", "charset `name` added to the Content-Type of text and HTML")
	fset.BoolVar(&c.wet, "wet", false, "write conversion records (WET) instead of responses")
	fset.BoolVar(&c.requests, "requests", false, "write a request record before every response")
	fset.BoolVar(&c.wholeGzip, "whole-gzip", false, "compress the whole file as one gzip stream")
	fset.IntVar(&c.copies, "copies", 1, "write every file `N` times")
	fset.StringVar(&c.date, "date", "2000-01-01T00:00:00Z", "WARC-Date (RFC 3339) of the records")
	if err := fset.Parse(args); err != nil {
		return err
	}
	if c.out == "" || fset.NArg() == 0 {
		return fmt.Errorf("usage: mkwarc -o OUT.warc[.gz] [-base URL] DIR_OR_FILE... (see go doc ./scripts/mkwarc)")
	}
	if c.copies < 1 {
		return fmt.Errorf("-copies must be at least 1")
	}
	date, err := time.Parse(time.RFC3339, c.date)
	if err != nil {
		return fmt.Errorf("-date: %w", err)
	}
	if _, err := url.Parse(c.base); err != nil {
		return fmt.Errorf("-base: %w", err)
	}
	files, err := list(fset.Args())
	if err != nil {
		return err
	}
	f, err := os.Create(c.out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	var w io.Writer = bw
	var zw *gzip.Writer
	gz := strings.HasSuffix(c.out, ".gz")
	if gz && c.wholeGzip {
		zw = gzip.NewWriter(bw)
		w = zw
	}
	ww := corpus.NewWARCWriter(w, gz && !c.wholeGzip)
	ww.Date = date
	err = write(ww, c, files)
	if err == nil {
		err = ww.Close()
	}
	if zw != nil {
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(c.out)
		return err
	}
	n := len(files) * c.copies
	fmt.Fprintf(stderr, "mkwarc: %d pages from %d files into %s\n", n, len(files), c.out)
	return nil
}

// file is one input file with its path relative to its argument.
type file struct{ path, rel string }

// list expands the arguments into files in lexical order.
func list(args []string) ([]file, error) {
	var files []file
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			files = append(files, file{arg, filepath.Base(arg)})
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(arg, p)
			if err != nil {
				return err
			}
			files = append(files, file{p, filepath.ToSlash(rel)})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// write writes the records of files.
func write(ww *corpus.WARCWriter, c config, files []file) error {
	for k := 1; k <= c.copies; k++ {
		for _, f := range files {
			body, err := os.ReadFile(f.path)
			if err != nil {
				return err
			}
			u := c.base + escapePath(f.rel)
			if k > 1 {
				u += fmt.Sprintf("?copy=%d", k)
			}
			if c.wet {
				err = ww.WriteConversion(u, body)
			} else {
				if c.requests {
					host := ""
					if pu, err := url.Parse(u); err == nil {
						host = pu.Host
					}
					req := fmt.Sprintf("GET /%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: mkwarc\r\n\r\n", escapePath(f.rel), host)
					if err := ww.WriteRecord(corpus.WARCRecord{Type: "request", TargetURI: u,
						ContentType: "application/http; msgtype=request", Block: []byte(req), ContentLength: -1}); err != nil {
						return err
					}
				}
				err = ww.WriteResponse(u, contentType(f.rel, body, c.charset), body)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// escapePath escapes each segment of a slash-separated path for a URL.
func escapePath(rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// contentType returns the Content-Type of a file by its name, else by its
// content; charset is added to text types.
func contentType(name string, body []byte, charset string) string {
	ext := strings.ToLower(filepath.Ext(name))
	var ct string
	switch ext {
	case ".html", ".htm":
		ct = "text/html"
	case ".xhtml":
		ct = "application/xhtml+xml"
	case ".txt", ".text":
		ct = "text/plain"
	default:
		ct = mime.TypeByExtension(ext)
		if ct == "" {
			ct = http.DetectContentType(body)
		}
		if mt, _, err := mime.ParseMediaType(ct); err == nil {
			ct = mt
		}
	}
	if charset != "" && (strings.HasPrefix(ct, "text/") || ct == "application/xhtml+xml") {
		ct += "; charset=" + charset
	}
	return ct
}

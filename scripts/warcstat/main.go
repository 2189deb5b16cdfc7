// Command warcstat streams inputs through corpus.Reader (WARC and WET
// archives, files, folders) and prints what the reader made of them:
// documents by format, skipped records by reason, failed records by reason,
// bytes, and the Go heap's peak. It is the memory check of the WARC reader:
// run it under /usr/bin/time -v on a large archive made by scripts/mkwarc
// and read "Maximum resident set size".
//
// Usage:
//
//	go run ./scripts/warcstat [-max-bytes N] [-keep-status] INPUT...
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"

	"github.com/paraline/paraline/corpus"
)

func main() {
	maxBytes := flag.Int64("max-bytes", 0, "largest record read, in bytes (default corpus.DefaultMaxBytes)")
	keepStatus := flag.Bool("keep-status", false, "read non-2xx responses")
	flag.Parse()
	r := corpus.NewReader(flag.Args(), os.Stdin, corpus.Options{MaxBytes: *maxBytes, KeepStatus: *keepStatus})
	counts := map[string]int{}
	var bytes int64
	textBytes := map[corpus.Format]int64{}
	var peakHeap uint64
	var ms runtime.MemStats
	n := 0
	for r.Next() {
		d := r.Document()
		n++
		bytes += d.Size
		switch {
		case d.Err != nil:
			counts["failed:"+corpus.Reason(d.Err)]++
			fmt.Fprintln(os.Stderr, "warcstat:", d.ID+":", d.Err)
		case d.Skip != "":
			counts[d.Skip]++
		default:
			counts["document:"+string(d.Format)]++
			textBytes[d.Format] += int64(len(d.Text))
		}
		if n%256 == 0 {
			runtime.ReadMemStats(&ms)
			peakHeap = max(peakHeap, ms.HeapInuse)
		}
	}
	if err := r.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "warcstat:", err)
		os.Exit(2)
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%-40s %d\n", k, counts[k])
	}
	fmt.Printf("%-40s %d\n", "records", n)
	fmt.Printf("%-40s %.1f\n", "MB read (payloads, decompressed)", float64(bytes)/1e6)
	for _, f := range []corpus.Format{corpus.FormatHTML, corpus.FormatText} {
		fmt.Printf("%-40s %.1f\n", "MB of text from "+string(f), float64(textBytes[f])/1e6)
	}
	fmt.Printf("%-40s %.1f\n", "peak Go heap in use (MB, sampled)", float64(peakHeap)/1e6)
}

package repair

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkVocabCorpus adds every *.txt file of the directory named by
// $PARALINE_VOCAB_CORPUS to one Vocab and reports the heap the Vocab holds
// (heap-MB) and its distinct entries. It is skipped when the variable is
// unset. Example:
//
//	python3 shared/bench/make_corpus.py /tmp/bench10k --docs 10000
//	PARALINE_VOCAB_CORPUS=/tmp/bench10k go test ./lang/repair -run '^$' -bench VocabCorpus -benchtime 1x
func BenchmarkVocabCorpus(b *testing.B) {
	dir := os.Getenv("PARALINE_VOCAB_CORPUS")
	if dir == "" {
		b.Skip("set PARALINE_VOCAB_CORPUS to a directory of *.txt files")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Skipf("no *.txt in %s", dir)
	}
	for range b.N {
		before := heapInUse()
		v := NewVocab()
		var bytes int64
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			bytes += int64(len(data))
			v.Add(string(data))
		}
		after := heapInUse()
		b.ReportMetric(float64(after-before)/(1<<20), "heap-MB")
		b.ReportMetric(float64(v.Len()), "entries")
		b.ReportMetric(float64(bytes)/(1<<20), "corpus-MB")
		runtime.KeepAlive(v)
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

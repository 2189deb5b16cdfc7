package align

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

// largeN enables TestAlignLarge, which aligns two generated documents of
// this many sentences and reports time and accuracy. Run it with
//
//	go test -c -o /tmp/align.test ./align
//	/usr/bin/time -v /tmp/align.test -test.run TestAlignLarge -align.large 1000000
var largeN = flag.Int("align.large", 0, "run TestAlignLarge with documents of this many sentences")

// synth generates a document pair of about n sentences per side from a
// made-up vocabulary: English-like words and, as their translations,
// Cyrillic spellings with inflections; numbers and placeholders are copied.
// Beads are mostly 1-1, with 2-1, 1-2, 1-0 and 0-1 beads at rates like those
// of real alignments. gold holds the generated beads.
type synth struct {
	src, tgt []string
	gold     []Bead
}

func genSynth(n int, seed uint64) synth {
	r := rand.New(rand.NewPCG(seed, 7))
	syl := []string{"ka", "lo", "mi", "ter", "sun", "po", "ra", "den", "vi", "to", "mar", "lin", "go", "be", "ste", "ru"}
	cyr := map[rune]string{'a': "а", 'b': "б", 'd': "д", 'e': "е", 'g': "г", 'i': "и", 'k': "к", 'l': "л", 'm': "м", 'n': "н", 'o': "о", 'p': "п", 'r': "р", 's': "с", 't': "т", 'u': "у", 'v': "в"}
	const vocab = 3000
	en := make([]string, vocab)
	ru := make([]string, vocab)
	for i := range en {
		var w strings.Builder
		for k := 0; k < 2+r.IntN(3); k++ {
			w.WriteString(syl[r.IntN(len(syl))])
		}
		en[i] = w.String()
		var c strings.Builder
		for _, ch := range en[len(en[:i])] {
			c.WriteString(cyr[ch])
		}
		ru[i] = c.String()
	}
	ends := []string{"", "а", "ы", "ов", "ами"}
	sentence := func() (string, string) {
		var e, t []string
		for k := 0; k < 3+r.IntN(15); k++ {
			switch x := r.IntN(40); {
			case x == 0:
				num := fmt.Sprint(r.IntN(5000))
				e, t = append(e, num), append(t, num)
			case x == 1:
				e, t = append(e, "%s"), append(t, "%s")
			default:
				w := r.IntN(vocab)
				e = append(e, en[w])
				if r.IntN(10) > 0 {
					t = append(t, ru[w]+ends[r.IntN(len(ends))])
				}
				if r.IntN(12) == 0 {
					t = append(t, ru[r.IntN(vocab)])
				}
			}
		}
		end := []string{".", ".", ".", "?", ":", ""}[r.IntN(6)]
		es, ts := strings.Join(e, " ")+end, strings.Join(t, " ")+end
		return strings.ToUpper(es[:1]) + es[1:], ts
	}
	var s synth
	lastNull := false
	for len(s.src) < n {
		x := r.IntN(100)
		if lastNull && x >= 94 {
			x = 0
		}
		lastNull = x >= 94
		i, j := len(s.src), len(s.tgt)
		switch {
		case x < 88:
			e, t := sentence()
			s.src, s.tgt = append(s.src, e), append(s.tgt, t)
			s.gold = append(s.gold, Bead{Src: []int{i}, Tgt: []int{j}})
		case x < 91:
			e1, t1 := sentence()
			e2, t2 := sentence()
			s.src, s.tgt = append(s.src, e1, e2), append(s.tgt, t1+" "+t2)
			s.gold = append(s.gold, Bead{Src: []int{i, i + 1}, Tgt: []int{j}})
		case x < 94:
			e1, t1 := sentence()
			e2, t2 := sentence()
			s.src, s.tgt = append(s.src, e1+" "+e2), append(s.tgt, t1, t2)
			s.gold = append(s.gold, Bead{Src: []int{i}, Tgt: []int{j, j + 1}})
		case x < 97:
			e, _ := sentence()
			s.src = append(s.src, e)
			s.gold = append(s.gold, Bead{Src: []int{i}})
		default:
			_, t := sentence()
			s.tgt = append(s.tgt, t)
			s.gold = append(s.gold, Bead{Tgt: []int{j}})
		}
	}
	return s
}

// strictF1 is the F1 of beads identical to gold beads.
func strictF1(gold, pred []Bead) float64 {
	key := func(b Bead) string { return fmt.Sprint(b.Src, b.Tgt) }
	g := map[string]bool{}
	for _, b := range gold {
		g[key(b)] = true
	}
	tp := 0
	for _, b := range pred {
		if g[key(b)] {
			tp++
		}
	}
	p, r := float64(tp)/float64(len(pred)), float64(tp)/float64(len(gold))
	return 2 * p * r / (p + r)
}

func TestSynthAccuracy(t *testing.T) {
	s := genSynth(500, 1)
	for _, full := range []int{300_000, 0} { // full search, then coarse-to-fine
		beads := Align(s.src, s.tgt, &Options{MaxFullCells: full})
		checkCover(t, beads, len(s.src), len(s.tgt))
		f := strictF1(s.gold, beads)
		t.Logf("MaxFullCells=%d: strict F1 %.4f", full, f)
		if f < 0.95 {
			t.Errorf("MaxFullCells=%d: strict F1 %.4f on synthetic text, want >= 0.95", full, f)
		}
	}
}

func TestAlignLarge(t *testing.T) {
	if *largeN == 0 {
		t.Skip("enable with -align.large N")
	}
	s := genSynth(*largeN, 2)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap0 := ms.HeapAlloc
	start, cpu0 := time.Now(), cpuTime()
	beads := Align(s.src, s.tgt, nil)
	el, cpu := time.Since(start), cpuTime()-cpu0
	runtime.ReadMemStats(&ms)
	checkCover(t, beads, len(s.src), len(s.tgt))
	t.Logf("aligned %d x %d sentences in %v (CPU %v); heap of the inputs %d MB, Go memory obtained %d MB; strict F1 %.4f",
		len(s.src), len(s.tgt), el.Round(time.Millisecond), cpu.Round(time.Millisecond), heap0>>20, ms.Sys>>20, strictF1(s.gold, beads))
}

func benchmarkAlign(b *testing.B, n int) {
	s := genSynth(n, 3)
	bytes := 0
	for _, x := range append(s.src, s.tgt...) {
		bytes += len(x)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		Align(s.src, s.tgt, nil)
	}
	reportCPU(b, cpu0)
}

// reportCPU reports the CPU time (user plus system) per operation since
// cpu0: wall time is noisy on a shared machine.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkLearnLexicon1k learns a Lexicon from a pair of generated
// documents of 1,000 sentences and aligns them with it: what the learning
// adds to BenchmarkAlign1k.
func BenchmarkLearnLexicon1k(b *testing.B) {
	s := genSynth(1000, 3)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		lex := LearnLexicon([]DocPair{{Src: s.src, Tgt: s.tgt}}, nil)
		Align(s.src, s.tgt, &Options{Lexicon: lex})
	}
	reportCPU(b, cpu0)
}

func BenchmarkAlign1k(b *testing.B)  { benchmarkAlign(b, 1000) }
func BenchmarkAlign20k(b *testing.B) { benchmarkAlign(b, 20000) }

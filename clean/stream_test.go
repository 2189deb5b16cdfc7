package clean

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestStreamTemplate(t *testing.T) {
	c, err := New(Config{SrcLang: "en", TgtLang: "ru", Filters: []FilterConfig{{Name: "template", Params: map[string]float64{"max": 2}}}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := c.NewStream(StreamOptions{})
	defer s.Close()
	targets := []string{"Первое.", "Второе.", "Третье.", "Четвёртое.", "Пятое."}
	var got []string
	for _, tgt := range targets {
		p := &Pair{Src: "Read more", Tgt: tgt}
		o := s.Add(p, c.Judge(p))
		got = append(got, strings.Join(o.Reasons, ","))
	}
	if want := ",,template,template,template"; strings.Join(got, ",") != want {
		t.Fatalf("reasons %q, want %q", strings.Join(got, ","), want)
	}
	// a side with fewer than two letters or digits is never a template
	for range 5 {
		p := &Pair{Src: "!", Tgt: "Да"}
		if o := s.Add(p, c.Judge(p)); len(o.Reasons) != 0 {
			t.Fatalf("letterless side rejected: %q", o.Reasons)
		}
	}
}

func TestSideCounterPrune(t *testing.T) {
	c := newSideCounter(0) // smallest table: 1024 slots
	c.add(42)
	c.add(42)
	for i := range 5000 {
		c.add(uint64(1000 + i))
	}
	if n := c.add(42); n != 3 {
		t.Fatalf("a repeated key was forgotten: count %d", n)
	}
	if c.n > len(c.keys)/2 {
		t.Fatalf("table over half full: %d of %d", c.n, len(c.keys))
	}
}

// word spells n in letters (normalised deduplication ignores digits).
func word(n int) string {
	b := []byte{}
	for {
		b = append(b, byte('a'+n%26))
		n /= 26
		if n == 0 {
			return string(b)
		}
	}
}

// streamPairs is a mix of clean pairs, noise and repeats.
func streamPairs(n int) []Pair {
	var out []Pair
	for i := range n {
		switch i % 10 {
		case 0:
			out = append(out, Pair{Src: "", Tgt: "Пусто"})
		case 1:
			out = append(out, Pair{Src: "Copy " + word(i/20), Tgt: "Copy " + word(i/20)})
		case 2:
			out = append(out, Pair{Src: "Read more", Tgt: "Новость " + word(i)})
		case 3:
			out = append(out, out[i/2])
		default:
			out = append(out, Pair{Src: "Sentence " + word(i%997) + " is here.", Tgt: "Предложение " + word(i%997) + " здесь."})
		}
	}
	return out
}

// runStream judges pairs on workers goroutines and adds them in order.
func runStream(t *testing.T, c *Cleaner, pairs []Pair, workers int) ([]Outcome, Stats) {
	t.Helper()
	verdicts := make([]Verdict, len(pairs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(pairs); i += workers {
				verdicts[i] = c.Judge(&pairs[i])
			}
		}()
	}
	wg.Wait()
	s := c.NewStream(StreamOptions{Dedup: DedupOptions{MemKeys: 64, TempDir: t.TempDir()}})
	var out []Outcome
	for i := range pairs {
		out = append(out, s.Add(&pairs[i], verdicts[i]))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return out, s.Stats()
}

func TestStreamDeterministicAndCountsAddUp(t *testing.T) {
	c, err := New(Config{SrcLang: "en", TgtLang: "ru"}, fakeDetector{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pairs := streamPairs(3000)
	one, st1 := runStream(t, c, pairs, 1)
	four, st4 := runStream(t, c, pairs, 4)
	if fmt.Sprint(one) != fmt.Sprint(four) || fmt.Sprint(st1) != fmt.Sprint(st4) {
		t.Fatal("outcomes depend on the number of workers")
	}
	if st1.In != st1.Kept+st1.Rejected+st1.Duplicates || st1.Duplicates != st1.Exact+st1.Normalized {
		t.Fatalf("counts do not add up: %+v", st1)
	}
	if st1.Kept == 0 || st1.ByReason["empty"] == 0 || st1.ByReason["identical"] == 0 || st1.ByReason[ReasonTemplate] == 0 || st1.Exact == 0 {
		t.Fatalf("stream did not exercise every path: %+v", st1)
	}
	// the first occurrence is kept, later ones are duplicates
	if !one[4].Keep || one[4].Duplicate != "" {
		t.Fatalf("first occurrence not kept: %+v", one[4])
	}
	for i, o := range one {
		if o.Duplicate != "" && (o.Keep || len(o.Reasons) > 0) {
			t.Fatalf("pair %d: duplicate with reasons or kept: %+v", i, o)
		}
	}
}

// TestStreamDecideDuplicates checks that a Stream whose duplicates are
// decided from the first position of each key (DedupKeys, as a distributed
// run's keyed combine finds them) decides every pair as its own table does.
func TestStreamDecideDuplicates(t *testing.T) {
	c, err := New(Config{SrcLang: "en", TgtLang: "ru"}, fakeDetector{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pairs := streamPairs(2000)
	for i := 0; i < 2000; i += 7 { // normalised duplicates: case and punctuation changed
		p := pairs[i]
		pairs = append(pairs, Pair{Src: strings.ToUpper(p.Src) + " --", Tgt: p.Tgt + "!"})
	}
	want, wantStats := runStream(t, c, pairs, 1)
	wantStats.DedupRuns = 0 // runStream's table spills to disk
	first := map[uint64]int{}
	for i := range pairs {
		e, n := DedupKeys(&pairs[i])
		for _, k := range []uint64{e, n} {
			if _, ok := first[k]; !ok && k != 0 {
				first[k] = i
			}
		}
	}
	s := c.NewStream(StreamOptions{})
	i := 0
	s.DecideDuplicates(func(e, n uint64) string {
		defer func() { i++ }()
		if first[e] < i {
			return DupExact
		}
		if n != 0 && first[n] < i {
			return DupNormalized
		}
		return ""
	})
	var got []Outcome
	for k := range pairs {
		got = append(got, s.Add(&pairs[k], c.Judge(&pairs[k])))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(s.Stats()) != fmt.Sprint(wantStats) {
		t.Fatalf("decided duplicates differ from the stream's own:\n%+v\n%+v", s.Stats(), wantStats)
	}
	if wantStats.Exact == 0 || wantStats.Normalized == 0 {
		t.Fatalf("no exact or no normalised duplicates: %+v", wantStats)
	}
}

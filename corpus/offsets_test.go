package corpus

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// refLookup is the specification of offsetMap.lookup over runs {tl, rl, n}
// of n equal units, walking the run that holds t unit by unit.
func refLookup(runs [][3]int, textLen, rawLen, t int) int {
	if t <= 0 {
		return 0
	}
	if t >= textLen {
		return rawLen
	}
	tp, rp := 0, 0
	for _, u := range runs {
		if tp == t {
			return rp
		}
		if u[0] == 0 || t >= tp+u[0]*u[2] {
			tp += u[0] * u[2]
			rp += u[1] * u[2]
			continue
		}
		for range u[2] {
			if tp == t || t < tp+u[0] {
				return rp
			}
			tp += u[0]
			rp += u[1]
		}
	}
	return rp
}

func TestOffsetMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := range 60 {
		var b mapBuilder
		var units [][3]int
		nRuns := rng.IntN(600)
		for range nRuns {
			tl, rl := rng.IntN(10), rng.IntN(10)
			if rng.IntN(3) == 0 {
				tl, rl = 1, 1
			}
			n := 1 + rng.IntN(5)
			if rng.IntN(20) == 0 {
				n = 1 + rng.IntN(3000)
			}
			b.add(tl, rl, n)
			if tl == 0 && rl == 0 {
				continue
			}
			units = append(units, [3]int{tl, rl, n})
		}
		m := b.finish()
		textLen, rawLen := 0, 0
		for _, u := range units {
			textLen += u[0] * u[2]
			rawLen += u[1] * u[2]
		}
		if m.textLen != textLen || m.rawLen != rawLen {
			t.Fatalf("iter %d: totals %d/%d, want %d/%d", iter, m.textLen, m.rawLen, textLen, rawLen)
		}
		if iter > 20 && len(m.checks) == 0 && len(m.data) > 2*checkEvery {
			t.Fatalf("no checkpoints in %d bytes", len(m.data))
		}
		step := 1 + textLen/5000
		for tt := -1; tt <= textLen+1; tt += 1 + rng.IntN(step) {
			if got, want := m.lookup(tt), refLookup(units, textLen, rawLen, tt); got != want {
				t.Fatalf("iter %d: lookup(%d) = %d, want %d", iter, tt, got, want)
			}
		}
	}
}

// TestLongDocument checks a document long enough for many checkpoints.
func TestLongDocument(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"Привет", " ", "мир", "\u00a0", "\r\n", "\n", "word", ".", "\t", "\u00ad", "ё", "\r", "\x01"}
	unicodeOnly := []string{"e\u0301", "\u200b", "a\u0316\u0301", "\u2028", "\ufeff"}
	for _, enc := range []string{"utf-8", "windows-1251", "utf-16le"} {
		t.Run(enc, func(t *testing.T) {
			p := pieces
			if enc != "windows-1251" {
				p = append(p[:len(p):len(p)], unicodeOnly...)
			}
			var sb strings.Builder
			for sb.Len() < 100_000 {
				sb.WriteString(p[rng.IntN(len(p))])
			}
			e, err := lookupEncoding(enc)
			if err != nil {
				t.Fatal(err)
			}
			raw := encodeForTest(t, e, sb.String())
			d, err := DecodeNormalize(raw, enc)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.clean.checks) == 0 {
				t.Fatal("no checkpoints")
			}
			checkDocument(t, d)
		})
	}
}

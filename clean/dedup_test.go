package clean

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDedupKinds(t *testing.T) {
	d := NewDedup(DedupOptions{})
	defer d.Close()
	tests := []struct {
		src, tgt string
		kind     string
	}{
		{"Open the file.", "Откройте файл.", ""},
		{"Open the file.", "Откройте файл.", DupExact},
		{"OPEN the file!", "откройте  файл", DupNormalized},
		{"OPEN the file!", "откройте  файл", DupExact},
		{"Open the file", "Закройте окно.", ""},
		{"12:30", "12:30", ""},
		{"13:45", "13:45", ""}, // no letters: not a normalised duplicate of 12:30
		{"13:45", "13:45", DupExact},
		{"Version 3", "Версия 3", ""},
		{"Version 4", "Версия 4", ""}, // another number: another sentence
		{"version 4!", "ВЕРСИЯ 4", DupNormalized},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d_%s", i, tt.src), func(t *testing.T) {
			dup, kind := d.Seen(&Pair{Src: tt.src, Tgt: tt.tgt})
			if dup != (tt.kind != "") || kind != tt.kind {
				t.Fatalf("Seen = %v, %q; want %q", dup, kind, tt.kind)
			}
		})
	}
	st := d.Stats()
	if st.Pairs != int64(len(tests)) || st.Exact != 3 || st.Normalized != 2 {
		t.Fatalf("stats %+v", st)
	}
}

func TestDedupNoNormalized(t *testing.T) {
	d := NewDedup(DedupOptions{NoNormalized: true})
	defer d.Close()
	d.Seen(&Pair{Src: "A b", Tgt: "В г"})
	if dup, _ := d.Seen(&Pair{Src: "a B", Tgt: "в Г"}); dup {
		t.Fatal("normalised duplicate found with NoNormalized")
	}
}

// dedupRun feeds n pairs (a deterministic mix of new pairs and repeats)
// and returns the sequence of kinds.
func dedupRun(t *testing.T, opts DedupOptions, n int) (string, DedupStats) {
	t.Helper()
	d := NewDedup(opts)
	defer func() {
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	var b strings.Builder
	x := uint64(7)
	for i := range n {
		x = x*6364136223846793005 + 1442695040888963407
		k := int(x>>33) % (n / 2)
		src := fmt.Sprintf("sentence number %d", k)
		if k%7 == 0 && i%2 == 0 {
			src = strings.ToUpper(src) // a normalised variant
		}
		dup, kind := d.Seen(&Pair{Src: src, Tgt: fmt.Sprintf("предложение %d", k)})
		if dup {
			b.WriteString(kind[:1])
		} else {
			b.WriteByte('.')
		}
	}
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String(), d.Stats()
}

func TestDedupSpillIsExact(t *testing.T) {
	// The same stream, all in memory and with a tiny table that spills to
	// many runs (and merges them), must find the same duplicates.
	const n = 20000
	mem, stMem := dedupRun(t, DedupOptions{}, n)
	dir := t.TempDir()
	spill, stSpill := dedupRun(t, DedupOptions{MemKeys: 300, TempDir: dir}, n)
	if stMem.Runs != 0 || stSpill.Runs == 0 {
		t.Fatalf("runs: in memory %d, spilling %d", stMem.Runs, stSpill.Runs)
	}
	if mem != spill {
		t.Fatalf("spilling changes results: %+v vs %+v", stMem, stSpill)
	}
	if stMem.Exact == 0 || stMem.Normalized == 0 {
		t.Fatalf("test stream has no duplicates: %+v", stMem)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("Close left %d files", len(ents))
	}
}

func TestDedupDeterministic(t *testing.T) {
	a, _ := dedupRun(t, DedupOptions{MemKeys: 1000, TempDir: t.TempDir()}, 5000)
	b, _ := dedupRun(t, DedupOptions{MemKeys: 1000, TempDir: t.TempDir()}, 5000)
	if a != b {
		t.Fatal("two runs differ")
	}
}

func TestDedupUnwritableTempDir(t *testing.T) {
	// Spilling fails: results must stay right (kept in memory) and Err
	// must say why.
	d := NewDedup(DedupOptions{MemKeys: 4, TempDir: "/nonexistent/dir"})
	defer d.Close()
	for i := range 50 {
		d.Seen(&Pair{Src: fmt.Sprint("s", i), Tgt: "t"})
	}
	for i := range 50 {
		if dup, _ := d.Seen(&Pair{Src: fmt.Sprint("s", i), Tgt: "t"}); !dup {
			t.Fatalf("pair %d not found again", i)
		}
	}
	if d.Err() == nil {
		t.Fatal("no error from an unwritable temp dir")
	}
}

func BenchmarkDedupSeen(b *testing.B) {
	d := NewDedup(DedupOptions{TempDir: b.TempDir()})
	defer d.Close()
	p := &Pair{}
	b.ReportAllocs()
	for i := range b.N {
		p.Src = fmt.Sprintf("This is source sentence number %d of the corpus.", i)
		p.Tgt = "Это предложение корпуса."
		d.Seen(p)
	}
}

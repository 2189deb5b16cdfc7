package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalCleanMeasures checks the --measures file of eval clean on pairs
// written for this test: one line per pair, the label and reasons first,
// and the partial filter's statistic above its threshold exactly for the
// pair it rejects.
func TestEvalCleanMeasures(t *testing.T) {
	dir := t.TempDir()
	pairs := [][3]string{
		{"clean", "The archive was moved to the new building in spring.", "Архив весной переехал в новое здание."},
		{"clean", "Volunteers cleaned the banks of the river over two weekends.", "За два выходных добровольцы очистили берега реки."},
		{"partial", "This year, for the first time, libraries in every district took part.", "В этом году впервые в нём участвовали библиотеки всех районов, а читатели младших классов представили собственные книги о своём городе и его истории."},
		{"empty", "The library lends books and maps to every resident.", ""},
	}
	var en, ru, labels []string
	for _, p := range pairs {
		labels, en, ru = append(labels, p[0]), append(en, p[1]), append(ru, p[2])
	}
	for name, lines := range map[string][]string{"noisy.en": en, "noisy.ru": ru, "labels": labels} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	meas := filepath.Join(dir, "measures")
	var out, errb bytes.Buffer
	if code := runMain(context.Background(), &stdio{in: strings.NewReader(""), out: &out, err: &errb}, []string{"eval", "clean", "--measures", meas, dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	data, err := os.ReadFile(meas)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != len(pairs) {
		t.Fatalf("%d lines in measures, want %d:\n%s", len(lines), len(pairs), data)
	}
	for i, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f)%2 != 0 || f[0] != pairs[i][0] {
			t.Fatalf("line %d = %q: want label %s, reasons, then key/value pairs", i+1, line, pairs[i][0])
		}
		rejectedPartial := strings.Contains(","+f[1]+",", ",partial,")
		if rejectedPartial != (pairs[i][0] == "partial") {
			t.Errorf("line %d (%s): reasons %q", i+1, pairs[i][0], f[1])
		}
		if pairs[i][0] != "empty" && !strings.Contains(line, "\tpartial:max\t") {
			t.Errorf("line %d: no partial statistic: %q", i+1, line)
		}
	}
}

// TestEvalCleanAlsoCatches checks the row of a filter meant to catch
// another filter's kind: lexical's recall and precision on misaligned
// pairs (the adequacy kind), counted as for the kind's own filter.
func TestEvalCleanAlsoCatches(t *testing.T) {
	var ev cleanEval
	ev.init()
	for _, p := range []struct {
		label   string
		reasons []string
	}{
		{"adequacy", []string{"adequacy", "lexical"}},
		{"adequacy", []string{"lexical"}},
		{"adequacy", nil},
		{"adequacy", []string{"adequacy"}},
		{"clean", []string{"lexical"}},
		{"clean", nil},
	} {
		ev.add(p.label, p.reasons)
	}
	var out bytes.Buffer
	ev.print(&stdio{out: &out}, map[string]bool{"adequacy": true, "lexical": true})
	var row string
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "  by lexical") {
			row = line
		}
	}
	// 2 of 4 misaligned pairs, 2 of the 3 pairs it rejects among clean and adequacy ones
	if f := strings.Fields(row); len(f) != 6 || f[2] != "50.0%" || f[3] != "66.7%" || f[4] != "3" || f[5] != "1" {
		t.Fatalf("lexical row = %q, want recall 50.0%%, precision 66.7%%, 3 rejected, 1 clean:\n%s", row, out.String())
	}
}

package lang

import (
	"fmt"
	"testing"
)

func TestLineKey(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"15:39 Abu Dhabi", "00:00 abu dhabi", true},
		{"  18:42   ABU\tDHABI ", "00:00 abu dhabi", true},
		{"Comments(12)", "comments(00)", true},
		{"Партнеры по диалогу:", "партнеры по диалогу:", true},
		{"21.04.2020 09:49", "00.00.0000 00:00", false},
		{"", "", false},
		{"   ", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := LineKey(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("LineKey(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestLineCounter(t *testing.T) {
	c := NewLineCounter(0)
	c.AddDocument("Home\nHome\nHome\n15:39 Abu Dhabi\n2020\n")
	c.AddDocument("home\n18:40 Abu Dhabi\n")
	c.AddDocument("Something else\n")
	tests := []struct {
		line string
		want int
	}{
		{"Home", 2},            // counted once per document, case folded
		{"07:00 abu dhabi", 2}, // digits masked
		{"Something else", 1},
		{"Never seen", 0},
		{"2020", 0}, // no letters: not counted
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			if got := c.Count(tc.line); got != tc.want {
				t.Errorf("Count(%q) = %d, want %d", tc.line, got, tc.want)
			}
		})
	}
	if c.Docs() != 3 {
		t.Errorf("Docs() = %d, want 3", c.Docs())
	}
}

// TestLineCounterOrder checks that counts depend on the set of documents,
// not on the order they were added in, even in a small, colliding sketch.
func TestLineCounterOrder(t *testing.T) {
	docs := make([]string, 200)
	for i := range docs {
		docs[i] = fmt.Sprintf("Menu\nItem number %c%c\nStory %d of the day\nfooter %c\n", 'a'+i%26, 'a'+i/26, i, 'a'+i%7)
	}
	a, b := NewLineCounter(1), NewLineCounter(1) // the smallest size: collisions happen
	for i := range docs {
		a.AddDocument(docs[i])
		b.AddDocument(docs[len(docs)-1-i])
	}
	for i := range docs {
		for _, line := range []string{"Menu", fmt.Sprintf("Item number %c%c", 'a'+i%26, 'a'+i/26), "footer x", fmt.Sprintf("footer %c", 'a'+i%7)} {
			if ca, cb := a.Count(line), b.Count(line); ca != cb {
				t.Fatalf("Count(%q) = %d in one order, %d in the other", line, ca, cb)
			}
		}
	}
	if got := a.Count("Menu"); got != 200 {
		t.Errorf("Count(Menu) = %d, want 200", got)
	}
	if got := a.Count("footer c"); got < 28 {
		t.Errorf("Count(footer c) = %d, want at least the 28 true documents (a sketch only over-counts)", got)
	}
}

package corpus

import "testing"

func TestOneLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"clean", "A sentence.", "A sentence."},
		{"empty", "", ""},
		{"blank", " \t\n ", ""},
		{"trim", "  two words \n", "two words"},
		{"newline", "one\ntwo", "one two"},
		{"crlf", "one\r\ntwo", "one two"},
		{"cr ending", "line\r", "line"},
		{"tab", "src\ttgt", "src tgt"},
		{"double space", "a  b", "a b"},
		{"nbsp run", "a \u00a0b", "a b"},
		{"separators", "a\u2028b\u2029c\u0085d", "a b c d"},
		{"controls", "a\x00b\x1bc\u009fd", "a b c d"},
		{"noncharacters", "a\ufffeb\uffff", "a b"},
		{"invalid utf-8", "a\xffb", "a\ufffdb"},
		{"cyrillic", "Привет,\nмир", "Привет, мир"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := OneLine(tc.in)
			if got != tc.want {
				t.Errorf("OneLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got != "" && CheckLine(got) != nil {
				t.Errorf("OneLine(%q) = %q, which CheckLine refuses: %v", tc.in, got, CheckLine(got))
			}
			if OneLine(got) != got {
				t.Errorf("OneLine is not idempotent on %q", got)
			}
		})
	}
}

func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"a b", "a\nb", " x ", "\xff", "a\u2028b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := OneLine(s)
		if got != "" && CheckLine(got) != nil {
			t.Fatalf("OneLine(%q) = %q: %v", s, got, CheckLine(got))
		}
		if OneLine(got) != got {
			t.Fatalf("OneLine(%q) = %q is not stable", s, got)
		}
	})
}

func BenchmarkOneLineClean(b *testing.B) {
	s := "The Danube Basin Secretariat opened a joint flood forecasting centre in Linz on Monday."
	b.ReportAllocs()
	for b.Loop() {
		OneLine(s)
	}
}

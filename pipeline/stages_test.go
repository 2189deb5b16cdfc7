package pipeline

import "testing"

func TestSpanReason(t *testing.T) {
	for _, tc := range []struct{ text, key string }{
		{"boilerplate:repeated(5 docs)", "boilerplate:repeated"},
		{"boilerplate:other-language(ru)", "boilerplate:other-language(ru)"},
		{"boilerplate:clock", "boilerplate:clock"},
		{"", ""},
	} {
		if got := textReason(tc.text); got.key != tc.key || got.text != tc.text {
			t.Errorf("textReason(%q) = %+v, want key %q", tc.text, got, tc.key)
		}
	}
}

package corpus

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestNFCQuickSpan checks the fast path against norm.NFC.QuickSpanString
// on text mixing ASCII, Latin, Cyrillic, punctuation, combining marks,
// singletons and invalid bytes.
func TestNFCQuickSpan(t *testing.T) {
	pieces := []string{"a", "Z", " ", "\n", "é", "е", "й", "ё", "и\u0306", "е\u0308", "\u0301", "\u0306", "\u0483",
		"—", "«", "»", "…", "\u2000", "\u2001", "\u212b", "\u0958", "한", "\u1100\u1161", "\xff", "\xd0", "ǅ", "Ω", "ά", "α\u0301",
		"\u0340", "\u0344", "\u0374", "\u037e", "\u0387", "\u1f71", "\u2126", "Ё", "ї", "\u0407", "і\u0308"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := rng.IntN(12); j >= 0; j-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := nfcQuickSpan(s), norm.NFC.QuickSpanString(s); got != want {
			t.Fatalf("nfcQuickSpan(%q) = %d, want %d", s, got, want)
		}
	}
	// Every rune of the fast table alone and after a letter.
	for r := rune(0); r < nfcFastLimit; r++ {
		for _, s := range []string{string(r), "a" + string(r), "и" + string(r) + "b"} {
			if got, want := nfcQuickSpan(s), norm.NFC.QuickSpanString(s); got != want {
				t.Fatalf("nfcQuickSpan(%q) = %d, want %d", s, got, want)
			}
		}
	}
}

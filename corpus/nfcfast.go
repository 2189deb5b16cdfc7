package corpus

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfcFastLimit bounds the runes that nfcStarters describes: Latin, Greek,
// Cyrillic and the general punctuation of most pages.
const nfcFastLimit = 0x2100

// nfcStarters tells, per rune below nfcFastLimit, whether the rune is a
// starter that nothing before it combines with and that is in NFC alone
// (canonical combining class 0, NFC_Quick_Check Yes): a string of such
// runes is in NFC (a rune may combine with the one after it, but that one
// is then no such rune).
var nfcStarters = sync.OnceValue(func() *[nfcFastLimit]bool {
	var t [nfcFastLimit]bool
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < nfcFastLimit; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := string(buf[:utf8.EncodeRune(buf[:], r)])
		p := norm.NFC.PropertiesString(s)
		t[r] = p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.IsNormalString(s)
	}
	return &t
})

// nfcQuickSpan is norm.NFC.QuickSpanString(s), with a fast path over the
// runes of nfcStarters: it returns the length of the longest prefix of s
// that is in NFC as it stands.
func nfcQuickSpan(s string) int {
	t := nfcStarters()
	last := 0 // start of the last rune known to be a starter in NFC
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			last = i
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= nfcFastLimit || (r == utf8.RuneError && n == 1) || !t[r] {
			// From the last starter on (the rune at i may combine with
			// it), the general check decides.
			return last + norm.NFC.QuickSpanString(s[last:])
		}
		last = i
		i += n
	}
	return len(s)
}

package lang

// ScriptShare returns the share of the letters of text written in the
// script of language code (Cyrillic for "ru", Latin for "en", ...), and
// whether that script tells code from other, the other language of a pair:
// false when both are written in one script (then the share says nothing
// about which of the two a text is in). A text without letters has share 0.
func ScriptShare(text, code, other string) (share float64, distinct bool) {
	share, _, distinct = ScriptShares(text, code, other)
	return share, distinct
}

// ScriptShares returns ScriptShare(text, a, b) and ScriptShare(text, b, a)
// in one pass over text: the shares of its letters written in the scripts
// of a and of b, and whether the two scripts differ (both shares are 0
// when they do not).
func ScriptShares(text, a, b string) (sa, sb float64, distinct bool) {
	sca, scb := scriptOfLang(a), scriptOfLang(b)
	if sca == scb {
		return 0, 0, false
	}
	letters, ina, inb := 0, 0, 0
	for _, r := range text {
		s := scriptOf(r)
		if s == scriptNone {
			continue
		}
		letters++
		switch s {
		case sca:
			ina++
		case scb:
			inb++
		}
	}
	if letters == 0 {
		return 0, 0, true
	}
	return float64(ina) / float64(letters), float64(inb) / float64(letters), true
}

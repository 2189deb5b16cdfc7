package corpus

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// benchText is seed-like page text of our own: English and Russian lines,
// no-break spaces, CRLF.
const benchText = "Ministers discussed regional cooperation and trade.\u00a0The talks continue tomorrow.\r\n" +
	"Министры обсудили региональное сотрудничество и торговлю. Переговоры продолжатся завтра.\r\n" +
	"12:30 Moscow  14:30 Tashkent\r\nAdd Comment • Print\r\n"

func benchDecode(b *testing.B, raw []byte, enc string) {
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := DecodeNormalize(raw, enc)
		if err != nil {
			b.Fatal(err)
		}
		_ = d.RawOffset(len(d.Text) / 2)
	}
}

func BenchmarkDecodeNormalize(b *testing.B) {
	utf8Raw := bytes.Repeat([]byte(benchText), 4000) // ~1 MB
	cp1251Raw, err := charmap.Windows1251.NewEncoder().Bytes([]byte(strings.ReplaceAll(string(utf8Raw), "•", "*")))
	if err != nil {
		b.Fatal(err)
	}
	ascii := bytes.Repeat([]byte("The quick brown fox jumps over the lazy dog.\n"), 24000)
	nfd := bytes.Repeat([]byte("Cafe\u0301 cre\u0300me bru\u0302le\u0301e. "), 30000)
	b.Run("ascii", func(b *testing.B) { benchDecode(b, ascii, "") })
	b.Run("utf-8", func(b *testing.B) { benchDecode(b, utf8Raw, "") })
	b.Run("windows-1251", func(b *testing.B) { benchDecode(b, cp1251Raw, "") })
	b.Run("nfd", func(b *testing.B) { benchDecode(b, nfd, "") })
}

func BenchmarkRawOffset(b *testing.B) {
	raw, err := charmap.Windows1251.NewEncoder().Bytes(bytes.Repeat([]byte(strings.ReplaceAll(benchText, "•", "*")), 4000))
	if err != nil {
		b.Fatal(err)
	}
	d, err := DecodeNormalize(raw, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(d.clean.data)+24*len(d.clean.checks))/float64(len(raw)), "mapbytes/rawbyte")
	i := 0
	for b.Loop() {
		i = (i + 7919) % len(d.Text)
		_ = d.RawOffset(i)
	}
}

package corpus

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	xencoding "golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// xDecoder returns the golang.org/x/text decoder the hand-written decoding
// must agree with.
func xDecoder(t testing.TB, name string) *xencoding.Decoder {
	t.Helper()
	switch name {
	case "utf-8":
		return unicode.UTF8.NewDecoder()
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case "windows-1251":
		return charmap.Windows1251.NewDecoder()
	case "koi8-r":
		return charmap.KOI8R.NewDecoder()
	}
	t.Fatalf("no reference decoder for %q", name)
	return nil
}

// checkDocument verifies the invariants of a decoded document: Text equals
// the x/text decoder followed by the Normalizer chain, the offset map is
// monotonic and in bounds, and cutting Raw at the mapped line boundaries
// gives raw lines that decode and normalise to the text lines.
func checkDocument(t testing.TB, d *Document) {
	t.Helper()
	decoded, _, err := transform.Bytes(xDecoder(t, d.Encoding), d.Raw)
	if err != nil {
		t.Fatalf("x/text decode: %v", err)
	}
	want, _, err := transform.String(Normalizer(), string(decoded))
	if err != nil {
		t.Fatalf("normalizer chain: %v", err)
	}
	if d.Text != want {
		t.Fatalf("Text = %+q, chain gives %+q (raw %+q, %s)", d.Text, want, d.Raw, d.Encoding)
	}
	if got := d.RawOffset(0); got != 0 {
		t.Fatalf("RawOffset(0) = %d", got)
	}
	if got := d.RawOffset(len(d.Text)); got != len(d.Raw) {
		t.Fatalf("RawOffset(len) = %d, want %d", got, len(d.Raw))
	}
	prev := 0
	for i := 0; i <= len(d.Text); i++ {
		o := d.RawOffset(i)
		if o < prev || o > len(d.Raw) {
			t.Fatalf("RawOffset(%d) = %d after %d (len(Raw) %d)", i, o, prev, len(d.Raw))
		}
		prev = o
	}
	// Lines: cutting Raw at line boundaries gives each line's bytes.
	start := 0
	for start < len(d.Text) {
		end := strings.IndexByte(d.Text[start:], '\n')
		if end < 0 {
			end = len(d.Text)
		} else {
			end += start + 1
		}
		a, b := d.RawOffset(start), d.RawOffset(end)
		line := d.Raw[a:b]
		var got string
		if len(line) > 0 {
			dec, _, err := transform.Bytes(xDecoder(t, d.Encoding), line)
			if err != nil {
				t.Fatalf("decode line: %v", err)
			}
			got, _, _ = transform.String(Normalizer(), string(dec))
		}
		if got != d.Text[start:end] {
			t.Fatalf("raw line [%d:%d] %+q normalises to %+q, want %+q (raw %+q)", a, b, line, got, d.Text[start:end], d.Raw)
		}
		start = end
	}
	// Character starts map to the raw bytes that make the character alone
	// when they do not merge (spot check: every rune start is in bounds).
	for i := range d.Text {
		if !utf8.RuneStart(d.Text[i]) {
			t.Fatalf("Text has a continuation byte at a rune index %d", i)
		}
	}
}

func TestDecodeNormalize(t *testing.T) {
	cp1251 := func(s string) []byte {
		b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	koi8 := func(s string) []byte {
		b, err := charmap.KOI8R.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16le := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16be := func(s string) []byte {
		b, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const ru = "Съешь же ещё этих мягких французских булок, да выпей чаю.\r\nВ чащах юга жил бы цитрус? Да, но фальшивый экземпляр!\r\n"
	const ruText = "Съешь же ещё этих мягких французских булок, да выпей чаю.\nВ чащах юга жил бы цитрус? Да, но фальшивый экземпляр!\n"
	const caps = "МОСКВА, 12 МАЯ. ПРАВИТЕЛЬСТВО ОБСУДИЛО НОВЫЕ ПРАВИЛА ТОРГОВЛИ И ПОДДЕРЖКИ МАЛОГО БИЗНЕСА В РЕГИОНАХ.\n"
	tests := []struct {
		name     string
		raw      []byte
		enc      string
		wantText string
		wantEnc  string
		invalid  int
		wantErr  error
	}{
		{"ascii", []byte("Hello, world.\n"), "", "Hello, world.\n", "utf-8", 0, nil},
		{"utf8 bom", []byte("\ufeffHello\r\nworld"), "", "Hello\nworld", "utf-8", 0, nil},
		{"crlf cr", []byte("a\r\nb\rc\r"), "", "a\nb\nc\n", "utf-8", 0, nil},
		{"nbsp zw tab", []byte("a\u00a0b\u200bc\td\u00ade\x01f"), "", "a bc def", "utf-8", 0, nil},
		{"nfd to nfc", []byte("Cafe\u0301 й\n"), "", "Café й\n", "utf-8", 0, nil},
		{"nfc across removed zw", []byte("e\u200b\u0301"), "", "é", "utf-8", 0, nil},
		{"invalid utf8", []byte("Привет \xff мир \xe2\x82 ok"), "", "Привет \ufffd мир \ufffd ok", "utf-8", 2, nil},
		{"latin-1 stays utf-8", []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e"), "", "Caf\ufffd cr\ufffdme br\ufffdl\ufffde", "utf-8", 4, nil},
		{"cp1252 quote stays utf-8", []byte("don\x92t"), "", "don\ufffdt", "utf-8", 1, nil},
		{"windows-1251 with latin", cp1251("Компания Apple представила новый iPhone в Москве."), "", "Компания Apple представила новый iPhone в Москве.", "windows-1251", 0, nil},
		{"windows-1251", cp1251(ru), "", ruText, "windows-1251", 0, nil},
		{"koi8-r", koi8(ru), "", ruText, "koi8-r", 0, nil},
		{"koi8-r all caps", koi8(caps), "", caps, "koi8-r", 0, nil},
		{"windows-1251 all caps", cp1251(caps), "", caps, "windows-1251", 0, nil},
		{"windows-1251 forced", cp1251("Привет"), "cp1251", "Привет", "windows-1251", 0, nil},
		{"utf-16le bom", utf16le("Hi, мир\r\n"), "", "Hi, мир\n", "utf-16le", 0, nil},
		{"utf-16be bom", utf16be("Hi, мир 𝄞\n"), "", "Hi, мир 𝄞\n", "utf-16be", 0, nil},
		{"utf-16 lone surrogate", []byte{0xff, 0xfe, 'a', 0, 0x00, 0xd8, 'b', 0}, "", "a\ufffdb", "utf-16le", 1, nil},
		{"empty", nil, "", "", "", 0, ErrEmpty},
		{"only bom", []byte("\ufeff"), "", "", "", 0, ErrEmpty},
		{"binary", []byte("PK\x03\x04\x00\x00"), "", "", "", 0, ErrBinary},
		{"unknown encoding", []byte("x"), "ebcdic-nonsense", "", "", 0, ErrUnknownEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DecodeNormalize(tt.raw, tt.enc)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !errors.Is(d.Err, tt.wantErr) {
					t.Fatalf("err = %v, Document.Err = %v, want %v", err, d.Err, tt.wantErr)
				}
				if d.Text != "" {
					t.Fatalf("Text = %q on error", d.Text)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != tt.wantText || d.Encoding != tt.wantEnc || d.Invalid != tt.invalid {
				t.Fatalf("got (%+q, %s, %d), want (%+q, %s, %d)", d.Text, d.Encoding, d.Invalid, tt.wantText, tt.wantEnc, tt.invalid)
			}
			checkDocument(t, d)
		})
	}
}

func TestRawOffsetNoBreakSpace(t *testing.T) {
	raw := []byte("\xcf\xf0\xe8\xe2\xe5\xf2\xa0\xec\xe8\xf0\r\n") // windows-1251
	d, err := DecodeNormalize(raw, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Привет мир\n" {
		t.Fatalf("Text = %q", d.Text)
	}
	for _, tc := range []struct{ text, raw int }{{0, 0}, {2, 1}, {12, 6}, {13, 7}, {19, 10}, {20, 12}} {
		if got := d.RawOffset(tc.text); got != tc.raw {
			t.Errorf("RawOffset(%d) = %d, want %d", tc.text, got, tc.raw)
		}
	}
}

func TestBinaryOffset(t *testing.T) {
	_, err := DecodeNormalize([]byte("line one\nline two\x00rest"), "")
	var re *ReadError
	if !errors.As(err, &re) || re.Offset != 17 || re.Line != 2 {
		t.Fatalf("err = %#v", err)
	}
	if got, want := err.Error(), "read: byte 17 (line 2): binary file (NUL byte)"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
}

func FuzzDecodeNormalize(f *testing.F) {
	for _, s := range []string{
		"", "a", "Hello\r\nworld\r", "\ufeffx", "e\u0301\u0316\n\u0301\u0316", "a\r\u200b\nb",
		"\xcf\xf0\xe8\xe2\xe5\xf2", "\xff\xfea\x00\x00\xd8", "\xfe\xff\x00a\xdc\x00\xdc\x01",
		"x\u00a0y\u2028z\u0085\x0b\f\t", "\u1100\u1161\u11a8", "a\u0308\u0301\u0323", "\xe2\x80",
		strings.Repeat("\u0301", 40) + "a", "\u2000\u2126\u212b", "\r\r\n\n\r",
	} {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "windows-1251")
		f.Add([]byte(s), "koi8-r")
		f.Add([]byte(s), "utf-16be")
	}
	f.Fuzz(func(t *testing.T, raw []byte, enc string) {
		switch enc {
		case "", "utf-8", "utf-16le", "utf-16be", "windows-1251", "koi8-r":
		default:
			enc = ""
		}
		d, err := DecodeNormalize(raw, enc)
		if err != nil {
			var re *ReadError
			if !errors.As(err, &re) || d.Err != err || d.Text != "" {
				t.Fatalf("bad error %v", err)
			}
			if errors.Is(err, ErrBinary) && (re.Offset < 0 || int(re.Offset) >= len(raw) || !bytes.Contains(raw, []byte{0})) {
				t.Fatalf("binary offset %d", re.Offset)
			}
			return
		}
		checkDocument(t, d)
		// Normalising is idempotent.
		if again := NormalizeString(d.Text); again != d.Text {
			t.Fatalf("not idempotent: %+q -> %+q", d.Text, again)
		}
	})
}

// TestRandomDocuments checks the invariants of checkDocument on random
// mixtures of the characters the rules and decoders treat specially (a
// deterministic complement to FuzzDecodeNormalize).
func TestRandomDocuments(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{
		"a", "\r", "\n", "\u0301", "\u0316", "e", "\u200b", "\xff", "\xe2\x80", "\x00", "\xd8", "\xdc",
		"\u1100", "\u1161", "\u11a8", "\u00a0", "й", "\t", "\xfe\xff", "\xff\xfe", "\u0308", "\u0345",
		"\u0f73", "\u0f71\u0f72", "\u2028", "\u0085", "\x0b", "\xc2", "\xa0", "\xad", "\xcf\xf0",
	}
	encs := []string{"", "utf-8", "utf-16le", "utf-16be", "windows-1251", "koi8-r"}
	for n := 0; n < 10000; n++ {
		var b []byte
		for k := rng.IntN(40); k > 0; k-- {
			if rng.IntN(4) == 0 {
				b = append(b, byte(rng.IntN(256)))
			} else {
				b = append(b, pieces[rng.IntN(len(pieces))]...)
			}
		}
		if d, err := DecodeNormalize(b, encs[n%len(encs)]); err == nil {
			checkDocument(t, d)
		}
	}
}

// encodeForTest encodes s with the x/text encoder of e (no BOM).
func encodeForTest(t testing.TB, e encoding, s string) []byte {
	t.Helper()
	var enc *xencoding.Encoder
	switch e.kind {
	case encUTF8:
		return []byte(s)
	case encUTF16LE:
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder()
	case encUTF16BE:
		enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder()
	default:
		enc = e.cm.NewEncoder()
	}
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

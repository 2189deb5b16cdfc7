package corpus

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// trickler is an io.Reader that returns one byte per call.
type trickler []byte

func (t *trickler) Read(p []byte) (int, error) {
	if len(*t) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = (*t)[0]
	*t = (*t)[1:]
	return 1, nil
}

// transformSmall runs t over src with tiny dst and src windows, growing only
// when the transformer needs more (ErrShortDst/ErrShortSrc), like the
// x/text transform tests.
func transformSmall(tr transform.Transformer, src []byte, dstSize, srcSize int) ([]byte, error) {
	tr.Reset()
	var out []byte
	dst := make([]byte, dstSize)
	for {
		n := min(srcSize, len(src))
		atEOF := n == len(src)
		nDst, nSrc, err := tr.Transform(dst, src[:n], atEOF)
		out = append(out, dst[:nDst]...)
		src = src[nSrc:]
		switch {
		case errors.Is(err, transform.ErrShortDst):
			if nDst == 0 && nSrc == 0 {
				dst = make([]byte, 2*len(dst)+1)
			}
		case errors.Is(err, transform.ErrShortSrc):
			if atEOF {
				return out, errors.New("ErrShortSrc at EOF")
			}
			if nSrc == 0 {
				srcSize++
			}
		case err != nil:
			return out, err
		case atEOF:
			return out, nil
		case nSrc == 0 && nDst == 0:
			return out, errors.New("no progress without an error")
		}
	}
}

func TestNormalizers(t *testing.T) {
	tests := []struct {
		desc string
		t    func() transform.Transformer
		src  string
		want string
	}{
		{"newline crlf", NewlineNormalizer, "a\r\nb\r\n", "a\nb\n"},
		{"newline lone cr", NewlineNormalizer, "a\rb\r", "a\nb\n"},
		{"newline cr cr lf", NewlineNormalizer, "\r\r\n\n", "\n\n\n"},
		{"newline vt ff nel ls ps", NewlineNormalizer, "a\vb\fc\u0085d\u2028e\u2029f", "a\nb\nc\nd\ne\nf"},
		{"newline keeps other e2", NewlineNormalizer, "a\u2026b\u2027", "a\u2026b\u2027"},
		{"newline keeps c2", NewlineNormalizer, "\u00a0\u00e9", "\u00a0\u00e9"},
		{"newline invalid passes", NewlineNormalizer, "a\xe2\x80\xc2", "a\xe2\x80\xc2"},
		{"newline empty", NewlineNormalizer, "", ""},
		{"invisible zw", InvisibleRemover, "a\u200bb\u200cc\u200dd\u2060e\ufefff", "abcdef"},
		{"invisible soft hyphen", InvisibleRemover, "con\u00adtent", "content"},
		{"invisible bidi", InvisibleRemover, "\u202aabc\u202c\u200e\u2066x\u2069", "abcx"},
		{"invisible keeps others", InvisibleRemover, "a b\u00a0é\t", "a b\u00a0é\t"},
		{"invisible invalid passes", InvisibleRemover, "a\xffb", "a\xffb"},
		{"control tab", ControlRemover, "a\tb", "a b"},
		{"control removes", ControlRemover, "a\x00b\x01c\x1bd\x7fe\u0080f\u009fg", "abcdefg"},
		{"control keeps lf", ControlRemover, "a\nb", "a\nb"},
		{"control removes cr", ControlRemover, "a\r\nb", "a\nb"},
		{"control keeps format chars", ControlRemover, "a\u200bb", "a\u200bb"},
		{"space nbsp", SpaceNormalizer, "1\u00a0000\u202f€", "1 000 €"},
		{"space all zs", SpaceNormalizer, "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000", strings.Repeat(" ", 14)},
		{"space keeps zero width and tab", SpaceNormalizer, "\u200b\t", "\u200b\t"},
		{"nfc compose", NFC, "Cafe\u0301", "Café"},
		{"nfc reorder", NFC, "a\u0301\u0316", "á\u0316"},
		{"nfc singleton", NFC, "\u212b\u2126", "\u00c5\u03a9"},
		{"chain all", Normalizer, "\ufeffCafe\u0301\u00a0\u200bbar\r\n\tx\x01y\u00ad\r", "Café bar\n xy\n"},
		{"chain nfc after removal", Normalizer, "e\u200b\u0301", "é"},
		{"chain cr before control", Normalizer, "a\r\u0001\nb", "a\n\nb"},
	}
	for _, tt := range tests {
		for _, size := range []struct {
			name         string
			dstSz, srcSz int
		}{{"large", 4096, 4096}, {"tiny", 1, 1}, {"small", 3, 2}} {
			t.Run(tt.desc+"/"+size.name, func(t *testing.T) {
				got, err := transformSmall(tt.t(), []byte(tt.src), size.dstSz, size.srcSz)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != tt.want {
					t.Fatalf("got %+q, want %+q", got, tt.want)
				}
			})
		}
		t.Run(tt.desc+"/trickler", func(t *testing.T) {
			src := trickler(tt.src)
			got, err := io.ReadAll(transform.NewReader(&src, tt.t()))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("got %+q, want %+q", got, tt.want)
			}
		})
		t.Run(tt.desc+"/writer", func(t *testing.T) {
			var buf bytes.Buffer
			w := transform.NewWriter(&buf, tt.t())
			for i := 0; i < len(tt.src); i++ {
				if _, err := w.Write([]byte{tt.src[i]}); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Fatalf("got %+q, want %+q", buf.String(), tt.want)
			}
		})
	}
}

func TestNormalizeString(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "plain text", "plain text"},
		{"mixed", "x\u00a0\u200by\r\nz\u0301", "x y\nź"},
		{"invalid", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeString(tt.in); got != tt.want {
				t.Fatalf("NormalizeString(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzNormalizer(f *testing.F) {
	for _, s := range []string{"a\r\nb", "\r", "\u2028x\u0085", "e\u0301\u200b", "\t\x00\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _, err := transform.String(Normalizer(), s)
		if err != nil {
			t.Fatal(err)
		}
		src := trickler(s)
		got, err := io.ReadAll(transform.NewReader(&src, Normalizer()))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Fatalf("trickled %+q, whole %+q", got, want)
		}
		if !utf8.ValidString(s) {
			return // removing a character between invalid bytes may make them valid
		}
		if again, _, _ := transform.String(Normalizer(), want); again != want {
			t.Fatalf("not idempotent: %+q -> %+q", want, again)
		}
		if strings.ContainsAny(want, "\r\t\u00a0\u200b\ufeff\u00ad") {
			t.Fatalf("output %+q keeps a character a rule removes", want)
		}
	})
}

package corpus

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmxPairs covers the escaping cases: markup, quotes, ampersands, entities
// that must stay text, scripts and an empty side.
var tmxPairs = []Pair{
	{Src: "Hello, world.", Tgt: "Привет, мир.", Doc: "docs/a.html", Score: pairScore(0.5)},
	{Src: `Use <b>bold</b> & "quotes" 'here'`, Tgt: `Используйте <b>жирный</b> & «кавычки»`},
	{Src: "&amp; stays &lt;text&gt;", Tgt: "&amp; остаётся", Doc: `a "quoted" & <doc>`},
	{Src: "]]> end of CDATA", Tgt: ""},
	{Src: "emoji 😀 and 中文", Tgt: "эмодзи 😀"},
}

func writeTMX(t *testing.T, h TMXHeader) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := NewTMXWriter(&b, h)
	if err != nil {
		t.Fatal(err)
	}
	for i := range tmxPairs {
		if err := w.WritePair(&tmxPairs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.WritePair(&Pair{Src: "bad\x01", Tgt: "x"}); err == nil {
		t.Fatal("control character accepted")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Pairs() != len(tmxPairs) {
		t.Fatalf("Pairs() = %d, want %d", w.Pairs(), len(tmxPairs))
	}
	return b.Bytes()
}

func TestTMXValidatesAgainstDTD(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian package libxml2-utils): TMX not validated")
	}
	dtd, err := filepath.Abs("testdata/tmx14.dtd")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		h    TMXHeader
	}{
		{"defaults", TMXHeader{SrcLang: "en", TgtLang: "ru"}},
		{"dated", TMXHeader{SrcLang: "de", TgtLang: "en", Tool: `para"line`, ToolVersion: "1.0 <beta>", Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "corpus.tmx")
			if err := os.WriteFile(path, writeTMX(t, tt.h), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(xmllint, "--noout", "--nonet", "--dtdvalid", dtd, path).CombinedOutput()
			if err != nil {
				t.Fatalf("xmllint: %v\n%s", err, out)
			}
		})
	}
}

func TestTMXInvalidIsCaught(t *testing.T) {
	// The DTD test must be able to fail: a unit without tuv is invalid.
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian package libxml2-utils)")
	}
	dtd, _ := filepath.Abs("testdata/tmx14.dtd")
	bad := strings.Replace(string(writeTMX(t, TMXHeader{SrcLang: "en", TgtLang: "ru"})), `<tuv xml:lang="en"><seg>Hello, world.</seg></tuv><tuv xml:lang="ru"><seg>Привет, мир.</seg></tuv>`, "", 1)
	path := filepath.Join(t.TempDir(), "bad.tmx")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--nonet", "--dtdvalid", dtd, path).CombinedOutput(); err == nil {
		t.Fatalf("xmllint accepted a unit without tuv:\n%s", out)
	}
}

func TestTMXContent(t *testing.T) {
	got := string(writeTMX(t, TMXHeader{SrcLang: "en", TgtLang: "ru"}))
	for _, want := range []string{
		`<header creationtool="paraline" creationtoolversion="0" segtype="sentence" o-tmf="paraline" adminlang="en" srclang="en" datatype="plaintext"/>`,
		`<tu tuid="1"><prop type="x-doc">docs/a.html</prop><prop type="x-score">0.5</prop><tuv xml:lang="en"><seg>Hello, world.</seg></tuv><tuv xml:lang="ru"><seg>Привет, мир.</seg></tuv></tu>`,
		`<seg>Use &lt;b&gt;bold&lt;/b&gt; &amp; "quotes" 'here'</seg>`,
		`<seg>&amp;amp; stays &amp;lt;text&amp;gt;</seg>`,
		`<prop type="x-doc">a "quoted" &amp; &lt;doc&gt;</prop>`,
		`<seg>]]&gt; end of CDATA</seg></tuv><tuv xml:lang="ru"><seg></seg>`,
		"</body>\n</tmx>\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("TMX lacks %s", want)
		}
	}
}

func FuzzTMXEscape(f *testing.F) {
	f.Add("a & b < c > \"d\"")
	f.Add("]]>")
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		w, err := NewTMXWriter(&b, TMXHeader{SrcLang: "en", TgtLang: "ru"})
		if err != nil {
			t.Fatal(err)
		}
		p := &Pair{Src: s, Tgt: s, Doc: s}
		err = w.WritePair(p)
		if (err == nil) != (CheckPair(p) == nil) {
			t.Fatalf("WritePair error %v disagrees with CheckPair", err)
		}
		if err != nil {
			return
		}
		body := b.String()
		unit := body[strings.Index(body, "<tu "):]
		if strings.Count(unit, "<") != strings.Count(unit, ">") {
			t.Fatalf("unbalanced markup: %q", unit)
		}
	})
}

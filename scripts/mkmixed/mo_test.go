package main

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// buildMO writes a catalog in the given byte order: pairs of id, translation.
func buildMO(bo binary.ByteOrder, pairs ...string) []byte {
	n := len(pairs) / 2
	hdr := 28
	origTab, transTab := hdr, hdr+8*n
	data := make([]byte, hdr+16*n)
	bo.PutUint32(data[0:], 0x950412de)
	bo.PutUint32(data[8:], uint32(n))
	bo.PutUint32(data[12:], uint32(origTab))
	bo.PutUint32(data[16:], uint32(transTab))
	for i := 0; i < n; i++ {
		for k, tab := range []int{origTab, transTab} {
			s := pairs[2*i+k]
			bo.PutUint32(data[tab+8*i:], uint32(len(s)))
			bo.PutUint32(data[tab+8*i+4:], uint32(len(data)))
			data = append(data, s...)
			data = append(data, 0)
		}
	}
	return data
}

func TestParseMO(t *testing.T) {
	header := "Project-Id-Version: x\nContent-Type: text/plain; charset=UTF-8\n"
	for _, bo := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		t.Run(bo.String(), func(t *testing.T) {
			data := buildMO(bo, "", header, "Open file", "Datei öffnen",
				"menu\x04Quit", "Beenden", "%d file\x00%d files", "%d Datei\x00%d Dateien", "Empty", "")
			entries, cs, err := parseMO(data)
			if err != nil {
				t.Fatal(err)
			}
			if cs != "UTF-8" {
				t.Errorf("charset %q", cs)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.ID+"="+e.Str)
			}
			want := "Open file=Datei öffnen|Quit=Beenden|%d file=%d Datei"
			if strings.Join(got, "|") != want {
				t.Errorf("entries %q, want %q", strings.Join(got, "|"), want)
			}
		})
	}
}

func TestParseMOErrors(t *testing.T) {
	good := buildMO(binary.LittleEndian, "a", "b")
	tests := []struct {
		name string
		data []byte
	}{
		{"short", []byte{0xde, 0x12}},
		{"bad magic", append([]byte("not a catalog at all"), make([]byte, 20)...)},
		{"truncated strings", good[:len(good)-3]},
		{"table past end", good[:30]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := parseMO(tc.data); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, _, err := parseMO([]byte("xxxxxxxxxxxxxxxxxxxxxxxx")); !errors.Is(err, errNotMO) {
		t.Errorf("bad magic: %v, want errNotMO", err)
	}
}

func FuzzParseMO(f *testing.F) {
	f.Add(buildMO(binary.LittleEndian, "", "Content-Type: text/plain; charset=UTF-8\n", "a", "b"))
	f.Add(buildMO(binary.BigEndian, "x\x04y\x00z", "w\x00v"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _, err := parseMO(data)
		if err != nil && entries != nil {
			t.Errorf("entries with an error")
		}
		for _, e := range entries {
			if e.ID == "" || e.Str == "" || strings.ContainsAny(e.ID, "\x00\x04") || strings.Contains(e.Str, "\x00") {
				t.Errorf("bad entry %q", e)
			}
		}
	})
}

func TestCleanLines(t *testing.T) {
	tests := []struct {
		msg, lang, want string
	}{
		{"Open the file", "en", "Open the file"},
		{"Cannot open %s", "en", ""},
		{"Use --force", "en", ""},
		{"The GNU tools", "en", ""},
		{"Datei  öffnen\u00a0jetzt", "de", "Datei öffnen jetzt"},
		{"Файл не найден", "ru", "Файл не найден"},
		{"Файл file не найден", "ru", ""},
		{"Öffnen", "de", ""},
		{"first line here\nsecond line here", "en", "first line here|second line here"},
		{"Café ouvert", "en", ""},
	}
	for _, tc := range tests {
		t.Run(tc.msg, func(t *testing.T) {
			if got := strings.Join(cleanLines(tc.msg, tc.lang), "|"); got != tc.want {
				t.Errorf("cleanLines(%q, %s) = %q, want %q", tc.msg, tc.lang, got, tc.want)
			}
		})
	}
}

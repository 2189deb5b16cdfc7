package gettext

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
			entries, cs, err := ParseMO(data)
			if err != nil {
				t.Fatal(err)
			}
			if cs != "UTF-8" {
				t.Errorf("charset %q", cs)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.ID+"="+strings.Join(e.Strs, "/"))
			}
			want := "Open file=Datei öffnen|Quit=Beenden|%d file=%d Datei/%d Dateien"
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
			if _, _, err := ParseMO(tc.data); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, _, err := ParseMO([]byte("xxxxxxxxxxxxxxxxxxxxxxxx")); !errors.Is(err, ErrNotMO) {
		t.Errorf("bad magic: %v, want ErrNotMO", err)
	}
}

func FuzzParseMO(f *testing.F) {
	f.Add(buildMO(binary.LittleEndian, "", "Content-Type: text/plain; charset=UTF-8\n", "a", "b"))
	f.Add(buildMO(binary.BigEndian, "x\x04y\x00z", "w\x00v"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _, err := ParseMO(data)
		if err != nil && entries != nil {
			t.Errorf("entries with an error")
		}
		for _, e := range entries {
			if e.ID == "" || len(e.Strs) == 0 || e.Strs[0] == "" || strings.ContainsAny(e.ID, "\x00\x04") || strings.Contains(strings.Join(e.Strs, ""), "\x00") {
				t.Errorf("bad entry %q", e)
			}
		}
	})
}

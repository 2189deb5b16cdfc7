package translate

import (
	"path/filepath"
	"reflect"
	"testing"
)

func TestCacheKey(t *testing.T) {
	base := CacheKey("google-v2:default", "en", "es", "hello")
	tests := []struct {
		name                   string
		backend, src, tgt, txt string
	}{
		{"backend", "google-v2:nmt", "en", "es", "hello"},
		{"source", "google-v2:default", "fr", "es", "hello"},
		{"target", "google-v2:default", "en", "de", "hello"},
		{"text", "google-v2:default", "en", "es", "hello!"},
		{"fields shifted", "google-v2:default", "e", "nes", "hello"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if CacheKey(tc.backend, tc.src, tc.tgt, tc.txt) == base {
				t.Error("same key as the base")
			}
		})
	}
	if CacheKey("google-v2:default", "en", "es", "hello") != base {
		t.Error("key not stable")
	}
}

func TestCachePersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "c.db")
	c, err := OpenCache(path)
	if err != nil {
		t.Fatal(err)
	}
	k1, k2, k3 := CacheKey("a", "en", "es", "x"), CacheKey("a", "en", "es", "y"), CacheKey("b", "en", "es", "x")
	if err := c.Put("a", []Key{k1, k2}, []string{"X", ""}); err != nil {
		t.Fatal(err)
	}
	if err := c.Put("b", []Key{k3}, []string{"Xb"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	c, err = OpenCache(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, found, err := c.Get([]Key{k1, k2, CacheKey("a", "en", "es", "z"), k3})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"X", "", "", "Xb"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if want := []bool{true, true, false, true}; !reflect.DeepEqual(found, want) {
		t.Errorf("found %v, want %v", found, want)
	}
	st, err := c.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Entries != 3 || st.TextBytes != 3 || st.FileBytes == 0 ||
		!reflect.DeepEqual(st.Backends, []BackendCount{{"a", 2}, {"b", 1}}) {
		t.Errorf("stats %+v", st)
	}
	n, err := c.Clear()
	if err != nil || n != 3 {
		t.Fatalf("Clear = %d, %v", n, err)
	}
	if _, found, _ := c.Get([]Key{k1}); found[0] {
		t.Error("found after Clear")
	}
	if err := c.Put("a", []Key{k1}, []string{"again"}); err != nil {
		t.Error(err)
	}
}

func FuzzCacheValue(f *testing.F) {
	f.Add("google-v2:default", "hola")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, backend, text string) {
		b, tx, err := decodeValue(encodeValue(backend, text))
		if err != nil || b != backend || tx != text {
			t.Errorf("round trip: %q %q %v", b, tx, err)
		}
		decodeValue([]byte(backend)) // must not panic
	})
}

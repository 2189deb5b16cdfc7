package main

import (
	"strings"
	"testing"
)

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

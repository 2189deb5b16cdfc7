package lang

import "testing"

func TestKeptWords(t *testing.T) {
	tests := []struct {
		src, tgt    string
		kept, words int
	}{
		{"See Maintaining your public key for more information.", "See Сопровождение ключа for more information.", 4, 8},
		{"Run apt-get update now.", "Выполните apt-get update сейчас.", 2, 4},
		{"", "anything", 0, 0},
		{"a to of", "a to of", 0, 0},
		{"The File menu", "the file MENU", 3, 3},
	}
	for _, tt := range tests {
		kept, words := KeptWords(tt.src, tt.tgt, 3)
		if kept != tt.kept || words != tt.words {
			t.Errorf("KeptWords(%q, %q) = %d, %d; want %d, %d", tt.src, tt.tgt, kept, words, tt.kept, tt.words)
		}
	}
}

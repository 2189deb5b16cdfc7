package align_test

import (
	"fmt"

	"github.com/paraline/paraline/align"
)

func ExampleAlign() {
	src := []string{
		"The server was started on port 8080.",
		"Could not open %s: permission denied.",
		"Press Ctrl+C to cancel.",
	}
	tgt := []string{
		"Сервер запущен на порту 8080. Не удалось открыть %s: доступ запрещён.",
		"Нажмите Ctrl+C для отмены.",
	}
	for _, b := range align.Align(src, tgt, nil) {
		fmt.Println(b.Src, b.Tgt)
	}
	// Output:
	// [0 1] [0]
	// [2] [1]
}

func ExampleScorer_PairScore() {
	// A Scorer without documents uses default feature weights.
	s := align.NewScorer(nil, nil, nil)
	good := s.PairScore("The archive contains 125 files.", "Архив содержит 125 файлов.")
	bad := s.PairScore("The archive contains 125 files.", "Нажмите Ctrl+C для отмены.")
	fmt.Println(good > 0, bad < 0)
	// Output: true true
}

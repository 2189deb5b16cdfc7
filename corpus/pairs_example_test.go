package corpus_test

import (
	"fmt"
	"os"

	"github.com/paraline/paraline/corpus"
)

func ExampleTMXWriter() {
	score := 1.5
	w, err := corpus.NewTMXWriter(os.Stdout, corpus.TMXHeader{SrcLang: "en", TgtLang: "ru"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range []corpus.Pair{
		{Src: "Save & quit", Tgt: "Сохранить и выйти", Doc: "menu.txt", Score: &score},
		{Src: "Bad\tline", Tgt: "Плохая строка"},
	} {
		if err := w.WritePair(&p); err != nil {
			fmt.Println("refused:", err)
		}
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <!DOCTYPE tmx SYSTEM "tmx14.dtd">
	// <tmx version="1.4">
	// <header creationtool="paraline" creationtoolversion="0" segtype="sentence" o-tmf="paraline" adminlang="en" srclang="en" datatype="plaintext"/>
	// <body>
	// <tu tuid="1"><prop type="x-doc">menu.txt</prop><prop type="x-score">1.5</prop><tuv xml:lang="en"><seg>Save &amp; quit</seg></tuv><tuv xml:lang="ru"><seg>Сохранить и выйти</seg></tuv></tu>
	// refused: pair 2: src: line holds a line break, tab or control character: U+0009 at byte 3
	// </body>
	// </tmx>
}

package split_test

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/paraline/paraline/lang/split"
)

func Example() {
	s := split.New("en")
	for _, sent := range s.Split("Mr. Smith went to Washington. He arrived at 5 p.m. on Monday.") {
		fmt.Println(sent.Start, sent.End, sent.Text)
	}
	// Output:
	// 0 29 Mr. Smith went to Washington.
	// 30 61 He arrived at 5 p.m. on Monday.
}

func ExampleSplitter_Split_russian() {
	s := split.New("ru")
	text := "В 2010-2012 гг. А. С. Иванов жил в г. Тула. «Мы уезжаем. Навсегда», — сказал он.\n\nЭкономика\nРост составил 2,5%."
	for _, sent := range s.Split(text) {
		fmt.Println(sent.Text)
	}
	// Output:
	// В 2010-2012 гг. А. С. Иванов жил в г. Тула.
	// «Мы уезжаем. Навсегда», — сказал он.
	// Экономика
	// Рост составил 2,5%.
}

func ExampleSplitter_SplitFunc() {
	sc := bufio.NewScanner(strings.NewReader("Dr. Brown arrived. She sat down.\n\nNext paragraph"))
	sc.Split(split.New("en").SplitFunc())
	for sc.Scan() {
		fmt.Println(sc.Text())
	}
	// Output:
	// Dr. Brown arrived.
	// She sat down.
	// Next paragraph
}

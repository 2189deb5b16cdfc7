package lang_test

import (
	"fmt"

	"github.com/paraline/paraline/lang"
)

func ExampleDetector_Segment() {
	d, err := lang.NewDetector([]string{"en", "ru"}) // different scripts: no models needed
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "Observer States:\nDialogue partners.Партнеры по диалогу:\n21.04.2020 09:49\n\nThe talks ended late. Переговоры закончились поздно.\n"
	for _, s := range d.Segment(text) {
		fmt.Printf("%d-%d %-2s %q\n", s.Start, s.End, s.Lang, text[s.Start:s.End])
	}
	// Output:
	// 0-17 en "Observer States:\n"
	// 17-35 en "Dialogue partners."
	// 35-73 ru "Партнеры по диалогу:\n"
	// 73-90    "21.04.2020 09:49\n"
	// 90-91    "\n"
	// 91-113 en "The talks ended late. "
	// 113-171 ru "Переговоры закончились поздно.\n"
}

func ExampleClassifier_Classify() {
	d, err := lang.NewDetector([]string{"en", "ru"})
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "15:39Abu Dhabi\n" +
		"The council approved the new budget on Tuesday after a long debate about schools and roads.\n" +
		"• Add Comment\n"
	c := &lang.Classifier{}
	for _, s := range c.Classify(text, d.Segment(text)) {
		fmt.Printf("%s %s %q\n", s.Kind, s.Reason, text[s.Start:s.End-1])
	}
	// Output:
	// boilerplate boilerplate:clock "15:39Abu Dhabi"
	// body  "The council approved the new budget on Tuesday after a long debate about schools and roads."
	// boilerplate boilerplate:widget "• Add Comment"
}

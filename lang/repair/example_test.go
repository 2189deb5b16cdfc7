package repair_test

import (
	"fmt"

	"github.com/paraline/paraline/lang/repair"
)

func Example() {
	r, err := repair.New("en")
	if err != nil {
		fmt.Println(err)
		return
	}
	out, edits := r.Repair("The meeting ofthe SCO inBishkek gathered over600 guests.")
	fmt.Println(out)
	for _, e := range edits {
		fmt.Printf("%d %q -> %q (%s)\n", e.Offset, e.Glued, e.Repaired, e.Reason)
	}
	// Output:
	// The meeting of the SCO in Bishkek gathered over 600 guests.
	// 12 "ofthe" -> "of the" (lexicon)
	// 22 "inBishkek" -> "in Bishkek" (case)
	// 41 "over600" -> "over 600" (digits)
}

func ExampleVocab() {
	run := []string{
		"The summit inTashkent ended.",
		"Tashkent hosted the summit.",
	}
	v := repair.NewVocab()
	for _, text := range run {
		v.Add(text) // first pass: the whole run
	}
	r, err := repair.New("en", repair.WithVocab(v))
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := r.Repair(run[0])
	fmt.Println(out)
	// Output:
	// The summit in Tashkent ended.
}

package translate_test

import (
	"context"
	"fmt"
	"log"

	"github.com/paraline/paraline/lang/translate"
)

// An Engine over the exec backend: any command that reads one sentence per
// line and writes one line per sentence. The duplicate is sent once.
func Example() {
	ctx := context.Background()
	b, err := translate.NewBackend(ctx, translate.Config{Name: "exec", Command: "tr a-z A-Z"})
	if err != nil {
		log.Fatal(err)
	}
	e, err := translate.New(b, translate.Options{})
	if err != nil {
		log.Fatal(err)
	}
	res, err := e.TranslateAll(ctx, "en", "xx", []string{"hello", "world", "hello"})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range res {
		fmt.Println(r.Text, r.Err)
	}
	st := e.Stats()
	fmt.Printf("requests %d, sent %d texts, %d duplicate\n", st.Requests, st.SentTexts, st.Duplicates)
	// Output:
	// HELLO <nil>
	// WORLD <nil>
	// HELLO <nil>
	// requests 1, sent 2 texts, 1 duplicate
}

// A dry run counts what Google would be sent and what it would cost; it
// needs no credentials and sends nothing.
func ExampleOptions_dryRun() {
	ctx := context.Background()
	b, err := translate.NewBackend(ctx, translate.Config{Name: "google"})
	if err != nil {
		log.Fatal(err)
	}
	e, err := translate.New(b, translate.Options{DryRun: true})
	if err != nil {
		log.Fatal(err)
	}
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = fmt.Sprintf("This is sentence number %04d of the corpus.", i) // 43 characters
	}
	if _, err := e.TranslateAll(ctx, "en", "ru", texts); err != nil {
		log.Fatal(err)
	}
	st := e.Stats()
	fmt.Printf("%d characters in %d requests: $%.2f at $%.0f per million\n",
		st.SentChars, st.Requests, st.EstimatedCost, st.PricePerMillion)
	// Output:
	// 43000 characters in 8 requests: $0.86 at $20 per million
}

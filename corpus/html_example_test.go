package corpus_test

import (
	"fmt"

	"github.com/paraline/paraline/corpus"
)

func ExampleDecodeHTML() {
	page := []byte(`<!DOCTYPE html><html lang="en"><head><title>River news</title>
<script>track();</script></head><body>
<nav class="main-menu"><a href="/">Home</a> <a href="/ru/">Русский</a></nav>
<p>Volunteers cleaned <b>the river</b> on Saturday.</p>
</body></html>`)
	d, err := corpus.DecodeHTML(page, "text/html; charset=utf-8", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("title %q, lang %q\n", d.Title, d.HTMLLang)
	for _, b := range d.Blocks {
		fmt.Printf("%-5s %-8s %-4s %v %q <- %q\n", b.Tag, b.Path, b.Landmark, b.Words,
			d.Text[b.Start:b.End], d.Raw[b.RawStart:b.RawEnd])
	}
	fmt.Println(d.Links[1].Href, d.Links[1].Text)
	// Output:
	// title "River news", lang "en"
	// title head>title      [] "River news" <- "River news"
	// nav   body>nav nav  [main menu] "Home Русский" <- "Home</a> <a href=\"/ru/\">Русский"
	// p     body>p        [] "Volunteers cleaned the river on Saturday." <- "Volunteers cleaned <b>the river</b> on Saturday."
	// /ru/ Русский
}

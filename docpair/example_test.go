package docpair_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/docpair"
)

// paras makes one paragraph per line.
func paras(text string) []docpair.Para {
	var out []docpair.Para
	for _, l := range strings.Split(text, "\n") {
		out = append(out, docpair.Para{Text: l})
	}
	return out
}

func Example() {
	p, err := docpair.NewPairer(docpair.Options{Src: "en", Tgt: "ru"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Two versions that differ only in a language code of the address.
	p.Add(docpair.Doc{ID: "a-en", URL: "https://ex.org/en/a", Lang: "en",
		Features: docpair.NewFeatures(paras("Pier 7 opened on 14 March 2026."))})
	p.Add(docpair.Doc{ID: "a-ru", URL: "https://ex.org/ru/a", Lang: "ru",
		Features: docpair.NewFeatures(paras("Причал 7 открылся 14 марта 2026 года."))})
	// Two versions linked by hreflang.
	p.Add(docpair.Doc{ID: "b-en", URL: "https://ex.org/news/bridge", Lang: "en",
		Links:    []corpus.Link{{Href: "/novosti/most", Rel: "alternate", HrefLang: "ru"}},
		Features: docpair.NewFeatures(paras("The bridge is closed from 2 May to 30 June."))})
	p.Add(docpair.Doc{ID: "b-ru", URL: "https://ex.org/novosti/most", Lang: "ru",
		Links:    []corpus.Link{{Href: "/news/bridge", Rel: "alternate", HrefLang: "en"}},
		Features: docpair.NewFeatures(paras("Мост закрыт со 2 мая по 30 июня."))})
	// Two versions with nothing but their content in common.
	p.Add(docpair.Doc{ID: "x1", Lang: "en", Features: docpair.NewFeatures(paras(
		"The regatta was won by Seagull II in 2 hours 41 minutes.\nThe festival drew 25,000 visitors, as in 2024."))})
	p.Add(docpair.Doc{ID: "y9", Lang: "ru", Features: docpair.NewFeatures(paras(
		"Регату выиграла яхта Seagull II за 2 часа 41 минуту.\nПраздник собрал 25 000 гостей, как и в 2024 году."))})
	// A page without a Russian version.
	p.Add(docpair.Doc{ID: "c-en", URL: "https://ex.org/en/c", Lang: "en",
		Features: docpair.NewFeatures(paras("Open Monday to Friday, 8:30 to 17:00."))})
	res, err := p.Pair()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, pr := range res.Pairs {
		fmt.Println(pr.Src, pr.Tgt, pr.Method)
	}
	fmt.Println("unpaired:", res.Unpaired)
	if err := docpair.WriteTSV(os.Stdout, res.Pairs[:1]); err != nil {
		fmt.Println(err)
	}
	// Output:
	// a-en a-ru url
	// b-en b-ru hreflang
	// x1 y9 content
	// unpaired: map[en:[c-en]]
	// a-en	a-ru	0.8452	url
}

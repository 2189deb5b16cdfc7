package corpus

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// benchPage returns a press-like page of our own of about n bytes: head with
// scripts and styles, header and navigation, a cookie banner, an article of
// paragraphs with inline markup and entities, a table, a code block, a
// related-news aside and a footer.
func benchPage(n int, ru bool) string {
	para := "More than <b>two hundred</b> volunteers spent Saturday on the banks of the river, collecting " +
		"plastic bottles, old tyres and <a href=\"/metal\">scrap metal</a> that the spring floods had left behind &mdash; " +
		"the city&rsquo;s figures say.\n"
	if ru {
		para = "Более <b>двухсот</b> добровольцев провели субботу на берегах реки, собирая пластиковые " +
			"бутылки, старые шины и <a href=\"/metal\">металлолом</a>, оставленные весенним паводком &mdash; " +
			"сообщает город.\n"
	}
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>River news | Gazette</title>
<link rel="canonical" href="https://example.org/a.html"><style>body{margin:0} .nav li{display:inline}</style>
<script>window.dataLayer=window.dataLayer||[];function t(e){dataLayer.push(e)}</script></head><body>
<div class="cookie-banner" role="dialog"><p>We use cookies.</p><button>Accept</button></div>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/about">About</a></li></ul></nav></header>
<main><article class="post"><h1>Volunteers clean the river</h1>
`)
	for i := 0; sb.Len() < n; i++ {
		fmt.Fprintf(&sb, "<p class=\"para\">%s</p>\n", para)
		if i%10 == 5 {
			sb.WriteString("<table><tr><th>District</th><th>Waste</th></tr><tr><td>Old Town</td><td>1,250</td></tr><tr><td>Harbour</td><td>1,900</td></tr></table>\n")
			sb.WriteString("<pre><code>curl -O https://data.example.org/levels.csv\npython3 plot.py levels.csv</code></pre>\n")
			sb.WriteString("<script>t({event:'view', id:" + fmt.Sprint(i) + "});</script>\n")
		}
	}
	sb.WriteString(`</article></main><aside class="related"><h2>Related news</h2><ul><li><a href="/a">Flood forecast</a></li><li><a href="/b">Water forum</a></li></ul></aside>
<footer class="site-footer"><p>&copy; 2026 Gazette</p></footer></body></html>
`)
	return sb.String()
}

func BenchmarkDecodeHTML(b *testing.B) {
	en := []byte(benchPage(1<<20, false))
	ruUTF8 := benchPage(1<<20, true)
	cp1251, err := charmap.Windows1251.NewEncoder().Bytes([]byte(strings.Replace(ruUTF8, `charset="utf-8"`, `charset="windows-1251"`, 1)))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		raw  []byte
	}{{"en-utf-8", en}, {"ru-utf-8", []byte(ruUTF8)}, {"ru-windows-1251", cp1251}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.raw)))
			b.ReportAllocs()
			for b.Loop() {
				d, err := DecodeHTML(bc.raw, "", "")
				if err != nil {
					b.Fatal(err)
				}
				if len(d.Blocks) == 0 {
					b.Fatal("no blocks")
				}
				_ = d.RawOffset(len(d.Text) / 2)
			}
		})
	}
}

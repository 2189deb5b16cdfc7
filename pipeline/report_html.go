package pipeline

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"
)

// WriteHTML writes the report as one self-contained HTML page: counts per
// stage, rejects by reason with examples, sentence length and length-ratio
// histograms, languages and the slowest documents. Charts are inline SVG;
// the page needs no network and no script.
func (r *Report) WriteHTML(w io.Writer) error {
	return reportTemplate.Execute(w, r)
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"bars":      barsSVG,
	"histogram": histogramSVG,
	"stagebars": stageSVG,
	"sortedReasons": func(m map[string]int) []kv {
		return sortedKV(m)
	},
	"sortedLangs": func(m map[string]map[string]*SpanCount) []string {
		var ls []string
		for l := range m {
			ls = append(ls, l)
		}
		sort.Strings(ls)
		return ls
	},
	"sortedHist": func(m map[string]*Histogram) []string {
		var ls []string
		for l := range m {
			ls = append(ls, l)
		}
		sort.Strings(ls)
		return ls
	},
	"mb": func(b int64) string { return fmt.Sprintf("%.2f", float64(b)/1e6) },
	"f2": func(x float64) string { return fmt.Sprintf("%.2f", x) },
	"get": func(m map[string]*SpanCount, k string) *SpanCount {
		if c := m[k]; c != nil {
			return c
		}
		return &SpanCount{}
	},
	"usd": func(x float64) string { return fmt.Sprintf("$%.2f", x) },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><title>paraline report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .7em;border-bottom:1px solid #eee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.ex{color:#555;font-size:.9em}
svg text{font:11px sans-serif;fill:#333}
</style></head><body>
<h1>paraline report</h1>
<p>paraline {{.Version}} · languages {{range $i, $l := .Langs}}{{if $i}}, {{end}}{{$l}}{{end}} · {{.Workers}} workers ·
{{if .Inputs}}{{with .Clean}}{{.In}}{{end}} pairs cleaned from {{range $i, $f := .Inputs}}{{if $i}} and {{end}}{{$f}}{{end}} in {{f2 .WallSeconds}} s{{else}}{{.Documents.Read}} documents ({{.Documents.Failed}} failed{{if .Documents.Skipped}}, {{.Documents.Skipped}} skipped{{end}}) · {{mb .Bytes}} MB in {{f2 .WallSeconds}} s ({{f2 .MBPerSecond}} MB/s){{end}}</p>

<h2>Stages</h2>
<p>Every stage counts what came in, what it kept and what it rejected (in = kept + rejected).{{range .Stages}}{{if .TakenBack}} Of the spans the {{.Name}} stage kept, {{.TakenBack}} are lines it dropped that a document pair took back to the aligner.{{end}}{{if .TakenBackPart}} Of the spans it rejected, {{.TakenBackPart}} are lines a document pair took back in part: their records in rejects.jsonl hold only the rest.{{end}}{{end}}</p>
<table><tr><th>stage</th><th>unit</th><th>in</th><th>kept</th><th>rejected</th><th>out</th></tr>
{{range .Stages}}<tr><td>{{.Name}}</td><td>{{.Unit}}</td><td class="n">{{.In}}</td><td class="n">{{.Kept}}</td><td class="n">{{.Rejected}}</td><td class="n">{{if .OutUnit}}{{.Out}} {{.OutUnit}}{{end}}</td></tr>
{{end}}</table>
{{stagebars .Stages}}

<h2>Outputs</h2>
<table><tr><th>file</th><th>lines</th></tr>
{{range $k, $v := .Outputs}}<tr><td>{{$k}}</td><td class="n">{{$v}}</td></tr>{{end}}</table>

<h2>Rejects by reason</h2>
{{$ex := .RejectExamples}}
<table><tr><th>reason</th><th>count</th><th>examples</th></tr>
{{range sortedReasons .Rejects}}<tr><td>{{.K}}</td><td class="n">{{.V}}</td><td class="ex">{{range index $ex .K}}<div>{{.}}</div>{{end}}</td></tr>
{{end}}</table>
{{bars .Rejects}}

<h2>Languages</h2>
<table><tr><th>language</th><th>body spans</th><th>body chars</th><th>boilerplate spans</th><th>noise spans</th><th>sentences</th><th>repairs</th></tr>
{{$s := .Sentences}}{{$e := .Edits}}
{{range $l := sortedLangs .Spans}}{{$m := index $.Spans $l}}<tr><td>{{$l}}</td><td class="n">{{(get $m "body").Spans}}</td><td class="n">{{(get $m "body").Chars}}</td><td class="n">{{(get $m "boilerplate").Spans}}</td><td class="n">{{(get $m "noise").Spans}}</td><td class="n">{{index $s $l}}</td><td class="n">{{index $e $l}}</td></tr>
{{end}}</table>

{{if .SentenceLengths}}<h2>Sentence lengths (characters)</h2>
{{range $l := sortedHist .SentenceLengths}}<h3>{{$l}}</h3>{{histogram (index $.SentenceLengths $l)}}{{end}}{{end}}

{{if .LengthRatios}}<h2>Length ratio of pairs (source / target characters)</h2>
{{histogram .LengthRatios}}{{end}}

{{with .Pairs}}<h2>Document pairs</h2>
<p>{{.Documents}} document pairs, {{.Unpaired}} documents without a counterpart.</p>
{{bars .Beads}}{{end}}

{{with .Translation}}<h2>Translation</h2>
<table>
<tr><td>texts asked</td><td class="n">{{.Texts}}</td></tr>
<tr><td>from cache</td><td class="n">{{.CachedTexts}} texts, {{.CachedChars}} characters</td></tr>
<tr><td>sent{{if .DryRun}} (dry run: would be sent){{end}}</td><td class="n">{{.SentTexts}} texts, {{.SentChars}} characters</td></tr>
<tr><td>requests</td><td class="n">{{.Requests}} ({{.Retries}} retries)</td></tr>
<tr><td>failed</td><td class="n">{{.FailedTexts}}</td></tr>
<tr><td>estimated cost</td><td class="n">{{usd .EstimatedCost}}</td></tr>
</table>{{end}}

{{if .Failed}}<h2>Failed documents</h2><table>{{range .Failed}}<tr><td>{{.Doc}}</td><td>{{.Error}}</td></tr>{{end}}</table>{{end}}
{{if .Invalid}}<h2>Documents with invalid bytes</h2><table>{{range .Invalid}}<tr><td>{{.Doc}}</td><td class="n">{{.Count}}</td></tr>{{end}}</table>{{end}}
{{if .Slowest}}<h2>Slowest documents</h2><table>{{range .Slowest}}<tr><td>{{.Doc}}</td><td class="n">{{f2 .Seconds}} s</td></tr>{{end}}</table>{{end}}
</body></html>
`))

type kv struct {
	K string
	V int
}

func sortedKV(m map[string]int) []kv {
	out := make([]kv, 0, len(m))
	for k, v := range m {
		out = append(out, kv{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].V != out[j].V {
			return out[i].V > out[j].V
		}
		return out[i].K < out[j].K
	})
	return out
}

// barsSVG draws horizontal bars for a map of counts, largest first.
func barsSVG(m map[string]int) template.HTML {
	items := sortedKV(m)
	if len(items) == 0 {
		return ""
	}
	maxV := 1
	for _, it := range items {
		maxV = max(maxV, it.V)
	}
	const rowH, labelW, barW = 18, 260, 380
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img">`, labelW+barW+80, rowH*len(items)+4)
	for i, it := range items {
		y := i * rowH
		w := float64(barW) * float64(it.V) / float64(maxV)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelW-6, y+13, template.HTMLEscapeString(it.K))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#4a7db5"/>`, labelW, y+3, math.Max(w, 1), rowH-5)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%d</text>`, float64(labelW)+math.Max(w, 1)+4, y+13, it.V)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// stageSVG draws kept and rejected of each stage as stacked bars.
func stageSVG(stages []*Stage) template.HTML {
	m := map[StageName]int{}
	for _, s := range stages {
		m[s.Name] = s.In
	}
	if len(stages) == 0 {
		return ""
	}
	const rowH, labelW, barW = 20, 120, 460
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img">`, labelW+barW+120, rowH*len(stages)+20)
	for i, s := range stages {
		y := i * rowH
		kept, rej := 0.0, 0.0
		if s.In > 0 {
			kept = float64(barW) * float64(s.Kept) / float64(s.In)
			rej = float64(barW) * float64(s.Rejected) / float64(s.In)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelW-6, y+14, template.HTMLEscapeString(string(s.Name)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#4a9a5b"/>`, labelW, y+3, kept, rowH-6)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#c0504d"/>`, float64(labelW)+kept, y+3, rej, rowH-6)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%d / %d kept</text>`, labelW+barW+6, y+14, s.Kept, s.In)
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d">green: kept, red: rejected (share of what came in)</text>`, labelW, rowH*len(stages)+14)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// histogramSVG draws a histogram as vertical bars with bin labels.
func histogramSVG(h *Histogram) template.HTML {
	if h == nil || len(h.Counts) == 0 {
		return ""
	}
	maxV := 1
	for _, c := range h.Counts {
		maxV = max(maxV, c)
	}
	const colW, height = 52, 140
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img">`, colW*len(h.Counts)+10, height+40)
	for i, c := range h.Counts {
		x := i*colW + 5
		bh := float64(height-20) * float64(c) / float64(maxV)
		fmt.Fprintf(&b, `<rect x="%d" y="%.1f" width="%d" height="%.1f" fill="#4a7db5"/>`, x, float64(height)-bh, colW-6, bh)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f">%d</text>`, x, float64(height)-bh-3, c)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`, x, height+14, template.HTMLEscapeString(binLabel(h.Bounds, i)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func binLabel(bounds []float64, i int) string {
	f := func(x float64) string { return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".") }
	switch {
	case i == 0:
		return "<" + f(bounds[0])
	case i == len(bounds):
		return "≥" + f(bounds[len(bounds)-1])
	}
	return f(bounds[i-1]) + "–"
}

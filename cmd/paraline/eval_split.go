package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/paraline/paraline/lang/split"
)

var cmdEvalSplit = &command{
	name:  "split",
	usage: "[-v] [--lang L] GOLD.jsonl...",
	short: "sentence split case accuracy and boundary P/R/F1",
	long: `Eval split runs the sentence splitter on every case of the JSON Lines gold
files ({"id","lang","text","sentences"} per line) exactly as "paraline split
--lang L" would on the case's text, and prints the figures of
shared/eval/score_split.py (per-case mode):

  boundary precision=P recall=R f1=F tp=.. fp=.. fn=.. text_mismatch=..
  accuracy=X cases=N

A case passes when its sentences equal the gold ones after white-space
normalisation (every run of white space becomes one space, ends stripped).
Boundaries are offsets in the case's white-space-free character stream,
summed over all cases. The language of a case is its "lang" field unless
--lang is given. -v lists the failed cases first, as the scorer does.`,
	run: runEvalSplit,
}

// splitCase is one gold case of a split gold file.
type splitCase struct {
	ID        any      `json:"id"`
	Lang      string   `json:"lang"`
	Text      *string  `json:"text"`
	Sentences []string `json:"sentences"`
	Rule      any      `json:"rule"`
}

func runEvalSplit(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
	verbose := fs.Bool("v", false, "list the failed cases")
	lang := fs.String("lang", "", "language for every case (default: each case's \"lang\" field, else en)")
	args, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return usagef("missing GOLD.jsonl")
	}
	var cases []splitCase
	for _, p := range args {
		cs, err := loadSplitGold(p)
		if err != nil {
			return err
		}
		cases = append(cases, cs...)
	}
	if len(cases) == 0 {
		return fmt.Errorf("no cases in %s", strings.Join(args, ", "))
	}
	splitters := map[string]*split.Splitter{}
	var sc splitScore
	for _, c := range cases {
		if err := ctx.Err(); err != nil {
			return err
		}
		l := c.Lang
		if *lang != "" {
			l = *lang
		}
		if l == "" {
			l = "en"
		}
		s := splitters[l]
		if s == nil {
			s = split.New(l)
			splitters[l] = s
		}
		var buf bytes.Buffer
		if err := splitText(ctx, s, *c.Text, &buf); err != nil {
			return fmt.Errorf("case %v: %w", c.ID, err)
		}
		sc.add(c, pyOutLines(buf.String()))
	}
	if *verbose {
		if _, err := io.WriteString(std.out, sc.failures.String()); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	_, err = io.WriteString(std.out, sc.summary())
	if err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// loadSplitGold reads a JSON Lines gold file; blank lines are skipped and a
// case without an id gets "PATH:LINE", as in score_split.py.
func loadSplitGold(path string) ([]splitCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cases []splitCase
	br := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, rerr := br.ReadString('\n')
		if rerr != nil && rerr != io.EOF {
			return nil, fmt.Errorf("read %s: %w", path, rerr)
		}
		if strings.TrimSpace(line) != "" {
			var c splitCase
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, n, err)
			}
			if c.Text == nil || c.Sentences == nil {
				return nil, fmt.Errorf("%s:%d: missing text/sentences", path, n)
			}
			if c.ID == nil {
				c.ID = fmt.Sprintf("%s:%d", path, n)
			}
			cases = append(cases, c)
		}
		if rerr == io.EOF {
			return cases, nil
		}
	}
}

// splitScore accumulates the figures of score_split.py.
type splitScore struct {
	cases, passed int
	tp, fp, fn    int
	mismatch      int
	failures      strings.Builder // the FAIL blocks of score_split.py
}

// add scores one case given the predicted output lines.
func (s *splitScore) add(c splitCase, got []string) {
	s.cases++
	gold := normAll(c.Sentences)
	got = normAll(got)
	if nowsJoin(got) != nowsJoin(gold) {
		s.mismatch++
	}
	gb, pb := splitBoundaries(gold), splitBoundaries(got)
	for b := range pb {
		if gb[b] {
			s.tp++
		} else {
			s.fp++
		}
	}
	for b := range gb {
		if !pb[b] {
			s.fn++
		}
	}
	if equalStrings(got, gold) {
		s.passed++
		return
	}
	w := &s.failures
	fmt.Fprintf(w, "FAIL %s", pyStr(c.ID))
	if rule, ok := c.Rule.(string); ok && rule != "" {
		fmt.Fprintf(w, " [%s]", rule)
	}
	w.WriteString("\n")
	t := pyNorm(*c.Text)
	ell := ""
	if utf8.RuneCountInString(t) > 300 {
		ell = "…"
	}
	fmt.Fprintf(w, "  text: %s%s\n", runePrefix(t, 300), ell)
	gs, ps := map[string]bool{}, map[string]bool{}
	for _, x := range gold {
		gs[x] = true
	}
	for _, x := range got {
		ps[x] = true
	}
	for _, x := range gold {
		if !ps[x] {
			fmt.Fprintf(w, "  - %s\n", runePrefix(x, 200))
		}
	}
	for _, x := range got {
		if !gs[x] {
			fmt.Fprintf(w, "  + %s\n", runePrefix(x, 200))
		}
	}
	if sameSet(gs, ps) {
		w.WriteString("  (same sentences, different order/duplication)\n")
	}
}

// summary returns the scorer's last two lines.
func (s *splitScore) summary() string {
	P, R := 1.0, 1.0
	if s.tp+s.fp > 0 {
		P = float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		R = float64(s.tp) / float64(s.tp+s.fn)
	}
	F := 0.0
	if P+R > 0 {
		F = 2 * P * R / (P + R)
	}
	return fmt.Sprintf("boundary precision=%.4f recall=%.4f f1=%.4f tp=%d fp=%d fn=%d text_mismatch=%d\naccuracy=%.4f cases=%d\n",
		P, R, F, s.tp, s.fp, s.fn, s.mismatch, float64(s.passed)/float64(s.cases), s.cases)
}

// pyIsSpace is Python's str.isspace for one rune (what re's \s and
// str.strip use), which differs from unicode.IsSpace on U+001C..U+001F.
func pyIsSpace(r rune) bool {
	switch {
	case r >= '\t' && r <= '\r', r >= 0x1c && r <= 0x20, r == 0x85, r == 0xa0, r == 0x1680,
		r >= 0x2000 && r <= 0x200a, r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000:
		return true
	}
	return false
}

// pyOutLines is score_split.py's out_lines: str.splitlines, strip, drop empty.
func pyOutLines(s string) []string {
	var lines []string
	add := func(l string) {
		if l = strings.TrimFunc(l, pyIsSpace); l != "" {
			lines = append(lines, l)
		}
	}
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isLineBreak(r) {
			i += size
			continue
		}
		add(s[start:i])
		i += size
		if r == '\r' && i < len(s) && s[i] == '\n' {
			i++
		}
		start = i
	}
	add(s[start:])
	return lines
}

// pyNorm is score_split.py's norm: white-space runs become one space, ends stripped.
func pyNorm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if pyIsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// normAll normalises every sentence and drops the empty ones.
func normAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if n := pyNorm(s); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// nowsJoin joins ss with all white space removed.
func nowsJoin(ss []string) string {
	var b strings.Builder
	for _, s := range ss {
		for _, r := range s {
			if !pyIsSpace(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// splitBoundaries returns the offsets, in characters of the white-space-free
// stream, between consecutive sentences.
func splitBoundaries(ss []string) map[int]bool {
	b := map[int]bool{}
	pos := 0
	for k, s := range ss {
		if k == len(ss)-1 {
			break
		}
		for _, r := range s {
			if !pyIsSpace(r) {
				pos++
			}
		}
		b[pos] = true
	}
	return b
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// runePrefix returns the first n characters of s.
func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// pyStr formats a JSON value the way Python's str() shows it for the
// values gold files hold (strings and numbers).
func pyStr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprint(x)
	case bool:
		if x {
			return "True"
		}
		return "False"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

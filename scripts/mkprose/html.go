package main

import (
	"fmt"
	"os"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one text block of a page: a paragraph, heading, list item,
// term or table cell, with its tag and its text (white space collapsed).
type block struct {
	tag  string
	text string
}

// blockTags are the elements whose text makes a block. A block nested in
// another (a <p> in an <li>) is its own block; the outer one keeps the rest.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Dt: true, atom.Dd: true,
	atom.Td: true, atom.Th: true, atom.Caption: true,
}

// skipped reports whether the subtree of n holds no prose: navigation,
// tables of contents, scripts, code listings.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Pre, atom.Head, atom.Table:
		if n.DataAtom == atom.Table {
			return attr(n, "summary") != "" && strings.Contains(strings.ToLower(attr(n, "summary")), "navigation")
		}
		return true
	case atom.A:
		return attr(n, "class") == "headerlink" // Sphinx's "¶" after headings
	case atom.Div:
		switch c := attr(n, "class"); c {
		case "navheader", "navfooter", "toc", "list-of-tables", "list-of-figures", "list-of-examples",
			"sphinxsidebar", "related", "footer": // the last three: Sphinx navigation
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// readBlocks returns the text blocks of the HTML page at path in document order.
func readBlocks(path string) ([]block, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	var out []block
	var walk func(n *html.Node, cur *strings.Builder)
	walk = func(n *html.Node, cur *strings.Builder) {
		if n.Type == html.ElementNode && skipped(n) {
			return
		}
		if n.Type == html.TextNode {
			if cur != nil {
				cur.WriteString(n.Data)
			}
			return
		}
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			// reserve the block's place so nested blocks come after it
			idx := len(out)
			out = append(out, block{tag: n.Data})
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, &b)
			}
			out[idx].text = collapse(b.String())
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br && cur != nil {
			cur.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, cur)
		}
	}
	walk(doc, nil)
	kept := out[:0]
	for _, b := range out {
		if b.text != "" {
			kept = append(kept, b)
		}
	}
	return kept, nil
}

// collapse trims s and collapses its runs of white space to one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

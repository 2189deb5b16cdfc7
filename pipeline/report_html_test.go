package pipeline

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReportHTMLWellFormed checks that report.html parses as XML (so every
// tag is closed) and shows the stages, reasons and charts.
func TestReportHTMLWellFormed(t *testing.T) {
	dir := t.TempDir()
	if _, err := Run(context.Background(), dir, Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByAuto}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("report.html is not well-formed: %v", err)
		}
	}
	for _, want := range []string{"<svg", "classify", "boilerplate:clock", "Length ratio", "Document pairs"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if strings.Contains(string(b), "http://") && !strings.Contains(string(b), `xmlns="http://www.w3.org/2000/svg"`) {
		t.Error("report.html refers to the network")
	}
}

// TestReportHTMLInBrowser opens report.html in headless Chromium (Debian's
// chromium package, which make test installs) and checks the rendered DOM.
func TestReportHTMLInBrowser(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (apt-get install chromium); skipping the browser check")
	}
	dir := t.TempDir()
	if _, err := Run(context.Background(), filepath.Join(dir, "out"), Options{Inputs: []string{"testdata/pairs"}, PairBy: PairByAuto}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+filepath.Join(dir, "out", "report.html"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	dom := string(out)
	for _, want := range []string{"<h1>paraline report</h1>", "<svg", "Rejects by reason", "corpus.en"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %q", want)
		}
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// newProgress returns a progress reporter on w for mode "auto", "always" or
// "never", or nil for none. A bar is drawn only on a terminal (auto) or when
// asked for (always); otherwise auto prints a plain line every few seconds,
// because progressbar itself would keep writing \r frames into a file.
func newProgress(w io.Writer, mode string) (*progress, error) {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	switch mode {
	case "never":
		return nil, nil
	case "always":
		return &progress{w: w, bar: true}, nil
	case "auto", "":
		return &progress{w: w, bar: tty, every: 5 * time.Second}, nil
	}
	return nil, fmt.Errorf("--progress must be auto, always or never (got %q)", mode)
}

// progress implements pipeline.Progress.
type progress struct {
	w     io.Writer
	bar   bool
	every time.Duration // plain-line interval when bar is false

	pb    *progressbar.ProgressBar
	pass  string
	start time.Time
	last  time.Time
	docs  int
	bytes int64
}

func (p *progress) Start(pass string) {
	p.pass, p.start, p.last, p.docs, p.bytes = pass, time.Now(), time.Now(), 0, 0
	if p.bar {
		p.pb = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(pass),
			progressbar.OptionShowBytes(true),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
}

func (p *progress) Add(n int) {
	p.docs++
	p.bytes += int64(n)
	if p.pb != nil {
		_ = p.pb.Add64(int64(n))
		return
	}
	if p.every > 0 && time.Since(p.last) >= p.every {
		p.last = time.Now()
		p.line()
	}
}

func (p *progress) line() {
	secs := time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "paraline: %s: %d documents, %.1f MB, %.2f MB/s\n", p.pass, p.docs, float64(p.bytes)/1e6, float64(p.bytes)/1e6/max(secs, 1e-9))
}

func (p *progress) Finish() {
	if p.pb != nil {
		_ = p.pb.Finish()
		p.pb = nil
	}
}

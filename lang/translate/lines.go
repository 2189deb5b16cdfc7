package translate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/paraline/paraline/corpus"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
)

// defaultLineTexts is the number of texts per run of a line backend.
const defaultLineTexts = 1000

// lineRunner runs a command that reads one text per line and writes one
// line per text. When blankAfter is set, a blank line follows each input
// line and every other output line is kept: apertium otherwise moves words
// across line breaks. A wrong number of output lines is an ErrLineCount
// error, on which the Engine splits the batch to find the bad lines.
type lineRunner struct {
	name       string // backend name for errors
	blankAfter bool
	trim       bool
}

// run translates texts with the command made by mk.
func (r lineRunner) run(ctx context.Context, mk func(context.Context) *exec.Cmd, texts []string) ([]string, error) {
	var in bytes.Buffer
	for _, t := range texts {
		in.WriteString(corpus.OneLine(t))
		in.WriteByte('\n')
		if r.blankAfter {
			in.WriteByte('\n')
		}
	}
	cmd := mk(ctx)
	var stdout bytes.Buffer
	stderr := &headWriter{max: 2048}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &in, &stdout, stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		re := &RequestError{Backend: r.name, Kind: Permanent, Err: fmt.Errorf("%s: %w", cmd.Path, err)}
		var ee *exec.ExitError
		switch {
		case errors.Is(err, exec.ErrNotFound), errors.Is(err, os.ErrNotExist):
			re.Kind = Fatal
		case errors.As(err, &ee) && ee.ExitCode() == 127:
			re.Kind = Fatal // sh: command not found
		}
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			re.Err = fmt.Errorf("%w: %s", re.Err, msg)
		}
		return nil, re
	}
	lines, err := parseLines(stdout.String(), len(texts), r.blankAfter, r.trim)
	if err != nil {
		return nil, &RequestError{Backend: r.name, Kind: Permanent, Err: err}
	}
	return lines, nil
}

// parseLines splits the output of a line command into n translations. With
// blankAfter the input had a blank line after each text: every other output
// line is kept and the others must be blank (the last one may be missing).
// Errors wrap ErrLineCount.
func parseLines(out string, n int, blankAfter, trim bool) ([]string, error) {
	lines := strings.Split(out, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if blankAfter {
		if len(lines) != 2*n && len(lines) != 2*n-1 {
			return nil, fmt.Errorf("%w: %d lines out for %d in", ErrLineCount, len(lines), 2*n)
		}
		kept := make([]string, 0, n)
		for i, l := range lines {
			if i%2 == 1 {
				if strings.TrimSpace(l) != "" {
					return nil, fmt.Errorf("%w: output line %d should be blank", ErrLineCount, i+1)
				}
				continue
			}
			kept = append(kept, l)
		}
		lines = kept
	}
	if len(lines) != n {
		return nil, fmt.Errorf("%w: %d lines out for %d in", ErrLineCount, len(lines), n)
	}
	for i, l := range lines {
		l = strings.TrimSuffix(l, "\r")
		if trim {
			l = strings.TrimSpace(l)
		}
		lines[i] = l
	}
	return lines, nil
}

// headWriter keeps the first max bytes written to it.
type headWriter struct {
	max int
	buf bytes.Buffer
}

func (w *headWriter) Write(p []byte) (int, error) {
	if room := w.max - w.buf.Len(); room > 0 {
		w.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (w *headWriter) String() string { return w.buf.String() }

// Exec runs a command for each request: one text per line on its standard
// input, one translation per line on its standard output (the Bitextor
// "external MT" contract), checked line by line. The command runs with
// sh -c; PARALINE_FROM and PARALINE_TO hold the languages.
type Exec struct {
	command  string
	maxTexts int
}

// NewExec returns the exec backend of cfg.Command.
func NewExec(cfg Config) (*Exec, error) {
	if strings.TrimSpace(cfg.Command) == "" {
		return nil, errors.New("exec: no command (--exec-cmd)")
	}
	return &Exec{command: cfg.Command, maxTexts: orInt(cfg.MaxTexts, defaultLineTexts)}, nil
}

func orInt(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// ID implements Backend.
func (x *Exec) ID() string { return "exec:" + x.command }

// Limits implements Backend: 1,000 lines per run, one run at a time.
func (x *Exec) Limits() Limits {
	return Limits{MaxTexts: x.maxTexts, Concurrency: 1, Timeout: 10 * time.Minute}
}

// Translate implements Backend.
func (x *Exec) Translate(ctx context.Context, src, tgt string, texts []string) ([]string, error) {
	mk := func(ctx context.Context) *exec.Cmd {
		c := exec.CommandContext(ctx, "sh", "-c", x.command)
		c.Env = append(os.Environ(), "PARALINE_FROM="+src, "PARALINE_TO="+tgt)
		return c
	}
	return lineRunner{name: "exec"}.run(ctx, mk, texts)
}

// Apertium runs the apertium command with an installed language pair
// (Debian: apertium and e.g. apertium-eng-spa). Unknown words are not
// marked. A blank line follows each input line, which keeps apertium from
// moving words across lines.
type Apertium struct {
	bin      string
	maxTexts int

	once  sync.Once
	modes []string
	err   error
}

// NewApertium returns the apertium backend. The binary and the pairs are
// looked up at the first request.
func NewApertium(cfg Config) (*Apertium, error) {
	bin := cfg.Apertium
	if bin == "" {
		bin = "apertium"
	}
	return &Apertium{bin: bin, maxTexts: orInt(cfg.MaxTexts, defaultLineTexts)}, nil
}

// ID implements Backend.
func (a *Apertium) ID() string { return "apertium" }

// Limits implements Backend: 1,000 lines per run, one run per CPU.
func (a *Apertium) Limits() Limits {
	return Limits{MaxTexts: a.maxTexts, Concurrency: runtime.NumCPU(), Timeout: 10 * time.Minute}
}

// Modes returns the translation directions apertium has installed (apertium -l).
func (a *Apertium) Modes() ([]string, error) {
	a.once.Do(func() {
		path, err := exec.LookPath(a.bin)
		if err != nil {
			a.err = &RequestError{Backend: "apertium", Kind: Fatal, Err: err,
				Hint: "install it (Debian: apt-get install apertium apertium-eng-spa)"}
			return
		}
		a.bin = path
		out, err := exec.Command(path, "-l").Output()
		if err != nil {
			a.err = &RequestError{Backend: "apertium", Kind: Fatal, Err: fmt.Errorf("%s -l: %w", path, err)}
			return
		}
		a.modes = strings.Fields(string(out))
	})
	return a.modes, a.err
}

// Mode returns the installed direction for src to tgt: "src-tgt" in the
// codes given or in ISO 639-3 codes ("en" -> "eng"), as Debian names them.
func (a *Apertium) Mode(src, tgt string) (string, error) {
	modes, err := a.Modes()
	if err != nil {
		return "", err
	}
	cands := []string{src + "-" + tgt}
	if s3, t3 := iso3(src), iso3(tgt); s3 != "" && t3 != "" {
		cands = append(cands, s3+"-"+t3)
	}
	for _, c := range cands {
		if slices.Contains(modes, c) {
			return c, nil
		}
	}
	return "", &RequestError{Backend: "apertium", Kind: Fatal,
		Err:  fmt.Errorf("no language pair for %s-%s installed (have %s)", src, tgt, strings.Join(modes, ", ")),
		Hint: "install one, e.g. apt-get install apertium-eng-spa (apt-cache search apertium- lists them)"}
}

func iso3(code string) string {
	b, err := language.ParseBase(code)
	if err != nil {
		return ""
	}
	return b.ISO3()
}

// Translate implements Backend.
func (a *Apertium) Translate(ctx context.Context, src, tgt string, texts []string) ([]string, error) {
	mode, err := a.Mode(src, tgt)
	if err != nil {
		return nil, err
	}
	mk := func(ctx context.Context) *exec.Cmd {
		return exec.CommandContext(ctx, a.bin, "-u", "-f", "txt", mode)
	}
	return lineRunner{name: "apertium", blankAfter: true, trim: true}.run(ctx, mk, texts)
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// stdio holds the streams a command reads and writes, so tests can capture them.
type stdio struct {
	in  io.Reader
	out io.Writer
	err io.Writer
}

// command is one paraline subcommand.
type command struct {
	name  string // the word after "paraline"
	usage string // the synopsis after the name, e.g. "[flags] INPUT..."
	short string // one line for "paraline help"
	long  string // the help page body
	// run declares its flags on fs, parses args with parseFlags(fs, args)
	// and does the work. fs is new for every call and prints c's help page.
	run func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error
}

// exec runs c with args, giving it a fresh flag set. When the arguments
// ask for help (-h, --help), it writes c's help page to std.out.
func (c *command) exec(ctx context.Context, std *stdio, args []string) error {
	fs := newFlags(c)
	err := c.run(ctx, std, fs, args)
	var ce cmdError
	switch {
	case err == nil || errors.Is(err, errHelpShown):
		return err
	case errors.Is(err, errHelp):
		c.writeHelp(std.out, fs)
		return errHelpShown
	case errors.As(err, &ce):
		return err // a subcommand's ("eval split")
	}
	return cmdError{cmd: c.name, err: err}
}

// cmdError is an error of the command named cmd ("eval split"), so that
// main names the command that failed.
type cmdError struct {
	cmd string
	err error
}

func (e cmdError) Error() string { return e.err.Error() }
func (e cmdError) Unwrap() error { return e.err }

// printHelp writes c's help page, with its flags, to w. Commands declare
// their flags when run, so the page comes from running c with --help.
func (c *command) printHelp(w io.Writer) {
	_ = c.exec(context.Background(), &stdio{in: strings.NewReader(""), out: w, err: io.Discard}, []string{"--help"})
}

// writeHelp writes c's help page with the flags declared on fs.
func (c *command) writeHelp(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: paraline %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.long))
	if hasFlags(fs) {
		fmt.Fprintf(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// errHelp is returned when --help was asked for; it maps to exit status 0.
var errHelp = flag.ErrHelp

// errHelpShown is returned by exec once it wrote the help page (so that
// "eval KIND --help" writes one page, not KIND's and eval's).
var errHelpShown = fmt.Errorf("help shown: %w", errHelp)

// usageError marks a bad command line (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...)}
}

// partialError marks a run that finished but had failed documents (exit status 1).
type partialError struct{ err error }

func (e partialError) Error() string { return e.err.Error() }
func (e partialError) Unwrap() error { return e.err }

// newFlags returns a flag set for c. It prints nothing: a parse error is
// returned (and reported in one line by main), and --help makes exec write
// the help page to stdout.
func newFlags(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("paraline "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args into fs, allowing flags after positional arguments
// ("paraline run in/ -o out"), and maps errors to the exit-code contract.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, usageError{err: err}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// openOutput returns w for path "" or "-", else a created file; the caller
// must call the returned close function and check its error.
func openOutput(std *stdio, path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return std.out, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

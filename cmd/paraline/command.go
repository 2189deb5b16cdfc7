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

// exec runs c with args, giving it a fresh flag set.
func (c *command) exec(ctx context.Context, std *stdio, args []string) error {
	return c.run(ctx, std, newFlags(c, std), args)
}

// printHelp writes c's help page, with its flags, to w. Commands register
// their flags when run, so the page is produced by running c with --help.
func (c *command) printHelp(w io.Writer) {
	_ = c.exec(context.Background(), &stdio{in: strings.NewReader(""), out: w, err: w}, []string{"--help"})
}

// errHelp is returned when --help was asked for; it maps to exit status 0.
var errHelp = flag.ErrHelp

// usageError marks a bad command line (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// partialError marks a run that finished but had failed documents (exit status 1).
type partialError struct{ err error }

func (e partialError) Error() string { return e.err.Error() }
func (e partialError) Unwrap() error { return e.err }

// newFlags returns a flag set for c whose usage page shows c's help and flags.
func newFlags(c *command, std *stdio) *flag.FlagSet {
	fs := flag.NewFlagSet("paraline "+c.name, flag.ContinueOnError)
	fs.SetOutput(std.err)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: paraline %s %s\n\n%s\n\nFlags:\n", c.name, c.usage, strings.TrimSpace(c.long))
		fs.PrintDefaults()
	}
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
			return nil, usageError{err}
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

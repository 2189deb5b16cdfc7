// Command paraline turns scraped multilingual documents into clean,
// sentence-aligned parallel corpora.
//
// Usage:
//
//	paraline <command> [flags] [INPUT...]
//
// Run "paraline help" for the list of commands and "paraline <command> --help"
// for the flags of one command. Exit status: 0 on success, 1 when some
// documents failed (they are reported), 2 on usage or fatal errors, 130 when
// interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes of the command-line contract (see DESIGN.md).
const (
	exitOK          = 0
	exitPartial     = 1
	exitFatal       = 2
	exitInterrupted = 130
)

// commands lists every subcommand in the order "paraline help" shows them.
func commands() []*command {
	return []*command{
		cmdRun,
		cmdDetect,
		cmdPair,
		cmdTranslate,
		cmdCache,
		cmdRepair,
		cmdSplit,
		cmdAlign,
		cmdClean,
		cmdEval,
		cmdVersion,
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, restore the default handling, so that a
		// second ^C kills a run that does not stop quickly enough.
		<-ctx.Done()
		stop()
	}()
	std := &stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}
	code := runMain(ctx, std, os.Args[1:])
	stop()
	os.Exit(code)
}

// runMain dispatches args to a subcommand and maps its error to an exit code.
// Help, however asked ("paraline", "paraline help [CMD]", "-h", "--help",
// "paraline CMD --help"), goes to stdout with exit status 0.
func runMain(ctx context.Context, std *stdio, args []string) int {
	if len(args) == 0 || isHelpArg(args[0]) {
		if len(args) > 1 {
			c := lookup(args[1])
			if c == nil {
				fmt.Fprintf(std.err, "paraline help: unknown command %q\nRun 'paraline help' for usage.\n", args[1])
				return exitFatal
			}
			c.printHelp(std.out)
			return exitOK
		}
		printUsage(std.out)
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(std.err, "paraline: unknown command %q\nRun 'paraline help' for usage.\n", args[0])
		return exitFatal
	}
	err := c.exec(ctx, std, args[1:])
	return exitCode(ctx, std.err, c.name, err)
}

func isHelpArg(a string) bool {
	return a == "help" || a == "-h" || a == "--help" || a == "-help"
}

// exitCode reports err on w in one line (a usage error adds where to find
// the usage) and returns the exit status it stands for.
func exitCode(ctx context.Context, w io.Writer, name string, err error) int {
	var ue usageError
	var pe partialError
	var ce cmdError
	if errors.As(err, &ce) {
		name = ce.cmd
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		fmt.Fprintf(w, "paraline %s: interrupted\n", name)
		return exitInterrupted
	case errors.As(err, &ue):
		fmt.Fprintf(w, "paraline %s: %v\nRun 'paraline %s --help' for usage.\n", name, ue.err, name)
		return exitFatal
	case errors.As(err, &pe):
		fmt.Fprintf(w, "paraline %s: %v\n", name, pe.err)
		return exitPartial
	default:
		fmt.Fprintf(w, "paraline %s: %v\n", name, err)
		return exitFatal
	}
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "paraline turns scraped multilingual text into clean, sentence-aligned parallel corpora.\n\n")
	fmt.Fprintf(w, "Usage:\n\n\tparaline <command> [flags] [INPUT...]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\nRun 'paraline help <command>' or 'paraline <command> --help' for details.\n")
}

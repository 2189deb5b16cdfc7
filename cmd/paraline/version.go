package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3".
var version = "devel"

var cmdVersion = &command{
	name:  "version",
	usage: "",
	short: "print the version of paraline and of Go",
	long:  "Version prints paraline's version, the Go version it was built with, and its main dependencies.",
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		if _, err := parseFlags(fs, args); err != nil {
			return err
		}
		fmt.Fprintf(std.out, "paraline %s %s %s/%s\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, d := range bi.Deps {
				fmt.Fprintf(std.out, "  %s %s\n", d.Path, d.Version)
			}
		}
		return nil
	},
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/paraline/paraline/lang/translate"
)

var cmdCache = &command{
	name:  "cache",
	usage: "stats|clear [--cache FILE]",
	short: "show or clear the translation cache",
	long: `Cache shows or clears the translation cache that "paraline translate" and
"paraline run --translate-to" use (default: the user cache directory,
paraline/translate.db).

  stats   the file, its size, the number of translations, per translator
  clear   delete every translation (paid translations will be paid again)`,
	run: func(ctx context.Context, std *stdio, fs *flag.FlagSet, args []string) error {
		path := fs.String("cache", "", "cache `FILE` (default: user cache dir/paraline/translate.db)")
		args, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if len(args) != 1 || (args[0] != "stats" && args[0] != "clear") {
			return usagef("want stats or clear")
		}
		p := *path
		if p == "" {
			if p, err = translate.DefaultCachePath(); err != nil {
				return err
			}
		}
		if _, err := os.Stat(p); errors.Is(err, errNotExist) {
			fmt.Fprintf(std.out, "no cache at %s\n", p)
			return nil
		}
		c, err := translate.OpenCache(p)
		if err != nil {
			return err
		}
		defer c.Close()
		if args[0] == "clear" {
			n, err := c.Clear()
			if err != nil {
				return err
			}
			fmt.Fprintf(std.out, "cleared %d translations from %s\n", n, p)
			return c.Close()
		}
		st, err := c.Stats()
		if err != nil {
			return err
		}
		fmt.Fprintf(std.out, "cache:        %s\n", st.Path)
		fmt.Fprintf(std.out, "file size:    %d bytes\n", st.FileBytes)
		fmt.Fprintf(std.out, "translations: %d (%d bytes of text)\n", st.Entries, st.TextBytes)
		for _, b := range st.Backends {
			fmt.Fprintf(std.out, "  %-30s %d\n", b.Backend, b.Entries)
		}
		return c.Close()
	},
}

var errNotExist = fs.ErrNotExist

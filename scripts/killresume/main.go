// Command killresume measures paraline run --resume: it runs the binary
// once without interruption, then, for each of -kills random points (a
// share of the documents, drawn from 0 to 1: 0 is right after the first
// pass), starts the same run, SIGKILLs it when its journal holds that share
// of the documents, resumes it with --resume and checks that the outputs
// equal the uninterrupted run's (report timings aside). It prints wall and
// CPU (user+sys) times. Points are taken on the journal, not on the clock,
// because wall time varies with the machine's load.
//
//	go build -o /tmp/paraline ./cmd/paraline
//	go run ./scripts/killresume -bin /tmp/paraline -o /tmp/kr INPUT...
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("bin", "paraline", "the paraline `BINARY`")
	out := flag.String("o", "", "work `DIR` (required; its content is replaced)")
	kills := flag.Int("kills", 3, "number of random kill points")
	seed := flag.Int64("seed", 1, "random seed of the kill points")
	extra := flag.String("flags", "--workers 2", "flags of paraline run")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: killresume -bin BIN -o DIR [-kills N] INPUT...")
		os.Exit(2)
	}
	if err := run(*bin, *out, *kills, *seed, strings.Fields(*extra), flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "killresume:", err)
		os.Exit(1)
	}
}

type timing struct{ wall, cpu time.Duration }

func (t timing) String() string {
	return fmt.Sprintf("wall %.2f s, CPU %.2f s", t.wall.Seconds(), t.cpu.Seconds())
}

func command(bin, dir string, flags, inputs []string, more ...string) *exec.Cmd {
	args := append([]string{"run", "--progress", "never", "-o", dir}, flags...)
	args = append(append(args, more...), inputs...)
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &bytes.Buffer{}
	return cmd
}

// finish waits for cmd and returns its timing; exit 1 (some documents
// failed) counts as success.
func finish(cmd *exec.Cmd, start time.Time) (timing, error) {
	err := cmd.Wait()
	t := timing{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		t.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		err = nil
	}
	if err != nil {
		return t, fmt.Errorf("%v: %v\n%s", cmd.Args, err, cmd.Stderr)
	}
	return t, nil
}

func run(bin, out string, kills int, seed int64, flags, inputs []string) error {
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	want := filepath.Join(out, "full")
	cmd := command(bin, want, flags, inputs)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	full, err := finish(cmd, start)
	if err != nil {
		return err
	}
	docs, err := documents(filepath.Join(want, "report.json"))
	if err != nil {
		return err
	}
	fmt.Printf("full run: %d documents, %s\n", docs, full)
	rng := rand.New(rand.NewSource(seed))
	for i := 0; i < kills; i++ {
		frac := rng.Float64()
		dir := filepath.Join(out, fmt.Sprintf("kill%d", i))
		cmd := command(bin, dir, flags, inputs)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return err
		}
		exited := make(chan struct{})
		var sent atomic.Bool
		jc := &journalCounter{dir: filepath.Join(dir, ".paraline-journal")}
		go func() {
			for {
				select {
				case <-exited:
					return
				default:
				}
				n, ok := jc.count()
				if ok && float64(n) >= frac*float64(docs) {
					sent.Store(true)
					_ = cmd.Process.Signal(syscall.SIGKILL)
					return
				}
				time.Sleep(2 * time.Millisecond)
			}
		}()
		killed, _ := finish(cmd, start)
		close(exited)
		if !sent.Load() {
			return fmt.Errorf("kill %d: the run finished before it could be killed", i+1)
		}
		done := "?"
		resume := command(bin, dir, flags, inputs, "--resume")
		rstart := time.Now()
		if err := resume.Start(); err != nil {
			return err
		}
		rt, err := finish(resume, rstart)
		if err != nil {
			return err
		}
		if line, _, ok := strings.Cut(resume.Stderr.(*bytes.Buffer).String(), "\n"); ok && strings.Contains(line, "resuming") {
			done = line[strings.LastIndex(line, ":")+2:]
		}
		same, err := sameOutputs(want, dir)
		if err != nil {
			return err
		}
		fmt.Printf("kill %d at %.0f%% of the documents (killed run: %s; journal: %s): resumed %s; outputs equal: %v\n",
			i+1, 100*frac, killed, done, rt, same)
		if !same {
			return fmt.Errorf("outputs of %s differ from %s", dir, want)
		}
	}
	return nil
}

// documents returns the number of documents a report counts.
func documents(report string) (int, error) {
	b, err := os.ReadFile(report)
	if err != nil {
		return 0, err
	}
	var r struct {
		Documents struct{ Read int } `json:"documents"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return 0, fmt.Errorf("%s: %w", report, err)
	}
	return r.Documents.Read, nil
}

// journalCounter counts the results in a run's journal (records of a
// 4-byte length, a 4-byte CRC and the result), reading only what was
// appended since its last call.
type journalCounter struct {
	dir string
	off int64
	n   int
}

// count returns the number of results journaled so far, and whether the
// first pass is over (its evidence is written).
func (c *journalCounter) count() (int, bool) {
	if _, err := os.Stat(filepath.Join(c.dir, "evidence.bin")); err != nil {
		return 0, false
	}
	f, err := os.Open(filepath.Join(c.dir, "results.log"))
	if err != nil {
		return c.n, true
	}
	defer f.Close()
	var head [8]byte
	for {
		if _, err := f.ReadAt(head[:], c.off); err != nil {
			return c.n, true
		}
		size := int64(binary.LittleEndian.Uint32(head[:4]))
		fi, err := f.Stat()
		if err != nil || fi.Size() < c.off+8+size {
			return c.n, true
		}
		c.off += 8 + size
		c.n++
	}
}

func sameOutputs(a, b string) (bool, error) {
	ea, err := os.ReadDir(a)
	if err != nil {
		return false, err
	}
	eb, err := os.ReadDir(b)
	if err != nil {
		return false, err
	}
	if len(ea) != len(eb) {
		return false, nil
	}
	for i, e := range ea {
		if eb[i].Name() != e.Name() {
			return false, nil
		}
		if e.Name() == "report.html" {
			continue
		}
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, _ := os.ReadFile(filepath.Join(b, e.Name()))
		if e.Name() == "report.json" {
			x, y = untimed(x), untimed(y)
		}
		if !bytes.Equal(x, y) {
			fmt.Fprintf(os.Stderr, "%s differs\n", e.Name())
			return false, nil
		}
	}
	return true, nil
}

func untimed(b []byte) []byte {
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return b
	}
	for _, k := range []string{"wall_seconds", "mb_per_second", "slowest"} {
		delete(m, k)
	}
	out, _ := json.Marshal(m)
	return out
}

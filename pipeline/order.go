package pipeline

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// ordered runs work on the items next yields with the given number of
// workers and calls emit with the results in the order of the items. At most
// 2*workers items are in flight, so memory stays bounded even when one item
// is slow. next and emit run on one goroutine each (never concurrently with
// themselves); work runs concurrently. The first error of next, emit or the
// context stops everything and is returned.
func ordered[T, R any](ctx context.Context, workers int, next func() (T, bool, error), work func(T) R, emit func(R) error) error {
	if workers < 1 {
		workers = 1
	}
	type job struct {
		seq int
		v   T
	}
	type result struct {
		seq int
		r   R
	}
	g, ctx := errgroup.WithContext(ctx)
	tokens := make(chan struct{}, 2*workers)
	jobs := make(chan job)
	results := make(chan result)

	g.Go(func() error { // producer
		defer close(jobs)
		for seq := 0; ; seq++ {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			v, ok, err := next()
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			select {
			case jobs <- job{seq, v}:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	workersDone := make(chan struct{})
	wg := errgroup.Group{}
	for i := 0; i < workers; i++ {
		wg.Go(func() error {
			for j := range jobs {
				r := work(j.v)
				select {
				case results <- result{j.seq, r}:
				case <-ctx.Done():
					return nil
				}
			}
			return nil
		})
	}
	go func() {
		_ = wg.Wait()
		close(workersDone)
		close(results)
	}()
	g.Go(func() error { // collector
		pending := map[int]R{}
		nextSeq := 0
		for res := range results {
			pending[res.seq] = res.r
			for {
				r, ok := pending[nextSeq]
				if !ok {
					break
				}
				delete(pending, nextSeq)
				nextSeq++
				<-tokens
				if err := emit(r); err != nil {
					// Drain so the workers can finish.
					go func() {
						for range results {
						}
					}()
					return err
				}
			}
		}
		return ctx.Err()
	})
	err := g.Wait()
	<-workersDone
	return err
}

package beampipe

import "sync"

// bundlePool runs the jobs of one bundle on up to n goroutines and hands
// their outputs back to the bundle's goroutine, which alone may call the
// Beam emitters.
type bundlePool[T any] struct {
	sem  chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	done []T
	err  error
}

func newBundlePool[T any](n int) *bundlePool[T] {
	if n < 1 {
		n = 1
	}
	return &bundlePool[T]{sem: make(chan struct{}, n)}
}

// submit starts job once fewer than n jobs run; job passes its outputs to
// add, which may be called from its goroutine.
func (p *bundlePool[T]) submit(job func(add func(T)) error) {
	p.sem <- struct{}{}
	p.wg.Add(1)
	go func() {
		defer func() { <-p.sem; p.wg.Done() }()
		err := job(func(t T) {
			p.mu.Lock()
			p.done = append(p.done, t)
			p.mu.Unlock()
		})
		if err != nil {
			p.mu.Lock()
			if p.err == nil {
				p.err = err
			}
			p.mu.Unlock()
		}
	}()
}

// take returns the outputs made so far and the first error of a job.
func (p *bundlePool[T]) take() ([]T, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	d := p.done
	p.done = nil
	return d, p.err
}

// wait waits for every job and returns the outputs not yet taken.
func (p *bundlePool[T]) wait() ([]T, error) {
	p.wg.Wait()
	return p.take()
}

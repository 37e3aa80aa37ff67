package fleet

import (
	"context"
	"sync"
	"time"
)

// Coalescer runs a job per key once for a burst of requests: a feed poll
// that stores thirty items in one server sends thirty notifications, and
// each sync rebuilds the server's search indexes, so the processes that
// hear them should rebuild once, not thirty times. Requests for a key
// arriving while its job waits or runs make it run once more afterwards,
// so the last change is never missed.
type Coalescer struct {
	delay time.Duration
	run   func(ctx context.Context, key string)

	mu      sync.Mutex
	pending map[string]bool
	wake    chan struct{}
}

// NewCoalescer returns a coalescer that, delay after the first request of
// a burst, runs run for every key requested meanwhile (one at a time).
// Start its loop with Run.
func NewCoalescer(delay time.Duration, run func(ctx context.Context, key string)) *Coalescer {
	return &Coalescer{delay: delay, run: run, pending: map[string]bool{}, wake: make(chan struct{}, 1)}
}

// Request asks for key's job to run soon. It never blocks.
func (c *Coalescer) Request(key string) {
	c.mu.Lock()
	c.pending[key] = true
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// Run runs the jobs requested until ctx ends.
func (c *Coalescer) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.wake:
		}
		// Let the burst gather.
		if !sleep(ctx, c.delay) {
			return
		}
		c.mu.Lock()
		keys := c.pending
		c.pending = map[string]bool{}
		c.mu.Unlock()
		for k := range keys {
			if ctx.Err() != nil {
				return
			}
			c.run(ctx, k)
		}
	}
}

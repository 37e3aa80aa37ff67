package fleet

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestCoalescer(t *testing.T) {
	var mu sync.Mutex
	runs := map[string]int{}
	started := make(chan struct{}, 100)
	release := make(chan struct{})
	c := NewCoalescer(20*time.Millisecond, func(_ context.Context, key string) {
		mu.Lock()
		runs[key]++
		mu.Unlock()
		started <- struct{}{}
		if key == "slow" {
			<-release
		}
	})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	count := func(k string) int {
		mu.Lock()
		defer mu.Unlock()
		return runs[k]
	}

	t.Run("a burst runs once per key", func(t *testing.T) {
		for range 30 {
			c.Request("g1")
		}
		c.Request("g2")
		eventually(t, 2*time.Second, "both keys run", func() bool { return count("g1") == 1 && count("g2") == 1 })
		time.Sleep(60 * time.Millisecond)
		if count("g1") != 1 {
			t.Errorf("g1 ran %d times for one burst", count("g1"))
		}
	})
	t.Run("a request during a run runs again after it", func(t *testing.T) {
		for len(started) > 0 {
			<-started
		}
		c.Request("slow")
		<-started // the slow job is running
		c.Request("slow")
		close(release)
		eventually(t, 2*time.Second, "the second run", func() bool { return count("slow") == 2 })
	})
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

package progress

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestBar(t *testing.T) {
	tests := []struct {
		name  string
		s     Stats
		width int
		want  string
	}{
		{"start", Stats{Done: 0, Total: 4000}, 10, "[>         ] 0/4,000 articles"},
		{"part way", Stats{Done: 1200, Total: 4000, Rate: 410.4, Left: 6800 * time.Millisecond}, 10,
			"[===>      ] 1,200/4,000 articles · 410/s · 7s left"},
		{"done", Stats{Done: 4000, Total: 4000, Rate: 1000}, 10, "[==========] 4,000/4,000 articles · 1,000/s"},
		{"more than expected stays full", Stats{Done: 5000, Total: 4000}, 4, "[====] 5,000/4,000 articles"},
		{"total unknown", Stats{Done: 1234567, Rate: 2.25}, 10, "1,234,567 articles · 2/s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Bar("articles", tt.s, tt.width); got != tt.want {
				t.Errorf("Bar = %q\nwant  %q", got, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	tests := []struct {
		name        string
		done, total int
		elapsed     time.Duration
		wantRate    float64
		wantLeft    time.Duration
	}{
		{"half way", 500, 1000, 10 * time.Second, 50, 10 * time.Second},
		{"nothing yet", 0, 1000, 10 * time.Second, 0, 0},
		{"no time yet", 10, 1000, 0, 0, 0},
		{"total unknown", 500, 0, 10 * time.Second, 50, 0},
		{"finished", 1000, 1000, 4 * time.Second, 250, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := stats(tt.done, tt.total, tt.elapsed)
			if s.Rate != tt.wantRate || s.Left != tt.wantLeft {
				t.Errorf("rate %v left %v, want %v %v", s.Rate, s.Left, tt.wantRate, tt.wantLeft)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for the tracker's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// fakeClock advances by step at every reading, so rates are exact.
type fakeClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(c.step)
	return c.t
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestLogLines(t *testing.T) {
	var out syncBuffer
	log := slog.New(slog.NewTextHandler(&out, nil))
	clock := &fakeClock{t: time.Unix(0, 0), step: time.Second}
	tr := start("articles", 1000, Options{Log: log, LogEvery: 10 * time.Millisecond}, clock.now)
	tr.Add(100)
	waitFor(t, "a log line", func() bool { return strings.Contains(out.String(), "done=100") })
	tr.Finish()
	line := out.String()
	for _, want := range []string{"msg=loading", "what=articles", "done=100", "total=1000", "percent=10", "per_second=", "left="} {
		if !strings.Contains(line, want) {
			t.Errorf("log %q lacks %q", line, want)
		}
	}
}

func TestBarIsDrawnAndCleared(t *testing.T) {
	var term syncBuffer
	tr := Start("articles", 10, Options{Bar: &term, BarEvery: 5 * time.Millisecond, Width: 10})
	tr.Add(5)
	waitFor(t, "the bar", func() bool { return strings.Contains(term.String(), "5/10 articles") })
	tr.Finish()
	tr.Finish() // a second Finish is harmless
	out := term.String()
	if !strings.HasPrefix(out, "\r\033[K[=====>    ] 5/10 articles") {
		t.Errorf("bar output starts %q", out[:min(len(out), 40)])
	}
	if !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("bar not cleared at the end: %q", out[max(0, len(out)-40):])
	}
	n := len(out)
	time.Sleep(20 * time.Millisecond)
	if len(term.String()) != n {
		t.Error("bar redrawn after Finish")
	}
}

func TestQuickLoadIsSilent(t *testing.T) {
	var out syncBuffer
	tr := Start("articles", 3, Options{Log: slog.New(slog.NewTextHandler(&out, nil)), LogEvery: time.Hour})
	tr.Add(3)
	tr.Finish()
	if out.String() != "" {
		t.Errorf("a quick load logged %q", out.String())
	}
}

func TestNilTracker(t *testing.T) {
	var tr *Tracker
	tr.Add(1)
	tr.SetTotal(2)
	tr.Finish()
	if s := tr.Stats(); s != (Stats{}) {
		t.Errorf("nil tracker stats %+v", s)
	}
}

func TestThousands(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {-12345, "-12,345"}, {1234567, "1,234,567"}} {
		t.Run(tt.want, func(t *testing.T) {
			if got := thousands(tt.n); got != tt.want {
				t.Errorf("thousands(%d) = %q", tt.n, got)
			}
		})
	}
}

// Package progress reports how a long load is going: a log line now and
// then with the count, the rate and the time left, and, for a person at a
// terminal, a bar redrawn in place.
package progress

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// Options says where progress goes. The zero value reports nothing.
type Options struct {
	// Log receives a line every LogEvery (nil: no lines).
	Log *slog.Logger
	// LogEvery is the interval between log lines; 0 means 5 s. The first
	// line comes only after one interval, so a quick load logs nothing.
	LogEvery time.Duration
	// Bar, when not nil, is a terminal redrawn with a progress bar every
	// BarEvery; Finish clears it.
	Bar io.Writer
	// BarEvery is the interval between redraws of the bar; 0 means 100 ms.
	BarEvery time.Duration
	// Width is the bar's width in characters, brackets excluded; 0 means 30.
	Width int
}

// Stats is where a load stands.
type Stats struct {
	Done, Total int           // items done and expected (0: not known)
	Elapsed     time.Duration // since Start
	Rate        float64       // items per second so far
	Left        time.Duration // estimated time left; 0 when not known
}

// Tracker follows one load. Its methods are safe for concurrent use; a nil
// *Tracker does nothing, so callers need no check.
type Tracker struct {
	what  string
	opts  Options
	now   func() time.Time
	start time.Time

	mu      sync.Mutex
	done    int
	total   int
	drawn   bool // a bar is on the screen
	stopped bool
	stop    chan struct{}
	wg      sync.WaitGroup
}

// Start begins following a load of total items (0 when not yet known)
// called what ("articles"). Call Finish when it ends.
func Start(what string, total int, opts Options) *Tracker {
	return start(what, total, opts, time.Now)
}

func start(what string, total int, opts Options, now func() time.Time) *Tracker {
	if opts.LogEvery <= 0 {
		opts.LogEvery = 5 * time.Second
	}
	if opts.BarEvery <= 0 {
		opts.BarEvery = 100 * time.Millisecond
	}
	if opts.Width <= 0 {
		opts.Width = 30
	}
	t := &Tracker{what: what, opts: opts, now: now, start: now(), total: total, stop: make(chan struct{})}
	if opts.Log != nil {
		t.wg.Go(func() { t.every(opts.LogEvery, t.logLine) })
	}
	if opts.Bar != nil {
		t.wg.Go(func() { t.every(opts.BarEvery, t.draw) })
	}
	return t
}

// every calls f every d until Finish.
func (t *Tracker) every(d time.Duration, f func()) {
	tick := time.NewTicker(d)
	defer tick.Stop()
	for {
		select {
		case <-t.stop:
			return
		case <-tick.C:
			f()
		}
	}
}

// Add counts n more items done.
func (t *Tracker) Add(n int) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.done += n
	t.mu.Unlock()
}

// SetTotal sets the number of items expected, once it is known.
func (t *Tracker) SetTotal(n int) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.total = n
	t.mu.Unlock()
}

// Stats returns where the load stands.
func (t *Tracker) Stats() Stats {
	if t == nil {
		return Stats{}
	}
	t.mu.Lock()
	done, total := t.done, t.total
	t.mu.Unlock()
	return stats(done, total, t.now().Sub(t.start))
}

func stats(done, total int, elapsed time.Duration) Stats {
	s := Stats{Done: done, Total: total, Elapsed: elapsed}
	if elapsed > 0 {
		s.Rate = float64(done) / elapsed.Seconds()
	}
	if s.Rate > 0 && total > done {
		s.Left = time.Duration(float64(total-done) / s.Rate * float64(time.Second))
	}
	return s
}

// Finish stops reporting and clears the bar. It is safe to call twice.
func (t *Tracker) Finish() {
	if t == nil {
		return
	}
	t.mu.Lock()
	if t.stopped {
		t.mu.Unlock()
		return
	}
	t.stopped = true
	close(t.stop)
	t.mu.Unlock()
	t.wg.Wait()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.drawn {
		fmt.Fprint(t.opts.Bar, "\r\033[K")
		t.drawn = false
	}
}

// logLine logs where the load stands.
func (t *Tracker) logLine() {
	s := t.Stats()
	attrs := []any{"what", t.what, "done", s.Done}
	if s.Total > 0 {
		attrs = append(attrs, "total", s.Total, "percent", percent(s))
	}
	attrs = append(attrs, "per_second", roundRate(s.Rate))
	if s.Left > 0 {
		attrs = append(attrs, "left", s.Left.Round(time.Second))
	}
	t.opts.Log.Info("loading", attrs...)
}

// draw redraws the bar in place.
func (t *Tracker) draw() {
	s := t.Stats()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	// \r back to the start of the line, \033[K clears what a longer
	// previous line left.
	fmt.Fprint(t.opts.Bar, "\r\033[K"+Bar(t.what, s, t.opts.Width))
	t.drawn = true
}

// Bar renders s as one line: a bar (when the total is known), the count,
// the rate and the time left, e.g.
//
//	[=========>                    ] 1,200/4,000 articles · 410/s · 7s left
func Bar(what string, s Stats, width int) string {
	var b strings.Builder
	if s.Total > 0 {
		filled := min(width, s.Done*width/s.Total)
		b.WriteByte('[')
		b.WriteString(strings.Repeat("=", filled))
		if filled < width {
			b.WriteByte('>')
			b.WriteString(strings.Repeat(" ", width-filled-1))
		}
		b.WriteString("] ")
		fmt.Fprintf(&b, "%s/%s %s", thousands(s.Done), thousands(s.Total), what)
	} else {
		fmt.Fprintf(&b, "%s %s", thousands(s.Done), what)
	}
	if s.Rate > 0 {
		fmt.Fprintf(&b, " · %s/s", thousands(int(roundRate(s.Rate))))
	}
	if s.Left > 0 {
		fmt.Fprintf(&b, " · %s left", s.Left.Round(time.Second))
	}
	return b.String()
}

func percent(s Stats) int { return min(100, s.Done*100/s.Total) }

// roundRate keeps rates readable: whole numbers from 10 up, one decimal
// below.
func roundRate(r float64) float64 {
	if r >= 10 {
		return float64(int(r + 0.5))
	}
	return float64(int(r*10+0.5)) / 10
}

// thousands writes n with thousands separators: 1234567 → "1,234,567".
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

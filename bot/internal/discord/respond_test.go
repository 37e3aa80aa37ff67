package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/bot/internal/testlog"
	"newsbot/commands"
)

// fakeClock is a Clock that moves only when a test advances it.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
	changed chan struct{} // poked when a waiter is added
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC), changed: make(chan struct{}, 1)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, fakeWaiter{c.now.Add(d), ch})
	select {
	case c.changed <- struct{}{}:
	default:
	}
	return ch
}

// Advance moves the clock on by d, firing the waiters it passes.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.ch <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

// waitWaiters blocks until at least n waiters are pending.
func (c *fakeClock) waitWaiters(t *testing.T, n int) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		c.mu.Lock()
		got := len(c.waiters)
		c.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-c.changed:
		case <-time.After(time.Millisecond):
		case <-deadline:
			t.Fatalf("fake clock: %d waiters, want %d", got, n)
		}
	}
}

// call is one thing a recorder was asked to send.
type call struct {
	Op      string // respond, edit, followup, delete, autocomplete
	Type    discordgo.InteractionResponseType
	Private bool
	Content string
	At      time.Time // on the fake clock
}

func (c call) String() string {
	s := c.Op
	if c.Op == "respond" {
		s += fmt.Sprintf("(%d)", c.Type)
	}
	if c.Private {
		s += " private"
	}
	if c.Content != "" {
		s += " " + c.Content
	}
	return s
}

// recorder is a Responder that records calls and can fail them.
type recorder struct {
	clock *fakeClock
	mu    sync.Mutex
	calls []call
	// fail, when set, may fail a call: its result is returned (nil
	// passes) and the call is recorded either way.
	fail  func(op string, n int) error
	count map[string]int
	sent  chan call
}

func newRecorder(clock *fakeClock) *recorder {
	return &recorder{clock: clock, count: map[string]int{}, sent: make(chan call, 100)}
}

func (r *recorder) add(c call) error {
	c.At = r.clock.Now()
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.count[c.Op]++
	n := r.count[c.Op]
	fail := r.fail
	r.mu.Unlock()
	r.sent <- c
	if fail != nil {
		return fail(c.Op, n)
	}
	return nil
}

func (r *recorder) Respond(_ context.Context, resp *discordgo.InteractionResponse) error {
	c := call{Op: "respond", Type: resp.Type}
	if resp.Data != nil {
		c.Private = resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0
		c.Content = resp.Data.Content
	}
	return r.add(c)
}

func (r *recorder) Edit(_ context.Context, e *discordgo.WebhookEdit) error {
	c := call{Op: "edit"}
	if e.Content != nil {
		c.Content = *e.Content
	}
	return r.add(c)
}

func (r *recorder) FollowUp(_ context.Context, p *discordgo.WebhookParams) error {
	return r.add(call{Op: "followup", Private: p.Flags&discordgo.MessageFlagsEphemeral != 0, Content: p.Content})
}

func (r *recorder) Delete(context.Context) error { return r.add(call{Op: "delete"}) }

func (r *recorder) Autocomplete(_ context.Context, a *commands.AutocompleteResponse) error {
	return r.add(call{Op: "autocomplete", Content: fmt.Sprint(len(a.Data.Choices))})
}

// next waits for the next call.
func (r *recorder) next(t *testing.T) call {
	t.Helper()
	select {
	case c := <-r.sent:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("recorder: no call")
		return call{}
	}
}

func (r *recorder) log() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, c := range r.calls {
		out = append(out, c.String())
	}
	return out
}

const (
	testDeferAfter   = 1500 * time.Millisecond
	testReplyTimeout = 30 * time.Second
)

// TestDeferralRule drives the deferral rule on a fake clock: when the
// answer is ready (before or after deferAfter, or never), whether it is
// private, and whether it is a command or a button press, decide what is
// sent, in what order and when.
func TestDeferralRule(t *testing.T) {
	public := commands.Response{Content: "answer"}
	private := commands.Response{Content: "only you", Ephemeral: true}
	failed := commands.Response{Content: "bad", Err: "bad", Failure: commands.BadInput}
	tests := []struct {
		name     string
		kind     commands.Kind
		deferNow bool
		after    time.Duration // when the handler answers; <0: never
		resp     commands.Response
		want     []string
		wantAt   []time.Duration // when each call is made, from the start
	}{
		{"fast public", commands.KindCommand, false, 0, public, []string{"respond(4) answer"}, []time.Duration{0}},
		{"fast private", commands.KindCommand, false, time.Second, private, []string{"respond(4) private only you"}, []time.Duration{time.Second}},
		{"fast failure is private", commands.KindCommand, false, 0, failed, []string{"respond(4) private bad"}, []time.Duration{0}},
		{"fast button update", commands.KindComponent, false, 0, commands.Response{Content: "page 2", Update: true}, []string{"respond(7) page 2"}, []time.Duration{0}},
		{"slow public", commands.KindCommand, false, 2 * time.Second, public, []string{"respond(5)", "edit answer"},
			[]time.Duration{testDeferAfter, 2 * time.Second}},
		{"slow private command settles first", commands.KindCommand, false, 2 * time.Second, private,
			[]string{"respond(5)", "edit Answered privately.", "followup private only you", "delete"},
			[]time.Duration{testDeferAfter, 2 * time.Second, 2 * time.Second, 2 * time.Second}},
		{"slow failure settles first", commands.KindCommand, false, 2 * time.Second, failed,
			[]string{"respond(5)", "edit Answered privately.", "followup private bad", "delete"},
			[]time.Duration{testDeferAfter, 2 * time.Second, 2 * time.Second, 2 * time.Second}},
		{"slow button", commands.KindComponent, false, 2 * time.Second, commands.Response{Content: "page 2", Update: true},
			[]string{"respond(6)", "edit page 2"}, []time.Duration{testDeferAfter, 2 * time.Second}},
		{"slow failed button leaves the message", commands.KindComponent, false, 2 * time.Second, failed,
			[]string{"respond(6)", "followup private bad"}, []time.Duration{testDeferAfter, 2 * time.Second}},
		{"known slow defers at once", commands.KindCommand, true, 100 * time.Millisecond, public,
			[]string{"respond(5)", "edit answer"}, []time.Duration{0, 100 * time.Millisecond}},
		{"stuck handler times out privately", commands.KindCommand, false, -1, public,
			[]string{"respond(5)", "edit Answered privately.", "followup private " + timedOut.Content, "delete"},
			[]time.Duration{testDeferAfter, testReplyTimeout, testReplyTimeout, testReplyTimeout}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			rec := newRecorder(clock)
			a := answerer{clock: clock, deferAfter: testDeferAfter, replyTimeout: testReplyTimeout}
			start := clock.Now()
			release := make(chan struct{})
			cancelled := make(chan struct{})
			handle := func(ctx context.Context) commands.Response {
				select {
				case <-release:
				case <-ctx.Done():
					close(cancelled)
				}
				return tt.resp
			}
			result := make(chan outcome, 1)
			go func() { result <- a.answer(context.Background(), rec, tt.kind, tt.deferNow, start, handle) }()
			if tt.after >= 0 {
				// Let the handler answer at tt.after: the clock stops
				// short of it while the rule waits.
				switch {
				case tt.deferNow:
					rec.next(t)             // the deferral, at once
					clock.waitWaiters(t, 1) // the reply timeout
					clock.Advance(tt.after)
				case tt.after >= testDeferAfter:
					clock.waitWaiters(t, 1)
					clock.Advance(testDeferAfter)
					rec.next(t)             // the deferral
					clock.waitWaiters(t, 1) // the reply timeout
					clock.Advance(tt.after - testDeferAfter)
				default:
					clock.waitWaiters(t, 1)
					clock.Advance(tt.after)
				}
				close(release)
			} else {
				clock.waitWaiters(t, 1)
				clock.Advance(testDeferAfter)
				rec.next(t)
				clock.waitWaiters(t, 1)
				clock.Advance(testReplyTimeout - testDeferAfter)
			}
			o := <-result
			if o.err != nil || !o.sent {
				t.Fatalf("outcome %+v", o)
			}
			got := rec.log()
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Fatalf("calls\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			for i, c := range rec.calls {
				if at := c.At.Sub(start); at != tt.wantAt[i] {
					t.Errorf("%s at %s, want %s", c, at, tt.wantAt[i])
				}
			}
			if tt.after < 0 {
				select {
				case <-cancelled:
				case <-time.After(5 * time.Second):
					t.Error("the stuck handler's context was not cancelled")
				}
			}
		})
	}
}

// serverErr is Discord answering with status code.
func serverErr(code int) error {
	return &discordgo.RESTError{Response: &http.Response{StatusCode: code, Status: http.StatusText(code)}}
}

// TestEditRetries is issue 10 item 7: an edit answered 500/503 left
// "thinking…" up forever. Edits and follow-ups are retried on 5xx with a
// growing wait, within the interaction token's 15 minutes; other errors
// are not retried.
func TestEditRetries(t *testing.T) {
	tests := []struct {
		name     string
		failures int   // the first edits that fail
		err      error // how they fail
		created  time.Duration
		want     int // edits made
		ok       bool
		waits    []time.Duration // between edits
	}{
		{"503 twice", 2, serverErr(503), 0, 3, true, []time.Duration{retryFirst, 2 * retryFirst}},
		{"500 once", 1, serverErr(500), 0, 2, true, []time.Duration{retryFirst}},
		{"404 is not retried", 1, serverErr(404), 0, 1, false, nil},
		{"stops before the token expires", 100, serverErr(502), -(tokenWindow - time.Minute - 2*time.Second), 3, false,
			[]time.Duration{retryFirst, 2 * retryFirst}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			rec := newRecorder(clock)
			rec.fail = func(op string, n int) error {
				if op == "edit" && n <= tt.failures {
					return tt.err
				}
				return nil
			}
			a := answerer{clock: clock, deferAfter: testDeferAfter, replyTimeout: testReplyTimeout}
			done := make(chan error, 1)
			go func() {
				done <- a.deliverDeferred(context.Background(), rec, commands.KindCommand, commands.Response{Content: "answer"}, clock.Now().Add(tt.created))
			}()
			var edits []time.Time
			for {
				c := rec.next(t)
				edits = append(edits, c.At)
				if len(edits) > tt.failures || len(edits) == tt.want {
					break
				}
				clock.waitWaiters(t, 1)
				clock.Advance(tt.waits[len(edits)-1])
			}
			err := <-done
			if (err == nil) != tt.ok {
				t.Errorf("err = %v, want ok %v", err, tt.ok)
			}
			if len(edits) != tt.want {
				t.Errorf("%d edits, want %d", len(edits), tt.want)
			}
			for i := 1; i < len(edits); i++ {
				if d := edits[i].Sub(edits[i-1]); d != tt.waits[i-1] {
					t.Errorf("wait %d: %s, want %s", i, d, tt.waits[i-1])
				}
			}
		})
	}
}

// TestAutocompleteBudget: an autocomplete handler that does not finish in
// its budget gets no choices, sent in time; one that honours its context
// answers what it has.
func TestAutocompleteBudget(t *testing.T) {
	clock := newFakeClock()
	rec := newRecorder(clock)
	a := answerer{clock: clock, deferAfter: testDeferAfter, replyTimeout: testReplyTimeout}
	stuck := make(chan struct{})
	defer close(stuck)
	result := make(chan outcome, 1)
	go func() {
		result <- a.answerAutocomplete(context.Background(), rec, func(ctx context.Context) commands.Response {
			<-stuck // ignores its context
			return commands.Response{}
		})
	}()
	clock.waitWaiters(t, 1)
	clock.Advance(autocompleteBudget + autocompleteGrace)
	if c := rec.next(t); c.Op != "autocomplete" || c.Content != "0" {
		t.Errorf("call %s, want an empty autocomplete", c)
	}
	if o := <-result; o.err != nil || o.resp.Failure != commands.Internal {
		t.Errorf("outcome %+v", o)
	}

	// A handler that honours its (real) deadline answers with what it has.
	clock2 := newFakeClock()
	rec2 := newRecorder(clock2)
	a2 := answerer{clock: clock2, deferAfter: testDeferAfter, replyTimeout: testReplyTimeout}
	o := a2.answerAutocomplete(context.Background(), rec2, func(ctx context.Context) commands.Response {
		<-ctx.Done()
		return commands.Response{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "partial", Value: "partial"}}}
	})
	if c := rec2.next(t); c.Op != "autocomplete" || c.Content != "1" || o.err != nil {
		t.Errorf("call %s, outcome %+v", c, o)
	}
}

// TestLogOutcome: only a send that failed for sure is an error; a slow
// send whose outcome is unknown is a warning, a rate limit is debug.
func TestLogOutcome(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		level string
	}{
		{"sent", nil, "level=DEBUG"},
		{"slow, maybe arrived", fmt.Errorf("post: %w", context.DeadlineExceeded), "level=WARN"},
		{"abandoned at shutdown", context.Canceled, "level=WARN"},
		{"rate limited", &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &discordgo.TooManyRequests{}}}, "level=DEBUG"},
		{"429", serverErr(429), "level=DEBUG"},
		{"refused", serverErr(400), "level=ERROR"},
		{"connection refused", errors.New("dial tcp: connection refused"), "level=ERROR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b testlog.Buffer
			logOutcome(slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug})), outcome{err: tt.err}, time.Second)
			if !strings.Contains(b.String(), tt.level) {
				t.Errorf("logged %q, want %s", b.String(), tt.level)
			}
		})
	}
}

// TestSlowDeferralStillEdited: a deferral Discord was too slow to confirm
// usually arrived; the answer is still edited in rather than dropped.
func TestSlowDeferralStillEdited(t *testing.T) {
	clock := newFakeClock()
	rec := newRecorder(clock)
	deferred := make(chan struct{})
	rec.fail = func(op string, n int) error {
		if op == "respond" {
			close(deferred)
			return fmt.Errorf("post callback: %w", context.DeadlineExceeded)
		}
		return nil
	}
	a := answerer{clock: clock, deferAfter: testDeferAfter, replyTimeout: testReplyTimeout}
	o := a.answer(context.Background(), rec, commands.KindCommand, true, clock.Now(), func(context.Context) commands.Response {
		<-deferred // answers only once the deferral was tried
		return commands.Response{Content: "answer"}
	})
	if got := strings.Join(rec.log(), " | "); got != "respond(5) | edit answer" || o.err != nil || !o.sent {
		t.Errorf("calls %s, outcome %+v", got, o)
	}
}

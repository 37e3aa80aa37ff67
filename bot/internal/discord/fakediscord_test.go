package discord

import (
	"testing"
	"time"

	"newsbot/bot/internal/fakediscord"
)

// fakeDiscord is the fake Discord (bot/internal/fakediscord) bound to a
// test: its waits and dispatches fail the test instead of returning
// errors.
type fakeDiscord struct {
	*fakediscord.Server
	t *testing.T
}

// fakeRequest is one REST call the bot made.
type fakeRequest = fakediscord.Request

// newFakeDiscord starts a fake Discord recommending one shard, closed at
// the end of the test.
func newFakeDiscord(t *testing.T) *fakeDiscord {
	return newFakeDiscordWith(t, fakediscord.Options{})
}

// newFakeDiscordWith starts a fake Discord with opts (its T is t).
func newFakeDiscordWith(t *testing.T, opts fakediscord.Options) *fakeDiscord {
	opts.T = t
	return &fakeDiscord{Server: fakediscord.Start(opts), t: t}
}

// faults changes the faults the fake plays.
func (f *fakeDiscord) faults(change func(*fakediscord.Faults)) { f.SetFaults(change) }

// dispatch sends an INTERACTION_CREATE over the current gateway connection.
func (f *fakeDiscord) dispatch(interaction map[string]any) {
	f.t.Helper()
	if err := f.Dispatch(interaction); err != nil {
		f.t.Fatalf("fake gateway: dispatch: %v", err)
	}
}

// sendOp sends a bare gateway opcode (7: reconnect) on the current
// connection.
func (f *fakeDiscord) sendOp(op int) {
	f.t.Helper()
	if err := f.SendOp(op); err != nil {
		f.t.Fatalf("fake gateway: send op %d: %v", op, err)
	}
}

// dropConnection closes the current gateway connection abruptly.
func (f *fakeDiscord) dropConnection() { f.Drop() }

// waitFor waits until a recorded REST call satisfies match and returns it.
func (f *fakeDiscord) waitFor(what string, match func(fakeRequest) bool) fakeRequest {
	f.t.Helper()
	r, err := f.WaitFor(10*time.Second, match)
	if err != nil {
		f.t.Fatalf("fake Discord: timed out waiting for %s: %v", what, err)
	}
	return r
}

// waitLogins waits until the gateway has seen n IDENTIFY/RESUME.
func (f *fakeDiscord) waitLogins(n int) []string {
	f.t.Helper()
	l, err := f.WaitLogins(10*time.Second, n)
	if err != nil {
		f.t.Fatal(err)
	}
	return l
}

// waitReady waits until the gateway has seen n IDENTIFY/RESUME and sent
// ready READY/RESUMED (some logins may have been refused).
func (f *fakeDiscord) waitReady(n, ready int) []string {
	f.t.Helper()
	l, err := f.WaitReady(20*time.Second, n, ready)
	if err != nil {
		f.t.Fatal(err)
	}
	return l
}

// indexOf is the position of the first recorded REST call that matches,
// or -1.
func (f *fakeDiscord) indexOf(match func(fakeRequest) bool) int { return f.IndexOf(match) }

// describe lists the REST calls so far, for failure messages.
func (f *fakeDiscord) describe() string { return f.Describe() }

// callbackFor matches the interaction callback of interaction id.
func callbackFor(id string) func(fakeRequest) bool { return fakediscord.CallbackFor(id) }

// webhookFor matches a webhook call (edit, delete, follow-up) for the
// interaction token tok.
func webhookFor(method, tok string) func(fakeRequest) bool {
	return fakediscord.WebhookFor(method, tok)
}

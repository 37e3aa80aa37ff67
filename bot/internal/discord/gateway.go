package discord

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// fatalCloseCodes are gateway close codes after which reconnecting cannot
// help; discordgo would retry them forever (discordgo issue #1544).
var fatalCloseCodes = map[int]string{
	4004: "authentication failed: check DISCORD_TOKEN",
	4010: "invalid shard",
	4011: "sharding required",
	4012: "invalid API version",
	4013: "invalid intents",
	4014: "disallowed intents",
}

// errInvalidSession is a connection that Discord did not make ready: it
// answered IDENTIFY or RESUME with an Invalid Session (op 9), after which
// it closes the connection.
var errInvalidSession = errors.New("Discord refused the session (invalid session)")

// readyWait is how long a connection whose Open returned without READY
// (discordgo answers op 9 by identifying again on the same connection) may
// still become ready.
const readyWait = 5 * time.Second

// dial opens the gateway's TCP connection and remembers it, so that a
// connection attempt that hangs can be aborted by closing it.
func (b *Bot) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, network, addr)
	if err == nil {
		b.mu.Lock()
		b.conn = c
		b.mu.Unlock()
	}
	return c, err
}

// open runs the current session's Open within openTimeout.
func (b *Bot) open(ctx context.Context) error {
	s := b.current()
	done := make(chan error, 1)
	go func() { done <- s.Open() }()
	timer := time.NewTimer(b.openTimeout)
	defer timer.Stop()
	var why error
	select {
	case err := <-done:
		return err
	case <-timer.C:
		why = fmt.Errorf("no answer from the gateway within %s", b.openTimeout)
	case <-ctx.Done():
		why = ctx.Err()
	}
	// Open holds the session lock while it waits: break its connection
	// and let it return.
	b.mu.Lock()
	if b.conn != nil {
		b.conn.Close()
	}
	b.mu.Unlock()
	if err := <-done; err == nil {
		return nil // it made it after all; the broken connection reconnects
	}
	return why
}

// connect makes one connection attempt and returns nil only once Discord
// said READY or RESUMED on it: discordgo's Open also returns nil after an
// Invalid Session (op 9), which used to count as connected.
func (b *Bot) connect(ctx context.Context) error {
	b.gotReady.Store(false)
	select { // a READY from an earlier connection says nothing of this one
	case <-b.ready:
	default:
	}
	err := b.open(ctx)
	if err != nil && !errors.Is(err, discordgo.ErrWSAlreadyOpen) {
		return err
	}
	if b.gotReady.Load() {
		return nil
	}
	s := b.current()
	timer := time.NewTimer(readyWait)
	defer timer.Stop()
	for {
		select {
		case <-b.ready:
			return nil
		case d := <-b.disconnected:
			if d != s {
				continue
			}
		case <-timer.C:
		case <-ctx.Done():
			return ctx.Err()
		}
		return errInvalidSession
	}
}

// renewSession replaces the session with a fresh one, so that the next
// attempt identifies instead of resuming a session Discord refused.
func (b *Bot) renewSession() {
	old := b.current()
	fresh := b.newSession()
	b.mu.Lock()
	b.session = fresh
	b.mu.Unlock()
	go old.Close() // its Disconnect event names a session no longer current
}

// reconnect opens a new gateway connection, waiting longer after each
// failure until Discord says READY, and gives up only on fatal close
// codes. Each attempt is logged once.
func (b *Bot) reconnect(ctx context.Context) error {
	wait := time.Second
	for attempt := 1; ; attempt++ {
		b.log.Info("reconnecting to Discord", "attempt", attempt)
		err := b.connect(ctx)
		if err == nil {
			b.log.Info("reconnected to Discord", "attempts", attempt)
			b.observer.GatewayReconnect()
			return nil
		}
		if ctx.Err() != nil {
			return nil
		}
		if why, ok := fatalClose(err); ok {
			return fmt.Errorf("reconnect to Discord: %s; not retrying", why)
		}
		next := wait
		if errors.Is(err, errInvalidSession) {
			// Forget the session and identify afresh after the wait
			// Discord asks for, never less than the backoff.
			b.renewSession()
			next = max(wait, b.invalidSessionWait())
		}
		b.log.Warn("reconnect failed", errAttr(err), "attempt", attempt, "retry_in", next)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(next):
		}
		wait = min(2*wait, b.backoffMax)
	}
}

// fatalClose reports whether err is a gateway close that reconnecting
// cannot fix.
func fatalClose(err error) (string, bool) {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		if why, ok := fatalCloseCodes[ce.Code]; ok {
			return fmt.Sprintf("gateway closed with code %d: %s", ce.Code, why), true
		}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return "Discord answered 401 Unauthorized: check DISCORD_TOKEN", true
	}
	return "", false
}

// Package fleet lets several newsbot processes (one per Discord shard)
// share one PostgreSQL store: each tells the others what it changed
// (NOTIFY), each hears of the others' changes (LISTEN, with a catch-up
// after every reconnection so that a notification missed while
// disconnected loses nothing), and work that must run in one process at a
// time, such as polling feeds, runs in whichever process holds a
// PostgreSQL advisory lock; when that process dies its session ends, the
// lock is released, and another process takes over.
package fleet

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Channel is the NOTIFY channel newsbot's processes share.
const Channel = "newsbot_changes"

// Timings (variables so tests can shorten them).
var (
	// backoffMin and backoffMax bound the wait between reconnections.
	backoffMin = 250 * time.Millisecond
	backoffMax = 5 * time.Second
	// pingEvery is how often an idle listening connection is checked: a
	// connection that died silently (no TCP reset) is found within it.
	pingEvery = 15 * time.Second
	// connectTimeout bounds one connection attempt.
	connectTimeout = 10 * time.Second
	// resyncEvery is how often a listener catches up even without a
	// reconnection: a process that died between committing a change and
	// announcing it leaves no notification to hear.
	resyncEvery = 5 * time.Minute
)

// Change is one notification: which collection (Discord server) changed,
// and which process changed it.
type Change struct {
	// Collection is the server whose articles or feeds changed; "" for a
	// change that concerns every server.
	Collection string `json:"c"`
	// From is the sending process's Instance ID.
	From string `json:"f"`
}

// Instance identifies this process in the changes it sends, so that it can
// skip its own when they come back.
var Instance = newInstance()

func newInstance() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Execer runs a statement: a *sql.DB, or a *sql.Tx, inside which the
// notification is delivered when the transaction commits and not at all if
// it rolls back.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Payload is the NOTIFY payload that announces a change to collection
// from this process.
func Payload(collection string) string {
	b, _ := json.Marshal(Change{Collection: collection, From: Instance})
	return string(b)
}

// Notify announces to the other processes that collection changed. Call
// it with the transaction that makes the change where there is one.
func Notify(ctx context.Context, db Execer, collection string) error {
	if _, err := db.ExecContext(ctx, "SELECT pg_notify($1, $2)", Channel, Payload(collection)); err != nil {
		return fmt.Errorf("notify change of %q: %w", collection, err)
	}
	return nil
}

// Listen keeps a connection to the database at dsn listening on Channel
// until ctx ends, and calls onChange for each change another process
// announces. After every connection, the first included, it calls catchUp
// before waiting for notifications: whatever changed while this process
// was not listening is picked up there; it runs again every resyncEvery.
// Connections that fail are retried with backoff; a catchUp that fails is
// retried with the connection.
func Listen(ctx context.Context, dsn string, onChange func(context.Context, Change), catchUp func(context.Context) error, log *slog.Logger) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	wait := backoffMin
	first := true
	for ctx.Err() == nil {
		err := listenOnce(ctx, dsn, onChange, catchUp, first, log)
		if ctx.Err() != nil {
			return
		}
		first = false
		log.Warn("change listener disconnected; reconnecting", "err", err, "retry_in", wait)
		if !sleep(ctx, wait) {
			return
		}
		wait = min(2*wait, backoffMax)
	}
}

// listenOnce runs one connection: LISTEN, catch up, then deliver
// notifications until the connection fails or ctx ends.
func listenOnce(ctx context.Context, dsn string, onChange func(context.Context, Change), catchUp func(context.Context) error, first bool, log *slog.Logger) error {
	conn, err := connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		conn.Close(cctx)
	}()
	// LISTEN before catching up: a change made during the catch-up is
	// then both seen by it and notified, never neither.
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{Channel}.Sanitize()); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if catchUp != nil {
		if err := catchUp(ctx); err != nil {
			return fmt.Errorf("catch up: %w", err)
		}
	}
	if first {
		log.Info("change listener: listening for other processes' changes", "channel", Channel)
	} else {
		log.Info("change listener reconnected and caught up")
	}
	resync := time.Now().Add(resyncEvery)
	for {
		if catchUp != nil && time.Now().After(resync) {
			if err := catchUp(ctx); err != nil {
				return fmt.Errorf("resync: %w", err)
			}
			resync = time.Now().Add(resyncEvery)
		}
		wctx, cancel := context.WithTimeout(ctx, pingEvery)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			var c Change
			if jerr := json.Unmarshal([]byte(n.Payload), &c); jerr != nil {
				log.Warn("ignored a malformed change notification", "payload", n.Payload)
				continue
			}
			if c.From == Instance {
				continue // this process made the change and applied it already
			}
			onChange(ctx, c)
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded):
			// Quiet for pingEvery: make sure the connection is alive.
			pctx, cancel := context.WithTimeout(ctx, connectTimeout)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return fmt.Errorf("ping: %w", err)
			}
		default:
			return fmt.Errorf("wait for notification: %w", err)
		}
	}
}

// connect opens one connection within connectTimeout.
func connect(ctx context.Context, dsn string) (*pgx.Conn, error) {
	cctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	conn, err := pgx.Connect(cctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	return conn, nil
}

// sleep waits d or until ctx ends; false when ctx ended.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

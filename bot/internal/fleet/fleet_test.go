package fleet

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"newsbot/bot/internal/testlog"
)

// pgURL is the test PostgreSQL server: trust authentication, database test.
func pgURL() string {
	if u := os.Getenv("NEWSBOT_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// testDB returns an admin handle and a DSN whose connections carry a
// unique application_name, so the test can find and kill them. Without a
// server the test skips, except under CI=true.
func testDB(t *testing.T) (*sql.DB, string, string) {
	t.Helper()
	db, err := sql.Open("pgx", pgURL())
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		err = db.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is not reachable under CI=true: %v", pgURL(), err)
		}
		t.Skipf("no PostgreSQL at %s (%v)", pgURL(), err)
	}
	t.Cleanup(func() { db.Close() })
	app := fmt.Sprintf("newsbot_fleet_test_%d", rand.Uint32())
	u, _ := url.Parse(pgURL())
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	shorten(t)
	return db, u.String(), app
}

// shorten makes reconnections quick for the test.
func shorten(t *testing.T) {
	oldMin, oldMax, oldPing := backoffMin, backoffMax, pingEvery
	backoffMin, backoffMax, pingEvery = 20*time.Millisecond, 100*time.Millisecond, 200*time.Millisecond
	t.Cleanup(func() { backoffMin, backoffMax, pingEvery = oldMin, oldMax, oldPing })
}

// kill ends every session of application app, as a crash or a network
// failure would.
func kill(t *testing.T, db *sql.DB, app string) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", app).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// other announces a change as another process would.
func other(t *testing.T, db *sql.DB, collection string) {
	t.Helper()
	if _, err := db.Exec("SELECT pg_notify($1, $2)", Channel, fmt.Sprintf(`{"c":%q,"f":"other-process"}`, collection)); err != nil {
		t.Fatal(err)
	}
}

func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", within, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestListen(t *testing.T) {
	db, dsn, app := testDB(t)
	var mu sync.Mutex
	var got []string
	// state is what the "store" holds; the catch-up reads it.
	var state, seen, catchUps atomic.Int64
	onChange := func(_ context.Context, c Change) {
		mu.Lock()
		got = append(got, c.Collection)
		mu.Unlock()
		seen.Store(state.Load())
	}
	catchUp := func(context.Context) error {
		catchUps.Add(1)
		seen.Store(state.Load())
		return nil
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	log, _ := testlog.New()
	go func() {
		Listen(ctx, dsn, onChange, catchUp, log)
		close(done)
	}()
	eventually(t, 5*time.Second, "first catch-up", func() bool { return catchUps.Load() == 1 })

	t.Run("another process's change arrives within 2 s", func(t *testing.T) {
		state.Add(1)
		start := time.Now()
		other(t, db, "guild-1")
		eventually(t, 2*time.Second, "notification", func() bool { return seen.Load() == state.Load() })
		t.Logf("delivered in %s", time.Since(start))
	})
	t.Run("own and malformed notifications are skipped", func(t *testing.T) {
		if err := Notify(t.Context(), db, "guild-own"); err != nil {
			t.Fatal(err)
		}
		db.Exec("SELECT pg_notify($1, 'not json')", Channel)
		other(t, db, "guild-2")
		eventually(t, 2*time.Second, "guild-2", func() bool {
			mu.Lock()
			defer mu.Unlock()
			return len(got) > 0 && got[len(got)-1] == "guild-2"
		})
		mu.Lock()
		defer mu.Unlock()
		for _, g := range got {
			if g == "guild-own" {
				t.Errorf("own change delivered: %v", got)
			}
		}
	})
	t.Run("a change missed while disconnected is caught up", func(t *testing.T) {
		if n := kill(t, db, app); n != 1 {
			t.Fatalf("killed %d sessions, want the listener's 1", n)
		}
		// Changed while nobody listens: the notification is lost.
		state.Add(1)
		other(t, db, "guild-3")
		eventually(t, 5*time.Second, "catch-up after reconnecting", func() bool {
			return catchUps.Load() >= 2 && seen.Load() == state.Load()
		})
	})
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Listen did not return after its context ended")
	}
}

func TestLead(t *testing.T) {
	db, dsn, app := testDB(t)
	_, dsn2, app2 := testDB(t)
	key := LockKey(fmt.Sprintf("test-%d", rand.Uint64()), dsn)
	var running, maxRunning atomic.Int64
	var ran [2]atomic.Int64
	work := func(i int) func(context.Context) {
		return func(ctx context.Context) {
			n := running.Add(1)
			for {
				m := maxRunning.Load()
				if n <= m || maxRunning.CompareAndSwap(m, n) {
					break
				}
			}
			ran[i].Add(1)
			<-ctx.Done()
			running.Add(-1)
		}
	}
	const retry = time.Second
	// A takeover needs a reconnect and one or two lock attempts a retry
	// apart; under the race detector on a loaded 2-core CI machine that has
	// taken over 3 s. The promise is "within a poll interval" (a minute at
	// least), so 10 s still catches a takeover that never comes.
	const takeoverWithin = 10 * retry
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	log, _ := testlog.New()
	wg.Go(func() { Lead(ctx, dsn, key, retry, work(0), log) })
	eventually(t, 5*time.Second, "first leader", func() bool { return ran[0].Load() == 1 })
	wg.Go(func() { Lead(ctx, dsn2, key, retry, work(1), log) })
	time.Sleep(2 * retry)
	if ran[1].Load() != 0 {
		t.Fatal("second process ran while the first held the lock")
	}

	// The leader's session dies: the other takes over within a retry or
	// so, and the old leader's work is stopped.
	start := time.Now()
	if n := kill(t, db, app); n != 1 {
		t.Fatalf("killed %d sessions, want 1", n)
	}
	eventually(t, takeoverWithin, "takeover", func() bool { return ran[1].Load() == 1 })
	t.Logf("taken over in %s", time.Since(start))
	// The old leader notices its session ended at once, not at its next
	// ping.
	eventually(t, retry/3, "the old leader stopping", func() bool { return running.Load() == 1 })

	// And again: the lock is free, and whichever process asks first gets
	// it. That is usually the first one, polling every retry, but the
	// killed one reconnects after a retry and may win the race on a loaded
	// machine; either way some process leads again within a poll interval.
	if n := kill(t, db, app2); n != 1 {
		t.Fatalf("killed %d sessions, want 1", n)
	}
	eventually(t, takeoverWithin, "another takeover", func() bool { return ran[0].Load()+ran[1].Load() == 3 })
	cancel()
	wg.Wait()
	if m := maxRunning.Load(); m > 2 {
		t.Errorf("%d processes worked at once", m)
	}
	if running.Load() != 0 {
		t.Error("work still running after Lead returned")
	}
}

func TestLockKey(t *testing.T) {
	const a = "postgres://postgres@127.0.0.1:5432/test?search_path=fleet_a"
	const b = "postgres://postgres@127.0.0.1:5432/test?search_path=fleet_b"
	tests := []struct {
		name     string
		x, y     int64
		wantSame bool
	}{
		{"stable", LockKey("feeds", a), LockKey("feeds", a), true},
		{"two jobs", LockKey("feeds", a), LockKey("other", a), false},
		{"two schemas", LockKey("feeds", a), LockKey("feeds", b), false},
		{"only the schema of the URL counts", LockKey("feeds", a), LockKey("feeds", "postgres://other@127.0.0.1:5432/test?search_path=fleet_a"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.x == tt.y) != tt.wantSame {
				t.Errorf("keys %d and %d: same %v, want %v", tt.x, tt.y, tt.x == tt.y, tt.wantSame)
			}
		})
	}
}

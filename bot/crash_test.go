package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"newsbot/data/store"
)

// The bot crash test runs this test binary again as the bot (the child
// below) and kills it with SIGKILL in the middle of a feed ingest.
const childEnv = "NEWSBOT_TEST_BOT_CHILD"

// TestBotChild is the bot when run as the crash test's child; in a normal
// run it does nothing.
func TestBotChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("only run as the child of TestBotCrashMidFeedIngest")
	}
	// The test's sites are on 127.0.0.1; production never sets this.
	libraryOptions.Fetch.AllowLoopback = true
	getenv = os.Getenv
	err := dispatch(context.Background(), nil, strings.NewReader(""), io.Discard, os.Stderr)
	t.Fatalf("the bot returned (%v): the parent should have killed it first", err)
}

// testPostgres gives the test a PostgreSQL schema of its own, dropped at
// the end, and returns the URL that selects it. It skips without a
// reachable server, except under CI=true.
func testPostgres(t *testing.T) string {
	t.Helper()
	base := "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	if u := os.Getenv("NEWSBOT_TEST_DATABASE_URL"); u != "" {
		base = u
	}
	admin, err := sql.Open("pgx", base)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is not reachable under CI=true: %v", base, err)
		}
		t.Skipf("skipping: no PostgreSQL at %s (%v)", base, err)
	}
	schema := fmt.Sprintf("newsbot_crash_%d_%d", os.Getpid(), rand.Uint32())
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestBotCrashMidFeedIngest kills the bot (SIGKILL) while it ingests a
// feed, after it stored some items and while it fetches the next, starts it
// again, and checks the store: nothing lost, nothing twice. The store is
// PostgreSQL so that the test can read it while the bot runs.
func TestBotCrashMidFeedIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the bot twice")
	}
	dsn := testPostgres(t)
	const items, killAt = 5, 3
	var mu sync.Mutex
	hits := map[string]int{}
	hold := true // the first fetch of story killAt hangs until the bot dies
	reached := make(chan struct{}, 1)
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/api/v9/gateway":
			// Discord never answers: the bot keeps trying to connect
			// while its feed poller works in the background.
			<-r.Context().Done()
		case r.URL.Path == "/feed":
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Times</title>`)
			for i := items; i >= 1; i-- {
				fmt.Fprintf(&b, `<item><guid>story-%d</guid><link>%s/story/%d</link><title>Story %d</title></item>`, i, srv.URL, i, i)
			}
			b.WriteString(`</channel></rss>`)
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("ETag", `"v1"`)
			io.WriteString(w, b.String())
		case strings.HasPrefix(r.URL.Path, "/story/"):
			n := strings.TrimPrefix(r.URL.Path, "/story/")
			mu.Lock()
			hits[n]++
			wait := hold && n == fmt.Sprint(killAt)
			mu.Unlock()
			if wait {
				select {
				case reached <- struct{}{}:
				default:
				}
				<-r.Context().Done()
				return
			}
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<html><head><title>Story %[1]s</title></head><body><article><h1>Story %[1]s</h1>
<p>This is story number %[1]s from the valley, where the council met on Monday to discuss the new bridge and the road to it.</p>
<p>“We will build bridge number %[1]s before the spring floods,” said the council leader, Rosa Park, to applause.</p>
<p>Engineers warned that the river bed was softer than expected and that the piers would need to go deeper.</p></article></body></html>`, n)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	ctx := context.Background()
	st, err := store.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.AddFeed(ctx, store.Feed{Collection: "42", URL: srv.URL + "/feed", AddedBy: "1"}); err != nil {
		t.Fatal(err)
	}
	startBot := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBotChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), childEnv+"=1", "DISCORD_TOKEN=test.token", "DISCORD_API_BASE="+srv.URL,
			"DATABASE_URL="+dsn, "NEWSBOT_WATCH=false", "HOME="+t.TempDir(), "LOG_LEVEL=debug")
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	titles := func() map[string]int {
		arts, err := st.Articles(ctx, "42")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, a := range arts {
			m[a.Title]++
		}
		return m
	}

	bot := startBot()
	select {
	case <-reached:
	case <-time.After(60 * time.Second):
		bot.Process.Kill()
		t.Fatal("the bot never reached the story it is killed at")
	}
	bot.Process.Signal(syscall.SIGKILL)
	bot.Wait()
	if got := titles(); len(got) != killAt-1 || got["Story 1"] != 1 || got["Story 2"] != 1 {
		t.Fatalf("after the kill the store has %v; want stories 1 and 2 once each", got)
	}

	mu.Lock()
	hold = false
	mu.Unlock()
	bot = startBot()
	defer func() {
		bot.Process.Signal(syscall.SIGKILL)
		bot.Wait()
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		feeds, err := st.Feeds(ctx, "42")
		if err != nil {
			t.Fatal(err)
		}
		if len(feeds) == 1 && feeds[0].ETag != "" {
			break // the poll finished: its validators are saved last
		}
		if time.Now().After(deadline) {
			t.Fatalf("the restarted bot did not finish the poll; store has %v", titles())
		}
		time.Sleep(50 * time.Millisecond)
	}
	got := titles()
	for i := 1; i <= items; i++ {
		if n := got[fmt.Sprintf("Story %d", i)]; n != 1 {
			t.Errorf("Story %d stored %d times; want once", i, n)
		}
	}
	if len(got) != items {
		t.Errorf("store has %v; want the %d stories", got, items)
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < killAt; i++ {
		if hits[fmt.Sprint(i)] != 1 {
			t.Errorf("story %d fetched %d times: stored items must not be fetched again", i, hits[fmt.Sprint(i)])
		}
	}
}

package feed

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"newsbot/data/fetch"
	"newsbot/data/store"
)

// The crash helper is this test binary run again as a child process that
// polls one feed into a store; the parent kills it mid-poll.
const (
	helperDB   = "NEWSBOT_TEST_CRASH_DB"
	helperFeed = "NEWSBOT_TEST_CRASH_FEED"
)

// TestCrashHelper is the child's body; it does nothing in a normal run.
func TestCrashHelper(t *testing.T) {
	db, feedURL := os.Getenv(helperDB), os.Getenv(helperFeed)
	if db == "" {
		t.Skip("only run as the child of TestCrashMidIngest")
	}
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	feeds, err := st.Feeds(context.Background(), "g1")
	if err != nil || len(feeds) != 1 || feeds[0].URL != feedURL {
		t.Fatalf("feeds = %v, %v", feeds, err)
	}
	p := NewPoller(st, fetch.New(fetch.Options{AllowLoopback: true}), Options{}, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	p.Poll(context.Background(), feeds[0])
	t.Fatal("the poll finished: the parent should have killed this process first")
}

// TestCrashMidIngest kills (SIGKILL) a process in the middle of a feed
// ingest, after it stored some items and while it fetches the next one,
// then polls again: every item is stored, none twice.
func TestCrashMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	const items = 5
	const killAt = 3 // the child is killed while fetching this story
	var mu sync.Mutex
	killing := make(chan struct{})
	once := sync.Once{}
	hits := map[string]int{}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			var b strings.Builder
			for i := items; i >= 1; i-- {
				b.WriteString(rssItem(fmt.Sprintf("k%d", i), fmt.Sprintf("%s/story/%d", srv.URL, i), fmt.Sprintf("Story %d", i)))
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("ETag", `"only"`)
			io.WriteString(w, strings.ReplaceAll(rss(b.String()), "{{base}}", srv.URL))
			return
		}
		n := strings.TrimPrefix(r.URL.Path, "/story/")
		mu.Lock()
		hits[n]++
		first := hits[n] == 1
		mu.Unlock()
		if n == fmt.Sprint(killAt) && first {
			once.Do(func() { close(killing) })
			<-r.Context().Done() // hold the child here until it dies
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, storyPage(n))
	}))
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "newsbot.db")
	st, err := store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddFeed(context.Background(), store.Feed{Collection: "g1", URL: srv.URL + "/feed", AddedBy: "111"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	child := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	child.Env = append(os.Environ(), helperDB+"="+db, helperFeed+"="+srv.URL+"/feed")
	child.Stdout, child.Stderr = io.Discard, io.Discard
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-killing:
	case <-time.After(30 * time.Second):
		child.Process.Kill()
		t.Fatal("the child never reached the story it is killed at")
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	child.Wait()

	st, err = store.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatalf("reopening after the crash: %v", err)
	}
	defer st.Close()
	count := func() map[string]int {
		arts, err := st.Articles(context.Background(), "g1")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, a := range arts {
			m[a.Title]++
		}
		return m
	}
	// Nothing lost: what the child stored before the kill is there.
	if got := count(); got["Story 1"] != 1 || got["Story 2"] != 1 || len(got) != killAt-1 {
		t.Fatalf("after the crash: %v; want stories 1 and 2 once each", got)
	}
	// The feed's validators were not saved, so the restart fetches it
	// again rather than taking a 304 for "nothing new".
	feeds, _ := st.Feeds(context.Background(), "g1")
	if feeds[0].ETag != "" {
		t.Errorf("ETag %q saved by a poll that did not finish", feeds[0].ETag)
	}
	p := NewPoller(st, fetch.New(fetch.Options{AllowLoopback: true}), Options{}, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	r := p.Poll(context.Background(), feeds[0])
	if r.Err != nil || r.Added != items-(killAt-1) || r.Seen != killAt-1 {
		t.Errorf("poll after restart = %+v; want %d added, %d seen", r, items-(killAt-1), killAt-1)
	}
	got := count()
	for i := 1; i <= items; i++ {
		if n := got[fmt.Sprintf("Story %d", i)]; n != 1 {
			t.Errorf("Story %d stored %d times; want once", i, n)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < killAt; i++ {
		if hits[fmt.Sprint(i)] != 1 {
			t.Errorf("story %d fetched %d times; stored items are not fetched again", i, hits[fmt.Sprint(i)])
		}
	}
}

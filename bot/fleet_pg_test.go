package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"newsbot/bot/internal/fakediscord"
	"newsbot/data/store"
)

// feedItems is how many items the test feed has. The site serves an item
// page only for a token the test hands it (allow), or once the test frees
// it: the first item is stored only when both processes listen, and the
// poll is reliably under way, blocked on its third page, when the test
// kills the polling process.
const (
	feedItems = 6
	gateAfter = 2 // item pages served before the kill
)

// itemQuote is the quotation of feed item i (invented).
func itemQuote(i int) string {
	return fmt.Sprintf("The harbour gauge number %s will be replaced before the spring tides", []string{"one", "two", "three", "four", "five", "six"}[i])
}

// newsSite serves the feed, its item pages (one per token on allow, or all
// once free is closed) and one article page, and counts the item pages
// served.
func newsSite(t *testing.T, served *atomic.Int64, allow, free <-chan struct{}) *httptest.Server {
	page := func(title, quote, speaker string) string {
		return `<html><head><meta charset="utf-8"><title>` + title + `</title><meta property="og:site_name" content="Portby Gazette"></head><body>
<nav><a href="/">Home</a></nav><article><h1>` + title + `</h1>
<p>The harbour board met on Tuesday to discuss the state of the old sea wall and the instruments fixed to it.</p>
<p>“` + quote + `,” said the harbour master, ` + speaker + `.</p>
<p>Work is expected to start in the coming weeks, the board said in a statement.</p></article></body></html>`
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			var b strings.Builder
			b.WriteString(`<rss version="2.0"><channel><title>Portby Gazette</title>`)
			for i := range feedItems {
				fmt.Fprintf(&b, `<item><title>Harbour gauge %d</title><link>http://%s/item/%d</link><guid>gauge-%d</guid></item>`, i+1, r.Host, i, i)
			}
			b.WriteString(`</channel></rss>`)
			io.WriteString(w, b.String())
		case strings.HasPrefix(r.URL.Path, "/item/"):
			var i int
			fmt.Sscanf(r.URL.Path, "/item/%d", &i)
			select {
			case <-allow:
			case <-free:
			case <-r.Context().Done():
				return
			}
			served.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, page(fmt.Sprintf("Harbour gauge %d to be replaced", i+1), itemQuote(i), "Ann Lee"))
		case r.URL.Path == "/story":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, page("Ferry pier to reopen", "The ferry pier will reopen to foot passengers in the first week of June", "Tom Reed"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(site.Close)
	return site
}

// answerFrom asks the process on shard for a /who-said in guild until the
// answer names speaker, and returns how long that took.
func answerFrom(t *testing.T, fake *fakediscord.Server, shard int, guild, quote, speaker string, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	var last string
	for time.Since(start) < within {
		id, err := fake.Send(fakediscord.Interaction{Guild: guild, Shard: &shard, Name: "who-said", Options: []string{"quote", quote}})
		if err != nil {
			t.Fatal(err)
		}
		ans, err := fake.Answer(id, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(ans, speaker) && strings.Contains(ans, quote[:30]) {
			return time.Since(start)
		}
		last = ans
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("shard %d did not answer %q with %s in guild %s within %s; last answer: %.500s", shard, quote, speaker, guild, within, last)
	return 0
}

// TestFleetPostgres is the fleet the issue describes: two bot processes
// (shards 0 and 1), the fake Discord playing both shards, one real
// PostgreSQL. What one process adds (a moderator's link, a feed item) is
// answered by the other within 2 s; one process polls the feed at a time;
// killing it mid-poll hands the polling to the other, which finishes the
// feed with nothing lost and nothing stored twice.
func TestFleetPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two bot processes")
	}
	dsn := testPostgres(t) // crash_test.go: a schema of its own
	var served atomic.Int64
	allow, free := make(chan struct{}), make(chan struct{})
	var freeOnce sync.Once
	freeAll := func() { freeOnce.Do(func() { close(free) }) }
	defer freeAll()
	site := newsSite(t, &served, allow, free)
	g0, g1 := guildOnShard(0, 2), guildOnShard(1, 2)

	// The feed, followed by server g1 (on shard 1), due at once. Opening
	// the store also creates the schema's tables.
	ctx := context.Background()
	st, err := store.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.AddFeed(ctx, store.Feed{Collection: g1, URL: site.URL + "/rss", AddedBy: "300000000000000001"}); err != nil {
		t.Fatal(err)
	}

	fake := fakediscord.New(2, 2)
	defer fake.Close()
	env := []string{"DATABASE_URL=" + dsn, "DISCORD_SHARD_COUNT=2", allowLoopbackEnv + "=1"}
	// Shard 0 starts first, so it takes the feeds' lock and polls.
	p0 := startProcess(t, fake, append(env, "DISCORD_SHARD_ID=0")...)
	waitLog(t, p0, "took the lead")
	p1 := startProcess(t, fake, append(env, "DISCORD_SHARD_ID=1")...)
	if err := fake.WaitShards(30*time.Second, 0, 1); err != nil {
		t.Fatal(err)
	}
	waitLog(t, p1, "change listener: listening")
	t.Run("healthz checks the gateway and PostgreSQL", func(t *testing.T) {
		deadline := time.Now().Add(10 * time.Second)
		for {
			code, body := p1.get(t, "/healthz")
			if code == 200 && strings.Contains(body, `"gateway":"ok"`) && strings.Contains(body, `"store":"ok"`) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("/healthz: %d %s", code, body)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})

	t.Run("a feed item stored by shard 0 is answered by shard 1 within 2 s", func(t *testing.T) {
		// Let shard 0 fetch one item page; wait for the item in the
		// store, then ask shard 1, which serves g1 but does not poll: it
		// learns of the item only from shard 0's notification.
		allow <- struct{}{}
		deadline := time.Now().Add(20 * time.Second)
		var first store.Article
		for {
			arts, err := st.Articles(ctx, g1)
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) > 0 {
				first = arts[0]
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("shard 0 stored no feed item")
			}
			time.Sleep(20 * time.Millisecond)
		}
		var item int
		fmt.Sscanf(first.URL[strings.LastIndex(first.URL, "/")+1:], "%d", &item)
		took := answerFrom(t, fake, 1, g1, itemQuote(item), "Ann Lee", 2*time.Second)
		t.Logf("answered by the other process %s after the item was stored", took.Round(time.Millisecond))
		allow <- struct{}{} // the second page: shard 0 then waits on the third
	})

	t.Run("an article added through shard 0 is answered by shard 1 within 2 s", func(t *testing.T) {
		id, err := fake.Send(fakediscord.Interaction{Guild: g0, Name: "article", Sub: "add", Options: []string{"url", site.URL + "/story"}})
		if err != nil {
			t.Fatal(err)
		}
		ans, err := fake.Answer(id, 20*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(ans, "Ferry pier") {
			t.Fatalf("adding the article: %.500s", ans)
		}
		took := answerFrom(t, fake, 1, g0, "The ferry pier will reopen to foot passengers in the first week of June", "Tom Reed", 2*time.Second)
		t.Logf("answered by the other process %s after the addition was confirmed", took.Round(time.Millisecond))
	})

	t.Run("killed mid-poll, the other process takes over and finishes the feed", func(t *testing.T) {
		// Shard 0 is waiting for item page gateAfter+1 when it dies.
		eventually(t, 10*time.Second, "the second item page", func() bool { return served.Load() == gateAfter })
		if n := served.Load(); n != gateAfter {
			t.Fatalf("%d item pages served before the kill, want %d", n, gateAfter)
		}
		if err := p0.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		<-p0.done
		killedAt := time.Now()
		freeAll()
		t.Logf("killed shard 0 after %d of %d item pages", served.Load(), feedItems)
		waitLog(t, p1, "took the lead")
		t.Logf("shard 1 took the lead %s after the kill", time.Since(killedAt).Round(time.Millisecond))
		deadline := time.Now().Add(60 * time.Second)
		var arts []store.Article
		for {
			arts, err = st.Articles(ctx, g1)
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) >= feedItems || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		urls := map[string]int{}
		for _, a := range arts {
			urls[a.URL]++
		}
		if len(arts) != feedItems || len(urls) != feedItems {
			t.Fatalf("%d articles from %d distinct items, want %d of each", len(arts), len(urls), feedItems)
		}
		for i := range feedItems {
			answerFrom(t, fake, 1, g1, itemQuote(i), "Ann Lee", 5*time.Second)
		}
	})
}

// eventually waits up to within for cond.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", within, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

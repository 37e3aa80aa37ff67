package feed

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/data/fetch"
	"newsbot/data/store"
)

// newsSite serves a feed and the article pages its items link to; the
// feed's text and ETag can be changed between polls.
type newsSite struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	feed     string // the feed document; "{{base}}" becomes the server's URL
	feedType string
	etag     string
	status   int            // non-zero: answer the feed with this status
	pageHits map[string]int // article page path → requests
	// failing answers this many more requests for a story page with 503
	// (a site's passing trouble); -1: every request.
	failing map[string]int
}

func newSite(t *testing.T) *newsSite {
	s := &newsSite{t: t, feedType: "application/rss+xml", pageHits: map[string]int{}, failing: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case r.URL.Path == "/feed":
		if s.status != 0 {
			w.WriteHeader(s.status)
			return
		}
		if s.etag != "" && r.Header.Get("If-None-Match") == s.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if s.etag != "" {
			w.Header().Set("ETag", s.etag)
		}
		w.Header().Set("Content-Type", s.feedType)
		io.WriteString(w, strings.ReplaceAll(s.feed, "{{base}}", s.srv.URL))
	case strings.HasPrefix(r.URL.Path, "/story/"):
		s.pageHits[r.URL.Path]++
		if f := s.failing[r.URL.Path]; f != 0 {
			if f > 0 {
				s.failing[r.URL.Path]--
			}
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		n := strings.TrimPrefix(r.URL.Path, "/story/")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, storyPage(n))
	case r.URL.Path == "/empty-page":
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body><nav><a href='/'>Home</a></nav></body></html>")
	case r.URL.Path == "/to-private":
		http.Redirect(w, r, "http://192.168.0.10/", http.StatusFound)
	default:
		http.NotFound(w, r)
	}
}

func (s *newsSite) set(feed, etag string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feed, s.etag = feed, etag
}

func (s *newsSite) hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pageHits[path]
}

// storyPage is an invented article page for story n.
func storyPage(n string) string {
	return `<html><head><title>Story ` + n + ` | Valley Times</title>
<meta property="og:site_name" content="Valley Times"><meta property="og:title" content="Story ` + n + `"></head>
<body><nav><a href="/">Home</a><a href="/news">News</a></nav><article><h1>Story ` + n + `</h1>
<p>This is story number ` + n + ` from the valley, where the council met on Monday to discuss the new bridge and the road that will lead to it.</p>
<p>“We will build the bridge for story ` + n + ` before the spring floods,” said the council leader, Rosa Park, to applause from residents.</p>
<p>Engineers warned that the river bed was softer than expected and that the piers would need to go deeper than planned.</p>
</article><footer>Valley Times</footer></body></html>`
}

func rss(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Valley Times</title><link>{{base}}/</link>` +
		strings.Join(items, "") + `</channel></rss>`
}

func rssItem(guid, link, title string) string {
	return `<item><guid>` + guid + `</guid><link>` + link + `</link><title>` + title + `</title><pubDate>Sat, 01 Mar 2025 10:00:00 GMT</pubDate></item>`
}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

type fixture struct {
	site   *newsSite
	store  store.Store
	poller *Poller
	clock  *clock
	feed   store.Feed
	added  []store.Article
}

func newFixture(t *testing.T, opts Options) *fixture {
	fx := &fixture{site: newSite(t), clock: &clock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}}
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "newsbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx.store = st
	opts.Now = fx.clock.Now
	fc := fetch.New(fetch.Options{AllowLoopback: true, Timeout: 3 * time.Second})
	fx.poller = NewPoller(st, fc, opts, slog.New(slog.NewTextHandler(io.Discard, nil)), func(a store.Article) { fx.added = append(fx.added, a) })
	fx.feed, err = st.AddFeed(context.Background(), store.Feed{Collection: "g1", URL: fx.site.srv.URL + "/feed", AddedBy: "111"})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// pollNow polls the feed as stored now.
func (fx *fixture) pollNow(t *testing.T) Result {
	t.Helper()
	feeds, err := fx.store.Feeds(context.Background(), "g1")
	if err != nil || len(feeds) != 1 {
		t.Fatalf("Feeds = %v, %v", feeds, err)
	}
	fx.feed = feeds[0]
	return fx.poller.Poll(context.Background(), fx.feed)
}

func (fx *fixture) titles(t *testing.T) []string {
	arts, err := fx.store.Articles(context.Background(), "g1")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range arts {
		out = append(out, a.Title)
	}
	return out
}

// TestChangedAndRepeatedItems polls a feed through its life: new items,
// a 304, repeated items, a changed item, an item reposted under a new GUID,
// pages that are no article.
func TestChangedAndRepeatedItems(t *testing.T) {
	fx := newFixture(t, Options{})
	b := "{{base}}"
	steps := []struct {
		name        string
		feed, etag  string
		want        Result
		wantTitles  string
		wantStory1s int // requests for /story/1 so far
	}{
		{"three new items", rss(rssItem("g3", b+"/story/3", "Story 3"), rssItem("g2", b+"/story/2", "Story 2"), rssItem("g1", b+"/story/1", "Story 1")), `"v1"`,
			Result{Added: 3}, "[Story 1 Story 2 Story 3]", 1},
		{"unchanged: 304", "", `"v1"`, Result{NotModified: true}, "[Story 1 Story 2 Story 3]", 1},
		{"one new, two repeated, one changed title", rss(rssItem("g4", b+"/story/4", "Story 4"), rssItem("g3", b+"/story/3", "Story 3 (updated)"), rssItem("g2", b+"/story/2", "Story 2")), `"v2"`,
			Result{Added: 1, Seen: 2}, "[Story 1 Story 2 Story 3 Story 4]", 1},
		{"story 1 reposted under a new GUID", rss(rssItem("g1-again", b+"/story/1", "Story 1"), rssItem("g4", b+"/story/4", "Story 4")), `"v3"`,
			Result{Seen: 1, Skipped: 1}, "[Story 1 Story 2 Story 3 Story 4]", 2},
		{"no article text; a redirect to a private address", rss(rssItem("e1", b+"/empty-page", "Empty"), rssItem("p1", b+"/to-private", "Sneaky")), `"v4"`,
			Result{Skipped: 2}, "[Story 1 Story 2 Story 3 Story 4]", 2},
		{"the refused items are not fetched again", rss(rssItem("e1", b+"/empty-page", "Empty"), rssItem("p1", b+"/to-private", "Sneaky")), `"v5"`,
			Result{Seen: 2}, "[Story 1 Story 2 Story 3 Story 4]", 2},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.feed != "" {
				fx.site.set(st.feed, st.etag)
			}
			fx.clock.Add(16 * time.Minute)
			got := fx.pollNow(t)
			if got.Err != nil {
				t.Fatalf("poll: %v", got.Err)
			}
			if got != st.want {
				t.Errorf("poll = %+v; want %+v", got, st.want)
			}
			if titles := fmt.Sprint(fx.titles(t)); titles != st.wantTitles {
				t.Errorf("stored %s; want %s", titles, st.wantTitles)
			}
			if n := fx.site.hits("/story/1"); n != st.wantStory1s {
				t.Errorf("/story/1 fetched %d times; want %d", n, st.wantStory1s)
			}
		})
	}
	if len(fx.added) != 4 {
		t.Errorf("the corpus was told of %d articles; want 4", len(fx.added))
	}
	a := fx.added[0]
	if a.Outlet != "Valley Times" || a.Published != "2025-03-01" || a.FeedID != fx.feed.ID || !strings.HasSuffix(a.URL, "/story/1") {
		t.Errorf("stored article fields: %+v", a)
	}
}

// TestFormats: Atom and JSON Feed are followed like RSS.
func TestFormats(t *testing.T) {
	cases := []struct {
		name, ctype, doc string
	}{
		{"atom", "application/atom+xml", `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Times</title>
<entry><id>urn:a:1</id><title>Story 7</title><link href="{{base}}/story/7"/><updated>2025-03-01T10:00:00Z</updated></entry></feed>`},
		{"json feed", "application/feed+json", `{"version":"https://jsonfeed.org/version/1.1","title":"Valley Times","items":[{"id":"j1","url":"{{base}}/story/7","title":"Story 7","date_published":"2025-03-01T10:00:00Z"}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fx := newFixture(t, Options{})
			fx.site.feedType = c.ctype
			fx.site.set(c.doc, "")
			if r := fx.pollNow(t); r.Err != nil || r.Added != 1 {
				t.Fatalf("poll = %+v", r)
			}
			feeds, _ := fx.store.Feeds(context.Background(), "g1")
			if feeds[0].Title != "Valley Times" {
				t.Errorf("feed title %q", feeds[0].Title)
			}
		})
	}
}

// TestFailuresBackOffAndDisable: failed polls wait longer each time and
// disable the feed after MaxFailures; the reason is kept for /feed list.
func TestFailuresBackOffAndDisable(t *testing.T) {
	fx := newFixture(t, Options{MaxFailures: 3})
	fx.site.mu.Lock()
	fx.site.status = http.StatusInternalServerError
	fx.site.mu.Unlock()
	for i := 1; i <= 3; i++ {
		t.Run(fmt.Sprintf("failure %d", i), func(t *testing.T) {
			before := fx.clock.Now()
			r := fx.pollNow(t)
			if r.Err == nil {
				t.Fatal("poll of a failing feed succeeded")
			}
			feeds, _ := fx.store.Feeds(context.Background(), "g1")
			f := feeds[0]
			if f.Failures != i || f.LastError == "" || f.Disabled != (i == 3) {
				t.Errorf("after failure %d: %+v", i, f)
			}
			if wait := f.NextPoll.Sub(before); wait != Backoff(DefaultInterval, i) {
				t.Errorf("next poll in %v; want %v", wait, Backoff(DefaultInterval, i))
			}
			fx.clock.Add(f.NextPoll.Sub(before))
		})
	}
	if due, _ := fx.store.DueFeeds(context.Background(), fx.clock.Now().Add(24*time.Hour), 10); len(due) != 0 {
		t.Errorf("a disabled feed is still due: %+v", due)
	}
	if got := Backoff(15*time.Minute, 20); got != 12*time.Hour {
		t.Errorf("Backoff caps at %v; want 12h", got)
	}
}

// TestDailyCap: a feed adds at most DailyCap articles a day; the rest wait
// for the next day rather than being lost.
func TestDailyCap(t *testing.T) {
	fx := newFixture(t, Options{DailyCap: 2})
	b := "{{base}}"
	fx.site.set(rss(rssItem("c3", b+"/story/13", "Story 13"), rssItem("c2", b+"/story/12", "Story 12"), rssItem("c1", b+"/story/11", "Story 11")), `"c"`)
	if r := fx.pollNow(t); r.Added != 2 || r.Err != nil {
		t.Fatalf("first poll = %+v; want 2 added", r)
	}
	fx.clock.Add(20 * time.Minute)
	if r := fx.pollNow(t); r.Added != 0 || r.NotModified {
		t.Fatalf("same day = %+v; want nothing added, and no 304 (the capped poll kept no validators)", r)
	}
	fx.clock.Add(24 * time.Hour)
	if r := fx.pollNow(t); r.Added != 1 {
		t.Fatalf("next day = %+v; want the third", r)
	}
	if got := fmt.Sprint(fx.titles(t)); got != "[Story 11 Story 12 Story 13]" {
		t.Errorf("stored %s", got)
	}
}

// TestPollDue polls only feeds that are due.
func TestPollDue(t *testing.T) {
	fx := newFixture(t, Options{})
	fx.site.set(rss(rssItem("d1", "{{base}}/story/21", "Story 21")), "")
	n, err := fx.poller.PollDue(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("PollDue = %d, %v; want 1", n, err)
	}
	fx.site.set(rss(rssItem("d2", "{{base}}/story/22", "Story 22")), "")
	if n, _ := fx.poller.PollDue(context.Background()); n != 0 {
		t.Errorf("polled again before the interval: %d added", n)
	}
	fx.clock.Add(DefaultInterval)
	if n, _ := fx.poller.PollDue(context.Background()); n != 1 {
		t.Errorf("after the interval: %d added; want 1", n)
	}
}

// TestPokeWakesRun: a feed added while Run waits for its next tick is read
// as soon as the poller is poked, not a tick later.
func TestPokeWakesRun(t *testing.T) {
	fx := newFixture(t, Options{Interval: time.Hour})
	fx.site.set(rss(rssItem("w1", "{{base}}/story/31", "Story 31")), "")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { fx.poller.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for len(fx.titles(t)) < n {
			if time.Now().After(deadline) {
				t.Fatalf("stored %v; want %d articles", fx.titles(t), n)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor(1) // Run polls what is due at once
	second := newSite(t)
	second.set(rss(rssItem("w2", "{{base}}/story/32", "Story 32")), "")
	if _, err := fx.store.AddFeed(context.Background(), store.Feed{Collection: "g1", URL: second.srv.URL + "/feed", AddedBy: "111", NextPoll: fx.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	fx.poller.Poke()
	waitFor(2)
}

// TestFeedsPolledTogether: a slow feed does not hold up another server's:
// each of two feeds' servers answers only once the other has been asked.
func TestFeedsPolledTogether(t *testing.T) {
	fx := newFixture(t, Options{})
	asked := map[string]chan struct{}{"a": make(chan struct{}), "b": make(chan struct{})}
	other := map[string]string{"a": "b", "b": "a"}
	var srvs = map[string]*httptest.Server{}
	for _, name := range []string{"a", "b"} {
		srvs[name] = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/feed" {
				w.Header().Set("Content-Type", "text/html")
				io.WriteString(w, storyPage(strings.TrimPrefix(r.URL.Path, "/story/")))
				return
			}
			close(asked[name])
			select {
			case <-asked[other[name]]:
			case <-time.After(5 * time.Second):
				http.Error(w, "polled one at a time", http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, strings.ReplaceAll(rss(rssItem(name, "{{base}}/story/4"+name, "Story "+name)), "{{base}}", "http://"+r.Host))
		}))
		defer srvs[name].Close()
	}
	// The fixture's own feed has nothing due; these two are.
	fx.site.set(rss(), "")
	fx.pollNow(t)
	for _, name := range []string{"a", "b"} {
		if _, err := fx.store.AddFeed(context.Background(), store.Feed{Collection: "g" + name, URL: srvs[name].URL + "/feed", AddedBy: "1", NextPoll: fx.clock.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := fx.poller.PollDue(context.Background())
	if err != nil || n != 2 {
		t.Errorf("PollDue = %d, %v; want both feeds' articles", n, err)
	}
}

// TestItemRetryCap: an item whose page fails for now (a 503) is fetched
// again at the next polls (the feed's validators are not saved meanwhile,
// or a 304 would hide it), at most MaxItemAttempts times; then it is
// given up with its reason (logged, told to GaveUp), recorded as handled
// and never fetched again. Other items are not held up, and the counts of
// items that left the feed are dropped.
func TestItemRetryCap(t *testing.T) {
	b := "{{base}}"
	tests := []struct {
		name     string
		fails    int      // the flaky page's 503s before it answers; -1: always
		polls    []Result // what each poll reports (only Added, Retrying, GaveUp, NotModified compared)
		hits     int      // requests for the flaky page after every poll
		titles   string
		gaveUp   int // items told to GaveUp
		leftover int // counts kept at the end
	}{
		{"recovers before the cap", 2,
			[]Result{{Added: 1, Retrying: 1}, {Retrying: 1}, {Added: 1}, {NotModified: true}},
			3, "[Story 41 Story 42]", 0, 0},
		{"given up at the cap", -1,
			[]Result{{Added: 1, Retrying: 1}, {Retrying: 1}, {GaveUp: 1}, {NotModified: true}},
			3, "[Story 41]", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var told []string
			fx := newFixture(t, Options{MaxItemAttempts: 3, GaveUp: func(f store.Feed, item string, reason error) {
				told = append(told, item+": "+reason.Error())
			}})
			logs := &strings.Builder{}
			var logMu sync.Mutex
			fx.poller.log = slog.New(slog.NewTextHandler(lockedWriter{&logMu, logs}, nil))
			fx.site.failing["/story/42"] = tt.fails
			fx.site.set(rss(rssItem("r2", b+"/story/42", "Story 42"), rssItem("r1", b+"/story/41", "Story 41")), `"r"`)
			for i, want := range tt.polls {
				r := fx.pollNow(t)
				got := Result{Added: r.Added, Retrying: r.Retrying, GaveUp: r.GaveUp, NotModified: r.NotModified}
				if got != want || r.Err != nil {
					t.Errorf("poll %d = %+v; want %+v", i+1, r, want)
				}
				fx.clock.Add(DefaultInterval)
			}
			if h := fx.site.hits("/story/42"); h != tt.hits {
				t.Errorf("the flaky page was fetched %d times; want %d", h, tt.hits)
			}
			if got := fmt.Sprint(fx.titles(t)); got != tt.titles {
				t.Errorf("stored %s; want %s", got, tt.titles)
			}
			if len(told) != tt.gaveUp || tt.gaveUp > 0 && !strings.Contains(told[0], "r2: ") {
				t.Errorf("GaveUp told %q; want %d item(s)", told, tt.gaveUp)
			}
			logMu.Lock()
			l := logs.String()
			logMu.Unlock()
			if gave := strings.Contains(l, "feed item given up") && strings.Contains(l, "503") && strings.Contains(l, "attempts=3"); gave != (tt.gaveUp > 0) {
				t.Errorf("given-up warning with its reason logged: %v; want %v\n%s", gave, tt.gaveUp > 0, l)
			}
			if n := fx.poller.pendingAttempts(); n != tt.leftover {
				t.Errorf("%d item counts kept; want %d", n, tt.leftover)
			}
		})
	}

	t.Run("items that left the feed are forgotten", func(t *testing.T) {
		fx := newFixture(t, Options{MaxItemAttempts: 3})
		fx.site.failing["/story/52"] = -1
		fx.site.set(rss(rssItem("f2", b+"/story/52", "Story 52")), "")
		if r := fx.pollNow(t); r.Retrying != 1 || fx.poller.pendingAttempts() != 1 {
			t.Fatalf("poll = %+v, %d counts; want one item retrying", r, fx.poller.pendingAttempts())
		}
		fx.site.set(rss(rssItem("f3", b+"/story/53", "Story 53")), "")
		fx.clock.Add(DefaultInterval)
		if r := fx.pollNow(t); r.Added != 1 || fx.poller.pendingAttempts() != 0 {
			t.Errorf("poll = %+v, %d counts; want the new item added and the old count dropped", r, fx.poller.pendingAttempts())
		}
	})

	t.Run("a removed feed's counts are forgotten", func(t *testing.T) {
		fx := newFixture(t, Options{MaxItemAttempts: 3})
		fx.site.failing["/story/62"] = -1
		fx.site.set(rss(rssItem("g2", b+"/story/62", "Story 62")), "")
		if r := fx.pollNow(t); r.Retrying != 1 {
			t.Fatalf("poll = %+v; want one item retrying", r)
		}
		if _, err := fx.store.RemoveFeed(context.Background(), "g1", fx.feed.ID); err != nil {
			t.Fatal(err)
		}
		// Never polled again, so no poll of it drops the count: the
		// look for due feeds does, once no live feed could still be
		// waiting to retry it.
		for _, step := range []struct {
			after time.Duration
			want  int
		}{{time.Hour, 1}, {maxBackoff, 1}, {2 * maxBackoff, 0}} {
			fx.clock.Add(step.after)
			if _, err := fx.poller.PollDue(context.Background()); err != nil {
				t.Fatal(err)
			}
			if n := fx.poller.pendingAttempts(); n != step.want {
				t.Errorf("after another %s: %d counts; want %d", step.after, n, step.want)
			}
		}
	})
}

// lockedWriter serialises writes to w (the poller logs from goroutines).
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

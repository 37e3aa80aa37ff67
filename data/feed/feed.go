// Package feed follows news feeds (RSS, Atom, JSON Feed) for servers: it
// polls each followed feed with a conditional GET through the guarded
// fetcher, fetches each new item's page through the article extractor, and
// stores the articles, each item once.
//
// Crash safety: every item is handled in one store transaction (the item
// recorded as seen and its article stored together), and the feed's
// validators (ETag, Last-Modified) are saved only after all items were
// handled. A process killed in the middle of a poll therefore fetches the
// feed again on restart, skips the items it had stored and stores the
// rest: nothing lost, nothing twice.
//
// Retries: an item whose page fails for now (a timeout, a 5xx) is fetched
// again at the next polls, the feed's validators left unsaved so that a
// 304 does not hide it; after Options.MaxItemAttempts failed fetches in a
// row it is given up (logged with the last reason, counted, and recorded
// as handled), so that a page that never answers costs a bounded number of
// fetches. A page refused for good (no article text, a 4xx, a private
// address) is recorded as handled at once.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"newsbot/data/article"
	"newsbot/data/fetch"
	"newsbot/data/store"
)

// Defaults of Options.
const (
	// DefaultInterval is how often a feed is polled: news sites update
	// their feeds every few minutes, and a quarter of an hour keeps the
	// bot current without hammering anyone.
	DefaultInterval = 15 * time.Minute
	// DefaultMaxFailures is how many failed polls in a row disable a feed
	// (with backoff, about two days of trying).
	DefaultMaxFailures = 8
	// DefaultDailyCap is how many new articles one feed may add a day: a
	// busy wire feed would otherwise bury a server's own articles.
	DefaultDailyCap = 50
	// DefaultMaxItems is how many of a feed's newest items one poll
	// considers.
	DefaultMaxItems = 30
	// DefaultMaxItemAttempts is how many polls in a row may fail to fetch
	// one item's page (a timeout, a 5xx) before the item is given up: at
	// the default interval, about an hour of trying, enough for a site's
	// passing trouble, while a page that never answers is not fetched
	// (and waited for) at every poll for as long as it stays in the feed.
	DefaultMaxItemAttempts = 5
	// maxBackoff caps the wait after failures.
	maxBackoff = 12 * time.Hour
)

// Options configure a Poller; zero fields take the defaults.
type Options struct {
	Interval    time.Duration
	MaxFailures int
	DailyCap    int
	MaxItems    int
	// MaxItemAttempts is how many failed fetches of one item's page
	// give the item up (recorded as handled, logged with the last
	// reason, and told to GaveUp).
	MaxItemAttempts int
	// GaveUp, when set, is told of every item given up and why (for
	// metrics).
	GaveUp func(f store.Feed, item string, reason error)
	// Now is the clock (tests replace it).
	Now func() time.Time
}

// Poller polls the feeds due in a store.
type Poller struct {
	store store.Store
	fetch *fetch.Client
	opts  Options
	log   *slog.Logger
	// added is told of every article stored, so that it is served at once.
	added func(store.Article)
	// poke wakes Run early (a feed was just added).
	poke chan struct{}

	// attempts counts the failed fetches of items still in their feeds,
	// so that an item whose page keeps failing is given up after
	// opts.MaxItemAttempts polls. It is kept in memory: a restart (or,
	// on PostgreSQL, another process taking over the polling) grants an
	// item at most another MaxItemAttempts tries, which bounds the work
	// as well, without a schema change for a count that matters only
	// for an hour.
	attemptsMu sync.Mutex
	attempts   map[itemID]attempts
}

// attempts is an item's failed fetches in a row and when the last one was.
type attempts struct {
	n    int
	last time.Time
}

// itemID names one item of one feed.
type itemID struct {
	feed int64
	key  string
}

// NewPoller returns a poller over st that fetches with fc and calls added
// (may be nil) for every article it stores.
func NewPoller(st store.Store, fc *fetch.Client, opts Options, log *slog.Logger, added func(store.Article)) *Poller {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.MaxFailures <= 0 {
		opts.MaxFailures = DefaultMaxFailures
	}
	if opts.DailyCap <= 0 {
		opts.DailyCap = DefaultDailyCap
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = DefaultMaxItems
	}
	if opts.MaxItemAttempts <= 0 {
		opts.MaxItemAttempts = DefaultMaxItemAttempts
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if added == nil {
		added = func(store.Article) {}
	}
	return &Poller{store: st, fetch: fc, opts: opts, log: log, added: added, poke: make(chan struct{}, 1), attempts: map[itemID]attempts{}}
}

// Poke makes Run look for due feeds now rather than at its next tick: a
// feed a moderator just added is read at once.
func (p *Poller) Poke() {
	select {
	case p.poke <- struct{}{}:
	default:
	}
}

// Interval is the time between two polls of a healthy feed.
func (p *Poller) Interval() time.Duration { return p.opts.Interval }

// Run polls due feeds until ctx ends, looking for due feeds every tick
// (a minute, or the interval when that is shorter).
func (p *Poller) Run(ctx context.Context) {
	tick := min(time.Minute, p.opts.Interval)
	for {
		if _, err := p.PollDue(ctx); err != nil && ctx.Err() == nil {
			p.log.Error("polling feeds", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(tick):
		case <-p.poke:
		}
	}
}

// PollDue polls every feed that is due and returns how many articles it
// stored.
func (p *Poller) PollDue(ctx context.Context) (int, error) {
	p.forgetStale()
	due, err := p.store.DueFeeds(ctx, p.opts.Now(), 100)
	if err != nil {
		return 0, err
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	sem := make(chan struct{}, maxConcurrentPolls)
	for _, f := range due {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return total, ctx.Err()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r := p.Poll(ctx, f)
			mu.Lock()
			total += r.Added
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total, ctx.Err()
}

// maxConcurrentPolls is how many feeds are polled at once: a slow site
// (15 s a page) must not hold up every other server's feeds, and a few
// at a time keeps the bot a polite, small client.
const maxConcurrentPolls = 4

// Result is what one poll did.
type Result struct {
	Added       int   // articles stored
	Seen        int   // items already handled before
	Skipped     int   // items refused (no article text, …), duplicates, or failed for now
	Retrying    int   // of Skipped: items whose page failed for now, fetched again next poll
	GaveUp      int   // of Skipped: items given up after MaxItemAttempts failed fetches
	NotModified bool  // the server answered 304
	Err         error // the poll failed (counted against the feed)
}

// Poll polls one feed now and records the outcome in the store.
func (p *Poller) Poll(ctx context.Context, f store.Feed) Result {
	now := p.opts.Now()
	st := store.FeedState{Title: f.Title, ETag: f.ETag, LastModified: f.LastModified, LastPoll: now, NextPoll: now.Add(p.opts.Interval)}
	res := p.poll(ctx, f, &st)
	if ctx.Err() != nil {
		// Shutting down: the feed is polled again at the next start.
		return res
	}
	if res.Err != nil {
		st.Failures = f.Failures + 1
		st.LastError = res.Err.Error()
		st.NextPoll = now.Add(Backoff(p.opts.Interval, st.Failures))
		st.Disabled = st.Failures >= p.opts.MaxFailures
		st.ETag, st.LastModified = f.ETag, f.LastModified
		p.log.Warn("feed poll failed", "feed", f.URL, "server", f.Collection, "failures", st.Failures, "disabled", st.Disabled, "err", res.Err)
	}
	if err := p.store.UpdateFeed(context.WithoutCancel(ctx), f.ID, st); err != nil && !errors.Is(err, store.ErrNotFound) {
		p.log.Error("saving a feed's poll", "feed", f.URL, "err", err)
	}
	if res.Added > 0 || res.GaveUp > 0 {
		p.log.Info("feed polled", "feed", f.URL, "server", f.Collection, "added", res.Added, "seen", res.Seen, "skipped", res.Skipped, "gave_up", res.GaveUp)
	}
	return res
}

// Backoff is the wait before polling a feed again after failures failed
// polls in a row: the interval doubled for each, up to 12 hours.
func Backoff(interval time.Duration, failures int) time.Duration {
	if failures <= 0 {
		return interval
	}
	d := float64(interval) * math.Pow(2, float64(failures))
	return time.Duration(min(d, float64(maxBackoff)))
}

func (p *Poller) poll(ctx context.Context, f store.Feed, st *store.FeedState) Result {
	var res Result
	u, err := fetch.ParseURL(f.URL)
	if err != nil {
		res.Err = err
		return res
	}
	resp, err := p.fetch.Get(ctx, u, fetch.FeedDoc, fetch.Conditional{ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		res.Err = err
		return res
	}
	if resp.NotModified {
		res.NotModified = true
		return res
	}
	parsed, err := Parse(resp.Body)
	if err != nil {
		res.Err = err
		return res
	}
	if parsed.Title != "" {
		st.Title = parsed.Title
	}
	items := parsed.Items
	if len(items) > p.opts.MaxItems {
		items = items[:p.opts.MaxItems]
	}
	// Oldest first, so that a daily cap keeps the earlier news and the
	// articles are added in the order they appeared.
	capped := false
	for i := len(items) - 1; i >= 0; i-- {
		if ctx.Err() != nil {
			res.Err = ctx.Err()
			return res
		}
		done, err := p.item(ctx, f, parsed, items[i], resp.URL, &res)
		if err != nil {
			res.Err = err
			return res
		}
		if done {
			capped = true
			break
		}
	}
	p.forgetGone(f.ID, items)
	// Validators last: only a poll whose items were all handled may be
	// skipped by a 304 next time (a capped poll leaves items for later,
	// and so does an item that failed for now).
	if !capped && res.Retrying == 0 {
		st.ETag, st.LastModified = resp.ETag, resp.LastModified
	}
	return res
}

// item handles one feed item; done is true when the daily cap stops the
// poll.
func (p *Poller) item(ctx context.Context, f store.Feed, parsed *gofeed.Feed, it *gofeed.Item, base *url.URL, res *Result) (done bool, err error) {
	key := itemKey(it)
	if key == "" {
		res.Skipped++
		return false, nil
	}
	seen, err := p.store.SeenItem(ctx, f.ID, key)
	if err != nil {
		return false, err
	}
	if seen {
		res.Seen++
		return false, nil
	}
	a, err := p.extract(ctx, it, base)
	var stored store.Article
	switch {
	case err == nil:
		sa := storeArticle(a, it, parsed)
		stored, err = p.store.AddFeedItem(ctx, f.ID, key, &sa, p.opts.DailyCap, p.opts.Now())
	case permanent(err):
		// This item will never make an article: remember it as handled.
		p.log.Debug("feed item skipped", "feed", f.URL, "item", key, "reason", err)
		res.Skipped++
		p.forget(f.ID, key)
		_, err = p.store.AddFeedItem(ctx, f.ID, key, nil, p.opts.DailyCap, p.opts.Now())
		return false, err
	case ctx.Err() != nil:
		// Shutting down: the fetch was cut short, not the page's fault.
		return false, ctx.Err()
	default:
		// A timeout or an unreachable page: try again next poll, a
		// few times.
		res.Skipped++
		n := p.failed(f.ID, key)
		if n < p.opts.MaxItemAttempts {
			p.log.Debug("feed item not fetched; trying again next poll", "feed", f.URL, "item", key, "attempts", n, "reason", err)
			res.Retrying++
			return false, nil
		}
		p.log.Warn("feed item given up after failed fetches", "feed", f.URL, "server", f.Collection, "item", key, "attempts", n, "reason", err)
		res.GaveUp++
		if p.opts.GaveUp != nil {
			p.opts.GaveUp(f, key, err)
		}
		if _, err := p.store.AddFeedItem(ctx, f.ID, key, nil, p.opts.DailyCap, p.opts.Now()); err != nil {
			return false, err
		}
		p.forget(f.ID, key)
		return false, nil
	}
	p.forget(f.ID, key)
	switch {
	case err == nil:
		res.Added++
		p.added(stored)
	case errors.Is(err, store.ErrDuplicate):
		res.Skipped++
	case errors.Is(err, store.ErrDailyCap):
		return true, nil
	default:
		return false, err
	}
	return false, nil
}

// failed counts a failed fetch of an item and returns how many in a row
// there have been.
func (p *Poller) failed(feed int64, key string) int {
	p.attemptsMu.Lock()
	defer p.attemptsMu.Unlock()
	id := itemID{feed, key}
	a := p.attempts[id]
	a.n++
	a.last = p.opts.Now()
	p.attempts[id] = a
	return a.n
}

// forgetStale drops the counts of items that have not failed for longer
// than any live feed waits between two polls: their feed was removed or
// disabled, or no longer lists them and has not been polled since. Only a
// poll of the feed drops them otherwise, and such a feed is never polled
// again: without this the counts would pile up for the life of the
// process. A count dropped too early only grants an item a few more tries.
func (p *Poller) forgetStale() {
	cutoff := p.opts.Now().Add(-2 * max(p.opts.Interval, maxBackoff))
	p.attemptsMu.Lock()
	defer p.attemptsMu.Unlock()
	for id, a := range p.attempts {
		if a.last.Before(cutoff) {
			delete(p.attempts, id)
		}
	}
}

// forget drops an item's count: it was handled.
func (p *Poller) forget(feed int64, key string) {
	p.attemptsMu.Lock()
	defer p.attemptsMu.Unlock()
	delete(p.attempts, itemID{feed, key})
}

// forgetGone drops the counts of a feed's items that are no longer among
// items (the feed moved on): the counts stay as few as the items polled.
func (p *Poller) forgetGone(feed int64, items []*gofeed.Item) {
	keep := make(map[string]bool, len(items))
	for _, it := range items {
		keep[itemKey(it)] = true
	}
	p.attemptsMu.Lock()
	defer p.attemptsMu.Unlock()
	for id := range p.attempts {
		if id.feed == feed && !keep[id.key] {
			delete(p.attempts, id)
		}
	}
}

// pendingAttempts is how many items have failed fetches counted.
func (p *Poller) pendingAttempts() int {
	p.attemptsMu.Lock()
	defer p.attemptsMu.Unlock()
	return len(p.attempts)
}

// extract fetches an item's page through the extractor; an item without a
// link is read from the HTML content the feed carries.
func (p *Poller) extract(ctx context.Context, it *gofeed.Item, base *url.URL) (article.Article, error) {
	link := strings.TrimSpace(it.Link)
	if link == "" {
		content := it.Content
		if content == "" {
			content = it.Description
		}
		return article.FromHTML(strings.NewReader(content), nil)
	}
	u, err := base.Parse(link)
	if err != nil {
		return article.Article{}, &fetch.Refusal{Err: fetch.ErrBadURL}
	}
	return p.fetch.Article(ctx, u)
}

// permanent tells refusals that fetching again would not change.
func permanent(err error) bool {
	for _, e := range []error{fetch.ErrNoArticle, fetch.ErrContentType, fetch.ErrTooLarge, fetch.ErrPrivate, fetch.ErrScheme, fetch.ErrBadURL, fetch.ErrRedirects, article.ErrNoArticleText} {
		if errors.Is(err, e) {
			return true
		}
	}
	var r *fetch.Refusal
	// A 4xx page is gone for good; a 5xx may come back.
	return errors.As(err, &r) && errors.Is(r.Err, fetch.ErrStatus) && strings.Contains(r.Detail, "HTTP 4")
}

// itemKey identifies an item across polls: its GUID, else its link, else
// its title.
func itemKey(it *gofeed.Item) string {
	for _, k := range []string{it.GUID, it.Link, it.Title} {
		if k = strings.TrimSpace(k); k != "" {
			return k
		}
	}
	return ""
}

// storeArticle fills what the page lacked from the feed item.
func storeArticle(a article.Article, it *gofeed.Item, parsed *gofeed.Feed) store.Article {
	sa := store.Article{Title: a.Title, Body: a.Body, URL: a.URL, Outlet: a.Source, Author: a.Author, Published: a.Date}
	if sa.Title == "" {
		sa.Title = strings.TrimSpace(it.Title)
	}
	if sa.Published == "" && it.PublishedParsed != nil {
		sa.Published = it.PublishedParsed.UTC().Format(time.DateOnly)
	}
	if sa.Author == "" && len(it.Authors) > 0 && it.Authors[0] != nil {
		sa.Author = it.Authors[0].Name
	}
	if sa.Outlet == "" {
		sa.Outlet = parsed.Title
	}
	if sa.URL == "" {
		sa.URL = strings.TrimSpace(it.Link)
	}
	return sa
}

// ErrNotFeed is a document that is no RSS, Atom or JSON feed.
var ErrNotFeed = errors.New("that link is not an RSS, Atom or JSON feed")

// Parse reads an RSS, Atom or JSON Feed document.
func Parse(body []byte) (*gofeed.Feed, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotFeed, shorten(err.Error()))
	}
	return f, nil
}

func shorten(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// Check fetches a feed once, for /feed add: it says what the feed is
// called and how many items it has, or why it cannot be followed.
func Check(ctx context.Context, fc *fetch.Client, u *url.URL) (*gofeed.Feed, error) {
	resp, err := fc.Get(ctx, u, fetch.FeedDoc, fetch.Conditional{})
	if err != nil {
		return nil, err
	}
	return Parse(resp.Body)
}

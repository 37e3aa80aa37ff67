package telemetry

import (
	"context"
	"errors"
	"time"

	"newsbot/data/store"
)

// CountingStore wraps st so that m counts its errors (by operation) and
// the feed polls it records. The expected refusals (a duplicate, a missing
// article, a feed's daily cap) are answers, not faults, and are not
// counted. Every poll ends with UpdateFeed, whose state says whether it
// failed, so the poller itself needs no hook.
func CountingStore(st store.Store, m *Metrics) store.Store {
	if m == nil {
		return st
	}
	return &countingStore{Store: st, m: m}
}

type countingStore struct {
	store.Store
	m *Metrics
}

// count records err as a store error of op unless it is an expected
// refusal, and returns it.
func (s *countingStore) count(op string, err error) error {
	if err != nil && !errors.Is(err, store.ErrDuplicate) && !errors.Is(err, store.ErrNotFound) && !errors.Is(err, store.ErrDailyCap) {
		s.m.StoreError(op, err)
	}
	return err
}

func (s *countingStore) AddArticle(ctx context.Context, a store.Article) (store.Article, error) {
	a, err := s.Store.AddArticle(ctx, a)
	return a, s.count("add_article", err)
}

func (s *countingStore) RemoveArticle(ctx context.Context, collection string, id int64, by string) (store.Article, error) {
	a, err := s.Store.RemoveArticle(ctx, collection, id, by)
	return a, s.count("remove_article", err)
}

func (s *countingStore) Articles(ctx context.Context, collection string) ([]store.Article, error) {
	a, err := s.Store.Articles(ctx, collection)
	return a, s.count("articles", err)
}

func (s *countingStore) Collections(ctx context.Context) ([]string, error) {
	c, err := s.Store.Collections(ctx)
	return c, s.count("collections", err)
}

func (s *countingStore) AddFeed(ctx context.Context, f store.Feed) (store.Feed, error) {
	f, err := s.Store.AddFeed(ctx, f)
	return f, s.count("add_feed", err)
}

func (s *countingStore) RemoveFeed(ctx context.Context, collection string, id int64) (store.Feed, error) {
	f, err := s.Store.RemoveFeed(ctx, collection, id)
	return f, s.count("remove_feed", err)
}

func (s *countingStore) Feeds(ctx context.Context, collection string) ([]store.Feed, error) {
	f, err := s.Store.Feeds(ctx, collection)
	return f, s.count("feeds", err)
}

func (s *countingStore) DueFeeds(ctx context.Context, now time.Time, limit int) ([]store.Feed, error) {
	f, err := s.Store.DueFeeds(ctx, now, limit)
	return f, s.count("due_feeds", err)
}

// UpdateFeed records a poll's outcome: a poll failed when the feed's
// consecutive failures went up (the poller resets them to 0 on success).
func (s *countingStore) UpdateFeed(ctx context.Context, id int64, st store.FeedState) error {
	var pollErr error
	if st.Failures > 0 {
		pollErr = errors.New(st.LastError)
	}
	s.m.FeedPoll(pollErr)
	return s.count("update_feed", s.Store.UpdateFeed(ctx, id, st))
}

func (s *countingStore) SeenItem(ctx context.Context, feedID int64, key string) (bool, error) {
	ok, err := s.Store.SeenItem(ctx, feedID, key)
	return ok, s.count("seen_item", err)
}

func (s *countingStore) AddFeedItem(ctx context.Context, feedID int64, key string, a *store.Article, dailyCap int, now time.Time) (store.Article, error) {
	got, err := s.Store.AddFeedItem(ctx, feedID, key, a, dailyCap, now)
	return got, s.count("add_feed_item", err)
}

// Ping counts a store that does not answer the health check.
func (s *countingStore) Ping(ctx context.Context) error {
	p, ok := s.Store.(store.Pinger)
	if !ok {
		return nil
	}
	return s.count("ping", p.Ping(ctx))
}

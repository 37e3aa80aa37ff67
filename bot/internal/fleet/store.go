package fleet

import (
	"context"
	"log/slog"
	"time"

	"newsbot/data/store"
)

// NotifyingStore wraps st so that every change it makes to a collection
// (an article added or removed, a feed followed, a feed item stored) is
// announced to the
// other processes with Notify on db, a database/sql handle on the same
// PostgreSQL. The announcement follows the change's commit; should this
// process die in between, the others still pick the change up at their
// next catch-up (Listen's resync).
func NotifyingStore(st store.Store, db Execer, log *slog.Logger) store.Store {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &notifyingStore{Store: st, db: db, log: log}
}

type notifyingStore struct {
	store.Store
	db  Execer
	log *slog.Logger
}

// notify announces a change of collection; a failure is logged, not
// returned: the change itself is stored.
func (s *notifyingStore) notify(ctx context.Context, collection string) {
	// The change is made: announce it even if the request that made it
	// was cancelled meanwhile.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := Notify(ctx, s.db, collection); err != nil {
		s.log.Warn("could not tell the other processes of a change; they pick it up at their next resync", "collection", collection, "err", err)
	}
}

func (s *notifyingStore) AddArticle(ctx context.Context, a store.Article) (store.Article, error) {
	got, err := s.Store.AddArticle(ctx, a)
	if err == nil {
		s.notify(ctx, got.Collection)
	}
	return got, err
}

func (s *notifyingStore) RemoveArticle(ctx context.Context, collection string, id int64, by string) (store.Article, error) {
	got, err := s.Store.RemoveArticle(ctx, collection, id, by)
	if err == nil {
		s.notify(ctx, collection)
	}
	return got, err
}

// AddFeed announces a new feed, so that whichever process polls feeds
// reads it at once rather than at its next tick.
func (s *notifyingStore) AddFeed(ctx context.Context, f store.Feed) (store.Feed, error) {
	got, err := s.Store.AddFeed(ctx, f)
	if err == nil {
		s.notify(ctx, got.Collection)
	}
	return got, err
}

func (s *notifyingStore) AddFeedItem(ctx context.Context, feedID int64, key string, a *store.Article, dailyCap int, now time.Time) (store.Article, error) {
	got, err := s.Store.AddFeedItem(ctx, feedID, key, a, dailyCap, now)
	if err == nil && a != nil {
		s.notify(ctx, got.Collection)
	}
	return got, err
}

// Ping passes the health check through to the wrapped store.
func (s *notifyingStore) Ping(ctx context.Context) error {
	if p, ok := s.Store.(store.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// Package library starts the living part of the corpus for the Discord
// bot: the store (SQLite, or PostgreSQL when DATABASE_URL is set), each
// server's collection over the loaded articles, the feed poller, and the
// hot reload of NEWSBOT_ARTICLES folders.
package library

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"newsbot/bot/internal/config"
	"newsbot/bot/internal/load"
	"newsbot/commands"
	"newsbot/data/collection"
	"newsbot/data/feed"
	"newsbot/data/fetch"
	"newsbot/data/store"
	"newsbot/data/watch"
)

// Library is the running living corpus.
type Library struct {
	Store      store.Store
	Collection *collection.Manager
	Poller     *feed.Poller

	wg sync.WaitGroup
}

// Options are what tests change; the zero value is production.
type Options struct {
	// Fetch configures the guarded HTTP client (tests allow loopback).
	Fetch fetch.Options
}

// Open opens the store cfg names: PostgreSQL when DatabaseURL is set, else
// the SQLite file at cfg.DB.
func Open(ctx context.Context, cfg config.Config) (store.Store, error) {
	if cfg.DatabaseURL != "" {
		return store.OpenPostgres(ctx, string(cfg.DatabaseURL))
	}
	return store.OpenSQLite(ctx, cfg.DB)
}

// Start opens the store and starts, in the background, loading the stored
// articles, polling feeds and (when cfg.Watch) watching the article
// folders. Close stops them and closes the store.
func Start(ctx context.Context, cfg config.Config, opts Options, loader *load.Loader, log *slog.Logger) (*Library, error) {
	st, err := Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	where := "SQLite " + cfg.DB
	if cfg.DatabaseURL != "" {
		where = "PostgreSQL"
	}
	log.Info("store opened", "store", where)
	fc := fetch.New(opts.Fetch)
	l := &Library{Store: st, Collection: collection.New(loader.Store, st, fc, log)}
	l.Poller = feed.NewPoller(st, fc, feed.Options{Interval: cfg.FeedInterval, DailyCap: cfg.FeedDailyCap}, log, l.Collection.Stored)
	l.wg.Add(2)
	go func() {
		defer l.wg.Done()
		if err := l.Collection.Load(ctx); err != nil && ctx.Err() == nil {
			log.Error("loading stored articles", "err", err)
		}
	}()
	go func() {
		defer l.wg.Done()
		l.Poller.Run(ctx)
	}()
	if cfg.Watch && len(cfg.Articles) > 0 {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			err := watch.Run(ctx, cfg.Articles, watch.Options{Log: log}, func() { loader.Reload(log) })
			if err != nil {
				log.Warn("article folders are not watched; restart the bot to load changes", "err", err)
			}
		}()
	}
	return l, nil
}

// Corpora serves each server its collection, for the router.
func (l *Library) Corpora() commands.Corpora {
	return commands.CorporaFunc(func(ctx context.Context, guildID string) commands.Snapshot {
		s := l.Collection.Snapshot(ctx, guildID)
		return commands.Snapshot{Corpus: s.Corpus, Loading: s.Loading}
	})
}

// Close waits for the background work to stop (its context must be done)
// and closes the store.
func (l *Library) Close() error {
	l.wg.Wait()
	if err := l.Store.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// Ping reports whether the store answers (nil for a store that cannot
// say), for the health check.
func (l *Library) Ping(ctx context.Context) error {
	if p, ok := l.Store.(store.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// Package library starts the living part of the corpus for the Discord
// bot: the store (SQLite, or PostgreSQL when DATABASE_URL is set), each
// server's collection over the loaded articles, the feed poller, and the
// hot reload of NEWSBOT_ARTICLES folders.
package library

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"newsbot/bot/internal/config"
	"newsbot/bot/internal/fleet"
	"newsbot/bot/internal/load"
	"newsbot/bot/internal/progress"
	"newsbot/bot/internal/telemetry"
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

	notify *sql.DB // PostgreSQL only: where changes are announced
	wg     sync.WaitGroup
	where  string        // the store, for people: "SQLite <path>", "PostgreSQL", "memory"
	kept   bool          // false for the in-memory fallback: nothing outlives the process
	loaded chan struct{} // closed when the stored articles are loaded
}

// Options are what tests change; the zero value is production.
type Options struct {
	// Fetch configures the guarded HTTP client (tests allow loopback).
	Fetch fetch.Options
	// Metrics counts store errors and feed polls (nil: none).
	Metrics *telemetry.Metrics
	// LeadRetry is how often a process that does not poll feeds checks
	// whether the one that does is gone (PostgreSQL only; 0: 5 s).
	LeadRetry time.Duration
	// MemoryFallback (the console) opens an in-memory store, with a
	// warning, when the SQLite file's folder cannot be created or
	// written (a read-only home, a container volume owned by someone
	// else): the console still answers, and says that what is added there
	// is not kept. A store that can be written but is locked, corrupt or
	// from a newer newsbot is still an error, as is an unreachable
	// PostgreSQL: those need the operator, and a silent copy would hide
	// their data. The bot never falls back: a service that forgets what
	// moderators add is worse than one that refuses to start.
	MemoryFallback bool
}

// syncDelay is how long a process gathers other processes' changes to one
// server before syncing it: well within the 2 s in which a change must be
// answered everywhere.
const syncDelay = 100 * time.Millisecond

// defaultLeadRetry bounds how long feeds go unpolled after the polling
// process dies: far less than a poll interval (a minute at least).
const defaultLeadRetry = 5 * time.Second

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
	st, where, err := openFallback(ctx, cfg, opts, log)
	if err != nil {
		return nil, err
	}
	st, notify, err := wrapStore(st, cfg, opts, log)
	if err != nil {
		return nil, err
	}
	fc := fetch.New(opts.Fetch)
	l := &Library{Store: st, Collection: collection.New(loader.Store, st, fc, log), notify: notify,
		where: where, kept: where != memoryStore}
	l.Poller = feed.NewPoller(st, fc, feed.Options{Interval: cfg.FeedInterval, DailyCap: cfg.FeedDailyCap,
		GaveUp: func(store.Feed, string, error) { opts.Metrics.FeedItemGivenUp() }}, log, l.Collection.Stored)
	l.Collection.FeedAdded = l.Poller.Poke
	l.wg.Add(2)
	loaded := l.startLoad(ctx, log)
	l.startPolling(ctx, cfg, opts, log)
	if cfg.DatabaseURL != "" {
		l.wg.Add(1)
		go l.followFleet(ctx, cfg, loaded, log)
	}
	if cfg.Watch && len(cfg.Articles) > 0 {
		l.wg.Add(1)
		go l.watchArticles(ctx, cfg, loader, log)
	}
	return l, nil
}

// memoryStore is where the in-memory fallback store is said to be.
const memoryStore = "memory"

// openFallback opens the store cfg names and says where it is ("SQLite
// <path>", "PostgreSQL"); with opts.MemoryFallback, an SQLite file whose
// folder cannot be written is replaced by an in-memory store ("memory")
// and a warning saying why and how to keep the articles.
func openFallback(ctx context.Context, cfg config.Config, opts Options, log *slog.Logger) (store.Store, string, error) {
	if cfg.DatabaseURL != "" {
		st, err := Open(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		log.Info("store opened", "store", "PostgreSQL")
		return st, "PostgreSQL", nil
	}
	if opts.MemoryFallback {
		if why := unwritable(cfg.DB); why != nil {
			st, err := store.OpenSQLite(ctx, ":memory:")
			if err != nil {
				return nil, "", fmt.Errorf("open an in-memory store: %w", err)
			}
			log.Warn("the store cannot be written, so articles and feeds added now are kept in memory and lost on exit; set NEWSBOT_DB (or -db) to a writable file to keep them",
				"store", cfg.DB, "err", why)
			return st, memoryStore, nil
		}
	}
	st, err := Open(ctx, cfg)
	if err != nil {
		return nil, "", err
	}
	where := "SQLite " + cfg.DB
	log.Info("store opened", "store", where)
	return st, where, nil
}

// unwritable says why the SQLite store at path cannot be written, or nil:
// its folder cannot be made, or no file can be created in it (SQLite
// needs to, for its write-ahead log), or the file itself is not writable.
// Only such an answer falls back to memory; any other failure to open is
// the operator's to see.
func unwritable(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot make its folder: %w", err)
	}
	probe, err := os.CreateTemp(dir, ".newsbot-probe-*")
	if err != nil {
		return fmt.Errorf("cannot write in its folder: %w", err)
	}
	// A probe that cannot be closed or removed says the folder is not
	// usable after all (a full disk, a folder made read-only meanwhile).
	if err := errors.Join(probe.Close(), os.Remove(probe.Name())); err != nil {
		return fmt.Errorf("cannot write in its folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot write the file: %w", err)
	}
	f.Close()
	return nil
}

// wrapStore wraps st to count its errors. With PostgreSQL it also opens
// the change notifier (returned, for Close) and wraps the store to
// announce its changes: several processes share PostgreSQL, each
// announces its changes, hears the others', and one at a time polls the
// feeds. On error st is closed.
func wrapStore(st store.Store, cfg config.Config, opts Options, log *slog.Logger) (store.Store, *sql.DB, error) {
	st = telemetry.CountingStore(st, opts.Metrics)
	var notify *sql.DB
	if cfg.DatabaseURL != "" {
		var err error
		notify, err = sql.Open("pgx", string(cfg.DatabaseURL))
		if err != nil {
			st.Close()
			return nil, nil, fmt.Errorf("open the change notifier: %w", err)
		}
		notify.SetMaxOpenConns(2)
		st = fleet.NotifyingStore(st, notify, log)
	}
	return st, notify, nil
}

// startLoad loads the stored articles into the collection in the
// background, logging the progress of a large store, and returns a channel
// closed when the load is over (done, failed or cancelled). The caller has
// added the goroutine to l.wg.
func (l *Library) startLoad(ctx context.Context, log *slog.Logger) <-chan struct{} {
	loaded := make(chan struct{})
	l.loaded = loaded
	// A large store logs its progress, counted in servers (the number of
	// articles is known only once read).
	tracker := progress.Start("servers", 0, progress.Options{Log: log})
	l.Collection.SetLoadProgress(func(done, total int) {
		tracker.SetTotal(total)
		tracker.Add(1)
	})
	go func() {
		defer l.wg.Done()
		defer close(loaded)
		defer tracker.Finish()
		if err := l.Collection.Load(ctx); err != nil && ctx.Err() == nil {
			log.Error("loading stored articles", "err", err)
		}
	}()
	return loaded
}

// startPolling polls the feeds in the background: always with SQLite
// (this process holds the file alone), and with PostgreSQL only while this
// process leads, another taking over within opts.LeadRetry when it goes.
// The caller has added the goroutine to l.wg.
func (l *Library) startPolling(ctx context.Context, cfg config.Config, opts Options, log *slog.Logger) {
	go func() {
		defer l.wg.Done()
		if cfg.DatabaseURL == "" {
			l.Poller.Run(ctx) // SQLite: this process holds the file alone
			return
		}
		retry := opts.LeadRetry
		if retry <= 0 {
			retry = defaultLeadRetry
		}
		fleet.Lead(ctx, string(cfg.DatabaseURL), fleet.LockKey("feeds", string(cfg.DatabaseURL)), retry, l.Poller.Run, log)
	}()
}

// followFleet (PostgreSQL only; run as a goroutine the caller has added to
// l.wg) hears the other processes' changes until ctx is done: it pokes the
// poller, syncs each changed server once per burst, and catches up with
// everything after the initial load (loaded) and after each reconnection.
func (l *Library) followFleet(ctx context.Context, cfg config.Config, loaded <-chan struct{}, log *slog.Logger) {
	defer l.wg.Done()
	// A burst of changes to one server (a feed poll storing many
	// items) is synced, and its indexes rebuilt, once.
	syncs := fleet.NewCoalescer(syncDelay, func(ctx context.Context, guild string) {
		if _, err := l.Collection.Sync(ctx, guild); err != nil && ctx.Err() == nil {
			log.Warn("syncing a server's articles after another process changed them", "server", guild, "err", err)
		}
	})
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		syncs.Run(ctx)
	}()
	onChange := func(ctx context.Context, c fleet.Change) {
		// A feed may have been followed: if this process polls,
		// it reads due feeds now rather than at its next tick.
		l.Poller.Poke()
		if c.Collection != "" {
			syncs.Request(c.Collection)
		}
	}
	catchUp := func(ctx context.Context) error {
		// The first catch-up waits for the initial load, so as not
		// to analyse every article twice at start.
		select {
		case <-loaded:
		case <-ctx.Done():
			return ctx.Err()
		}
		n, err := l.Collection.SyncAll(ctx)
		if n > 0 {
			log.Info("caught up with other processes' changes", "servers", n)
		}
		return err
	}
	fleet.Listen(ctx, string(cfg.DatabaseURL), onChange, catchUp, log)
}

// watchArticles (run as a goroutine the caller has added to l.wg) reloads
// the NEWSBOT_ARTICLES folders when they change, until ctx is done; a
// folder that cannot be watched is logged, not fatal.
func (l *Library) watchArticles(ctx context.Context, cfg config.Config, loader *load.Loader, log *slog.Logger) {
	defer l.wg.Done()
	err := watch.Run(ctx, cfg.Articles, watch.Options{Log: log}, func() { loader.Reload(log) })
	if err != nil {
		log.Warn("article folders are not watched; restart the bot to load changes", "err", err)
	}
}

// Loaded is closed when the stored articles have been loaded (or the load
// failed or was cancelled): a console script waits for it, so that its
// first line is answered from the articles added in earlier runs.
func (l *Library) Loaded() <-chan struct{} { return l.loaded }

// Where says where the store is, for people: "SQLite <path>",
// "PostgreSQL", or "memory" for the console's fallback.
func (l *Library) Where() string { return l.where }

// Kept reports whether what is added outlives the process (false for the
// console's in-memory fallback).
func (l *Library) Kept() bool { return l.kept }

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
	if l.notify != nil {
		l.notify.Close()
	}
	if err := l.Store.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// Ping reports whether the store answers, for the health check.
func (l *Library) Ping(ctx context.Context) error {
	p, ok := l.Store.(store.Pinger)
	if !ok {
		return nil // a store that cannot be asked is taken as answering
	}
	return p.Ping(ctx)
}

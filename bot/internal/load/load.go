// Package load loads the articles the bot answers from: the embedded
// defaults at once, extra folders in the background, swapping ever bigger
// corpora into a store so that a large archive never keeps the bot from
// answering.
package load

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"newsbot/bot/internal/progress"

	"newsbot/data"
	"newsbot/data/article"
	"newsbot/data/corpus"
)

// Options says which articles the bot answers from.
type Options struct {
	Defaults bool     // include the articles embedded in the binary
	Paths    []string // files or folders of extra articles
	// ProgressEvery is the interval between progress lines of a long
	// load (0: 5 s).
	ProgressEvery time.Duration
}

// ErrNoArticles is returned when nothing at all could be loaded.
var ErrNoArticles = errors.New("no articles loaded")

// defaultArticles loads the embedded articles.
func defaultArticles() ([]article.Article, []article.Warning) {
	return article.LoadFS(data.Articles, "articles", article.Options{})
}

// Articles loads everything opts names, synchronously, deduplicated, and
// logs one warning per skipped file.
func Articles(opts Options, log *slog.Logger) []article.Article {
	var arts []article.Article
	var warns []article.Warning
	if opts.Defaults {
		a, w := defaultArticles()
		arts, warns = append(arts, a...), append(warns, w...)
	}
	for _, p := range opts.Paths {
		a, w := article.LoadPath(p, article.Options{})
		arts, warns = append(arts, a...), append(warns, w...)
	}
	arts, w := article.Dedup(arts)
	warns = append(warns, w...)
	logWarnings(log, warns)
	return arts
}

func logWarnings(log *slog.Logger, warns []article.Warning) {
	for _, w := range warns {
		log.Warn("skipped article file", "file", w.Path, "reason", w.Reason)
	}
}

// analyzeBatch is how many articles are analysed between two corpus swaps
// while loading in the background; it doubles each time so that the
// titles and people indexes, which each corpus builds anew, cost O(n log n)
// overall rather than O(n²). (The quotation and sentence indexes take only
// each batch's new articles: see corpus.Store.Update.)
const analyzeBatch = 64

// Loader is a corpus being loaded: Store answers at once, Done is closed
// when the load has finished (or stopped with its context).
type Loader struct {
	Store *corpus.Store
	done  chan struct{}
	// reload is the state hot reloading keeps (see Reload).
	reload reloadState
	// progress is the analysis under way, if any.
	progress atomic.Pointer[progress.Tracker]
}

// Progress is where the background load stands: articles analysed of
// those found, the rate and the time left (zero before the files are
// read, and once the load is done).
func (l *Loader) Progress() progress.Stats {
	return l.progress.Load().Stats()
}

// Done is closed when the load has finished: a script that wants answers
// from every article waits on it rather than polling Store.Loading.
func (l *Loader) Done() <-chan struct{} { return l.done }

// Start returns at once a loader whose store answers from the embedded
// defaults, then loads opts.Paths in the background, swapping in bigger
// corpora as articles are analysed, so that a large archive never keeps the
// bot from answering. Store.Loading reports true until the load is done.
func Start(ctx context.Context, opts Options, log *slog.Logger) *Loader {
	var docs []*corpus.Doc
	var defaults []article.Article
	if opts.Defaults {
		var warns []article.Warning
		defaults, warns = defaultArticles()
		logWarnings(log, warns)
		for _, a := range defaults {
			docs = append(docs, corpus.Analyze(a))
		}
	}
	store := corpus.NewStore(corpus.New(docs))
	l := &Loader{Store: store, done: make(chan struct{})}
	l.reload.opts = opts
	l.reload.defaults = docs
	if len(opts.Paths) == 0 {
		if len(docs) == 0 {
			log.Error("no articles: the defaults are off and no article folder is set (NEWSBOT_ARTICLES); every command will answer \"not found\"")
		}
		log.Info("articles loaded", "articles", len(docs), "quotes", store.Current().QuoteCount())
		close(l.done)
		return l
	}
	store.SetLoading(true)
	go func() {
		defer close(l.done)
		defer store.SetLoading(false)
		start := time.Now()
		var arts []article.Article
		var warns []article.Warning
		for _, p := range opts.Paths {
			a, w := article.LoadPath(p, article.Options{})
			arts, warns = append(arts, a...), append(warns, w...)
		}
		// Dedup the union so an extra folder that repeats a default article
		// does not show it twice; defaults come first and keep their IDs.
		all, w := article.Dedup(append(append([]article.Article(nil), defaults...), arts...))
		l.warnOnce(log, append(warns, w...))
		// The defaults were analysed above; a Doc is immutable, so the new
		// corpus shares them rather than analysing them again.
		analysed := make(map[article.Article]*corpus.Doc, len(docs))
		for _, d := range docs {
			analysed[d.Article] = d
		}
		// A fresh slice: the corpus being served holds the old one.
		docs := make([]*corpus.Doc, 0, len(all))
		next := analyzeBatch
		// Progress (count, rate, time left) is logged every few seconds
		// of a long load, and read by the console for its bar.
		tracker := progress.Start("articles", len(all), progress.Options{Log: log, LogEvery: opts.ProgressEvery})
		l.progress.Store(tracker)
		defer func() {
			tracker.Finish()
			l.progress.Store(nil)
		}()
		for i, a := range all {
			if ctx.Err() != nil {
				return
			}
			d, ok := analysed[a]
			if !ok {
				d = corpus.Analyze(a)
			}
			docs = append(docs, d)
			tracker.Add(1)
			if i+1 == next && i+1 < len(all) {
				store.Update(append([]*corpus.Doc(nil), docs...))
				next *= 2
			}
		}
		store.Update(docs)
		if len(docs) == 0 {
			log.Error("no articles loaded: check NEWSBOT_ARTICLES and the warnings above; every command will answer \"not found\"", "paths", opts.Paths)
		}
		log.Info("articles loaded", "articles", len(docs), "quotes", store.Current().QuoteCount(), "took", time.Since(start).Round(time.Millisecond))
	}()
	return l
}

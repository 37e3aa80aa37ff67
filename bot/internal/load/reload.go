package load

import (
	"log/slog"
	"sync"
	"time"

	"newsbot/data/article"
	"newsbot/data/corpus"
)

// reloadState is what hot reloading keeps between reloads.
type reloadState struct {
	mu       sync.Mutex // one reload at a time
	opts     Options
	defaults []*corpus.Doc   // the analysed embedded articles
	warned   map[string]bool // warnings already logged ("path: reason")
	warnMu   sync.Mutex      // guards warned
}

// warnOnce logs each warning the first time it is seen: a bad file keeps
// its one warning however often its folder is reloaded, and a file that
// was fixed and broke again in another way is warned about again.
func (l *Loader) warnOnce(log *slog.Logger, warns []article.Warning) {
	l.reload.warnMu.Lock()
	defer l.reload.warnMu.Unlock()
	if l.reload.warned == nil {
		l.reload.warned = map[string]bool{}
	}
	for _, w := range warns {
		if k := w.String(); !l.reload.warned[k] {
			l.reload.warned[k] = true
			log.Warn("skipped article file", "file", w.Path, "reason", w.Reason)
		}
	}
}

// Reload reads the article folders again and swaps in a corpus of what
// they hold now, once it is complete: answers never come from a half
// loaded corpus. Articles that did not change keep their analysis (a Doc
// is immutable and keyed by the article's whole content), so an edit costs
// the analysis of the files edited, their indexing in a new segment of the
// shared quotation and sentence indexes (the old versions tombstoned, see
// corpus.Store.Update) and a rebuild of the small titles and people
// indexes. It waits for the first load to finish.
func (l *Loader) Reload(log *slog.Logger) {
	<-l.done
	l.reload.mu.Lock()
	defer l.reload.mu.Unlock()
	start := time.Now()
	opts := l.reload.opts
	var defaults []article.Article
	for _, d := range l.reload.defaults {
		defaults = append(defaults, d.Article)
	}
	var arts []article.Article
	var warns []article.Warning
	for _, p := range opts.Paths {
		a, w := article.LoadPath(p, article.Options{})
		arts, warns = append(arts, a...), append(warns, w...)
	}
	all, w := article.Dedup(append(defaults, arts...))
	l.warnOnce(log, append(warns, w...))
	old := l.Store.Current()
	analysed := make(map[article.Article]*corpus.Doc, len(old.Docs))
	for _, d := range old.Docs {
		analysed[d.Article] = d
	}
	docs := make([]*corpus.Doc, 0, len(all))
	fresh := 0
	for _, a := range all {
		d, ok := analysed[a]
		if !ok {
			d = corpus.Analyze(a)
			fresh++
		}
		docs = append(docs, d)
	}
	if fresh == 0 && len(docs) == len(old.Docs) {
		return // nothing an answer would show changed (a swap file, a touch)
	}
	l.Store.Update(docs)
	log.Info("articles reloaded", "articles", len(docs), "analysed", fresh, "took", time.Since(start).Round(time.Millisecond))
}

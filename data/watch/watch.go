// Package watch tells when anything under a set of article folders changes,
// so that the bot can reload them while it runs.
//
// fsnotify watches single folders, not trees, so every sub-folder is
// watched too, and folders created later are added as they appear. Editors
// save by writing a temporary file and renaming it over the old one, and
// copying a folder in makes hundreds of events: events are therefore
// gathered until the tree has been quiet for a moment (Options.Quiet) and
// then reported as one change. A watched path that is a single file is
// watched through its folder, since a rename replaces the file's inode.
package watch

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultQuiet is how long the folders must be still before a change is
// reported: long enough to gather one save or copy, short enough that a
// change is served within a couple of seconds.
const DefaultQuiet = 500 * time.Millisecond

// Options configure Run.
type Options struct {
	Quiet time.Duration // 0: DefaultQuiet
	Log   *slog.Logger
}

// Run watches paths (folders, searched recursively, or files) until ctx
// ends, calling changed after each burst of changes. It returns an error
// only when watching cannot start at all.
func Run(ctx context.Context, paths []string, opts Options, changed func()) error {
	if opts.Quiet <= 0 {
		opts.Quiet = DefaultQuiet
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch article folders: %w", err)
	}
	defer w.Close()
	files := map[string]bool{} // lone files watched through their folder
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			// A folder that does not exist yet cannot be watched; the
			// loader has already warned about it.
			opts.Log.Warn("not watching article path", "path", p, "err", err)
			continue
		}
		if !info.IsDir() {
			abs, _ := filepath.Abs(p)
			files[abs] = true
			if err := w.Add(filepath.Dir(p)); err != nil {
				opts.Log.Warn("not watching article file", "path", p, "err", err)
			}
			continue
		}
		addTree(w, p, opts.Log)
	}
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if hidden(ev.Name) {
				continue
			}
			if len(files) > 0 && !files[absPath(ev.Name)] && !isWatchedTree(ev.Name, paths) {
				continue // another file beside a watched lone file
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					addTree(w, ev.Name, opts.Log)
				}
			}
			if timer == nil {
				timer = time.NewTimer(opts.Quiet)
			} else {
				timer.Reset(opts.Quiet)
			}
			fire = timer.C
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflow loses events: reload to be sure.
			opts.Log.Warn("watching article folders", "err", err)
			if timer == nil {
				timer = time.NewTimer(opts.Quiet)
			} else {
				timer.Reset(opts.Quiet)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			changed()
		}
	}
}

// addTree watches dir and every folder under it, skipping hidden ones as
// the loader does.
func addTree(w *fsnotify.Watcher, dir string, log *slog.Logger) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if err := w.Add(p); err != nil {
			log.Warn("not watching article folder", "path", p, "err", err)
		}
		return nil
	})
}

// hidden tells editor swap files and other dot files, which are never
// articles (vim's .x.swp, emacs's .#x).
func hidden(p string) bool {
	b := filepath.Base(p)
	return strings.HasPrefix(b, ".") || strings.HasSuffix(b, "~")
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// isWatchedTree tells whether p is inside one of the watched folders.
func isWatchedTree(p string, paths []string) bool {
	ap := absPath(p)
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil || !info.IsDir() {
			continue
		}
		r := absPath(root)
		if ap == r || strings.HasPrefix(ap, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

package article

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LoadFS loads every article file under root in fsys, recursively and in
// lexical order, then drops repeats and assigns IDs with Dedup. Article and
// warning paths are fsys paths, e.g. "articles/x.txt" for
// LoadFS(data.Articles, "articles", Options{}).
//
// Hidden files and folders (names starting with ".", such as .DS_Store or
// .git) are passed over silently: they are never articles.
func LoadFS(fsys fs.FS, root string, opts Options) ([]Article, []Warning) {
	l := loader{fsys: fsys, opts: opts, name: func(p string) string { return p }}
	l.walk(root)
	arts, w := Dedup(l.arts)
	return arts, append(l.warns, w...)
}

// LoadPath loads the article file at path, or every article file in the
// folder at path (recursively), then drops repeats and assigns IDs with
// Dedup. A path that cannot be read is a warning, not an error: the caller
// goes on with whatever else it loaded.
func LoadPath(p string, opts Options) ([]Article, []Warning) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, []Warning{{Path: p, Reason: errorReason(err)}}
	}
	base := p
	root := "."
	if !info.IsDir() {
		// Load a lone file through the same path as a folder's files, so
		// the size check and reading are shared.
		base, root = filepath.Dir(p), filepath.Base(p)
	}
	l := loader{
		fsys: os.DirFS(base),
		opts: opts,
		name: func(rel string) string {
			if !info.IsDir() {
				return p
			}
			return filepath.Join(base, filepath.FromSlash(rel))
		},
		explicit: !info.IsDir(),
	}
	l.walk(root)
	arts, w := Dedup(l.arts)
	return arts, append(l.warns, w...)
}

// loader collects articles and warnings from one walk.
type loader struct {
	fsys     fs.FS
	opts     Options
	name     func(fsPath string) string // how a file is named to the user
	explicit bool                       // root is a file the user named
	arts     []Article
	warns    []Warning
}

func (l *loader) warn(fsPath, reason string) {
	l.warns = append(l.warns, Warning{Path: l.name(fsPath), Reason: reason})
}

func (l *loader) walk(root string) {
	err := fs.WalkDir(l.fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// An unreadable folder or file: name it and go on with the rest.
			if errors.Is(err, fs.ErrNotExist) {
				l.warn(p, errorReason(err))
			} else {
				l.warn(p, "cannot read: "+errorReason(err))
			}
			if d != nil && d.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		l.file(p, d)
		return nil
	})
	if err != nil {
		l.warn(root, "cannot read: "+errorReason(err))
	}
}

// file loads one file, adding its articles or exactly one warning.
func (l *loader) file(p string, d fs.DirEntry) {
	if formatFor(p) == nil {
		l.warn(p, ErrUnknownExt.Error())
		return
	}
	info, err := fs.Stat(l.fsys, p) // follows symbolic links, unlike d.Info
	if err != nil {
		l.warn(p, "cannot read: "+errorReason(err))
		return
	}
	if !info.Mode().IsRegular() {
		l.warn(p, "not a regular file")
		return
	}
	limit := l.opts.Limit()
	if info.Size() > limit {
		l.warn(p, fmt.Sprintf("%v (%d bytes; the limit is %d)", ErrTooLarge, info.Size(), limit))
		return
	}
	data, err := readLimited(l.fsys, p, limit)
	if err != nil {
		l.warn(p, errorReason(err))
		return
	}
	arts, err := Parse(l.name(p), data)
	if err != nil {
		l.warn(p, err.Error())
	}
	l.arts = append(l.arts, arts...)
}

// readLimited reads at most limit bytes of a file and fails if there is
// more: the size was checked before, but a file can grow in between.
func readLimited(fsys fs.FS, p string, limit int64) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", errorReason(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", errorReason(err))
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w (over the limit of %d bytes)", ErrTooLarge, limit)
	}
	return data, nil
}

// errorReason strips the path that fs errors repeat, since the warning
// already names the file.
func errorReason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file or folder"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

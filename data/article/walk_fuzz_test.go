package article

import (
	"path"
	"strings"
	"testing"
	"testing/fstest"
)

// fuzzFolder turns fuzz input into a folder: records separated by "\x00",
// each "path\x01content". Paths are cleaned and kept under the root; a
// record without content is a file with no bytes.
func fuzzFolder(spec string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, rec := range strings.Split(spec, "\x00") {
		name, content, _ := strings.Cut(rec, "\x01")
		name = strings.Trim(path.Clean("/"+name), "/")
		if name == "" || name == "." || !fsValidPath("root/"+name) {
			continue
		}
		fsys["root/"+name] = &fstest.MapFile{Data: []byte(content)}
	}
	return fsys
}

// fsValidPath reports whether p has only the elements fs.ValidPath accepts
// (no empty, "." or ".." element).
func fsValidPath(p string) bool {
	for _, el := range strings.Split(p, "/") {
		if el == "" || el == "." || el == ".." {
			return false
		}
	}
	return true
}

// FuzzLoadFS drives the folder walker with arbitrary folders: nested paths,
// hidden names, every extension, broken and repeated contents. Whatever it
// is given, it must not panic, every article it returns must be usable
// (title and body present and trimmed, a unique ID, a path under the
// folder), every warning must name a path and a reason, and no visible
// file may vanish: each one either gives an article or is warned about
// (itself, or a folder above it that could not be read).
func FuzzLoadFS(f *testing.F) {
	seeds := []string{
		"a.txt\x01Harbour wall\nThe mayor said: “It will be rebuilt.”",
		"a.txt\x01Harbour wall\nSame body.\x00b/c.txt\x01Harbour wall\nSame body.",
		"x.json\x01[{\"title\":\"T\",\"text\":\"B\"},{\"title\":1},{}]\x00y.md\x01---\ntitle: [\n---\nbody",
		".hidden/a.txt\x01T\nB\x00.DS_Store\x01junk\x00deep/er/still/z.markdown\x01# Title\nText.",
		"bin.txt\x01\x00\x01\x02\xff\x00empty.txt\x00note.pdf\x01%PDF",
		"page.html\x01<html><head><title>Ferry</title></head><body><article><p>The ferry ran late, a pilot said.</p></article></body></html>",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		fsys := fuzzFolder(spec)
		arts, warns := LoadFS(fsys, "root", Options{MaxSize: 64 << 10})
		ids := map[string]bool{}
		fromFile := map[string]bool{}
		for _, a := range arts {
			if a.Title == "" || strings.TrimSpace(a.Title) != a.Title {
				t.Fatalf("bad title %q from %s", a.Title, a.Path)
			}
			if a.Body == "" || strings.TrimSpace(a.Body) != a.Body {
				t.Fatalf("bad body %q from %s", a.Body, a.Path)
			}
			if a.ID == "" || ids[a.ID] {
				t.Fatalf("ID %q empty or repeated (%s)", a.ID, a.Path)
			}
			ids[a.ID] = true
			file := entryFile(a.Path)
			if _, ok := fsys[file]; !ok {
				t.Fatalf("article path %q is no file of the folder", a.Path)
			}
			fromFile[file] = true
		}
		warned := map[string]bool{}
		for _, w := range warns {
			if w.Path == "" || w.Reason == "" {
				t.Fatalf("warning without path or reason: %+v", w)
			}
			file := entryFile(w.Path)
			warned[file] = true
		}
		for name := range fsys {
			if hidden(name) {
				continue
			}
			if !fromFile[name] && !warnedAbove(warned, name) {
				t.Fatalf("%s gave neither an article nor a warning", name)
			}
		}
	})
}

// hidden reports whether a folder path has an element below the root that
// starts with a dot: the walker passes those over silently.
func hidden(name string) bool {
	for _, el := range strings.Split(strings.TrimPrefix(name, "root/"), "/") {
		if strings.HasPrefix(el, ".") {
			return true
		}
	}
	return false
}

// entryFile strips the "[i]" that names entry i of a JSON array from an
// article or warning path, leaving the file's path.
func entryFile(p string) string {
	if !strings.HasSuffix(p, "]") {
		return p
	}
	i := strings.LastIndexByte(p, '[')
	if i < 0 || i+2 >= len(p) {
		return p
	}
	for _, c := range p[i+1 : len(p)-1] {
		if c < '0' || c > '9' {
			return p
		}
	}
	return p[:i]
}

// warnedAbove reports whether name or one of the folders above it was
// warned about: a folder that cannot be read is named once for all it holds.
func warnedAbove(warned map[string]bool, name string) bool {
	for p := name; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if warned[p] {
			return true
		}
	}
	return false
}

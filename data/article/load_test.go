package article

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"newsbot/data"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// mixedMax is the size limit for the mixed folder: big.txt is over it,
// every other file is well under.
const mixedMax = 4096

// TestLoadPathMixedFolder: a folder of good and bad files loads every good
// one and names every bad one, once, with its reason.
func TestLoadPathMixedFolder(t *testing.T) {
	root := filepath.Join("testdata", "mixed")
	arts, warns := LoadPath(root, Options{MaxSize: mixedMax})

	wantTitles := []string{ // in load (lexical path) order
		"Ferry Timetable Changes", // briefs.json[0]
		"Museum Wins Award",       // briefs.json[2]
		"Council Passes Budget",   // budget.json
		"Harbour Bridge Reopens After Repairs",
		"Town Library Extends Hours",  // library.markdown
		"Night Market Returns",        // nested/CAPS.TXT
		"School Garden Opens",         // nested/deeper/school-garden.txt
		"Rail Workers Vote to Strike", // rail-strike.md
	}
	var gotTitles []string
	for _, a := range arts {
		gotTitles = append(gotTitles, a.Title)
	}
	if !reflect.DeepEqual(gotTitles, wantTitles) {
		t.Errorf("titles:\n got %q\nwant %q", gotTitles, wantTitles)
	}

	wantWarn := map[string]string{ // file → part of its reason
		"big.txt":                     "too large",
		"binary.txt":                  "binary",
		"blank.md":                    "empty",
		"empty.txt":                   "empty",
		"latin1.txt":                  "not valid UTF-8",
		"utf16.txt":                   "UTF-16",
		"title-only.txt":              "no body",
		"no-title.md":                 "no title",
		"bad-front-matter.md":         "malformed front matter",
		"malformed.json":              "malformed JSON",
		"no-text.json":                `"text" is missing or empty`,
		"photo.png":                   "unknown file extension",
		"README":                      "unknown file extension",
		"briefs.json":                 "[1] no title",
		"reposted-harbour-bridge.txt": "duplicate of " + filepath.Join(root, "harbour-bridge.txt"),
	}
	seen := map[string]int{}
	for _, w := range warns {
		rel, err := filepath.Rel(root, w.Path)
		if err != nil {
			t.Fatalf("warning path %q not under %q", w.Path, root)
		}
		rel = filepath.ToSlash(rel)
		seen[rel]++
		want, ok := wantWarn[rel]
		if !ok {
			t.Errorf("unexpected warning %v", w)
			continue
		}
		if !strings.Contains(w.Reason, want) {
			t.Errorf("warning for %s = %q, want it to contain %q", rel, w.Reason, want)
		}
	}
	for f := range wantWarn {
		if seen[f] != 1 {
			t.Errorf("%s: %d warnings, want exactly 1", f, seen[f])
		}
	}

	// The whole result, IDs and bodies included, is pinned by a golden file.
	checkGolden(t, "mixed.golden.json", struct {
		Articles []Article
		Warnings []string
	}{arts, warningStrings(warns, root)})
}

func warningStrings(ws []Warning, root string) []string {
	var out []string
	for _, w := range ws {
		out = append(out, filepath.ToSlash(strings.ReplaceAll(w.String(), root, "ROOT")))
	}
	return out
}

func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run go test -update once): %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("result differs from %s (rerun with -update and review the diff):\n%s", path, got)
	}
}

func TestLoadPathArticleFields(t *testing.T) {
	arts, _ := LoadPath(filepath.Join("testdata", "mixed"), Options{MaxSize: mixedMax})
	byTitle := map[string]Article{}
	for _, a := range arts {
		byTitle[a.Title] = a
	}
	rail := byTitle["Rail Workers Vote to Strike"]
	want := Article{
		ID:     "rail-workers-vote-to-strike",
		Title:  "Rail Workers Vote to Strike",
		Date:   "2025-03-14",
		Source: "The Daily Example",
		URL:    "https://example.com/rail-strike",
		Author: "Sam O'Neill",
		Path:   filepath.Join("testdata", "mixed", "rail-strike.md"),
		Body: "Rail workers have voted to strike over pay, their union said on Friday.\n\n" +
			"The union leader, Jo Park, said:\n\n" +
			"\"We did not want this, but we have been left no choice.\"\n\n" +
			"Trains will not run on Tuesday.\n\nBuses will run as normal.\n\nStatement ends.",
	}
	if !reflect.DeepEqual(rail, want) {
		t.Errorf("rail-strike.md\n got %#v\nwant %#v", rail, want)
	}
	if got := byTitle["Ferry Timetable Changes"].Path; got != filepath.Join("testdata", "mixed", "briefs.json")+"[0]" {
		t.Errorf("JSON array entry path = %q", got)
	}
}

func TestLoadPathCases(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("one/good.txt", "Good Title\nGood body.")
	big := write("two/big.txt", "Big\n"+strings.Repeat("x", 100))
	odd := write("two/notes.rtf", "Title\nBody")
	hidden := write("two/.hidden.txt", "Hidden\nHidden body.")
	linkDir := filepath.Join(dir, "three")
	if err := os.MkdirAll(linkDir, 0o755); err != nil {
		t.Fatal(err)
	}
	canLink := os.Symlink(good, filepath.Join(linkDir, "link.txt")) == nil &&
		os.Symlink(filepath.Join(dir, "one"), filepath.Join(linkDir, "dirlink.txt")) == nil

	tests := []struct {
		name      string
		path      string
		opts      Options
		wantTitle []string
		wantWarn  []string // "base name: reason part"
	}{
		{"single file", good, Options{}, []string{"Good Title"}, nil},
		{"single hidden file named explicitly", hidden, Options{}, []string{"Hidden"}, nil},
		{"missing path", filepath.Join(dir, "nope"), Options{}, nil, []string{"nope: no such file or folder"}},
		{"single unknown extension", odd, Options{}, nil, []string{"notes.rtf: unknown file extension"}},
		{"single file over limit", big, Options{MaxSize: 50}, nil, []string{"big.txt: too large (104 bytes; the limit is 50)"}},
		{"single file at limit", big, Options{MaxSize: 104}, []string{"Big"}, nil},
		{"default limit is 5 MiB", big, Options{}, []string{"Big"}, nil},
		{"folder skips hidden, warns unknown", filepath.Join(dir, "two"), Options{}, []string{"Big"}, []string{"notes.rtf: unknown file extension"}},
	}
	if canLink {
		tests = append(tests, struct {
			name      string
			path      string
			opts      Options
			wantTitle []string
			wantWarn  []string
		}{"symlinks: file followed, folder not", linkDir, Options{}, []string{"Good Title"}, []string{"dirlink.txt: not a regular file"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, warns := LoadPath(tt.path, tt.opts)
			var titles []string
			for _, a := range arts {
				titles = append(titles, a.Title)
				if a.ID == "" {
					t.Errorf("%s has no ID", a.Path)
				}
			}
			if !reflect.DeepEqual(titles, tt.wantTitle) {
				t.Errorf("titles = %q, want %q", titles, tt.wantTitle)
			}
			if len(warns) != len(tt.wantWarn) {
				t.Fatalf("warnings = %v, want %q", warns, tt.wantWarn)
			}
			for i, w := range warns {
				got := filepath.Base(w.Path) + ": " + w.Reason
				if !strings.HasPrefix(got, tt.wantWarn[i]) {
					t.Errorf("warning %d = %q, want prefix %q", i, got, tt.wantWarn[i])
				}
			}
		})
	}
}

// TestLoadFSEmbedded: the defaults that ship in the binary load cleanly,
// with readable paths and the article the design is built on.
func TestLoadFSEmbedded(t *testing.T) {
	arts, warns := LoadFS(data.Articles, "articles", Options{})
	if len(warns) != 0 {
		t.Errorf("warnings loading defaults: %v", warns)
	}
	var found bool
	for _, a := range arts {
		if !strings.HasPrefix(a.Path, "articles/") {
			t.Errorf("path %q does not start with articles/", a.Path)
		}
		if a.ID == "" || a.Title == "" || a.Body == "" {
			t.Errorf("incomplete article %+v", a)
		}
		if a.Path == "articles/keir-starmer-us-role-in-ukraine.txt" {
			found = true
			if a.Title != "Keir Starmer Pushes for US Role in Ukraine to Safeguard European Peace." {
				t.Errorf("title = %q", a.Title)
			}
			if a.ID != "keir-starmer-pushes-for-us-role-in-ukraine-to-safeguard-european" {
				t.Errorf("ID = %q", a.ID)
			}
			if !strings.HasPrefix(a.Body, "Keir Starmer, the Prime Minister of the UK,") ||
				!strings.HasSuffix(a.Body, "benefits both sides.”") {
				t.Errorf("body not verbatim: %.60q … %.60q", a.Body, a.Body[max(0, len(a.Body)-60):])
			}
		}
	}
	if !found {
		t.Errorf("design article not among %d defaults", len(arts))
	}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"news/a.txt":           {Data: []byte("Alpha\nAlpha body.")},
		"news/sub/b.md":        {Data: []byte("# Beta\nBeta body.")},
		"news/sub/c.json":      {Data: []byte(`{"title":"Gamma","text":"Gamma body."}`)},
		"news/.git/config":     {Data: []byte("[core]")},
		"news/skip.bin":        {Data: []byte{0, 1}},
		"news/huge.txt":        {Data: []byte("Huge\n" + strings.Repeat("y", 300))},
		"elsewhere/ignored.md": {Data: []byte("# Not Loaded\nBody.")},
	}
	arts, warns := LoadFS(fsys, "news", Options{MaxSize: 200})
	var got []string
	for _, a := range arts {
		got = append(got, a.ID+"="+a.Path)
	}
	want := []string{"alpha=news/a.txt", "beta=news/sub/b.md", "gamma=news/sub/c.json"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("articles = %q, want %q", got, want)
	}
	var gotW []string
	for _, w := range warns {
		gotW = append(gotW, w.Path)
	}
	if wantW := []string{"news/huge.txt", "news/skip.bin"}; !reflect.DeepEqual(gotW, wantW) {
		t.Errorf("warnings = %v, want paths %q", warns, wantW)
	}

	// A root that does not exist is one warning, not a panic.
	arts, warns = LoadFS(fsys, "missing", Options{})
	if len(arts) != 0 || len(warns) != 1 || warns[0].Path != "missing" {
		t.Errorf("missing root: %v %v", arts, warns)
	}
}

func TestDedup(t *testing.T) {
	in := []Article{
		{Title: "Budget Vote", Body: "The council voted.", Path: "a.txt"},
		{Title: "Budget vote!", Body: "Another story.", Path: "b.txt"},
		{Title: "Budget Vote", Body: "  THE council\n voted. ", Path: "c.txt"}, // same text, other case and spacing
		{Title: "Budget Vote 2", Body: "Third story.", Path: "d.txt"},
		{Title: "Budget Vote", Body: "Fourth story.", Path: "e.txt"},
		{Title: "“Curly” — Quotes", Body: "He said “yes” – twice.", Path: "f.txt"},
		{Title: "Straight", Body: "He said \"yes\" - twice.", Path: "g.txt"}, // same once folded
		{Title: "???", Body: "No letters in the title.", Path: "h.txt", ID: "old-id"},
	}
	got, warns := Dedup(in)
	var ids []string
	for _, a := range got {
		ids = append(ids, a.ID+"="+a.Path)
	}
	want := []string{
		"budget-vote=a.txt",
		"budget-vote-2=b.txt",
		"budget-vote-2-2=d.txt", // its own slug was taken by the collision suffix
		"budget-vote-3=e.txt",
		"curly-quotes=f.txt",
		"article=h.txt",
	}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("ids:\n got %q\nwant %q", ids, want)
	}
	wantW := []Warning{
		{Path: "c.txt", Reason: "duplicate of a.txt (same text); skipped"},
		{Path: "g.txt", Reason: "duplicate of f.txt (same text); skipped"},
	}
	if !reflect.DeepEqual(warns, wantW) {
		t.Errorf("warnings = %v, want %v", warns, wantW)
	}
	if in[0].ID != "" {
		t.Error("Dedup modified its input")
	}

	// Stable: the same input gives the same IDs, and merging a set with
	// itself keeps the first copy of each with its ID.
	again, _ := Dedup(in)
	merged, mw := Dedup(append(append([]Article(nil), got...), in...))
	if !reflect.DeepEqual(again, got) || !reflect.DeepEqual(merged, got) {
		t.Errorf("Dedup not stable:\n%v\n%v\n%v", got, again, merged)
	}
	if len(mw) != len(in) {
		t.Errorf("merged warnings = %d, want %d", len(mw), len(in))
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Keir Starmer Pushes for US Role", "keir-starmer-pushes-for-us-role"},
		{"  Starmer's “Backstop” — Explained!  ", "starmers-backstop-explained"},
		{"Café in São Paulo", "cafe-in-sao-paulo"},
		{"2.5% Growth in Q3", "2-5-growth-in-q3"},
		{"Москва: новости", "москва-новости"},
		{"", "article"},
		{"!!!", "article"},
		{strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 13), "-")},
		{strings.Repeat("word ", 13) + "more", strings.TrimSuffix(strings.Repeat("word-", 13), "-")},
		{strings.Repeat("x", 100), strings.Repeat("x", 64)},
		{strings.Repeat("é", 100), strings.Repeat("e", 64)},
		{strings.Repeat("ж", 40), strings.Repeat("ж", 32)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWarningString(t *testing.T) {
	w := Warning{Path: "x.txt", Reason: "empty file"}
	if w.String() != "x.txt: empty file" {
		t.Errorf("String() = %q", w.String())
	}
	if !errors.Is(fmt.Errorf("wrapped: %w", ErrEmpty), ErrEmpty) {
		t.Error("sentinels must survive wrapping")
	}
}

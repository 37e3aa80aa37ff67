package console

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"newsbot/commands"
	"newsbot/data/collection"
	"newsbot/data/corpus"
	"newsbot/data/corpus/corpustest"
	"newsbot/data/store"
)

// definitionsOnly is a library whose commands' definitions are all the
// test needs: any call panics.
type definitionsOnly struct{ commands.Library }

// TestParseSubcommands: the moderator commands' sub-commands, their
// options, and attachment options naming local files.
func TestParseSubcommands(t *testing.T) {
	r := commands.New(commands.WithLibrary(definitionsOnly{}))
	abs, _ := filepath.Abs("notes/story.md")
	t.Setenv("HOME", "/home/operator")
	home, _ := os.UserHomeDir()
	tests := []struct {
		line string
		sub  string
		opts map[string]string
		file string // the attachment's URL, "" for none
	}{
		{"/feed add url: https://gazette.example/rss.xml", "add", map[string]string{"url": "https://gazette.example/rss.xml"}, ""},
		{"/feed ADD https://gazette.example/rss.xml", "add", map[string]string{"url": "https://gazette.example/rss.xml"}, ""},
		{"/feed list", "list", map[string]string{}, ""},
		{"/feed remove feed: Portby Gazette", "remove", map[string]string{"feed": "Portby Gazette"}, ""},
		{"/feed", "", map[string]string{}, ""},
		{"/feed sideways url: x", "", map[string]string{}, ""},
		{"/article add url: https://gazette.example/harbour-wall", "add", map[string]string{"url": "https://gazette.example/harbour-wall"}, ""},
		{"/article add file: notes/story.md", "add", map[string]string{}, "file://" + filepath.ToSlash(abs)},
		{"/article add file: ~/notes/story.md", "add", map[string]string{}, "file://" + filepath.ToSlash(filepath.Join(home, "notes/story.md"))},
		{"/article add file:", "add", map[string]string{}, ""},
		{"/article remove Harbour wall: the vote", "remove", map[string]string{"article": "Harbour wall: the vote"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			req, _ := parseConsoleLine(r, tt.line)
			if req.Subcommand != tt.sub {
				t.Errorf("sub-command %q, want %q", req.Subcommand, tt.sub)
			}
			if len(req.Options) != len(tt.opts) {
				t.Errorf("options %v, want %v", req.Options, tt.opts)
			}
			for k, v := range tt.opts {
				if req.Options[k] != v {
					t.Errorf("%s = %q, want %q", k, req.Options[k], v)
				}
			}
			att, ok := req.Attachments["file"]
			if got := att.URL; got != tt.file || ok != (tt.file != "") {
				t.Errorf("file attachment %q (%v), want %q", got, ok, tt.file)
			}
			if ok && att.Filename != "story.md" {
				t.Errorf("attachment named %q", att.Filename)
			}
		})
	}
}

// TestLocalFiles: /article add file: on the console reads the named file,
// and refuses with a reason what is not a readable article file.
func TestLocalFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("quay.md", []byte("# Quay lights to stay on\n\n“The lights stay on all night,” said the warden, Ivo Brand.\n"))
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	f, _ := os.Create(big)
	f.Truncate(6 << 20)
	f.Close()
	tests := []struct {
		name    string
		path    string
		title   string // of the one article read
		wantErr string
		is      error
	}{
		{"a markdown file", good, "Quay lights to stay on", "", nil},
		{"missing", filepath.Join(dir, "gone.txt"), "", "no such file", nil},
		{"a folder", write("x", nil)[:len(dir)], "", "not a regular file", nil},
		{"a FIFO never blocks", fifo, "", "not a regular file", nil},
		{"over the size limit", big, "", "the limit is 5 MB", nil},
		{"not an article type", write("photo.png", []byte("png")), "", "", collection.ErrFileType},
		{"empty", write("empty.txt", nil), "", "empty", nil},
	}
	lib := LocalFiles(definitionsOnly{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			att := fileAttachment(tt.path)
			arts, err := lib.Upload(t.Context(), att.URL, att.Filename, att.Size)
			switch {
			case tt.title != "":
				if err != nil || len(arts) != 1 || arts[0].Title != tt.title {
					t.Errorf("read %+v, %v; want %q", arts, err, tt.title)
				}
			case tt.is != nil:
				if !errors.Is(err, tt.is) {
					t.Errorf("err %v, want %v", err, tt.is)
				}
			case err == nil || !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("err %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

// feedsOf is a library that only lists feeds, recording which server asked.
type feedsOf struct {
	commands.Library
	asked *string
}

func (l feedsOf) Feeds(_ context.Context, guildID string) ([]store.Feed, error) {
	*l.asked = guildID
	return []store.Feed{{ID: 1, Collection: guildID, URL: "https://gazette.example/rss.xml", Title: "Portby Gazette"}}, nil
}

// TestConsoleAsOperator: with a server, the console's user acts there with
// the operator's permissions (the moderator commands work on the
// console's collection); without one, they are refused as in a direct
// message (and /help lists them only with a server). The banner says
// where what is added is kept.
func TestConsoleAsOperator(t *testing.T) {
	c := corpustest.Small(t, 0)
	tests := []struct {
		name   string
		opts   Options
		asked  string // the server the library was asked about
		want   []string
		refuse bool
	}{
		{"no server", Options{Interactive: true}, "", []string{"Only in a server"}, true},
		{"the console's server", Options{Interactive: true, Server: Server, Store: "SQLite /state/newsbot.db"}, Server,
			[]string{"Portby Gazette", "kept in SQLite /state/newsbot.db."}, false},
		{"in memory", Options{Interactive: true, Server: Server, Store: "memory", Forgets: true}, Server,
			[]string{"Portby Gazette", "kept in memory only, and lost when you quit"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asked string
			r := commands.New(commands.WithCorpora(commands.StoreCorpora(corpus.NewStore(c))), commands.WithLibrary(feedsOf{asked: &asked}))
			var out bytes.Buffer
			if err := Run(t.Context(), tt.opts, r, corpus.NewStore(c), nil, strings.NewReader("/feed list\n/help\n"), &out); err != nil {
				t.Fatal(err)
			}
			if asked != tt.asked {
				t.Errorf("the library was asked about server %q, want %q", asked, tt.asked)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if tt.refuse == strings.Contains(out.String(), "For moderators (Manage Server)") {
				t.Errorf("/help shows the moderators' commands: %v, want %v", tt.refuse, !tt.refuse)
			}
			if tt.refuse == strings.Contains(out.String(), "Portby Gazette") {
				t.Errorf("refused = %v, output:\n%s", !tt.refuse, out.String())
			}
		})
	}
}

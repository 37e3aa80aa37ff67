package console

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
	"newsbot/data/article"
	"newsbot/data/collection"
)

// Server is the collection the console adds to and answers from, as if it
// were a Discord server: the store keeps its articles and feeds like any
// server's, so they are there at the next run. Discord's server IDs are
// numbers, so it can never be one of theirs.
const Server = "console"

// User is who the console's changes are recorded as having been made by.
const User = "console"

// operator is the console user's permissions: they run the bot, so they
// may do what a server's moderators may (the moderator commands check for
// Manage Server).
const operator int64 = discordgo.PermissionManageGuild

// fileScheme marks an attachment the console gave as a local file: on
// the console "/article add file: notes/story.md" names a file on disk
// where Discord would upload one.
const fileScheme = "file"

// LocalFiles wraps lib so that /article add file: reads a file on this
// machine (named on the console line) rather than downloading an upload;
// everything else goes to lib.
func LocalFiles(lib commands.Library) commands.Library { return localFiles{lib} }

type localFiles struct{ commands.Library }

// Upload reads a local file named by a file: URL (see fileAttachment);
// any other URL is lib's to download.
func (l localFiles) Upload(ctx context.Context, rawURL, filename string, size int) ([]article.Article, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != fileScheme {
		return l.Library.Upload(ctx, rawURL, filename, size)
	}
	data, err := readLocal(u.Path)
	if err != nil {
		return nil, err
	}
	arts, err := article.Parse(filename, data)
	if errors.Is(err, article.ErrUnknownExt) {
		return nil, collection.ErrFileType
	}
	return arts, err
}

// readLocal reads a regular file of at most article.DefaultMaxSize bytes:
// a device or a FIFO named by mistake must not block the console or feed
// it without end.
func readLocal(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	limit := article.DefaultMaxSize
	if st.Size() > limit {
		return nil, fmt.Errorf("the file is %d MB; the limit is %d MB", (st.Size()+(1<<19))>>20, limit>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("the file is over %d MB, the limit", limit>>20)
	}
	return data, nil
}

// unwrapPath drops the *PathError's own copy of the path, which the
// message already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fileAttachment is the attachment for a local file named on a console
// line: relative names are taken from the working directory, and "~/" is
// the home directory (as a shell would read it; the console has none).
func fileAttachment(name string) commands.Attachment {
	name = strings.TrimSpace(name)
	if rest, ok := strings.CutPrefix(name, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			name = filepath.Join(home, rest)
		}
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		abs = name
	}
	u := url.URL{Scheme: fileScheme, Path: filepath.ToSlash(abs)}
	return commands.Attachment{URL: u.String(), Filename: filepath.Base(name)}
}

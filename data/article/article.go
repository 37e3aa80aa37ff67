// Package article defines a news article and loads articles from files:
// .txt, .md (with optional YAML front matter), .json and .html (a saved web
// page, reduced to its article text by readability).
//
// Loading never stops at a bad file: every file that cannot be used is
// skipped with exactly one Warning naming it and the reason, and every good
// file still loads. The loaders also drop repeated articles and give each
// article a stable, unique ID (see Dedup).
package article

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// Article is one loaded news article. Body is the plain text that every
// analysis works on; byte offsets elsewhere refer to it.
type Article struct {
	ID     string `json:"id"` // stable, unique slug of the title
	Title  string `json:"title"`
	Body   string `json:"text"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Author string `json:"author,omitempty"`
	// Path says where the article came from: the file's path as the loader
	// was given it ("articles/x.txt" for the embedded defaults, the disk path
	// for LoadPath), with "[i]" appended for entry i of a JSON array.
	Path string `json:"path"`
}

// Warning names a file (or an entry of one) that was skipped and why.
type Warning struct {
	Path   string
	Reason string
}

// String renders the warning as "path: reason" for logs and stderr.
func (w Warning) String() string { return w.Path + ": " + w.Reason }

// DefaultMaxSize is the size limit used when Options.MaxSize is 0: news
// articles are a few kilobytes, so anything past 5 MiB is not one.
const DefaultMaxSize int64 = 5 << 20

// Options tunes the loaders.
type Options struct {
	// MaxSize is the largest file, in bytes, that is read; bigger files are
	// skipped with a warning. 0 means DefaultMaxSize.
	MaxSize int64
}

// Limit returns the size limit in bytes that the options give: MaxSize, or
// DefaultMaxSize when that is 0. Callers that get bytes some other way (an
// upload) should apply it before calling Parse.
func (o Options) Limit() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Errors that describe why a file was skipped; Parse wraps them, so callers
// can test with errors.Is.
var (
	ErrEmpty         = errors.New("empty file")
	ErrBinary        = errors.New("binary file (contains NUL bytes)")
	ErrUTF16         = errors.New("UTF-16 text is not supported (save the file as UTF-8)")
	ErrNotUTF8       = errors.New("not valid UTF-8 text")
	ErrNoTitle       = errors.New("no title")
	ErrNoBody        = errors.New("no body text")
	ErrTooLarge      = errors.New("too large")
	ErrUnknownExt    = errors.New("unknown file extension (want .txt, .md, .markdown, .json or .html)")
	ErrFrontMatter   = errors.New("malformed front matter")
	ErrMalformedJSON = errors.New("malformed JSON")
)

// format is a parser for one file format's already-checked text.
type format func(name, text string) ([]Article, error)

// formatFor picks the parser for a file name by its extension, ignoring
// case. It returns nil for extensions that are not articles.
func formatFor(name string) format {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text":
		return parseTXT
	case ".md", ".markdown":
		return parseMD
	case ".json":
		return parseJSON
	case ".html", ".htm", ".xhtml":
		return parseHTML
	}
	return nil
}

// Parse reads the articles in one file's bytes; name (a file name or path)
// chooses the format by its extension and becomes each article's Path.
// It checks the bytes first (empty, binary, UTF-16, not UTF-8) and then the
// format. IDs are left empty: Dedup assigns them once the whole set is known.
//
// A JSON array may hold both good and bad entries: Parse then returns the
// good articles together with an error that lists the skipped entries.
func Parse(name string, data []byte) ([]Article, error) {
	parse := formatFor(name)
	if parse == nil {
		return nil, ErrUnknownExt
	}
	text, err := checkText(data)
	if err != nil {
		return nil, err
	}
	return parse(name, text)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkText validates raw file bytes and returns them as text with a UTF-8
// byte order mark removed and line endings normalised to "\n".
func checkText(data []byte) (string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ErrEmpty
	}
	// UTF-16 files (what some Windows editors save as "Unicode") are full of
	// NUL bytes; name the real problem rather than calling them binary.
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return "", ErrUTF16
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", ErrBinary
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		return "", ErrNotUTF8
	}
	s := string(data)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if strings.TrimSpace(s) == "" {
		return "", ErrEmpty
	}
	return s, nil
}

// finish trims and checks an article's title and body.
func finish(a Article) (Article, error) {
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	// Only the ends are trimmed: the body stays verbatim so that byte offsets
	// and quotations match what the author wrote.
	a.Body = strings.TrimSpace(a.Body)
	if a.Title == "" {
		return a, ErrNoTitle
	}
	if strings.TrimSpace(a.Body) == "" {
		return a, ErrNoBody
	}
	return a, nil
}

// wrapf adds context to a sentinel error: "malformed front matter: line 3: …".
func wrapf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}

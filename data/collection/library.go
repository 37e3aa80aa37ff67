package collection

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"newsbot/data/article"
	"newsbot/data/feed"
	"newsbot/data/fetch"
	"newsbot/data/store"
)

// FetchArticle fetches the page at a link a user gave and extracts its
// article, through the guarded client.
func (m *Manager) FetchArticle(ctx context.Context, raw string) (article.Article, error) {
	u, err := fetch.ParseURL(raw)
	if err != nil {
		return article.Article{}, err
	}
	if m.fetch == nil {
		return article.Article{}, errors.New("fetching links is not configured")
	}
	return m.fetch.Article(ctx, u)
}

// ErrFileType is an upload whose name is not an article format.
var ErrFileType = errors.New("that file type is not an article: use .txt, .md, .json or .html")

// Upload downloads an uploaded file (a Discord attachment, through the
// guarded client) and reads the articles in it by its name's extension:
// .txt, .md, .json (one or an array) or .html. A JSON array may yield
// good articles and an error naming the entries skipped.
func (m *Manager) Upload(ctx context.Context, rawURL, filename string, size int) ([]article.Article, error) {
	switch strings.ToLower(path.Ext(filename)) {
	case ".txt", ".text", ".md", ".markdown", ".json", ".html", ".htm", ".xhtml":
	default:
		return nil, ErrFileType
	}
	limit := article.DefaultMaxSize
	if int64(size) > limit {
		return nil, fmt.Errorf("the file is %d MB; the limit is %d MB", (int64(size)+(1<<19))>>20, limit>>20)
	}
	u, err := fetch.ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if m.fetch == nil {
		return nil, errors.New("downloading uploads is not configured")
	}
	resp, err := m.fetch.Get(ctx, u, fetch.File, fetch.Conditional{})
	if err != nil {
		return nil, err
	}
	return article.Parse(filename, resp.Body)
}

// FeedAdded is a feed a server now follows.
type FeedAdded struct {
	Feed  store.Feed
	Items int // items in the feed now
}

// AddFeed checks that a link is a feed (fetching it once) and follows it
// for the server, then calls FeedAdded (the poller's Poke) so that its
// items are read at once.
func (m *Manager) AddFeed(ctx context.Context, guildID, userID, raw string) (FeedAdded, error) {
	u, err := fetch.ParseURL(raw)
	if err != nil {
		return FeedAdded{}, err
	}
	if m.fetch == nil {
		return FeedAdded{}, errors.New("fetching feeds is not configured")
	}
	parsed, err := feed.Check(ctx, m.fetch, u)
	if err != nil {
		return FeedAdded{}, err
	}
	f, err := m.store.AddFeed(ctx, store.Feed{Collection: guildID, URL: u.String(), Title: strings.TrimSpace(parsed.Title), AddedBy: userID, NextPoll: time.Now()})
	if err != nil {
		return FeedAdded{}, err
	}
	if m.FeedAdded != nil {
		m.FeedAdded()
	}
	return FeedAdded{Feed: f, Items: len(parsed.Items)}, nil
}

// RemoveFeed stops following one of the server's feeds.
func (m *Manager) RemoveFeed(ctx context.Context, guildID string, id int64) (store.Feed, error) {
	return m.store.RemoveFeed(ctx, guildID, id)
}

// Feeds lists the server's feeds.
func (m *Manager) Feeds(ctx context.Context, guildID string) ([]store.Feed, error) {
	return m.store.Feeds(ctx, guildID)
}

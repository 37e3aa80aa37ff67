// Package store keeps what a running newsbot learns and must not forget:
// the articles that servers' moderators add (by link, upload or feed), the
// feeds they follow, and their decisions to remove articles.
//
// One interface, Store, has two backends chosen by configuration: SQLite
// (modernc.org/sqlite, pure Go, a single file: the embedded default) and
// PostgreSQL (jackc/pgx/v5, for several processes sharing one database).
// Both run the same SQL through database/sql; only the schema's column
// types, placeholders and error classification differ (see dialect.go), so
// the contract tests exercise one implementation twice against two real
// engines.
//
// Decisions:
//
//   - Collections are per Discord server (the guild ID). The built-in
//     articles and the operator's NEWSBOT_ARTICLES folders are not stored:
//     they come from the binary and the disk at every start, and every
//     server sees them besides its own collection.
//   - Analyses are recomputed from the text when loading, not cached. The
//     analysis is a pure function of the text that changes with every
//     release (a cache keyed by an analysis version would be thrown away at
//     each upgrade anyway), it costs about a quarter of a millisecond to a
//     few milliseconds an article, and the stored text stays the single
//     source of truth: no cache can disagree with it.
//   - Removal is a decision kept, not a deletion: a removed article keeps
//     its row with who removed it and when, so a feed that offers it again
//     does not bring it back; adding it again by hand does.
//   - Every write is one transaction, and duplicates are refused by unique
//     indexes (same URL, or same normalised text, in one collection), so a
//     crash at any point loses nothing already stored and never stores
//     anything twice.
//   - Times are stored as Unix milliseconds and published dates as the text
//     the source gave, so both engines read them alike.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Article is one stored article of a server's collection.
type Article struct {
	ID         int64  // assigned by the store
	Collection string // the Discord server (guild) ID
	Title      string
	Body       string
	URL        string // the source URL, "" for an upload without one
	Outlet     string // the publication, e.g. "Portby Gazette"
	Author     string
	Published  string // the publication date as the source gave it
	AddedBy    string // Discord user ID, or "feed:<id>"
	AddedAt    time.Time
	FeedID     int64 // the feed it came from; 0 when added by hand
}

// Feed is one followed news feed of a server.
type Feed struct {
	ID           int64
	Collection   string
	URL          string
	Title        string // the feed's own title, once polled
	ETag         string // validators for a conditional GET
	LastModified string
	LastPoll     time.Time // zero: never polled
	NextPoll     time.Time // when the poller should look again
	Failures     int       // consecutive failed polls
	LastError    string    // why the last poll failed, for /feed list
	Disabled     bool      // too many failures: no longer polled
	AddedBy      string
	AddedAt      time.Time
	// Day is the UTC day (YYYY-MM-DD) that DayCount counts articles for:
	// the cap on new articles per feed per day.
	Day      string
	DayCount int
}

// FeedState is what a poll changes about a feed.
type FeedState struct {
	Title        string
	ETag         string
	LastModified string
	LastPoll     time.Time
	NextPoll     time.Time
	Failures     int
	LastError    string
	Disabled     bool
}

// Store is the persistent part of newsbot's corpus. Implementations are
// safe for concurrent use.
type Store interface {
	// AddArticle stores a in its collection and returns it with ID and
	// AddedAt set. A live article with the same URL or text is
	// ErrDuplicate (a *DuplicateError naming it); one that a moderator
	// removed is brought back.
	AddArticle(ctx context.Context, a Article) (Article, error)
	// RemoveArticle records that by removed article id from collection and
	// returns it; ErrNotFound if it is not a live article there.
	RemoveArticle(ctx context.Context, collection string, id int64, by string) (Article, error)
	// Articles returns a collection's live articles, oldest first.
	Articles(ctx context.Context, collection string) ([]Article, error)
	// Collections returns the collections that have live articles.
	Collections(ctx context.Context) ([]string, error)

	// AddFeed follows a feed; ErrDuplicate if the collection follows that
	// URL already.
	AddFeed(ctx context.Context, f Feed) (Feed, error)
	// RemoveFeed stops following a feed (its articles stay); ErrNotFound
	// if the collection has no such feed.
	RemoveFeed(ctx context.Context, collection string, id int64) (Feed, error)
	// Feeds returns a collection's feeds, in the order they were added.
	Feeds(ctx context.Context, collection string) ([]Feed, error)
	// DueFeeds returns the enabled feeds whose NextPoll is not after now,
	// most overdue first, at most limit.
	DueFeeds(ctx context.Context, now time.Time, limit int) ([]Feed, error)
	// UpdateFeed records the outcome of a poll; ErrNotFound if the feed was
	// removed meanwhile.
	UpdateFeed(ctx context.Context, id int64, st FeedState) error
	// SeenItem reports whether the feed already handled the item with the
	// given key (its GUID, else its link).
	SeenItem(ctx context.Context, feedID int64, key string) (bool, error)
	// AddFeedItem records a feed item as handled and, when a is not nil,
	// stores a from it, in one transaction: the item is never half
	// handled. An article the collection has already (same URL or text)
	// marks the item handled and returns ErrDuplicate; one past the feed's
	// daily cap stores nothing and returns ErrDailyCap.
	AddFeedItem(ctx context.Context, feedID int64, key string, a *Article, dailyCap int, now time.Time) (Article, error)

	// Close releases the store.
	Close() error
}

// Errors a Store returns; test with errors.Is.
var (
	ErrDuplicate = errors.New("already in the collection")
	ErrNotFound  = errors.New("not found")
	ErrDailyCap  = errors.New("the feed's daily cap of new articles is reached")
	// ErrLocked: another process holds the SQLite file.
	ErrLocked = errors.New("the store is locked by another process")
	// ErrCorrupt: the file is not a usable database.
	ErrCorrupt = errors.New("the store is corrupt or not a newsbot database")
	// ErrNewer: the store was written by a newer newsbot.
	ErrNewer = errors.New("the store was written by a newer version of newsbot")
)

// DuplicateError is the ErrDuplicate that names the article already stored.
type DuplicateError struct {
	Existing Article
	Why      string // "same URL" or "same text"
}

// Error says which article the new one repeats.
func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%v: %q (%s)", ErrDuplicate, e.Existing.Title, e.Why)
}

// Is makes errors.Is(err, ErrDuplicate) true.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

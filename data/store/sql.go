package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"newsbot/data/article"
)

// sqlStore is the Store over database/sql, for either dialect.
type sqlStore struct {
	db    *sql.DB
	d     dialect
	where string // the file path or "PostgreSQL", for error messages
}

// Close closes the database.
func (s *sqlStore) Close() error { return s.db.Close() }

// textKey is what two copies of the same article share: a hash of the text
// as article.Dedup compares it.
func textKey(body string) string {
	h := sha256.Sum256([]byte(article.TextKey(body)))
	return hex.EncodeToString(h[:])
}

// NormalizeURL is the form in which the store compares article and feed
// URLs: scheme and host lower-cased, the fragment dropped (it never
// changes the page). An unparsable URL is returned trimmed.
func NormalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

// tx runs fn in one transaction, committing when it returns nil.
func (s *sqlStore) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.d.classify(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return s.d.classify(tx.Commit())
}

func (s *sqlStore) q(q string) string { return s.d.rebind(q) }

// ensureCollection creates the collection row on first use.
func (s *sqlStore) ensureCollection(ctx context.Context, tx *sql.Tx, id string, now time.Time) error {
	_, err := tx.ExecContext(ctx, s.q("INSERT INTO collections (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING"), id, ms(now))
	return err
}

const articleCols = "id, collection, title, body, url, outlet, author, published, added_by, added_at, feed_id, removed_at"

type scanner interface{ Scan(dest ...any) error }

func scanArticle(r scanner) (Article, bool, error) {
	var a Article
	var added, removed int64
	err := r.Scan(&a.ID, &a.Collection, &a.Title, &a.Body, &a.URL, &a.Outlet, &a.Author, &a.Published, &a.AddedBy, &added, &a.FeedID, &removed)
	a.AddedAt = fromMS(added)
	return a, removed != 0, err
}

// AddArticle stores a; see Store.
func (s *sqlStore) AddArticle(ctx context.Context, a Article) (Article, error) {
	var out Article
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = s.addArticle(ctx, tx, a, true, nil, time.Now())
		return err
	})
	return out, err
}

// addArticle inserts a unless the collection has it; revive brings back a
// removed copy (a moderator adding it again) instead of refusing it. When
// full is not nil an article that is no duplicate is refused with it (a
// feed past its daily cap), so duplicates are still told apart.
func (s *sqlStore) addArticle(ctx context.Context, tx *sql.Tx, a Article, revive bool, full error, now time.Time) (Article, error) {
	if a.Collection == "" {
		return a, errors.New("add article: no collection")
	}
	if strings.TrimSpace(a.Title) == "" || strings.TrimSpace(a.Body) == "" {
		return a, errors.New("add article: no title or no text")
	}
	a.URL = NormalizeURL(a.URL)
	key := textKey(a.Body)
	if a.AddedAt.IsZero() {
		a.AddedAt = now
	}
	a.AddedAt = a.AddedAt.UTC().Truncate(time.Millisecond)
	if err := s.ensureCollection(ctx, tx, a.Collection, now); err != nil {
		return a, fmt.Errorf("add article: %w", s.d.classify(err))
	}
	// Same URL or same text already there?
	row := tx.QueryRowContext(ctx, s.q("SELECT "+articleCols+", CASE WHEN text_key = ? THEN 'same text' ELSE 'same URL' END FROM articles WHERE collection = ? AND (text_key = ? OR (url <> '' AND url = ?)) ORDER BY id LIMIT 1"),
		key, a.Collection, key, a.URL)
	var old Article
	var added, removed int64
	var why string
	err := row.Scan(&old.ID, &old.Collection, &old.Title, &old.Body, &old.URL, &old.Outlet, &old.Author, &old.Published, &old.AddedBy, &added, &old.FeedID, &removed, &why)
	old.AddedAt = fromMS(added)
	switch {
	case err == nil && removed != 0 && revive:
		// A moderator adds back what was removed: the new copy replaces
		// the old row (same id), keeping one row per URL and text.
		_, err := tx.ExecContext(ctx, s.q(`UPDATE articles SET title = ?, body = ?, url = ?, outlet = ?, author = ?, published = ?,
			added_by = ?, added_at = ?, feed_id = ?, text_key = ?, removed_by = '', removed_at = 0 WHERE id = ?`),
			a.Title, a.Body, a.URL, a.Outlet, a.Author, a.Published, a.AddedBy, ms(a.AddedAt), a.FeedID, key, old.ID)
		if s.d.unique(err) {
			// The new copy's URL or text matches yet another row.
			return a, &DuplicateError{Existing: old, Why: why}
		}
		if err != nil {
			return a, fmt.Errorf("add article: %w", s.d.classify(err))
		}
		a.ID = old.ID
		return a, nil
	case err == nil:
		return a, &DuplicateError{Existing: old, Why: why}
	case !errors.Is(err, sql.ErrNoRows):
		return a, fmt.Errorf("add article: %w", s.d.classify(err))
	case full != nil:
		return a, full
	}
	// ON CONFLICT DO NOTHING: a copy another transaction stored since the
	// check above makes no row, rather than an error that would abort a
	// PostgreSQL transaction the caller means to go on with.
	err = tx.QueryRowContext(ctx, s.q(`INSERT INTO articles (collection, title, body, url, outlet, author, published, added_by, added_at, feed_id, text_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`),
		a.Collection, a.Title, a.Body, a.URL, a.Outlet, a.Author, a.Published, a.AddedBy, ms(a.AddedAt), a.FeedID, key).Scan(&a.ID)
	if errors.Is(err, sql.ErrNoRows) || s.d.unique(err) {
		return a, &DuplicateError{Existing: Article{Title: a.Title}, Why: "added meanwhile"}
	}
	if err != nil {
		return a, fmt.Errorf("add article: %w", s.d.classify(err))
	}
	return a, nil
}

// RemoveArticle records a removal; see Store.
func (s *sqlStore) RemoveArticle(ctx context.Context, collection string, id int64, by string) (Article, error) {
	var out Article
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a, removed, err := scanArticle(tx.QueryRowContext(ctx, s.q("SELECT "+articleCols+" FROM articles WHERE collection = ? AND id = ?"), collection, id))
		if errors.Is(err, sql.ErrNoRows) || err == nil && removed {
			return fmt.Errorf("remove article %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("remove article: %w", s.d.classify(err))
		}
		if _, err := tx.ExecContext(ctx, s.q("UPDATE articles SET removed_by = ?, removed_at = ? WHERE id = ?"), by, ms(time.Now()), id); err != nil {
			return fmt.Errorf("remove article: %w", s.d.classify(err))
		}
		out = a
		return nil
	})
	return out, err
}

// Articles lists a collection's live articles; see Store.
func (s *sqlStore) Articles(ctx context.Context, collection string) ([]Article, error) {
	rows, err := s.db.QueryContext(ctx, s.q("SELECT "+articleCols+" FROM articles WHERE collection = ? AND removed_at = 0 ORDER BY id"), collection)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", s.d.classify(err))
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, _, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", s.d.classify(err))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", s.d.classify(err))
	}
	return out, nil
}

// Collections lists the collections with live articles; see Store.
func (s *sqlStore) Collections(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT collection FROM articles WHERE removed_at = 0 ORDER BY collection")
	if err != nil {
		return nil, fmt.Errorf("list collections: %w", s.d.classify(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("list collections: %w", s.d.classify(err))
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

const feedCols = "id, collection, url, title, etag, last_modified, last_poll, next_poll, failures, last_error, disabled, added_by, added_at, day, day_count"

func scanFeed(r scanner) (Feed, error) {
	var f Feed
	var last, next, added int64
	var disabled int
	err := r.Scan(&f.ID, &f.Collection, &f.URL, &f.Title, &f.ETag, &f.LastModified, &last, &next, &f.Failures, &f.LastError, &disabled, &f.AddedBy, &added, &f.Day, &f.DayCount)
	f.LastPoll, f.NextPoll, f.AddedAt = fromMS(last), fromMS(next), fromMS(added)
	f.Disabled = disabled != 0
	return f, err
}

// AddFeed follows a feed; see Store.
func (s *sqlStore) AddFeed(ctx context.Context, f Feed) (Feed, error) {
	if f.Collection == "" || f.URL == "" {
		return f, errors.New("add feed: no collection or no URL")
	}
	now := time.Now()
	f.URL = NormalizeURL(f.URL)
	if f.AddedAt.IsZero() {
		f.AddedAt = now
	}
	f.AddedAt = f.AddedAt.UTC().Truncate(time.Millisecond)
	f.NextPoll = f.NextPoll.UTC().Truncate(time.Millisecond)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.ensureCollection(ctx, tx, f.Collection, now); err != nil {
			return fmt.Errorf("add feed: %w", s.d.classify(err))
		}
		old, err := scanFeed(tx.QueryRowContext(ctx, s.q("SELECT "+feedCols+" FROM feeds WHERE collection = ? AND url = ? AND removed = 0"), f.Collection, f.URL))
		if err == nil {
			return fmt.Errorf("add feed %s: %w (feed %d)", old.URL, ErrDuplicate, old.ID)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("add feed: %w", s.d.classify(err))
		}
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO feeds (collection, url, title, added_by, added_at, next_poll) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
			f.Collection, f.URL, f.Title, f.AddedBy, ms(f.AddedAt), ms(f.NextPoll)).Scan(&f.ID)
		if s.d.unique(err) {
			return fmt.Errorf("add feed %s: %w", f.URL, ErrDuplicate)
		}
		if err != nil {
			return fmt.Errorf("add feed: %w", s.d.classify(err))
		}
		return nil
	})
	return f, err
}

// RemoveFeed stops following a feed; see Store.
func (s *sqlStore) RemoveFeed(ctx context.Context, collection string, id int64) (Feed, error) {
	var out Feed
	err := s.tx(ctx, func(tx *sql.Tx) error {
		f, err := scanFeed(tx.QueryRowContext(ctx, s.q("SELECT "+feedCols+" FROM feeds WHERE collection = ? AND id = ? AND removed = 0"), collection, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("remove feed %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("remove feed: %w", s.d.classify(err))
		}
		// The row stays (its items' history with it), so articles that
		// came from it keep a meaningful feed_id.
		if _, err := tx.ExecContext(ctx, s.q("UPDATE feeds SET removed = 1 WHERE id = ?"), id); err != nil {
			return fmt.Errorf("remove feed: %w", s.d.classify(err))
		}
		out = f
		return nil
	})
	return out, err
}

func (s *sqlStore) feeds(ctx context.Context, where string, args ...any) ([]Feed, error) {
	rows, err := s.db.QueryContext(ctx, s.q("SELECT "+feedCols+" FROM feeds WHERE removed = 0 AND "+where), args...)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", s.d.classify(err))
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("list feeds: %w", s.d.classify(err))
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Feeds lists a collection's feeds; see Store.
func (s *sqlStore) Feeds(ctx context.Context, collection string) ([]Feed, error) {
	return s.feeds(ctx, "collection = ? ORDER BY id", collection)
}

// DueFeeds lists the feeds to poll now; see Store.
func (s *sqlStore) DueFeeds(ctx context.Context, now time.Time, limit int) ([]Feed, error) {
	return s.feeds(ctx, "disabled = 0 AND next_poll <= ? ORDER BY next_poll, id LIMIT ?", ms(now), limit)
}

// UpdateFeed records a poll's outcome; see Store.
func (s *sqlStore) UpdateFeed(ctx context.Context, id int64, st FeedState) error {
	disabled := 0
	if st.Disabled {
		disabled = 1
	}
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE feeds SET title = CASE WHEN ? <> '' THEN ? ELSE title END, etag = ?, last_modified = ?, last_poll = ?, next_poll = ?,
		failures = ?, last_error = ?, disabled = ? WHERE id = ? AND removed = 0`),
		st.Title, st.Title, st.ETag, st.LastModified, ms(st.LastPoll), ms(st.NextPoll), st.Failures, st.LastError, disabled, id)
	if err != nil {
		return fmt.Errorf("update feed: %w", s.d.classify(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("update feed %d: %w", id, ErrNotFound)
	}
	return nil
}

// SeenItem reports whether a feed item was handled; see Store.
func (s *sqlStore) SeenItem(ctx context.Context, feedID int64, key string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q("SELECT count(*) FROM feed_items WHERE feed_id = ? AND item_key = ?"), feedID, key).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("feed item: %w", s.d.classify(err))
	}
	return n > 0, nil
}

// AddFeedItem records a feed item and stores its article; see Store.
func (s *sqlStore) AddFeedItem(ctx context.Context, feedID int64, key string, a *Article, dailyCap int, now time.Time) (Article, error) {
	var out Article
	var dup error // a duplicate still commits: the item is handled
	err := s.tx(ctx, func(tx *sql.Tx) error {
		f, err := scanFeed(tx.QueryRowContext(ctx, s.q("SELECT "+feedCols+" FROM feeds WHERE id = ? AND removed = 0"), feedID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("feed %d: %w", feedID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("feed item: %w", s.d.classify(err))
		}
		day := now.UTC().Format(time.DateOnly)
		count := f.DayCount
		if f.Day != day {
			count = 0
		}
		dup = nil
		var addErr error
		articleID := int64(0)
		if a != nil {
			var full error
			if dailyCap > 0 && count >= dailyCap {
				full = ErrDailyCap
			}
			b := *a
			b.Collection, b.FeedID = f.Collection, f.ID
			if b.AddedBy == "" {
				b.AddedBy = fmt.Sprintf("feed:%d", f.ID)
			}
			out, addErr = s.addArticle(ctx, tx, b, false, full, now)
			switch {
			case errors.Is(addErr, ErrDailyCap):
				// Not recorded as seen: the item is taken another day.
				return addErr
			case addErr == nil:
				articleID = out.ID
				count++
			case errors.Is(addErr, ErrDuplicate):
				// Seen: the collection has it already.
			default:
				return addErr
			}
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO feed_items (feed_id, item_key, article_id, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (feed_id, item_key) DO NOTHING"),
			feedID, key, articleID, ms(now)); err != nil {
			return fmt.Errorf("feed item: %w", s.d.classify(err))
		}
		if _, err := tx.ExecContext(ctx, s.q("UPDATE feeds SET day = ?, day_count = ? WHERE id = ?"), day, count, feedID); err != nil {
			return fmt.Errorf("feed item: %w", s.d.classify(err))
		}
		dup = addErr
		return nil
	})
	if err == nil && dup != nil {
		return Article{}, dup
	}
	return out, err
}

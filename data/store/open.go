package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" database/sql driver
)

// DefaultFile is the SQLite file's name in the default location.
const DefaultFile = "newsbot.db"

// DefaultPath is where the SQLite store lives when NEWSBOT_DB is not set:
// the user's state directory ($XDG_STATE_HOME/newsbot, else
// ~/.local/state/newsbot), so that the data stays the same whichever
// directory the bot is started from and no checkout gets a database file
// in it. Without a home directory (a container's scratch image) it is
// DefaultFile in the working directory.
func DefaultPath(getenv func(string) string) string {
	if d := getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "newsbot", DefaultFile)
	}
	if h := getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, ".local", "state", "newsbot", DefaultFile)
	}
	return DefaultFile
}

// OpenSQLite opens (creating it and its folder if needed) the SQLite store
// at path and brings its schema up to date. The process holds the file
// exclusively until Close: a second newsbot on the same file gets
// ErrLocked at once rather than a corpus that silently diverges (several
// processes share PostgreSQL instead). A file that is not a newsbot
// database is ErrCorrupt, one from a newer newsbot ErrNewer; neither is
// changed.
func OpenSQLite(ctx context.Context, path string) (Store, error) {
	if path == "" {
		return nil, errors.New("open store: no SQLite path")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	q := url.Values{}
	// Wait a little for a lock another connection holds briefly, not for
	// another process that holds it for good.
	q.Add("_pragma", "busy_timeout(1000)")
	q.Add("_pragma", "foreign_keys(1)")
	// Hold the file's lock from the first transaction until Close.
	q.Add("_pragma", "locking_mode(EXCLUSIVE)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// One connection: SQLite writes one at a time anyway, and the
	// exclusive lock belongs to a connection.
	db.SetMaxOpenConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	s := &sqlStore{db: db, d: sqliteDialect, where: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// Write-ahead logging once the file is known to be ours: readers never
	// wait for a writer, and a commit is one append (safe on power loss
	// with synchronous=FULL).
	if _, err := db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, sqliteDialect.classify(err))
	}
	return s, nil
}

// OpenPostgres connects to the PostgreSQL database at dsn (a URL such as
// postgres://user@host:5432/db or key=value pairs) and brings its schema up
// to date. Several processes may share it: migrations run under an
// advisory lock, so shards starting together migrate once.
func OpenPostgres(ctx context.Context, dsn string) (Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: PostgreSQL: %w", redact(err, dsn))
	}
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: cannot reach PostgreSQL: %w", redact(err, dsn))
	}
	s := &sqlStore{db: db, d: postgresDialect, where: "PostgreSQL"}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// redact keeps a password in the connection string out of error messages.
func redact(err error, dsn string) error {
	u, perr := url.Parse(dsn)
	if perr != nil || u.User == nil {
		return err
	}
	if p, ok := u.User.Password(); ok && p != "" && strings.Contains(err.Error(), p) {
		return errors.New(strings.ReplaceAll(err.Error(), p, "xxxxx"))
	}
	return err
}

// migrate applies the migrations the store lacks, in one transaction.
func (s *sqlStore) migrate(ctx context.Context) error {
	fail := func(err error) error {
		return fmt.Errorf("open store %s: %w", s.where, s.d.classify(err))
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	if s.d.name == postgresDialect.name {
		// Wait at most 5 s for another process's lock, then say so; the
		// advisory lock makes shards starting together migrate one at a
		// time.
		if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '5s'"); err != nil {
			return fail(err)
		}
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7474720237)"); err != nil {
			return fail(err)
		}
	}
	// Listing the tables is the first read: a file that is not a database
	// fails here, before anything is written to it.
	tables, err := s.tables(ctx, tx)
	if err != nil {
		return fail(err)
	}
	have := 0
	switch {
	case tables["schema_version"]:
		err := tx.QueryRowContext(ctx, "SELECT version FROM schema_version").Scan(&have)
		if errors.Is(err, sql.ErrNoRows) {
			return fail(fmt.Errorf("%w: its schema_version table is empty", ErrCorrupt))
		}
		if err != nil {
			return fail(err)
		}
	case len(tables) > 0:
		return fail(fmt.Errorf("%w: it has %d tables but no newsbot schema_version", ErrCorrupt, len(tables)))
	default:
		if _, err := tx.ExecContext(ctx, "CREATE TABLE schema_version (version INTEGER NOT NULL)"); err != nil {
			return fail(err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version) VALUES (0)"); err != nil {
			return fail(err)
		}
	}
	want := len(s.d.migrations)
	if have > want {
		return fail(fmt.Errorf("%w (schema version %d; this newsbot knows up to %d): upgrade newsbot, or point NEWSBOT_DB or DATABASE_URL elsewhere", ErrNewer, have, want))
	}
	for v := have; v < want; v++ {
		for _, stmt := range strings.Split(s.d.migrations[v], ";\n") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fail(fmt.Errorf("migration to version %d: %w", v+1, err))
			}
		}
	}
	if have < want {
		if _, err := tx.ExecContext(ctx, s.d.rebind("UPDATE schema_version SET version = ?"), want); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// tables lists the tables already in the database (or PostgreSQL schema).
func (s *sqlStore) tables(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if s.d.name == postgresDialect.name {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
	}
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out[n] = true
	}
	return out, rows.Err()
}

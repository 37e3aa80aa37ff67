package store

import (
	"database/sql"
	"errors"
	"net/url"
	"testing"
	"time"
)

// pgRaw opens the backend's schema for raw access, as another program
// would, and returns it with the schema's name.
func pgRaw(t *testing.T, b backend) (*sql.DB, string) {
	t.Helper()
	s := b.open(t)
	ss := s.(*sqlStore)
	var schema string
	if err := ss.db.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	s.Close()
	u, _ := url.Parse(pgURL())
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, schema
}

// TestPostgresRefusals: a schema that is someone else's, and a migration
// lock another process holds too long, are refused with clear errors.
func TestPostgresRefusals(t *testing.T) {
	t.Run("someone else's tables", func(t *testing.T) {
		b, ok := postgresBackend(t)
		if !ok {
			return
		}
		db, _ := pgRaw(t, b)
		for _, q := range []string{"DROP TABLE feed_items, articles, feeds, collections, schema_version", "CREATE TABLE recipes (name TEXT)"} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		_, err := b.reopen(t)
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("err = %v; want ErrCorrupt", err)
		}
		t.Logf("%v", err)
		var n int
		db.QueryRow("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").Scan(&n)
		if n != 1 {
			t.Errorf("the refused schema has %d tables now; want the 1 it had", n)
		}
	})
	t.Run("migration lock held", func(t *testing.T) {
		if testing.Short() {
			t.Skip("waits for the 5 s lock timeout")
		}
		b, ok := postgresBackend(t)
		if !ok {
			return
		}
		db, _ := pgRaw(t, b)
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		// What a migrating process holds.
		if _, err := tx.Exec("SELECT pg_advisory_xact_lock(7474720237)"); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = b.reopen(t)
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("err = %v; want ErrLocked", err)
		}
		if took := time.Since(start); took > 10*time.Second {
			t.Errorf("gave up after %v; want about 5 s", took)
		}
		t.Logf("%v", err)
	})
}

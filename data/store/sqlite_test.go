package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestSQLiteRefusals: a store that cannot be used is refused with a clear
// error and its file is left byte for byte as it was.
func TestSQLiteRefusals(t *testing.T) {
	ctx := context.Background()
	newer := func(t *testing.T, path string) {
		s, err := OpenSQLite(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.(*sqlStore).db.Exec("UPDATE schema_version SET version = 99"); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	foreign := func(t *testing.T, path string) {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("CREATE TABLE recipes (name TEXT)"); err != nil {
			t.Fatal(err)
		}
	}
	garbage := func(t *testing.T, path string) {
		if err := os.WriteFile(path, bytes.Repeat([]byte("not a database at all. "), 400), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	truncated := func(t *testing.T, path string) {
		s, err := OpenSQLite(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			s.AddArticle(ctx, sample("g", "T", "Body "+string(rune('a'+i%26))+string(rune('a'+i/26)), ""))
		}
		s.Close()
		b, _ := os.ReadFile(path)
		// Keep the header, lose the rest, scribble over page 2.
		b = append(b[:100], bytes.Repeat([]byte{0xA5}, 4096*2)...)
		os.WriteFile(path, b, 0o600)
	}
	cases := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  error
	}{
		{"newer version", newer, ErrNewer},
		{"someone else's database", foreign, ErrCorrupt},
		{"not a database", garbage, ErrCorrupt},
		{"damaged database", truncated, ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "newsbot.db")
			c.setup(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := OpenSQLite(ctx, path)
			if err == nil {
				s.Close()
				t.Fatalf("opened; want %v", c.want)
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v; want %v", err, c.want)
			}
			t.Logf("%v", err)
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Errorf("the refused store file was changed")
			}
		})
	}
}

// TestSQLiteLocked: a second process (here a second open) on the same file
// is told so at once, and the first keeps working.
func TestSQLiteLocked(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newsbot.db")
	s, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := OpenSQLite(ctx, path); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v; want ErrLocked", err)
	} else {
		t.Logf("%v", err)
	}
	if _, err := s.AddArticle(ctx, sample("g", "Still", "The first holder still writes.", "")); err != nil {
		t.Fatalf("first holder after a refused second open: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_STATE_HOME": "/var/state", "HOME": "/home/ann"}, "/var/state/newsbot/newsbot.db"},
		{map[string]string{"HOME": "/home/ann"}, "/home/ann/.local/state/newsbot/newsbot.db"},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/ann"}, "/home/ann/.local/state/newsbot/newsbot.db"},
		{map[string]string{}, "newsbot.db"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			if got := DefaultPath(func(k string) string { return c.env[k] }); got != c.want {
				t.Errorf("DefaultPath = %q; want %q", got, c.want)
			}
		})
	}
}

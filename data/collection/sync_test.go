package collection

import (
	"context"
	"path/filepath"
	"testing"
)

// TestSync plays two processes over one store: b learns of what a adds
// and removes only through Sync and SyncAll, as a fleet's processes do
// when PostgreSQL notifies them.
func TestSync(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "newsbot.db"))
	defer st.Close()
	base := baseStore(invented("Harbour wall to be rebuilt", "Tom Reed", "The wall will be rebuilt before the winter storms arrive"))
	a, b := New(base, st, nil, nil), New(base, st, nil, nil)
	for _, m := range []*Manager{a, b} {
		if err := m.Load(ctx); err != nil {
			t.Fatal(err)
		}
	}
	const bridgeQuote = "We will open the new bridge before the end of the summer"
	const ferryQuote = "The ferry will run every hour from the first of May"
	bridge, err := a.Add(ctx, "g1", "111", invented("New bridge for the valley", "Rosa Park", bridgeQuote))
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name        string
		act         func() (int, error)
		wantChanged int
		quote       string
		guild       string
		want        bool
	}{
		{"before syncing b does not know", nil, 0, bridgeQuote, "g1", false},
		{"Sync serves what a added", func() (int, error) { c, err := b.Sync(ctx, "g1"); return btoi(c), err }, 1, bridgeQuote, "g1", true},
		{"a second Sync changes nothing", func() (int, error) { c, err := b.Sync(ctx, "g1"); return btoi(c), err }, 0, bridgeQuote, "g1", true},
		{"SyncAll finds a new server", func() (int, error) {
			if _, err := a.Add(ctx, "g2", "111", invented("Ferry timetable", "Ann Lee", ferryQuote)); err != nil {
				return 0, err
			}
			return b.SyncAll(ctx)
		}, 1, ferryQuote, "g2", true},
		{"a removal reaches b, even of a server's last article", func() (int, error) {
			if _, err := a.Remove(ctx, "g1", "111", bridge.Article.ID); err != nil {
				return 0, err
			}
			return b.SyncAll(ctx)
		}, 1, bridgeQuote, "g1", false},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.act != nil {
				n, err := s.act()
				if err != nil {
					t.Fatal(err)
				}
				if n != s.wantChanged {
					t.Errorf("%d servers changed, want %d", n, s.wantChanged)
				}
			}
			if got := answers(b, s.guild, s.quote); got != s.want {
				t.Errorf("b answers %q in %s: %v, want %v", s.quote, s.guild, got, s.want)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

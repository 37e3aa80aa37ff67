package collection

import (
	"context"
	"fmt"

	"newsbot/data/corpus"
)

// Sync brings a server's articles in line with the store: articles that
// another process added (a moderator on another shard, the feed poller
// running elsewhere) are analysed and served, and ones it removed are
// dropped. Several processes sharing one PostgreSQL call it when told of a
// change (see bot/internal/fleet). It reports whether anything changed.
func (m *Manager) Sync(ctx context.Context, guildID string) (bool, error) {
	g := m.guild(guildID)
	// g.mu is held from before the read, as in Load: a removal here
	// stores itself before it takes g.mu, so it is either missing from
	// arts or applied after this sync; read before locking, a removal in
	// between would be served again.
	g.mu.Lock()
	defer g.mu.Unlock()
	arts, err := m.store.Articles(ctx, guildID)
	if err != nil {
		return false, fmt.Errorf("sync server %s: %w", guildID, err)
	}
	live := make(map[int64]bool, len(arts))
	for _, a := range arts {
		live[a.ID] = true
	}
	have := make(map[int64]bool, len(g.own))
	kept := g.own[:0:0]
	for _, o := range g.own {
		if live[o.stored.ID] {
			kept = append(kept, o)
			have[o.stored.ID] = true
		}
	}
	changed := len(kept) != len(g.own)
	for _, a := range arts {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		if !have[a.ID] {
			kept = append(kept, own{stored: a, doc: corpus.Analyze(toArticle(a))})
			changed = true
		}
	}
	if changed {
		g.own = kept
		m.rebuild(g)
	}
	return changed, nil
}

// SyncAll syncs every server that has articles in the store or had some
// here: the catch-up after a process may have missed announcements. It
// returns how many servers changed.
func (m *Manager) SyncAll(ctx context.Context) (int, error) {
	colls, err := m.store.Collections(ctx)
	if err != nil {
		return 0, fmt.Errorf("sync: %w", err)
	}
	ids := map[string]bool{}
	for _, c := range colls {
		ids[c] = true
	}
	m.mu.Lock()
	for id, g := range m.guilds {
		if g.built.Load() != nil {
			ids[id] = true // it may have lost its last article
		}
	}
	m.mu.Unlock()
	n := 0
	for id := range ids {
		changed, err := m.Sync(ctx, id)
		if err != nil {
			return n, err
		}
		if changed {
			n++
		}
	}
	return n, nil
}

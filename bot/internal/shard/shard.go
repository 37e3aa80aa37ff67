// Package shard decides which Discord gateway shard this process runs.
//
// Discord splits a bot's servers over shards (required past 2,500
// servers): shard i of n receives the events of the servers whose ID,
// shifted right by 22 bits, is i modulo n, and direct messages go to shard
// 0. newsbot runs one shard per process, so a fleet is n processes started
// with DISCORD_SHARD_ID=0…n-1 and the same DISCORD_SHARD_COUNT, sharing one
// PostgreSQL store. DISCORD_SHARD_COUNT=auto takes n from Discord's
// recommendation (GET /gateway/bot).
//
// Discord allows max_concurrency shards of a bot to identify at once, one
// such batch every 5 seconds, shard i being in rate-limit bucket
// i mod max_concurrency. A fleet started all together therefore staggers:
// shard i waits (i / max_concurrency) × 5 s before it identifies, so no two
// shards of one bucket identify within the same 5 seconds.
package shard

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// identifyInterval is Discord's window for one identify per rate-limit
// bucket.
const identifyInterval = 5 * time.Second

// maxCount bounds DISCORD_SHARD_COUNT: far beyond any bot's need (Discord
// recommends one shard per 1,000 servers), small enough that a typo is
// caught rather than making shard 0 wait for hours.
const maxCount = 1 << 16

// Spec is what the operator asked for.
type Spec struct {
	// ID is this process's shard; meaningful only when IDSet.
	ID    int
	IDSet bool
	// Count is the number of shards; 0 with Auto false means unsharded.
	Count int
	// Auto takes the count from Discord's recommendation.
	Auto bool
}

// ParseSpec reads DISCORD_SHARD_ID and DISCORD_SHARD_COUNT ("" for unset;
// the count may be "auto").
func ParseSpec(id, count string) (Spec, error) {
	var s Spec
	id, count = strings.TrimSpace(id), strings.TrimSpace(count)
	switch {
	case strings.EqualFold(count, "auto"):
		s.Auto = true
	case count != "":
		n, err := strconv.Atoi(count)
		if err != nil || n < 1 || n > maxCount {
			return s, fmt.Errorf("DISCORD_SHARD_COUNT=%q: want a number from 1 to %d, or auto", count, maxCount)
		}
		s.Count = n
	}
	if id != "" {
		n, err := strconv.Atoi(id)
		if err != nil || n < 0 {
			return s, fmt.Errorf("DISCORD_SHARD_ID=%q: want a number from 0", id)
		}
		s.ID, s.IDSet = n, true
		if count == "" {
			return s, errors.New("DISCORD_SHARD_ID needs DISCORD_SHARD_COUNT (a number, or auto)")
		}
		if !s.Auto && n >= s.Count {
			return s, fmt.Errorf("DISCORD_SHARD_ID=%d: want less than DISCORD_SHARD_COUNT=%d (shards are numbered from 0)", n, s.Count)
		}
	} else if s.Count > 1 {
		return s, fmt.Errorf("DISCORD_SHARD_COUNT=%d needs DISCORD_SHARD_ID (0 to %d) for each process", s.Count, s.Count-1)
	}
	return s, nil
}

// Sharded reports whether the operator asked for shards at all.
func (s Spec) Sharded() bool { return s.Auto || s.Count > 1 }

// Plan is the shard this process runs.
type Plan struct {
	ID, Count int
	// MaxConcurrency is how many shards may identify at once (1 when
	// Discord did not say).
	MaxConcurrency int
	// Wait is how long to wait before the first identify: the stagger,
	// or longer when Discord's daily session starts are used up.
	Wait time.Duration
}

// GatewayBotFunc fetches GET /gateway/bot (discordgo's Session.GatewayBot).
type GatewayBotFunc func(ctx context.Context) (*discordgo.GatewayBotResponse, error)

// Resolve turns the spec into a plan, asking Discord (fetch) for the
// recommended count and max_concurrency when sharded. With an explicit
// count a failed fetch is not fatal: the plan assumes max_concurrency 1,
// the slowest safe stagger. warn receives such notes (nil: dropped).
func (s Spec) Resolve(ctx context.Context, fetch GatewayBotFunc, warn func(msg string)) (Plan, error) {
	if warn == nil {
		warn = func(string) {}
	}
	p := Plan{ID: s.ID, Count: max(s.Count, 1), MaxConcurrency: 1}
	if !s.Sharded() {
		return p, nil
	}
	gb, err := fetch(ctx)
	if err != nil {
		if s.Auto {
			return p, fmt.Errorf("DISCORD_SHARD_COUNT=auto: ask Discord for the shard count: %w", err)
		}
		warn(fmt.Sprintf("could not read max_concurrency from Discord (%v); staggering identifies as for 1", err))
		return p.stagger(), nil
	}
	if gb.SessionStartLimit.MaxConcurrency > 0 {
		p.MaxConcurrency = gb.SessionStartLimit.MaxConcurrency
	}
	if s.Auto {
		if gb.Shards < 1 || gb.Shards > maxCount {
			return p, fmt.Errorf("DISCORD_SHARD_COUNT=auto: Discord recommends %d shards", gb.Shards)
		}
		p.Count = gb.Shards
		if !s.IDSet && p.Count > 1 {
			return p, fmt.Errorf("DISCORD_SHARD_COUNT=auto: Discord recommends %d shards; run %d processes with DISCORD_SHARD_ID=0…%d (one shard per process)", p.Count, p.Count, p.Count-1)
		}
		if p.ID >= p.Count {
			return p, fmt.Errorf("DISCORD_SHARD_ID=%d: Discord recommends %d shards, numbered 0…%d; this process is not needed", p.ID, p.Count, p.Count-1)
		}
	}
	p = p.stagger()
	if lim := gb.SessionStartLimit; lim.Total > 0 && lim.Remaining == 0 {
		reset := time.Duration(lim.ResetAfter) * time.Millisecond
		warn(fmt.Sprintf("Discord's daily session starts are used up (%d); waiting %s for the reset", lim.Total, reset.Round(time.Second)))
		p.Wait = max(p.Wait, reset)
	}
	return p, nil
}

// stagger sets Wait so that the shards of one rate-limit bucket identify
// 5 s apart when the whole fleet starts at once.
func (p Plan) stagger() Plan {
	p.Wait = time.Duration(p.ID/max(p.MaxConcurrency, 1)) * identifyInterval
	return p
}

// RegistersCommands reports whether this shard registers the application
// commands: shard 0 only, so a fleet overwrites them once rather than once
// per process (and never races itself).
func (p Plan) RegistersCommands() bool { return p.ID == 0 }

// Apply sets the session's shard before it connects.
func (p Plan) Apply(s *discordgo.Session) {
	s.ShardID, s.ShardCount = p.ID, p.Count
}

// String is "shard 2/4" (numbered from 0), or "unsharded".
func (p Plan) String() string {
	if p.Count <= 1 {
		return "unsharded"
	}
	return fmt.Sprintf("shard %d/%d", p.ID, p.Count)
}

// Sleep waits p.Wait or until ctx ends, reporting whether the wait ran out.
func (p Plan) Sleep(ctx context.Context) bool {
	if p.Wait <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(p.Wait)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

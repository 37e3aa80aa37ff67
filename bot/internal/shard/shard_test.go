package shard

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestParseSpec(t *testing.T) {
	tests := []struct {
		id, count string
		want      Spec
		wantErr   string
	}{
		{"", "", Spec{}, ""},
		{"", "1", Spec{Count: 1}, ""},
		{"0", "1", Spec{ID: 0, IDSet: true, Count: 1}, ""},
		{"3", "4", Spec{ID: 3, IDSet: true, Count: 4}, ""},
		{" 1 ", " 2 ", Spec{ID: 1, IDSet: true, Count: 2}, ""},
		{"", "auto", Spec{Auto: true}, ""},
		{"5", "AUTO", Spec{ID: 5, IDSet: true, Auto: true}, ""},
		{"4", "4", Spec{}, "want less than DISCORD_SHARD_COUNT=4"},
		{"-1", "4", Spec{}, "want a number from 0"},
		{"x", "4", Spec{}, "want a number from 0"},
		{"1", "", Spec{}, "DISCORD_SHARD_ID needs DISCORD_SHARD_COUNT"},
		{"", "4", Spec{}, "needs DISCORD_SHARD_ID"},
		{"", "0", Spec{}, "want a number from 1"},
		{"", "many", Spec{}, "or auto"},
		{"", "9999999", Spec{}, "want a number from 1"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.count, func(t *testing.T) {
			got, err := ParseSpec(tt.id, tt.count)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func gatewayBot(shards, maxConcurrency, remaining int) GatewayBotFunc {
	return func(context.Context) (*discordgo.GatewayBotResponse, error) {
		return &discordgo.GatewayBotResponse{URL: "wss://gateway.invalid/", Shards: shards,
			SessionStartLimit: discordgo.SessionInformation{Total: 1000, Remaining: remaining, ResetAfter: 60_000, MaxConcurrency: maxConcurrency}}, nil
	}
}

func failing(context.Context) (*discordgo.GatewayBotResponse, error) {
	return nil, errors.New("503 Service Unavailable")
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name      string
		spec      Spec
		fetch     GatewayBotFunc
		want      Plan
		wantErr   string
		wantWarn  string
		registers bool
	}{
		{"unsharded asks nothing", Spec{}, failing, Plan{ID: 0, Count: 1, MaxConcurrency: 1}, "", "", true},
		{"shard 0 of 4", Spec{ID: 0, IDSet: true, Count: 4}, gatewayBot(1, 1, 900),
			Plan{ID: 0, Count: 4, MaxConcurrency: 1}, "", "", true},
		{"shard 3 of 4 waits three windows", Spec{ID: 3, IDSet: true, Count: 4}, gatewayBot(1, 1, 900),
			Plan{ID: 3, Count: 4, MaxConcurrency: 1, Wait: 15 * time.Second}, "", "", false},
		{"max_concurrency 16 lets 16 start together", Spec{ID: 15, IDSet: true, Count: 32}, gatewayBot(32, 16, 900),
			Plan{ID: 15, Count: 32, MaxConcurrency: 16}, "", "", false},
		{"the next batch waits one window", Spec{ID: 16, IDSet: true, Count: 32}, gatewayBot(32, 16, 900),
			Plan{ID: 16, Count: 32, MaxConcurrency: 16, Wait: 5 * time.Second}, "", "", false},
		{"explicit count survives a failed fetch", Spec{ID: 2, IDSet: true, Count: 3}, failing,
			Plan{ID: 2, Count: 3, MaxConcurrency: 1, Wait: 10 * time.Second}, "", "could not read max_concurrency", false},
		{"auto takes Discord's count", Spec{ID: 1, IDSet: true, Auto: true}, gatewayBot(2, 1, 900),
			Plan{ID: 1, Count: 2, MaxConcurrency: 1, Wait: 5 * time.Second}, "", "", false},
		{"auto with one shard needs no ID", Spec{Auto: true}, gatewayBot(1, 1, 900),
			Plan{ID: 0, Count: 1, MaxConcurrency: 1}, "", "", true},
		{"auto with several shards needs IDs", Spec{Auto: true}, gatewayBot(3, 1, 900),
			Plan{}, "run 3 processes with DISCORD_SHARD_ID=0…2", "", false},
		{"auto ID beyond the count", Spec{ID: 2, IDSet: true, Auto: true}, gatewayBot(2, 1, 900),
			Plan{}, "this process is not needed", "", false},
		{"auto fails without Discord", Spec{Auto: true}, failing, Plan{}, "503", "", false},
		{"used-up session starts wait for the reset", Spec{ID: 1, IDSet: true, Count: 2}, gatewayBot(2, 1, 0),
			Plan{ID: 1, Count: 2, MaxConcurrency: 1, Wait: time.Minute}, "", "daily session starts are used up", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warns []string
			got, err := tt.spec.Resolve(t.Context(), tt.fetch, func(m string) { warns = append(warns, m) })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("plan %+v, want %+v", got, tt.want)
			}
			if w := strings.Join(warns, "; "); (tt.wantWarn == "") != (w == "") || !strings.Contains(w, tt.wantWarn) {
				t.Errorf("warnings %q, want %q", w, tt.wantWarn)
			}
			if got.RegistersCommands() != tt.registers {
				t.Errorf("RegistersCommands = %v, want %v", got.RegistersCommands(), tt.registers)
			}
		})
	}
}

func TestPlanApplyAndString(t *testing.T) {
	s, _ := discordgo.New("Bot x")
	p := Plan{ID: 2, Count: 4}
	p.Apply(s)
	if s.ShardID != 2 || s.ShardCount != 4 {
		t.Errorf("session shard %d/%d", s.ShardID, s.ShardCount)
	}
	for _, tt := range []struct {
		p    Plan
		want string
	}{{Plan{Count: 1}, "unsharded"}, {Plan{ID: 2, Count: 4}, "shard 2/4"}} {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("String = %q", got)
			}
		})
	}
}

func TestSleep(t *testing.T) {
	if !(Plan{}).Sleep(t.Context()) {
		t.Error("no wait: Sleep reported cancelled")
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	start := time.Now()
	if (Plan{Wait: time.Hour}).Sleep(ctx) {
		t.Error("cancelled wait reported as run out")
	}
	if time.Since(start) > time.Second {
		t.Error("Sleep did not return when its context ended")
	}
	if !(Plan{Wait: time.Millisecond}).Sleep(t.Context()) {
		t.Error("a short wait did not run out")
	}
}

package discord

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/bot/internal/fakediscord"
	"newsbot/bot/internal/shard"
	"newsbot/commands"
	"newsbot/data/corpus/corpustest"
)

// recordingObserver remembers what the bot told it.
type recordingObserver struct {
	mu         sync.Mutex
	states     []bool
	reconnects int
}

func (o *recordingObserver) GatewayConnected(up bool) {
	o.mu.Lock()
	o.states = append(o.states, up)
	o.mu.Unlock()
}

func (o *recordingObserver) GatewayReconnect() {
	o.mu.Lock()
	o.reconnects++
	o.mu.Unlock()
}

func TestDiscordShards(t *testing.T) {
	tests := []struct {
		name           string
		spec           shard.Spec
		shards, maxCon int // what GET /gateway/bot recommends
		wantShard      [2]int
		wantRegister   bool
		wantErr        string
	}{
		{"unsharded", shard.Spec{}, 1, 1, [2]int{0, 1}, true, ""},
		{"shard 0 of 2 registers", shard.Spec{ID: 0, IDSet: true, Count: 2}, 1, 2, [2]int{0, 2}, true, ""},
		{"shard 1 of 2 does not", shard.Spec{ID: 1, IDSet: true, Count: 2}, 1, 2, [2]int{1, 2}, false, ""},
		{"auto takes Discord's count", shard.Spec{ID: 1, IDSet: true, Auto: true}, 2, 2, [2]int{1, 2}, false, ""},
		{"auto beyond the count stops", shard.Spec{ID: 3, IDSet: true, Auto: true}, 2, 2, [2]int{}, false, "this process is not needed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeDiscordWith(t, fakediscord.Options{Shards: tt.shards, MaxConcurrency: tt.maxCon})
			rb := startBotIn(t, f, commands.New(withCorpus(corpustest.Small(t, 0))), "42",
				func(b *Bot) { b.cfg.Shard = tt.spec })
			if tt.wantErr != "" {
				if err := rb.wait(t, 10*time.Second); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("run = %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			f.waitLogins(1)
			got := f.Identifies()[0]
			if got != tt.wantShard {
				t.Errorf("IDENTIFY shard %v, want %v", got, tt.wantShard)
			}
			if tt.wantRegister {
				f.waitFor("registration", func(r fakeRequest) bool { return r.Method == http.MethodPut })
			} else {
				deadline := time.Now().Add(10 * time.Second)
				for !strings.Contains(rb.logs.String(), "commands are registered by shard 0") {
					if time.Now().After(deadline) {
						t.Fatal("shard 1 never said it leaves registration to shard 0")
					}
					time.Sleep(5 * time.Millisecond)
				}
				if f.indexOf(func(r fakeRequest) bool { return r.Method == http.MethodPut }) >= 0 {
					t.Errorf("shard %d registered the commands\n%s", tt.wantShard[0], f.describe())
				}
			}
			ev, id, _ := slash("help")
			f.dispatch(ev)
			f.waitFor("answer", callbackFor(id))
			if got := rb.bot.Shard(); got.ID != tt.wantShard[0] || got.Count != tt.wantShard[1] {
				t.Errorf("Shard() = %+v", got)
			}
			if err := rb.stop(t); err != nil {
				t.Errorf("run: %v", err)
			}
		})
	}
}

func TestDiscordTellsObserver(t *testing.T) {
	f := newFakeDiscord(t)
	obs := &recordingObserver{}
	rb := startBotIn(t, f, commands.New(withCorpus(corpustest.Small(t, 0))), "42",
		func(b *Bot) { b.observer = obs })
	f.waitFor("registration", func(r fakeRequest) bool { return r.Method == http.MethodPut })
	if !rb.bot.Connected() {
		t.Error("Connected() false after READY")
	}
	f.dropConnection()
	f.waitLogins(2)
	ev, id, _ := slash("help")
	f.dispatch(ev)
	f.waitFor("answer after reconnect", callbackFor(id))
	if !rb.bot.Connected() {
		t.Error("Connected() false after RESUMED")
	}
	if err := rb.stop(t); err != nil {
		t.Errorf("run: %v", err)
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if obs.reconnects != 1 {
		t.Errorf("%d reconnects observed, want 1", obs.reconnects)
	}
	// Up, down (the drop), up again (RESUMED), and down at shutdown.
	if len(obs.states) < 3 || !obs.states[0] || obs.states[1] || !obs.states[2] {
		t.Errorf("connection states %v, want up, down, up…", obs.states)
	}
}

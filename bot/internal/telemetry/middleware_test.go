package telemetry

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"newsbot/commands"
	"newsbot/data/corpus/corpustest"
)

func TestMiddleware(t *testing.T) {
	tests := []struct {
		name        string
		level       slog.Level
		req         commands.Request
		wantCommand string // label
		wantOutcome string // label
		wantLog     []string
		notLog      []string
	}{
		{"answered command at info", slog.LevelInfo,
			commands.Request{Name: "who-said", Options: map[string]string{"quote": "harbour wall rebuilt"}, GuildID: "42"},
			"who-said", "ok",
			[]string{"msg=interaction", "command=who-said", "kind=command", "outcome=ok", "took=", "guild=42"},
			[]string{"harbour", "options"}},
		{"what the user typed at debug", slog.LevelDebug,
			commands.Request{Name: "who-said", Options: map[string]string{"quote": "harbour wall rebuilt"}, UserID: "7"},
			"who-said", "ok",
			[]string{"outcome=ok", `options.quote="harbour wall rebuilt"`, "user=7"}, nil},
		{"missing option is bad input", slog.LevelInfo,
			commands.Request{Name: "who-said", Options: map[string]string{}},
			"who-said", "bad_input", []string{`outcome="bad input"`}, nil},
		{"unknown command counts as other", slog.LevelInfo,
			commands.Request{Name: "rm -rf", Options: map[string]string{}},
			"other", "bad_input", []string{`command="rm -rf"`}, nil},
		{"panic is internal", slog.LevelInfo,
			commands.Request{Name: "boom", Options: map[string]string{}},
			"boom", "internal", []string{"outcome=internal"}, nil},
		{"autocomplete is not logged at info", slog.LevelInfo,
			commands.Request{Name: "who-said", Kind: commands.KindAutocomplete, Focused: "quote", Options: map[string]string{"quote": "harb"}},
			"who-said", "ok", nil, []string{"interaction"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			log := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: tt.level}))
			m := New()
			c := corpustest.Small(t, 0)
			router := commands.New(
				commands.WithMiddleware(Middleware(m, log)),
				commands.WithCorpora(commands.CorporaFunc(func(context.Context, string) commands.Snapshot {
					return commands.Snapshot{Corpus: c}
				})))
			router.Replace(&commands.Command{
				Def: &discordgo.ApplicationCommand{Name: "boom", Description: "panics"},
				Run: func(context.Context, commands.Request) commands.Response { panic("bug") },
			})
			var names []string
			for _, c := range router.Commands() {
				names = append(names, c.Def.Name)
			}
			m.SetCommands(names...)

			router.Handle(t.Context(), tt.req)

			got := testutil.ToFloat64(m.interactions.WithLabelValues(tt.wantCommand, tt.req.Kind.String(), tt.wantOutcome))
			if got != 1 {
				t.Errorf("interactions{%s,%s,%s} = %v, want 1", tt.wantCommand, tt.req.Kind, tt.wantOutcome, got)
			}
			if n := testutil.CollectAndCount(m.latency); n != 1 {
				t.Errorf("%d latency series, want 1", n)
			}
			lines := strings.Count(out.String(), "msg=interaction")
			if wantLines := min(1, len(tt.wantLog)); lines != wantLines {
				t.Errorf("%d interaction lines, want %d:\n%s", lines, wantLines, out.String())
			}
			for _, w := range tt.wantLog {
				if !strings.Contains(out.String(), w) {
					t.Errorf("log lacks %q:\n%s", w, out.String())
				}
			}
			for _, w := range tt.notLog {
				if strings.Contains(out.String(), w) {
					t.Errorf("log has %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestCut(t *testing.T) {
	long := strings.Repeat("é", maxLoggedText+5)
	for _, tt := range []struct{ name, in, want string }{
		{"short", "abc", "abc"},
		{"exactly the limit", long[:2*maxLoggedText], long[:2*maxLoggedText]},
		{"long", long, long[:2*maxLoggedText] + "…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := cut(tt.in); got != tt.want {
				t.Errorf("cut = %q", got)
			}
		})
	}
}

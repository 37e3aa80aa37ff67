package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsbot/bot/internal/shard"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseConfig(t *testing.T) {
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte("  file-token.xyz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	emptyFile := filepath.Join(dir, "empty")
	os.WriteFile(emptyFile, nil, 0o600)
	hugeFile := filepath.Join(dir, "huge")
	os.WriteFile(hugeFile, bytes.Repeat([]byte("a"), 5000), 0o600)
	twoLines := filepath.Join(dir, "two")
	os.WriteFile(twoLines, []byte("first.token\nsecond.token\n"), 0o600)
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		check   func(t *testing.T, c Config)
		wantErr string
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.Token != "" || !c.Defaults || c.GuildID != "" || c.APIBase != "" || c.LogLevel != slog.LevelInfo || c.JSON || len(c.Articles) != 0 {
				t.Errorf("%+v", c)
			}
		}},
		{name: "env", env: map[string]string{
			"DISCORD_TOKEN": "abc.def", "DISCORD_GUILD_ID": "123456789", "NEWSBOT_ARTICLES": "/a" + string(filepath.ListSeparator) + "/b",
			"NEWSBOT_DEFAULTS": "false", "DISCORD_API_BASE": "http://127.0.0.1:8080/", "LOG_LEVEL": "debug",
		}, check: func(t *testing.T, c Config) {
			if c.Token != "Bot abc.def" || c.GuildID != "123456789" || strings.Join(c.Articles, ",") != "/a,/b" || c.Defaults ||
				c.APIBase != "http://127.0.0.1:8080" || c.LogLevel != slog.LevelDebug || !c.LevelSet {
				t.Errorf("%+v", c)
			}
		}},
		{name: "flags win", env: map[string]string{"DISCORD_GUILD_ID": "1", "NEWSBOT_DEFAULTS": "false", "NEWSBOT_ARTICLES": "/env"},
			args: []string{"-guild", "2", "-defaults=true", "-articles", "/flag", "-api-base", "https://proxy.example:9000", "-log-level", "warn", "-json"},
			check: func(t *testing.T, c Config) {
				if c.GuildID != "2" || !c.Defaults || strings.Join(c.Articles, ",") != "/flag" || c.APIBase != "https://proxy.example:9000" || c.LogLevel != slog.LevelWarn || !c.JSON {
					t.Errorf("%+v", c)
				}
			}},
		{name: "store and feeds by default", env: map[string]string{"HOME": "/home/ann"}, check: func(t *testing.T, c Config) {
			if c.DB != "/home/ann/.local/state/newsbot/newsbot.db" || c.DatabaseURL != "" || c.FeedInterval != 15*time.Minute || c.FeedDailyCap != 50 || !c.Watch {
				t.Errorf("%+v", c)
			}
		}},
		{name: "store and feeds from env", env: map[string]string{"NEWSBOT_DB": "/data/n.db", "DATABASE_URL": "postgres://u:pw@db/newsbot",
			"NEWSBOT_FEED_INTERVAL": "1h", "NEWSBOT_FEED_DAILY_CAP": "7", "NEWSBOT_WATCH": "false"}, check: func(t *testing.T, c Config) {
			if c.DB != "/data/n.db" || string(c.DatabaseURL) != "postgres://u:pw@db/newsbot" || c.FeedInterval != time.Hour || c.FeedDailyCap != 7 || c.Watch {
				t.Errorf("%+v", c)
			}
			if strings.Contains(fmt.Sprintf("%v %+v", c.DatabaseURL, c), "pw") {
				t.Errorf("the database URL's password prints")
			}
		}},
		{name: "store flags win", env: map[string]string{"NEWSBOT_DB": "/data/n.db", "NEWSBOT_FEED_INTERVAL": "1h"},
			args: []string{"-db", "/other.db", "-feed-interval", "5m", "-feed-daily-cap", "3", "-watch=false"}, check: func(t *testing.T, c Config) {
				if c.DB != "/other.db" || c.FeedInterval != 5*time.Minute || c.FeedDailyCap != 3 || c.Watch {
					t.Errorf("%+v", c)
				}
			}},
		{name: "feed interval too short", env: map[string]string{"NEWSBOT_FEED_INTERVAL": "10s"}, wantErr: "from 1m to 24h"},
		{name: "feed interval not a duration", args: []string{"-feed-interval", "often"}, wantErr: "from 1m to 24h"},
		{name: "daily cap not a number", env: map[string]string{"NEWSBOT_FEED_DAILY_CAP": "lots"}, wantErr: "from 1 to 10000"},
		{name: "token file", env: map[string]string{"DISCORD_TOKEN": "env-token"}, args: []string{"-token-file", tokenFile},
			check: func(t *testing.T, c Config) {
				if c.Token != "Bot file-token.xyz" {
					t.Errorf("token from file not used")
				}
			}},
		{name: "token file from env", env: map[string]string{"DISCORD_TOKEN_FILE": tokenFile},
			check: func(t *testing.T, c Config) {
				if c.Token != "Bot file-token.xyz" {
					t.Errorf("token from file not used")
				}
			}},
		{name: "token flag beats a token file from env", env: map[string]string{"DISCORD_TOKEN_FILE": filepath.Join(dir, "nope")}, args: []string{"-token", "flag-token"},
			check: func(t *testing.T, c Config) {
				if c.Token != "Bot flag-token" {
					t.Errorf("token %q, want the flag's", string(c.Token))
				}
			}},
		{name: "prefix kept", env: map[string]string{"DISCORD_TOKEN": "Bot already.prefixed"},
			check: func(t *testing.T, c Config) {
				if c.Token != "Bot already.prefixed" {
					t.Errorf("prefix doubled")
				}
			}},
		{name: "missing token file", args: []string{"-token-file", filepath.Join(dir, "nope")}, wantErr: "read token file"},
		{name: "empty token file", args: []string{"-token-file", emptyFile}, wantErr: "is empty"},
		{name: "token file is a device", args: []string{"-token-file", os.DevNull}, wantErr: "not a regular file"},
		{name: "token file is a folder", args: []string{"-token-file", dir}, wantErr: "not a regular file"},
		{name: "huge token file", args: []string{"-token-file", hugeFile}, wantErr: "larger than 4 KiB"},
		{name: "two-line token file", args: []string{"-token-file", twoLines}, wantErr: "has 2 lines"},
		{name: "blank token", env: map[string]string{"DISCORD_TOKEN": " "}, wantErr: "DISCORD_TOKEN is set but blank"},
		{name: "token with a space", env: map[string]string{"DISCORD_TOKEN": "abc def"}, wantErr: "contains spaces"},
		{name: "token with a control character", env: map[string]string{"DISCORD_TOKEN": "abc\x00def"}, wantErr: "control characters"},
		{name: "bad defaults", env: map[string]string{"NEWSBOT_DEFAULTS": "maybe"}, wantErr: "NEWSBOT_DEFAULTS"},
		{name: "bad api base", env: map[string]string{"DISCORD_API_BASE": "ftp://x"}, wantErr: "DISCORD_API_BASE"},
		{name: "api base with path", env: map[string]string{"DISCORD_API_BASE": "https://x.example/api"}, wantErr: "origin"},
		{name: "fleet env", env: map[string]string{
			"NEWSBOT_HTTP_ADDR": "127.0.0.1:9090", "LOG_FORMAT": "json", "DISCORD_SHARD_ID": "1", "DISCORD_SHARD_COUNT": "4",
		}, check: func(t *testing.T, c Config) {
			if c.HTTPAddr != "127.0.0.1:9090" || c.LogFormat != "json" || c.Shard != (shard.Spec{ID: 1, IDSet: true, Count: 4}) {
				t.Errorf("%+v", c)
			}
		}},
		{name: "fleet flags win", env: map[string]string{"NEWSBOT_HTTP_ADDR": "127.0.0.1:9090", "LOG_FORMAT": "json", "DISCORD_SHARD_COUNT": "4"},
			args: []string{"-http-addr", ":9191", "-log-format", "text", "-shard-id", "2", "-shard-count", "auto"},
			check: func(t *testing.T, c Config) {
				if c.HTTPAddr != ":9191" || c.LogFormat != "text" || c.Shard != (shard.Spec{ID: 2, IDSet: true, Auto: true}) {
					t.Errorf("%+v", c)
				}
			}},
		{name: "fleet defaults", check: func(t *testing.T, c Config) {
			if c.HTTPAddr != "" || c.LogFormat != "text" || c.Shard.Sharded() {
				t.Errorf("%+v", c)
			}
		}},
		{name: "bad log format", env: map[string]string{"LOG_FORMAT": "yaml"}, wantErr: "LOG_FORMAT"},
		{name: "http addr without port", env: map[string]string{"NEWSBOT_HTTP_ADDR": "localhost"}, wantErr: "NEWSBOT_HTTP_ADDR"},
		{name: "http addr bad port", env: map[string]string{"NEWSBOT_HTTP_ADDR": "127.0.0.1:metrics"}, wantErr: "NEWSBOT_HTTP_ADDR"},
		{name: "shard id beyond count", env: map[string]string{"DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "2"}, wantErr: "DISCORD_SHARD_ID"},
		{name: "shard count without id", env: map[string]string{"DISCORD_SHARD_COUNT": "2"}, wantErr: "needs DISCORD_SHARD_ID"},
		{name: "bad level", env: map[string]string{"LOG_LEVEL": "loud"}, wantErr: "log level"},
		{name: "bad guild", env: map[string]string{"DISCORD_GUILD_ID": "my-server"}, wantErr: "guild ID"},
		{name: "nothing to load", env: map[string]string{"NEWSBOT_DEFAULTS": "false"}, wantErr: "no articles"},
		{name: "stray argument", args: []string{"extra"}, wantErr: "usage"},
		{name: "token flag", env: map[string]string{"DISCORD_TOKEN": "env-token"}, args: []string{"-token", "flag.token"},
			check: func(t *testing.T, c Config) {
				if c.Token != "Bot flag.token" {
					t.Errorf("-token not used")
				}
			}},
		{name: "unknown flag", args: []string{"-bogus", "x"}, wantErr: "usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			c, err := Parse(t.Context(), tt.args, envOf(tt.env), &stderr)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestSecretNeverPrints(t *testing.T) {
	c := Config{Token: Secret("Bot super.secret.token")}
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "token", c.Token, "cfg", c)
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "token", c.Token)
	out := fmt.Sprintf("%v %+v %#v %s %q %x", c, c, c, c.Token, c.Token, c.Token) + fmt.Sprint(c.Token) + logs.String()
	if strings.Contains(out, "super.secret") {
		t.Errorf("token printed: %s", out)
	}
	if !strings.Contains(out, "(redacted)") {
		t.Errorf("no redaction marker: %s", out)
	}
	if Secret("").String() != "(none)" {
		t.Errorf("empty secret")
	}
}

// TestTokenFileNeverBlocks is issue 10 item 6: a FIFO as the token file
// blocked forever (and /dev/zero grew without bound) with SIGTERM ignored.
func TestTokenFileNeverBlocks(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		t.Run(path, func(t *testing.T) {
			if _, err := os.Stat(path); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := Parse(t.Context(), []string{"-token-file", path}, envOf(nil), io.Discard)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "not a regular file") {
					t.Errorf("err = %v, want a refusal", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("reading the token file blocked")
			}
		})
	}
}

func TestReadTokenFileStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	path := filepath.Join(t.TempDir(), "token")
	os.WriteFile(path, []byte("a.token"), 0o600)
	// Whether the read or the cancellation wins, the answer comes at once
	// and a cancelled read says so.
	if _, err := readTokenFile(ctx, path); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

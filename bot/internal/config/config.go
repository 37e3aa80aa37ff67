// Package config reads the bot's configuration from environment variables
// and the flags that mirror them, and keeps the token from ever printing.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"newsbot/bot/internal/cli"
	"newsbot/bot/internal/shard"
	"newsbot/bot/internal/telemetry"
)

// Secret is a string that never prints: the bot token. Formatting it with
// any verb, or logging it with slog, shows only that it is set.
type Secret string

func (s Secret) String() string {
	if s == "" {
		return "(none)"
	}
	return "(redacted)"
}

// GoString keeps %#v from printing the token.
func (s Secret) GoString() string { return s.String() }

// LogValue keeps slog from printing the token.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Format keeps every fmt verb (%s, %v, %q, %x…) from printing the token.
func (s Secret) Format(f fmt.State, verb rune) { io.WriteString(f, s.String()) }

// Config is the bot's configuration: environment variables, each overridden
// by the flag of the same meaning.
type Config struct {
	Token    Secret   // with the "Bot " prefix; empty: run the console
	GuildID  string   // register commands in this guild only (instant); else globally
	Articles []string // files or folders of extra articles
	Defaults bool     // include the embedded articles
	APIBase  string   // origin replacing https://discord.com, or ""
	LogLevel slog.Level
	LevelSet bool // LOG_LEVEL or -log-level was given
	JSON     bool // console: one JSON object per command

	// HTTPAddr is where /healthz, /readyz and /metrics are served
	// (NEWSBOT_HTTP_ADDR, host:port); "" serves nothing.
	HTTPAddr string
	// LogFormat is "text" or "json" (LOG_FORMAT).
	LogFormat string
	// Shard is this process's shard (DISCORD_SHARD_ID, DISCORD_SHARD_COUNT).
	Shard shard.Spec
}

// Usage is printed by -h before the flags.
const Usage = `usage: bot [flags]

Runs newsbot: the Discord bot when a token is set (DISCORD_TOKEN or
DISCORD_TOKEN_FILE), otherwise a local console over the articles where you
type commands such as
  /who-said quote: security guarantees
  /summary article: starmer sentences: 2

Every flag has an environment variable of the same meaning; a flag wins.
Prefer DISCORD_TOKEN or a token file (DISCORD_TOKEN_FILE, -token-file) to
-token: command lines are visible to other users of the machine.

Flags:
`

// Parse reads the configuration from getenv and args. Errors never
// contain the token.
func Parse(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("bot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, Usage)
		fs.PrintDefaults()
	}
	defaults := true
	if v := getenv("NEWSBOT_DEFAULTS"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return cfg, fmt.Errorf("NEWSBOT_DEFAULTS=%q: want true or false", v)
		}
		defaults = b
	}
	tokenFlag := fs.String("token", "", "the bot token (env DISCORD_TOKEN); prefer the variable or -token-file, as a command line is visible to other users")
	tokenFile := fs.String("token-file", getenv("DISCORD_TOKEN_FILE"), "read the bot token from this file (env DISCORD_TOKEN_FILE)")
	fs.StringVar(&cfg.GuildID, "guild", getenv("DISCORD_GUILD_ID"), "register the commands in this guild only, which is instant (env DISCORD_GUILD_ID); default: globally")
	articles := fs.String("articles", getenv("NEWSBOT_ARTICLES"), "a folder or file of extra articles; several separated by "+string(filepath.ListSeparator)+" (env NEWSBOT_ARTICLES)")
	fs.BoolVar(&cfg.Defaults, "defaults", defaults, "include the articles embedded in the binary (env NEWSBOT_DEFAULTS)")
	fs.StringVar(&cfg.APIBase, "api-base", getenv("DISCORD_API_BASE"), "an origin that replaces https://discord.com for every REST call, e.g. a REST proxy (env DISCORD_API_BASE)")
	level := fs.String("log-level", getenv("LOG_LEVEL"), "debug, info, warn or error (env LOG_LEVEL; default info)")
	fs.BoolVar(&cfg.JSON, "json", false, "console: print one JSON object per command")
	fs.StringVar(&cfg.HTTPAddr, "http-addr", getenv("NEWSBOT_HTTP_ADDR"), "serve /healthz, /readyz and Prometheus /metrics on this host:port, e.g. 127.0.0.1:9090 (env NEWSBOT_HTTP_ADDR; default: off)")
	logFormat := fs.String("log-format", getenv("LOG_FORMAT"), "text or json (env LOG_FORMAT; default text)")
	shardID := fs.String("shard-id", getenv("DISCORD_SHARD_ID"), "the gateway shard this process runs, from 0 (env DISCORD_SHARD_ID; needs -shard-count)")
	shardCount := fs.String("shard-count", getenv("DISCORD_SHARD_COUNT"), "the number of shards, or auto for Discord's recommendation (env DISCORD_SHARD_COUNT; default: unsharded)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, cli.ErrHelp
		}
		return cfg, cli.ErrUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bot: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return cfg, cli.ErrUsage
	}

	token := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	if *tokenFlag != "" {
		fmt.Fprintln(stderr, "bot: warning: -token puts the token where other users of this machine can see it; prefer DISCORD_TOKEN or -token-file")
		token = strings.TrimSpace(*tokenFlag)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	// A flag wins over the environment: -token beats a DISCORD_TOKEN_FILE
	// from the environment (but not a -token-file also given as a flag).
	if *tokenFile != "" && !(set["token"] && !set["token-file"]) {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			// The error names the file, never its contents.
			return cfg, fmt.Errorf("read token file: %w", err)
		}
		token = strings.TrimSpace(string(b))
		if token == "" {
			return cfg, fmt.Errorf("token file %s is empty", *tokenFile)
		}
	}
	cfg.Token = Secret(BotToken(token))

	for _, p := range filepath.SplitList(*articles) {
		if p = strings.TrimSpace(p); p != "" {
			cfg.Articles = append(cfg.Articles, p)
		}
	}

	var err error
	if cfg.APIBase, err = parseAPIBase(cfg.APIBase); err != nil {
		return cfg, err
	}
	if cfg.LogLevel, err = parseLevel(*level); err != nil {
		return cfg, err
	}
	cfg.LevelSet = *level != ""
	if cfg.LogFormat, err = telemetry.ParseFormat(*logFormat); err != nil {
		return cfg, fmt.Errorf("LOG_FORMAT: %w", err)
	}
	if cfg.HTTPAddr, err = parseHTTPAddr(cfg.HTTPAddr); err != nil {
		return cfg, err
	}
	if cfg.Shard, err = shard.ParseSpec(*shardID, *shardCount); err != nil {
		return cfg, err
	}
	if cfg.GuildID != "" {
		if _, err := strconv.ParseUint(cfg.GuildID, 10, 64); err != nil {
			return cfg, fmt.Errorf("guild ID %q: want a number (a Discord snowflake)", cfg.GuildID)
		}
	}
	if !cfg.Defaults && len(cfg.Articles) == 0 {
		return cfg, errors.New("no articles: NEWSBOT_DEFAULTS=false needs NEWSBOT_ARTICLES (or -articles)")
	}
	return cfg, nil
}

// BotToken adds the "Bot " prefix Discord wants, unless the token already
// has one.
func BotToken(t string) string {
	if t == "" || strings.HasPrefix(t, "Bot ") || strings.HasPrefix(t, "Bearer ") {
		return t
	}
	return "Bot " + t
}

// parseAPIBase checks that s is an origin (scheme and host, no path) and
// returns it without a trailing slash.
func parseAPIBase(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(strings.TrimSuffix(s, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return "", fmt.Errorf("DISCORD_API_BASE %q: want an origin such as https://proxy.example:8080", s)
	}
	return u.Scheme + "://" + u.Host, nil
}

// parseHTTPAddr checks a listen address: host:port with a numeric port
// (the host may be empty for every interface).
func parseHTTPAddr(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	_, port, err := net.SplitHostPort(s)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		return "", fmt.Errorf("NEWSBOT_HTTP_ADDR %q: want host:port, such as 127.0.0.1:9090 or :9090", s)
	}
	return s, nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if s == "" {
		return slog.LevelInfo, nil
	}
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, fmt.Errorf("log level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

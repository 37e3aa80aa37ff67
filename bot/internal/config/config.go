// Package config reads the bot's configuration from environment variables
// and the flags that mirror them, and keeps the token from ever printing.
package config

import (
	"context"
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
	"syscall"
	"time"

	"newsbot/bot/internal/cli"
	"newsbot/bot/internal/shard"
	"newsbot/bot/internal/telemetry"
	"newsbot/data/store"
)

// Secret is a string that never prints: the bot token. Formatting it with
// any verb, or logging it with slog, shows only that it is set.
type Secret string

// String shows whether the token is set, never the token.
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
	// DB is the SQLite store's file (NEWSBOT_DB); used when DatabaseURL
	// is empty.
	DB string
	// DatabaseURL selects PostgreSQL (DATABASE_URL). It may hold a
	// password: it is never logged.
	DatabaseURL Secret
	// FeedInterval is how often each followed feed is polled.
	FeedInterval time.Duration
	// FeedDailyCap is how many articles one feed may add a day.
	FeedDailyCap int
	// Watch reloads NEWSBOT_ARTICLES folders when they change.
	Watch bool
}

// Feed polling bounds: more often than a minute is impolite to the sites,
// and a feed polled less than daily is not followed.
const (
	DefaultFeedInterval = 15 * time.Minute
	minFeedInterval     = time.Minute
	maxFeedInterval     = 24 * time.Hour
	DefaultFeedDailyCap = 50
)

// Usage is printed by -h before the flags.
const Usage = `usage: newsbot [flags]
       newsbot analyze [flags] [PATH...]
       newsbot eval quotes|summary|search [flags] [FILE.jsonl...]
       newsbot train attribution [flags] [FILE.jsonl...]
       newsbot healthcheck [-addr host:port] [-path /healthz|/readyz]

Runs newsbot: the Discord bot when a token is set (DISCORD_TOKEN or
DISCORD_TOKEN_FILE), otherwise a local console over the articles where you
type commands such as
  /who-said quote: security guarantees
  /summary article: starmer sentences: 2

Every flag has an environment variable of the same meaning; a flag wins.
Prefer DISCORD_TOKEN or a token file (DISCORD_TOKEN_FILE, -token-file) to
-token: command lines are visible to other users of the machine.

Subcommands (each takes -h):
  analyze   print what the bot finds in articles (quotations, speakers,
            people, summary) as JSON lines
  eval      measure answer quality on the evaluation data (quotes,
            summary, search); the data is not in the repository, it is
            expected in ../shared/eval
  train     learn the speaker ranker's weights from annotated articles
            (default ../shared/eval/polnear-train.jsonl)
  healthcheck  ask the running bot's NEWSBOT_HTTP_ADDR listener for
            /healthz; exits 0 when healthy (a container healthcheck)

Flags:
`

// Parse reads the configuration from getenv and args. Errors never
// contain the token. A token file is read in a way ctx can interrupt, so
// that a signal stops the program even then.
func Parse(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("newsbot", flag.ContinueOnError)
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
	raw := defineFlags(fs, getenv, &cfg, defaults)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, cli.ErrHelp
		}
		return cfg, cli.ErrUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "newsbot: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return cfg, cli.ErrUsage
	}

	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	token, err := resolveToken(ctx, getenv("DISCORD_TOKEN"), *raw.token, *raw.tokenFile, set, stderr)
	if err != nil {
		return cfg, err
	}
	cfg.Token = Secret(BotToken(token))
	if err := cfg.fillService(raw); err != nil {
		return cfg, err
	}
	if err := cfg.fillLibrary(raw, getenv); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// rawFlags is the text of the flags (each defaulting to its environment
// variable) that Parse checks and converts after parsing.
type rawFlags struct {
	token, tokenFile, articles, level, logFormat   *string
	shardID, shardCount                            *string
	databaseURL, feedInterval, feedDailyCap, watch *string
}

// defineFlags declares every flag on fs, with its environment variable as
// the default; flags that need no checking are stored in cfg directly.
func defineFlags(fs *flag.FlagSet, getenv func(string) string, cfg *Config, defaults bool) *rawFlags {
	var r rawFlags
	r.token = fs.String("token", "", "the bot token (env DISCORD_TOKEN); prefer the variable or -token-file, as a command line is visible to other users")
	r.tokenFile = fs.String("token-file", getenv("DISCORD_TOKEN_FILE"), "read the bot token from this file (env DISCORD_TOKEN_FILE)")
	fs.StringVar(&cfg.GuildID, "guild", getenv("DISCORD_GUILD_ID"), "register the commands in this guild only, which is instant (env DISCORD_GUILD_ID); default: globally")
	r.articles = fs.String("articles", getenv("NEWSBOT_ARTICLES"), "a folder or file of extra articles; several separated by "+string(filepath.ListSeparator)+" (env NEWSBOT_ARTICLES)")
	fs.BoolVar(&cfg.Defaults, "defaults", defaults, "include the articles embedded in the binary (env NEWSBOT_DEFAULTS)")
	fs.StringVar(&cfg.APIBase, "api-base", getenv("DISCORD_API_BASE"), "an origin that replaces https://discord.com for every REST call, e.g. a REST proxy (env DISCORD_API_BASE)")
	r.level = fs.String("log-level", getenv("LOG_LEVEL"), "debug, info, warn or error (env LOG_LEVEL; default info, warn in the console)")
	fs.BoolVar(&cfg.JSON, "json", false, "console: print one JSON object per command")
	fs.StringVar(&cfg.HTTPAddr, "http-addr", getenv("NEWSBOT_HTTP_ADDR"), "serve /healthz, /readyz and Prometheus /metrics on this host:port, e.g. 127.0.0.1:9090 (env NEWSBOT_HTTP_ADDR; default: off)")
	r.logFormat = fs.String("log-format", getenv("LOG_FORMAT"), "text or json (env LOG_FORMAT; default text)")
	r.shardID = fs.String("shard-id", getenv("DISCORD_SHARD_ID"), "the gateway shard this process runs, from 0 (env DISCORD_SHARD_ID; needs -shard-count)")
	r.shardCount = fs.String("shard-count", getenv("DISCORD_SHARD_COUNT"), "the number of shards, or auto for Discord's recommendation (env DISCORD_SHARD_COUNT; default: unsharded)")
	dbDefault := getenv("NEWSBOT_DB")
	if dbDefault == "" {
		dbDefault = store.DefaultPath(getenv)
	}
	fs.StringVar(&cfg.DB, "db", dbDefault, "the SQLite file that keeps the articles and feeds that servers and the console add (env NEWSBOT_DB); ignored when DATABASE_URL is set")
	r.databaseURL = fs.String("database-url", "", "use PostgreSQL at this URL instead of SQLite (env DATABASE_URL); prefer the variable: a URL may hold a password")
	r.feedInterval = fs.String("feed-interval", getenv("NEWSBOT_FEED_INTERVAL"), "how often each feed is polled, e.g. 15m or 1h (env NEWSBOT_FEED_INTERVAL; default 15m)")
	r.feedDailyCap = fs.String("feed-daily-cap", getenv("NEWSBOT_FEED_DAILY_CAP"), "the most articles one feed adds a day (env NEWSBOT_FEED_DAILY_CAP; default 50)")
	r.watch = fs.String("watch", getenv("NEWSBOT_WATCH"), "reload NEWSBOT_ARTICLES folders when their files change (env NEWSBOT_WATCH; default true)")
	return &r
}

// fillService checks and converts what the bot itself needs: articles,
// the API origin, logging, the health listener, the shard and the guild.
func (cfg *Config) fillService(raw *rawFlags) error {
	for _, p := range filepath.SplitList(*raw.articles) {
		if p = strings.TrimSpace(p); p != "" {
			cfg.Articles = append(cfg.Articles, p)
		}
	}
	var err error
	if cfg.APIBase, err = parseAPIBase(cfg.APIBase); err != nil {
		return err
	}
	if cfg.LogLevel, err = parseLevel(*raw.level); err != nil {
		return err
	}
	cfg.LevelSet = *raw.level != ""
	if cfg.LogFormat, err = telemetry.ParseFormat(*raw.logFormat); err != nil {
		return fmt.Errorf("LOG_FORMAT: %w", err)
	}
	if cfg.HTTPAddr, err = parseHTTPAddr(cfg.HTTPAddr); err != nil {
		return err
	}
	if cfg.Shard, err = shard.ParseSpec(*raw.shardID, *raw.shardCount); err != nil {
		return err
	}
	if cfg.GuildID != "" {
		if _, err := strconv.ParseUint(cfg.GuildID, 10, 64); err != nil {
			return fmt.Errorf("guild ID %q: want a number (a Discord snowflake)", cfg.GuildID)
		}
	}
	if !cfg.Defaults && len(cfg.Articles) == 0 {
		return errors.New("no articles: NEWSBOT_DEFAULTS=false needs NEWSBOT_ARTICLES (or -articles)")
	}
	return nil
}

// fillLibrary checks and converts the living corpus's settings: the
// database, feed polling and folder watching.
func (cfg *Config) fillLibrary(raw *rawFlags, getenv func(string) string) error {
	cfg.DatabaseURL = Secret(strings.TrimSpace(getenv("DATABASE_URL")))
	if *raw.databaseURL != "" {
		cfg.DatabaseURL = Secret(strings.TrimSpace(*raw.databaseURL))
	}
	cfg.FeedInterval = DefaultFeedInterval
	if v := *raw.feedInterval; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < minFeedInterval || d > maxFeedInterval {
			return fmt.Errorf("feed interval %q: want a duration from 1m to 24h, e.g. 15m", v)
		}
		cfg.FeedInterval = d
	}
	cfg.FeedDailyCap = DefaultFeedDailyCap
	if v := *raw.feedDailyCap; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10_000 {
			return fmt.Errorf("feed daily cap %q: want a number from 1 to 10000", v)
		}
		cfg.FeedDailyCap = n
	}
	cfg.Watch = true
	if v := *raw.watch; v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("NEWSBOT_WATCH=%q: want true or false", v)
		}
		cfg.Watch = b
	}
	return nil
}

// resolveToken picks the token from DISCORD_TOKEN (env), -token (flag) and
// a token file, and checks it. A flag wins over the environment: -token
// beats a DISCORD_TOKEN_FILE from the environment (but not a -token-file
// also given as a flag); set holds the flags given.
func resolveToken(ctx context.Context, env, flagToken, file string, set map[string]bool, stderr io.Writer) (string, error) {
	token := strings.TrimSpace(env)
	if env != "" && token == "" {
		// Set but blank: a mistake, not a request for the console.
		return "", errors.New("DISCORD_TOKEN is set but blank: give the token, or unset it to run the console")
	}
	if flagToken != "" {
		fmt.Fprintln(stderr, "newsbot: warning: -token puts the token where other users of this machine can see it; prefer DISCORD_TOKEN or -token-file")
		token = strings.TrimSpace(flagToken)
	}
	if file != "" && !(set["token"] && !set["token-file"]) {
		var err error
		if token, err = readTokenFile(ctx, file); err != nil {
			return "", err
		}
	}
	if err := checkToken(token); err != nil {
		return "", err
	}
	return token, nil
}

// maxTokenFile bounds a token file: a bot token is about 70 bytes, and a
// file much bigger is not one (/dev/zero would otherwise be read forever).
const maxTokenFile = 4 << 10

// readTokenFile reads the token from path: a regular file of at most
// maxTokenFile bytes, holding the token alone on one line. It is opened
// without blocking (a FIFO would block an open for reading until a writer
// came) and read on a goroutine that ctx abandons, so that a signal still
// stops the program. Errors name the file, never its contents.
func readTokenFile(ctx context.Context, path string) (string, error) {
	type result struct {
		token string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		t, err := readTokenFileNow(path)
		done <- result{t, err}
	}()
	select {
	case r := <-done:
		return r.token, r.err
	case <-ctx.Done():
		return "", fmt.Errorf("read token file %s: %w", path, ctx.Err())
	}
}

func readTokenFileNow(path string) (string, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", fmt.Errorf("read token file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("read token file: %w", err)
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("token file %s is not a regular file (%s): put the token in a plain file", path, st.Mode().Type())
	}
	b, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		return "", fmt.Errorf("read token file: %w", err)
	}
	if len(b) > maxTokenFile {
		return "", fmt.Errorf("token file %s is larger than %d KiB: it holds something other than a token", path, maxTokenFile>>10)
	}
	token := strings.TrimSpace(string(b))
	if token == "" {
		return "", fmt.Errorf("token file %s is empty", path)
	}
	if n := len(strings.Split(token, "\n")); n > 1 {
		return "", fmt.Errorf("token file %s has %d lines: it must hold the token alone on one line", path, n)
	}
	return token, nil
}

// checkToken refuses a token that cannot be sent in an HTTP header, with
// a reason, instead of discordgo's opaque "invalid header field value".
func checkToken(token string) error {
	for _, r := range strings.TrimPrefix(strings.TrimPrefix(token, "Bot "), "Bearer ") {
		switch {
		case r == '\n' || r == '\r':
			return errors.New("the token has several lines: give the token alone")
		case r == ' ' || r == '\t':
			return errors.New("the token contains spaces: give the token alone, without quotes or labels")
		case r < 0x20 || r == 0x7f:
			return errors.New("the token contains control characters")
		case r > 0x7e:
			return errors.New("the token contains non-ASCII characters: check that it was copied whole")
		}
	}
	return nil
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

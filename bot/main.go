// Command bot is newsbot: a Discord bot that answers questions about news
// articles (who said a quotation, summaries, people, search).
//
//	newsbot [flags]                     run the bot (a local console when no token is set)
//	newsbot analyze [flags] [PATH...]   print the analysis of articles as JSON lines
//	newsbot eval quotes|summary|search  measure answer quality on evaluation data
//	newsbot train attribution           learn the speaker ranker from annotated articles
//
// The parts live in packages under bot/internal: config (environment and
// flags), load (articles, in the background), library (the store and
// feeds), discord (the adapter), console, telemetry, analyze, evalcmd and
// traincmd. This file only wires them together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"newsbot/bot/internal/analyze"
	"newsbot/bot/internal/cli"
	"newsbot/bot/internal/config"
	"newsbot/bot/internal/console"
	"newsbot/bot/internal/discord"
	"newsbot/bot/internal/evalcmd"
	"newsbot/bot/internal/library"
	"newsbot/bot/internal/load"
	"newsbot/bot/internal/telemetry"
	"newsbot/bot/internal/traincmd"
	"newsbot/commands"
	"newsbot/data/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := dispatch(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode is the exit status for what dispatch returned, printing the
// error unless it was already explained: 0 for success and for -h (the
// usage was asked for), 1 otherwise.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, cli.ErrHelp):
		return 0
	case !errors.Is(err, cli.ErrUsage):
		fmt.Fprintln(stderr, "newsbot:", err)
	}
	return 1
}

// getenv reads the environment (a variable so tests can replace it).
var getenv = os.Getenv

// dispatch runs the subcommand named by args[0], or the bot itself.
func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "analyze":
			return analyze.Run(args[1:], stdout, stderr)
		case "eval":
			return evalcmd.Run(args[1:], stdout, stderr)
		case "train":
			return traincmd.Run(args[1:], stdout, stderr)
		case "healthcheck":
			return telemetry.RunHealthcheck(ctx, args[1:], getenv, stdout, stderr)
		}
	}
	return runBot(ctx, args, stdin, stdout, stderr)
}

// runBot runs the Discord bot, or the local console when no token is set.
func runBot(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := config.Parse(ctx, args, getenv, stderr)
	if errors.Is(err, cli.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	level := cfg.LogLevel
	if cfg.Token == "" && !cfg.LevelSet {
		// The console's user wants answers, not progress reports.
		level = slog.LevelWarn
	}
	log, err := telemetry.NewLogger(stderr, cfg.LogFormat, level)
	if err != nil {
		return err
	}
	loader := load.Start(ctx, load.Options{Defaults: cfg.Defaults, Paths: cfg.Articles}, log)
	metrics := telemetry.New()
	metrics.SetCorpus(func() (int, int) {
		c := loader.Store.Current()
		return len(c.Docs), c.QuoteCount()
	})
	var parts discordParts
	probes := telemetry.Probes{
		Health: map[string]telemetry.Check{},
		Ready:  map[string]telemetry.Check{"corpus": corpusLoaded(loader)},
	}
	parts.addProbes(probes, cfg.Token != "")
	stopTelemetry, err := serveTelemetry(ctx, cfg, metrics, probes, log)
	if err != nil {
		return err
	}
	defer stopTelemetry()
	observe := commands.WithMiddleware(telemetry.Middleware(metrics, log))
	if cfg.Token == "" {
		return runConsole(ctx, cfg, log, loader, metrics, observe, &parts, stdin, stdout)
	}
	return runDiscord(ctx, cfg, log, loader, metrics, observe, &parts)
}

// serveTelemetry starts the health and metrics listener when configured;
// the returned function stops it (whenever runBot returns, not only on a
// signal) and waits for it.
func serveTelemetry(ctx context.Context, cfg config.Config, metrics *telemetry.Metrics, probes telemetry.Probes, log *slog.Logger) (func(), error) {
	if cfg.HTTPAddr == "" {
		return func() {}, nil
	}
	sctx, stop := context.WithCancel(ctx)
	srv, err := telemetry.Start(sctx, cfg.HTTPAddr, telemetry.Handler(metrics, probes), log)
	if err != nil {
		stop()
		return nil, err
	}
	return func() {
		stop()
		if err := srv.Wait(); err != nil {
			log.Warn("telemetry listener", "err", err)
		}
	}, nil
}

// runConsole answers commands typed on stdin, on the same store as the
// bot: the console's user is the operator, who may add articles and feeds
// (/article, /feed) to the console's own collection, kept for the next
// run. A store that cannot be written falls back to memory with a warning
// (see library.Options.MemoryFallback); one that is locked, corrupt or
// from a newer newsbot stops the console with the reason.
func runConsole(ctx context.Context, cfg config.Config, log *slog.Logger, loader *load.Loader, metrics *telemetry.Metrics,
	observe commands.Option, parts *discordParts, stdin io.Reader, stdout io.Writer) error {
	libOpts := libraryOptions
	libOpts.Metrics = metrics
	libOpts.MemoryFallback = true
	lib, closeLibrary, err := openLibrary(ctx, cfg, libOpts, loader, log, parts)
	if err != nil {
		if errors.Is(err, store.ErrLocked) {
			return fmt.Errorf("%w; stop the newsbot that holds it, or point NEWSBOT_DB (-db) at another file", err)
		}
		return err
	}
	defer closeLibrary()
	router := commands.New(commands.WithLogger(log), observe, commands.WithCorpora(lib.Corpora()),
		commands.WithLibrary(console.LocalFiles(lib.Collection)))
	metrics.SetCommands(commandNames(router)...)
	opts := console.Options{JSON: cfg.JSON, Interactive: console.IsTerminal(stdin), Log: log,
		Server: console.Server, Store: lib.Where(), Forgets: !lib.Kept()}
	if out, ok := stdout.(*os.File); ok && opts.Interactive && console.IsTerminal(out) {
		opts.Progress = loader.Progress
	}
	return console.Run(ctx, opts, router, loader.Store, bothDone(loader.Done(), lib.Loaded()), stdin, stdout)
}

// bothDone is closed once a and b both are: a script's first line waits
// for the articles on disk and for those in the store.
func bothDone(a, b <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		<-a
		<-b
		close(done)
	}()
	return done
}

// discordParts are the pieces that the health checks read: they exist from
// the start (the listener serves while the store opens and the gateway
// connects) and read what is there when asked. The console has the store
// but no gateway.
type discordParts struct {
	bot atomic.Pointer[discord.Bot]
	lib atomic.Pointer[library.Library]
}

// addProbes adds the store health check, and the gateway's for the bot.
func (p *discordParts) addProbes(probes telemetry.Probes, gateway bool) {
	if gateway {
		probes.Health["gateway"] = func(context.Context) error {
			if b := p.bot.Load(); b == nil || !b.Connected() {
				return errors.New("not connected to the Discord gateway")
			}
			return nil
		}
	}
	probes.Health["store"] = func(ctx context.Context) error {
		l := p.lib.Load()
		if l == nil {
			return errors.New("not open yet")
		}
		return l.Ping(ctx)
	}
}

// openLibrary opens the store and starts loading, polling and watching. Its
// work outlives ctx: the returned close stops it and closes the store, and is
// called after the console or the Discord connection has finished, so that
// interactions still in flight when ctx ends can use the store.
func openLibrary(ctx context.Context, cfg config.Config, opts library.Options, loader *load.Loader, log *slog.Logger,
	parts *discordParts) (*library.Library, func(), error) {
	runCtx, stopLibrary := context.WithCancel(context.WithoutCancel(ctx))
	lib, err := library.Start(runCtx, cfg, opts, loader, log)
	if err != nil {
		stopLibrary()
		return nil, nil, err
	}
	parts.lib.Store(lib)
	return lib, func() {
		stopLibrary()
		if err := lib.Close(); err != nil {
			log.Error("closing the store", "err", err)
		}
	}, nil
}

// runDiscord opens the store and serves Discord until ctx ends. The store,
// feeds and folder watching stop after the Discord connection has closed.
func runDiscord(ctx context.Context, cfg config.Config, log *slog.Logger, loader *load.Loader, metrics *telemetry.Metrics,
	observe commands.Option, parts *discordParts) error {
	libOpts := libraryOptions
	libOpts.Metrics = metrics
	lib, closeLibrary, err := openLibrary(ctx, cfg, libOpts, loader, log, parts)
	if err != nil {
		return err
	}
	defer closeLibrary()
	router := commands.New(commands.WithLogger(log), observe, commands.WithCorpora(lib.Corpora()), commands.WithLibrary(lib.Collection))
	metrics.SetCommands(commandNames(router)...)
	b := discord.New(discord.Options{Token: string(cfg.Token), GuildID: cfg.GuildID, APIBase: cfg.APIBase,
		Shard: cfg.Shard, Observer: metrics}, router, log)
	parts.bot.Store(b)
	return b.Run(ctx)
}

// commandNames lists the router's commands, the only names that get a
// metrics label of their own.
func commandNames(r *commands.Router) []string {
	var names []string
	for _, c := range r.Commands() {
		names = append(names, c.Def.Name)
	}
	return names
}

// corpusLoaded is the readiness check: every configured article is loaded.
func corpusLoaded(l *load.Loader) telemetry.Check {
	return func(context.Context) error {
		select {
		case <-l.Done():
			return nil
		default:
			return fmt.Errorf("loading articles: %d so far", len(l.Store.Current().Docs))
		}
	}
}

// libraryOptions are the living corpus's options; tests let its fetcher
// reach their servers on 127.0.0.1.
var libraryOptions library.Options

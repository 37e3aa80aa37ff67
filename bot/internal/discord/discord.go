// Package discord connects the command router to Discord through
// discordgo: it turns interactions into router requests, answers within
// Discord's windows (deferring when an answer is slow, retrying edits that
// Discord fails), reconnects on its own, stops on close codes that
// reconnecting cannot fix, and shuts down within a bounded time.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"newsbot/bot/internal/shard"
	"newsbot/commands"
)

// Timings of the connection and of shutdown (fields of Bot so tests can
// shorten them; the deferral rule's timings are in respond.go).
const (
	// openTimeout bounds connecting to the gateway: discordgo's Open waits
	// for HELLO and READY with no deadline of its own.
	defaultOpenTimeout = 30 * time.Second
	// backoffMax caps the wait between reconnection attempts.
	defaultBackoffMax = 2 * time.Minute
	// shutdownGrace is how long answers under way may finish after a stop
	// signal. Docker and Kubernetes kill 10 s after SIGTERM; closing the
	// gateway takes about a second more (discordgo waits one for the close
	// handshake), and abandoned sends half a second at most.
	defaultShutdownGrace = 7500 * time.Millisecond
	// abandonWait is how long abandoned answers get to notice.
	abandonWait = 500 * time.Millisecond
)

// Options is what the adapter needs of the bot's configuration.
type Options struct {
	// Token is the bot token with its "Bot " prefix.
	Token string
	// GuildID registers the commands in this guild only; "" globally.
	GuildID string
	// APIBase replaces https://discord.com for every REST call ("": none).
	APIBase string
	// Shard says which gateway shard this process runs (the zero value:
	// unsharded). Only shard 0 registers the commands.
	Shard shard.Spec
	// Observer is told about the gateway connection (nil: no one), for
	// metrics.
	Observer Observer
}

// Observer is told about the gateway connection; *telemetry.Metrics is one.
type Observer interface {
	// GatewayConnected is called with true when the bot is ready to take
	// interactions (READY or RESUMED), and false when the connection drops.
	GatewayConnected(up bool)
	// GatewayReconnect is called after each successful reconnection.
	GatewayReconnect()
}

// nopObserver observes nothing.
type nopObserver struct{}

func (nopObserver) GatewayConnected(bool) {}
func (nopObserver) GatewayReconnect()     {}

// Bot connects the command router to Discord through discordgo.
type Bot struct {
	cfg    Options
	router *commands.Router
	log    *slog.Logger
	ans    answerer

	openTimeout   time.Duration
	backoffMax    time.Duration
	shutdownGrace time.Duration
	// invalidSessionWait is how long to wait before identifying afresh
	// after Discord refused a session (Discord asks for 1–5 s, at random).
	invalidSessionWait func() time.Duration

	disconnected chan *discordgo.Session // a gateway connection closed
	ready        chan struct{}           // READY or RESUMED arrived
	gotReady     atomic.Bool             // since the last connection attempt
	connected    atomic.Bool             // READY or RESUMED seen since the last drop
	observer     Observer
	plan         shard.Plan // resolved by Run before connecting

	// answers is the context of every answer under way; cancelled when
	// shutdown gives up on them.
	answers       context.Context
	cancelAnswers context.CancelFunc

	mu       sync.Mutex
	session  *discordgo.Session // the current session
	closing  bool               // shutting down: take no new interactions
	inflight sync.WaitGroup     // interactions being answered
	pending  map[string]string  // interaction ID → command, under way
	conn     net.Conn           // the gateway connection last dialled
}

// New prepares (without connecting) a bot for cfg. The router answers
// every interaction; it takes its corpus from its own Corpora.
func New(cfg Options, router *commands.Router, log *slog.Logger) *Bot {
	b := &Bot{
		cfg: cfg, router: router, log: log,
		ans:                answerer{clock: realClock{}, deferAfter: defaultDeferAfter, replyTimeout: defaultReplyTimeout},
		openTimeout:        defaultOpenTimeout,
		backoffMax:         defaultBackoffMax,
		shutdownGrace:      defaultShutdownGrace,
		invalidSessionWait: jitter(time.Second, 5*time.Second),
		disconnected:       make(chan *discordgo.Session, 1),
		ready:              make(chan struct{}, 1),
		pending:            map[string]string{},
		observer:           cfg.Observer,
		plan:               shard.Plan{Count: 1, MaxConcurrency: 1},
	}
	if b.observer == nil {
		b.observer = nopObserver{}
	}
	b.answers, b.cancelAnswers = context.WithCancel(context.Background())
	b.session = b.newSession()
	routeDiscordgoLogs(log, cfg.Token)
	return b
}

// jitter returns a function drawing a wait between lo and hi.
func jitter(lo, hi time.Duration) func() time.Duration {
	return func() time.Duration { return lo + rand.N(hi-lo+1) }
}

// newSession returns a discordgo session with no gateway session to
// resume: the bot makes a new one when Discord refuses to resume (op 9),
// as discordgo keeps the dead session ID and offers no way to forget it.
func (b *Bot) newSession() *discordgo.Session {
	s, _ := discordgo.New(b.cfg.Token) // New never fails in v0.29
	// Interactions arrive whatever the intents: ask for none, so no
	// privileged intent is ever needed.
	s.Identify.Intents = discordgo.IntentsNone
	// A fresh session (after Discord refused to resume) is the same shard.
	b.plan.Apply(s)
	// discordgo reconnects after any close, fatal codes included, forever;
	// the bot reconnects itself and stops on fatal codes.
	s.ShouldReconnectOnError = false
	// Handlers run in discordgo's reading goroutine, so that READY or
	// RESUMED is seen before Open returns (an Open that returns without
	// one was refused); the interaction handler starts its own goroutine.
	s.SyncEvents = true
	// Never LogDebug: discordgo then logs the IDENTIFY payload, token and all.
	s.LogLevel = discordgo.LogWarning
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: newTransport(b.cfg.APIBase, nil)}
	s.Dialer = &websocket.Dialer{
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: 45 * time.Second,
		NetDialContext:   b.dial,
	}
	s.AddHandler(b.interactionCreate)
	s.AddHandler(func(s *discordgo.Session, _ *discordgo.Disconnect) {
		if s == b.current() {
			b.setConnected(false)
		}
		select {
		case b.disconnected <- s:
		default:
		}
	})
	s.AddHandler(func(rs *discordgo.Session, r *discordgo.Ready) {
		if rs != b.current() {
			// A late READY on a session the bot has replaced (its
			// connection is being closed) says nothing of the new one.
			return
		}
		// Nothing is assumed about the payload: a panic here would end
		// the process.
		name := ""
		if r.User != nil {
			name = r.User.Username
		}
		b.log.Info("connected to Discord", "user", name, "guilds", len(r.Guilds), "shard", b.plan.String())
		b.signalReady()
	})
	s.AddHandler(func(rs *discordgo.Session, _ *discordgo.Resumed) {
		if rs == b.current() {
			b.signalReady()
		}
	})
	s.AddHandler(func(_ *discordgo.Session, rl *discordgo.RateLimit) {
		// discordgo waits and retries by itself: routine, not a fault.
		if rl != nil && rl.TooManyRequests != nil {
			b.log.Debug("rate limited by Discord", "retry_after", rl.RetryAfter, "url", redactTokens(rl.URL))
		}
	})
	return s
}

func (b *Bot) signalReady() {
	b.gotReady.Store(true)
	b.setConnected(true)
	select {
	case b.ready <- struct{}{}:
	default:
	}
}

// current is the session in use.
func (b *Bot) current() *discordgo.Session {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.session
}

// setConnected records the gateway connection's state.
func (b *Bot) setConnected(up bool) {
	b.connected.Store(up)
	b.observer.GatewayConnected(up)
}

// Connected reports whether the gateway connection is up and identified,
// for the health check.
func (b *Bot) Connected() bool { return b.connected.Load() }

// Shard is the shard this bot runs, once Run has resolved it.
func (b *Bot) Shard() shard.Plan {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.plan
}

// resolveShard decides this process's shard, asking Discord (GET
// /gateway/bot) when sharded, and waits for the shard's turn to identify.
// It reports false when ctx ended while waiting.
func (b *Bot) resolveShard(ctx context.Context) (bool, error) {
	s := b.current()
	fetch := func(ctx context.Context) (*discordgo.GatewayBotResponse, error) {
		rctx, cancel := context.WithTimeout(ctx, b.ans.replyTimeout)
		defer cancel()
		return s.GatewayBot(discordgo.WithContext(rctx))
	}
	plan, err := b.cfg.Shard.Resolve(ctx, fetch, func(msg string) { b.log.Warn(msg) })
	if err != nil {
		if why, ok := fatalClose(err); ok {
			return false, fmt.Errorf("shards: %s", why)
		}
		return false, err
	}
	b.mu.Lock()
	b.plan = plan
	b.mu.Unlock()
	plan.Apply(s)
	if plan.Count > 1 {
		b.log.Info("running one shard", "shard", plan.ID, "of", plan.Count, "max_concurrency", plan.MaxConcurrency, "identify_in", plan.Wait)
	}
	return plan.Sleep(ctx), nil
}

// Run connects, registers the commands (shard 0 only), and serves until
// ctx ends or the connection fails for good. It returns nil after a stop
// signal, once shutdown has finished.
func (b *Bot) Run(ctx context.Context) error {
	if ok, err := b.resolveShard(ctx); err != nil || !ok {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	if err := b.connect(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		if why, ok := fatalClose(err); ok {
			return fmt.Errorf("connect to Discord: %s", why)
		}
		return fmt.Errorf("connect to Discord: %w", err)
	}
	defer b.shutdown()
	if !b.plan.RegistersCommands() {
		// One overwrite per fleet: shard 0 owns the registration, so
		// that n processes do not race n identical overwrites.
		b.log.Info("commands are registered by shard 0", "shard", b.plan.String())
	} else if err := b.register(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while registering
		}
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case s := <-b.disconnected:
			if ctx.Err() != nil {
				return nil
			}
			if s != b.current() {
				continue // a session the bot already replaced
			}
			if err := b.reconnect(ctx); err != nil {
				return err
			}
		}
	}
}

// register replaces the application's commands with the router's in one
// bulk overwrite: in the configured guild (instant) or globally.
func (b *Bot) register(ctx context.Context) error {
	// READY's application ID is the one commands belong to; the bot user's
	// ID is the same for most applications but not for some old ones.
	s := b.current()
	appID := ""
	if st := s.State; st != nil {
		st.RLock()
		if st.Application != nil && st.Application.ID != "" {
			appID = st.Application.ID
		} else if st.User != nil {
			appID = st.User.ID
		}
		st.RUnlock()
	}
	if appID == "" {
		return errors.New("register commands: READY carried no application user ID")
	}
	defs := b.router.Definitions()
	rctx, cancel := context.WithTimeout(ctx, b.ans.replyTimeout)
	defer cancel()
	if _, err := s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, defs, discordgo.WithContext(rctx)); err != nil {
		if why, ok := fatalClose(err); ok {
			return fmt.Errorf("register commands: %s", why)
		}
		return fmt.Errorf("register commands: %w", err)
	}
	scope := "globally (may take up to an hour to appear)"
	if b.cfg.GuildID != "" {
		scope = "in guild " + b.cfg.GuildID
	}
	b.log.Info("commands registered", "count", len(defs), "scope", scope)
	return nil
}

// shutdown stops taking interactions, lets the answers under way finish
// for at most shutdownGrace, abandons (and logs) the rest, then closes the
// gateway: all within Docker's and Kubernetes' 10 s.
func (b *Bot) shutdown() {
	start := time.Now()
	b.log.Info("shutting down", "grace", b.shutdownGrace)
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.shutdownGrace):
		b.log.Warn("abandoning answers still under way", "count", len(b.underway()), "interactions", strings.Join(b.underway(), ", "))
		b.cancelAnswers()
		select {
		case <-done:
		case <-time.After(abandonWait):
		}
	}
	b.cancelAnswers()
	if err := b.current().Close(); err != nil {
		b.log.Warn("close gateway", errAttr(err))
	}
	b.log.Info("shut down", "took", time.Since(start).Round(time.Millisecond))
}

// underway lists the interactions being answered, as "ID (command)".
func (b *Bot) underway() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for id, cmd := range b.pending {
		out = append(out, id+" ("+cmd+")")
	}
	sort.Strings(out)
	return out
}

// track registers an interaction being answered; false when shutting
// down. The caller calls untrack when done.
func (b *Bot) track(id, command string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	b.pending[id] = command
	return true
}

func (b *Bot) untrack(id string) {
	b.mu.Lock()
	delete(b.pending, id)
	b.mu.Unlock()
	b.inflight.Done()
}

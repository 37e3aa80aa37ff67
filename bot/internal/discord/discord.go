// Package discord connects the command router to Discord through
// discordgo: it turns interactions into router requests, answers within
// Discord's windows (deferring when an answer is slow), reconnects on its
// own and stops on close codes that reconnecting cannot fix.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"newsbot/bot/internal/shard"
	"newsbot/commands"
)

// Timings of the Discord adapter (fields of discordBot so tests can shorten
// them).
const (
	// Discord drops an interaction not answered within 3 s. An answer ready
	// within deferAfter is sent as is; otherwise the bot sends a "thinking…"
	// deferral first and edits it when the answer is ready.
	defaultDeferAfter = 1500 * time.Millisecond
	// autocompleteBudget bounds an autocomplete handler: late choices are
	// useless, and autocomplete cannot be deferred.
	autocompleteBudget = 2 * time.Second
	// openTimeout bounds connecting to the gateway: discordgo's Open waits
	// for HELLO and READY with no deadline of its own.
	defaultOpenTimeout = 30 * time.Second
	// replyTimeout bounds one interaction's handler and REST calls (the
	// interaction token itself lasts 15 minutes).
	defaultReplyTimeout = 30 * time.Second
	// sendTimeout bounds sending an answer once the reply budget is spent.
	sendTimeout = 10 * time.Second
	// backoffMax caps the wait between reconnection attempts.
	defaultBackoffMax = 2 * time.Minute
)

// fatalCloseCodes are gateway close codes after which reconnecting cannot
// help; discordgo would retry them forever (discordgo issue #1544).
var fatalCloseCodes = map[int]string{
	4004: "authentication failed: check DISCORD_TOKEN",
	4010: "invalid shard",
	4011: "sharding required",
	4012: "invalid API version",
	4013: "invalid intents",
	4014: "disallowed intents",
}

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
	cfg     Options
	router  *commands.Router
	log     *slog.Logger
	session *discordgo.Session

	deferAfter   time.Duration
	openTimeout  time.Duration
	replyTimeout time.Duration
	backoffMax   time.Duration

	disconnected chan struct{} // a gateway connection closed
	connected    atomic.Bool   // READY or RESUMED seen since the last drop
	observer     Observer
	plan         shard.Plan // set by Run before connecting

	mu       sync.Mutex
	closing  bool           // shutting down: take no new interactions
	inflight sync.WaitGroup // interactions being answered
	conn     net.Conn       // the gateway connection last dialled
}

// New prepares (without connecting) a bot for cfg. The router answers
// every interaction; it takes its corpus from its own Corpora.
func New(cfg Options, router *commands.Router, log *slog.Logger) *Bot {
	b := &Bot{
		cfg: cfg, router: router, log: log,
		deferAfter:   defaultDeferAfter,
		openTimeout:  defaultOpenTimeout,
		replyTimeout: defaultReplyTimeout,
		backoffMax:   defaultBackoffMax,
		disconnected: make(chan struct{}, 1),
		observer:     cfg.Observer,
		plan:         shard.Plan{Count: 1, MaxConcurrency: 1},
	}
	if b.observer == nil {
		b.observer = nopObserver{}
	}
	s, _ := discordgo.New(cfg.Token) // New never fails in v0.29
	// Interactions arrive whatever the intents: ask for none, so no
	// privileged intent is ever needed.
	s.Identify.Intents = discordgo.IntentsNone
	// discordgo reconnects after any close, fatal codes included, forever;
	// the bot reconnects itself and stops on fatal codes.
	s.ShouldReconnectOnError = false
	// Never LogDebug: discordgo then logs the IDENTIFY payload, token and all.
	s.LogLevel = discordgo.LogWarning
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: newTransport(cfg.APIBase, nil)}
	s.Dialer = &websocket.Dialer{
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: 45 * time.Second,
		NetDialContext:   b.dial,
	}
	s.AddHandler(b.onInteraction)
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
		b.setConnected(false)
		select {
		case b.disconnected <- struct{}{}:
		default:
		}
	})
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		// discordgo runs handlers on bare goroutines: a panic here would
		// end the process, so nothing is assumed about the payload.
		name := ""
		if r.User != nil {
			name = r.User.Username
		}
		b.log.Info("connected to Discord", "user", name, "guilds", len(r.Guilds), "shard", b.plan.String())
		b.setConnected(true)
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { b.setConnected(true) })
	b.session = s
	routeDiscordgoLogs(log, cfg.Token)
	return b
}

// discordgoLog is where discordgo's own log lines go (its Logger is a
// package variable, so this is too).
var (
	discordgoLog     atomic.Pointer[discordgoSink]
	discordgoLogOnce sync.Once
)

type discordgoSink struct {
	log   *slog.Logger
	token string
}

// routeDiscordgoLogs sends discordgo's log lines to log, with the token
// blanked out should one ever carry it.
func routeDiscordgoLogs(log *slog.Logger, token string) {
	discordgoLog.Store(&discordgoSink{log: log, token: token})
	discordgoLogOnce.Do(func() {
		discordgo.Logger = func(level, caller int, format string, a ...any) {
			sink := discordgoLog.Load()
			msg := fmt.Sprintf(format, a...)
			if raw := strings.TrimPrefix(sink.token, "Bot "); raw != "" {
				msg = strings.ReplaceAll(msg, raw, "(redacted)")
			}
			msg = redactTokens(msg)
			l := slog.LevelInfo
			switch level {
			case discordgo.LogError:
				l = slog.LevelError
			case discordgo.LogWarning:
				l = slog.LevelWarn
			case discordgo.LogDebug:
				l = slog.LevelDebug
			}
			sink.log.Log(context.Background(), l, "discordgo: "+strings.TrimSpace(msg))
		}
	})
}

// rewriteTransport sends every request for discord.com to another origin
// (DISCORD_API_BASE): discordgo's endpoints are fixed at start-up, so the
// rewrite happens under it.
type rewriteTransport struct {
	base *url.URL // nil: no rewrite
	next http.RoundTripper
}

// newTransport returns a transport rewriting discord.com to base ("" for
// none) on top of next (nil for http.DefaultTransport).
func newTransport(base string, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	t := &rewriteTransport{next: next}
	if base != "" {
		t.base, _ = url.Parse(base) // checked by config.Parse
	}
	return t
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.base == nil || req.URL.Host != "discord.com" {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.base.Scheme, t.base.Host, ""
	return t.next.RoundTrip(r)
}

// dial opens the gateway's TCP connection and remembers it, so that a
// connection attempt that hangs can be aborted by closing it.
func (b *Bot) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, network, addr)
	if err == nil {
		b.mu.Lock()
		b.conn = c
		b.mu.Unlock()
	}
	return c, err
}

// open connects to the gateway within openTimeout.
func (b *Bot) open(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- b.session.Open() }()
	timer := time.NewTimer(b.openTimeout)
	defer timer.Stop()
	var why error
	select {
	case err := <-done:
		return err
	case <-timer.C:
		why = fmt.Errorf("no answer from the gateway within %s", b.openTimeout)
	case <-ctx.Done():
		why = ctx.Err()
	}
	// Open holds the session lock while it waits: break its connection
	// and let it return.
	b.mu.Lock()
	if b.conn != nil {
		b.conn.Close()
	}
	b.mu.Unlock()
	if err := <-done; err == nil {
		return nil // it made it after all; the broken connection reconnects
	}
	return why
}

// fatalClose reports whether err is a gateway close that reconnecting
// cannot fix.
func fatalClose(err error) (string, bool) {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		if why, ok := fatalCloseCodes[ce.Code]; ok {
			return fmt.Sprintf("gateway closed with code %d: %s", ce.Code, why), true
		}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return "Discord answered 401 Unauthorized: check DISCORD_TOKEN", true
	}
	return "", false
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
	fetch := func(ctx context.Context) (*discordgo.GatewayBotResponse, error) {
		rctx, cancel := context.WithTimeout(ctx, b.replyTimeout)
		defer cancel()
		return b.session.GatewayBot(discordgo.WithContext(rctx))
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
	plan.Apply(b.session)
	if plan.Count > 1 {
		b.log.Info("running one shard", "shard", plan.ID, "of", plan.Count, "max_concurrency", plan.MaxConcurrency, "identify_in", plan.Wait)
	}
	return plan.Sleep(ctx), nil
}

// Run connects, registers the commands (shard 0 only), and serves until
// ctx ends or the connection fails for good.
func (b *Bot) Run(ctx context.Context) error {
	if ok, err := b.resolveShard(ctx); err != nil || !ok {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	if err := b.open(ctx); err != nil {
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
		case <-b.disconnected:
			if ctx.Err() != nil {
				return nil
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
	appID := ""
	if st := b.session.State; st != nil {
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
	rctx, cancel := context.WithTimeout(ctx, b.replyTimeout)
	defer cancel()
	if _, err := b.session.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, defs, discordgo.WithContext(rctx)); err != nil {
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

// reconnect opens a new gateway connection, waiting longer after each
// failure, and gives up only on fatal close codes.
func (b *Bot) reconnect(ctx context.Context) error {
	wait := time.Second
	for {
		b.log.Info("reconnecting to Discord")
		err := b.open(ctx)
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			b.log.Info("reconnected to Discord")
			b.observer.GatewayReconnect()
			return nil
		}
		if ctx.Err() != nil {
			return nil
		}
		if why, ok := fatalClose(err); ok {
			return fmt.Errorf("reconnect to Discord: %s; not retrying", why)
		}
		b.log.Warn("reconnect failed", errAttr(err), "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, b.backoffMax)
	}
}

// shutdown closes the gateway (no new interactions) and lets the answers
// under way finish, for at most replyTimeout.
func (b *Bot) shutdown() {
	b.log.Info("shutting down")
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	if err := b.session.Close(); err != nil {
		b.log.Warn("close gateway", errAttr(err))
	}
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.replyTimeout):
		b.log.Warn("gave up waiting for answers under way")
	}
}

// track registers an interaction being answered; false when shutting down.
func (b *Bot) track() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

// request turns an interaction into a router request; false for kinds the
// bot does not handle.
func request(i *discordgo.Interaction) (commands.Request, bool) {
	req := commands.Request{Options: map[string]string{}, GuildID: i.GuildID, ChannelID: i.ChannelID}
	if i.Member != nil && i.Member.User != nil {
		req.UserID = i.Member.User.ID
		// The member's permissions in the channel, as Discord resolved
		// them (overwrites included): what a Manage Server check reads.
		req.Permissions = i.Member.Permissions
	} else if i.User != nil { // direct messages (discordgo #888)
		req.UserID = i.User.ID
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		d := i.ApplicationCommandData()
		req.Name = d.Name
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			req.Kind = commands.KindAutocomplete
		}
		addOptions(&req, d.Options)
		if d.CommandType == discordgo.MessageApplicationCommand && d.Resolved != nil {
			if m := d.Resolved.Messages[d.TargetID]; m != nil {
				req.TargetText = m.Content
			}
		}
	case discordgo.InteractionMessageComponent:
		req.Kind = commands.KindComponent
		req.CustomID = i.MessageComponentData().CustomID
	default:
		return req, false
	}
	return req, true
}

// addOptions flattens options (and any sub-command's) into req as text.
func addOptions(req *commands.Request, opts []*discordgo.ApplicationCommandInteractionDataOption) {
	for _, o := range opts {
		if o == nil {
			continue
		}
		if len(o.Options) > 0 {
			addOptions(req, o.Options)
			continue
		}
		var v string
		switch x := o.Value.(type) {
		case string:
			v = x
		case float64:
			v = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			v = strconv.FormatBool(x)
		case nil:
			continue
		default:
			v = fmt.Sprint(x)
		}
		req.Options[o.Name] = v
		if o.Focused {
			req.Focused = o.Name
		}
	}
}

// onInteraction answers one interaction. discordgo calls it on its own
// goroutine per event.
func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil || !b.track() {
		return
	}
	defer b.inflight.Done()
	i := ic.Interaction
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), b.replyTimeout)
	defer cancel()
	log := b.log.With("interaction", i.ID)
	var req commands.Request
	answered := false
	// Set up before anything reads the payload: discordgo runs handlers on
	// bare goroutines, so a panic here would end the whole process.
	defer func() {
		// A bug in the adapter itself: log it and tell the user (an
		// autocomplete cannot carry a message, so it gets nothing).
		if p := recover(); p != nil {
			log.Error("panic answering an interaction", "panic", p, "stack", string(debug.Stack()))
			if req.Kind != commands.KindAutocomplete {
				b.sendError(ctx, i, answered)
			}
		}
	}()
	req, ok := request(i)
	log = log.With("command", req.Name, "user", req.UserID)
	if !ok {
		log.Debug("ignored interaction", "type", i.Type.String())
		return
	}
	if req.Kind == commands.KindAutocomplete {
		b.autocomplete(ctx, i, req, log)
		return
	}

	type result struct {
		resp commands.Response
		err  error
	}
	done := make(chan result, 1)
	go func() {
		// The router logs the outcome (an Internal failure at error, with
		// its cause) with this interaction's logger.
		resp, err := b.router.Handle(commands.ContextWithLogger(ctx, log), req)
		done <- result{resp, err}
	}()
	wait := b.deferAfter
	if c := b.router.Target(req); c != nil && c.Defer {
		wait = 0
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	var r result
	deferred := false
	sendCtx := ctx // replaced when the handler used up ctx
	select {
	case r = <-done:
	case <-timer.C:
		// Too slow for the 3-second window: acknowledge now, answer later.
		if err := s.InteractionRespond(i, commands.Deferred(req.Kind), discordgo.WithContext(ctx)); err != nil {
			log.Error("defer answer", errAttr(err))
			return
		}
		answered, deferred = true, true
		select {
		case r = <-done:
		case <-ctx.Done():
			// The handler is stuck: tell the user rather than leave
			// "thinking…" up until the token expires.
			log.Error("command timed out", "after", b.replyTimeout)
			r.resp = commands.Response{Ephemeral: true, Err: "timed out",
				Content: "That took too long, sorry. Please try again with a shorter or more specific request."}
			var cancelSend context.CancelFunc
			sendCtx, cancelSend = context.WithTimeout(context.Background(), sendTimeout)
			defer cancelSend()
		}
	}
	var err error
	switch {
	case !deferred:
		err = s.InteractionRespond(i, r.resp.InteractionResponse(), discordgo.WithContext(sendCtx))
	case r.resp.Ephemeral && req.Kind == commands.KindCommand:
		// A public "thinking…" cannot turn ephemeral. Discord ignores the
		// flags of the first follow-up after a deferral (it replaces the
		// deferral), so settle the deferral with an edit first, then
		// answer privately, then remove the public placeholder.
		settle := commands.Response{Content: "Answered privately."}
		if eerr := editOriginal(s, i, settle, sendCtx); eerr != nil {
			log.Warn("settle deferral", errAttr(eerr))
		}
		_, err = s.FollowupMessageCreate(i, false, r.resp.Followup(), discordgo.WithContext(sendCtx))
		if derr := s.InteractionResponseDelete(i, discordgo.WithContext(sendCtx)); derr != nil {
			log.Warn("delete deferral", errAttr(derr))
		}
	case r.resp.Ephemeral:
		// A button press that failed: leave the message as it was.
		_, err = s.FollowupMessageCreate(i, false, r.resp.Followup(), discordgo.WithContext(sendCtx))
	default:
		_, err = s.InteractionResponseEdit(i, r.resp.WebhookEdit(), discordgo.WithContext(sendCtx))
	}
	if err != nil {
		log.Error("send answer", errAttr(err), "deferred", deferred)
		return
	}
	log.Debug("answered", "ok", r.resp.Err == "", "deferred", deferred, "took", time.Since(start))
}

// autocomplete answers an autocomplete interaction within its budget.
func (b *Bot) autocomplete(ctx context.Context, i *discordgo.Interaction, req commands.Request, log *slog.Logger) {
	actx, cancel := context.WithTimeout(ctx, autocompleteBudget)
	defer cancel()
	resp, _ := b.router.Handle(commands.ContextWithLogger(actx, log), req)
	endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	if _, err := b.session.RequestWithBucketID(http.MethodPost, endpoint, resp.Autocomplete(), endpoint, discordgo.WithContext(ctx)); err != nil {
		log.Error("send autocomplete", errAttr(err))
	}
}

// editOriginal replaces the interaction's original answer with resp.
func editOriginal(s *discordgo.Session, i *discordgo.Interaction, resp commands.Response, ctx context.Context) error {
	_, err := s.InteractionResponseEdit(i, resp.WebhookEdit(), discordgo.WithContext(ctx))
	return err
}

// interactionTokenPath matches the secret part of interaction and webhook
// URLs: /interactions/{id}/{token}/… and /webhooks/{app}/{token}/….
var interactionTokenPath = regexp.MustCompile(`(/(?:interactions|webhooks)/\d+/)[^/\s"?]+`)

// redactTokens blanks out interaction tokens in s: net/http errors carry the
// full request URL, and an interaction token lets whoever reads the log post
// as the bot for 15 minutes.
func redactTokens(s string) string {
	return interactionTokenPath.ReplaceAllString(s, "${1}(redacted)")
}

// errAttr is err as a log attribute, with interaction tokens redacted.
func errAttr(err error) slog.Attr {
	if err == nil {
		return slog.String("err", "")
	}
	return slog.String("err", redactTokens(err.Error()))
}

// sendError tells the user that something broke, privately.
func (b *Bot) sendError(ctx context.Context, i *discordgo.Interaction, answered bool) {
	resp := commands.Response{Ephemeral: true, Content: "Something went wrong on newsbot's side. Please try again."}
	var err error
	if answered {
		_, err = b.session.FollowupMessageCreate(i, false, resp.Followup(), discordgo.WithContext(ctx))
	} else {
		err = b.session.InteractionRespond(i, resp.InteractionResponse(), discordgo.WithContext(ctx))
	}
	if err != nil {
		b.log.Error("send error answer", errAttr(err))
	}
}

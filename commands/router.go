// Package commands holds newsbot's commands as plain functions from request
// data to response data. It declares each command once (its Discord
// definition and its handlers), routes requests to them through a chain of
// middleware and enforces every Discord limit on what they answer. It knows
// nothing of sessions or websockets: the Discord adapter and the local
// console under bot/ both turn their input into a Request, make one call to
// Router.Handle, and render the Response.
package commands

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
)

// Kind says what the user did.
type Kind int

// Kinds of request.
const (
	// KindCommand is a slash command or a context-menu command being run.
	KindCommand Kind = iota
	// KindAutocomplete is an option being typed; the answer is Choices.
	KindAutocomplete
	// KindComponent is a button press; CustomID says which.
	KindComponent
)

// String names the kind for logs.
func (k Kind) String() string {
	switch k {
	case KindCommand:
		return "command"
	case KindAutocomplete:
		return "autocomplete"
	case KindComponent:
		return "component"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Request is everything a handler may look at: what the user sent, where,
// and the corpus snapshot to answer from. Handlers never see Discord
// sessions.
type Request struct {
	Kind Kind
	// Name is the command's name ("who-said", "Who said this?"). For a
	// component it may be empty: the router takes it from CustomID.
	Name string
	// Options holds the command's options by name, as text (integers in
	// decimal). Options the user left out are absent.
	Options map[string]string
	// Focused is the option being typed, for KindAutocomplete.
	Focused string
	// TargetText is the text of the message a message context-menu command
	// was used on.
	TargetText string
	// CustomID is the pressed button's custom_id, for KindComponent.
	CustomID string
	// Params holds the parts of CustomID named by the matching button
	// pattern ("articles:page:{n}" gives Params["n"]).
	Params map[string]string
	// Subcommand is the sub-command used ("add" in /article add), or "".
	Subcommand string
	// Attachments holds the files given to attachment options, by option
	// name.
	Attachments map[string]Attachment

	// UserID identifies the user who acted.
	UserID string
	// GuildID is the server the request came from; empty in direct
	// messages and on the console.
	GuildID string
	// ChannelID is the channel the request came from, when known.
	ChannelID string
	// Permissions are the member's permissions in the channel
	// (discordgo.Permission* bits), as Discord resolved them; zero in
	// direct messages and on the console.
	Permissions int64

	// Corpus is the snapshot to answer from; the Snapshot middleware fills
	// it from the router's Corpora when the caller left it nil, and nil
	// after that is an empty corpus.
	Corpus *corpus.Corpus
	// Loading tells that more articles are still being loaded.
	Loading bool
}

// Attachment is a file a user gave to an attachment option: where Discord
// serves it and what it claims to be (the command checks).
type Attachment struct {
	URL         string
	Filename    string
	Size        int
	ContentType string
}

// Option returns the named option with surrounding white space trimmed.
func (r Request) Option(name string) string { return strings.TrimSpace(r.Options[name]) }

// Param returns the named part of a pressed button's custom ID.
func (r Request) Param(name string) string { return r.Params[name] }

// CanManageServer reports whether the member may manage the server (or is
// an administrator), the bar for commands that change what a server sees.
func (r Request) CanManageServer() bool {
	return r.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0
}

// Failure is the kind of failure an answer reports, so that the adapters
// decide privacy and logging by kind rather than by reading text.
type Failure int

// Kinds of failure.
const (
	// OK is an answer, not a failure.
	OK Failure = iota
	// BadInput is a request that cannot be answered as given: a missing
	// or malformed option, an unknown command.
	BadInput
	// NotFound is a well-formed request that matched nothing.
	NotFound
	// Forbidden is a request the user may not make.
	Forbidden
	// Internal is newsbot's own fault (a panic, a timeout); it is logged
	// as an error.
	Internal
)

// String names the failure kind for logs.
func (f Failure) String() string {
	switch f {
	case OK:
		return "ok"
	case BadInput:
		return "bad input"
	case NotFound:
		return "not found"
	case Forbidden:
		return "forbidden"
	case Internal:
		return "internal"
	}
	return fmt.Sprintf("failure(%d)", int(f))
}

// Response is what a handler answers, independent of how it is delivered.
type Response struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	// Choices answers an autocomplete request.
	Choices []*discordgo.ApplicationCommandOptionChoice
	// Ephemeral answers are seen only by the user who asked. Every failure
	// is delivered ephemerally (see Private) whatever this says.
	Ephemeral bool
	// Update replaces the message a pressed button is on instead of
	// posting a new one.
	Update bool
	// Err is non-empty when the request failed (bad input, nothing found):
	// a one-line account of what went wrong, also shown in the embed.
	Err string `json:"-"`
	// Failure says what kind of failure Err is. A response with Err set
	// and Failure OK counts as BadInput.
	Failure Failure `json:"-"`
	// Cause is the error behind an Internal failure (with the stack for a
	// panic), for the log only: users never see it.
	Cause error `json:"-"`
	// Results is the machine-readable answer (for the console's --json);
	// each element marshals to a JSON object.
	Results []any `json:"-"`
}

// Private reports whether r must be seen only by the user who asked: an
// answer marked so, or any failure. It is the one place that decides.
func (r Response) Private() bool { return r.Ephemeral || r.Failure != OK || r.Err != "" }

// Handler answers one request.
type Handler func(ctx context.Context, req Request) Response

// Middleware wraps a handler with a concern shared by many commands
// (recovery, limits, logging), as arikawa's cmdroute and disgo's handler
// middleware do.
type Middleware func(Handler) Handler

// Button routes presses of buttons whose custom ID matches Pattern: literal
// parts separated by ":", and "{name}" parts that match anything and land
// in Request.Params. "articles:page:{n}" matches "articles:page:3".
type Button struct {
	Pattern string
	Press   Handler
}

// Command is one command, declared once: its Discord definition and its
// handlers.
type Command struct {
	Def *discordgo.ApplicationCommand
	// Run answers the command itself.
	Run Handler
	// Complete answers autocomplete for its options (nil: none).
	Complete Handler
	// Buttons answer presses of the buttons the command draws, by custom
	// ID pattern; the first match wins.
	Buttons []Button
	// Press answers presses of buttons whose custom_id starts with
	// Def.Name + ":" and matches none of Buttons (nil: none).
	Press Handler
	// Defer makes the bot acknowledge at once and edit the answer in
	// later, for a command known to be slow. Others are deferred only when
	// they turn out slow.
	Defer bool
	// ServerOnly keeps the command to servers that installed the bot
	// (moderator commands, which change a server's articles). Every other
	// command is read-only and installable anywhere: as a server app and
	// as a user app, in servers, in DMs with the bot and in private
	// channels (see Definitions).
	ServerOnly bool
	// Usage is how to call it, e.g. "/summary article:<title> [sentences:1-10]".
	Usage string
	// Example is one realistic call, for /help and the README.
	Example string
	// middleware wraps this command's handlers only (see With).
	middleware []Middleware
}

// With adds middleware that wraps only this command's handlers, inside the
// router's own, and returns c.
func (c *Command) With(mw ...Middleware) *Command {
	c.middleware = append(c.middleware, mw...)
	return c
}

// Snapshot is the corpus a request answers from.
type Snapshot struct {
	Corpus *corpus.Corpus
	// Loading tells that more articles are still being loaded.
	Loading bool
}

// Corpora gives the snapshot a request from a server answers from. It is
// an interface so that one corpus for everyone and a corpus per server plug
// in the same way.
type Corpora interface {
	Snapshot(ctx context.Context, guildID string) Snapshot
}

// CorporaFunc adapts a function to Corpora.
type CorporaFunc func(ctx context.Context, guildID string) Snapshot

// Snapshot calls f.
func (f CorporaFunc) Snapshot(ctx context.Context, guildID string) Snapshot { return f(ctx, guildID) }

// StoreCorpora answers every server from one store.
func StoreCorpora(s *corpus.Store) Corpora {
	return CorporaFunc(func(context.Context, string) Snapshot {
		// Loading first: the loader swaps in the full corpus before it
		// clears the flag, so this order never shows a partial corpus as
		// complete.
		loading := s.Loading()
		return Snapshot{Corpus: s.Current(), Loading: loading}
	})
}

// Option configures a Router.
type Option func(*Router)

// WithLogger makes the router log every request it handles to log.
func WithLogger(log *slog.Logger) Option { return func(r *Router) { r.log = log } }

// WithLibrary adds the moderators' commands (/article, /feed), which
// change a server's collection through lib.
func WithLibrary(lib Library) Option { return func(r *Router) { r.library = lib } }

// WithCorpora makes the router answer requests that carry no corpus from c.
func WithCorpora(c Corpora) Option { return func(r *Router) { r.corpora = c } }

// WithMiddleware wraps the standard chain in mw (outermost first): for
// concerns that must see every request and its final answer, such as
// metrics.
func WithMiddleware(mw ...Middleware) Option {
	return func(r *Router) { r.outer = append(r.outer, mw...) }
}

// Router routes requests to commands.
type Router struct {
	byName  map[string]*Command
	order   []*Command
	chain   []Middleware
	outer   []Middleware // from WithMiddleware, outside Standard
	log     *slog.Logger
	corpora Corpora
	library Library
}

// New returns a router with all of newsbot's commands and the standard
// middleware chain (see Standard).
func New(opts ...Option) *Router {
	r := &Router{byName: map[string]*Command{}, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(r)
	}
	r.Use(r.outer...)
	r.Use(r.Standard()...)
	for _, c := range []*Command{
		whoSaidCommand(),
		summaryCommand(),
		quotesCommand(),
		peopleCommand(),
		articlesCommand(),
		searchCommand(),
		helpCommand(r),
		whoSaidMessageCommand(),
	} {
		r.Add(c)
	}
	if r.library != nil {
		r.Add(articleCommand(r.library))
		r.Add(feedCommand(r.library))
	}
	return r
}

// Standard is the chain every request goes through, outermost first:
// logging sees the final answer; limits apply to whatever was answered;
// the snapshot is taken once, and the loading note reads it; failures get
// their kind and privacy; recovery catches a panic in the handler; bounds
// cut the input before any handler sees it.
func (r *Router) Standard() []Middleware {
	return []Middleware{
		Logging(r.log),
		EnforceLimits(),
		SnapshotFrom(r.corpora),
		LoadingNote(),
		Classify(),
		Recover(),
		r.Bound(),
	}
}

// Use appends middleware to the router's chain: each wraps every request,
// inside the middleware added before it.
func (r *Router) Use(mw ...Middleware) { r.chain = append(r.chain, mw...) }

// Add registers c. It panics when a command of the same name is already
// registered: two definitions of one name would make Discord reject the
// bulk registration, and which handler runs would depend on order.
func (r *Router) Add(c *Command) {
	if c == nil || c.Def == nil {
		panic("commands: Add of a command without a definition")
	}
	if _, ok := r.byName[c.Def.Name]; ok {
		panic(fmt.Sprintf("commands: duplicate command %q", c.Def.Name))
	}
	r.byName[c.Def.Name] = c
	r.order = append(r.order, c)
}

// Replace registers c in place of the command of the same name (or adds
// it). Tests use it to swap in misbehaving commands.
func (r *Router) Replace(c *Command) {
	if old, ok := r.byName[c.Def.Name]; ok {
		for i, o := range r.order {
			if o == old {
				r.order[i] = c
				break
			}
		}
		r.byName[c.Def.Name] = c
		return
	}
	r.Add(c)
}

// Lookup returns the command with the given name, or nil.
func (r *Router) Lookup(name string) *Command { return r.byName[name] }

// Target returns the command req is for (for a button, the one named
// before the ":" of its custom_id), or nil.
func (r *Router) Target(req Request) *Command {
	return r.byName[targetName(req)]
}

// targetName is the command name req is for.
func targetName(req Request) string {
	if req.Kind == KindComponent && req.Name == "" {
		name, _, _ := strings.Cut(req.CustomID, ":")
		return name
	}
	return req.Name
}

// Commands returns the commands in declaration order.
func (r *Router) Commands() []*Command { return append([]*Command(nil), r.order...) }

// Definitions returns the Discord definitions of every command, for one bulk
// overwrite.
func (r *Router) Definitions() []*discordgo.ApplicationCommand {
	defs := make([]*discordgo.ApplicationCommand, len(r.order))
	for i, c := range r.order {
		def := *c.Def // a copy: the declaration stays as written
		def.IntegrationTypes, def.Contexts = installs(c.ServerOnly)
		defs[i] = &def
	}
	return defs
}

// installs says where a command can be installed and used. A read-only
// command is a user app as well as a server app, so a member can use
// /who-said in any conversation (a DM, a group DM, a server without the
// bot); a ServerOnly one only in servers that installed the bot. Discord
// honours both lists for global commands (a server's own command set is
// always server-only).
func installs(serverOnly bool) (*[]discordgo.ApplicationIntegrationType, *[]discordgo.InteractionContextType) {
	if serverOnly {
		return &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall},
			&[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	}
	return &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall},
		&[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel}
}

// Handle routes req through the middleware chain to its command and returns
// the answer with every Discord limit enforced and, while articles load, a
// note saying so. It never panics: a panicking handler yields an ephemeral
// Internal answer, and the returned error (also in resp.Cause, with the
// stack) is for the caller to log if it logs nothing else.
func (r *Router) Handle(ctx context.Context, req Request) (Response, error) {
	req.Name = targetName(req)
	h := Handler(r.dispatch)
	for i := len(r.chain) - 1; i >= 0; i-- {
		h = r.chain[i](h)
	}
	resp := h(ctx, req)
	return resp, resp.Cause
}

// dispatch is the innermost handler: it picks the command's handler for
// the request's kind and runs it inside the command's own middleware.
func (r *Router) dispatch(ctx context.Context, req Request) Response {
	c := r.byName[req.Name]
	var h Handler
	if c != nil {
		switch req.Kind {
		case KindCommand:
			h = c.Run
		case KindAutocomplete:
			h = c.Complete
		case KindComponent:
			h, req.Params = c.button(req.CustomID)
		}
	}
	if h == nil {
		if req.Kind == KindAutocomplete {
			return Response{}
		}
		if c != nil && req.Kind == KindComponent {
			return failure("That button no longer works", "Run /"+c.Def.Name+" again.")
		}
		return failure(fmt.Sprintf("Unknown command %s", echo(req.Name)),
			"Type /help to see what newsbot can do.")
	}
	for i := len(c.middleware) - 1; i >= 0; i-- {
		h = c.middleware[i](h)
	}
	return h(ctx, req)
}

// button returns the handler for a press of the button with custom ID id,
// with the parts its pattern names; nil when nothing matches.
func (c *Command) button(id string) (Handler, map[string]string) {
	for _, b := range c.Buttons {
		if params, ok := matchPattern(b.Pattern, id); ok {
			return b.Press, params
		}
	}
	return c.Press, nil
}

// matchPattern matches a custom ID against a pattern of ":"-separated
// parts, where "{name}" matches any non-empty part.
func matchPattern(pattern, id string) (map[string]string, bool) {
	pp, ip := strings.Split(pattern, ":"), strings.Split(id, ":")
	if len(pp) != len(ip) {
		return nil, false
	}
	var params map[string]string
	for i, p := range pp {
		if name, ok := strings.CutPrefix(p, "{"); ok && strings.HasSuffix(name, "}") {
			if ip[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[strings.TrimSuffix(name, "}")] = ip[i]
			continue
		}
		if p != ip[i] {
			return nil, false
		}
	}
	return params, true
}

// Package commands holds newsbot's commands as plain functions from request
// data to response data. It declares each command once (its Discord
// definition and its handlers), routes requests to them and enforces every
// Discord limit on what they answer. It knows nothing of sessions or
// websockets: the Discord adapter and the local console in package main both
// turn their input into a Request and render the Response.
package commands

import (
	"context"
	"fmt"
	"runtime/debug"
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

// Request is everything a handler may look at: what the user sent and the
// corpus snapshot to answer from. Handlers never see Discord sessions.
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
	// UserID identifies the user, for logs only.
	UserID string

	// Corpus is the snapshot to answer from; nil is an empty corpus.
	Corpus *corpus.Corpus
	// Loading tells that more articles are still being loaded.
	Loading bool
}

// Option returns the named option with surrounding white space trimmed.
func (r Request) Option(name string) string { return strings.TrimSpace(r.Options[name]) }

// Response is what a handler answers, independent of how it is delivered.
type Response struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	// Choices answers an autocomplete request.
	Choices []*discordgo.ApplicationCommandOptionChoice
	// Ephemeral answers are seen only by the user who asked.
	Ephemeral bool
	// Update replaces the message a pressed button is on instead of
	// posting a new one.
	Update bool
	// Err is non-empty when the request failed (bad input, nothing found):
	// a one-line account of what went wrong, also shown in the embed.
	Err string `json:"-"`
	// Results is the machine-readable answer (for the console's --json);
	// each element marshals to a JSON object.
	Results []any `json:"-"`
}

// Handler answers one request.
type Handler func(ctx context.Context, req Request) Response

// Command is one command, declared once: its Discord definition and its
// handlers.
type Command struct {
	Def *discordgo.ApplicationCommand
	// Run answers the command itself.
	Run Handler
	// Complete answers autocomplete for its options (nil: none).
	Complete Handler
	// Press answers presses of buttons whose custom_id starts with
	// Def.Name + ":" (nil: none).
	Press Handler
	// Defer makes the bot acknowledge at once and edit the answer in
	// later, for a command known to be slow. Others are deferred only when
	// they turn out slow.
	Defer bool
	// Usage is how to call it, e.g. "/summary article:<title> [sentences:1-10]".
	Usage string
	// Example is one realistic call, for /help and the README.
	Example string
}

// Router routes requests to commands.
type Router struct {
	byName map[string]*Command
	order  []*Command
}

// New returns a router with all of newsbot's commands.
func New() *Router {
	r := &Router{byName: map[string]*Command{}}
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
	return r
}

// Add registers c, replacing any command of the same name. Tests use it to
// add misbehaving commands.
func (r *Router) Add(c *Command) {
	if old, ok := r.byName[c.Def.Name]; ok {
		for i, o := range r.order {
			if o == old {
				r.order = append(r.order[:i], r.order[i+1:]...)
				break
			}
		}
	}
	r.byName[c.Def.Name] = c
	r.order = append(r.order, c)
}

// Lookup returns the command with the given name, or nil.
func (r *Router) Lookup(name string) *Command { return r.byName[name] }

// Target returns the command req is for (for a button, the one named
// before the ":" of its custom_id), or nil.
func (r *Router) Target(req Request) *Command {
	if req.Kind == KindComponent && req.Name == "" {
		req.Name, _, _ = strings.Cut(req.CustomID, ":")
	}
	return r.byName[req.Name]
}

// Commands returns the commands in declaration order.
func (r *Router) Commands() []*Command { return append([]*Command(nil), r.order...) }

// Definitions returns the Discord definitions of every command, for one bulk
// overwrite.
func (r *Router) Definitions() []*discordgo.ApplicationCommand {
	defs := make([]*discordgo.ApplicationCommand, len(r.order))
	for i, c := range r.order {
		defs[i] = c.Def
	}
	return defs
}

// Handle routes req to its command and returns the answer with every
// Discord limit enforced and, while articles load, a note saying so. It
// never panics: a panicking handler yields an ephemeral error answer and a
// non-nil error (with the stack) for the caller to log.
func (r *Router) Handle(ctx context.Context, req Request) (resp Response, err error) {
	if req.Corpus == nil {
		req.Corpus = emptyCorpus
	}
	req = r.bound(req)
	if req.Kind == KindComponent && req.Name == "" {
		req.Name, _, _ = strings.Cut(req.CustomID, ":")
	}
	defer func() {
		if p := recover(); p != nil {
			resp = failure("Something went wrong",
				"This is a bug in newsbot, not something you did. Please try again; if it keeps happening, tell the bot's operator.")
			err = fmt.Errorf("panic in command %q: %v\n%s", req.Name, p, debug.Stack())
		}
		if req.Kind == KindAutocomplete {
			resp = Response{Choices: resp.Choices}
		} else if req.Loading {
			addLoadingNote(&resp, len(req.Corpus.Docs))
		}
		Enforce(&resp)
	}()
	c := r.byName[req.Name]
	var h Handler
	if c != nil {
		switch req.Kind {
		case KindCommand:
			h = c.Run
		case KindAutocomplete:
			h = c.Complete
		case KindComponent:
			h = c.Press
		}
	}
	if h == nil {
		if req.Kind == KindAutocomplete {
			return Response{}, nil
		}
		return failure(fmt.Sprintf("Unknown command %s", echo(req.Name)),
			"Type /help to see what newsbot can do."), nil
	}
	return h(ctx, req), nil
}

var emptyCorpus = corpus.New(nil)

// Bounds on request text the command definitions do not bound.
const (
	maxOptionText  = 300  // an option without a max_length of its own
	maxMessageText = 4000 // Discord's longest message, for TargetText
)

// bound gives req what Discord guarantees of every request, whoever built
// it (the console passes typed text as it is): valid UTF-8, and each option
// no longer than its definition's max_length (maxOptionText when it has
// none). Without it a single long word costs the fuzzy indexes time cubic
// in its length (a 5,000-letter word took minutes). The caller's map is
// left as it was.
func (r *Router) bound(req Request) Request {
	limits := map[string]int{}
	if c := r.byName[req.Name]; c != nil {
		for _, o := range c.Def.Options {
			if o.MaxLength > 0 {
				limits[o.Name] = o.MaxLength
			}
		}
	}
	opts := make(map[string]string, len(req.Options))
	for k, v := range req.Options {
		n, ok := limits[k]
		if !ok {
			n = maxOptionText
		}
		opts[k] = cutRunes(strings.ToValidUTF8(v, "\uFFFD"), n)
	}
	req.Options = opts
	req.Name = strings.ToValidUTF8(req.Name, "\uFFFD")
	req.Focused = strings.ToValidUTF8(req.Focused, "\uFFFD")
	req.TargetText = cutRunes(strings.ToValidUTF8(req.TargetText, "\uFFFD"), maxMessageText)
	req.CustomID = cutRunes(strings.ToValidUTF8(req.CustomID, "\uFFFD"), MaxCustomID)
	return req
}

// cutRunes returns s cut to at most n runes, without an ellipsis: it
// bounds input rather than shortening something to show.
func cutRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// addLoadingNote tells the user that the answer comes from a partial corpus.
func addLoadingNote(resp *Response, n int) {
	note := fmt.Sprintf("Still loading articles: %d so far", n)
	if len(resp.Embeds) == 0 {
		if resp.Content != "" {
			resp.Content += "\n"
		}
		resp.Content += "*" + note + "*"
		return
	}
	e := resp.Embeds[len(resp.Embeds)-1]
	if e.Footer == nil {
		e.Footer = &discordgo.MessageEmbedFooter{}
	}
	if e.Footer.Text != "" {
		note = e.Footer.Text + " · " + note
	}
	e.Footer.Text = note
}

package commands

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/data/corpus"
)

// logKey carries a request's logger in its context.
type logKey struct{}

// ContextWithLogger returns ctx carrying log, so that the router logs a
// request with the caller's attributes (an interaction's ID) instead of
// its own logger.
func ContextWithLogger(ctx context.Context, log *slog.Logger) context.Context {
	return context.WithValue(ctx, logKey{}, log)
}

// Logging logs every request once it is answered: failures of newsbot's
// own (Internal) at error with their cause, everything else at debug, so
// that a user's typo never reads as a fault in the operator's log. It logs
// to the context's logger (ContextWithLogger) when there is one, else to
// log.
func Logging(log *slog.Logger) Middleware {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) Response {
			log := log
			if l, ok := ctx.Value(logKey{}).(*slog.Logger); ok && l != nil {
				log = l
			}
			start := time.Now()
			resp := next(ctx, req)
			attrs := []any{"command", req.Name, "kind", req.Kind.String(), "user", req.UserID, "took", time.Since(start)}
			if req.GuildID != "" {
				attrs = append(attrs, "guild", req.GuildID)
			}
			switch {
			case resp.Failure == Internal:
				err := "unknown"
				if resp.Cause != nil {
					err = resp.Cause.Error()
				}
				log.ErrorContext(ctx, "command failed", append(attrs, "err", err)...)
			case resp.Failure != OK:
				log.DebugContext(ctx, "command refused", append(attrs, "failure", resp.Failure.String(), "why", resp.Err)...)
			default:
				log.DebugContext(ctx, "command answered", attrs...)
			}
			return resp
		}
	}
}

// EnforceLimits makes every answer fit Discord's limits (see Enforce), and
// strips an autocomplete answer down to its choices.
func EnforceLimits() Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) Response {
			resp := next(ctx, req)
			if req.Kind == KindAutocomplete {
				resp = Response{Choices: resp.Choices, Failure: resp.Failure, Cause: resp.Cause, Err: resp.Err}
			}
			Enforce(&resp)
			return resp
		}
	}
}

// LoadingNote tells the user, under any answer but autocomplete choices,
// that it comes from a corpus still being loaded. It goes inside
// SnapshotFrom, which sets Request.Loading.
func LoadingNote() Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) Response {
			resp := next(ctx, req)
			if req.Kind != KindAutocomplete && req.Loading {
				n := 0
				if req.Corpus != nil {
					n = len(req.Corpus.Docs)
				}
				addLoadingNote(&resp, n)
			}
			return resp
		}
	}
}

// Classify gives every failure a kind (an Err without one is BadInput) and
// makes it private: the one place where a failure's delivery is decided.
func Classify() Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) Response {
			resp := next(ctx, req)
			if resp.Err != "" && resp.Failure == OK {
				resp.Failure = BadInput
			}
			if resp.Failure != OK {
				resp.Ephemeral = true
				if resp.Err == "" {
					resp.Err = resp.Failure.String()
				}
			}
			return resp
		}
	}
}

// Recover turns a panicking handler into an Internal failure whose Cause
// carries the panic and its stack.
func Recover() Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) (resp Response) {
			defer func() {
				if p := recover(); p != nil {
					resp = failure("Something went wrong",
						"This is a bug in newsbot, not something you did. Please try again; if it keeps happening, tell the bot's operator.")
					resp.Failure = Internal
					resp.Cause = fmt.Errorf("panic in command %q: %v\n%s", req.Name, p, debug.Stack())
				}
			}()
			return next(ctx, req)
		}
	}
}

// SnapshotFrom fills a request that carries no corpus from c (nil: leave
// it), and gives an empty corpus to one that still has none. The snapshot
// is taken once per request: a load swapping corpora meanwhile does not
// change what one answer sees.
func SnapshotFrom(c Corpora) Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) Response {
			if req.Corpus == nil && c != nil {
				s := c.Snapshot(ctx, req.GuildID)
				req.Corpus, req.Loading = s.Corpus, s.Loading
			}
			if req.Corpus == nil {
				req.Corpus = emptyCorpus
			}
			return next(ctx, req)
		}
	}
}

var emptyCorpus = corpus.New(nil)

// Bounds on request text the command definitions do not bound.
const (
	maxOptionText  = 300  // an option without a max_length of its own
	maxMessageText = 4000 // Discord's longest message, for TargetText
)

// Bound gives every request what Discord guarantees of it, whoever built
// it (the console passes typed text as it is): valid UTF-8, and each option
// no longer than its definition's max_length (maxOptionText when it has
// none). Without it a single long word costs the fuzzy indexes time cubic
// in its length (a 5,000-letter word took minutes). The caller's map is
// left as it was.
func (r *Router) Bound() Middleware {
	return func(next Handler) Handler {
		return func(ctx context.Context, req Request) Response {
			return next(ctx, r.bound(req))
		}
	}
}

func (r *Router) bound(req Request) Request {
	limits := map[string]int{}
	var collect func(opts []*discordgo.ApplicationCommandOption)
	collect = func(opts []*discordgo.ApplicationCommandOption) {
		for _, o := range opts {
			// A sub-command's options are flattened into the request
			// (the sub-command the user chose is req.Subcommand).
			if o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
				if req.Subcommand == "" || o.Name == req.Subcommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
					collect(o.Options)
				}
				continue
			}
			if o.MaxLength > 0 {
				limits[o.Name] = o.MaxLength
			}
		}
	}
	if c := r.byName[req.Name]; c != nil {
		collect(c.Def.Options)
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
	if strings.HasPrefix(e.Title, "Still loading") {
		return // the answer is about the load already (see stillLoading)
	}
	if e.Footer == nil {
		e.Footer = &discordgo.MessageEmbedFooter{}
	}
	if e.Footer.Text != "" {
		note = e.Footer.Text + " · " + note
	}
	e.Footer.Text = note
}

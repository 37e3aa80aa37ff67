package telemetry

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"time"

	"newsbot/commands"
)

// maxLoggedText bounds the message text a debug line repeats.
const maxLoggedText = 200

// Middleware counts every request in m and logs one line for it: the
// command, its kind, the outcome and how long the answer took. What the
// user typed (options, button, message text) is added only at debug level:
// an operator's ordinary log should not collect what people ask. Commands
// and button presses log at info, autocomplete (one request per keystroke)
// at debug. It belongs outermost (commands.WithMiddleware), so that it sees
// each request's final answer and the time the whole chain took.
func Middleware(m *Metrics, log *slog.Logger) commands.Middleware {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return func(next commands.Handler) commands.Handler {
		return func(ctx context.Context, req commands.Request) commands.Response {
			start := time.Now()
			resp := next(ctx, req)
			took := time.Since(start)
			outcome := outcomeOf(resp)
			m.Interaction(req.Name, req.Kind.String(), outcome, took)

			level := slog.LevelInfo
			if req.Kind == commands.KindAutocomplete {
				level = slog.LevelDebug
			}
			if !log.Enabled(ctx, level) {
				return resp
			}
			attrs := []slog.Attr{
				slog.String("command", req.Name),
				slog.String("kind", req.Kind.String()),
				slog.String("outcome", outcome),
				slog.Duration("took", took),
			}
			if req.GuildID != "" {
				attrs = append(attrs, slog.String("guild", req.GuildID))
			}
			if log.Enabled(ctx, slog.LevelDebug) {
				attrs = append(attrs, inputAttrs(req)...)
			}
			log.LogAttrs(ctx, level, "interaction", attrs...)
			return resp
		}
	}
}

// outcomeOf names how a request ended: "ok" or the failure's kind. An
// error message without a kind counts as bad input, as the router's
// Classify middleware decides.
func outcomeOf(resp commands.Response) string {
	f := resp.Failure
	if f == commands.OK && resp.Err != "" {
		f = commands.BadInput
	}
	return f.String()
}

// inputAttrs is what the user sent, for debug lines only.
func inputAttrs(req commands.Request) []slog.Attr {
	var attrs []slog.Attr
	if req.UserID != "" {
		attrs = append(attrs, slog.String("user", req.UserID))
	}
	if len(req.Options) > 0 {
		opts := make([]any, 0, 2*len(req.Options))
		for _, k := range slices.Sorted(maps.Keys(req.Options)) {
			opts = append(opts, k, cut(req.Options[k]))
		}
		attrs = append(attrs, slog.Group("options", opts...))
	}
	if req.CustomID != "" {
		attrs = append(attrs, slog.String("button", cut(req.CustomID)))
	}
	if req.TargetText != "" {
		attrs = append(attrs, slog.String("message", cut(req.TargetText)))
	}
	return attrs
}

// cut shortens s to maxLoggedText runes, marking the cut.
func cut(s string) string {
	n := 0
	for i := range s {
		if n == maxLoggedText {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

package discord

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

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
			if strings.Contains(msg, "Expected READY/RESUMED") {
				// An Invalid Session during connect: the bot logs the
				// failed attempt itself, once (see reconnect).
				l = slog.LevelDebug
			}
			sink.log.Log(context.Background(), l, "discordgo: "+strings.TrimSpace(msg))
		}
	})
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

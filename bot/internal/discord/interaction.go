package discord

import (
	"context"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// interactionCreate takes an interaction from discordgo's reading
// goroutine (events are synchronous, see newSession) and answers it on its
// own goroutine.
func (b *Bot) interactionCreate(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	i := ic.Interaction
	// What the interaction is, for the log of answers abandoned at
	// shutdown.
	name := ""
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		name = d.Name
	case discordgo.MessageComponentInteractionData:
		name, _, _ = strings.Cut(d.CustomID, ":")
	}
	if !b.track(i.ID, name) {
		return
	}
	go func() {
		defer b.untrack(i.ID)
		b.onInteraction(sessionResponder{s, i}, i)
	}()
}

// onInteraction answers one interaction through rs.
func (b *Bot) onInteraction(rs Responder, i *discordgo.Interaction) {
	start := time.Now()
	log := b.log.With("interaction", i.ID)
	var req commands.Request
	// Set up before anything reads the payload: a panic here would end
	// the whole process.
	defer func() {
		// A bug in the adapter itself: log it and tell the user (an
		// autocomplete cannot carry a message, so it gets nothing).
		if p := recover(); p != nil {
			log.Error("panic answering an interaction", "panic", p, "stack", string(debug.Stack()))
			if req.Kind != commands.KindAutocomplete {
				b.sendError(rs)
			}
		}
	}()
	req, ok := request(i)
	log = log.With("command", req.Name, "user", req.UserID)
	if !ok {
		log.Debug("ignored interaction", "type", i.Type.String())
		return
	}
	// The router logs each answer's outcome with this interaction's logger.
	handle := func(ctx context.Context) commands.Response {
		resp, _ := b.router.Handle(commands.ContextWithLogger(ctx, log), req)
		return resp
	}
	var o outcome
	if req.Kind == commands.KindAutocomplete {
		o = b.ans.answerAutocomplete(b.answers, rs, handle)
	} else {
		c := b.router.Target(req)
		o = b.ans.answer(b.answers, rs, req.Kind, c != nil && c.Defer, created(i, start), handle)
	}
	logOutcome(log, o, time.Since(start))
}

// created is when Discord created the interaction (from its snowflake ID),
// or fallback (when it arrived) if the ID says nothing plausible: a clock
// skewed by more than the token's lifetime must not stop every retry.
func created(i *discordgo.Interaction, fallback time.Time) time.Time {
	t, err := discordgo.SnowflakeTimestamp(i.ID)
	if err != nil || t.Before(fallback.Add(-tokenWindow)) || t.After(fallback.Add(time.Minute)) {
		return fallback
	}
	return t
}

// sendError tells the user that something broke, privately: as the
// answer, or as a follow-up when the interaction was answered already.
func (b *Bot) sendError(rs Responder) {
	resp := commands.Response{Ephemeral: true, Content: "Something went wrong on newsbot's side. Please try again."}
	err := sendWithin(b.answers, func(ctx context.Context) error { return rs.Respond(ctx, resp.InteractionResponse()) })
	if err != nil {
		err = sendWithin(b.answers, func(ctx context.Context) error { return rs.FollowUp(ctx, resp.Followup()) })
	}
	if err != nil {
		b.log.Error("send error answer", errAttr(err))
	}
}

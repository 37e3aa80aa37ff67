package discord

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsbot/commands"
)

// Responder sends the answers to one interaction: the first answer (or a
// "thinking…" deferral), edits of it, follow-up messages, its deletion,
// and autocomplete choices. The discordgo implementation talks to Discord's
// REST API; the tests use a recorder, so that the deferral rule is tested
// without a gateway.
type Responder interface {
	Respond(ctx context.Context, r *discordgo.InteractionResponse) error
	Edit(ctx context.Context, e *discordgo.WebhookEdit) error
	FollowUp(ctx context.Context, p *discordgo.WebhookParams) error
	Delete(ctx context.Context) error
	Autocomplete(ctx context.Context, a *commands.AutocompleteResponse) error
}

// Clock is the time the deferral rule reads; tests use a fake one.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// sessionResponder answers one interaction through a discordgo session.
type sessionResponder struct {
	s *discordgo.Session
	i *discordgo.Interaction
}

func (r sessionResponder) Respond(ctx context.Context, resp *discordgo.InteractionResponse) error {
	return r.s.InteractionRespond(r.i, resp, discordgo.WithContext(ctx))
}

func (r sessionResponder) Edit(ctx context.Context, e *discordgo.WebhookEdit) error {
	_, err := r.s.InteractionResponseEdit(r.i, e, discordgo.WithContext(ctx))
	return err
}

func (r sessionResponder) FollowUp(ctx context.Context, p *discordgo.WebhookParams) error {
	_, err := r.s.FollowupMessageCreate(r.i, false, p, discordgo.WithContext(ctx))
	return err
}

func (r sessionResponder) Delete(ctx context.Context) error {
	return r.s.InteractionResponseDelete(r.i, discordgo.WithContext(ctx))
}

func (r sessionResponder) Autocomplete(ctx context.Context, a *commands.AutocompleteResponse) error {
	// Its own payload type: discordgo drops an empty choices list.
	endpoint := discordgo.EndpointInteractionResponse(r.i.ID, r.i.Token)
	_, err := r.s.RequestWithBucketID(http.MethodPost, endpoint, a, endpoint, discordgo.WithContext(ctx))
	return err
}

// Timings of the deferral rule.
const (
	// Discord drops an interaction not answered within 3 s. An answer ready
	// within deferAfter is sent as is; otherwise the bot sends a "thinking…"
	// deferral first and edits it when the answer is ready.
	defaultDeferAfter = 1500 * time.Millisecond
	// autocompleteBudget bounds an autocomplete handler: late choices are
	// useless, and autocomplete cannot be deferred. A handler still running
	// autocompleteGrace after it gets no choices, so that the answer is
	// sent within Discord's 3 s whatever the handler does.
	autocompleteBudget = 2 * time.Second
	autocompleteGrace  = 250 * time.Millisecond
	// replyTimeout bounds one interaction's handler (the interaction token
	// itself lasts 15 minutes).
	defaultReplyTimeout = 30 * time.Second
	// sendTimeout bounds one REST call sending an answer: its own budget,
	// not what the handler left of replyTimeout, so that a slow handler
	// does not make a sound send time out.
	sendTimeout = 10 * time.Second
	// tokenWindow is how long an interaction token accepts edits and
	// follow-ups; retries stop a minute before it closes.
	tokenWindow = 15 * time.Minute
	// retryFirst and retryMax are the first and the longest wait between
	// retries of an edit or follow-up that Discord answered with a 5xx.
	retryFirst = 500 * time.Millisecond
	retryMax   = time.Minute
)

// answerer applies the deferral rule: answer within deferAfter or defer,
// then edit; a private answer after a public deferral settles the
// deferral first. It is the one place that decides how an answer reaches
// Discord.
type answerer struct {
	clock        Clock
	deferAfter   time.Duration
	replyTimeout time.Duration
}

// outcome says how an interaction was answered, for the log and tests.
type outcome struct {
	resp     commands.Response
	deferred bool
	sent     bool // the answer (not only a deferral) reached Discord
	err      error
}

// timedOut is the answer when a handler does not finish in time.
var timedOut = commands.Response{Ephemeral: true, Err: "timed out", Failure: commands.Internal,
	Content: "That took too long, sorry. Please try again with a shorter or more specific request."}

// answer runs handle for an interaction of the given kind (created at
// created) and delivers its answer through rs. deferNow defers at once
// (a command known to be slow). ctx ends when the bot gives up on answers
// under way (shutdown): then nothing more is sent.
func (a answerer) answer(ctx context.Context, rs Responder, kind commands.Kind, deferNow bool, created time.Time,
	handle func(context.Context) commands.Response) outcome {
	hctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan commands.Response, 1)
	go func() { done <- handle(hctx) }()

	wait := a.deferAfter
	if deferNow {
		wait = 0
	}
	var o outcome
	select {
	case o.resp = <-done:
		o.err = sendWithin(ctx, func(c context.Context) error { return rs.Respond(c, o.resp.InteractionResponse()) })
		o.sent = o.err == nil
		return o
	case <-a.clock.After(wait):
	case <-ctx.Done():
		o.err = ctx.Err()
		return o
	}
	// Too slow for the 3-second window: acknowledge now, answer later.
	err := sendWithin(ctx, func(c context.Context) error { return rs.Respond(c, commands.Deferred(kind)) })
	if err != nil && !unconfirmed(ctx, err) {
		o.err = err
		return o
	}
	// Sent, or sent without confirmation (Discord slow to answer; it
	// usually did arrive): go on, the edit says which.
	o.deferred = true
	select {
	case o.resp = <-done:
	case <-a.clock.After(a.replyTimeout - wait):
		// The handler is stuck: tell the user rather than leave
		// "thinking…" up until the token expires.
		cancel()
		o.resp = timedOut
	case <-ctx.Done():
		o.err = ctx.Err()
		return o
	}
	o.err = a.deliverDeferred(ctx, rs, kind, o.resp, created)
	o.sent = o.err == nil
	return o
}

// deliverDeferred sends resp after a deferral.
func (a answerer) deliverDeferred(ctx context.Context, rs Responder, kind commands.Kind, resp commands.Response, created time.Time) error {
	private := resp.Private()
	switch {
	case private && kind == commands.KindCommand:
		// A public "thinking…" cannot turn ephemeral. Discord ignores the
		// flags of the first follow-up after a deferral (it replaces the
		// deferral), so settle the deferral with an edit first, then
		// answer privately, then remove the public placeholder.
		settle := commands.Response{Content: "Answered privately."}
		if err := a.retry(ctx, created, func(ctx context.Context) error { return rs.Edit(ctx, settle.WebhookEdit()) }); err != nil {
			return errors.Join(errSettle, err)
		}
		if err := a.retry(ctx, created, func(ctx context.Context) error { return rs.FollowUp(ctx, resp.Followup()) }); err != nil {
			return err
		}
		if err := a.retry(ctx, created, rs.Delete); err != nil {
			return errors.Join(errDeletePlaceholder, err)
		}
		return nil
	case private:
		// A button press that failed: leave the message as it was.
		return a.retry(ctx, created, func(ctx context.Context) error { return rs.FollowUp(ctx, resp.Followup()) })
	default:
		return a.retry(ctx, created, func(ctx context.Context) error { return rs.Edit(ctx, resp.WebhookEdit()) })
	}
}

var (
	errSettle            = errors.New("settle the deferral before a private answer")
	errDeletePlaceholder = errors.New("delete the settled deferral")
)

// retry runs send, again after a growing wait while Discord answers it
// with a server error (5xx), as long as the interaction token (15 minutes
// from created) is good for it. Edits, follow-ups and deletes of a
// deferred answer are safe to repeat: a 5xx means Discord did not do it.
func (a answerer) retry(ctx context.Context, created time.Time, send func(context.Context) error) error {
	wait := retryFirst
	deadline := created.Add(tokenWindow - time.Minute)
	for {
		err := sendWithin(ctx, send)
		if err == nil || !serverError(err) {
			return err
		}
		if a.clock.Now().Add(wait).After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-a.clock.After(wait):
		}
		wait = min(2*wait, retryMax)
	}
}

// sendWithin runs one REST call bounded by sendTimeout, inside ctx.
func sendWithin(ctx context.Context, send func(context.Context) error) error {
	c, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	return send(c)
}

// unconfirmed reports whether err is a send that timed out (Discord did
// not answer within sendTimeout) while the bot was not giving up: the
// request may well have been carried out.
func unconfirmed(ctx context.Context, err error) bool {
	return errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil
}

// serverError reports whether err is Discord answering with a 5xx.
func serverError(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode >= 500
}

// answerAutocomplete runs handle with autocompleteBudget and sends its
// choices; a handler still running autocompleteGrace later gets none, so
// the answer always arrives within Discord's window.
func (a answerer) answerAutocomplete(ctx context.Context, rs Responder, handle func(context.Context) commands.Response) outcome {
	hctx, cancel := context.WithTimeout(ctx, autocompleteBudget)
	defer cancel()
	done := make(chan commands.Response, 1)
	go func() { done <- handle(hctx) }()
	var o outcome
	select {
	case o.resp = <-done:
	case <-a.clock.After(autocompleteBudget + autocompleteGrace):
		o.resp = commands.Response{Failure: commands.Internal, Err: "autocomplete over budget"}
	case <-ctx.Done():
		o.err = ctx.Err()
		return o
	}
	o.err = sendWithin(ctx, func(c context.Context) error { return rs.Autocomplete(c, o.resp.Autocomplete()) })
	o.sent = o.err == nil
	return o
}

// logOutcome logs how an interaction was answered: a failure to send at
// error, except a send whose outcome is unknown because Discord was slow
// (it may well have arrived) at warn, and Discord's rate limits at debug.
func logOutcome(log *slog.Logger, o outcome, took time.Duration) {
	switch {
	case o.err == nil:
		log.Debug("answered", "ok", o.resp.Failure == commands.OK && o.resp.Err == "", "deferred", o.deferred, "took", took)
	case errors.Is(o.err, context.Canceled):
		log.Warn("answer abandoned at shutdown", "deferred", o.deferred, "took", took)
	case errors.Is(o.err, context.DeadlineExceeded):
		log.Warn("Discord did not confirm the answer in time; it may have arrived", errAttr(o.err), "deferred", o.deferred, "took", took)
	case rateLimited(o.err):
		log.Debug("answer rate limited", errAttr(o.err), "deferred", o.deferred)
	default:
		log.Error("send answer", errAttr(o.err), "deferred", o.deferred, "took", took)
	}
}

// rateLimited reports whether err is Discord's 429.
func rateLimited(err error) bool {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return true
	}
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusTooManyRequests
}

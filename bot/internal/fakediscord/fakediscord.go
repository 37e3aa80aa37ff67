// Package fakediscord is a Discord stand-in on 127.0.0.1 for tests: the
// REST calls newsbot makes (gateway discovery, command registration,
// interaction answers, webhook edits, follow-ups and deletes) and a
// gateway websocket (HELLO, IDENTIFY with its shard, READY, RESUME,
// heartbeat ACKs) that dispatches interactions. The real discordgo client
// reaches it through the bot's DISCORD_API_BASE transport rewrite.
//
// One fake serves two kinds of test:
//
//   - the Discord adapter's own tests (bot/internal/discord), which drive
//     one connection at a time: Dispatch, SendOp and Drop act on the
//     latest connection, every REST call is recorded (Requests, WaitFor),
//     and Faults plays what Discord does wrong (a fatal close, a refused
//     RESUME, slow REST, 503s on edits, 429s on callbacks, a gateway that
//     never says HELLO);
//   - tests that run whole bot processes as a fleet (bot/), which need
//     several shards at once: each interaction Send goes to the shard
//     that owns its server, as Discord routes it ((guild ID >> 22) mod
//     shard count), and Answer collects what the bot sent back.
package fakediscord

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// AppID is the fake application's ID.
const AppID = "900000000000000001"

// BotUserID is the fake bot user's ID. It differs from AppID, as for some
// old applications: commands belong to the application, and a bot that
// registered them under its user's ID would be caught.
const BotUserID = "900000000000000002"

// Options configure a fake started with Start.
type Options struct {
	// Shards and MaxConcurrency are what GET /gateway/bot recommends
	// (0: 1 each).
	Shards, MaxConcurrency int
	// T, when set, fails its test on protocol mistakes (a websocket
	// that does not upgrade, an IDENTIFY asking for intents, an unknown
	// first opcode) and closes the fake when its test ends.
	T testing.TB
}

// Faults are what the fake does wrong, set with SetFaults.
type Faults struct {
	// CloseAfterIdentify, when set, closes every gateway connection with
	// this code after its IDENTIFY or RESUME (4004: bad token).
	CloseAfterIdentify int
	// Silent makes the gateway accept connections and never say HELLO.
	Silent bool
	// RefuseResume answers every RESUME with an Invalid Session (op 9)
	// and then closes the connection, as Discord does for a session it
	// has dropped.
	RefuseResume bool
	// RESTDelay delays every answer to an interaction callback or
	// webhook call (a slow Discord REST API), until the fake is closed.
	RESTDelay time.Duration
	// EditFailures is how many of the next webhook edits (PATCH) fail
	// with 503 Service Unavailable.
	EditFailures int
	// RateLimits is how many of the next interaction callbacks are
	// answered 429 Too Many Requests (retry after 50 ms).
	RateLimits int
}

// Request is one REST call the bot made.
type Request struct {
	Method, Path string
	Body         []byte
}

// Server is the fake Discord.
type Server struct {
	// URL is the origin to give the bot as DISCORD_API_BASE.
	URL string

	srv            *httptest.Server
	t              testing.TB
	shards         int
	maxConcurrency int
	seq            atomic.Int64
	stopped        chan struct{} // closed by Close: releases delayed answers
	closeOnce      sync.Once

	mu            sync.Mutex
	faults        Faults
	conns         map[int]*conn            // by shard ID: the live connection
	sockets       map[*websocket.Conn]bool // every open websocket, for Close
	latest        *conn                    // the connection that logged in last, until dropped
	identifies    [][2]int                 // {shard, count} of every IDENTIFY, in order
	logins        []string                 // "identify" or "resume", in order
	ready         int                      // READY or RESUMED sent
	tokens        []string                 // the token of every IDENTIFY/RESUME and REST call
	requests      []Request
	registrations []string // paths of command bulk overwrites
	answers       map[string][]string
	changed       chan struct{} // closed and replaced at every change
}

// conn is one live gateway connection.
type conn struct {
	ws      *websocket.Conn
	writeMu sync.Mutex
}

func (c *conn) send(v any) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

// New starts a fake Discord that recommends shards shards and allows
// maxConcurrency identifies at once. Close stops it.
func New(shards, maxConcurrency int) *Server {
	return Start(Options{Shards: shards, MaxConcurrency: maxConcurrency})
}

// Start starts a fake Discord. Close stops it (at the end of the test
// when opts.T is set).
func Start(opts Options) *Server {
	s := &Server{
		t: opts.T, shards: max(opts.Shards, 1), maxConcurrency: max(opts.MaxConcurrency, 1),
		stopped: make(chan struct{}), conns: map[int]*conn{}, sockets: map[*websocket.Conn]bool{}, answers: map[string][]string{},
		changed: make(chan struct{}),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/gw", s.gateway)
	mux.HandleFunc("/gw/", s.gateway)
	mux.HandleFunc("/api/v9/", s.rest)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	if opts.T != nil {
		opts.T.Cleanup(s.Close)
	}
	return s
}

// Close releases delayed answers, drops every connection and stops the
// server. It may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.stopped)
		// Every websocket, not only the logged-in ones: the server
		// does not track hijacked connections, so one still waiting
		// for its IDENTIFY (or on a Silent gateway) would keep its
		// handler running after the test.
		s.mu.Lock()
		for ws := range s.sockets {
			ws.Close()
		}
		s.mu.Unlock()
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
}

// errorf reports a protocol mistake to the test, if there is one.
func (s *Server) errorf(format string, args ...any) {
	if s.t != nil {
		s.t.Errorf(format, args...)
	}
}

// SetFaults changes the faults the fake plays from now on.
func (s *Server) SetFaults(change func(*Faults)) {
	s.mu.Lock()
	change(&s.faults)
	s.mu.Unlock()
}

// Faults returns the faults as they stand (EditFailures and RateLimits
// count down as they are played).
func (s *Server) Faults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults
}

// notify wakes whoever waits for a change; s.mu is held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// wait waits until cond (called with s.mu held) is true, or timeout.
func (s *Server) wait(timeout time.Duration, cond func() bool) bool {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-deadline:
			return false
		}
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// record keeps a REST call and the token it came with.
func (s *Server) record(r *http.Request, body []byte) {
	s.mu.Lock()
	s.requests = append(s.requests, Request{r.Method, r.URL.Path, body})
	s.tokens = append(s.tokens, r.Header.Get("Authorization"))
	s.notify()
	s.mu.Unlock()
}

// rest answers the REST API.
func (s *Server) rest(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.record(r, body)
	p := strings.TrimPrefix(r.URL.Path, "/api/v9")
	if strings.HasPrefix(p, "/interactions/") || strings.HasPrefix(p, "/webhooks/") {
		if s.fault(w, r, p) {
			return
		}
	}
	ws := "ws://" + r.Host + "/gw"
	switch {
	case r.Method == http.MethodGet && p == "/gateway":
		writeJSON(w, http.StatusOK, map[string]any{"url": ws})
	case r.Method == http.MethodGet && p == "/gateway/bot":
		writeJSON(w, http.StatusOK, map[string]any{"url": ws, "shards": s.shards,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 3_600_000, "max_concurrency": s.maxConcurrency}})
	case r.Method == http.MethodPut && strings.HasPrefix(p, "/applications/"+AppID+"/") && strings.HasSuffix(p, "/commands"):
		s.register(w, p, body)
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/interactions/") && strings.HasSuffix(p, "/callback"):
		s.answer(strings.Split(p, "/")[2], body)
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(p, "/webhooks/"+AppID+"/"):
		s.webhook(w, r, p, body)
	case r.Method == http.MethodGet && p == "/users/@me":
		writeJSON(w, http.StatusOK, map[string]any{"id": BotUserID, "username": "newsbot", "bot": true})
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
	}
}

// register answers a bulk overwrite of the commands at path p.
func (s *Server) register(w http.ResponseWriter, p string, body []byte) {
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
		return
	}
	for i, c := range cmds {
		c["id"] = strconv.Itoa(800000000000000000 + i)
		c["application_id"] = AppID
		c["version"] = "1" // a snowflake string, as Discord sends it
	}
	s.mu.Lock()
	s.registrations = append(s.registrations, p)
	s.notify()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, cmds)
}

// webhook answers /webhooks/{app}/{token}[/messages/…]: edits, follow-ups
// and deletes. When the token is "token-{id}" (as Send makes it), an edit
// or follow-up is filed under interaction id for Answer.
func (s *Server) webhook(w http.ResponseWriter, r *http.Request, p string, body []byte) {
	parts := strings.Split(p, "/")
	switch r.Method {
	case http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	case http.MethodPatch, http.MethodPost:
		if len(parts) > 3 {
			if id, ok := strings.CutPrefix(parts[3], "token-"); ok {
				s.answer(id, body)
			}
		}
		if r.Method == http.MethodPost && r.URL.Query().Get("wait") != "true" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": "700000000000000001", "channel_id": "7", "content": ""})
	default:
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"message": "405", "code": 0})
	}
}

// fault plays the REST faults set on an interaction call; true when it
// answered the call.
func (s *Server) fault(w http.ResponseWriter, r *http.Request, p string) bool {
	s.mu.Lock()
	delay := s.faults.RESTDelay
	fail := r.Method == http.MethodPatch && s.faults.EditFailures > 0
	if fail {
		s.faults.EditFailures--
	}
	limit := strings.HasSuffix(p, "/callback") && s.faults.RateLimits > 0
	if limit {
		s.faults.RateLimits--
	}
	s.notify()
	s.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return true
		case <-s.stopped:
			return true
		}
	}
	switch {
	case fail:
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"message": "503: Service Unavailable", "code": 0})
		return true
	case limit:
		w.Header().Set("Retry-After", "0.05")
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": 0.05, "global": false})
		return true
	}
	return false
}

// answer records a body the bot sent for interaction id.
func (s *Server) answer(id string, body []byte) {
	s.mu.Lock()
	s.answers[id] = append(s.answers[id], string(body))
	s.notify()
	s.mu.Unlock()
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gateway plays one gateway connection: HELLO, the client's IDENTIFY or
// RESUME (with the faults set), READY or RESUMED, then heartbeat ACKs
// until the connection ends.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.errorf("fake gateway: upgrade: %v", err)
		return
	}
	s.mu.Lock()
	select {
	case <-s.stopped:
		s.mu.Unlock()
		ws.Close()
		return
	default:
	}
	s.sockets[ws] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.sockets, ws)
		s.mu.Unlock()
		ws.Close()
	}()
	if s.Faults().Silent {
		ws.ReadMessage() // until the client gives up
		return
	}
	c := &conn{ws: ws}
	if c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}) != nil {
		return
	}
	op, shard, ok := s.login(c)
	if !ok {
		return
	}
	// Publish the connection before READY, so that a test that saw the
	// bot act on READY can always dispatch on it or drop it.
	s.mu.Lock()
	if old := s.conns[shard[0]]; old != nil {
		old.ws.Close()
	}
	s.conns[shard[0]] = c
	s.latest = c
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.conns[shard[0]] == c {
			delete(s.conns, shard[0])
		}
		if s.latest == c {
			s.latest = nil
		}
		s.notify()
		s.mu.Unlock()
	}()
	if s.sendReady(c, r.Host, op, shard) != nil {
		return
	}
	s.mu.Lock()
	s.ready++
	s.notify()
	s.mu.Unlock()
	for {
		var m struct {
			Op int `json:"op"`
		}
		if ws.ReadJSON(&m) != nil {
			return
		}
		if m.Op == 1 && c.send(map[string]any{"op": 11}) != nil {
			return
		}
	}
}

// login reads the client's IDENTIFY (op 2) or RESUME (op 6), records it,
// and plays the faults set for it; ok is false when the connection is
// over. A RESUME's session ID ("session-shard-N", from READY) says which
// shard it was.
func (s *Server) login(c *conn) (op int, shard [2]int, ok bool) {
	var hello struct {
		Op int `json:"op"`
		D  struct {
			Token     string  `json:"token"`
			Intents   *int    `json:"intents"`
			Shard     *[2]int `json:"shard"`
			SessionID string  `json:"session_id"`
		} `json:"d"`
	}
	c.ws.SetReadDeadline(time.Now().Add(30 * time.Second))
	if c.ws.ReadJSON(&hello) != nil {
		return 0, shard, false
	}
	c.ws.SetReadDeadline(time.Time{})
	shard = [2]int{0, 1}
	s.mu.Lock()
	s.tokens = append(s.tokens, hello.D.Token)
	refuse := false
	switch hello.Op {
	case 2:
		s.logins = append(s.logins, "identify")
		if hello.D.Shard != nil {
			shard = *hello.D.Shard
		}
		s.identifies = append(s.identifies, shard)
		if hello.D.Intents == nil || *hello.D.Intents != 0 {
			s.errorf("fake gateway: IDENTIFY intents = %v, want 0 (no privileged intents needed)", hello.D.Intents)
		}
	case 6:
		s.logins = append(s.logins, "resume")
		refuse = s.faults.RefuseResume
		if n, err := strconv.Atoi(strings.TrimPrefix(hello.D.SessionID, "session-shard-")); err == nil {
			shard = [2]int{n, s.shards}
		}
	default:
		s.mu.Unlock()
		s.errorf("fake gateway: got op %d, want IDENTIFY or RESUME", hello.Op)
		return 0, shard, false
	}
	closeCode := s.faults.CloseAfterIdentify
	s.notify()
	s.mu.Unlock()
	switch {
	case refuse:
		// Invalid Session, not resumable; then Discord closes.
		c.send(map[string]any{"op": 9, "d": false})
		time.Sleep(50 * time.Millisecond)
		return 0, shard, false
	case closeCode != 0:
		c.writeMu.Lock()
		c.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(closeCode, "Authentication failed."))
		c.writeMu.Unlock()
		time.Sleep(50 * time.Millisecond)
		return 0, shard, false
	}
	return hello.Op, shard, true
}

// sendReady answers a login: READY for an IDENTIFY, RESUMED for a RESUME.
func (s *Server) sendReady(c *conn, host string, op int, shard [2]int) error {
	if op != 2 {
		return c.send(map[string]any{"op": 0, "t": "RESUMED", "s": s.seq.Add(1), "d": map[string]any{}})
	}
	return c.send(map[string]any{"op": 0, "t": "READY", "s": s.seq.Add(1), "d": map[string]any{
		"v": 9, "session_id": fmt.Sprintf("session-shard-%d", shard[0]), "resume_gateway_url": "ws://" + host + "/gw",
		"user":        map[string]any{"id": BotUserID, "username": "newsbot", "discriminator": "0", "bot": true},
		"application": map[string]any{"id": AppID, "flags": 0},
		"guilds":      []any{},
		"shard":       shard,
	}})
}

// ErrNoConnection is a dispatch with no gateway connection to send on.
var ErrNoConnection = errors.New("fake gateway: no connection")

// Dispatch sends an INTERACTION_CREATE with the event ev on the latest
// connection (whatever its shard).
func (s *Server) Dispatch(ev map[string]any) error {
	return s.sendLatest(map[string]any{"op": 0, "t": "INTERACTION_CREATE", "s": s.seq.Add(1), "d": ev})
}

// SendOp sends a bare gateway opcode (7: reconnect) on the latest
// connection.
func (s *Server) SendOp(op int) error {
	return s.sendLatest(map[string]any{"op": op, "d": nil})
}

func (s *Server) sendLatest(v any) error {
	s.mu.Lock()
	c := s.latest
	s.mu.Unlock()
	if c == nil {
		return ErrNoConnection
	}
	return c.send(v)
}

// Drop closes the latest connection abruptly.
func (s *Server) Drop() {
	s.mu.Lock()
	c := s.latest
	s.latest = nil
	s.mu.Unlock()
	if c != nil {
		c.ws.Close()
	}
}

// Requests returns every REST call so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Tokens returns the token of every IDENTIFY and RESUME and the
// Authorization header of every REST call, in order.
func (s *Server) Tokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.tokens...)
}

// Logins returns "identify" or "resume" for every login so far, in order.
func (s *Server) Logins() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.logins...)
}

// WaitFor waits until a recorded REST call satisfies match and returns
// it; an error after timeout lists the calls made.
func (s *Server) WaitFor(timeout time.Duration, match func(Request) bool) (Request, error) {
	var found Request
	ok := s.wait(timeout, func() bool {
		for _, r := range s.requests {
			if match(r) {
				found = r
				return true
			}
		}
		return false
	})
	if !ok {
		return Request{}, fmt.Errorf("no such request within %s; requests: %s", timeout, s.Describe())
	}
	return found, nil
}

// IndexOf is the position of the first recorded REST call that matches,
// or -1.
func (s *Server) IndexOf(match func(Request) bool) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, r := range s.requests {
		if match(r) {
			return i
		}
	}
	return -1
}

// Describe lists the REST calls so far, one a line, for failure messages.
func (s *Server) Describe() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, r := range s.requests {
		fmt.Fprintf(&b, "\n  %s %s %.200s", r.Method, r.Path, r.Body)
	}
	return b.String()
}

// WaitLogins waits until the gateway has seen n IDENTIFY/RESUME and has a
// ready connection (or closes every login, with CloseAfterIdentify), and
// returns the logins.
func (s *Server) WaitLogins(timeout time.Duration, n int) ([]string, error) {
	var l []string
	ok := s.wait(timeout, func() bool {
		l = append(l[:0], s.logins...)
		ready := (s.latest != nil && s.ready >= n) || s.faults.CloseAfterIdentify != 0
		return len(l) >= n && ready
	})
	if !ok {
		return l, fmt.Errorf("fake gateway: %d logins, want %d", len(l), n)
	}
	return l, nil
}

// WaitReady waits until the gateway has seen n IDENTIFY/RESUME and sent
// ready READY/RESUMED (some logins may have been refused), and returns the
// logins.
func (s *Server) WaitReady(timeout time.Duration, n, ready int) ([]string, error) {
	var l []string
	ok := s.wait(timeout, func() bool {
		l = append(l[:0], s.logins...)
		return len(l) >= n && s.ready >= ready && s.latest != nil
	})
	if !ok {
		return l, fmt.Errorf("fake gateway: logins %v, want %d with %d ready", l, n, ready)
	}
	return l, nil
}

// CallbackFor matches the interaction callback of interaction id.
func CallbackFor(id string) func(Request) bool {
	return func(r Request) bool {
		return r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/api/v9/interactions/"+id+"/") && strings.HasSuffix(r.Path, "/callback")
	}
}

// WebhookFor matches a webhook call (edit, delete, follow-up) with method
// for the interaction token tok.
func WebhookFor(method, tok string) func(Request) bool {
	return func(r Request) bool {
		return r.Method == method && strings.Contains(r.Path, "/webhooks/") && strings.Contains(r.Path, "/"+tok)
	}
}

// WaitShards waits until a connection is up for every shard in ids.
func (s *Server) WaitShards(timeout time.Duration, ids ...int) error {
	ok := s.wait(timeout, func() bool {
		for _, id := range ids {
			if s.conns[id] == nil {
				return false
			}
		}
		return true
	})
	if !ok {
		s.mu.Lock()
		defer s.mu.Unlock()
		up := make([]int, 0, len(s.conns))
		for id := range s.conns {
			up = append(up, id)
		}
		return fmt.Errorf("shards %v not all connected within %s (connected: %v)", ids, timeout, up)
	}
	return nil
}

// Identifies returns the {shard, count} of every IDENTIFY so far.
func (s *Server) Identifies() [][2]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][2]int(nil), s.identifies...)
}

// Registrations returns the paths of the command bulk overwrites so far.
func (s *Server) Registrations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.registrations...)
}

// ShardOf is the shard that owns guild, as Discord computes it.
func (s *Server) ShardOf(guild string) int {
	id, _ := strconv.ParseUint(guild, 10, 64)
	return int((id >> 22) % uint64(s.shards))
}

var interactionSeq atomic.Int64

// Interaction is a slash command to send.
type Interaction struct {
	// Guild is the server it comes from.
	Guild string
	// Shard, when not nil, is the shard to deliver it on instead of the
	// one that owns Guild: Discord moves servers between shards when a
	// bot reshards, and a test uses it to ask another process about a
	// server.
	Shard *int
	// Name is the command; Sub its sub-command, if any.
	Name, Sub string
	// Options are string options as name, value pairs.
	Options []string
}

// Command sends a slash command with string options (name, value pairs)
// from guild to the shard that owns it, and returns the interaction's ID
// for Answer. It fails when that shard has no connection.
func (s *Server) Command(guild, name string, options ...string) (string, error) {
	return s.Send(Interaction{Guild: guild, Name: name, Options: options})
}

// Send sends in from a member allowed to manage the server, and returns
// the interaction's ID for Answer.
func (s *Server) Send(in Interaction) (string, error) {
	n := interactionSeq.Add(1)
	id := strconv.FormatInt(600000000000000000+n, 10)
	var opts []map[string]any
	for i := 0; i+1 < len(in.Options); i += 2 {
		opts = append(opts, map[string]any{"name": in.Options[i], "type": 3, "value": in.Options[i+1]})
	}
	data := map[string]any{"id": "1", "name": in.Name, "type": 1, "options": opts}
	if in.Sub != "" {
		data["options"] = []map[string]any{{"name": in.Sub, "type": 1, "options": opts}}
	}
	ev := map[string]any{
		"id": id, "application_id": AppID, "type": 2, "token": "token-" + id, "version": 1,
		"guild_id": in.Guild, "channel_id": "7",
		// 32 is Manage Server: moderators' commands are allowed.
		"member": map[string]any{"user": map[string]any{"id": "300000000000000001", "username": "alice"}, "permissions": "32"},
		"data":   data,
	}
	shard := s.ShardOf(in.Guild)
	if in.Shard != nil {
		shard = *in.Shard
	}
	s.mu.Lock()
	c := s.conns[shard]
	s.mu.Unlock()
	if c == nil {
		return "", fmt.Errorf("shard %d is not connected", shard)
	}
	if err := c.send(map[string]any{"op": 0, "t": "INTERACTION_CREATE", "s": s.seq.Add(1), "d": ev}); err != nil {
		return "", fmt.Errorf("dispatch to shard %d: %w", shard, err)
	}
	return id, nil
}

// Answer waits for the bot's answer to interaction id and returns every
// body it sent for it (the callback, then any edit or follow-up) joined by
// newlines: a deferral alone is not an answer.
func (s *Server) Answer(id string, timeout time.Duration) (string, error) {
	var out string
	ok := s.wait(timeout, func() bool {
		bodies := s.answers[id]
		if len(bodies) == 0 {
			return false
		}
		// Type 5 is "thinking…": wait for the edit that follows.
		if len(bodies) == 1 && strings.Contains(bodies[0], `"type":5`) {
			return false
		}
		out = strings.Join(bodies, "\n")
		return true
	})
	if !ok {
		return "", fmt.Errorf("no answer to interaction %s within %s", id, timeout)
	}
	return out, nil
}

package discord

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeDiscord is a Discord stand-in on 127.0.0.1 for tests: the REST
// endpoints newsbot uses and a gateway websocket that plays HELLO,
// IDENTIFY/RESUME, READY/RESUMED and heartbeat ACKs, and dispatches
// interactions. The real discordgo client reaches it through the bot's
// DISCORD_API_BASE transport rewrite.
type fakeDiscord struct {
	t     *testing.T
	srv   *httptest.Server
	appID string

	// closeAfterIdentify, when set, makes the gateway close every
	// connection with this code after IDENTIFY or RESUME (4004: bad token).
	closeAfterIdentify int
	// silent, when set, makes the gateway accept connections and never
	// say HELLO.
	// shards and maxConcurrency are what GET /gateway/bot recommends
	// (0: 1 each).
	shards, maxConcurrency int

	identifyShards [][2]int // the shard of every IDENTIFY ({0,1} when none)
	silent         bool
	// refuseResume, when set, makes the gateway answer every RESUME with an
	// Invalid Session (op 9) and then close the connection, as Discord
	// does for a session it has dropped.
	refuseResume bool
	// restDelay, when set, delays every answer to an interaction callback
	// or webhook call (a slow Discord REST API).
	restDelay time.Duration
	// editFailures is how many of the next webhook edits (PATCH) fail
	// with 503 Service Unavailable.
	editFailures int
	// rateLimits is how many of the next interaction callbacks are
	// answered 429 Too Many Requests (retry after 50 ms).
	rateLimits int
	// stopped is closed when the test ends, releasing delayed answers.
	stopped chan struct{}

	mu       sync.Mutex
	conn     *websocket.Conn // the current gateway connection
	writeMu  sync.Mutex      // serialises writes to conn
	seq      int
	requests []fakeRequest
	logins   []string // "identify" or "resume", in order
	ready    int      // READY or RESUMED sent
	tokens   []string // the token of every IDENTIFY/RESUME and REST call
	notify   chan struct{}
}

// fakeRequest is one REST call the bot made.
type fakeRequest struct {
	Method, Path string
	Body         []byte
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{t: t, appID: "900000000000000001", notify: make(chan struct{}, 1), stopped: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		f.record(r, nil)
		wsURL := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gw"
		writeJSON(w, http.StatusOK, map[string]string{"url": wsURL})
	})
	mux.HandleFunc("/gw", f.gateway)
	mux.HandleFunc("/gw/", f.gateway)
	mux.HandleFunc("/api/v9/", f.rest)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	t.Cleanup(func() { close(f.stopped) }) // runs first: releases delayed answers
	return f
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (f *fakeDiscord) record(r *http.Request, body []byte) {
	f.mu.Lock()
	f.requests = append(f.requests, fakeRequest{r.Method, r.URL.Path, body})
	f.tokens = append(f.tokens, r.Header.Get("Authorization"))
	f.mu.Unlock()
	f.poke()
}

func (f *fakeDiscord) poke() {
	select {
	case f.notify <- struct{}{}:
	default:
	}
}

// rest answers the REST API: command registration, interaction callbacks
// and webhook edits and follow-ups.
func (f *fakeDiscord) rest(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.record(r, body)
	p := strings.TrimPrefix(r.URL.Path, "/api/v9")
	if strings.HasPrefix(p, "/interactions/") || strings.HasPrefix(p, "/webhooks/") {
		if f.fault(w, r, p) {
			return
		}
	}
	switch {
	case r.Method == http.MethodPut && strings.HasPrefix(p, "/applications/"+f.appID+"/") && strings.HasSuffix(p, "/commands"):
		var cmds []map[string]any
		if err := json.Unmarshal(body, &cmds); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
			return
		}
		for i, c := range cmds {
			c["id"] = fmt.Sprintf("%d", 800000000000000000+i)
			c["application_id"] = f.appID
			c["version"] = "1" // a snowflake string, as Discord sends it
		}
		writeJSON(w, http.StatusOK, cmds)
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/interactions/") && strings.HasSuffix(p, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(p, "/webhooks/"+f.appID+"/"):
		switch r.Method {
		case http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case http.MethodPatch, http.MethodPost:
			if r.Method == http.MethodPost && r.URL.Query().Get("wait") != "true" {
				w.WriteHeader(http.StatusNoContent)
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"id": "700000000000000001", "channel_id": "7", "content": ""})
		default:
			writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"message": "405", "code": 0})
		}
	case r.Method == http.MethodGet && p == "/gateway/bot":
		f.mu.Lock()
		shards, mc := max(f.shards, 1), max(f.maxConcurrency, 1)
		f.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{
			"url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gw", "shards": shards,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 3600000, "max_concurrency": mc},
		})
	case r.Method == http.MethodGet && p == "/users/@me":
		writeJSON(w, http.StatusOK, map[string]any{"id": f.appID, "username": "newsbot", "bot": true})
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
	}
}

// fault plays the REST faults the test asked for on an interaction call;
// true when it answered the call.
func (f *fakeDiscord) fault(w http.ResponseWriter, r *http.Request, p string) bool {
	f.mu.Lock()
	delay := f.restDelay
	fail := r.Method == http.MethodPatch && f.editFailures > 0
	if fail {
		f.editFailures--
	}
	limit := strings.HasSuffix(p, "/callback") && f.rateLimits > 0
	if limit {
		f.rateLimits--
	}
	f.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return true
		case <-f.stopped:
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

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gateway plays one gateway connection: HELLO, the client's IDENTIFY or
// RESUME (with the faults the test asked for), READY or RESUMED, then
// heartbeat ACKs until the connection ends.
func (f *fakeDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("fake gateway: upgrade: %v", err)
		return
	}
	defer c.Close()
	f.mu.Lock()
	silent := f.silent
	f.mu.Unlock()
	if silent {
		c.ReadMessage() // until the client gives up
		return
	}
	send := func(v any) error {
		f.writeMu.Lock()
		defer f.writeMu.Unlock()
		return c.WriteJSON(v)
	}
	if err := send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}); err != nil {
		return
	}
	op, ok := f.login(c)
	if !ok {
		return
	}
	// Publish the connection before READY, so that a test that saw the
	// bot act on READY can always dispatch on it or drop it.
	f.mu.Lock()
	f.conn = c
	f.mu.Unlock()
	if err := f.sendReady(send, op); err != nil {
		return
	}
	f.mu.Lock()
	f.ready++
	f.mu.Unlock()
	f.poke()
	for {
		var m struct {
			Op int `json:"op"`
		}
		if err := c.ReadJSON(&m); err != nil {
			return
		}
		if m.Op == 1 {
			if err := send(map[string]any{"op": 11}); err != nil {
				return
			}
		}
	}
}

// login reads the client's IDENTIFY (op 2) or RESUME (op 6) and plays the
// faults set for it; ok is false when the connection is over.
func (f *fakeDiscord) login(c *websocket.Conn) (op int, ok bool) {
	var hello struct {
		Op int `json:"op"`
		D  struct {
			Token   string  `json:"token"`
			Intents *int    `json:"intents"`
			Shard   *[2]int `json:"shard"`
		} `json:"d"`
	}
	if err := c.ReadJSON(&hello); err != nil {
		return 0, false
	}
	f.mu.Lock()
	f.tokens = append(f.tokens, hello.D.Token)
	refuse := false
	switch hello.Op {
	case 2:
		f.logins = append(f.logins, "identify")
		sh := [2]int{0, 1}
		if hello.D.Shard != nil {
			sh = *hello.D.Shard
		}
		f.identifyShards = append(f.identifyShards, sh)
		if hello.D.Intents == nil || *hello.D.Intents != 0 {
			f.t.Errorf("fake gateway: IDENTIFY intents = %v, want 0 (no privileged intents needed)", hello.D.Intents)
		}
	case 6:
		f.logins = append(f.logins, "resume")
		refuse = f.refuseResume
	default:
		f.mu.Unlock()
		f.t.Errorf("fake gateway: got op %d, want IDENTIFY or RESUME", hello.Op)
		return 0, false
	}
	closeCode := f.closeAfterIdentify
	f.mu.Unlock()
	f.poke()
	switch {
	case refuse:
		// Invalid Session, not resumable; then Discord closes.
		f.writeMu.Lock()
		c.WriteJSON(map[string]any{"op": 9, "d": false})
		f.writeMu.Unlock()
		time.Sleep(50 * time.Millisecond)
		return 0, false
	case closeCode != 0:
		f.writeMu.Lock()
		c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(closeCode, "Authentication failed."))
		f.writeMu.Unlock()
		time.Sleep(50 * time.Millisecond)
		return 0, false
	}
	return hello.Op, true
}

// sendReady answers a login: READY for an IDENTIFY, RESUMED for a RESUME.
func (f *fakeDiscord) sendReady(send func(any) error, op int) error {
	if op != 2 {
		return send(map[string]any{"op": 0, "t": "RESUMED", "s": f.nextSeq(), "d": map[string]any{}})
	}
	return send(map[string]any{"op": 0, "t": "READY", "s": f.nextSeq(), "d": map[string]any{
		"v": 9, "session_id": "fake-session", "resume_gateway_url": "ws://unused",
		// The bot user's ID differs from the application's, as for some
		// old applications: commands belong to the application.
		"user":        map[string]any{"id": "900000000000000002", "username": "newsbot", "discriminator": "0", "bot": true},
		"application": map[string]any{"id": f.appID, "flags": 0},
		"guilds":      []any{},
	}})
}

func (f *fakeDiscord) nextSeq() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	return f.seq
}

// dispatch sends an INTERACTION_CREATE over the current gateway connection.
func (f *fakeDiscord) dispatch(interaction map[string]any) {
	f.t.Helper()
	f.mu.Lock()
	c := f.conn
	f.mu.Unlock()
	if c == nil {
		f.t.Fatal("fake gateway: no connection to dispatch on")
	}
	f.writeMu.Lock()
	defer f.writeMu.Unlock()
	if err := c.WriteJSON(map[string]any{"op": 0, "t": "INTERACTION_CREATE", "s": f.nextSeq(), "d": interaction}); err != nil {
		f.t.Fatalf("fake gateway: dispatch: %v", err)
	}
}

// sendOp sends a bare gateway opcode (7: reconnect) on the current
// connection.
func (f *fakeDiscord) sendOp(op int) {
	f.t.Helper()
	f.mu.Lock()
	c := f.conn
	f.mu.Unlock()
	if c == nil {
		f.t.Fatal("fake gateway: no connection")
	}
	f.writeMu.Lock()
	defer f.writeMu.Unlock()
	if err := c.WriteJSON(map[string]any{"op": op, "d": nil}); err != nil {
		f.t.Fatalf("fake gateway: send op %d: %v", op, err)
	}
}

// dropConnection closes the current gateway connection abruptly.
func (f *fakeDiscord) dropConnection() {
	f.mu.Lock()
	c := f.conn
	f.conn = nil
	f.mu.Unlock()
	if c != nil {
		c.Close()
	}
}

// waitFor waits until a recorded REST call satisfies match and returns it.
func (f *fakeDiscord) waitFor(what string, match func(fakeRequest) bool) fakeRequest {
	f.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		for _, r := range f.requests {
			if match(r) {
				f.mu.Unlock()
				return r
			}
		}
		f.mu.Unlock()
		select {
		case <-f.notify:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			f.t.Fatalf("fake Discord: timed out waiting for %s; requests: %s", what, f.describe())
		}
	}
}

// waitLogins waits until the gateway has seen n IDENTIFY/RESUME.
func (f *fakeDiscord) waitLogins(n int) []string {
	f.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		l := append([]string(nil), f.logins...)
		ready := (f.conn != nil && f.ready >= n) || f.closeAfterIdentify != 0
		f.mu.Unlock()
		if len(l) >= n && ready {
			return l
		}
		select {
		case <-f.notify:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			f.t.Fatalf("fake gateway: %d logins, want %d", len(l), n)
		}
	}
}

// waitReady waits until the gateway has seen n IDENTIFY/RESUME and sent
// ready READY/RESUMED (some logins may have been refused).
func (f *fakeDiscord) waitReady(n, ready int) []string {
	f.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		f.mu.Lock()
		l := append([]string(nil), f.logins...)
		ok := len(l) >= n && f.ready >= ready && f.conn != nil
		f.mu.Unlock()
		if ok {
			return l
		}
		select {
		case <-f.notify:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			f.t.Fatalf("fake gateway: logins %v, want %d with %d ready", l, n, ready)
		}
	}
}

func (f *fakeDiscord) describe() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var b strings.Builder
	for _, r := range f.requests {
		fmt.Fprintf(&b, "\n  %s %s %.200s", r.Method, r.Path, r.Body)
	}
	return b.String()
}

// callbackFor matches the interaction callback of interaction id.
func callbackFor(id string) func(fakeRequest) bool {
	return func(r fakeRequest) bool {
		return r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/api/v9/interactions/"+id+"/") && strings.HasSuffix(r.Path, "/callback")
	}
}

// webhookFor matches a webhook call (edit, delete, follow-up) for the
// interaction token tok.
// indexOf is the position of the first recorded REST call that matches,
// or -1.
func (f *fakeDiscord) indexOf(match func(fakeRequest) bool) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, r := range f.requests {
		if match(r) {
			return i
		}
	}
	return -1
}

func webhookFor(method, tok string) func(fakeRequest) bool {
	return func(r fakeRequest) bool {
		return r.Method == method && strings.Contains(r.Path, "/webhooks/") && strings.Contains(r.Path, "/"+tok)
	}
}

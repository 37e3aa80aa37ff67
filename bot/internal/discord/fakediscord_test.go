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
	silent bool
	// shards and maxConcurrency are what GET /gateway/bot recommends
	// (0: 1 each).
	shards, maxConcurrency int

	identifyShards [][2]int // the shard of every IDENTIFY ({0,1} when none)

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
	f := &fakeDiscord{t: t, appID: "900000000000000001", notify: make(chan struct{}, 1)}
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

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gateway plays one gateway connection.
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
	var hello struct {
		Op int `json:"op"`
		D  struct {
			Token   string  `json:"token"`
			Intents *int    `json:"intents"`
			Shard   *[2]int `json:"shard"`
		} `json:"d"`
	}
	if err := c.ReadJSON(&hello); err != nil {
		return
	}
	f.mu.Lock()
	f.tokens = append(f.tokens, hello.D.Token)
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
	default:
		f.mu.Unlock()
		f.t.Errorf("fake gateway: got op %d, want IDENTIFY or RESUME", hello.Op)
		return
	}
	closeCode := f.closeAfterIdentify
	f.mu.Unlock()
	f.poke()
	if closeCode != 0 {
		f.writeMu.Lock()
		c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(closeCode, "Authentication failed."))
		f.writeMu.Unlock()
		time.Sleep(50 * time.Millisecond)
		return
	}
	// Publish the connection before READY, so that a test that saw the
	// bot act on READY can always dispatch on it or drop it.
	f.mu.Lock()
	f.conn = c
	f.mu.Unlock()
	if hello.Op == 2 {
		err = send(map[string]any{"op": 0, "t": "READY", "s": f.nextSeq(), "d": map[string]any{
			"v": 9, "session_id": "fake-session", "resume_gateway_url": "ws://unused",
			// The bot user's ID differs from the application's, as for
			// some old applications: commands belong to the application.
			"user":        map[string]any{"id": "900000000000000002", "username": "newsbot", "discriminator": "0", "bot": true},
			"application": map[string]any{"id": f.appID, "flags": 0},
			"guilds":      []any{},
		}})
	} else {
		err = send(map[string]any{"op": 0, "t": "RESUMED", "s": f.nextSeq(), "d": map[string]any{}})
	}
	if err != nil {
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

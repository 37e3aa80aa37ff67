// Package fakediscord is a Discord stand-in on 127.0.0.1 that plays several
// gateway shards at once, for tests that run whole bot processes (a fleet)
// against it with DISCORD_API_BASE. It serves the REST calls newsbot makes
// (gateway discovery, command registration, interaction answers) and a
// gateway websocket per shard (HELLO, IDENTIFY with its shard, READY,
// RESUME, heartbeat ACKs), and routes each interaction to the shard that
// owns its server, as Discord does: (guild ID >> 22) mod shard count.
//
// The Discord adapter's own tests keep a fuller single-connection fake in
// bot/internal/discord; this one is for tests across processes.
package fakediscord

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// AppID is the fake application's ID (and its bot user's).
const AppID = "900000000000000001"

// Server is the fake Discord.
type Server struct {
	// URL is the origin to give the bot as DISCORD_API_BASE.
	URL string

	srv            *httptest.Server
	shards         int
	maxConcurrency int
	seq            atomic.Int64

	mu            sync.Mutex
	conns         map[int]*shardConn // by shard ID: the live connection
	identifies    [][2]int           // {shard, count} of every IDENTIFY, in order
	registrations []string           // paths of command bulk overwrites
	answers       map[string][]string
	changed       chan struct{}
}

// shardConn is one live gateway connection.
type shardConn struct {
	ws      *websocket.Conn
	writeMu sync.Mutex
}

func (c *shardConn) send(v any) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

// New starts a fake Discord that recommends shards shards and allows
// maxConcurrency identifies at once. Close stops it.
func New(shards, maxConcurrency int) *Server {
	s := &Server{
		shards: max(shards, 1), maxConcurrency: max(maxConcurrency, 1),
		conns: map[int]*shardConn{}, answers: map[string][]string{},
		changed: make(chan struct{}),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/gw", s.gateway)
	mux.HandleFunc("/gw/", s.gateway)
	mux.HandleFunc("/api/v9/", s.rest)
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL
	return s
}

// Close stops the server and drops every connection.
func (s *Server) Close() {
	s.mu.Lock()
	for _, c := range s.conns {
		c.ws.Close()
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// notify wakes whoever waits for a change.
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

// rest answers the REST API.
func (s *Server) rest(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	p := strings.TrimPrefix(r.URL.Path, "/api/v9")
	ws := "ws://" + r.Host + "/gw"
	switch {
	case r.Method == http.MethodGet && p == "/gateway":
		writeJSON(w, http.StatusOK, map[string]any{"url": ws})
	case r.Method == http.MethodGet && p == "/gateway/bot":
		writeJSON(w, http.StatusOK, map[string]any{"url": ws, "shards": s.shards,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 3_600_000, "max_concurrency": s.maxConcurrency}})
	case r.Method == http.MethodPut && strings.HasPrefix(p, "/applications/"+AppID+"/") && strings.HasSuffix(p, "/commands"):
		var cmds []map[string]any
		if err := json.Unmarshal(body, &cmds); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035})
			return
		}
		for i, c := range cmds {
			c["id"] = strconv.Itoa(800000000000000000 + i)
			c["application_id"] = AppID
			c["version"] = "1"
		}
		s.mu.Lock()
		s.registrations = append(s.registrations, p)
		s.notify()
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, cmds)
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/interactions/") && strings.HasSuffix(p, "/callback"):
		id := strings.Split(p, "/")[2]
		s.answer(id, body)
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(p, "/webhooks/"+AppID+"/"):
		// /webhooks/{app}/{token}[/messages/@original]: the token is
		// "token-{id}", so the answer is filed under its interaction.
		parts := strings.Split(p, "/")
		id := strings.TrimPrefix(parts[3], "token-")
		if r.Method == http.MethodPatch || r.Method == http.MethodPost {
			s.answer(id, body)
		}
		if r.Method == http.MethodDelete || (r.Method == http.MethodPost && r.URL.Query().Get("wait") != "true") {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": "700000000000000001", "channel_id": "7", "content": ""})
	case r.Method == http.MethodGet && p == "/users/@me":
		writeJSON(w, http.StatusOK, map[string]any{"id": AppID, "username": "newsbot", "bot": true})
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
	}
}

// answer records a body the bot sent for interaction id.
func (s *Server) answer(id string, body []byte) {
	s.mu.Lock()
	s.answers[id] = append(s.answers[id], string(body))
	s.notify()
	s.mu.Unlock()
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gateway plays one gateway connection.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &shardConn{ws: ws}
	defer ws.Close()
	if c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}) != nil {
		return
	}
	var hello struct {
		Op int `json:"op"`
		D  struct {
			Shard     *[2]int `json:"shard"`
			SessionID string  `json:"session_id"`
		} `json:"d"`
	}
	ws.SetReadDeadline(time.Now().Add(30 * time.Second))
	if ws.ReadJSON(&hello) != nil {
		return
	}
	ws.SetReadDeadline(time.Time{})
	shard := [2]int{0, 1}
	switch hello.Op {
	case 2: // IDENTIFY
		if hello.D.Shard != nil {
			shard = *hello.D.Shard
		}
	case 6: // RESUME: the session ID says which shard it was
		n, err := strconv.Atoi(strings.TrimPrefix(hello.D.SessionID, "session-shard-"))
		if err != nil {
			return
		}
		shard = [2]int{n, s.shards}
	default:
		return
	}
	s.mu.Lock()
	if hello.Op == 2 {
		s.identifies = append(s.identifies, shard)
	}
	if old := s.conns[shard[0]]; old != nil {
		old.ws.Close()
	}
	s.conns[shard[0]] = c
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.conns[shard[0]] == c {
			delete(s.conns, shard[0])
		}
		s.notify()
		s.mu.Unlock()
	}()
	if hello.Op == 2 {
		err = c.send(map[string]any{"op": 0, "t": "READY", "s": s.seq.Add(1), "d": map[string]any{
			"v": 9, "session_id": fmt.Sprintf("session-shard-%d", shard[0]), "resume_gateway_url": "ws://" + r.Host + "/gw",
			"user":        map[string]any{"id": AppID, "username": "newsbot", "discriminator": "0", "bot": true},
			"application": map[string]any{"id": AppID, "flags": 0},
			"guilds":      []any{},
			"shard":       shard,
		}})
	} else {
		err = c.send(map[string]any{"op": 0, "t": "RESUMED", "s": s.seq.Add(1), "d": map[string]any{}})
	}
	if err != nil {
		return
	}
	s.mu.Lock()
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

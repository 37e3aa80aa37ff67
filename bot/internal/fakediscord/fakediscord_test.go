package fakediscord

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// TestRESTFaults: the faults set are played as many times as asked, then
// the fake answers normally; every call is recorded with its token.
func TestRESTFaults(t *testing.T) {
	s := Start(Options{T: t})
	s.SetFaults(func(f *Faults) { f.EditFailures, f.RateLimits = 1, 1 })
	call := func(method, path string) int {
		req, _ := http.NewRequest(method, s.URL+"/api/v9"+path, bytes.NewReader([]byte(`{}`)))
		req.Header.Set("Authorization", "Bot test")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	tests := []struct {
		method, path string
		want         int
	}{
		{http.MethodPatch, "/webhooks/" + AppID + "/tok/messages/@original", http.StatusServiceUnavailable},
		{http.MethodPatch, "/webhooks/" + AppID + "/tok/messages/@original", http.StatusOK},
		{http.MethodPost, "/interactions/1/tok/callback", http.StatusTooManyRequests},
		{http.MethodPost, "/interactions/1/tok/callback", http.StatusNoContent},
		{http.MethodGet, "/webhooks/" + AppID + "/tok", http.StatusMethodNotAllowed},
	}
	for i, tt := range tests {
		if got := call(tt.method, tt.path); got != tt.want {
			t.Errorf("call %d (%s %s): %d, want %d", i, tt.method, tt.path, got, tt.want)
		}
	}
	if f := s.Faults(); f.EditFailures != 0 || f.RateLimits != 0 {
		t.Errorf("faults left: %+v", f)
	}
	if n := len(s.Requests()); n != len(tests) {
		t.Errorf("%d requests recorded, want %d", n, len(tests))
	}
	if _, err := s.WaitFor(time.Second, CallbackFor("1")); err != nil {
		t.Error(err)
	}
	for _, tok := range s.Tokens() {
		if tok != "Bot test" {
			t.Errorf("token %q recorded", tok)
		}
	}
}

// identify connects a gateway client as shard of count and reads its
// READY.
func identify(t *testing.T, s *Server, shard, count int) *websocket.Conn {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(s.URL, "http")+"/gw", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	var hello map[string]any
	if err := ws.ReadJSON(&hello); err != nil || hello["op"] != float64(10) {
		t.Fatalf("HELLO: %v %v", hello, err)
	}
	ws.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"token": "Bot test", "intents": 0, "shard": []int{shard, count}}})
	var ready struct {
		T string
		D struct {
			SessionID string `json:"session_id"`
		}
	}
	if err := ws.ReadJSON(&ready); err != nil || ready.T != "READY" || ready.D.SessionID != "session-shard-"+strconv.Itoa(shard) {
		t.Fatalf("READY: %+v %v", ready, err)
	}
	return ws
}

// TestRouting: an interaction from a server goes to the shard that owns
// it; Dispatch goes to the connection that logged in last.
func TestRouting(t *testing.T) {
	s := Start(Options{T: t, Shards: 2})
	ws0, ws1 := identify(t, s, 0, 2), identify(t, s, 1, 2)
	if err := s.WaitShards(5*time.Second, 0, 1); err != nil {
		t.Fatal(err)
	}
	guild1 := strconv.FormatUint(1<<22|5, 10) // (id >> 22) % 2 == 1
	if s.ShardOf(guild1) != 1 {
		t.Fatalf("ShardOf(%s) = %d", guild1, s.ShardOf(guild1))
	}
	read := func(ws *websocket.Conn) map[string]any {
		t.Helper()
		ws.SetReadDeadline(time.Now().Add(5 * time.Second))
		var m map[string]any
		if err := ws.ReadJSON(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	id, err := s.Command(guild1, "who-said", "quote", "harbour wall")
	if err != nil {
		t.Fatal(err)
	}
	if m := read(ws1); m["t"] != "INTERACTION_CREATE" || m["d"].(map[string]any)["id"] != id {
		t.Errorf("shard 1 got %v", m)
	}
	if err := s.Dispatch(map[string]any{"id": "42"}); err != nil {
		t.Fatal(err)
	}
	if m := read(ws1); m["d"].(map[string]any)["id"] != "42" {
		t.Errorf("the latest connection got %v", m)
	}
	if got := s.Identifies(); len(got) != 2 || got[0] != [2]int{0, 2} || got[1] != [2]int{1, 2} {
		t.Errorf("identifies %v", got)
	}
	if l := s.Logins(); len(l) != 2 || l[0] != "identify" {
		t.Errorf("logins %v", l)
	}
	ws0.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	var stray map[string]any
	if err := ws0.ReadJSON(&stray); err == nil {
		t.Errorf("shard 0 got %v", stray)
	}
}

// TestCloseEndsEveryConnection: Close ends gateway connections that never
// logged in too (a Silent gateway, a client that has not identified), so
// that no handler outlives its test.
func TestCloseEndsEveryConnection(t *testing.T) {
	for _, silent := range []bool{true, false} {
		t.Run(map[bool]string{true: "silent gateway", false: "before IDENTIFY"}[silent], func(t *testing.T) {
			s := Start(Options{T: t})
			s.SetFaults(func(f *Faults) { f.Silent = silent })
			ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(s.URL, "http")+"/gw", nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ws.Close()
			if !silent {
				if _, _, err := ws.ReadMessage(); err != nil { // HELLO
					t.Fatal(err)
				}
			}
			if !s.wait(2*time.Second, func() bool { return len(s.sockets) == 1 }) {
				t.Fatal("the connection was not accepted")
			}
			s.Close()
			ws.SetReadDeadline(time.Now().Add(2 * time.Second))
			_, _, err = ws.ReadMessage()
			if ne, ok := err.(interface{ Timeout() bool }); ok && ne.Timeout() {
				t.Error("the connection is still open after Close")
			}
		})
	}
}

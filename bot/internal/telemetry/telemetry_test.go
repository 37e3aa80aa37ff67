package telemetry

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestInteractionLabels(t *testing.T) {
	tests := []struct {
		name                   string
		command, kind, outcome string
		wantCommand            string
		wantOutcome            string
	}{
		{"known command", "who-said", "command", "ok", "who-said", "ok"},
		{"failure kind with a space", "summary", "command", "bad input", "summary", "bad_input"},
		{"unknown name is folded", "drop table; --", "command", "bad input", "other", "bad_input"},
		{"empty outcome", "quotes", "autocomplete", "", "quotes", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New("who-said", "summary", "quotes")
			m.Interaction(tt.command, tt.kind, tt.outcome, 3*time.Millisecond)
			c := m.interactions.WithLabelValues(tt.wantCommand, tt.kind, tt.wantOutcome)
			if got := testutil.ToFloat64(c); got != 1 {
				t.Errorf("interactions{%s,%s,%s} = %v, want 1", tt.wantCommand, tt.kind, tt.wantOutcome, got)
			}
			if n := testutil.CollectAndCount(m.interactions); n != 1 {
				t.Errorf("%d interaction series, want 1", n)
			}
			if n := testutil.CollectAndCount(m.latency); n != 1 {
				t.Errorf("%d latency series, want 1", n)
			}
		})
	}
}

func TestCounters(t *testing.T) {
	m := New()
	m.FeedPoll(nil)
	m.FeedPoll(errors.New("status 500"))
	m.FeedItemGivenUp()
	m.GatewayReconnect()
	m.GatewayConnected(true)
	m.StoreError("add", errors.New("disk full"))
	m.StoreError("add", nil)
	m.StoreError("add", context.Canceled)
	m.SetCorpus(func() (int, int) { return 12, 345 })
	tests := []struct {
		metric string
		want   string
	}{
		{"newsbot_feed_polls_total", "newsbot_feed_polls_total 2"},
		{"newsbot_feed_poll_failures_total", "newsbot_feed_poll_failures_total 1"},
		{"newsbot_feed_items_given_up_total", "newsbot_feed_items_given_up_total 1"},
		{"newsbot_gateway_reconnects_total", "newsbot_gateway_reconnects_total 1"},
		{"newsbot_gateway_connected", "newsbot_gateway_connected 1"},
		{"newsbot_store_errors_total", `newsbot_store_errors_total{op="add"} 1`},
		{"newsbot_articles", "newsbot_articles 12"},
		{"newsbot_quotations", "newsbot_quotations 345"},
	}
	body := scrape(t, Handler(m, Probes{}))
	for _, tt := range tests {
		t.Run(tt.metric, func(t *testing.T) {
			if !strings.Contains(body, "\n"+tt.want+"\n") {
				t.Errorf("/metrics lacks %q", tt.want)
			}
		})
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	// None of these may panic: code paths call them without checking.
	m.Interaction("who-said", "command", "ok", time.Millisecond)
	m.FeedPoll(errors.New("x"))
	m.FeedItemGivenUp()
	m.GatewayReconnect()
	m.GatewayConnected(false)
	m.StoreError("load", errors.New("x"))
	m.SetCorpus(nil)
	rec := httptest.NewRecorder()
	Handler(nil, Probes{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("/metrics without metrics: %d, want 404", rec.Code)
	}
}

func scrape(t *testing.T, h http.Handler) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d", rec.Code)
	}
	return rec.Body.String()
}

func TestProbes(t *testing.T) {
	ok := func(context.Context) error { return nil }
	down := func(context.Context) error { return errors.New("not connected") }
	hang := func(ctx context.Context) error { <-ctx.Done(); time.Sleep(10 * time.Millisecond); return nil }
	boom := func(context.Context) error { panic("bug") }
	tests := []struct {
		name       string
		path       string
		probes     Probes
		wantCode   int
		wantChecks map[string]string
	}{
		{"healthy", "/healthz", Probes{Health: map[string]Check{"gateway": ok, "store": ok}},
			200, map[string]string{"gateway": "ok", "store": "ok"}},
		{"gateway down", "/healthz", Probes{Health: map[string]Check{"gateway": down, "store": ok}},
			503, map[string]string{"gateway": "not connected", "store": "ok"}},
		{"hung check times out", "/healthz", Probes{Health: map[string]Check{"store": hang}},
			503, map[string]string{"store": "no answer within 2s"}},
		{"panicking check fails", "/healthz", Probes{Health: map[string]Check{"store": boom}},
			503, map[string]string{"store": "check panicked: bug"}},
		{"no checks is healthy", "/healthz", Probes{}, 200, map[string]string{}},
		{"ready", "/readyz", Probes{Ready: map[string]Check{"corpus": ok}},
			200, map[string]string{"corpus": "ok"}},
		{"still loading", "/readyz", Probes{Health: map[string]Check{"gateway": ok},
			Ready: map[string]Check{"corpus": func(context.Context) error { return errors.New("loading: 10 articles so far") }}},
			503, map[string]string{"corpus": "loading: 10 articles so far"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			Handler(New(), tt.probes).ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			if rec.Code != tt.wantCode {
				t.Errorf("code %d, want %d", rec.Code, tt.wantCode)
			}
			var res probeResult
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
				t.Fatalf("body %q: %v", rec.Body, err)
			}
			wantStatus := "ok"
			if tt.wantCode != 200 {
				wantStatus = "unavailable"
			}
			if res.Status != wantStatus {
				t.Errorf("status %q, want %q", res.Status, wantStatus)
			}
			if len(res.Checks) != len(tt.wantChecks) {
				t.Errorf("checks %v, want %v", res.Checks, tt.wantChecks)
			}
			for k, v := range tt.wantChecks {
				if res.Checks[k] != v {
					t.Errorf("check %s = %q, want %q", k, res.Checks[k], v)
				}
			}
		})
	}
}

func TestMethodsAndPaths(t *testing.T) {
	tests := []struct {
		method, path string
		want         int
	}{
		{"GET", "/", 200},
		{"POST", "/healthz", http.StatusMethodNotAllowed},
		{"GET", "/nope", http.StatusNotFound},
		{"HEAD", "/readyz", 200},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			Handler(New(), Probes{}).ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.want {
				t.Errorf("%s %s: %d, want %d", tt.method, tt.path, rec.Code, tt.want)
			}
		})
	}
}

func TestServer(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	if _, err := Start(t.Context(), "127.0.0.1:http-nope", http.NotFoundHandler(), log); err == nil {
		t.Error("Start with a bad address: no error")
	}
	ctx, cancel := context.WithCancel(t.Context())
	s, err := Start(ctx, "127.0.0.1:0", Handler(New("who-said"), Probes{}), log)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + s.Addr() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"ok"`) {
		t.Errorf("/healthz: %d %s", resp.StatusCode, body)
	}
	cancel()
	done := make(chan error, 1)
	go func() { done <- s.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Wait: %v", err)
		}
	case <-time.After(shutdownTimeout + time.Second):
		t.Fatal("server did not stop after its context ended")
	}
	if _, err := http.Get("http://" + s.Addr() + "/healthz"); err == nil {
		t.Error("server still answers after stopping")
	}
}

func TestNewLogger(t *testing.T) {
	tests := []struct {
		format  string
		wantErr bool
		json    bool
	}{
		{"", false, false},
		{"text", false, false},
		{"JSON", false, true},
		{"json", false, true},
		{"xml", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var buf bytes.Buffer
			log, err := NewLogger(&buf, tt.format, slog.LevelInfo)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			log.Debug("hidden")
			log.Info("interaction", "command", "who-said")
			out := buf.String()
			if strings.Contains(out, "hidden") {
				t.Error("debug line logged at info level")
			}
			var obj map[string]any
			isJSON := json.Unmarshal([]byte(out), &obj) == nil
			if isJSON != tt.json {
				t.Errorf("output %q: JSON %v, want %v", out, isJSON, tt.json)
			}
			if !strings.Contains(out, "who-said") {
				t.Errorf("output %q lacks the attribute", out)
			}
		})
	}
}

func TestRunHealthcheck(t *testing.T) {
	var healthy atomic.Bool
	srv := httptest.NewServer(Handler(New(), Probes{Health: map[string]Check{"gateway": func(context.Context) error {
		if !healthy.Load() {
			return errors.New("not connected")
		}
		return nil
	}}}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	_, port, _ := strings.Cut(addr, ":")
	tests := []struct {
		name    string
		env     string
		args    []string
		healthy bool
		wantErr string
	}{
		{"healthy", addr, nil, true, ""},
		{"every interface is asked on loopback", ":" + port, nil, true, ""},
		{"unhealthy", addr, nil, false, "503"},
		{"flag wins", "127.0.0.1:1", []string{"-addr", addr}, true, ""},
		{"readyz", addr, []string{"-path", "/readyz"}, true, ""},
		{"no address", "", nil, true, "NEWSBOT_HTTP_ADDR is not set"},
		{"bad path", addr, []string{"-path", "/metrics"}, true, "want /healthz or /readyz"},
		{"nothing listening", "127.0.0.1:1", nil, true, "connect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			healthy.Store(tt.healthy)
			var out, errOut bytes.Buffer
			err := RunHealthcheck(t.Context(), tt.args, func(k string) string {
				if k == "NEWSBOT_HTTP_ADDR" {
					return tt.env
				}
				return ""
			}, &out, &errOut)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				if !strings.Contains(out.String(), `"status":"ok"`) {
					t.Errorf("stdout %q", out.String())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

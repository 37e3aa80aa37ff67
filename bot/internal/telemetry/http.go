package telemetry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Check reports whether one part of the bot works: nil when it does, else
// why not (shown to whoever asks /healthz or /readyz, so no secrets).
type Check func(ctx context.Context) error

// Probes are the checks behind the two probe endpoints, by name.
type Probes struct {
	// Health must all pass for /healthz: the process is worth keeping
	// (gateway connected, store reachable). An orchestrator restarts a
	// bot that fails it for long.
	Health map[string]Check
	// Ready must all pass for /readyz: the bot answers from its whole
	// corpus. A bot still loading is alive but not ready.
	Ready map[string]Check
}

// checkTimeout bounds one check, so a hung store cannot hang the probe.
const checkTimeout = 2 * time.Second

// probeResult is the JSON body of /healthz and /readyz.
type probeResult struct {
	Status string            `json:"status"` // "ok" or "unavailable"
	Checks map[string]string `json:"checks"` // "ok" or why not
}

// Handler serves /healthz, /readyz and /metrics (m nil: no /metrics).
func Handler(m *Metrics, p Probes) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", probe(p.Health))
	mux.Handle("GET /readyz", probe(p.Ready))
	if m != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
			// One scrape at a time is plenty and bounds the work a
			// flood of requests can cause.
			MaxRequestsInFlight: 1,
			Timeout:             10 * time.Second,
		}))
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "newsbot: /healthz /readyz /metrics")
	})
	return mux
}

// probe runs checks concurrently, each within checkTimeout, and answers 200
// when all pass, else 503; the body names each check's result.
func probe(checks map[string]Check) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res := probeResult{Status: "ok", Checks: make(map[string]string, len(checks))}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for name, c := range checks {
			wg.Go(func() {
				err := runCheck(r.Context(), c)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					res.Checks[name] = err.Error()
					res.Status = "unavailable"
				} else {
					res.Checks[name] = "ok"
				}
			})
		}
		wg.Wait()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if res.Status != "ok" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		json.NewEncoder(w).Encode(res)
	})
}

// runCheck runs c within checkTimeout; a check that panics or overruns
// fails rather than taking the endpoint down or hanging it.
func runCheck(ctx context.Context, c Check) (err error) {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("check panicked: %v", p)
			}
		}()
		done <- c(ctx)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("no answer within %s", checkTimeout)
	}
}

// Server is the telemetry HTTP listener.
type Server struct {
	srv  *http.Server
	ln   net.Listener
	done chan error
}

// shutdownTimeout bounds a graceful stop of the listener.
const shutdownTimeout = 5 * time.Second

// Start listens on addr (host:port; port 0 picks one) and serves h in the
// background until ctx ends, then shuts down within shutdownTimeout. It
// fails at once when addr cannot be listened on, so a typo in
// NEWSBOT_HTTP_ADDR stops the bot at start rather than silently.
func Start(ctx context.Context, addr string, h http.Handler, log *slog.Logger) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("telemetry listener: %w", err)
	}
	s := &Server{
		srv: &http.Server{
			Handler:           h,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       time.Minute,
			MaxHeaderBytes:    16 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
		ln:   ln,
		done: make(chan error, 1),
	}
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := s.srv.Shutdown(sctx); err != nil {
			s.srv.Close()
		}
	}()
	log.Info("telemetry listening", "addr", ln.Addr().String(), "paths", "/healthz /readyz /metrics")
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Wait returns once the server has stopped (after its context ended), with
// the error that stopped it, if any.
func (s *Server) Wait() error { return <-s.done }

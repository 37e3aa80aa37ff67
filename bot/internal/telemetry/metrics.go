// Package telemetry is what an operator sees of a running newsbot: its
// Prometheus metrics, the /healthz, /readyz and /metrics endpoints served
// when NEWSBOT_HTTP_ADDR is set, and its log format. It knows nothing of
// Discord or the store: the bot hands it small checks and counts.
package telemetry

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// namespace prefixes every metric name.
const namespace = "newsbot"

// otherCommand is the command label of requests for a name that is not one
// of the bot's commands: the name comes from the user (the console passes
// typed text), so using it as a label would let anyone create series
// without bound.
const otherCommand = "other"

// latencyBuckets cover a fuzzy lookup answered in a millisecond up to a
// command that hits the 30-second reply budget.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// Metrics holds newsbot's Prometheus metrics in a registry of its own (so
// tests and several bots in one process do not collide on the global one).
// A nil *Metrics records nothing, so code paths need no check.
type Metrics struct {
	reg      *prometheus.Registry
	commands atomic.Pointer[map[string]bool]

	interactions *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	feedPolls    prometheus.Counter
	feedFailures prometheus.Counter
	feedGaveUp   prometheus.Counter
	reconnects   prometheus.Counter
	connected    prometheus.Gauge
	storeErrors  *prometheus.CounterVec

	corpusMu sync.Mutex
	corpus   func() (articles, quotations int)
}

// New returns metrics for a bot whose commands have the given names; a
// request for any other name is counted under "other". The registry also
// has the Go runtime and process collectors.
func New(commandNames ...string) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.SetCommands(commandNames...)
	m.interactions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "interactions_total",
		Help: "Requests answered, by command, kind (command, autocomplete, component) and outcome (ok, bad input, not found, forbidden, internal).",
	}, []string{"command", "kind", "outcome"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace, Name: "interaction_duration_seconds",
		Help:    "Time to compute an answer, by command and kind.",
		Buckets: latencyBuckets,
	}, []string{"command", "kind"})
	m.feedPolls = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: namespace, Name: "feed_polls_total",
		Help: "Feed polls attempted (each fetch of one feed).",
	})
	m.feedFailures = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: namespace, Name: "feed_poll_failures_total",
		Help: "Feed polls that failed (fetch or parse error).",
	})
	m.feedGaveUp = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: namespace, Name: "feed_items_given_up_total",
		Help: "Feed items given up after their page failed to fetch at several polls in a row (timeouts, 5xx).",
	})
	m.reconnects = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: namespace, Name: "gateway_reconnects_total",
		Help: "Reconnections to the Discord gateway after a lost connection.",
	})
	m.connected = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "gateway_connected",
		Help: "1 while the Discord gateway connection is up, else 0.",
	})
	m.storeErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "store_errors_total",
		Help: "Errors from the article store, by operation.",
	}, []string{"op"})
	articles := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: namespace, Name: "articles",
		Help: "Articles in the corpus being served.",
	}, func() float64 { a, _ := m.corpusCounts(); return float64(a) })
	quotations := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: namespace, Name: "quotations",
		Help: "Quotations in the corpus being served.",
	}, func() float64 { _, q := m.corpusCounts(); return float64(q) })
	m.reg.MustRegister(m.interactions, m.latency, m.feedPolls, m.feedFailures, m.feedGaveUp,
		m.reconnects, m.connected, m.storeErrors, articles, quotations,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// SetCommands replaces the names counted under their own label (every
// other name counts as "other"), for a router built after the metrics.
func (m *Metrics) SetCommands(names ...string) {
	if m == nil {
		return
	}
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	m.commands.Store(&set)
}

// Registry is where the metrics live, for /metrics and for tests.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// SetCorpus makes the articles and quotations gauges read counts from f
// when scraped, so they follow the corpus as it loads and changes without
// the loader having to report.
func (m *Metrics) SetCorpus(f func() (articles, quotations int)) {
	if m == nil {
		return
	}
	m.corpusMu.Lock()
	m.corpus = f
	m.corpusMu.Unlock()
}

func (m *Metrics) corpusCounts() (int, int) {
	m.corpusMu.Lock()
	f := m.corpus
	m.corpusMu.Unlock()
	if f == nil {
		return 0, 0
	}
	return f()
}

// Interaction counts one answered request and its latency. command is
// replaced by "other" when it is not one of the bot's commands; outcome
// is folded to a label value ("bad input" → "bad_input").
func (m *Metrics) Interaction(command, kind, outcome string, took time.Duration) {
	if m == nil {
		return
	}
	if !(*m.commands.Load())[command] {
		command = otherCommand
	}
	kind, outcome = label(kind), label(outcome)
	m.interactions.WithLabelValues(command, kind, outcome).Inc()
	m.latency.WithLabelValues(command, kind).Observe(took.Seconds())
}

// FeedPoll counts one poll of one feed and, when err is not nil, a failure.
func (m *Metrics) FeedPoll(err error) {
	if m == nil {
		return
	}
	m.feedPolls.Inc()
	if err != nil {
		m.feedFailures.Inc()
	}
}

// FeedItemGivenUp counts a feed item given up after failed fetches.
func (m *Metrics) FeedItemGivenUp() {
	if m == nil {
		return
	}
	m.feedGaveUp.Inc()
}

// GatewayConnected records that the gateway connection is up (true) or
// down (false).
func (m *Metrics) GatewayConnected(up bool) {
	if m == nil {
		return
	}
	if up {
		m.connected.Set(1)
	} else {
		m.connected.Set(0)
	}
}

// GatewayReconnect counts one reconnection to the gateway.
func (m *Metrics) GatewayReconnect() {
	if m == nil {
		return
	}
	m.reconnects.Inc()
}

// StoreError counts one store error of operation op (a fixed name chosen by
// the caller, such as "load" or "add"); a nil err counts nothing, so a
// caller may pass every result through. A canceled context (the bot
// shutting down) is not the store's fault and is not counted either.
func (m *Metrics) StoreError(op string, err error) {
	if m == nil || err == nil || errors.Is(err, context.Canceled) {
		return
	}
	m.storeErrors.WithLabelValues(label(op)).Inc()
}

// label makes s a tidy label value: lower case, spaces as underscores.
func label(s string) string {
	if s == "" {
		return "unknown"
	}
	return strings.ReplaceAll(strings.ToLower(s), " ", "_")
}

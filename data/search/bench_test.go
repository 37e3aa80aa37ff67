package search

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"

	"newsbot/data/search/perturb"
	"newsbot/data/search/synth"
)

// Benchmarks at scale on the synthetic corpus (package synth) with the seed
// article's quotations mixed in. Each op is one query; the p50/p99 metrics
// are per query (per keystroke for Autocomplete), build-s and B/quote are
// measured once per size. -short skips the million.
//
//	go test ./data/search -run '^$' -bench . -benchtime 200x -count 6 | tee new.txt
//	benchstat new.txt

var benchSizes = []int{10_000, 100_000, 1_000_000}

type benchSet struct {
	texts      []string
	ix         *Index
	build      time.Duration
	heapPerQ   float64 // retained heap after build, per quotation
	queries    []benchQuery
	keystrokes []string
	// typoKeys: the same fragments with their typo, typed one character
	// at a time (a typo in the word being typed, then in a finished word)
	typoKeys []string
}

type benchQuery struct {
	query string
	want  string // the unperturbed fragment: a right hit contains it
}

var (
	benchMu    sync.Mutex
	benchCache = map[int]*benchSet{}
)

func getBenchSet(b testing.TB, n int) *benchSet {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if s, ok := benchCache[n]; ok {
		return s
	}
	s := &benchSet{texts: synth.Quotes(n, 42, seedQuotes(b))}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	s.ix = Build(s.texts)
	s.build = time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	s.heapPerQ = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n)

	r := rand.New(rand.NewPCG(uint64(n), 1))
	seeds := seedQuotes(b)
	typos := []perturb.Kind{perturb.Substitution, perturb.Deletion, perturb.Insertion, perturb.Transposition}
	for i := 0; len(s.queries) < 200; i++ {
		var q string
		if i%2 == 0 {
			q = seeds[r.IntN(len(seeds))]
		} else {
			q = s.texts[r.IntN(n)]
		}
		ws := strings.Fields(q)
		if len(ws) < 3 {
			continue
		}
		k := 3 + r.IntN(min(6, len(ws)-2))
		at := r.IntN(len(ws) - k + 1)
		frag := ws[at : at+k]
		s.queries = append(s.queries, benchQuery{
			query: perturb.Apply(typos[i%len(typos)], frag, r, nil),
			want:  strings.Join(frag, " "),
		})
	}
	// keystrokes: 20 fragments typed one character at a time
	for _, q := range s.queries[:20] {
		for i := 1; i <= len(q.want); i++ {
			s.keystrokes = append(s.keystrokes, q.want[:i])
		}
		for i := 1; i <= len(q.query); i++ {
			s.typoKeys = append(s.typoKeys, q.query[:i])
		}
	}
	benchCache[n] = s
	return s
}

func runSizes(b *testing.B, fn func(b *testing.B, s *benchSet)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("quotes=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("-short: skipping a million quotations")
			}
			s := getBenchSet(b, n)
			// one thread, so that its CPU time is the query's
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.ResetTimer()
			fn(b, s)
		})
	}
}

// timer records per-query wall and thread CPU time.
type timer struct {
	wall, cpu []time.Duration
	w0, c0    time.Duration
	t0        time.Time
}

func newTimer(n int) *timer {
	return &timer{wall: make([]time.Duration, 0, n), cpu: make([]time.Duration, 0, n)}
}

func (t *timer) start() {
	t.c0, _ = threadCPU()
	t.t0 = time.Now()
}

func (t *timer) stop() {
	t.wall = append(t.wall, time.Since(t.t0))
	if c, ok := threadCPU(); ok {
		t.cpu = append(t.cpu, c-t.c0)
	}
}

func pct(lat []time.Duration, p float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
}

// report adds p50/p99 in ms, wall clock and CPU time of the querying
// thread (this machine is shared: wall time includes waiting for a core).
func (t *timer) report(b *testing.B) {
	slices.Sort(t.wall)
	slices.Sort(t.cpu)
	b.ReportMetric(pct(t.wall, 0.50), "p50-ms")
	b.ReportMetric(pct(t.wall, 0.99), "p99-ms")
	if len(t.cpu) > 0 {
		b.ReportMetric(pct(t.cpu, 0.50), "cpu-p50-ms")
		b.ReportMetric(pct(t.cpu, 0.99), "cpu-p99-ms")
	}
}

// reportSize adds the build and memory figures.
func reportSize(b *testing.B, s *benchSet) {
	b.ReportMetric(s.build.Seconds(), "build-s")
	b.ReportMetric(float64(s.ix.SizeBytes())/float64(len(s.texts)), "B/quote")
	b.ReportMetric(s.heapPerQ, "heapB/quote")
}

func BenchmarkWhoSaid(b *testing.B) {
	runSizes(b, func(b *testing.B, s *benchSet) {
		t := newTimer(b.N)
		right := 0
		for i := 0; i < b.N; i++ {
			q := s.queries[i%len(s.queries)]
			t.start()
			hs := s.ix.Search(q.query, 25)
			t.stop()
			if len(hs) > 0 && strings.Contains(s.texts[hs[0].ID], q.want) {
				right++
			}
		}
		b.StopTimer()
		t.report(b)
		reportSize(b, s)
		b.ReportMetric(float64(right)/float64(b.N), "top1")
	})
}

func BenchmarkAutocomplete(b *testing.B) {
	runSizes(b, func(b *testing.B, s *benchSet) {
		t := newTimer(b.N)
		for i := 0; i < b.N; i++ {
			q := s.keystrokes[i%len(s.keystrokes)]
			t.start()
			s.ix.Complete(q, 25)
			t.stop()
		}
		b.StopTimer()
		t.report(b)
		reportSize(b, s)
	})
}

// BenchmarkAutocompleteTypo is BenchmarkAutocomplete on fragments with a
// typo: while the mistyped word is being typed, its prefix matches no term
// and the one-edit prefixes are looked up.
func BenchmarkAutocompleteTypo(b *testing.B) {
	runSizes(b, func(b *testing.B, s *benchSet) {
		t := newTimer(b.N)
		for i := 0; i < b.N; i++ {
			q := s.typoKeys[i%len(s.typoKeys)]
			t.start()
			s.ix.Complete(q, 25)
			t.stop()
		}
		b.StopTimer()
		t.report(b)
	})
}

// BenchmarkWhoSaidSahilm is the baseline: fuzzy.Find over every quotation.
func BenchmarkWhoSaidSahilm(b *testing.B) {
	runSizes(b, func(b *testing.B, s *benchSet) {
		t := newTimer(b.N)
		right := 0
		for i := 0; i < b.N; i++ {
			q := s.queries[i%len(s.queries)]
			t.start()
			ms := fuzzy.Find(q.query, s.texts)
			t.stop()
			if len(ms) > 0 && strings.Contains(s.texts[ms[0].Index], q.want) {
				right++
			}
		}
		b.StopTimer()
		t.report(b)
		b.ReportMetric(float64(right)/float64(b.N), "top1")
	})
}

// BenchmarkBuild is the index build alone (the corpus is generated once).
func BenchmarkBuild(b *testing.B) {
	runSizes(b, func(b *testing.B, s *benchSet) {
		for i := 0; i < b.N; i++ {
			Build(s.texts)
		}
		b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "build-s")
	})
}

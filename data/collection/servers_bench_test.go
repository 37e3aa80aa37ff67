package collection

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"newsbot/data/corpus"
	"newsbot/data/search/perturb"
	"newsbot/data/store"
)

// benchBase is the 10,000-article base of the benchmarks below, built once.
var benchBase *corpus.Store

func tenThousand() *corpus.Store {
	if benchBase == nil {
		benchBase = corpus.NewStore(corpus.Build(synthArticles(10_000, 1)))
	}
	return benchBase
}

// heapInUse is the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkServersAt10k measures what servers with a few articles of their
// own cost over a 10,000-article base: the live heap a server adds
// (bytes/server, its own analysed articles included; the manager's
// per-base duplicate check keys, made once per process and base version,
// are bytes/base-keys)
// and the time to load them all from the store (ns/server). Each of the
// servers has three articles of its own. "quotes" serves quotation
// searches only; "all" has also looked up an article and a person in each
// server (so any index built on first use is built).
func BenchmarkServersAt10k(b *testing.B) {
	const servers, each = 8, 3
	base := tenThousand()
	ctx := context.Background()
	extra := synthArticles(servers*each, 4)
	st := openStore(b, filepath.Join(b.TempDir(), "newsbot.db"))
	defer st.Close()
	for i, a := range extra {
		if _, err := st.AddArticle(ctx, store.Article{Collection: fmt.Sprintf("g%d", i%servers), Title: a.Title, Body: a.Body, AddedBy: "111"}); err != nil {
			b.Fatal(err)
		}
	}
	for _, mode := range []string{"quotes", "all"} {
		b.Run(mode, func(b *testing.B) {
			var perServer, perBase float64
			var took time.Duration
			for range b.N {
				before := heapInUse()
				m := New(base, st, nil, nil)
				// The duplicate check's keys of the base, made once per
				// base version, are not a server's cost: reported apart.
				if _, err := m.Add(ctx, "warm", "1", base.Current().Docs[0].Article); !errors.Is(err, ErrInBase) {
					b.Fatalf("warming the base keys: %v", err)
				}
				perBase = float64(heapInUse() - before)
				before = heapInUse()
				start := time.Now()
				if err := m.Load(ctx); err != nil {
					b.Fatal(err)
				}
				for g := range servers {
					c := m.Snapshot(ctx, fmt.Sprintf("g%d", g)).Corpus
					if len(c.Docs) != 10_000+each {
						b.Fatalf("server g%d has %d docs", g, len(c.Docs))
					}
					if mode == "all" {
						c.FindArticle("story about the plan", 1)
						c.FindPerson("Ann Lee", 1)
					}
				}
				took += time.Since(start)
				perServer = float64(heapInUse()-before) / servers
				runtime.KeepAlive(m)
			}
			b.ReportMetric(perServer, "bytes/server")
			b.ReportMetric(perBase, "bytes/base-keys")
			b.ReportMetric(float64(took.Nanoseconds())/float64(b.N*servers), "ns/server")
		})
	}
}

// whoSaidQueries are perturbed fragments of the base's quotations (a typo
// in one word of five), as people type them.
func whoSaidQueries(c *corpus.Corpus, n int) []string {
	r := rand.New(rand.NewPCG(7, 7))
	var qs []string
	for len(qs) < n {
		d := c.Docs[r.IntN(len(c.Docs))]
		if len(d.Quotes) == 0 {
			continue
		}
		ws := strings.Fields(d.Quotes[r.IntN(len(d.Quotes))].Text)
		if len(ws) < 6 {
			continue
		}
		i := r.IntN(len(ws) - 5)
		qs = append(qs, perturb.Apply(perturb.Substitution, ws[i:i+5], r, nil))
	}
	return qs
}

// BenchmarkWhoSaidAt10k measures /who-said through the corpus a command
// answers from: the base corpus (a direct message, a server with no
// articles of its own) and the corpus of a server with three articles of
// its own over the 10,000-article base.
func BenchmarkWhoSaidAt10k(b *testing.B) {
	base := tenThousand()
	ctx := context.Background()
	qs := whoSaidQueries(base.Current(), 256)
	st := openStore(b, filepath.Join(b.TempDir(), "newsbot.db"))
	defer st.Close()
	m := New(base, st, nil, nil)
	m.Load(ctx)
	for _, a := range synthArticles(3, 5) {
		if _, err := m.Add(ctx, "g1", "111", a); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range []struct {
		name  string
		guild string
	}{{"base", ""}, {"server", "g1"}} {
		b.Run(c.name, func(b *testing.B) {
			cp := m.Snapshot(ctx, c.guild).Corpus
			// CPU time of the querying thread too: on a shared machine the
			// wall time says mostly how long a core took to come free.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			cpu0, ok := threadCPU()
			i := 0
			for b.Loop() {
				cp.WhoSaid(qs[i%len(qs)], 5)
				i++
			}
			if cpu1, ok1 := threadCPU(); ok && ok1 {
				b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(i), "cpu-ns/op")
			}
		})
	}
}

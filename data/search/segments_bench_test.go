package search

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsbot/data/search/synth"
)

// Benchmarks of the segmented index (issue 13), each with its baseline in
// the same run:
//
//	go test ./data/search -run '^$' -bench 'Segmented' -benchtime 200x -count 6 | tee seg.txt
//	NEWSBOT_BENCH_10M=1 go test ./data/search -run '^$' -bench 'Segmented10M' -benchtime 200x -timeout 30m
//
// (the latter needs about 5 GB and a minute and a half on two cores).
//
// -short skips the million.

const perArticle = 10 // quotations per synthetic article

// textID maps a hit of a segmented index over articlesOf(texts, perArticle)
// back to the position of its text.
func textID(h DocHit) int {
	a, _ := strconv.Atoi(strings.TrimPrefix(h.Article, "a"))
	return a*perArticle + h.Text
}

// segmentedOf adds the texts as articles in k batches of equal size: k
// segments.
func segmentedOf(texts []string, k int) *Segmented {
	sx := NewSegmented(Options{})
	sx.MaxSegments = max(k, DefaultMaxSegments)
	arts := articlesOf(texts, perArticle)
	for i := 0; i < k; i++ {
		sx.Add(arts[i*len(arts)/k : (i+1)*len(arts)/k]...)
	}
	return sx
}

// tieredOf adds the texts as articles in k batches each half the size of
// the one before (the last takes the rest): the shape a tiered merge
// policy leaves, one large old segment and ever smaller new ones.
func tieredOf(texts []string, k int) *Segmented {
	sx := NewSegmented(Options{})
	sx.MaxSegments = max(k, DefaultMaxSegments)
	arts := articlesOf(texts, perArticle)
	lo := 0
	for i := 0; i < k; i++ {
		hi := lo + (len(arts)-lo)/2
		if i == k-1 {
			hi = len(arts)
		}
		sx.Add(arts[lo:hi]...)
		lo = hi
	}
	return sx
}

// BenchmarkSegmentedAdd is the time from adding one article of ten
// quotations to a corpus of n until a query finds it (index: rebuilding
// one Index over all of them, what adding an article cost before).
func BenchmarkSegmentedAdd(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("quotes=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("-short: skipping a million quotations")
			}
			s := getBenchSet(b, n)
			b.Run("segmented", func(b *testing.B) {
				sx := segmentedOf(s.texts, 1)
				fresh := synth.Quotes(10*b.N+10, 77, nil)
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				t := newTimer(b.N)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					marker := fmt.Sprintf("qzx%dmarker", i)
					texts := slicesWith(fresh[10*i:10*i+10], marker)
					t.start()
					sx.Add(Article{ID: fmt.Sprintf("new%d", i), Texts: texts})
					hs := sx.Search(texts[3], 1, nil)
					t.stop()
					if len(hs) == 0 || hs[0].Article != fmt.Sprintf("new%d", i) {
						b.Fatalf("added article not found first: %+v", hs)
					}
				}
				b.StopTimer()
				sx.Wait()
				t.report(b)
				b.ReportMetric(float64(sx.Segments()), "segments")
			})
			b.Run("rebuild", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					Build(s.texts)
				}
			})
		})
	}
}

// slicesWith returns a copy of texts with marker appended to the fourth,
// so that the query for it names it alone.
func slicesWith(texts []string, marker string) []string {
	out := append([]string(nil), texts...)
	out[3] += " " + marker
	return out
}

// BenchmarkSegmentedWhoSaid is who-said over ten segments of a corpus of
// n, and over one collection of half of its articles (index: one Index
// over the same texts).
func BenchmarkSegmentedWhoSaid(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("quotes=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("-short: skipping a million quotations")
			}
			s := getBenchSet(b, n)
			layouts := []struct {
				name string
				make func([]string, int) *Segmented
			}{{"even", segmentedOf}, {"tiered", tieredOf}}
			var half []string
			for a := 0; a < n/perArticle; a += 2 {
				half = append(half, "a"+strconv.Itoa(a))
			}
			run := func(b *testing.B, search func(q string) []int, inColl func(id int) bool) {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				t := newTimer(b.N)
				right, asked := 0, 0
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					q := s.queries[i%len(s.queries)]
					t.start()
					ids := search(q.query)
					t.stop()
					if len(ids) > 0 && !inColl(ids[0]) {
						b.Fatalf("hit %d outside the collection", ids[0])
					}
					asked++
					if len(ids) > 0 && strings.Contains(s.texts[ids[0]], q.want) {
						right++
					}
				}
				b.StopTimer()
				t.report(b)
				b.ReportMetric(float64(right)/float64(asked), "top1")
			}
			all := func(int) bool { return true }
			b.Run("index", func(b *testing.B) {
				run(b, func(q string) []int {
					var ids []int
					for _, h := range s.ix.Search(q, 25) {
						ids = append(ids, h.ID)
					}
					return ids
				}, all)
				b.ReportMetric(float64(s.ix.SizeBytes())/float64(n), "B/quote")
			})
			for _, l := range layouts {
				var sx *Segmented
				var heapPerQ float64
				get := func() *Segmented {
					if sx == nil {
						var before, after runtime.MemStats
						runtime.GC()
						runtime.ReadMemStats(&before)
						sx = l.make(s.texts, 10)
						runtime.GC()
						runtime.ReadMemStats(&after)
						heapPerQ = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n)
					}
					return sx
				}
				b.Run("segments=10/"+l.name, func(b *testing.B) {
					sx := get()
					run(b, func(q string) []int {
						var ids []int
						for _, h := range sx.Search(q, 25, nil) {
							ids = append(ids, textID(h))
						}
						return ids
					}, all)
					b.ReportMetric(float64(sx.SizeBytes())/float64(n), "B/quote")
					b.ReportMetric(heapPerQ, "heapB/quote")
				})
				// top1 here counts hits outside the collection as wrong
				// (half the queries ask for one): compare latency only.
				b.Run("segments=10/"+l.name+"/collection=half", func(b *testing.B) {
					sx := get()
					coll := sx.Collection(half)
					run(b, func(q string) []int {
						var ids []int
						for _, h := range sx.Search(q, 25, coll) {
							ids = append(ids, textID(h))
						}
						return ids
					}, func(id int) bool { return id/perArticle%2 == 0 })
				})
				sx = nil // free it before the next layout
			}
		})
	}
}

// BenchmarkSegmented10M is who-said over ten million quotations in ten
// segments built at once, one per core: build time, memory per quotation
// beyond the text, and per-query latency on one thread. It runs only when
// NEWSBOT_BENCH_10M is set (it needs about 5 GB, and a minute and a half on
// two cores: the corpus is generated and the segments built in parallel).
func BenchmarkSegmented10M(b *testing.B) {
	if os.Getenv("NEWSBOT_BENCH_10M") == "" {
		b.Skip("set NEWSBOT_BENCH_10M=1 to run the ten-million benchmark")
	}
	const n = 10_000_000
	// The set-up is made once: testing runs a benchmark with b.N = 1
	// before the -benchtime run, and building ten million twice would
	// double the run.
	if tenM == nil {
		tenM = newTenM(b, n)
	}
	texts, sx, queries := tenM.texts, tenM.sx, tenM.queries
	build, buildCPU, heapPerQ := tenM.build, tenM.buildCPU, tenM.heapPerQ
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t := newTimer(b.N)
	right := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		t.start()
		hs := sx.Search(q.query, 25, nil)
		t.stop()
		if len(hs) > 0 && strings.Contains(texts[textID(hs[0])], q.want) {
			right++
		}
	}
	b.StopTimer()
	t.report(b)
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(buildCPU.Seconds(), "build-cpu-s")
	b.ReportMetric(float64(sx.SizeBytes())/n, "B/quote")
	b.ReportMetric(heapPerQ, "heapB/quote")
	b.ReportMetric(float64(sx.Segments()), "segments")
	b.ReportMetric(float64(right)/float64(b.N), "top1")
}

// tenMSet is the ten-million corpus, its index and queries.
type tenMSet struct {
	texts           []string
	sx              *Segmented
	queries         []benchQuery
	build, buildCPU time.Duration
	heapPerQ        float64
}

var tenM *tenMSet

func newTenM(b *testing.B, n int) *tenMSet {
	texts := synth.Quotes(n, 42, seedQuotes(b))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start, cpu0 := time.Now(), processCPU()
	sx := NewSegmented(Options{})
	arts := articlesOf(texts, perArticle)
	sx.Add(arts...)
	build, buildCPU := time.Since(start), processCPU()-cpu0
	runtime.GC()
	runtime.ReadMemStats(&after)
	r := rand.New(rand.NewPCG(uint64(n), 1))
	var queries []benchQuery
	for len(queries) < 200 {
		ws := strings.Fields(texts[r.IntN(n)])
		if len(ws) < 4 {
			continue
		}
		k := 3 + r.IntN(min(6, len(ws)-2))
		at := r.IntN(len(ws) - k + 1)
		frag := ws[at : at+k]
		queries = append(queries, benchQuery{query: strings.Join(frag, " ") + "s", want: strings.Join(frag, " ")})
	}
	return &tenMSet{texts, sx, queries, build, buildCPU, float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n)}
}

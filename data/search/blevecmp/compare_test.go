package blevecmp

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/blevesearch/bleve/v2"

	"newsbot/data/search"
	"newsbot/data/search/perturb"
	"newsbot/data/search/synth"
)

type query struct{ query, want string }

// segments is how many segments the segmented index is built in.
const segments = 10

// corpus is one synthetic corpus with its perturbed queries (made as
// data/search's own benchmarks make them) and both engines built on it.
type corpus struct {
	texts   []string
	queries []query
	ix      *search.Index
	sx      *search.Segmented // the same texts in ten segments, as the bot holds a growing corpus
	bl      bleve.Index
	build   map[string]time.Duration
}

var (
	cache    = map[int]*corpus{}
	tempDirs []string // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func getCorpus(b *testing.B, n int) *corpus {
	if c, ok := cache[n]; ok {
		return c
	}
	c := &corpus{texts: synth.Quotes(n, 42, nil), build: map[string]time.Duration{}}
	r := rand.New(rand.NewPCG(uint64(n), 1))
	typos := []perturb.Kind{perturb.Substitution, perturb.Deletion, perturb.Insertion, perturb.Transposition}
	for i := 0; len(c.queries) < 200; i++ {
		ws := strings.Fields(c.texts[r.IntN(n)])
		if len(ws) < 3 {
			continue
		}
		k := 3 + r.IntN(min(6, len(ws)-2))
		at := r.IntN(len(ws) - k + 1)
		frag := ws[at : at+k]
		c.queries = append(c.queries, query{perturb.Apply(typos[i%len(typos)], frag, r, nil), strings.Join(frag, " ")})
	}
	t0 := time.Now()
	c.ix = search.Build(c.texts)
	c.build["newsbot"] = time.Since(t0)

	t0 = time.Now()
	c.sx = search.NewSegmented(search.Options{})
	for k := 0; k < segments; k++ {
		var arts []search.Article
		for i := k * n / segments; i < (k+1)*n/segments; i++ {
			arts = append(arts, search.Article{ID: strconv.Itoa(i), Texts: c.texts[i : i+1]})
		}
		c.sx.Add(arts...)
	}
	c.build["newsbot-segmented"] = time.Since(t0)

	t0 = time.Now()
	// A scorch index on disk, bleve's default: its in-memory one is the
	// older upside_down layout, many times slower.
	dir, err := os.MkdirTemp("", "blevecmp-")
	if err != nil {
		b.Fatalf("temp dir: %v", err)
	}
	tempDirs = append(tempDirs, dir)
	bl, err := bleve.New(dir+"/index", bleve.NewIndexMapping())
	if err != nil {
		b.Fatalf("bleve: %v", err)
	}
	batch := bl.NewBatch()
	for i, t := range c.texts {
		if err := batch.Index(strconv.Itoa(i), map[string]string{"text": t}); err != nil {
			b.Fatalf("bleve: %v", err)
		}
		if batch.Size() == 10_000 {
			if err := bl.Batch(batch); err != nil {
				b.Fatalf("bleve: %v", err)
			}
			batch = bl.NewBatch()
		}
	}
	if err := bl.Batch(batch); err != nil {
		b.Fatalf("bleve: %v", err)
	}
	c.bl = bl
	c.build["bleve"] = time.Since(t0)
	cache[n] = c
	return c
}

// threadCPU is the CPU time of the calling OS thread (the benchmark locks
// its goroutine to one): on a shared machine, wall time includes waiting
// for a core.
func threadCPU() time.Duration {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

func pct(lat []time.Duration, p float64) float64 {
	slices.Sort(lat)
	return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
}

// BenchmarkCompare runs the same perturbed who-said queries on newsbot's
// index and on bleve (a match query of the words, OR, with bleve's
// automatic fuzziness: up to two edits per word, as newsbot allows).
// top1: the first hit contains the unperturbed fragment.
func BenchmarkCompare(b *testing.B) {
	sizes := []int{100_000}
	if os.Getenv("BLEVECMP_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("quotes=%d", n), func(b *testing.B) {
			c := getCorpus(b, n)
			engines := []struct {
				name string
				top  func(q string) int // text ID of the first hit, -1 for none
			}{
				{"newsbot", func(q string) int {
					if hs := c.ix.Search(q, 25); len(hs) > 0 {
						return hs[0].ID
					}
					return -1
				}},
				{"newsbot-segmented", func(q string) int {
					if hs := c.sx.Search(q, 25, nil); len(hs) > 0 {
						id, _ := strconv.Atoi(hs[0].Article)
						return id
					}
					return -1
				}},
				{"bleve", func(q string) int {
					mq := bleve.NewMatchQuery(q)
					mq.SetField("text")
					mq.SetAutoFuzziness(true)
					req := bleve.NewSearchRequestOptions(mq, 25, 0, false)
					res, err := c.bl.Search(req)
					if err != nil {
						b.Fatalf("bleve: %v", err)
					}
					if len(res.Hits) == 0 {
						return -1
					}
					id, _ := strconv.Atoi(res.Hits[0].ID)
					return id
				}},
			}
			for _, e := range engines {
				b.Run("engine="+e.name, func(b *testing.B) {
					runtime.LockOSThread()
					defer runtime.UnlockOSThread()
					wall := make([]time.Duration, 0, b.N)
					cpu := make([]time.Duration, 0, b.N)
					right := 0
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						q := c.queries[i%len(c.queries)]
						c0, t0 := threadCPU(), time.Now()
						id := e.top(q.query)
						wall = append(wall, time.Since(t0))
						cpu = append(cpu, threadCPU()-c0)
						if id >= 0 && strings.Contains(c.texts[id], q.want) {
							right++
						}
					}
					b.StopTimer()
					b.ReportMetric(pct(wall, 0.5), "p50-ms")
					b.ReportMetric(pct(wall, 0.99), "p99-ms")
					b.ReportMetric(pct(cpu, 0.5), "cpu-p50-ms")
					b.ReportMetric(pct(cpu, 0.99), "cpu-p99-ms")
					b.ReportMetric(float64(right)/float64(b.N), "top1")
					b.ReportMetric(c.build[e.name].Seconds(), "build-s")
				})
			}
		})
	}
}

package search

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"newsbot/data/search/synth"
)

// allocated returns the bytes fn allocates on the heap. The tests that use
// it do not run in parallel, so the difference is fn's own.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// maxQueryAlloc is what one query may allocate at most on the test
// indexes: an ordinary one allocates a few tens of kilobytes. Before the
// bounds, an autocomplete of 299 "ﬃ" and an "x" allocated 67 MB and took
// half a second, one word of 4,000 letters 1.2 GB and five seconds.
const maxQueryAlloc = 1 << 20

// TestHostileQueriesBounded checks that no query, however built, makes an
// index entry point do more than a bounded amount of work: allocations
// stand in for the work (each candidate string, occurrence or posting
// visited is allocated or walked with one).
func TestHostileQueriesBounded(t *testing.T) {
	texts := synth.Quotes(5000, 7, seedQuotes(t))
	indexes := []struct {
		name string
		ix   *Index
	}{
		{"quotes", Build(texts)},
		{"short", BuildWith(texts[:MaxFuzzyScan], Options{Short: true})},
		{"keyword", BuildWith(texts, Options{Keyword: true})},
	}
	for _, x := range indexes {
		// the first query allocates the index's scratch buffers
		x.ix.Search("warm up", 5)
		for _, h := range hostileQueries() {
			for _, op := range []struct {
				name string
				fn   func(string, int) []Hit
			}{{"Search", x.ix.Search}, {"Complete", x.ix.Complete}} {
				t.Run(x.name+"/"+h.name+"/"+op.name, func(t *testing.T) {
					if got := allocated(func() { op.fn(h.query, 25) }); got > maxQueryAlloc {
						t.Errorf("%s(%s) allocated %d bytes, want at most %d", op.name, h.name, got, maxQueryAlloc)
					}
				})
			}
		}
	}
}

// TestLongTextBounded checks the other side: a text of a hundred thousand
// repeated words (a run-on page) is indexed only up to maxTextWords, and a
// query of the same word repeated costs no more than any other.
func TestLongTextBounded(t *testing.T) {
	long := strings.Repeat("the minister said the deal is done ", 15000)
	texts := []string{long, long, "the deal is done, the minister said", "a text about something else"}
	ix := Build(texts)
	if got := ix.docLen(0); got != maxTextWords {
		t.Errorf("a %d-word text indexed as %d words, want %d", 7*15000, got, maxTextWords)
	}
	ix.Search("warm up", 5)
	q := strings.Repeat("the minister said the deal is done ", 5)
	var hs []Hit
	if got := allocated(func() { hs = ix.Search(q, 5) }); got > maxQueryAlloc {
		t.Errorf("Search over long texts allocated %d bytes, want at most %d", got, maxQueryAlloc)
	}
	if len(hs) == 0 {
		t.Fatalf("Search(%q) found nothing", q)
	}
	for _, h := range hs {
		if len(h.Matched) == 0 {
			t.Errorf("hit %d has nothing to highlight", h.ID)
		}
	}
}

func TestQueryWordsBounds(t *testing.T) {
	tests := []struct {
		name      string
		query     string
		wantWords int
		wantRunes int // total folded runes of the words
	}{
		{"ligatures fold to three letters", strings.Repeat("ﬃ", 2000), 1, maxQueryRunes},
		{"one huge word", strings.Repeat("q", 5*maxQueryRunes), 1, maxQueryRunes},
		{"many words", strings.Repeat("word ", 1000), maxQueryWords, 4 * maxQueryWords},
		{"long words fill the budget", strings.Repeat(strings.Repeat("x", 300)+" ", 10), 4, maxQueryRunes},
		{"raw bytes past the limit are not read", strings.Repeat(" ", maxQueryBytes) + "word", 0, 0},
		{"a rune cut by the byte limit", strings.Repeat(" ", maxQueryBytes-1) + "é", 0, 0},
		{"ordinary", "the specifics of the backstop", 5, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := queryWords(tt.query)
			runes := 0
			for _, w := range ws {
				if !utf8.ValidString(w) {
					t.Errorf("word %q is not valid UTF-8", w)
				}
				runes += utf8.RuneCountInString(w)
			}
			if len(ws) != tt.wantWords || runes != tt.wantRunes {
				t.Errorf("queryWords: %d words of %d runes, want %d of %d", len(ws), runes, tt.wantWords, tt.wantRunes)
			}
		})
	}
}

func TestContextDone(t *testing.T) {
	ix := Build(seedQuotes(t))
	ctx, cancel := context.WithCancel(context.Background())
	if hs, err := ix.CompleteContext(ctx, "the specifics of the back", 5); err != nil || len(hs) == 0 {
		t.Fatalf("CompleteContext with a live context = %v, %v; want hits", hs, err)
	}
	cancel()
	for name, fn := range map[string]func(context.Context, string, int) ([]Hit, error){
		"SearchContext": ix.SearchContext, "CompleteContext": ix.CompleteContext,
	} {
		t.Run(name, func(t *testing.T) {
			hs, err := fn(ctx, "the specifics of the backstop", 5)
			if err != context.Canceled || len(hs) != 0 {
				t.Errorf("%s after cancel = %v, %v; want no hits and context.Canceled", name, hs, err)
			}
		})
	}
}

// FuzzComplete types long and ligature-heavy words into autocomplete: a
// query is head + unit repeated n times + tail, so that the fuzzer reaches
// the lengths (thousands of folded letters) that a plain string fuzzer
// rarely builds. Every keystroke must stay within maxQueryAlloc.
func FuzzComplete(f *testing.F) {
	ix := Build([]string{
		"“I’m not going to make security guarantees beyond a certain point.”",
		"The specifics of the backstop are still under discussion",
		"An efficient office: the affix and the suffix", "Ms Müller visited São Paulo", "",
		strings.Repeat("ffi ", 40),
	})
	ix.Complete("warm up", 5)
	f.Add("", "ﬃ", uint16(299), "x")
	f.Add("the specifics of the ", "ﬃ", uint16(299), "x")
	f.Add("", "q", uint16(4000), "")
	f.Add("secur", "ﬄ", uint16(30), "ity")
	f.Add("make ", "ab", uint16(1000), " the")
	f.Add("", "the ", uint16(2000), "th")
	f.Fuzz(func(t *testing.T, head, unit string, n uint16, tail string) {
		// Past 4·maxQueryBytes nothing new is reached (the rest is not
		// read) and building the string would only slow the fuzzer.
		reps := int(n) % 4096
		if len(head)+len(unit)*reps+len(tail) > 4*maxQueryBytes {
			return
		}
		q := head + strings.Repeat(unit, reps) + tail
		var hs []Hit
		if got := allocated(func() { hs = ix.Complete(q, 5) }); got > maxQueryAlloc {
			t.Fatalf("Complete(%d bytes) allocated %d bytes, want at most %d", len(q), got, maxQueryAlloc)
		}
		if len(hs) > 5 {
			t.Fatalf("%d hits for limit 5", len(hs))
		}
		for _, h := range hs {
			if h.ID < 0 || h.ID >= ix.Len() || h.Score < 0 || h.Score > 1 || h.Score != h.Score {
				t.Fatalf("bad hit %+v", h)
			}
		}
	})
}

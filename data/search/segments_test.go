package search

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"newsbot/data/search/synth"
)

// articlesOf groups texts into articles of per texts each, named a0, a1…
func articlesOf(texts []string, per int) []Article {
	var out []Article
	for i := 0; i < len(texts); i += per {
		out = append(out, Article{ID: fmt.Sprintf("a%d", i/per), Texts: texts[i:min(i+per, len(texts))]})
	}
	return out
}

// One segment answers exactly as one Index over the same texts.
func TestSegmentedOneSegmentIsIndex(t *testing.T) {
	texts := synth.Quotes(3000, 11, seedQuotes(t))
	ix := Build(texts)
	sx := NewSegmented(Options{})
	sx.Add(Article{ID: "all", Texts: texts})
	for _, q := range append(seedQuotes(t)[:8], "the specifcs of the backstp", "security guar", "of the") {
		for _, complete := range []bool{false, true} {
			want, got := ix.Search(q, 10), sx.Search(q, 10, nil)
			if complete {
				want, got = ix.Complete(q, 10), sx.Complete(q, 10, nil)
			}
			if len(want) != len(got) {
				t.Fatalf("%q (complete %v): %d hits, Index has %d", q, complete, len(got), len(want))
			}
			for i := range want {
				if got[i].Text != want[i].ID || got[i].Score != want[i].Score || !slices.Equal(got[i].Matched, want[i].Matched) {
					t.Errorf("%q (complete %v) hit %d: %+v, Index %+v", q, complete, i, got[i], want[i])
				}
			}
		}
	}
}

// Ten segments find what one index finds: the statistics add up, so the
// first hit is the same text for nearly every perturbed query.
func TestSegmentedManySegmentsAgree(t *testing.T) {
	s := getBenchSet(t, 10_000)
	ix := s.ix
	sx := NewSegmented(Options{})
	sx.MaxSegments = 100 // no merge: ten segments stay ten
	arts := articlesOf(s.texts, 10)
	for i := 0; i < 10; i++ {
		sx.Add(arts[i*len(arts)/10 : (i+1)*len(arts)/10]...)
	}
	if sx.Segments() != 10 {
		t.Fatalf("%d segments, want 10", sx.Segments())
	}
	same, right, rightIx := 0, 0, 0
	for _, q := range s.queries {
		want := ix.Search(q.query, 5)
		got := sx.Search(q.query, 5, nil)
		if len(want) > 0 && strings.Contains(s.texts[want[0].ID], q.want) {
			rightIx++
		}
		if len(got) == 0 {
			continue
		}
		var a int
		fmt.Sscanf(got[0].Article, "a%d", &a)
		id := a*10 + got[0].Text
		if strings.Contains(s.texts[id], q.want) {
			right++
		}
		if len(want) > 0 && want[0].ID == id {
			same++
		}
	}
	if n := len(s.queries); same < n*95/100 || right < rightIx-n/50 {
		t.Errorf("ten segments: same first hit as one index for %d of %d queries, right %d (one index %d)", same, n, right, rightIx)
	}
}

func TestSegmentedWrites(t *testing.T) {
	quotes := seedQuotes(t)
	sx := NewSegmented(Options{})
	sx.MaxSegments = 3
	sx.Add(articlesOf(synth.Quotes(2000, 5, nil), 10)...)
	first := func(q string, coll *Collection) (DocHit, bool) {
		hs := sx.Search(q, 3, coll)
		if len(hs) == 0 || hs[0].Score < confident {
			return DocHit{}, false
		}
		return hs[0], true
	}
	backstop := indexOf(t, quotes, "The specifics of the backstop")
	q := "the specifcs of the backstp"
	if _, ok := first(q, nil); ok {
		t.Fatalf("%q found before its article was added", q)
	}

	steps := []struct {
		name    string
		do      func()
		article string // "" when q must find nothing
	}{
		{"added", func() { sx.Add(Article{"seed", quotes}) }, "seed"},
		{"replaced", func() { sx.Add(Article{"seed", quotes[:backstop]}) }, ""},
		{"added again under another ID", func() { sx.Add(Article{"copy", quotes}) }, "copy"},
		{"removed", func() { sx.Remove("copy") }, ""},
		{"added after removal", func() { sx.Add(Article{"copy", quotes}) }, "copy"},
	}
	for _, st := range steps {
		st.do()
		h, ok := first(q, nil)
		if st.article == "" && ok {
			t.Errorf("%s: %q still finds %+v", st.name, q, h)
		}
		if st.article != "" && (!ok || h.Article != st.article || h.Text != backstop) {
			t.Errorf("%s: %q finds %+v, want article %s text %d", st.name, q, h, st.article, backstop)
		}
	}
	// many small adds: merges keep the segments bounded and lose nothing
	for i := 0; i < 40; i++ {
		sx.Add(Article{fmt.Sprintf("small%d", i), []string{fmt.Sprintf("a small article number %d about zyxwords%d", i, i)}})
	}
	sx.Wait()
	if n := sx.Segments(); n > sx.MaxSegments {
		t.Errorf("%d segments after merges, want at most %d", n, sx.MaxSegments)
	}
	for i := 0; i < 40; i += 7 {
		if h, ok := first(fmt.Sprintf("zyxwords%d", i), nil); !ok || h.Article != fmt.Sprintf("small%d", i) {
			t.Errorf("after merges, zyxwords%d finds %+v", i, h)
		}
	}
	if h, ok := first(q, nil); !ok || h.Article != "copy" {
		t.Errorf("after merges, %q finds %+v, want article copy", q, h)
	}
	if got := sx.Remove("nothing-such"); got {
		t.Errorf("Remove of an unknown article reported true")
	}

	// collections: a filter over the shared segments
	colls := []struct {
		name string
		ids  []string
		want string
	}{
		{"with the article", []string{"a1", "copy"}, "copy"},
		{"without it", []string{"a1", "a2"}, ""},
		{"empty", nil, ""},
		{"an article added later", []string{"later"}, "later"},
	}
	for _, c := range colls {
		t.Run(c.name, func(t *testing.T) {
			coll := sx.Collection(c.ids)
			if c.want == "later" {
				sx.Add(Article{"later", quotes})
			}
			h, ok := first(q, coll)
			if c.want == "" && ok {
				t.Errorf("collection %v finds %+v", c.ids, h)
			}
			if c.want != "" && (!ok || h.Article != c.want) {
				t.Errorf("collection %v finds %+v, want article %s", c.ids, h, c.want)
			}
		})
	}
}

// Queries run while articles are added and removed and segments merge
// (run with -race).
func TestSegmentedConcurrent(t *testing.T) {
	quotes := seedQuotes(t)
	sx := NewSegmented(Options{})
	sx.MaxSegments = 4
	sx.Add(Article{"seed", quotes})
	var wg sync.WaitGroup
	stop := make(chan bool)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				hs := sx.Search("the specifcs of the backstp", 3, nil)
				if len(hs) == 0 || hs[0].Article != "seed" {
					t.Errorf("a query during writes found %+v", hs)
					return
				}
				sx.Complete("the specifics of the back", 3, sx.Collection([]string{"seed"}))
			}
		}()
	}
	for i := 0; i < 60; i++ {
		id := fmt.Sprintf("w%d", i%7)
		sx.Add(Article{id, []string{fmt.Sprintf("write number %d", i)}})
		if i%3 == 0 {
			sx.Remove(id)
		}
	}
	close(stop)
	wg.Wait()
	sx.Wait()
}

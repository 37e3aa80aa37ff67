// Package synth generates a deterministic synthetic corpus of quotations for
// benchmarks at scale: words drawn from a Zipf distribution (as word
// frequencies in news are) over a vocabulary whose size follows Heaps' law,
// sentences of news-like length, and real quotations mixed in.
package synth

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
)

// common is the head of the vocabulary: the most frequent English words, in
// rough frequency order, so that the top of the Zipf curve looks like news
// text (stop words with huge postings lists).
var common = strings.Fields(`the of and to a in that is for it said on was he with as his
at by be from this have are but not they an has had we i who their were which will she her
would been its or about more one there after also when up new what all said people than
them out two into first year over can our so if just last us other some could time only no
him like government president minister told my years do very because how most before many
me against being any where now should since while back those state week police under even
made make going get security country world public support between three take says still
told during may did through way well day group own news part war around these both then
such off including where another city without down long good say says here know want
percent high way think end best left national military number house official called
according come help former second added plan party days much talks deal million report`)

// Vocab returns the vocabulary for a corpus of about tokens words: the
// common words, then made-up words of letter patterns like English ones,
// longer as they get rarer. Heaps' law (V ≈ 40·√tokens) sets its size.
func Vocab(tokens int, r *rand.Rand) []string {
	size := int(40 * math.Sqrt(float64(tokens)))
	size = max(size, len(common)+1000)
	seen := make(map[string]bool, size)
	out := make([]string, 0, size)
	for _, w := range common {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	onsets := strings.Fields("b c d f g h j k l m n p r s t v w y z bl br ch cl cr dr fl fr gr pl pr sc sh sl sp st str th tr wh")
	vowels := strings.Fields("a e i o u a e i o ea ee ai ou oo")
	codas := strings.Fields("n r s t l d m ng ck st nt rd ll ss x")
	for len(out) < size {
		rank := len(out)
		// syllables: 1-2 for frequent words, 1-3 for the rare tail (word
		// types in English news average about 8 letters)
		syl := 1 + r.IntN(2)
		if rank > 5000 && r.IntN(3) == 0 {
			syl++
		}
		var b strings.Builder
		for s := 0; s < syl; s++ {
			b.WriteString(onsets[r.IntN(len(onsets))])
			b.WriteString(vowels[r.IntN(len(vowels))])
			if r.IntN(2) == 0 {
				b.WriteString(codas[r.IntN(len(codas))])
			}
		}
		if r.IntN(5) == 0 {
			b.WriteString([]string{"s", "ed", "ing", "er", "ly", "tion"}[r.IntN(6)])
		}
		w := b.String()
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Quotes returns n quotations, the same for the same seed. Real quotations
// are placed at evenly spaced positions (each once, in order), the rest are
// generated: 8 to 32 words, capitalised, with commas and a full stop.
//
// A corpus of parallelFrom quotations or more (ten million, for the largest
// benchmark) is generated in chunks of chunkSize, each from its own random
// stream, on every core at once; smaller ones from one stream, as before.
func Quotes(n int, seed uint64, real []string) []string {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := Vocab(n*20, r)
	out := make([]string, n)
	realAt := map[int]string{}
	if len(real) > 0 && n > 0 {
		step := max(1, n/len(real))
		for i, q := range real {
			if p := i*step + step/2; p < n {
				realAt[p] = q
			}
		}
	}
	if n < parallelFrom {
		fill(out, 0, realAt, vocab, r)
		return out
	}
	chunks := (n + chunkSize - 1) / chunkSize
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for c := 0; c < chunks; c++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			cr := rand.New(rand.NewPCG(seed+uint64(c)+1, seed^0x9e3779b97f4a7c15))
			lo := c * chunkSize
			fill(out[lo:min(n, lo+chunkSize)], lo, realAt, vocab, cr)
			<-sem
		}()
	}
	wg.Wait()
	return out
}

// Variables so that a test can make small corpora in chunks.
var (
	parallelFrom = 1 << 21
	chunkSize    = 1 << 20
)

// fill generates out, quotations first..first+len(out)-1 of the corpus,
// from r, placing the real ones where realAt says.
func fill(out []string, first int, realAt map[int]string, vocab []string, r *rand.Rand) {
	zipf := rand.NewZipf(r, 1.07, 2.7, uint64(len(vocab)-1))
	var b []byte
	for i := range out {
		if q, ok := realAt[first+i]; ok {
			out[i] = q
			continue
		}
		b = b[:0]
		words := 8 + r.IntN(25)
		for k := 0; k < words; k++ {
			w := vocab[zipf.Uint64()]
			if k == 0 {
				b = append(b, strings.ToUpper(w[:1])...)
				b = append(b, w[1:]...)
				continue
			}
			if r.IntN(12) == 0 {
				b = append(b, ',')
			}
			b = append(b, ' ')
			b = append(b, w...)
		}
		b = append(b, '.')
		out[i] = string(b) // one allocation of the exact size
	}
}

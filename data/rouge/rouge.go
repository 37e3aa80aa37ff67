// Package rouge computes ROUGE-1, ROUGE-2 and ROUGE-Lsum exactly as
// google-research's rouge_score does (the implementation behind most
// published summarisation figures): lower-case, every run of characters
// other than [a-z0-9] is a separator, tokens longer than three characters
// are Porter-stemmed (NLTK's variant), stopwords are kept, and ROUGE-Lsum is
// the summary-level union LCS over sentences given one per line.
package rouge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Score is precision, recall and F1 of one comparison, each in [0, 1].
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F         float64 `json:"f"`
}

// Scores holds the three ROUGE variants the project reports.
type Scores struct {
	R1    Score `json:"rouge1"`
	R2    Score `json:"rouge2"`
	RLsum Score `json:"rougeLsum"`
}

// Tokenize splits text as rouge_score's tokenize does: lower case, anything
// outside [a-z0-9] becomes a space, split on white space; with stem set,
// tokens longer than three characters are replaced by their Porter stem.
func Tokenize(text string, stem bool) []string {
	var toks []string
	var cur []byte
	flush := func() {
		if len(cur) == 0 {
			return
		}
		t := string(cur)
		if stem && len(t) > 3 {
			t = Stem(t)
		}
		if t != "" {
			toks = append(toks, t)
		}
		cur = cur[:0]
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
				cur = append(cur, c)
			} else {
				flush()
			}
			i++
			continue
		}
		// Python's str.lower() maps a few non-ASCII letters to ASCII ones
		// (KELVIN SIGN → k, and İ → i plus a combining dot); keep those
		// letters, drop every other non-ASCII rune as a separator.
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		lr := unicode.ToLower(r)
		if lr < utf8.RuneSelf && ((lr >= 'a' && lr <= 'z') || (lr >= '0' && lr <= '9')) {
			cur = append(cur, byte(lr))
			if r == 'İ' {
				flush() // the combining dot Python adds separates the token
			}
			continue
		}
		flush()
	}
	flush()
	return toks
}

// fmeasure is the harmonic mean, 0 when both are 0.
func fmeasure(p, r float64) float64 {
	if p+r > 0 {
		return 2 * p * r / (p + r)
	}
	return 0
}

// N scores n-gram overlap between reference and candidate tokens (ROUGE-N).
func N(ref, cand []string, n int) Score {
	if n <= 0 {
		return Score{}
	}
	rc := ngrams(ref, n)
	cc := ngrams(cand, n)
	inter := 0
	for g, c := range rc {
		inter += min(c, cc[g])
	}
	rn := max(len(ref)-n+1, 0)
	cn := max(len(cand)-n+1, 0)
	p := float64(inter) / float64(max(cn, 1))
	r := float64(inter) / float64(max(rn, 1))
	return Score{Precision: p, Recall: r, F: fmeasure(p, r)}
}

func ngrams(toks []string, n int) map[string]int {
	m := make(map[string]int, len(toks))
	for i := 0; i+n <= len(toks); i++ {
		// tokens are [a-z0-9]+, so a space joins them unambiguously
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

// LSum is summary-level ROUGE-L: for each reference sentence, the union of
// its LCS with every candidate sentence, hits clipped by token counts so that
// no token is counted twice (as ROUGE 1.5.5 and rouge_score do).
func LSum(ref, cand [][]string) Score {
	m, n := 0, 0
	for _, s := range ref {
		m += len(s)
	}
	for _, s := range cand {
		n += len(s)
	}
	if len(ref) == 0 || len(cand) == 0 || m == 0 || n == 0 {
		return Score{}
	}
	cntR := map[string]int{}
	cntC := map[string]int{}
	for _, s := range ref {
		for _, t := range s {
			cntR[t]++
		}
	}
	for _, s := range cand {
		for _, t := range s {
			cntC[t]++
		}
	}
	hits := 0
	for _, r := range ref {
		in := make([]bool, len(r))
		for _, c := range cand {
			for _, i := range lcsIndices(r, c) {
				in[i] = true
			}
		}
		for i, ok := range in {
			if !ok {
				continue
			}
			t := r[i]
			if cntC[t] > 0 && cntR[t] > 0 {
				hits++
				cntC[t]--
				cntR[t]--
			}
		}
	}
	rec := float64(hits) / float64(m)
	prec := float64(hits) / float64(n)
	return Score{Precision: prec, Recall: rec, F: fmeasure(prec, rec)}
}

// lcsIndices returns the indices into ref of one longest common subsequence
// of ref and can, chosen by the same backtracking rule as rouge_score (ties
// move up in ref), since the union depends on which LCS is picked.
func lcsIndices(ref, can []string) []int {
	rows, cols := len(ref), len(can)
	if rows == 0 || cols == 0 {
		return nil
	}
	w := cols + 1
	t := make([]int32, (rows+1)*w)
	for i := 1; i <= rows; i++ {
		for j := 1; j <= cols; j++ {
			if ref[i-1] == can[j-1] {
				t[i*w+j] = t[(i-1)*w+j-1] + 1
			} else {
				t[i*w+j] = max(t[(i-1)*w+j], t[i*w+j-1])
			}
		}
	}
	out := make([]int, t[rows*w+cols])
	k := len(out)
	i, j := rows, cols
	for i > 0 && j > 0 {
		switch {
		case ref[i-1] == can[j-1]:
			k--
			out[k] = i - 1
			i--
			j--
		case t[i*w+j-1] > t[(i-1)*w+j]:
			j--
		default:
			i--
		}
	}
	return out
}

// Text scores a candidate against a reference given as raw text, the way
// rouge_score's RougeScorer(["rouge1","rouge2","rougeLsum"]).score(target,
// prediction) does: ROUGE-N over all tokens, ROUGE-Lsum over the non-empty
// lines of each text.
func Text(reference, candidate string, stem bool) Scores {
	rt := Tokenize(reference, stem)
	ct := Tokenize(candidate, stem)
	return Scores{
		R1:    N(rt, ct, 1),
		R2:    N(rt, ct, 2),
		RLsum: LSum(lines(reference, stem), lines(candidate, stem)),
	}
}

func lines(s string, stem bool) [][]string {
	var out [][]string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, Tokenize(l, stem))
		}
	}
	return out
}

// Sentences scores candidate sentences against reference sentences with the
// standard settings (stemming on): the texts are joined one sentence per
// line. Newlines inside a sentence are turned into spaces first so that a
// sentence is never split into several ROUGE-Lsum lines.
func Sentences(reference, candidate []string) Scores {
	return Text(joinLines(reference), joinLines(candidate), true)
}

func joinLines(ss []string) string {
	clean := make([]string, len(ss))
	for i, s := range ss {
		clean[i] = strings.ReplaceAll(s, "\n", " ")
	}
	return strings.Join(clean, "\n")
}

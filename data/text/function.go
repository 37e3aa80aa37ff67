package text

import "strings"

// IsFunctionWord reports whether w, a folded word as Words returns it, is an
// English function word (article, pronoun, auxiliary, preposition,
// conjunction, a contraction of those as Words folds it: "I'm" → "im") or a
// word of attribution ("said", "told", "mr"), which any quotation may
// contain. Single letters and digits count too. Such words say nothing about
// which text a query means: on a small corpus every word is rare, so an
// index cannot tell them apart by frequency alone.
//
// It is a general list of the language, not drawn from any article, shared
// by search (a query of such words only is never a confident match) and the
// commands (a near miss must share a content word with the query).
func IsFunctionWord(w string) bool {
	return len(w) < 2 || functionWords[w]
}

var functionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		a about above after again against all am an and any are as at
		be because been before being below between both but by
		can could did do does doing down during each few for from further
		had has have having he her here hers herself him himself his how
		i if in into is it its itself just me more most my myself
		no nor not now of off on once only or other our ours ourselves out over own
		same she should so some such than that the their theirs them themselves
		then there these they this those through to too under until up very
		was we were what when where which while who whom why will with would
		you your yours yourself yourselves
		im ive id youre youve youd hes shes theyre theyve weve thats theres
		whats dont doesnt didnt isnt arent wasnt werent wont cant couldnt
		shouldnt wouldnt hasnt havent hadnt lets
		said says say saying told tell also mr mrs ms`) {
		m[w] = true
	}
	return m
}()

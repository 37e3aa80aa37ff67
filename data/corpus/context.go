package corpus

import "context"

// The Context variants of the searches stop when ctx is done and return the
// hits found so far (perhaps none) with ctx.Err(), so that a handler with a
// deadline (autocomplete within Discord's three seconds) answers in time
// on a loaded machine. Every search is bounded anyway (package search).

// WhoSaidContext is WhoSaid that honours ctx.
func (c *Corpus) WhoSaidContext(ctx context.Context, fragment string, limit int) ([]QuoteHit, error) {
	hs, err := c.shared.quotes.SearchContext(ctx, fragment, limit, c.quoteColl)
	return c.quoteHits(hs), err
}

// SuggestQuotesContext is SuggestQuotes that honours ctx.
func (c *Corpus) SuggestQuotesContext(ctx context.Context, partial string, limit int) ([]QuoteHit, error) {
	hs, err := c.shared.quotes.CompleteContext(ctx, partial, limit, c.quoteColl)
	return c.quoteHits(hs), err
}

// CompletePersonContext is CompletePerson that honours ctx.
func (c *Corpus) CompletePersonContext(ctx context.Context, partial string, limit int) ([]PersonHit, error) {
	hs, err := c.small().personIndex.CompleteContext(ctx, partial, 4*limit)
	return c.personHits(hs, limit), err
}

// SearchTextContext is SearchText that honours ctx.
func (c *Corpus) SearchTextContext(ctx context.Context, words string, limit int) ([]PassageHit, error) {
	hs, err := c.shared.sentences.SearchContext(ctx, words, limit, c.sentColl)
	return c.passageHits(hs), err
}

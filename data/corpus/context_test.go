package corpus

import (
	"context"
	"errors"
	"testing"
)

// The Context variants answer as the plain ones with a live context, and
// stop with the context's error once it is done.
func TestContextVariants(t *testing.T) {
	c := defaultCorpus(t)
	live := context.Background()
	done, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		call func(ctx context.Context) (int, error)
		want int // hits with a live context
	}{
		{"WhoSaid", func(ctx context.Context) (int, error) {
			hs, err := c.WhoSaidContext(ctx, "the specifics of the backstop", 5)
			return len(hs), err
		}, len(c.WhoSaid("the specifics of the backstop", 5))},
		{"SuggestQuotes", func(ctx context.Context) (int, error) {
			hs, err := c.SuggestQuotesContext(ctx, "the specifics of the back", 5)
			return len(hs), err
		}, len(c.SuggestQuotes("the specifics of the back", 5))},
		{"CompletePerson", func(ctx context.Context) (int, error) {
			hs, err := c.CompletePersonContext(ctx, "Starm", 5)
			return len(hs), err
		}, len(c.CompletePerson("Starm", 5))},
		{"SearchText", func(ctx context.Context) (int, error) {
			hs, err := c.SearchTextContext(ctx, "backstop", 5)
			return len(hs), err
		}, len(c.SearchText("backstop", 5))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == 0 {
				t.Fatalf("the plain %s finds nothing: the test query is wrong", tt.name)
			}
			if n, err := tt.call(live); n != tt.want || err != nil {
				t.Errorf("live context: %d hits, %v; want %d, nil", n, err, tt.want)
			}
			if n, err := tt.call(done); n != 0 || !errors.Is(err, context.Canceled) {
				t.Errorf("done context: %d hits, %v; want 0, context.Canceled", n, err)
			}
		})
	}
}

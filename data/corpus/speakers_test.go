package corpus

import (
	"reflect"
	"testing"

	"newsbot/data/article"
	"newsbot/data/quotes"
)

func TestSpeakers(t *testing.T) {
	tests := []struct {
		speaker string
		want    []string
	}{
		{"", nil},
		{"Ann Lee", []string{"Ann Lee"}},
		{"Ann Lee and Bo Chan", []string{"Ann Lee", "Bo Chan"}},
		{"Ann Lee, Bo Chan and Cy Park", []string{"Ann Lee", "Bo Chan", "Cy Park"}},
	}
	for _, tt := range tests {
		t.Run(tt.speaker, func(t *testing.T) {
			if got := Speakers(tt.speaker); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Speakers(%q) = %q, want %q", tt.speaker, got, tt.want)
			}
		})
	}
}

func TestQuotesByJointSpeaker(t *testing.T) {
	d := &Doc{Article: article.Article{ID: "a", Title: "A"}, Quotes: []quotes.Quote{
		{Text: "We will rebuild the pier together", Speaker: "Ann Lee and Bo Chan", Direct: true},
		{Text: "The budget is tight", Speaker: "Ann Lee", Direct: true},
		{Text: "Nobody asked us", Speaker: "Bo Chang", Direct: true},
	}}
	c := New([]*Doc{d})
	for name, want := range map[string]int{"Ann Lee": 2, "Bo Chan": 1, "Bo Chang": 1, "Chan": 0} {
		if got := len(c.QuotesBy(name, nil)); got != want {
			t.Errorf("QuotesBy(%q) = %d quotations, want %d", name, got, want)
		}
	}
}

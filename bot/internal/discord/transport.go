package discord

import (
	"net/http"
	"net/url"
)

// rewriteTransport sends every request for discord.com to another origin
// (DISCORD_API_BASE): discordgo's endpoints are fixed at start-up, so the
// rewrite happens under it.
type rewriteTransport struct {
	base *url.URL // nil: no rewrite
	next http.RoundTripper
}

// newTransport returns a transport rewriting discord.com to base ("" for
// none) on top of next (nil for http.DefaultTransport).
func newTransport(base string, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	t := &rewriteTransport{next: next}
	if base != "" {
		t.base, _ = url.Parse(base) // checked by config.Parse
	}
	return t
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.base == nil || req.URL.Host != "discord.com" {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.base.Scheme, t.base.Host, ""
	return t.next.RoundTrip(r)
}

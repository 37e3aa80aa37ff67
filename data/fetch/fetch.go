// Package fetch gets web pages and feeds from links that Discord users
// give, safely: the link comes from a stranger, so every request is a
// possible server-side request forgery.
//
// The guard: http and https only; the address every connection goes to is
// checked after DNS resolution, in the dialler itself (net.Dialer.Control),
// so a redirect or a DNS answer that changes between check and use cannot
// reach loopback, private, link-local, carrier-grade NAT, multicast,
// unspecified or cloud-metadata addresses, IPv4 or IPv6 (IPv4-mapped,
// NAT64 and 6to4 spellings included); at most 5 redirects, each checked;
// 5 s to connect, 15 s for the whole fetch, the body cut off at 5 MiB while
// it is read; only HTML, XHTML, plain text and feed content types; no
// proxy from the environment; a User-Agent that names the bot.
//
// Tests serve pages from httptest on 127.0.0.1 and set
// Options.AllowLoopback; production code never reads such a switch from
// the environment.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"newsbot/data/article"
)

// Defaults of Options.
const (
	DefaultConnectTimeout = 5 * time.Second
	DefaultTimeout        = 15 * time.Second
	DefaultMaxBytes       = article.DefaultMaxSize // the article size limit
	DefaultMaxRedirects   = 5
	DefaultUserAgent      = "newsbot/1.0 (Discord news bot; fetches links and feeds that server moderators add)"
)

// Options configure a Client; the zero value is the production setting.
type Options struct {
	// AllowLoopback lets the client connect to 127.0.0.0/8 and ::1. Only
	// tests set it (their servers listen there); every other blocked
	// range stays blocked.
	AllowLoopback bool
	// ConnectTimeout bounds one TCP connection (0: 5 s).
	ConnectTimeout time.Duration
	// Timeout bounds a whole fetch, redirects and body included (0: 15 s).
	Timeout time.Duration
	// MaxBytes caps a body (0: 5 MiB).
	MaxBytes int64
	// MaxRedirects caps redirects followed (0: 5).
	MaxRedirects int
	// UserAgent names the bot to the sites it fetches.
	UserAgent string
}

// Errors a fetch is refused with; each Refusal wraps one of them. Their
// texts are what the user is told.
var (
	ErrScheme      = errors.New("only http and https links can be fetched")
	ErrBadURL      = errors.New("that is not a web address")
	ErrPrivate     = errors.New("that address is on a private network")
	ErrRedirects   = errors.New("the link redirects too many times")
	ErrTooLarge    = errors.New("the page is over the size limit")
	ErrContentType = errors.New("that link is not a web page or a feed")
	ErrTimeout     = errors.New("the site took too long to answer")
	ErrStatus      = errors.New("the site answered with an error")
	ErrUnreachable = errors.New("the site could not be reached")
	ErrNoArticle   = article.ErrNoArticleText
)

// Refusal is a fetch that was refused or failed, with the reason the user
// is told: Error() is one sentence, e.g. "the page is 12 MB; the limit is
// 5 MB".
type Refusal struct {
	Err    error  // one of the Err* sentinels
	Detail string // what exactly, e.g. "10.0.0.7 is private"
	// Text, when set, is the whole sentence instead of Err and Detail.
	Text string
}

// Error is the user-facing reason.
func (r *Refusal) Error() string {
	if r.Text != "" {
		return r.Text
	}
	if r.Detail == "" {
		return r.Err.Error()
	}
	return r.Err.Error() + " (" + r.Detail + ")"
}

// Unwrap gives the sentinel, for errors.Is.
func (r *Refusal) Unwrap() error { return r.Err }

// Client fetches pages and feeds through the guard. It is safe for
// concurrent use.
type Client struct {
	opts Options
	http *http.Client
}

// New returns a client with opts (zero fields take the defaults).
func New(opts Options) *Client {
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	c := &Client{opts: opts}
	dialer := &net.Dialer{Timeout: opts.ConnectTimeout, Control: c.control}
	transport := &http.Transport{
		// No proxy: the guard checks the address connected to, and a
		// proxy would be that address.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConns:          16,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c.http = &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return &Refusal{Err: ErrRedirects, Detail: fmt.Sprintf("more than %d", opts.MaxRedirects)}
			}
			return c.checkURL(req.URL)
		},
	}
	return c
}

// checkURL refuses what the guard never fetches, before any connection.
func (c *Client) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return &Refusal{Err: ErrScheme, Detail: "not " + u.Scheme + ":"}
	}
	if u.Hostname() == "" {
		return &Refusal{Err: ErrBadURL}
	}
	if u.User != nil {
		return &Refusal{Err: ErrBadURL, Detail: "links with a user name or password are not fetched"}
	}
	return c.checkHostLiteral(u.Hostname())
}

// ParseURL checks a link a user typed: an absolute http or https URL
// (https:// is assumed when the scheme is missing).
func ParseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	raw = strings.Trim(raw, "<>") // Discord's "no embed" brackets
	if raw == "" {
		return nil, &Refusal{Err: ErrBadURL}
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &Refusal{Err: ErrBadURL}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &Refusal{Err: ErrScheme, Detail: "not " + u.Scheme + ":"}
	}
	if u.Hostname() == "" {
		return nil, &Refusal{Err: ErrBadURL}
	}
	return u, nil
}

// Kind is what a fetch accepts.
type Kind int

// Kinds of fetch.
const (
	// Page is an article: HTML, XHTML or plain text.
	Page Kind = iota
	// FeedDoc is a feed: RSS, Atom or JSON Feed (and the XML and JSON
	// types servers give them).
	FeedDoc
	// File is an uploaded file of any type (a Discord attachment): the
	// caller checks what it is from its name and its bytes.
	File
)

var accepted = map[Kind]map[string]bool{
	Page: {"text/html": true, "application/xhtml+xml": true, "text/plain": true},
	FeedDoc: {
		"application/rss+xml": true, "application/atom+xml": true, "application/feed+json": true,
		"application/xml": true, "text/xml": true, "application/json": true, "application/rdf+xml": true,
		// Some servers send feeds as text/html or text/plain; the parser
		// decides.
		"text/html": true, "text/plain": true,
	},
}

var acceptHeader = map[Kind]string{
	Page:    "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
	FeedDoc: "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.1",
	File:    "*/*",
}

// Response is a fetched body.
type Response struct {
	URL          *url.URL // after redirects
	ContentType  string   // media type, lower case, without parameters
	Body         []byte   // decoded to UTF-8 for text types of a Page
	ETag         string
	LastModified string
	NotModified  bool // a conditional GET answered 304: Body is empty
}

// Conditional are the validators of a conditional GET.
type Conditional struct {
	ETag         string
	LastModified string
}

// Get fetches u through the guard, accepting the content types of kind.
func (c *Client) Get(ctx context.Context, u *url.URL, kind Kind, cond Conditional) (*Response, error) {
	if err := c.checkURL(u); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Refusal{Err: ErrBadURL}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", acceptHeader[kind])
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.classify(ctx, err)
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &Refusal{Err: ErrStatus, Detail: fmt.Sprintf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))}
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return nil, c.tooLarge(resp.ContentLength, kind)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, c.classify(ctx, err)
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return nil, c.tooLarge(-1, kind)
	}
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	media, params, err := mime.ParseMediaType(ct)
	if err != nil {
		media = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	if kind != File && !accepted[kind][media] {
		return nil, &Refusal{Err: ErrContentType, Detail: media}
	}
	out.ContentType = media
	if kind == Page {
		// Pages in other charsets (ISO-8859-1, Windows-1252, Shift JIS)
		// become UTF-8 here, from the header or the page's own <meta>;
		// feeds decode themselves from their XML declaration.
		r, err := charset.NewReader(strings.NewReader(string(body)), media+"; charset="+params["charset"])
		if err == nil {
			if dec, err := io.ReadAll(r); err == nil {
				body = dec
			}
		}
	}
	out.Body = body
	return out, nil
}

// tooLarge says how large a body was (when the server told) and the limit.
func (c *Client) tooLarge(n int64, kind Kind) error {
	what := "the page"
	switch kind {
	case FeedDoc:
		what = "the feed"
	case File:
		what = "the file"
	}
	limit := fmt.Sprintf("%d MB", c.opts.MaxBytes>>20)
	if c.opts.MaxBytes < 1<<20 {
		limit = fmt.Sprintf("%d bytes", c.opts.MaxBytes)
	}
	if n < 0 {
		return &Refusal{Err: ErrTooLarge, Text: what + " is over " + limit + "; the limit is " + limit}
	}
	size := fmt.Sprintf("%d MB", (n+(1<<19))>>20)
	if n < 1<<20 {
		size = fmt.Sprintf("%d bytes", n)
	}
	return &Refusal{Err: ErrTooLarge, Text: what + " is " + size + "; the limit is " + limit}
}

// classify turns a transport error into a Refusal the user can read.
func (c *Client) classify(ctx context.Context, err error) error {
	var r *Refusal
	if errors.As(err, &r) {
		return r
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil || errors.As(err, &ne) && ne.Timeout() {
		return &Refusal{Err: ErrTimeout, Detail: fmt.Sprintf("no complete answer within %s", c.opts.Timeout)}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return &Refusal{Err: ErrUnreachable, Detail: "no such host " + dns.Name}
	}
	return &Refusal{Err: ErrUnreachable, Detail: shortCause(err)}
}

// shortCause is the innermost error's text, without the URL that
// url.Error repeats.
func shortCause(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

// Article fetches the page at u and extracts its article: readability for
// HTML and XHTML, the .txt rules for plain text.
func (c *Client) Article(ctx context.Context, u *url.URL) (article.Article, error) {
	resp, err := c.Get(ctx, u, Page, Conditional{})
	if err != nil {
		return article.Article{}, err
	}
	var a article.Article
	if resp.ContentType == "text/plain" {
		arts, perr := article.Parse("page.txt", resp.Body)
		if perr != nil || len(arts) == 0 {
			return article.Article{}, &Refusal{Err: ErrNoArticle}
		}
		a = arts[0]
		a.URL = resp.URL.String()
	} else {
		a, err = article.FromHTML(strings.NewReader(string(resp.Body)), resp.URL)
		switch {
		case errors.Is(err, article.ErrTooLarge):
			return article.Article{}, &Refusal{Err: ErrTooLarge, Detail: err.Error()}
		case err != nil:
			return article.Article{}, &Refusal{Err: ErrNoArticle}
		}
	}
	if a.Source == "" {
		a.Source = strings.TrimPrefix(resp.URL.Hostname(), "www.")
	}
	return a, nil
}

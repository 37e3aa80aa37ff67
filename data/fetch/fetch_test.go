package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestGuardRanges(t *testing.T) {
	cases := []struct {
		addr    string
		blocked bool
	}{
		{"127.0.0.1", true},
		{"127.255.0.9", true},
		{"10.1.2.3", true},
		{"172.16.0.1", true},
		{"172.31.255.255", true},
		{"172.32.0.1", false},
		{"192.168.1.1", true},
		{"100.64.0.1", true},
		{"100.100.100.200", true}, // a cloud's metadata, inside carrier-grade NAT
		{"169.254.169.254", true}, // the usual cloud metadata address
		{"0.0.0.0", true},
		{"224.0.0.251", true},
		{"255.255.255.255", true},
		{"::1", true},
		{"::", true},
		{"fe80::1", true},
		{"fd00:ec2::254", true},
		{"ff02::1", true},
		{"::ffff:127.0.0.1", true},  // IPv4-mapped loopback
		{"::ffff:10.0.0.1", true},   // IPv4-mapped private
		{"64:ff9b::a00:1", true},    // NAT64 of 10.0.0.1
		{"2002:a9fe:a9fe::1", true}, // 6to4 of 169.254.169.254
		{"93.184.215.14", false},
		{"2606:4700::1111", false},
		{"::ffff:93.184.215.14", false},
	}
	for _, c := range cases {
		t.Run(c.addr, func(t *testing.T) {
			got := why(netip.MustParseAddr(c.addr), false)
			if (got != "") != c.blocked {
				t.Errorf("why(%s) = %q; want blocked=%v", c.addr, got, c.blocked)
			}
		})
	}
	// The test switch opens loopback only.
	if why(netip.MustParseAddr("127.0.0.1"), true) != "" || why(netip.MustParseAddr("10.0.0.1"), true) == "" || why(netip.MustParseAddr("::ffff:127.0.0.1"), true) != "" {
		t.Errorf("AllowLoopback must open 127.0.0.0/8 and ::1 and nothing else")
	}
}

// site is an httptest server with the shapes of pages the fetcher meets.
func site(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("..", "article", "testdata", "html", "harbour.html"))
	if err != nil {
		t.Fatal(err)
	}
	home, _ := os.ReadFile(filepath.Join("..", "article", "testdata", "html", "homepage.html"))
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/harbour", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "newsbot/") {
			http.Error(w, "who are you?", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/home", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(home)
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		body := "<html><head><title>Caf\xe9 owners protest</title></head><body><article>" +
			strings.Repeat("<p>The caf\xe9 owners of the old town said the new rules would close them within a year, and asked the council to think again before the summer.</p>", 3) +
			"</article></body></html>"
		w.Write([]byte(body))
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "Ferry timetable changes\n\nFerries will leave every 20 minutes from May, the operator said.")
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(12<<20))
		w.Write([]byte("<html>")) // the client gives up on the header alone
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		// No Content-Length: the cap applies while reading.
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>more text</p>", 1024))
		for i := 0; i < 2000 && r.Context().Err() == nil; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		for i := 0; i < 100; i++ { // drips for up to 10 s unless the client leaves
			w.Write([]byte("<p>a"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://10.20.30.40/admin", http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-mapped", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://[::ffff:a9fe:a9fe]/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/hop/"), "%d", &n)
		if n == 0 {
			http.Redirect(w, r, "/harbour", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestArticle(t *testing.T) {
	srv, _ := site(t)
	c := New(Options{AllowLoopback: true, Timeout: 2 * time.Second})
	cases := []struct {
		path     string
		wantErr  error
		wantText string // the refusal as the user reads it, or the title
	}{
		{"/harbour", nil, "Harbour wall to be rebuilt"},
		{"/hop/4", nil, "Harbour wall to be rebuilt"}, // 5 redirects: allowed
		{"/latin1", nil, "Café owners protest"},
		{"/plain", nil, "Ferry timetable changes"},
		{"/home", ErrNoArticle, "no article text found on that page"},
		{"/image", ErrContentType, "that link is not a web page or a feed (image/png)"},
		{"/missing", ErrStatus, "the site answered with an error (HTTP 404 Not Found)"},
		{"/huge", ErrTooLarge, "the page is 12 MB; the limit is 5 MB"},
		{"/endless", ErrTooLarge, "the page is over 5 MB; the limit is 5 MB"},
		{"/slow", ErrTimeout, "the site took too long to answer (no complete answer within 2s)"},
		{"/hop/5", ErrRedirects, "the link redirects too many times (more than 5)"},
		{"/to-private", ErrPrivate, "that address is on a private network (10.20.30.40 is private)"},
		{"/to-metadata", ErrPrivate, "that address is on a private network (169.254.169.254 is link-local (cloud metadata))"},
		{"/to-mapped", ErrPrivate, "that address is on a private network (169.254.169.254 is link-local (cloud metadata))"},
		{"/to-file", ErrScheme, "only http and https links can be fetched (not file:)"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			u, _ := url.Parse(srv.URL + tc.path)
			a, err := c.Article(context.Background(), u)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("Article: %v", err)
				}
				if a.Title != tc.wantText || len(strings.Fields(a.Body)) < 10 {
					t.Errorf("got %q with %d words", a.Title, len(strings.Fields(a.Body)))
				}
				if a.URL == "" || a.Source == "" {
					t.Errorf("URL %q, outlet %q: want both", a.URL, a.Source)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v; want %v", err, tc.wantErr)
			}
			if got := strings.TrimPrefix(err.Error(), "Get "); got != tc.wantText {
				t.Errorf("refusal reads %q; want %q", got, tc.wantText)
			}
		})
	}
}

// TestProductionGuard: without the test switch, this machine itself is
// refused before any request reaches it, whatever the spelling.
func TestProductionGuard(t *testing.T) {
	srv, hits := site(t)
	c := New(Options{})
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	for _, raw := range []string{
		srv.URL + "/harbour",
		fmt.Sprintf("http://localhost:%d/harbour", port),
		fmt.Sprintf("http://api.LOCALHOST.:%d/harbour", port),
		fmt.Sprintf("http://[::1]:%d/harbour", port),
		fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/harbour", port),
		fmt.Sprintf("http://0.0.0.0:%d/harbour", port),
	} {
		t.Run(raw, func(t *testing.T) {
			u, err := url.Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Article(context.Background(), u)
			if !errors.Is(err, ErrPrivate) && !errors.Is(err, ErrUnreachable) {
				t.Fatalf("err = %v; want a refusal", err)
			}
			t.Logf("%v", err)
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server got %d requests; want none", n)
	}
}

func TestParseURL(t *testing.T) {
	cases := []struct {
		in   string
		want string
		err  error
	}{
		{"https://gazette.example/a", "https://gazette.example/a", nil},
		{"gazette.example/a", "https://gazette.example/a", nil},
		{"<https://gazette.example/a>", "https://gazette.example/a", nil},
		{"ftp://gazette.example/a", "", ErrScheme},
		{"javascript:alert(1)", "", ErrBadURL},
		{"file:///etc/passwd", "", ErrScheme},
		{"", "", ErrBadURL},
		{"https://", "", ErrBadURL},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			u, err := ParseURL(c.in)
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("err = %v; want %v", err, c.err)
				}
				return
			}
			if err != nil || u.String() != c.want {
				t.Errorf("ParseURL = %v, %v; want %s", u, err, c.want)
			}
		})
	}
}

// TestConditionalGet: validators go out, a 304 comes back as NotModified.
func TestConditionalGet(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sat, 01 Mar 2025 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>T</title></channel></rss>`)
	}))
	defer srv.Close()
	c := New(Options{AllowLoopback: true})
	u, _ := url.Parse(srv.URL)
	first, err := c.Get(context.Background(), u, FeedDoc, Conditional{})
	if err != nil || first.NotModified || first.ETag != `"v1"` || first.LastModified == "" {
		t.Fatalf("first = %+v, %v", first, err)
	}
	second, err := c.Get(context.Background(), u, FeedDoc, Conditional{ETag: first.ETag, LastModified: first.LastModified})
	if err != nil || !second.NotModified {
		t.Fatalf("second = %+v, %v; want NotModified", second, err)
	}
}

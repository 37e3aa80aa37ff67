package telemetry

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"newsbot/bot/internal/cli"
)

// healthcheckTimeout bounds one probe: an orchestrator runs it every few
// seconds, and a probe that hangs is a failed one.
const healthcheckTimeout = 5 * time.Second

// RunHealthcheck is the `healthcheck` subcommand: it asks the bot's own
// listener (NEWSBOT_HTTP_ADDR) for /healthz, or another path, and exits 0
// only on 200. The image is scratch, with no shell or curl, so a container
// healthcheck runs the binary itself: ["/newsbot", "healthcheck"].
func RunHealthcheck(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: newsbot healthcheck [-addr host:port] [-path /healthz]\n"+
			"Asks the running bot's telemetry listener for a probe; exits 0 when it answers 200.\n")
		fs.PrintDefaults()
	}
	addr := fs.String("addr", getenv("NEWSBOT_HTTP_ADDR"), "the bot's listener (env NEWSBOT_HTTP_ADDR)")
	path := fs.String("path", "/healthz", "the probe: /healthz or /readyz")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cli.ErrHelp
		}
		return cli.ErrUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "newsbot healthcheck: unexpected argument %q\n", fs.Arg(0))
		return cli.ErrUsage
	}
	if *addr == "" {
		return errors.New("healthcheck: NEWSBOT_HTTP_ADDR is not set, so the bot serves no probes (set it, or -addr)")
	}
	if *path != "/healthz" && *path != "/readyz" {
		return fmt.Errorf("healthcheck: -path %q: want /healthz or /readyz", *path)
	}
	u, err := probeURL(*addr, *path)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, healthcheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s: %s", *path, resp.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprintln(stdout, strings.TrimSpace(string(body)))
	return nil
}

// probeURL is the URL of path on the listener at addr: a listener on every
// interface (":9090", "0.0.0.0:9090", "[::]:9090") is asked on loopback.
func probeURL(addr, path string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("healthcheck: address %q: want host:port", addr)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + path, nil
}

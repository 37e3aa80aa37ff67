package fetch

import (
	"fmt"
	"net/netip"
	"strings"
	"syscall"
)

// blockedRange is one address range the fetcher never connects to, with
// the name a refusal gives it.
type blockedRange struct {
	prefix netip.Prefix
	what   string
}

// blocked lists every range that is not the public internet: what a
// server-side request forgery would aim at (this machine, the local
// network, the cloud's metadata service). IPv4-mapped IPv6 addresses are
// unmapped before the check, and NAT64 / 6to4 addresses are checked by the
// IPv4 address they carry, so no IPv6 spelling reaches an IPv4 range.
var blocked = func() []blockedRange {
	var out []blockedRange
	for _, r := range []struct{ cidr, what string }{
		{"0.0.0.0/8", "unspecified"},
		{"10.0.0.0/8", "private"},
		{"100.64.0.0/10", "carrier-grade NAT"},
		{"127.0.0.0/8", "loopback"},
		{"169.254.0.0/16", "link-local (cloud metadata)"},
		{"172.16.0.0/12", "private"},
		{"192.0.0.0/24", "IETF protocol assignments"},
		{"192.0.2.0/24", "documentation"},
		{"192.168.0.0/16", "private"},
		{"198.18.0.0/15", "benchmarking"},
		{"198.51.100.0/24", "documentation"},
		{"203.0.113.0/24", "documentation"},
		{"224.0.0.0/4", "multicast"},
		{"240.0.0.0/4", "reserved"},
		{"::/128", "unspecified"},
		{"::1/128", "loopback"},
		{"100::/64", "discard-only"},
		{"2001:db8::/32", "documentation"},
		{"fc00::/7", "private (unique local, incl. cloud metadata fd00:ec2::254)"},
		{"fe80::/10", "link-local"},
		{"ff00::/8", "multicast"},
	} {
		out = append(out, blockedRange{netip.MustParsePrefix(r.cidr), r.what})
	}
	return out
}()

var (
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4 = netip.MustParsePrefix("2002::/16")
)

// why returns why addr may not be connected to ("" if it may), given
// whether loopback is allowed (tests only).
func why(addr netip.Addr, allowLoopback bool) string {
	addr = addr.Unmap()
	switch {
	case nat64.Contains(addr):
		b := addr.As16()
		return why(netip.AddrFrom4([4]byte(b[12:16])), allowLoopback)
	case sixTo4.Contains(addr):
		b := addr.As16()
		return why(netip.AddrFrom4([4]byte(b[2:6])), allowLoopback)
	}
	if allowLoopback && addr.IsLoopback() {
		return ""
	}
	for _, r := range blocked {
		if r.prefix.Contains(addr) {
			return r.what
		}
	}
	return ""
}

// control is the net.Dialer's Control hook: it runs after DNS resolution,
// just before each connection, with the very address being dialled, so the
// address checked is the address used (no second lookup a rebinding DNS
// server could answer differently), on the first request and on every
// redirect alike.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &Refusal{Err: ErrPrivate, Detail: fmt.Sprintf("cannot check the address %q", address)}
	}
	if w := why(ap.Addr(), c.opts.AllowLoopback); w != "" {
		return &Refusal{Err: ErrPrivate, Detail: fmt.Sprintf("%s is %s", ap.Addr().Unmap(), w)}
	}
	return nil
}

// checkHostLiteral refuses a URL whose host is a blocked IP literal before
// any request is made, so the answer names it even when dialling would
// fail for another reason first.
func (c *Client) checkHostLiteral(host string) error {
	addr, err := netip.ParseAddr(host)
	if err != nil {
		// "localhost" and its sub-domains are this machine by definition
		// (RFC 6761): say so rather than resolve them. Other names are
		// checked by the dialler once resolved.
		h := strings.ToLower(strings.TrimSuffix(host, "."))
		if (h == "localhost" || strings.HasSuffix(h, ".localhost")) && !c.opts.AllowLoopback {
			return &Refusal{Err: ErrPrivate, Detail: host + " is this machine"}
		}
		return nil
	}
	if w := why(addr, c.opts.AllowLoopback); w != "" {
		return &Refusal{Err: ErrPrivate, Detail: fmt.Sprintf("%s is %s", addr.Unmap(), w)}
	}
	return nil
}

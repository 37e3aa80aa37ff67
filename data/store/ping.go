package store

import "context"

// Pinger is a store that can say whether its database answers; the health
// check (/healthz) uses it.
type Pinger interface {
	Ping(ctx context.Context) error
}

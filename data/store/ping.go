package store

import (
	"context"
	"fmt"
)

// Pinger is a store that can say whether its database answers; the health
// check (/healthz) uses it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Ping checks that the database answers.
func (s *sqlStore) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store %s does not answer: %w", s.where, err)
	}
	return nil
}

package fleet

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// LockKey is the advisory-lock key for a named job ("feeds") of the fleet
// using the database at dsn: a 64-bit hash of the job and the DSN's
// search_path, since advisory locks belong to a database and two fleets
// may keep their tables in two schemas of one database.
func LockKey(job, dsn string) int64 {
	schema := ""
	if cfg, err := pgx.ParseConfig(dsn); err == nil {
		schema = cfg.RuntimeParams["search_path"]
	}
	h := fnv.New64a()
	h.Write([]byte("newsbot:" + job + ":" + schema))
	return int64(h.Sum64())
}

// Lead runs work while this process holds the advisory lock key in the
// database at dsn, so that one process of a fleet at a time does it. A
// process that does not hold the lock tries again every retry; the holder
// checks its connection as often, and when the connection is lost cancels
// work's context and waits for work to return before trying again (the
// lock may be someone else's by then). When the holder dies, PostgreSQL
// ends its session and releases the lock, so another process takes over
// within retry. Lead returns when ctx ends, after work has returned.
//
// A holder cut off from the database (rather than dead) may still be
// working for up to retry after another took over, as with any lease
// without fencing: work must tolerate a brief overlap. Feed polling does,
// since every item is stored in one transaction and deduplicated.
func Lead(ctx context.Context, dsn string, key int64, retry time.Duration, work func(context.Context), log *slog.Logger) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	for ctx.Err() == nil {
		if err := leadOnce(ctx, dsn, key, retry, work, log); err != nil && ctx.Err() == nil {
			log.Warn("leader election", "err", err, "retry_in", retry)
		}
		if !sleep(ctx, retry) {
			return
		}
	}
}

// leadOnce holds one connection: it tries for the lock every retry and,
// once it has it, runs work until the connection fails or ctx ends.
func leadOnce(ctx context.Context, dsn string, key int64, retry time.Duration, work func(context.Context), log *slog.Logger) error {
	conn, err := connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		// Closing the session releases the lock if it is still held.
		conn.Close(cctx)
	}()
	for {
		got, err := tryLock(ctx, conn, key)
		if err != nil {
			return err
		}
		if got {
			break
		}
		if !sleep(ctx, retry) {
			return nil
		}
	}
	log.Info("took the lead", "job_lock", key)
	wctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { work(wctx) })
	defer func() {
		cancel()
		wg.Wait()
	}()
	// Block reading the connection: a session that the server ends (an
	// administrator, a failover) is noticed at once, and one that dies
	// silently at the next ping, within retry.
	for {
		wctx, wcancel := context.WithTimeout(ctx, retry)
		_, err := conn.WaitForNotification(wctx)
		wcancel()
		switch {
		case ctx.Err() != nil:
			return nil
		case err == nil:
			// A notification on this session: nothing to do with it.
		case errors.Is(err, context.DeadlineExceeded):
			pctx, pcancel := context.WithTimeout(ctx, connectTimeout)
			err := conn.Ping(pctx)
			pcancel()
			if err != nil && ctx.Err() == nil {
				return fmt.Errorf("lost the lock's connection: %w", err)
			}
		default:
			return fmt.Errorf("lost the lock's connection: %w", err)
		}
	}
}

// tryLock asks for the session-level advisory lock without waiting.
func tryLock(ctx context.Context, conn *pgx.Conn, key int64) (bool, error) {
	qctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	var got bool
	if err := conn.QueryRow(qctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&got); err != nil {
		return false, fmt.Errorf("try advisory lock: %w", err)
	}
	return got, nil
}

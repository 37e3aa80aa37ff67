package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsbot/bot/internal/fakediscord"
	"newsbot/bot/internal/testlog"
)

// runBotEnv, when set in a test binary's environment, makes the binary run
// the bot itself instead of the tests: the fleet tests start whole bot
// processes this way, without building a separate binary.
const runBotEnv = "NEWSBOT_TEST_RUN_BOT"

// allowLoopbackEnv lets a bot process started by a test fetch pages from
// the test's servers on 127.0.0.1 (the guarded fetcher refuses loopback).
const allowLoopbackEnv = "NEWSBOT_TEST_ALLOW_LOOPBACK"

func TestMain(m *testing.M) {
	if os.Getenv(runBotEnv) == "1" {
		libraryOptions.Fetch.AllowLoopback = os.Getenv(allowLoopbackEnv) == "1"
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// botProcess is one bot process of a fleet test.
type botProcess struct {
	cmd  *exec.Cmd
	logs *testlog.Buffer
	http string        // its telemetry address
	done chan struct{} // closed when the process has exited
	err  error         // its exit, once done is closed
}

// freeAddr returns a loopback address with a port free at the moment.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startProcess starts a bot process talking to the fake Discord with env
// added to the test's environment. It is killed at the end of the test.
func startProcess(t *testing.T, fake *fakediscord.Server, env ...string) *botProcess {
	t.Helper()
	p := &botProcess{logs: &testlog.Buffer{}, http: freeAddr(t), done: make(chan struct{})}
	p.cmd = exec.Command(os.Args[0]) // no arguments: the bot parses them
	p.cmd.Env = append(os.Environ(), runBotEnv+"=1",
		"DISCORD_TOKEN=fleet-test-token", "DISCORD_API_BASE="+fake.URL,
		"NEWSBOT_HTTP_ADDR="+p.http, "LOG_LEVEL=debug",
		// A SQLite file of its own (one process holds a file); env may
		// name PostgreSQL instead.
		"NEWSBOT_DB="+filepath.Join(t.TempDir(), "newsbot.db"), "NEWSBOT_WATCH=false")
	p.cmd.Env = append(p.cmd.Env, env...)
	p.cmd.Stdin = nil
	p.cmd.Stdout = io.Discard
	p.cmd.Stderr = p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.stop()
		if t.Failed() {
			t.Logf("process %v logs:\n%s", env, p.logs.String())
		}
	})
	return p
}

// stop ends the process gracefully, or kills it after 10 s.
func (p *botProcess) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// get fetches a telemetry path of the process.
func (p *botProcess) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + p.http + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitLog waits until the process has logged want.
func waitLog(t *testing.T, p *botProcess, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(p.logs.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the process never logged %q", want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// guildOnShard is a server ID that Discord routes to shard of count.
func guildOnShard(shard, count int) string {
	return strconv.FormatUint(uint64(1000*count+shard)<<22|5, 10)
}

// TestFleetShards runs two bot processes as shards 0 and 1 of a count
// Discord recommends (auto), against a fake Discord that routes each
// server's interactions to its shard: each process answers its servers,
// and only shard 0 registers the commands.
func TestFleetShards(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two bot processes")
	}
	fake := fakediscord.New(2, 2)
	defer fake.Close()
	procs := []*botProcess{
		startProcess(t, fake, "DISCORD_SHARD_ID=0", "DISCORD_SHARD_COUNT=auto"),
		startProcess(t, fake, "DISCORD_SHARD_ID=1", "DISCORD_SHARD_COUNT=auto"),
	}
	if err := fake.WaitShards(30*time.Second, 0, 1); err != nil {
		t.Fatal(err)
	}
	for shard := range 2 {
		t.Run(fmt.Sprintf("shard %d answers its server", shard), func(t *testing.T) {
			guild := guildOnShard(shard, 2)
			if got := fake.ShardOf(guild); got != shard {
				t.Fatalf("guild %s is on shard %d", guild, got)
			}
			id, err := fake.Command(guild, "who-said", "quote", "security guarantees")
			if err != nil {
				t.Fatal(err)
			}
			ans, err := fake.Answer(id, 10*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(ans, "Keir Starmer") {
				t.Errorf("answer lacks the speaker: %s", ans)
			}
			// The answer came from this shard's process: its log has the
			// interaction (the log reaches the test through a pipe, so
			// a moment later), the other's does not.
			waitLog(t, procs[shard], "guild="+guild)
			if strings.Contains(procs[1-shard].logs.String(), "guild="+guild) {
				t.Errorf("process %d logged the interaction for guild %s too", 1-shard, guild)
			}
			code, body := procs[shard].get(t, "/healthz")
			if code != 200 || !strings.Contains(body, `"gateway":"ok"`) {
				t.Errorf("/healthz of shard %d: %d %s", shard, code, body)
			}
		})
	}
	ids := fake.Identifies()
	if len(ids) != 2 || !((ids[0] == [2]int{0, 2} && ids[1] == [2]int{1, 2}) || (ids[0] == [2]int{1, 2} && ids[1] == [2]int{0, 2})) {
		t.Errorf("identifies %v, want shards 0 and 1 of 2", ids)
	}
	if regs := fake.Registrations(); len(regs) != 1 {
		t.Errorf("%d command registrations (%v), want 1, by shard 0", len(regs), regs)
	}
	waitLog(t, procs[1], "commands are registered by shard 0")
}

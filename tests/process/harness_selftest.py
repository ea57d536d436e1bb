#!/usr/bin/env python3
"""Checks of tests/process/harness.py that need no gridnode: waits, ports, JSON-RPC, process
control and cleanup (with the gridnode given by --gridnode), and the failure report of run_main.
Exit code 0 when every check passes; each failure is printed."""
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from harness import HarnessError  # noqa: E402

if "--gridnode" not in sys.argv[1:-1]:
    sys.exit("usage: harness_selftest.py --gridnode PATH")
GRIDNODE = os.path.abspath(sys.argv[sys.argv.index("--gridnode") + 1])
FAILURES = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        FAILURES.append(what)


def raises(fn, exc=HarnessError):
    try:
        fn()
    except exc as e:
        return e
    return None


def pid_gone(pid):
    """True when pid has exited (a zombie left to an init that does not reap counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_wait_until():
    calls = []
    check(harness.wait_until(lambda: calls.append(1) or len(calls) >= 3 and "done", 5, "three",
                             interval=0.01) == "done", "wait_until returns the truthy value")

    def boom():
        raise ConnectionRefusedError("nobody home")
    e = raises(lambda: harness.wait_until(boom, 0.2, "the moon", interval=0.05))
    check(e is not None and "the moon" in str(e) and "nobody home" in str(e),
          f"a timeout names what and the last error: {e}")
    e = raises(lambda: harness.wait_until(lambda: False, 5, "x", fail_fast=lambda: (_ for _ in ())
                                          .throw(HarnessError("node died"))))
    check(e is not None and "node died" in str(e), "fail_fast stops the wait at once")
    harness.set_deadline(0)
    start = time.monotonic()
    e = raises(lambda: harness.wait_until(lambda: False, 30, "y"))
    check(e is not None and time.monotonic() - start < 2 and "global deadline" in str(e),
          "the global deadline bounds every wait")
    harness.set_deadline(60)


def test_ports():
    base = harness.free_port_range(10)
    check(all(harness.port_is_free(base + i) for i in range(10)), "the port range is free")
    check(base + 10 <= harness._ephemeral_low(), "the range is below the ephemeral ports")
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", base))
        s.listen()
        check(not harness.port_is_free(base), "a listening port is not free")


def test_nodes(workdir):
    net = harness.Testnet(GRIDNODE, workdir, validators=2, block_time_ms=100).create()
    check(len(net.nodes) == 2 and net.nodes[1].url.startswith("http://127.0.0.1:"),
          "Testnet reads the node configs")
    net.start_all()
    net.wait_height(3, timeout=20)
    a, b = net.nodes
    check(harness.health(a.url), "GET /health")
    replies = harness.rpc_batch(a.url, [("chain_status", {}), ("no_such_method", {}),
                                        ("chain_getBlock", {"height": 10**9})])
    check(replies[0][0]["height"] >= 3 and replies[1][1].code == -32601 and
          replies[2][1].reason == "not_found", "rpc_batch files results and errors by call")
    e = raises(lambda: a.rpc("chain_getBlock", {"height": 10**9}), harness.RpcError)
    check(e is not None and e.reason == "not_found", "rpc raises RpcError with data.reason")
    check(len(a.headers(1, 3)) == 3, "headers pages")

    b.pause()
    time.sleep(0.3)
    frozen = b.status
    check(raises(lambda: harness.rpc(b.url, "chain_status", timeout=0.5), Exception) is not None,
          "a paused node does not answer")
    b.resume()
    check(harness.wait_until(frozen, 5, "b answers again") is not None, "a resumed node answers")

    b.kill9()
    check(not b.alive() and b.proc.returncode == -signal.SIGKILL, "kill9 kills")
    b.should_run = True  # as if it died on its own
    e = raises(lambda: net.wait_until(lambda: False, 5, "never"))
    check(e is not None and "node1 exited unexpectedly" in str(e), f"a dead node fails fast: {e}")
    b.should_run = False
    b.start()
    b.wait_ready()
    net.wait_height(a.height(), [b], timeout=20)
    check(b.starts == 2 and "==== " in open(b.log_path, encoding="utf-8").read(),
          "a restart appends to the node's log")
    observer = net.add_observer()
    observer.start()
    net.wait_height(a.height(), [observer], timeout=20)
    check(not observer.validator, "the observer is a non-validator")
    net.stop_all()
    check(all(not n.alive() for n in net.nodes), "stop_all stops every node with exit code 0")


def test_cleanup(workdir):
    """A harness process that dies (normally, or by SIGKILL) takes its children with it."""
    script = ("import sys, time; sys.path.insert(0, %r); import harness; "
              "p = harness.spawn(['sleep', '60'], %r, 'sleep'); print(p.pid, flush=True); "
              "time.sleep(float(sys.argv[1]))") % (HERE, os.path.join(workdir, "sleep.log"))
    for how, linger in (("exit", "0"), ("SIGKILL", "60")):
        parent = subprocess.Popen([sys.executable, "-c", script, linger], stdout=subprocess.PIPE,
                                  text=True)
        child = int(parent.stdout.readline())
        if how == "SIGKILL":
            parent.kill()
        parent.wait(timeout=10)
        gone = harness.wait_until(lambda: pid_gone(child), 5, "the child to die", interval=0.05)
        check(gone, f"the child dies when the harness ends by {how}")


def test_run_main(workdir):
    kept = []

    def failing(wd):
        kept.append(wd)
        log = os.path.join(wd, "x.log")
        harness.spawn([sys.executable, "-c", "print('node said hello')"], log, "x").wait()
        raise HarnessError("scenario broke")
    out = io.StringIO()
    with redirect_stdout(out):
        code = harness.run_main(failing, workdir)
    text = out.getvalue()
    check(code == 1, "run_main returns 1 on failure")
    check("node said hello" in text and "last 40 lines of x" in text,
          "a failure prints the tail of every log")
    check(os.path.isdir(kept[0]), "a failed run keeps its work dir")
    with redirect_stdout(io.StringIO()):
        code = harness.run_main(lambda wd: kept.append(wd), workdir)
    check(code == 0 and not os.path.exists(kept[1]), "a passing run removes its work dir")


def main():
    harness.set_deadline(120)
    with tempfile.TemporaryDirectory(prefix="harness-selftest-") as workdir:
        test_wait_until()
        test_ports()
        try:
            test_nodes(workdir)
        finally:
            harness.kill_all_children()
        test_cleanup(workdir)
        test_run_main(workdir)
    print(f"harness self-test: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

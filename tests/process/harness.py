"""Multi-process test harness for gridnode (Python 3 standard library only).

What it gives a test:
- Deadline: one global time budget; every wait is bounded by it.
- wait_until(predicate, timeout, what): polls until the predicate returns a truthy value, and
  on timeout raises HarnessError naming what it waited for, the last value and the last error.
- free_port_range(count): a base port P such that P..P+count-1 are free on 127.0.0.1, chosen
  below the kernel's ephemeral range (so that outgoing connections never take a node's port
  between a kill and a restart) and checked by binding each port.
- rpc(url, method, params) / rpc_batch(url, calls): JSON-RPC 2.0 over urllib; an error reply
  raises RpcError with code, message and data.reason.
- Node: one gridnode process with its own log file (every start appends to it, with a marker
  line): start (optionally with extra environment variables, e.g. libfaketime's), stop
  (SIGTERM, returns the exit code), kill9, pause (SIGSTOP), resume (SIGCONT),
  and RPC helpers (status, height, headers, tx_get).
- Testnet: `gridnode testnet --no-start` in a temp dir, the nodes it describes, and a fifth
  non-validator node (add_observer). Its wait_until also fails fast, with the node's exit code,
  when a node that should run has died.
- Cleanup: every child is killed when the harness exits (atexit, try/finally in run_main, and
  PR_SET_PDEATHSIG so that children die even if the harness is killed with SIGKILL).
  run_main prints the tail of every log (nodes and gridload runs) when a scenario fails and
  keeps the temp dir; it removes the temp dir after a pass unless --keep is given.
"""
import atexit
import ctypes
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import traceback
import urllib.error
import urllib.request

_T0 = time.monotonic()
_CHILDREN = []  # every subprocess.Popen started here, for cleanup
_LOGS = []  # (label, path) of every log file, for the failure report


class HarnessError(AssertionError):
    """A scenario failed: the message says what was expected and what was seen."""


class RpcError(Exception):
    def __init__(self, method, error):
        self.code = error.get("code")
        self.message = error.get("message", "")
        data = error.get("data")
        self.reason = data.get("reason", "") if isinstance(data, dict) else ""
        super().__init__(f"{method}: error {self.code} {self.reason or ''} {self.message}".strip())


def log(message):
    print(f"[{time.monotonic() - _T0:7.2f}s] {message}", flush=True)


# --- time ----------------------------------------------------------------------------------------
class Deadline:
    """The global time budget of one scenario."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self):
        return self.end - time.monotonic()

    def check(self, what):
        if self.remaining() <= 0:
            raise HarnessError(f"global deadline of {self.seconds:.0f} s passed while {what}")


DEADLINE = Deadline(150)


def set_deadline(seconds):
    global DEADLINE
    DEADLINE = Deadline(seconds)


def wait_until(predicate, timeout, what, interval=0.1, fail_fast=None):
    """Calls predicate() until it returns a truthy value (returned). Exceptions from predicate
    (e.g. a node not answering yet) are remembered and retried. fail_fast(), when given, is called
    on every round and may raise to stop early (e.g. a node died)."""
    timeout = min(timeout, max(DEADLINE.remaining(), 0))
    end = time.monotonic() + timeout
    last_value, last_error = None, None
    while True:
        if fail_fast:
            fail_fast()
        try:
            last_value = predicate()
            if last_value:
                return last_value
        except Exception as e:  # noqa: BLE001 - any failure of the probe is retried
            last_error = e
        if time.monotonic() >= end:
            details = f"last value: {last_value!r}"
            if last_error is not None:
                details += f"; last error: {type(last_error).__name__}: {last_error}"
            budget = "the global deadline" if timeout < 0.01 else f"{timeout:.1f} s"
            raise HarnessError(f"timed out after {budget} waiting for {what} ({details})")
        time.sleep(interval)


# --- ports ---------------------------------------------------------------------------------------
def _ephemeral_low():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range", encoding="ascii") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def free_port_range(count, attempts=200):
    """A base port P with P..P+count-1 all free, below the ephemeral range."""
    high = min(_ephemeral_low(), 65536) - count
    low = 10000
    if high <= low:
        raise HarnessError("no room for a port range below the ephemeral range")
    for _ in range(attempts):
        base = random.randrange(low, high)
        if all(port_is_free(base + i) for i in range(count)):
            return base
    raise HarnessError(f"found no {count} free consecutive ports after {attempts} attempts")


# --- JSON-RPC ------------------------------------------------------------------------------------
def _post(url, body, timeout):
    request = urllib.request.Request(url.rstrip("/") + "/rpc", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode())


def rpc(url, method, params=None, timeout=5):
    reply = _post(url, {"jsonrpc": "2.0", "method": method, "params": params or {}, "id": 1},
                  timeout)
    if "error" in reply:
        raise RpcError(method, reply["error"])
    return reply["result"]


def rpc_batch(url, calls, timeout=15):
    """calls: [(method, params)]. Returns [(result, None) | (None, RpcError)] in call order."""
    if not calls:
        return []
    body = [{"jsonrpc": "2.0", "method": m, "params": p, "id": i} for i, (m, p) in enumerate(calls)]
    reply = _post(url, body, timeout)
    if isinstance(reply, dict):  # one error for the whole batch
        raise RpcError("batch", reply.get("error", {}))
    by_id = {r.get("id"): r for r in reply}
    out = []
    for i, (method, _) in enumerate(calls):
        r = by_id.get(i)
        if r is None:
            out.append((None, RpcError(method, {"code": None, "message": "no reply"})))
        elif "error" in r:
            out.append((None, RpcError(method, r["error"])))
        else:
            out.append((r["result"], None))
    return out


def block_events(url, height):
    return rpc(url, "chain_getBlockResults", {"height": height})["block_events"]


def wait_block_event(url, first, kind, timeout, predicate=lambda e: True, fail_fast=None):
    """(height, event): the first block event `kind` (matching predicate) at a height >= first,
    waiting for the blocks to come."""
    found = {}
    state = {"next": first}

    def scan():
        tip = rpc(url, "chain_status")["height"]
        while state["next"] <= tip:
            for e in block_events(url, state["next"]):
                if e["kind"] == kind and predicate(e):
                    found["at"] = (state["next"], e)
                    return True
            state["next"] += 1
        return False

    wait_until(scan, timeout, f"a block event {kind}", interval=0.3, fail_fast=fail_fast)
    return found["at"]


def health(url, timeout=2):
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


# --- processes -----------------------------------------------------------------------------------
def _die_with_parent():
    """preexec_fn: the child gets SIGKILL when the harness dies, however it dies. (The signal
    follows the thread that spawned the child: spawn only from the main thread.)"""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def spawn(argv, log_path, label, stdout_path=None, env=None):
    """Starts argv with stderr (and stdout, unless stdout_path is given) appended to log_path;
    tracked for cleanup. env: variables added to (or replacing) the harness's environment."""
    log_file = open(log_path, "ab")
    shown = "".join(f"{k}={v} " for k, v in sorted((env or {}).items()))
    log_file.write(f"==== {time.strftime('%H:%M:%S')} start: {shown}{' '.join(argv)}\n".encode())
    log_file.flush()
    out_file = open(stdout_path, "wb") if stdout_path else log_file
    proc = subprocess.Popen(argv, stdout=out_file, stderr=log_file, stdin=subprocess.DEVNULL,
                            preexec_fn=_die_with_parent,
                            env={**os.environ, **env} if env else None)
    log_file.close()  # the child holds its own descriptors
    out_file.close()
    _CHILDREN.append(proc)
    if (label, log_path) not in _LOGS:
        _LOGS.append((label, log_path))
    return proc


def kill_all_children():
    for proc in _CHILDREN:
        if proc.poll() is None:
            try:
                proc.send_signal(signal.SIGCONT)  # a stopped process must run to die cleanly
                proc.kill()
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass


atexit.register(kill_all_children)


def tail(path, lines=40):
    try:
        with open(path, "rb") as f:
            text = f.read().decode(errors="replace")
    except OSError as e:
        return f"(cannot read {path}: {e})"
    return "\n".join(text.splitlines()[-lines:])


def print_logs(lines=40):
    for label, path in _LOGS:
        print(f"----- last {lines} lines of {label} ({path}) -----", flush=True)
        print(tail(path, lines), flush=True)


class Node:
    """One gridnode process, described by its config.json."""

    def __init__(self, name, gridnode, config_path):
        self.name = name
        self.gridnode = gridnode
        self.config_path = config_path
        self.dir = os.path.dirname(config_path)
        self.log_path = os.path.join(self.dir, "node.log")
        with open(config_path, encoding="utf-8") as f:
            config = json.load(f)
        self.rpc_listen = config["rpc"]["listen"]
        self.p2p_listen = config["p2p"]["listen"]
        self.validator = bool(config.get("validator", True))
        self.url = "http://" + self.rpc_listen
        self.proc = None
        self.starts = 0
        self.should_run = False
        self.paused = False

    # lifecycle
    def start(self, env=None):
        """env: extra environment variables of this run only (e.g. LD_PRELOAD + FAKETIME)."""
        if self.proc is not None and self.proc.poll() is None:
            raise HarnessError(f"{self.name} is already running (pid {self.proc.pid})")
        self.proc = spawn([self.gridnode, "start", "--config", self.config_path], self.log_path,
                          self.name, env=env)
        self.starts += 1
        self.should_run = True
        self.paused = False
        extra = f", env {' '.join(f'{k}={v}' for k, v in sorted(env.items()))}" if env else ""
        log(f"{self.name}: started (pid {self.proc.pid}, rpc {self.url}{extra})")

    def wait_ready(self, timeout=30):
        wait_until(lambda: self.status(), timeout, f"{self.name} to answer chain_status",
                   fail_fast=self.check_alive)

    def stop(self, timeout=15):
        """SIGTERM, then the exit code (SIGKILL and HarnessError if it does not exit)."""
        self.should_run = False
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        if self.paused:
            self.resume()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise HarnessError(f"{self.name} did not exit within {timeout} s of SIGTERM")
        log(f"{self.name}: stopped, exit code {code}")
        return code

    def kill9(self):
        self.should_run = False
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        log(f"{self.name}: killed with SIGKILL")

    def pause(self):
        self.proc.send_signal(signal.SIGSTOP)
        self.paused = True
        log(f"{self.name}: paused (SIGSTOP)")

    def resume(self):
        self.proc.send_signal(signal.SIGCONT)
        self.paused = False
        log(f"{self.name}: resumed (SIGCONT)")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def check_alive(self):
        if self.should_run and not self.alive():
            code = self.proc.returncode if self.proc else None
            raise HarnessError(f"{self.name} exited unexpectedly with code {code} "
                               f"(log: {self.log_path})")

    # RPC
    def rpc(self, method, params=None, timeout=5):
        return rpc(self.url, method, params, timeout)

    def status(self):
        return self.rpc("chain_status")

    def height(self):
        return int(self.status()["height"])

    def headers(self, first, last):
        """Headers first..last inclusive, in pages of at most 1000."""
        out = []
        for start in range(first, last + 1, 1000):
            end = min(last, start + 999)
            out.extend(self.rpc("chain_getHeaders", {"from": start, "to": end},
                                timeout=30)["headers"])
        return out

    def tx_statuses(self, ids, chunk=200):
        """{id: tx_get result} for every id, in JSON-RPC batches."""
        out = {}
        for i in range(0, len(ids), chunk):
            part = ids[i:i + chunk]
            for tx_id, (result, error) in zip(part, rpc_batch(
                    self.url, [("tx_get", {"id": t}) for t in part], timeout=30)):
                out[tx_id] = result if error is None else {"status": f"error: {error}"}
        return out


class Testnet:
    """N validators written by `gridnode testnet --no-start`, plus optional observers."""

    def __init__(self, gridnode, workdir, validators=4, block_time_ms=500, params=None, env=None):
        self.gridnode = gridnode
        self.dir = os.path.join(workdir, "testnet")
        self.count = validators
        self.block_time_ms = block_time_ms
        self.params = params  # "name=value,..." for `gridnode testnet --params`
        self.env = env  # extra environment of `gridnode testnet` and of start_all's nodes
        self.nodes = []

    def create(self):
        base = free_port_range(2 * self.count)
        argv = [self.gridnode, "testnet", "--validators", str(self.count), "--dir", self.dir,
                "--base-port", str(base), "--block-time-ms", str(self.block_time_ms), "--no-start"]
        if self.params:
            argv += ["--params", self.params]
        log("running " + " ".join(argv))
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                                env={**os.environ, **self.env} if self.env else None)
        if result.returncode != 0:
            raise HarnessError(f"gridnode testnet failed with code {result.returncode}\n"
                               f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        print(result.stdout, flush=True)
        for i in range(self.count):
            config = os.path.join(self.dir, f"node{i}", "config.json")
            if not os.path.exists(config):
                raise HarnessError(f"gridnode testnet did not write {config}")
            self.nodes.append(Node(f"node{i}", self.gridnode, config))
        if not os.path.exists(os.path.join(self.dir, "genesis.json")):
            raise HarnessError("gridnode testnet did not write genesis.json")
        return self

    def start_all(self):
        for node in self.nodes:
            node.start(env=self.env)
        for node in self.nodes:
            node.wait_ready()

    def check_alive(self):
        for node in self.nodes:
            node.check_alive()

    def wait_until(self, predicate, timeout, what, interval=0.1):
        return wait_until(predicate, timeout, what, interval, fail_fast=self.check_alive)

    def heights(self, nodes=None):
        return {n.name: n.height() for n in (nodes or self.nodes)}

    def wait_height(self, height, nodes=None, timeout=60):
        nodes = nodes or self.nodes
        return self.wait_until(lambda: all(n.height() >= height for n in nodes), timeout,
                               f"{', '.join(n.name for n in nodes)} to reach height {height}")

    def add_observer(self, name="node4"):
        """Writes and returns (not started) a non-validator node peered with every validator."""
        return self.add_node(name, [n for n in self.nodes if n.validator], {"validator": False})

    def add_node(self, name, peers, extra):
        """Writes and returns (not started) a node with its own node key and free ports, peered
        with the running nodes `peers`; `extra` adds config members (validator_key_file...)."""
        node_dir = os.path.join(self.dir, name)
        os.makedirs(node_dir, exist_ok=True)
        base = free_port_range(2)
        config = {
            "genesis_file": "../genesis.json",
            "data_dir": "data",
            "node_key_file": "node_key.json",
            **extra,
            "p2p": {"listen": f"127.0.0.1:{base}",
                    "persistent_peers": [f"{n.status()['node_key']}@{n.p2p_listen}"
                                         for n in peers],
                    "seeds": []},
            "rpc": {"listen": f"127.0.0.1:{base + 1}"},
            "consensus": {"block_time_ms": self.block_time_ms},
            "log_level": "info",
        }
        path = os.path.join(node_dir, "config.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(config, f, indent=2)
        node = Node(name, self.gridnode, path)
        self.nodes.append(node)
        return node

    def stop_all(self):
        """Stops every running node; HarnessError unless each exits with code 0."""
        codes = {n.name: n.stop() for n in self.nodes if n.alive()}
        bad = {name: code for name, code in codes.items() if code != 0}
        if bad:
            raise HarnessError(f"nodes did not exit cleanly on SIGTERM: {bad}")


class Gridload:
    """One run of the gridload tool in the background: its stderr goes to gridload-<label>.log,
    its --json summary to gridload-<label>.json, the committed ids to gridload-<label>.ids."""

    def __init__(self, gridload, workdir, label):
        self.gridload = gridload
        self.label = label
        self.log_path = os.path.join(workdir, f"gridload-{label}.log")
        self.out_path = os.path.join(workdir, f"gridload-{label}.json")
        self.ids_path = os.path.join(workdir, f"gridload-{label}.ids")
        self.proc = None

    def start(self, urls, txs, accounts, connections=4, rate=None, timeout_s=90, seed=None,
              funder="alice"):
        argv = [self.gridload, "--rpc", ",".join(urls), "--txs", str(txs), "--accounts",
                str(accounts), "--connections", str(connections), "--timeout-s", str(timeout_s),
                "--seed", seed or self.label, "--funder", funder, "--ids-out", self.ids_path,
                "--json"]
        if rate:
            argv += ["--rate", str(rate)]
        self.proc = spawn(argv, self.log_path, f"gridload {self.label}", stdout_path=self.out_path)
        log(f"gridload {self.label}: started ({txs} txs, {accounts} accounts"
            f"{f', {rate} tx/s' if rate else ''})")
        return self

    def wait(self, timeout):
        """Waits for the exit; returns the JSON summary; HarnessError unless it exited 0."""
        timeout = min(timeout, max(DEADLINE.remaining(), 1))
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise HarnessError(f"gridload {self.label} still running after {timeout:.0f} s "
                               f"(log: {self.log_path})")
        try:
            with open(self.out_path, encoding="utf-8") as f:
                summary = json.loads(f.read() or "null")
        except (OSError, ValueError) as e:
            summary = f"(no JSON summary: {e})"
        if code != 0:
            raise HarnessError(f"gridload {self.label} exited with code {code}; summary: "
                               f"{summary}; log:\n{tail(self.log_path, 30)}")
        log(f"gridload {self.label}: {summary}")
        return summary

    def ids(self):
        with open(self.ids_path, encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip()]


# --- running a scenario --------------------------------------------------------------------------
def run_main(scenario, workdir_parent=None, keep=False):
    """Runs scenario(workdir) with cleanup and a failure report; returns the exit code."""
    workdir = tempfile.mkdtemp(prefix="gridnode-process-", dir=workdir_parent)
    log(f"work dir {workdir}")
    ok = False
    try:
        scenario(workdir)
        ok = True
    except Exception:  # noqa: BLE001 - report every failure the same way
        traceback.print_exc()
        print_logs()
    finally:
        kill_all_children()
    if ok:
        log("PASS")
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
        return 0
    log(f"FAIL (logs kept in {workdir})")
    return 1


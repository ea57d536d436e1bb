#!/usr/bin/env python3
"""Validators' clocks do not matter (BFT time): real gridnode processes under libfaketime, some
with a wrong wall clock.

  4 validators: the block rate with equal clocks over a window; then node3 restarted with its
    clock +20 s: the rate stays >= 0.8 of the equal-clock one, node3 stays within 2 heights of
    the others (sampled throughout), and after kill -9 and a restart (still +20 s) it catches up
    and stays within 2 again. chain_status.clock_offset_ms of node3 is about +20000 and a correct
    node's about 0; node3's GET /metrics has gridnode_clock_offset_seconds (about 20).
  7 validators: the equal-clock rate of that net; then node4 at +20 s, node5 at -20 s and node6
    whose clock jumps +5 min and back while it runs (FAKETIME_TIMESTAMP_FILE, re-read by
    libfaketime): the rate stays >= 0.8 of the equal-clock one, each skewed node stays within 2
    heights, node6's clock_offset_ms follows the jump and comes back; then node4 is killed with
    kill -9 and restarted at +20 s: it catches up and stays within 2.
  In both nets: block times (chain_getHeaders) never decrease (docs/consensus.md, "Block time":
  time(h + 1) = max(median / 1000, time(h)), blocks less than a second apart share a second) and
  each is within TIME_SLACK_S of the correct validators' clock when the previous block was first
  seen; the median of each commit's precommit timestamps (chain_getCommit), the input of the next
  block's time, within TIME_SLACK_S of that clock when its block was first seen. The wrong clocks
  must not move the chain's time, nor may a block rate above one per second run it ahead.

Why every node runs under libfaketime, BASE_S behind the real clock: libfaketime (0.9.10)
rewrites an absolute timerfd_settime as if it were CLOCK_REALTIME (value - offset). Boost.Asio
arms its timerfd with TFD_TIMER_ABSTIME {0 s, 1 ns} when a timer is already due; with a clock
ahead of the real one (offset > 0) that becomes a negative time, the kernel answers EINVAL, the
timerfd is never armed again and no Asio timer of that process ever fires (strace:
`timerfd_settime(6, TFD_TIMER_ABSTIME, {it_value={tv_sec=-20, tv_nsec=1}}) = -1 EINVAL`): the node
neither ticks nor block-syncs -- an artifact of the tool, not of the node. With every offset <= 0
the rewritten time lies in the past (once CLOCK_MONOTONIC > |offset|) and fires at once, as
meant. So the correct validators run at BASE_S, a fast one at BASE_S + 20 s, and so on: the nodes
only ever compare clocks with each other, and "the real clock" of the chain is time.time() +
BASE_S (right after boot the test waits, at most 90 s, for CLOCK_MONOTONIC to pass 335 s). Only
the wall clock is faked (FAKETIME_DONT_FAKE_MONOTONIC=1), as with a wrong NTP setting or a clock
step. libfaketime comes from the Debian packages faketime and libfaketime (scripts/test installs
them); the preload library is found with `dpkg -L libfaketime`, else under /usr/lib/*/faketime/.

Checks that do not stop the run (rates, lags, offsets, block times) are collected and reported
together at the end, after the table of measured rates (blocks/s).

usage: clock_test.py --gridnode PATH [--window S] [--deadline S] [--keep]
"""
import argparse
import glob
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import HarnessError, log  # noqa: E402

SKEW_S = 20  # the fast (and slow) clocks, from the correct validators' clock
JUMP_S = 300  # the jumping clock: +5 min, then back
BASE_S = -(JUMP_S + 10)  # the correct validators' clock from the real one (see above)
MIN_RATE_RATIO = 0.8  # skewed-clock rate / equal-clock rate of the same net
MAX_LAG = 2  # heights a skewed node may be from the correct nodes' tip
TIME_SLACK_S = 5  # block time, commit median vs the correct clock when a block was first seen
OFFSET_SLACK_MS = 3000  # clock_offset_ms of a skewed node vs its skew
CORRECT_OFFSET_MS = 2000  # |clock_offset_ms| of a node with a correct clock
SAMPLE_S = 0.15  # interval of the height samples
AFTER_RESTART_S = 4  # samples after a skewed node caught up again
DOWN_BLOCKS = 4  # blocks the others commit while a killed skewed node is down

RATES = []  # (validators, clocks, blocks/s, blocks, seconds) for the table
PROBLEMS = []  # failed checks that did not stop the run


def problem(message):
    log(f"PROBLEM: {message}")
    PROBLEMS.append(message)


# --- libfaketime ---------------------------------------------------------------------------------
def find_faketime_lib():
    """The path of libfaketimeMT.so.1 (or libfaketime.so.1), or HarnessError naming the packages."""
    candidates = []
    for package in ("libfaketime", "libfaketime:amd64"):
        try:
            listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True,
                                    timeout=10).stdout.split()
        except (OSError, subprocess.SubprocessError):
            listed = []
        candidates += [p for p in listed if os.path.basename(p).startswith("libfaketime")]
    for pattern in ("/usr/lib/*/faketime/libfaketime*.so.1", "/usr/lib/faketime/libfaketime*.so.1",
                    "/usr/local/lib/faketime/libfaketime*.so.1"):
        candidates += sorted(glob.glob(pattern))
    found = [p for p in candidates if os.path.isfile(p)]
    for name in ("libfaketimeMT.so.1", "libfaketime.so.1"):
        for path in found:
            if os.path.basename(path) == name:
                return path
    raise HarnessError("libfaketime's preload library (libfaketimeMT.so.1) was not found "
                       "(dpkg -L libfaketime, /usr/lib/*/faketime/): install the Debian packages "
                       "faketime and libfaketime (./scripts/test installs them)")


def faketime_env(lib, skew_s=0, timestamp_file=None):
    """The environment of a node whose wall clock is skew_s from the correct validators' (which
    is BASE_S from the real one), or whose offset is read from timestamp_file on every clock read
    (so that the test can make it jump)."""
    preload = os.environ.get("LD_PRELOAD")
    env = {"LD_PRELOAD": f"{lib}:{preload}" if preload else lib,
           "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
    if timestamp_file is None:
        env["FAKETIME"] = f"{BASE_S + skew_s:+d}"
    else:
        env["FAKETIME_TIMESTAMP_FILE"] = timestamp_file
        env["FAKETIME_NO_CACHE"] = "1"
    return env


def check_faketime_works(lib):
    """A child under the preload sees the clock BASE_S + SKEW_S from the real one; and
    CLOCK_MONOTONIC is past the largest |offset| (see the module comment)."""
    needed = -(BASE_S - SKEW_S) + 5
    short = needed - time.monotonic()
    if short > 0:
        if short > 90:
            raise HarnessError(f"CLOCK_MONOTONIC is {time.monotonic():.0f} s, below the {needed} s "
                               f"libfaketime needs here (offsets down to {BASE_S - SKEW_S} s; see "
                               f"the comment of clock_test.py): run it later after boot")
        log(f"waiting {short:.0f} s for CLOCK_MONOTONIC to pass {needed} s (libfaketime)")
        time.sleep(short)
    probe = [sys.executable, "-c", "import time; print(time.time())"]
    env = {**os.environ, **faketime_env(lib, skew_s=SKEW_S)}
    before = time.time()
    result = subprocess.run(probe, capture_output=True, text=True, timeout=20, env=env)
    after = time.time()
    try:
        seen = float(result.stdout.strip())
    except ValueError:
        raise HarnessError(f"python under {lib} printed {result.stdout!r} (stderr "
                           f"{result.stderr.strip()!r}), expected a time") from None
    expected = BASE_S + SKEW_S
    if not before + expected - 2 <= seen <= after + expected + 2:
        raise HarnessError(f"under {lib} with FAKETIME={env['FAKETIME']} a child saw "
                           f"{seen - before:+.1f} s from the real clock, expected about "
                           f"{expected:+d} s")
    log(f"libfaketime works: {lib} (FAKETIME={env['FAKETIME']}: a child saw "
        f"{seen - before:+.1f} s)")


def remove_stale_faketime_shm(pids):
    """libfaketime makes /dev/shm/faketime_shm_<pid> and sem.faketime_sem_<pid> per process and
    removes them at a clean exit; those of killed processes would stay (and break a later
    process that gets the same pid). Only these pids, after they exited."""
    for pid in pids:
        for path in (f"/dev/shm/faketime_shm_{pid}", f"/dev/shm/sem.faketime_sem_{pid}"):
            try:
                os.unlink(path)
            except OSError:
                pass


# --- observations --------------------------------------------------------------------------------
def metrics_offset_s(node):
    """The value of gridnode_clock_offset_seconds on GET /metrics, or None when absent."""
    with urllib.request.urlopen(node.url + "/metrics", timeout=5) as response:
        text = response.read().decode()
    for line in text.splitlines():
        if line.startswith("gridnode_clock_offset_seconds"):
            return float(line.split()[-1])
    return None


class Watch:
    """Samples chain_status of every running node of a net every SAMPLE_S: the real time each
    height first appeared on the reference node, the lag of the skewed nodes, the clock offsets
    they report."""

    def __init__(self, net, reference, correct):
        self.net = net
        self.reference = reference
        self.correct = correct  # nodes with correct clocks: the tip a skewed node is compared with
        self.skewed = []  # nodes that must stay within MAX_LAG heights of the correct ones
        self.first_seen = {}  # height -> time.time() when the reference first reported it
        self.offsets = {}  # node name -> [(time.time(), clock_offset_ms)]
        self.samples = 0
        self.worst_lag = {}
        self.lagging = set()  # nodes already reported as too far
        self.last_seen = (0, -1e9)  # (reference height, time.monotonic()) of the last look

    def see(self, height):
        """Notes the reference's height: heights new since the previous look get the real time
        now, only when that look was recent (after a gap their first time is unknown)."""
        last_height, last_at = self.last_seen
        now = time.monotonic()
        if now - last_at <= 1.0:
            for h in range(last_height + 1, height + 1):
                self.first_seen.setdefault(h, time.time())
        self.last_seen = (max(height, last_height), now)

    def sample(self):
        self.net.check_alive()
        statuses = {n.name: n.status() for n in self.net.nodes if n.should_run}
        now = time.time()
        self.samples += 1
        self.see(int(statuses[self.reference.name]["height"]))
        for name, status in statuses.items():
            self.offsets.setdefault(name, []).append((now, status.get("clock_offset_ms")))
        tip = max(int(statuses[n.name]["height"]) for n in self.correct)
        for node in self.skewed:
            if node.name not in statuses:
                continue
            lag = tip - int(statuses[node.name]["height"])
            if abs(lag) > abs(self.worst_lag.get(node.name, 0)):
                self.worst_lag[node.name] = lag
            if abs(lag) > MAX_LAG and node.name not in self.lagging:
                self.lagging.add(node.name)
                problem(f"{node.name} (wrong clock) was at height {statuses[node.name]['height']} "
                        f"while the correct nodes' tip was {tip}: expected within {MAX_LAG} "
                        f"heights; all heights: "
                        f"{ {k: int(v['height']) for k, v in statuses.items()} }")

    def run_for(self, seconds, events=()):
        """Samples for `seconds`; events: [(at_s, what, action)] run once at that time."""
        start = time.monotonic()
        pending = sorted(events, key=lambda e: e[0])
        while True:
            elapsed = time.monotonic() - start
            while pending and pending[0][0] <= elapsed:
                _, what, action = pending.pop(0)
                log(what)
                action()
            if elapsed >= seconds:
                return
            harness.DEADLINE.check("sampling heights")
            self.sample()
            time.sleep(SAMPLE_S)

    def next_height(self, timeout=15):
        """(height, time.monotonic()) when the reference first reports a height above the current
        one (polled every 50 ms, so the rate's bounds are precise)."""
        current = self.reference.height()
        self.see(current)
        found = {}

        def moved():
            h = self.reference.height()
            self.see(h)
            if h > current:
                found["at"] = (h, time.monotonic())
                return True
            return False

        self.net.wait_until(moved, timeout, f"{self.reference.name} to commit a block above "
                                            f"{current}", interval=0.05)
        return found["at"]

    def lags(self):
        return ", ".join(f"{n.name} {self.worst_lag.get(n.name, 0):+d}" for n in self.skewed)

    def measure_rate(self, label, validators, seconds, events=()):
        """Blocks/s of the reference between a block boundary and the first one after `seconds`,
        sampling every node meanwhile (lags, offsets, events)."""
        h0, t0 = self.next_height()
        self.run_for(seconds, events)
        h1, t1 = self.next_height()
        rate = (h1 - h0) / (t1 - t0)
        RATES.append((validators, label, rate, h1 - h0, t1 - t0))
        lags = self.lags() or "none"
        log(f"{validators} validators, {label}: {h1 - h0} blocks in {t1 - t0:.1f} s = "
            f"{rate:.2f} blocks/s (heights {h0}..{h1}, worst lag of the skewed nodes: {lags})")
        return rate


def check_rate(validators, skewed_rate, equal_rate, what):
    if skewed_rate < MIN_RATE_RATIO * equal_rate:
        problem(f"{validators} validators with {what}: {skewed_rate:.2f} blocks/s, expected at "
                f"least {MIN_RATE_RATIO} x the equal-clock rate {equal_rate:.2f} = "
                f"{MIN_RATE_RATIO * equal_rate:.2f}")


def wait_offset(net, node, expected_ms, slack_ms, timeout=8):
    """clock_offset_ms of node within expected +- slack (it is null until votes arrived)."""
    def ok():
        value = node.status().get("clock_offset_ms")
        return value is not None and abs(value - expected_ms) <= slack_ms and str(value)

    try:
        value = net.wait_until(ok, timeout, f"{node.name}'s clock_offset_ms", interval=0.25)
        log(f"{node.name}: clock_offset_ms {value} (expected {expected_ms} +- {slack_ms})")
    except HarnessError:
        problem(f"{node.name}: chain_status.clock_offset_ms is "
                f"{node.status().get('clock_offset_ms')!r} after {timeout} s, expected "
                f"{expected_ms} +- {slack_ms}")


def check_metrics_offset(node, expected_s, slack_s):
    value = metrics_offset_s(node)
    if value is None or abs(value - expected_s) > slack_s:
        problem(f"{node.name}: GET /metrics gridnode_clock_offset_seconds is "
                f"{'absent' if value is None else value}, expected {expected_s} +- {slack_s}")
    else:
        log(f"{node.name}: /metrics gridnode_clock_offset_seconds {value}")


def restart_skewed(net, watch, node, env, how, preloaded):
    """Stops (SIGTERM) or kills (SIGKILL) node, starts it with env, waits until it caught up with
    the correct nodes' tip of the moment of the restart. After a kill the others first commit
    DOWN_BLOCKS blocks, so that the restarted node has to catch up."""
    if how == "kill9":
        node.kill9()
        down_at = max(n.height() for n in watch.correct)
        net.wait_height(down_at + DOWN_BLOCKS, watch.correct, timeout=30)
        log(f"{node.name} down: the others went from {down_at} to "
            f"{max(n.height() for n in watch.correct)}")
    else:
        code = node.stop()
        if code != 0:
            problem(f"{node.name} exited with code {code} on SIGTERM, expected 0")
    node.start(env=env)
    preloaded.append(node.proc.pid)
    node.wait_ready()
    tip = max(n.height() for n in watch.correct)
    started = time.monotonic()
    net.wait_until(lambda: node.height() >= tip, 30,
                   f"{node.name} (wrong clock) to catch up to height {tip} after its restart")
    log(f"{node.name}: caught up to {tip} in {time.monotonic() - started:.1f} s "
        f"(now {node.height()}, correct nodes {[n.height() for n in watch.correct]})")


def median_ms(commit):
    """The lower median of the precommit timestamps of a chain_getCommit result (equal voting
    power here)."""
    stamps = sorted(int(s["timestamp_ms"]) for s in commit["commit"]["signatures"])
    return stamps[(len(stamps) - 1) // 2]


def check_block_times(node, watch, label):
    """Block times never decrease. The time of block h is the median of the commit of h - 1, made
    just before h - 1 appeared: for every h whose predecessor the watch saw appear, time(h) is
    within TIME_SLACK_S of the correct validators' clock (time.time() + BASE_S) at that moment
    (a slow round delays block h, not the time it carries). The median of the commit of every
    block the watch saw appear is within TIME_SLACK_S of that clock when it appeared."""
    tip = node.height()
    headers = node.headers(1, tip)
    for prev, cur in zip(headers, headers[1:]):
        if int(cur["time"]) < int(prev["time"]):
            problem(f"{label}: block {cur['height']} has time {cur['time']}, before block "
                    f"{prev['height']}'s {prev['time']}: expected times that never decrease")
            break
    clock = {h: t + BASE_S for h, t in watch.first_seen.items() if 1 <= h <= tip}
    seen = sorted(clock)
    results = harness.rpc_batch(node.url, [("chain_getCommit", {"height": h}) for h in seen])
    by_height = {int(h["height"]): h for h in headers}
    worst_time, worst_median, timed = (0.0, None), (0.0, None), 0
    for height, (commit, error) in zip(seen, results):
        if error is not None:
            problem(f"{label}: chain_getCommit {height} failed: {error}")
            continue
        mdiff = median_ms(commit) / 1000 - clock[height]
        if abs(mdiff) > abs(worst_median[0]):
            worst_median = (mdiff, height)
        if height + 1 in by_height:
            timed += 1
            diff = int(by_height[height + 1]["time"]) - clock[height]
            if abs(diff) > abs(worst_time[0]):
                worst_time = (diff, height + 1)
    ahead = int(headers[-1]["time"]) - (time.time() + BASE_S)
    log(f"{label}: block times never decrease; {timed} block times - the correct clock when the "
        f"previous block appeared: worst {worst_time[0]:+.1f} s (height {worst_time[1]}); "
        f"{len(seen)} commit medians - the clock when their block appeared: worst "
        f"{worst_median[0]:+.1f} s (height {worst_median[1]}); tip {tip} time {ahead:+.1f} s "
        f"from now")
    if abs(worst_median[0]) > TIME_SLACK_S:
        problem(f"{label}: the median precommit timestamp of the commit of height "
                f"{worst_median[1]} is {worst_median[0]:+.1f} s from the correct validators' "
                f"clock when the block appeared: expected within {TIME_SLACK_S} s (wrong clocks "
                f"moved the votes' median?)")
    if abs(worst_time[0]) > TIME_SLACK_S:
        first, last = seen[0], seen[-1]
        plus_one = sum(1 for h in range(max(first, 2), last + 1)
                       if int(by_height[h]["time"]) == int(by_height[h - 1]["time"]) + 1)
        real_s = max(clock[last] - clock[first], 0.001)
        problem(f"{label}: block {worst_time[1]} has time {by_height[worst_time[1]]['time']}, "
                f"{worst_time[0]:+.1f} s from the correct validators' clock when block "
                f"{worst_time[1] - 1} appeared (the tip {tip} is {ahead:+.1f} s from now): "
                f"expected within {TIME_SLACK_S} s. Blocks {first}..{last} came in {real_s:.1f} s "
                f"({(last - first) / real_s:.2f} blocks/s); {plus_one} of "
                f"{last - max(first, 2) + 1} have time = previous + 1 s; the commits' median "
                f"timestamps stayed within {abs(worst_median[0]):.1f} s of the clock")


# --- the two nets --------------------------------------------------------------------------------
def start_net(args, workdir, validators, env):
    net = harness.Testnet(args.gridnode, os.path.join(workdir, f"v{validators}"),
                          validators=validators, block_time_ms=args.block_time_ms, env=env)
    net.create()
    net.start_all()
    net.wait_height(2, timeout=60)
    log(f"{validators} validators committing: {net.heights()}")
    return net


def four_validators(args, workdir, lib, preloaded):
    net = start_net(args, workdir, 4, faketime_env(lib))
    preloaded += [n.proc.pid for n in net.nodes]
    fast = net.nodes[3]
    correct = net.nodes[:3]
    watch = Watch(net, net.nodes[0], correct)
    equal = watch.measure_rate("equal clocks", 4, args.window)

    env = faketime_env(lib, skew_s=SKEW_S)
    restart_skewed(net, watch, fast, env, "stop", preloaded)
    watch.skewed = [fast]
    label = f"{fast.name} at +{SKEW_S} s"
    skewed = watch.measure_rate(label, 4, args.window)
    check_rate(4, skewed, equal, label)

    wait_offset(net, fast, SKEW_S * 1000, OFFSET_SLACK_MS)
    check_metrics_offset(fast, SKEW_S, OFFSET_SLACK_MS / 1000)
    for node in correct:
        wait_offset(net, node, 0, CORRECT_OFFSET_MS)

    restart_skewed(net, watch, fast, env, "kill9", preloaded)
    watch.run_for(AFTER_RESTART_S)
    log(f"after kill -9 and restart of {fast.name}: worst lag {watch.lags()}")
    wait_offset(net, fast, SKEW_S * 1000, OFFSET_SLACK_MS)
    check_block_times(net.nodes[0], watch, "4 validators")
    net.stop_all()


def seven_validators(args, workdir, lib, preloaded):
    net = start_net(args, workdir, 7, faketime_env(lib))
    preloaded += [n.proc.pid for n in net.nodes]
    fast, slow, jumper = net.nodes[4], net.nodes[5], net.nodes[6]
    correct = net.nodes[:4]
    watch = Watch(net, net.nodes[0], correct)
    equal = watch.measure_rate("equal clocks", 7, args.window)

    jump_file = os.path.join(workdir, "jumper.faketime")

    def set_jump(skew_s):
        with open(jump_file + ".new", "w", encoding="ascii") as f:
            f.write(f"{BASE_S + skew_s:+d}\n")
        os.replace(jump_file + ".new", jump_file)  # libfaketime never reads a half-written file

    set_jump(0)
    fast_env = faketime_env(lib, skew_s=SKEW_S)
    for node, env in ((fast, fast_env), (slow, faketime_env(lib, skew_s=-SKEW_S)),
                      (jumper, faketime_env(lib, timestamp_file=jump_file))):
        restart_skewed(net, watch, node, env, "stop", preloaded)  # one at a time: 6 of 7 vote
    watch.skewed = [fast, slow, jumper]
    seconds = max(args.window, 11.0)
    jump_at, back_at = 2.0, seconds - 3.0
    events = [(jump_at, f"{jumper.name}: clock jumps +{JUMP_S} s", lambda: set_jump(JUMP_S)),
              (back_at, f"{jumper.name}: clock jumps back", lambda: set_jump(0))]
    label = f"+{SKEW_S} s, -{SKEW_S} s, +{JUMP_S // 60} min jump and back"
    skewed = watch.measure_rate(label, 7, seconds, events)
    check_rate(7, skewed, equal, label)

    # The jumper measured its jump (its offset follows within a few heights) and its return.
    during = [v for _, v in watch.offsets.get(jumper.name, []) if v is not None]
    if not any(v >= (JUMP_S - SKEW_S) * 1000 for v in during):
        problem(f"{jumper.name}: chain_status.clock_offset_ms never came near +{JUMP_S * 1000} "
                f"while its clock was {JUMP_S} s ahead; largest seen {max(during, default=None)}")
    else:
        log(f"{jumper.name}: clock_offset_ms reached {max(during)} during the jump")
    wait_offset(net, jumper, 0, CORRECT_OFFSET_MS)
    wait_offset(net, fast, SKEW_S * 1000, OFFSET_SLACK_MS)
    wait_offset(net, slow, -SKEW_S * 1000, OFFSET_SLACK_MS)
    check_metrics_offset(slow, -SKEW_S, OFFSET_SLACK_MS / 1000)
    for node in correct:
        wait_offset(net, node, 0, CORRECT_OFFSET_MS)

    restart_skewed(net, watch, fast, fast_env, "kill9", preloaded)
    watch.run_for(AFTER_RESTART_S)
    log(f"after kill -9 and restart of {fast.name}: worst lags {watch.lags()}")
    check_block_times(net.nodes[0], watch, "7 validators")
    net.stop_all()


def print_rates():
    if not RATES:
        return
    equal = {v: r for v, label, r, _, _ in RATES if label == "equal clocks"}
    lines = ["", "block rates (blocks/s between block boundaries, on node0):",
             f"  {'validators':>10}  {'clocks':<40}  {'blocks/s':>8}  {'blocks':>6}  "
             f"{'seconds':>7}  {'vs equal':>8}"]
    for validators, label, rate, blocks, seconds in RATES:
        ratio = f"{rate / equal[validators]:.2f}" if equal.get(validators) else "-"
        lines.append(f"  {validators:>10}  {label:<40}  {rate:>8.2f}  {blocks:>6}  "
                     f"{seconds:>7.1f}  {ratio:>8}")
    print("\n".join(lines) + "\n", flush=True)


def scenario(args, workdir, preloaded):
    started = time.monotonic()
    lib = find_faketime_lib()
    check_faketime_works(lib)
    try:
        four_validators(args, workdir, lib, preloaded)
        seven_validators(args, workdir, lib, preloaded)
    finally:
        print_rates()
        log(f"clock scenarios took {time.monotonic() - started:.0f} s")
    if PROBLEMS:
        raise HarnessError(f"{len(PROBLEMS)} check(s) failed:\n- " + "\n- ".join(PROBLEMS))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gridnode", required=True, help="path of the gridnode executable")
    parser.add_argument("--window", type=float, default=12,
                        help="seconds of each block-rate window")
    parser.add_argument("--block-time-ms", type=int, default=500)
    parser.add_argument("--deadline", type=float, default=150, help="global limit, seconds")
    parser.add_argument("--workdir", default=None, help="parent of the temp dir (default TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir after a pass")
    args = parser.parse_args(argv)
    if not os.access(args.gridnode, os.X_OK):
        parser.error(f"{args.gridnode} is not an executable file")
    harness.set_deadline(args.deadline)
    preloaded = []  # pids of the processes started under libfaketime
    try:
        return harness.run_main(lambda workdir: scenario(args, workdir, preloaded), args.workdir,
                                args.keep)
    finally:
        harness.kill_all_children()
        remove_stale_faketime_shm(preloaded)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

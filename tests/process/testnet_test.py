#!/usr/bin/env python3
"""The multi-process scenarios of QUALITY.md against real gridnode processes on loopback, one
scenario per run so that ctest lists each:

  basic  4 validators commit blocks; gridload submits transfers to all four nodes.
  kill9  under load, kill -9 one validator; the other three keep committing; restarted, it
         catches up to the tip.
  pause  under load, SIGSTOP one validator for 10 s; the chain never stops; after SIGCONT the
         paused one catches up.
  join   after blocks were produced, a fifth, non-validator node with the four as persistent
         peers joins and block-syncs to the tip.

Every scenario ends with the same checks: every node reports identical headers (hash and
state_root) at every height from 1 to the common tip, every transaction gridload saw committed
is "committed" on every node (at the same height), and every node exits 0 on SIGTERM.
Transactions are signed by gridload (so this file needs no cryptography).

usage: testnet_test.py SCENARIO --gridnode PATH --gridload PATH [--deadline S] [--keep]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import HarnessError, log  # noqa: E402

LOAD_TIMEOUT_S = 100  # gridload's own --timeout-s (the global deadline still bounds everything)
DOWN_BLOCKS = 10  # kill9: blocks the other validators commit while the victim is down
JOIN_AFTER_BLOCKS = 20  # join: blocks produced after the load, before the fifth node starts


# --- the checks every scenario ends with ---------------------------------------------------------
def check_headers(nodes, tip):
    """Identical (hash, state_root) on every node at every height 1..tip, chained by previous."""
    reference = None
    for node in nodes:
        headers = node.headers(1, tip)
        heights = [int(h["height"]) for h in headers]
        if heights != list(range(1, tip + 1)):
            raise HarnessError(f"{node.name}: chain_getHeaders 1..{tip} returned heights "
                               f"{heights[:5]}...{heights[-5:]} ({len(heights)} headers)")
        for prev, cur in zip(headers, headers[1:]):
            if cur.get("previous") != prev["hash"]:
                raise HarnessError(f"{node.name}: header {cur['height']} previous "
                                   f"{cur.get('previous')} is not the hash {prev['hash']} of "
                                   f"header {prev['height']}")
        pairs = [(h["hash"], h["state_root"]) for h in headers]
        if reference is None:
            reference = (node.name, pairs)
            continue
        for height, (mine, theirs) in enumerate(zip(pairs, reference[1]), start=1):
            if mine != theirs:
                raise HarnessError(f"height {height}: {node.name} has hash/state_root {mine}, "
                                   f"{reference[0]} has {theirs}")
    log(f"headers 1..{tip} identical on {', '.join(n.name for n in nodes)}")


def check_txs(nodes, ids):
    """Every id is committed on every node, at the same height everywhere."""
    where = {}
    for node in nodes:
        statuses = node.tx_statuses(ids)
        missing = [i for i in ids if statuses[i].get("status") != "committed"]
        if missing:
            raise HarnessError(f"{node.name}: {len(missing)} of {len(ids)} transactions not "
                               f"committed, e.g. {missing[0]}: {statuses[missing[0]]}")
        for tx_id in ids:
            height = statuses[tx_id].get("height")
            first = where.setdefault(tx_id, (node.name, height))
            if first[1] != height:
                raise HarnessError(f"transaction {tx_id} is at height {height} on {node.name} "
                                   f"but at {first[1]} on {first[0]}")
    log(f"{len(ids)} transactions committed on {', '.join(n.name for n in nodes)}")


def final_checks(net, ids):
    nodes = [n for n in net.nodes if n.should_run]
    target = max(net.heights(nodes).values())
    net.wait_height(target, nodes, timeout=60)
    check_headers(nodes, target)
    check_txs(nodes, ids)
    net.stop_all()


# --- scenarios -----------------------------------------------------------------------------------
def others_of(net, victim):
    return [n for n in net.nodes if n is not victim]


def start_network(args, workdir):
    net = harness.Testnet(args.gridnode, workdir, validators=4,
                          block_time_ms=args.block_time_ms).create()
    net.start_all()
    net.wait_height(2, timeout=60)
    log(f"all validators committing: {net.heights()}")
    return net


def load_ids(load, expected_at_least):
    ids = load.ids()
    if len(ids) < expected_at_least:
        raise HarnessError(f"gridload wrote {len(ids)} committed ids, expected at least "
                           f"{expected_at_least}")
    return ids


def scenario_basic(args, workdir):
    net = start_network(args, workdir)
    load = harness.Gridload(args.gridload, workdir, "basic")
    load.start([n.url for n in net.nodes], txs=200, accounts=4, timeout_s=LOAD_TIMEOUT_S)
    load.wait(LOAD_TIMEOUT_S + 20)
    final_checks(net, load_ids(load, 200))


def wait_for_load_to_run(net, nodes):
    """A few blocks after the load started, so that the fault happens under load."""
    start = max(net.heights(nodes).values())
    net.wait_height(start + 3, nodes, timeout=30)


def scenario_kill9(args, workdir):
    net = start_network(args, workdir)
    victim = net.nodes[3]
    others = others_of(net, victim)
    load = harness.Gridload(args.gridload, workdir, "kill9")
    load.start([n.url for n in net.nodes], txs=1500, accounts=8, rate=100,
               timeout_s=LOAD_TIMEOUT_S)
    wait_for_load_to_run(net, net.nodes)

    victim.kill9()
    down_at = max(net.heights(others).values())
    net.wait_height(down_at + DOWN_BLOCKS, others, timeout=60)
    if victim.alive():
        raise HarnessError(f"{victim.name} is still alive after SIGKILL")
    log(f"while {victim.name} was down the others went from {down_at} to {net.heights(others)}")

    victim.start()
    victim.wait_ready()
    tip = max(net.heights(others).values())
    net.wait_height(tip, [victim], timeout=60)
    log(f"{victim.name} caught up to {tip} after the restart")
    load.wait(LOAD_TIMEOUT_S + 20)
    final_checks(net, load_ids(load, 1500))


def scenario_pause(args, workdir):
    net = start_network(args, workdir)
    victim = net.nodes[2]
    others = others_of(net, victim)
    load = harness.Gridload(args.gridload, workdir, "pause")
    load.start([n.url for n in net.nodes], txs=1500, accounts=8, rate=100,
               timeout_s=LOAD_TIMEOUT_S)
    wait_for_load_to_run(net, net.nodes)

    victim.pause()
    samples = [max(net.heights(others).values())]
    for _ in range(2):  # the pause itself: two halves of 5 s, the chain must grow in each
        time.sleep(5)
        net.check_alive()
        samples.append(max(net.heights(others).values()))
    log(f"heights of the others during the pause: {samples}")
    if not samples[0] < samples[1] < samples[2]:
        raise HarnessError(f"the chain stalled while {victim.name} was paused: heights at 0, 5 "
                           f"and 10 s were {samples}")
    victim.resume()

    tip = max(net.heights(others).values())
    net.wait_height(tip, [victim], timeout=60)
    log(f"{victim.name} caught up to {tip} after SIGCONT")
    load.wait(LOAD_TIMEOUT_S + 20)
    final_checks(net, load_ids(load, 1500))


def scenario_join(args, workdir):
    net = start_network(args, workdir)
    load = harness.Gridload(args.gridload, workdir, "join")
    load.start([n.url for n in net.nodes], txs=300, accounts=4, timeout_s=LOAD_TIMEOUT_S)
    load.wait(LOAD_TIMEOUT_S + 20)
    net.wait_height(max(net.heights().values()) + JOIN_AFTER_BLOCKS, timeout=60)

    observer = net.add_observer()
    observer.start()
    observer.wait_ready()
    tip = max(net.heights(net.nodes[:4]).values())
    log(f"{observer.name} joins at validator height {tip}")
    net.wait_height(tip, [observer], timeout=90)
    status = observer.status()
    if int(status.get("peers", 0)) < 1:
        raise HarnessError(f"{observer.name} reached the tip but reports no peers: {status}")
    log(f"{observer.name} reached {tip}: {status}")
    final_checks(net, load_ids(load, 300))


SCENARIOS = {
    "basic": scenario_basic,
    "kill9": scenario_kill9,
    "pause": scenario_pause,
    "join": scenario_join,
}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--gridnode", required=True, help="path of the gridnode executable")
    parser.add_argument("--gridload", required=True, help="path of the gridload executable")
    parser.add_argument("--deadline", type=float, default=150, help="global limit, seconds")
    parser.add_argument("--block-time-ms", type=int, default=500)
    parser.add_argument("--workdir", default=None, help="parent of the temp dir (default TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir after a pass")
    args = parser.parse_args(argv)
    for tool in (args.gridnode, args.gridload):
        if not os.access(tool, os.X_OK):
            parser.error(f"{tool} is not an executable file")
    harness.set_deadline(args.deadline)
    log(f"scenario {args.scenario}, deadline {args.deadline:.0f} s")
    return harness.run_main(lambda workdir: SCENARIOS[args.scenario](args, workdir),
                            args.workdir, args.keep)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

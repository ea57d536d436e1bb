#!/usr/bin/env python3
"""The validator set on real processes (issue 9): four validators of `gridnode testnet` with a
short epoch, then

  1. a new validator: an observer node's operator (its ed25519 node key, imported into gridcli)
     is funded by alice, registers with `gridcli validator register` and self-bonds with
     `gridcli stake bond`; at the next epoch block H the state machine elects it, and consensus
     uses the new set from H+2: chain_getValidators(H+1) lacks its key, (H+2) has it, and a
     later commit carries its signature;
  2. a twin validator: a second process signs with node3's validator key (its own node key, the
     same validator_key_file). The two signers double-sign; the duplicate votes become evidence
     that a proposer commits; the staking module slashes node3's bond by slash_percent (burned),
     jails it and removes it from the set at once. The evidence slashes exactly once, the total
     supply falls by exactly the slashed amount, and the chain never stops.

usage: validators_test.py --gridnode PATH --gridcli PATH [--deadline S] [--keep]
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                                "lib"))
import harness  # noqa: E402
from demo import Cli  # noqa: E402
from harness import HarnessError, log  # noqa: E402

EPOCH_S = 8
MIN_BOND_TFT = 10_000  # min_validator_bond of the dev parameters
SLASH_PERCENT = 5
PARAMS = f"epoch_length={EPOCH_S},jail_period=3600,unbonding_period=60"


def key_file(node_dir):
    with open(os.path.join(node_dir, "node_key.json"), encoding="utf-8") as f:
        return json.load(f)


def validator_keys(url, height):
    return {v["key"] for v in harness.rpc(url, "chain_getValidators", {"height": height})[
        "validators"]}


def supply(url):
    return int(harness.rpc(url, "stats_get")["tft"]["total_supply"])


def new_validator_enters_at_h_plus_2(net, cli, workdir):
    observer = net.add_observer("node4")
    observer.start()
    observer.wait_ready()
    url = net.nodes[0].url
    net.wait_height(harness.rpc(url, "chain_status")["height"], [observer], timeout=60)
    key = key_file(observer.dir)
    secret = os.path.join(workdir, "node4.secret")
    with open(secret, "w", encoding="utf-8") as f:
        f.write(key["seed"])
    operator = cli.json("keys", "import", "v4", "--scheme", "ed25519", "--secret-file",
                        secret)["address"]
    cli.run("--from", "alice", "transfer", operator, str(MIN_BOND_TFT + 100))
    validator_key = observer.status()["validator_key"]
    if validator_key != key["public_key"]:
        raise HarnessError(f"chain_status validator_key {validator_key} is not the node key")
    cli.run("--from", "v4", "validator", "register", "--consensus-key", validator_key,
            "--commission", "5", "--description", "node4")
    out = cli.run("--from", "v4", "stake", "bond", operator, str(MIN_BOND_TFT)).stdout
    log(f"node4 bonded: {out.strip()}")
    shown = cli.json("validator", "show", operator)
    if int(shown["self_bond"]) != MIN_BOND_TFT * 10_000_000 or shown["active"]:
        raise HarnessError(f"node4 before the epoch: {shown}")
    bonded_at = harness.rpc(url, "chain_status")["height"]

    height, event = harness.wait_block_event(
        url, bonded_at, "validator_set_changed", 4 * EPOCH_S,
        lambda e: e["attributes"].get("validators") == "5", net.check_alive)
    log(f"epoch block {height} elected node4: {event}")
    if validator_key in validator_keys(url, height + 1):
        raise HarnessError(f"node4 already decides height {height + 1}: the set moved early")
    # A commit holds the first quorum of precommits (4 of these 5): node4's may be left out of a
    # few, never of all.
    last = height + 11
    net.wait_height(last, timeout=40)
    if validator_key not in validator_keys(url, height + 2):
        raise HarnessError(f"node4 does not decide height {height + 2}")
    signers = set()
    for h in range(height + 2, last + 1):
        signers |= {s["validator"] for s in harness.rpc(url, "chain_getCommit",
                                                         {"height": h})["commit"]["signatures"]}
    if validator_key not in signers:
        raise HarnessError(f"no commit of heights {height + 2}..{last} carries node4's vote")
    shown = cli.json("validator", "show", operator)
    if not shown["active"] or int(shown["voting_power"]) == 0:
        raise HarnessError(f"node4 after the epoch: {shown}")
    log(f"node4 entered the set at H+2 = {height + 2} and signs commits")
    return observer


def add_twin(net, name, of):
    """A node that signs with node `of`'s validator key but has its own node key and ports."""
    node_dir = os.path.join(net.dir, name)
    key = os.path.relpath(os.path.join(of.dir, "node_key.json"), node_dir)
    twin = net.add_node(name, [n for n in net.nodes if n is not of], {"validator_key_file": key})
    net.nodes.remove(twin)  # not one of the nodes whose liveness and exit the test checks
    return twin


def twin_is_slashed_once(net, cli):
    url = net.nodes[0].url
    victim = net.nodes[3]
    victim_key = key_file(victim.dir)["public_key"]
    victim_op = next(v["operator"] for v in harness.rpc(url, "chain_getValidators")["validators"]
                     if v["key"] == victim_key)
    before = cli.json("validator", "show", victim_op)
    supply_before = supply(url)
    twin = add_twin(net, "twin3", victim)
    twin.start()
    start = harness.rpc(url, "chain_status")["height"]
    log(f"twin3 signs with node3's key from height ~{start}")

    height, event = harness.wait_block_event(url, start, "validator_slashed", 90,
                                             fail_fast=net.check_alive)
    log(f"height {height}: {event}")
    if event.get("account") != victim_op:
        raise HarnessError(f"the slashed validator is not node3's operator: {event}")
    slashed = int(event["attributes"]["amount"])
    expected = int(before["total_bond"]) * SLASH_PERCENT // 100
    if slashed != expected:
        raise HarnessError(f"slashed {slashed}, expected {SLASH_PERCENT} % of "
                           f"{before['total_bond']} = {expected}")
    after = cli.json("validator", "show", victim_op)
    if not after["jailed"] or after["active"]:
        raise HarnessError(f"node3 after the slash: {after}")
    if int(after["total_bond"]) != int(before["total_bond"]) - slashed:
        raise HarnessError(f"node3's bond {after['total_bond']} is not {before['total_bond']} - "
                           f"{slashed}")
    net.wait_height(height + 2, [net.nodes[0]], timeout=30)
    if victim_key in validator_keys(url, height + 2):
        raise HarnessError(f"node3 still decides height {height + 2}")

    # The chain goes on without node3 (and its twin), and nothing slashes node3 again.
    honest = [n for n in net.nodes if n is not victim]
    tip = harness.rpc(url, "chain_status")["height"]
    net.wait_height(tip + 8, honest, timeout=60)
    again = [h for h in range(height + 1, tip + 9)
             if any(e["kind"] == "validator_slashed" for e in harness.block_events(url, h))]
    if again:
        raise HarnessError(f"node3 was slashed again at heights {again}")
    burned = supply_before - supply(url)
    if burned != slashed:
        raise HarnessError(f"total supply fell by {burned}, the slash burned {slashed}")
    twin.stop()
    log(f"node3 slashed once ({slashed} units burned), jailed, out of the set; "
        f"the chain went on to {tip + 8}")


def scenario(args, workdir):
    net = harness.Testnet(args.gridnode, workdir, validators=4, block_time_ms=400, params=PARAMS)
    net.create()
    net.start_all()
    net.wait_height(2, timeout=60)
    cli = Cli(args.gridcli, net.nodes[0].url, os.path.join(workdir, "keys"))
    new_validator_enters_at_h_plus_2(net, cli, workdir)
    twin_is_slashed_once(net, cli)
    net.stop_all()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gridnode", required=True)
    parser.add_argument("--gridcli", required=True)
    parser.add_argument("--deadline", type=float, default=200)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    harness.set_deadline(args.deadline)
    return harness.run_main(lambda workdir: scenario(args, workdir), keep=args.keep)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""The economic layer with gridcli alone, on a dev chain with the demo's farm, nodes and
contracts (issue 9), short periods so that everything happens within a minute:

  staking  ferdie bonds to the validator, watches rewards arrive (bills feed the staking pool,
           each epoch pays it out), unbonds; a withdraw before the release pays only the
           rewards, a second one is refused; after the unbonding period the 1000 TFT come back;
  gov      a non-council account (ferdie; the dev council is alice, bob, charlie) cannot propose; alice's proposal to raise the CU price, voted
           yes by her farm, passes at its end and the contract's bills follow the new price; a
           proposal voted no is rejected and changes nothing;
  price    alice (a price feeder) submits a price; a second one within the interval is refused;
  minting  the farm owner receives farming rewards at the end of a minting period.

usage: economy_test.py --gridnode PATH --gridcli PATH --gridagent PATH [--keep]
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                                "lib"))
import demo  # noqa: E402
import harness  # noqa: E402
import seeded_dev  # noqa: E402
from demo import Cli  # noqa: E402
from harness import HarnessError, log  # noqa: E402

UNITS = 10_000_000
PARAMS = ("billing_period=3,uptime_report_interval=10,consumption_report_interval=10,"
          "epoch_length=6,unbonding_period=12,proposal_duration=10,proposal_min_farms=1,"
          "minting_period=20")


def expect(cond, what):
    if not cond:
        raise HarnessError(what)


def chain_time(url):
    return harness.rpc(url, "chain_status")["latest_block_time"]


def tft_units(text):
    """Units of a "1234.5678901" TFT figure."""
    whole, _, frac = text.partition(".")
    return int(whole) * UNITS + int((frac + "0000000")[:7])


def withdrew(out):
    found = re.search(r"withdrew ([0-9.]+) TFT unbonded and ([0-9.]+) TFT rewards", out)
    expect(found, f"stake withdraw printed no amounts:\n{out}")
    return tft_units(found.group(1)), tft_units(found.group(2))


def staking(cli, url, validator):
    cli.run("--from", "ferdie", "stake", "bond", validator, "1000")
    shown = cli.json("stake", "show", "ferdie")
    expect(int(shown["bonded"]) == 1000 * UNITS, f"ferdie's bond: {shown}")
    harness.wait_until(lambda: int(cli.json("stake", "show", "ferdie")["pending_rewards"]) > 0,
                       40, "staking rewards to reach ferdie")
    log(f"ferdie earns: {cli.run('stake', 'show', 'ferdie').stdout.strip()}")
    out = cli.run("--from", "ferdie", "stake", "unbond", validator, "1000").stdout
    expect(f"unbonding 1000.0000000 TFT from {validator}" in out, f"stake unbond:\n{out}")
    shown = cli.json("stake", "show", "ferdie")
    expect(int(shown["bonded"]) == 0 and int(shown["unbonding"]) == 1000 * UNITS,
           f"after unbond: {shown}")
    release_at = shown["unbonding_entries"][0]["release_at"]
    unbonded, rewards = withdrew(cli.run("--from", "ferdie", "stake", "withdraw").stdout)
    expect(unbonded == 0 and rewards > 0, f"early withdraw: {unbonded} unbonded, {rewards}")
    refused = cli.run("--from", "ferdie", "stake", "withdraw", expect=1)
    expect("nothing_to_withdraw" in refused.stdout + refused.stderr,
           f"a second early withdraw:\n{refused.stdout}{refused.stderr}")
    harness.wait_until(lambda: chain_time(url) >= release_at, 30, "the unbonding period to end")
    free_before = int(cli.json("balance", "ferdie")["free"])
    unbonded, late_rewards = withdrew(cli.run("--from", "ferdie", "stake", "withdraw").stdout)
    expect(unbonded == 1000 * UNITS and late_rewards == 0, f"late withdraw: {unbonded}")
    free_after = int(cli.json("balance", "ferdie")["free"])
    fee = free_before + unbonded - free_after
    expect(0 < fee < UNITS // 100, f"free went {free_before} -> {free_after} for {unbonded}")
    log(f"ferdie bonded 1000 TFT, earned {rewards} units, unbonded and got the 1000 TFT back")


def proposal_id(out):
    found = re.search(r"proposal (\d+) created", out)
    expect(found, f"gov propose printed no id:\n{out}")
    return found.group(1)


def usd_per_second(bill):
    return int(bill["usd_cost"]) / int(bill["billed_seconds"])


def wait_closed(cli, pid):
    harness.wait_until(lambda: cli.json("gov", "show", pid)["state"] != "open", 30,
                       f"proposal {pid} to close")
    return cli.json("gov", "show", pid)


def governance(cli, url, world):
    refused = cli.run("--from", "ferdie", "gov", "propose", "set-chain-param", "billing_period",
                      "7", "--description", "ferdie is not on the council", expect=1)
    expect("not_council" in refused.stdout + refused.stderr, "a non-council proposal")
    farm = str(world["farm_id"])
    contract = world["contract_ids"][0]
    cu = int(harness.rpc(url, "pricing_getPolicy", {"id": 1})["cu"])
    out = cli.run("--from", "alice", "gov", "propose", "set-pricing-policy", "--policy-id", "1",
                  "--cu", str(cu * 3), "--description", "triple the CU price").stdout
    passing = proposal_id(out)
    out = cli.run("--from", "alice", "gov", "vote", passing, farm, "yes").stdout
    expect(f"voted yes on proposal {passing} with farm {farm}" in out, f"gov vote:\n{out}")
    again = cli.run("--from", "alice", "gov", "vote", passing, farm, "no", expect=1)
    expect("already_voted" in again.stdout + again.stderr, "a farm voting twice")
    before = harness.rpc(url, "contract_getBills", {"id": contract, "size": 1})["bills"][0]
    closed = wait_closed(cli, passing)
    expect(closed["state"] == "passed", f"proposal {passing}: {closed}")
    expect(int(harness.rpc(url, "pricing_getPolicy", {"id": 1})["cu"]) == cu * 3,
           "the pricing policy after the proposal passed")
    seq = int(harness.rpc(url, "contract_getBills", {"id": contract, "size": 1})["bills"][0][
        "seq"])
    harness.wait_until(lambda: int(harness.rpc(url, "contract_getBills", {
        "id": contract, "size": 1})["bills"][0]["seq"]) >= seq + 2, 30, "two more bills")
    after = harness.rpc(url, "contract_getBills", {"id": contract, "size": 1})["bills"][0]
    expect(usd_per_second(after) > 1.5 * usd_per_second(before),
           f"billing did not follow the new price: {before['usd_cost']} per "
           f"{before['billed_seconds']} s before, {after['usd_cost']} per "
           f"{after['billed_seconds']} s after")
    log(f"proposal {passing} passed; the bill rate went {usd_per_second(before):.0f} -> "
        f"{usd_per_second(after):.0f} units-USD/s")

    out = cli.run("--from", "alice", "gov", "propose", "set-chain-param", "billing_period", "7",
                  "--description", "slower billing").stdout
    failing = proposal_id(out)
    cli.run("--from", "alice", "gov", "vote", failing, farm, "no")
    closed = wait_closed(cli, failing)
    expect(closed["state"] == "rejected", f"proposal {failing}: {closed}")
    # billing_period is still 3: the next bill covers 3 seconds, not 7.
    seq = int(harness.rpc(url, "contract_getBills", {"id": contract, "size": 1})["bills"][0][
        "seq"])
    harness.wait_until(lambda: int(harness.rpc(url, "contract_getBills", {
        "id": contract, "size": 1})["bills"][0]["seq"]) > seq, 20, "the next bill")
    bill = harness.rpc(url, "contract_getBills", {"id": contract, "size": 1})["bills"][0]
    expect(int(bill["billed_seconds"]) < 7, f"billing_period changed: {bill}")
    listed = [p["id"] for p in cli.json("gov", "list", "--state", "rejected")["proposals"]]
    expect(failing in listed and passing not in listed, f"gov list --state rejected: {listed}")
    log(f"proposal {failing} was rejected and changed nothing")


def price(cli):
    out = cli.run("--from", "alice", "price", "submit", "30").stdout
    expect("submitted 30 mUSD/TFT" in out, f"price submit:\n{out}")
    refused = cli.run("--from", "alice", "price", "submit", "31", expect=1)
    expect("rate_limited" in refused.stdout + refused.stderr, "a second price within a minute")
    shown = cli.json("price", "show")
    expect(shown["latest_musd"] == 30, f"price show: {shown}")
    log(f"price: {cli.run('price', 'show').stdout.strip()}")


def minting(url, world):
    owner = world["accounts"]["alice"]
    first = max(1, harness.rpc(url, "chain_status")["height"] - 30)
    _, event = harness.wait_block_event(url, first, "farming_reward", 40,
                                        lambda e: e["account"] == owner)
    log(f"farming reward: {event}")


def scenario(args, workdir):
    url, world = seeded_dev.start(args, workdir, PARAMS)
    cli = Cli(args.gridcli, url, os.path.join(workdir, "keys"))
    validator = cli.json("validator", "list", "--active")["validators"][0]["address"]
    staking(cli, url, validator)
    governance(cli, url, world)
    price(cli)
    minting(url, world)
    demo.stop(world)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gridnode", required=True)
    parser.add_argument("--gridcli", required=True)
    parser.add_argument("--gridagent", required=True)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    harness.set_deadline(220)
    return harness.run_main(lambda workdir: scenario(args, workdir), keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())

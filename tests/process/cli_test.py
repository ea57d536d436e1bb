#!/usr/bin/env python3
"""gridcli against a real dev node (gridnode dev on free loopback ports), command by command:

  keys new / list / address (a key store in the temp dir, passphrase from the environment);
  balance; transfer from alice to the new key, whose balance grows by exactly the amount;
  a transfer the chain refuses (insufficient funds: exit 1, the reason in words);
  twin create (accept_terms then create_twin) and twin show; farm create, add-ip, show, list;
  node list (--json parsed) and node show of a missing node (not_found in words);
  contract create-name, show, cancel (state deleted), list --mine, estimate;
  tx show and tx search; a usage error (exit 2); an unreachable node (exit 1);
  --help of every group (exit 0).

usage: cli_test.py --gridnode PATH --gridcli PATH [--deadline S] [--keep]
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

UNITS_PER_TFT = 10_000_000
GROUPS = ["keys", "balance", "transfer", "burn", "kv", "twin", "farm", "node", "contract", "tx",
          "validator", "stake", "gov", "price"]


def expect_in(text, part, what):
    if part not in text:
        raise HarnessError(f"{what}: expected {part!r} in:\n{text}")


def start_dev_node(gridnode, workdir):
    base = harness.free_port_range(2)
    url = f"http://127.0.0.1:{base + 1}"
    home = os.path.join(workdir, "dev")
    argv = [gridnode, "dev", "--home", home, "--p2p", f"127.0.0.1:{base}", "--rpc",
            f"127.0.0.1:{base + 1}", "--block-time-ms", "300"]
    proc = harness.spawn(argv, os.path.join(workdir, "node.log"), "gridnode dev")

    def alive():
        if proc.poll() is not None:
            raise HarnessError(f"gridnode dev exited with code {proc.returncode}")

    harness.wait_until(lambda: harness.rpc(url, "chain_status")["height"] >= 1, 30,
                       "the dev node to commit a block", fail_fast=alive)
    log(f"dev node up at {url}")
    return url


def scenario(args, workdir):
    url = start_dev_node(args.gridnode, workdir)
    cli = Cli(args.gridcli, url, os.path.join(workdir, "keys"))

    # --- help and usage -------------------------------------------------------------------------
    expect_in(cli.run("help").stdout, "contract create-node", "gridcli help")
    for group in GROUPS:
        expect_in(cli.run(group, "--help").stdout, f"usage: gridcli {group}", f"{group} --help")
    expect_in(cli.run("transfer", "bob", "lots", "--from", "alice", expect=2).stderr,
              "AMOUNT_TFT", "a bad amount")
    expect_in(cli.run("frobnicate", expect=2).stderr, "unknown command 'frobnicate'",
              "an unknown command")
    dead = cli.run("--node", "http://127.0.0.1:1", "balance", "alice", expect=1).stderr
    expect_in(dead, "cannot reach the node at http://127.0.0.1:1", "a node that is down")

    # --- keys -----------------------------------------------------------------------------------
    made = cli.json("keys", "new", "carol")
    address = made["address"]
    if not address.startswith("tf1"):
        raise HarnessError(f"keys new printed {made}")
    mode = os.stat(made["file"]).st_mode & 0o777
    if mode != 0o600:
        raise HarnessError(f"key file mode {oct(mode)}, expected 0o600")
    expect_in(cli.run("keys", "new", "carol", expect=1).stderr, "already exists", "no overwrite")
    expect_in(cli.run("keys", "list").stdout, address, "keys list")
    if cli.run("keys", "address", "carol").stdout.strip() != address:
        raise HarnessError("keys address does not print the stored address")
    log(f"key carol: {address}")

    # --- balance and transfer -------------------------------------------------------------------
    expect_in(cli.run("balance", "alice").stdout, " TFT", "balance")
    before = int(cli.json("balance", "carol")["free"])
    sent = cli.run("--from", "alice", "transfer", "carol", "25.5").stdout
    expect_in(sent, "transfer: ok", "transfer")
    expect_in(sent, "25.5000000 TFT", "transfer")
    after = int(cli.json("balance", address)["free"])
    if after - before != 255 * UNITS_PER_TFT // 10:
        raise HarnessError(f"carol's balance went from {before} to {after}, not +25.5 TFT")
    log(f"carol received exactly 25.5 TFT ({before} -> {after})")
    receipt = cli.json("--from", "alice", "transfer", address, "0.0000001")
    if receipt["status"] != "committed" or not receipt["receipt"]["ok"]:
        raise HarnessError(f"transfer --json: {receipt}")
    transfer_id = receipt["id"]

    # A refused transfer: carol holds about 25.5 TFT.
    refused = cli.run("--from", "carol", "transfer", "alice", "1000", expect=1).stderr
    expect_in(refused, "insufficient_funds", "a transfer beyond the balance")
    expect_in(refused, "transfer ", "a transfer beyond the balance")
    log(f"refused transfer: {refused.strip()}")

    # --- twin, farm -----------------------------------------------------------------------------
    twin_out = cli.run("--from", "carol", "twin", "create").stdout
    expect_in(twin_out, "twin create: ok", "twin create")
    twin = cli.json("twin", "show", "carol")
    if twin["account"] != address:
        raise HarnessError(f"twin show: {twin}")
    twin_id = twin["id"]
    expect_in(cli.run("--from", "carol", "twin", "create", expect=1).stderr, "twin_exists",
              "a second twin")
    log(f"carol's twin {twin_id}")

    farm_out = cli.run("--from", "carol", "farm", "create", "carol-farm").stdout
    expect_in(farm_out, "farm_created", "farm create")
    farms = cli.json("farm", "list", "--twin", str(twin_id))
    if farms["total"] != 1:
        raise HarnessError(f"farm list --twin {twin_id}: {farms}")
    farm_id = farms["farms"][0]["id"]
    cli.run("--from", "carol", "farm", "add-ip", str(farm_id), "185.206.122.33/24",
            "185.206.122.1")
    farm = cli.json("farm", "show", str(farm_id))
    if [ip["ip"] for ip in farm["public_ips"]] != ["185.206.122.33/24"]:
        raise HarnessError(f"farm show after add-ip: {farm}")
    expect_in(cli.run("farm", "show", str(farm_id)).stdout, "185.206.122.33/24", "farm show")
    bad_ip = cli.run("--from", "carol", "farm", "add-ip", str(farm_id), "not-an-ip", "x",
                     expect=1).stderr
    expect_in(bad_ip, "invalid_ip", "a bad farm IP")
    log(f"farm {farm_id} with one public IP")

    # --- nodes ----------------------------------------------------------------------------------
    nodes = cli.json("node", "list", "--free-mru", "1GiB", "--size", "10")
    if nodes["total"] != 0 or nodes["nodes"] != []:
        raise HarnessError(f"node list on a chain without nodes: {nodes}")
    expect_in(cli.run("node", "list").stdout, "page 1, 0 shown of 0", "node list")
    expect_in(cli.run("node", "show", "77", expect=1).stderr, "not_found", "node show 77")

    # --- contracts ------------------------------------------------------------------------------
    created = cli.run("--from", "carol", "contract", "create-name", "carolsite").stdout
    expect_in(created, "contract_created", "contract create-name")
    mine = cli.json("--from", "carol", "contract", "list", "--mine")
    if mine["total"] != 1 or mine["contracts"][0]["name"] != "carolsite":
        raise HarnessError(f"contract list --mine: {mine}")
    contract_id = mine["contracts"][0]["id"]
    shown = cli.json("contract", "show", contract_id)
    if shown["kind"] != "name" or shown["state"] != "created":
        raise HarnessError(f"contract show: {shown}")
    expect_in(cli.run("contract", "show", contract_id).stdout, "name carolsite", "contract show")
    cli.run("--from", "carol", "contract", "cancel", contract_id)
    if cli.json("contract", "show", contract_id)["state"] != "deleted":
        raise HarnessError("contract cancel did not delete the contract")
    again = cli.run("--from", "carol", "contract", "cancel", contract_id, expect=1).stderr
    expect_in(again, "failed: ", "cancelling a deleted contract")
    cli.json("contract", "bills", contract_id)
    estimate = cli.json("contract", "estimate", "--cru", "2", "--mru", "4GiB", "--sru", "50GiB",
                        "--ips", "1")
    if estimate["kind"] != "node" or int(estimate["per_hour"]["tft"]) <= 0:
        raise HarnessError(f"contract estimate: {estimate}")
    expect_in(cli.run("contract", "estimate", "--kind", "name").stdout, "per 30 days",
              "contract estimate --kind name")
    log(f"name contract {contract_id} created, shown, cancelled; estimate {estimate['per_hour']}")

    # --- transactions ---------------------------------------------------------------------------
    tx = cli.json("tx", "show", transfer_id)
    if tx["status"] != "committed" or tx["tx"]["call"]["name"] != "transfer":
        raise HarnessError(f"tx show: {tx}")
    shown_tx = cli.run("tx", "show", transfer_id).stdout
    expect_in(shown_tx, "amount=0.0000001 TFT", "tx show")
    if not any(line.split()[:2] == ["call", "transfer"] for line in shown_tx.splitlines()):
        raise HarnessError(f"tx show: no 'call transfer' line in:\n{shown_tx}")
    found = cli.json("tx", "search", "--account", "carol", "--kind", "create_twin")
    if found["total"] != 1:
        raise HarnessError(f"tx search --kind create_twin: {found}")
    expect_in(cli.run("--from", "carol", "tx", "search").stdout, "create_name_contract",
              "tx search")
    log("PASS: every command answered as expected")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gridnode", required=True, help="path of the gridnode executable")
    parser.add_argument("--gridcli", required=True, help="path of the gridcli executable")
    parser.add_argument("--deadline", type=float, default=120, help="global limit, seconds")
    parser.add_argument("--workdir", default=None, help="parent of the temp dir (default TMPDIR)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir after a pass")
    args = parser.parse_args(argv)
    for tool in (args.gridnode, args.gridcli):
        if not os.access(tool, os.X_OK):
            parser.error(f"{tool} is not an executable file")
    harness.set_deadline(args.deadline)
    return harness.run_main(lambda workdir: scenario(args, workdir), args.workdir, args.keep)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

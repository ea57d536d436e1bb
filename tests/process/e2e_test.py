#!/usr/bin/env python3
"""End to end, with the real programs: a user reserves capacity with gridcli, gridagent sees the
contract and reports, the chain bills it, the user runs out of funds, the agent pauses the
workload, the user tops up, the agent resumes it.

  1. gridnode dev bills every 5 s; alice's farm (scripts/lib/demo.py); a gridagent node whose
     account is an ed25519 key store file made with `gridcli keys new`, funded by alice.
  2. carol: a new key funded by alice with the fees and about three bills; her twin; a node
     contract on dave's node reserved with `gridcli contract create-node`.
  3. the agent provisions it (its log and its state file); the first bill in contract_getBills
     has exactly the amount that the pricing rules of ECONOMICS.md give, computed here in Python
     from the pricing policy, the bill's seconds, traffic, TFT price and discount level.
  4. carol's funds run out: the contract goes into its grace period and the agent pauses it.
  5. alice tops carol up: the debt is paid, the contract is back to created and the agent
     resumes it.

usage: e2e_test.py --gridnode PATH --gridcli PATH --gridagent PATH [--keep]
"""
import argparse
import json
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts", "lib"))
import demo  # noqa: E402
import harness  # noqa: E402
from harness import HarnessError, log  # noqa: E402

CHAIN_PARAMS = ("billing_period=5,uptime_report_interval=10,consumption_report_interval=10,"
                "grace_period_node=600")
AGENT_INTERVALS = ["--uptime-interval", "5", "--consumption-interval", "5", "--poll-interval",
                   "2"]
GIB = 1 << 30
RESOURCES = {"cru": 4, "mru": 8 * GIB, "sru": 200 * GIB, "hru": 0}
PAY_PERCENT = {"none": 100, "default": 80, "bronze": 70, "silver": 60, "gold": 40}


def expected_bill(policy, bill, public_ips):
    """ECONOMICS.md "Price of one contract", "Paying a bill", as exact fractions."""
    cru = Fraction(RESOURCES["cru"])
    mru, sru, hru = (Fraction(RESOURCES[k], GIB) for k in ("mru", "sru", "hru"))
    cu = min(max(mru / 4, cru / 2), max(mru / 8, cru), max(mru / 2, cru / 4))
    su = hru / 1200 + sru / 200
    hourly = int(policy["cu"]) * cu + int(policy["su"]) * su + int(policy["ipv4"]) * public_ips
    seconds = int(bill["billed_seconds"])
    network = Fraction(int(policy["nu"]) * int(bill["nu_bytes"]), 10**9)
    usd = int(hourly * seconds / 3600 + network)  # one floor for the sum
    pay = PAY_PERCENT[bill["discount"]]
    tft = usd * 1000 * pay // (bill["price_musd"] * 100)
    return usd, tft


def contract_state(url, contract):
    return harness.rpc(url, "contract_get", {"id": contract})["state"]


def scenario(args, workdir):
    harness.set_deadline(200)
    base = harness.free_port_range(2)
    url = f"http://127.0.0.1:{base}"
    harness.spawn([args.gridnode, "dev", "--home", os.path.join(workdir, "chain"), "--rpc",
                   f"127.0.0.1:{base}", "--p2p", f"127.0.0.1:{base + 1}", "--params",
                   CHAIN_PARAMS], os.path.join(workdir, "gridnode.log"), "gridnode")
    harness.wait_until(lambda: harness.rpc(url, "chain_status")["height"] >= 1, 30,
                       "the dev chain's first block")
    bin_dir = os.path.dirname(os.path.dirname(os.path.abspath(args.gridcli)))
    cli = demo.Cli(args.gridcli, url, os.path.join(workdir, "keys"))

    # 1. The farm, and a 3Node whose daemon signs with a key store file (ed25519) funded by alice.
    demo.ADDRESSES["alice"] = cli.run("keys", "address", "alice").stdout.strip()
    farm = demo.ensure_farm(cli, log)
    daemon = cli.json("keys", "new", "daemon", "--scheme", "ed25519")
    demo.ADDRESSES["daemon"] = daemon["address"]
    cli.run("--from", "alice", "transfer", "daemon", "10")
    passphrase_file = os.path.join(workdir, "daemon.pass")
    with open(passphrase_file, "w", encoding="utf-8") as f:
        f.write(cli.env["GRIDCLI_PASSPHRASE"] + "\n")
    spec = dict(demo.AGENTS[0], account="daemon", key_file=daemon["file"],
                passphrase_file=passphrase_file)
    agents = demo.start_agents(bin_dir, url, farm, workdir, specs=[spec],
                               intervals=AGENT_INTERVALS)
    agent = agents[0]
    harness._CHILDREN.append(agent["proc"])  # killed with the rest if the test fails
    harness._LOGS.append(("gridagent", agent["log"]))
    node = demo.wait_for_nodes(url, farm, agents)["daemon"]
    log(f"the gridagent of {daemon['address']} registered node {node} in farm {farm}")

    def agent_log():
        with open(agent["log"], encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_agent(words, timeout=40):
        def alive():
            if agent["proc"].poll() is not None:
                raise HarnessError(f"gridagent exited with {agent['proc'].returncode}")
        harness.wait_until(lambda: words in agent_log(), timeout, f"'{words}' in the agent's log",
                           fail_fast=alive)

    # 2. carol: a key, funds for the fees and about three bills, a twin, a node contract.
    carol = cli.json("keys", "new", "carol")["address"]
    size = ["--cru", str(RESOURCES["cru"]), "--mru", "8GiB", "--sru", "200GiB"]
    estimate = cli.json("contract", "estimate", "--node-id", str(node), *size, "--ips", "1")
    per_hour = int(estimate["per_hour"]["tft"])
    per_bill = per_hour * 5 // 3600
    if per_bill < 1000:
        raise HarnessError(f"a bill of {per_bill} units is too small to run out of: {estimate}")
    fees = 3 * 20_000  # accept_terms, create_twin, create_node_contract (about 10 200 each)
    funding = fees + 3 * per_bill
    cli.run("--from", "alice", "transfer", "carol", f"{funding / 10**7:.7f}")
    cli.run("--from", "carol", "twin", "create")
    created = cli.json("--from", "carol", "contract", "create-node", str(node), *size,
                       "--public-ips", "1", "--deployment-text", '{"name":"e2e"}')
    if not created["receipt"]["ok"]:
        raise HarnessError(f"create-node failed: {created}")
    contract = next(e["contract"] for e in created["receipt"]["events"]
                    if e["kind"] == "contract_created")
    log(f"carol ({carol}) reserved contract {contract} on node {node}; "
        f"funded {funding} units, a bill is about {per_bill}")

    # 3. The agent provisions it; the first bill has the pricing rules' amount.
    wait_agent(f"provisioned contract {contract} (cru 4, mru 8.0 GiB, sru 200.0 GiB")
    with open(os.path.join(workdir, "agents", "daemon", "contracts", f"{contract}.json"),
              encoding="utf-8") as f:
        if json.load(f)["contract_id"] != str(contract):
            raise HarnessError("the agent's state file names another contract")
    harness.wait_until(lambda: harness.rpc(url, "contract_getBills", {"id": contract})["total"]
                       >= 1, 30, f"a bill of contract {contract}")
    bills = harness.rpc(url, "contract_getBills", {"id": contract, "size": 1000})["bills"]
    first = bills[-1]  # newest first
    policy = harness.rpc(url, "pricing_getPolicy", {"id": 1})
    usd, tft = expected_bill(policy, first, public_ips=1)
    if (int(first["usd_cost"]), int(first["amount"])) != (usd, tft):
        raise HarnessError(f"bill {first} does not match the pricing rules: usd {usd}, tft {tft}")
    log(f"bill 1: {first['billed_seconds']} s, {first['nu_bytes']} bytes, usd {usd}, "
        f"tft {tft} at {first['price_musd']} mUSD/TFT ({first['discount']}): as priced")
    shown = cli.run("contract", "bills", str(contract)).stdout
    if f"{int(first['amount']) / 10**7:.7f} TFT" not in shown:
        raise HarnessError(f"gridcli contract bills does not show the amount:\n{shown}")

    # 4. Out of funds: grace period, the agent pauses the workload.
    harness.wait_until(lambda: contract_state(url, contract) == "grace_period", 60,
                       f"contract {contract} to enter its grace period")
    debt = int(harness.rpc(url, "contract_get", {"id": contract})["debt"])
    log(f"carol ran out of funds: contract {contract} in grace, debt {debt}")
    wait_agent(f"paused contract {contract}")
    with open(os.path.join(workdir, "agents", "daemon", "contracts", f"{contract}.json"),
              encoding="utf-8") as f:
        if json.load(f)["paused"] is not True:
            raise HarnessError("the agent's state file does not record the pause")

    # 5. Top up: the debt is paid, the contract is back, the agent resumes it.
    cli.run("--from", "alice", "transfer", "carol", "10")
    harness.wait_until(lambda: contract_state(url, contract) == "created", 30,
                       f"contract {contract} to leave its grace period")
    after = harness.rpc(url, "contract_get", {"id": contract})
    if int(after["debt"]) != 0:
        raise HarnessError(f"the debt is not paid after the top-up: {after}")
    wait_agent(f"resumed contract {contract}")
    log(f"carol topped up: contract {contract} paid and resumed by the agent")
    demo.stop({"agents": agents})
    if agent["proc"].returncode != 0:
        raise HarnessError(f"gridagent exited with {agent['proc'].returncode} on SIGTERM")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gridnode", required=True)
    parser.add_argument("--gridcli", required=True)
    parser.add_argument("--gridagent", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    return harness.run_main(lambda workdir: scenario(args, workdir), keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())

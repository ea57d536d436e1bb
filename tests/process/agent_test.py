#!/usr/bin/env python3
"""gridagent against a real dev chain (Python 3 standard library only).

A `gridnode dev` chain with short report intervals (--params), a farm made by alice (signed here
with the outside wallet of tests/wire/outside_wallet.py), then gridagent as bob's node daemon:
- it creates bob's twin and registers his node with the capacity given (node_get shows it);
- its uptime reports arrive (last_uptime_report advances, more than once);
- a node contract charlie creates on the node is provisioned (STATE_DIR/contracts/<id>.json and
  a log line), its network consumption is reported, and canceling it removes the file;
- SIGTERM: power state down on chain, exit code 0;
- a restart with another --cru updates the node, powers it up again (after the chain's rate
  limit), and removes a deployment file left for a contract that is no longer live;
- SIGTERM right after that power up: the chain refuses the power down (rate_limited), the agent
  logs the reason and exits 1.
The agent runs with its event stream on first (it falls back to polling when the node does not
serve /events) and with --no-events after the restart.

usage: agent_test.py --gridnode PATH --gridagent PATH [--keep]
"""
import argparse
import json
import os
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from py_wallet import Wallet, blob, boolean, u32, wallet  # noqa: E402

# Reports at most every half interval: 5 s for uptime, power state and consumption.
CHAIN_PARAMS = "uptime_report_interval=10,consumption_report_interval=10"


def accept_terms_and_twin(w):
    w.send(b"\x10" + wallet.string("https://example.org/terms") + wallet.string("hash"))
    return w.event(b"\x11" + b"\x00" + b"\x00", "twin_created")["twin"]


def create_open_farm(w, name):
    farm = w.event(b"\x18" + wallet.string(name) + u32(0), "farm_created")["farm"]
    w.send(b"\x1c" + u32(farm) + boolean(True) + u32(0))  # set_farm_node_policy: open
    return farm


def create_node_contract(w, node, cru, mru, sru):
    call = (b"\x30" + u32(node) + wallet.u64(cru) + wallet.u64(mru) + wallet.u64(sru)
            + wallet.u64(0) + u32(0) + bytes(range(32)) + blob(b"") + b"\x00")
    return int(w.event(call, "contract_created")["contract"])


def cancel_contract(w, contract):
    w.send(b"\x32" + wallet.u64(contract))


# --- the agent -----------------------------------------------------------------------------------
class Agent:
    def __init__(self, gridagent, workdir, url, farm):
        self.argv = [gridagent, "--node", url, "--dev-account", "bob", "--farm", str(farm),
                     "--mru", "8GiB", "--sru", "200GiB", "--hru", "0", "--country", "Belgium",
                     "--city", "Ghent", "--state-dir", os.path.join(workdir, "agent-state"),
                     "--uptime-interval", "2", "--consumption-interval", "2",
                     "--poll-interval", "1"]
        self.log_path = os.path.join(workdir, "agent.log")
        self.state_dir = os.path.join(workdir, "agent-state")
        self.proc = None
        self.log_offset = 0

    def start(self, *extra):
        if os.path.exists(self.log_path):
            self.log_offset = os.path.getsize(self.log_path)
        self.proc = harness.spawn(self.argv + list(extra), self.log_path, "gridagent")
        harness.log(f"gridagent: started {' '.join(extra)} (pid {self.proc.pid})")

    def log_text(self):
        """The log of the current run."""
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            f.seek(self.log_offset)
            return f.read()

    def wait_log(self, words, timeout=30):
        harness.wait_until(lambda: words in self.log_text(), timeout,
                           f"'{words}' in the agent's log", fail_fast=self.check_alive)

    def check_alive(self):
        if self.proc.poll() is not None:
            raise harness.HarnessError(f"gridagent exited with {self.proc.returncode}")

    def terminate(self):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        harness.log(f"gridagent: exit code {code}")
        return code

    def contract_file(self, contract):
        return os.path.join(self.state_dir, "contracts", f"{contract}.json")


def find_node(url, farm, address):
    nodes = harness.rpc(url, "node_list", {"farm_id": farm})["nodes"]
    return next((n for n in nodes if n["account"] == address), None)


def scenario(workdir, gridnode, gridagent):
    harness.set_deadline(170)
    base = harness.free_port_range(2)
    url = f"http://127.0.0.1:{base}"
    harness.spawn([gridnode, "dev", "--home", os.path.join(workdir, "chain"), "--rpc",
                   f"127.0.0.1:{base}", "--p2p", f"127.0.0.1:{base + 1}", "--params",
                   CHAIN_PARAMS], os.path.join(workdir, "gridnode.log"), "gridnode")
    harness.wait_until(lambda: harness.rpc(url, "chain_status")["height"] >= 1, 30,
                       "the dev chain's first block")

    alice, bob, charlie = Wallet(url, "alice"), Wallet(url, "bob"), Wallet(url, "charlie")
    accept_terms_and_twin(alice)
    farm = create_open_farm(alice, "agent-farm")
    harness.log(f"farm {farm} created by alice, open")

    # 1. Registration with the capacity given.
    agent = Agent(gridagent, workdir, url, farm)
    agent.start("--cru", "4")
    node = harness.wait_until(lambda: find_node(url, farm, bob.address), 30,
                              "bob's node in the farm", fail_fast=agent.check_alive)
    node_id = node["id"]
    total = node["capacity"]["total"]
    assert total == {"cru": "4", "mru": str(8 << 30), "sru": str(200 << 30), "hru": "0"}, total
    assert node["location"]["city"] == "Ghent", node["location"]
    assert harness.rpc(url, "account_get", {"address": bob.address})["twin_id"] is not None
    harness.log(f"node {node_id} registered: {total}")

    # 2. Uptime reports arrive, and keep arriving.
    def uptime_after(t):
        n = harness.rpc(url, "node_get", {"id": node_id})
        return n if n["last_uptime_report"] > t and int(n["last_uptime_value"]) > 0 else None
    first = harness.wait_until(lambda: uptime_after(node["created_at"]), 30,
                               "a first uptime report", fail_fast=agent.check_alive)
    second = harness.wait_until(lambda: uptime_after(first["last_uptime_report"]), 30,
                                "a second uptime report", fail_fast=agent.check_alive)
    assert int(second["last_uptime_value"]) > int(first["last_uptime_value"]), (first, second)
    harness.log(f"uptime reports at {first['last_uptime_report']} and "
                f"{second['last_uptime_report']}")

    # 3. A contract's life: provisioned, consumption reported, removed when canceled; the agent
    # learns of it from the node's /events stream (it polls only when the stream is down).
    agent.wait_log(f"event stream live (node {node_id})")
    accept_terms_and_twin(charlie)
    contract = create_node_contract(charlie, node_id, 1, 1 << 30, 10 << 30)
    harness.log(f"contract {contract} created on node {node_id}")
    agent.wait_log(f"provisioned contract {contract} (cru 1, mru 1.0 GiB, sru 10.0 GiB")
    agent.wait_log(f"event contract_created for contract {contract}")
    with open(agent.contract_file(contract), encoding="utf-8") as f:
        record = json.load(f)
    assert record["contract_id"] == str(contract) and record["paused"] is False, record
    assert record["resources"]["mru"] == str(1 << 30), record
    agent.wait_log("reported consumption of 1 contract")
    cancel_contract(charlie, contract)
    agent.wait_log(f"removed contract {contract}")
    assert not os.path.exists(agent.contract_file(contract)), "the file is gone"

    # 4. SIGTERM: power down on chain, exit 0.
    code = agent.terminate()
    assert code == 0, f"exit code {code}; log:\n{agent.log_text()}"
    assert "reported power down" in agent.log_text()
    node = harness.rpc(url, "node_get", {"id": node_id})
    assert node["power_state"] == "down", node["power_state"]

    # 5. Restart with more cores, polling only, and a stale deployment file of the dead contract.
    os.makedirs(os.path.dirname(agent.contract_file(contract)), exist_ok=True)
    with open(agent.contract_file(contract), "w", encoding="utf-8") as f:
        f.write(json.dumps(record))
    agent.start("--cru", "6", "--no-events")
    harness.wait_until(
        lambda: harness.rpc(url, "node_get", {"id": node_id})["capacity"]["total"]["cru"] == "6",
        30, "update_node to 6 cores", fail_fast=agent.check_alive)
    agent.wait_log(f"updated node {node_id}")
    agent.wait_log(f"removed contract {contract} (no longer live on chain)")
    assert not os.path.exists(agent.contract_file(contract)), "the stale file is gone"
    harness.wait_until(
        lambda: harness.rpc(url, "node_get", {"id": node_id})["power_state"] == "up", 30,
        "the node powered up again", fail_fast=agent.check_alive)
    assert count_of(harness.rpc(url, "node_list", {"farm_id": farm})) == 1, "one node, updated"

    # 6. Power down right after power up: refused by the chain's rate limit, reason logged.
    code = agent.terminate()
    text = agent.log_text()
    assert code == 1 and "rate_limited" in text, f"exit code {code}; log:\n{text}"


def count_of(page):
    return page["total"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gridnode", required=True)
    parser.add_argument("--gridagent", required=True)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    return harness.run_main(lambda wd: scenario(wd, args.gridnode, args.gridagent),
                            keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())

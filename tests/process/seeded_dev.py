"""A dev chain with the demo's data, for process tests: `gridnode dev` on free loopback ports
with the given chain parameters, then scripts/lib/demo.py's seed (alice's farm, two gridagent
nodes, contracts from bob and charlie), waiting for the first bill."""
import os

import demo
import harness
from harness import log


def start(args, workdir, params):
    """Starts and seeds the chain; returns (url, world) (demo.seed's record of what it made)."""
    base = harness.free_port_range(2)
    url = f"http://127.0.0.1:{base}"
    harness.spawn([args.gridnode, "dev", "--home", os.path.join(workdir, "chain"), "--rpc",
                   f"127.0.0.1:{base}", "--p2p", f"127.0.0.1:{base + 1}", "--params", params],
                  os.path.join(workdir, "gridnode.log"), "gridnode")
    harness.wait_until(lambda: harness.rpc(url, "chain_status")["height"] >= 1, 30,
                       "the dev chain's first block")
    bin_dir = os.path.dirname(os.path.dirname(os.path.abspath(args.gridcli)))
    world = {}
    try:
        demo.seed(url, bin_dir, workdir, log=log, seeded=world)
    finally:
        for agent in world.get("agents", []):
            harness._CHILDREN.append(agent["proc"])
            harness._LOGS.append((f"gridagent {agent['account']}", agent["log"]))
    harness.wait_until(lambda: harness.rpc(url, "contract_getBills", {
        "id": world["contract_ids"][0]})["total"] >= 1, 30, "the first bill")
    return url, world

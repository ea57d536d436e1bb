#!/usr/bin/env python3
"""The block explorer in headless Chromium against a dev node with demo data.

Starts `gridnode dev` on free ports with --explorer <repo>/explorer and short billing periods,
seeds the demo of scripts/lib/demo.py (a farm with public IPs, two gridagent nodes, node and
name contracts being billed), waits until a node contract has two bills, then runs
explorer_test.mjs (playwright-core, /usr/bin/chromium), which compares every page with the
JSON-RPC answers and saves a screenshot of each page into --screenshots. The explorer is also
served from a second origin (python3 -m http.server) to check that it works hosted elsewhere.

usage: run_explorer_test.py --gridnode PATH --bin-dir BUILD_DIR --screenshots DIR [--keep]
Exits 1 naming what is missing when Chromium, node or tests/browser/node_modules is absent
(./scripts/test installs them: the test is never skipped).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "process"))
sys.path.insert(0, os.path.join(REPO, "scripts", "lib"))
import harness  # noqa: E402
import demo  # noqa: E402

CHAIN_PARAMS = "billing_period=10,uptime_report_interval=10,consumption_report_interval=10"
MISSING_TOOLS = 1


def missing_tools(chromium):
    missing = []
    if not os.path.exists(chromium):
        missing.append(f"Chromium at {chromium} (apt-get install chromium)")
    if shutil.which("node") is None:
        missing.append("node (apt-get install nodejs)")
    if not os.path.isdir(os.path.join(HERE, "node_modules", "playwright-core")):
        missing.append(f"playwright-core (npm ci in {HERE})")
    return missing


def scenario(args, workdir):
    base = harness.free_port_range(2)
    url = f"http://127.0.0.1:{base + 1}"
    log_path = os.path.join(workdir, "gridnode.log")
    node = harness.spawn([args.gridnode, "dev", "--home", os.path.join(workdir, "home"),
                          "--rpc", f"127.0.0.1:{base + 1}", "--p2p", f"127.0.0.1:{base}",
                          "--explorer", os.path.join(REPO, "explorer"), "--params", CHAIN_PARAMS],
                         log_path, "gridnode dev")

    def alive():
        if node.poll() is not None:
            raise harness.HarnessError(f"gridnode dev exited with {node.returncode} "
                                       f"(log: {log_path})")

    harness.wait_until(lambda: harness.rpc(url, "chain_status")["height"] >= 1, 30,
                       "the dev node's first block", fail_fast=alive)
    seeded = {}
    try:
        demo.seed(url, args.bin_dir, workdir, log=harness.log, seeded=seeded)
        node_contract = next(
            c for c in seeded["contract_ids"]
            if harness.rpc(url, "contract_get", {"id": c})["kind"] == "node")
        harness.wait_until(
            lambda: int(harness.rpc(url, "contract_get", {"id": node_contract})["bill_count"]) >= 2,
            40, f"two bills of contract {node_contract}", interval=0.5, fail_fast=alive)
        seed_path = os.path.join(workdir, "seed.json")
        with open(seed_path, "w", encoding="utf-8") as f:
            json.dump({k: seeded[k] for k in ("farm_id", "node_ids", "contract_ids", "accounts")}
                      | {"node_contract": node_contract}, f, indent=2)
        harness.log(f"seeded: {open(seed_path, encoding='utf-8').read()}")
        # The same files from another origin (a plain static server): the explorer reads the
        # node across origins (CORS on /rpc and /events).
        static_port = harness.free_port_range(1)
        harness.spawn([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                       "--directory", os.path.join(REPO, "explorer"), str(static_port)],
                      os.path.join(workdir, "static.log"), "static server")
        static_url = f"http://127.0.0.1:{static_port}"
        harness.wait_until(lambda: urllib.request.urlopen(static_url + "/index.html", timeout=2),
                           10, "the static server")
        os.makedirs(args.screenshots, exist_ok=True)
        argv = ["node", os.path.join(HERE, "explorer_test.mjs"), "--url", url, "--seed",
                seed_path, "--screenshots", args.screenshots, "--chromium", args.chromium,
                "--static-url", static_url]
        harness.log("running " + " ".join(argv))
        result = subprocess.run(argv, cwd=HERE, timeout=max(30, harness.DEADLINE.remaining()))
        if result.returncode != 0:
            raise harness.HarnessError(f"explorer_test.mjs failed with exit code {result.returncode}")
        alive()
    finally:
        demo.stop(seeded, timeout=10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gridnode", required=True)
    parser.add_argument("--bin-dir", required=True, help="build dir with tools/gridcli and tools/gridagent")
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    missing = missing_tools(args.chromium)
    if missing:
        print("FAILED: missing " + "; ".join(missing), flush=True)
        return MISSING_TOOLS
    harness.set_deadline(200)
    return harness.run_main(lambda workdir: scenario(args, workdir), keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The dev demo behind ./scripts/dev: a dev chain with a farm, two 3Nodes run by gridagent and a
few contracts from the dev accounts, billed every 30 s, until Ctrl-C.

  python3 scripts/lib/demo.py --bin-dir build/dev [--reset] [--home DIR] [--rpc HOST:PORT]
                              [--p2p HOST:PORT] [--no-demo]

What it does, in order (each step is skipped when the chain already has it, so a restart of the
demo on an existing chain adds nothing twice):
  1. gridnode dev (--params DEMO_PARAMS: bills every 30 s instead of every hour), explorer at /;
  2. alice: a twin, the farm "demo-farm" with two public IPs, open to every node;
  3. dave and eve: a gridagent each, registering a node in that farm (Ghent and Cairo);
  4. bob: a node contract with a public IP on dave's node and a name contract; charlie: a node
     contract on eve's node. The agents provision them and report uptime and traffic; the chain
     bills them;
  5. charlie bonds 500 TFT to the validator (bills feed the staking pool, each epoch pays it
     out); alice, on the council, proposes that bob become a price feeder, and votes yes with
     her farm.
Ctrl-C: the agents stop first (each reports its node powered down), then the node.

The browser test imports seed() and stop() to get the same demo data.
"""
import argparse
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

DEMO_PARAMS = "billing_period=30,uptime_report_interval=20,consumption_report_interval=20"
FARM_NAME = "demo-farm"
FARM_IPS = [("185.206.122.33/24", "185.206.122.1"), ("185.206.122.34/24", "185.206.122.1")]
AGENTS = [
    {"account": "dave", "cru": "8", "mru": "32GiB", "sru": "1TiB", "hru": "4TiB",
     "country": "Belgium", "city": "Ghent", "latitude": "51.05", "longitude": "3.72"},
    {"account": "eve", "cru": "16", "mru": "64GiB", "sru": "2TiB", "hru": "0",
     "country": "Egypt", "city": "Cairo", "latitude": "30.04", "longitude": "31.24"},
]
AGENT_INTERVALS = ["--uptime-interval", "10", "--consumption-interval", "10",
                   "--poll-interval", "5"]


class DemoError(Exception):
    pass


def _die_with_parent():
    """preexec_fn: the child gets SIGKILL if the demo dies without stopping it."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def spawn(argv, log_path=None):
    """A child in its own session (Ctrl-C reaches only the demo, which stops children in order),
    its output appended to log_path, or inherited when there is none."""
    out = open(log_path, "ab") if log_path else None
    try:
        return subprocess.Popen(argv, stdout=out, stderr=out, stdin=subprocess.DEVNULL,
                                start_new_session=True, preexec_fn=_die_with_parent)
    finally:
        if out:
            out.close()


def rpc(url, method, params=None, timeout=10):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {}})
    request = urllib.request.Request(url + "/rpc", body.encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        reply = json.load(response)
    if "error" in reply:
        raise DemoError(f"{method}: {reply['error']['message']}")
    return reply["result"]


def wait_until(what, predicate, timeout, alive=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive:
            alive()
        try:
            if predicate():
                return
        except (OSError, urllib.error.URLError, DemoError):
            pass
        time.sleep(0.25)
    raise DemoError(f"timed out after {timeout} s waiting for {what}")


class Cli:
    """gridcli against one node, with its own key store (dev accounts need no key file)."""

    def __init__(self, path, url, keys_dir, passphrase="gridchain demo"):
        self.path = path
        self.env = dict(os.environ, GRIDCLI_NODE=url, GRIDCLI_KEYS=keys_dir,
                        GRIDCLI_PASSPHRASE=passphrase)

    def run(self, *args, expect=0):
        proc = subprocess.run([self.path, *args], capture_output=True, text=True, env=self.env,
                              timeout=60, stdin=subprocess.DEVNULL)
        if expect is not None and proc.returncode != expect:
            raise DemoError(f"gridcli {' '.join(args)}: exit {proc.returncode}, expected "
                            f"{expect}\n{proc.stdout}{proc.stderr}")
        return proc

    def json(self, *args):
        out = self.run("--json", *args).stdout
        try:
            return json.loads(out)
        except ValueError as e:
            raise DemoError(f"gridcli {' '.join(args)} --json printed no JSON ({e}):\n{out}")


def ensure_twin(cli, account):
    if rpc_account(cli, account)["twin_id"] is None:
        cli.run("--from", account, "twin", "create")
    return rpc_account(cli, account)["twin_id"]


def rpc_account(cli, account):
    return cli.json("balance", account)


def ensure_farm(cli, log):
    twin = ensure_twin(cli, "alice")
    farms = cli.json("farm", "list", "--twin", str(twin))["farms"]
    farm = next((f for f in farms if f["name"] == FARM_NAME), None)
    if farm is None:
        cli.run("--from", "alice", "farm", "create", FARM_NAME)
        farms = cli.json("farm", "list", "--twin", str(twin))["farms"]
        farm = next(f for f in farms if f["name"] == FARM_NAME)
        for ip, gateway in FARM_IPS:
            cli.run("--from", "alice", "farm", "add-ip", str(farm["id"]), ip, gateway)
        cli.run("--from", "alice", "farm", "policy", str(farm["id"]), "--open")
        log(f"alice created farm {farm['id']} ({FARM_NAME}) with {len(FARM_IPS)} public IPs")
    return farm["id"]


def start_agents(bin_dir, url, farm, workdir, specs=AGENTS, intervals=AGENT_INTERVALS):
    agents = []
    os.makedirs(os.path.join(workdir, "logs"), exist_ok=True)
    for spec in specs:
        state = os.path.join(workdir, "agents", spec["account"])
        os.makedirs(state, exist_ok=True)
        # A dev account, or (spec["key_file"]) a key store file and its passphrase file.
        signer = (["--key", spec["key_file"], "--passphrase-file", spec["passphrase_file"]]
                  if "key_file" in spec else ["--dev-account", spec["account"]])
        argv = [os.path.join(bin_dir, "tools", "gridagent"), "--node", url, *signer, "--farm",
                str(farm), "--state-dir", state, *intervals]
        for key in ("cru", "mru", "sru", "hru", "country", "city", "latitude", "longitude"):
            argv += [f"--{key}", spec[key]]
        log_path = os.path.join(workdir, "logs", f"gridagent-{spec['account']}.log")
        agents.append({"account": spec["account"], "log": log_path,
                       "proc": spawn(argv, log_path)})
    return agents


def node_of(url, farm, address):
    nodes = rpc(url, "node_list", {"farm_id": farm})["nodes"]
    return next((n["id"] for n in nodes if n["account"] == address), None)


def wait_for_nodes(url, farm, agents):
    ids = {}
    for agent in agents:
        address = ADDRESSES[agent["account"]]

        def alive(agent=agent):
            if agent["proc"].poll() is not None:
                raise DemoError(f"gridagent {agent['account']} exited with "
                                f"{agent['proc'].returncode}; see {agent['log']}")

        wait_until(f"{agent['account']}'s node to register", lambda: node_of(url, farm, address),
                   60, alive)
        ids[agent["account"]] = node_of(url, farm, address)
    return ids


ADDRESSES = {}  # account name -> address, of the dev accounts and keys the demo uses


def ensure_contracts(cli, node_ids, log):
    wanted = [
        ("bob", ["create-node", str(node_ids["dave"]), "--cru", "2", "--mru", "4GiB", "--sru",
                 "50GiB", "--public-ips", "1", "--deployment-text", '{"name":"web"}']),
        ("bob", ["create-name", "demo-site"]),
        ("charlie", ["create-node", str(node_ids["eve"]), "--cru", "4", "--mru", "8GiB",
                     "--sru", "100GiB", "--deployment-text", '{"name":"db"}']),
    ]
    ids = []
    for account in ("bob", "charlie"):
        ensure_twin(cli, account)
        mine = cli.json("--from", account, "contract", "list", "--mine")["contracts"]
        if mine:
            ids += [c["id"] for c in mine]
            continue
        for who, args in wanted:
            if who == account:
                cli.run("--from", account, "contract", *args)
        created = cli.json("--from", account, "contract", "list", "--mine")["contracts"]
        ids += [c["id"] for c in created]
        log(f"{account} created contracts {', '.join(c['id'] for c in created)}")
    return ids


def seed(url, bin_dir, workdir, log=print, seeded=None):
    """Seeds the demo on the dev chain at url (idempotent) and starts the agents. Returns
    {farm_id, node_ids, contract_ids, accounts, agents}, filled into `seeded` as it goes (so
    stop(seeded) stops the agents even when a later step failed)."""
    seeded = {} if seeded is None else seeded
    os.makedirs(os.path.join(workdir, "logs"), exist_ok=True)
    cli = Cli(os.path.join(bin_dir, "tools", "gridcli"), url, os.path.join(workdir, "keys"))
    for name in ("alice", "bob", "charlie", "dave", "eve"):
        ADDRESSES[name] = cli.run("keys", "address", name).stdout.strip()
    seeded["accounts"] = dict(ADDRESSES)
    seeded["farm_id"] = ensure_farm(cli, log)
    seeded["agents"] = start_agents(bin_dir, url, seeded["farm_id"], workdir)
    seeded["node_ids"] = wait_for_nodes(url, seeded["farm_id"], seeded["agents"])
    log("gridagent nodes: " +
        ", ".join(f"{a} -> node {n}" for a, n in seeded["node_ids"].items()))
    seeded["contract_ids"] = ensure_contracts(cli, seeded["node_ids"], log)
    seeded["proposal_id"] = ensure_staking_and_proposal(cli, seeded["farm_id"], log)
    return seeded


def ensure_staking_and_proposal(cli, farm_id, log):
    """charlie's bond to the validator and alice's proposal; returns the proposal's id."""
    validator = cli.json("validator", "list", "--active")["validators"][0]["address"]
    if int(cli.json("stake", "show", "charlie")["bonded"]) == 0:
        cli.run("--from", "charlie", "stake", "bond", validator, "500")
        log(f"charlie bonded 500 TFT to {validator}")
    proposals = cli.json("gov", "list", "--kind", "proposal")["proposals"]
    if proposals:
        return proposals[-1]["id"]
    out = cli.run("--from", "alice", "gov", "propose", "add-price-feeder", ADDRESSES["bob"],
                  "--description", "bob feeds the TFT price").stdout
    proposal = out.split("proposal ", 1)[1].split(" ", 1)[0]
    cli.run("--from", "alice", "gov", "vote", proposal, str(farm_id), "yes")
    log(f"alice proposed bob as a price feeder (proposal {proposal}) and voted yes")
    return proposal


def stop(seeded, timeout=30):
    """SIGTERM to every agent (each reports its node powered down), then waits for them."""
    for agent in seeded.get("agents", []):
        if agent["proc"].poll() is None:
            agent["proc"].send_signal(signal.SIGTERM)
    for agent in seeded.get("agents", []):
        try:
            agent["proc"].wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            agent["proc"].kill()


BANNER = """
Gridchain dev demo is running (chain {chain_id}, height {height}).
  JSON-RPC   {url}/rpc
  explorer   {url}/
  events     curl -N {url}/events
  metrics    {url}/metrics
  logs       {logs}/ (gridagent-*.log); the node logs here

The farm {farm} has nodes {nodes} (gridagent for dave and eve); contracts {contracts} are billed
every 30 s. Try, with {cli}:
  {cli} node list
  {cli} contract list
  {cli} contract bills {first_contract}
  {cli} balance bob
  {cli} --from alice transfer bob 10
  {cli} keys new mykey && {cli} --from alice transfer mykey 100
  {cli} contract estimate --cru 2 --mru 4GiB --sru 50GiB --ips 1
  {cli} validator list
  {cli} stake show charlie
  {cli} gov list
Ctrl-C stops everything.
"""


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--bin-dir", required=True, help="the build directory (build/dev)")
    parser.add_argument("--home", default=".gridchain-dev",
                        help="the chain's data, the demo's keys, agent state and logs "
                        "(default .gridchain-dev)")
    parser.add_argument("--rpc", default="127.0.0.1:26657",
                        help="JSON-RPC and explorer address (default 127.0.0.1:26657)")
    parser.add_argument("--p2p", default="127.0.0.1:26656",
                        help="p2p address (default 127.0.0.1:26656)")
    parser.add_argument("--reset", action="store_true", help="start a new chain")
    parser.add_argument("--no-demo", action="store_true", help="the chain only: no farm, "
                        "agents or contracts")
    args = parser.parse_args()

    home = os.path.abspath(args.home)
    url = f"http://{args.rpc}"
    explorer = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "explorer")
    argv = [os.path.join(args.bin_dir, "node", "gridnode"), "dev", "--home", home, "--rpc",
            args.rpc, "--p2p", args.p2p, "--params", DEMO_PARAMS,
            "--explorer", os.path.normpath(explorer)]
    if args.reset:
        argv.append("--reset")
    node = spawn(argv)
    seeded = {}
    stopping = []
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    code = 0
    try:
        def alive():
            if stopping:
                raise KeyboardInterrupt
            if node.poll() is not None:
                raise DemoError(f"gridnode dev exited with code {node.returncode}")

        wait_until("the node's first block", lambda: rpc(url, "chain_status")["height"] >= 1,
                   60, alive)
        if not args.no_demo:
            seed(url, args.bin_dir, home, log=lambda m: print(f"demo: {m}", flush=True),
                 seeded=seeded)
        status = rpc(url, "chain_status")
        cli = os.path.relpath(os.path.join(args.bin_dir, "tools", "gridcli"))
        if args.rpc != "127.0.0.1:26657":
            cli += f" --node {url}"
        print(BANNER.format(
            chain_id=status["chain_id"], height=status["height"], url=url,
            logs=os.path.join(home, "logs"), farm=seeded.get("farm_id", "-"),
            nodes=", ".join(str(n) for n in seeded.get("node_ids", {}).values()) or "-",
            contracts=", ".join(seeded.get("contract_ids", [])) or "-",
            first_contract=(seeded.get("contract_ids") or ["1"])[0], cli=cli), flush=True)
        while not stopping and node.poll() is None:
            time.sleep(0.2)
        if node.poll() is not None and not stopping:
            raise DemoError(f"gridnode dev exited with code {node.returncode}")
    except KeyboardInterrupt:
        pass
    except DemoError as e:
        print(f"demo: {e}", file=sys.stderr, flush=True)
        if "other parameters" in str(e) or node.poll() == 1:
            print("demo: if the chain in the home directory predates the demo's parameters, "
                  "start over with ./scripts/dev --reset", file=sys.stderr)
        code = 1
    print("demo: stopping the agents (each reports its node powered down), then the node",
          flush=True)
    stop(seeded)
    if node.poll() is None:
        node.send_signal(signal.SIGINT)
        try:
            node.wait(timeout=30)
        except subprocess.TimeoutExpired:
            node.kill()
    print("demo: stopped", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())

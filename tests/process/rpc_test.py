#!/usr/bin/env python3
"""The JSON-RPC API of a running dev node holding real data (the demo of scripts/lib/demo.py: a
farm, two gridagent nodes, contracts being billed):

  - every method documented in docs/api.md is called with good params and answers the documented
    fields; each is also called with bad params and answers the documented error code;
  - the JSON-RPC 2.0 rules over HTTP: batches (notifications omitted, an empty batch -> one
    -32600, a batch of notifications -> HTTP 204), notifications, ids echoed, -32700 parse error
    and nesting too deep, -32600 invalid request and a body over 1 MiB (HTTP 413), -32601,
    HTTP 415 for another content type;
  - account_getProof and state_getProof checked by a verifier written here from the tree rules
    of docs/wire.md section 7 against the committed header's state_root (presence, absence);
  - GET /events delivers a contract's event and the block checkpoint; GET /metrics counts the
    bills; GET /health.

usage: rpc_test.py --gridnode PATH --gridcli PATH --gridagent PATH [--keep]
"""
import argparse
import hashlib
import json
import os
import re
import sys
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts", "lib"))
import demo  # noqa: E402
import harness  # noqa: E402
import seeded_dev  # noqa: E402
from harness import HarnessError, RpcError, log  # noqa: E402
import py_wallet as pw  # noqa: E402
from py_wallet import Wallet, wallet  # noqa: E402

PARAMS = "billing_period=5,uptime_report_interval=10,consumption_report_interval=10"
INVALID_PARAMS, NOT_FOUND, REFUSED = -32602, -32001, -32000


# --- HTTP ----------------------------------------------------------------------------------------
def post(url, body, content_type="application/json"):
    """(HTTP status, parsed JSON body or None) of one POST /rpc."""
    data = body if isinstance(body, bytes) else body.encode()
    request = urllib.request.Request(url + "/rpc", data=data, method="POST",
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    return status, (json.loads(text) if text.strip() else None)


def expect(cond, what):
    if not cond:
        raise HarnessError(what)


def error_of(url, method, params):
    try:
        harness.rpc(url, method, params)
    except RpcError as e:
        return e
    raise HarnessError(f"{method} {params} did not fail")


# --- the state tree verifier (docs/wire.md section 7), independent of the C++ one ---------------
def b2b(*parts):
    return hashlib.blake2b(b"".join(parts), digest_size=32).digest()


def verify_proof(root_hex, key_hex, value_hex, proof):
    key_hash = b2b(bytes.fromhex(key_hex))
    siblings = [bytes.fromhex(s) for s in proof["siblings"]]
    if value_hex is not None:
        node = b2b(b"\x00", key_hash, b2b(bytes.fromhex(value_hex)))
    elif proof["leaf"] is not None:
        other = bytes.fromhex(proof["leaf"]["key_hash"])
        if other == key_hash:
            return False
        node = b2b(b"\x00", other, bytes.fromhex(proof["leaf"]["value_hash"]))
    else:
        node = bytes(32)
    for depth in range(len(siblings), 0, -1):
        bit = (key_hash[(depth - 1) // 8] >> (7 - (depth - 1) % 8)) & 1
        sibling = siblings[depth - 1]
        node = b2b(b"\x01", node, sibling) if bit == 0 else b2b(b"\x01", sibling, node)
    return node.hex() == root_hex


# --- the checks ----------------------------------------------------------------------------------
def documented_methods():
    with open(os.path.join(HERE, "..", "..", "docs", "api.md"), encoding="utf-8") as f:
        return set(re.findall(r"^### ([a-z]+_[A-Za-z]+)$", f.read(), re.M))


def check_every_method(url, world, alice):
    tip = harness.rpc(url, "chain_status")["height"]
    node_id = world["node_ids"]["dave"]
    contract = world["contract_ids"][0]
    bob = world["accounts"]["bob"]
    validator = harness.rpc(url, "staking_listValidators")["validators"][0]["address"]
    # A farm-weighted proposal by alice (on the dev council): create_proposal 0x72 with the
    # action set_chain_param 0x02 {name, value}, then description and link (docs/wire.md).
    proposal = alice.event(b"\x72\x02" + pw.blob(b"billing_period") + wallet.u64(60)
                           + pw.blob(b"bill every minute") + pw.blob(b""), "proposal_created")
    proposal_id = proposal["attributes"]["proposal"]
    signed = alice.sign(b"\x00" + wallet.account_id(wallet.h(b"gridchain/dev/bob"))
                        + wallet.u64(5))
    tx_id = harness.rpc(url, "tx_search", {"account": alice.address, "size": 1})["txs"][0]["id"]
    good = {
        "chain_status": ({}, ["chain_id", "height", "latest_block_hash", "validator_set_hash"]),
        "chain_getBlock": ({"height": 2}, ["header", "transactions"]),
        "chain_getBlockResults": ({"height": 2}, ["receipts", "block_events"]),
        "chain_getHeaders": ({"from": 1, "to": 3}, ["headers"]),
        "chain_getCommit": ({"height": 2}, ["header", "commit"]),
        "chain_getValidators": ({"height": 2}, ["validators"]),
        "tx_estimateFee": ({"tx": signed}, ["fee", "size"]),
        "tx_simulate": ({"tx": signed}, ["ok", "fee", "events"]),
        "tx_submit": ({"tx": signed}, ["id"]),
        "tx_submitAndWait": ({"tx": alice.sign(b"\x00" + bytes(33) + wallet.u64(1),
                                               nonce=alice.nonce() + 1), "timeout_ms": 10000},
                             ["id", "status", "receipt"]),
        "tx_get": ({"id": tx_id}, ["status", "tx", "receipt"]),
        "tx_search": ({"node": node_id, "size": 5}, ["total", "txs"]),
        "account_get": ({"address": bob}, ["free", "nonce", "twin_id"]),
        "account_getProof": ({"address": bob}, ["state_root", "proof", "account"]),
        "state_getProof": ({"kind": "node", "id": node_id}, ["value", "proof"]),
        "twin_get": ({"address": bob}, ["id", "account"]),
        "farm_get": ({"id": world["farm_id"]}, ["name", "public_ips"]),
        "farm_list": ({"name_contains": "demo"}, ["total", "farms"]),
        "node_get": ({"id": node_id}, ["capacity", "status", "farm_id"]),
        "node_list": ({"farm_id": world["farm_id"], "sort_by": "free_cru"}, ["total", "nodes"]),
        "contract_get": ({"id": contract}, ["state", "twin_id"]),
        "contract_list": ({"node_id": node_id}, ["total", "contracts"]),
        "contract_getBills": ({"id": contract}, ["total", "bills"]),
        "contract_estimateCost": ({"node_id": node_id, "resources": {"cru": "2"}},
                                  ["per_hour", "per_30_days"]),
        "pricing_getPolicy": ({"id": 1}, ["cu", "su"]),
        "farming_getPolicy": ({"id": 1}, ["name"]),
        "price_get": ({}, ["latest_musd", "average_musd", "effective_musd"]),
        "stats_get": ({}, ["nodes", "farms", "contracts", "capacity", "tft"]),
        "staking_getValidator": ({"address": validator},
                                 ["consensus_key", "total_bond", "active", "voting_power"]),
        "staking_listValidators": ({"active": True}, ["epoch", "staking_pool", "validators"]),
        "staking_getDelegations": ({"address": validator},
                                   ["bonded", "delegations", "unbonding_entries"]),
        "gov_listProposals": ({"state": "open"}, ["total", "proposals"]),
        "gov_getProposal": ({"id": proposal_id}, ["action", "state", "votes", "farms_needed"]),
    }
    bad = {
        "chain_getBlock": ({"height": tip + 1000}, NOT_FOUND),
        "chain_getBlockResults": ({"height": "2"}, INVALID_PARAMS),
        "chain_getHeaders": ({"from": 1, "to": 5000}, INVALID_PARAMS),
        "chain_getCommit": ({}, INVALID_PARAMS),
        "chain_getValidators": ({"height": -1}, INVALID_PARAMS),
        "tx_estimateFee": ({"tx": "zz"}, INVALID_PARAMS),
        "tx_simulate": ({"tx": "00"}, REFUSED),
        "tx_submit": ({"tx": signed}, REFUSED),  # already known (or its nonce is used)
        "tx_submitAndWait": ({"tx": "0102"}, REFUSED),
        "tx_get": ({"id": "12"}, INVALID_PARAMS),
        "tx_search": ({"twin": 1, "node": 1}, INVALID_PARAMS),
        "account_get": ({"address": "tf1notanaddress"}, INVALID_PARAMS),
        "account_getProof": ({"address": bob, "height": 0}, INVALID_PARAMS),
        "state_getProof": ({"kind": "moon", "id": 1}, INVALID_PARAMS),
        "twin_get": ({"id": 99999}, NOT_FOUND),
        "farm_get": ({"id": 99999}, NOT_FOUND),
        "farm_list": ({"size": 0}, INVALID_PARAMS),
        "node_get": ({"id": 99999}, NOT_FOUND),
        "node_list": ({"sort_by": "price"}, INVALID_PARAMS),
        "contract_get": ({"id": "99999"}, NOT_FOUND),
        "contract_list": ({"state": "sleeping"}, INVALID_PARAMS),
        "contract_getBills": ({"id": 1}, INVALID_PARAMS),  # ids are strings
        "contract_estimateCost": ({"kind": "service"}, INVALID_PARAMS),
        "pricing_getPolicy": ({"id": 99}, NOT_FOUND),
        "farming_getPolicy": ({}, INVALID_PARAMS),
        "price_get": ({"extra": 1}, INVALID_PARAMS),
        "stats_get": ({"extra": 1}, INVALID_PARAMS),
        "chain_status": ({"extra": 1}, INVALID_PARAMS),
        "staking_getValidator": ({"address": bob}, NOT_FOUND),
        "staking_listValidators": ({"size": 0}, INVALID_PARAMS),
        "staking_getDelegations": ({"address": "tf1x"}, INVALID_PARAMS),
        "gov_listProposals": ({"state": "sleeping"}, INVALID_PARAMS),
        "gov_getProposal": ({"id": "99999"}, NOT_FOUND),
    }
    missing = documented_methods() - set(good)
    expect(not missing, f"documented methods not exercised: {sorted(missing)}")
    for method, (params, fields) in good.items():
        result = harness.rpc(url, method, params, timeout=15)
        for field in fields:
            expect(isinstance(result, dict) and field in result,
                   f"{method}: no '{field}' in {str(result)[:300]}")
    for method, (params, code) in bad.items():
        e = error_of(url, method, params)
        expect(e.code == code, f"{method} {params}: error {e.code} ({e}), expected {code}")
    expect(set(bad) == set(good), f"methods without an error case: {set(good) - set(bad)}")
    log(f"{len(good)} methods answer with real data; each refuses bad params with its code")


def check_jsonrpc_rules(url):
    status, reply = post(url, json.dumps([
        {"jsonrpc": "2.0", "method": "chain_status", "id": "a"},
        {"jsonrpc": "2.0", "method": "chain_status"},  # a notification: no answer
        {"jsonrpc": "2.0", "method": "nope", "id": None},
        {"jsonrpc": "1.0", "method": "chain_status", "id": 3},
        7]))
    expect(status == 200 and isinstance(reply, list) and len(reply) == 4, f"batch: {reply}")
    expect(reply[0]["id"] == "a" and "result" in reply[0], f"batch[0]: {reply[0]}")
    expect(reply[1]["id"] is None and reply[1]["error"]["code"] == -32601, f"batch[1]: {reply}")
    expect(reply[2]["error"]["code"] == -32600 and reply[3]["error"]["code"] == -32600,
           f"batch[2..3]: {reply}")
    status, reply = post(url, "[]")
    expect(isinstance(reply, dict) and reply["error"]["code"] == -32600, f"[]: {reply}")
    status, reply = post(url, '[{"jsonrpc":"2.0","method":"chain_status"}]')
    expect(status == 204 and reply is None, f"a batch of notifications: {status} {reply}")
    status, reply = post(url, '{"jsonrpc":"2.0","method":"chain_status"}')
    expect(status == 204, f"a notification: {status} {reply}")
    status, reply = post(url, '{"jsonrpc":"2.0","method":"chain_status","params":[],"id":7.5}')
    expect(reply.get("id") == 7.5 and "result" in reply, f"a number id echoed: {reply}")
    status, reply = post(url, '{"jsonrpc":"2.0",')
    expect(reply["error"]["code"] == -32700 and reply["id"] is None, f"parse error: {reply}")
    deep = '{"jsonrpc":"2.0","method":"chain_status","id":1,"params":' + "[" * 100 + "]" * 100 + "}"
    status, reply = post(url, deep)
    expect(reply["error"]["code"] == -32700, f"nesting 100 deep: {reply}")
    status, reply = post(url, '{"jsonrpc":"2.0","method":"x","id":1,"params":"' + "a" * (1 << 20)
                         + '"}')
    expect(status == 413 and reply["error"]["code"] == -32600, f"over 1 MiB: {status} {reply}")
    status, reply = post(url, '{"jsonrpc":"2.0","method":"chain_status","id":1}', "text/plain")
    expect(status == 415 and reply["error"]["code"] == -32600, f"text/plain: {status} {reply}")
    status, reply = post(url, '{"jsonrpc":"2.0","method":"chain_status","id":1}',
                         "application/json; charset=utf-8")
    expect(status == 200 and "result" in reply, f"a charset parameter: {status} {reply}")
    log("JSON-RPC 2.0 rules hold over HTTP")


def check_proofs(url, world):
    height = harness.rpc(url, "chain_status")["height"]
    root = harness.rpc(url, "chain_getBlock", {"height": height})["header"]["state_root"]
    proof = harness.rpc(url, "account_getProof", {"address": world["accounts"]["bob"],
                                                  "height": height})
    expect(proof["state_root"] == root, f"the proof's root {proof['state_root']} is not {root}")
    expect(proof["value"] is not None, "bob's account is in the state")
    expect(verify_proof(root, proof["key"], proof["value"], proof["proof"]),
           "bob's account proof does not verify against the header's state_root")
    expect(not verify_proof(root, proof["key"], proof["value"][:-2] + "ff", proof["proof"]),
           "a changed value still verifies")
    older = harness.rpc(url, "chain_getBlock", {"height": height - 1})["header"]["state_root"]
    expect(not verify_proof(older, proof["key"], proof["value"], proof["proof"]) or older == root,
           "the proof verifies against another block's root")
    absent = harness.rpc(url, "state_getProof", {"kind": "contract", "id": "987654",
                                                 "height": height})
    expect(absent["value"] is None, "contract 987654 does not exist")
    expect(verify_proof(root, absent["key"], None, absent["proof"]), "the absence proof fails")
    node = harness.rpc(url, "state_getProof", {"kind": "node", "id": world["node_ids"]["eve"],
                                               "height": height})
    expect(verify_proof(root, node["key"], node["value"], node["proof"]), "node proof fails")
    log(f"proofs of an account, a node and an absent contract verify against block {height}")


def check_feeds(url, world):
    contract = world["contract_ids"][0]
    node = world["node_ids"]["dave"]
    request = urllib.request.Request(f"{url}/events?from=1&node={node}&kind=contract_created")
    seen_event = seen_block = False
    with urllib.request.urlopen(request, timeout=15) as stream:
        expect(stream.headers.get_content_type() == "text/event-stream", "not an SSE stream")
        message = []
        while not (seen_event and seen_block):
            line = stream.readline().decode()
            expect(line != "", "the stream ended")
            if line.strip():
                message.append(line.strip())
                continue
            kind = next((m[7:] for m in message if m.startswith("event: ")), "")
            data = json.loads(next((m[6:] for m in message if m.startswith("data: ")), "null"))
            if kind == "event":
                expect(data["event"]["kind"] == "contract_created" and data["event"]["node"] == node,
                       f"an event the filter should drop: {data}")
                seen_event = seen_event or data["event"]["contract"] == contract
            elif kind == "block" and seen_event:
                seen_block = any(m == f"id: {data['height']}" for m in message)
            message = []
    status, _ = post(url, "{}")  # the server is still fine after the stream closed
    expect(status == 200, "the RPC after a stream")
    try:
        urllib.request.urlopen(f"{url}/events?node=abc", timeout=5)
        raise HarnessError("a bad filter was accepted")
    except urllib.error.HTTPError as e:
        expect(e.code == 400 and b"node" in e.read(), f"a bad filter: HTTP {e.code}")
    harness.wait_until(lambda: metric(url, "gridchain_bills_total") > 0, 30, "a bill counted")
    expect(metric(url, "gridchain_height") >= 1, "gridchain_height")
    expect(harness.health(url), "GET /health")
    log("/events delivered the contract's event and checkpoint; /metrics counts bills")


def metric(url, name):
    with urllib.request.urlopen(url + "/metrics", timeout=5) as r:
        text = r.read().decode()
    found = re.search(rf"^{name} (\S+)$", text, re.M)
    return float(found.group(1)) if found else -1


def scenario(args, workdir):
    harness.set_deadline(200)
    url, world = seeded_dev.start(args, workdir, PARAMS)
    check_every_method(url, world, Wallet(url, "alice"))
    check_jsonrpc_rules(url)
    check_proofs(url, world)
    check_feeds(url, world)
    demo.stop(world)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gridnode", required=True)
    parser.add_argument("--gridcli", required=True)
    parser.add_argument("--gridagent", required=True)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    return harness.run_main(lambda workdir: scenario(args, workdir), keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())

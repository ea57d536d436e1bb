#!/usr/bin/env python3
"""A wallet for the process tests, in Python from docs/wire.md alone (the signing of
tests/wire/outside_wallet.py): dev keys, the transaction envelope, submit and wait."""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "wire"))
import harness  # noqa: E402
import outside_wallet as wallet  # noqa: E402

FEE = 1_000_000  # well above base_fee + byte_fee x size


def u32(v):
    return struct.pack("<I", v)


def boolean(v):
    return b"\x01" if v else b"\x00"


def blob(b):
    return u32(len(b)) + b


class Wallet:
    def __init__(self, url, name):
        self.url = url
        self.secret = wallet.h(("gridchain/dev/" + name).encode())
        self.account = wallet.account_id(self.secret)
        self.address = wallet.bech32m_encode("tf", self.account)

    def nonce(self):
        return int(harness.rpc(self.url, "account_get", {"address": self.address})["nonce"])

    def sign(self, call, nonce=None, fee=FEE):
        """The hex of a signed transaction (the account's committed nonce unless given)."""
        nonce = self.nonce() if nonce is None else nonce
        body = (wallet.u8(1) + wallet.string("gridchain-dev") + self.account + wallet.u64(nonce)
                + wallet.u64(fee) + call)
        signature = wallet.schnorr_sign(wallet.h(b"gridchain/tx/v1" + body), self.secret,
                                        os.urandom(32))
        return (body + signature).hex()

    def send(self, call):
        """Signs and submits one call; returns the receipt (HarnessError unless it succeeded)."""
        result = harness.rpc(self.url, "tx_submitAndWait",
                             {"tx": self.sign(call), "timeout_ms": 15000}, timeout=20)
        receipt = result.get("receipt")
        if result.get("status") != "committed" or not receipt or not receipt["ok"]:
            raise harness.HarnessError(f"transaction failed: {result}")
        return receipt

    def event(self, call, kind):
        for e in self.send(call)["events"]:
            if e["kind"] == kind:
                return e
        raise harness.HarnessError(f"no {kind} event")

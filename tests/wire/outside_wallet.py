#!/usr/bin/env python3
"""An outside wallet, written from docs/wire.md alone (no Gridchain code): derives the dev
accounts, encodes and signs alice's transfer to bob, and checks every value against the golden
vectors in tests/vectors/wire_vectors.txt. BIP-340 follows the BIP's reference algorithm; the
hash is BLAKE2b-256 from Python's hashlib. Exit code 0 when everything matches."""
import hashlib
import struct
import sys

# --- BIP-340 (secp256k1 Schnorr), after the reference code in the BIP ---------------------------
P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
G = (0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
     0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8)


def point_add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0] and a[1] != b[1]:
        return None
    if a == b:
        lam = 3 * a[0] * a[0] * pow(2 * a[1], P - 2, P) % P
    else:
        lam = (b[1] - a[1]) * pow(b[0] - a[0], P - 2, P) % P
    x3 = (lam * lam - a[0] - b[0]) % P
    return (x3, (lam * (a[0] - x3) - a[1]) % P)


def point_mul(point, k):
    result = None
    for i in range(256):
        if (k >> i) & 1:
            result = point_add(result, point)
        point = point_add(point, point)
    return result


def tagged_sha256(tag, msg):
    t = hashlib.sha256(tag.encode()).digest()
    return hashlib.sha256(t + t + msg).digest()


def b32(i):
    return i.to_bytes(32, "big")


def xonly(secret):
    return b32(point_mul(G, int.from_bytes(secret, "big"))[0])


def schnorr_sign(msg, secret, aux):
    d0 = int.from_bytes(secret, "big")
    pub = point_mul(G, d0)
    d = d0 if pub[1] % 2 == 0 else N - d0
    t = bytes(x ^ y for x, y in zip(b32(d), tagged_sha256("BIP0340/aux", aux)))
    k0 = int.from_bytes(tagged_sha256("BIP0340/nonce", t + b32(pub[0]) + msg), "big") % N
    r = point_mul(G, k0)
    k = k0 if r[1] % 2 == 0 else N - k0
    e = int.from_bytes(tagged_sha256("BIP0340/challenge", b32(r[0]) + b32(pub[0]) + msg), "big") % N
    return b32(r[0]) + b32((k + e * d) % N)


# --- bech32m (BIP-350) ---------------------------------------------------------------------------
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def bech32m_encode(hrp, data8):
    acc, bits, data5 = 0, 0, []
    for b in data8:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data5.append((acc >> bits) & 31)
    if bits:
        data5.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = polymod(expanded + data5 + [0] * 6) ^ 0x2BC830A3
    checksum = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARSET[d] for d in data5 + checksum)


# --- the codec of docs/wire.md -------------------------------------------------------------------
def h(data):
    return hashlib.blake2b(data, digest_size=32).digest()


def u8(v):
    return struct.pack("<B", v)


def u64(v):
    return struct.pack("<Q", v)


def string(s):
    raw = s.encode()
    return struct.pack("<I", len(raw)) + raw


def account_id(secret):
    return u8(0) + xonly(secret)  # scheme 0: secp256k1 x-only key


def main(vectors_path):
    vectors = {}
    for line in open(vectors_path, encoding="utf-8"):
        if " = " in line:
            key, value = line.rstrip("\n").split(" = ", 1)
            vectors[key] = value
    ok = True

    def check(name, value):
        nonlocal ok
        if vectors.get(name) != value:
            print(f"MISMATCH {name}: wallet {value}, vectors {vectors.get(name)}")
            ok = False

    secrets = {}
    for name in ["alice", "bob", "charlie", "dave", "eve", "ferdie"]:
        secrets[name] = h(("gridchain/dev/" + name).encode())
        check(name + ".secret", secrets[name].hex())
        check(name + ".public", xonly(secrets[name]).hex())
        check(name + ".account_id", account_id(secrets[name]).hex())
        check(name + ".address", bech32m_encode("tf", account_id(secrets[name])))

    # Tx body: version, chain_id, signer, nonce, fee, call (tag 0x00 transfer: to, amount).
    body = (u8(1) + string("gridchain-dev") + account_id(secrets["alice"]) + u64(0) + u64(20000)
            + u8(0x00) + account_id(secrets["bob"]) + u64(100_000_000))
    message = h(b"gridchain/tx/v1" + body)
    signature = schnorr_sign(message, secrets["alice"], bytes(32))
    tx = body + signature
    check("transfer.body", body.hex())
    check("transfer.signing_message", message.hex())
    check("transfer.signature", signature.hex())
    check("transfer.tx", tx.hex())
    check("transfer.id", h(tx).hex())
    print("outside wallet: all vectors match" if ok else "outside wallet: MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "tests/vectors/wire_vectors.txt"))

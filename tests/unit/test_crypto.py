"""Offline tests for fixtures/matrix/crypto.py (no homeserver needed).

Where possible results are checked with code paths independent of the module
under test: signedjson for signatures, a hand-written HKDF, and
tests/secret_storage_reference.py (a reference base58, cryptography's primitives
called directly) for recovery keys and secret storage.
"""

import base64
import hashlib
import hmac
import sys
from pathlib import Path

import base58
import pytest
import signedjson.key
import signedjson.sign
from canonicaljson import encode_canonical_json
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from fixtures.matrix import crypto as c  # noqa: E402
from tests.secret_storage_reference import (  # noqa: E402
    b58encode, key_check_mac, recovery_key_bytes, ssss_decrypt, unb64)

USER = "@alice:example.org"


_b64d = unb64


def _signedjson_verify(obj, user_id, key_id, public_b64):
    """Verify via the signedjson library (independent of fixtures.matrix.crypto)."""
    vk = signedjson.key.decode_verify_key_bytes(key_id, _b64d(public_b64))
    signedjson.sign.verify_signed_json(obj, user_id, vk)


# ---------------------------------------------------------------- signing


def test_ed25519_key_basics():
    seed = bytes(range(32))
    k = c.Ed25519Key(SigningKey(seed))
    assert k.seed == seed
    assert "=" not in k.seed_b64 and _b64d(k.seed_b64) == seed
    expected_pub = bytes(SigningKey(seed).verify_key)
    assert k.public_bytes == expected_pub
    assert k.public_b64 == base64.b64encode(expected_pub).decode().rstrip("=")
    assert "=" not in k.public_b64 and len(k.public_b64) == 43
    assert k.key_id == "ed25519:" + k.public_b64


def test_sign_json_verifies_with_signedjson_and_nacl():
    k = c.Ed25519Key.generate()
    obj = {"b": 1, "a": [1, 2, {"z": "é"}], "unsigned": {"x": 1}}
    out = k.sign_json(obj, USER, "ed25519:DEV")
    assert out is obj
    sig = obj["signatures"][USER]["ed25519:DEV"]
    assert "=" not in sig and len(_b64d(sig)) == 64
    _signedjson_verify(obj, USER, "ed25519:DEV", k.public_b64)

    # Direct nacl check over canonical JSON minus signatures/unsigned.
    payload = encode_canonical_json({"a": [1, 2, {"z": "é"}], "b": 1})
    VerifyKey(k.public_bytes).verify(payload, _b64d(sig))

    # 'unsigned' is not covered, other fields are.
    obj["unsigned"] = {"changed": True}
    _signedjson_verify(obj, USER, "ed25519:DEV", k.public_b64)
    obj["b"] = 2
    with pytest.raises(Exception):
        _signedjson_verify(obj, USER, "ed25519:DEV", k.public_b64)


def test_sign_json_keeps_existing_signatures_and_verify_json():
    k1, k2 = c.Ed25519Key.generate(), c.Ed25519Key.generate()
    obj = {"x": 1}
    k1.sign_json(obj, USER)
    k2.sign_json(obj, "@bob:example.org")
    assert set(obj["signatures"]) == {USER, "@bob:example.org"}
    c.verify_json(obj, USER, k1.key_id, k1.public_b64)
    c.verify_json(obj, "@bob:example.org", k2.key_id, k2.public_b64)
    with pytest.raises(BadSignatureError):
        c.verify_json(obj, USER, k1.key_id, k2.public_b64)
    with pytest.raises(ValueError):
        c.verify_json(obj, USER, "ed25519:nope", k1.public_b64)


# ---------------------------------------------------------------- device keys


def test_device_keys_upload_shape_and_signature():
    d = c.DeviceKeys(USER, "DEVICEA")
    up = d.to_upload()
    assert up["user_id"] == USER and up["device_id"] == "DEVICEA"
    assert up["algorithms"] == ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"]
    assert up["keys"] == {
        "curve25519:DEVICEA": d.curve25519.public_b64,
        "ed25519:DEVICEA": d.ed25519.public_b64,
    }
    assert list(up["signatures"]) == [USER]
    assert list(up["signatures"][USER]) == ["ed25519:DEVICEA"]
    _signedjson_verify(up, USER, "ed25519:DEVICEA", up["keys"]["ed25519:DEVICEA"])
    assert len(_b64d(d.curve25519.public_b64)) == 32


def test_device_one_time_and_fallback_keys():
    d = c.DeviceKeys(USER, "DEVICEA")
    body = d.upload_body(one_time_keys=3, fallback_key=True)
    otks = body["one_time_keys"]
    assert len(otks) == 3 and len(set(otks)) == 3
    for kid, obj in otks.items():
        assert kid.startswith("signed_curve25519:")
        assert "fallback" not in obj
        _signedjson_verify(obj, USER, "ed25519:DEVICEA", d.ed25519.public_b64)
    (fkid, fobj), = body["fallback_keys"].items()
    assert fkid.startswith("signed_curve25519:") and fkid not in otks
    assert fobj["fallback"] is True
    _signedjson_verify(fobj, USER, "ed25519:DEVICEA", d.ed25519.public_b64)
    assert set(d.one_time_keys_private) | set(d.fallback_keys_private) == {
        k.split(":", 1)[1] for k in list(otks) + [fkid]
    }


# ---------------------------------------------------------------- cross-signing


def test_cross_signing_upload_body():
    cs = c.CrossSigning(USER)
    body = cs.upload_body()
    assert set(body) == {"master_key", "self_signing_key", "user_signing_key"}
    expect = {
        "master_key": ("master", cs.master),
        "self_signing_key": ("self_signing", cs.self_signing),
        "user_signing_key": ("user_signing", cs.user_signing),
    }
    for field, (usage, key) in expect.items():
        obj = body[field]
        assert obj["user_id"] == USER
        assert obj["usage"] == [usage]
        assert obj["keys"] == {"ed25519:" + key.public_b64: key.public_b64}
    master_pub = cs.master.public_b64
    master_kid = "ed25519:" + master_pub
    for field in ("self_signing_key", "user_signing_key"):
        assert list(body[field]["signatures"][USER]) == [master_kid]
        _signedjson_verify(body[field], USER, master_kid, master_pub)
    # Signed by master, not by themselves.
    with pytest.raises(Exception):
        _signedjson_verify(body["self_signing_key"], USER, master_kid, cs.self_signing.public_b64)
    assert c.CrossSigning(USER).upload_body(auth={"type": "m.login.dummy"})["auth"] == {
        "type": "m.login.dummy"
    }


def test_sign_device_from_query_shape():
    cs = c.CrossSigning(USER)
    d = c.DeviceKeys(USER, "DEVICEB")
    queried = d.to_upload()
    queried["unsigned"] = {"device_display_name": "Phone"}
    out = cs.sign_device(queried)
    assert "unsigned" in queried  # input untouched
    assert list(out) == [USER] and list(out[USER]) == ["DEVICEB"]
    signed = out[USER]["DEVICEB"]
    assert "unsigned" not in signed
    sigs = signed["signatures"][USER]
    assert set(sigs) == {"ed25519:DEVICEB", cs.self_signing.key_id}
    _signedjson_verify(signed, USER, cs.self_signing.key_id, cs.self_signing.public_b64)
    _signedjson_verify(signed, USER, "ed25519:DEVICEB", d.ed25519.public_b64)
    with pytest.raises(ValueError):
        cs.sign_device(c.DeviceKeys("@bob:example.org", "X").to_upload())


def test_private_secrets_are_unpadded_seeds():
    cs = c.CrossSigning(USER)
    s = cs.private_secrets()
    assert set(s) == {"m.cross_signing.master", "m.cross_signing.self_signing", "m.cross_signing.user_signing"}
    assert _b64d(s["m.cross_signing.master"]) == cs.master.seed
    for v in s.values():
        assert "=" not in v and len(_b64d(v)) == 32
    # The seed regenerates the published public key.
    assert bytes(SigningKey(_b64d(s["m.cross_signing.self_signing"])).verify_key) == cs.self_signing.public_bytes


# ---------------------------------------------------------------- recovery key


def test_recovery_key_known_vector_zero_key():
    key = bytes(32)
    raw = bytes([0x8B, 0x01]) + key + bytes([0x8B ^ 0x01])
    compact = base58.b58encode(raw).decode()
    assert compact == b58encode(raw)
    expected = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    got = c.encode_recovery_key(key)
    assert got == expected
    # Pinned literal (regression guard).
    assert got == "EsSz ygLv VP1b xF1C v7kE eBQx MxDP buG5 w25T L3b6 hfyG Kkrd"
    assert recovery_key_bytes(got) == key


def test_recovery_key_round_trip_and_format():
    for _ in range(20):
        key = c.SecretStorageKey().key
        rk = c.encode_recovery_key(key)
        groups = rk.split(" ")
        assert all(len(g) == 4 for g in groups[:-1]) and 1 <= len(groups[-1]) <= 4
        assert len(rk.replace(" ", "")) == 48
        assert rk.startswith("Es")
        assert recovery_key_bytes(rk) == key  # prefix and parity byte checked there
    with pytest.raises(ValueError):
        c.encode_recovery_key(b"\0" * 31)


# ---------------------------------------------------------------- secret storage


def _rfc5869_hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    okm, t, i = b"", b"", 1
    while len(okm) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        okm += t
        i += 1
    return okm[:length]


def test_hkdf_derivation_independent():
    key = bytes(range(32))
    name = "m.cross_signing.master"
    aes_key, hmac_key = c.derive_ssss_keys(key, name)
    okm = HKDF(algorithm=hashes.SHA256(), length=64, salt=bytes(32), info=name.encode()).derive(key)
    assert (aes_key, hmac_key) == (okm[:32], okm[32:])
    assert okm == _rfc5869_hkdf_sha256(key, bytes(32), name.encode(), 64)
    # matrix-js-sdk passes an 8-byte zero salt; HMAC zero-pads keys, so it's identical.
    assert okm == _rfc5869_hkdf_sha256(key, bytes(8), name.encode(), 64)
    assert c.derive_ssss_keys(key, "other") != (aes_key, hmac_key)


def test_encrypt_secret_independent_decrypt():
    ssss = c.SecretStorageKey()
    name = "m.cross_signing.self_signing"
    enc = ssss.encrypt_secret(name, "hello secret")
    assert list(enc) == [ssss.key_id]
    payload = enc[ssss.key_id]
    assert set(payload) == {"iv", "ciphertext", "mac"}
    # Standard base64 with padding.
    for v in payload.values():
        assert len(v) % 4 == 0
        base64.b64decode(v, validate=True)
    iv = base64.b64decode(payload["iv"])
    ct = base64.b64decode(payload["ciphertext"])
    assert len(iv) == 16 and iv[8] & 0x80 == 0

    assert len(ct) == len(b"hello secret")
    assert ssss_decrypt(ssss.key, name, payload) == b"hello secret"
    with pytest.raises(ValueError, match="MAC"):  # the MAC is keyed by the secret's name
        ssss_decrypt(ssss.key, "m.cross_signing.master", payload)


def test_iv_bit63_always_cleared():
    ssss = c.SecretStorageKey()
    for _ in range(200):
        iv = base64.b64decode(ssss.encrypt_secret("x", "y")[ssss.key_id]["iv"])
        assert iv[8] & 0x80 == 0


def test_key_description_key_check():
    ssss = c.SecretStorageKey(name="Recovery key")
    desc = ssss.key_description()
    assert desc["algorithm"] == "m.secret_storage.v1.aes-hmac-sha2"
    assert desc["name"] == "Recovery key"
    assert ssss.key_description() == desc  # cached / idempotent
    iv = base64.b64decode(desc["iv"])
    assert len(iv) == 16 and iv[8] & 0x80 == 0
    # Key check: the MAC of encrypting 32 zero bytes with the empty name, recomputed here.
    assert base64.b64decode(desc["mac"]) == key_check_mac(ssss.key, iv)
    assert base64.b64decode(desc["mac"]) != key_check_mac(c.SecretStorageKey().key, iv)


def test_key_description_fixed_iv_deterministic():
    ssss = c.SecretStorageKey(key=bytes(32), key_id="KEYID")
    iv = bytes(16)
    assert ssss.key_description(iv) == ssss.key_description(iv)
    assert "name" not in ssss.key_description(iv)
    assert ssss.default_key_content() == {"key": "KEYID"}
    assert ssss.account_data_type == "m.secret_storage.key.KEYID"


# ---------------------------------------------------------------- bundle


def test_account_crypto_account_data():
    acc = c.AccountCrypto(USER)
    data = acc.account_data()
    kid = acc.ssss.key_id
    types = list(data)
    assert types[0] == f"m.secret_storage.key.{kid}"
    assert types[-1] == "m.secret_storage.default_key"
    assert data["m.secret_storage.default_key"] == {"key": kid}
    assert set(types[1:-1]) == {
        "m.cross_signing.master",
        "m.cross_signing.self_signing",
        "m.cross_signing.user_signing",
    }
    assert acc.account_data() == data  # stable across calls
    assert acc.account_data_items() == list(data.items())

    # Do what Element does, with the reference code: recovery key -> key -> check -> decrypt.
    key = recovery_key_bytes(acc.recovery_key)
    description = data[f"m.secret_storage.key.{kid}"]
    assert _b64d(description["mac"]) == key_check_mac(key, _b64d(description["iv"]))
    upload = acc.device_signing_upload_body()
    for secret, field in [
        ("m.cross_signing.master", "master_key"),
        ("m.cross_signing.self_signing", "self_signing_key"),
        ("m.cross_signing.user_signing", "user_signing_key"),
    ]:
        assert list(data[secret]["encrypted"]) == [kid]
        seed = _b64d(ssss_decrypt(key, secret, data[secret]["encrypted"][kid]).decode())
        pub = base64.b64encode(bytes(SigningKey(seed).verify_key)).decode().rstrip("=")
        assert upload[field]["keys"] == {"ed25519:" + pub: pub}

    with pytest.raises(ValueError):
        c.AccountCrypto(USER, cross_signing=c.CrossSigning("@bob:example.org"))


def test_b64decode_variants():
    data = bytes(range(40))
    for s in (
        base64.b64encode(data).decode(),
        base64.b64encode(data).decode().rstrip("="),
        base64.urlsafe_b64encode(data).decode().rstrip("="),
    ):
        assert c.b64decode(s) == data
    with pytest.raises(ValueError):
        c.b64decode("a")
    with pytest.raises(ValueError):
        c.b64decode("@@@@")

"""Reads back what fixtures/matrix/crypto.py writes into secret storage, from the spec and with
code of its own (a reference base58, `cryptography`'s HKDF and AES-CTR, hashlib's HMAC), so that a
test of the writing side does not check it through the module's own inverse."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Mapping

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_RECOVERY_KEY_PREFIX = bytes([0x8B, 0x01])  # spec: "Key representation"


def unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58_ALPHABET[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def b58decode(text: str) -> bytes:
    n = 0
    for char in text:
        n = n * 58 + _B58_ALPHABET.index(char)
    return bytes(len(text) - len(text.lstrip("1"))) + n.to_bytes((n.bit_length() + 7) // 8, "big")


def recovery_key_bytes(recovery_key: str) -> bytes:
    """The 32-byte key a recovery key carries; fails unless its prefix and parity byte are right."""
    raw = b58decode("".join(recovery_key.split()))
    assert len(raw) == 35 and raw[:2] == _RECOVERY_KEY_PREFIX, raw.hex()
    parity = 0
    for byte in raw:
        parity ^= byte
    assert parity == 0, f"parity byte {raw[-1]:#04x} does not make the XOR of all bytes zero"
    return raw[2:-1]


def ssss_keys(key: bytes, name: str) -> tuple[bytes, bytes]:
    """(AES key, HMAC key): HKDF-SHA256 of the key, 32 zero bytes of salt, the secret's name."""
    derived = HKDF(algorithm=hashes.SHA256(), length=64, salt=bytes(32), info=name.encode()).derive(key)
    return derived[:32], derived[32:]


def _aes_ctr(aes_key: bytes, iv: bytes, data: bytes) -> bytes:
    cipher = Cipher(algorithms.AES(aes_key), modes.CTR(iv)).encryptor()
    return cipher.update(data) + cipher.finalize()


def ssss_decrypt(key: bytes, name: str, payload: Mapping[str, str]) -> bytes:
    """The plaintext of one `{iv, ciphertext, mac}`; ValueError if the MAC is not the name's."""
    aes_key, hmac_key = ssss_keys(key, name)
    ciphertext = unb64(payload["ciphertext"])
    if hmac.new(hmac_key, ciphertext, hashlib.sha256).digest() != unb64(payload["mac"]):
        raise ValueError(f"MAC mismatch for {name!r}")
    return _aes_ctr(aes_key, unb64(payload["iv"]), ciphertext)


def key_check_mac(key: bytes, iv: bytes) -> bytes:
    """The key description's check: the MAC of 32 zero bytes encrypted under the empty name."""
    aes_key, hmac_key = ssss_keys(key, "")
    return hmac.new(hmac_key, _aes_ctr(aes_key, iv, bytes(32)), hashlib.sha256).digest()

"""One-time passwords: the published test vectors of RFC 4226 and RFC 6238, and our own rules."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from ikz.accounts import rules

SHA1_KEY = b"12345678901234567890"
SHA256_KEY = b"12345678901234567890123456789012"
SHA512_KEY = b"1234567890" * 6 + b"1234"


@pytest.mark.parametrize(
    "counter,code",
    list(
        enumerate(
            [
                "755224",
                "287082",
                "359152",
                "969429",
                "338314",
                "254676",
                "287922",
                "162583",
                "399871",
                "520489",
            ]
        )
    ),
)
def test_rfc_4226_appendix_d_hotp(counter: int, code: str) -> None:
    assert rules.hotp(SHA1_KEY, counter) == code


@pytest.mark.parametrize(
    "at,sha1,sha256,sha512",
    [
        (59, "94287082", "46119246", "90693936"),
        (1111111109, "07081804", "68084774", "25091201"),
        (1111111111, "14050471", "67062674", "99943326"),
        (1234567890, "89005924", "91819424", "93441116"),
        (2000000000, "69279037", "90698825", "38618901"),
        (20000000000, "65353130", "77737706", "47863826"),
    ],
)
def test_rfc_6238_appendix_b_totp(at: int, sha1: str, sha256: str, sha512: str) -> None:
    assert rules.totp(SHA1_KEY, at, digits=8, digest="sha1") == sha1
    assert rules.totp(SHA256_KEY, at, digits=8, digest="sha256") == sha256
    assert rules.totp(SHA512_KEY, at, digits=8, digest="sha512") == sha512


def test_the_time_step_is_thirty_seconds_from_the_epoch() -> None:
    assert rules.totp_step(59) == 1 and rules.totp_step(1111111109) == 0x23523EC
    assert rules.totp_step(2000000000) == 0x3F940AA


def test_a_new_secret_is_160_bits_of_base32_and_reads_back() -> None:
    secret = rules.new_totp_secret()
    assert len(secret) == 32 and secret.isupper() and "=" not in secret
    assert len(rules.secret_bytes(secret)) == 20
    assert rules.secret_bytes(rules.grouped(secret).lower()) == rules.secret_bytes(secret)
    assert rules.new_totp_secret() != secret


SECRET = base64.b32encode(SHA1_KEY).decode()  # the RFC key as an app would get it
NOW = 1111111111.0


def code_at(step_offset: int) -> str:
    return rules.hotp(SHA1_KEY, rules.totp_step(NOW) + step_offset)


def test_codes_match_within_one_step_of_drift_and_return_their_step() -> None:
    now = rules.totp_step(NOW)
    assert rules.match_totp(SECRET, code_at(0), NOW, last_step=None) == now
    assert rules.match_totp(SECRET, code_at(-1), NOW, last_step=None) == now - 1
    assert rules.match_totp(SECRET, code_at(1), NOW, last_step=None) == now + 1
    assert rules.match_totp(SECRET, code_at(-2), NOW, last_step=None) is None
    assert rules.match_totp(SECRET, code_at(2), NOW, last_step=None) is None


def test_a_used_step_and_every_earlier_one_never_match_again() -> None:
    now = rules.totp_step(NOW)
    assert rules.match_totp(SECRET, code_at(0), NOW, last_step=now) is None
    assert rules.match_totp(SECRET, code_at(-1), NOW, last_step=now) is None
    assert rules.match_totp(SECRET, code_at(1), NOW, last_step=now) == now + 1


def test_typed_codes_may_carry_spaces_but_nothing_else() -> None:
    code = code_at(0)
    assert rules.match_totp(SECRET, f" {code[:3]} {code[3:]} ", NOW, last_step=None) is not None
    assert rules.match_totp(SECRET, "abcdef", NOW, last_step=None) is None
    assert rules.match_totp(SECRET, code[:5], NOW, last_step=None) is None
    assert rules.match_totp(SECRET, "", NOW, last_step=None) is None


def test_otpauth_uri_for_authenticator_apps() -> None:
    uri = rules.otpauth_uri("JBSWY3DPEHPK3PXP", "anna@kreis.de", "IKZ-Plattform Groß-Gerau")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert unquote(parts.path) == "/IKZ-Plattform Groß-Gerau:anna@kreis.de"
    query = parse_qs(parts.query)
    assert query == {
        "secret": ["JBSWY3DPEHPK3PXP"],
        "issuer": ["IKZ-Plattform Groß-Gerau"],
        "algorithm": ["SHA1"],
        "digits": ["6"],
        "period": ["30"],
    }
    assert " " not in uri


def test_recovery_codes_are_ten_distinct_and_hashed_without_format() -> None:
    codes = rules.new_recovery_codes()
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(len(c) == 19 and c.count("-") == 3 for c in codes)
    assert all(rules.looks_like_recovery_code(c) for c in codes)
    code = codes[0]
    assert rules.hash_recovery_code(code) == rules.hash_recovery_code(code.replace("-", " ").upper())
    assert len(rules.hash_recovery_code(code)) == 64 and code not in rules.hash_recovery_code(code)
    assert not rules.looks_like_recovery_code("123456")


def test_the_secret_is_sealed_and_opens_with_the_old_key_after_rotation() -> None:
    sealed = rules.seal_secret("JBSWY3DPEHPK3PXP", ["schluessel-1"])
    assert "JBSWY3DPEHPK3PXP" not in sealed
    assert rules.open_secret(sealed, ["schluessel-1"]) == "JBSWY3DPEHPK3PXP"
    assert rules.open_secret(sealed, ["schluessel-2", "schluessel-1"]) == "JBSWY3DPEHPK3PXP"
    assert rules.open_secret(sealed, ["schluessel-2"]) is None

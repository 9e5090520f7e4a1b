"""Verifies every DKIM-Signature of a message with dkimpy, the keys read
from one DNS server: prints `SELECTOR ALGORITHM pass|fail` per signature.

Usage: dkim_verify.py DNS_PORT MESSAGE_FILE
"""
import sys

import dkim
import dns.resolver

port, path = int(sys.argv[1]), sys.argv[2]
resolver = dns.resolver.Resolver(configure=False)
resolver.nameservers = ["127.0.0.1"]
resolver.port = port


def txt(name, timeout=5):
    name = name.decode() if isinstance(name, bytes) else name
    try:
        answer = resolver.resolve(name, "TXT", lifetime=timeout)
    except Exception:
        return None
    return b"".join(b"".join(record.strings) for record in answer)


message = open(path, "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
checker = dkim.DKIM(message)
signatures = [value for name, value in checker.headers if name.lower() == b"dkim-signature"]
for index, value in enumerate(signatures):
    tags = dict(
        part.strip().split(b"=", 1)
        for part in value.replace(b"\r\n", b"").split(b";")
        if b"=" in part
    )
    ok = checker.verify(idx=index, dnsfunc=txt)
    print(tags[b"s"].decode(), tags[b"a"].decode(), "pass" if ok else "fail")

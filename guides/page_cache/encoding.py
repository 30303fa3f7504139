"""Compression, once per page, and which of the compressed forms a client accepts."""

import gzip
import re

import brotli

# Compressed once, when a page enters the cache, so the strongest settings pay: brotli's quality 10
# takes about 80 ms for the seed guide (63 KB to 14.5 KB), gzip's 9 a few (17.5 KB). In order of
# preference when the client weighs them alike.
ENCODINGS = {
    "br": lambda body: brotli.compress(body, quality=10),
    "gzip": lambda body: gzip.compress(body, compresslevel=9),
}
# RFC 9110 12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
QVALUE = re.compile(r"0(\.\d{0,3})?|1(\.0{0,3})?")
ALIASES = {"x-gzip": "gzip"}  # RFC 9110 8.4.1.3


def weights(header):
    """{coding: weight} from an Accept-Encoding value (RFC 9110 12.5.3): names and parameters are
    case-insensitive; a weight outside the grammar accepts nothing (the client's intent is unknown);
    a coding named twice takes its lowest weight, so a refusal is never overridden."""
    found = {}
    for item in header.split(","):
        name, *params = (part.strip() for part in item.split(";"))
        if not name:
            continue
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                value = value.strip()
                weight = float(value) if QVALUE.fullmatch(value) else 0.0
        name = name.lower()
        name = ALIASES.get(name, name)
        found[name] = min(weight, found.get(name, weight))
    return found


def accepted_encoding(header, available):
    """The coding to send: among `available` (names of ENCODINGS), the one the client weighs
    highest, else "identity". `*` stands for any coding not named; identity is sent unless the
    client prefers a coding, and also when it refuses everything (no body it can read is better
    than a 406 for a page)."""
    given = weights(header or "")
    star = given.get("*", 0.0)
    ranked = [
        (given.get(name, star), -order, name)
        for order, name in enumerate(ENCODINGS)
        if name in available
    ]
    best, _, name = max(ranked, default=(0.0, 0, "identity"))
    identity = given.get("identity", 0.0 if "*" in given and star == 0 else 0.001)
    return name if best > 0 and best >= identity else "identity"

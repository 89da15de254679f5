#!/usr/bin/env python3
"""A second, independent verifier of a dmdesk audit export (audit-service README, "Verify an export").

Standard library only. Its RFC 8785 (JSON Canonicalization Scheme) canonicaliser is written from the RFC, not
from the Java library the service uses, so that agreement between the two means the hashes are what the RFC says.
It checks every entry hash, the chain and per-report links, gaps, and the heads that checkpoints name; it does not
check checkpoint signatures (Ed25519 is not in the standard library: use the Java verifier or OpenSSL for those).

usage: verify_export.py EXPORT.json          prints the result as JSON; exit 0 intact, 1 broken, 2 could not run
       verify_export.py --canonicalize FILE  writes the RFC 8785 form of the JSON in FILE to stdout (UTF-8)
"""

import hashlib
import json
import math
import sys

GENESIS = "0" * 64
EXPORT_FORMAT = "dmdesk-audit-export/v2"
CHECKPOINT_FORMAT = "dmdesk-audit-checkpoint/v2"


def parse(text):
    """JSON as I-JSON wants it (RFC 8785 section 3.1): no duplicate members, no NaN or Infinity."""

    def unique(pairs):
        obj = {}
        for key, value in pairs:
            if key in obj:
                raise ValueError("duplicate member " + json.dumps(key))
            obj[key] = value
        return obj

    def constant(name):
        raise ValueError("not a JSON number: " + name)

    return json.loads(text, object_pairs_hook=unique, parse_constant=constant)


def es_number(x):
    """Number::toString of ECMAScript (ECMA-262, 7.1.12.1), which RFC 8785 section 3.2.2.3 prescribes."""
    if isinstance(x, int):
        x = float(x)  # JSON numbers are IEEE 754 doubles; OverflowError beyond their range
    if math.isnan(x) or math.isinf(x):
        raise ValueError("NaN and Infinity have no JSON form")
    if x == 0:
        return "0"  # also -0
    if x < 0:
        return "-" + es_number(-x)
    # repr gives the shortest digit string that reads back as x (the closest one on a tie), as ECMAScript asks.
    text = repr(x)
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    n = len(whole) + (int(exponent) if exponent else 0)  # x = 0.digits * 10^n
    significant = digits.lstrip("0")
    n -= len(digits) - len(significant)
    s = significant.rstrip("0")
    k = len(s)
    if k <= n <= 21:
        return s + "0" * (n - k)
    if 0 < n <= 21:
        return s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + s
    e = n - 1
    sign = "+" if e >= 0 else "-"
    return (s if k == 1 else s[0] + "." + s[1:]) + "e" + sign + str(abs(e))


SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def es_string(s):
    """RFC 8785 section 3.2.2.2: only these escapes, other controls as lower-case \\u00xx, the rest as is."""
    out = ['"']
    for ch in s:
        if ch in SHORT_ESCAPES:
            out.append(SHORT_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def utf16_key(name):
    """RFC 8785 section 3.2.3: members sorted by their names as arrays of UTF-16 code units."""
    return name.encode("utf-16-be", "surrogatepass")


def jcs(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return es_number(value)
    if isinstance(value, str):
        return es_string(value)
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(es_string(k) + ":" + jcs(value[k]) for k in sorted(value, key=utf16_key)) + "}"
    raise ValueError("not a JSON value: %r" % (value,))


def canonical(value):
    return jcs(value).encode("utf-8")  # a lone surrogate fails here: RFC 8785 needs valid Unicode


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def verify(export):
    if not isinstance(export, dict) or export.get("format") != EXPORT_FORMAT:
        raise ValueError("not a %s file" % EXPORT_FORMAT)
    scope = export.get("scope")
    if scope not in ("trail", "report"):
        raise ValueError("unknown scope %r" % (scope,))
    complete = scope == "trail"
    entries = export.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError("entries must be a list of objects")
    in_scope = export.get("chains")

    claims = {}  # chain -> {seq -> [hash named by a checkpoint]}
    checkpoints = 0
    for checkpoint in export.get("checkpoints", []):
        if not isinstance(checkpoint, dict) or checkpoint.get("format") != CHECKPOINT_FORMAT:
            continue
        checkpoints += 1
        for head in checkpoint.get("heads") or []:
            if isinstance(head, dict) and is_int(head.get("chain")) and is_int(head.get("seq")):
                claims.setdefault(head["chain"], {}).setdefault(head["seq"], []).append(head.get("hash"))

    result = {"ok": True, "scope": scope, "entries": 0, "checkpoints": checkpoints, "signaturesChecked": False}
    state = {"chain": None, "seq": 0, "hash": GENESIS, "reports": {}}
    seen = set()

    def broken(chain, seq, entry_id, problem, detail):
        result["ok"] = False
        result["firstBreak"] = {"chain": chain, "seq": seq, "entryId": entry_id, "problem": problem,
                                "detail": detail}
        return result

    def end_chain():
        chain = state["chain"]
        if chain is None:
            return None
        seen.add(chain)
        state["chain"] = None
        if complete:
            beyond = sorted(s for s in claims.get(chain, {}) if s > state["seq"])
            if beyond:
                return broken(chain, state["seq"] + 1, None, "TRUNCATED",
                              "a checkpoint names seq %d but the chain ends at seq %d" % (beyond[0], state["seq"]))
        return None

    for entry in entries:
        entry_id = entry.get("_id")
        chain, seq, stored = entry.get("chain"), entry.get("seq"), entry.get("hash")
        if not is_int(chain) or not is_int(seq) or not isinstance(stored, str):
            return broken(state["chain"] or 0, state["seq"] + 1, entry_id, "EDITED", "a chain field has the wrong type")
        if chain != state["chain"]:
            if chain in seen or (state["chain"] is not None and chain < state["chain"]):
                return broken(chain, seq, entry_id, "OUT_OF_ORDER", "entries must come in (chain, seq) order")
            if end_chain():
                return result
            state.update(chain=chain, seq=0, hash=GENESIS, reports={})
        if seq <= state["seq"]:
            return broken(chain, seq, entry_id, "OUT_OF_ORDER", "seq %d after seq %d" % (seq, state["seq"]))
        if complete and seq != state["seq"] + 1:
            return broken(chain, state["seq"] + 1, None, "DELETED", "seq %d missing" % (state["seq"] + 1))
        try:
            recomputed = hashlib.sha256(canonical({k: v for k, v in entry.items() if k != "hash"})).hexdigest()
        except (ValueError, OverflowError, UnicodeEncodeError):
            return broken(chain, seq, entry_id, "EDITED", "the entry cannot be canonicalised")
        if recomputed != stored:
            return broken(chain, seq, entry_id, "EDITED", "hash mismatch")
        if seq == state["seq"] + 1 and entry.get("prevHash") != state["hash"]:
            return broken(chain, seq, entry_id, "CHAIN_BROKEN", "prevHash is not the hash of seq %d" % state["seq"])
        report_key = entry.get("reportKey")
        if state["reports"].get(report_key, GENESIS) != entry.get("reportPrevHash"):
            return broken(chain, seq, entry_id, "REPORT_CHAIN_BROKEN", "reportPrevHash is not the report's previous hash")
        for named in claims.get(chain, {}).get(seq, []):
            if named != stored:
                return broken(chain, seq, entry_id, "CHECKPOINT_INVALID", "a checkpoint names another hash")
        result["entries"] += 1
        state.update(seq=seq, hash=stored)
        state["reports"][report_key] = stored
    if end_chain():
        return result
    if complete:
        for chain in sorted(claims):
            if chain not in seen and (in_scope is None or chain in in_scope):
                return broken(chain, 1, None, "TRUNCATED", "a checkpoint names chain %d, which has no entries" % chain)
    return result


def main(argv):
    try:
        if len(argv) == 3 and argv[1] == "--canonicalize":
            with open(argv[2], encoding="utf-8") as f:
                sys.stdout.buffer.write(canonical(parse(f.read())))
            return 0
        if len(argv) != 2:
            print(__doc__, file=sys.stderr)
            return 2
        with open(argv[1], encoding="utf-8") as f:
            result = verify(parse(f.read()))
    except (OSError, ValueError, OverflowError, UnicodeError) as e:
        print("verification could not run: %s" % e, file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Private: the JSON export of a subsidy ledger, its hash chain, and durable file writes.

Used by :meth:`SubsidyLedger.to_dict <sportsgov.budget.subsidy.SubsidyLedger.to_dict>`,
``from_dict``, ``to_json``, ``from_json``, ``save`` and ``load``. The document is::

    {"format": "sportsgov.subsidy-ledger", "version": 2, "program": {...},
     "log": [{..., "hash": "..."}, ...],
     "chain": {"algorithm", "genesis", "length", "head"}}

Each log entry's ``hash`` is SHA-256 (HMAC-SHA-256 with a key) over the previous
hash and the entry's canonical JSON; the chain starts from a hash of the program.
Replaying the log through the ledger's rules is the ledger's job, not this module's.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sportsgov.errors import DataError, InvalidInputError

__all__ = [
    "FORMAT",
    "VERSION",
    "canonical",
    "chained_document",
    "checked_log",
    "parse_json",
    "parse_key",
    "read_text",
    "write_atomic",
]

FORMAT = "sportsgov.subsidy-ledger"
VERSION = 2


def chained_document(
    program: dict[str, Any], log: list[dict[str, Any]], key: bytes | None
) -> dict[str, Any]:
    """The export document; a ``hash`` is added to each entry of ``log`` (in place)."""
    prev = _genesis(program, key)
    genesis = prev
    for entry in log:
        prev = _link(prev, entry, key)
        entry["hash"] = prev
    return {
        "format": FORMAT,
        "version": VERSION,
        "program": program,
        "log": log,
        "chain": {
            "algorithm": "sha256" if key is None else "hmac-sha256",
            "genesis": genesis,
            "length": len(log),
            "head": prev,
        },
    }


def checked_log(data: Mapping[str, Any], key: bytes | None, source: str | None) -> list[Any]:
    """The log of an export document, after checking format, version and hash chain.

    Raises
    ------
    DataError
        Not a ledger document, another version, no log list, or a chain that does
        not match (see :func:`_verify_chain`).
    """
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise DataError(f"not a {FORMAT} document", source=source, field="format")
    if data.get("version") != VERSION:
        raise DataError(
            f"version={data.get('version')!r}: expected {VERSION}"
            " (version 1 files carry no hash chain and cannot be checked)",
            source=source,
            field="version",
        )
    log = data.get("log")
    if not isinstance(log, list):
        raise DataError("log: expected a list", source=source, field="log")
    _verify_chain(data, log, key, source)
    return log


def parse_json(text: str, source: str | None) -> Any:
    """``json.loads`` with its errors as :class:`~sportsgov.errors.DataError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON ({exc.msg})", source=source, line=exc.lineno) from None
    except RecursionError:
        raise DataError("not valid JSON (nested too deeply)", source=source) from None
    except ValueError:  # an int beyond Python's 4300-digit limit for str <-> int
        raise DataError(
            "not valid JSON (a number with more than 4300 digits)", source=source
        ) from None


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path``; OS and decoding errors as DataError."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read ({exc.strerror})", source=str(path)) from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text ({exc.reason})", source=str(path)) from None


def write_atomic(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically and durably (temp file, fsync, replace).

    On any failure the temporary file is removed and ``target`` is untouched; OS
    errors are raised as DataError.
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DataError(f"cannot write ({exc.strerror})", source=str(target)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise DataError(f"cannot write ({exc.strerror})", source=str(target)) from None
        raise
    _fsync_dir(target.parent)


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def parse_key(key: object) -> bytes | None:
    """The HMAC key as bytes (None for a plain SHA-256 chain); empty keys are refused."""
    if key is None:
        return None
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes) or not key:
        raise InvalidInputError.bad("key", "<hidden>", "expected non-empty bytes or str")
    return key


def _digest(data: bytes, key: bytes | None) -> str:
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _genesis(program: Any, key: bytes | None) -> str:
    return _digest(f"{FORMAT}/{VERSION}\n{canonical(program)}".encode(), key)


def _link(prev: str, entry: Mapping[str, Any], key: bytes | None) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return _digest(f"{prev}\n{canonical(body)}".encode(), key)


def _verify_chain(
    data: Mapping[str, Any], log: list[Any], key: bytes | None, source: str | None
) -> None:
    chain = data.get("chain")
    if not isinstance(chain, Mapping):
        raise DataError("chain: missing (the log cannot be checked)", source=source, field="chain")
    algorithm = chain.get("algorithm")
    if algorithm not in ("sha256", "hmac-sha256"):
        raise DataError(
            f"algorithm={algorithm!r}: expected 'sha256' or 'hmac-sha256'",
            source=source,
            field="chain",
        )
    if algorithm == "hmac-sha256" and key is None:
        raise DataError(
            "the file is signed (hmac-sha256): pass its key", source=source, field="chain"
        )
    if algorithm == "sha256" and key is not None:
        raise DataError(
            "a key was given but the file is not signed (sha256): refused",
            source=source,
            field="chain",
        )
    try:
        prev = _genesis(data.get("program"), key)
    except (TypeError, ValueError):
        raise DataError("program: not canonical JSON", source=source, field="program") from None
    if chain.get("genesis") != prev:
        raise DataError(
            "the program does not match the chain's genesis hash "
            "(the program was edited, or the key is wrong)",
            source=source,
            field="program",
        )
    for row, entry in enumerate(log, start=1):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("hash"), str):
            raise DataError("entry has no hash", source=source, row=row, field="hash")
        try:
            prev = _link(prev, entry, key)
        except (TypeError, ValueError):
            raise DataError(
                "entry is not canonical JSON", source=source, row=row, field="hash"
            ) from None
        if not _same_hash(prev, entry["hash"]):
            raise DataError(
                f"entry {row} does not match its hash: it, or an entry before it, was "
                "edited, inserted or deleted",
                source=source,
                row=row,
                field="hash",
            )
    length = chain.get("length")
    if type(length) is not int or length != len(log):
        raise DataError(
            f"the log has {len(log)} entries but the chain says length={length!r}: "
            "truncated or extended",
            source=source,
            field="chain",
        )
    if not _same_hash(prev, chain.get("head")):
        raise DataError(
            "the chain's head hash does not match the last entry (truncated or edited)",
            source=source,
            field="chain",
        )


def _same_hash(expected: str, found: object) -> bool:
    """Constant-time comparison of a computed hash with whatever the file holds."""
    if not isinstance(found, str):
        return False
    return hmac.compare_digest(expected.encode(), found.encode("utf-8", "replace"))


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)

"""Writing outputs safely and knowing when they are out of date.

Shared by the stages that write files (convert, render, typeset): a file is
written whole or not at all, and a build remembers, in a small JSON state file,
hashes of what each output was made from.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def write_atomically(target: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder: a reader never sees half a file, a failure leaves none."""
    with atomic_writer(target) as fh:
        fh.write(data)


@contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes `target` when the block ends, and is removed if it fails: for streamed output."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        # mkstemp makes the file readable by its owner alone; a site copied to a web server
        # must be readable by it: the target keeps its mode, a new file gets what open() gives.
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path that becomes `target` when the block ends (for a library that writes to a path itself)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The permissions `target` has, or those a new file gets from open() under the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_UMASK


_UMASK = os.umask(0o022)  # read once (the only way is to set it), and put back at once
os.umask(_UMASK)


# write_atomically's temporary files: "." + the target's name + "." + mkstemp's eight characters.
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}")


def sweep_temporaries(folder: Path) -> int:
    """Delete the temporary files an interrupted build left in `folder` (a build's own folder); how many."""
    swept = 0
    for path in Path(folder).glob(".*"):
        if path.is_file() and _TEMPORARY.fullmatch(path.name):
            path.unlink(missing_ok=True)
            swept += 1
    return swept


def digest(data: bytes) -> str:
    """The SHA-256 of a file's content, as sha256sum prints it (recorded in build manifests)."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path | str) -> str:
    """digest() of a file's content, read once a process while the file stays as it was.

    A build hashes each TEI file in three stages (convert, validate, HTML); the
    answer is remembered under what the file system says of the file (inode,
    size, modification and change times, in nanoseconds), which any write changes.
    """
    status = os.stat(path)
    key = (os.fspath(path), status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    known = _FILE_DIGESTS.get(key)
    if known is None:
        known = _FILE_DIGESTS[key] = digest(Path(path).read_bytes())
    return known


_FILE_DIGESTS: dict[tuple, str] = {}


def sha(*parts: str | bytes) -> str:
    """One SHA-256 of several parts, each kept apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def tree_digest(root: Path, names: Iterable[str], salt: str) -> str:
    """A hash of the files `names` (files or folders) under `root`, their paths and contents, and `salt`."""
    digest = hashlib.sha256(salt.encode())
    for name in names:
        found = (root / name).rglob("*") if (root / name).is_dir() else [root / name]
        for path in sorted(p for p in found if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def save_state(path: Path, state: dict) -> None:
    """Write a build's state file atomically: its keys sorted (the same state, the same bytes), one record a line.

    A state file holds a record for every document (10 MiB at 10,000 documents)
    and is saved several times a build.  json.dumps with an indent runs Python's
    pure encoder, which holds the whole file as millions of small strings (over
    100 MiB, and the process keeps that memory); each record here is encoded by
    the C encoder and streamed to the file, so the file stays readable and the
    memory it takes is that of one record.
    """
    with atomic_writer(path) as raw:
        _write_json(raw, state, levels=2, indent=b"\n")
        raw.write(b"\n")


# One encoder for every record: json.dumps with options makes a new one each call (a third of the time).
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _write_json(out: BinaryIO, value: object, levels: int, indent: bytes) -> None:
    """`value` as JSON; dictionaries opened on lines of their own down `levels` levels, the rest on one line."""
    if levels and isinstance(value, dict) and value:
        out.write(b"{")
        for n, key in enumerate(sorted(value)):
            out.write(b"%s%s %s: " % (b"," if n else b"", indent, _ENCODE(key).encode()))
            _write_json(out, value[key], levels - 1, indent + b" ")
        out.write(indent + b"}")
    else:
        out.write(_ENCODE(value).encode())


def load_state(path: Path, state_format: str) -> dict:
    """A build's state file, or {} when it is missing, unreadable or of another format."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("format") == state_format else {}


def give_back_memory() -> None:
    """Hand the memory Python has freed back to the system (glibc's malloc_trim), after a stage has held
    something large for a while: otherwise the process keeps its largest size to the end of the build,
    beside worker processes that are still growing.  Does nothing where there is no glibc."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass

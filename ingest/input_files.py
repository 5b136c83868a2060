"""Which files a batch takes, and reading them safely: refuse what is not a regular file *before* opening it.

Why this is its own step: a FIFO blocks ``open()`` until a writer appears and ``/dev/zero`` never ends, so hashing
such a "file" hung the whole batch before any per-document bound applied. Every input is therefore checked with
``stat`` first, opened non-blocking, checked again on the open descriptor (the name may have been swapped in
between), and read only up to the size limit. A symlink that cannot be resolved (a loop, a dangling link) is
yielded by :func:`iter_input_files` rather than skipped, so the batch reports it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from archive.errors import DocumentTooLargeError, InputError

INPUT_SUFFIXES = {".pdf", ".xml", ".txt"}


class NotRegularFileError(InputError):
    """A FIFO, device, socket or folder given where a document was expected."""

    code = "not_regular_file"


class UnreadableFileError(InputError):
    """The file cannot be read: permissions, a symlink loop, a dangling link, a folder that cannot be listed."""

    code = "unreadable"


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _kind(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _unreadable(exc: OSError) -> UnreadableFileError:
    if exc.errno == errno.ELOOP:
        return UnreadableFileError("symlink loop: the link never reaches a file")
    if exc.errno == errno.ENOENT:
        return UnreadableFileError("file not found (a dangling symlink, or removed during the run)")
    return UnreadableFileError(f"cannot read file: {exc.strerror}")


def check_regular(path: Path, max_bytes: int) -> int:
    """The size of ``path`` if it is a regular file within ``max_bytes``; raises an :class:`InputError` otherwise.

    Only ``stat`` is called: nothing is opened, so a FIFO or a device cannot block.
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise _unreadable(exc) from exc
    if stat.S_ISDIR(st.st_mode):  # iter_input_files yields a folder only when it could not be listed
        try:
            os.listdir(path)
        except OSError as exc:
            raise UnreadableFileError(f"cannot list folder: {exc.strerror}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFileError(f"not a regular file: {_kind(st.st_mode)}")
    if st.st_size > max_bytes:
        raise DocumentTooLargeError(f"file is {st.st_size / 1e6:.0f} MB, above the {max_bytes / 1e6:.0f} MB limit")
    return st.st_size


def sha256_file(path: Path, max_bytes: int) -> tuple[str, int]:
    """(sha256, size) of a regular file, read at most ``max_bytes`` + 1 bytes. Raises :class:`InputError`."""
    check_regular(path, max_bytes)
    try:
        # O_NONBLOCK: if the name was swapped for a FIFO since the check, open() returns instead of waiting.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(exc) from exc
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(f"not a regular file: {_kind(mode)}")
        h, size = hashlib.sha256(), 0
        try:
            while chunk := fh.read(1 << 20):
                size += len(chunk)
                if size > max_bytes:  # a file that grows while we read it
                    raise DocumentTooLargeError(f"file grew above the {max_bytes / 1e6:.0f} MB limit while read")
                h.update(chunk)
        except OSError as exc:
            raise _unreadable(exc) from exc
    return h.hexdigest(), size


def _is_broken_link(path: Path) -> bool:
    try:
        path.stat()
    except OSError:
        return path.is_symlink()
    return False


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named on the command line, and the supported files inside named folders (sorted, recursive).

    Inside folders: entries with a supported suffix, whatever their type (a FIFO named ``x.pdf`` is yielded and
    then refused with its own error), plus every symlink that cannot be resolved and every sub-folder that cannot
    be listed: these are reported by the batch, never skipped silently. Symlinked folders are not followed.
    """
    for p in paths:
        if not p.is_dir():
            yield p
            continue
        found: list[Path] = []

        def unlistable(exc: OSError, found: list[Path] = found) -> None:
            if exc.filename:
                found.append(Path(exc.filename))

        for root, dirs, files in os.walk(p, onerror=unlistable):
            base = Path(root)
            for name in files + dirs:
                entry = base / name
                if (entry.suffix.lower() in INPUT_SUFFIXES and not entry.is_dir()) or _is_broken_link(entry):
                    found.append(entry)
        yield from sorted(found)


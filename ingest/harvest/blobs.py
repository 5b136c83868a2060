"""Downloaded files, content-addressed in the data folder: ``DATA_DIR/harvest/<sha[:2]>/<sha256><suffix>``.

The same bytes are stored once, whichever source or URL they came from; a write goes to a temporary file first and
is renamed into place, so an interrupted harvest never leaves half a file under a real name. Folder 0700 and files
0600, like the private originals: a downloaded ruling is not anonymised yet.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from archive.settings import Settings

DIR_MODE = 0o700
FILE_MODE = 0o600


def harvest_dir(settings: Settings) -> Path:
    return settings.data_dir / "harvest"


def blob_path(settings: Settings, sha256: str, suffix: str) -> Path:
    return harvest_dir(settings) / sha256[:2] / f"{sha256}{suffix}"


def store_bytes(settings: Settings, data: bytes, suffix: str) -> tuple[str, Path]:
    """Store ``data``; returns its sha256 and path (an existing identical file is kept as it is)."""
    sha = hashlib.sha256(data).hexdigest()
    path = blob_path(settings, sha, suffix)
    if path.is_file() and path.stat().st_size == len(data):
        return sha, path
    root = harvest_dir(settings)
    for folder in (root, path.parent):
        folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha, path

"""Files as Praxis touches them: written so that a crash never leaves half a file
behind, read only when they are regular files (never through a symbolic link, never a
FIFO that would block or a device)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from praxis.errors import UnsafePath

# O_NOFOLLOW: a symbolic link is not opened; O_NONBLOCK: a FIFO does not block open().
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def kind_of(mode: int) -> str | None:
    """The German name of what is not a regular file (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "eine symbolische Verknüpfung"
    if stat.S_ISDIR(mode):
        return "ein Verzeichnis"
    if stat.S_ISFIFO(mode):
        return "eine benannte Pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "ein Socket"
    return "eine Gerätedatei"


def read_regular(path: Path, limit: int | None = None, *, follow: bool = False) -> bytes:
    """The bytes of a regular file, refusing anything else before reading a byte.

    The check is made on the opened file (fstat), so a file swapped for a link in
    between is refused too. With `limit`, at most `limit + 1` bytes are read (the caller
    then knows the file is too big). With `follow`, a link to a regular file is read
    (for mkdocs.yml, which lives outside content/ and schema/)."""
    flags = _READ_FLAGS & ~getattr(os, "O_NOFOLLOW", 0) if follow else _READ_FLAGS
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow and os.path.islink(path):
            raise UnsafePath(_not_regular(path, "eine symbolische Verknüpfung")) from exc
        raise
    with os.fdopen(fd, "rb") as handle:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise UnsafePath(_not_regular(path, kind))
        os.set_blocking(fd, True)
        return handle.read() if limit is None else handle.read(limit + 1)


def _not_regular(path: Path, kind: str) -> str:
    return (
        f"{path} ist {kind}, keine gewöhnliche Datei: Praxis liest und ersetzt nur "
        "gewöhnliche Dateien. Bitte die Datei selbst dort ablegen."
    )


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """An OSError without a file name (a failed write() has none, a full disk among them)
    gets `path`, so that the German message can say where."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:
            exc.filename = str(path)
        raise


def atomic_write(path: Path, text: str | bytes, *, exclusive: bool = False) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    Only a regular file is ever replaced: a symbolic link, a directory, a FIFO or a
    device node at `path` is a German error (UnsafePath) and stays as it is. The new file
    gets the permissions any new file gets (0666 minus the umask), not mkstemp's 0600.
    With `exclusive`, an existing file is never replaced (FileExistsError).
    """
    try:
        kind = kind_of(os.lstat(path).st_mode)
    except FileNotFoundError:
        kind = None
    if kind is not None:
        raise UnsafePath(_not_regular(path, kind))
    try:
        _write_and_rename(path, text, exclusive)
    except OSError as exc:
        if exc.errno is not None:  # name the file, not its temporary twin
            exc.filename, exc.filename2 = str(path), None
        raise


def _write_and_rename(path: Path, text: str | bytes, exclusive: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if exclusive:
            os.link(tmp, path)  # fails if path exists, atomically
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def umask() -> int:
    """The process's umask (reading it means setting it; set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class FileCache:
    """A folder of cache files, one per key (`<key><suffix>`), as the build's caches
    keep them under `.praxis/build/`: a file that is missing, unreadable or no regular
    file is a miss, a file that cannot be written only makes the next build slower, and
    `prune` removes the files of keys no longer used (not the temporary files of another
    process's `atomic_write`, whose names begin with a dot)."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        try:
            return read_regular(self.path(key))
        except (OSError, UnsafePath):
            return None

    def write(self, key: str, data: str | bytes) -> None:
        with contextlib.suppress(OSError, UnsafePath):
            atomic_write(self.path(key), data)

    def prune(self, used: set[str]) -> None:
        """Remove the files of every key not in `used`."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            key = name.removesuffix(self.suffix)
            if name.endswith(self.suffix) and not name.startswith(".") and key not in used:
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink(missing_ok=True)

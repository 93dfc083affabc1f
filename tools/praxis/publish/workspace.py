"""Where a built site goes, and how it replaces the previous one without a gap.

`out` (by default `site/`) is a symbolic link to a complete site in the hidden folder
beside it, `.site.generations/<id>/`. A build works in `.site.generations/build-…/`;
when its site is complete it becomes a generation, and one `os.replace` of a new link
over `out` swaps it in: at every instant `out` is the old site or the new one. A web
server that serves `out` follows the link. The generation a swap replaced stays until the
next build removes it (`remove_unused`, called while that build's search runs: removing
a site of 10,000 pages takes seconds, which no one should wait for after the swap), with
whatever a killed build left. One build at a time writes to one `out` (a lock in the
generations folder).

Before anything is written, `check_out` refuses a target that a build would destroy:
the instance itself, its content, schema and `.git` folders, anything above them, and
every existing directory that is neither empty nor a site Praxis built (each built site
holds the marker file `.praxis-site`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from praxis.config import Instance
from praxis.errors import BuildError, UnsafePath

MARKER = ".praxis-site"
MARKER_TEXT = "Diese Website hat Praxis gebaut; `praxis build` darf sie ersetzen.\n"
LEGACY = ("index.html", "sitemap.xml", "pagefind/pagefind.js")  # sites built before MARKER


def target(instance: Instance, out: Path | None) -> Path:
    """The absolute `out` with its parents resolved, but not `out` itself: it is the
    link this module replaces, not the generation it points to."""
    out = out or instance.root / str(instance.config.get("site_dir", "site"))
    out = Path(os.path.abspath(out))
    return out.parent.resolve() / out.name


def generations(out: Path) -> Path:
    return out.parent / f".{out.name}.generations"


def check_out(instance: Instance, out: Path) -> None:
    """Refuse an `out` whose replacement would destroy anything (German error)."""
    protected = {  # the folder: how it is named as subject, as object, as a place
        instance.root: ("das Verzeichnis der Instanz", "das Verzeichnis der Instanz", ""),
        instance.content_dir: ("der Inhaltsordner", "den Inhaltsordner", "im Inhaltsordner"),
        instance.schema_dir: ("der Schema-Ordner", "den Schema-Ordner", "im Schema-Ordner"),
        instance.root / ".git": ("das Git-Repository", "das Git-Repository", "im Git-Repository"),
    }
    for path, (subject, whole, inside) in protected.items():
        path = path.resolve()
        if out == path:
            raise _refused(out, f"das ist {subject}")
        if out in path.parents:
            raise _refused(out, f"das enthält {whole} ({path})")
        if inside and path in out.parents:
            raise _refused(out, f"das liegt {inside} ({path})")
    check_replaceable(out)


def check_replaceable(out: Path) -> None:
    """`out` is missing, an empty directory, a site Praxis built or its link."""
    if os.path.islink(out):
        if _generation_of(out) is None:
            raise _refused(
                out, "das ist eine symbolische Verknüpfung, die Praxis nicht angelegt hat"
            )
    elif out.is_dir():
        if not _is_site(out) and any(out.iterdir()):
            raise _refused(
                out,
                f"das Verzeichnis ist nicht leer und keine von Praxis gebaute Website (ihr "
                f"fehlt die Datei {MARKER}); nichts gelöscht",
            )
    elif os.path.lexists(out):
        raise _refused(out, "das ist eine Datei, kein Verzeichnis")


def _refused(out: Path, why: str) -> UnsafePath:
    return UnsafePath(
        f"--out {out}: {why}. Dorthin baut Praxis keine Website, denn sie ersetzt ihr "
        "Zielverzeichnis ganz. Bitte ein neues oder leeres Verzeichnis angeben "
        "(Standard: site/ der Instanz)."
    )


def _is_site(directory: Path) -> bool:
    if (directory / MARKER).is_file():
        return True
    return all((directory / name).is_file() for name in LEGACY)


def _generation_of(out: Path) -> Path | None:
    """The generation a link made by `swap_in` points to (None for any other link)."""
    link = os.readlink(out)
    parts = Path(link).parts
    if len(parts) != 2 or parts[0] != generations(out).name:
        return None
    generation = out.parent / link
    return generation if (generation / MARKER).is_file() else None


@contextlib.contextmanager
def workspace(out: Path) -> Iterator[Path]:
    """A fresh work folder in the generations folder of `out` (same file system, so the
    site moves in by rename), held under the lock of `out`; removed afterwards whatever
    happens."""
    folder = generations(out)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"Ein anderer `praxis build` schreibt gerade nach {out}: bitte warten, bis "
                "er fertig ist, und dann erneut bauen."
            ) from None
        work = Path(tempfile.mkdtemp(dir=folder, prefix="build-"))
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)


def current(out: Path) -> Path | None:
    """The generation `out` shows now (None: no site, or one from before generations)."""
    return _generation_of(out) if os.path.islink(out) else None


def swap_in(site: Path, out: Path) -> Path:
    """Make the complete `site` the one `out` shows, with one atomic rename; returns the
    generation it became.

    `site` becomes a generation; a new link to it replaces `out`. A real directory at
    `out` (a site from before generations, or an empty one) first moves into the
    generations folder, then the link takes its place: the one moment without a site.
    The replaced generation stays until the next build's `remove_unused`."""
    check_replaceable(out)  # again: the build took a while
    folder = generations(out)
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    name = uuid.uuid4().hex[:12]
    os.rename(site, folder / name)
    link = folder / f"link-{name}"
    os.symlink(f"{folder.name}/{name}", link)
    if not os.path.islink(out) and out.is_dir():
        os.rename(out, folder / f"{name}-before")
    os.replace(link, out)
    return folder / name


def remove_unused(out: Path, work: Path) -> None:
    """Remove every generation but the one `out` shows (the site the last swap replaced),
    and the work folders and links of killed builds; not `work`, the caller's own, whose
    `workspace` lock it holds."""
    folder = generations(out)
    current = _generation_of(out) if os.path.islink(out) else None
    for pattern in (f".{out.name}.build-*", f".{out.name}.old-*"):  # left by earlier versions
        for item in out.parent.glob(pattern):
            shutil.rmtree(item, ignore_errors=True)
    for item in folder.iterdir():
        if item.name == ".lock" or item == work or (current is not None and item == current):
            continue
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item, ignore_errors=True)
        else:
            item.unlink(missing_ok=True)

"""Where a new instance installs the engine from: the requirement `praxis init` writes.

An instance holds no engine code; its `requirements.txt` names one real, installable engine
(a wheel copied into the instance, a git URL with a tag or commit, a package version), and
its `requirements.lock` pins the engine's dependencies to the versions this engine was
tested with. The default comes from how this engine itself was installed (PEP 610
`direct_url.json`) or from its metadata (`Project-URL: Repository`), never from a made-up
host.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from urllib.parse import unquote, urlsplit

from packaging.requirements import InvalidRequirement, Requirement

from praxis.errors import PraxisError

WHEEL_DIR = "engine"  # where an instance keeps a copied engine wheel
_WHEEL = re.compile(r"^[A-Za-z0-9_.]+-[0-9][^-]*(-[^-]+)?-[^-]+-[^-]+-[^-]+\.whl$")


@dataclass(frozen=True)
class EngineSource:
    """The requirement line for the instance, and a wheel to copy into it (if any)."""

    requirement: str
    wheel: Path | None = None
    note: str = ""


def engine_source(spec: str | None) -> EngineSource:
    """The engine requirement for `--engine SPEC`, or the default without one."""
    return _from_spec(spec.strip()) if spec and spec.strip() else _default()


def _from_spec(spec: str) -> EngineSource:
    if "\n" in spec or "\r" in spec:
        raise PraxisError("--engine muss eine einzelne Zeile sein.")
    path = Path(spec).expanduser()
    if spec.endswith(".whl"):
        if not path.is_file():
            raise PraxisError(
                f"--engine {spec}: Die Datei gibt es nicht. Ein Wheel der Engine baut "
                "`make dist` im Repository der Engine (nach dist/)."
            )
        if not _WHEEL.match(path.name):
            raise PraxisError(f"--engine {spec}: Das ist kein gültiger Name eines Wheels.")
        return EngineSource(f"./{WHEEL_DIR}/{path.name}", wheel=path.resolve())
    if path.is_dir() and (path / "pyproject.toml").is_file():
        return EngineSource(
            f"praxis @ {path.resolve().as_uri()}",
            note="Die Engine wird aus einem lokalen Verzeichnis installiert: das geht nur "
            "auf diesem Rechner.",
        )
    if spec.startswith("git+"):
        spec = f"praxis @ {spec}"
    try:
        requirement = Requirement(spec)
    except InvalidRequirement as exc:
        raise PraxisError(
            f"--engine „{spec}“ ist keine Angabe, aus der pip die Engine installieren kann. "
            "Möglich sind: ein Wheel (z. B. dist/praxis-0.1.0-py3-none-any.whl), eine "
            "git-Adresse mit Tag (z. B. git+https://github.com/land/praxis@v0.1.0) oder ein "
            "Paketname mit Version (z. B. praxis==0.1.0)."
        ) from exc
    if not (requirement.url or requirement.specifier):
        raise PraxisError(
            f"--engine „{spec}“ nennt keine feste Version: bitte z. B. praxis==0.1.0 oder eine "
            "git-Adresse mit Tag angeben, damit die Instanz reproduzierbar installiert."
        )
    return EngineSource(str(requirement))


def _default() -> EngineSource:
    try:
        dist = distribution("praxis")
    except PackageNotFoundError as exc:  # pragma: no cover - running from a bare checkout
        raise _no_default() from exc
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    url = str(direct.get("url", ""))
    vcs = direct.get("vcs_info")
    if vcs and url:
        return EngineSource(f"praxis @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}")
    if url.startswith("file://"):
        local = Path(unquote(urlsplit(url).path))
        if local.suffix == ".whl" and local.is_file():
            return _from_spec(str(local))
        if local.is_dir():
            return _from_spec(str(local))
    for entry in dist.metadata.get_all("Project-URL") or []:
        label, _, address = entry.partition(",")
        if label.strip().lower() in {"repository", "source"} and address.strip():
            return EngineSource(f"praxis @ git+{address.strip()}@v{dist.version}")
    raise _no_default()


def _no_default() -> PraxisError:
    return PraxisError(
        "Woher soll die neue Instanz die Engine installieren? Bitte --engine angeben: ein "
        "Wheel (`make dist` im Repository der Engine baut dist/praxis-….whl), eine "
        "git-Adresse mit Tag oder ein Paketname mit Version."
    )

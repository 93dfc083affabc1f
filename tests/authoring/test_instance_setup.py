"""A new Land's instance installs and builds on its own, from the engine's wheel, offline.

The whole path another Land takes: the engine's wheel (`make dist`), `praxis
init --engine` pointing at it, then the instance's own two-command set-up in a fresh
virtual environment, with no package index reachable (pip gets only a directory of wheels).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NAME = "Praxisdatenbank Thüringen"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.mark.slow
def test_instance_installs_offline_from_the_engine_wheel_and_builds(tmp_path: Path) -> None:
    pip = [sys.executable, "-m", "pip"]
    wheels = tmp_path / "dist"
    run("make", "dist", f"DIST={wheels}", cwd=REPO)
    (wheel,) = wheels.glob("praxis-*.whl")

    praxis = Path(sys.executable).with_name("praxis")
    root = tmp_path / "praxis-th"
    out = run(praxis, "init", root, "--bundesland", "TH", "--name", NAME, "--engine", wheel,
              cwd=tmp_path)  # fmt: skip
    assert f"Engine: ./engine/{wheel.name}" in out

    # the wheels the instance's lock names, fetched beforehand: the set-up itself sees no index
    house = tmp_path / "wheelhouse"
    lock = root / "requirements.lock"
    run(*pip, "download", "--quiet", "--no-deps", "--only-binary", ":all:",
        "--require-hashes", "-r", lock, "-d", house, cwd=tmp_path)  # fmt: skip
    offline = {
        **os.environ,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(house),
        "PIP_CONFIG_FILE": os.devnull,
    }
    offline.pop("VIRTUAL_ENV", None)
    run("make", "site", cwd=root, env=offline)

    assert (root / ".venv/bin/praxis").is_file()
    installed = run(root / ".venv/bin/python", "-m", "pip", "freeze", cwd=root, env=offline)
    locked = (root / "requirements.lock").read_text("utf-8")
    for pin in installed.splitlines():
        name, _, version = pin.partition("==")
        if name.lower() != "praxis" and version:
            assert f"{name.lower().replace('_', '-')}=={version}" in locked.lower(), pin
    home = (root / "site/index.html").read_text("utf-8")
    assert f"<title>{NAME}</title>" in home
    assert f'<h1 id="startseite">{NAME}</h1>' in home
    run("make", "test", cwd=root, env=offline)

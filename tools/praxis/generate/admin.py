"""The web editor's admin page for the site: `cms/config.yml` (`praxis cms`) with the
vendored Decap CMS scripts, checked against their recorded checksums at every build."""

from __future__ import annotations

import hashlib
from pathlib import Path

from praxis.authoring.cms import CONFIG_PATH, admin_path
from praxis.config import Instance
from praxis.errors import BuildError
from praxis.generate import GeneratedFile

CMS_DATA = Path(__file__).resolve().parent.parent / "data" / "cms"
VENDORED = ("decap-cms.js", "js-yaml.min.js")  # checked against SHA256SUMS at every build


def admin_files(instance: Instance) -> list[GeneratedFile]:
    """The editor's static files for the site: never Markdown pages, so MkDocs copies
    them as they are and neither the sitemap nor the site search lists them."""
    base = admin_path(instance)
    config = instance.root / CONFIG_PATH
    if not config.is_file():
        page = (CMS_DATA / "missing.html").read_text(encoding="utf-8")
        return [GeneratedFile(f"{base}/index.html", page)]
    files = [
        GeneratedFile(f"{base}/index.html", (CMS_DATA / "index.html").read_text("utf-8")),
        GeneratedFile(f"{base}/config.yml", config.read_text(encoding="utf-8")),
        GeneratedFile(f"{base}/praxis-cms.js", (CMS_DATA / "praxis-cms.js").read_text("utf-8")),
    ]
    for name in VENDORED:
        files.append(GeneratedFile(f"{base}/{name}", vendored(name)))
    for licence in sorted(CMS_DATA.glob("*LICENSE.txt")):
        files.append(GeneratedFile(f"{base}/{licence.name}", licence.read_text("utf-8")))
    return files


def vendored(name: str) -> bytes:
    """A vendored script, after checking it against its recorded SHA-256."""
    sums: dict[str, str] = {}
    for line in (CMS_DATA / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, file = line.split(maxsplit=1)
            sums[file.strip()] = digest
    data = (CMS_DATA / name).read_bytes()
    if hashlib.sha256(data).hexdigest() != sums.get(name):
        raise BuildError(
            f"{name} des Web-Editors stimmt nicht mit der Prüfsumme in SHA256SUMS überein: "
            "bitte mit `make cms-vendor` neu holen."
        )
    return data

"""`praxis init`: a new, empty instance for another Land.

An instance is content plus settings: its own mkdocs.yml, vocabularies, standard pages and
CI files, and the same two-command set-up as the engine's repository (`make site`,
`make test`). The engine stays a pinned dependency (requirements.txt, see `engine.py`) with
its dependencies locked (requirements.lock), so that an instance takes engine updates with
`make upgrade` and never edits the engine's code.

The default vocabularies ship as package data (`praxis/data/vocabularies`): symbolic links
to the reference instance's `schema/vocabularies`, the one place they are edited; a wheel
carries their contents.
Templates live under `praxis/data/instance`; a leading `dot-` in a template's name stands
for `.` so that packaging tools do not skip hidden files.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from praxis.authoring.engine import WHEEL_DIR, EngineSource
from praxis.config import Instance, load_vocabulary
from praxis.errors import PraxisError
from praxis.fsutil import naming, umask
from praxis.licences import licence_of
from praxis.model.kinds import KINDS

DATA = resources.files("praxis") / "data"
PLACEHOLDER = re.compile(r"@@([a-z_]+)@@")
REPO_URL = re.compile(r"https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?")
LIZENZ_DEFAULT = "CC BY 4.0"


@dataclass(frozen=True)
class Settings:
    """What `praxis init` asks for: everything that differs between two instances."""

    name: str
    bundesland: str
    repo_url: str = ""
    lizenz: str = LIZENZ_DEFAULT


def edit_uri(repo_url: str) -> str:
    """MkDocs' edit link path: GitLab puts `-/` before `edit`."""
    return "-/edit/main/content/" if "gitlab" in repo_url else "edit/main/content/"


def check_settings(settings: Settings) -> Settings:
    """The Land as a vocabulary code, a name, an http(s) repository URL; else a German error."""
    name = settings.name.strip()
    if not name:
        raise PraxisError('--name darf nicht leer sein, z. B. --name "Praxisdatenbank Thüringen".')
    _one_line(name, "--name")
    lander = load_vocabulary(Path(str(DATA / "vocabularies" / "bundeslaender.yml")), packaged=True)
    code = settings.bundesland.strip()
    if code not in lander:
        suggestion = lander.suggest(code)
        hint = (
            f" Meinten Sie „{suggestion}“?"
            if suggestion
            else " Zulässig sind: " + ", ".join(t.id for t in lander) + "."
        )
        raise PraxisError(f"--bundesland „{code}“ ist kein Kürzel eines Landes.{hint}")
    repo_url = settings.repo_url.strip().rstrip("/")
    if repo_url and not REPO_URL.fullmatch(repo_url):
        raise PraxisError(
            f"--repo-url „{repo_url}“ ist keine Web-Adresse: sie beginnt mit "
            "https://, z. B. https://github.com/land/praxis."
        )
    lizenz = settings.lizenz.strip() or LIZENZ_DEFAULT
    _one_line(lizenz, "--lizenz")
    lizenz = licence_of(lizenz, "--lizenz").name
    return Settings(name=name, bundesland=code, repo_url=repo_url, lizenz=lizenz)


def _one_line(value: str, option: str) -> None:
    """Names go into YAML, Markdown and HTML: one line, no control or format characters
    (a newline, a zero-width or a bidi character), no placeholder marker."""
    bad = next((c for c in value if unicodedata.category(c).startswith("C")), None)
    if bad is not None or "@@" in value:
        shown = f"U+{ord(bad):04X}" if bad is not None else "„@@“"
        raise PraxisError(
            f"{option} muss eine einzelne Zeile aus sichtbaren Zeichen sein (enthält {shown})."
        )


def markdown_text(value: str) -> str:
    """A setting as literal text in a Markdown page: no markup, link or HTML."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]#!|])", r"\\\1", value)


# What the operator fills in under extra.praxis (the YAML library writes no comments).
SETTINGS_HELP = """\
# extra.praxis, vom Betreiber auszufüllen:
#   betreiber: die betreibende Stelle (Herausgeber der offenen Daten und der Erklärung zur
#     Barrierefreiheit; ohne Angabe: der Name der Website)
#   kontakt: E-Mail-Adresse oder https-Adresse eines Kontaktformulars für Rückmeldungen
#     zur Barrierefreiheit
#   contributor_id: Kennung der Stelle bei GovData (dcatde:contributorID), sobald vergeben
#   barrierefreiheit.erstellt: Datum der Erklärung zur Barrierefreiheit (JJJJ-MM-TT);
#     status: vollstaendig, teilweise oder nicht; einschraenkungen: je ein Satz mit Grund
#   gebaerdensprache.video: Video in DGS als Datei unter content/, z. B.
#     medien/gebaerdensprache.mp4; untertitel: optional eine WebVTT-Datei
"""


def mkdocs_yml(settings: Settings, values: dict[str, str]) -> str:
    """The new mkdocs.yml: the template's structure with the settings as values, written
    by the YAML library (never by pasting text into YAML)."""
    values = {**values, "repo_url": settings.repo_url, "edit_uri": edit_uri(settings.repo_url)}
    config = yaml.safe_load((DATA / "instance" / "mkdocs.yml").read_text(encoding="utf-8"))

    def fill(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: fill(value) for key, value in node.items()}
        return render(node, values) if isinstance(node, str) else node

    config = fill(config)
    if not settings.repo_url:
        del config["repo_url"], config["edit_uri"]
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    text += SETTINGS_HELP
    if not settings.repo_url:
        text += (
            "# repo_url: https://github.com/… (Adresse des Repositorys eintragen;\n"
            "# dann erscheinen auf jeder Seite Links zum Bearbeiten)\n"
        )
    return text


def template_values(settings: Settings, engine: EngineSource) -> dict[str, str]:
    lander = load_vocabulary(Path(str(DATA / "vocabularies" / "bundeslaender.yml")), packaged=True)
    if settings.repo_url:
        form_link = (
            f"[Formular „Neues Praxisbeispiel“ öffnen]({settings.repo_url}/issues/"
            "new?template=praxisbeispiel.yml)"
        )
        blob = "-/blob" if "gitlab" in settings.repo_url else "blob"
        guide = f"[Anleitung `CONTRIBUTING.md`]({settings.repo_url}/{blob}/main/CONTRIBUTING.md)"
    else:
        form_link = "Im Repository unter „Issues“ → „New issue“ → „Neues Praxisbeispiel“."
        guide = "Anleitung `CONTRIBUTING.md` im Repository"
    return {
        "name": settings.name,
        "bundesland": settings.bundesland,
        "land": lander.label_of(settings.bundesland),
        "lizenz": settings.lizenz,
        "form_link": form_link,
        "guide": guide,
        "engine": engine.requirement,
    }


def render(text: str, values: dict[str, str]) -> str:
    """Fill `@@key@@` placeholders; an unknown key is a bug in a template."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def _template_files(folder: Traversable, prefix: str = "") -> dict[str, str]:
    files: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        name = "." + item.name[4:] if item.name.startswith("dot-") else item.name
        if item.is_dir():
            files.update(_template_files(item, f"{prefix}{name}/"))
        elif not name.endswith((".pyc", ".tmp")):
            files[prefix + name] = item.read_text(encoding="utf-8")
    return files


def instance_files(settings: Settings, engine: EngineSource) -> dict[str, str]:
    """Every file of a new instance except the generated ones, by relative path."""
    values = template_values(settings, engine)
    literal = {key: markdown_text(values[key]) for key in ("name", "land", "lizenz")}
    files = {
        path: render(text, {**values, **literal} if path.endswith(".md") else values)
        for path, text in _template_files(DATA / "instance").items()
        if path != "mkdocs.yml"
    }
    files["mkdocs.yml"] = mkdocs_yml(settings, values)
    for item in (DATA / "vocabularies").iterdir():
        if item.name.endswith(".yml"):
            files[f"schema/vocabularies/{item.name}"] = item.read_text(encoding="utf-8")
    for about in KINDS.values():
        files[f"content/{about.folder}/.gitkeep"] = ""
    return files


def generated_files(instance: Instance) -> dict[Path, str]:
    """Files made from the instance's models and vocabularies (schema, form, guide)."""
    from praxis.authoring.cms import config_files
    from praxis.authoring.docs import contributing_text
    from praxis.authoring.issueform import form_files
    from praxis.model.schema import schema_files

    files = dict(schema_files(instance))
    files.update(form_files(instance))
    files.update(config_files(instance))
    guide = instance.root / "CONTRIBUTING.md"
    files[guide] = contributing_text(instance, guide.read_text(encoding="utf-8"))
    return files


def create_instance(target: Path, settings: Settings, engine: EngineSource) -> list[str]:
    """Write a new instance to `target` all at once; never touch a non-empty directory."""
    settings = check_settings(settings)
    target = Path(os.path.abspath(target))
    if os.path.islink(target):
        raise PraxisError(
            f"{target} ist eine symbolische Verknüpfung: nichts angelegt. Bitte ein neues "
            "oder leeres Verzeichnis angeben (nicht die Verknüpfung darauf)."
        )
    above = next(p for p in target.parents if os.path.lexists(p))
    if not above.is_dir():
        raise PraxisError(
            f"{above} ist eine Datei, kein Verzeichnis: darin kann keine Instanz angelegt "
            "werden. Bitte einen anderen Ort angeben."
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PraxisError(
            f"{target} gibt es schon und ist nicht leer: nichts überschrieben. "
            "Bitte ein neues oder leeres Verzeichnis angeben."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        for rel, text in instance_files(settings, engine).items():
            path = staging / rel
            _write(path, text)
        if engine.wheel:
            (staging / WHEEL_DIR).mkdir()
            shutil.copyfile(engine.wheel, staging / WHEEL_DIR / engine.wheel.name)
        staged = Instance.open(staging)
        for path, text in generated_files(staged).items():
            _write(path, text)
        written = sorted(
            p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()
        )
        staging.chmod(0o777 & ~umask())  # mkdtemp made it private
        if target.exists():
            target.rmdir()  # empty, checked above
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _write(path: Path, text: str) -> None:
    with naming(path):  # a full disk is reported with the file's name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

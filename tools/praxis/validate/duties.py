"""What the law asks of an operator's site, read from the instance and checked before a
build: the Impressum and Datenschutz filled in, a feedback contact and the Land's
enforcement body for the accessibility statement (Erklärung zur Barrierefreiheit), and
a video in Deutscher Gebärdensprache (BITV 2.0 § 4).

`Duties.of(instance)` is the one place these settings are read; the pages that show them
are made in `praxis.generate.accessibility`. Whatever is missing is a located warning
(`Duties.problems`), which `praxis build` prints and `--strict` turns into a failure,
because a public body must not publish the templates' placeholders.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from praxis.config import Instance, setting_line
from praxis.problems import Problem

LEGAL_PAGES = ("impressum.md", "datenschutz.md")  # hand-written, from templates
TEMPLATE_NOTE = re.compile(r'^!!! \w+ "Vom Betreiber auszufüllen"', re.MULTILINE)
BRACKETS = re.compile(r"\[([^\[\]]+)\](?![(\[:])")
REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:", re.MULTILINE)
CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]+`", re.MULTILINE | re.DOTALL)
EMAIL = re.compile(r"[^@\s<>\"'()\[\]]+@[^@\s<>\"'()\[\]]+\.[A-Za-z]{2,}")
FORM_URL = re.compile(r"https://[^\s<>\"'()\[\]]+\.[^\s<>\"'()\[\]]+")
VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
STATUS = ("vollstaendig", "teilweise", "nicht")
Status = Literal["vollstaendig", "teilweise", "nicht"]


@dataclass(frozen=True)
class Body:
    """The Land's enforcement or conciliation body (Durchsetzungs-/Schlichtungsstelle)."""

    name: str
    url: str


@dataclass(frozen=True)
class Video:
    """The operator's DGS video: paths relative to the content directory."""

    src: str
    type: str
    captions: str | None = None


@dataclass
class Duties:
    kontakt: str | None  # `mailto:…` or an https form address; None if missing or unusable
    body: Body | None
    video: Video | None
    erstellt: dt.date | None
    ueberprueft: dt.date | None
    status: Status
    einschraenkungen: list[str]
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def of(cls, instance: Instance) -> Duties:
        """The settings of `extra.praxis` and the Land's body, with a warning for each
        missing or unusable one and for each placeholder left in the legal pages."""
        mkdocs = instance.root / "mkdocs.yml"
        problems: list[Problem] = []

        def warn(path: Path, key: str, message: str, line: int | None = None) -> None:
            number = line if line is not None else setting_line(path, key)
            problems.append(Problem(instance.relative(path), number, 1, "warning", key, message))

        settings = instance.settings
        statement = _mapping(settings.get("barrierefreiheit"))
        signs = _mapping(settings.get("gebaerdensprache"))
        duties = cls(
            kontakt=_kontakt(instance.kontakt),
            body=None,
            video=None,
            erstellt=_date(statement.get("erstellt")),
            ueberprueft=_date(statement.get("ueberprueft")),
            status=_status(statement.get("status")),
            einschraenkungen=[str(item) for item in statement.get("einschraenkungen") or []],
            problems=problems,
        )
        if duties.kontakt is None:
            warn(
                mkdocs,
                "kontakt",
                "Für die Rückmeldung zur Barrierefreiheit fehlt eine Kontaktmöglichkeit: "
                "unter extra.praxis `kontakt:` eine E-Mail-Adresse (z. B. "
                "barrierefreiheit@beispiel.de) oder die https-Adresse eines Kontaktformulars "
                "eintragen.",
            )
        if duties.erstellt is None:
            warn(
                mkdocs,
                "erstellt",
                "Die Erklärung zur Barrierefreiheit braucht das Datum ihrer Erstellung: unter "
                "extra.praxis.barrierefreiheit `erstellt: JJJJ-MM-TT` eintragen, nachdem Sie "
                "die Erklärung geprüft haben.",
            )
        if statement.get("status") not in (None, *STATUS):
            warn(
                mkdocs,
                "status",
                f"barrierefreiheit.status „{statement.get('status')}“ ist unbekannt: "
                "vollstaendig, teilweise oder nicht.",
            )
        duties.body = _body(instance, warn)
        duties.video = _video(instance, signs, warn)
        for name in LEGAL_PAGES:
            path = instance.content_dir / name
            for line, text in placeholders(path):
                if TEMPLATE_NOTE.match(text):
                    message = (
                        "Der Hinweis „Vom Betreiber auszufüllen“ steht noch auf der Seite: "
                        "löschen, sobald alle Angaben ergänzt sind."
                    )
                else:
                    short = text if len(text) <= 70 else text[:66] + " …]"
                    message = (
                        f"Platzhalter „{short}“ ist noch nicht ausgefüllt: durch die Angabe "
                        "des Betreibers ersetzen."
                    )
                warn(path, "", message, line)
        return duties


def placeholders(path: Path) -> list[tuple[int, str]]:
    """Each `[text in square brackets]` that is no link, and the template's note, by line.
    Code and reference-style links are not placeholders."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        return []
    blank = CODE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)
    references = {label.casefold() for label in REFERENCE.findall(blank)}
    found = [(match.start(), match.group(0)) for match in TEMPLATE_NOTE.finditer(blank)]
    for match in BRACKETS.finditer(blank):
        inner = match.group(1).strip()
        if inner.casefold() in references or inner.startswith("^") or inner in ("", "x", "X"):
            continue
        if not any(ch.isalpha() for ch in inner):
            continue
        found.append((match.start(), " ".join(match.group(0).split())))
    return [(blank.count("\n", 0, start) + 1, snippet) for start, snippet in sorted(found)]


def _status(value: Any) -> Status:
    """The conformity status the operator declared; `teilweise` unless one of STATUS."""
    if value == "vollstaendig":
        return "vollstaendig"
    return "nicht" if value == "nicht" else "teilweise"


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _kontakt(value: str) -> str | None:
    if EMAIL.fullmatch(value):
        return f"mailto:{value}"
    return value if FORM_URL.fullmatch(value) else None


def _body(instance: Instance, warn: Any) -> Body | None:
    """The body of the instance's Land, from the `bundeslaender` vocabulary."""
    code = instance.bundesland
    vocabulary = instance.vocabularies["bundeslaender"]
    term = vocabulary.by_id.get(code or "")
    if term is None:
        return None  # an unknown Land is reported where the Land is checked
    path = instance.vocabulary_dir / "bundeslaender.yml"
    raw = _mapping(term.extra.get("durchsetzungsstelle"))
    name, url = str(raw.get("name") or "").strip(), str(raw.get("url") or "").strip()
    if name and FORM_URL.fullmatch(url):
        return Body(name, url)
    warn(
        path,
        "durchsetzungsstelle",
        f"Für {term.label} ist keine Durchsetzungs- oder Schlichtungsstelle für "
        "Barrierefreiheit eingetragen, auf die die Erklärung zur Barrierefreiheit verweisen "
        f"muss: beim Eintrag `id: {term.id}` unter `durchsetzungsstelle:` `name` und `url` "
        "(https://…) der Stelle eintragen.",
        _line_of(path, rf"\bid:\s*{re.escape(term.id)}\b"),
    )
    return None


def _line_of(path: Path, pattern: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if re.search(pattern, line)), 1)


def _video(instance: Instance, signs: dict[str, Any], warn: Any) -> Video | None:
    """The DGS video as a file of the content directory; no other host, no upward path."""
    mkdocs = instance.root / "mkdocs.yml"
    src = str(signs.get("video") or "").strip()
    if not src:
        warn(
            mkdocs,
            "gebaerdensprache",
            "Das Video in Deutscher Gebärdensprache fehlt (BITV 2.0 § 4): die Datei (MP4 "
            "oder WebM) unter content/ ablegen und unter extra.praxis.gebaerdensprache "
            "`video: medien/gebaerdensprache.mp4` eintragen.",
        )
        return None
    video = _local_file(instance, src, tuple(VIDEO_TYPES))
    if video is None:
        warn(
            mkdocs,
            "video",
            f"gebaerdensprache.video „{src}“ ist keine MP4- oder WebM-Datei unter content/: "
            "einen Pfad relativ zu content/ angeben, z. B. medien/gebaerdensprache.mp4 "
            "(Videos anderer Plattformen werden nicht eingebunden).",
        )
        return None
    captions_src = str(signs.get("untertitel") or "").strip()
    captions = _local_file(instance, captions_src, (".vtt",)) if captions_src else None
    if captions_src and captions is None:
        warn(
            mkdocs,
            "untertitel",
            f"gebaerdensprache.untertitel „{captions_src}“ ist keine WebVTT-Datei (.vtt) "
            "unter content/.",
        )
    return Video(video, VIDEO_TYPES[PurePosixPath(video).suffix.lower()], captions)


def _local_file(instance: Instance, value: str, suffixes: tuple[str, ...]) -> str | None:
    """`value` as a POSIX path inside the content directory, if such a file exists."""
    path = PurePosixPath(value)
    if (
        path.is_absolute()
        or ".." in path.parts
        or ":" in value
        or "\\" in value
        or path.suffix.lower() not in suffixes
        or not all(re.fullmatch(r"[\w.-]+", part) for part in path.parts)
    ):
        return None
    target = instance.content_dir / path
    content = instance.content_dir.resolve()
    if not target.is_file() or not target.resolve().is_relative_to(content):
        return None
    return path.as_posix()

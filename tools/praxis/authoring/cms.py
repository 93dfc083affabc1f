"""The web editor (Decap CMS): its configuration, made from the content model.

`cms_config` walks the models like the JSON Schema and the field reference do: every key
becomes a form field with a German label and the model's description as hint; nested
parts become object and list widgets, vocabularies select widgets (labels shown, ids
stored), links to other entries relation widgets. `praxis cms` writes it to
`cms/config.yml` (committed, `--check` in CI); the build copies it with the vendored CMS
script into the site (`praxis.generate.admin`), so the editor needs no CDN and no npm at
build time.
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic.fields import FieldInfo

from praxis.authoring.docs import ORDER, is_list, vocabulary_of
from praxis.authoring.issueform import CHOICE_LABELS, literal_values
from praxis.authoring.scaffold import PRACTICE_SECTIONS, PROGRAMME_SECTIONS
from praxis.config import Instance
from praxis.model.entries import MODELS, nested_model
from praxis.model.fields import Datum, Koordinaten, Url
from praxis.model.kinds import KINDS

SLUG_TITLE = 70  # characters of the title in a new file's name (plus "...", dropped)
CONFIG_PATH = "cms/config.yml"
SECTIONS = {"practice": PRACTICE_SECTIONS, "programme": PROGRAMME_SECTIONS}
RELATIONS = {"programme": KINDS["programme"].folder, "uebertragen_von": KINDS["practice"].folder}
URL_PATTERN = [r"^https?://[^\s/]+\.\S+$", "Eine Web-Adresse, die mit https:// beginnt."]
PATTERNS: dict[
    tuple[str, ...], list[str]
] = {  # string fields whose form must match what the model accepts
    ("laufzeit", "beginn"): [
        r"^\d{4}(-(0[1-9]|1[0-2]))?$",
        "Jahr (2019) oder Jahr-Monat (2019-04).",
    ],
    ("laufzeit", "ende"): [r"^\d{4}(-(0[1-9]|1[0-2]))?$", "Jahr (2019) oder Jahr-Monat (2019-04)."],
    ("ort", "ags"): [r"^\d{8}$", "Genau 8 Ziffern."],
    ("kontakt", "email"): [r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", "Eine E-Mail-Adresse."],
}
LABELS = {
    "titel": "Titel",
    "kurzbeschreibung": "Kurzbeschreibung",
    "handlungsfelder": "Handlungsfelder",
    "zielgruppen": "Zielgruppen",
    "laufzeit": "Laufzeit",
    "beginn": "Beginn",
    "ende": "Ende",
    "quellen": "Quellen",
    "url": "Adresse",
    "abgerufen": "Abgerufen am",
    "redaktion": "Redaktion",
    "erfasst": "Erfasst am",
    "aktualisiert": "Aktualisiert am",
    "geprueft": "Fachlich geprüft am",
    "status": "Stand",
    "bundesland": "Land",
    "ort": "Ort",
    "name": "Name",
    "ebene": "Ebene",
    "ags": "Amtlicher Gemeindeschlüssel",
    "quartier": "Quartier oder Stadtteil",
    "koordinaten": "Koordinaten",
    "traeger": "Träger",
    "art": "Art",
    "programme": "Förderprogramme",
    "ressourcen": "Ressourcen",
    "personal": "Personal",
    "kosten_eur": "Kosten in Euro",
    "hinweis": "Hinweis",
    "wirkung": "Wirkung",
    "ergebnisse": "Ergebnisse",
    "evidenz": "Nachweis",
    "nachweis_url": "Adresse des Nachweises",
    "uebertragbarkeit": "Übertragbarkeit",
    "einschaetzung": "Einschätzung",
    "voraussetzungen": "Voraussetzungen",
    "erfolgsfaktoren": "Erfolgsfaktoren",
    "stolpersteine": "Stolpersteine",
    "uebertragen_von": "Übernommen von",
    "kontakt": "Kontakt",
    "organisation": "Organisation",
    "email": "E-Mail",
    "telefon": "Telefon",
    "web": "Web-Adresse",
    "person": "Ansprechperson",
    "schlagworte": "Schlagworte",
    "foerdergeber": "Fördergeber",
    "servicestelle": "Servicestelle",
    "finanzierung": "Finanzierung",
    "budget": "Fördervolumen",
    "betrag_eur": "Betrag in Euro",
    "zeitraum": "Zeitraum",
    "stand": "Stand (Jahr)",
    "antragsberechtigt": "Antragsberechtigt",
    "richtlinie": "Förderrichtlinie",
    "website": "Web-Seite",
}
STATUS_LABELS = {"entwurf": "Entwurf", "veroeffentlicht": "veröffentlicht"}
HEADER = (
    "# Erzeugt von `praxis cms` aus dem Modell und den Vokabularen. Nicht von Hand ändern;\n"
    "# Back-End und Pfad stehen in mkdocs.yml unter extra.praxis.cms (siehe CONTRIBUTING.md).\n"
)


# --- the configuration --------------------------------------------------------------


def cms_config(instance: Instance) -> dict[str, Any]:
    return {
        "locale": "de",
        "backend": backend(instance),
        "local_backend": True,  # only where the page is opened on localhost
        "publish_mode": "editorial_workflow",
        "media_folder": f"{instance.relative(instance.content_dir)}/medien",
        "public_folder": "/medien",
        **({"site_url": instance.site_url} if instance.site_url else {}),
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(instance, kind) for kind in MODELS],
    }


def backend(instance: Instance) -> dict[str, Any]:
    """GitHub or a GitLab (gitlab.com, Open CoDE or another), from repo_url, with what
    extra.praxis.cms adds: the OAuth client (`base_url`) for GitHub, the application id
    (`app_id`) for GitLab's PKCE login, which needs no server."""
    settings = cms_settings(instance)
    parts = urlsplit(instance.repo_url)
    repo = parts.path.strip("/").removesuffix(".git") or "OWNER/REPO"
    host = parts.hostname or "github.com"
    result: dict[str, Any] = {"branch": str(settings.get("branch") or branch(instance))}
    if host == "github.com":
        result = {"name": "github", "repo": repo, **result}
        if settings.get("base_url"):
            result["base_url"] = str(settings["base_url"])
    else:
        origin = f"https://{host}"
        result = {
            "name": "gitlab",
            "repo": repo,
            **result,
            "auth_type": "pkce",
            "app_id": str(settings.get("app_id") or ""),
            "base_url": origin,
            "api_root": f"{origin}/api/v4",
            "auth_endpoint": "oauth/authorize",
        }
    result["squash_merges"] = True
    result["commit_messages"] = {
        "create": "Neu: {{collection}} „{{slug}}“ (Web-Editor)",
        "update": "Geändert: {{collection}} „{{slug}}“ (Web-Editor)",
        "delete": "Gelöscht: {{collection}} „{{slug}}“ (Web-Editor)",
        "uploadMedia": "Datei hochgeladen: „{{path}}“ (Web-Editor)",
        "deleteMedia": "Datei gelöscht: „{{path}}“ (Web-Editor)",
        "openAuthoring": "{{message}}",
    }
    return result


def cms_settings(instance: Instance) -> dict[str, Any]:
    value = instance.settings.get("cms")
    return dict(value) if isinstance(value, dict) else {}


def admin_path(instance: Instance) -> str:
    """Where the site serves the editor: extra.praxis.cms.pfad, default `admin`."""
    path = str(cms_settings(instance).get("pfad") or "admin").strip("/")
    if not all(part and part not in (".", "..") for part in path.split("/")):
        path = "admin"
    return path


def branch(instance: Instance) -> str:
    """The branch of the edit links (`edit/main/content/`), else main."""
    parts = instance.edit_uri.strip("/").split("/")
    return parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "-") else "main"


def collection(instance: Instance, kind: str) -> dict[str, Any]:
    folder = instance.relative(instance.content_dir / KINDS[kind].folder)
    model = MODELS[kind]
    body = "\n".join(f"## {title}\n\n<!-- {hint} -->\n" for title, hint in SECTIONS[kind].items())
    names = sorted(model.model_fields, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))
    fields = [form_field(instance, name, model.model_fields[name], (), True) for name in names]
    fields.append(
        {
            "name": "body",
            "label": "Text",
            "widget": "markdown",
            "hint": "Der ausführliche Text unter den Überschriften; Hinweise in <!-- … --> "
            "dürfen stehen bleiben.",
            "default": body,
            "modes": ["raw", "rich_text"],
            "buttons": [
                *("bold", "italic", "link", "heading-two", "heading-three"),
                *("quote", "bulleted-list", "numbered-list"),
            ],
            "editor_components": [],
            "sanitize_preview": True,
            "required": False,
        }
    )
    return {
        "name": KINDS[kind].folder,
        "label": KINDS[kind].plural,
        "label_singular": KINDS[kind].label,
        "folder": folder,
        "extension": "md",
        "format": "praxis-frontmatter",
        "create": True,
        "slug": f"{{{{titel | truncate({SLUG_TITLE})}}}}",  # the file name, under SLUG_MAX
        "identifier_field": "titel",
        "summary": "{{titel}}",
        "sortable_fields": ["titel", "redaktion.erfasst"],
        "fields": fields,
    }


def form_field(
    instance: Instance, name: str, info: FieldInfo, path: tuple[str, ...], parent_required: bool
) -> dict[str, Any]:
    """One key of the model as a form field; nested parts recurse. A key inside an
    optional part is required only by the validator, once the part is filled."""
    required = info.is_required() and parent_required
    spec: dict[str, Any] = {
        "name": name,
        "label": LABELS.get(name, name.replace("_", " ").capitalize()),
        "required": required,
    }
    if info.description:
        spec["hint"] = re.sub(r"\s*\(Vokabular \w+\)", "", info.description)
    spec.update(widget(instance, name, info, (*path, name), required))
    low, _ = _length(info)
    if low and spec["widget"] in ("list", "select", "relation"):
        spec["min"] = low  # a list the model wants at least one item in
    return spec


def widget(
    instance: Instance, name: str, info: FieldInfo, path: tuple[str, ...], required: bool
) -> dict[str, Any]:
    """The widget and its options; `required` is whether the form must have the key."""
    annotation = info.annotation
    many = is_list(annotation) and not _is(info, Koordinaten)
    vocab = vocabulary_of(annotation, list(info.metadata))
    if vocab:
        terms = instance.vocabularies[vocab]
        options = [{"label": t.label, "value": t.id} for t in terms]
        return {"widget": "select", "options": options, "multiple": many} | _default(info)
    choices = literal_values(annotation)
    if choices:
        labels = STATUS_LABELS if path == ("redaktion", "status") else CHOICE_LABELS
        options = [{"label": labels.get(c, c), "value": c} for c in choices]
        return {"widget": "select", "options": options} | _default(info)
    if name in RELATIONS and len(path) == 1:
        return {
            "widget": "relation",
            "collection": RELATIONS[name],
            "value_field": "{{slug}}",
            "search_fields": ["titel"],
            "display_fields": ["titel"],
            "multiple": True,
        }
    nested = nested_model(annotation)
    if nested is not None:
        # an item of a list exists only once added, so its own keys are required then
        fields = [
            form_field(instance, n, f, path, many or required)
            for n, f in nested.model_fields.items()
        ]
        if many:
            singular = {"traeger": "Träger", "quellen": "Quelle"}.get(name, LABELS.get(name, name))
            return {"widget": "list", "fields": fields, "collapsed": False} | {
                "label_singular": singular
            }
        return {"widget": "object", "fields": fields, "collapsed": not required}
    if _is(info, Koordinaten):
        number = {"name": "wert", "label": "Wert", "widget": "number", "value_type": "float"}
        return {"widget": "list", "field": number, "min": 2, "max": 2}
    if _is(info, Datum):
        date: dict[str, Any] = {"widget": "datetime", "format": "YYYY-MM-DD"}
        date |= {"date_format": "DD.MM.YYYY", "time_format": False}
        today = path == ("redaktion", "erfasst")
        return date | {"default": "{{now}}" if today else ""}
    if many:
        if name == "schlagworte":
            return {"widget": "list"}  # typed comma-separated, kept on one line
        return {
            "widget": "list",
            "field": {"name": "eintrag", "label": "Eintrag", "widget": "text"},
        }
    if _is(info, float) or _is(info, int):
        return {"widget": "number", "value_type": "int" if _is(info, int) else "float"}
    result: dict[str, Any] = {"widget": "text" if name == "kurzbeschreibung" else "string"}
    low, high = _length(info)
    if low or high:
        what = f"{low}–{high} Zeichen" if high else f"mindestens {low} Zeichen"
        result["pattern"] = [f"^[\\s\\S]{{{low},{high or ''}}}$", f"Bitte {what}."]
    if _is(info, Url):
        result["pattern"] = list(URL_PATTERN)
    elif path[-2:] in PATTERNS:
        result["pattern"] = list(PATTERNS[path[-2:]])
    return result


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """The base type under `X | None`, `list[X]` and `Annotated[X, …]`, and the metadata
    collected on the way (pydantic keeps the outermost Annotated in `FieldInfo.metadata`)."""
    marks = list(metadata)
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            marks += list(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) in (list, typing.Union, types.UnionType) and args:
            annotation = args[0]
            continue
        return annotation, marks


def _is(info: FieldInfo, wanted: Any) -> bool:
    """Whether the field is of type `wanted`, or of the Annotated alias `wanted`."""
    base, marks = _unwrap(info.annotation, list(info.metadata))
    if typing.get_origin(wanted) is typing.Annotated:
        want_base, want_marks = _unwrap(wanted, [])
        return base == want_base and all(any(m is w for m in marks) for w in want_marks)
    return bool(base == wanted)


def _length(info: FieldInfo) -> tuple[int, int | None]:
    low = next((m.min_length for m in info.metadata if getattr(m, "min_length", None)), 0)
    high = next((m.max_length for m in info.metadata if getattr(m, "max_length", None)), None)
    return low, high


def _default(info: FieldInfo) -> dict[str, Any]:
    default = info.get_default()
    return {"default": default} if isinstance(default, str) else {}


def config_text(instance: Instance) -> str:
    return HEADER + yaml.safe_dump(
        cms_config(instance), allow_unicode=True, sort_keys=False, width=100
    )


def config_files(instance: Instance) -> dict[Path, str]:
    return {instance.root / CONFIG_PATH: config_text(instance)}

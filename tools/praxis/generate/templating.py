"""Shared helpers of the page generators: one compiled Jinja2 environment, German labels,
relative links and number formats.

Templates are compiled once per process (the environment caches them), so that 10,000
pages cost one render call each, not one compile each.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from praxis.config import Instance
from praxis.fragments import HTML_CLOSE, HTML_OPEN, PERMALINK_TITLE
from praxis.generate import entry_url, handlungsfeld_url, land_url, zielgruppe_url

STATUS = {
    "geplant": "geplant",
    "laufend": "läuft",
    "abgeschlossen": "abgeschlossen",
    "aktiv": "aktiv",
    "beendet": "beendet",
}
EVIDENZ = {
    "evaluation": "Evaluation",
    "monitoring": "Monitoring",
    "dokumentation": "Dokumentation",
    "selbsteinschaetzung": "Selbsteinschätzung",
    "keine": "keine",
}
EBENE = {"eu": "EU", "bund": "Bund", "land": "Land", "kommune": "Kommune"}
ORT_EBENE = {"land": "Land", "kreis": "Kreis", "kommune": "Kommune", "quartier": "Quartier"}
EINSCHAETZUNG = {"hoch": "hoch", "mittel": "mittel", "gering": "gering"}
ZEITRAUM = {"jaehrlich": "jährlich", "gesamt": "gesamt"}


def href(page_url: str, target_url: str) -> str:
    """Link from the page at `page_url` to `target_url`, both site paths of directory-style
    pages (`a/b/`, the root is ``): up to the root, then down. Plain string work, because
    a build makes tens of thousands of these links."""
    if target_url.startswith(("http://", "https://", "#")):
        return target_url
    return "../" * page_url.count("/") + target_url or "./"


def date_de(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def number_de(value: float) -> str:
    """4500000 → „4.500.000“, German digit grouping."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def zeitpunkt_de(value: str | None) -> str:
    """`2019-04` → `04/2019`; a bare year stays as it is."""
    if not value:
        return ""
    year, _, month = value.partition("-")
    return f"{month}/{year}" if month else year


def laufzeit_de(laufzeit: Any) -> str:
    if laufzeit is None:
        return ""
    if laufzeit.ende:
        return f"{zeitpunkt_de(laufzeit.beginn)} bis {zeitpunkt_de(laufzeit.ende)}"
    return f"seit {zeitpunkt_de(laufzeit.beginn)}"


def email_parts(address: str) -> Markup:
    """An e-mail address that no harvester reads as one: `info [at] example [punkt] org`,
    split across spans, without `mailto:` and without the `@`."""
    local, _, domain = address.partition("@")
    pieces = [Markup.escape(local), Markup('<span class="praxis-at"> [at] </span>')]
    labels = domain.split(".")
    for index, label in enumerate(labels):
        if index:
            pieces.append(Markup('<span class="praxis-dot"> [punkt] </span>'))
        pieces.append(Markup(f"<span>{escape(label)}</span>"))
    return Markup(f'<span class="praxis-email">{Markup("").join(pieces)}</span>')


def markdown_text(text: str) -> str:
    """Settings text (a name, a sentence) for a Markdown page: HTML escaped and Markdown's
    punctuation as character references, so that it can form neither a tag nor a link."""
    escaped = str(escape(text))
    return "".join(f"&#{ord(ch)};" if ch in "\\`*_[](){}#!|~" else ch for ch in escaped)


def html_block(html: str) -> Markup:
    """Mark finished HTML as a block that Markdown must not touch (`praxis.fragments`).
    Use it for every HTML block of a generated page, and `heading` for its sections."""
    body = str(html).strip("\n").replace("-->", "--&gt;")
    return Markup(f"{HTML_OPEN}\n{body}\n{HTML_CLOSE}")


def heading(anchor: str, title: str) -> Markup:
    """A section heading inside an HTML block, with the permalink Markdown would add; it
    joins the page's table of contents (`fragments.merge_toc`)."""
    anchor, title = escape(anchor), escape(title)  # Markup.format is slow at 10,000 pages
    return Markup(
        f'<h2 id="{anchor}">{title}<a class="headerlink" href="#{anchor}" '
        f'title="{PERMALINK_TITLE}">&para;</a></h2>'
    )


def labelled(ids: list[str], label_of: Any) -> str:
    """Term ids as a comma-separated list of their labels."""
    return ", ".join(label_of(term_id) for term_id in ids)


def front_matter(**values: Any) -> str:
    """YAML front matter of a generated page; JSON strings are valid YAML scalars."""
    lines = [
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in values.items()
        if value is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("praxis", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        date_de=date_de,
        number_de=number_de,
        zeitpunkt_de=zeitpunkt_de,
        laufzeit_de=laufzeit_de,
        email=email_parts,
        html_block=html_block,
        labelled=labelled,
    )
    env.globals.update(
        STATUS=STATUS,
        EVIDENZ=EVIDENZ,
        EBENE=EBENE,
        ORT_EBENE=ORT_EBENE,
        EINSCHAETZUNG=EINSCHAETZUNG,
        ZEITRAUM=ZEITRAUM,
        href=href,
        heading=heading,
        entry_url=entry_url,
        land_url=land_url,
        handlungsfeld_url=handlungsfeld_url,
        zielgruppe_url=zielgruppe_url,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


class Labels:
    """German labels of vocabulary terms, as the instance's vocabularies name them."""

    def __init__(self, instance: Instance) -> None:
        vocabularies = instance.vocabularies
        self.laender = vocabularies["bundeslaender"]
        self.handlungsfelder = vocabularies["handlungsfelder"]
        self.zielgruppen = vocabularies["zielgruppen"]
        self.traegerarten = vocabularies["traegerarten"]
        self.finanzierungsquellen = vocabularies["finanzierungsquellen"]

    def land(self, code: str | None) -> str:
        return self.laender.label_of(code) if code else ""

    def hf(self, term_id: str) -> str:
        return self.handlungsfelder.label_of(term_id)

    def zg(self, term_id: str) -> str:
        return self.zielgruppen.label_of(term_id)

    def traeger(self, term_id: str) -> str:
        return self.traegerarten.label_of(term_id)

    def quelle(self, term_id: str) -> str:
        return self.finanzierungsquellen.label_of(term_id)


def edit_url(instance: Instance, docs_path: str) -> str | None:
    """The repository's edit page of a file under the docs directory, as MkDocs makes it."""
    repo, uri = instance.repo_url, instance.edit_uri
    if not repo or not uri:
        return None
    if not uri.endswith("/"):
        uri += "/"
    if not repo.endswith("/") and not uri.startswith(("/", "?", "#", "http")):
        repo += "/"
    return urljoin(repo, uri + docs_path)

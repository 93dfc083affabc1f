"""Shared helpers of the page generators and the theme: German labels, relative links and
number formats, as Jinja2 filters and globals (`FILTERS`, `GLOBALS`).

The engine's MkDocs plugin (`praxis.render.plugin`) registers them in MkDocs' theme
environment, for the templates under `theme/praxis/`, which escape every value
(autoescape); only `Markup` passes unescaped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from markupsafe import Markup, escape

from praxis.config import Instance
from praxis.generate import entry_url, handlungsfeld_url, land_url, zielgruppe_url

PERMALINK_TITLE = "Link zu diesem Abschnitt"  # as Markdown's toc extension is configured
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


# What the page's script may turn into a `mailto:` link (praxis.js checks the same):
# letters, digits and `._%+-` before the @, DNS labels after it. Anything else that
# validation let through stays readable text only.
EMAIL_NAME = re.compile(r"[A-Za-z0-9._%+-]{1,64}")
EMAIL_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


def email_parts(address: str) -> Markup:
    """An e-mail address that no harvester reads as one: `info [at] example [punkt] org`,
    split across spans, without `mailto:` and without the `@`. A well-formed address
    carries its two halves in data attributes, from which the page's script makes a
    link a reader can click or copy."""
    local, _, domain = address.partition("@")
    pieces = [Markup.escape(local), Markup('<span class="praxis-at"> [at] </span>')]
    labels = domain.split(".")
    for index, label in enumerate(labels):
        if index:
            pieces.append(Markup('<span class="praxis-dot"> [punkt] </span>'))
        pieces.append(Markup(f"<span>{escape(label)}</span>"))
    data = ""
    if EMAIL_NAME.fullmatch(local) and EMAIL_HOST.fullmatch(domain):
        data = f' data-name="{escape(local)}" data-host="{escape(domain)}"'
    return Markup(f'<span class="praxis-email"{data}>{Markup("").join(pieces)}</span>')


def markdown_text(text: str) -> str:
    """Settings text (a name, a sentence) for a Markdown page: HTML escaped and Markdown's
    punctuation as character references, so that it can form neither a tag nor a link."""
    escaped = str(escape(text))
    return "".join(f"&#{ord(ch)};" if ch in "\\`*_[](){}#!|~" else ch for ch in escaped)


def heading(section: Any) -> Markup:
    """A fixed section's heading (`pages.Section`) with the permalink that Markdown adds
    to the body's headings, so that both look and link alike."""
    anchor, title = escape(section.id), escape(section.title)
    return Markup(
        f'<h2 id="{anchor}">{title}<a class="headerlink" href="#{anchor}" '
        f'title="{PERMALINK_TITLE}">&para;</a></h2>'
    )


SAME_PLACE_PREFIXES = ("land ", "freistaat ", "bundesland ")


def distinct(parts: list[str | None]) -> list[str]:
    """The non-empty parts of a meta line, each once: a part that names what an earlier
    one named ("Thüringen" after "Land Thüringen", case and spacing aside) is left out,
    so that "Gera, Thüringen" stays but "Thüringen, Thüringen" becomes "Thüringen"."""

    def key(part: str) -> str:
        text = " ".join(part.casefold().split())
        for prefix in SAME_PLACE_PREFIXES:
            text = text.removeprefix(prefix)
        return text

    seen: set[str] = set()
    result = []
    for part in parts:
        if part and key(part) not in seen:
            seen.add(key(part))
            result.append(part)
    return result


def labelled(ids: list[str], label_of: Any) -> str:
    """Term ids as a comma-separated list of their labels."""
    return ", ".join(label_of(term_id) for term_id in ids)


FILTERS: dict[str, Any] = {
    "date_de": date_de,
    "number_de": number_de,
    "zeitpunkt_de": zeitpunkt_de,
    "laufzeit_de": laufzeit_de,
    "email": email_parts,
    "labelled": labelled,
    "distinct": distinct,
}
GLOBALS: dict[str, Any] = {
    "STATUS": STATUS,
    "EVIDENZ": EVIDENZ,
    "EBENE": EBENE,
    "ORT_EBENE": ORT_EBENE,
    "EINSCHAETZUNG": EINSCHAETZUNG,
    "ZEITRAUM": ZEITRAUM,
    "href": href,
    "heading": heading,
    "entry_url": entry_url,
    "land_url": land_url,
    "handlungsfeld_url": handlungsfeld_url,
    "zielgruppe_url": zielgruppe_url,
}


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

"""The accessibility statement (Erklärung zur Barrierefreiheit) and the page in Deutscher
Gebärdensprache, made from the operator's settings (`praxis.validate.duties`).

The statement follows the EU model statement (implementing decision (EU) 2018/1523):
conformity status, the parts that are not accessible and why, date and method of its
preparation, the feedback mechanism and the Land's enforcement procedure. What the
engine itself knows (which checks it runs, what its pages can and cannot do) is written
here; what only the operator knows comes from `extra.praxis`.
"""

from __future__ import annotations

from markupsafe import escape

from praxis.generate import GeneratedFile
from praxis.load.collection import Collection
from praxis.render.templating import date_de, email_parts, href, markdown_text
from praxis.validate.duties import Duties

STATEMENT = "barrierefreiheit.md"
SIGN_LANGUAGE = "gebaerdensprache.md"
EASY_LANGUAGE = "leichte-sprache.md"
STATUS_TEXT = {
    "vollstaendig": "vollständig vereinbar",
    "teilweise": "teilweise vereinbar",
    "nicht": "nicht vereinbar",
}


def files(collection: Collection) -> list[GeneratedFile]:
    duties = Duties.of(collection.instance)
    return [
        GeneratedFile(STATEMENT, statement(collection, duties)),
        GeneratedFile(SIGN_LANGUAGE, sign_language(collection, duties)),
    ]


def _contact(duties: Duties) -> str:
    if duties.kontakt is None:
        return "[Kontaktadresse des Betreibers: noch nicht eingetragen]"
    if duties.kontakt.startswith("mailto:"):
        # written as the entries' contacts are, so that no harvester reads the address
        return f"per E-Mail an {email_parts(duties.kontakt.removeprefix('mailto:'))}"
    return f"über das [Kontaktformular]({escape(duties.kontakt)})"


def _limitations(collection: Collection, duties: Duties) -> list[str]:
    """What is not accessible and why: the engine's known gaps, then the operator's."""
    items = []
    if duties.video is None:
        items.append(
            "**Gebärdensprache:** Ein Video in Deutscher Gebärdensprache, das die Website "
            "erklärt, liegt noch nicht vor (BITV 2.0 § 4). Es wird nachgereicht."
        )
    if not (collection.instance.content_dir / EASY_LANGUAGE).is_file():
        items.append(
            "**Leichte Sprache:** Eine Erklärung der Website in Leichter Sprache liegt noch "
            "nicht vor (BITV 2.0 § 4)."
        )
    items += [
        "**Texte der Einträge:** Die Praxisbeispiele und Förderprogramme schreiben "
        "Fachleute aus der Praxis in Fachsprache; sie liegen nicht in Leichter Sprache vor. "
        "Grund: Es sind viele, und sie ändern sich oft.",
        "**Inhalte anderer Anbieter:** Verlinkte Quellen, Förderrichtlinien und andere "
        "Dokumente (oft PDF-Dateien) stammen von anderen Stellen. Sie sind nicht Teil dieser "
        "Website, werden von ihr nicht geprüft und können Barrieren enthalten.",
    ]
    items += [markdown_text(text) for text in duties.einschraenkungen]
    return items


def statement(collection: Collection, duties: Duties) -> str:
    instance = collection.instance
    land = instance.vocabularies["bundeslaender"].label_of(instance.bundesland or "")
    name = markdown_text(instance.name)
    who = (
        markdown_text(instance.betreiber)
        if instance.settings.get("betreiber")
        else "Der Betreiber dieser Website"
    )
    scope = f"<{instance.site_url}>" if instance.site_url else "die Website „" + name + "“"
    created = date_de(duties.erstellt) or "[Datum der Erstellung: noch nicht eingetragen]"
    reviewed = (
        f" Sie wurde zuletzt am {date_de(duties.ueberprueft)} überprüft."
        if duties.ueberprueft
        else ""
    )
    limitations = "\n".join(f"- {item}" for item in _limitations(collection, duties))
    if duties.body is not None:
        url = escape(duties.body.url)
        body = f"[{markdown_text(duties.body.name)}]({url}) ({url})"
    else:
        body = f"[die zuständige Stelle des Landes {land}: noch nicht eingetragen]"
    return f"""---
title: Erklärung zur Barrierefreiheit
description: Wie barrierefrei diese Website ist, was noch fehlt und wo Sie Barrieren melden.
---

# Erklärung zur Barrierefreiheit

{who} ist bemüht, die Website „{name}“ barrierefrei zugänglich zu machen, im Einklang
mit den Vorschriften des Landes {land} über die barrierefreie Informationstechnik, die
die Richtlinie (EU) 2016/2102 umsetzen. Diese Erklärung gilt für {scope}.

## Stand der Vereinbarkeit mit den Anforderungen

Diese Website ist mit den Anforderungen der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) und der Norm EN 301 549, die auf den Web Content Accessibility Guidelines
(WCAG 2.1, Stufe AA) beruht, **{STATUS_TEXT[duties.status]}**. Die Ausnahmen stehen im
nächsten Abschnitt.

## Nicht barrierefreie Inhalte

{limitations}

## Erstellung dieser Erklärung

Diese Erklärung wurde am {created} erstellt.{reviewed}

Sie beruht auf einer **Selbstbewertung**. Die Software, mit der die Website erstellt wird,
prüft bei jeder Änderung jede Art von Seite automatisch: mit dem Prüfwerkzeug axe-core
(Regeln für WCAG 2.1 A und AA) im Browser Chromium, bei 1280 und bei 375 Pixel
Bildschirmbreite (ohne seitliches Scrollen), und darauf, dass keine Seite Inhalte von
anderen Servern lädt. Automatische Prüfungen finden nicht alle Barrieren; Hinweise von
Ihnen helfen uns deshalb sehr.

## Feedback und Kontaktangaben {{#feedback}}

Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen? Oder brauchen Sie
Informationen dieser Website in einer barrierefreien Form? Dann melden Sie sich bitte
{_contact(duties)}. Wir antworten Ihnen so schnell wie möglich.

## Durchsetzungsverfahren

Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an
die Durchsetzungs- oder Schlichtungsstelle des Landes wenden: {body}.
"""


def sign_language(collection: Collection, duties: Duties) -> str:
    """The DGS page: the operator's local video, or a placeholder until there is one."""
    page = SIGN_LANGUAGE.removesuffix(".md") + "/"
    easy = (collection.instance.content_dir / EASY_LANGUAGE).is_file()
    text_version = (
        f"Dieselben Informationen gibt es auch in [Leichter Sprache]({EASY_LANGUAGE})."
        if easy
        else ""
    )
    if duties.video is not None:
        video = duties.video
        src = escape(href(page, video.src))
        track = (
            f'\n  <track kind="captions" srclang="de" label="Deutsch" '
            f'src="{escape(href(page, video.captions))}">'
            if video.captions
            else ""
        )
        player = f"""<figure class="praxis-dgs">
<video controls preload="none" width="640" aria-label="Video in Deutscher Gebärdensprache">
  <source src="{src}" type="{video.type}">{track}
</video>
<figcaption>Video in Deutscher Gebärdensprache. Ihr Browser spielt es nicht ab?
<a href="{src}" download>Video herunterladen</a>.</figcaption>
</figure>"""
    else:
        player = f"""!!! info "Das Video wird noch erstellt"
    Das Video in Deutscher Gebärdensprache gibt es noch nicht. Wenn Sie Fragen haben,
    melden Sie sich bitte {_contact(duties)}."""
    return f"""---
title: Deutsche Gebärdensprache
description: Informationen zu dieser Website in Deutscher Gebärdensprache (DGS).
---

# Deutsche Gebärdensprache

In diesem Video erklären wir in Deutscher Gebärdensprache (DGS), was Sie auf der Website
„{markdown_text(collection.instance.name)}“ finden und wie Sie sich zurechtfinden.

{player}

{text_version}
"""

"""Recommended parts of an entry: missing ones are warnings, not errors.

Their share is the entry's completeness score, shown to editors and on the site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Recommended parts: missing ones are warnings, and their share is the
# completeness score. Each is (key path, test on the model, German hint).
Check = Callable[[Any], bool]
RECOMMENDED: dict[str, list[tuple[str, Check, str]]] = {
    "practice": [
        (
            "laufzeit",
            lambda e: e.laufzeit is not None,
            "Laufzeit fehlt: seit wann gibt es das Praxisbeispiel (laufzeit.beginn)?",
        ),
        (
            "wirkung.ergebnisse",
            lambda e: bool(e.wirkung and e.wirkung.ergebnisse),
            "Ergebnisse fehlen: was hat das Praxisbeispiel bewirkt?",
        ),
        (
            "wirkung.evidenz",
            lambda e: bool(e.wirkung and e.wirkung.evidenz),
            "Evidenz fehlt: wie ist die Wirkung belegt (evaluation, monitoring, …)?",
        ),
        (
            "uebertragbarkeit.einschaetzung",
            lambda e: bool(e.uebertragbarkeit and e.uebertragbarkeit.einschaetzung),
            "Einschätzung der Übertragbarkeit fehlt (hoch, mittel oder gering).",
        ),
        (
            "uebertragbarkeit.voraussetzungen",
            lambda e: bool(e.uebertragbarkeit and e.uebertragbarkeit.voraussetzungen),
            "Voraussetzungen fehlen: was muss eine Kommune mitbringen?",
        ),
        (
            "uebertragbarkeit.erfolgsfaktoren",
            lambda e: bool(e.uebertragbarkeit and e.uebertragbarkeit.erfolgsfaktoren),
            "Erfolgsfaktoren fehlen: was hat geholfen?",
        ),
        (
            "uebertragbarkeit.stolpersteine",
            lambda e: bool(e.uebertragbarkeit and e.uebertragbarkeit.stolpersteine),
            "Stolpersteine fehlen: sie helfen anderen Kommunen am meisten.",
        ),
    ],
    "programme": [
        (
            "laufzeit",
            lambda e: e.laufzeit is not None,
            "Laufzeit fehlt: seit wann gibt es das Programm (laufzeit.beginn)?",
        ),
        (
            "antragsberechtigt",
            lambda e: bool(e.antragsberechtigt),
            "Antragsberechtigte fehlen: wer darf Anträge stellen?",
        ),
        (
            "finanzierung",
            lambda e: e.finanzierung is not None,
            "Finanzierung fehlt: woher kommt das Geld, wie viel steht zur Verfügung?",
        ),
    ],
}
BODY_SECTIONS = {"practice": ("Ausgangslage", "Ziele", "Vorgehen", "Ergebnisse"), "programme": ()}

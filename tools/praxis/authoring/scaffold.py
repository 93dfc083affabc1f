"""Skeletons of new entries (`praxis new`): complete, valid, and in the house style.

The front matter comes first with every required key filled from the contributor's
answers; the body holds the recommended sections with a hint what belongs in each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

PRACTICE_SECTIONS = {
    "Ausgangslage": "Welches Problem gab es vor Ort? Für wen?",
    "Ziele": "Was sollte erreicht werden?",
    "Vorgehen": "Was wurde getan, in welchen Schritten, mit wem?",
    "Ergebnisse": "Was hat sich verändert? Was lässt sich belegen?",
}
PROGRAMME_SECTIONS = {
    "Worum es geht": "Wozu gibt es das Programm, was fördert es?",
    "Wer gefördert wird": "Wer kann Anträge stellen, unter welchen Bedingungen?",
    "Antrag und Beratung": "Wie läuft ein Antrag, wer berät?",
}


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what the contributor did not say (also inside lists of objects)."""
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _drop_empty(value)
        elif isinstance(value, list):
            value = [_drop_empty(v) if isinstance(v, dict) else v for v in value]
        if value not in (None, "", [], {}):
            cleaned[key] = value
    return cleaned


def practice(values: dict[str, Any], today: dt.date) -> str:
    front = {
        "titel": values["titel"],
        "kurzbeschreibung": values["kurzbeschreibung"],
        "bundesland": values["bundesland"],
        "ort": {"name": values["ort"], "ebene": values["ort_ebene"]},
        "traeger": [{"name": values["traeger"], "art": values["traeger_art"]}],
        "handlungsfelder": list(values["handlungsfelder"]),
        "zielgruppen": list(values.get("zielgruppen") or []),
        "programme": list(values.get("programme") or []),
        "status": values["status"],
        "laufzeit": {"beginn": values.get("beginn")},
        "kontakt": _kontakt(values),
        "quellen": [{"titel": values["quelle"], "url": values.get("quelle_url")}],
        "redaktion": {"erfasst": today, "status": values.get("redaktion_status")},
    }
    return render(_drop_empty(front), PRACTICE_SECTIONS)


def programme(values: dict[str, Any], today: dt.date) -> str:
    front = {
        "titel": values["titel"],
        "kurzbeschreibung": values["kurzbeschreibung"],
        "ebene": values["ebene"],
        "bundesland": values.get("bundesland"),
        "foerdergeber": values["foerdergeber"],
        "handlungsfelder": list(values["handlungsfelder"]),
        "zielgruppen": list(values.get("zielgruppen") or []),
        "status": values["status"],
        "laufzeit": {"beginn": values.get("beginn")},
        "website": values.get("web"),
        "quellen": [{"titel": values["quelle"], "url": values.get("quelle_url")}],
        "redaktion": {"erfasst": today, "status": values.get("redaktion_status")},
    }
    return render(_drop_empty(front), PROGRAMME_SECTIONS)


def _kontakt(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "organisation": values.get("organisation"),
        "email": values.get("email"),
        "telefon": values.get("telefon"),
        "web": values.get("web"),
    }


def render(front: dict[str, Any], sections: dict[str, str]) -> str:
    yaml_text = yaml.safe_dump(
        front, allow_unicode=True, sort_keys=False, width=88, default_flow_style=False
    )
    body = "\n".join(f"## {title}\n\n<!-- {hint} -->\n" for title, hint in sections.items())
    return f"---\n{yaml_text}---\n\n{body}"

"""Deterministic synthetic instances for the benchmarks.

`python bench/synth.py DIR --practices 10000` writes a complete instance (mkdocs.yml,
content/, the repository's schema and vocabularies) with N valid practices and N/20
programmes. The text is German-like: sentences drawn from a word list of the domain,
with compounds (Bewohnerbeteiligung, Nachbarschaftsgarten), plural forms (Kitas,
Quartiere) and umlauts, 300–800 words per entry, so that parsing, validation, search
and site building see realistic sizes. Every vocabulary term is used; practices refer to
programmes and to earlier practices (`uebertragen_von`). The same seed gives the same
bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from words import CITIES, FILLERS, HEADS, NOUNS, PREFIXES, VERBS

REPO = Path(__file__).resolve().parents[1]

_SECTIONS = ("Ausgangslage", "Ziele", "Vorgehen", "Ergebnisse")


def _compound(rng: random.Random) -> str:
    return rng.choice(PREFIXES) + rng.choice(HEADS)


def _word(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.25:
        return _compound(rng)
    if roll < 0.5:
        return rng.choice(NOUNS)
    if roll < 0.62:
        return rng.choice(VERBS)
    return rng.choice(FILLERS)


def _sentence(rng: random.Random) -> str:
    words = [_word(rng) for _ in range(rng.randint(7, 15))]
    first = words[0]
    words[0] = first[0].upper() + first[1:]
    return " ".join(words) + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        sentence = _sentence(rng)
        sentences.append(sentence)
        count += sentence.count(" ") + 1
    return " ".join(sentences)


def _kurzbeschreibung(rng: random.Random) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
    while len(text) < 80:
        text += " " + _sentence(rng)
    return text[:590].rsplit(" ", 1)[0] + "." if len(text) > 600 else text


def _body(rng: random.Random) -> str:
    total = rng.randint(300, 800)
    parts = []
    for section in _SECTIONS:
        share = total // len(_SECTIONS)
        paragraphs = [_paragraph(rng, share // 2), _paragraph(rng, share - share // 2)]
        parts.append(f"## {section}\n\n" + "\n\n".join(paragraphs) + "\n")
    return "\n".join(parts)


def _slug(text: str, number: int) -> str:
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("é", "e")):
        text = text.lower().replace(a, b)
    cleaned = "".join(c if c.isalnum() else "-" for c in text)
    words = [w for w in cleaned.split("-") if w]
    return "-".join(words)[:60].strip("-") + f"-{number}"


def _vocabulary(name: str) -> list[dict[str, Any]]:
    path = REPO / "schema" / "vocabularies" / f"{name}.yml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["terms"])


def _pick(rng: random.Random, terms: list[str], index: int, extra: int) -> list[str]:
    """The term at `index` (so every term is used) plus up to `extra` random ones."""
    chosen = [terms[index % len(terms)]]
    for term in rng.sample(terms, rng.randint(0, extra)):
        if term not in chosen:
            chosen.append(term)
    return chosen


def _date(rng: random.Random, year_from: int, year_to: int) -> str:
    return f"{rng.randint(year_from, year_to)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _write(path: Path, front: dict[str, Any], body: str) -> None:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=88)
    path.write_text(f"---\n{text}---\n\n{body}", encoding="utf-8")


def programme(rng: random.Random, index: int, vocab: dict[str, list[dict[str, Any]]]) -> dict:
    ids = {name: [t["id"] for t in terms] for name, terms in vocab.items()}
    ebene = "land" if index % 4 else rng.choice(["bund", "eu", "kommune"])
    land = ids["bundeslaender"][index % len(ids["bundeslaender"])]
    beginn = rng.randint(2005, 2022)
    front: dict[str, Any] = {
        "titel": f"{_compound(rng)} – Förderprogramm {index + 1}",
        "kurzbeschreibung": _kurzbeschreibung(rng),
        "ebene": ebene,
    }
    if ebene in ("land", "kommune"):
        front["bundesland"] = land
    front.update(
        {
            "foerdergeber": f"Ministerium für {rng.choice(NOUNS)} und {rng.choice(NOUNS)}",
            "servicestelle": {
                "name": f"Servicestelle {_compound(rng)}",
                "web": f"https://servicestelle-{index}.example.org",
            },
            "finanzierung": {
                "quellen": _pick(rng, ids["finanzierungsquellen"], index, 2),
                "budget": {
                    "betrag_eur": rng.randint(1, 500) * 10000,
                    "zeitraum": rng.choice(["jaehrlich", "gesamt"]),
                    "stand": rng.randint(2020, 2026),
                },
            },
            "handlungsfelder": _pick(rng, ids["handlungsfelder"], index, 3),
            "zielgruppen": _pick(rng, ids["zielgruppen"], index, 2),
            "antragsberechtigt": _pick(rng, ids["traegerarten"], index, 2),
            "laufzeit": {"beginn": beginn},
            "status": "aktiv",
            "richtlinie": {
                "titel": f"Richtlinie {_compound(rng)}",
                "url": f"https://recht.example.org/richtlinie-{index}",
            },
            "website": f"https://programm-{index}.example.org",
            "quellen": [
                {
                    "titel": f"Programmseite {index + 1}",
                    "url": f"https://programm-{index}.example.org/info",
                    "abgerufen": _date(rng, 2025, 2026),
                }
            ],
            "redaktion": {"erfasst": _date(rng, 2025, 2026)},
        }
    )
    return front


def practice(
    rng: random.Random,
    index: int,
    vocab: dict[str, list[dict[str, Any]]],
    programmes: list[str],
    earlier: list[str],
) -> dict[str, Any]:
    ids = {name: [t["id"] for t in terms] for name, terms in vocab.items()}
    lands = vocab["bundeslaender"]
    land = lands[index % len(lands)]
    city = rng.choice(CITIES)
    status = rng.choice(["laufend", "laufend", "abgeschlossen", "geplant"])
    beginn = rng.randint(2008, 2024)
    laufzeit: dict[str, Any] = {"beginn": beginn}
    if status == "abgeschlossen":
        laufzeit["ende"] = rng.randint(beginn, 2025)
    front: dict[str, Any] = {
        "titel": f"{_compound(rng)} in {city}",
        "kurzbeschreibung": _kurzbeschreibung(rng),
        "bundesland": land["id"],
        "ort": {
            "name": city,
            "ebene": rng.choice(["kommune", "quartier", "kreis"]),
            "ags": f"{land['ags']}{rng.randint(0, 999999):06d}",
            "koordinaten": [round(rng.uniform(47.5, 54.8), 4), round(rng.uniform(6.0, 14.9), 4)],
        },
        "traeger": [
            {
                "name": f"{rng.choice(NOUNS)} {city}",
                "art": ids["traegerarten"][index % len(ids["traegerarten"])],
            }
        ],
        "handlungsfelder": _pick(rng, ids["handlungsfelder"], index, 2),
        "zielgruppen": _pick(rng, ids["zielgruppen"], index, 2),
        "programme": rng.sample(programmes, rng.randint(0, min(2, len(programmes)))),
        "laufzeit": laufzeit,
        "status": status,
        "ressourcen": {
            "personal": f"{rng.randint(1, 5)} Stellen",
            "kosten_eur": rng.randint(5, 900) * 1000,
        },
        "wirkung": {
            "ergebnisse": [_sentence(rng) for _ in range(rng.randint(1, 3))],
            "evidenz": rng.choice(
                ["evaluation", "monitoring", "dokumentation", "selbsteinschaetzung"]
            ),
        },
        "uebertragbarkeit": {
            "einschaetzung": rng.choice(["hoch", "mittel", "gering"]),
            "voraussetzungen": [_sentence(rng)],
            "erfolgsfaktoren": [_sentence(rng) for _ in range(rng.randint(1, 3))],
            "stolpersteine": [_sentence(rng) for _ in range(rng.randint(1, 3))],
        },
        "kontakt": {
            "organisation": f"Stadt {city}",
            "email": f"info@{_slug(city, index)}.de",
            "web": f"https://www.{_slug(city, index)}.de",
        },
        "quellen": [
            {
                "titel": f"Projektseite {index + 1}",
                "url": f"https://projekte.example.org/{index}",
                "abgerufen": _date(rng, 2025, 2026),
            }
        ],
        "schlagworte": [_compound(rng) for _ in range(rng.randint(0, 3))],
        "redaktion": {"erfasst": _date(rng, 2025, 2026)},
    }
    if earlier and rng.random() < 0.15:
        front["uebertragen_von"] = [rng.choice(earlier)]
    return front


def generate(target: Path, practices: int, seed: int = 1) -> Path:
    """Write an instance with `practices` practices into `target` (replaced if present)."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    (target / "content" / "practices").mkdir(parents=True)
    (target / "content" / "programmes").mkdir(parents=True)
    shutil.copytree(REPO / "schema", target / "schema")
    (target / "mkdocs.yml").write_text(
        "site_name: Praxisdatenbank Benchmark\ndocs_dir: content\nsite_dir: site\n"
        "theme:\n  name: material\n  language: de\n  font: false\n"
        "extra:\n  praxis:\n    bundesland: HE\n    lizenz: CC BY 4.0\n",
        encoding="utf-8",
    )
    (target / "content" / "index.md").write_text(
        "# Benchmark\n\nSynthetische Instanz.\n", encoding="utf-8"
    )
    vocab = {
        name: _vocabulary(name)
        for name in (
            "bundeslaender",
            "handlungsfelder",
            "zielgruppen",
            "traegerarten",
            "finanzierungsquellen",
        )
    }
    slugs: list[str] = []
    for index in range(max(1, practices // 20)):
        front = programme(rng, index, vocab)
        slug = _slug(str(front["titel"]), index)
        _write(
            target / "content" / "programmes" / f"{slug}.md",
            front,
            "## Worum es geht\n\n" + _paragraph(rng, rng.randint(300, 800)) + "\n",
        )
        slugs.append(slug)
    earlier: list[str] = []
    for index in range(practices):
        front = practice(rng, index, vocab, slugs, earlier)
        slug = _slug(str(front["titel"]), index)
        _write(target / "content" / "practices" / f"{slug}.md", front, _body(rng))
        earlier.append(slug)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Synthetische Praxis-Instanz erzeugen.")
    parser.add_argument("target", type=Path, help="Zielverzeichnis (wird ersetzt).")
    parser.add_argument("--practices", type=int, default=1000, help="Anzahl Praxisbeispiele.")
    parser.add_argument("--seed", type=int, default=1, help="Startwert des Zufallsgenerators.")
    args = parser.parse_args(argv)
    generate(args.target, args.practices, args.seed)
    print(
        f"{args.target}: {args.practices} Praxisbeispiele, "
        f"{max(1, args.practices // 20)} Förderprogramme"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The sample instance with what a practitioner's questions need: programmes of the
practice's own Land, of the Bund and of several other Länder for the same Handlungsfeld,
a practice whose place is its Land, and contacts whose e-mail addresses are hostile
(they pass validation, which checks only the form name@host.tld)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from praxis.cli import cli

ENTRY_END = "quellen: [{titel: Notiz}]\nredaktion: {erfasst: 2026-10-01}\n---\nText.\n"
# Addresses the e-mail validator lets through, each an attempt to leave the attribute
# or the text it is written into, or to make a link run script.
HOSTILE_EMAILS = {
    "quote": '"onmouseover=alert(1)//@example.org',
    "scheme": "javascript:alert(1)//@example.org",
    "markup": "<b>x</b><img/src=x/onerror=alert(1)>@example.org",
    "host": 'info@example.org"onclick="alert(1)"x.de',
}


def programme(root: Path, slug: str, titel: str, ebene: str, land: str | None, geber: str) -> None:
    land_line = f"bundesland: {land}\n" if land else ""
    (root / f"content/programmes/{slug}.md").write_text(
        f"---\ntitel: {titel}\nkurzbeschreibung: Ein Förderprogramm, das Kommunen bei der "
        f"integrierten Sozialplanung und ihren Grundlagen unterstützt.\nebene: {ebene}\n"
        f"{land_line}foerdergeber: {geber}\nhandlungsfelder: [sozialplanung]\n"
        f"status: aktiv\n{ENTRY_END}",
        encoding="utf-8",
    )


def practice(
    root: Path, slug: str, titel: str, land: str, ort: str, ebene: str, email: str
) -> None:
    quoted = email.replace("\\", "\\\\").replace('"', '\\"')
    (root / f"content/practices/{slug}.md").write_text(
        f"---\ntitel: {titel}\nkurzbeschreibung: Ein Praxisbeispiel, an dem sich zeigt, wie eine "
        f"Kommune ihre Sozialplanung auf verlässliche Daten stützt.\nbundesland: {land}\n"
        f"ort: {{name: {ort}, ebene: {ebene}}}\ntraeger: [{{name: {ort}, art: kommune}}]\n"
        f"handlungsfelder: [sozialplanung]\nstatus: laufend\n"
        f'kontakt: {{organisation: Sozialamt, email: "{quoted}"}}\n{ENTRY_END}',
        encoding="utf-8",
    )


def add_reader_entries(root: Path) -> None:
    """Programmes for Gera's Handlungsfeld from Thüringen (named „Land Thüringen“ as its
    Fördergeber), the Bund and Hessen beside the sample's NRW one; a Thüringen practice
    located in „Thüringen“; one practice per hostile e-mail address."""
    programme(
        root,
        "th-sozialplanung",
        "Thüringer Sozialplanungsförderung",
        "land",
        "TH",
        "Land Thüringen",
    )
    programme(
        root,
        "bund-zusammenhalt",
        "Sozialer Zusammenhalt",
        "bund",
        None,
        "Bundesministerium für Wohnen",
    )
    programme(
        root,
        "he-sozialplanung",
        "Hessische Sozialplanungsförderung",
        "land",
        "HE",
        "Hessisches Ministerium für Soziales und Integration",
    )
    practice(
        root,
        "th-sozialbericht",
        "Sozialbericht Thüringen",
        "TH",
        "Thüringen",
        "land",
        "sozialbericht@example.org",
    )
    for name, address in HOSTILE_EMAILS.items():
        practice(root, f"mail-{name}", f"Kontakt {name}", "HE", "Kassel", "kommune", address)


def build(root: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", "--root", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"

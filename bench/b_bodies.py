"""Body checks in linear time (issue 13): one entry with a large body validates in
under a second.

Each row validates a copy of the sample instance with one extra practice whose body is
the given text, the whole pipeline of `praxis validate` (load, models, body checks,
duplicates). The texts: a 1 MB body as contributors write it (headings, paragraphs,
lists, links, a little HTML, in many lines), a 120 kB single line of unclosed tags
(quadratic in the old checks: 40 s), and 1 MB of unclosed brackets, which
Python-Markdown itself parses in quadratic time and validation refuses without it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from run import REPO, Context, Row, timed

TARGET_S = 1.0
PRACTICE = REPO / "tests" / "fixtures" / "sample" / "content" / "practices"


def written_body(size: int) -> str:
    """Markdown as an entry has it, repeated up to `size` characters."""
    section = (
        "## Vorgehen\n\n"
        "Die Sozialplanung der Stadt arbeitet mit den Trägern im Quartier zusammen und "
        "berichtet jährlich im Ausschuss über die Lage der Familien.\n"
        "Mehr dazu im [Sozialbericht](https://www.example.org/sozialbericht) und auf der "
        "Seite der <b>Servicestelle</b>.\n\n"
        "- Beratung in der Muttersprache\n- Hausbesuche bei Familien\n- Sprechstunde im "
        "Stadtteilbüro\n\n"
        + "Ein Absatz ohne Auszeichnung, wie die meisten Absätze eines Eintrags, der die "
        "Erfahrungen aus der Praxis schildert und was andere Kommunen daraus lernen.\n\n" * 4
    )
    return (section * (size // len(section) + 1))[:size]


BODIES = {
    "1 MB, viele Zeilen (Text, Links, Listen, etwas HTML)": lambda: written_body(1_000_000),
    "120 kB in einer Zeile (offene Tags)": lambda: "Text <b x " * 12_000,
    "1 MB offene eckige Klammern": lambda: "Wort [" * 166_000,
}


def validate_body(name: str, workdir: str, repeat: int) -> dict[str, Any]:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import TODAY, make_instance
    from praxis.config import Instance
    from praxis.load.collection import load_collection
    from praxis.validate.collection import validate_collection

    directory = Path(workdir) / "bodies"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    root = make_instance(directory)
    head = (PRACTICE / "stadtteilbuero-nordstadt.md").read_text(encoding="utf-8")
    front = head.split("\n---\n", 1)[0]
    (root / "content" / "practices" / "gross.md").write_text(
        front + "\n---\n" + BODIES[name](), encoding="utf-8"
    )
    instance = Instance.open(root)

    def run() -> int:
        collection = load_collection(instance)
        validate_collection(collection, TODAY)
        return sum(p.is_error for p in collection.problems)

    return timed(run, repeat)


def measure(ctx: Context) -> list[Row]:
    rows = []
    for name in BODIES:
        measured = ctx.child(
            "b_bodies:validate_body", tree=False, name=name, workdir=str(ctx.workdir)
        )
        rows.append(
            Row(
                f"Textprüfung: {name}",
                1,
                measured.median,
                None,
                f"< {TARGET_S:g} s",
                measured.peak_bytes,
                measured.median < TARGET_S,
            )
        )
    return rows

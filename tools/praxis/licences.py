"""The licences an instance may publish its entries under (`extra.praxis.lizenz`).

A table of its own and its check, apart from the other settings. The `dcat` URIs are
those of the DCAT-AP.de licence vocabulary, which GovData harvests.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from praxis.errors import ConfigError


@dataclass(frozen=True)
class Licence:
    name: str
    title: str
    url: str
    dcat: str
    attribution: bool  # whether reusers must name the source
    aliases: tuple[str, ...] = ()

    def attribution_text(self, source: str) -> str | None:
        """What a reuser writes under the data (`dcatde:licenseAttributionByText`)."""
        if not self.attribution:
            return None
        return f"{source}, {self.name} ({self.url})"


LICENCES: tuple[Licence, ...] = (
    Licence(
        "CC BY 4.0",
        "Creative Commons Namensnennung 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/deed.de",
        "http://dcat-ap.de/def/licenses/cc-by/4.0",
        True,
        ("CC-BY-4.0", "cc-by/4.0"),
    ),
    Licence(
        "CC BY-SA 4.0",
        "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/deed.de",
        "http://dcat-ap.de/def/licenses/cc-by-sa/4.0",
        True,
        ("CC-BY-SA-4.0", "cc-by-sa/4.0"),
    ),
    Licence(
        "CC0 1.0",
        "Creative Commons Zero 1.0 Universell (gemeinfrei)",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
        "http://dcat-ap.de/def/licenses/cc-zero",
        False,
        ("CC0", "CC0-1.0", "cc-zero"),
    ),
    Licence(
        "dl-de/by-2-0",
        "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "https://www.govdata.de/dl-de/by-2-0",
        "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
        True,
        ("DL-DE-BY-2.0", "dl-by-de/2.0"),
    ),
    Licence(
        "dl-de/zero-2-0",
        "Datenlizenz Deutschland – Zero – Version 2.0",
        "https://www.govdata.de/dl-de/zero-2-0",
        "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
        False,
        ("DL-DE-ZERO-2.0", "dl-zero-de/2.0"),
    ),
)
DEFAULT_LICENCE = "CC BY 4.0"


def _licence_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def licence_of(value: object, where: str = "extra.praxis.lizenz") -> Licence:
    """The licence named by `value` (name or SPDX id, any case and spacing), or a German
    ConfigError that says where it was written and which names are allowed."""
    text = str(value).strip() if value is not None else ""
    wanted = _licence_key(text)
    for licence in LICENCES:
        if wanted in {_licence_key(name) for name in (licence.name, *licence.aliases)}:
            return licence
    names = {_licence_key(n): lic.name for lic in LICENCES for n in (lic.name, *lic.aliases)}
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    hint = f" Meinten Sie „{names[close[0]]}“?" if close else ""
    raise ConfigError(
        f"{where}: „{text}“ ist keine der Lizenzen, die Praxis kennt.{hint} Zulässig sind: "
        + ", ".join(f"„{lic.name}“" for lic in LICENCES)
        + "."
    )

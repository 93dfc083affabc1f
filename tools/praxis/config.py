"""The instance: where its files live, its settings and its vocabularies.

An instance is a directory with a `mkdocs.yml`. Everything another Land changes
(name, Land, licence, vocabularies) is read from there, never from the engine's code.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from praxis.errors import ConfigError, InstanceNotFound, PraxisError, os_reason
from praxis.fsutil import read_regular
from praxis.licences import DEFAULT_LICENCE, Licence, licence_of
from praxis.model.kinds import KINDS
from praxis.yamlerrors import explain_yaml_error

VOCABULARY_NAMES = (
    "bundeslaender",
    "handlungsfelder",
    "zielgruppen",
    "traegerarten",
    "finanzierungsquellen",
)
# Markdown extensions that copy files into a page (snippets' `--8<-- "datei"`, b64's
# inlined images): with one, any text could publish a file of the build machine.
READS_FILES = frozenset({"pymdownx.snippets", "pymdownx.b64"})


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser where available


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which may hold `!!python/name:` and `!ENV` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def fold(text: str) -> str:
    """Case- and umlaut-insensitive form, so that `Thueringen` meets `Thüringen`."""
    text = text.casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return text


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    beschreibung: str = ""
    synonyme: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label: str
    terms: tuple[Term, ...]
    beschreibung: str = ""

    @cached_property
    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.by_id

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def label_of(self, term_id: str) -> str:
        term = self.by_id.get(term_id)
        return term.label if term else term_id

    def suggest(self, value: str) -> str | None:
        """The id a contributor most likely meant: by label, synonym, or spelling."""
        wanted = fold(value.strip())
        for term in self.terms:
            names = (term.id, term.label, *term.synonyme)
            if any(fold(name) == wanted for name in names):
                return term.id
        ids = {fold(term.id): term.id for term in self.terms}
        ids.update({fold(term.label): term.id for term in self.terms})
        close = difflib.get_close_matches(wanted, list(ids), n=1, cutoff=0.6)
        return ids[close[0]] if close else None


def read_config_text(path: Path, what: str, *, follow: bool = False) -> str:
    """A configuration file as text: a regular file in UTF-8, else a located German
    ConfigError (a FIFO is never opened for reading, a link never followed)."""
    try:
        raw = read_regular(path, follow=follow)
    except OSError as exc:
        raise ConfigError(f"{path}: {what} kann nicht gelesen werden: {os_reason(exc)}.") from exc
    except PraxisError as exc:
        raise ConfigError(exc.format_message()) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(
            f"{path}:{line}:{column}: {what} ist nicht UTF-8 (ungültiges Byte "
            f"0x{raw[exc.start]:02x}) – bitte im Editor mit der Kodierung „UTF-8“ speichern."
        ) from exc


def load_vocabulary(path: Path, *, packaged: bool = False) -> Vocabulary:
    """An instance's vocabulary file (a regular file), or with `packaged` one of the
    engine's own defaults (links into the reference instance, see praxis.authoring.init)."""
    text = read_config_text(path, "Das Vokabular", follow=packaged)
    try:
        raw = yaml.load(text, Loader=_SAFE_LOADER)
        terms = tuple(
            Term(
                id=str(item["id"]),
                label=str(item.get("label", item["id"])),
                beschreibung=str(item.get("beschreibung", "")),
                synonyme=tuple(str(s) for s in item.get("synonyme", []) or []),
                extra={
                    k: v
                    for k, v in item.items()
                    if k not in {"id", "label", "beschreibung", "synonyme"}
                },
            )
            for item in raw["terms"]
        )
        return Vocabulary(
            name=str(raw.get("name", path.stem)),
            label=str(raw.get("label", path.stem)),
            terms=terms,
            beschreibung=str(raw.get("beschreibung", "")),
        )
    except yaml.MarkedYAMLError as exc:
        line, column, message = explain_yaml_error(exc)
        raise ConfigError(f"{path}:{line}:{column}: {message}") from exc
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"{path}: Vokabular kann nicht gelesen werden. "
            "Jede Datei braucht `name`, `label` und `terms:` mit Einträgen aus `id` und "
            "`label`, z. B. „terms:“ und darunter „  - id: familie“, „    label: Familie“."
        ) from exc


@dataclass
class Instance:
    """One knowledge base: a directory with mkdocs.yml, content/ and schema/."""

    root: Path
    config: dict[str, Any]

    @classmethod
    def find(cls, start: Path | None = None) -> Instance:
        """The directory itself or the nearest parent that has a mkdocs.yml."""
        start = (start or Path.cwd()).resolve()
        for candidate in (start, *start.parents):
            if (candidate / "mkdocs.yml").is_file():
                return cls.open(candidate)
        raise InstanceNotFound(
            f"Keine Praxis-Instanz gefunden: weder {start} noch ein übergeordnetes "
            "Verzeichnis enthält eine mkdocs.yml. Mit --root DIR angeben oder "
            "`praxis init DIR` ausführen."
        )

    @classmethod
    def open(cls, root: Path) -> Instance:
        path = root / "mkdocs.yml"
        if not path.is_file():  # also not a FIFO (it would block)
            raise InstanceNotFound(
                f"{path} gibt es nicht oder ist keine gewöhnliche Datei: dort liegt die "
                "Konfiguration einer Praxis-Instanz (`praxis init DIR` legt eine an)."
            )
        text = read_config_text(path, "Die Konfiguration", follow=True)
        try:
            config = yaml.load(text, Loader=_TolerantLoader)
        except yaml.MarkedYAMLError as exc:
            line, column, message = explain_yaml_error(exc)
            raise ConfigError(f"{path}:{line}:{column}: {message}") from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: kein gültiges YAML.") from exc
        if not isinstance(config, dict):
            raise ConfigError(f"{path}: erwartet eine Zuordnung wie `site_name: …`.")
        return cls(root=root.resolve(), config=config)

    # settings ---------------------------------------------------------------
    @property
    def settings(self) -> dict[str, Any]:
        """`extra.praxis` of mkdocs.yml; anything but a mapping there counts as empty."""
        extra = self.config.get("extra")
        praxis = extra.get("praxis") if isinstance(extra, dict) else None
        return dict(praxis) if isinstance(praxis, dict) else {}

    @property
    def name(self) -> str:
        return str(self.config.get("site_name", "Praxis"))

    @property
    def bundesland(self) -> str | None:
        value = self.settings.get("bundesland")
        return str(value) if value else None

    @property
    def lizenz(self) -> str:
        """The licence's name as Praxis writes it (`CC0` reads as „CC0 1.0“)."""
        return self.licence.name

    @cached_property
    def licence(self) -> Licence:
        """`extra.praxis.lizenz`, checked against LICENCES; a German error if unknown."""
        where = f"{self.relative(self.root / 'mkdocs.yml')}:"
        where += f"{setting_line(self.root / 'mkdocs.yml', 'lizenz')}: extra.praxis.lizenz"
        return licence_of(self.settings.get("lizenz", DEFAULT_LICENCE), where)

    @property
    def kontakt(self) -> str:
        """`extra.praxis.kontakt`: the e-mail address or https form for feedback."""
        return str(self.settings.get("kontakt") or "").strip()

    @property
    def betreiber(self) -> str:
        """`extra.praxis.betreiber`: the body that runs the site (publisher of its data)."""
        return str(self.settings.get("betreiber") or self.name).strip()

    @property
    def site_url(self) -> str:
        return str(self.config.get("site_url") or "")

    @property
    def repo_url(self) -> str:
        return str(self.config.get("repo_url") or "")

    @property
    def edit_uri(self) -> str:
        return str(self.config.get("edit_uri") or "")

    # paths ------------------------------------------------------------------
    @property
    def content_dir(self) -> Path:
        docs_dir = self.config.get("docs_dir") or "content"
        inside = isinstance(docs_dir, str) and not os.path.isabs(docs_dir)
        path = os.path.normpath(os.path.join(self.root, str(docs_dir)))
        if not inside or not path.startswith(str(self.root) + os.sep):
            raise ConfigError(
                f"{self.root / 'mkdocs.yml'}: docs_dir muss ein Verzeichnis innerhalb der "
                "Instanz sein, z. B. `docs_dir: content`."
            )
        return self.root / docs_dir

    @property
    def practices_dir(self) -> Path:
        return self.content_dir / KINDS["practice"].folder

    @property
    def programmes_dir(self) -> Path:
        return self.content_dir / KINDS["programme"].folder

    @property
    def schema_dir(self) -> Path:
        return self.root / "schema"

    @property
    def vocabulary_dir(self) -> Path:
        return self.schema_dir / "vocabularies"

    @property
    def state_dir(self) -> Path:
        """Git-ignored working state (the search index)."""
        return self.root / ".praxis"

    def relative(self, path: Path) -> str:
        """Path from the root; a symlink keeps its own name (it is not followed)."""
        absolute = os.path.abspath(path)
        for base in (str(self.root), os.path.abspath(self.root)):
            if absolute.startswith(base + os.sep):
                return absolute[len(base) + 1 :].replace(os.sep, "/")
        return path.as_posix()

    def check_settings(self) -> None:
        """`extra.praxis` holds what the engine can use: a Land code of the vocabulary;
        `markdown_extensions` none that reads files into pages (`READS_FILES`).

        Checked once when content is loaded, so that every command refuses a mistyped
        setting with its line in mkdocs.yml instead of building with it.
        """
        self._check_extensions()
        code = self.settings.get("bundesland")
        if code is None:
            return
        lander = self.vocabularies["bundeslaender"]
        if str(code) not in lander:
            suggestion = lander.suggest(str(code))
            hint = (
                f"Meinten Sie „{suggestion}“?"
                if suggestion
                else "Zulässig sind: " + ", ".join(term.id for term in lander) + "."
            )
            raise ConfigError(
                f"{self.setting_location('bundesland')}: extra.praxis.bundesland: „{code}“ ist "
                f"kein Kürzel eines Landes. {hint}"
            )

    def _check_extensions(self) -> None:
        configured = self.config.get("markdown_extensions")
        names = [item_name(item) for item in configured] if isinstance(configured, list) else []
        refused = next((name for name in names if name in READS_FILES), None)
        if refused is not None:
            line = _first_line(self.root / "mkdocs.yml", lambda text: refused in text)
            raise ConfigError(
                f"mkdocs.yml:{line}: "
                f"markdown_extensions: „{refused}“ liest Dateien in die Seiten ein: so "
                "könnte jeder Text (ein Eintrag, eine Seite) eine Datei des Rechners "
                "veröffentlichen, etwa .git/config. Bitte aus markdown_extensions "
                "entfernen."
            )

    def setting_location(self, key: str) -> str:
        """`mkdocs.yml:line:column` of `extra.praxis.<key>`, for located messages."""
        path = self.root / "mkdocs.yml"
        line, column = 1, 1
        try:
            node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            node = None
        for name in ("extra", "praxis", key):
            if not isinstance(node, yaml.MappingNode):
                break
            found = next((pair for pair in node.value if pair[0].value == name), None)
            if found is None:
                break
            line, column = found[1].start_mark.line + 1, found[1].start_mark.column + 1
            node = found[1]
        return f"mkdocs.yml:{line}:{column}"

    @cached_property
    def vocabularies(self) -> dict[str, Vocabulary]:
        vocabs = {}
        for path in sorted(self.vocabulary_dir.glob("*.yml")):
            vocab = load_vocabulary(path)
            vocabs[vocab.name] = vocab
        missing = [name for name in VOCABULARY_NAMES if name not in vocabs]
        if missing:
            raise ConfigError(
                f"{self.relative(self.vocabulary_dir)}: Vokabular fehlt: {', '.join(missing)}."
            )
        return vocabs


def item_name(item: Any) -> str:
    """The name of an item of a list setting in mkdocs.yml (`plugins`,
    `markdown_extensions`): the item itself, or the key of a mapping with its options."""
    return str(next(iter(item), "")) if isinstance(item, dict) else str(item)


def setting_line(path: Path, key: str) -> int:
    """The line of `key:` in a YAML file (1 if absent), to point a message at it."""
    return _first_line(path, lambda line: line.strip().startswith(f"{key}:"))


def _first_line(path: Path, matches: Callable[[str], bool]) -> int:
    """The number of the first line of a file that `matches` (1 if none)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return 1
    return next((number for number, line in enumerate(lines, 1) if matches(line)), 1)

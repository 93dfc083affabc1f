"""Stage 5, render: a staging docs directory (hand-written pages and generated files),
MkDocs run through its Python API with the engine's plugin (`praxis.render.plugin`) next to
the instance's own plugins and hooks; `praxis.publish.workspace` swaps the finished site in.

The instance's mkdocs.yml stays its editable configuration (name, repository, theme,
plugins, hooks, extra.praxis); the engine sets only what the site needs (`mkdocs_config`):
the generated navigation, its theme overrides, no external fonts, and no lunr search
(Pagefind replaces it). See README.md, "Eigene Plugins und Hooks".
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from praxis.config import Instance, item_name
from praxis.errors import BuildError, ConfigError, unexpected
from praxis.generate import GeneratedFile, ThemePage
from praxis.load.collection import allowed_file
from praxis.model.kinds import KINDS
from praxis.render.plugin import PraxisPlugin
from praxis.render.templating import PERMALINK_TITLE

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
EXTENSIONS: list[Any] = [
    "attr_list",
    "tables",
    "admonition",
    {"toc": {"permalink": True, "permalink_title": PERMALINK_TITLE}},
]
REPLACED_PLUGINS = {"search", "material/search"}  # Pagefind is the site search
FEATURES = ["content.action.edit", "navigation.indexes", "navigation.prune", "navigation.top"]
NOT_IN_NAV = "\n".join(f"/{about.folder}/" for about in KINDS.values())


@dataclass
class Staged:
    """What `stage_docs` made: the paths of all Markdown pages in the docs directory, of
    the generated files written, and of all its files (pages, assets, generated); and
    the hand-written pages left out because a page of the engine has their address
    (`hidden_pages`: path under content/ → address)."""

    pages: set[str]
    written: set[str]
    files: set[str]
    hidden: dict[str, str]


def stage_docs(
    instance: Instance,
    docs: Path,
    generated: Iterable[GeneratedFile],
    made: Iterable[str] = (),
) -> Staged:
    """Copy the hand-written pages and write the generated files as they come. Left out:
    the raw entry files, hand-written pages at the address of a generated page or of a
    page made from data (`made`, which the plugin adds), and files of a kind the site
    does not publish (HTML, SVG …: `load.collection.PUBLISHED`; validation reports them,
    this is the second line)."""
    entry_dirs = {instance.content_dir / about.folder for about in KINDS.values()}

    def ignore(directory: str, names: list[str]) -> list[str]:
        skip = {n for n in names if n.startswith(".") or _not_plain(os.path.join(directory, n))}
        skip.update(
            n for n in names if not allowed_file(n) and os.path.isfile(os.path.join(directory, n))
        )
        here = Path(directory)
        if here in entry_dirs:
            skip.update(name for name in names if name.endswith(".md"))
        return list(skip)

    if instance.content_dir.is_dir():
        shutil.copytree(instance.content_dir, docs, ignore=ignore, copy_function=_link_or_copy)
    docs.mkdir(parents=True, exist_ok=True)
    copied = [path.relative_to(docs).as_posix() for path in docs.rglob("*.md")]
    written: set[str] = set()
    for item in generated:
        target = docs / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()  # never write through a hard link into content/
        content = item.content
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        written.add(item.path)
    hidden = hidden_pages(copied, written.union(made))
    for path in hidden.keys() - written:  # (a generated file at the same path replaced it)
        (docs / path).unlink()  # only the link or copy in docs/, never content/
    files = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    return Staged({path for path in files if path.endswith(".md")}, written, files, hidden)


def hidden_pages(handwritten: Iterable[str], engine: Iterable[str]) -> dict[str, str]:
    """Hand-written pages (paths under content/) at the address of a page the engine
    makes (`engine`: docs paths of generated and theme pages), with that page's address.
    Only one page can have an address, and the engine's wins (`stage_docs` leaves the
    hand-written one out; MkDocs would silently drop one of the two)."""
    taken = {_address(path) for path in engine}
    return {path: _address(path) for path in handwritten if _address(path) in taken}


def _address(path: str) -> str:
    """The site address of a Markdown page with directory URLs (`a/b.md`, `a/b/index.md`:
    `a/b/`; `index.md`: the start page)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").removesuffix("/")
    return f"{stem}/" if stem else ""


def stage_pages(docs: Path, pages: Iterable[ThemePage]) -> None:
    """Each theme page's Markdown (an entry's body, nothing for an overview) as a file of
    its own, with the modification time 0: MkDocs' dirty mode then renders a page only
    when its output is missing (`praxis.publish.memory.keep` decides which outputs are there).
    Never through a hard link: a hand-written page at the same path is left out by
    `stage_docs`, and the file is new."""
    folders: set[Path] = set()
    for page in pages:
        target = docs / page.path
        if target.parent not in folders:  # 10,000 entries live in two folders
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.unlink(missing_ok=True)
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(page.body)
            handle.flush()  # written, then dated
            os.utime(handle.fileno(), ns=(0, 0))


def _not_plain(path: str) -> bool:
    """Neither a regular file nor a directory: never staged, so that no link's target
    is published (validation reports them; this is the second line of defence)."""
    mode = os.lstat(path).st_mode
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def mkdocs_config(
    instance: Instance,
    docs: Path,
    site: Path,
    nav: list[Any],
    *,
    strict: bool = False,
    site_url: str | None = None,
    footer: list[dict[str, str]] | None = None,
) -> MkDocsConfig:
    """The instance's mkdocs.yml with the engine's additions, read by MkDocs itself.
    `footer` are the links the theme puts at the foot of every page (`praxis_footer`)."""
    path = instance.root / "mkdocs.yml"
    try:
        with path.open(encoding="utf-8-sig") as handle:
            raw = yaml_load(handle) or {}
    except (OSError, MkDocsException) as exc:
        raise ConfigError(f"{path}: kann nicht gelesen werden ({exc}).") from exc
    theme = raw.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    theme.setdefault("name", "material")
    theme.setdefault("language", "de")
    theme["font"] = False  # no Google Fonts: no request to a third-party host
    theme["custom_dir"] = str(THEME_DIR)
    theme["features"] = list(dict.fromkeys([*(theme.get("features") or []), *FEATURES]))
    overrides: dict[str, Any] = {
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": theme,
        "plugins": _plugins(raw.get("plugins")),
        "markdown_extensions": _extensions(raw.get("markdown_extensions") or []),
        "not_in_nav": NOT_IN_NAV,
        "use_directory_urls": True,
        "strict": strict,
        "copyright": raw.get("copyright") or f"Inhalte: {instance.lizenz} · {instance.name}",
    }
    if not raw.get("nav"):
        overrides["nav"] = nav
    extra = raw.get("extra")
    overrides["extra"] = {
        **(extra if isinstance(extra, dict) else {}),
        "praxis_footer": footer or [],
    }
    if site_url is not None:
        overrides["site_url"] = site_url
    try:
        with path.open("rb") as handle:
            return load_config(handle, config_file_path=str(path), **overrides)
    except MkDocsException as exc:
        raise ConfigError(f"{instance.relative(path)}: {exc}") from exc


def nav_titles(config: MkDocsConfig, pages: Iterable[ThemePage]) -> dict[str, str]:
    """The pages the navigation names without a title of their own, and what MkDocs
    takes their title from: a theme page's title, a staged page's text (its first
    heading). With the navigation they are what every page's menu shows."""
    made = {page.path: page.title for page in pages}
    docs = Path(config.docs_dir)
    found: dict[str, str] = {}

    def walk(item: Any) -> None:
        if isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, dict):  # {title: page} has its title; {title: [...]} not
            for child in item.values():
                if isinstance(child, list):
                    walk(child)
        elif isinstance(item, str) and item.endswith(".md"):
            if item in made:
                found[item] = made[item]
            elif (docs / item).is_file():
                found[item] = (docs / item).read_text(encoding="utf-8", errors="replace")

    walk(config.nav)
    return found


def _plugins(configured: Any) -> list[Any]:
    """The instance's plugins without lunr search (Pagefind replaces it; MkDocs would add
    it when `plugins:` is missing). An instance's other plugins run as configured."""
    if not isinstance(configured, list):
        return [] if configured is None else configured  # MkDocs reports a wrong type
    return [item for item in configured if item_name(item) not in REPLACED_PLUGINS]


def _extensions(configured: list[Any]) -> list[Any]:
    """The instance's Markdown extensions plus those the generated pages need (copies:
    MkDocs consumes the option dicts it is given)."""
    present = {item_name(item) for item in configured}
    wanted = [item for item in EXTENSIONS if item_name(item) not in present]
    return copy.deepcopy([*configured, *wanted])


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _DirtyNotice(logging.Filter):
    """Drops MkDocs' English warning for a dirty build ("will likely lead to inaccurate
    navigation"): the engine keeps only pages whose inputs, the navigation among them,
    are unchanged (`praxis.publish.memory`), so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def run_mkdocs(config: MkDocsConfig, plugin: PraxisPlugin, *, dirty: bool = False) -> list[str]:
    """Render the staged site with the engine's plugin added to the instance's; return
    MkDocs' warnings. `dirty`: the site directory holds the kept pages' outputs, which
    MkDocs skips (its documented `dirty` mode). What an instance can get wrong (strict
    mode's warnings, a missing or broken template in its pages or theme overrides)
    becomes a German BuildError with MkDocs' messages; anything else is a bug and keeps
    its traceback."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    config.plugins["praxis"] = plugin
    notice = _DirtyNotice()
    logger.addHandler(collect)
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    try:
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            mkdocs_build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, TemplateError) as exc:  # MkDocsException: also strict's Abort
        reason = exc.format_message() if isinstance(exc, MkDocsException) else repr(exc)
        details = "".join(f"\n  {message}" for message in collect.messages)
        raise BuildError(
            f"MkDocs konnte die Website nicht bauen ({reason}).{details}\n"
            "Die bisherige Website bleibt unverändert."
        ) from exc
    except Exception as exc:  # a full disk, or a bug: named with its path or traceback
        raise unexpected(exc) from exc
    finally:
        logger.removeHandler(collect)
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
    return collect.messages

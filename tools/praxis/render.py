"""Stage 5, render: a staging docs directory (hand-written pages, overviews and data
files; the entry pages are virtual files made when MkDocs reads them), MkDocs run through
its Python API in two processes (`render_split`); `praxis.publish` swaps the finished
site in.

The instance's mkdocs.yml stays its editable configuration (name, repository, theme,
extra.praxis); the engine adds what the site needs on top of it: the generated
navigation, the theme overrides, no external fonts, no lunr search (Pagefind replaces it).
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, pass_context
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.yaml import yaml_load

from praxis import fragments as html_fragments
from praxis.config import Instance
from praxis.errors import BuildError, ConfigError, unexpected
from praxis.fragments import HTML_OPEN, PERMALINK_TITLE
from praxis.generate import GeneratedFile
from praxis.load import KIND_DIRS
from praxis.render_split import SplitPages
from praxis.sanitize import Sanitize

THEME_DIR = Path(__file__).resolve().parent / "theme"
EXTENSIONS: list[Any] = [
    "attr_list",
    "tables",
    "admonition",
    {"toc": {"permalink": True, "permalink_title": PERMALINK_TITLE}},
]
FEATURES = ["content.action.edit", "navigation.indexes", "navigation.prune", "navigation.top"]
NOT_IN_NAV = "\n".join(f"/{folder}/" for folder in KIND_DIRS.values())
Echo = Callable[[str], None]


@dataclass
class Staged:
    """What `stage_docs` made: the paths of all Markdown pages, of the generated files
    written, and the pages made only when MkDocs reads them (`GeneratedFile.later`)."""

    pages: set[str]
    written: set[str]
    later: dict[str, GeneratedFile]


def stage_docs(instance: Instance, docs: Path, generated: Iterable[GeneratedFile]) -> Staged:
    """Copy the hand-written pages (not the raw entry files) and write the generated files
    as they come, except those made later."""
    entry_dirs = {instance.content_dir / folder for folder in KIND_DIRS.values()}

    def ignore(directory: str, names: list[str]) -> list[str]:
        skip = {n for n in names if n.startswith(".") or _not_plain(os.path.join(directory, n))}
        if Path(directory) in entry_dirs:
            skip.update(name for name in names if name.endswith(".md"))
        return list(skip)

    if instance.content_dir.is_dir():
        shutil.copytree(instance.content_dir, docs, ignore=ignore, copy_function=_link_or_copy)
    docs.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    later: dict[str, GeneratedFile] = {}
    for item in generated:
        if item.lazy:
            later[item.path] = item
            continue
        target = docs / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()  # never write through a hard link into content/
        content = item.content
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        written.add(item.path)
    pages = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    return Staged(pages | set(later), written, later)


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
        "plugins": [],
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


def _extensions(configured: list[Any]) -> list[Any]:
    """The instance's Markdown extensions plus those the generated pages need (copies:
    MkDocs consumes the option dicts it is given)."""

    def name(item: Any) -> str:
        return str(next(iter(item))) if isinstance(item, dict) else str(item)

    present = {name(item) for item in configured}
    wanted = [item for item in EXTENSIONS if name(item) not in present]
    return copy.deepcopy([*configured, *wanted])


class _Progress(BasePlugin):
    """Reports how far MkDocs is on long builds (every quarter of this process's pages)."""

    def __init__(self, split: SplitPages, echo: Echo) -> None:
        self.split, self.echo, self.done, self.total = split, echo, 0, 0
        self.marks: set[int] = set()

    def on_env(self, env: Any, /, *, files: Any, **kwargs: Any) -> Any:
        self.total = sum(1 for file in files.documentation_pages() if self.split.owns(file))
        self.marks = {self.total * q // 4 for q in (1, 2, 3)} if self.total >= 200 else set()
        return env

    def on_post_page(self, output: str, /, *, page: Any, **kwargs: Any) -> str:
        if self.split.is_child or not self.split.owns(page.file):
            return output
        self.done += 1
        if self.done in self.marks:
            share = " (die übrigen rendert ein zweiter Prozess)" if self.split.active else ""
            self.echo(f"  MkDocs: {self.done} von {self.total} Seiten geschrieben{share}")
        return output


class _NoEditLink(BasePlugin):
    """Generated overview pages have no source file to edit: no edit button for them."""

    def __init__(self, generated: set[str]) -> None:
        self.generated = generated

    def on_page_context(self, context: Any, /, *, page: Any, **kwargs: Any) -> Any:
        if page.file.src_uri in self.generated:
            page.edit_url = None
        return context


class _GeneratedPages(BasePlugin):
    """Generated pages as MkDocs reads them. Pages made later (the entries) join MkDocs'
    files as virtual files and are made when read, in the process that renders them. The
    HTML blocks of every generated page stay out of Markdown (`praxis.fragments`): their
    headings join the table of contents once Markdown is done, the blocks themselves the
    finished page just before it is written."""

    def __init__(self, later: dict[str, GeneratedFile]) -> None:
        self.later = later
        self.lifted: dict[str, html_fragments.Fragments] = {}
        self.blocks: dict[str, list[bytes]] = {}

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        for path, item in self.later.items():
            file = File.generated(config, path, content="")
            file.edit_uri = item.source
            files.append(file)
        return files

    def on_page_read_source(self, /, *, page: Any, config: Any) -> str | None:
        item = self.later.get(page.file.src_uri)
        text = str(item.content) if item is not None else page.file.content_string
        if HTML_OPEN not in text:
            return text
        markdown, lifted = html_fragments.split(text)
        self.lifted[page.file.src_uri] = lifted
        return markdown

    def on_page_content(self, html: str, /, *, page: Any, **kwargs: Any) -> str:
        lifted = self.lifted.pop(page.file.src_uri, None)
        if lifted is None:
            return html
        html, items = html_fragments.merge_toc(
            html, list(page.toc), lifted, lambda title, anchor: AnchorLink(title, anchor, 2)
        )
        if items:
            items[0].active = True
        page.toc = TableOfContents(items)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | lifted.ids
        self.blocks[page.file.src_uri] = lifted.pack()
        return html

    def on_post_page(self, output: str, /, *, page: Any, **kwargs: Any) -> str:
        packed = self.blocks.pop(page.file.src_uri, None)
        if packed is None:
            return output
        return html_fragments.join(output, html_fragments.Fragments.unpack(packed))


class _NavCache(BasePlugin):
    """`praxis_nav()` in the theme: Material's navigation, rendered once for all pages
    outside it (the entries), where nothing in it is active and links start alike."""

    def on_env(self, env: Any, /, **kwargs: Any) -> Any:
        cache: dict[int, Markup] = {}

        @pass_context
        def praxis_nav(context: Any) -> Markup:
            page = context.get("page")
            outside = page is not None and page.file.inclusion.is_not_in_nav()
            key = page.url.count("/") if outside else None
            if key in cache:
                return cache[key]
            html = Markup(env.get_template("partials/nav.html").render(context.get_all()))
            if key is not None:
                cache[key] = html
            return html

        env.globals["praxis_nav"] = praxis_nav
        return env


class _ReleasePages(BasePlugin):
    """Keeps MkDocs' memory flat on large sites: a page's Markdown source is dropped once
    it is converted, its HTML once it is written (titles and anchors stay)."""

    def on_page_content(self, html: str, /, *, page: Any, **kwargs: Any) -> str:
        page.markdown = ""
        return html

    def on_post_page(self, output: str, /, *, page: Any, **kwargs: Any) -> str:
        page.content = ""
        return output


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config: MkDocsConfig, echo: Echo, staged: Staged) -> list[str]:
    """Render the staged site; return MkDocs' warnings. Failures become a German
    BuildError."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    split = SplitPages(lambda: collect.messages)
    config.plugins["praxis/split"] = split
    config.plugins["praxis/progress"] = _Progress(split, echo)
    config.plugins["praxis/no-edit"] = _NoEditLink(staged.written)
    config.plugins["praxis/pages"] = _GeneratedPages(staged.later)
    config.plugins["praxis/sanitize"] = Sanitize(staged.written)  # after Markdown
    config.plugins["praxis/nav"] = _NavCache()
    config.plugins["praxis/release"] = _ReleasePages()
    logger.addHandler(collect)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            split.exit_if_child()
            split.stop()
            config.plugins.on_shutdown()
    except MkDocsException as exc:  # also mkdocs' Abort in strict mode
        details = "".join(f"\n  {message}" for message in collect.messages)
        raise BuildError(
            f"MkDocs konnte die Website nicht bauen ({exc.format_message()})."
            f"{details}\nDie bisherige Website bleibt unverändert."
        ) from exc
    except TemplateError as exc:  # a page's `template:`, the instance's theme overrides
        raise BuildError(
            f"MkDocs konnte die Website nicht bauen (Vorlage: {exc}). Die bisherige "
            "Website bleibt unverändert."
        ) from exc
    except Exception as exc:  # a full disk, or a bug: named with its path or traceback
        raise unexpected(exc) from exc
    finally:
        logger.removeHandler(collect)
    return collect.messages

"""The engine's MkDocs plugin: how the pages made from data (`ThemePage`: each entry's,
the overviews) reach MkDocs, and their data the theme's templates.

It runs next to the plugins and hooks of the instance's mkdocs.yml and uses only MkDocs'
documented plugin events, in the order MkDocs calls them:

- `on_files`: the theme pages' files, which the build stages with the Markdown MkDocs
  converts (an entry's body, nothing for an overview; `render.run.stage_pages`). An entry's
  edit link points at its file (the same path under content/); an overview has none.
- `on_nav`: the titles of theme pages in the navigation, so that a page the build
  keeps from the previous site (not read again) has the title a cold build gives it.
- `on_page_markdown`: the page's title, description and template (`practice.html`,
  `group.html` …); title and description escaped, because Material prints page meta as
  it is.
- `on_page_content`: the body's HTML, the only HTML a contributor's text becomes.
- `on_env`: the engine's filters and globals in the theme's Jinja environment,
  autoescape for the templates under `praxis/` (the entries' own), and a bytecode
  cache, so that a build compiles only the templates that changed.
- `on_page_context`: the template's data (`ThemePage.make`) as `praxis`, and the fixed
  sections' headings added to the page's table of contents around the body's.
- `on_post_page`: progress on long builds; a written page's HTML is dropped, so that
  10,000 pages are not all held in memory.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache, pass_context
from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import AnchorLink, TableOfContents

from praxis.generate import Section, ThemePage
from praxis.generate.pages import unique_sections
from praxis.render.templating import FILTERS, GLOBALS
from praxis.text import plural
from praxis.validate.sanitize import clean

Echo = Callable[[str], None]
ESCAPED = "praxis/"  # templates under this folder of the theme are autoescaped
PROGRESS_FROM = 200  # pages; smaller sites are rendered before anyone waits


class PraxisPlugin(BasePlugin):
    """`pages`: the theme pages; `generated`: docs paths of the generated Markdown pages
    (no file to edit, so no edit link); `echo`: progress messages; `made`: called with
    each rendered theme page and its template data as `make()` made it (the build's
    memory fingerprints it there instead of making the data twice); `templates`: a
    folder for the theme's compiled templates (Jinja's bytecode cache, checked against
    each template's source), one per version of the engine (`memory.inputs_digest`)."""

    def __init__(
        self,
        pages: Iterable[ThemePage],
        generated: set[str],
        echo: Echo,
        made: Callable[[ThemePage, dict[str, Any]], None] | None = None,
        templates: Path | None = None,
    ) -> None:
        self.pages = {page.path: page for page in pages}
        self.generated, self.echo, self.made = generated, echo, made
        self.templates = templates
        self.done, self.marks = 0, set[int]()

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        for path, page in self.pages.items():
            file = files.get_file_from_path(path)
            if file is not None and not page.editable:
                file.edit_uri = None  # an overview has no file to edit
        return files

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        for page in nav.pages:
            made = self.pages.get(page.file.src_uri)
            if made is not None and page.title is None:  # no title of its own in the nav
                page.title = escape(made.title)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Any, **kwargs: Any) -> str:
        made = self.pages.get(page.file.src_uri)
        if made is not None:
            page.meta["title"] = escape(made.title)
            if made.description:
                page.meta["description"] = escape(made.description)
            page.meta["template"] = made.template
        return markdown

    def on_page_content(self, html: str, /, *, page: Any, **kwargs: Any) -> str:
        page.markdown = ""  # converted: the source is not needed any more
        if page.file.src_uri in self.generated:
            return html  # the engine's own pages
        return clean(html)  # what people wrote: the allowlist (praxis.validate.sanitize)

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        if self.templates is not None:  # before any template is loaded
            for old in self.templates.parent.glob("templates-*"):
                if old != self.templates:
                    shutil.rmtree(old, ignore_errors=True)  # of another engine
            try:
                self.templates.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # no place for a cache: every template compiled, as without one
            else:
                env.bytecode_cache = FileSystemBytecodeCache(str(self.templates))
        env.filters.update(FILTERS)
        env.globals.update(GLOBALS)
        env.globals["praxis_nav"] = _cached_nav(env)
        # With a function as `autoescape`, Jinja decides per template name: on for the
        # engine's templates, as before for the theme's own (Material's: off).
        theirs = env.autoescape
        env.autoescape = lambda name: (
            bool(name and name.startswith(ESCAPED))
            or (theirs(name) if callable(theirs) else bool(theirs))
        )
        pages = sum(1 for _ in files.documentation_pages())
        self.marks = {pages * q // 4 for q in (1, 2, 3)} if pages >= PROGRESS_FROM else set()
        return env

    def on_page_context(self, context: Any, /, *, page: Any, **kwargs: Any) -> Any:
        if page.file.src_uri in self.generated:
            page.edit_url = None
        made = self.pages.get(page.file.src_uri)
        if made is None:
            return context
        data = made.make()
        if self.made is not None:
            self.made(made, data)
        before, after = data["sections"]
        body = list(page.toc)
        taken = {item.id for item in _walk(body)}
        before = unique_sections(before, taken)
        after = unique_sections(after, taken | {section.id for section in before})
        data["sections"] = (before, after)
        page.toc = TableOfContents([*_links(before), *body, *_links(after)])
        context["praxis"] = data
        return context

    def on_post_page(self, output: str, /, *, page: Any, **kwargs: Any) -> str:
        page.content = ""  # written: the HTML is not needed any more
        self.done += 1
        if self.done in self.marks:
            self.echo(f"  MkDocs: {plural(self.done, 'Seite', 'Seiten')} geschrieben")
        return output


def _links(sections: Iterable[Section]) -> list[AnchorLink]:
    return [AnchorLink(str(escape(section.title)), section.id, 2) for section in sections]


def _walk(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(item.children)


def _cached_nav(env: Any) -> Callable[..., Markup]:
    """`praxis_nav()` in the theme (main.html): Material's navigation, rendered once for
    all pages outside it (the entries), where nothing in it is active and its links
    differ only by how deep the page is."""
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

    return praxis_nav

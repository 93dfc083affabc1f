"""The web editor end to end: Decap CMS from the built site's /admin/, saving through its
local proxy (decap-server from package-lock.json) into a git checkout of the instance.

A practice made through the form is a valid file that builds into a page; editing one
field of an existing entry changes that field's lines only. Every request to a host other
than this machine is recorded and fails the test.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from praxis.config import Instance
from praxis.model.entries import SLUG_MAX, SLUG_PATTERN
from praxis.publish.static import free_port, serving
from tests.browser.conftest import LOCAL_HOSTS, REPO, _unavailable

pytestmark = pytest.mark.browser
PROXY = REPO / "node_modules" / ".bin" / "decap-server"
PRAXIS = Path(sys.executable).with_name("praxis")
TODAY = dt.date.today().isoformat()  # the date widget's default: the real today


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout


def _praxis(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRAXIS), *args, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass
class Editor:
    root: Path
    url: str
    proxy_port: int
    workflow_root: Path  # a clone, saved to by decap-server in git mode (editorial workflow)
    workflow_port: int
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """This repository's instance in a fresh git checkout, built with `praxis build`, its
    site served on 127.0.0.1 and decap-server writing into the checkout."""
    if not PROXY.exists():
        _unavailable(f"decap-server fehlt unter {PROXY} (make test installiert es mit npm ci)")
    root = tmp_path_factory.mktemp("cms") / "instanz"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "schema", "cms"):
        source = REPO / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, root / name)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "x")
    built = _praxis(root, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    clone = root.with_name("klon")
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    _git(clone, "config", "user.name", "Test")
    _git(clone, "config", "user.email", "test@example.org")
    port, workflow_port = free_port(), free_port()
    proxies = [_proxy(root, port, "fs"), _proxy(clone, workflow_port, "git")]
    try:
        with serving(root / "site") as site:
            _wait_for(port)
            _wait_for(workflow_port)
            yield Editor(root, site + "admin/", port, clone, workflow_port)
    finally:
        for proxy in proxies:
            proxy.terminate()
            proxy.wait(timeout=10)


def _proxy(root: Path, port: int, mode: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(PROXY)],
        cwd=root,
        env={**os.environ, "PORT": str(port), "MODE": mode, "GIT_REPO_DIRECTORY": str(root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"decap-server antwortet nicht auf Port {port}")


@pytest.fixture
def admin_at(browser: Any, editor: Editor) -> Iterator[Callable[[int], Any]]:
    """/admin/ logged in to the local proxy on a port. The generated configuration is
    served as it is, except the proxy's port (the default 8081 may be taken here)."""
    contexts: list[Any] = []

    def open_admin(port: int) -> Any:
        context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 1000})
        contexts.append(context)

        def route(request_route: Any) -> None:
            url = request_route.request.url
            parts = urlsplit(url)
            if parts.scheme not in ("data", "blob") and parts.hostname not in LOCAL_HOSTS:
                editor.foreign.append(url)
                request_route.abort()
            elif parts.path.endswith("/admin/config.yml"):
                response = request_route.fetch()
                text = response.text()
                assert "local_backend: true\n" in text
                local = f"local_backend:\n  url: http://localhost:{port}/api/v1\n"
                request_route.fulfill(
                    response=response, body=text.replace("local_backend: true\n", local)
                )
            else:
                request_route.continue_()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda error: editor.errors.append(str(error)))
        api = f"http://localhost:{port}/api/v1"  # a 404 there: "no draft of this entry yet"
        page.on(
            "console",
            lambda m: (
                editor.errors.append(m.text)
                if m.type == "error" and m.location.get("url") != api
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                editor.errors.append(f"HTTP {r.status} {r.url}")
                if r.status >= 400 and not (r.status == 404 and r.url == api)
                else None
            ),
        )
        page.goto(editor.url)
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Praxisbeispiele").first.wait_for()
        return page

    yield open_admin
    for context in contexts:
        context.close()
    assert not editor.foreign, f"Anfragen an fremde Hosts: {editor.foreign}"
    assert not editor.errors, f"Fehler im Editor: {editor.errors}"


@pytest.fixture
def admin(admin_at: Callable[[int], Any], editor: Editor) -> Any:
    return admin_at(editor.proxy_port)


def _choose(page: Any, label: str, *options: str, nth: int = 0) -> None:
    """Pick options of a select or relation widget by their German labels."""
    control = page.get_by_label(label, exact=True).nth(nth)
    for option in options:
        control.click()
        control.fill(option)
        page.get_by_role("option", name=option, exact=True).first.click()


def _add_item(page: Any, list_label: str, item_label: str) -> None:
    """The first item of a required list: the form may already show it (min: 1)."""
    if page.get_by_label(item_label, exact=True).count() == 0:
        page.get_by_role("button", name=f"{list_label} hinzufügen").click()


def _publish(page: Any) -> None:
    page.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_text("Jetzt veröffentlichen").click()
    page.get_by_text("Änderungen gespeichert").wait_for()


def _fill_practice(page: Any, editor: Editor, title: str) -> None:
    """The required fields of a new practice, a programme and two vocabulary terms."""
    page.goto(editor.url + "#/collections/practices/new")
    page.get_by_label("Titel", exact=True).first.fill(title)
    page.get_by_label("Kurzbeschreibung", exact=True).fill(
        "Eine Stadtteilkonferenz bringt seit 2020 Träger, Verwaltung und Bewohnerinnen des "
        "Nordends an einen Tisch; sie plant gemeinsam Angebote für Familien."
    )
    _choose(page, "Land", "Hessen")
    page.get_by_label("Name", exact=True).first.fill("Frankfurt am Main")
    _choose(page, "Ebene", "Quartier oder Stadtteil")
    _add_item(page, "Träger", "Art")
    page.get_by_label("Name", exact=True).nth(1).fill("Stadt Frankfurt am Main")
    _choose(page, "Art", "Kommune")
    fields = Instance.open(REPO).vocabularies["handlungsfelder"]
    _choose(page, "Handlungsfelder", fields.label_of("beteiligung"), fields.label_of("familie"))
    _choose(page, "Förderprogramme (optional)", "Soziale Stadt in Hessen")
    _choose(page, "Stand", "läuft")
    page.get_by_label("Organisation", exact=True).fill("Stadt Frankfurt am Main, Sozialamt")
    page.get_by_label("E-Mail (optional)", exact=True).fill("sozialamt@stadt-frankfurt.de")
    _add_item(page, "Quelle", "Abgerufen am (optional)")
    page.get_by_label("Titel", exact=True).nth(1).fill("Stadt Frankfurt: Stadtteilkonferenzen")


def test_a_practice_made_in_the_form_validates_and_builds(admin: Any, editor: Editor) -> None:
    page = admin
    before = set((editor.root / "content" / "practices").iterdir())
    title = "Stadtteilkonferenz Nordend: Träger, Verwaltung und Bewohnerschaft planen Angebote"
    _fill_practice(page, editor, title)
    _publish(page)

    (path,) = set((editor.root / "content" / "practices").iterdir()) - before
    assert re.fullmatch(SLUG_PATTERN, path.stem) and len(path.stem) <= SLUG_MAX, path.name
    assert path.stem.startswith("stadtteilkonferenz-nordend-trager-verwaltung")
    text = path.read_text(encoding="utf-8")
    assert "handlungsfelder: [beteiligung, familie]\n" in text
    assert "programme: [soziale-stadt-hessen]\n" in text
    assert f"  erfasst: {TODAY}\n" in text
    checked = _praxis(editor.root, "validate", str(path))
    assert checked.returncode == 0, text + checked.stdout + checked.stderr
    built = _praxis(editor.root, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    page_html = editor.root / "site" / "practices" / path.stem / "index.html"
    assert title in page_html.read_text(encoding="utf-8")


def test_editing_one_field_changes_only_its_lines(admin: Any, editor: Editor) -> None:
    page = admin
    rel = "content/practices/iksp-gera.md"
    before = (editor.root / rel).read_text(encoding="utf-8")
    page.goto(editor.url + "#/collections/practices/entries/iksp-gera")
    preview = page.frame_locator("iframe").first
    preview.locator("article.md-typeset h1").wait_for()
    styles = preview.locator('link[rel="stylesheet"]')
    hrefs = [styles.nth(i).get_attribute("href") or "" for i in range(styles.count())]
    assert any("/assets/stylesheets/" in href for href in hrefs), hrefs  # the site's own
    phone = page.get_by_label("Telefon (optional)", exact=True)
    phone.fill("0365 838-0")
    _publish(page)

    diff = _git(editor.root, "diff", "--unified=0", "--", rel)
    changed = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == ["-  telefon: 0365 838-3010", "+  telefon: 0365 838-0"], diff
    after = (editor.root / rel).read_text(encoding="utf-8")
    assert after.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]  # the body as it was


def test_with_the_editorial_workflow_a_save_is_a_branch_for_review(
    admin_at: Callable[[int], Any], editor: Editor
) -> None:
    """decap-server in git mode does locally what GitHub and GitLab do: saving makes a
    branch (the pull request), main stays untouched until it is merged."""
    page = admin_at(editor.workflow_port)
    page.get_by_text("Arbeitsablauf").first.wait_for()  # the editorial workflow is on
    _fill_practice(page, editor, "Familienzentrum im Quartier Nordend")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Änderungen gespeichert").wait_for()
    deadline = time.monotonic() + 20  # decap-server answers before git may have finished
    refs = ("for-each-ref", "--format=%(refname:short)", "refs/heads/cms/")
    while not (branches := _git(editor.workflow_root, *refs).split()):
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert branches == ["cms/practices/familienzentrum-im-quartier-nordend"], branches
    rel = "content/practices/familienzentrum-im-quartier-nordend.md"
    on_main = subprocess.run(
        ["git", "-C", str(editor.workflow_root), "cat-file", "-e", f"main:{rel}"], check=False
    )
    assert on_main.returncode != 0  # main has no such file before the review
    text = _git(editor.workflow_root, "show", f"{branches[0]}:{rel}")
    checkout = editor.workflow_root.with_name("pruefung")
    shutil.copytree(editor.root, checkout, ignore=shutil.ignore_patterns(".git", "site"))
    (checkout / rel).write_text(text, encoding="utf-8")
    checked = _praxis(checkout, "validate", str(checkout / rel))
    assert checked.returncode == 0, text + checked.stdout + checked.stderr

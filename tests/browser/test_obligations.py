"""The pages a public body's site must have, in Chromium: the accessibility statement, Leichte
Sprache, Deutsche Gebärdensprache, Impressum and Datenschutz exist on the sample site, on a
fresh `praxis init` instance and on this repository's site, are linked from every page's
footer (and the start page), pass axe-core and fit a 375 px screen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from urllib.parse import urljoin

import pytest

from praxis.publish.static import serving
from tests.browser.conftest import REPO, Audit

pytestmark = pytest.mark.browser

PAGES = ("barrierefreiheit/", "leichte-sprache/", "gebaerdensprache/", "impressum/", "datenschutz/")
FOOTER = {
    "Erklärung zur Barrierefreiheit": "barrierefreiheit/",
    "Barriere melden": "barrierefreiheit/#feedback",
    "Leichte Sprache": "leichte-sprache/",
    "Gebärdensprache": "gebaerdensprache/",
    "Impressum": "impressum/",
    "Datenschutz": "datenschutz/",
}


def _praxis(*args: str) -> None:
    """The CLI in its own process: Pagefind's asyncio must not meet Playwright's loop."""
    env = {**os.environ, "PRAXIS_TODAY": "2026-11-21"}
    result = subprocess.run(
        [sys.executable, "-m", "praxis", *args], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A fresh `praxis init` instance and this repository, each built and served."""
    tmp = tmp_path_factory.mktemp("obligations")
    _praxis("init", str(tmp / "neu"), "--bundesland", "TH", "--name", "Praxis Thüringen")
    _praxis("build", "--root", str(tmp / "neu"))
    _praxis("build", "--root", str(REPO), "--out", str(tmp / "repo-site"))
    with serving(tmp / "neu" / "site") as fresh, serving(tmp / "repo-site") as repo:
        yield {"init": fresh, "repo": repo}


@pytest.mark.parametrize("site", ["init", "repo"])
@pytest.mark.parametrize("path", PAGES)
def test_duty_pages_are_accessible_on_every_instance(
    audit: Callable[..., Audit], sites: dict[str, str], site: str, path: str
) -> None:
    result = audit(path, base=sites[site])
    assert result.page.get_by_role("heading", level=1).count() == 1
    result.assert_clean()


@pytest.mark.parametrize("site", ["init", "repo"])
def test_every_footer_links_to_the_statement_and_the_start_page_to_easy_pages(
    audit: Callable[..., Audit], sites: dict[str, str], site: str
) -> None:
    start = audit("", base=sites[site]).page
    for name in ("Leichte Sprache", "Deutsche Gebärdensprache"):
        assert start.locator("article").get_by_role("link", name=name).count() == 1, name
    for path in ("", "daten/", "leichte-sprache/"):
        page = audit(path, base=sites[site]).page
        footer = page.get_by_role("navigation", name="Barrierefreiheit und Rechtliches")
        links = {
            link.inner_text(): link.get_attribute("href")
            for link in footer.get_by_role("link").all()
        }
        assert list(links) == list(FOOTER), path
        for name, target in FOOTER.items():
            url = urljoin(page.url, links[name])
            assert url == sites[site] + target, (path, name)
            assert page.request.get(url).ok, (path, name)
        assert "Material for MkDocs" not in page.locator("footer").inner_text()


def test_sample_statement_names_contact_body_and_own_limitations(
    audit: Callable[..., Audit],
) -> None:
    result = audit("barrierefreiheit/", viewport=(375, 740))
    page = result.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    feedback = page.locator("#feedback + p")
    address = feedback.get_by_role("link", name="barrierefreiheit@example.org")
    assert address.get_attribute("href") == "mailto:barrierefreiheit@example.org"
    body = page.get_by_role("link", name="Schlichtungsstelle Test")
    assert body.get_attribute("href") == "https://schlichtung.example.org/"
    text = page.locator("article").inner_text()
    assert "teilweise vereinbar" in text and "01.11.2026" in text
    assert "Ältere Berichte als PDF" in text and "axe-core" in text
    assert "noch nicht eingetragen" not in text
    result.assert_clean()


def test_sample_sign_language_page_plays_the_local_video(audit: Callable[..., Audit]) -> None:
    """The sample's video is a 1-second 64×48 WebM that Chromium's MediaRecorder made: it
    loads only when asked (`preload="none"`, for slow networks) and then plays, from the
    site itself."""
    result = audit("gebaerdensprache/", viewport=(375, 740))
    page = result.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    video = page.locator("article video")
    assert video.count() == 1 and video.get_attribute("preload") == "none"
    source = video.locator("source").get_attribute("src")
    track = video.locator("track").get_attribute("src")
    assert source == "../medien/gebaerdensprache.webm"
    assert page.request.get(page.url + source).ok and page.request.get(page.url + track).ok
    width = page.evaluate(
        """async () => {
          const video = document.querySelector("article video");
          video.preload = "auto";
          const loaded = new Promise(done => { video.onloadeddata = done; });
          video.load();
          await loaded;
          return video.videoWidth;
        }"""
    )
    assert width == 64
    assert not result.foreign
    result.assert_clean()


def test_fresh_instance_shows_placeholders_not_a_video(
    audit: Callable[..., Audit], sites: dict[str, str]
) -> None:
    page = audit("gebaerdensprache/", base=sites["init"]).page
    assert page.locator("article video").count() == 0
    assert "Das Video wird noch erstellt" in page.locator("article").inner_text()
    statement = audit("barrierefreiheit/", base=sites["init"]).page.locator("article")
    assert "die zuständige Stelle des Landes Thüringen: noch nicht eingetragen" in (
        statement.inner_text()
    )

"""An operator's duties: unfilled placeholders, the feedback contact, the Land's enforcement
body and the DGS video are located warnings of `praxis build`, and `--strict` fails until
each is filled in; the licence is one of a list, with a located German error."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from click.testing import CliRunner

from praxis.cli import cli
from praxis.config import Instance
from praxis.errors import ConfigError
from praxis.generate.accessibility import sign_language
from praxis.licences import licence_of
from praxis.load.collection import load_collection
from praxis.validate.duties import Duties, placeholders
from tests.conftest import edit, fill_enforcement_body


def build(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["build", "--root", str(root), *args], env={"PRAXIS_TODAY": "2026-11-21"}
    )
    return result.exit_code, result.output


def test_placeholders_are_bracketed_text_that_is_no_link(tmp_path: Path) -> None:
    page = tmp_path / "impressum.md"
    page.write_text(
        "# Impressum\n\n"
        '!!! warning "Vom Betreiber auszufüllen"\n    Vorlage.\n\n'
        "[Name der Organisation]<br>\n"
        "Siehe [Offene Daten](daten/index.md) und [GovData][gd].\n"
        "`[kein Platzhalter]` und [x] und [^1]\n\n"
        "```\n[auch keiner]\n```\n\n"
        "[Angaben des Betreibers:\nwer hostet?]\n\n"
        "[gd]: https://www.govdata.de\n",
        encoding="utf-8",
    )
    assert placeholders(page) == [
        (3, '!!! warning "Vom Betreiber auszufüllen"'),
        (6, "[Name der Organisation]"),
        (14, "[Angaben des Betreibers: wer hostet?]"),
    ]


def test_fresh_instance_warns_of_each_duty_and_strict_fails_until_filled(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = tmp_path / "neu"
    init = ["init", str(root), "--bundesland", "TH", "--name", "Praxis Thüringen"]
    assert runner.invoke(cli, init).exit_code == 0
    code, output = build(root)
    assert code == 0, output
    assert "content/impressum.md:3:1: warnung: Der Hinweis „Vom Betreiber auszufüllen“" in output
    assert (
        "content/impressum.md:15:1: warnung: Platzhalter „[Name der Organisation, die "
        "„Praxis Thüringen“ betreibt]“ ist noch nicht ausgefüllt"
    ) in output
    assert "content/datenschutz.md:" in output
    config = (root / "mkdocs.yml").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(config, 1) if text.strip().startswith("kontakt:"))
    assert f"mkdocs.yml:{line}:1: warnung: kontakt: Für die Rückmeldung zur Barrierefreiheit" in (
        output
    )
    assert "warnung: gebaerdensprache: Das Video in Deutscher Gebärdensprache fehlt" in output
    assert (
        "schema/vocabularies/bundeslaender.yml:24:1: warnung: durchsetzungsstelle: Für "
        "Thüringen ist keine Durchsetzungs- oder Schlichtungsstelle"
    ) in output
    code, output = build(root, "--strict")
    assert code == 1
    assert "mit --strict nicht gebaut" in output and "Pflichtangaben" in output

    for name in ("impressum.md", "datenschutz.md"):
        page = root / "content" / name
        text = page.read_text(encoding="utf-8")
        text = text.split("## ", 1)[1]  # the note goes, the placeholders are filled in
        for _, snippet in placeholders(page):
            text = text.replace(snippet, "Landesamt Test")
        page.write_text("# " + name + "\n\n## " + text.replace("[", "(").replace("]", ")"))
    (root / "content/medien").mkdir()
    (root / "content/medien/dgs.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    mkdocs = root / "mkdocs.yml"
    settings = mkdocs.read_text(encoding="utf-8")
    settings = settings.replace("kontakt: ''", "kontakt: https://landesamt.example.org/kontakt")
    settings = settings.replace("erstellt: null", "erstellt: 2026-11-20")
    settings = settings.replace("video: ''", "video: medien/dgs.mp4")
    mkdocs.write_text(settings, encoding="utf-8")
    fill_enforcement_body(root, "TH", '{name: "Stelle", url: "https://stelle.example.org/"}')
    code, output = build(root, "--strict")
    assert code == 0, output
    assert "warnung" not in output
    html = (root / "site/gebaerdensprache/index.html").read_text(encoding="utf-8")
    assert '<source src="../medien/dgs.mp4" type="video/mp4">' in html
    assert (root / "site/medien/dgs.mp4").is_file()


@pytest.mark.parametrize(
    "video",
    [
        "../../mkdocs.yml",
        "/etc/passwd.mp4",
        "https://www.youtube.com/watch?v=x.mp4",
        "medien/fehlt.mp4",
        "medien/dgs.mov",
        'medien/a"onerror="x.mp4',
    ],
)
def test_a_video_from_elsewhere_is_never_embedded(project: Path, video: str) -> None:
    (project / "content/medien/dgs.mov").write_bytes(b"x")
    mkdocs = project / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    mkdocs.write_text(
        text.replace("video: medien/gebaerdensprache.webm", f"video: '{video}'"),
        encoding="utf-8",
    )
    instance = Instance.open(project)
    duties = Duties.of(instance)
    assert duties.video is None
    [problem] = duties.problems
    assert problem.path == "mkdocs.yml" and problem.field == "video"
    assert "keine MP4- oder WebM-Datei unter content/" in problem.message
    page = sign_language(load_collection(instance), duties)
    assert "<video" not in page and "Das Video wird noch erstellt" in page


def test_complete_instance_has_no_duty_warnings(instance: Instance) -> None:
    duties = Duties.of(instance)
    assert duties.problems == []
    assert duties.kontakt == "mailto:barrierefreiheit@example.org"
    assert duties.body and duties.body.url == "https://schlichtung.example.org/"


@pytest.mark.parametrize(
    "betreiber", ["<script>alert(1)</script>", "[Amt](javascript:alert(1))", "<img src=x>"]
)
def test_the_operators_text_is_shown_never_run(project: Path, betreiber: str) -> None:
    mkdocs = project / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8").replace(
        "betreiber: Servicestelle Test", f"betreiber: '{betreiber}'"
    )
    mkdocs.write_text(text.replace('- "Ältere', f"- '{betreiber}'\n        - \"Ältere"))
    code, output = build(project)
    assert code == 0, output
    for path in ("barrierefreiheit", "daten", "gebaerdensprache"):
        page = (project / "site" / path / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in page and 'href="javascript:' not in page, path
        assert "<img src=x>" not in page, path
    page = (project / "site/barrierefreiheit/index.html").read_text(encoding="utf-8")
    assert html.unescape(page).count(betreiber) >= 2, "shown as text: operator and limitation"


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("CC BY 4.0", "CC BY 4.0"),
        ("cc-by-4.0", "CC BY 4.0"),
        ("CC0", "CC0 1.0"),
        ("DL-DE-BY-2.0", "dl-de/by-2-0"),
        ("dl-de/zero-2-0", "dl-de/zero-2-0"),
        ("CC BY-SA 4.0", "CC BY-SA 4.0"),
    ],
)
def test_licences_are_read_by_name_or_spdx_id(written: str, name: str) -> None:
    licence = licence_of(written)
    assert licence.name == name
    assert licence.dcat.startswith("http://dcat-ap.de/def/licenses/")


def test_unknown_licence_is_a_located_german_error(project: Path, runner: CliRunner) -> None:
    edit(project / "mkdocs.yml", "lizenz: CC BY 4.0", "lizenz: CC BY 3.0")
    with pytest.raises(ConfigError) as error:
        Instance.open(project).licence  # noqa: B018
    assert error.value.message.startswith(
        "mkdocs.yml:12: extra.praxis.lizenz: „CC BY 3.0“ ist keine der Lizenzen, die Praxis "
        "kennt. Meinten Sie „CC BY 4.0“? Zulässig sind: „CC BY 4.0“, „CC BY-SA 4.0“"
    )
    code, output = build(project)
    assert code == 1 and "Fehler: mkdocs.yml:12: extra.praxis.lizenz" in output
    assert not (project / "site").exists()


def test_init_refuses_an_unknown_licence(tmp_path: Path, runner: CliRunner) -> None:
    args = ["init", str(tmp_path / "x"), "--bundesland", "HE", "--name", "X", "--lizenz", "MIT"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert "Fehler: --lizenz: „MIT“ ist keine der Lizenzen, die Praxis kennt." in result.output
    assert not (tmp_path / "x").exists()

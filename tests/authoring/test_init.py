"""`praxis init`: a new Land gets a working, buildable instance in one command."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from praxis.authoring.engine import EngineSource
from praxis.authoring.init import DATA, Settings, instance_files
from praxis.cli import cli
from praxis.config import Instance, _TolerantLoader

REPO = Path(__file__).resolve().parents[2]
THUERINGEN = ["--bundesland", "TH", "--name", "Praxisdatenbank Thüringen"]
PRACTICE = [
    "new", "practice", "--no-input",
    "--titel", "Stadtteilmütter in Gera-Lusan",
    "--kurzbeschreibung", "Mütter mit Migrationsgeschichte begleiten als Stadtteilmütter "
    "Familien in Gera-Lusan zu Kita, Schule und Behörden und bauen Brücken ins Quartier.",
    "--bundesland", "TH", "--ort", "Gera", "--ort-ebene", "kommune",
    "--traeger", "Stadt Gera", "--traeger-art", "kommune", "--handlungsfeld", "integration",
    "--status", "laufend", "--organisation", "Stadt Gera", "--web", "https://www.gera.de",
    "--quelle", "Website der Stadt Gera",
]  # fmt: skip


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAXIS_TODAY", "2026-11-21")


@pytest.mark.slow
def test_new_land_builds_a_site_with_its_name_and_first_practice(
    tmp_path: Path, runner: CliRunner, today: None
) -> None:
    """The issue's acceptance: init, new practice, build."""
    root = tmp_path / "th"
    result = runner.invoke(cli, ["init", str(root), *THUERINGEN])
    assert result.exit_code == 0, result.output
    assert "Angelegt" in result.output

    result = runner.invoke(cli, [*PRACTICE, "--root", str(root)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["validate", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert "0 Fehler" in result.output

    result = runner.invoke(cli, ["build", "--root", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Praxisdatenbank Thüringen</title>" in home
    page = root / "site" / "practices" / "stadtteilmuetter-in-gera-lusan" / "index.html"
    assert "Stadtteilmütter in Gera-Lusan" in page.read_text(encoding="utf-8")
    impressum = (root / "site" / "impressum" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition warning"' in impressum  # operator details visibly marked
    for generated in ("schema", "issue-form", "contributing"):
        result = runner.invoke(cli, [generated, "--check", "--root", str(root)])
        assert result.exit_code == 0, (generated, result.output)


def test_instance_has_its_settings_pages_and_ci_files(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "nrw"
    result = runner.invoke(
        cli,
        [
            "init",
            str(root),
            "--bundesland",
            "NW",
            "--name",
            "Gute Praxis NRW",
            "--repo-url",
            "https://gitlab.example.org/gib/praxis",
            "--lizenz",
            "CC0",
        ],
    )
    assert result.exit_code == 0, result.output
    instance = Instance.open(root)
    assert (instance.name, instance.bundesland, instance.lizenz) == (
        "Gute Praxis NRW",
        "NW",
        "CC0 1.0",
    )
    assert instance.repo_url == "https://gitlab.example.org/gib/praxis"
    assert instance.edit_uri == "-/edit/main/content/"  # GitLab's edit links
    for page in ("index", "mitmachen", "impressum", "datenschutz"):
        assert (root / "content" / f"{page}.md").is_file()
    assert "Vom Betreiber auszufüllen" in (root / "content/impressum.md").read_text("utf-8")
    assert "aus Nordrhein-Westfalen" in (root / "mkdocs.yml").read_text("utf-8")
    start = (root / "content/index.md").read_text("utf-8")
    for page in ("leichte-sprache.md", "gebaerdensprache.md", "barrierefreiheit.md"):
        assert page in start, page
    assert (root / "content/leichte-sprache.md").is_file()
    mitmachen = (root / "content/mitmachen.md").read_text("utf-8")
    assert "https://gitlab.example.org/gib/praxis/-/blob/main/CONTRIBUTING.md" in mitmachen
    for ci_file in (
        ".github/workflows/ci.yml",
        ".github/workflows/pages.yml",
        ".github/workflows/from-issue.yml",
        ".github/pull_request_template.md",
        ".github/ISSUE_TEMPLATE/praxisbeispiel.yml",
        ".gitlab-ci.yml",
        ".gitlab/issue_templates/Praxisbeispiel.md",
        "CONTRIBUTING.md",
        "README.md",
        ".gitignore",
        "Makefile",
        "requirements.lock",
    ):
        assert (root / ci_file).is_file(), ci_file
    # this engine is installed from its checkout (make install): the instance says so
    assert result.output.count("Engine: praxis @ file://") == 1
    assert f"praxis @ {REPO.as_uri()}" in (root / "requirements.txt").read_text("utf-8")
    assert set(instance.vocabularies) >= {"bundeslaender", "handlungsfelder", "zielgruppen"}
    assert "Gute Praxis NRW" in (root / ".github/ISSUE_TEMPLATE/praxisbeispiel.yml").read_text(
        "utf-8"
    )
    assert not list(tmp_path.glob(".nrw.*")), "the staging directory was left behind"


def test_without_repo_url_the_edit_links_are_left_out(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "sn"
    result = runner.invoke(cli, ["init", str(root), "--bundesland", "SN", "--name", "Sachsen"])
    assert result.exit_code == 0, result.output
    assert Instance.open(root).repo_url == ""
    assert runner.invoke(cli, ["validate", "--root", str(root)]).exit_code == 0


def test_an_empty_existing_directory_is_used(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "leer"
    root.mkdir()
    result = runner.invoke(cli, ["init", str(root), *THUERINGEN])
    assert result.exit_code == 0, result.output
    assert (root / "mkdocs.yml").is_file()


def test_a_non_empty_directory_is_never_overwritten(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "vorhanden"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Unsere Daten\n", encoding="utf-8")
    result = runner.invoke(cli, ["init", str(root), *THUERINGEN])
    assert result.exit_code == 1
    assert "nicht leer: nichts überschrieben" in result.output
    assert "Traceback" not in result.output
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Unsere Daten\n"
    assert sorted(p.name for p in root.iterdir()) == ["mkdocs.yml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vorhanden"]


@pytest.mark.parametrize(("options", "message"), [
    (["--bundesland", "Thüringen", "--name", "X"], "Meinten Sie „TH“?"),
    (["--bundesland", "XY", "--name", "X"], "Zulässig sind: BW"),
    (["--bundesland", "TH", "--name", "  "], "--name darf nicht leer sein"),
    (["--bundesland", "TH", "--name", "X", "--repo-url", "github.com/x"], "keine Web-Adresse"),
])  # fmt: skip
def test_bad_settings_are_refused_in_german_and_nothing_is_written(
    tmp_path: Path, runner: CliRunner, options: list[str], message: str
) -> None:
    result = runner.invoke(cli, ["init", str(tmp_path / "neu"), *options])
    assert result.exit_code == 1
    assert message in result.output
    assert "Fehler:" in result.output
    assert list(tmp_path.iterdir()) == []


def test_missing_options_are_a_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["init", str(tmp_path / "neu"), "--name", "X"])
    assert result.exit_code == 2
    assert "--bundesland" in result.output


def test_package_vocabularies_are_the_repositorys() -> None:
    """One source: the package ships what the repository's reference instance uses."""
    packaged = Path(str(DATA / "vocabularies"))
    repository = REPO / "schema" / "vocabularies"
    names = sorted(p.name for p in repository.glob("*.yml"))
    assert names == sorted(p.name for p in packaged.glob("*.yml")), (
        "Jedes Vokabular in schema/vocabularies/ braucht eine symbolische Verknüpfung in "
        "tools/praxis/data/vocabularies/ (ln -s ../../../../schema/vocabularies/NAME.yml)."
    )
    for name in names:
        assert (packaged / name).resolve() == (repository / name).resolve()


def test_instance_mkdocs_yml_follows_the_repositorys() -> None:
    """A new instance renders like the reference instance: only its own settings differ."""
    ours = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_TolerantLoader)
    settings = Settings(
        name=ours["site_name"],
        bundesland=ours["extra"]["praxis"]["bundesland"],
        repo_url=ours["repo_url"],
        lizenz=ours["extra"]["praxis"]["lizenz"],
    )
    engine = EngineSource("praxis==0.1.0")
    theirs = yaml.load(instance_files(settings, engine)["mkdocs.yml"], Loader=_TolerantLoader)
    for config in (ours, theirs):
        config.pop("site_description", None)
    assert theirs == ours, "mkdocs.yml der Vorlage (tools/praxis/data/instance) nachziehen"


@pytest.mark.parametrize(
    ("spec", "line"),
    [
        ("praxis==0.2.0", "praxis==0.2.0"),
        ("git+https://gitlab.opencode.de/land/praxis@v0.2.0",
         "praxis @ git+https://gitlab.opencode.de/land/praxis@v0.2.0"),
        ("praxis @ git+https://github.com/land/praxis@v0.2.0",
         "praxis @ git+https://github.com/land/praxis@v0.2.0"),
    ],
)  # fmt: skip
def test_engine_spec_becomes_the_instances_requirement(
    tmp_path: Path, runner: CliRunner, spec: str, line: str
) -> None:
    root = tmp_path / "th"
    result = runner.invoke(cli, ["init", str(root), *THUERINGEN, "--engine", spec])
    assert result.exit_code == 0, result.output
    lines = (root / "requirements.txt").read_text("utf-8").splitlines()
    assert [entry for entry in lines if not entry.startswith("#")] == [line]


def test_engine_wheel_is_copied_into_the_instance(tmp_path: Path, runner: CliRunner) -> None:
    wheel = tmp_path / "praxis-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip: only copied here
    root = tmp_path / "th"
    result = runner.invoke(cli, ["init", str(root), *THUERINGEN, "--engine", str(wheel)])
    assert result.exit_code == 0, result.output
    assert (root / "engine" / wheel.name).read_bytes() == wheel.read_bytes()
    assert "./engine/praxis-0.1.0-py3-none-any.whl" in (root / "requirements.txt").read_text()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("dist/fehlt-0.1.0-py3-none-any.whl", "Die Datei gibt es nicht."),
        ("praxis", "nennt keine feste Version"),
        ("hier ist nichts", "keine Angabe, aus der pip die Engine installieren kann"),
        ("praxis==1\nfoo==2", "muss eine einzelne Zeile sein"),
    ],
)
def test_a_bad_engine_spec_is_refused_in_german(
    tmp_path: Path, runner: CliRunner, spec: str, message: str
) -> None:
    root = tmp_path / "th"
    result = runner.invoke(cli, ["init", str(root), *THUERINGEN, "--engine", spec])
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert not root.exists()


@pytest.mark.slow
def test_renaming_the_instance_is_one_edit_of_mkdocs_yml(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "th"
    assert runner.invoke(cli, ["init", str(root), *THUERINGEN]).exit_code == 0
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace("Praxisdatenbank Thüringen", "Gute Praxis Thüringen", 1), encoding="utf-8"
    )
    result = runner.invoke(cli, ["build", "--root", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    home = (root / "site/index.html").read_text("utf-8")
    assert '<h1 id="startseite">Gute Praxis Thüringen</h1>' in home
    assert "Gute Praxis in der Sozialplanung aus Thüringen" in home  # site_description
    assert "Praxisdatenbank Thüringen" not in home

"""The questions of `praxis new` (interactive): each answer is checked when it is given.

An answer is checked against the same field of the content model that `praxis validate`
uses (`field_adapter`), with the validator's German messages. Vocabulary terms and fixed
values may be given by number, id, label or synonym, in any case and with or without
umlauts; a likely meaning is offered as the default of the next try. Nothing typed is
lost: when the command is aborted or the entry cannot be written, the answers are kept
in a draft file that the next `praxis new` offers to continue from.
"""

from __future__ import annotations

import contextlib
import difflib
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import click
import yaml
from pydantic import BaseModel, ValidationError

from praxis.config import Instance, Vocabulary, fold
from praxis.fsutil import atomic_write
from praxis.model.entries import (
    Kontakt,
    Laufzeit,
    Ort,
    Practice,
    Programme,
    Quelle,
    Traeger,
    find_in_annotation,
    vocabulary_name,
)
from praxis.validate.collection import field_adapter
from praxis.validate.messages import german_message

Values = dict[str, Any]
When = Callable[[Values], bool]


def _always(values: Values) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    """One answer, checked by the rule of `model.field`."""

    key: str  # the key of the answer (as the command's option)
    prompt: str
    model: type[BaseModel]
    field: str
    required: When = _always
    asked: When = _always
    default: Callable[[Instance], str | None] = lambda instance: None
    option: str = ""  # the command's option, if not --key

    @property
    def flag(self) -> str:
        return self.option or "--" + self.key.replace("_", "-")


def _no_other_contact(values: Values) -> bool:
    return not (values.get("email") or values.get("telefon"))


def _regional(values: Values) -> bool:
    return values.get("ebene") in ("land", "kommune")


def _own_land(instance: Instance) -> str | None:
    return (
        instance.bundesland
        if instance.bundesland in instance.vocabularies["bundeslaender"]
        else None
    )


def _never(values: Values) -> bool:
    return False


QUESTIONS: dict[str, list[Question]] = {
    "practice": [
        Question("titel", "Titel (5–120 Zeichen)", Practice, "titel"),
        Question("kurzbeschreibung", "Kurzbeschreibung (80–600 Zeichen)", Practice,
                 "kurzbeschreibung"),
        Question("bundesland", "Land", Practice, "bundesland", default=_own_land),
        Question("ort", "Ort", Ort, "name"),
        Question("ort_ebene", "Ebene des Ortes", Ort, "ebene"),
        Question("traeger", "Träger (Name)", Traeger, "name"),
        Question("traeger_art", "Art des Trägers", Traeger, "art"),
        Question("handlungsfelder", "Handlungsfelder", Practice, "handlungsfelder",
                 option="--handlungsfeld"),
        Question("zielgruppen", "Zielgruppen", Practice, "zielgruppen", required=_never,
                 option="--zielgruppe"),
        Question("status", "Status", Practice, "status"),
        Question("beginn", "Beginn (Jahr, leer lassen wenn unbekannt)", Laufzeit, "beginn",
                 required=_never),
        Question("organisation", "Kontakt: Organisation", Kontakt, "organisation"),
        Question("email", "Kontakt: E-Mail (Funktionsadresse, leer lassen wenn keine)",
                 Kontakt, "email", required=_never),
        Question("web", "Kontakt: Web-Adresse", Kontakt, "web", required=_no_other_contact,
                 asked=_no_other_contact),
        Question("quelle", "Quelle (Titel)", Quelle, "titel"),
    ],
    "programme": [
        Question("titel", "Titel (5–120 Zeichen)", Programme, "titel"),
        Question("kurzbeschreibung", "Kurzbeschreibung (80–600 Zeichen)", Programme,
                 "kurzbeschreibung"),
        Question("ebene", "Ebene", Programme, "ebene"),
        Question("bundesland", "Land", Programme, "bundesland", required=_regional,
                 asked=_regional, default=_own_land),
        Question("foerdergeber", "Fördergeber", Programme, "foerdergeber"),
        Question("handlungsfelder", "Handlungsfelder", Programme, "handlungsfelder",
                 option="--handlungsfeld"),
        Question("status", "Status", Programme, "status"),
        Question("quelle", "Quelle (Titel)", Quelle, "titel"),
    ],
}  # fmt: skip


def always_required(kind: str) -> list[Question]:
    """The questions of `kind` that every entry must answer, whatever the other answers:
    with --no-input, their options are the ones that must be given. Requirements that
    depend on other answers (a contact, a programme's Land) are checked with them."""
    return [question for question in QUESTIONS[kind] if question.required is _always]


# --- what a field allows --------------------------------------------------------------


def vocabulary_of(question: Question, instance: Instance) -> Vocabulary | None:
    info = question.model.model_fields[question.field]
    name = vocabulary_name(info.annotation, info.metadata)
    return instance.vocabularies[name] if name else None


def choices_of(question: Question) -> tuple[str, ...]:
    """The fixed values of a `Literal` field."""
    annotation = question.model.model_fields[question.field].annotation
    literal = find_in_annotation(annotation, lambda item: typing.get_origin(item) is Literal)
    return tuple(typing.get_args(literal)) if literal is not None else ()


def is_list(question: Question) -> bool:
    annotation = question.model.model_fields[question.field].annotation
    return typing.get_origin(annotation) is list


# --- checking one answer ------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    value: Any = None
    problem: str | None = None
    suggestion: str | None = None


def _term(vocab: Vocabulary, part: str) -> Verdict:
    """A term by number, id, label or synonym, if that names exactly one."""
    terms = list(vocab)
    if part.isdigit():
        number = int(part)
        if 1 <= number <= len(terms):
            return Verdict(terms[number - 1].id)
        return Verdict(problem=f"„{part}“ ist keine der Nummern 1 bis {len(terms)}.")
    wanted = fold(part)
    exact = {t.id for t in terms if wanted in {fold(n) for n in (t.id, t.label, *t.synonyme)}}
    if len(exact) == 1:
        return Verdict(exact.pop())
    if exact:
        return Verdict(problem=f"„{part}“ passt zu mehreren Begriffen: {', '.join(sorted(exact))}.")
    suggestion = vocab.suggest(part)
    hint = f" Meinten Sie „{vocab.label_of(suggestion)}“ ({suggestion})?" if suggestion else ""
    return Verdict(problem=f"„{part}“ ist keine der Möglichkeiten.{hint}", suggestion=suggestion)


def _choice(choices: tuple[str, ...], part: str) -> Verdict:
    wanted = fold(part)
    for choice in choices:
        if fold(choice) == wanted:
            return Verdict(choice)
    close = difflib.get_close_matches(wanted, list(choices), n=1, cutoff=0.6)
    hint = f" Meinten Sie „{close[0]}“?" if close else ""
    return Verdict(
        problem=f"„{part}“ ist nicht möglich.{hint} Möglich: {', '.join(choices)}.",
        suggestion=close[0] if close else None,
    )


def _model_rule(question: Question, value: Any, instance: Instance) -> str | None:
    """The validator's own message for `value` in this field, or None if it is valid."""
    adapter = field_adapter(question.model, question.field)
    try:
        adapter.validate_python(value, context={"vocabularies": instance.vocabularies})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = (question.field, *error["loc"])
        return german_message(question.model, loc, error)
    return None


def check(question: Question, answer: Any, values: Values, instance: Instance) -> Verdict:
    """Normalise one answer (terms by label, fixed values in any case) and check it."""
    if isinstance(answer, list | tuple):
        answer = ", ".join(str(a) for a in answer)
    text = str(answer or "").strip()
    if not text:
        if question.required(values):
            return Verdict(problem="Bitte eine Angabe machen; das ist eine Pflichtangabe.")
        return Verdict([] if is_list(question) else None)
    vocab, choices = vocabulary_of(question, instance), choices_of(question)
    parts = [p.strip() for p in text.split(",") if p.strip()] if is_list(question) else [text]
    value: Any = []
    for part in parts:
        verdict = _term(vocab, part) if vocab else _choice(choices, part) if choices else None
        if verdict is not None and verdict.problem:
            return verdict
        value.append(verdict.value if verdict else part)
    if not is_list(question):
        value = value[0]
    problem = _model_rule(question, value, instance)
    if problem is None:
        return Verdict(value)
    fixed = f"https://{value}"  # the rule suggests a missing scheme: offer it
    if isinstance(value, str) and f"„{fixed}“" in problem:
        return Verdict(problem=problem, suggestion=fixed)
    return Verdict(problem=problem)


# --- asking -------------------------------------------------------------------------


def _show_terms(vocab: Vocabulary) -> None:
    for number, term in enumerate(vocab, start=1):
        click.echo(f"  {number:>2}) {term.id} – {term.label}")


def _prompt_text(question: Question, vocab: Vocabulary | None, choices: tuple[str, ...]) -> str:
    if vocab is not None:
        several = " (mehrere mit Komma trennen)" if is_list(question) else ""
        return f"Nummer, Kürzel oder Name{several}"
    if choices:
        return f"{question.prompt} ({', '.join(choices)})"
    return question.prompt


EMPTY: tuple[Any, ...] = (None, "", (), [])


def ask(question: Question, values: Values, instance: Instance, answered: set[str]) -> None:
    """Keep a given value (an option or a draft's answer) if it is valid; else ask until
    the answer is. `answered` collects the keys answered so far."""
    given = values.get(question.key)
    if given not in EMPTY or question.key in answered:
        verdict = check(question, given, values, instance)
        if verdict.problem is None:
            values[question.key] = verdict.value
            answered.add(question.key)
            return
        click.echo(f"{question.prompt}: {verdict.problem}")
        default = verdict.suggestion
    else:
        default = question.default(instance)
    vocab, choices = vocabulary_of(question, instance), choices_of(question)
    if vocab is not None:
        click.echo(f"{question.prompt}:")
        _show_terms(vocab)
    while True:
        answer = click.prompt(
            _prompt_text(question, vocab, choices),
            default=default or "",
            show_default=bool(default),
        )
        verdict = check(question, answer, values, instance)
        if verdict.problem is None:
            values[question.key] = verdict.value
            answered.add(question.key)
            return
        click.echo(verdict.problem)
        default = verdict.suggestion


def interview(kind: str, values: Values, instance: Instance, answered: set[str]) -> None:
    """Ask every question of `kind` that applies, in order."""
    for question in QUESTIONS[kind]:
        if question.asked(values):
            ask(question, values, instance, answered)


def check_options(kind: str, values: Values, instance: Instance) -> list[str]:
    """Without questions (--no-input): normalise the given options as answers would be,
    and say what is wrong with each, named by its option."""
    problems = []
    for question in QUESTIONS[kind]:
        given = values.get(question.key)
        if given in EMPTY:
            continue
        verdict = check(question, given, values, instance)
        if verdict.problem:
            problems.append(f"{question.flag}: {verdict.problem}")
        else:
            values[question.key] = verdict.value
    return problems


def yes(prompt: str, default: bool = True) -> bool:
    """A yes/no question in German (click.confirm answers only y/n)."""
    hint = "J/n" if default else "j/N"
    while True:
        answer = fold(str(click.prompt(f"{prompt} [{hint}]", default="", show_default=False)))
        if not answer:
            return default
        if answer in ("j", "ja", "y", "yes"):
            return True
        if answer in ("n", "nein", "no"):
            return False
        click.echo("Bitte mit j (ja) oder n (nein) antworten.")


# --- drafts -------------------------------------------------------------------------


def draft_path(instance: Instance, kind: str) -> Path:
    return instance.state_dir / "entwuerfe" / f"{kind}.yml"


def load_draft(instance: Instance, kind: str) -> Values:
    path = draft_path(instance, kind)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    known = {q.key for q in QUESTIONS[kind]}
    return {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}


def offer_draft(instance: Instance, kind: str, values: Values) -> set[str]:
    """Fill in the answers of an earlier attempt, if the contributor wants them; the keys
    it answered (also with an empty answer) are not asked again."""
    draft = load_draft(instance, kind)
    if not draft:
        return set()
    titel = f" (Titel „{draft['titel']}“)" if draft.get("titel") else ""
    click.echo(
        f"Es gibt gespeicherte Angaben eines früheren Versuchs{titel}: "
        f"{instance.relative(draft_path(instance, kind))}."
    )
    if not yes("Dort weitermachen?"):
        return set()
    for key, value in draft.items():
        if values.get(key) in EMPTY:
            values[key] = value
    return set(draft)


@contextlib.contextmanager
def answers_kept(
    instance: Instance, kind: str, values: Values, answered: set[str]
) -> Iterator[None]:
    """Save the answers to the draft file if anything below fails or is aborted, and
    remove the draft once the entry is written."""
    path = draft_path(instance, kind)
    try:
        yield
    except BaseException:
        answers = {k: v for k, v in values.items() if k in answered or v not in EMPTY}
        if answers:
            text = yaml.safe_dump(
                {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()},
                allow_unicode=True,
                sort_keys=False,
            )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, text)
            except OSError as exc:
                click.echo(
                    f"Die Angaben konnten nicht gespeichert werden ({exc.strerror or exc}).",
                    err=True,
                )
            else:
                click.echo(
                    f"\nIhre Angaben sind gespeichert: {instance.relative(path)}. "
                    f"`praxis new {kind}` bietet an, dort weiterzumachen.",
                    err=True,
                )
        raise
    path.unlink(missing_ok=True)

"""``seal process``: the programme's stages before an application, on the database, as the
system administrator: where an institution stands, and recording its commitment and the
approval of its baseline's action plan from the documents (the same services the app's
Programme steps page calls, with the same checks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from seal_engine import say

from ._app import app, bad, t

process_app = typer.Typer(name="process", no_args_is_help=True, help=(
    "The programme's stages before an application: status, commitment, plan approval.\n\n"
    "Example: seal process status VAL-MLSP"))
app.add_typer(process_app)

_STAGES = ("commitment", "baseline", "plan_approval", "implementation", "application",
           "award")  # each in words: the message stage.<code>


def _day(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad(t("cli.not_a_date", option=option, value=value)) from None


def _document(path: Path, option: str) -> tuple[str, bytes]:
    if not path.is_file():
        raise bad(t("cli.not_a_file", option=option, path=str(path)))
    return path.name, path.read_bytes()


#: each fact a stage rests on: its message (cli.fact.<key>) counts it (n), or says its value,
#: a state or an approver in words (the prefix of their messages), else as it is
_FACTS = {"signed_on": "", "assessment": "", "draft": "", "state": "state.",
          "approved_on": "", "approved_by": "approver.", "months": None, "rows": None,
          "done_rows": None, "ready_on": "", "days": None, "held_level_title": "",
          "held_until": ""}


def _facts(code: str, f: dict) -> str:
    """What a stage rests on, a message a fact, in this run's language; a certificate's level
    by its title, its id only when the title is not known."""
    keep = {k: v for k, v in f.items() if not k.endswith("_id") and v not in (None, "")}
    if "held_level" in keep and "held_level_title" not in keep:
        keep["held_level_title"] = keep["held_level"]
    keep.pop("held_level", None)
    said = []
    for k, v in keep.items():
        if k not in _FACTS:  # a fact this command does not know yet: its key and value
            said.append(f"{k.replace('_', ' ')} {v}")
        elif _FACTS[k] is None:
            said.append(t(f"cli.fact.{k}", n=v))
        else:
            said.append(t(f"cli.fact.{k}", value=say(_FACTS[k] + str(v)) if _FACTS[k] else v))
    return ", ".join(said)


@process_app.command("status")
def status(institution: Annotated[str, typer.Argument(help="The institution's code.")]) -> None:
    """Where an institution stands in the programme's process, stage by stage.

    Example: seal process status VAL-MLSP
    """
    import seal_engine.store as st

    with st.open_store() as store:
        inst = st.get_institution(store, st.SYSTEM, institution)
        found = st.process_status(store, st.SYSTEM, inst.id)
    typer.echo(t("cli.stages_of", code=inst.code, name=inst.name,
                 standard=found.standard or say("cli.default_stages")))
    for s in found.stages:
        mark = say("stage_state." + ("done" if s.done else
                                     "not_required" if not s.required else "to_do"))
        facts = _facts(s.code, s.facts)
        stage = say(f"stage.{s.code}")
        typer.echo("  " + (t("cli.stage_facts", stage=stage, state=mark, facts=facts) if facts
                           else t("cli.stage", stage=stage, state=mark)))
    nxt = found.next_stage
    typer.echo(t("cli.next_stage", stage=say(f"stage.{nxt.code}")) if nxt else
               t("cli.no_next_stage"))


@process_app.command("commit")
def commit(
    institution: Annotated[str, typer.Argument(help="The institution's code.")],
    letter: Annotated[Path, typer.Option("--letter", help="The head's signed letter.")],
    committee: Annotated[Path, typer.Option("--committee",
                                            help="The committee's founding act.")],
    signed_on: Annotated[str, typer.Option("--signed-on",
                                           help="Day the letter was signed (YYYY-MM-DD).")],
) -> None:
    """Record an institution's commitment: the head's signed letter and the Gender Equality
    Committee's founding act.

    Example: seal process commit VAL-MOH --letter letter.pdf --committee act.pdf
    --signed-on 2026-03-10
    """
    import seal_engine.store as st

    day = _day(signed_on, "--signed-on")
    docs = _document(letter, "--letter"), _document(committee, "--committee")
    with st.open_store() as store:
        inst = st.get_institution(store, st.SYSTEM, institution)
        st.record_commitment(store, st.SYSTEM, inst.id, signed_on=day, letter=docs[0],
                             committee=docs[1])
    typer.echo(t("cli.recorded_commitment", code=inst.code, day=day))


@process_app.command("approve-plan")
def approve_plan(
    assessment: Annotated[str, typer.Argument(help="The baseline assessment's id (code).")],
    by: Annotated[str, typer.Option("--by", help="head or committee.")],
    on: Annotated[str, typer.Option("--on", help="Day of the approval (YYYY-MM-DD).")],
    document: Annotated[Path, typer.Option("--document",
                                           help="The minutes or signed decision.")],
) -> None:
    """Record that the head or the committee approved the action plan of a recorded
    baseline (or of a decided certification), with its document.

    Example: seal process approve-plan valdoria-ministry-of-health-2025 --by committee
    --on 2026-05-02 --document minutes.pdf
    """
    import seal_engine.store as st

    day = _day(on, "--on")
    doc = _document(document, "--document")
    with st.open_store() as store:
        found = st.find_assessment(store, st.SYSTEM, assessment)
        st.approve_action_plan(store, st.SYSTEM, found.id, approved_by=by, approved_on=day,
                               document=doc, expected_version=found.version)
    typer.echo(t("cli.recorded_plan_approval", code=found.code,
                 by=say(f"approver.{by}") if by in ("head", "committee") else by, day=day))

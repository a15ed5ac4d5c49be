"""``seal process``: the programme's stages before an application, on the database, as the
system administrator: where an institution stands, and recording its commitment and the
approval of its baseline's action plan from the documents (the same services the app's
Programme steps page calls, with the same checks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ._app import app, bad

process_app = typer.Typer(name="process", no_args_is_help=True, help=(
    "The programme's stages before an application: status, commitment, plan approval.\n\n"
    "Example: seal process status VAL-MLSP"))
app.add_typer(process_app)

_STAGES = {"commitment": "Commitment of the head and the committee",
           "baseline": "Baseline self-assessment", "plan_approval": "Action plan approved",
           "implementation": "Implementation of the plan",
           "application": "Application (external assessment)",
           "award": "Award decision and certificate"}


def _day(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None


def _document(path: Path, option: str) -> tuple[str, bytes]:
    if not path.is_file():
        raise bad(f"{option}: {str(path)!r} is not a file")
    return path.name, path.read_bytes()


def _facts(code: str, f: dict) -> str:
    keep = {k: v for k, v in f.items() if not k.endswith("_id") and v not in (None, "")}
    return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in keep.items())


@process_app.command("status")
def status(institution: Annotated[str, typer.Argument(help="The institution's code.")]) -> None:
    """Where an institution stands in the programme's process, stage by stage.

    Example: seal process status VAL-MLSP
    """
    import seal_engine.store as st

    with st.open_store() as store:
        inst = st.get_institution(store, st.SYSTEM, institution)
        found = st.process_status(store, st.SYSTEM, inst.id)
    typer.echo(f"{inst.code} {inst.name}: stages required by {found.standard or 'the default'}")
    for s in found.stages:
        mark = "done" if s.done else ("not required" if not s.required else "to do")
        facts = _facts(s.code, s.facts)
        typer.echo(f"  {_STAGES[s.code]}: {mark}" + (f" ({facts})" if facts else ""))
    nxt = found.next_stage
    typer.echo(f"next: {_STAGES[nxt.code]}" if nxt else "next: nothing before the award")


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
    typer.echo(f"recorded the commitment of {inst.code} (letter signed on {day.isoformat()})")


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
    typer.echo(f"recorded the approval of the plan of {found.code} by the {by} on "
               f"{day.isoformat()}")

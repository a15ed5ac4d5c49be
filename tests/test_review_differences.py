"""Why a reviewed status differs from the self-assessed one: a message code with its params
(``difference.*``) from the store, written in the reader's language on the Review page."""

from __future__ import annotations

import seal_engine.store as st
from seal_engine.messages import render_message, say

from .appkit import NSO25, actor, assessment, no_failure, open_app, store

WHY = "The staff file shows fewer women than the answer says."


def _override() -> str:
    """One benchmark of the demo's NSO assessment without a verdict, overridden: its id."""
    assessor, aid = actor("assessor"), assessment(NSO25).id
    status = st.review_status(store(), assessor, aid)
    target = next(v for v in status.benchmarks if v.open and v.computed_status == "met")
    st.review_benchmark(store(), assessor, aid, target.benchmark_id, "override", 0,
                        status="not_met", justification=WHY)
    return target.benchmark_id


def test_the_store_says_why_as_a_code_and_the_page_in_the_readers_language(app_db):
    bid = _override()
    comparison = st.compare_results(store(), actor("assessor"), assessment(NSO25).id)
    d = next(d for d in comparison.differences if d.benchmark_id == bid)
    assert d.why == say("difference.overridden", justification=WHY)
    assert d.reason == f"The assessor overrode the status: {WHY}"
    assert all(d.why.code.startswith("difference.") for d in comparison.differences)
    at = open_app("assessor", "review", a=NSO25)
    at.selectbox(key="_lang_picker").set_value("es").run()
    no_failure(at)
    table = at.table[0].value
    shown = [str(v) for v in table.iloc[:, -1]]
    spanish = render_message(d.why, lang="es")
    assert spanish in shown and spanish.startswith("La persona evaluadora modificó el estado")
    assert not any("The assessor" in v for v in shown)

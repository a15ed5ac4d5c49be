"""The results page's parity charts are made only while their section is open (opening it
reruns the page, as a benchmark's reasons do): the browser does not lay out three charts and
a table below the fold before the page is drawn, and they are all there once it is opened."""

from __future__ import annotations

from .appkit import ML25, NSO25, no_failure, open_app, texts

LABEL = "Women by grade and by location, the number needed for parity and the pay gap"


def _section(at):
    return [e for e in at.expander if str(e.label) == LABEL]


def test_the_charts_are_made_when_the_section_is_opened(app_db):
    at = open_app("focal_point", "results", a=ML25)
    no_failure(at)
    assert "Parity of the staff" in texts(at)
    [closed] = _section(at)
    assert not closed.children
    assert len(at.get("vega_lite_chart")) == 1  # the dimension scores only
    assert "Women by grade, from entry to top" not in texts(at)
    at.session_state["results:parity"] = True  # what opening it in the browser sets
    at.run()
    no_failure(at)
    [opened] = _section(at)
    assert opened.children
    shown = texts(at)
    for part in ("Women by grade, from entry to top", "Women by location",
                 "Number needed for parity", "Pay gap"):
        assert part in shown, part
    assert len(at.get("vega_lite_chart")) >= 3  # and the grade's, the location's (pay)
    assert at.table


def test_the_assessor_opens_the_same_section(app_db):
    at = open_app("assessor", "results", a=NSO25)
    no_failure(at)
    [closed] = _section(at)  # the demo's statistics office has its staff file
    assert not closed.children
    at.session_state["results:parity"] = True
    at.run()
    no_failure(at)
    assert "Women by grade, from entry to top" in texts(at)


def test_who_may_not_see_staff_figures_gets_no_section(app_db):
    at = open_app("analyst", "results", a="port-aurel-municipality-2025")
    no_failure(at)
    assert not _section(at)
    assert "Staff figures are shown only to the institution and its assessors" in texts(at)

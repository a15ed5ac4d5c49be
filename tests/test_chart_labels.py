"""Chart labels in the programme's languages: a dimension's title is often half as long again
in Spanish, French or Portuguese as in English; the dimension chart (the app's Results page and
the reports) shows it whole, on two lines, instead of cutting it off with an ellipsis."""

from __future__ import annotations

import re

import pytest

from seal_engine import load_standard
from seal_engine.reports.charts import chart_spec, svg

from .conftest import ROOT

pytest.importorskip("vl_convert", reason="the reports extra draws the charts")


def _label_lines(drawn: str) -> list[str]:
    """The texts of the y axis's labels (each line of a label is a tspan or its own text)."""
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", drawn)]


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_every_dimension_title_is_shown_whole(lang):
    std = load_standard(ROOT / "standards" / "undp-seal-public-institutions").translated(lang)
    titles = [d.title for d in std.dimensions]
    if lang == "es":  # at least one language puts the wrapping to the test
        assert max(map(len, titles)) > 46, "no title long enough to need two lines"
    spec = chart_spec("dimension", [(t, 70.0) for t in titles],
                      [(lv.id, lv.title, lv.min_score) for lv in std.levels_in_order()],
                      "benchmarks_met", lang=lang)
    drawn = svg(spec)
    shown = " ".join(_label_lines(drawn))
    assert "…" not in shown, shown
    for title in titles:
        assert all(word in shown for word in title.split()), title


def test_a_portfolio_chart_with_an_institution_of_no_level_is_json():
    """The level distribution and the ranking with an institution that reached no level (its
    level id missing, NaN in the page's table): the specification is JSON the browser can read
    (it showed 'Unexpected token N … is not valid JSON' instead of the charts)."""
    import json

    import pandas as pd

    from seal_engine.app import charts

    levels = pd.DataFrame([{"level": "Oro", "level_id": "gold", "count": 1, "order": 0},
                           {"level": "sin nivel", "level_id": None, "count": 2, "order": 1}])
    ranking = pd.DataFrame([{"institution": "A", "score": 82.1, "level": "Oro",
                             "level_id": "gold", "url": "/results?a=a"},
                            {"institution": "B", "score": 40.0, "level": "sin nivel",
                             "level_id": None, "url": "/results?a=b"}])
    for spec in (charts.distribution_chart(levels), charts.ranking_chart(ranking)):
        json.dumps(spec, allow_nan=False)

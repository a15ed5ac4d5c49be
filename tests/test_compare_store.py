"""The government view from the database (aggregated in SQL) equals the view from the files
it was imported from, and respects the store's roles."""

from __future__ import annotations

import pytest

import seal_engine as se

from .conftest import open_test_store

st = pytest.importorskip("seal_engine.store")

OPTIONS = [
    {},
    {"by": ["country", "scope"]},
    {"by": ["standard", "sector"], "basis": "self"},
    {"basis": "reviewed"},
    {"periods": ["2023", "2024"]},
    {"standard": "undp-seal-public-institutions@3", "by": ["region"]},
    {"standard": "public-service-adaptation-lpdr"},
]


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portfolio") / "p"
    se.generate_portfolio(folder, 14, seed=5, years=(2024, 2025))
    return folder


@pytest.fixture(scope="module")
def rows(portfolio):
    shapes: dict = {}
    got = [i.row for i in se.score_many([portfolio], workers=1, parity=True, shapes=shapes)]
    return got, shapes


@pytest.fixture(scope="module")
def _imported_db(portfolio, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "portfolio.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SEAL_PASSWORD_PROFILE", "CHEAPEST")
        with st.open_store(f"sqlite:///{path}") as store:
            st.import_assessments(store, st.SYSTEM, [portfolio])
    return path


@pytest.fixture
def store(_imported_db, tmp_path):
    import shutil

    shutil.copyfile(_imported_db, tmp_path / "seal.db")
    return open_test_store(f"sqlite:///{tmp_path / 'seal.db'}")


def _same(a: se.Comparison, b: se.Comparison) -> None:
    left, right = a.model_dump(exclude={"source"}), b.model_dump(exclude={"source"})
    for key in left:
        assert left[key] == right[key], key


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "default")
def test_the_database_gives_what_the_files_give(store, rows, options):
    got, shapes = rows
    expected = se.compare_portfolio(got, shapes, **options)
    stored = st.compare_stored(store, st.SYSTEM, **options)
    _same(stored, expected)
    assert stored.source == "the app's database (SQLite, seal.db)"  # no server path
    assert expected.institutions > 0


def test_reviewed_results_are_preferred_and_said(demo_store):
    """The demo's certified assessments have a reviewed result: it is shown, and said."""
    reviewed = {r.assessment_code for r in st.portfolio_results(demo_store, st.SYSTEM,
                                                                kind="reviewed")}
    assert reviewed
    c = st.compare_stored(demo_store, st.SYSTEM)
    shown = {r.assessment: r.kind for r in c.ranking}
    for code in reviewed & set(shown):
        assert shown[code] == "reviewed"
    assert c.reviewed == sum(1 for k in shown.values() if k == "reviewed") > 0
    assert c.self_assessed and c.basis_note.startswith("Mixed")
    text = se.render_comparison(c, "table")
    assert "Results shown: Mixed" in text
    self_only = st.compare_stored(demo_store, st.SYSTEM, basis="self")
    assert {r.kind for r in self_only.ranking} == {"self"}
    assert self_only.left_out.get("reviewed results (basis self)", 0) >= len(reviewed)
    only = st.compare_stored(demo_store, st.SYSTEM, basis="reviewed")
    assert {r.assessment for r in only.ranking} <= reviewed


def _user(store, email, role, **scope):
    u = st.create_user(store, st.SYSTEM, email=email, display_name=email.split("@")[0],
                       password="a long password for tests")
    st.grant_role(store, st.SYSTEM, u.id, role, **scope)
    return st.authenticate(store, email, "a long password for tests")


def test_an_analyst_sees_their_country_only(store, rows):
    got, shapes = rows
    country = "Republic of Valdoria"
    analyst = _user(store, "ana@example.org", "analyst", country=country)
    mine = st.compare_stored(store, analyst, by=["country"])
    expected = se.compare_portfolio([r for r in got if r.country == country], shapes,
                                    by=["country"])
    _same(mine, expected)
    assert {r.country for r in mine.ranking} == {country}
    assert mine.parity is not None  # the published form: counts with small groups suppressed
    other = _user(store, "olaf@example.org", "analyst", country="Republic of Atlantis")
    nothing = st.compare_stored(store, other)
    assert nothing.institutions == 0 and nothing.ranking == [] and nothing.parity is None
    assert nothing.benchmarks == [] and nothing.changes == [] and nothing.left_out == {}


def test_a_focal_point_sees_their_institution_only(store):
    inst = st.list_institutions(store, st.SYSTEM)[0]
    focal = _user(store, "fo@example.org", "focal_point", institution_id=inst.id)
    c = st.compare_stored(store, focal)
    assert {r.institution for r in c.ranking} == {inst.code}


def test_a_deactivated_user_sees_nothing(store):
    analyst = _user(store, "gone@example.org", "analyst", country="Republic of Valdoria")
    st.set_user_active(store, st.SYSTEM, analyst.user_id, False)
    with pytest.raises(st.PermissionDeniedError):
        st.compare_stored(store, analyst)


@pytest.mark.postgres
def test_postgresql_gives_what_sqlite_gives(pg_url, portfolio, rows):
    got, shapes = rows
    store = open_test_store(pg_url)
    st.import_assessments(store, st.SYSTEM, [portfolio])
    for options in OPTIONS:
        _same(st.compare_stored(store, st.SYSTEM, **options),
              se.compare_portfolio(got, shapes, **options))


@pytest.mark.parametrize("field, value", [("scope", "subnational"), ("scope", "national"),
                                          ("sector", "health")])
def test_filtered_by_scope_or_sector_the_database_gives_what_those_files_give(
        store, rows, field, value):
    """The app's filters: only the institutions of one scope or sector are compared, and the
    others are counted as left out."""
    got, shapes = rows
    kept = [r for r in got if getattr(r, field) == value]
    if not kept:
        pytest.skip(f"the generated portfolio has no {field} {value!r}")
    expected = se.compare_portfolio(kept, shapes)
    stored = st.compare_stored(store, st.SYSTEM, **{field: value})
    left, right = (c.model_dump(exclude={"source", "left_out", "assessments"})
                   for c in (stored, expected))
    for key in left:
        assert left[key] == right[key], key
    assert {r.scope if field == "scope" else r.sector for r in stored.ranking} == {value}
    assert stored.left_out.get(f"other {field}s", 0) > 0


def test_an_unknown_scope_is_refused(store):
    with pytest.raises(se.SealError, match="national"):
        st.compare_stored(store, st.SYSTEM, scope="planetary")

from __future__ import annotations

from pathlib import Path

import pytest

import seal_engine

ROOT = Path(__file__).resolve().parent.parent
STARTER = ROOT / "standards" / "seal-starter.yaml"
STARTER_EXAMPLE = ROOT / "assessments" / "starter" / "riverton-water-agency-2025.yaml"
RIVERTON = STARTER_EXAMPLE
PLANS = ROOT / "tests" / "fixtures" / "plans"
PATH_STD = PLANS / "path.yaml"
AGENCY = PLANS / "agency.yaml"


@pytest.fixture(scope="session")
def sample_standard() -> seal_engine.Standard:
    return seal_engine.load_standard(STARTER)


@pytest.fixture
def write(tmp_path):
    """Write a text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # content tests read whole lines; width has its own
    for name in ("SEAL_STANDARDS_PATH", "SEAL_MAX_FILE_BYTES", "SEAL_MAX_DATA_BYTES",
                 "SEAL_MAX_DATA_ROWS", "SEAL_MAX_YAML_NODES",
                 "SEAL_WORKFORCE_PATH"):
        monkeypatch.delenv(name, raising=False)

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
PLAN_ZH = SEEDS / "tianjin-ai-action-plan-2025-2027.zh.txt"
PLAN_EN = SEEDS / "tianjin-ai-action-plan-2025-2027.en.txt"
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A fresh database file; $TM_DB points the CLI at it."""
    path = tmp_path / "test.db"
    monkeypatch.setenv("TM_DB", str(path))
    return path


@pytest.fixture
def runner():
    return CliRunner()


def need(condition: bool, why: str):
    """Skip locally when a tool is missing, but fail in CI, where .ci/run installs it."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI must provide: {why}")
        pytest.skip(why)

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from careervp_desktop.storage.database import open_engine
from careervp_desktop.storage.library import Library


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = open_engine(None)
    yield engine
    engine.dispose()


@pytest.fixture
def library(engine: Engine) -> Library:
    return Library(engine)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "careervp.db"

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from careervp_desktop.domain.models import Application, ApplicationStatus
from careervp_desktop.ui.models import ApplicationListModel, format_updated

pytestmark = pytest.mark.gui


def _app(app_id: int, title: str, company: str, days_ago: int, status=ApplicationStatus.DRAFT) -> Application:
    return Application(
        id=app_id,
        title=title,
        company=company,
        status=status,
        updated_at=datetime.now(UTC) - timedelta(days=days_ago),
    )


def test_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = ApplicationListModel()
    model.set_applications([_app(1, "Engineer", "Acme", 3), _app(2, "Lead", "Fjordhaven", 0)])
    qtmodeltester.check(model, force_py=True)
    model.upsert(_app(3, "Analyst", "Kassa", 1, ApplicationStatus.GENERATED))
    model.upsert(_app(1, "Engineer", "Acme", 0, ApplicationStatus.GENERATED))
    model.set_applications([])
    qtmodeltester.check(model, force_py=True)


def test_rows_are_newest_first_and_show_name_status_date() -> None:
    model = ApplicationListModel()
    model.set_applications([_app(1, "Engineer", "Acme", 3), _app(2, "Lead", "Fjordhaven", 0)])
    assert model.rowCount() == 2
    first = model.index(0, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "Lead — Fjordhaven"
    assert first.data(ApplicationListModel.Role.ID) == 2
    assert first.data(ApplicationListModel.Role.STATUS_LABEL) == "Draft"
    assert first.data(ApplicationListModel.Role.UPDATED).startswith("Today")
    assert "Draft" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert model.row_of(1) == 1
    assert model.row_of(99) is None


def test_upsert_replaces_and_moves_to_top() -> None:
    model = ApplicationListModel()
    model.set_applications([_app(1, "Engineer", "Acme", 3), _app(2, "Lead", "Fjordhaven", 1)])
    row = model.upsert(_app(1, "Engineer", "Acme", 0, ApplicationStatus.GENERATED))
    assert row == 0
    assert model.rowCount() == 2
    assert model.application_at(0).status == ApplicationStatus.GENERATED
    assert model.upsert(_app(5, "", "", 10)) == 2
    assert model.index(2, 0).data() == "Untitled application"


def test_format_updated() -> None:
    now = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
    assert format_updated(now, now=now).startswith("Today")
    assert format_updated(now - timedelta(days=1), now=now) == "Yesterday"
    assert format_updated(datetime(2025, 3, 3, 12, tzinfo=UTC), now=now) == "3 Mar"
    assert format_updated(datetime(2023, 3, 3, 12, tzinfo=UTC), now=now) == "3 Mar 2023"


def test_the_model_says_when_the_status_counts_may_have_changed() -> None:
    model = ApplicationListModel()
    said: list[str] = []
    model.sig_statuses_changed.connect(lambda: said.append("changed"))
    model.set_applications([_app(1, "Dev", "Acme", 3)], has_more=True)
    model.append([_app(2, "Ops", "Globex", 5)], has_more=False)
    assert said == []  # pages from the library bring their own counts
    model.upsert(_app(3, "QA", "Initech", 0))
    assert said == ["changed"]  # a new application
    model.upsert(_app(3, "QA lead", "Initech", 0))
    assert said == ["changed"]  # same status
    model.upsert(_app(3, "QA lead", "Initech", 0, ApplicationStatus.SENT))
    model.remove(2)
    model.remove(99)
    assert said == ["changed"] * 3

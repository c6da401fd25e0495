"""Settings ▸ Claude: the API key (set, replace, remove, test), which model writes each task, the monthly budget
and the price list. The key goes to the OS keychain through `keychain.ApiKeyStore` at once (never to the library);
everything else is returned by `changes()` for the window to write on the database lane when the user presses Save.

The dialog is made once per window and kept (hidden between uses), so the background "Test connection" can report
back to it safely even when the user closed it meanwhile."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careervp_desktop.generation.claude.models_catalog import ModelCatalog, Task, deprecation_warning
from careervp_desktop.generation.claude.service import (
    SETTING_BUDGET,
    SETTING_PRICES,
    SETTING_ROUTING,
    ClaudeService,
    ConnectionResult,
)
from careervp_desktop.keychain import ApiKeyStore, KeySource
from careervp_desktop.ui.background import BackgroundRunner, Lane, TaskContext
from careervp_desktop.ui.i18n import tr
from careervp_desktop.ui.style import set_tone

TASK_ORDER = (
    Task.GAP_QUESTIONS,
    Task.VPR,
    Task.TAILORED_CV,
    Task.COVER_LETTER,
    Task.INTERVIEW_PREP,
    Task.PARSING,
    Task.QUALITY,
)
PRICE_FIELDS = ("input", "output", "cache_write", "cache_read")


def price_headers() -> tuple[str, ...]:
    return (tr("Model"), tr("Input"), tr("Output"), tr("Cache write"), tr("Cache read"))


def task_label(task: Task) -> str:
    """What a Claude task is called in the model routing form, in the UI language."""
    return {
        Task.GAP_QUESTIONS: tr("Gap questions"),
        Task.VPR: tr("Value proposition"),
        Task.TAILORED_CV: tr("Tailored CV"),
        Task.COVER_LETTER: tr("Cover letter"),
        Task.INTERVIEW_PREP: tr("Interview prep"),
        Task.PARSING: tr("CV parsing"),
        Task.QUALITY: tr("Quality check"),
    }.get(task, task.label)


def _test_connection_work(service: ClaudeService, ctx: TaskContext) -> ConnectionResult:
    return service.test_connection()


def _money(value: float) -> str:
    return f"${value:,.2f}" if value >= 0.01 or value == 0 else f"${value:.4f}"


class ClaudeSettingsDialog(QDialog):
    """Signals: `sig_key_changed()` after the key was saved or removed (the window refreshes its status bar)."""

    sig_key_changed = Signal()

    def __init__(
        self, service: ClaudeService, store: ApiKeyStore, runner: BackgroundRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings — Claude"))
        self.setObjectName("claudeSettings")
        self.setMinimumWidth(640)
        self._service = service
        self._store = store
        self._runner = runner
        self._catalog: ModelCatalog = service.catalog()
        self._shown_prices: dict[str, dict[str, float]] = {}
        self._testing = False
        self._offline_only = False  # Settings ▸ General: nothing is sent, so there is no connection to test

        layout = QVBoxLayout(self)
        layout.addWidget(self._key_group())
        layout.addWidget(self._models_group())
        layout.addWidget(self._money_group())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh()

    # ------------------------------------------------------------------------------------------- building
    def _key_group(self) -> QGroupBox:
        box = QGroupBox(tr("Anthropic API key"))
        lay = QVBoxLayout(box)
        self.offline_note = QLabel(
            tr(
                "Offline-only mode is on (Settings ▸ General): nothing is sent to Anthropic, not even a connection "
                "test. You can still save or remove the key; Claude writes once offline-only mode is off."
            )
        )
        self.offline_note.setObjectName("offlineOnlyNote")
        self.offline_note.setWordWrap(True)
        set_tone(self.offline_note, "notice")
        self.offline_note.setVisible(False)
        lay.addWidget(self.offline_note)
        self.key_status = QLabel()
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)
        lay.addWidget(self.key_status)
        row = QHBoxLayout()
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(tr("Paste a key from console.anthropic.com (sk-ant-…)"))
        self.key_edit.returnPressed.connect(self._on_save_key)
        self.save_key_button = QPushButton(tr("Save key"))
        self.save_key_button.clicked.connect(self._on_save_key)
        self.remove_key_button = QPushButton(tr("Remove key"))
        self.remove_key_button.clicked.connect(self._on_remove_key)
        row.addWidget(self.key_edit, 1)
        row.addWidget(self.save_key_button)
        row.addWidget(self.remove_key_button)
        lay.addLayout(row)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(tr("Test connection"))
        self.test_button.setToolTip(tr("Asks Anthropic for its list of models: no tokens are spent."))
        self.test_button.clicked.connect(self._on_test)
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        lay.addLayout(test_row)
        note = QLabel(
            tr(
                "The key is kept in your system's keychain (or, if ANTHROPIC_API_KEY is set, taken from "
                "there), never in CareerVP's files. Your name, email, phone and links are replaced by "
                "placeholders before anything is sent."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        lay.addWidget(note)
        return box

    def _models_group(self) -> QGroupBox:
        box = QGroupBox(tr("Which model writes what"))
        lay = QVBoxLayout(box)
        form = QFormLayout()
        self.model_combos: dict[Task, QComboBox] = {}
        for task in TASK_ORDER:
            combo = QComboBox()
            combo.setObjectName(f"model_{task.value}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._show_deprecations)
            self.model_combos[task] = combo
            form.addRow(task_label(task), combo)
        lay.addLayout(form)
        self.deprecation_label = QLabel()
        self.deprecation_label.setObjectName("deprecations")
        self.deprecation_label.setWordWrap(True)
        set_tone(self.deprecation_label, "notice")
        lay.addWidget(self.deprecation_label)
        return box

    def _money_group(self) -> QGroupBox:
        box = QGroupBox(tr("Cost"))
        lay = QVBoxLayout(box)
        form = QFormLayout()
        self.budget_spin = QDoubleSpinBox()
        self.budget_spin.setObjectName("budget")
        self.budget_spin.setRange(0.0, 100_000.0)
        self.budget_spin.setDecimals(2)
        self.budget_spin.setSingleStep(1.0)
        self.budget_spin.setPrefix("$ ")
        self.budget_spin.setSpecialValueText(tr("No cap"))
        self.budget_spin.setToolTip(
            tr(
                "A call that would take this month's spending over the cap is not sent: that document is "
                "drafted offline instead, and says so."
            )
        )
        form.addRow(tr("Monthly budget"), self.budget_spin)
        self.spend_label = QLabel()
        self.spend_label.setObjectName("spend")
        form.addRow(tr("This month"), self.spend_label)
        lay.addLayout(form)
        self.prices_label = QLabel()
        self.prices_label.setWordWrap(True)
        lay.addWidget(self.prices_label)
        self.price_table = QTableWidget(0, len(price_headers()))
        self.price_table.setObjectName("prices")
        self.price_table.setHorizontalHeaderLabels(list(price_headers()))
        self.price_table.verticalHeader().setVisible(False)
        self.price_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.price_table.setMinimumHeight(150)
        lay.addWidget(self.price_table)
        return box

    # ------------------------------------------------------------------------------------------- state
    def set_offline_only(self, offline_only: bool) -> None:
        """Offline-only mode (Settings ▸ General) on or off: the key can still be saved and removed, but the
        connection test is not offered (it would send the key to Anthropic), and the dialog says why."""
        self._offline_only = offline_only
        self.offline_note.setVisible(offline_only)
        self.test_button.setToolTip(
            tr("Offline-only mode is on (Settings ▸ General): nothing is sent to Anthropic.")
            if offline_only
            else tr("Asks Anthropic for its list of models: no tokens are spent.")
        )
        self._show_key_status()

    def refresh(self) -> None:
        """Show what is stored now (call before showing the dialog again)."""
        self._catalog = self._service.catalog()
        self._show_key_status()
        overrides = self._service.routing_overrides()
        for task, combo in self.model_combos.items():
            self._fill_models(task, combo, overrides.get(task.value))
        self._show_deprecations()
        budget = self._service.monthly_budget()
        self.budget_spin.setValue(budget or 0.0)
        month = self._service.usage(this_month=True)
        self.spend_label.setText(
            tr("{money} spent (1 call)").format(money=_money(month.cost_usd))
            if month.calls == 1
            else tr("{money} spent ({n} calls)").format(money=_money(month.cost_usd), n=month.calls)
        )
        self.prices_label.setText(
            tr(
                "List prices in USD per million tokens, as of {date}. If Anthropic changes them, edit the numbers: "
                "costs and the budget use what is written here."
            ).format(date=self._catalog.as_of)
        )
        self._fill_prices()

    def _show_key_status(self) -> None:
        status = self._store.status()
        text = status.message
        if status.masked:
            text = tr("{status} Key: {masked}").format(status=text, masked=status.masked)
        if self._service.api_key():
            breaker = self._service.breaker.status_text()
            if breaker:
                text = f"{text}\n{breaker}."
        self.key_status.setText(text)
        self.remove_key_button.setEnabled(status.source in (KeySource.KEYCHAIN, KeySource.SESSION))
        self.test_button.setEnabled(status.has_key and not self._testing and not self._offline_only)

    def _fill_models(self, task: Task, combo: QComboBox, chosen: object) -> None:
        combo.blockSignals(True)
        combo.clear()
        default = self._catalog.routing[task]
        combo.addItem(tr("Default — {model}").format(model=self._catalog.info(default).name), "")
        for info in self._catalog.choices():
            label = f"{info.name} ({info.id})" if info.name != info.id else info.id
            if info.end_of_life:
                label += " — " + tr("retires {date}").format(date=info.end_of_life)
            combo.addItem(label, info.id)
        if isinstance(chosen, str) and chosen:
            index = combo.findData(chosen)
            if index < 0:
                combo.addItem(tr("{model} (not in the current list)").format(model=chosen), chosen)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentIndex(0)
        combo.blockSignals(False)

    def _fill_prices(self) -> None:
        ids = list(dict.fromkeys([*self._catalog.routing.values(), *(m.id for m in self._catalog.choices())]))
        self.price_table.setRowCount(len(ids))
        self._shown_prices = {}
        for row, model_id in enumerate(ids):
            price = self._catalog.price(model_id).as_dict()
            self._shown_prices[model_id] = price
            name = QTableWidgetItem(model_id)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.price_table.setItem(row, 0, name)
            for col, field in enumerate(PRICE_FIELDS, start=1):
                item = QTableWidgetItem(f"{price[field]:g}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.price_table.setItem(row, col, item)
        self.price_table.resizeColumnsToContents()

    def chosen_model(self, task: Task) -> str:
        data = self.model_combos[task].currentData()
        return str(data) if data else self._catalog.routing[task]

    @Slot()
    def _show_deprecations(self) -> None:
        lines = []
        for model in dict.fromkeys(self.chosen_model(t) for t in TASK_ORDER):
            warning = deprecation_warning(model, self._catalog)
            if warning:
                lines.append(warning)
        self.deprecation_label.setText("\n".join(lines))
        self.deprecation_label.setVisible(bool(lines))

    # ------------------------------------------------------------------------------------------- results
    def price_changes(self) -> tuple[dict[str, dict[str, float]], list[str]]:
        """Edited prices ({model: {field: value}}) and one line per cell that is not a number ≥ 0."""
        changed: dict[str, dict[str, float]] = {}
        problems: list[str] = []
        for row in range(self.price_table.rowCount()):
            model_item = self.price_table.item(row, 0)
            if model_item is None:
                continue
            model_id = model_item.text()
            shown = self._shown_prices.get(model_id, {})
            values: dict[str, float] = {}
            for col, field in enumerate(PRICE_FIELDS, start=1):
                item = self.price_table.item(row, col)
                raw = (item.text() if item is not None else "").strip().lstrip("$").replace(",", ".")
                try:
                    value = float(raw)
                except ValueError:
                    value = -1.0
                if not value >= 0 or value > 10_000:
                    problems.append(
                        tr("{model}: “{text}” is not a price (dollars per million tokens, e.g. 3.00)").format(
                            model=model_id, text=raw
                        )
                    )
                    continue
                values[field] = value
            if values and any(abs(values[f] - shown.get(f, -1.0)) > 1e-12 for f in values):
                changed[model_id] = {**shown, **values}
        return changed, problems

    def changes(self) -> dict[str, Any]:
        """The settings to store: {setting key: JSON value} (routing, budget and, when edited, prices)."""
        routing = {t.value: str(self.model_combos[t].currentData()) for t in TASK_ORDER}
        out: dict[str, Any] = {
            SETTING_ROUTING: {k: v for k, v in routing.items() if v},
            SETTING_BUDGET: round(self.budget_spin.value(), 2),
        }
        prices, _problems = self.price_changes()
        if prices:
            source = self._service.settings
            stored = source.get_setting(SETTING_PRICES) if source is not None else None
            merged = dict(stored) if isinstance(stored, dict) else {}
            merged.update(prices)
            out[SETTING_PRICES] = merged
        return out

    def accept(self) -> None:
        _prices, problems = self.price_changes()
        if problems:
            self.prices_label.setText(tr("Not saved — {problems}").format(problems="; ".join(problems[:3])))
            set_tone(self.prices_label, "error")
            return
        set_tone(self.prices_label, "")
        super().accept()

    # ------------------------------------------------------------------------------------------- key
    @Slot()
    def _on_save_key(self) -> None:
        text = self.key_edit.text()
        try:
            self._store.set(text)
        except ValueError as exc:
            self.test_result.setText(str(exc))
            set_tone(self.test_result, "error")
            return
        self.key_edit.clear()
        self._service.key_changed()
        self.test_result.setText(
            tr("Key saved. Claude uses it once offline-only mode is off (Settings ▸ General).")
            if self._offline_only
            else tr("Key saved. Press Test connection to check it.")
        )
        set_tone(self.test_result, "")
        self._show_key_status()
        self.sig_key_changed.emit()

    @Slot()
    def _on_remove_key(self) -> None:
        self._store.remove()
        self._service.key_changed()
        self.test_result.setText(tr("Key removed: documents are drafted offline until you set one again."))
        set_tone(self.test_result, "")
        self._show_key_status()
        self.sig_key_changed.emit()

    @Slot()
    def _on_test(self) -> None:
        if self._testing or self._offline_only:
            return
        self._testing = True
        self.test_button.setEnabled(False)
        set_tone(self.test_result, "")
        self.test_result.setText(tr("Connecting…"))
        self._runner.run(
            "test-connection",
            partial(_test_connection_work, self._service),
            lane=Lane.COMPUTE,
            on_success=self._on_tested,
            on_failure=self._on_test_failed,
        )

    @Slot(object)
    def _on_tested(self, result: ConnectionResult) -> None:
        self._testing = False
        self.test_result.setText(result.message)
        set_tone(self.test_result, "success" if result.ok else "error")
        if result.ok:  # the model list was refreshed: offer it, keeping what the user picked
            picked = {t: self.model_combos[t].currentData() for t in TASK_ORDER}
            self._catalog = self._service.catalog()
            for task, combo in self.model_combos.items():
                self._fill_models(task, combo, picked[task])
            self._show_deprecations()
        self._show_key_status()
        self.sig_key_changed.emit()  # the breaker was reset by a good test: the status bar may change

    @Slot(object)
    def _on_test_failed(self, exc: BaseException) -> None:
        self._testing = False
        self.test_result.setText(
            tr("The test could not run ({error}); details are in the log.").format(error=type(exc).__name__)
        )
        set_tone(self.test_result, "error")
        self._show_key_status()

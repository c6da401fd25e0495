"""`ClaudeService`: one per open library — the key, the model catalog, the breaker, the storage ports, the SDK
client — and what the GUI's settings dialog and status bar need. Keep one for the app's lifetime (so the
breaker's state outlives a generation) and make providers from it: `service.provider(application_id, ...)`.

For the status bar: `status_text()` ("Claude unavailable — retry in 42 s", "No API key: …", "" when all is well)
and `add_breaker_listener(fn)` (called with a `BreakerChange` on the thread that caused it: re-emit it as a Qt
signal). For the settings dialog: `test_connection()`, `refresh_models()`, `model_choices()`, `model_for(task)`,
`deprecation_warnings()`, `monthly_budget()`, `month_spend()`, `usage(application_id)`, `catalog().as_of`.
The key itself is set and removed through `keychain.ApiKeyStore`; call `key_changed()` afterwards (it drops the
SDK client made with the old key and closes the breaker).

Settings it reads (plain values in the library's settings table, never secrets):
`claude.routing` {task: model id}, `claude.monthly_budget_usd` number (≤ 0 or absent: no cap),
`claude.prices` {model id: {input, output, cache_write, cache_read}}, `claude.models` [[id, name], …] (the list
GET /v1/models returned last, written by `refresh_models`).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from careervp_desktop.domain.records import UsageTotals
from careervp_desktop.generation.claude.breaker import BreakerListener, BreakerState, CircuitBreaker
from careervp_desktop.generation.claude.client import ClaudeClient
from careervp_desktop.generation.claude.cost import month_start
from careervp_desktop.generation.claude.errors import ClaudeCallError, NoApiKeyError
from careervp_desktop.generation.claude.models_catalog import (
    ModelCatalog,
    ModelInfo,
    Task,
    deprecation_warning,
    load_catalog,
    sdk_deprecations,
)
from careervp_desktop.generation.claude.ports import JSONValue, ResponseCache, SettingsSource, UsageLedger
from careervp_desktop.generation.claude.retry import RetryPolicy, Sleep, default_sleep

if TYPE_CHECKING:
    from careervp_desktop.generation.claude.provider import AnthropicProvider

SETTING_ROUTING = "claude.routing"
SETTING_BUDGET = "claude.monthly_budget_usd"
SETTING_PRICES = "claude.prices"
SETTING_MODELS = "claude.models"

READ_TIMEOUTS: dict[Task, float] = {  # seconds; streaming applies them between chunks
    Task.GAP_QUESTIONS: 60.0,
    Task.VPR: 120.0,
    Task.TAILORED_CV: 120.0,
    Task.COVER_LETTER: 90.0,
    Task.INTERVIEW_PREP: 120.0,
    Task.PARSING: 120.0,
    Task.QUALITY: 60.0,
}


@dataclass(frozen=True)
class ConnectionResult:
    ok: bool
    message: str  # one line for the settings dialog
    models: tuple[str, ...] = ()


@dataclass
class ServiceOptions:
    """Knobs tests and the benchmark turn; the app uses the defaults."""

    base_url: str | None = None  # None: ANTHROPIC_BASE_URL, else the public API
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Sleep = default_sleep
    rng: random.Random | None = None
    read_timeouts: Mapping[Task, float] = field(default_factory=lambda: dict(READ_TIMEOUTS))
    stream: bool = True  # stream replies (progress, cancel between chunks)
    count_tokens_online: bool = True  # estimates ask the count_tokens endpoint when a key is set
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


class ClaudeService:
    def __init__(
        self,
        *,
        api_key: Callable[[], str | None],
        cache: ResponseCache | None = None,
        ledger: UsageLedger | None = None,
        settings: SettingsSource | None = None,
        breaker: CircuitBreaker | None = None,
        catalog: ModelCatalog | None = None,
        options: ServiceOptions | None = None,
    ) -> None:
        self._api_key = api_key
        self.cache = cache
        self.ledger = ledger
        self.settings = settings
        self.breaker = breaker or CircuitBreaker("Claude")
        self._base_catalog = catalog or load_catalog()
        self.options = options or ServiceOptions()
        self._client: ClaudeClient | None = None
        self._client_key: str | None = None
        self._listed: list[tuple[str, str]] | None = None  # GET /v1/models, this session
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------------------------- key & client
    def api_key(self) -> str | None:
        return self._api_key()

    def client(self) -> ClaudeClient:
        """The SDK client for the current key (made on first use; remade when the key changed)."""
        key = self.api_key()
        if not key:
            raise NoApiKeyError()
        with self._lock:
            if self._client is None or self._client_key != key:
                if self._client is not None:
                    self._client.close()
                deprecated = frozenset(sdk_deprecations())
                self._client = ClaudeClient(key, base_url=self.options.base_url, deprecated=deprecated)
                self._client_key = key
            return self._client

    def key_changed(self) -> None:
        """Call after the key was set, replaced or removed: forget the old client, close the breaker."""
        with self._lock:
            if self._client is not None:
                self._client.close()
            self._client = None
            self._client_key = None
        self.breaker.reset()

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
            self._client = None

    def provider(self, application_id: int | None = None, **options: Any) -> AnthropicProvider:
        """An `AnthropicProvider` on this service (options: regenerate, fallback, on_event, is_cancelled)."""
        from careervp_desktop.generation.claude.provider import AnthropicProvider

        return AnthropicProvider(self, application_id=application_id, **options)

    # ------------------------------------------------------------------------------------------- status
    def add_breaker_listener(self, listener: BreakerListener) -> None:
        self.breaker.add_listener(listener)

    def remove_breaker_listener(self, listener: BreakerListener) -> None:
        self.breaker.remove_listener(listener)

    @property
    def available(self) -> bool:
        """A key is set and the breaker lets calls through."""
        return bool(self.api_key()) and self.breaker.state is not BreakerState.OPEN

    def status_text(self) -> str:
        if not self.api_key():
            return "No API key: Claude is off; drafts are written offline"
        return self.breaker.status_text()

    def test_connection(self) -> ConnectionResult:
        """Ask GET /v1/models with the current key (no tokens spent); refreshes the model list on success."""
        try:
            models = self.refresh_models()
        except NoApiKeyError as exc:
            return ConnectionResult(False, exc.message)
        except ClaudeCallError as exc:
            return ConnectionResult(False, exc.message)
        self.breaker.reset()
        return ConnectionResult(True, f"Connected: {len(models)} models available.", tuple(models))

    # ------------------------------------------------------------------------------------------- models
    def refresh_models(self) -> list[str]:
        """GET /v1/models; remembered in settings (`claude.models`) when the settings can be written."""
        listed = self.client().list_models()
        setter = getattr(self.settings, "set_setting", None)
        if callable(setter):
            setter(SETTING_MODELS, [[i, n] for i, n in listed])
        self._listed = listed
        return [i for i, _ in listed]

    def catalog(self) -> ModelCatalog:
        """The bundled catalog with the user's price overrides and the last model list from the API."""
        catalog = self._base_catalog.with_prices(_mapping(self._setting(SETTING_PRICES)))
        listed = self._listed
        if listed is None:
            raw = self._setting(SETTING_MODELS)
            if isinstance(raw, list):
                listed = [(str(x[0]), str(x[1])) for x in raw if isinstance(x, list) and len(x) == 2]
        return catalog.with_listed(listed) if listed else catalog

    def model_choices(self) -> list[ModelInfo]:
        return self.catalog().choices()

    def routing_overrides(self) -> dict[str, object]:
        return dict(_mapping(self._setting(SETTING_ROUTING)))

    def model_for(self, task: Task) -> str:
        return self.catalog().model_for(task, self.routing_overrides())

    def deprecation_warnings(self) -> list[str]:
        """One line per chosen model that is deprecated (the settings dialog and the CLI show them)."""
        catalog = self.catalog()
        table = sdk_deprecations()
        out: list[str] = []
        for model in dict.fromkeys(self.model_for(t) for t in Task):
            warning = deprecation_warning(model, catalog, sdk_table=table)
            if warning:
                out.append(warning)
        return out

    # ------------------------------------------------------------------------------------------- money
    def monthly_budget(self) -> float | None:
        value = self._setting(SETTING_BUDGET)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return float(value)
        return None

    def month_spend(self) -> float:
        if self.ledger is None:
            return 0.0
        return self.ledger.usage_totals(since=month_start(self.options.now())).cost_usd

    def usage(self, application_id: int | None = None, *, this_month: bool = False) -> UsageTotals:
        if self.ledger is None:
            return UsageTotals()
        since = month_start(self.options.now()) if this_month else None
        return self.ledger.usage_totals(application_id, since=since)

    # ------------------------------------------------------------------------------------------- internals
    def _setting(self, key: str) -> JSONValue:
        if self.settings is None:
            return None
        try:
            return self.settings.get_setting(key)
        except Exception:  # a settings read must never stop a generation
            return None


def _mapping(value: JSONValue) -> Mapping[str, object]:
    return value if isinstance(value, dict) else {}

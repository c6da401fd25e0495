"""What the Claude client needs from storage, as small protocols (generation may not import storage).

`storage.library.Library` satisfies all three as it is; `workflow.select_provider` passes it in. The in-memory
versions here serve tests, the benchmark, and a provider used without a library.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Protocol, TypeAlias

from careervp_desktop.domain.records import UsageRecord, UsageTotals

JSONValue: TypeAlias = bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"] | None


class ResponseCache(Protocol):
    """The content cache: a validated reply per request hash (SHA-256 hex)."""

    def cache_get(self, key_hash: str) -> JSONValue: ...

    def cache_put(self, key_hash: str, *, model: str, response: JSONValue) -> None: ...


class UsageLedger(Protocol):
    """One row per call (tokens and dollars, never text); totals per application and since a time."""

    def record_usage(self, record: UsageRecord) -> UsageRecord: ...

    def usage_totals(self, application_id: int | None = None, *, since: datetime | None = None) -> UsageTotals: ...


class SettingsSource(Protocol):
    def get_setting(self, key: str, default: JSONValue = None) -> JSONValue: ...


class MemoryCache:
    def __init__(self) -> None:
        self.items: dict[str, JSONValue] = {}
        self.hits = 0

    def cache_get(self, key_hash: str) -> JSONValue:
        value = self.items.get(key_hash)
        if value is not None:
            self.hits += 1
        return value

    def cache_put(self, key_hash: str, *, model: str, response: JSONValue) -> None:
        self.items[key_hash] = response


class MemoryLedger:
    def __init__(self) -> None:
        self.records: list[UsageRecord] = []
        self._lock = threading.Lock()

    def record_usage(self, record: UsageRecord) -> UsageRecord:
        with self._lock:
            self.records.append(record)
        return record

    def usage_totals(self, application_id: int | None = None, *, since: datetime | None = None) -> UsageTotals:
        with self._lock:
            rows = [
                r
                for r in self.records
                if (application_id is None or r.application_id == application_id)
                and (since is None or r.created_at >= since)
            ]
        return UsageTotals(
            calls=len(rows),
            input_tokens=sum(r.input_tokens for r in rows),
            output_tokens=sum(r.output_tokens for r in rows),
            cache_read_tokens=sum(r.cache_read_tokens for r in rows),
            cache_write_tokens=sum(r.cache_write_tokens for r in rows),
            cost_usd=sum(r.cost_usd for r in rows),
        )


class MemorySettings:
    def __init__(self, values: dict[str, JSONValue] | None = None) -> None:
        self.values: dict[str, JSONValue] = dict(values or {})

    def get_setting(self, key: str, default: JSONValue = None) -> JSONValue:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: JSONValue) -> None:
        self.values[key] = value

"""Claude model ids, task routing, list prices and deprecations, from `resources/llm/models.json`.

Routing (seed decision): Haiku-class for parsing, tailoring, the cover letter, interview prep and quality
checks; Sonnet-class for the VPR and gap questions. Every task can be overridden (settings
`claude.routing` = {task: model id}). Prices are list prices per million tokens with an "as of" date; the
settings dialog may override them (`claude.prices` = {model id: {input, output, cache_write, cache_read}}).
A model id the file does not know (e.g. one listed later by GET /v1/models) is priced like its family
(haiku/sonnet/opus in the id), or like the most expensive known model when even that is unknown — an estimate
that errs high keeps the budget cap honest.

Deprecations come from the SDK's own table (`anthropic._data.DEPRECATED_MODELS`, read only when asked, since
importing the SDK takes a while) merged with the file's `end_of_life` dates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path

from careervp_desktop.domain.models import ArtifactType
from careervp_desktop.resources import resource_path

MTOK = 1_000_000


class Task(StrEnum):
    PARSING = "parsing"
    GAP_QUESTIONS = "gap_questions"
    VPR = "vpr"
    TAILORED_CV = "tailored_cv"
    COVER_LETTER = "cover_letter"
    INTERVIEW_PREP = "interview_prep"
    QUALITY = "quality"

    @property
    def label(self) -> str:
        return {
            Task.PARSING: "CV parsing",
            Task.QUALITY: "Quality check",
        }.get(self) or ArtifactType(self.value).label


def task_for(artifact_type: ArtifactType) -> Task:
    return Task(artifact_type.value)


@dataclass(frozen=True)
class Price:
    """USD per million tokens."""

    input: float
    output: float
    cache_write: float
    cache_read: float

    def as_dict(self) -> dict[str, float]:
        return {
            "input": self.input,
            "output": self.output,
            "cache_write": self.cache_write,
            "cache_read": self.cache_read,
        }


@dataclass(frozen=True)
class ModelInfo:
    id: str
    name: str
    family: str  # "haiku" | "sonnet" | "opus" | ""
    price: Price
    min_cache_tokens: int = 1024  # a cached prefix shorter than this is simply not cached
    max_output_tokens: int = 64000
    end_of_life: str | None = None
    known: bool = True  # False: not in the price file (priced by family)


@dataclass(frozen=True)
class ModelCatalog:
    as_of: str
    models: Mapping[str, ModelInfo]
    routing: Mapping[Task, str]
    listed: tuple[str, ...] = field(default=())  # ids GET /v1/models returned, newest first (empty: never asked)

    def model_for(self, task: Task, overrides: Mapping[str, object] | None = None) -> str:
        """The model for a task: the user's override when it names a model, else the default routing."""
        chosen = (overrides or {}).get(task.value)
        if isinstance(chosen, str) and chosen.strip():
            return chosen.strip()
        return self.routing[task]

    def info(self, model_id: str) -> ModelInfo:
        found = self.models.get(model_id)
        if found is not None:
            return found
        family = next((f for f in ("haiku", "sonnet", "opus") if f in model_id.lower()), "")
        same_family = [m for m in self.models.values() if m.family == family and m.end_of_life is None]
        pool = same_family or list(self.models.values())
        template = max(pool, key=lambda m: m.price.input)
        return replace(template, id=model_id, name=model_id, end_of_life=None, known=False)

    def price(self, model_id: str) -> Price:
        return self.info(model_id).price

    def with_prices(self, overrides: Mapping[str, object] | None) -> ModelCatalog:
        """The catalog with the user's price overrides applied ({model id: {input, output, ...}})."""
        if not overrides:
            return self
        models = dict(self.models)
        for model_id, values in overrides.items():
            if not isinstance(values, Mapping):
                continue
            base = self.info(model_id)
            fields = base.price.as_dict()
            for name in fields:
                value = values.get(name)
                if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
                    fields[name] = float(value)
            models[model_id] = replace(base, price=Price(**fields), known=True)
        return replace(self, models=models)

    def with_listed(self, listed: Iterable[tuple[str, str]]) -> ModelCatalog:
        """The catalog with the models GET /v1/models returned (id, display name), newest first."""
        models = dict(self.models)
        ids: list[str] = []
        for model_id, display_name in listed:
            ids.append(model_id)
            if model_id not in models:
                models[model_id] = replace(self.info(model_id), name=display_name or model_id)
        return replace(self, models=models, listed=tuple(ids))

    def choices(self) -> list[ModelInfo]:
        """Models to offer in settings: listed (or known) ones, current before end-of-life ones."""
        ids = list(self.listed) or list(self.models)
        infos = [self.info(i) for i in ids]
        return sorted(infos, key=lambda m: m.end_of_life is not None)


def _model(raw: Mapping[str, object]) -> ModelInfo:
    def num(key: str) -> float:
        value = raw[key]
        assert isinstance(value, int | float)
        return float(value)

    return ModelInfo(
        id=str(raw["id"]),
        name=str(raw.get("name") or raw["id"]),
        family=str(raw.get("family") or ""),
        price=Price(num("input"), num("output"), num("cache_write"), num("cache_read")),
        min_cache_tokens=int(num("min_cache_tokens")) if "min_cache_tokens" in raw else 1024,
        max_output_tokens=int(num("max_output_tokens")) if "max_output_tokens" in raw else 64000,
        end_of_life=str(raw["end_of_life"]) if raw.get("end_of_life") else None,
    )


def parse_catalog(data: Mapping[str, object]) -> ModelCatalog:
    raw_models = data.get("models")
    raw_routing = data.get("routing")
    if not isinstance(raw_models, list) or not isinstance(raw_routing, Mapping):
        raise ValueError("models.json needs a 'models' list and a 'routing' mapping")
    models = {m.id: m for m in (_model(r) for r in raw_models if isinstance(r, Mapping))}
    routing = {Task(k): str(v) for k, v in raw_routing.items()}
    missing = [t.value for t in Task if t not in routing]
    if missing:
        raise ValueError(f"models.json routes no model for: {', '.join(missing)}")
    return ModelCatalog(as_of=str(data.get("as_of") or "unknown"), models=models, routing=routing)


@cache
def load_catalog(path: Path | None = None) -> ModelCatalog:
    """The bundled catalog (cached)."""
    file = path or resource_path("llm", "models.json")
    return parse_catalog(json.loads(file.read_text(encoding="utf-8")))


def sdk_deprecations() -> dict[str, str]:
    """{model id: end-of-life date} as the installed SDK knows it; {} when the SDK does not ship the table."""
    try:
        from anthropic._data import DEPRECATED_MODELS  # private, may move: guarded
    except Exception:  # ImportError, or anything the SDK's import raises
        return {}
    if not isinstance(DEPRECATED_MODELS, Mapping):
        return {}
    return {str(k): str(v) for k, v in DEPRECATED_MODELS.items()}


def deprecation_warning(
    model_id: str, catalog: ModelCatalog, *, sdk_table: Mapping[str, str] | None = None
) -> str | None:
    """A one-line warning when `model_id` is deprecated, else None."""
    table = sdk_deprecations() if sdk_table is None else sdk_table
    when = table.get(model_id) or catalog.info(model_id).end_of_life
    if not when:
        return None
    for default in catalog.routing.values():
        if catalog.info(default).family == catalog.info(model_id).family:
            suggestion = default
            break
    else:
        suggestion = catalog.routing[Task.VPR]
    return (
        f"{model_id} is deprecated and reaches end of life on {when}: choose a current model such as "
        f"{suggestion} in Settings ▸ Claude."
    )

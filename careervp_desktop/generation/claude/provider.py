"""`AnthropicProvider`: writes every artifact with Claude, and falls back to the offline engine when it cannot.

One artifact, step by step:
1. no key → fallback; the model for the task (routing, overridable); a deprecated model is warned about once;
2. the application digest (CV, job, match, answers; contact details as placeholders) and the request
   (`prompts.build_request`); a last privacy guard refuses to send a request that still holds a contact detail;
3. the content cache: the same request (model + prompt + schema + parameters, hashed) answered before is
   answered from the cache, no request sent — unless `regenerate`;
4. the estimate (offline heuristic, no request) and the monthly budget cap: over it, nothing is sent;
5. the call, through the breaker and the retry policy (`retry.py`), streamed with progress and a cancel flag;
   every answer that came back is written to the usage ledger (tokens, cache tokens, dollars), used or not;
6. a reply cut off at max_tokens gets one more try with a doubled limit and a request to be shorter; a reply
   that does not fit the schema gets one repair round (the problems are sent back); a refusal is a failure;
7. the artifact is built locally from the reply (`replies.to_content`), placeholders restored, and cached.
Any failure (breaker open, retries exhausted, key refused, budget, unusable reply…) → the offline engine writes
the artifact; its provenance says "offline" and its `note` says why ("Offline draft: …"). `notices` collects
those lines and model warnings for the caller (the CLI prints them; the GUI shows them).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from careervp_desktop.domain.errors import UserFacingError
from careervp_desktop.domain.models import ArtifactType, Provenance
from careervp_desktop.domain.records import UsageRecord
from careervp_desktop.generation.claude.client import RawReply
from careervp_desktop.generation.claude.cost import CostEstimate, Usage, check_budget, estimate_cost, estimate_tokens
from careervp_desktop.generation.claude.digest import ApplicationDigest, CVIndex
from careervp_desktop.generation.claude.errors import CallCancelled, ClaudeCallError, FailureKind, PrivacyGuardError
from careervp_desktop.generation.claude.models_catalog import ModelCatalog, Task, deprecation_warning, task_for
from careervp_desktop.generation.claude.ports import JSONValue
from careervp_desktop.generation.claude.privacy import Redactor
from careervp_desktop.generation.claude.prompts import (
    EXPECTED_OUTPUT,
    SYSTEM_RULES,
    TRUNCATION_CEILING,
    ClaudeRequest,
    build_request,
    data_blocks,
    longer_instruction,
    polish_instruction,
    repair_instruction,
)
from careervp_desktop.generation.claude.replies import (
    REPLY_MODELS,
    ItemsReply,
    ReplyPart,
    decode,
    explain,
    id_problems,
    reply_schema,
)
from careervp_desktop.generation.claude.replies import to_content as reply_to_content
from careervp_desktop.generation.claude.retry import call_with_retries
from careervp_desktop.generation.claude.service import ClaudeService
from careervp_desktop.generation.providers import GenerationContext, Provider, ProviderOutput

log = logging.getLogger(__name__)

PROVIDER_NAME = "anthropic"
CACHE_FORMAT = 1  # bump when the cached payload's shape changes
CACHED_NOTE = "From the response cache: unchanged inputs, no request sent."


@dataclass(frozen=True)
class ClaudeEvent:
    """Progress of one artifact, for a status line or a progress bar.

    kind: "estimate" (before sending; `estimate` set), "cached" (answered from the content cache),
    "sending" (attempt n of a call), "text" (streamed characters so far in `chars`), "retry" (waiting before the
    next attempt), "repair" (a correction round), "warning" (e.g. a deprecated model), "done", "fallback"."""

    kind: str
    artifact_type: ArtifactType | None
    message: str = ""
    chars: int = 0
    estimate: CostEstimate | None = None
    delta: str = ""  # "text": the characters just streamed (the window shows the reply taking shape)


EventFn = Callable[[ClaudeEvent], None]


class ReplyProblem(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def request_key(request: ClaudeRequest) -> str:
    """The content-cache key: SHA-256 of the canonical JSON of model, prompt, schema and parameters."""
    canonical = json.dumps(request.key_material(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_reply(text: str, artifact_type: ArtifactType, index: CVIndex | None = None) -> ReplyPart:
    """The task's part of a reply, validated (and its ids checked against `index`); `ReplyProblem` lists what
    is wrong (never the reply text itself)."""
    part = _parse_part(text, artifact_type)
    problems = id_problems(part, index) if index is not None else []
    if problems:
        raise ReplyProblem(problems)
    return part


def _parse_part(text: str, artifact_type: ArtifactType) -> ReplyPart:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReplyProblem([f"the answer is not valid JSON ({exc.msg} at character {exc.pos})"]) from None
    if not isinstance(data, dict):
        raise ReplyProblem(["the answer is not a JSON object"])
    items = "items" in data
    try:
        if items:
            data = decode(artifact_type, ItemsReply.model_validate(data).items)
        return REPLY_MODELS[artifact_type].model_validate(data)  # a typed reply on its own is accepted as well
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False)
        if items and exc.title == REPLY_MODELS[artifact_type].__name__:  # say it in the items' terms
            problems = [explain(artifact_type, tuple(e["loc"]), e["msg"]) for e in errors]
        else:
            problems = [f"{'.'.join(str(x) for x in e['loc']) or 'the answer'}: {e['msg']}" for e in errors]
        raise ReplyProblem(problems) from None


class AnthropicProvider:
    """Writes artifacts with Claude (see the module docstring). Make one with `ClaudeService` and
    `for_application(...)` per generation; it is used from one thread at a time."""

    name = PROVIDER_NAME

    def __init__(
        self,
        service: ClaudeService,
        *,
        application_id: int | None = None,
        regenerate: bool = False,
        fallback: bool = True,
        on_event: EventFn | None = None,
        is_cancelled: Callable[[], bool] | None = None,
        offline: Provider | None = None,
        feedback: str = "",
    ) -> None:
        from careervp_desktop.generation.offline import OfflineProvider

        self.feedback = feedback  # what the user asked to change when regenerating one document
        self.service = service
        self.application_id = application_id
        self.regenerate = regenerate
        self.fallback = fallback
        self.on_event = on_event
        self.is_cancelled = is_cancelled or (lambda: False)
        self.offline: Provider = offline or OfflineProvider()
        self.notices: list[str] = []
        self._warned: set[str] = set()
        self._digest_for: tuple[GenerationContext, Redactor, ApplicationDigest] | None = None

    def for_application(
        self,
        application_id: int | None,
        *,
        regenerate: bool | None = None,
        on_event: EventFn | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> AnthropicProvider:
        """A provider for one application's generation (same service, breaker and settings)."""
        return AnthropicProvider(
            self.service,
            application_id=application_id,
            regenerate=self.regenerate if regenerate is None else regenerate,
            fallback=self.fallback,
            on_event=on_event or self.on_event,
            is_cancelled=is_cancelled or self.is_cancelled,
            offline=self.offline,
            feedback=self.feedback,
        )

    def close(self) -> None:
        """Close the service's HTTP connections (when this provider was the service's only user, as in the CLI;
        the service reopens them on the next call)."""
        self.service.close()

    # ------------------------------------------------------------------------------------------- Provider
    def generate(self, artifact_type: ArtifactType, ctx: GenerationContext) -> ProviderOutput:
        try:
            return self._write(artifact_type, ctx)
        except CallCancelled:
            raise
        except UserFacingError as exc:
            if not self.fallback:
                raise
            reason = exc.message
        except Exception as exc:
            if not self.fallback:
                raise
            log.exception("Claude provider failed on %s", artifact_type.value)
            reason = f"an internal error ({type(exc).__name__}) stopped the Claude draft; details in the log"
        return self._offline_draft(artifact_type, ctx, reason)

    def estimate(
        self, ctx: GenerationContext, types: Sequence[ArtifactType], *, online: bool | None = None
    ) -> dict[ArtifactType, CostEstimate]:
        """What writing `types` would cost, before sending anything: $0 for what the content cache already has,
        the count_tokens endpoint when a key is set and Claude is reachable (else the offline heuristic)."""
        catalog = self.service.catalog()
        online = self.service.options.count_tokens_online if online is None else online
        can_count = online and self.service.available
        out: dict[ArtifactType, CostEstimate] = {}
        for artifact_type in types:
            try:
                request, _redactor, _digest = self._request(artifact_type, ctx, catalog)
            except PrivacyGuardError:
                continue
            if not self.regenerate and self._cached_payload(request_key(request)) is not None:
                out[artifact_type] = CostEstimate(0, 0, 0.0, True)
                continue
            counted = None
            if can_count:
                try:
                    counted = self.service.client().count_tokens(request)
                except (ClaudeCallError, UserFacingError):
                    can_count = False
            out[artifact_type] = self._estimate(request, catalog, counted)
        return out

    # ------------------------------------------------------------------------------------------- internals
    def _emit(self, kind: str, artifact_type: ArtifactType | None, message: str = "", **extra: Any) -> None:
        if self.on_event is not None:
            self.on_event(ClaudeEvent(kind, artifact_type, message, **extra))

    def _digest(self, ctx: GenerationContext) -> tuple[Redactor, ApplicationDigest]:
        if self._digest_for is None or self._digest_for[0] is not ctx:
            redactor = Redactor.for_cv(ctx.cv)
            self._digest_for = (ctx, redactor, ApplicationDigest.build(ctx, redactor))
        return self._digest_for[1], self._digest_for[2]

    def _request(
        self, artifact_type: ArtifactType, ctx: GenerationContext, catalog: ModelCatalog
    ) -> tuple[ClaudeRequest, Redactor, ApplicationDigest]:
        task = task_for(artifact_type)
        model = catalog.model_for(task, self.service.routing_overrides())
        redactor, digest = self._digest(ctx)
        schema = reply_schema()
        cv, app = data_blocks(digest)
        prefix = estimate_tokens(SYSTEM_RULES + cv + app + json.dumps(schema, separators=(",", ":")))
        cache_prefix = prefix >= catalog.info(model).min_cache_tokens
        wishes = [self.feedback.strip()]
        if artifact_type is ArtifactType.COVER_LETTER and ctx.letter_tone in TONE_NOTES:
            wishes.insert(0, TONE_NOTES[ctx.letter_tone])
        joined = "\n".join(w for w in wishes if w)
        feedback = redactor.redact(joined) if joined else ""
        request = build_request(
            artifact_type, task, model, digest, output_schema=schema, cache_prefix=cache_prefix, feedback=feedback
        )
        leaks = redactor.leaks(json.dumps(request.key_material(), ensure_ascii=False))
        if leaks:  # the last guard: a contact detail the placeholders missed never goes out
            log.error("privacy guard: a %s was left in a %s request", leaks[0], artifact_type.value)
            raise PrivacyGuardError(leaks[0])
        return request, redactor, digest

    def _estimate(self, request: ClaudeRequest, catalog: ModelCatalog, counted: int | None = None) -> CostEstimate:
        tokens = counted if counted is not None else estimate_tokens(request.text())
        return estimate_cost(
            tokens, EXPECTED_OUTPUT[request.task], catalog.price(request.model), counted=counted is not None
        )

    def _warn_deprecated(self, model: str, catalog: ModelCatalog, artifact_type: ArtifactType) -> None:
        if model in self._warned:
            return
        self._warned.add(model)
        warning = deprecation_warning(model, catalog)
        if warning:
            self.notices.append(warning)
            self._emit("warning", artifact_type, warning)

    def _write(self, artifact_type: ArtifactType, ctx: GenerationContext) -> ProviderOutput:
        service = self.service
        client = service.client()  # NoApiKeyError when there is no key
        catalog = service.catalog()
        request, redactor, digest = self._request(artifact_type, ctx, catalog)
        self._warn_deprecated(request.model, catalog, artifact_type)

        key = request_key(request)
        if not self.regenerate:
            hit = self._from_cache(key, artifact_type, ctx, digest, redactor, request.model)
            if hit is not None:
                return hit

        estimate = self._estimate(request, catalog)
        self._emit("estimate", artifact_type, f"{artifact_type.label}: {estimate.text}", estimate=estimate)
        check_budget(estimate.usd, service.month_spend(), service.monthly_budget())

        usage = Usage()
        current = request
        reply = self._call(current, artifact_type, client)
        usage += reply.usage
        if reply.stop_reason == "max_tokens":
            limit = min(current.max_tokens * 2, TRUNCATION_CEILING, catalog.info(current.model).max_output_tokens)
            if limit > current.max_tokens:
                self._emit("repair", artifact_type, "Claude's answer was cut off; asking for a shorter one")
                current = current.with_max_tokens(limit, longer_instruction())
                reply = self._call(current, artifact_type, client)
                usage += reply.usage
            if reply.stop_reason == "max_tokens":
                raise ClaudeCallError(
                    FailureKind.TRUNCATED,
                    f"Claude's {artifact_type.label.lower()} was cut off at the {current.max_tokens}-token limit: "
                    "retry, or use the offline draft.",
                    short="answer cut off",
                )
        self._check_refusal(reply, artifact_type)
        try:
            part = parse_reply(reply.text, artifact_type, digest.index)
        except ReplyProblem as problem:
            log.info("repairing a %s reply: %d problem(s)", artifact_type.value, len(problem.problems))
            self._emit("repair", artifact_type, "Claude's answer did not fit the format; asking for a correction")
            repair = current.followed_by(reply.text, repair_instruction(problem.problems))
            reply = self._call(repair, artifact_type, client)
            usage += reply.usage
            self._check_refusal(reply, artifact_type)
            try:
                if reply.stop_reason == "max_tokens":
                    raise ReplyProblem(["the corrected answer was cut off"])
                part = parse_reply(reply.text, artifact_type, digest.index)
            except ReplyProblem as again:
                raise ClaudeCallError(
                    FailureKind.INVALID_REPLY,
                    f"Claude's {artifact_type.label.lower()} did not fit the expected format even after a "
                    f"correction ({again.problems[0]}): retry, or use the offline draft.",
                    short="unusable answer",
                ) from None

        content = _addressed(reply_to_content(artifact_type, part, ctx, digest.index, redactor), ctx)
        polish = _must_polish(artifact_type, content, ctx)
        if polish:  # one revision round for what must never reach the user: clichés, placeholders left
            self._emit("repair", artifact_type, "Claude is fixing the wording the writing checks flagged")
            revision = current.followed_by(reply.text, polish_instruction(polish))
            revised = self._call(revision, artifact_type, client)
            usage += revised.usage
            try:
                if revised.stop_reason in ("max_tokens", "refusal"):
                    raise ReplyProblem([f"the revision stopped ({revised.stop_reason})"])
                part = parse_reply(revised.text, artifact_type, digest.index)
                content = _addressed(reply_to_content(artifact_type, part, ctx, digest.index, redactor), ctx)
            except ReplyProblem:
                log.info("the %s revision was unusable; keeping the first answer", artifact_type.value)
        self._cache_put(key, request.model, artifact_type, part)
        provenance = Provenance(
            provider=PROVIDER_NAME,
            model=request.model,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            cache_read_tokens=usage.cache_read_tokens,
            cache_write_tokens=usage.cache_write_tokens,
            cost_usd=round(usage.cost(catalog.price(request.model)), 6),
        )
        self._emit("done", artifact_type, f"{artifact_type.label}: written by {request.model}")
        return ProviderOutput(content=content, provenance=provenance)

    def _check_refusal(self, reply: RawReply, artifact_type: ArtifactType) -> None:
        if reply.stop_reason == "refusal":
            raise ClaudeCallError(
                FailureKind.REFUSED,
                f"Claude declined to write the {artifact_type.label.lower()}: edit the inputs, or use the offline "
                "draft.",
                short="declined",
            )

    def _call(self, request: ClaudeRequest, artifact_type: ArtifactType, client: Any) -> RawReply:
        service = self.service
        options = service.options
        read_timeout = options.read_timeouts.get(request.task, 120.0)
        received = 0

        def on_text(text: str) -> None:
            nonlocal received
            received += len(text)
            self._emit("text", artifact_type, chars=received, delta=text)

        def attempt(n: int) -> RawReply:
            nonlocal received
            received = 0
            self._emit("sending", artifact_type, f"{artifact_type.label}: asking {request.model} (attempt {n})")
            reply: RawReply = client.send(
                request,
                read_timeout=read_timeout,
                stream=options.stream,
                on_text=on_text,
                is_cancelled=self.is_cancelled,
            )
            self._record(reply, request, artifact_type)
            return reply

        return call_with_retries(
            attempt,
            breaker=service.breaker,
            policy=options.policy,
            sleep=options.sleep,
            rng=options.rng,
            is_cancelled=self.is_cancelled,
            on_wait=lambda wait: self._emit("retry", artifact_type, wait.text),
        )

    def _record(self, reply: RawReply, request: ClaudeRequest, artifact_type: ArtifactType) -> None:
        ledger = self.service.ledger
        if ledger is None:
            return
        u = reply.usage
        price = self.service.catalog().price(request.model)
        try:
            ledger.record_usage(
                UsageRecord(
                    application_id=self.application_id,
                    artifact_type=artifact_type,
                    provider=PROVIDER_NAME,
                    model=request.model,
                    input_tokens=u.input_tokens,
                    output_tokens=u.output_tokens,
                    cache_read_tokens=u.cache_read_tokens,
                    cache_write_tokens=u.cache_write_tokens,
                    cost_usd=round(u.cost(price), 6),
                    latency_ms=round(reply.latency_ms, 1),
                )
            )
        except Exception:  # the ledger must never lose the user a document
            log.exception("could not record usage")

    # ------------------------------------------------------------------------------------------- content cache
    def _cached_payload(self, key: str) -> dict[str, Any] | None:
        cache = self.service.cache
        if cache is None:
            return None
        try:
            payload = cache.cache_get(key)
        except Exception:
            log.exception("content cache read failed")
            return None
        if (
            isinstance(payload, dict)
            and payload.get("format") == CACHE_FORMAT
            and isinstance(payload.get("reply"), dict)
        ):
            return payload
        return None

    def _from_cache(
        self,
        key: str,
        artifact_type: ArtifactType,
        ctx: GenerationContext,
        digest: ApplicationDigest,
        redactor: Redactor,
        model: str,
    ) -> ProviderOutput | None:
        payload = self._cached_payload(key)
        if payload is None:
            return None
        try:
            part = REPLY_MODELS[artifact_type].model_validate(payload["reply"])
            content = reply_to_content(artifact_type, part, ctx, digest.index, redactor)
        except (ValidationError, KeyError, TypeError, ValueError):
            return None  # an old or damaged entry: ask again
        self._emit("cached", artifact_type, f"{artifact_type.label}: unchanged since the last generation (no request)")
        return ProviderOutput(
            content=content,
            provenance=Provenance(provider=PROVIDER_NAME, model=model, note=CACHED_NOTE),
        )

    def _cache_put(self, key: str, model: str, artifact_type: ArtifactType, part: ReplyPart) -> None:
        cache = self.service.cache
        if cache is None:
            return
        reply: JSONValue = json.loads(part.model_dump_json())
        payload: JSONValue = {"format": CACHE_FORMAT, "artifact": artifact_type.value, "reply": reply}
        try:
            cache.cache_put(key, model=model, response=payload)
        except Exception:  # a full disk must not cost the user the document they just paid for
            log.exception("content cache write failed")

    # ------------------------------------------------------------------------------------------- fallback
    def _offline_draft(self, artifact_type: ArtifactType, ctx: GenerationContext, reason: str) -> ProviderOutput:
        out = self.offline.generate(artifact_type, ctx)
        note = Provenance.fallback_note(reason)
        self.notices.append(f"{artifact_type.label}: {note}")
        self._emit("fallback", artifact_type, note)
        return ProviderOutput(content=out.content, provenance=out.provenance.model_copy(update={"note": note}))


TONE_NOTES = {
    "enthusiastic": "Tone: warm and enthusiastic about this role and company, still specific and factual.",
    "technical": "Tone: technical: name the systems, tools and trade-offs behind each result.",
}


def _addressed(content: Any, ctx: GenerationContext) -> Any:
    """A letter greets the hiring manager by name when the user gave one (set here: the name is not sent)."""
    if ctx.hiring_manager and hasattr(content, "greeting"):
        return content.model_copy(update={"greeting": f"Dear {ctx.hiring_manager},"})
    return content


def _must_polish(artifact_type: ArtifactType, content: Any, ctx: GenerationContext) -> list[str]:
    """What the writing checks say must be fixed before the user sees it (clichés, placeholders left), as
    instructions for one revision round; [] when the answer is fine. Lengths and rhythm are shown to the user
    instead: not worth another paid call."""
    from careervp_desktop.analysis.quality import QualityCheck, check_quality

    try:
        report = check_quality(artifact_type, content, job=ctx.job)
    except Exception:  # a check must never cost the user the answer
        log.exception("writing checks failed on a %s", artifact_type.value)
        return []
    wanted = (QualityCheck.BANNED_PHRASE, QualityCheck.PLACEHOLDER)
    found = [f for f in report.findings if f.check in wanted and f.severity.value in ("error", "warning")]
    return list(dict.fromkeys(f.instruction or f.message for f in found))


def make_provider(service: ClaudeService, **kwargs: Any) -> AnthropicProvider:
    return AnthropicProvider(service, **kwargs)


__all__ = ["AnthropicProvider", "ClaudeEvent", "Task", "make_provider", "parse_reply", "request_key"]

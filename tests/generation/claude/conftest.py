"""Shared pieces for the Claude tests: the sample application as a `GenerationContext`, an in-memory keyring,
good scripted replies for every artifact, and a service wired to the fake Messages API."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import keyring.backend
import pytest

from careervp_desktop.analysis.match import match_cv_to_job
from careervp_desktop.domain.models import ArtifactType, MatchStatus
from careervp_desktop.generation.claude.breaker import CircuitBreaker
from careervp_desktop.generation.claude.ports import MemoryCache, MemoryLedger, MemorySettings
from careervp_desktop.generation.claude.provider import AnthropicProvider
from careervp_desktop.generation.claude.retry import RetryPolicy
from careervp_desktop.generation.claude.service import ClaudeService, ServiceOptions
from careervp_desktop.generation.providers import GenerationContext
from tests.analysis.samples import TODAY, sample_cv, sample_job
from tests.fakes.messages_api import FakeMessagesAPI

TEST_KEY = "sk-ant-test-0123456789abcdefghij"


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = -1  # type: ignore[assignment]  # below keyring's "fail" backend: never picked by auto-discovery

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.passwords:
            import keyring.errors

            raise keyring.errors.PasswordDeleteError("not set")
        del self.passwords[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """What headless Linux has: keyring's "fail" backend (NoKeyringError on every call)."""
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def ctx() -> GenerationContext:
    cv, job = sample_cv(), sample_job()
    return GenerationContext(cv=cv, job=job, match=match_cv_to_job(cv, job, today=TODAY), today=TODAY)


@pytest.fixture
def api(fake_anthropic: FakeMessagesAPI) -> Iterator[FakeMessagesAPI]:
    yield fake_anthropic
    assert fake_anthropic.server_errors == []


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


class Sleeper:
    def __init__(self) -> None:
        self.slept: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sleeper() -> Sleeper:
    return Sleeper()


ServiceFactory = Callable[..., ClaudeService]


@pytest.fixture
def make_service(api: FakeMessagesAPI, clock: FakeClock, sleeper: Sleeper) -> Iterator[ServiceFactory]:
    made: list[ClaudeService] = []

    def make(*, key: str | None = TEST_KEY, settings: dict[str, Any] | None = None, **options: Any) -> ClaudeService:
        opts = ServiceOptions(
            base_url=api.base_url,
            policy=options.pop("policy", RetryPolicy(max_attempts=3)),
            sleep=sleeper,
            rng=random.Random(7),
            read_timeouts=options.pop("read_timeouts", {}),
            **options,
        )
        service = ClaudeService(
            api_key=lambda: key,
            cache=MemoryCache(),
            ledger=MemoryLedger(),
            settings=MemorySettings(settings or {}),
            breaker=CircuitBreaker("Claude", clock=clock),
            options=opts,
        )
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


def provider_for(service: ClaudeService, **kwargs: Any) -> AnthropicProvider:
    return AnthropicProvider(service, **kwargs)


# =========================================================================================== good replies
def good_reply(artifact_type: ArtifactType, ctx: GenerationContext) -> dict[str, Any]:
    """A reply a good model would give (the task's part alone, placeholders where contact details go)."""
    reqs = ctx.match.requirements
    if artifact_type is ArtifactType.GAP_QUESTIONS:
        gaps = [(n, r) for n, r in enumerate(reqs, start=1) if r.status is not MatchStatus.MATCHED]
        return {
            "questions": [
                {
                    "requirement_id": f"R{n}",
                    "question": f"Have you worked with {', '.join(r.missing_skills) or 'this'}? Where, how long?",
                    "why": "Your CV does not show it.",
                    "skills": r.missing_skills,
                }
                for n, r in gaps
            ]
        }
    if artifact_type is ArtifactType.VPR:
        return {
            "headline": "{{CANDIDATE_NAME}} for the Senior Python Engineer role at Fjordhaven Energy",
            "summary": "A backend engineer who rebuilt a Kafka pipeline. Reach {{CANDIDATE_NAME}} at "
            "{{CANDIDATE_EMAIL}}.",
            "strengths": ["Rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL [E1.1]"],
            "evidence": [
                {"requirement_id": "R3", "cv_ids": ["E1.1"], "strength": "strong"},
                {"requirement_id": "R99", "cv_ids": ["E9.9"], "strength": "strong"},
            ],
            "gaps": ["Kubernetes is not shown in the CV."],
            "differentiators": ["AWS Certified Developer – Associate [C1]"],
            "recommendations": ["Lead with the Kafka pipeline."],
        }
    if artifact_type is ArtifactType.TAILORED_CV:
        return {
            "summary": "Backend engineer who builds streaming data systems in Python, Kafka and PostgreSQL.",
            "roles": [
                {
                    "role_id": "E1",
                    "bullets": [
                        {"source_id": "E1.3", "text": "Introduced contract tests and a CI pipeline in GitHub Actions."},
                        {"source_id": "E1.1", "text": ctx.cv.experience[0].achievements[0]},
                        {"source_id": "E2.1", "text": "A bullet of another role must be ignored."},
                        {"source_id": "E1.3", "text": "A repeated id must be ignored."},
                    ],
                }
            ],
            "skills": ["kafka", "Python", "Terraform", "PostgreSQL"],
        }
    if artifact_type is ArtifactType.COVER_LETTER:
        return {
            "greeting": "Dear Fjordhaven Energy hiring team,",
            "paragraphs": [
                "I am applying for the Senior Python Engineer role.",
                "At Nordlane Logistics I rebuilt the shipment-tracking pipeline on Kafka and PostgreSQL.",
            ],
            "closing": "Kind regards,",
        }
    assert artifact_type is ArtifactType.INTERVIEW_PREP
    return {
        "questions": [
            {
                "question": "How did you cut event latency at Nordlane?",
                "category": "technical",
                "why_asked": "Kafka is a must-have.",
                "talking_points": ["Situation: 15-minute latency", "Result: 40 seconds"],
                "cv_ids": ["E1.1", "nope"],
                "evaluates": "Whether you can reason about streaming latency end to end.",
                "star": [
                    "At Nordlane Logistics, shipment events took 15 minutes to reach customers.",
                    "I owned the tracking pipeline.",
                    "I rebuilt it on Kafka and PostgreSQL; add the design choices you made.",
                    "Event latency fell from 15 minutes to 40 seconds.",
                ],
                "follow_ups": ["How did you measure the latency?"],
            },
            {
                "question": "Why {{CANDIDATE_NAME}} and why us?",
                "category": "motivation",
                "why_asked": "Motivation.",
                "talking_points": [],
                "cv_ids": [],
            },
        ],
        "questions_to_ask": ["What does the on-call rotation look like?"],
        "pitch": "I'm {{CANDIDATE_NAME}}, a backend engineer who rebuilt a Kafka pipeline at Nordlane Logistics.",
    }

"""Contact details never leave the machine: placeholders out, real values back in, locally.

`Redactor.for_cv(cv)` knows the candidate's name (and its parts), email, phone, address/location and profile
URLs. `redact(text)` swaps every occurrence for a placeholder such as `{{CANDIDATE_NAME}}` (names and emails
case-insensitively, phones by their digits whatever the separators, URLs with or without scheme and `www.`);
`restore(text)` puts the real values back into what Claude wrote; `restore_json(value)` does it for every string
of a JSON-like value. `leaks(text)` is the last guard before sending: which contact details are still in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from careervp_desktop.domain.models import MasterCV

NAME = "{{CANDIDATE_NAME}}"
FIRST_NAME = "{{CANDIDATE_FIRST_NAME}}"
LAST_NAME = "{{CANDIDATE_LAST_NAME}}"
EMAIL = "{{CANDIDATE_EMAIL}}"
PHONE = "{{CANDIDATE_PHONE}}"
LOCATION = "{{CANDIDATE_LOCATION}}"
LINKEDIN = "{{CANDIDATE_LINKEDIN}}"
WEBSITE = "{{CANDIDATE_WEBSITE}}"

_LABELS = {
    NAME: "name",
    FIRST_NAME: "name",
    LAST_NAME: "name",
    EMAIL: "email address",
    PHONE: "phone number",
    LOCATION: "address",
    LINKEDIN: "profile link",
    WEBSITE: "website",
}
_PLACEHOLDER = re.compile(r"\{\{\s*(CANDIDATE_[A-Z_]+)\s*\}\}")
_MIN_NAME_PART = 3  # "Li" or "Bo" alone would hit too many ordinary words

J = TypeVar("J")


@dataclass(frozen=True)
class _Rule:
    placeholder: str
    value: str  # the real value, as restored
    pattern: re.Pattern[str]


def _word_pattern(value: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in value.split())
    return re.compile(rf"(?<![\w@.]){body}(?![\w@])", re.IGNORECASE if ignore_case else 0)


def _phone_pattern(phone: str) -> re.Pattern[str] | None:
    """The number's digits in order with any separators between them; for an international number also its
    national forms (country code dropped, with or without the trunk 0)."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return None
    variants = {digits}
    if phone.strip().startswith(("+", "00")):
        bare = digits[2:] if phone.strip().startswith("00") else digits
        for cc in (1, 2, 3):
            variants |= {bare, bare[cc:], "0" + bare[cc:]}
    sep = r"[\s().\-/]{0,3}"
    bodies = [sep.join(re.escape(d) for d in v) for v in sorted(variants, key=len, reverse=True) if len(v) >= 6]
    return re.compile(rf"(?<![\d+])(?:(?:\+|00){sep})?(?:{'|'.join(bodies)})(?!\d)")


def _url_pattern(url: str) -> re.Pattern[str] | None:
    core = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip(), flags=re.IGNORECASE).rstrip("/")
    if len(core) < 4:
        return None
    return re.compile(rf"(?:https?://)?(?:www\.)?{re.escape(core)}/?", re.IGNORECASE)


class Redactor:
    def __init__(self, rules: list[_Rule]) -> None:
        # Longest values first, so "Maya Lindqvist" goes before "Maya".
        self._rules = sorted(rules, key=lambda r: len(r.value), reverse=True)
        self._values = {r.placeholder: r.value for r in self._rules if r.placeholder not in (FIRST_NAME, LAST_NAME)}
        for r in self._rules:
            self._values.setdefault(r.placeholder, r.value)

    @classmethod
    def for_cv(cls, cv: MasterCV) -> Redactor:
        rules: list[_Rule] = []
        name = " ".join((cv.full_name or "").split())
        if name:
            rules.append(_Rule(NAME, name, _word_pattern(name)))
            parts = [p for p in re.split(r"\s+", name) if len(p.strip(".,")) >= _MIN_NAME_PART]
            if len(parts) >= 2:
                rules.append(_Rule(FIRST_NAME, parts[0], _word_pattern(parts[0], ignore_case=False)))
                rules.append(_Rule(LAST_NAME, parts[-1], _word_pattern(parts[-1], ignore_case=False)))
        contact = cv.contact_info
        if contact.email and contact.email.strip():
            email = contact.email.strip()
            rules.append(_Rule(EMAIL, email, re.compile(re.escape(email), re.IGNORECASE)))
        if contact.phone and (pattern := _phone_pattern(contact.phone)):
            rules.append(_Rule(PHONE, contact.phone.strip(), pattern))
        if contact.location and contact.location.strip():
            location = " ".join(contact.location.split())
            rules.append(_Rule(LOCATION, location, _word_pattern(location)))
        for placeholder, url in ((LINKEDIN, contact.linkedin), (WEBSITE, contact.website)):
            if url and (pattern := _url_pattern(url)):
                rules.append(_Rule(placeholder, url.strip(), pattern))
        return cls(rules)

    def redact(self, text: str) -> str:
        for rule in self._rules:
            text = rule.pattern.sub(rule.placeholder, text)
        return text

    def restore(self, text: str) -> str:
        def real(m: re.Match[str]) -> str:
            key = "{{" + m.group(1) + "}}"
            return self._values.get(key, m.group(0))

        return _PLACEHOLDER.sub(real, text)

    def restore_json(self, value: J) -> J:
        """Every string in a JSON-like value (dicts, lists, strings) with its placeholders restored."""
        return self._walk(value, self.restore)  # type: ignore[return-value]

    def redact_json(self, value: J) -> J:
        return self._walk(value, self.redact)  # type: ignore[return-value]

    def _walk(self, value: object, fn: Callable[[str], str]) -> object:
        if isinstance(value, str):
            return fn(value)
        if isinstance(value, dict):
            return {k: self._walk(v, fn) for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk(v, fn) for v in value]
        return value

    def leaks(self, text: str) -> list[str]:
        """The kinds of contact details still present in `text` (empty when it is safe to send)."""
        found: list[str] = []
        for rule in self._rules:
            if rule.pattern.search(text):
                label = _LABELS[rule.placeholder]
                if label not in found:
                    found.append(label)
        return found

    def values(self) -> Iterator[str]:
        """The real values this redactor hides (for tests and leak checks)."""
        return iter(r.value for r in self._rules)

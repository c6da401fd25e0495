"""The offline engine: a deterministic, honest writer that builds every artifact from the inputs alone.

It never invents: every fact in its output is a verbatim CV line, a CV field, a number computed from CV dates,
or the job posting quoted as the job posting. Templates only add connective prose. Gaps are named as gaps.
The tailored CV only selects and reorders the user's own content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from careervp_desktop.analysis.fvs import FactSources, check_text
from careervp_desktop.analysis.match import cv_years, requirement_skills
from careervp_desktop.analysis.report import answered_requirements, business_impact, evidence_matrix, evidence_where
from careervp_desktop.analysis.textnorm import fold, words, wordset
from careervp_desktop.domain.artifacts import (
    VPR,
    CoverLetter,
    GapQuestion,
    GapQuestions,
    InterviewPrep,
    InterviewQuestion,
    StarOutline,
)
from careervp_desktop.domain.models import (
    ArtifactType,
    Evidence,
    ExperienceEntry,
    MasterCV,
    MatchStatus,
    Provenance,
    RequirementKind,
    RequirementMatch,
    Violation,
    language_name,
)
from careervp_desktop.domain.skills import load_vocabulary
from careervp_desktop.generation.providers import GenerationContext, ProviderOutput

MODEL = "offline-v1"
WRITES = frozenset({"en", "he"})  # the languages the engine's own sentences are written in
LETTER_HOOK_WORDS = (80, 100)
LETTER_PROOF_WORDS = (120, 140)
LETTER_CLOSE_WORDS = (60, 80)
VPR_SUMMARY_WORDS = (200, 250)

_PAST_VERBS = wordset(
    "built led ran wrote won grew cut made drove set took began oversaw taught brought sold shipped "
    "designed developed delivered launched created introduced rebuilt migrated automated reduced "
    "increased improved managed maintained mentored coached trained hired implemented owned optimized "
    "optimised raised saved scaled streamlined established founded negotiated analysed analyzed "
    "architected refactored replaced supported organised organized coordinated produced published "
    "presented secured achieved completed standardized standardised surfaced lowered boosted doubled "
    "tripled halved moved partnered directed served handled resolved tested deployed integrated "
    "modernised modernized consolidated expanded spearheaded headed steered guided supervised wrote"
)
_PRESENT_VERBS = wordset(
    "build lead run write grow cut make drive set own design develop deliver launch create introduce "
    "migrate automate reduce increase improve manage maintain mentor coach train hire implement optimize "
    "optimise raise save scale support organise organize coordinate produce present serve handle test "
    "deploy integrate guide supervise"
)
_MENTOR_WORDS = frozenset({"mentored", "mentor", "coached", "coach", "trained", "led", "lead", "managed", "hired"})


class OfflineProvider:
    """The embedded deterministic engine (no network, no cost)."""

    name = "offline"

    def __init__(self, notices: Sequence[str] = ()) -> None:
        self.notices: list[str] = list(notices)  # one line each for the user: why the offline engine writes

    def generate(self, artifact_type: ArtifactType, ctx: GenerationContext) -> ProviderOutput:
        writer = _Writer(ctx)
        if ctx.document_language == "he":
            from careervp_desktop.generation.offline_he import HebrewWriter

            writer = HebrewWriter(ctx)
        content = {
            ArtifactType.GAP_QUESTIONS: writer.gap_questions,
            ArtifactType.VPR: writer.vpr,
            ArtifactType.TAILORED_CV: writer.tailored_cv,
            ArtifactType.COVER_LETTER: writer.cover_letter,
            ArtifactType.INTERVIEW_PREP: writer.interview_prep,
        }[artifact_type]()
        note = language_note(ctx, artifact_type)
        return ProviderOutput(content=content, provenance=Provenance(provider=self.name, model=MODEL, note=note))


def language_note(ctx: GenerationContext, artifact_type: ArtifactType) -> str | None:
    """Why an offline draft is not in the language asked for: the engine's sentences are English, and the tailored
    CV is the user's own text (never translated). None when the draft is in that language."""
    wanted = ctx.document_language
    if artifact_type is ArtifactType.TAILORED_CV:
        if wanted == (ctx.cv.language or "en"):
            return None
        return (
            f"Your CV's own words, not translated: the offline engine only reorders them; Claude rewrites them in "
            f"{language_name(wanted)} (Settings ▸ Claude)."
        )
    if wanted in WRITES:
        return None
    return (
        f"Written in English: the offline engine writes English and Hebrew only; Claude writes "
        f"{language_name(wanted)} (Settings ▸ Claude), or choose English on the Job tab."
    )


# The engine's own sentences (the interview prep, the gap questions, the report's lists), by key; `HebrewWriter`
# has the same keys in Hebrew. Values are filled in by `_Writer.say`.
PHRASES: dict[str, str] = {
    "must_kind": "must-have",
    "nice_kind": "nice-to-have",
    "gap_q_partial": "Your CV shows {have} but not {lack}. Have you used {lack_or} anywhere — at work, in a side "
    "project or a course? Where, for how long, and what did you do with it?",
    "gap_why_partial": "This {kind} asks for {both}; your CV covers {have} only.",
    "gap_q_missing": "Have you worked with {lack_or}? If so, where, for how long, and what did you build or run with "
    "it? If not, is there something close you have used?",
    "gap_why_missing": "This {kind} names {lack}, which your CV does not mention.",
    "gap_q_years": "The posting asks for “{label}”. Your CV dates add up to about {years} years. Is there relevant "
    "experience that is not on your CV yet (earlier roles, freelance work, research)?",
    "gap_why_years": "Your CV's dates show fewer years than this requirement asks for.",
    "gap_q_other": "The posting asks for “{label}”. What have you done that shows this? Name the place, what you did, "
    "and a result if there was one.",
    "gap_why_partly": "Your CV only touches on this.",
    "gap_why_nothing": "Nothing in your CV speaks to this yet.",
    "certification": "Certification: {name}",
    "education": "Education: {what}",
    "languages": "Languages: {what}",
    "core_topic": "its core requirements",
    "rec_lead": "Lead with the result at {place}: it is the clearest evidence for what the posting asks about {topic}.",
    "rec_gaps": "The posting asks for {lack}, which the CV does not show: answer the gap questions, and name it as a "
    "gap rather than claiming it.",
    "rec_years": "The posting asks for {wanted}+ years; the CV dates add up to about {years}. Let the depth of the "
    "results speak for the difference.",
    "rec_nice": "The posting's nice-to-haves include things the CV shows: {covered}. Mention them.",
    "rec_exact": "Keep names, titles, dates and numbers exactly as in your CV; every edit is checked against it.",
    "iq_technical": "Walk me through how you have used {skills} in practice.",
    "ev_technical": "Depth with {skills}: real use in production, the trade-offs you made, and why.",
    "iq_behavioural": "Tell me about a time your work showed this: {label_lower}.",
    "ev_behavioural": "Ownership: what you did yourself, how you worked with others, and what changed.",
    "pt_own": "Say what you did yourself, how you did it, and what changed because of it.",
    "pt_second": "A second example if they ask: {line}",
    "pt_situation": "Situation and result: {line}",
    "pt_lists": "Your CV lists {skills}.",
    "pt_pick": "Pick one concrete example from your CV.",
    "focus_skills": "the work with {skills}",
    "focus_part": "this part of the job",
    "why_must": "The posting lists “{label}” as a must-have.",
    "iq_people": "Tell me about a time you helped other people on your team grow or deliver.",
    "why_people": "Most roles at this level include leading or mentoring; interviewers check it.",
    "pt_use": "Use: {line}",
    "ev_people": "Leadership without a title: how you help others succeed, and how you know it worked.",
    "focus_people": "helping the team deliver",
    "fu_people_1": "How did you adapt your approach to different people?",
    "fu_people_2": "What would you do differently next time?",
    "iq_situational": "Imagine your first month here: you are asked to {duty_lower}. How would you go about it?",
    "why_situational": "The posting names this as part of the job; situational questions test how you think.",
    "pt_first_find": "Start with what you would find out first (people, the current system, what success means).",
    "pt_first_steps": "Then the first concrete steps, and how you would check they worked.",
    "pt_anchor": "Anchor it in something you have done: {line}",
    "ev_situational": "Judgement and structure: how you approach new work and whom you involve.",
    "fu_situational_1": "What would make you change that plan?",
    "fu_situational_2": "How would you know you are on track?",
    "pt_honest": "Be honest: your CV does not show {gap}. Do not stretch a related experience into a claim.",
    "pt_closest": "Closest real experience to mention: {line}",
    "pt_learn": "Explain how you would get up to speed, with a concrete first step.",
    "iq_gap": "The role involves this: {label_lower}. What is your experience with it?",
    "why_gap": "Your CV does not clearly cover this requirement, so it is likely to come up.",
    "ev_gap": "Honesty and learning speed: whether you know the edge of your experience.",
    "fu_gap": "How would you learn {gap} in your first weeks?",
    "the_company": "the company",
    "at_the_company": "at the company",
    "pt_connect": "Connect the role to your own work: {line}",
    "pt_why_company": "Say what in the posting made you want to work at {company}, in your own words.",
    "iq_motivation": "Why do you want this role at {company}?",
    "why_motivation": "Asked in almost every interview; it tests whether you understand the role.",
    "ev_motivation": "Whether you understand the role and chose it, rather than any job.",
    "fu_motivation": "Where do you want to be in two or three years?",
    "the_person": "person in this role",
    "ask_success": "What would success look like in the first six months for the {title}?",
    "ask_challenge": "What is the biggest challenge the team is working on right now?",
    "ask_review": "How does the team review code and decide on technical direction?",
    "ask_decide": "How does the team decide what to work on next?",
    "ask_duty": "The posting mentions “{duty}”. How is that work split across the team today?",
    "ask_measure": "How do you measure whether the team is doing well?",
    "ask_first_month": "What would you expect me to have learned by the end of my first month?",
    "ask_next": "What are the next steps in the process?",
    "star_situation": "Set the scene briefly: the system or team, who depended on it, and what was not working or "
    "was needed, and why it mattered at that moment.",
    "star_task": "What you were responsible for: {task}. Say what a good outcome would have looked like at the time, "
    "and who was counting on it.",
    "star_action": "What you did, as your CV says it: “{line}.” Then give the concrete steps you took yourself (a "
    "decision, a tool, a conversation), and what was hard. Say “I”, not “we”, so it is clear which part was yours.",
    "star_more": " If they ask for more, you also have: “{line}.”",
    "star_result": "{impact}, exactly as your CV has it; add how it was measured and who noticed. ",
    "star_no_number": "What changed because of it; use a number only if you can stand behind it. ",
    "star_close": "Say in one sentence what you learned, then close with why the same approach fits this role.",
    "fu_measure": "How did you measure that — {impact}?",
    "fu_again": "What would you do differently if you did it again today?",
    "fu_limit": "What is a limitation of {skill} you have run into, and how did you work around it?",
}


# =========================================================================================== the writer
@dataclass(frozen=True)
class _Proof:
    """A CV line that supports a requirement, with where it is."""

    req: RequirementMatch
    evidence: Evidence
    where: str


class _Writer:
    language = "en"  # the language of the engine's own sentences (`offline_he.HebrewWriter`: "he")
    phrases = PHRASES

    def __init__(self, ctx: GenerationContext) -> None:
        self.ctx = ctx
        self.cv = ctx.cv
        self.job = ctx.job
        self.match = ctx.match
        self.vocab = load_vocabulary()
        self.company = (self.job.company or "").strip()
        self.title = (self.job.title or "").strip()
        self.years = int(cv_years(self.cv, today=ctx.today))
        self.musts = [r for r in self.match.requirements if r.requirement.kind is RequirementKind.MUST]
        self.nices = [r for r in self.match.requirements if r.requirement.kind is RequirementKind.NICE]
        # Requirements the CV shows less than strongly that the user's own answers (allowed in the documents) cover:
        # the answer is their evidence, so no document calls them gaps any more.
        self.answered = answered_requirements(self.match, ctx.answers)
        self._sources: FactSources | None = None  # built on first use

    # ------------------------------------------------------------------------------ shared pieces
    def where(self, ev: Evidence) -> str:
        return evidence_where(self.cv, ev, self.language)

    def best_proof(self, rm: RequirementMatch, *, bullets_only: bool = False) -> _Proof | None:
        for ev in rm.evidence:
            if bullets_only and not (ev.section == "experience" and ev.bullet_index is not None):
                continue
            return _Proof(rm, ev, self.where(ev))
        return None

    def strong_proofs(self, limit: int) -> list[_Proof]:
        """The best distinct experience bullets, must-haves first."""
        out: list[_Proof] = []
        seen: set[str] = set()
        ranked = sorted(
            (r for r in self.match.requirements if r.status is not MatchStatus.MISSING),
            key=lambda r: (r.requirement.kind is not RequirementKind.MUST, r.status is not MatchStatus.MATCHED,
                           -r.score),
        )  # fmt: skip
        for rm in ranked:
            for ev in rm.evidence:
                if ev.section == "experience" and ev.bullet_index is not None and ev.text not in seen:
                    seen.add(ev.text)
                    out.append(_Proof(rm, ev, self.where(ev)))
                    break
            if len(out) >= limit:
                break
        return out

    def open_gap(self, rm: RequirementMatch) -> bool:
        """The CV does not fully meet the requirement, and no answer of the user covers it (`answered`)."""
        return rm.status is not MatchStatus.MATCHED and rm.requirement.text not in self.answered

    def gap_skills(self, *, must_only: bool = True) -> list[str]:
        """Missing skills of the (must-have) requirements still open (`open_gap`: an answered one is not a gap),
        without ones implied by another missing skill."""
        pool = self.musts if must_only else self.match.requirements
        out: list[str] = []
        for r in pool:
            if not self.open_gap(r):
                continue
            for s in r.missing_skills:
                if s not in out:
                    out.append(s)
        implied = set()
        for s in out:
            implied |= self.vocab.with_implied({s}) - {s}
        return [s for s in out if s not in implied]

    def matched_skills(self) -> list[str]:
        """JD skills the CV has, in the user's own spelling where the CV lists them."""
        own = {self.vocab.canonical_or_self(s): s for s in self.cv.skills}
        out: list[str] = []
        for r in self.match.requirements:
            for s in r.matched_skills:
                name = own.get(s)
                if name and name not in out:
                    out.append(name)
        return out

    def current_job(self) -> ExperienceEntry | None:
        return self.cv.experience[0] if self.cv.experience else None

    def years_phrase(self) -> str:
        if self.years < 1:
            return ""
        return f"{self.years} year{'s' if self.years != 1 else ''} of professional experience"

    def must_counts(self) -> tuple[int, int]:
        met = sum(1 for r in self.musts if r.status is MatchStatus.MATCHED)
        return met, len(self.musts)

    # ------------------------------------------------------------------------------ wording
    def say(self, key: str, **values: object) -> str:
        """One of the engine's sentences in its language (`PHRASES`), with the values filled in."""
        return self.phrases[key].format(**values)

    def join(self, items: list[str], last: str = "and") -> str:
        return _join(items, last)

    def prefixed(self, prefix: str, text: str) -> str:
        """Hebrew attaches a preposition to the word ("ב-Python"); English phrases carry their own words."""
        return text

    # ------------------------------------------------------------------------------ gap questions
    def gap_questions(self) -> GapQuestions:
        questions: list[GapQuestion] = []
        ordered = sorted(
            (r for r in self.match.requirements if r.status is not MatchStatus.MATCHED),
            key=lambda r: (r.requirement.kind is not RequirementKind.MUST, r.status is MatchStatus.PARTIAL),
        )
        for rm in ordered:
            req = rm.requirement
            label = _strip_end(req.text)
            missing = rm.missing_skills
            kind = self.say("must_kind" if req.kind is RequirementKind.MUST else "nice_kind")
            have, lack, lack_or = self.join(rm.matched_skills), self.join(missing), self.join(missing, "or")
            if missing and rm.matched_skills:
                question = self.say("gap_q_partial", have=have, lack=lack, lack_or=lack_or)
                why = self.say("gap_why_partial", kind=kind, both=self.join(rm.matched_skills + missing), have=have)
            elif missing:
                question = self.say("gap_q_missing", lack_or=lack_or)
                why = self.say("gap_why_missing", kind=kind, lack=lack)
            elif _years_of(req.text):
                question = self.say("gap_q_years", label=label, years=self.years)
                why = self.say("gap_why_years")
            else:
                question = self.say("gap_q_other", label=label)
                why = self.say("gap_why_partly" if rm.status is MatchStatus.PARTIAL else "gap_why_nothing")
            questions.append(
                GapQuestion(
                    id=f"q{len(questions) + 1}",
                    requirement=req.text,
                    question=question,
                    why=why,
                    skills=list(missing),
                    answer=self._answer_for(req.text),
                )
            )
        return GapQuestions(questions=questions)

    def _answer_for(self, requirement: str) -> str | None:
        for q in self.ctx.answers:
            if q.requirement == requirement and q.answer:
                return q.answer
        return None

    # ------------------------------------------------------------------------------ VPR
    def vpr(self) -> VPR:
        name = self.cv.full_name or "The candidate"
        met, total = self.must_counts()
        job_label = " at ".join(x for x in (self.title, self.company) if x) or "this role"
        headline = f"{name} for {job_label}"
        cur = self.current_job()
        lead = ""
        if cur and cur.role and cur.company:
            is_current = fold(cur.end_date or "") == "present" or fold(cur.dates_raw or "").endswith("present")
            lead = (
                f"{name} is a {cur.role} at {cur.company}"
                if is_current
                else f"{name} was most recently {_a(cur.role)} {cur.role} at {cur.company}"
            )
        else:
            lead = name
        years = self.years_phrase()
        summary = self._executive_summary(lead + (f", with {years}." if years else "."), met, total)

        strengths = []
        for p in self.strong_proofs(4):
            strengths.append(f"{_strip_end(p.evidence.text)} ({p.where})")

        rows = list(self.ctx.evidence) or evidence_matrix(self.cv, self.match, self.ctx.answers, self.language)

        gaps: list[str] = []
        for rm in self.match.requirements:
            if not self.open_gap(rm):
                continue
            kind = "must-have" if rm.requirement.kind is RequirementKind.MUST else "nice-to-have"
            detail = (
                f"not shown in the CV: {_join(rm.missing_skills)}"
                if rm.missing_skills
                else ("only partly shown in the CV" if rm.status is MatchStatus.PARTIAL else "not shown in the CV")
            )
            gaps.append(f"{_strip_end(rm.requirement.text)} ({kind}) — {detail}.")

        differentiators = self._differentiators({p.evidence.text for p in self.strong_proofs(4)})
        recommendations = self._recommendations()
        return VPR(
            headline=headline,
            summary=summary,
            strengths=strengths,
            evidence_matrix=rows,
            gaps=gaps,
            differentiators=differentiators,
            recommendations=recommendations,
            match_score=self.match.score,
        )

    def _executive_summary(self, lead: str, met: int, total: int) -> str:
        """200–250 words (the seed's executive summary) from the match and the CV: who, how the CV meets the
        must-haves, the strongest results, what else the candidate brings, the gaps and how to handle them. Only
        facts from the CV and the analysis; optional sentences fill to the range (`_fit`)."""
        essential = [lead]
        if total:
            partial = sum(1 for r in self.musts if r.status is MatchStatus.PARTIAL)
            essential.append(
                f"The CV meets {met} of the {total} must-have requirements in the posting"
                + (f" and partly meets {partial} more." if partial else ".")
                + f" Overall match: {self.match.score}/100."
            )
        else:
            essential.append(f"Overall match: {self.match.score}/100.")
        sentences: list[tuple[str, bool]] = [(x, True) for x in essential]
        proofs = self.strong_proofs(4)
        if proofs:
            where = _join(_unique([p.where.split(" — ")[0] for p in proofs[:3]]))
            sentences.append((f"The strongest evidence comes from {where}.", True))
        for p in proofs[:3]:
            topic = _join(_topics(p.req)[:2])
            sentences.append((f"For {topic}, the CV shows: {_strip_end(p.evidence.text)}.", True))
        skills = self.matched_skills()
        if skills:
            sentences.append((f"The skills the posting asks for that the CV lists are {_join(skills[:8])}.", False))
        if self.cv.certifications:
            names = _join([c.name for c in self.cv.certifications[:2]])
            noun = "certification" if len(self.cv.certifications[:2]) == 1 else "certifications"
            sentences.append((f"The CV lists the {names} {noun}.", False))
        school = next((e for e in self.cv.education if e.degree and e.institution), None)
        if school is not None:
            sentences.append((f"Education: {school.degree}, {school.institution}.", False))
        people = self._people_bullets()
        if people:
            sentences.append((f"Beyond the requirements, the CV shows leadership: {_strip_end(people[0])}.", False))
        missing = self.gap_skills()
        if missing:
            sentences.append(
                (
                    f"The main gaps are {_join(missing[:4])}: the CV does not show them, so no document claims "
                    "them. The gap questions ask about experience the CV leaves out; the interview prep covers "
                    "honest answers.",
                    True,
                )
            )
        nice = [r for r in self.nices if r.status is MatchStatus.MATCHED]
        if nice:
            sentences.append(
                (f"Of the nice-to-haves, the CV covers {_join([_topics(r)[0] for r in nice[:3]])}.", False)
            )
        if proofs:
            sentences.append(
                (
                    f"Lead with the result at {proofs[0].where.split(' — ')[0]}: it is the clearest answer to the "
                    "posting's first must-have.",
                    False,
                )
            )
        sentences.append(
            ("Every statement in this report is taken from the CV or from the analysis of the posting.", False)
        )
        text = _fit(sentences, *VPR_SUMMARY_WORDS)
        for start in ("The strongest evidence comes from", "The skills the posting asks for", "The main gaps are"):
            text = text.replace(f" {start}", f"\n\n{start}", 1)  # four short paragraphs read better than one
        return text

    def _differentiators(self, used: set[str]) -> list[str]:
        out: list[str] = []
        for c in self.cv.certifications:
            extra = ", ".join(x for x in (c.issuer, c.date) if x)
            out.append(self.say("certification", name=c.name) + (f" ({extra})" if extra else ""))
        for e in self.cv.education:
            parts = [x for x in (e.degree, e.institution) if x]
            if parts:
                out.append(self.say("education", what=", ".join(parts)))
        if len(self.cv.languages) > 1:
            out.append(self.say("languages", what=", ".join(self.cv.languages)))
        # measurable results not already used as strengths
        for i, job in enumerate(self.cv.experience):
            for j, b in enumerate(job.achievements):
                if b not in used and re.search(r"\d", b) and len(out) < 7:
                    ev = Evidence(section="experience", entry_index=i, bullet_index=j, text=b)
                    out.append(f"{_strip_end(b)} ({self.where(ev)})")
        return out

    def _recommendations(self) -> list[str]:
        out: list[str] = []
        proofs = self.strong_proofs(2)
        if proofs:
            topic = self.join(_topics(proofs[0].req)) if proofs[0].req.matched_skills else self.say("core_topic")
            place = proofs[0].where.split(" — ")[0]
            out.append(self.say("rec_lead", place=place, from_place=self.prefixed("מ", place), topic=topic))
        missing = self.gap_skills()
        if missing:
            out.append(self.say("rec_gaps", lack=self.join(missing)))
        years_req = self.job.years_required
        if years_req and self.years < years_req:
            out.append(self.say("rec_years", wanted=years_req, years=self.years))
        nice_hits = [r for r in self.nices if r.status is MatchStatus.MATCHED]
        covered = _unique([t for r in nice_hits for t in (r.matched_skills or [e.text for e in r.evidence[:1]])])
        if covered:
            out.append(self.say("rec_nice", covered=self.join(covered)))
        out.append(self.say("rec_exact"))
        return out

    # ------------------------------------------------------------------------------ tailored CV
    def tailored_cv(self) -> MasterCV:
        """The master CV with bullets and skills reordered by relevance. Nothing added, nothing reworded."""
        doc = self.cv.model_copy(deep=True)
        relevant_skills = set()
        for r in self.match.requirements:
            relevant_skills |= set(requirement_skills(r.requirement, self.vocab))
        relevant_skills |= {self.vocab.canonical_or_self(k) for k in self.job.keywords}
        job_words = {w for r in self.match.requirements for w in words(r.requirement.text)}
        job_words |= {w for t in self.job.responsibilities for w in words(t)}
        evidence_rank: dict[tuple[int, int], int] = {}
        for r in self.match.requirements:
            for ev in r.evidence:
                if ev.section == "experience" and ev.entry_index is not None and ev.bullet_index is not None:
                    key = (ev.entry_index, ev.bullet_index)
                    evidence_rank[key] = evidence_rank.get(key, 0) + (2 if r.status is MatchStatus.MATCHED else 1)

        for i, job in enumerate(doc.experience):
            scored = []
            for j, bullet in enumerate(job.achievements):
                skills_hit = len({m.skill for m in self.vocab.find(bullet)} & relevant_skills)
                words_hit = len(set(words(bullet)) & job_words) / 10
                score = evidence_rank.get((i, j), 0) * 3 + skills_hit * 2 + words_hit
                scored.append((-score, j, bullet))
            job.achievements = [b for _, _, b in sorted(scored)]
        first = [s for s in doc.skills if self.vocab.canonical_or_self(s) in relevant_skills]
        doc.skills = first + [s for s in doc.skills if s not in first]
        return doc

    # ------------------------------------------------------------------------------ cover letter
    def cover_letter(self) -> CoverLetter:
        """Three paragraphs (the seed's letter): a hook (80–100 words: the role, what the candidate brings,
        something specific about the company), proof (120–140: the top requirements, each a claim and a real
        result from the CV), a close (60–80: any honest gap, a call to action). Sentences are added in order of
        value until a paragraph reaches its range and dropped from the end when it overshoots; every sentence
        comes from the CV, the match or the posting itself."""
        company = self.company
        greeting = f"Dear {company} hiring team," if company else "Dear hiring manager,"
        if self.ctx.hiring_manager:
            greeting = f"Dear {self.ctx.hiring_manager},"
        proofs = self.strong_proofs(3)
        parts = [
            (self._checked(self._hook_sentences(proofs)), LETTER_HOOK_WORDS),
            (self._checked(self._proof_sentences(proofs)), LETTER_PROOF_WORDS),
            (self._checked(self._close_sentences()), LETTER_CLOSE_WORDS),
        ]
        paragraphs = [_fit(sentences, *words) for sentences, words in parts]
        for _ in range(3):  # a sentence can read differently next to another ("… since 2017" after an employer)
            flagged = {v.text for v in self._fact_check("\n\n".join(paragraphs))}
            if not flagged:
                break
            parts = [
                ([(t, e) for t, e in sentences if e or not any(f in t for f in flagged)], words)
                for sentences, words in parts
            ]
            paragraphs = [_fit(sentences, *words) for sentences, words in parts]
        # The signature is the name alone: the letterhead carries the contact details.
        return CoverLetter(
            greeting=greeting,
            paragraphs=[p for p in paragraphs if p],
            closing="Kind regards,",
            signature=self.cv.full_name or "",
        )

    def _checked(self, sentences: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
        """The optional sentences the fact check has nothing against (the letter is clean by construction)."""
        return [(s, essential) for s, essential in sentences if essential or not self._fact_check(s)]

    def _hook_sentences(self, proofs: list[_Proof]) -> list[tuple[str, bool]]:
        """(sentence, essential) in order; non-essential ones pad a short paragraph or go first when it is long."""
        company = self.company
        role_label = f"the {self.title} role" if self.title else "this role"
        out = [(f"I am applying for {role_label}" + (f" at {company}." if company else "."), True)]
        cur = self.current_job()
        if cur and cur.role and cur.company:
            is_current = fold(cur.end_date or "") == "present" or fold(cur.dates_raw or "").endswith("present")
            who = (
                f"I am {_a(cur.role)} {cur.role} at {cur.company}"
                if is_current
                else f"Most recently I was {_a(cur.role)} {cur.role} at {cur.company}"
            )
            years = self.years_phrase()
            out.append((who + (f", with {years}" if years else "") + ".", True))
        met, total = self.must_counts()
        topics = _unique([t for p in proofs[:2] for t in _topics(p.req)])[:3]
        if total and met:
            span = f", above all {_join(topics)}" if topics else ""
            verb = "describes" if met == 1 else "describe"
            out.append(
                (
                    f"Of the {_num(total)} core requirements in your posting, {_num(met)} {verb} work I have "
                    f"already done{span}.",
                    True,
                )
            )
        about = self._from_company_notes() or self._about_company()
        if about:
            out.append((about, False))
        skills = self.matched_skills()
        tone = self.ctx.letter_tone
        if len(skills) >= 3:
            out.append(
                (
                    f"Most of my work is in {_join(skills[:4])}, which is what this role is built on.",
                    tone == "technical",
                )
            )
        if tone == "enthusiastic":
            target = f"to {company}" if company else "to your team"
            out.append((f"I would be glad to bring that work {target}, and this posting is the kind I look for.", True))
        summary = re.split(r"(?<=[.!?])\s+", (self.cv.professional_summary or "").strip())[0].strip()
        if 6 <= len(summary.split()) <= 35:
            out.append((f"My CV sums it up: “{summary.rstrip('.')}.”", False))
        employers = _unique([e.company for e in self.cv.experience if e.company])
        if len(employers) >= 2:
            out.append((f"My background spans {_join(employers[:3])}.", False))
        if len(skills) < 3 and len(self.cv.skills) >= 3:
            out.append((f"My core skills are {_join(self.cv.skills[:4])}.", False))
        school = next((e for e in self.cv.education if e.degree and e.institution), None)
        if school is not None:
            out.append((f"I hold {_a(school.degree or '')} {school.degree} from {school.institution}.", False))
        out.append(("Below are the results that best show what I would bring to your team.", False))
        return out

    def _more_results(self, used: set[str], limit: int) -> list[str]:
        """Other results from the CV (bullets with a number first, most recent roles first), as letter sentences:
        they fill the proof paragraph when few requirements are met, and are the CV's own words."""
        candidates: list[tuple[bool, int, int, str]] = []
        for i, job in enumerate(self.cv.experience[:3]):
            for j, bullet in enumerate(job.achievements):
                first = fold(bullet.split(" ", 1)[0].strip(",;:")) if bullet.strip() else ""
                starts_with_verb = first in _PAST_VERBS or first in _PRESENT_VERBS  # else it reads as a sentence
                if starts_with_verb and bullet not in used and 5 <= len(bullet.split()) <= 40:
                    candidates.append((not re.search(r"\d", bullet), i, j, bullet))
        candidates.sort()
        chosen = sorted(candidates[:limit], key=lambda c: (c[1], c[2]))  # in CV order, so "I also" reads right
        out = []
        previous: int | None = None
        for _, i, j, bullet in chosen:
            ev = Evidence(section="experience", entry_index=i, bullet_index=j, text=bullet)
            out.append(_as_first_person(ev, self.cv, also=previous == i))
            previous = i
        return out

    def _from_company_notes(self) -> str:
        """The user's own note on the company (its first sentence), when the fact check has nothing against it:
        what the user knows is more specific than the posting's "about us"."""
        notes = " ".join(self.ctx.company_notes.split())
        if not notes or not self.company:
            return ""
        first = re.split(r"(?<=[.!?])\s+", notes)[0].strip().rstrip(".!")
        if not (4 <= len(first.split()) <= 30):
            return ""
        candidate = f"What draws me to {self.company}: {_lower_first(first)}."
        return "" if self._fact_check(candidate) else candidate

    def _about_company(self) -> str:
        """One sentence on what the company does, in the posting's own words ("Your posting says that your data
        platform team turns …"): a sentence naming the company, or a "we/our" sentence near the top of the ad.
        Left out when it has a figure (it would read as the candidate's claim) or the fact check objects."""
        if not self.company:
            return ""
        prose = _prose(self.job.raw_text or "")
        head = prose[: max(400, len(prose) // 3)]
        for sentence in re.split(r"(?<=[.!?])\s+", prose):
            clean = sentence.strip().rstrip(".!")
            lower_words = sum(1 for w in clean.split() if w[:1].islower())
            if (
                not (6 <= len(clean.split()) <= 28)
                or lower_words < 4
                or re.search(r"[\d·|•:]", clean)
                or clean.endswith("?")
            ):
                continue
            first = clean.split(" ", 1)[0]
            if fold(self.company) in fold(clean):
                clause = clean
            elif first in ("We", "Our") and clean in " ".join(head.split()):
                clause = {"We": "you", "Our": "your"}[first] + clean[len(first) :]
            else:
                continue
            candidate = f"Your posting says that {clause}, and that is work I want to be part of."
            if not self._fact_check(candidate):
                return candidate
        return ""

    def _fact_check(self, sentence: str) -> list[Violation]:
        if self._sources is None:
            self._sources = FactSources.from_cv(self.cv, self.ctx.confirmed_facts, today=self.ctx.today)
        return list(check_text(sentence, self._sources, target_company=self.company, target_title=self.title))

    def _proof_sentences(self, proofs: list[_Proof]) -> list[tuple[str, bool]]:
        out: list[tuple[str, bool]] = []
        for n, proof in enumerate(proofs):
            ask = _strip_end(proof.req.requirement.text)
            same = n > 0 and proof.evidence.entry_index == proofs[n - 1].evidence.entry_index
            evidence = _as_first_person(proof.evidence, self.cv, also=same)
            evidence = evidence[0].lower() + evidence[1:] if evidence.startswith(("At ", "From ")) else evidence
            if fold(ask).startswith(("you ", "you're ", "you are ")):  # "You write tests and care about CI/CD."
                sentence = f"{ask}, and so do I: {evidence}"
            else:
                ask = ask[0].lower() + ask[1:] if ask[:1].isupper() and not ask[1:2].isupper() else ask
                lead = "You ask for" if n == 0 else "You also ask for" if n == 1 else "And for"
                sentence = f"{lead} {ask}: {evidence}"
            if self._fact_check(sentence):  # the posting's wording must not read as a claim (a name, a figure)
                sentence = evidence[0].upper() + evidence[1:]
            out.append((sentence, True))
        used = {p.evidence.text for p in proofs}
        for sentence in self._more_results(used, 5):  # _fit takes only what the paragraph needs
            out.append((sentence, False))
        skills = self.matched_skills()
        if skills:
            out.append((f"Day to day I work with {_join(skills[:6])}.", self.ctx.letter_tone == "technical"))
        cert = self._cert_sentence().strip()
        if cert:
            out.append((cert, False))
        if len(proofs) < 2:
            out.append(("My CV has the details of each role and the tools I used there.", False))
        return out

    def _close_sentences(self) -> list[tuple[str, bool]]:
        company = self.company
        out: list[tuple[str, bool]] = []
        missing = self.gap_skills()
        if missing:
            it = "it" if len(missing) == 1 else "them"
            out.append(
                (
                    f"Your posting also asks for {_join(missing[:3])}, which I have not yet used in my work; I would "
                    f"rather say that plainly than stretch my CV, and I am ready to learn {it} quickly.",
                    True,
                )
            )
        target = company or "your team"
        tone = self.ctx.letter_tone
        if tone == "enthusiastic":
            out.append((f"I would love the chance to talk about how I could contribute to {target}.", True))
        else:
            out.append((f"I would welcome a conversation about how I could contribute to {target}.", True))
        if tone == "technical":
            out.append(("I am happy to go deeper into the design and the trade-offs behind any of this work.", True))
        out.append(("I can walk you through any of the work above in more detail, or share examples of it.", False))
        out.append(("Thank you for your time and for considering my application.", False))
        out.append(("I look forward to hearing from you.", False))
        return out

    def _cert_sentence(self) -> str:
        if not self.cv.certifications:
            return ""
        names = [c.name for c in self.cv.certifications[:2]]
        noun = "certification" if len(names) == 1 else "certifications"
        return f" I also hold the {_join(names)} {noun}."

    # ------------------------------------------------------------------------------ interview prep
    def interview_prep(self) -> InterviewPrep:
        """At most ten likely questions (≤ 4 per type: technical, behavioural, situational, gap, plus motivation),
        each with what the interviewer evaluates, a STAR outline from the CV's own lines (with prompts for what
        only the candidate knows), likely follow-ups; 5–7 questions to ask; a 30-second pitch."""
        say = self.say
        qs: list[InterviewQuestion] = []
        for rm in self.musts:
            if rm.status is MatchStatus.MISSING:
                continue
            label = _strip_end(rm.requirement.text)
            skills = rm.matched_skills
            joined = self.join(skills)
            in_skills = self.prefixed("ב", joined)
            proof = self.best_proof(rm, bullets_only=True)
            proof_lines = [e.text for e in rm.evidence if e.section in ("experience", "summary")][:2]
            if skills:
                question = say("iq_technical", skills=joined, in_skills=in_skills)
                category = "technical"
                evaluates = say("ev_technical", skills=joined, in_skills=in_skills)
            else:
                question = say("iq_behavioural", label=label, label_lower=label.lower())
                category = "behavioural"
                evaluates = say("ev_behavioural")
            if proof is not None:  # the STAR outline tells the story; the points only add what to stress
                points = [say("pt_own")]
                if len(proof_lines) > 1:
                    points.append(say("pt_second", line=proof_lines[1]))
            else:
                points = [say("pt_situation", line=t) for t in proof_lines] or [
                    say("pt_lists", skills=joined) if skills else say("pt_pick")
                ]
                points.append(say("pt_own"))
            focus = say("focus_skills", skills=joined, in_skills=in_skills) if skills else say("focus_part")
            qs.append(
                InterviewQuestion(
                    question=question,
                    category=category,
                    why_asked=say("why_must", label=label),
                    talking_points=points,
                    evidence=[e.text for e in rm.evidence][:3],
                    evaluates=evaluates,
                    star=self._star(proof.evidence, focus) if proof else None,
                    follow_ups=self._follow_ups(proof, skills),
                )
            )
        people = self._people_bullets()
        if people:
            ev = self._evidence_for_bullet(people[0])
            qs.append(
                InterviewQuestion(
                    question=say("iq_people"),
                    category="behavioural",
                    why_asked=say("why_people"),
                    talking_points=[say("pt_use", line=b) for b in people[:2]],
                    evidence=people[:2],
                    evaluates=say("ev_people"),
                    star=self._star(ev, say("focus_people")) if ev else None,
                    follow_ups=[say("fu_people_1"), say("fu_people_2")],
                )
            )
        if self.job.responsibilities:
            duty = _strip_end(self.job.responsibilities[0])
            proofs = self.strong_proofs(1)
            qs.append(
                InterviewQuestion(
                    question=say("iq_situational", duty=duty, duty_lower=_lower_first(duty)),
                    category="situational",
                    why_asked=say("why_situational"),
                    talking_points=[say("pt_first_find"), say("pt_first_steps")]
                    + ([say("pt_anchor", line=proofs[0].evidence.text)] if proofs else []),
                    evidence=[p.evidence.text for p in proofs],
                    evaluates=say("ev_situational"),
                    follow_ups=[say("fu_situational_1"), say("fu_situational_2")],
                )
            )
        for rm in self.match.requirements:
            if rm.status is MatchStatus.MATCHED:
                continue
            label = _strip_end(rm.requirement.text)
            plain = label.lower() if self.language == "en" else label  # Hebrew has no capitals to lower
            gap = self.join(rm.missing_skills) if rm.missing_skills else plain
            related = [e.text for e in rm.evidence if e.section == "experience"][:1]
            points = [say("pt_honest", gap=gap)]
            if related:
                points.append(say("pt_closest", line=related[0]))
            points.append(say("pt_learn"))
            qs.append(
                InterviewQuestion(
                    question=say("iq_gap", label=label, label_lower=label.lower()),
                    category="gap",
                    why_asked=say("why_gap"),
                    talking_points=points,
                    evidence=related,
                    evaluates=say("ev_gap"),
                    follow_ups=[say("fu_gap", gap=gap)],
                )
            )
        company = self.company or say("the_company")
        at_company = self.prefixed("ב", self.company) if self.company else say("at_the_company")
        motivation_points = []
        proofs = self.strong_proofs(1)
        if proofs:
            motivation_points.append(say("pt_connect", line=proofs[0].evidence.text))
        motivation_points.append(say("pt_why_company", company=company, at_company=at_company))
        qs.append(
            InterviewQuestion(
                question=say("iq_motivation", company=company, at_company=at_company),
                category="motivation",
                why_asked=say("why_motivation"),
                talking_points=motivation_points,
                evidence=[p.evidence.text for p in proofs],
                evaluates=say("ev_motivation"),
                follow_ups=[say("fu_motivation")],
            )
        )
        to_ask = [
            say("ask_success", title=self.title or say("the_person")),
            say("ask_challenge"),
            say("ask_review") if any(r.matched_skills for r in self.match.requirements) else say("ask_decide"),
        ]
        if self.job.responsibilities:
            to_ask.append(say("ask_duty", duty=_strip_end(self.job.responsibilities[0])))
        to_ask += [say("ask_measure"), say("ask_first_month"), say("ask_next")]
        return InterviewPrep(questions=qs, questions_to_ask=to_ask[:7], pitch=self._pitch())

    def _evidence_for_bullet(self, bullet: str) -> Evidence | None:
        for i, job in enumerate(self.cv.experience):
            for j, b in enumerate(job.achievements):
                if b == bullet:
                    return Evidence(section="experience", entry_index=i, bullet_index=j, text=b)
        return None

    def _star(self, ev: Evidence, task: str) -> StarOutline:
        """STAR from one CV line: where and when (the role), the task (what the job asks), what the candidate did
        (the line itself), the result (its measurable clause) — with prompts for what only they can add."""
        job = self.cv.experience[ev.entry_index] if ev.entry_index is not None else None
        where = ""
        if job is not None:
            dates = (job.dates_raw or " – ".join(x for x in (job.start_date, job.end_date) if x)).strip()
            where = ", ".join(x for x in (job.role, job.company) if x) + (f" ({dates})" if dates else "")
        impact = _result_phrase(ev.text)
        others = [b for b in job.achievements if b != ev.text][:1] if job is not None else []
        more = self.say("star_more", line=_strip_end(others[0])) if others else ""
        result = (
            self.say("star_result", impact=impact[:1].upper() + impact[1:]) if impact else self.say("star_no_number")
        )
        return StarOutline(
            situation=(f"{where}. " if where else "") + self.say("star_situation"),
            # the CV's own skills or a plain phrase: the posting's wording could read as a claim here
            task=self.say("star_task", task=task),
            action=self.say("star_action", line=_strip_end(ev.text)) + more,
            result=result + self.say("star_close"),
        )

    def _follow_ups(self, proof: _Proof | None, skills: list[str]) -> list[str]:
        out = []
        if proof is not None:
            impact = _result_phrase(proof.evidence.text)
            if impact:
                out.append(self.say("fu_measure", impact=impact))
            out.append(self.say("fu_again"))
        if skills:
            out.append(self.say("fu_limit", skill=skills[0]))
        return out[:3]

    def _pitch(self) -> str:
        """About 30 seconds (~75 words) to introduce oneself, from the CV only."""
        parts = []
        cur = self.current_job()
        name = self.cv.full_name or ""
        if cur and cur.role:
            at = f" at {cur.company}" if cur.company else ""
            years = self.years_phrase()
            intro = f"I'm {name}, " if name else "I'm "
            parts.append(f"{intro}{_a(cur.role)} {cur.role}{at}" + (f", with {years}." if years else "."))
        for proof in self.strong_proofs(2):
            parts.append(_as_first_person(proof.evidence, self.cv))
        skills = self.matched_skills()
        if skills:
            parts.append(f"Most of my work is in {_join(skills[:3])}, which is why this role caught my eye.")
        return " ".join(parts)

    def _people_bullets(self) -> list[str]:
        out = []
        for job in self.cv.experience:
            for b in job.achievements:
                first = fold(b.split(" ", 1)[0]) if b else ""
                if first in _MENTOR_WORDS:
                    out.append(b)
        return out


# =========================================================================================== text helpers
def word_count(text: str) -> int:
    return len(re.findall(r"[\w'’%$€£.-]+", text))


def _prose(text: str) -> str:
    """A job ad's running text: lines of one paragraph joined (ads wrap sentences), bullet lines and headings
    kept apart as sentences of their own."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        current = ""
        for line in lines:
            if re.match(r"^([-*•·]|\d+[.)])\s", line) or not current:
                if current:
                    out.append(current)
                current = line
            else:
                current += " " + line
        if current:
            out.append(current)
    return " ".join(p if p.endswith((".", "!", "?")) else p + "." for p in out)


def _fit(sentences: list[tuple[str, bool]], low: int, high: int) -> str:
    """A paragraph from (sentence, essential) pairs: every essential sentence, then the optional ones in order
    while the paragraph is under `low` words and the next one keeps it within `high` (one may overshoot `high`
    when the paragraph would otherwise stay far below `low`)."""
    chosen = [s for s, essential in sentences if essential]
    for s, essential in sentences:
        if essential:
            continue
        count = word_count(" ".join(chosen))
        if count >= low:
            break
        if count + word_count(s) <= high or count < low * 0.85:
            chosen.append(s)
    ordered = [s for s, _ in sentences if s in chosen]
    return " ".join(ordered)


_NUMBER_PHRASE = re.compile(  # English and Hebrew ("מ-15 דקות ל-40 שניות", "1.2 מיליון תשלומים"), "50K", "$2M"
    r"(?:from\s+|מ-)?[$€£]?\d[\d.,]*(?:\s*(?:%|×|million\b|billion\b|thousand\b|x\b|k\b|m\b))?"
    r"(?:\s+(?:(?:to\s+|ל-)[$€£]?\d[\d.,]*\s*\w*|[a-zA-Z\u0590-\u05ff-]+)){0,4}",
    re.IGNORECASE,
)


def _result_phrase(text: str) -> str:
    """The measurable result of a CV line: its clause with a number ("cutting event latency from 15 minutes to
    40 seconds"), or, when the whole line is one clause, the number with the words after it ("1.2 million card
    payments a month"); "" without a number."""
    impact = business_impact(text)
    if not impact or impact != _strip_end(text):
        return impact
    m = _NUMBER_PHRASE.search(text)
    if not m:
        return impact
    phrase = m.group(0).split()
    while len(phrase) > 1 and phrase[-1].casefold() in _DANGLING:
        phrase.pop()
    return _strip_end(" ".join(phrase))


_DANGLING = frozenset({"a", "an", "the", "of", "to", "by", "for", "with", "through", "in", "on", "at", "and", "or"})


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def _strip_end(text: str) -> str:
    return text.strip().rstrip(".;:").strip()


def _join(items: list[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _a(word: str) -> str:
    """The article: "an engineer", "a developer", and by sound for abbreviations: "an M.Sc.", "an SRE"."""
    letter_sound = len(word) > 1 and (word[1] == "." or word[1].isupper()) and word[:1] in "FHLMNRSX"
    return "an" if word[:1].lower() in "aeiou" or letter_sound else "a"


def _years_of(text: str) -> int | None:
    m = re.search(r"(\d{1,2})\s*\+?\s*years?", text, re.IGNORECASE)
    return int(m.group(1)) if m else None


def _topics(rm: RequirementMatch) -> list[str]:
    if rm.matched_skills:
        return list(rm.matched_skills)
    return [_strip_end(rm.requirement.text).lower()]


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def _num(n: int) -> str:
    names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    return names[n] if 0 <= n < len(names) else str(n)


def _as_first_person(ev: Evidence, cv: MasterCV, *, also: bool = False) -> str:
    """A CV bullet as a sentence of the letter: "At Acme, I rebuilt …". The bullet's words are kept as they are;
    only the first letter is lowered when it starts with an ordinary verb."""
    text = ev.text.strip()
    place = ""
    if ev.entry_index is not None and ev.entry_index < len(cv.experience):
        place = cv.experience[ev.entry_index].company or ""
    first = text.split(" ", 1)[0]
    first_low = first.lower().strip(",;:")
    if first_low in _PAST_VERBS or first_low in _PRESENT_VERBS or (first_low.endswith("ed") and first.istitle()):
        sentence = ("I also " if also else "I ") + first_low + text[len(first) :]
        sentence = sentence if sentence.endswith((".", "!", "?")) else sentence + "."
        return f"At {place}, {sentence}" if place and not also else sentence
    sentence = text if text.endswith((".", "!", "?")) else text + "."
    return f"From my time at {place}: {sentence}" if place and not also else sentence

"""The offline engine in Hebrew: the same evidence, the same honesty rules, sentences written in Hebrew.

`HebrewWriter` reuses everything the English writer knows (the match, the strongest proofs, the gaps, the letter's
word ranges and fact-checked optional sentences) and only says it in Hebrew. The wording avoids forms that
depend on the reader's gender: the letter speaks in the first person past ("בניתי", "הובלתי") and the future
("אשמח"), which Hebrew writes the same for everyone; the report speaks about "קורות החיים", not about him or her;
questions use the second person past ("עבדת"), written the same for a man and a woman. CV lines are quoted as
the user wrote them (an English CV stays English inside the Hebrew text; nothing is translated).
"""

from __future__ import annotations

import re

from careervp_desktop.analysis.textnorm import fold
from careervp_desktop.domain.artifacts import (
    VPR,
    CoverLetter,
)
from careervp_desktop.domain.models import Evidence, MatchStatus, RequirementKind
from careervp_desktop.generation.offline import (
    VPR_SUMMARY_WORDS,
    _fit,
    _Proof,
    _strip_end,
    _topics,
    _unique,
    _Writer,
)

_HEBREW = re.compile(r"[\u0590-\u05ff]")


def with_prefix(prefix: str, text: str) -> str:
    """A one-letter Hebrew prefix (ב, ל, מ, כ, ו, ש) on a word: attached to a Hebrew word (the article ה dropped
    after ב, ל, כ: "בטכניון"), with a hyphen before Latin letters or digits ("ב-Nordlane", "ו-Kafka")."""
    text = text.strip()
    if not text:
        return prefix
    if _HEBREW.match(text):
        if prefix in "בלכ" and text.startswith("ה") and len(text) > 2:
            text = text[1:]
        return prefix + text
    return f"{prefix}-{text}"


def join_he(items: list[str], last: str = "ו") -> str:
    """ "א, ב ו-ג"; `last` "או" gives "א, ב או ג"."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    tail = with_prefix("ו", items[-1]) if last == "ו" else f"{last} {items[-1]}"
    return f"{', '.join(items[:-1])} {tail}"


def _quoted(text: str) -> str:
    return f"“{_strip_end(text)}”"


HE_PHRASES: dict[str, str] = {
    "must_kind": "החובה",
    "nice_kind": "היתרון",
    "gap_q_partial": "בקורות החיים מופיעים {have}, אבל לא {lack}. האם עבדת עם {lack_or} — בעבודה, בפרויקט צד או "
    "בקורס? איפה, כמה זמן, ומה עשית בעזרתם?",
    "gap_why_partial": "דרישת {kind} הזו כוללת {both}; קורות החיים מכסים רק את {have}.",
    "gap_q_missing": "האם עבדת עם {lack_or}? אם כן — איפה, כמה זמן, ומה בנית או הפעלת בעזרתם? אם לא — האם השתמשת "
    "במשהו קרוב?",
    "gap_why_missing": "דרישת {kind} הזו מזכירה את {lack}, שלא מופיעים בקורות החיים.",
    "gap_q_years": "המשרה דורשת “{label}”. לפי התאריכים בקורות החיים מצטברות כ-{years} שנים. האם יש ניסיון רלוונטי "
    "שעדיין לא מופיע בקורות החיים (תפקידים קודמים, עבודה עצמאית, מחקר)?",
    "gap_why_years": "התאריכים בקורות החיים מראים פחות שנים ממה שהדרישה מבקשת.",
    "gap_q_other": "המשרה דורשת “{label}”. מה עשית שמראה זאת? איפה זה היה, מה עשית, ומה הייתה התוצאה, אם הייתה?",
    "gap_why_partly": "קורות החיים נוגעים בזה רק בחלקו.",
    "gap_why_nothing": "שום דבר בקורות החיים עדיין לא מתייחס לזה.",
    "certification": "הסמכה: {name}",
    "education": "השכלה: {what}",
    "languages": "שפות: {what}",
    "core_topic": "הדרישות המרכזיות שלה",
    "rec_lead": "כדאי לפתוח בתוצאה {from_place}: זו הראיה הברורה ביותר למה שהמשרה מבקשת ({topic}).",
    "rec_gaps": "המשרה מבקשת {lack}, שלא מופיעים בקורות החיים: כדאי לענות על שאלות הפער, ולציין זאת כפער במקום "
    "לטעון לזה.",
    "rec_years": "המשרה מבקשת {wanted}+ שנות ניסיון; לפי התאריכים בקורות החיים מצטברות כ-{years}. עומק התוצאות יכול "
    "לדבר בעד עצמו.",
    "rec_nice": "בין דרישות היתרון יש דברים שקורות החיים מראים: {covered}. כדאי להזכיר אותם.",
    "rec_exact": "יש לשמור שמות, תפקידים, תאריכים ומספרים בדיוק כמו בקורות החיים; כל עריכה נבדקת מולם.",
    "iq_technical": "איך השתמשת בפועל {in_skills}?",
    "ev_technical": "עומק {in_skills}: שימוש אמיתי בייצור, השיקולים שעשית, ולמה.",
    "iq_behavioural": "מתי העבודה שלך הראתה את זה: {label}?",
    "ev_behavioural": "אחריות אישית: מה עשית בעצמך, איך עבדת עם אחרים, ומה השתנה.",
    "pt_own": "לומר מה עשית בעצמך, איך עשית את זה, ומה השתנה בזכותו.",
    "pt_second": "דוגמה שנייה אם ישאלו: {line}",
    "pt_situation": "מצב ותוצאה: {line}",
    "pt_lists": "בקורות החיים מופיעים {skills}.",
    "pt_pick": "לבחור דוגמה מוחשית אחת מקורות החיים.",
    "focus_skills": "העבודה {in_skills}",
    "focus_part": "החלק הזה של התפקיד",
    "why_must": "המשרה מציינת את “{label}” כדרישת חובה.",
    "iq_people": "מתי עזרת לאנשים בצוות שלך להתפתח או להגיע לתוצאות?",
    "why_people": "ברוב המשרות ברמה הזו יש הובלה או חניכה, ומראיינים בודקים זאת.",
    "pt_use": "דוגמה: {line}",
    "ev_people": "הובלה גם בלי תואר ניהולי: איך עוזרים לאחרים להצליח, ואיך יודעים שזה עבד.",
    "focus_people": "לעזור לצוות להגיע לתוצאות",
    "fu_people_1": "איך התאמת את הגישה שלך לאנשים שונים?",
    "fu_people_2": "מה היית עושה אחרת בפעם הבאה?",
    "iq_situational": "נניח שבחודש הראשון שלך כאן מבקשים ממך: {duty}. מה היו הצעדים הראשונים שלך?",
    "why_situational": "המשרה מציינת את זה כחלק מהתפקיד; שאלות מצב בודקות את דרך החשיבה.",
    "pt_first_find": "להתחיל במה שכדאי לברר קודם: האנשים, המערכת הקיימת, ומה נחשב הצלחה.",
    "pt_first_steps": "אחר כך הצעדים המוחשיים הראשונים, ואיך לבדוק שהם עובדים.",
    "pt_anchor": "לעגן את זה במשהו שכבר עשית: {line}",
    "ev_situational": "שיקול דעת ומבנה: איך ניגשים לעבודה חדשה ואת מי משתפים.",
    "fu_situational_1": "מה היה גורם לך לשנות את התוכנית?",
    "fu_situational_2": "איך אפשר לדעת שהתוכנית בכיוון הנכון?",
    "pt_honest": "לומר בכנות: קורות החיים לא מראים {gap}. לא למתוח ניסיון קרוב לכדי טענה.",
    "pt_closest": "הניסיון הקרוב ביותר שאפשר להזכיר: {line}",
    "pt_learn": "להסביר איך אפשר ללמוד את זה מהר, עם צעד ראשון מוחשי.",
    "iq_gap": "התפקיד כולל את זה: {label}. מה הניסיון שלך בתחום?",
    "why_gap": "קורות החיים לא מכסים בבירור את הדרישה הזו, ולכן היא צפויה לעלות.",
    "ev_gap": "כנות ומהירות למידה: האם מכירים את גבולות הניסיון.",
    "fu_gap": "מה הצעד הראשון ללמידת {gap} בשבועות הראשונים?",
    "the_company": "החברה",
    "at_the_company": "בחברה הזו",
    "pt_connect": "לקשר את התפקיד לעבודה שלך: {line}",
    "pt_why_company": "לומר במילים שלך מה במשרה גרם לך לרצות לעבוד {at_company}.",
    "iq_motivation": "למה המשרה הזו {at_company} מעניינת אותך?",
    "why_motivation": "נשאלת כמעט בכל ראיון; היא בודקת אם הבנת את התפקיד.",
    "ev_motivation": "האם הבנת את התפקיד ובחרת בו, ולא סתם בכל משרה.",
    "fu_motivation": "איפה היית רוצה להיות בעוד שנתיים-שלוש?",
    "the_person": "התפקיד",
    "ask_success": "איך תיראה הצלחה בחצי השנה הראשונה בתפקיד?",
    "ask_challenge": "מה האתגר הגדול ביותר שהצוות עובד עליו כרגע?",
    "ask_review": "איך הצוות עושה סקירת קוד ומחליט על כיוון טכני?",
    "ask_decide": "איך הצוות מחליט על מה לעבוד בהמשך?",
    "ask_duty": "במודעה מוזכר “{duty}”. איך העבודה הזו מתחלקת היום בצוות?",
    "ask_measure": "איך אתם מודדים אם הצוות מצליח?",
    "ask_first_month": "מה תצפו שאלמד עד סוף החודש הראשון?",
    "ask_next": "מה השלבים הבאים בתהליך?",
    "star_situation": "לתאר בקצרה את הרקע: המערכת או הצוות, מי היה תלוי בהם, מה לא עבד או היה נחוץ, ולמה זה היה "
    "חשוב דווקא אז. משפט או שניים מספיקים; המראיין צריך רק להבין את ההקשר.",
    "star_task": "מה היה באחריותך: {task}. מה הייתה נחשבת אז תוצאה טובה, ומי סמך עליך שתגיע אליה. כדאי לומר גם מה "
    "לא היה באחריותך, כדי שהתמונה תהיה מדויקת.",
    "star_action": "מה עשית, כפי שכתוב בקורות החיים: “{line}”. אחר כך הצעדים המוחשיים שעשית בעצמך (החלטה, כלי, "
    "שיחה), ומה היה קשה. לדבר בגוף ראשון, ״אני״ ולא ״אנחנו״, כדי שיהיה ברור מה היה החלק שלך, ולתת לכל צעד את "
    "הסיבה שבגללה בחרת בו.",
    "star_more": " אם ישאלו עוד, יש גם: “{line}”.",
    "star_result": "{impact}, בדיוק כמו בקורות החיים; להוסיף איך זה נמדד ומי שם לב. ",
    "star_no_number": "מה השתנה בזכות זה; מספר רק אם אפשר לעמוד מאחוריו. ",
    "star_close": "במשפט אחד: מה למדת מזה. לסיים בהסבר למה אותה גישה מתאימה לתפקיד הזה, ובמה היא תעזור לצוות "
    "שאליו את או אתה מתראיינים.",
    "fu_measure": "איך מדדת את זה — {impact}?",
    "fu_again": "מה היית עושה אחרת אם היית עושה את זה היום?",
    "fu_limit": "באיזו מגבלה של {skill} נתקלת, ואיך התמודדת איתה?",
}


class HebrewWriter(_Writer):
    language = "he"
    phrases = HE_PHRASES

    # ------------------------------------------------------------------------------ shared pieces
    def years_phrase(self) -> str:
        if self.years < 1:
            return ""
        if self.years == 1:
            return "שנת ניסיון מקצועי אחת"
        if self.years == 2:
            return "שנתיים של ניסיון מקצועי"
        return f"{self.years} שנות ניסיון מקצועי"

    def _kind(self, kind: RequirementKind) -> str:
        return "חובה" if kind is RequirementKind.MUST else "יתרון"

    def join(self, items: list[str], last: str = "and") -> str:
        return join_he(items, "או" if last == "or" else "ו")

    def prefixed(self, prefix: str, text: str) -> str:
        return with_prefix(prefix, text)

    def _line(self, ev: Evidence, *, also: bool = False) -> str:
        """A CV line as a sentence: "ב-Nordlane Logistics: Rebuilt …." — the user's words, where they were."""
        place = ""
        if ev.entry_index is not None and ev.entry_index < len(self.cv.experience):
            place = self.cv.experience[ev.entry_index].company or ""
        text = ev.text.strip()
        text = text if text.endswith((".", "!", "?")) else text + "."
        if also or not place:
            return f"בנוסף: {text}" if also else text
        return f"{with_prefix('ב', place)}: {text}"

    # ------------------------------------------------------------------------------ VPR
    def vpr(self) -> VPR:
        english = super().vpr()  # the same evidence, matrix and choices; the words are replaced below
        name = self.cv.full_name or "המועמד/ת"
        headline = f"{name} למשרת {self.title}" if self.title else f"{name} — הצעת ערך"
        if self.company:
            headline += f" {with_prefix('ב', self.company)}"
        cur = self.current_job()
        if cur and cur.role and cur.company:
            is_current = fold(cur.end_date or "") == "present" or fold(cur.dates_raw or "").endswith("present")
            lead = f"{name} — {cur.role} {with_prefix('ב', cur.company)}"
            lead = lead if is_current else f"{name} — לאחרונה {cur.role} {with_prefix('ב', cur.company)}"
        else:
            lead = name
        years = self.years_phrase()
        met, total = self.must_counts()
        summary = self._executive_summary(lead + (f", עם {years}." if years else "."), met, total)
        gaps: list[str] = []
        for rm in self.match.requirements:
            if not self.open_gap(rm):
                continue
            detail = (
                f"לא מופיע בקורות החיים: {join_he(rm.missing_skills)}"
                if rm.missing_skills
                else ("מופיע בקורות החיים רק בחלקו" if rm.status is MatchStatus.PARTIAL else "לא מופיע בקורות החיים")
            )
            gaps.append(f"{_strip_end(rm.requirement.text)} (דרישת {self._kind(rm.requirement.kind)}) — {detail}.")
        strengths = [f"{_strip_end(p.evidence.text)} ({p.where})" for p in self.strong_proofs(4)]
        return english.model_copy(
            update={
                "headline": headline,
                "summary": summary,
                "strengths": strengths,
                "gaps": gaps,
                "differentiators": self._differentiators({p.evidence.text for p in self.strong_proofs(4)}),
                "recommendations": self._recommendations(),
            }
        )

    def _executive_summary(self, lead: str, met: int, total: int) -> str:
        essential = [lead]
        if total:
            partial = sum(1 for r in self.musts if r.status is MatchStatus.PARTIAL)
            essential.append(
                f"קורות החיים עונים על {met} מתוך {total} דרישות החובה במשרה"
                + (f", ועל {partial} נוספות באופן חלקי." if partial else ".")
                + f" התאמה כוללת: {self.match.score}/100."
            )
        else:
            essential.append(f"התאמה כוללת: {self.match.score}/100.")
        sentences: list[tuple[str, bool]] = [(x, True) for x in essential]
        proofs = self.strong_proofs(4)
        if proofs:
            where = join_he(_unique([p.where.split(" — ")[0] for p in proofs[:3]]))
            sentences.append((f"הראיות החזקות ביותר מגיעות {with_prefix('מ', where)}.", True))
        for p in proofs[:3]:
            topic = join_he(_topics(p.req)[:2])
            sentences.append((f"לגבי {topic}, קורות החיים מראים: {_strip_end(p.evidence.text)}.", True))
        skills = self.matched_skills()
        if skills:
            sentences.append((f"הכישורים שהמשרה מבקשת ושמופיעים בקורות החיים: {join_he(skills[:8])}.", False))
        met_reqs = [_strip_end(r.requirement.text) for r in self.musts if r.status is MatchStatus.MATCHED]
        if met_reqs:
            sentences.append((f"דרישות החובה שקורות החיים עונים עליהן במלואן: {'; '.join(met_reqs[:4])}.", False))
        part_reqs = [_strip_end(r.requirement.text) for r in self.musts if r.status is MatchStatus.PARTIAL]
        if part_reqs:
            sentences.append((f"דרישות החובה שקורות החיים עונים עליהן בחלקן: {'; '.join(part_reqs[:3])}.", False))
        if self.cv.certifications:
            sentences.append((f"הסמכות: {join_he([c.name for c in self.cv.certifications[:2]])}.", False))
        school = next((e for e in self.cv.education if e.degree and e.institution), None)
        if school is not None:
            sentences.append((f"השכלה: {school.degree}, {school.institution}.", False))
        people = self._people_bullets()
        if people:
            sentences.append((f"מעבר לדרישות, קורות החיים מראים גם הובלה: {_strip_end(people[0])}.", False))
        missing = self.gap_skills()
        if missing:
            sentences.append(
                (
                    f"הפערים העיקריים הם {join_he(missing[:4])}: קורות החיים לא מראים אותם, ולכן אף מסמך לא טוען "
                    "להם. שאלות הפער שואלות על ניסיון שחסר בקורות החיים, וההכנה לראיון מציעה תשובות כנות.",
                    True,
                )
            )
        nice = [r for r in self.nices if r.status is MatchStatus.MATCHED]
        if nice:
            covered = join_he([_topics(r)[0] for r in nice[:3]])
            sentences.append((f"מתוך דרישות היתרון, קורות החיים מכסים את {covered}.", False))
        if proofs:
            place = with_prefix("מ", proofs[0].where.split(" — ")[0])
            sentences.append((f"כדאי לפתוח בתוצאה {place}: זו התשובה הברורה ביותר לדרישת החובה הראשונה.", False))
        if len(self.cv.languages) > 1:
            sentences.append((f"שפות: {join_he(self.cv.languages)}.", False))
        sentences.append(
            (
                "הניתוח משווה כל דרישה במודעה לשורות בקורות החיים ומדרג את הראיות: חזקה, בינונית או מתפתחת.",
                False,
            )
        )
        sentences.append(("כל משפט בדוח הזה לקוח מקורות החיים או מניתוח המשרה.", False))
        text = _fit(sentences, *VPR_SUMMARY_WORDS)
        for start in ("הראיות החזקות ביותר", "הכישורים שהמשרה מבקשת", "הפערים העיקריים"):
            text = text.replace(f" {start}", f"\n\n{start}", 1)
        return text

    # ------------------------------------------------------------------------------ cover letter
    def cover_letter(self) -> CoverLetter:
        letter = super().cover_letter()  # the paragraphs, fitted and fact-checked, from the Hebrew sentences below
        if self.ctx.hiring_manager:
            greeting = f"לכבוד {self.ctx.hiring_manager},"
        elif self.company:
            greeting = f"לצוות הגיוס {with_prefix('ב', self.company)}, שלום רב,"
        else:
            greeting = "שלום רב,"
        return letter.model_copy(update={"greeting": greeting, "closing": "בברכה,"})

    def _hook_sentences(self, proofs: list[_Proof]) -> list[tuple[str, bool]]:
        company = self.company
        role = f"למשרת {self.title}" if self.title else "למשרה"
        out = [(f"ברצוני להגיש את מועמדותי {role}" + (f" {with_prefix('ב', company)}." if company else "."), True)]
        cur = self.current_job()
        if cur and cur.role and cur.company:
            is_current = fold(cur.end_date or "") == "present" or fold(cur.dates_raw or "").endswith("present")
            who = (
                f"כיום אני {cur.role} {with_prefix('ב', cur.company)}"
                if is_current
                else f"לאחרונה עבדתי {with_prefix('כ', cur.role)} {with_prefix('ב', cur.company)}"
            )
            years = self.years_phrase()
            out.append((who + (f", עם {years}" if years else "") + ".", True))
        met, total = self.must_counts()
        topics = _unique([t for p in proofs[:2] for t in _topics(p.req)])[:3]
        if total and met:
            span = f", ובראשן {join_he(topics)}" if topics else ""
            out.append((f"מתוך {total} דרישות הליבה במשרה, {met} מתארות עבודה שכבר עשיתי{span}.", True))
        about = self._from_company_notes() or self._about_company()
        if about:
            out.append((about, False))
        skills = self.matched_skills()
        tone = self.ctx.letter_tone
        if len(skills) >= 3:
            out.append(
                (
                    f"רוב העבודה שלי היא {with_prefix('ב', join_he(skills[:4]))}, ועל זה המשרה בנויה.",
                    tone == "technical",
                )
            )
        if tone == "enthusiastic":
            target = with_prefix("ל", company) if company else "לצוות שלכם"
            out.append((f"אשמח מאוד להביא את הניסיון הזה {target}; זו בדיוק משרה מהסוג שחיפשתי.", True))
        summary = re.split(r"(?<=[.!?])\s+", (self.cv.professional_summary or "").strip())[0].strip()
        if 6 <= len(summary.split()) <= 35:
            out.append((f"קורות החיים שלי מסכמים זאת כך: {_quoted(summary)}.", False))
        employers = _unique([e.company for e in self.cv.experience if e.company])
        if len(employers) >= 2:
            out.append((f"הרקע שלי כולל עבודה {with_prefix('ב', join_he(employers[:3]))}.", False))
        if len(skills) < 3 and len(self.cv.skills) >= 3:
            out.append((f"הכישורים המרכזיים שלי: {join_he(self.cv.skills[:4])}.", False))
        school = next((e for e in self.cv.education if e.degree and e.institution), None)
        if school is not None:
            out.append((f"לימודיי: {school.degree}, {school.institution}.", False))
        out.append(("להלן התוצאות שמראות בצורה הטובה ביותר מה אביא לצוות שלכם.", False))
        return out

    def _from_company_notes(self) -> str:
        notes = " ".join(self.ctx.company_notes.split())
        if not notes or not self.company:
            return ""
        first = re.split(r"(?<=[.!?])\s+", notes)[0].strip().rstrip(".!")
        if not (4 <= len(first.split()) <= 30):
            return ""
        candidate = f"מה שמושך אותי {with_prefix('ל', self.company)}: {first}."
        return "" if self._fact_check(candidate) else candidate

    def _about_company(self) -> str:
        """A sentence of the ad that names the company, quoted as the ad's ("במודעה כתוב ש…")."""
        if not self.company:
            return ""
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", self.job.raw_text or ""):
            clean = sentence.strip().rstrip(".!")
            if not (6 <= len(clean.split()) <= 28) or re.search(r"[\d·|•:]", clean) or clean.endswith("?"):
                continue
            if fold(self.company) in fold(clean) or fold(self.company.split()[0]) == fold(clean.split()[0]):
                candidate = f"במודעה כתוב: {_quoted(clean)}, וזו עבודה שאני רוצה להיות חלק ממנה."
                if not self._fact_check(candidate):
                    return candidate
        return ""

    def _proof_sentences(self, proofs: list[_Proof]) -> list[tuple[str, bool]]:
        out: list[tuple[str, bool]] = []
        for n, proof in enumerate(proofs):
            ask = _strip_end(proof.req.requirement.text)
            same = n > 0 and proof.evidence.entry_index == proofs[n - 1].evidence.entry_index
            evidence = self._line(proof.evidence, also=same)
            lead = ("המשרה דורשת", "היא דורשת גם", "ולגבי")[min(n, 2)]
            sentence = f"{lead} {_quoted(ask)}. {evidence}"
            if self._fact_check(sentence):  # the ad's wording must not read as a claim
                sentence = evidence
            out.append((sentence, True))
        used = {p.evidence.text for p in proofs}
        last = proofs[-1].evidence.entry_index if proofs else None
        for sentence in self._more_results(used, 5, after=last):
            out.append((sentence, False))
        skills = self.matched_skills()
        if skills:
            out.append((f"בעבודה היומיומית שלי: {join_he(skills[:6])}.", self.ctx.letter_tone == "technical"))
        cert = self._cert_sentence().strip()
        if cert:
            out.append((cert, False))
        if len(proofs) < 2:
            out.append(("בקורות החיים שלי מופיעים הפרטים של כל תפקיד והכלים שבהם השתמשתי.", False))
        return out

    def _more_results(self, used: set[str], limit: int, *, after: int | None = None) -> list[str]:
        """Other CV lines (with a number first), in CV order; a line from the role named just before (`after`)
        says "בנוסף" instead of naming the place again."""
        candidates: list[tuple[bool, int, int, str]] = []
        for i, job in enumerate(self.cv.experience[:3]):
            for j, bullet in enumerate(job.achievements):
                if bullet not in used and 5 <= len(bullet.split()) <= 40:
                    candidates.append((not re.search(r"\d", bullet), i, j, bullet))
        candidates.sort()
        chosen = sorted(candidates[:limit], key=lambda c: (c[1], c[2]))
        out = []
        previous = after
        for _, i, j, bullet in chosen:
            ev = Evidence(section="experience", entry_index=i, bullet_index=j, text=bullet)
            out.append(self._line(ev, also=previous == i))
            previous = i
        return out

    def _close_sentences(self) -> list[tuple[str, bool]]:
        out: list[tuple[str, bool]] = []
        missing = self.gap_skills()
        if missing:
            out.append(
                (
                    f"המשרה מבקשת גם ניסיון עם {join_he(missing[:3])}, ניסיון שעדיין אין לי בעבודה. עדיף לי לומר זאת "
                    "בפשטות מאשר למתוח את קורות החיים, ואשמח ללמוד במהירות את מה שחסר.",
                    True,
                )
            )
        target = with_prefix("ל", self.company) if self.company else "לצוות שלכם"
        tone = self.ctx.letter_tone
        if tone == "enthusiastic":
            out.append((f"אשמח מאוד לשוחח על האופן שבו אוכל לתרום {target}.", True))
        else:
            out.append((f"אשמח לשיחה על הדרכים שבהן אוכל לתרום {target}.", True))
        if tone == "technical":
            out.append(("אשמח גם להעמיק בתכנון ובשיקולים שמאחורי כל אחת מהעבודות האלה.", True))
        out.append(("אשמח להציג כל אחת מהעבודות שלמעלה בפירוט רב יותר, או לשתף דוגמאות.", False))
        out.append(("תודה על הזמן ועל בחינת מועמדותי.", False))
        out.append(("אשמח לשמוע מכם.", False))
        return out

    def _cert_sentence(self) -> str:
        if not self.cv.certifications:
            return ""
        names = [c.name for c in self.cv.certifications[:2]]
        return f" יש לי גם {'הסמכת' if len(names) == 1 else 'הסמכות'} {join_he(names)}."

    # ------------------------------------------------------------------------------ interview prep
    def _pitch(self) -> str:
        parts = []
        cur = self.current_job()
        name = self.cv.full_name or ""
        if cur and cur.role:
            at = f" {with_prefix('ב', cur.company)}" if cur.company else ""
            years = self.years_phrase()
            intro = f"אני {name}, " if name else "אני "
            parts.append(f"{intro}{cur.role}{at}" + (f", עם {years}." if years else "."))
        for proof in self.strong_proofs(2):
            parts.append(self._line(proof.evidence))
        skills = self.matched_skills()
        if skills:
            parts.append(f"רוב העבודה שלי היא {with_prefix('ב', join_he(skills[:3]))}, ולכן המשרה הזו משכה את עיניי.")
        return " ".join(parts)

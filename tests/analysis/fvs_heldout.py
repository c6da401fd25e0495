"""A held-out FVS set, written from the issue's definitions (not from the rules in `analysis/fvs.py`).

Three master CVs of different shapes (an ICU nurse with a German employer, umlauts, a career gap and
education with end years only; a sales manager with €/$/k/M/×/"team of 12"/"2,500 users" and two roles at one
employer; a data scientist with aliases, a "Junior" title, an "Associate" certification and a short career).
For each: faithful documents (reworded, reordered, shortened, dates re-formatted, numbers rounded honestly,
aliases, names without diacritics, the target company named as the place applied to, skills named as gaps)
and fabrications derived from a faithful document by one edit (one per type and more).

`cases()` yields dicts in the shape of the shared dev set (`/work/shared/eval/fvs/README.md`), so
`write_set(folder)` can write a folder that the shared scorer reads (`--set folder`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# ------------------------------------------------------------------------------------------------ master CVs
NURSE: dict[str, Any] = {
    "full_name": "Anna Müller",
    "contact_info": {
        "email": "anna.mueller@example.de",
        "phone": "+49 221 555 0147",
        "location": "Köln, Germany",
        "linkedin": "linkedin.com/in/anna-mueller-rn",
        "website": None,
    },
    "professional_summary": "Registered nurse with intensive-care experience in German and Swiss hospitals. "
    "Trains new staff and leads quality projects on patient safety.",
    "experience": [
        {
            "company": "Universitätsklinikum Köln",
            "role": "Intensive Care Nurse",
            "location": "Köln, Germany",
            "start_date": "2019-03",
            "end_date": "present",
            "dates_raw": "Mar 2019 – present",
            "achievements": [
                "Care for up to 3 ventilated patients per shift in a 24-bed surgical ICU.",
                "Reduced central-line infections by 31% over two years by introducing a bundle checklist.",
                "Mentored a team of 12 newly qualified nurses during their first year.",
                "Documented care in SAP IS-H and the COPRA patient data management system.",
            ],
        },
        {
            "company": "Kantonsspital St. Gallen",
            "role": "Staff Nurse",
            "location": "St. Gallen, Switzerland",
            "start_date": "2014-09",
            "end_date": "2016-06",
            "dates_raw": "09/2014 – 06/2016",
            "achievements": [
                "Worked rotating shifts on a 30-bed cardiology ward.",
                "Cut average patient handover time from 25 to 15 minutes with a structured SBAR template.",
            ],
        },
    ],
    "education": [
        {
            "institution": "Universität zu Köln",
            "degree": "Postgraduate Certificate",
            "field_of_study": "Intensive Care Nursing",
            "start_date": None,
            "end_date": "2020",
            "dates_raw": "2020",
        },
        {
            "institution": "Katholische Hochschule Nordrhein-Westfalen",
            "degree": "Bachelor of Science",
            "field_of_study": "Nursing",
            "start_date": None,
            "end_date": "2014",
            "dates_raw": "2014",
        },
    ],
    "skills": [
        "Critical care",
        "Mechanical ventilation",
        "Wound care",
        "Medication administration",
        "SAP IS-H",
        "Patient education",
        "Infection control",
    ],
    "certifications": [
        {"name": "Basic Life Support (BLS)", "issuer": "American Heart Association", "date": "2023"},
        {
            "name": "Advanced Cardiovascular Life Support (ACLS)",
            "issuer": "American Heart Association",
            "date": "2022",
        },
    ],
    "languages": ["German", "English", "French"],
    "language": "en",
}

SALES: dict[str, Any] = {
    "full_name": "José Martínez",
    "contact_info": {
        "email": "jose.martinez@example.com",
        "phone": "+34 612 555 019",
        "location": "Barcelona, Spain",
        "linkedin": "linkedin.com/in/josemartinez-sales",
        "website": None,
    },
    "professional_summary": "Sales manager with B2B SaaS experience across Europe. Builds and coaches "
    "inside-sales teams and grows recurring revenue.",
    "experience": [
        {
            "company": "Cloudline Software GmbH",
            "role": "Regional Sales Manager",
            "location": "München, Germany",
            "start_date": "2020-01",
            "end_date": "present",
            "dates_raw": "January 2020 – Present",
            "achievements": [
                "Grew annual recurring revenue in DACH from €1.2M to €3.6M (3×) in three years.",
                "Hired and led a team of 12 account executives and SDRs.",
                "Closed 45 new enterprise accounts, including the largest deal in company history (€480k).",
                "Ran the pipeline in Salesforce and HubSpot and introduced MEDDIC qualification.",
            ],
        },
        {
            "company": "Brightwave Media",
            "role": "Account Executive",
            "location": "Barcelona, Spain",
            "start_date": "2016-05",
            "end_date": "2019-12",
            "dates_raw": "May 2016 – Dec 2019",
            "achievements": [
                "Exceeded quota by 18% on average over 14 quarters.",
                "Onboarded 2,500 users across 60 SMB customers.",
                "Managed a book of business worth $2.4M per year.",
            ],
        },
        {
            "company": "Brightwave Media",
            "role": "Junior Sales Representative",
            "location": "Barcelona, Spain",
            "start_date": "2015-02",
            "end_date": "2016-04",
            "dates_raw": "Feb 2015 – Apr 2016",
            "achievements": ["Booked 20 qualified meetings per month through cold outreach."],
        },
    ],
    "education": [
        {
            "institution": "Universitat Pompeu Fabra",
            "degree": "Bachelor of Business Administration",
            "field_of_study": "Business Administration",
            "start_date": "2011",
            "end_date": "2015",
            "dates_raw": "2011 – 2015",
        }
    ],
    "skills": [
        "B2B sales",
        "Salesforce",
        "HubSpot",
        "Negotiation",
        "Pipeline management",
        "Forecasting",
        "MEDDIC",
        "Excel",
    ],
    "certifications": [
        {"name": "Salesforce Certified Administrator", "issuer": "Salesforce", "date": "2021"},
        {"name": "HubSpot Inbound Sales Certification", "issuer": "HubSpot Academy", "date": "2019"},
    ],
    "languages": ["Spanish", "English", "German", "Catalan"],
    "language": "en",
}

DATA: dict[str, Any] = {
    "full_name": "Priya Raghunathan",
    "contact_info": {
        "email": "priya.r@example.com",
        "phone": "+1 510 555 0199",
        "location": "Oakland, CA",
        "linkedin": "linkedin.com/in/priya-raghunathan",
        "website": "priya-data.dev",
    },
    "professional_summary": "Data scientist who builds forecasting and risk models and ships them to production.",
    "experience": [
        {
            "company": "Lumen Health",
            "role": "Data Scientist",
            "location": "San Francisco, CA",
            "start_date": "2023-06",
            "end_date": "present",
            "dates_raw": "Jun 2023 – Present",
            "achievements": [
                "Built a readmission-risk model in Python (scikit-learn, XGBoost) that reduced 30-day "
                "readmissions by 35%.",
                "Deployed models as Go microservices on Kubernetes, serving 2M+ predictions per day.",
                "Led a team of 5 analysts and data engineers.",
                "Migrated the feature store from MySQL to PostgreSQL, cutting query latency 3×.",
            ],
        },
        {
            "company": "Google",
            "role": "Junior Data Analyst",
            "location": "Mountain View, CA",
            "start_date": "2021-07",
            "end_date": "2023-05",
            "dates_raw": "Jul 2021 – May 2023",
            "achievements": [
                "Built JavaScript dashboards with D3.js for the Ads quality team, used by 2,500 employees.",
                "Automated weekly reporting with SQL and Airflow, saving 10 hours per week.",
            ],
        },
    ],
    "education": [
        {
            "institution": "University of California, Berkeley",
            "degree": "Bachelor of Arts",
            "field_of_study": "Statistics",
            "start_date": "2017-08",
            "end_date": "2021-05",
            "dates_raw": "Aug 2017 – May 2021",
        }
    ],
    "skills": [
        "Python",
        "SQL",
        "JavaScript",
        "PostgreSQL",
        "Kubernetes",
        "Go",
        "scikit-learn",
        "XGBoost",
        "Airflow",
        "A/B testing",
        "Tableau",
    ],
    "certifications": [
        {
            "name": "AWS Certified Solutions Architect – Associate",
            "issuer": "Amazon Web Services",
            "date": "2024-02",
        },
        {"name": "TensorFlow Developer Certificate", "issuer": "Google", "date": "2022"},
    ],
    "languages": ["English", "Hindi", "Tamil"],
    "language": "en",
}

CVS: dict[str, dict[str, Any]] = {"ho_nurse_mueller": NURSE, "ho_sales_martinez": SALES, "ho_data_priya": DATA}
TARGETS: dict[str, tuple[str, str]] = {
    "ho_nurse_mueller": ("Helios Kliniken", "ICU Nurse"),
    "ho_sales_martinez": ("Northbeam Analytics", "Head of Sales EMEA"),
    "ho_data_priya": ("Stripe", "Senior Data Scientist"),
}

# ------------------------------------------------------------------------------------------- faithful texts
TEXTS: dict[str, dict[str, str]] = {
    "ho_nurse_mueller": {
        "cover_letter": """Dear Helios Kliniken recruitment team,

I am applying for the ICU Nurse position at Helios Kliniken. Since March 2019 I have worked as an Intensive \
Care Nurse at Universitätsklinikum Köln, where I look after up to three ventilated patients per shift on a \
24-bed surgical unit.

Patient safety is what I care about most. By introducing a central-line bundle checklist I helped cut \
line infections by about 30% over two years. I also mentored a team of twelve newly qualified nurses through \
their first year on the unit.

Before that, from 2014 to 2016, I was a Staff Nurse at Kantonsspital St. Gallen on a cardiology ward, where \
a structured SBAR handover brought our handovers down from 25 to 15 minutes. I hold a BSc in Nursing (2014) and a \
postgraduate certificate in intensive care nursing from the Universität zu Köln, and my BLS and ACLS \
certifications are current.

I have not yet worked with Epic, but I learned COPRA and SAP IS-H quickly and would do the same with your \
systems. I would be glad to bring this experience to Helios Kliniken.

Kind regards,
Anna Mueller
anna.mueller@example.de | +49 221 555 0147""",
        "vpr": """Value proposition for Helios Kliniken — ICU Nurse

Anna Müller is an intensive-care nurse with more than seven years of hands-on experience in German and \
Swiss hospitals.

Evidence:
- Universitätsklinikum Köln (03/2019 – today): cares for ventilated patients in a 24-bed surgical ICU; \
reduced central-line infections by 31%; mentored 12 new nurses.
- Kantonsspital St. Gallen (2014 – 2016): Staff Nurse on a 30-bed cardiology ward.
- Education: Bachelor of Science in Nursing (2014); Postgraduate Certificate in Intensive Care Nursing (2020).
- Certifications: Advanced Cardiovascular Life Support (ACLS), Basic Life Support (BLS).

Gap: the posting asks for experience with ECMO. Anna has not used ECMO yet and would need training.""",
        "interview_answer": """Question: Tell us about a time you improved patient safety.

Answer: On my unit at Universitätsklinikum Köln, central-line infections were too \
high. I introduced a bundle checklist, trained colleagues on it and audited it monthly. Over two years the \
infection rate fell by roughly 30 percent. It taught me that small, consistent routines matter more than \
one-off campaigns, which is something I would bring to Helios Kliniken as well.""",
    },
    "ho_sales_martinez": {
        "cover_letter": """Dear Northbeam Analytics team,

I would like to be considered for the Head of Sales EMEA role at Northbeam Analytics. I have spent more than \
ten years in B2B sales, the last few leading a regional team.

As Regional Sales Manager at Cloudline Software GmbH since January 2020, I tripled annual recurring revenue in \
DACH from €1.2 million to €3.6 million in three years. I hired and led a team of 12 account executives and \
SDRs, closed 45 new enterprise accounts, and signed the largest deal in the company's history at €480k. We ran \
the pipeline in Salesforce and HubSpot, and I introduced MEDDIC qualification.

Earlier, at Brightwave Media (2015 – 2019), I started as a Junior Sales Representative and then became an \
Account Executive, beating quota by roughly 18% on average and managing a $2.4 million book of business. I \
onboarded more than 2,000 users across 60 SMB customers.

I have not used Gong or Outreach, but I am confident I can pick them up quickly. I would love to help \
Northbeam Analytics grow in EMEA.

Best regards,
Jose Martinez
jose.martinez@example.com""",
        "vpr": """Why José Martínez for Northbeam Analytics

1. Revenue growth: 3x ARR growth (€1.2M → €3.6M) in DACH at Cloudline Software.
2. Team building: hired and led 12 AEs and SDRs as Regional Sales Manager (01/2020 – present).
3. Enterprise deals: 45 new enterprise accounts; the largest deal in Cloudline's history (€480k).
4. Consistent performance: exceeded quota by 18% on average over 14 quarters at Brightwave Media \
(May 2016 – December 2019).
5. Tools and method: Salesforce (certified administrator), HubSpot, MEDDIC, Excel forecasting.
6. Education: BBA, Universitat Pompeu Fabra (2015).
Languages: Spanish, Catalan, English, German.""",
        "interview_answer": """Question: How do you build a sales team from scratch?

Answer: At Cloudline I built the DACH team up to twelve people — account executives and SDRs. I hire for \
curiosity and coachability first, then give every rep the same qualification framework; for us that was \
MEDDIC, tracked in Salesforce. Weekly deal reviews kept forecasting honest. Within three years our recurring \
revenue had roughly tripled. At Northbeam Analytics I would start the same way: a small core team, one \
shared process, and a forecast everyone trusts.""",
    },
    "ho_data_priya": {
        "cover_letter": """Dear Stripe hiring team,

I am excited to apply for the Senior Data Scientist role at Stripe. I am a data scientist at Lumen Health, \
where since June 2023 I have built and shipped risk models end to end.

My readmission-risk model (Python, scikit-learn and XGBoost) reduced 30-day readmissions by 35%. I deployed \
our models as Golang microservices on k8s, serving over 2 million predictions a day, and I led a team of five \
analysts and data engineers. When our feature store outgrew MySQL, I moved it to Postgres and made queries \
three times faster.

Before Lumen, I was a Junior Data Analyst at Google (2021 – 2023), where I built JS dashboards with D3 for the \
Ads quality team and automated weekly reporting with SQL and Airflow, saving about 10 hours a week. I studied \
Statistics at UC Berkeley and hold the AWS Certified Solutions Architect – Associate certification.

I know Stripe's data stack leans on Scala and Spark. I have not yet used Spark in production, and I would be \
keen to learn it on the job.

Sincerely,
Priya Raghunathan""",
        "vpr": """Value proposition: Priya Raghunathan for Stripe (Senior Data Scientist)

- Production ML: readmission-risk model that cut 30-day readmissions by 35% (Lumen Health, Jun 2023 – now).
- Engineering depth: Go services on Kubernetes serving 2M+ predictions/day; PostgreSQL migration with a 3x \
latency improvement.
- Leadership: led a team of 5 analysts and data engineers.
- Analytics foundations: Junior Data Analyst at Google, 07/2021 – 05/2023; dashboards used by 2,500 employees.
- Education: B.A. Statistics, University of California, Berkeley (2017 – 2021).
- Certifications: AWS Solutions Architect – Associate; TensorFlow Developer Certificate.
- Gaps: no hands-on Spark or Scala yet.""",
        "interview_answer": """Question: Tell me about a model you put into production.

Answer: At Lumen Health I built a readmission-risk model with scikit-learn and XGBoost. The hard part was not \
the model but serving it: we wrapped it in a small Go service and ran it on Kubernetes, and today it handles \
more than two million predictions per day. The model reduced 30-day readmissions by 35 percent. I led the \
five-person team that owned it, and we used A/B testing to confirm the effect before the full rollout.""",
    },
}


# ---------------------------------------------------------------------------------------- faithful tailored
def _tailored(cv_id: str) -> dict[str, Any]:
    """A faithful tailored CV: reordered, shortened, dates re-formatted, bullets reworded, aliases."""
    doc = copy.deepcopy(CVS[cv_id])
    if cv_id == "ho_nurse_mueller":
        job = doc["experience"][0]
        job["dates_raw"] = "03/2019 – today"
        job["achievements"] = [
            "Reduced central-line infections by about 30% in two years with a bundle checklist.",
            "Mentored 12 newly qualified nurses in their first year.",
            "Cared for up to three ventilated patients per shift (24-bed surgical ICU).",
        ]
        doc["experience"][1]["dates_raw"] = "Sep 2014 – Jun 2016"
        doc["experience"][1]["achievements"] = ["Rotating shifts on a 30-bed cardiology ward."]
        doc["full_name"] = "Anna Mueller"
        doc["professional_summary"] = (
            "Intensive-care nurse with experience in German and Swiss hospitals, focused on patient safety "
            "and on training new staff."
        )
        doc["skills"] = ["Infection control", "Critical care", "Mechanical ventilation", "Patient education"]
        doc["certifications"] = [doc["certifications"][1], doc["certifications"][0]]
    elif cv_id == "ho_sales_martinez":
        doc["full_name"] = "Jose Martinez"
        job = doc["experience"][0]
        job["dates_raw"] = "01/2020 – present"
        job["achievements"] = [
            "Tripled DACH annual recurring revenue (€1.2M → €3.6M) in three years.",
            "Built and led a 12-person team of account executives and SDRs.",
            "Won 45 new enterprise accounts, incl. the largest deal in company history (€480k).",
        ]
        doc["experience"][1]["dates_raw"] = "05/2016 – 12/2019"
        doc["experience"][1]["achievements"] = [
            "Beat quota by 18% on average across 14 quarters.",
            "Managed a $2.4 million annual book of business.",
        ]
        doc["experience"] = doc["experience"][:2]
        doc["skills"] = ["Salesforce", "HubSpot", "MEDDIC", "Forecasting", "B2B sales", "Negotiation"]
        doc["professional_summary"] = (
            "B2B SaaS sales manager who builds inside-sales teams and grows recurring revenue across Europe."
        )
    else:
        doc["experience"][0]["dates_raw"] = "06/2023 – Present"
        doc["experience"][0]["achievements"] = [
            "Deployed models as Golang microservices on k8s, serving over 2 million predictions per day.",
            "Reduced 30-day readmissions by 35% with a readmission-risk model (scikit-learn, XGBoost).",
            "Led a team of five analysts and data engineers.",
            "Moved the feature store from MySQL to Postgres; queries 3x faster.",
        ]
        doc["experience"][1]["dates_raw"] = "07/2021 – 05/2023"
        doc["experience"][1]["achievements"] = [
            "Built JS dashboards (D3.js) for the Ads quality team used by 2,500 employees.",
        ]
        doc["education"][0]["institution"] = "UC Berkeley"
        doc["education"][0]["dates_raw"] = "2017 – 2021"
        doc["skills"] = ["Python", "SQL", "Postgres", "k8s", "Golang", "JS", "XGBoost", "A/B testing"]
    return doc


# ------------------------------------------------------------------------------------------- fabrications
# Text edits: (cv_id, kind, old, new, type, subtle, note). The evidence is `new` unless given as 8th item.
TEXT_FABS: list[tuple[Any, ...]] = [
    # nurse
    ("ho_nurse_mueller", "cover_letter", "+49 221 555 0147", "+49 221 555 0174", "contact", True, "phone digits"),
    (
        "ho_nurse_mueller",
        "cover_letter",
        "as an Intensive Care Nurse at Universitätsklinikum Köln",
        "as an Intensive Care Nurse at Charité Berlin",
        "employer",
        False,
        "invented employer",
        "Charité Berlin",
    ),
    (
        "ho_nurse_mueller",
        "interview_answer",
        "I introduced a bundle checklist",
        "I introduced a bundle checklist (a practice I first used at Helios Kliniken)",
        "employer",
        True,
        "target company as a past employer",
        "Helios Kliniken",
    ),
    ("ho_nurse_mueller", "cover_letter", "I was a Staff Nurse at", "I was a Charge Nurse at", "title", True, "title"),
    (
        "ho_nurse_mueller",
        "cover_letter",
        "from 2014 to 2016, I was",
        "from 2013 to 2016, I was",
        "dates",
        True,
        "one-year shift",
        "2013",
    ),
    (
        "ho_nurse_mueller",
        "cover_letter",
        "I hold a BSc in Nursing",
        "I hold an MSc in Nursing",
        "education",
        True,
        "degree upgrade",
        "MSc in Nursing",
    ),
    (
        "ho_nurse_mueller",
        "vpr",
        "Advanced Cardiovascular Life Support (ACLS), Basic Life Support (BLS)",
        "Advanced Cardiovascular Life Support (ACLS), Basic Life Support (BLS), Certified Critical Care "
        "Registered Nurse (CCRN)",
        "certification",
        False,
        "invented certification",
        "Certified Critical Care Registered Nurse (CCRN)",
    ),
    (
        "ho_nurse_mueller",
        "cover_letter",
        "I have not yet worked with Epic, but I learned COPRA",
        "I work daily with Epic, and I learned COPRA",
        "skill",
        False,
        "JD skill claimed",
        "Epic",
    ),
    (
        "ho_nurse_mueller",
        "vpr",
        "more than seven years",
        "more than 15 years",
        "metric",
        False,
        "overstated years",
        "15 years",
    ),
    (
        "ho_nurse_mueller",
        "vpr",
        "mentored 12 new nurses",
        "mentored 20 new nurses",
        "metric",
        True,
        "team inflation",
        "20 new nurses",
    ),
    (
        "ho_nurse_mueller",
        "interview_answer",
        "fell by roughly 30 percent",
        "fell by roughly 60 percent",
        "metric",
        False,
        "doubled percentage",
        "60 percent",
    ),
    # sales
    (
        "ho_sales_martinez",
        "cover_letter",
        "jose.martinez@example.com",
        "jose.martinez@example.es",
        "contact",
        True,
        "email",
    ),
    (
        "ho_sales_martinez",
        "cover_letter",
        "Earlier, at Brightwave Media (2015 – 2019)",
        "Earlier, at Salesforce (2015 – 2019)",
        "employer",
        False,
        "a skill name as employer",
        "Salesforce",
    ),
    (
        "ho_sales_martinez",
        "interview_answer",
        "At Cloudline I built the DACH team",
        "At Northbeam Analytics I built the DACH team",
        "employer",
        False,
        "target company as employer",
        "Northbeam Analytics",
    ),
    (
        "ho_sales_martinez",
        "cover_letter",
        "As Regional Sales Manager at Cloudline",
        "As Regional Sales Director at Cloudline",
        "title",
        True,
        "title",
        "Regional Sales Director",
    ),
    (
        "ho_sales_martinez",
        "cover_letter",
        "since January 2020",
        "since January 2019",
        "dates",
        True,
        "one-year shift",
        "January 2019",
    ),
    (
        "ho_sales_martinez",
        "vpr",
        "BBA, Universitat Pompeu Fabra",
        "MBA, Universitat Pompeu Fabra",
        "education",
        True,
        "degree upgrade",
        "MBA",
    ),
    (
        "ho_sales_martinez",
        "vpr",
        "Salesforce (certified administrator)",
        "Salesforce (Certified Advanced Administrator)",
        "certification",
        True,
        "certification level upgrade",
        "Certified Advanced Administrator",
    ),
    (
        "ho_sales_martinez",
        "vpr",
        "Salesforce (certified administrator), HubSpot, MEDDIC",
        "Salesforce (certified administrator), HubSpot, Gong, MEDDIC",
        "skill",
        True,
        "JD skill in a list of true skills",
        "Gong",
    ),
    (
        "ho_sales_martinez",
        "cover_letter",
        "€1.2 million to €3.6 million",
        "€1.2 million to €6.3 million",
        "metric",
        True,
        "digit swap",
        "€6.3 million",
    ),
    (
        "ho_sales_martinez",
        "interview_answer",
        "up to twelve people",
        "up to 25 people",
        "metric",
        False,
        "team inflation",
        "25 people",
    ),
    (
        "ho_sales_martinez",
        "cover_letter",
        "more than ten years in B2B sales",
        "more than 15 years in B2B sales",
        "metric",
        False,
        "overstated years",
        "15 years",
    ),
    # data scientist
    (
        "ho_data_priya",
        "cover_letter",
        "Junior Data Analyst at Google",
        "Junior Data Analyst at Alphabet",
        "employer",
        True,
        "renamed employer",
        "Alphabet",
    ),
    (
        "ho_data_priya",
        "interview_answer",
        "At Lumen Health I built",
        "At Stripe I built",
        "employer",
        False,
        "target company as employer",
        "Stripe",
    ),
    (
        "ho_data_priya",
        "cover_letter",
        "I was a Junior Data Analyst",
        "I was a Data Analyst",
        "title",
        True,
        "dropped Junior",
        "Data Analyst",
    ),
    (
        "ho_data_priya",
        "vpr",
        "Junior Data Analyst at Google, 07/2021 – 05/2023",
        "Junior Data Analyst at Google, 07/2021 – present",
        "dates",
        True,
        "present for an ended job",
        "present",
    ),
    (
        "ho_data_priya",
        "cover_letter",
        "I studied Statistics at UC Berkeley",
        "I studied Statistics at Stanford University",
        "education",
        False,
        "different university",
        "Stanford University",
    ),
    (
        "ho_data_priya",
        "vpr",
        "B.A. Statistics, University",
        "B.A. Computer Science, University",
        "education",
        True,
        "different field",
        "Computer Science",
    ),
    (
        "ho_data_priya",
        "cover_letter",
        "AWS Certified Solutions Architect – Associate",
        "AWS Certified Solutions Architect – Professional",
        "certification",
        True,
        "certification level upgrade",
        "AWS Certified Solutions Architect – Professional",
    ),
    (
        "ho_data_priya",
        "interview_answer",
        "with scikit-learn and XGBoost",
        "with scikit-learn, XGBoost and Spark",
        "skill",
        True,
        "JD skill slipped in",
        "Spark",
    ),
    (
        "ho_data_priya",
        "vpr",
        "cut 30-day readmissions by 35%",
        "cut 30-day readmissions by 53%",
        "metric",
        True,
        "digit swap",
        "53%",
    ),
    (
        "ho_data_priya",
        "cover_letter",
        "I led a team of five",
        "I led a team of 50",
        "metric",
        False,
        "team 5 -> 50",
        "team of 50",
    ),
    (
        "ho_data_priya",
        "interview_answer",
        "The model reduced 30-day readmissions by 35 percent.",
        "The model reduced 30-day readmissions by 35 percent and saved $2M a year.",
        "metric",
        False,
        "invented savings",
        "$2M",
    ),
    (
        "ho_data_priya",
        "cover_letter",
        "I am a data scientist at Lumen Health",
        "I am a data scientist with 8+ years of experience, currently at Lumen Health",
        "metric",
        False,
        "overstated years",
        "8+ years",
    ),
]

# Tailored-CV edits: (cv_id, path, new value, type, subtle, note, evidence)
CV_FABS: list[tuple[Any, ...]] = [
    ("ho_nurse_mueller", ("contact_info", "location"), "Berlin, Germany", "contact", False, "location", None),
    (
        "ho_nurse_mueller",
        ("experience", 0, "role"),
        "Senior Intensive Care Nurse",
        "title",
        True,
        "one-word inflation",
        None,
    ),
    ("ho_nurse_mueller", ("experience", 1, "end_date"), "present", "dates", True, "present for ended job", None),
    (
        "ho_nurse_mueller",
        ("education", 1, "degree"),
        "Master of Science",
        "education",
        True,
        "degree upgrade",
        None,
    ),
    (
        "ho_nurse_mueller",
        ("experience", 0, "achievements", 0),
        "Reduced central-line infections by about 53% in two years with a bundle checklist.",
        "metric",
        True,
        "31 -> 53",
        "53%",
    ),
    ("ho_sales_martinez", ("contact_info", "email"), "jose.m@example.com", "contact", False, "email", None),
    (
        "ho_sales_martinez",
        ("experience", 1, "company"),
        "Brightwave Media Group",
        "employer",
        True,
        "renamed employer",
        None,
    ),
    (
        "ho_sales_martinez",
        ("experience", 1, "start_date"),
        "2015-05",
        "dates",
        True,
        "one-year shift",
        "2015-05",
    ),
    (
        "ho_sales_martinez",
        ("certifications", 0, "name"),
        "Salesforce Certified Sales Cloud Consultant",
        "certification",
        False,
        "different certification",
        None,
    ),
    ("ho_sales_martinez", ("skills", 5), "Gong", "skill", True, "JD skill in the list", None),
    (
        "ho_sales_martinez",
        ("experience", 0, "achievements", 1),
        "Built and led a 25-person team of account executives and SDRs.",
        "metric",
        False,
        "team 12 -> 25",
        "25-person",
    ),
    ("ho_data_priya", ("full_name",), "Priya Raghunath", "contact", True, "name changed", None),
    ("ho_data_priya", ("experience", 1, "role"), "Data Analyst", "title", True, "dropped Junior", None),
    ("ho_data_priya", ("experience", 1, "company"), "Stripe", "employer", False, "target company as employer", None),
    (
        "ho_data_priya",
        ("education", 0, "institution"),
        "University of California, Los Angeles",
        "education",
        True,
        "different university",
        "Los Angeles",
    ),
    ("ho_data_priya", ("skills", 7), "Scala", "skill", True, "JD skill in the list", None),
    (
        "ho_data_priya",
        ("experience", 0, "achievements", 2),
        "Led a team of 50 analysts and data engineers.",
        "metric",
        False,
        "team 5 -> 50",
        "team of 50",
    ),
    (
        "ho_data_priya",
        ("professional_summary",),
        "Data scientist with 8+ years of experience building forecasting and risk models.",
        "metric",
        False,
        "overstated years",
        "8+ years",
    ),
]


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def cases() -> Iterator[dict[str, Any]]:
    """Every case in the dev set's shape (faithful first, then fabricated)."""
    counter: dict[str, int] = {}

    def case_id(cv_id: str, kind: str) -> str:
        counter[f"{cv_id}-{kind}"] = counter.get(f"{cv_id}-{kind}", 0) + 1
        return f"{cv_id}-{kind}-{counter[f'{cv_id}-{kind}']:02d}"

    base: dict[tuple[str, str], str] = {}
    for cv_id, (company, title) in TARGETS.items():
        common = {"cv": cv_id, "target_company": company, "target_title": title, "job_description": ""}
        cid = case_id(cv_id, "tailored_cv")
        base[(cv_id, "tailored_cv")] = cid
        yield {
            "case_id": cid,
            **common,
            "kind": "tailored_cv",
            "document": _tailored(cv_id),
            "expected": [],
            "derived_from": None,
            "subtle": False,
            "note": "faithful tailored CV",
        }
        for kind, text in TEXTS[cv_id].items():
            cid = case_id(cv_id, kind)
            base[(cv_id, kind)] = cid
            yield {
                "case_id": cid,
                **common,
                "kind": kind,
                "document": text,
                "expected": [],
                "derived_from": None,
                "subtle": False,
                "note": f"faithful {kind}",
            }
    for item in TEXT_FABS:
        cv_id, kind, old, new, typ, subtle, note = item[:7]
        evidence = item[7] if len(item) > 7 else new
        text = TEXTS[cv_id][kind]
        assert text.count(old) == 1, (cv_id, kind, old)
        company, title = TARGETS[cv_id]
        yield {
            "case_id": case_id(cv_id, kind),
            "cv": cv_id,
            "target_company": company,
            "target_title": title,
            "kind": kind,
            "document": text.replace(old, new),
            "expected": [{"type": typ, "evidence": evidence}],
            "job_description": "",
            "derived_from": base[(cv_id, kind)],
            "subtle": subtle,
            "note": note,
        }
    for cv_id, path, value, typ, subtle, note, evidence in CV_FABS:
        doc = _tailored(cv_id)
        _set(doc, path, value)
        company, title = TARGETS[cv_id]
        yield {
            "case_id": case_id(cv_id, "tailored_cv"),
            "cv": cv_id,
            "target_company": company,
            "target_title": title,
            "kind": "tailored_cv",
            "document": doc,
            "expected": [{"type": typ, "evidence": evidence or value}],
            "job_description": "",
            "derived_from": base[(cv_id, "tailored_cv")],
            "subtle": subtle,
            "note": note,
        }


def write_set(folder: Path) -> Path:
    """Write the set in the shared scorer's layout (cvs/, cases/) under `folder`."""
    (folder / "cvs").mkdir(parents=True, exist_ok=True)
    (folder / "cases").mkdir(parents=True, exist_ok=True)
    for cv_id, cv in CVS.items():
        (folder / "cvs" / f"{cv_id}.json").write_text(json.dumps(cv, ensure_ascii=False, indent=2), "utf-8")
    for case in cases():
        path = folder / "cases" / f"{case['case_id']}.json"
        path.write_text(json.dumps(case, ensure_ascii=False, indent=2), "utf-8")
    return folder


if __name__ == "__main__":  # pragma: no cover
    import sys

    print(write_set(Path(sys.argv[1])))

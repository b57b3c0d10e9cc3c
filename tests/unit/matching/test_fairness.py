"""Fairness: names, pronouns, contact details and age never change a score; redaction keeps line numbers."""

from __future__ import annotations

import itertools

import pytest

from jobfit.documents.job import parse_job
from jobfit.documents.models import ContactField, ContactInfo, EducationEntry, ExperienceEntry
from jobfit.documents.resume import parse_resume_text
from jobfit.matching import score_match
from jobfit.redaction import redact_for_embedding, redact_resume

from .matching_builders import TinyTaxonomy, build_job, build_resume, skill

# First names across genders and ethnic associations, and surnames likewise.
FIRST_NAMES = ["Emily", "Greg", "Lakisha", "Jamal", "Mei", "Wei", "Priya", "Arjun", "Fatima", "Mohammed",
               "Sofia", "Santiago", "Olga", "Dmitri", "Aisha", "Kwame", "Hannah", "Julia", "Grant", "Ruby"]
LAST_NAMES = ["Walsh", "Washington", "Nguyen", "Patel", "Al-Sayed", "Garcia", "Ivanova", "Okafor", "Cohen",
              "Kim"]
PRONOUNS = [("he", "his", "Mr."), ("she", "her", "Ms."), ("they", "their", "Mx.")]
TAX = TinyTaxonomy()

BASES = [
    {
        "job": build_job("Senior Python Developer", "Python, Django and SQL. Leads a team.\nSQL reporting.",
                         required=[skill("python"), skill("sql", "SQL")],
                         preferred=[skill("react"), skill("ruby")],
                         min_years=5, degree_level="bachelor", degree_field="Computer Science"),
        "summary": ["{title} {first} {last} - {first}.{last}@mail.com - +1 (415) 555-0{n:03d}",
                    "Date of birth: 0{m}/12/19{yy}   Age: {age}",
                    "{first} is a developer; {he} built {his} first Django app in 2012."],
        "experience": ["Senior Python Developer, Acme (2019-01 - present)",
                       "- {first} led a team of 5; {he} wrote SQL reports and {his} Django services.",
                       "- Chairman of the guild; {he} mentored {his} peers"],
        "skills": ["Python, SQL, Flask"],
        "skill_ids": {"Python": "python", "SQL": "sql", "Django": "django", "Flask": "flask",
                      "Julia": "julia", "Ruby": "ruby", "Grant": "grant-writing"},
    },
    {
        "job": build_job("Registered Nurse", "Patient care, triage and EMR charting.\nPatient care plans.",
                         required=[skill("patient-care", "Patient care"), skill("triage")],
                         preferred=[skill("grant-writing", "Grant writing")],
                         min_years=2, degree_level="bachelor", degree_field="Nursing"),
        "summary": ["{first} {last}, 12 Main Street, Springfield - {first}{n}@example.org",
                    "{title} {last}: {he} is a nurse, aged {age}."],
        "experience": ["Staff Nurse, City Hospital (2018-05 - present)",
                       "- Delivered patient care for 30 beds; {he} ran triage as a waitress would",
                       "- {his} EMR charting was audited as best in ward"],
        "skills": ["Patient care, triage, EMR"],
        "skill_ids": {"patient care": "patient-care", "triage": "triage", "Grant": "grant-writing"},
    },
]


def variant(base: dict, first: str, last: str, pronoun: tuple[str, str, str], n: int):
    he, his, title = pronoun
    values = {"first": first, "last": last, "he": he, "his": his, "title": title, "n": n, "m": 1 + n % 9,
              "yy": 60 + n % 30, "age": 25 + n % 30}
    fill = [line.format(**values) for line in base["summary"]]
    experience = [line.format(**values) for line in base["experience"]]
    resume = build_resume(
        [("summary", fill), ("experience", experience), ("skills", base["skills"]),
         ("education", ["B.Sc. Computer Science / Nursing, State University"])],
        name=f"{first} {last}",
        experience=[ExperienceEntry(title=experience[0].split(",")[0], start="2018-05", is_current=True,
                                    line=len(fill) + 3)],
        education=[EducationEntry(degree_level="bachelor", field="Computer Science Nursing", line=len(fill)
                                  + len(experience) + 6)],
        years=6,
        skill_ids=base["skill_ids"],
    )
    return resume


def subscores(result) -> tuple:
    return (result.overall_score, result.skills_score, result.experience_score, result.education_score,
            result.keyword_score, result.confidence_score,
            tuple((r.requirement, r.status, r.score, r.line) for r in result.match_analysis.requirements))


@pytest.mark.parametrize("base", BASES, ids=["developer", "nurse"])
def test_name_and_gender_variants_score_identically(base: dict) -> None:
    combos = list(itertools.product(FIRST_NAMES, LAST_NAMES[:3], PRONOUNS))[::3]
    assert len(combos) >= 20
    results = {subscores(score_match(variant(base, f, la, p, i), base["job"], relations=TAX))
               for i, (f, la, p) in enumerate(combos)}
    assert len(results) == 1, f"{len(results)} different score sets across {len(combos)} variants"


def test_redaction_removes_personal_data_and_keeps_lines() -> None:
    info = ContactInfo(name=ContactField(value="Julia Grant", confidence=1.0),
                       location=ContactField(value="Springfield, IL", confidence=1.0))
    text = ("Julia Grant\nMrs. Grant, julia.grant@mail.com, +44 20 7946 0958, 221 Baker Street\n"
            "Springfield, IL | linkedin.com/in/jgrant | DOB: 01/02/1980 | Marital status: married\n"
            "She wrote grant proposals in Julia and Python; her chairwoman role ended in 2015-2019.")
    out = redact_for_embedding(text, info)
    assert out.count("\n") == text.count("\n")
    for gone in ("Julia Grant", "Mrs", "julia.grant", "7946", "Baker", "Springfield", "linkedin", "1980",
                 "married", "She", "her ", "chairwoman"):
        assert gone not in out, gone
    assert "grant proposals" in out and "Python" in out and "2015-2019" in out and "chairperson" in out


def test_a_skill_that_is_only_a_name_is_dropped() -> None:
    resume = build_resume(
        [("summary", ["Ruby Walsh", "Ruby led the platform team"]),
         ("experience", ["Rails apps in Ruby"]), ("skills", ["Python, Ruby, SQL"])],
        name="Ruby Walsh", skill_ids={"Ruby": "ruby"},
    )
    assert [m.line for m in resume.skills] == [2, 3, 5, 7]
    redacted = redact_resume(resume)
    # the name line and the sentence about the person lose it; the skill uses keep it
    assert [(m.skill_id, m.line) for m in redacted.skills] == [("ruby", 5), ("ruby", 7)]
    assert redacted.text_content.split("\n")[2].split() == ["led", "the", "platform", "team"]


def test_a_candidate_named_like_a_skill_scores_like_anyone_else() -> None:
    job = build_job("Developer", "Ruby and SQL", required=[skill("ruby"), skill("sql", "SQL")])

    def resume(first: str):
        return build_resume([("summary", [f"{first} Walsh"]), ("experience", ["Rails apps in Ruby"]),
                             ("skills", ["Python, Ruby, SQL"])],
                            name=f"{first} Walsh", skill_ids={"Ruby": "ruby", "SQL": "sql"})

    scores = {subscores(score_match(resume(first), job, relations=TAX)) for first in ("Ruby", "Emily", "Jamal")}
    assert len(scores) == 1


PLAIN_TEXT_RESUME = """{first} {last}
{first_lower}.{last_lower}@mail.com | (415) 555-0134 | San Francisco, CA

Summary
{title} {last} is a backend developer with 6 years of experience. {he} enjoys Python.

Experience
Senior Python Developer, Acme Corp
Jan 2019 - Present
- {first} built Django REST services and SQL reporting; {he_lower} led {his} team of 4.
- Deployed services on AWS with Docker and Kubernetes.

Skills
Python, Django, SQL, Docker, Kubernetes, Ruby

Education
B.Sc. Computer Science, State University, 2016
"""


def test_parsed_text_variants_score_identically() -> None:
    """End to end through the real text parser and skills extractor: 48 name/pronoun variants."""
    job = parse_job(title="Senior Python Developer",
                            description="Python, Django, SQL and Ruby. 5+ years. Bachelor's degree in Computer "
                                        "Science. Kubernetes is a plus.")
    combos = list(itertools.product([*FIRST_NAMES[::2], "Ruby", "Julia"], LAST_NAMES[:2],
                                    [("She", "her", "Ms."), ("He", "his", "Mr.")]))
    assert len(combos) >= 20
    results = set()
    for first, last, (he, his, title) in combos:
        text = PLAIN_TEXT_RESUME.format(first=first, last=last, first_lower=first.lower(),
                                        last_lower=last.lower(), he=he, he_lower=he.lower(), his=his,
                                        title=title)
        results.add(subscores(score_match(parse_resume_text(text), job)))
    assert len(results) == 1


def test_name_and_gender_variants_get_the_same_vectors_and_overall_score() -> None:
    """With the default embedder: what is embedded is redacted, so the semantic part cannot see a name."""
    from jobfit.documents.job import parse_job
    from jobfit.documents.resume import parse_resume_text
    from jobfit.embeddings.chunks import embed_chunks
    from jobfit.pipeline import job_chunks, resume_chunks
    from jobfit.providers.embedders import get_embedder

    embedder = get_embedder()
    job = parse_job(title="Senior Python Developer", description="Python, Django, SQL and Ruby. 5+ years.")
    job_vectors = embed_chunks(embedder, job_chunks(job))
    texts, overall = set(), set()
    for first, last, (he, his, title) in [("Lakisha", "Washington", ("She", "her", "Ms.")),
                                          ("Greg", "Walsh", ("He", "his", "Mr.")),
                                          ("Mei", "Nguyen", ("She", "her", "Ms."))]:
        resume = parse_resume_text(PLAIN_TEXT_RESUME.format(
            first=first, last=last, first_lower=first.lower(), last_lower=last.lower(), he=he,
            he_lower=he.lower(), his=his, title=title))
        chunks = resume_chunks(resume)
        texts.add(tuple(chunks))
        result = score_match(resume, job, resume_vectors=embed_chunks(embedder, chunks), job_vectors=job_vectors)
        assert "semantic" in result.match_analysis.component_scores
        overall.add(result.overall_score)
    assert len(texts) == 1 and len(overall) == 1


# Real streets in neighbourhoods whose residents are mostly Black, Hispanic, Asian and white (bench/fairness.py
# found the first, five words long, reached the embedder and moved the score by up to 4.6 points).
ADDRESSES = ["1450 W Martin Luther King Jr Blvd, Los Angeles, CA 90062", "2350 SW 8th Street, Miami, FL 33135",
             "41-60 Main Street, Flushing, NY 11355", "27 Maple Lane, Greenwich, CT 06830"]


def test_an_address_says_nothing_to_the_score_or_the_embedder() -> None:
    from jobfit.pipeline import resume_chunks

    job = parse_job(title="Senior Python Developer", description="Python, Django, SQL and Ruby. 5+ years.")
    base = PLAIN_TEXT_RESUME.format(first="Sam", last="Lee", first_lower="sam", last_lower="lee", he="They",
                                    he_lower="they", his="their", title="Mx.")
    texts, scores = set(), set()
    for address in ADDRESSES:
        lines = base.split("\n")
        resume = parse_resume_text("\n".join([lines[0], address, *lines[1:]]))
        texts.add(tuple(resume_chunks(resume)))
        scores.add(subscores(score_match(resume, job)))
    assert len(texts) == 1 and len(scores) == 1
    assert not any(part in str(texts) for part in ("Martin Luther", "Flushing", "Greenwich", "33135", "Maple"))

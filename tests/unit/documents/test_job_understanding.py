"""What a job ad asks for: preferred signals in headings and sentences, years of experience, ML/data skills."""

from __future__ import annotations

import pytest

from jobfit.documents.job import find_min_years, parse_job
from jobfit.documents.sections import classify_heading
from jobfit.matching.requirements import extract_requirements

AD = """We are looking for a Data Scientist to join our team.

Must have
- Python, SQL
- Machine learning: clustering, classification, logistic regression
- Deep learning: CNN, RNN

Considered as a plus
- GAN, transformers
- OCR, object detection
- PySpark, Beautiful Soup
"""


def _names(mentions) -> set[str]:
    return {m.name for m in mentions}


def test_a_considered_as_a_plus_list_is_preferred_and_must_haves_required() -> None:
    job = parse_job(title="Junior Data Scientist", description=AD + "\n0-2 years of work experience")
    assert {"Python", "SQL", "Clustering", "Classification models", "Logistic regression",
            "Convolutional neural networks", "Recurrent neural networks"} <= _names(job.required_skills)
    assert {"Generative adversarial networks", "Transformer models", "Optical character recognition",
            "Object detection", "PySpark", "Beautiful Soup"} <= _names(job.preferred_skills)
    assert not _names(job.required_skills) & _names(job.preferred_skills)


@pytest.mark.parametrize("heading", [
    "Considered as a plus", "Nice to have:", "Bonus points", "Preferred qualifications", "Desirable",
    "Ideally you also have", "It's a plus if you have", "Good-to-have skills",
])
def test_preferred_headings(heading: str) -> None:
    assert classify_heading(heading, kind="job") == "preferred"


@pytest.mark.parametrize("sentence", [
    "Docker is considered a plus.", "Nice to have: Docker", "Docker experience is a bonus.",
    "Docker knowledge preferred.", "Docker would be desirable.", "Ideally, experience with Docker.",
    "Docker is a plus.",
])
def test_inline_preferred_cues(sentence: str) -> None:
    job = parse_job(title="Backend Engineer", description=f"Requirements\nPython and SQL.\n{sentence}")
    assert "Docker" in _names(job.preferred_skills)
    assert {"Python", "SQL"} <= _names(job.required_skills)


@pytest.mark.parametrize(("text", "years"), [
    ("0-2 years of work experience", 0.0),
    ("2–4 years of experience in backend development", 2.0),
    ("1 to 3 years of relevant experience", 1.0),
    ("5+ years experience with Java", 5.0),
    ("at least three years of experience", 3.0),
    ("minimum of 5 years in software engineering", 5.0),
    ("Freshers are welcome to apply", 0.0),
    ("This is an entry-level position", 0.0),
    ("Graduate role, no experience required", 0.0),
    ("Entry-level title, but 3+ years of experience with Excel", 3.0),
    ("We have been in business for 30 years", None),
    ("Founded 12 years ago, we build tools", None),
])
def test_years_of_experience(text: str, years: float | None) -> None:
    assert find_min_years(text) == years


def test_an_entry_level_ad_asks_for_no_minimum_and_a_fresher_meets_it() -> None:
    job = parse_job(title="Junior Data Scientist", description=AD + "\n0-2 years of work experience")
    assert job.min_years == 0.0
    assert job.experience_level == "entry"
    experience = [r for r in extract_requirements(job) if r.kind == "experience"]
    assert len(experience) == 1 and experience[0].years == 0.0


def test_ml_and_data_skills_are_recognised() -> None:
    job = parse_job(title="ML Engineer", description=(
        "Skills: random forest, SVM, k-means, LSTM, BERT, YOLO, sentiment analysis, web scraping, Scrapy"
    ))
    # k-means is one clustering method: the ad names it, not clustering as such (`Taxonomy.names_itself`)
    assert {"Random forest", "Support vector machines", "Recurrent neural networks",
            "Transformer models", "Object detection", "Sentiment analysis", "Web scraping",
            "Scrapy"} <= _names(job.required_skills)


def test_electrical_transformers_are_not_a_deep_learning_skill() -> None:
    job = parse_job(title="Electrical Engineer", description="You will install power transformers at substations.")
    assert "Transformer models" not in _names(job.required_skills)

"""A small resume and job as plain values, shared by the suggestions tests."""

from __future__ import annotations

from datetime import date

from jobfit.documents.job import parse_job
from jobfit.documents.models import ParsedJob, ParsedResume
from jobfit.documents.resume import parse_resume_text

TODAY = date(2024, 6, 1)

RESUME = """Jane Roe
jane.roe@example.com | +1 415 555 0100 | linkedin.com/in/janeroe

Summary
Backend developer building reliable services for payments teams.

Experience
Software Engineer, Acme Corp    Jan 2019 - Dec 2021
• Responsible for maintaining the billing service written in Python and Flask.
• Helped build the reporting pipeline on PostgreSQL for the finance team.
• Develop REST APIs for partner integrations and internal tools.
• Reduced page load time by 40% through caching with Redis.

Education
B.Sc. Computer Science, State University, 2018

Skills
Python, Flask, PostgreSQL, Redis, Docker, Terraform"""

JOB_DESCRIPTION = """We are hiring a Backend Engineer to build and run payment services.
You will design REST APIs, deploy services on Kubernetes and keep our PostgreSQL databases fast."""
JOB_REQUIREMENTS = """- 3+ years of experience with Python
- Experience with Kubernetes and Docker
- Experience with PostgreSQL and Redis
- Nice to have: Terraform, Kafka"""


def resume() -> ParsedResume:
    return parse_resume_text(RESUME, today=TODAY)


def job() -> ParsedJob:
    return parse_job(title="Backend Engineer", description=JOB_DESCRIPTION, requirements=JOB_REQUIREMENTS)


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing `needle`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")

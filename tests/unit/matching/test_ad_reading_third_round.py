"""The kinds of error the third round of reviewers found in how an ad becomes requirements (issue 26, run
3.1.0-heldout3): a second posting glued after the ad, text about colleagues, teams and the company read as asks,
lone generic words, softeners and duties read with the wrong importance.

Ads are plain, real-looking snippets parsed with the real taxonomy.
"""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.matching.requirements import Requirement, extract_requirements

_GLUED = """Date posted: 2021-04-07
Salary: [SALARY]
Job type: FULL_TIME
Requirements
You have several years of experience of backend development preferably using Python.
You have experience with: Linux administration Docker Ansible Git
Benefits
We pay for your public transportation costs.
Company description:
[DESCRIPTION]
BI Developer
[ORGANIZATION]
[LOCATION]
Date posted: 2021-04-07
Salary: [SALARY]
Technologies:
powerbi dax cloud data-modeling azure-analysis-services
Requirements
You have 3 years of experience with Power BI and DAX.
"""


def _requirements(description: str, title: str = "Software Engineer") -> list[Requirement]:
    return extract_requirements(parse_job(title=title, description=description))


def _labels(reqs: list[Requirement], kind: str = "skill") -> set[str]:
    return {r.label for r in reqs if r.kind == kind}


def test_a_second_posting_glued_after_the_ad_is_not_read() -> None:
    reqs = _requirements(_GLUED, title="Backend Engineer")
    skills = _labels(reqs)
    assert {"Python", "Docker", "Git"} <= skills
    assert not skills & {"Power BI", "Business intelligence", "Data modeling"}
    assert not {r.label.lower() for r in reqs if r.kind == "keyword"} & {"dax", "powerbi"}
    assert all(r.years is None or r.years < 3 for r in reqs if r.kind == "experience")

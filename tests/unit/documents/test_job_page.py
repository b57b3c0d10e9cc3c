"""A job page's fields: JSON-LD JobPosting first, else the readable main text."""

from __future__ import annotations

import json

import pytest

from jobfit.documents.job_page import NoJobFound, html_to_text, read_job_page

POSTING = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Senior Python Engineer",
    "description": "<p>We build <b>data pipelines</b>.</p><ul><li>5+ years of Python</li><li>PostgreSQL</li></ul>",
    "hiringOrganization": {"@type": "Organization", "name": "Acme &amp; Co"},
    "jobLocation": {"@type": "Place", "address": {"addressLocality": "Berlin", "addressCountry": "DE"}},
    "employmentType": ["FULL_TIME"],
    "jobLocationType": "TELECOMMUTE",
    "skills": ["Python", "SQL", "Docker"],
    "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR",
                   "value": {"@type": "QuantitativeValue", "minValue": 70000, "maxValue": 90000, "unitText": "YEAR"}},
}


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>Careers</title>{head}</head><body>{body}</body></html>"


def test_json_ld_posting_gives_every_field() -> None:
    job = read_job_page(page("<main>ignored</main>",
                             f'<script type="application/ld+json">{json.dumps(POSTING)}</script>'))
    assert job.source == "json-ld"
    assert job.fields["title"] == "Senior Python Engineer"
    assert job.fields["description"] == "We build data pipelines.\n- 5+ years of Python\n- PostgreSQL"
    assert job.fields["company"] == "Acme & Co"
    assert job.fields["location"] == "Berlin, DE"
    assert job.fields["job_type"] == "full-time"
    assert job.fields["remote_option"] == "remote"
    assert job.fields["requirements"] == "- Python\n- SQL\n- Docker"
    assert job.fields["salary_range"] == "EUR 70000-90000 per year"


def test_posting_inside_a_graph_with_a_type_list() -> None:
    graph = {"@graph": [{"@type": "WebPage"}, {**POSTING, "@type": ["Thing", "JobPosting"]}]}
    job = read_job_page(page("", f'<script type="application/ld+json">{json.dumps(graph)}</script>'))
    assert job.source == "json-ld" and job.fields["title"] == "Senior Python Engineer"


def test_broken_json_ld_falls_back_to_main_text() -> None:
    body = ("<nav>Home | Jobs</nav><header><h1>Data Analyst</h1></header>"
            "<main><h2>About the role</h2><p>You will analyse sales data with SQL and Python.</p>"
            "<ul><li>3 years of experience</li><li>Tableau</li></ul></main><footer>© Acme</footer>")
    job = read_job_page(page(body, '<script type="application/ld+json">{not json</script><style>p{}</style>'))
    assert job.source == "text"
    assert job.fields["title"] == "Data Analyst"
    assert job.fields["description"] == ("About the role\nYou will analyse sales data with SQL and Python.\n"
                               "- 3 years of experience\n- Tableau")
    assert "Home" not in job.fields["description"] and "Acme" not in job.fields["description"]


def test_without_main_the_body_text_is_read_and_the_title_tag_names_it() -> None:
    body = "<div><p>We are hiring a backend developer who knows Go, Kubernetes and gRPC.</p></div>"
    job = read_job_page(page(body))
    assert job.fields["title"] == "Careers"
    assert job.fields["description"] == "We are hiring a backend developer who knows Go, Kubernetes and gRPC."


def test_a_page_without_a_posting_is_refused() -> None:
    with pytest.raises(NoJobFound):
        read_job_page(page("<p>Hello</p>"))
    with pytest.raises(NoJobFound):
        read_job_page("")


def test_unclosed_tags_and_huge_pages_stay_bounded() -> None:
    text = "<main><div><p>" + "Python developer wanted. " * 200_000  # ~5 MB, never closed
    job = read_job_page("<h1>Dev</h1>" + text)
    assert job.fields["title"] == "Dev"
    assert len(job.fields["description"]) <= 200_000


def test_html_to_text_passes_plain_text_through() -> None:
    assert html_to_text("Python &amp; SQL") == "Python & SQL"
    assert html_to_text("<p>a</p><p>b</p>") == "a\nb"

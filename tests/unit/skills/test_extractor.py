"""Extractor behaviour: aliases, case rules, token boundaries, context rules, fuzzy, line numbers."""

from __future__ import annotations

import pytest

from jobfit.skills import extract_skills, unique_skills


def ids(text: str, **kwargs: object) -> list[str]:
    return [m.skill_id for m in extract_skills(text, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("surface", "skill_id"),
    [
        ("JS", "javascript"),
        ("k8s", "kubernetes"),
        ("scikit learn", "scikit-learn"),
        ("scikit-learn", "scikit-learn"),
        ("MS Excel", "excel"),
        ("Node JS", "node-js"),
        ("NodeJS", "node-js"),
        ("Golang", "go"),
        ("Postgres", "postgresql"),
        ("CI/CD", "ci-cd"),
        ("CI CD", "ci-cd"),
        ("RESTful APIs", "rest-apis"),
    ],
)
def test_aliases_map_to_canonical_ids(surface: str, skill_id: str) -> None:
    assert ids(f"Experience with {surface} in production.") == [skill_id]


def test_c_family_is_kept_apart() -> None:
    assert ids("Languages: C, C++, C#") == ["c", "cpp", "csharp"]


def test_dotnet_and_aspnet() -> None:
    assert ids("Built services in ASP.NET and .NET Core") == ["asp-net", "dotnet"]


def test_java_is_not_found_inside_javascript() -> None:
    assert ids("Strong JavaScript skills") == ["javascript"]
    assert ids("Java and JavaScript") == ["java", "javascript"]


def test_go_needs_capital_and_context() -> None:
    assert "go" in ids("Backend in Go, Python and PostgreSQL")
    assert "go" not in ids("Ready to go the extra mile with Python")
    assert "go" not in ids("Go to market with Python")
    assert "go" not in ids("A go-getter who knows Python")
    assert "go" not in ids("Go beyond expectations")


def test_r_only_as_standalone_capital_in_skills_context() -> None:
    assert "r" in ids("Skills: R, SAS")
    assert "r" in ids("Statistical modelling in R and Python")
    assert "r" not in ids("Led R&D programmes and budgets")
    assert "r" not in ids("Grade R teacher")


def test_context_forms_pass_in_skills_section() -> None:
    assert ids("R", section="skills") == ["r"]
    assert ids("R") == []


def test_hyphen_glued_short_tokens_do_not_match() -> None:
    assert "c" not in ids("Presented to C-level executives using Excel")


def test_case_sensitive_common_words() -> None:
    assert "excel" not in ids("Students excel in maths")
    assert "excel" in ids("Advanced Excel and pivot tables")


def test_multi_word_phrase_wins_over_its_parts() -> None:
    assert ids("Deployed on Google Cloud Platform") == ["google-cloud-platform"]


def test_plural_forms() -> None:
    assert ids("Designed REST APIs and relational databases") == ["rest-apis", "databases"]


def test_phrases_do_not_cross_hard_punctuation() -> None:
    # "machine learning" must not be formed across the comma
    assert "machine-learning" not in ids("Operated the machine, learning fast")


def test_fuzzy_fixes_one_typo_in_long_tech_names_only() -> None:
    assert ids("Deployed with Kubernets") == ["kubernetes"]
    assert ids("Wrote Javscript") == ["javascript"]
    assert ids("Wrote Jav") == []


def test_line_numbers_and_surface() -> None:
    text = "Summary\nPython developer\n\nUsed k8s and Docker"
    mentions = extract_skills(text, section="experience")
    assert [(m.skill_id, m.line, m.surface) for m in mentions] == [
        ("python", 2, "Python"),
        ("kubernetes", 4, "k8s"),
        ("docker", 4, "Docker"),
    ]
    assert all(m.section == "experience" for m in mentions)
    lines = text.split("\n")
    assert all(m.surface in lines[m.line - 1] for m in mentions)


def test_every_occurrence_and_unique_helper() -> None:
    mentions = extract_skills("Python\nPython and SQL\nSQL")
    assert [m.skill_id for m in mentions] == ["python", "python", "sql", "sql"]
    assert [(m.skill_id, m.line) for m in unique_skills(mentions)] == [("python", 1), ("sql", 2)]


def test_domain_skills_across_job_families() -> None:
    found = set(ids("Handled accounts payable, bank reconciliations and month-end close under GAAP."))
    assert {"accounts-payable", "account-reconciliation", "month-end-close", "gaap"} <= found
    found = set(ids("Executive chef with menu planning, HACCP food safety and kitchen management."))
    assert {"culinary-arts", "food-safety", "kitchen-management"} <= found
    found = set(ids("Registered nurse: patient care, medication administration and EMR charting."))
    assert {"nursing", "patient-care", "medication-administration", "electronic-health-records"} <= found


def test_jd_sentence() -> None:
    jd = "5+ years of experience with Python, Django and AWS; familiarity with Terraform is a plus."
    assert ids(jd) == ["python", "django", "amazon-web-services", "terraform"]


def test_esco_multi_word_labels_extend_the_vocabulary() -> None:
    mentions = extract_skills("Responsible for tobacco leaves curing and to cure tobacco leaves daily.")
    esco = [m for m in mentions if m.skill_id.startswith("esco:")]
    assert esco and esco[0].surface.lower() == "cure tobacco leaves"


def test_repeated_lines_are_scanned_once_and_keep_their_own_line_numbers() -> None:
    from jobfit.skills import extractor

    extractor._SCANNED.clear()
    spans = extractor.find_skill_spans("Python and SQL\nsomething else\nPython and SQL")
    assert [(s.surface, s.line) for s in spans] == [("Python", 1), ("SQL", 1), ("Python", 3), ("SQL", 3)]
    assert len(extractor._SCANNED) == 2  # two distinct lines
    assert extractor.find_skill_spans("Python and SQL") == spans[:2]

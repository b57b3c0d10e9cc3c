"""Ad reading, eighth round of the judged error classes (issue 26, held-outs 5 to 7): an "ideally" that opens a
clause of its own ("and ideally you already have experience with ...") softens the whole clause, a lead-in such as
"Any of those will increase your chances:" heads a nice-to-have list (and "Working experience with" keeps it
open), a version-control pair written "GIT or SVN" is one group of two, "other programming languages" asks for the
languages the ad names, not for Programming, and a partner department ("in close cooperation with product
management") is no ask; a tool followed by names the vocabulary lacks and "or similar" is an example. Plain ad
text in the shapes real postings take."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.matching.keywords import salient_keywords
from jobfit.matching.requirements import Requirement, extract_requirements


def _skills(ad: str, title: str = "Software Engineer") -> dict[str, Requirement]:
    return {r.label: r for r in extract_requirements(parse_job(title=title, description=ad)) if r.kind == "skill"}


def test_ideally_opening_its_own_clause_softens_the_whole_clause() -> None:
    ad = ("What you offer\n* Solid Java skills\nYou have a strong interest in the latest technologies and ideally "
          "you already have experience with back end development databases cloud computing and big data.\n")
    skills = _skills(ad)
    assert skills["Java"].importance == "required"
    for name in ("Databases", "Cloud computing", "Big data"):
        assert skills[name].importance == "preferred", name


def test_an_adverb_cue_without_a_clause_of_its_own_still_reaches_the_next_item_only() -> None:
    skills = _skills("Requirements\n* Python, preferably Django, Docker, Kubernetes\n")
    assert skills["Django"].importance == "preferred"
    for name in ("Python", "Docker", "Kubernetes"):
        assert skills[name].importance == "required", name


def test_increase_your_chances_heads_a_nice_to_have_list() -> None:
    ad = ("You need:\n* Experience with remote data via REST and JSON\n* Fluent English skills\n"
          "Any of those will increase your chances:\nCertification(s) in relevant fields\nWorking experience with\n"
          "third party libraries like: Retrofit Dagger 2 Picasso\ndata persistence\nAgile Development\n"
          "Gradle\nJob benefits:\n* Free lunch\n")
    skills = _skills(ad)
    for name in ("JSON", "English"):
        assert skills[name].importance == "required", name
    for name in ("Agile", "Gradle"):
        assert skills[name].importance == "preferred", name


def test_git_written_in_capitals_is_an_alternative_to_svn() -> None:
    skills = _skills("Requirements\n* Solid C#\n* GIT or SVN\n")
    assert skills["Git"].group is not None
    assert skills["Git"].group == skills["Subversion"].group


def test_programming_languages_ask_for_the_languages_named_not_programming() -> None:
    skills = _skills("Requirements\n* Solid C# and .NET\n* any other programming languages e.g. Java is a plus\n"
                     "* Knowledge of other analytics tools and scripting languages such as Bash\n")
    assert "Programming" not in skills
    assert skills["C#"].importance == "required"
    assert skills["Java"].importance == "preferred"
    assert "Bash" in skills


def test_programming_stays_an_ask_where_no_language_is_named() -> None:
    assert "Programming" in _skills("Requirements\n* Knowledge of programming languages\n* Good teamwork\n")
    assert "Programming" in _skills("Requirements\n* Python and strong programming skills\n")
    assert "Programming" in _skills("Requirements\n* Proficiency in one or more modern programming languages\n"
                                    "* Experience with Java and SQL\n")


def test_a_partner_department_is_not_an_ask() -> None:
    ad = ("Your tasks\nAs part of a small team you will develop in close cooperation with product management and "
          "technical sales the digital products of the company.\nRequirements\n* Solid C# and unit testing\n"
          "* Experience working closely with marketing\n* Ability to work closely with others, strong "
          "communication skills\n")
    skills = _skills(ad)
    for name in ("Product management", "Sales", "Marketing"):
        assert name not in skills, name
    assert skills["Communication"].importance == "required"
    assert skills["C#"].importance == "required"


def test_a_partner_department_gives_no_keyword() -> None:
    ad = ("Requirements\n* Solid C# and unit testing\n* You work in close cooperation with product management and "
          "technical sales\n* Experience with desktop applications\n")
    terms = {term for term, _ in salient_keywords(parse_job(title="Software Engineer", description=ad))}
    assert "desktop applications" in terms
    assert not terms & {"product management", "technical sales"}


def test_a_name_before_unknown_names_and_or_similar_is_an_example() -> None:
    skills = _skills("Requirements\n* Strong React and TypeScript\n* Selenium jest/enzyme or similar\n"
                     "* Java skills or similar\n")
    assert skills["Selenium"].importance == "preferred"
    for name in ("React", "TypeScript", "Java"):
        assert skills[name].importance == "required", name

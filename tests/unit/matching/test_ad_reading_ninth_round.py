"""Ad reading, ninth round of the judged error classes (issue 26, held-outs 4 to 7): a statement of what the
company, a team or the product is or does ("We are developing a new SaaS product", "a team of technologists
dedicated to improving the design analytics ...", "The product includes features related to:") is no ask and gives
no keyword, while a tool the team builds with stays. Plain ad text in the shapes real postings take."""

from __future__ import annotations

from jobfit.documents.job import parse_job
from jobfit.matching.keywords import salient_keywords
from jobfit.matching.requirements import Requirement, extract_requirements


def _skills(ad: str, title: str = "Software Engineer") -> dict[str, Requirement]:
    return {r.label: r for r in extract_requirements(parse_job(title=title, description=ad)) if r.kind == "skill"}


def _keywords(ad: str, title: str = "Software Engineer") -> list[str]:
    return [term.lower() for term, _ in salient_keywords(parse_job(title=title, description=ad))]


def test_a_product_the_company_is_building_is_no_ask() -> None:
    ad = ("Job description\nWe are building a brand new SaaS product for application security based on a modern "
          "stack with Docker.\nRequirements\n* 5+ years of Java\n")
    skills = _skills(ad)
    assert "SaaS" not in skills
    assert "Docker" in skills  # the stack the product is built on stays an ask
    assert skills["Java"].importance == "required"
    assert "saas" not in _keywords(ad)


def test_what_a_team_is_dedicated_to_is_no_ask() -> None:
    ad = ("About the role\nYou will join a curious team of technologists dedicated to improving the analytics "
          "development and testing of our trading software.\nQualifications\n* Solid Java and SQL\n")
    skills = _skills(ad)
    assert "Data analysis" not in skills
    assert {"Java", "SQL"} <= set(skills)


def test_what_a_team_is_responsible_for_is_no_ask_but_the_hires_duty_is() -> None:
    ad = ("Job description\nYou will join the payments group which is responsible for creating shared services "
          "used across Banking.\nYou will be responsible for data engineering on our pipelines.\n"
          "Requirements\n* Python\n")
    skills = _skills(ad)
    assert "Banking" not in skills
    assert "Data engineering" in skills


def test_what_the_platform_does_is_no_ask() -> None:
    ad = ("Job description\nThe Data Catalog platform collects and distributes metadata that helps the firm improve "
          "its data management and data governance.\nRequirements\n* React and TypeScript\n")
    skills = _skills(ad)
    assert "Data governance" not in skills
    assert {"React", "TypeScript"} <= set(skills)
    assert "data governance" not in _keywords(ad)


def test_a_list_of_product_features_is_company_text() -> None:
    ad = ("Job description\nThe product includes features related to:\n• Data Lineage\n• Data Quality Issues and "
          "Scores\n• Data Governance Roles\nAs the UI lead you will design and develop the platform.\n"
          "Role Qualifications:\n• Experience with Scrum\n• Strong React skills\n")
    skills = _skills(ad)
    assert "Data quality" not in skills
    assert "Data governance" not in skills
    assert {"Scrum", "React"} <= set(skills)


def test_a_duty_that_names_the_same_field_still_asks() -> None:
    ad = ("Job description\nOur platform helps customers with reporting.\nYou will own data governance for the "
          "reporting platform.\nRequirements\n* SQL\n")
    assert "Data governance" in _skills(ad)


def test_a_field_capitalised_in_a_product_name_the_client_owns_is_no_ask() -> None:
    ad = ("Job description\nYou will be working mainly in the back end helping us to refine how we process our "
          "client's Research subscriptions.\nRequirements\n* Java\n")
    skills = _skills(ad)
    assert "Research" not in skills
    assert "Java" in skills


def test_a_practice_joined_to_a_word_that_qualifies_the_same_noun_is_no_ask() -> None:
    ad = ("Requirements\n* Experience with the integration of drivers into Linux in the hardware and upper software "
          "layers\n* Knowledge of communication protocols such as SPI and I2C\n* C++\n")
    skills = _skills(ad)
    assert "Hardware" not in skills
    assert "Communication" not in skills
    assert {"Linux", "C++"} <= set(skills)


def test_a_practice_standing_on_its_own_still_asks() -> None:
    ad = ("Requirements\n* Knowledge of computer hardware\n* Good communication skills\n* Passion for programming\n"
          "* C++\n")
    assert {"Hardware", "Communication", "Programming"} <= set(_skills(ad))


def test_two_levels_on_one_line_keep_each_its_own() -> None:
    ad = ("Requirements\n* Java\n* Fluent in spoken and written English knowledge of the German language is a plus\n"
          "* Knowledge of the English language – advanced level French language would be a plus\n")
    skills = _skills(ad)
    assert skills["English"].importance == "required"
    assert skills["German"].importance == "preferred"
    assert skills["French"].importance == "preferred"


def test_a_plus_after_one_item_still_reaches_it_whole() -> None:
    ad = ("Requirements\n* Java\n* Docker experience in AWS is a plus\n* Terraform experience in production is a plus\n"
          "* Python or Go is a plus\n")
    skills = _skills(ad)
    for name in ("Docker", "Amazon Web Services", "Terraform", "Python", "Go"):
        assert skills[name].importance == "preferred", name


def test_two_kinds_each_with_its_example_joined_by_or_are_one_group() -> None:
    skills = _skills("Requirements\n* Java\n* Experience running services on cloud platforms such as PCF or "
                     "containers like Kubernetes\n")
    assert skills["Containers"].group is not None
    assert skills["Containers"].group == skills["Kubernetes"].group
    assert skills["Java"].group is None


def test_a_kind_and_its_examples_without_or_stay_as_they_were() -> None:
    skills = _skills("Requirements\n* Solid Java such as Spring and Hibernate\n* Containers like Docker\n")
    assert skills["Java"].group is None
    assert skills["Containers"].group is None
    assert skills["Docker"].group is None


def test_the_list_of_product_features_ends_at_the_next_full_sentence() -> None:
    ad = ("Job description\nThe product includes features related to:\n• Data Lineage\n• Data Quality Scores\n"
          "As the UI Technical Lead you will architect and develop the platform in an agile setting.\n"
          "Requirements\n* React\n")
    skills = _skills(ad)
    assert "Data quality" not in skills
    assert "UI design" in skills


def test_what_the_company_relies_on_people_like_you_to_do_is_no_ask() -> None:
    ad = ("Job description\nOur\nCorporate Technology team relies on smart driven people like you to develop "
          "applications and provide tech support for all our corporate functions.\nRequirements\n* Java\n")
    skills = _skills(ad)
    assert "Technical support" not in skills
    assert "Java" in skills
    assert "Technical support" in _skills("Requirements\n* Java\n* Experience with IT support\n")


def test_everything_in_brackets_opened_by_e_g_is_an_example() -> None:
    ad = ("Requirements\nYou have good knowledge of C++.\nYou also have experience with software development tools "
          "(e.g.\nEclipse software management (GIT) Jenkins JTAG debugging) You are a good communicator\n")
    skills = _skills(ad)
    assert skills["C++"].importance == "required"
    for name in ("Eclipse", "Git", "Jenkins"):
        assert skills[name].importance == "preferred", name


def test_brackets_that_gloss_a_required_tool_keep_it_required() -> None:
    skills = _skills("Requirements\n* Solid SQL (PostgreSQL)\n* Version control (Git) is a must\n")
    assert skills["PostgreSQL"].importance == "required"
    assert skills["Git"].importance == "required"


def test_the_teams_description_ends_at_a_clause_about_the_role() -> None:
    ad = ("Job description\nYou will join a growing agile feature team that is responsible for Reference Data "
          "Engineering which is a varied development role with a primary focus on creating API services.\n"
          "Requirements\n* Knowledge of OO programming techniques\n")
    skills = _skills(ad)
    assert "Data engineering" not in skills
    assert {"Agile", "API development", "Programming"} <= set(skills)


def test_a_tool_the_new_product_is_built_with_stays_asked() -> None:
    ad = ("Job description\nWe are building a new platform with Go and Kafka for payments analytics.\n"
          "Requirements\n* Java\n")
    skills = _skills(ad)
    assert {"Go", "Apache Kafka", "Java"} <= set(skills)


def test_a_field_joined_to_a_tool_stack_still_asks() -> None:
    skills = _skills("Responsibilities\n* Ensure code quality by evolving architecture and tech stack\n")
    assert "Architecture" in skills

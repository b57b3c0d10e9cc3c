"""Reading a recruiter's CSV of self-reported categories: EEO-1 spellings, unknowns, and every problem by line."""

from __future__ import annotations

import uuid

from jobfit.fairness import CATEGORIES, read_self_reports

ID = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"


def test_rows_by_resume_id_with_the_categories_spelled_several_ways() -> None:
    data = (f"Resume ID,Sex,Race/Ethnicity,Name\n{ID},F,Black,Jane Doe\n"
            f"{uuid.UUID(int=1)},male,\"Hispanic or Latino\",x\n{uuid.UUID(int=2)},,Declined,\n").encode()
    reports = read_self_reports(data)
    assert reports.errors == [] and reports.key_kind == "resume_id"
    assert [(r.line, r.key, r.sex, r.race_ethnicity) for r in reports.rows] == [
        (2, ID, "female", "black_or_african_american"),
        (3, str(uuid.UUID(int=1)), "male", "hispanic_or_latino"),
        (4, str(uuid.UUID(int=2)), None, None)]
    assert "Jane" not in repr(reports)  # other columns are not kept


def test_rows_by_file_name_semicolons_and_a_byte_order_mark() -> None:
    reports = read_self_reports("\ufefffile_name;sex;race_ethnicity\r\ncv.pdf;Female;Two or More Races\r\n\r\n"
                                .encode())
    assert reports.errors == [] and reports.key_kind == "file_name"
    assert [(r.key, r.sex, r.race_ethnicity) for r in reports.rows] == [("cv.pdf", "female", "two_or_more_races")]


def test_every_problem_is_named_with_its_line() -> None:
    data = (f"resume_id,sex,race_ethnicity\n{ID},Female,White\nnot-an-id,Male,White\n{ID},Male,Asian\n"
            f"{uuid.UUID(int=3)},Nonbinary,White\n{uuid.UUID(int=4)},Male,Martian\n,Male,White\n").encode()
    reports = read_self_reports(data)
    assert [e.line for e in reports.errors] == [3, 4, 5, 6, 7]
    messages = [e.message for e in reports.errors]
    assert "is not a resume id" in messages[0]
    assert "already on line 2" in messages[1]
    assert "sex 'Nonbinary' is not one of Male, Female (or blank for unknown)" in messages[2]
    assert "race_ethnicity 'Martian'" in messages[3] and "Two or More Races" in messages[3]
    assert messages[4] == "no resume_id"
    summary = reports.summary()
    assert summary.startswith("The file was not stored (5 problems): line 3:") and "line 7" in summary


def test_files_that_are_not_a_self_report_table() -> None:
    for data, says in [(b"", "empty"), (b"\xff\xfe\x00a", "not UTF-8"), (b"a\x00b,c\n", "NUL"),
                       (b"resume_id,sex\n" + ID.encode() + b",Male\n", "race_ethnicity not found"),
                       (b"name,email\nJane,j@x\n", "resume_id (or file_name)"),
                       (b"resume_id,sex,race_ethnicity\n", "no rows"),
                       (b"resume_id,sex,race_ethnicity\n" + ID.encode() + b"," + b"x" * 2000 + b",White\n",
                        "longer than")]:
        reports = read_self_reports(data)
        assert reports.rows == [] and len(reports.errors) == 1, data
        assert says in str(reports.errors[0]), (data, str(reports.errors[0]))


def test_the_row_limit() -> None:
    data = "resume_id,sex,race_ethnicity\n" + "".join(f"{uuid.UUID(int=n)},Male,White\n" for n in range(5))
    reports = read_self_reports(data.encode(), max_rows=3)
    assert len(reports.rows) == 3 and "more than 3 rows" in str(reports.errors[-1])


def test_the_categories_are_the_eeo1_ones() -> None:
    assert [c.label for c in CATEGORIES.sex] == ["Male", "Female"]
    assert [c.label for c in CATEGORIES.race_ethnicity] == [
        "Hispanic or Latino", "White", "Black or African American", "Native Hawaiian or Other Pacific Islander",
        "Asian", "American Indian or Alaska Native", "Two or More Races"]
    assert len(CATEGORIES.of("intersection")) == 14

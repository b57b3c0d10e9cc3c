"""Reading candidates' voluntary self-reports from a recruiter's CSV: one row per resume, keyed by the resume's id or
its file name, with sex and race/ethnicity in the EEO-1 categories (blank or "declined" for unknown).

Every problem is reported with its line number, and a file with any problem is refused whole by the caller, so a
half-read file never lands. Columns other than the key, sex and race/ethnicity (a name, an email) are ignored and
never kept.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from typing import Literal

from jobfit.fairness.categories import CATEGORIES, UnknownSpelling, normalised

KeyKind = Literal["resume_id", "file_name"]
MAX_ROWS = 100_000
MAX_FIELD = 1_000  # characters in one cell: ids, file names and category names are short
SHOWN_ERRORS = 10


@dataclass(frozen=True)
class SelfReport:
    line: int  # the file's line the row ends on (the header is line 1)
    key: str  # a resume id (canonical form) or a file name, as `SelfReports.key_kind` says
    sex: str | None  # a category code, None for unknown
    race_ethnicity: str | None


@dataclass(frozen=True)
class LineError:
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class SelfReports:
    key_kind: KeyKind = "resume_id"
    rows: list[SelfReport] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    def summary(self) -> str:
        """The problems in one sentence for people: the first few, and how many more."""
        shown = "; ".join(str(e) for e in self.errors[:SHOWN_ERRORS])
        more = len(self.errors) - SHOWN_ERRORS
        noun = "problem" if len(self.errors) == 1 else "problems"
        return (f"The file was not stored ({len(self.errors)} {noun}): {shown}"
                + (f"; and {more} more" if more > 0 else "") + ".")


def _choices(grouping: Literal["sex", "race_ethnicity"]) -> str:
    return ", ".join(c.label for c in CATEGORIES.of(grouping)) + " (or blank for unknown)"


def _column_roles(header: list[str]) -> dict[str, int]:
    """Which column holds which role (resume_id, file_name, sex, race_ethnicity), by the header's names."""
    roles: dict[str, int] = {}
    for index, name in enumerate(header):
        name = normalised(name).replace(" ", "_")
        for role, names in CATEGORIES.columns.items():
            if name in names and role not in roles:
                roles[role] = index
    return roles


def _delimiter(first_line: str) -> str:
    return max((",", ";", "\t"), key=first_line.count)


def read_self_reports(data: bytes, max_rows: int = MAX_ROWS) -> SelfReports:
    """The rows of a self-report CSV and every problem found, each with its line number."""
    out = SelfReports()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        out.errors.append(LineError(0, "the file is not UTF-8 text: save it as 'CSV UTF-8'"))
        return out
    if "\x00" in text:
        out.errors.append(LineError(0, "the file is not a CSV text file (it contains NUL bytes)"))
        return out
    if not text.strip():
        out.errors.append(LineError(0, "the file is empty"))
        return out
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    try:
        header = next(reader)
        roles = _column_roles(header)
        key_kind: KeyKind = "resume_id" if "resume_id" in roles else "file_name"
        missing = [role for role in (key_kind, "sex", "race_ethnicity") if role not in roles]
        if missing:
            out.errors.append(LineError(1, "the first line must name the columns resume_id (or file_name), sex "
                                           f"and race_ethnicity; {', '.join(missing)} not found"))
            return out
        out.key_kind = key_kind
        seen: dict[str, int] = {}
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(out.rows) + len(out.errors) >= max_rows:
                out.errors.append(LineError(line, f"more than {max_rows:,} rows: split the file"))
                break
            row = _row(cells, roles, key_kind, line, seen)
            if isinstance(row, LineError):
                out.errors.append(row)
            else:
                seen[row.key] = line
                out.rows.append(row)
    except csv.Error as error:
        too_long = "field larger than field limit" in str(error)
        out.errors.append(LineError(reader.line_num, f"a cell is longer than {MAX_FIELD} characters" if too_long
                                    else "this line is not CSV (a quote left open?)"))
    if not out.rows and not out.errors:
        out.errors.append(LineError(0, "the file has a header but no rows"))
    return out


def _row(cells: list[str], roles: dict[str, int], key_kind: KeyKind, line: int,
         seen: dict[str, int]) -> SelfReport | LineError:
    def cell(role: str) -> str:
        index = roles[role]
        return cells[index].strip() if index < len(cells) else ""

    if any(len(c) > MAX_FIELD for c in cells):
        return LineError(line, f"a cell is longer than {MAX_FIELD} characters")
    key = cell(key_kind)
    if not key:
        return LineError(line, f"no {key_kind}")
    if key_kind == "resume_id":
        try:
            key = str(uuid.UUID(key))
        except ValueError:
            return LineError(line, f"resume_id '{key}' is not a resume id (ids look like "
                                   "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b)")
    if key in seen:
        return LineError(line, f"{key_kind} '{key}' is already on line {seen[key]}")
    values: dict[str, str | None] = {}
    for grouping in ("sex", "race_ethnicity"):
        try:
            values[grouping] = CATEGORIES.code_of(grouping, cell(grouping))  # type: ignore[arg-type]
        except UnknownSpelling:
            return LineError(line, f"{grouping} '{cell(grouping)}' is not one of {_choices(grouping)}")  # type: ignore[arg-type]
    return SelfReport(line, key, values["sex"], values["race_ethnicity"])

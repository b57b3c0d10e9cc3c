"""The title of an ad that has no title line: whether a first line reads as a sentence rather than a title, and the
role a sentence names ("We are looking for a Frontend Developer to our Marketing team" -> "Frontend Developer").

Words come from `data/job_title.json`. A role is a singular role noun with the words that qualify it, written as a
name ("Knowledge Management Consultant") or, in lower case, as what the ad is looking for ("for a sales manager").
A role that is someone else's ("our Creative Technology Manager", "report to the Sales Director"), the last of a
list ("a Java, Python or Go Developer") or a plural ("mechanical engineers") is no title.
"""

from __future__ import annotations

import re

from jobfit.documents.data import load_json

_DATA = load_json("job_title.json")
_ROLE_NOUNS = frozenset(_DATA["role_nouns"])
_SENTENCE_WORDS = frozenset(_DATA["sentence_words"])
_OTHER_AFTER = frozenset(_DATA["other_roles_after"])
_OTHER_DETERMINERS = frozenset(_DATA["other_roles_determiners"])
_LIST_JOINS = frozenset(_DATA["list_joins"])
_DETERMINERS = frozenset(_DATA["determiners"])
_ROLE_LEADS = frozenset(_DATA["role_leads"])
# words that end a role's modifiers: "for a Sales Manager", "our Creative Technology Manager"
_NOT_MODIFIERS = frozenset(load_json("stopwords.json")["STOPWORDS"]["en"]) | _SENTENCE_WORDS | _OTHER_AFTER \
    | _OTHER_DETERMINERS | _LIST_JOINS | _DETERMINERS | _ROLE_LEADS

# A word as written (with the "/" of "Python/Django", the "&" of "Sales & Marketing"), or an ad's placeholder.
_WORD = re.compile(r"\[[A-Z]+\]|[^\s,;:()!?\[\]]+|[,;:()!?]")
TITLE_MAX_WORDS = 12  # a longer first line is a paragraph
ROLE_MAX_MODIFIERS = 4  # "Senior Knowledge Management Consultant"
LEAD_LINES = 3  # the first sentences of an ad, where it names the role


def _bare(word: str) -> str:
    return word.lower().strip(".'\"’“”-–")


def reads_as_sentence(line: str) -> bool:
    """Whether an ad's first line (or a typed title) is a sentence, not a title: it ends as a sentence does, runs
    longer than a title, or speaks to or about someone ("We are looking for ...", "Would you like to ...")."""
    words = line.split()
    if not words:
        return False
    ends = line.rstrip().endswith((".", "?", "!")) and len(words) >= 3
    return ends or len(words) > TITLE_MAX_WORDS or any(_bare(w) in _SENTENCE_WORDS for w in words)


def _capitalised(word: str) -> bool:
    return word[0].isupper() or (word[0].isdigit() and any(c.isupper() for c in word))


def _role_at(words: list[str], at: int) -> str | None:
    """The whole role ending at the role noun words[at], or None when it is no title of this post."""
    head = words[at]
    named = _capitalised(head)
    start = at
    while (start > 0 and at - start < ROLE_MAX_MODIFIERS and not words[start - 1].startswith("[")
           and _bare(words[start - 1]) not in _NOT_MODIFIERS
           and (_capitalised(words[start - 1]) if named else words[start - 1].islower())
           and words[start - 1][-1] not in ",;:"):
        start -= 1
    before = _bare(words[start - 1]) if start > 0 else ""
    if before in _LIST_JOINS or (start > 0 and words[start - 1] == ","):
        return None  # the last of a list of roles
    if start > 0 and words[start - 1].startswith("["):
        return None  # a named person's post ("[NAME] Director Technology")
    if before in _OTHER_DETERMINERS or (before not in _DETERMINERS and before in _OTHER_AFTER):
        return None
    lead = _bare(words[start - 2]) if start > 1 else ""
    if before in _DETERMINERS and lead in _OTHER_AFTER:
        return None  # "report to the Head ...", "together with the Product Manager"
    if not named and (before not in {"a", "an"} or lead not in _ROLE_LEADS or start == at):
        return None
    if named and start == at and before not in {"a", "an"}:
        return None  # a capitalised noun alone ("Lead the team")
    return " ".join(words[start : at + 1]).rstrip(".'\"’”")


def role_phrase(text: str) -> str | None:
    """The role an ad's first sentences name for its post, as written; None when they name none whole."""
    lines = [line for line in text.split("\n") if line.strip()][:LEAD_LINES]
    for line in lines:
        words = _WORD.findall(line)
        for at, word in enumerate(words):
            if _bare(word) in _ROLE_NOUNS and (role := _role_at(words, at)):
                return role
    return None

"""Salient keywords of a job ad (ATS-style): the phrases an applicant tracker looks for. Keywords come from the same
sentences as the requirements - the duties, requirements and nice-to-have zones of the ad
(`documents/job_zones.py`), with the employer's names blanked - and are whole phrases: a phrase is a run of content
words between punctuation, stopwords, ad filler and ordinary words ("get things done"), without a leading verb
("Designing user interactions" -> "user interactions", "used Docker containers" -> "Docker containers"); one of more
than three words is not a keyword, but its head (last word) may be. Names side by side are the items of a list that
lost its commas ("Kotlin RxJava Dagger", "Junit powermock easymock"), never one keyword. A plain word before a name
that is a skill of its own is the list item before it ("markup JavaScript"). A whole field of work alone
("Programming", "Information technology") or a personal trait ("Independence", "show commitment") is no search term
(`is_search_term`): a requirement may name it, but it is not one of the ad's keywords. Never another piece of a
phrase ("end website" of "front end website architecture"), never a word of the job title (the title is its own
requirement), never a broad noun alone ("systems", but "distributed systems"), never a word only ever seen inside a
kept phrase. Salience = occurrences weighted by zone (requirements 1.5, nice-to-have 1.25, duties 1), longer phrases
first. Terms are reported as first written.
"""

from __future__ import annotations

import re
from itertools import pairwise

from jobfit.documents.education import DOCTORATE
from jobfit.documents.job import ad_reading
from jobfit.documents.job_cues import (
    DUTY_START,
    PEOPLE,
    any_of,
    verb_forms,
    without_descriptions,
    without_learnables,
    without_partners,
    without_unit_names,
)
from jobfit.documents.job_zones import ASKING_ZONES
from jobfit.documents.models import ParsedJob
from jobfit.matching.specificity import idf, is_known
from jobfit.matching.text import AD_WORDS, JOB_AD_FILLER, STOPWORDS, content_tokens, stem, tokens
from jobfit.skills.loader import load_taxonomy

_ZONE_BOOST = {"requirements": 1.5, "preferred": 1.25, "duties": 1.0}
_MAX_PHRASE_WORDS = 3
_GENERIC = frozenset(AD_WORDS["generic"])
_NOT_ALONE = frozenset(AD_WORDS["not_alone"])
_NEVER_ASKS = frozenset(w for words in AD_WORDS["never_asks"].values() for w in words)  # "Friday", "European"
_FIELDS_ALONE = frozenset(AD_WORDS["fields_alone"])
_TRAITS_ALONE = frozenset(AD_WORDS["traits_alone"])
_TRAIT_VERB = any_of(AD_WORDS["trait_verbs"], anchored=True)
_SHOWN_TRAITS = frozenset(AD_WORDS["shown_traits"])  # "show commitment": a trait hoped for, no skill
_LEADING_VERB = any_of((verb_forms(v) for v in AD_WORDS["leading_verbs"]), anchored=True)
_ADJECTIVE_END = re.compile(r"(?:" + "|".join(AD_WORDS["adjective_endings"]) + r")$")
_MIN_ADJECTIVE_LENGTH = 6  # shorter words with these endings are mostly nouns ("table", "deal")
# A word of a phrase: letters/digits with inner dots, hyphens, plus or hash ("node.js", "c++", "front-end").
_WORD = re.compile(r"(?:(?<![\w.])\.)?[A-Za-z0-9][\w+#]*(?:[.\-'’][\w+#]+)*[+#]*")
_BREAK = re.compile(r"[,;:()\[\]!?\"“”•|\n]|\s[-–—ー]\s|-\s|\.(?:\s|$)")  # a phrase never spans a line break
_MIN_WORD_IDF = 2.0  # a one-word keyword is a specific word of the background table, not "strategy" or "success"


def _is_content(word: str) -> bool:
    low = word.lower()
    return (
        len(low) > 2
        and not low.endswith(("'s", "’s"))  # a possessive names an owner ("Apple's"), not what is asked
        and low not in STOPWORDS
        and low not in JOB_AD_FILLER
        and low not in _GENERIC
        and low not in _NEVER_ASKS
        and not low[0].isdigit()
        and not low.endswith("ly")
    )


def _is_verb(word: str) -> bool:
    """A phrase's first word that is a verb: a duty verb, a verb that opens an ask ("used Docker containers"),
    or a gerund ("Staying abreast", "overseeing projects")."""
    low = word.lower()
    return bool(DUTY_START.match(low) or _LEADING_VERB.match(low)) or low.endswith("ing")


def is_shown_trait(label: str) -> bool:
    """Whether a label is a trait the ad hopes the hire shows ("show commitment", "demonstrate enthusiasm"), not a
    skill a resume can evidence ("demonstrate emergency procedures")."""
    low = label.strip().lower()
    verb = _TRAIT_VERB.match(low)
    shown = low[verb.end() :].split() if verb is not None else []
    return bool(shown) and shown[0] in _SHOWN_TRAITS


def is_search_term(label: str) -> bool:
    """Whether a requirement's label is a keyword an applicant tracker searches for: not a whole field of work
    alone ("Programming", "Information technology"), which every resume of the field holds, nor a personal trait
    alone ("Independence") or shown ("show commitment")."""
    low = label.strip().lower()
    return low not in _FIELDS_ALONE and low not in _TRAITS_ALONE and not _TRAIT_VERB.match(low)


def _is_name(word: str, *, first: bool) -> bool:
    """Whether a word is written as a name: an acronym or inner capital ("GCP", "SaaS"), digits or symbols
    ("node.js", "C++", "S3"), a capital that does not just open the phrase ("Solidity" mid-sentence), or a
    known skill's own form ("git")."""
    if any(c.isdigit() or c in ".+#" for c in word) or any(c.isupper() for part in word.split("-") for c in part[1:]):
        return True
    if word[0].isupper() and not first:
        return not _is_fragment_head([word])  # "Dedicated", "Ensures" are words, not names
    entry = load_taxonomy().lookup(word)
    return entry is not None and entry.is_tech


def names_a_thing(phrase: str) -> bool:
    """Whether a phrase names a thing (a product, standard or method) rather than describing one: one of its
    words is written as a name - an acronym or inner capital ("GCP", "AppService"), digits or symbols ("sapui5",
    "json.net") - or is a technical skill of the shipped vocabulary ("SQL scripts")."""
    words = [m.group(0) for m in _WORD.finditer(phrase)]
    taxonomy = load_taxonomy()
    if (len(words) == 1 and words[0][0].isupper() and taxonomy.lookup(words[0]) is None
            and words[0].lower() not in _NOT_ALONE and words[0].lower() not in _GENERIC):
        return True  # a recurring capitalised word the vocabulary does not hold: a product's name ("Kinaxis")
    for word in words:
        if any(c.isdigit() or c in ".+#" for c in word.rstrip(".")) or _has_inner_capital(word):
            return True
        entry = taxonomy.lookup(word)
        if entry is not None and entry.is_tech and word.lower() not in _NOT_ALONE and word.lower() not in _GENERIC:
            return True
    return False


def _has_inner_capital(word: str) -> bool:
    """An acronym or a capital inside a word ("GCP", "SaaS", "DevOps"), not a capital that only opens it."""
    return any(c.isupper() for part in re.split(r"[-'’]", word) for c in part[1:])


def _is_fragment_head(run: list[str]) -> bool:
    """Whether a run is not a noun phrase: its last word is an adjective or participle ("verbal", "minded"), a
    verb ("self-improve") or people ("developers"), or it holds a participle after its subject ("issues
    affecting production")."""
    last = run[-1].lower()
    if last in PEOPLE or DUTY_START.fullmatch(last.split("-")[-1]):
        return True
    if len(last) >= _MIN_ADJECTIVE_LENGTH and _ADJECTIVE_END.search(last):
        return True
    return any(word.lower().endswith("ing") and before.lower().endswith("s") and not before.lower().endswith("ss")
               for before, word in pairwise(run))


def _dotted(word: str) -> str:
    """A name whose leading dot a tokeniser or the sentence split cut off ("C#. NET Core" -> "NET"), with its dot
    back when only the dotted form is a known skill's (".NET")."""
    if not word.isupper() or len(word) < 2:
        return word
    taxonomy = load_taxonomy()
    return "." + word if taxonomy.lookup(word) is None and taxonomy.lookup("." + word) is not None else word


def phrases(text: str) -> list[str]:
    """The whole phrases of one sentence, as written: runs of content words, leading verbs dropped, lists of
    names split into their names, fragments (`_is_fragment_head`) dropped; a single word only when a name; a
    run that a capitalised ordinary word continues ("Human-Computer Interaction") is a piece of a longer name."""
    found: list[str] = []
    for piece in _BREAK.split(text):
        run: list[tuple[str, bool]] = []  # (word, first word of its piece)
        first = True
        for match in _WORD.finditer(piece):
            word = _dotted(match.group(0))
            gap = piece[match.start() - 1] if match.start() > 0 else " "
            if _is_content(word) and (not run or gap in " -"):
                run.append((word, first))
            else:
                if not (run and gap in " -" and word[:1].isupper()):
                    found.extend(_trimmed(run))  # else a piece cut from a longer name ("Human-Computer")
                run = [(word, first)] if _is_content(word) else []
            first = False
        found.extend(_trimmed(run))
    return found


def _one_title_case_name(names: list[str]) -> bool:
    """Whether a run of capitalised words is one name written in title case ("Human-Computer Interaction"), not
    a list of names that lost its commas ("Python Docker"), nor a word of it a keyword alone: some word of it is
    no name by itself - no acronym,
    digit, symbol or inner capital, and no technical skill of the vocabulary."""
    return (all(word[:1].isupper() for word in names) and not all(_strong(word) for word in names)
            and not _names_side_by_side(names))


def _strong(word: str) -> bool:
    """Whether a word is a name by itself: an acronym, digit, symbol or inner capital, or a technical skill of
    the vocabulary."""
    entry = load_taxonomy().lookup(word)
    return (any(c.isdigit() or c in ".+#" for c in word) or _has_inner_capital(word)
            or (entry is not None and entry.is_tech))


def _list_items(names: list[str]) -> list[str]:
    """The items of a list of names, two side by side joined when together they name a skill of the vocabulary
    ("Java Spring Boot" -> "Java", "Spring Boot")."""
    taxonomy = load_taxonomy()
    items: list[str] = []
    for name in names:
        if items and " " not in items[-1] and taxonomy.lookup(f"{items[-1]} {name}") is not None:
            items[-1] = f"{items[-1]} {name}"
        else:
            items.append(name)
    return items


def _names_side_by_side(words: list[str]) -> bool:
    """Whether a run is items of a list that lost its commas: two names side by side that together name no
    skill of the vocabulary ("Kotlin RxJava Dagger"; "Azure DevOps" is one), or a technical skill followed only
    by words no English text of the background table holds, tags written in lower case ("Junit powermock
    easymock")."""
    taxonomy = load_taxonomy()
    if any(_strong(a) and _strong(b) and taxonomy.lookup(f"{a} {b}") is None for a, b in pairwise(words)):
        return True
    head = taxonomy.lookup(words[0])
    return (len(words) >= 2 and head is not None and head.is_tech
            and all(not is_known(stem(w.lower())) and taxonomy.lookup(w) is None for w in words[1:]))


def _trimmed(run: list[tuple[str, bool]]) -> list[str]:
    """A run of content words as candidate keywords: the whole phrase (up to three words, without a leading verb)
    and its head, the last word ("forecasting" of "demand forecasting"), unless a broad noun or not a name."""
    names = [word for word, first in run if _is_name(word, first=first)]
    if len(run) >= 2 and _names_side_by_side([word for word, _ in run]):
        return _list_items(names)  # "Junit powermock easymock": the names of a list, never the run as one keyword
    one_name = len(names) >= 2 and _one_title_case_name(names)
    if len(run) >= 2 and len(names) >= 2 and not one_name:
        return _list_items(names)  # a list that lost its commas
    out: list[str] = []
    if (run and run[-1][0].lower() not in _NOT_ALONE and _is_name(run[-1][0], first=run[-1][1])
            and not one_name):
        out.append(run[-1][0])
    words = [word for word, _ in run]
    while words and _is_verb(words[0]):
        words = words[1:]
    glued = len({w.lower() for w in words}) < len(words)  # "development cross-platform development": two phrases
    # a broad noun before a name is a list's label glued to its first item ("languages Java")
    glued = glued or (len(words) >= 2 and words[0].lower() in _NOT_ALONE and _is_name(words[-1], first=False))
    # a plain word before a name that is a skill of its own is the item before it in a list that lost its commas
    # ("maintain markup JavaScript and CSS"), unless it is a participle or adjective ("embedded Linux") or together
    # they name a skill
    glued = glued or (len(words) == 2 and words[0].islower() and words[1][:1].isupper() and _strong(words[1])
                      and not words[0].endswith("ed") and not _ADJECTIVE_END.search(words[0])
                      and load_taxonomy().lookup(" ".join(words)) is None)
    if 2 <= len(words) <= _MAX_PHRASE_WORDS and not glued and not _is_fragment_head(words):
        out.append(" ".join(words))
    return out


def _ngram_counts(sentences: list[tuple[list[str], float]]) -> tuple[dict[tuple[str, ...], int],
                                                                      dict[tuple[str, ...], float]]:
    """Occurrences of every run of 1-3 stemmed words in the sentences, and the same weighted by their zone."""
    count: dict[tuple[str, ...], int] = {}
    weighted: dict[tuple[str, ...], float] = {}
    for terms, boost in sentences:
        for width in range(1, _MAX_PHRASE_WORDS + 1):
            for i in range(len(terms) - width + 1):
                key = tuple(terms[i : i + width])
                count[key] = count.get(key, 0) + 1
                weighted[key] = weighted.get(key, 0.0) + boost
    return count, weighted


def _names_a_degree(phrase: str) -> bool:
    """Whether a phrase holds a doctorate's name ("Ph.D", "PhD students"): the degree is the education
    requirement's, and the students of a department are colleagues, neither a keyword."""
    return DOCTORATE is not None and DOCTORATE.search(phrase) is not None


def salient_keywords(job: ParsedJob, *, limit: int = 25) -> list[tuple[str, int]]:
    """Up to `limit` (term, count_in_job) pairs, most salient first; ties broken alphabetically.

    A phrase of the requirements or nice-to-have zones is a keyword; one of the duties only if it recurs; a single
    word must recur and be specific (`_MIN_WORD_IDF`). Words of the posting's fields (place, job type) are not."""
    reading = ad_reading(job.text_content, job.company)
    asking = [(without_descriptions(without_partners(without_learnables(without_unit_names(s.wrapped_text)))), s.zone)
              for s in reading.sentences if s.zone in ASKING_ZONES and s.eligibility is None]
    title = {stem(t) for t in tokens(job.title)}
    fields = {t for s in reading.sentences if s.zone == "details" for t in content_tokens(s.text)}
    candidates: dict[tuple[str, ...], str] = {}
    asked_in: dict[tuple[str, ...], bool] = {}  # whether a requirements/nice-to-have sentence holds the phrase
    for text, zone in asking:
        for phrase in phrases(text):
            terms = tuple(content_tokens(phrase))
            if _names_a_degree(phrase):
                continue  # "Ph.D", "PhD students": the degree is the education requirement's, no keyword
            if terms and not set(terms) <= title and not set(terms) & fields:
                candidates.setdefault(terms, phrase)
                asked_in[terms] = asked_in.get(terms, False) or zone != "duties"
    counted, weighted = _ngram_counts([(content_tokens(text), _ZONE_BOOST[zone]) for text, zone in asking])
    score: dict[tuple[str, ...], float] = {}
    count: dict[tuple[str, ...], int] = {}
    for terms in candidates:
        count[terms] = counted.get(terms, 0)
        if len(terms) == 1:
            keep = count[terms] >= 2 and idf(terms[0]) >= _MIN_WORD_IDF
        else:
            keep = count[terms] >= 2 or asked_in[terms]
        if keep:
            score[terms] = weighted.get(terms, 0.0) * (1.0 + 0.25 * (len(terms) - 1))
    for terms in [t for t in score if len(t) == 1]:
        inside = sum(count[k] for k in score if len(k) > 1 and terms[0] in k)
        if inside >= count[terms]:
            del score[terms]  # only ever part of a kept phrase ("planning" of "inventory planning")
    ranked = sorted(score, key=lambda t: (-score[t], candidates[t].lower()))
    return [(candidates[t], count[t]) for t in ranked[:limit]]


def asking_text(job: ParsedJob) -> str:
    """The sentences of the ad that ask something of the candidate (duties, requirements, nice-to-haves), with
    the employer's names blanked and without eligibility checks (never scored): what the lexical similarity
    compares with a resume (the whole text when no sentence asks anything)."""
    reading = ad_reading(job.text_content, job.company)
    asking = [s.text for s in reading.sentences if s.zone in ASKING_ZONES and s.eligibility is None]
    return "\n".join(asking) or reading.masked

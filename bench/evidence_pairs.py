"""The (ad, resume) pairs of the judged evidence set, chosen by a seeded procedure, and the documents' text.

    .venv/bin/python bench/evidence_pairs.py [--evaldata ../shared/evaldata] [--check]

writes `bench/evidence/pairs.json` (or, with `--check`, fails if the committed file differs from what the
procedure gives now). `PROCEDURE` below is the procedure in words; it is copied into the file.

`ad_text` and `resume_text` turn a pair's entries into the files the engine reads: SkillSpan postings are
rebuilt from their sentences, dotin resumes from their XML, kaggle resumes are their CSV cell (ends trimmed),
everything else is the evaldata file itself.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import random
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAIRS_FILE = REPO / "bench" / "evidence" / "pairs.json"
SEED = 26  # the number; never changed after the first run
SIZES = {"dev": 10, "heldout": 12, "heldout2": 10, "heldout3": 10, "heldout4": 10, "heldout5": 10, "heldout6": 10,
         "heldout7": 10, "heldout8": 10, "heldout9": 10, "heldout10": 10,
         "heldout11": 10}
# resumes per format in each set, filled in this order; a set short of a format is filled from the others
FORMAT_QUOTAS = {
    "dev": {"docx": 1, "two_column_pdf": 1, "txt": 4, "pdf": 4},
    "heldout": {"docx": 1, "two_column_pdf": 1, "txt": 5, "pdf": 5},
    "heldout2": {"txt": 5, "pdf": 5},
    "heldout3": {"docx": 1, "two_column_pdf": 1, "txt": 4, "pdf": 4},
    "heldout4": {"pdf": 6, "txt": 4},
    "heldout5": {"pdf": 6, "txt": 4},
    "heldout6": {"txt": 10},
    "heldout7": {"txt": 10},
    "heldout8": {"pdf": 5, "txt": 5},  # PDFs first: the hidden sets are PDF and DOCX
    "heldout9": {"pdf": 5, "txt": 5},  # part A (step 14); part B's resumes are all livecareer PDFs
    "heldout10": {"pdf": 10},  # step 15: house ads x livecareer PDFs; a tech-ad fill, if any, PDFs first
    "heldout11": {"pdf": 10},  # step 16: as step 15
}
PDF_AD_QUOTA = 2  # resume_matcher JD PDFs per set (the other ads are SkillSpan postings)
AD_SENTENCES = (30, 120)  # a SkillSpan posting is used when its sentence count is in this range ...
AD_MAX_CHARS = 8000  # ... its rebuilt text is at most this long (a judge reads it in a few minutes) ...
AD_MAX_TITLE = 100  # ... and its first sentence is a title, not a run-on paragraph
DOTIN_CHARS = (1500, 8000)  # dotin resumes used: this long, in lines (not one flattened block)
DOTIN_MIN_LINES = 30
DOTIN_MAX_LINE = 300
# Held-out 6's plain texts (step 11): the same "in lines" rule, relaxed in length up to what a packet shows in full
# (evidence_report.SHOWN_CHARS / SHOWN_LINES; a unit test keeps the two equal)
LATE_TEXT_CHARS = (1000, 16000)
LATE_TEXT_LINES = (20, 220)
LATE_AD_MIN_SENTENCES = 12  # held-out 8's ads (step 13): 1a's length rule relaxed to this and LATE_TEXT_CHARS[1]

# Fields, read from a job title or a resume's headline by these patterns (every pattern that matches adds its
# field). Written before any pair was drawn. "software" is the generic one: a developer of no named stack.
FIELD_RULES: tuple[tuple[str, str], ...] = (
    ("java", r"\bjava\b(?!\s*script)|\bj2ee\b|\bjee\b"),
    ("python", r"python|pyhton|django"),
    ("dotnet", r"\.\s?net\b|\bc#|dotnet"),
    ("web", r"front-?\s?end|\bui\b|react|angular|javascript|typescript|\bweb\b|html|full-?\s?stack|\bmern\b|node"),
    ("php", r"\bphp\b"),
    ("ruby", r"\bruby\b|\brails\b"),
    ("sap", r"\bsap\b|\babap\b"),
    ("game", r"\bgame|\bunity\b"),
    ("embedded", r"embedded|firmware|\biot\b"),
    ("mobile", r"android|\bios\b|mobile"),
    ("data_ml", r"\bdata\b|machine learning|\bml\b|\bai\b|artificial intelligence|\bbi\b|analytics|scien"),
    ("devops_cloud", r"devops|site reliability|system reliability|\bsre\b|cloud|platform|infrastructure|kubernetes"),
    ("qa", r"\bqa\b|quality|\btest"),
    ("security", r"security|threat"),
    ("it_ops", r"(?-i:\bIT\b)|information technology|network|system(?:s)? administrat"),
    ("product", r"product manag"),
    ("design", r"designer|\bux\b"),
    ("software", r"software|programmer|developer|\bsw\b|back-?\s?end|full-?\s?stack|\bmern\b"),
)
GENERIC = "software"
DEVELOPMENT = frozenset({"java", "python", "dotnet", "web", "php", "ruby", GENERIC})  # fields a generic developer fits
# Held-out 2 only: the IT operations resumes left have no IT operations ad left, so an ad of a neighbouring field
# (infrastructure and security work that IT specialists and their managers apply for) is compatible there too.
NEIGHBOURS = {"it_ops": frozenset({"devops_cloud", "security"})}
# Held-out 9, part B (step 14): the field of a SkillSpan "house" posting (no title line), as the livecareer
# categories it fits, read from its first three sentences by these role words, each starting a word (WORD_START).
# Written before the held-out 9 draw, from the role names of the livecareer categories, not from any posting.
HOUSE_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bsales\b|account manager|account executive|business development", ("SALES", "BUSINESS-DEVELOPMENT")),
    (r"accountant|accounting|controller|bookkeep", ("ACCOUNTANT", "FINANCE")),
    (r"\bfinance\b|financial analyst|banking|\bbanker", ("FINANCE", "BANKING")),
    (r"(?-i:\bHR\b)|human resources|recruiter|recruitment|\btalent", ("HR",)),
    (r"(?:process|mechanical|electrical|project|civil|chemical) engineer", ("ENGINEERING",)),
    (r"project manager|consultant", ("CONSULTANT",)),
    (r"designer", ("DESIGNER",)),
    (r"marketing|\bcommunications\b|(?-i:\bPR\b)|public relations", ("PUBLIC-RELATIONS", "DIGITAL-MEDIA")),
    (r"developer|software|(?-i:\bIT\b)|information technology", ("INFORMATION-TECHNOLOGY",)),
)
# Held-out 9 (step 14) reads every field pattern only where a word starts: step 3's patterns found fields inside
# words ("automobile" → mobile, "neuroscience" → data science), which step 14's first draw showed.
WORD_START = r"(?<!\w)(?:{})"
HOUSE_LEAD_SENTENCES = 3
HELDOUT10_PER_FIELD = 2  # held-out 10 (step 15): at most this many pairs per livecareer category
MANAGEMENT = r"manager|head of|director|\blead\b|\bvp\b|vice president|president|\bceo\b|\bcto\b"

# Resumes that are files in evaldata, with the headline each shows (its own tagline, else its most recent
# job title, copied as written) from which its fields are read.
FILE_RESUMES: tuple[tuple[str, str, str, str, str], ...] = (
    # id, path under evaldata, format, headline, licence
    ("deedy", "latex_resume_templates/deedy_resume-openfont.pdf", "two_column_pdf",
     "FACEBOOK | SOFTWARE ENGINEER", "Apache-2.0"),
    ("altacv-mmayer", "latex_resume_templates/altacv_mmayer.pdf", "two_column_pdf", "President & CEO",
     "LPPL-1.3"),
    ("awesome-cv", "latex_resume_templates/awesome-cv_resume.pdf", "pdf", "DevOps Engineer · Software Architect",
     "LPPL-1.3c"),
    ("rm-alfred", "resume_matcher_samples/resumes/alfred_pennyworth_pm.pdf", "pdf", "Product Manager",
     "Apache-2.0"),
    ("rm-barry", "resume_matcher_samples/resumes/barry_allen_fe.pdf", "pdf", "Front-End Developer", "Apache-2.0"),
    ("rm-bruce", "resume_matcher_samples/resumes/bruce_wayne_fullstack.pdf", "pdf", "MERN Stack Developer",
     "Apache-2.0"),
    ("rm-harvey", "resume_matcher_samples/resumes/harvey_dent_mle.pdf", "pdf", "Machine Learning Engineer",
     "Apache-2.0"),
    ("rm-john-doe", "resume_matcher_samples/resumes/john_doe.pdf", "pdf", "Full Stack Developer", "Apache-2.0"),
    ("openresume", "open_resume_examples/openresume-resume.pdf", "pdf", "Software engineer", "AGPL-3.0"),
    ("omkar", "pyresparser_fixture/OmkarResume.pdf", "pdf", "SOFTWARE ENGINEER · FULL STACK PYTHON DEVELOPER",
     "GPL-3.0"),
    ("rendercv", "rendercv_examples/John_Doe_EngineeringresumesTheme_CV.pdf", "pdf",
     "Co-Founder & CTO, Nexus AI", "MIT"),
    ("soupboss-mickey", "soupboss_pdf_docx_pairs/Mickey01_docx.docx", "docx",
     "Solutions Architect / Software Engineer – Hybrid Cloud and IT Automation", "unknown (internal only)"),
    ("soupboss-minnie", "soupboss_pdf_docx_pairs/Minnie01_docx.docx", "docx", "Sr. System Reliability Engineer",
     "unknown (internal only)"),
    *(
        (f"livecareer-it-{rid}", f"livecareer_resume_pdfs_sample/pdf/INFORMATION-TECHNOLOGY__{rid}.pdf", "pdf",
         headline, "none (internal only)")
        for rid, headline in (
            ("13405733", "DIRECTOR OF INFORMATION TECHNOLOGY"),
            ("15118506", "DIRECTOR OF INFORMATION TECHNOLOGY"),
            ("17681064", "INFORMATION TECHNOLOGY SENIOR MANAGER"),
            ("18752129", "INFORMATION TECHNOLOGY ANALYST"),
            ("20024870", "INFORMATION TECHNOLOGY (INTERNSHIP)"),
            ("22450718", "INFORMATION TECHNOLOGY SPECIALIST"),
            ("26801767", "DIRECTOR, INFORMATION TECHNOLOGY"),
            ("31111279", "MANAGER, INFORMATION TECHNOLOGY PROJECT MANAGEMENT OFFICE"),
            ("33381211", "VICE PRESIDENT INFORMATION TECHNOLOGY - SOFTWARE ENGINEERING"),
            ("64017585", "INFORMATION TECHNOLOGY CONSULTANT, MANAGING MEMBER"),
        )
    ),
)
RESUME_MATCHER_JDS: tuple[tuple[str, str, str], ...] = (
    ("rm-jd-front-end", "resume_matcher_samples/job_descriptions/job_desc_front_end_engineer.pdf",
     "Front End Engineer"),
    ("rm-jd-full-stack", "resume_matcher_samples/job_descriptions/job_desc_full_stack_engineer.pdf",
     "Full Stack Engineer"),
    ("rm-jd-java", "resume_matcher_samples/job_descriptions/job_desc_java_developer.pdf", "Java Developer"),
    ("rm-jd-product-manager", "resume_matcher_samples/job_descriptions/job_desc_product_manager.pdf",
     "Product Manager"),
)
DOTIN_ZIP = "dotin_resume_ner_cc0/545_cvs_train_v2.zip"
DOTIN_TEST_ZIP = "dotin_resume_ner_cc0/set_aside_test_v2_50cvs.zip"  # held-out 6 only
DOTIN_ID_PREFIX = {DOTIN_ZIP: "dotin-", DOTIN_TEST_ZIP: "dotin-test-"}
SKILLSPAN = "skillspan_job_postings"
# Held-out 4's and 5's resumes, from sources never in the pool: livecareer PDFs (category index of each folder) ...
LIVECAREER_INDEXES: tuple[tuple[str, str, str, str, str, frozenset[str]], ...] = (
    # folder, index file, its path column, id column, category column, categories used
    ("ferr_hr_relevance_livecareer", "resume_index.csv", "file", "resume_id", "livecareer_category",
     frozenset({"INFORMATION-TECHNOLOGY", "ENGINEERING", "DESIGNER", "DIGITAL-MEDIA"})),
    ("livecareer_resume_pdfs_sample", "labels.csv", "file", "id", "category",
     frozenset({"ENGINEERING", "DESIGNER", "DIGITAL-MEDIA"})),  # its IT PDFs are in the pool
)
KAGGLE_CSV = "kaggle_updated_resume_dataset/UpdatedResumeDataSet.csv"  # ... and kaggle's plain texts
# livecareer's DESIGNER category holds every trade of designer; the pool's design ads are for screens (UX, UI,
# product), so in held-outs 4 and 5 a designer of a physical trade or of teaching material is not of the design
# field.
OFF_SCREEN_DESIGN = r"floral|mechanical|industrial|\bcad\b|apparel|fashion|interior|stylist|instructional|pre-?press"
UNKNOWN_LICENCE = "unknown (internal only)"

PROCEDURE = f"""\
Seed {SEED}; `bench/evidence_pairs.py` is the procedure as code. Nothing here looks at what jobfit outputs.
1. Ads. (a) SkillSpan postings (skillspan_job_postings, all splits, source "tech" = StackOverflow job ads, MIT):
   a posting is its sentences in file order, one per line; placeholders such as <ORGANIZATION> are kept as
   [ORGANIZATION] (a run of the same one as one); spaces the tokenizer put before punctuation are removed. Used
   when it has {AD_SENTENCES[0]}-{AD_SENTENCES[1]} sentences, at most {AD_MAX_CHARS} characters and its title (first
   sentence, placeholders removed, at most {AD_MAX_TITLE} characters) names a field. ("house" postings have no
   title line and are not used.) (b) The four resume_matcher job-description PDFs (Apache-2.0), titled by
   their file names.
2. Resumes. (a) Files: the two-column LaTeX PDFs (Deedy, AltaCV), single-column template PDFs (Awesome-CV,
   RenderCV, OpenResume, pyresparser, the five resume_matcher samples), the real livecareer
   INFORMATION-TECHNOLOGY PDFs and the two software DOCX files of SoupBoss (Mickey: text boxes; Minnie: a
   LinkedIn copy); each with the headline it shows (its tagline, else its most recent job title, as written).
   SoupBoss's Desktop Support, Accountant and Office Coordinator DOCX are not used: no ad of the pool is of
   their field. (b) Plain texts: dotin training resumes (CC0),
   tags removed, whose first Designation names a technical field, {DOTIN_CHARS[0]}-{DOTIN_CHARS[1]} characters, at
   least {DOTIN_MIN_LINES} lines and no line over {DOTIN_MAX_LINE} characters (not flattened).
3. Fields: every FIELD_RULES pattern that matches the title or headline adds its field ("software" = a
   developer of no named stack); MANAGEMENT marks a manager's role. An ad and a resume are compatible when
   they share a named field; or one is a generic developer and the other a developer of any stack; or the
   resume names no field, is a manager's, and so is the ad.
4. Split: random.Random({SEED}) shuffles each group (SkillSpan ads; resume_matcher JDs; resumes of each format,
   in sorted id order) and deals it alternately to dev and held-out, so no ad and no resume is in both sets.
5. Pairs, per set (dev {SIZES['dev']}, held-out {SIZES['heldout']}): resumes of each format in the order of
   FORMAT_QUOTAS, shuffled, each taking a compatible ad not yet used in the set (a resume_matcher JD while fewer
   than {PDF_AD_QUOTA} are used and one is compatible, else a SkillSpan ad, drawn by the same generator),
   up to the format's quota; a set still short is filled from the remaining resumes of any format.
6. Held-out pairs are judged only at the end: no one fixing the matcher reads their packets or judgments.
7. Held-out 2 (added after the held-out pairs were judged and their error classes fixed, {SIZES['heldout2']} pairs):
   drawn as in 5, by the same generator after the other two sets, from the ads and resumes that no dev or
   held-out pair uses (of both halves of the split); there an IT operations resume is also compatible with an
   ad of a neighbouring field (NEIGHBOURS: cloud/DevOps, security), as none of its own field is left.
8. Held-out 3 (added after held-out 2 was judged and its error classes fixed; every resume of the pool was then
   used): the resumes of the held-out set (whose packets no one fixing the matcher opened) with ads that no
   earlier pair uses, drawn as in 7 by the same generator after held-out 2.
9. Held-out 4 (added after held-out 3 was judged and its error classes fixed, {SIZES['heldout4']} pairs): SkillSpan ads
   of the pool (1a) that no earlier pair uses, with resumes from sources never in the pool: (a) livecareer PDFs
   of ferr_hr_relevance_livecareer (categories INFORMATION-TECHNOLOGY, ENGINEERING, DESIGNER, DIGITAL-MEDIA, as
   resume_index.csv gives them) and of livecareer_resume_pdfs_sample (the same but INFORMATION-TECHNOLOGY, whose
   PDFs are in the pool; labels.csv), one resume per livecareer id (ferr's file when both folders hold it), none
   whose id the pool has; headline = the first non-blank line of the first page as pdfminer.six reads it
   (livecareer PDFs open with their title line); (b) the texts of kaggle_updated_resume_dataset, each distinct
   text once (its first row), read as UTF-8 with undecodable bytes replaced, headline = its category, kept
   when of the dotin shape in 2b. A resume is used only when FIELD_RULES find a field in its headline; a
   designer of a trade off screen (OFF_SCREEN_DESIGN: floral, mechanical, fashion, instructional…) is not of
   the design field (the pool's design ads are UX/UI/product roles). Drawn as in 5 (a shared field; no
   neighbours), formats in the order of FORMAT_QUOTAS, by the same generator after held-out 3.
10. Held-out 5 (added after held-out 4 was judged and its error classes fixed, {SIZES['heldout5']} pairs): drawn
   as in 9, by the same generator after held-out 4, from the SkillSpan ads and the step-9 resumes (same sources,
   rules and dedupe) that no earlier pair uses; no livecareer id of an earlier pair is used again. That first
   pass gives only 5 pairs (heldout5-01..05): the unused ads are all developer roles, and of the unused resumes
   only five share a field with one (the rest, graphic designers and IT managers, share none), fewer than the 8
   pairs a judged set needs. So each of these resumes takes two ads: a second pass, in the first pass's resume
   order and by the same generator, gives each resume another compatible ad that no pair of the file uses,
   drawn as its first one was (heldout5-06..10). No ad is used twice in the file.
11. Held-out 6 (added after held-out 5 was judged and its error classes fixed, {SIZES['heldout6']} pairs): SkillSpan
   ads of the pool (1a) that no earlier pair uses, with plain-text resumes that no earlier pair uses: (a) dotin's
   set-aside test resumes ({DOTIN_TEST_ZIP}, CC0, read as in 2b,
   ids "dotin-test-<n>"); (b) the dotin training resumes the pool left out; (c) the kaggle texts of 9b.
   Headline: the first Designation (2b) or the category (9b); a resume is used only when FIELD_RULES find a
   field in it. One shape rule for all three, 2b's relaxed to what a packet shows in full: in lines (none over
   {DOTIN_MAX_LINE} characters), {LATE_TEXT_LINES[0]}-{LATE_TEXT_LINES[1]} lines and
   {LATE_TEXT_CHARS[0]}-{LATE_TEXT_CHARS[1]} characters. Texts that are the same when compared on their letters and
   digits only are used once (the first of a, b, c, each in file order), and not at all when one is the text of
   an earlier pair's resume. Drawn as in 9 (formats: all txt), by the same generator after held-out 5; a set
   still short after that first pass gets step 10's second pass (each of its resumes, in order, another
   compatible ad no pair of the file uses).
12. Held-out 7 (added after held-out 6 was judged and its error classes fixed, {SIZES['heldout7']} pairs): SkillSpan
   ads of the pool (1a) that no earlier pair uses, with plain texts of step 11's three sources that no earlier pair
   uses and that are flattened into few long lines (jobfit re-splits such text): of step 11's length
   ({LATE_TEXT_CHARS[0]}-{LATE_TEXT_CHARS[1]} characters, at most {LATE_TEXT_LINES[1]} lines), failing its shape
   only because a line is over {DOTIN_MAX_LINE} characters or there are fewer than {LATE_TEXT_LINES[0]} lines.
   Headlines, fields, duplicate texts and texts of earlier pairs as in 11; drawn as in 11 (a first pass, then step
   10's second pass if the set is still short), by the same generator after held-out 6.
13. Held-out 8 (added after held-out 7 was judged and its error classes fixed, {SIZES['heldout8']} pairs; no compatible
   pair of steps 1-12's rules was left). Ads: SkillSpan "tech" postings (all splits) that no earlier pair uses,
   with 1a's title rule (a field in the first sentence, at most {AD_MAX_TITLE} characters) and 1a's length relaxed
   to what a packet shows in full: at least {LATE_AD_MIN_SENTENCES} sentences and at most {LATE_TEXT_CHARS[1]}
   characters as rebuilt (so the pool's unused ads, and those 1a left out only for their length: 12-29
   sentences, or longer ones up to that many characters). Resumes: every source an earlier step drew from, what
   no earlier pair uses (the same livecareer id or the same text key counts as used), with a field in its
   headline as that source's step reads it: the pool's files (2a), step 9's livecareer PDFs (its categories and
   headline rule), and the plain texts of step 11's sources (the pool's dotin texts included) in lines or
   flattened, {LATE_TEXT_CHARS[0]}-{LATE_TEXT_CHARS[1]} characters and at most {LATE_TEXT_LINES[1]} lines (steps 11
   and 12 together). Drawn as in 9 (a shared field, or a generic developer with a developer of any stack; no ad
   twice), PDFs first (FORMAT_QUOTAS; the hidden sets are PDF and DOCX, and a format short of compatible resumes
   is filled from the others), by the same generator after held-out 7. The first pass gives all
   {SIZES['heldout8']} pairs, so no second pass (step 7's neighbours, step 10's second ads) is drawn.
14. Held-out 9 (added after held-out 8 was drawn, {SIZES['heldout9']} pairs), by the same generator after held-out 8.
   (A) Step 13's rules on what it left: its ads and resumes that no earlier pair uses, drawn as in 13 (PDFs first),
   but every step 3 pattern matches only where a word starts (the first draw of this step paired a mobile ad with
   an "automobile" salesperson and, in B, read "neuroscience" as data science; it was redrawn before any packet).
   (B) Filled up to {SIZES['heldout9']} pairs: SkillSpan "house" postings (all splits; real job ads of many fields
   from a job platform, with no title line), at least {LATE_AD_MIN_SENTENCES} sentences and at most
   {LATE_TEXT_CHARS[1]} characters rebuilt, x livecareer PDFs of every category (both folders of step 9, one per
   livecareer id, ferr's file when both hold it) whose id no earlier pair uses. A resume's field is its
   livecareer category; an ad's fields are the livecareer categories of every HOUSE_FIELDS pattern (role words,
   written before this draw) found, starting a word, in its first
   {HOUSE_LEAD_SENTENCES} sentences, placeholders removed. Compatible when the ad's categories contain the resume's.
   The resumes, in sorted id order, are shuffled; a first pass takes at most one resume per category (fields
   spread), a second fills the set; each takes a compatible ad no pair of the set uses, chosen by the generator.
   An ad's title is the role phrase found first in those sentences, as written (else its first sentence, cut to
   {AD_MAX_TITLE} characters); a resume's headline is read as in step 9 (first line of its first page).
15. Held-out 10 (added after held-out 9 was drawn, {SIZES['heldout10']} pairs), by the same generator after held-out 9:
   step 14 part B's rules (house ads of the same length, HOUSE_FIELDS unchanged and read where a word starts,
   livecareer PDFs of every category one per id) on what it left: house ads and livecareer ids that no earlier
   pair uses. The resumes, in sorted id order, are shuffled; a first pass takes at most one resume per category
   and only of categories step 14's part B did not pair, a second at most one per category of any, a third up
   to {HELDOUT10_PER_FIELD} per category; each takes a compatible ad no pair of the set uses, chosen by the
   generator. Titles and headlines as in 14. Only a set still short would take step 14 part A's rules (tech ads
   and resumes of step 13's sources that no pair uses, PDFs first); house x PDF gives all {SIZES['heldout10']}
   pairs, so none is drawn.
16. Held-out 11 (added after held-out 10 was drawn, {SIZES['heldout11']} pairs), by the same generator after held-out
   10: step 15's rules on what it left (house ads and livecareer ids that no earlier pair uses), the categories
   steps 14 (part B) and 15 paired least first. With each category's count of pairs in those two steps, a first
   pass takes at most one resume per category and only of categories they did not pair; then, for each count
   they reached, lowest first, a pass takes at most one per category of categories paired at most that often; a
   last pass up to {HELDOUT10_PER_FIELD} per category. Titles and headlines as in 14. No house ad left fits a
   category they did not pair, so the first pass takes none. Only a set still short would take step 14 part A's
   rules, as in 15; house x PDF gives all {SIZES['heldout11']} pairs, so none is drawn.
"""


@dataclass(frozen=True)
class Doc:
    """An ad or a resume of the pool: where it comes from, and the fields read from its title or headline."""

    id: str
    source: str  # path under evaldata, or "skillspan_job_postings/<split>.json#<source>/<idx>", "<zip>:<member>"
    format: str  # ad: "skillspan" | "pdf"; resume: "pdf" | "two_column_pdf" | "docx" | "txt"
    title: str
    fields: tuple[str, ...]
    management: bool
    licence: str


def fields_of(title: str) -> tuple[tuple[str, ...], bool]:
    return (tuple(f for f, pattern in FIELD_RULES if re.search(pattern, title, re.IGNORECASE)),
            bool(re.search(MANAGEMENT, title, re.IGNORECASE)))


def at_word_starts(doc: Doc) -> Doc:
    """`doc` with its fields read from its title as in step 3, each pattern matching only where a word starts
    (step 14)."""
    fields = tuple(f for f, pattern in FIELD_RULES
                   if re.search(WORD_START.format(pattern), doc.title, re.IGNORECASE))
    return replace(doc, fields=fields)


def compatible(ad: Doc, resume: Doc, *, neighbours: bool = False) -> bool:
    """Same named field (or, with `neighbours`, a neighbouring one); else a generic developer and a developer of
    any stack; else manager and manager."""
    specific_ad, specific_resume = set(ad.fields) - {GENERIC}, set(resume.fields) - {GENERIC}
    if specific_ad & specific_resume:
        return True
    if neighbours and any(specific_ad & NEIGHBOURS.get(field, frozenset()) for field in specific_resume):
        return True
    if GENERIC in ad.fields and not specific_ad and set(resume.fields) & DEVELOPMENT:
        return True
    if GENERIC in resume.fields and not specific_resume and set(ad.fields) & DEVELOPMENT:
        return True
    return not resume.fields and resume.management and ad.management


def _doc(id_: str, source: str, fmt: str, title: str, licence: str) -> Doc:
    fields, management = fields_of(title)
    return Doc(id_, source, fmt, title, fields, management, licence)


# ---------------------------------------------------------------- documents' text


_PLACEHOLDER = re.compile(r"<([A-Z]+)>(?:\s+<\1>)*")


def detokenize(tokens: list[str]) -> str:
    """One SkillSpan sentence as text: placeholders readable, no space before closing punctuation."""
    text = _PLACEHOLDER.sub(lambda m: f"[{m.group(1)}]", " ".join(tokens))
    text = re.sub(r" ([.,;:!?)\]](?:\s|$))", r"\1", text + " ")
    return re.sub(r"([(\[]) ", r"\1", text).strip()


def skillspan_postings(evaldata: Path) -> dict[str, tuple[str, list[str]]]:
    """Every posting of SkillSpan as (source, sentences), keyed "skillspan-<split>-<source>-<idx>"."""
    postings: dict[str, tuple[str, list[str]]] = {}
    for split in ("train", "dev", "test"):
        path = evaldata / SKILLSPAN / f"{split}.json"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            key = f"skillspan-{split}-{row['source']}-{row['idx']}"
            ref = f"{SKILLSPAN}/{split}.json#{row['source']}/{row['idx']}"
            postings.setdefault(key, (ref, []))[1].append(detokenize(row["tokens"]))
    return postings


def dotin_texts(evaldata: Path, zip_name: str = DOTIN_ZIP) -> dict[str, tuple[str, str, str]]:
    """dotin resumes of one zip (training, or the set-aside test one) as (member, first designation, text without
    tags), keyed "dotin-<n>" (training) or "dotin-test-<n>"."""
    out: dict[str, tuple[str, str, str]] = {}
    with zipfile.ZipFile(evaldata / zip_name) as archive:
        for member in sorted(archive.namelist()):
            if not member.endswith(".xml") or "__MACOSX" in member:
                continue
            xml = archive.read(member).decode("utf-8")
            designation = re.search(r'<label type="Designation">(.*?)</label>', xml, re.S)
            body = re.sub(r"</?cv>|<\?xml[^>]*\?>", "", xml)
            text = html.unescape(re.sub(r"</?label[^>]*>", "", body)).strip() + "\n"
            title = html.unescape(designation.group(1)).strip() if designation else ""
            out[f"{DOTIN_ID_PREFIX[zip_name]}{Path(member).stem}"] = (member, re.sub(r"\s+", " ", title), text)
    return out


def ad_text(evaldata: Path, ad: dict) -> str | None:
    """The text of a SkillSpan ad (the engine reads it as a .txt file); None for an ad that is a file."""
    if ad["format"] != "skillspan":
        return None
    return "\n".join(skillspan_postings(evaldata)[ad["id"]][1]) + "\n"


def kaggle_texts(evaldata: Path) -> dict[str, tuple[str, str]]:
    """kaggle's distinct resume texts as (category, text), keyed "kaggle-<row>" by the first data row (from 1)
    that holds the text. The file is UTF-8 with some bytes lost (a "?" in place of one byte of a bullet): those
    are read as U+FFFD, as the dataset has them."""
    raw = (evaldata / KAGGLE_CSV).read_bytes().decode("utf-8", errors="replace")
    out: dict[str, tuple[str, str]] = {}
    seen: set[str] = set()
    for row, record in enumerate(csv.DictReader(io.StringIO(raw, newline="")), 1):
        text = record["Resume"].replace("\r\n", "\n").strip() + "\n"
        if text not in seen:
            seen.add(text)
            out[f"kaggle-{row}"] = (record["Category"].strip(), text)
    return out


def resume_text(evaldata: Path, resume: dict) -> str | None:
    """The text of a plain-text (dotin or kaggle) resume; None for a resume that is a file."""
    if resume["format"] != "txt":
        return None
    if resume["source"].startswith(KAGGLE_CSV):
        return kaggle_texts(evaldata)[resume["id"]][1]
    return dotin_texts(evaldata, resume["source"].split(":", 1)[0])[resume["id"]][2]


def pdf_headline(path: Path) -> str:
    """The first non-blank line of a PDF's first page, as pdfminer.six reads it (not jobfit's parser)."""
    from pdfminer.high_level import extract_text

    lines = (" ".join(line.split()) for line in extract_text(path, maxpages=1).splitlines())
    return next((line for line in lines if line), "")


# ---------------------------------------------------------------- the pool and the draw


def pool(evaldata: Path) -> tuple[list[Doc], list[Doc]]:
    ads = []
    for key, (ref, sentences) in sorted(skillspan_postings(evaldata).items()):
        if "-tech-" not in key or not AD_SENTENCES[0] <= len(sentences) <= AD_SENTENCES[1]:
            continue
        doc = _skillspan_ad(key, ref, sentences)
        text = "\n".join(sentences)
        if len(text) <= AD_MAX_CHARS and len(doc.title) <= AD_MAX_TITLE and (doc.fields or doc.management):
            ads.append(doc)
    ads += [_doc(id_, path, "pdf", title, "Apache-2.0") for id_, path, title in RESUME_MATCHER_JDS]
    resumes = [_doc(id_, path, fmt, headline, licence) for id_, path, fmt, headline, licence in FILE_RESUMES]
    for key, (member, title, text) in dotin_texts(evaldata).items():
        doc = _doc(key, f"{DOTIN_ZIP}:{member}", "txt", title, "CC0-1.0")
        if doc.fields and _plain_text_shape(text):
            resumes.append(doc)
    return ads, resumes


def _skillspan_ad(key: str, ref: str, sentences: list[str]) -> Doc:
    """A SkillSpan posting as an ad of step 1a: titled by its first sentence without placeholders."""
    title = re.sub(r"\(\s*\)", " ", re.sub(r"\[[A-Z]+\]", " ", sentences[0]))
    return _doc(key, ref, "skillspan", re.sub(r"\s+", " ", title).strip(" -–|:"), "MIT")


def late_ads(evaldata: Path, used: set[str]) -> list[Doc]:
    """The ads of held-out 8 (step 13): SkillSpan "tech" postings that no earlier pair uses, of the pool (1a) or
    left out of it only for their length, now at least LATE_AD_MIN_SENTENCES sentences and at most
    LATE_TEXT_CHARS[1] characters; 1a's title rule, with a field."""
    ads = []
    for key, (ref, sentences) in sorted(skillspan_postings(evaldata).items()):
        if "-tech-" not in key or key in used or len(sentences) < LATE_AD_MIN_SENTENCES:
            continue
        doc = _skillspan_ad(key, ref, sentences)
        if len("\n".join(sentences)) <= LATE_TEXT_CHARS[1] and len(doc.title) <= AD_MAX_TITLE and doc.fields:
            ads.append(doc)
    return ads


def house_ad(key: str, ref: str, sentences: list[str]) -> Doc:
    """A SkillSpan "house" posting as an ad of held-out 9 (step 14): its livecareer categories are those of every
    HOUSE_FIELDS pattern found in its first sentences (placeholders removed); its title is the role phrase found
    first there, as written, else its first sentence cut to AD_MAX_TITLE characters."""
    lead = " ".join(re.sub(r"\[[A-Z]+\]", " ", s) for s in sentences[:HOUSE_LEAD_SENTENCES])
    lead = re.sub(r"\s+", " ", lead).strip()
    found = [(m, categories) for pattern, categories in HOUSE_FIELDS
             if (m := re.search(WORD_START.format(pattern), lead, re.IGNORECASE))]
    fields = tuple(dict.fromkeys(c for _, categories in found for c in categories))
    first = min((m for m, _ in found), key=lambda m: m.start(), default=None)
    if first:  # the whole words the phrase is in ("scien" → "science")
        start, end = first.span()
        start -= len(re.search(r"\w*$", lead[:start]).group(0))
        end += len(re.match(r"\w*", lead[end:]).group(0))
    title = lead[start:end] if first else _skillspan_ad(key, ref, sentences).title[:AD_MAX_TITLE]
    return Doc(key, ref, "skillspan", title, fields, False, "MIT")


def house_ads(evaldata: Path) -> list[Doc]:
    """The ads of held-out 9, part B: SkillSpan "house" postings (all splits) of at least LATE_AD_MIN_SENTENCES
    sentences and at most LATE_TEXT_CHARS[1] characters rebuilt, whose first sentences name a field."""
    ads = []
    for key, (ref, sentences) in sorted(skillspan_postings(evaldata).items()):
        if "-house-" in key and len(sentences) >= LATE_AD_MIN_SENTENCES \
                and len("\n".join(sentences)) <= LATE_TEXT_CHARS[1]:
            ad = house_ad(key, ref, sentences)
            if ad.fields:
                ads.append(ad)
    return ads


def livecareer_resumes(evaldata: Path, used: set[str]) -> list[Doc]:
    """The resumes of held-out 9, part B: livecareer PDFs of every category of both folders, one per livecareer id
    (ferr's file when both hold it), none whose id an earlier pair uses; the field is the category. The title is
    the category until `with_headline` reads the PDF (only for drawn resumes: reading every PDF is slow)."""
    used_ids = livecareer_ids(used)
    docs: dict[str, Doc] = {}
    for folder, index, path_col, id_col, category_col, _ in LIVECAREER_INDEXES:
        with (evaldata / folder / index).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rid, category = row[id_col], row[category_col]
                if rid not in used_ids and rid not in docs:
                    docs[rid] = Doc(f"livecareer-{category.lower()}-{rid}", f"{folder}/{row[path_col]}", "pdf",
                                    category, (category,), False, UNKNOWN_LICENCE)
    return sorted(docs.values(), key=lambda r: r.id)


def with_headline(evaldata: Path, resume: Doc) -> Doc:
    """A drawn livecareer resume titled by its headline (step 9's rule); its field stays its category."""
    return replace(resume, title=pdf_headline(evaldata / resume.source))


def _plain_text_shape(text: str, chars: tuple[int, int] = DOTIN_CHARS,
                      lines: tuple[int, int] = (DOTIN_MIN_LINES, sys.maxsize)) -> bool:
    """In lines, not one flattened block, and of a length a judge reads: the dotin rule of step 2b, or with step
    11's bounds (LATE_TEXT_CHARS, LATE_TEXT_LINES)."""
    text_lines = text.splitlines()
    return (chars[0] <= len(text) <= chars[1] and lines[0] <= len(text_lines) <= lines[1]
            and max(map(len, text_lines)) <= DOTIN_MAX_LINE)


def _flattened_shape(text: str) -> bool:
    """Step 12's shape rule: of step 11's length, failing its shape only by a line over DOTIN_MAX_LINE characters
    or fewer lines than LATE_TEXT_LINES[0] (a text flattened into few long lines)."""
    return (LATE_TEXT_CHARS[0] <= len(text) <= LATE_TEXT_CHARS[1] and len(text.splitlines()) <= LATE_TEXT_LINES[1]
            and not _plain_text_shape(text, LATE_TEXT_CHARS, LATE_TEXT_LINES))


def _late_shape(text: str) -> bool:
    """Step 11's shape rule: step 2b's with LATE_TEXT_CHARS and LATE_TEXT_LINES."""
    return _plain_text_shape(text, LATE_TEXT_CHARS, LATE_TEXT_LINES)


def _shown_shape(text: str) -> bool:
    """Step 13's shape rule: any text a packet shows in full, in lines or flattened (steps 11 and 12 together)."""
    return LATE_TEXT_CHARS[0] <= len(text) <= LATE_TEXT_CHARS[1] and len(text.splitlines()) <= LATE_TEXT_LINES[1]


def livecareer_ids(doc_ids: set[str]) -> set[str]:
    """The livecareer ids of these documents (one resume, whichever folder or step holds its PDF)."""
    return {m.group(1) for id_ in doc_ids if (m := re.fullmatch(r"livecareer-.*-(\d+)", id_))}


def late_resumes(evaldata: Path, pool_resumes: list[Doc], fresh_resumes: list[Doc], used: set[str]) -> list[Doc]:
    """The resumes of held-out 8 (step 13): of every source an earlier step drew from, those no earlier pair uses
    (one livecareer id, one text key), with a field: the pool's files (2a), step 9's livecareer PDFs
    (`fresh_resumes`), and the plain texts of step 11's sources and the pool's dotin texts of a shape a packet
    shows in full."""
    used_livecareer = livecareer_ids(used)
    files = [r for r in pool_resumes if r.format != "txt" and r.id not in used and r.fields]
    pdfs = [r for r in fresh_resumes if r.format == "pdf" and r.id.rsplit("-", 1)[-1] not in used_livecareer]
    return sorted(files + pdfs + plain_resumes(evaldata, [], used, _shown_shape), key=lambda r: r.id)


def text_key(text: str) -> str:
    """What two copies of one resume share however they were laid out: its letters and digits."""
    return re.sub(r"[\W_]+", "", text).lower()


def plain_resumes(evaldata: Path, pool_resumes: list[Doc], used: set[str],
                  shape: Callable[[str], bool] = _late_shape) -> list[Doc]:
    """The resumes of held-out 6 (step 11) or, with `_flattened_shape`, of held-out 7 (step 12): dotin test
    resumes, dotin training resumes the pool left out, kaggle texts; with a field, of the shape, each text once and
    none the text of an earlier pair's resume (`used`: the ids of earlier pairs' documents)."""
    pool_ids = {r.id for r in pool_resumes}
    candidates = [
        (_doc(key, f"{zip_name}:{member}", "txt", title, "CC0-1.0"), text)
        for zip_name in (DOTIN_TEST_ZIP, DOTIN_ZIP)
        for key, (member, title, text) in dotin_texts(evaldata, zip_name).items()
    ] + [
        (_doc(key, f"{KAGGLE_CSV}#row{key.removeprefix('kaggle-')}", "txt", category, UNKNOWN_LICENCE), text)
        for key, (category, text) in kaggle_texts(evaldata).items()
    ]
    seen = {text_key(text) for doc, text in candidates if doc.id in used}
    resumes = []
    for doc, text in candidates:
        key = text_key(text)
        fits = doc.fields and shape(text)
        if fits and doc.id not in pool_ids | used and key not in seen:
            resumes.append(doc)
        seen.add(key)
    return sorted(resumes, key=lambda r: r.id)


def new_resumes(evaldata: Path, pool_resumes: list[Doc]) -> list[Doc]:
    """The resumes of held-outs 4 and 5 (steps 9, 10): livecareer PDFs and kaggle texts no pool resume comes from,
    with a field."""
    pool_ids = {Path(r.source).stem.rsplit("__", 1)[-1] for r in pool_resumes if r.source.startswith("livecareer")}
    docs: dict[str, Doc] = {}
    for folder, index, path_col, id_col, category_col, categories in LIVECAREER_INDEXES:
        with (evaldata / folder / index).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rid, category = row[id_col], row[category_col]
                if category not in categories or rid in pool_ids or rid in docs:
                    continue
                source = f"{folder}/{row[path_col]}"
                doc = _doc(f"livecareer-{category.lower()}-{rid}", source, "pdf", pdf_headline(evaldata / source),
                           UNKNOWN_LICENCE)
                if re.search(OFF_SCREEN_DESIGN, doc.title, re.IGNORECASE):
                    doc = replace(doc, fields=tuple(f for f in doc.fields if f != "design"))
                docs[rid] = doc
    resumes = list(docs.values()) + [
        _doc(key, f"{KAGGLE_CSV}#row{key.removeprefix('kaggle-')}", "txt", category, UNKNOWN_LICENCE)
        for key, (category, text) in kaggle_texts(evaldata).items() if _plain_text_shape(text)
    ]
    return sorted((r for r in resumes if r.fields), key=lambda r: r.id)


def _deal(rng: random.Random, docs: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    order = sorted(docs, key=lambda d: d.id)
    rng.shuffle(order)
    return order[0::2], order[1::2]


def split(rng: random.Random, ads: list[Doc], resumes: list[Doc]) -> dict[str, tuple[list[Doc], list[Doc]]]:
    sets: dict[str, tuple[list[Doc], list[Doc]]] = {"dev": ([], []), "heldout": ([], [])}
    for group in ("skillspan", "pdf"):
        dev, held = _deal(rng, [a for a in ads if a.format == group])
        sets["dev"][0].extend(dev)
        sets["heldout"][0].extend(held)
    for fmt in sorted({r.format for r in resumes}):
        dev, held = _deal(rng, [r for r in resumes if r.format == fmt])
        sets["dev"][1].extend(dev)
        sets["heldout"][1].extend(held)
    return sets


def draw(rng: random.Random, name: str, ads: list[Doc], resumes: list[Doc]) -> list[tuple[Doc, Doc]]:
    pairs: list[tuple[Doc, Doc]] = []
    used_ads: set[str] = set()
    used_resumes: set[str] = set()

    def take(resume: Doc) -> bool:
        neighbours = name in ("heldout2", "heldout3")
        free = [a for a in ads if a.id not in used_ads and compatible(a, resume, neighbours=neighbours)]
        pdf_ads = [a for a in free if a.format == "pdf"]
        if sum(a.format == "pdf" for a, _ in pairs) < PDF_AD_QUOTA and pdf_ads:
            free = pdf_ads
        else:
            free = [a for a in free if a.format != "pdf"] or free
        if not free:
            return False
        ad = rng.choice(free)
        pairs.append((ad, resume))
        used_ads.add(ad.id)
        used_resumes.add(resume.id)
        return True

    for fmt, quota in FORMAT_QUOTAS[name].items():
        candidates = [r for r in resumes if r.format == fmt]
        rng.shuffle(candidates)
        taken = 0
        for resume in candidates:
            if taken < quota and len(pairs) < SIZES[name] and take(resume):
                taken += 1
    rest = [r for r in resumes if r.id not in used_resumes]
    rng.shuffle(rest)
    for resume in rest:
        if len(pairs) < SIZES[name]:
            take(resume)
    return pairs


def more_ads(rng: random.Random, name: str, pairs: list[tuple[Doc, Doc]], ads: list[Doc]) -> list[tuple[Doc, Doc]]:
    """Step 10's second pass: each resume of `pairs`, in their order, takes another compatible ad of `ads` that
    no pair uses, chosen by `rng` as `draw` chose its first one; up to the set's size."""
    used_ads = {ad.id for ad, _ in pairs}
    more: list[tuple[Doc, Doc]] = []
    for _, resume in pairs:
        free = [a for a in ads if a.id not in used_ads and compatible(a, resume)]
        if free and len(pairs) + len(more) < SIZES[name]:
            ad = rng.choice(free)
            more.append((ad, resume))
            used_ads.add(ad.id)
    return more


def draw_spread(rng: random.Random, size: int, ads: list[Doc], resumes: list[Doc],
                passes: tuple[tuple[int, frozenset[str]], ...] = ((1, frozenset()), (sys.maxsize, frozenset())),
                ) -> list[tuple[Doc, Doc]]:
    """Held-out 9, part B (and held-out 10, step 15): resumes in an order `rng` shuffles, each taking a compatible ad
    no pair of the set uses (chosen by `rng`). Each pass, in order, takes resumes while their field has fewer than
    its cap of pairs and is not one it leaves out; held-out 9's passes are one per field, then any, up to `size`."""
    order = sorted(resumes, key=lambda r: r.id)
    rng.shuffle(order)
    pairs: list[tuple[Doc, Doc]] = []
    for cap, left_out in passes:
        for resume in order:
            counts = [sum(f in r.fields for _, r in pairs) for f in resume.fields]
            if len(pairs) >= size or any(r.id == resume.id for _, r in pairs) \
                    or any(n >= cap for n in counts) or set(resume.fields) & left_out:
                continue
            free = [a for a in ads if all(a.id != b.id for b, _ in pairs) and compatible(a, resume)]
            if free:
                pairs.append((rng.choice(free), resume))
    return pairs


def _entry(doc: Doc) -> dict:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(doc).items()}


def _entries(id_format: str, pairs: list[tuple[Doc, Doc]]) -> list[dict]:
    return [{"id": id_format.format(i), "ad": _entry(ad), "resume": _entry(resume),
             "shared_fields": sorted(set(ad.fields) & set(resume.fields)) or ["management"]}
            for i, (ad, resume) in enumerate(pairs, 1)]


def build(evaldata: Path) -> dict:
    ads, resumes = pool(evaldata)
    rng = random.Random(SEED)
    sets = split(rng, ads, resumes)
    out: dict = {"seed": SEED, "procedure": PROCEDURE.splitlines(), "generated_by": "bench/evidence_pairs.py",
                 "pool": {"ads": {f: sum(a.format == f for a in ads) for f in ("skillspan", "pdf")},
                          "resumes": {f: sum(r.format == f for r in resumes)
                                      for f in sorted({r.format for r in resumes})}},
                 "sets": {}}
    for name, (set_ads, set_resumes) in sets.items():
        out["sets"][name] = _entries(f"{name}{{:02d}}", draw(rng, name, set_ads, set_resumes))
    used = {doc["id"] for pairs in out["sets"].values() for pair in pairs for doc in (pair["ad"], pair["resume"])}
    held_resumes = {pair["resume"]["id"] for pair in out["sets"]["heldout"]}
    for name, resume_pool in (("heldout2", [r for r in resumes if r.id not in used]),
                              ("heldout3", [r for r in resumes if r.id in held_resumes])):
        pairs = draw(rng, name, [a for a in ads if a.id not in used], resume_pool)
        out["sets"][name] = _entries(f"{name}-{{:02d}}", pairs)
        used |= {doc.id for pair in pairs for doc in pair}
    fresh_resumes = new_resumes(evaldata, resumes)
    for name in ("heldout4", "heldout5"):
        set_ads = [a for a in ads if a.id not in used and a.format == "skillspan"]
        set_resumes = [r for r in fresh_resumes if r.id not in used]
        out[f"pool_{name}"] = {"ads": {"skillspan": len(set_ads)},
                               "resumes": {f: sum(r.format == f for r in set_resumes) for f in ("pdf", "txt")}}
        pairs = draw(rng, name, set_ads, set_resumes)
        if name == "heldout5":  # a second ad per resume (step 10)
            pairs += more_ads(rng, name, pairs, set_ads)
        out["sets"][name] = _entries(f"{name}-{{:02d}}", pairs)
        used |= {doc.id for pair in pairs for doc in pair}
    for name, shape in (("heldout6", _late_shape), ("heldout7", _flattened_shape)):
        set_ads = [a for a in ads if a.id not in used and a.format == "skillspan"]
        set_resumes = plain_resumes(evaldata, resumes, used, shape)
        out[f"pool_{name}"] = {"ads": {"skillspan": len(set_ads)}, "resumes": {"txt": len(set_resumes)}}
        pairs = draw(rng, name, set_ads, set_resumes)
        if len(pairs) < SIZES[name]:  # step 10's second pass (steps 11, 12)
            pairs += more_ads(rng, name, pairs, set_ads)
        out["sets"][name] = _entries(f"{name}-{{:02d}}", pairs)
        used |= {doc.id for pair in pairs for doc in pair}
    set_ads = late_ads(evaldata, used)
    set_resumes = late_resumes(evaldata, resumes, fresh_resumes, used)
    out["pool_heldout8"] = {"ads": {"skillspan": len(set_ads)},
                            "resumes": {f: sum(r.format == f for r in set_resumes)
                                        for f in sorted({r.format for r in set_resumes})}}
    pairs = draw(rng, "heldout8", set_ads, set_resumes)
    out["sets"]["heldout8"] = _entries("heldout8-{:02d}", pairs)
    used |= {doc.id for pair in pairs for doc in pair}
    # held-out 9 (step 14): A, what step 13 left; B, house ads x livecareer PDFs of every category
    set_ads = [at_word_starts(a) for a in late_ads(evaldata, used)]
    set_resumes = [at_word_starts(r) for r in late_resumes(evaldata, resumes, fresh_resumes, used)]
    pairs = draw(rng, "heldout9", set_ads, set_resumes)
    used |= {doc.id for pair in pairs for doc in pair}
    part_b_ads, part_b_resumes = house_ads(evaldata), livecareer_resumes(evaldata, used)
    out["pool_heldout9"] = {
        "part_a": {"ads": {"skillspan": len(set_ads)},
                   "resumes": {f: sum(r.format == f for r in set_resumes)
                               for f in sorted({r.format for r in set_resumes})}},
        "part_b": {"ads": {"skillspan_house": len(part_b_ads)}, "resumes": {"pdf": len(part_b_resumes)}},
    }
    part_b = draw_spread(rng, SIZES["heldout9"] - len(pairs), part_b_ads, part_b_resumes)
    pairs += [(ad, with_headline(evaldata, resume)) for ad, resume in part_b]
    out["sets"]["heldout9"] = _entries("heldout9-{:02d}", pairs)
    used |= {doc.id for pair in pairs for doc in pair}
    out["sets"]["heldout10"] = heldout10(rng, evaldata, out, used, resumes, fresh_resumes)
    used |= {pair[side]["id"] for pair in out["sets"]["heldout10"] for side in ("ad", "resume")}
    out["sets"]["heldout11"] = heldout11(rng, evaldata, out, used, resumes, fresh_resumes)
    return out


def heldout10(rng: random.Random, evaldata: Path, out: dict, used: set[str], pool_resumes: list[Doc],
              fresh_resumes: list[Doc]) -> list[dict]:
    """Held-out 10 (step 15): step 14 part B's rules on what it left, fields spread (a category step 14 did not
    use first, then one per category, then up to HELDOUT10_PER_FIELD)."""
    step14 = frozenset(f for pair in out["sets"]["heldout9"] if "-house-" in pair["ad"]["id"]
                       for f in pair["resume"]["fields"])
    passes = ((1, step14), (1, frozenset()), (HELDOUT10_PER_FIELD, frozenset()))
    return house_set(rng, "heldout10", evaldata, out, used, passes, pool_resumes, fresh_resumes)


def least_used_passes(paired: list[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    """Held-out 11's passes (step 16): categories `paired` (one entry per earlier pair) never named first, then
    one pass per count reached, lowest first, each leaving out the categories paired more often, one pair per
    category; a last pass up to HELDOUT10_PER_FIELD per category."""
    counts = {f: paired.count(f) for f in paired}
    levels = sorted(set(counts.values()))
    spread = [(1, frozenset(f for f, n in counts.items() if n > level)) for level in [0, *levels]]
    return (*spread, (HELDOUT10_PER_FIELD, frozenset()))


def heldout11(rng: random.Random, evaldata: Path, out: dict, used: set[str], pool_resumes: list[Doc],
              fresh_resumes: list[Doc]) -> list[dict]:
    """Held-out 11 (step 16): step 15's rules on what it left, the categories steps 14 (part B) and 15 paired
    least first."""
    paired = [f for name in ("heldout9", "heldout10") for pair in out["sets"][name] if "-house-" in pair["ad"]["id"]
              for f in pair["resume"]["fields"]]
    return house_set(rng, "heldout11", evaldata, out, used, least_used_passes(paired), pool_resumes,
                     fresh_resumes)


def house_set(rng: random.Random, name: str, evaldata: Path, out: dict, used: set[str],
              passes: tuple[tuple[int, frozenset[str]], ...], pool_resumes: list[Doc],
              fresh_resumes: list[Doc]) -> list[dict]:
    """Steps 15 and 16: unused house ads x unused livecareer PDFs drawn with `passes`; a set still short takes step
    14 part A's rules on what it left. Records the pools in `out`."""
    set_ads = [a for a in house_ads(evaldata) if a.id not in used]
    set_resumes = livecareer_resumes(evaldata, used)
    pairs = [(ad, with_headline(evaldata, resume))
             for ad, resume in draw_spread(rng, SIZES[name], set_ads, set_resumes, passes)]
    out[f"pool_{name}"] = {"house": {"ads": {"skillspan_house": len(set_ads)}, "resumes": {"pdf": len(set_resumes)}}}
    if len(pairs) < SIZES[name]:
        used = used | {doc.id for pair in pairs for doc in pair}
        tech_ads = [at_word_starts(a) for a in late_ads(evaldata, used)]
        tech_resumes = [at_word_starts(r) for r in late_resumes(evaldata, pool_resumes, fresh_resumes, used)]
        out[f"pool_{name}"]["tech"] = {"ads": {"skillspan": len(tech_ads)},
                                       "resumes": {f: sum(r.format == f for r in tech_resumes)
                                                   for f in sorted({r.format for r in tech_resumes})}}
        fill = draw(rng, name, tech_ads, tech_resumes)
        pairs += fill[:SIZES[name] - len(pairs)]
    return _entries(name + "-{:02d}", pairs)


def load_pairs(set_name: str, path: Path = PAIRS_FILE) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["sets"][set_name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--check", action="store_true", help="fail if pairs.json differs from the procedure's")
    args = parser.parse_args()
    if not args.evaldata.is_dir():
        sys.exit(f"evaldata not found at {args.evaldata}")
    text = json.dumps(build(args.evaldata), indent=2, ensure_ascii=False) + "\n"
    if args.check:
        same = PAIRS_FILE.exists() and PAIRS_FILE.read_text(encoding="utf-8") == text
        print("pairs.json matches the procedure" if same else "pairs.json differs from the procedure")
        sys.exit(0 if same else 1)
    PAIRS_FILE.parent.mkdir(parents=True, exist_ok=True)
    PAIRS_FILE.write_text(text, encoding="utf-8")
    for name, pairs in json.loads(text)["sets"].items():
        print(f"{name}: {len(pairs)} pairs")
        for p in pairs:
            print(f"  {p['id']}  {p['resume']['format']:<14} {p['resume']['id']:<24} x {p['ad']['id']:<26} "
                  f"{p['ad']['title'][:40]}")


if __name__ == "__main__":
    main()

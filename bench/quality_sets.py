"""The labelled sets the match score is judged and fitted on, and the features jobfit computes for them.

Every set is real data labelled by others (see ../shared/evaldata/README.md); nothing here is labelled by us.
A set is a list of *groups*: one ranking people judged (a job and the resumes they rated, or a resume and the
jobs it was matched to), each pair with its label. `features` scores every pair with the real engine and
returns, per pair, each sub-score, each candidate semantic signal and the two simple baselines.

Sets, by where their resumes come from (leave-one-source-out keeps sets that share resumes together):
- ferr (source ferr): 50 HR x JD groups, HR ratings 1-7 of 7-10 livecareer resume PDFs; the JD is its skill list.
- real_ads (source kaggle): 53 full-text SkillSpan ads ranking the 166 distinct kaggle resumes, relevant = the
  resume category the ad's title names (`POSTING_TITLE_RULES`, fixed before any scoring).
- real_ads_by_resume (source kaggle): the same pairs seen from each resume: which ads suit it (a job ranking,
  like `rank-jobs`, so scores must compare across jobs).
- kaggle_short (source kaggle): 25 short role descriptions ranking the kaggle resumes by category.
- livecareer_short (source livecareer): 24 short role descriptions ranking 240 livecareer PDFs by category.
- resume_matcher (source resume_matcher): 4 JDs, the intended one of 5 resumes relevant.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import pickle
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from jd_texts import KAGGLE_JDS, LIVECAREER_JDS, POSTING_TITLE_RULES  # noqa: E402

from jobfit.documents.models import DocumentMetadata, ParsedJob, ParsedResume  # noqa: E402
from jobfit.embeddings.chunks import ASKING  # noqa: E402
from jobfit.embeddings.compact import pack_rows, unpack_rows  # noqa: E402
from jobfit.matching import prepare_job, prepare_resume, score_prepared  # noqa: E402
from jobfit.matching.keywords import asking_text  # noqa: E402
from jobfit.matching.meaning import Thresholds, thresholds_for  # noqa: E402
from jobfit.matching.text import content_tokens  # noqa: E402
from jobfit.skills.models import SkillMention  # noqa: E402

CACHE = Path("/tmp/jobfit_bench_cache")
Vectors = dict[str, np.ndarray]


@dataclass
class Group:
    """One judged ranking: `pairs` of (resume key, job key) with `labels` (higher = better fit)."""

    query: str
    pairs: list[tuple[str, str]]
    labels: list[float]


@dataclass
class LabelledSet:
    name: str
    source: str  # where its resumes come from: sets of one source are left out together
    metric: str  # "spearman" (graded labels) or "ap" (relevant / not)
    groups: list[Group]
    resumes: dict[str, ParsedResume]
    jobs: dict[str, ParsedJob]
    description: str = ""
    extra: dict[str, object] = field(default_factory=dict)


# ---------------------------------------------------------------- caching and parsing


def _code_stamp(packages: Iterable[str] = ("documents", "skills")) -> str:
    """Changes whenever the parsing/skills code changes, so cached parses are rebuilt."""
    h = hashlib.sha1()
    for pkg in packages:
        for path in sorted((REPO / "src" / "jobfit" / pkg).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".json", ".csv", ".gz"}:
                h.update(str(path.relative_to(REPO)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:12]


def features_stamp() -> str:
    """Changes whenever anything a feature table is computed from changes: all of the package's code and data but
    the fitted weights (which the features do not read, and which a fit rewrites), and the bench's sets."""
    h = hashlib.sha1()
    paths = [p for p in sorted((REPO / "src" / "jobfit").rglob("*")) if p.suffix in {".py", ".json", ".csv", ".gz"}]
    for path in [*paths, REPO / "bench" / "quality_sets.py", REPO / "bench" / "jd_texts.py"]:
        if path.is_file() and path.name != "weights.json":
            h.update(str(path.relative_to(REPO)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def cached(name: str, build: Callable[[], object], refresh: bool = False, stamp: str | None = None) -> object:
    """`build()`, kept on disk under `name` and the code stamp (`_code_stamp()` unless `stamp` is given)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{stamp or _code_stamp()}.pkl"
    if path.exists() and not refresh:
        with path.open("rb") as fh:
            return pickle.load(fh)
    value = build()
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(value, fh)
    tmp.replace(path)
    return value


def parse_pdfs(paths: Sequence[Path]) -> dict[str, ParsedResume]:
    from jobfit.documents.resume import parse_resume

    out: dict[str, ParsedResume] = {}
    for i, path in enumerate(paths, 1):
        try:
            out[str(path)] = parse_resume(path.read_bytes(), filename=path.name)
        except Exception as exc:  # an unreadable file is reported and skipped
            print(f"  skip {path.name}: {exc}", file=sys.stderr)
        if i % 100 == 0:
            print(f"  parsed {i}/{len(paths)}", file=sys.stderr)
    return out


def parse_texts(texts: dict[str, str]) -> dict[str, ParsedResume]:
    from jobfit.documents.resume import parse_resume_text

    return {key: parse_resume_text(text) for key, text in texts.items()}


def job_from_skill_list(skills: Sequence[str]) -> ParsedJob:
    """A ParsedJob from a JD skill list (FERR): taxonomy ids where a skill maps, else the term itself."""
    from jobfit.skills import extract_skills

    mentions: list[SkillMention] = []
    for skill in skills:
        exact = [m for m in extract_skills(skill) if m.surface.lower() == skill.lower()]
        if exact:
            m = exact[0]
            mentions.append(SkillMention(skill_id=m.skill_id, name=skill, category=m.category, surface=skill))
        else:
            mentions.append(SkillMention(skill_id=f"term:{skill.lower()}", name=skill, category="term",
                                         surface=skill))
    role_words = ("manager", "engineer", "executive", "accountant", "lead", "developer", "designer",
                  "analyst", "officer", "consultant", "architect", "coordinator", "specialist")
    titles = [s for s in skills if s.lower().split()[-1].split("/")[-1] in role_words]
    text = "\n".join(skills)
    return ParsedJob(title=titles[0] if titles else "", text_content=text, required_skills=mentions,
                     metadata=DocumentMetadata(file_type="txt", parser="bench", words=len(text.split())))


def make_job(title: str, description: str) -> ParsedJob:
    from jobfit.documents.job import parse_job

    return parse_job(title=title, description=description)


# ---------------------------------------------------------------- the sets


def load_ferr(root: Path, refresh: bool = False) -> LabelledSet:
    base = root / "ferr_hr_relevance_livecareer"
    labels = list(csv.DictReader((base / "labels" / "label_interaction.csv").open()))
    jds = json.loads((base / "jd_skill_lists_derived.json").read_text())["jds"]
    ids = sorted({r["resume_id"] for r in labels})
    paths = [base / "resumes_pdf" / f"{rid}.pdf" for rid in ids]
    parsed = cached("ferr-parsed", lambda: parse_pdfs([p for p in paths if p.exists()]), refresh)
    resumes = {Path(k).stem: v for k, v in parsed.items()}  # type: ignore[union-attr]
    jobs: dict[str, ParsedJob] = {}
    for jd_id, entry in jds.items():
        skills = list(dict.fromkeys(s.strip() for s in entry["rationale_skill_jd"] + [
            t.lower() for t in entry["feedback_skill_terms"]] if s.strip()))
        jobs[jd_id] = job_from_skill_list(skills)
    by_group: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for r in labels:
        if r["resume_id"] in resumes:
            by_group[(r["hr_id"], r["jd_id"])].append((r["resume_id"], int(r["score"])))
    groups = [Group(f"hr{hr}/{jd[:8]}", [(rid, jd) for rid, _ in rows], [float(s) for _, s in rows])
              for (hr, jd), rows in sorted(by_group.items()) if len({s for _, s in rows}) > 1]
    return LabelledSet("ferr", "ferr", "spearman", groups, resumes, jobs,
                       "HR ratings 1-7, per (HR, JD) group; JD = skill list")


def _kaggle_resumes(root: Path, refresh: bool) -> tuple[dict[str, ParsedResume], dict[str, str]]:
    path = root / "kaggle_updated_resume_dataset" / "UpdatedResumeDataSet.csv"
    unique: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for r in csv.DictReader(fh):
            unique.setdefault(re.sub(r"[ \t]+", " ", r["Resume"]).strip(), r["Category"])
    texts = {f"kaggle-{i:04d}": t for i, t in enumerate(sorted(unique))}
    parsed = cached("kaggle-parsed", lambda: parse_texts(texts), refresh)
    return parsed, {k: unique[t] for k, t in texts.items()}  # type: ignore[return-value]


def posting_ads(root: Path) -> list[tuple[frozenset[str], str, str]]:
    """(categories, title, text) of the SkillSpan postings whose first sentence is a title matching a rule."""
    folder = root / "skillspan_job_postings"
    postings: dict[tuple[str, int], list[str]] = defaultdict(list)
    for split in ("train", "dev", "test"):
        path = folder / f"{split}.json"
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            row = json.loads(line)
            sentence = re.sub(r"\s+", " ", re.sub(r"<[A-Z]+>", " ", " ".join(row["tokens"]))).strip()
            if sentence:
                postings[(split, row["idx"])].append(sentence)
    out = []
    for _, sentences in sorted(postings.items()):
        title = sentences[0]
        if len(title) > 100 or len(sentences) < 5:
            continue
        for pattern, cats in POSTING_TITLE_RULES:
            if re.search(pattern, title, re.IGNORECASE):
                out.append((cats, title, "\n".join(sentences[1:])))
                break
    return out


def _category_set(name: str, source: str, resumes: dict[str, ParsedResume], categories: dict[str, str],
                  queries: Sequence[tuple[frozenset[str], str, str]], description: str) -> LabelledSet:
    keys = sorted(resumes)
    jobs: dict[str, ParsedJob] = {}
    groups: list[Group] = []
    for i, (wanted, title, text) in enumerate(queries):
        labels = [1.0 if categories[k] in wanted else 0.0 for k in keys]
        if not any(labels):
            continue
        job_key = f"{name}-{i:03d}"
        jobs[job_key] = make_job(title, text)
        groups.append(Group(title, [(k, job_key) for k in keys], labels))
    return LabelledSet(name, source, "ap", groups, resumes, jobs, description)


def load_real_ads(root: Path, refresh: bool = False) -> tuple[LabelledSet, LabelledSet]:
    resumes, categories = _kaggle_resumes(root, refresh)
    ads = _category_set("real_ads", "kaggle", resumes, categories, posting_ads(root),
                        "full SkillSpan ads x kaggle resumes, relevant = category named by the ad title")
    # the same pairs per resume: which of the ads suit it
    by_resume: dict[str, tuple[list[tuple[str, str]], list[float]]] = defaultdict(lambda: ([], []))
    for group in ads.groups:
        for (rk, jk), label in zip(group.pairs, group.labels, strict=True):
            by_resume[rk][0].append((rk, jk))
            by_resume[rk][1].append(label)
    groups = [Group(rk, pairs, labels) for rk, (pairs, labels) in sorted(by_resume.items())
              if 0 < sum(labels) < len(labels)]
    per_resume = LabelledSet("real_ads_by_resume", "kaggle", "ap", groups, resumes, ads.jobs,
                             "the same pairs per resume: the ads that suit it should rank first")
    return ads, per_resume


def load_kaggle_short(root: Path, refresh: bool = False) -> LabelledSet:
    resumes, categories = _kaggle_resumes(root, refresh)
    queries = [(frozenset({c}), t, d) for c, (t, d) in sorted(KAGGLE_JDS.items())]
    return _category_set("kaggle_short", "kaggle", resumes, categories, queries,
                         "short role descriptions x kaggle resumes, by category")


def load_livecareer_short(root: Path, refresh: bool = False) -> LabelledSet:
    base = root / "livecareer_resume_pdfs_sample"
    rows = list(csv.DictReader((base / "labels.csv").open()))
    parsed = cached("livecareer-parsed", lambda: parse_pdfs([base / r["file"] for r in rows]), refresh)
    resumes = {k: v for k, v in parsed.items() if v is not None}  # type: ignore[union-attr]
    categories = {str(base / r["file"]): r["category"] for r in rows}
    queries = [(frozenset({c}), t, d) for c, (t, d) in sorted(LIVECAREER_JDS.items())]
    return _category_set("livecareer_short", "livecareer", resumes, categories, queries,
                         "short role descriptions x livecareer PDFs, by category")


def load_resume_matcher(root: Path, refresh: bool = False) -> LabelledSet:
    from jobfit.documents.job import parse_job_file

    base = root / "resume_matcher_samples"
    intended = {"job_desc_front_end_engineer": "barry_allen_fe", "job_desc_full_stack_engineer":
                "bruce_wayne_fullstack", "job_desc_product_manager": "alfred_pennyworth_pm",
                "job_desc_java_developer": "john_doe"}
    parsed = cached("rm-parsed", lambda: parse_pdfs(sorted((base / "resumes").glob("*.pdf"))), refresh)
    resumes = {Path(k).stem: v for k, v in parsed.items()}  # type: ignore[union-attr]
    keys = sorted(resumes)
    jobs: dict[str, ParsedJob] = {}
    groups = []
    for path in sorted((base / "job_descriptions").glob("*.pdf")):
        jobs[path.stem] = parse_job_file(path.read_bytes(), filename=path.name)
        groups.append(Group(path.stem, [(k, path.stem) for k in keys],
                            [1.0 if k == intended[path.stem] else 0.0 for k in keys]))
    return LabelledSet("resume_matcher", "resume_matcher", "ap", groups, resumes, jobs,
                       "Resume-Matcher samples: the intended resume of 5 for each of 4 JDs")


def load_all(root: Path, refresh: bool = False) -> list[LabelledSet]:
    ads, by_resume = load_real_ads(root, refresh)
    return [load_ferr(root, refresh), ads, by_resume, load_kaggle_short(root, refresh),
            load_livecareer_short(root, refresh), load_resume_matcher(root, refresh)]


# ---------------------------------------------------------------- vectors


def _embed_all(embedder_name: str, texts: dict[str, list[tuple[str, str]]]) -> dict[str, Vectors]:
    """Vectors of every (kind, text) of every key, each distinct text embedded once and cached on disk by
    embedder and text, so a change that leaves most texts alone re-embeds only the others."""
    from jobfit.providers.embedders import get_embedder

    path = CACHE / f"text-vectors-{embedder_name.replace('/', '_')}.pkl"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with path.open("rb") as fh:
            known = pickle.load(fh)

    def key(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()

    todo = sorted({text for chunks in texts.values() for _, text in chunks if key(text) not in known})
    if todo:
        embedder = get_embedder(embedder_name)
        step = 256
        for start in range(0, len(todo), step):
            part = todo[start : start + step]
            known.update(zip((key(t) for t in part), embedder.embed(part), strict=True))
            print(f"  {embedder_name}: embedded {min(start + step, len(todo))}/{len(todo)} new texts",
                  file=sys.stderr)
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(known, fh)
        tmp.replace(path)
    return {k: {kind: known[key(text)] for kind, text in chunks} for k, chunks in texts.items()}


STATEMENT = "statement:"  # the embedding type of a resume statement's vector here: the prefix and its position


def resume_texts(resume: ParsedResume) -> list[tuple[str, str]]:
    """What the server embeds for a resume: its chunks and its statements (for the meaning check)."""
    from jobfit.pipeline import resume_chunks

    statements = prepare_resume(resume).statement_texts()
    return resume_chunks(resume) + [(f"{STATEMENT}{i}", text) for i, text in enumerate(statements)]


def job_texts(job: ParsedJob) -> list[tuple[str, str]]:
    """What the server embeds for a job (with its requirements in context), plus the ad without perks and legal
    lines (`asking`) when the server does not embed it already (a candidate semantic part)."""
    from jobfit.pipeline import context_chunks, job_chunks

    chunks = job_chunks(job) + context_chunks(prepare_job(job))
    asking = asking_text(job).strip()
    if asking and all(kind != ASKING for kind, _ in chunks):
        chunks.append((ASKING, asking))
    return chunks


RAW = "raw"  # the plain-similarity baseline's vector kind: the document's raw text, cut by the embedder only


def job_raw_text(job: ParsedJob) -> str:
    """The ad as a plain method reads it: its title and text (the TF-IDF and coverage baselines read the same)."""
    return f"{job.title}\n{job.text_content}"


def vectors_for(sets: Sequence[LabelledSet], embedder_name: str) -> tuple[dict[str, Vectors], dict[str, Vectors]]:
    """Resume and job vectors (what the server stores) for every set, plus each raw text's vector (`RAW`)."""
    resumes = {k: r for s in sets for k, r in s.resumes.items()}
    jobs = {k: j for s in sets for k, j in s.jobs.items()}
    return (_embed_all(embedder_name, {k: [*resume_texts(r), (RAW, r.text_content)] for k, r in resumes.items()}),
            _embed_all(embedder_name, {k: [*job_texts(j), (RAW, job_raw_text(j))] for k, j in jobs.items()}))


# ---------------------------------------------------------------- features


class PoolBaselines:
    """The simple peer methods: JD-token coverage (Resume-Matcher's) and TF-IDF cosine over the pool."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.tokens = {k: content_tokens(v) for k, v in texts.items()}
        df: dict[str, int] = defaultdict(int)
        for toks in self.tokens.values():
            for t in set(toks):
                df[t] += 1
        n = max(len(self.tokens), 1)
        self.idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
        self.default_idf = math.log(n + 1) + 1.0
        self.vecs = {k: self.tfidf_vector(t) for k, t in self.tokens.items()}
        self.sets = {k: set(t) for k, t in self.tokens.items()}

    def tfidf_vector(self, toks: Sequence[str]) -> dict[str, float]:
        tf: dict[str, float] = defaultdict(float)
        for t in toks:
            tf[t] += 1.0
        vec = {t: (1 + math.log(c)) * self.idf.get(t, self.default_idf) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def coverage(self, jd_tokens: set[str], key: str) -> float:
        return len(jd_tokens & self.sets[key]) / len(jd_tokens) if jd_tokens else 0.0

    def tfidf(self, jd_vec: dict[str, float], key: str) -> float:
        d = self.vecs[key]
        return sum(v * d.get(t, 0.0) for t, v in jd_vec.items())


def _meaning_embedder(resume_vectors: dict[str, dict[str, Vectors]]) -> tuple[str, Thresholds] | None:
    """The first embedder of the features with meaning thresholds, as the server would check evidence with it."""
    from jobfit.providers.embedders import get_embedder

    for name in resume_vectors:
        thresholds = thresholds_for(get_embedder(name).name)
        if thresholds is not None:
            return name, thresholds
    return None


def _cos(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(np.dot(a, b) / (na * nb)) if na > 0 and nb > 0 else 0.0


SUBSCORES = ("skills", "experience", "education", "keywords", "lexical")
# The semantic signals tried: a resume vector against the first of these job vectors the job has.
SEMANTIC_CANDIDATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("full_text", ("full_text",)),
    ("full_text", ("requirements_digest",)),
    ("full_text", ("asking",)),
    ("section_experience", ("section_responsibilities", "full_text")),
    ("section_skills", ("section_requirements", "requirements_digest")),
)


def semantic_feature(embedder: str, resume_kind: str, job_kinds: Sequence[str]) -> str:
    return f"{embedder}: resume {resume_kind} vs job {' or '.join(job_kinds)}"


def parse_semantic_feature(name: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(embedder, resume kind, job kinds) of a `semantic_feature` name, else None."""
    match = re.fullmatch(r"(\w+): resume (\w+) vs job (\w+(?: or \w+)*)", name)
    return (match[1], match[2], tuple(match[3].split(" or "))) if match else None


# Algorithm 1.3.0's semantic component, kept to compare constructions: section pairs (resume vector, job
# vectors tried in order, share), each cosine mapped from [0.2, 0.8] onto 0-100, share-weighted.
SECTION_PAIRS_1_3 = (
    ("full_text", ("full_text",), 0.4),
    ("section_experience", ("section_responsibilities", "full_text"), 0.45),
    ("section_skills", ("section_requirements", "full_text"), 0.15),
    ("full_text", ("requirements_digest",), 1.0),
)


def section_pairs_1_3(rv: Vectors, jv: Vectors) -> float | None:
    parts = []
    for resume_key, job_keys, share in SECTION_PAIRS_1_3:
        job_vector = next((jv[k] for k in job_keys if k in jv), None)
        if resume_key in rv and job_vector is not None:
            parts.append((100 * min(1.0, max(0.0, (_cos(rv[resume_key], job_vector) - 0.2) / 0.6)), share))
    total = sum(w for _, w in parts)
    return sum(x * w for x, w in parts) / total if total else None

# The plain methods the overall must beat: JD-token coverage (Resume-Matcher's), TF-IDF cosine over the pool, and
# a plain MiniLM cosine of the first 256 word pieces of each raw text (no sections, no redaction; the model
# cuts at 256).
BASELINES = ("baseline: JD-token coverage", "baseline: TF-IDF cosine", "baseline: MiniLM cosine, first 256 tokens")
PLAIN_EMBEDDER = "minilm"


def features(s: LabelledSet, resume_vectors: dict[str, dict[str, Vectors]],
             job_vectors: dict[str, dict[str, Vectors]]) -> dict[tuple[str, str], dict[str, float]]:
    """Per (resume, job) pair of the set: engine sub-scores, semantic signals per embedder, baselines.

    `resume_vectors` / `job_vectors` map an embedder name to its vectors. Sub-scores a job does not ask for
    (education without a degree requirement) are missing from the pair's dict.
    """
    pairs = sorted({p for g in s.groups for p in g.pairs}, key=lambda p: (p[1], p[0]))
    profiles = {k: prepare_resume(r) for k, r in s.resumes.items()}
    meaning = _meaning_embedder(resume_vectors)
    if meaning is not None:  # statement vectors as the server stores and reads them
        for k, profile in profiles.items():
            vectors = resume_vectors[meaning[0]][k]
            dim = len(next(iter(vectors.values()))) if vectors else 0
            rows = [vectors[f"{STATEMENT}{i}"] for i in range(len(profile.statements))]
            profile.with_statement_vectors(unpack_rows(pack_rows(np.array(rows, dtype=np.float32).reshape(-1, dim))))
    baselines = PoolBaselines({k: r.text_content for k, r in s.resumes.items()})
    out: dict[tuple[str, str], dict[str, float]] = {}
    current: str | None = None
    for resume_key, job_key in pairs:
        if job_key != current:
            current = job_key
            job = s.jobs[job_key]
            prepared = prepare_job(job)
            if meaning is not None:
                prepared = prepared.with_meaning(job_vectors[meaning[0]][job_key], meaning[1])
            jd_text = job_raw_text(job)
            jd_tokens = set(content_tokens(jd_text))
            jd_vec = baselines.tfidf_vector(content_tokens(jd_text))
        result = score_prepared(profiles[resume_key], prepared)
        row = {k: v for k, v in result.match_analysis.component_scores.items() if k in SUBSCORES}
        for name in resume_vectors:
            rv, jv = resume_vectors[name].get(resume_key, {}), job_vectors[name].get(job_key, {})
            for resume_kind, job_kinds in SEMANTIC_CANDIDATES:
                job_vector = next((jv[k] for k in job_kinds if k in jv), None)
                if resume_kind in rv and job_vector is not None:
                    row[semantic_feature(name, resume_kind, job_kinds)] = 100 * _cos(rv[resume_kind], job_vector)
            sections = section_pairs_1_3(rv, jv)
            if sections is not None:
                row[f"{name}: section pairs (1.3.0)"] = sections
        row[BASELINES[0]] = 100 * baselines.coverage(jd_tokens, resume_key)
        row[BASELINES[1]] = 100 * baselines.tfidf(jd_vec, resume_key)
        if PLAIN_EMBEDDER in resume_vectors:
            rv = resume_vectors[PLAIN_EMBEDDER].get(resume_key, {})
            jv = job_vectors[PLAIN_EMBEDDER].get(job_key, {})
            row[BASELINES[2]] = 100 * _cos(rv.get(RAW), jv.get(RAW))
        out[(resume_key, job_key)] = row
    return out


# ---------------------------------------------------------------- metrics


def ranks(values: Sequence[float]) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    order = arr.argsort(kind="mergesort")
    out = np.empty(len(arr))
    i = 0
    while i < len(arr):
        j = i
        while j + 1 < len(arr) and arr[order[j + 1]] == arr[order[i]]:
            j += 1
        out[order[i : j + 1]] = (i + j) / 2.0
        i = j + 1
    return out


def spearman(pred: Sequence[float], gold: Sequence[float]) -> float | None:
    if len(set(gold)) < 2:
        return None
    a, b = ranks(pred), ranks(gold)
    if a.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def average_precision(scores: Sequence[float], relevant: Sequence[float]) -> float:
    """AP with ties broken against the relevant items (a constant score earns the base rate, not more)."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], relevant[i]))
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if relevant[i] > 0:
            hits += 1
            total += hits / rank
    return total / max(sum(1 for r in relevant if r > 0), 1)


def group_metric(metric: str, pred: Sequence[float], gold: Sequence[float]) -> float | None:
    return spearman(pred, gold) if metric == "spearman" else average_precision(pred, gold)


def group_values(s: LabelledSet, score: Callable[[tuple[str, str]], float]) -> list[float | None]:
    """The set's metric in each of its groups for the scores `score(pair)` gives (None: a group whose labels do
    not differ)."""
    return [group_metric(s.metric, [score(p) for p in g.pairs], g.labels) for g in s.groups]


def set_metric(s: LabelledSet, score: Callable[[tuple[str, str]], float]) -> float:
    """Mean over the set's groups of its metric for the scores `score(pair)` gives."""
    kept = [v for v in group_values(s, score) if v is not None]
    return float(np.mean(kept)) if kept else float("nan")


def paired_difference(a: Sequence[float | None], b: Sequence[float | None]) -> tuple[float, float, int]:
    """(mean of a - b over the groups both score, its standard error, the number of those groups): how far apart
    two methods are on one set, against how much that gap moves from group to group."""
    d = np.array([x - y for x, y in zip(a, b, strict=True) if x is not None and y is not None])
    if len(d) < 2:
        return (float(d.mean()) if len(d) else float("nan")), float("nan"), len(d)
    return float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d))), len(d)

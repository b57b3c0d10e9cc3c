"""Matching quality on real evaldata, compared with two simple baselines on the same data.

    .venv/bin/python bench/quality.py [--evaldata PATH] [--no-vectors] [--refresh]

Four checks, each printed as a markdown table:
- FERR (ferr_hr_relevance_livecareer): HR ratings 1-7 per (HR, JD) group; the JD is its skill list from
  jd_skill_lists_derived.json. Per-group Spearman and NDCG@5 (averaged), pooled Spearman (all labelled pairs
  at once, as a set scored across jobs would be), pairwise accuracy on is_chosen.
- Resume-Matcher samples: the intended resume should rank first for its JD.
- Category retrieval (livecareer PDFs, kaggle texts): for a short JD per category (written here from public
  role descriptions), resumes of that category should rank above the others: mean AP and P@10.
- Real ads: 53 full-text SkillSpan postings whose title names a kaggle category (`POSTING_TITLE_RULES`, fixed
  before scoring) each rank the kaggle resumes: mean AP and P@10 with the ad's whole text as the JD.
Methods: jobfit overall_score, each sub-score alone, JD-token coverage and TF-IDF cosine baselines.
Parsed resumes (and vectors) are cached as pickles in /tmp/jobfit_bench_cache so reruns are fast.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import pickle
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from jobfit.documents.models import DocumentMetadata, ParsedJob, ParsedResume, SkillMention  # noqa: E402
from jobfit.matching import prepare_job, prepare_resume, redact_for_embedding, score_prepared  # noqa: E402
from jobfit.matching.text import content_tokens  # noqa: E402

CACHE = Path("/tmp/jobfit_bench_cache")
Vectors = dict[str, np.ndarray]
SUBSCORES = ("overall_score", "skills_score", "experience_score", "education_score", "keyword_score",
             "semantic")

# One short JD per category, paraphrasing public role descriptions (e.g. O*NET summaries).
LIVECAREER_JDS: dict[str, tuple[str, str]] = {
    "ACCOUNTANT": ("Accountant", "Prepare financial statements, journal entries, account reconciliations and "
                   "tax returns. Maintain the general ledger, accounts payable and receivable. Skills: GAAP, "
                   "QuickBooks, Excel, auditing, payroll, month-end close, budgeting."),
    "ADVOCATE": ("Legal Advocate", "Advocate for clients in legal proceedings; draft pleadings and briefs, "
                 "conduct legal research, counsel clients, represent them in court hearings and case "
                 "management. Skills: litigation, legal writing, case law research, client advocacy."),
    "AGRICULTURE": ("Agricultural Specialist", "Plan crop production, soil and irrigation management, pest "
                    "control and farm operations; advise farmers; collect field data. Skills: agronomy, "
                    "crops, livestock, soil science, farm equipment, agriculture."),
    "APPAREL": ("Apparel Merchandiser", "Develop apparel and fashion product lines with designers and "
                "vendors; manage garment production, sourcing, fabrics and trims, fittings and retail "
                "merchandising. Skills: fashion, textiles, sourcing, visual merchandising."),
    "ARTS": ("Arts Program Coordinator", "Coordinate arts programs, exhibitions and performances; teach art, "
             "music or theatre workshops; manage artists and events. Skills: fine arts, painting, music, "
             "theatre, curating, creative direction."),
    "AUTOMOBILE": ("Automotive Technician", "Diagnose, inspect and repair cars and trucks: engines, brakes, "
                   "transmissions, electrical systems; perform vehicle maintenance at a dealership service "
                   "department. Skills: automotive repair, diagnostics, ASE certification."),
    "AVIATION": ("Aviation Maintenance Technician", "Inspect, maintain and repair aircraft and aircraft "
                 "engines per FAA regulations; support flight operations and airport ground operations. "
                 "Skills: aircraft maintenance, avionics, FAA, flight line, aviation safety."),
    "BANKING": ("Banking Relationship Officer", "Serve bank customers: open deposit accounts, process loans "
                "and transactions, cross-sell banking products, ensure branch compliance. Skills: retail "
                "banking, teller operations, lending, credit, customer service, cash handling."),
    "BPO": ("BPO Customer Support Associate", "Handle inbound and outbound customer calls in a call center "
            "(BPO) process; resolve customer queries, meet service levels and quality metrics. Skills: "
            "call center, customer service, voice process, CRM, communication."),
    "BUSINESS-DEVELOPMENT": ("Business Development Manager", "Identify new business opportunities, build "
                             "client relationships, generate leads, negotiate partnerships and grow "
                             "revenue. Skills: business development, lead generation, account "
                             "management, market research, negotiation, sales pipeline."),
    "CHEF": ("Chef", "Prepare and cook menu items, plan menus, supervise kitchen staff, control food cost "
             "and inventory, ensure food safety and sanitation. Skills: culinary arts, cooking, kitchen "
             "management, menu planning, food safety."),
    "CONSTRUCTION": ("Construction Project Manager", "Manage construction projects and job sites: "
                     "schedules, subcontractors, building codes, safety (OSHA), estimating and "
                     "inspections. Skills: construction management, site supervision, blueprints."),
    "CONSULTANT": ("Management Consultant", "Advise clients on business strategy and operations, analyse "
                   "processes, lead consulting engagements, present recommendations to stakeholders. "
                   "Skills: consulting, business analysis, project management, client engagement."),
    "DESIGNER": ("Designer", "Create visual designs, layouts, graphics and interior or product designs; "
                 "work with clients on concepts and drawings. Skills: graphic design, Adobe Photoshop, "
                 "Illustrator, InDesign, AutoCAD, typography, branding."),
    "DIGITAL-MEDIA": ("Digital Media Specialist", "Produce and manage digital media content: video, social "
                      "media, web content, digital marketing campaigns and analytics. Skills: social media, "
                      "video editing, content creation, SEO, Adobe Premiere, digital marketing."),
    "ENGINEERING": ("Engineer", "Design, test and improve engineering systems and products; prepare "
                    "technical drawings and specifications; troubleshoot. Skills: engineering design, "
                    "AutoCAD, MATLAB, testing, technical documentation, mechanical or electrical systems."),
    "FINANCE": ("Financial Analyst", "Analyse financial data, build forecasts and budgets, prepare financial "
                "reports and variance analysis, support investment decisions. Skills: financial analysis, "
                "financial modeling, forecasting, Excel, accounting, FP&A."),
    "FITNESS": ("Fitness Trainer", "Lead fitness classes and personal training sessions, design exercise "
                "programs, assess client fitness and nutrition. Skills: personal training, group fitness, "
                "CPR certification, strength training, nutrition, gym."),
    "HEALTHCARE": ("Healthcare Coordinator", "Provide and coordinate patient care in a hospital or clinic; "
                   "maintain medical records, schedule patients, follow HIPAA. Skills: patient care, "
                   "medical terminology, EMR, nursing, clinical, healthcare."),
    "HR": ("Human Resources Generalist", "Manage recruiting, onboarding, employee relations, benefits and "
           "payroll administration, HR policies and compliance. Skills: human resources, recruitment, "
           "HRIS, employee relations, benefits administration, training."),
    "INFORMATION-TECHNOLOGY": ("IT Specialist", "Support and administer IT systems: networks, servers, "
                               "help desk, hardware and software, security. Skills: information technology, "
                               "network administration, Windows Server, Active Directory, troubleshooting."),
    "PUBLIC-RELATIONS": ("Public Relations Specialist", "Write press releases, manage media relations, plan "
                         "communications campaigns and events, manage social media and publicity. "
                         "Skills: public relations, media relations, communications, writing."),
    "SALES": ("Sales Representative", "Sell products to customers, prospect new accounts, meet sales "
              "quotas, manage customer relationships and retail sales. Skills: sales, customer service, "
              "negotiation, CRM, account management, cold calling."),
    "TEACHER": ("Teacher", "Plan and deliver lessons to students, assess student progress, manage the "
                "classroom and communicate with parents. Skills: teaching, lesson planning, classroom "
                "management, curriculum development, education."),
}
KAGGLE_JDS: dict[str, tuple[str, str]] = {
    "Java Developer": ("Java Developer", "Build backend services in Java. Skills: Java, Spring Boot, "
                       "Hibernate, J2EE, REST APIs, SQL, Maven."),
    "Testing": ("Software Test Engineer", "Design and execute manual test cases, report defects, regression "
                "testing. Skills: manual testing, test cases, defect tracking, JIRA, SDLC, STLC."),
    "DevOps Engineer": ("DevOps Engineer", "Automate build and deployment pipelines. Skills: Jenkins, "
                        "Docker, Kubernetes, AWS, Ansible, Terraform, Linux, CI/CD, Git."),
    "Python Developer": ("Python Developer", "Develop applications in Python. Skills: Python, Django, "
                         "Flask, REST APIs, SQL, pandas."),
    "Web Designing": ("Web Designer", "Design websites and user interfaces. Skills: HTML, CSS, JavaScript, "
                      "Bootstrap, jQuery, Photoshop, responsive design, WordPress."),
    "HR": ("HR Executive", "Recruitment, onboarding, payroll and employee relations. Skills: recruitment, "
           "human resources, payroll, HR policies, employee engagement."),
    "Hadoop": ("Hadoop Developer", "Build big data pipelines. Skills: Hadoop, Hive, Spark, HDFS, MapReduce, "
               "Sqoop, Pig, Scala."),
    "Blockchain": ("Blockchain Developer", "Develop smart contracts and decentralised apps. Skills: "
                   "blockchain, Ethereum, Solidity, Hyperledger, smart contracts, cryptography."),
    "ETL Developer": ("ETL Developer", "Build ETL workflows and data warehouses. Skills: ETL, Informatica, "
                      "SQL, data warehouse, SSIS, Oracle, data modeling."),
    "Operations Manager": ("Operations Manager", "Manage daily operations, teams, processes and vendors. "
                           "Skills: operations management, process improvement, team management, "
                           "budgeting, logistics."),
    "Data Science": ("Data Scientist", "Build machine learning models and analyses. Skills: Python, machine "
                     "learning, statistics, pandas, scikit-learn, deep learning, NLP, SQL."),
    "Sales": ("Sales Executive", "Drive sales and client acquisition. Skills: sales, business development, "
              "negotiation, customer relationship, marketing, lead generation."),
    "Mechanical Engineer": ("Mechanical Engineer", "Design mechanical components and production processes. "
                            "Skills: AutoCAD, SolidWorks, CATIA, mechanical design, manufacturing, "
                            "thermodynamics."),
    "Arts": ("Arts Teacher", "Teach and practise visual and performing arts. Skills: fine arts, drawing, "
             "painting, music, dance, theatre."),
    "Database": ("Database Administrator", "Administer databases. Skills: Oracle, MySQL, SQL Server, "
                 "PL/SQL, backup and recovery, performance tuning, database administration."),
    "Electrical Engineering": ("Electrical Engineer", "Design and maintain electrical systems. Skills: "
                               "electrical engineering, PLC, power systems, circuits, wiring, "
                               "switchgear, transformers."),
    "Health and fitness": ("Fitness Trainer", "Train clients in fitness and nutrition. Skills: fitness, "
                           "personal training, nutrition, yoga, exercise, diet."),
    "PMO": ("PMO Analyst", "Support the project management office. Skills: project management, PMO, "
            "project planning, MS Project, resource management, reporting, risk management."),
    "Business Analyst": ("Business Analyst", "Gather and document business requirements. Skills: business "
                         "analysis, requirements gathering, use cases, UML, stakeholder management, SQL."),
    "DotNet Developer": (".NET Developer", "Develop applications on .NET. Skills: C#, ASP.NET, .NET, MVC, "
                         "SQL Server, Entity Framework, Web API."),
    "Automation Testing": ("Automation Test Engineer", "Automate tests. Skills: Selenium, test automation, "
                           "Java, TestNG, Cucumber, automation framework, API testing."),
    "Network Security Engineer": ("Network Security Engineer", "Secure networks. Skills: firewalls, network "
                                  "security, Cisco, VPN, routing, switching, IDS/IPS, CCNA."),
    "SAP Developer": ("SAP Developer", "Develop SAP solutions. Skills: SAP, ABAP, SAP HANA, SAP FICO, SAP "
                      "MM, SAP SD, BAPI."),
    "Civil Engineer": ("Civil Engineer", "Plan and supervise civil construction. Skills: civil engineering, "
                       "AutoCAD, structural design, site supervision, construction, surveying, estimation."),
    "Advocate": ("Advocate", "Represent clients in court. Skills: litigation, legal drafting, legal "
                 "research, civil law, criminal law, court."),
}


# ---------------------------------------------------------------- loading and caching


def _code_stamp() -> str:
    """Changes whenever the parsing/skills code changes, so cached parses are rebuilt."""
    h = hashlib.sha1()
    for pkg in ("documents", "skills"):
        for path in sorted((REPO / "src" / "jobfit" / pkg).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".json", ".csv", ".gz"}:
                h.update(str(path).encode())
                h.update(str(path.stat().st_mtime_ns).encode())
    return h.hexdigest()[:12]


def _cached(name: str, build: Callable[[], object], refresh: bool) -> object:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{_code_stamp()}.pkl"
    if path.exists() and not refresh:
        with path.open("rb") as fh:
            return pickle.load(fh)
    value = build()
    with path.open("wb") as fh:
        pickle.dump(value, fh)
    return value


def parse_pdfs(paths: Sequence[Path]) -> dict[str, ParsedResume | None]:
    from jobfit.documents.resume import parse_resume

    out: dict[str, ParsedResume | None] = {}
    for i, path in enumerate(paths, 1):
        try:
            out[str(path)] = parse_resume(path.read_bytes(), filename=path.name)
        except Exception as exc:  # an unreadable file is reported and skipped
            print(f"  skip {path.name}: {exc}", file=sys.stderr)
            out[str(path)] = None
        if i % 50 == 0:
            print(f"  parsed {i}/{len(paths)}", file=sys.stderr)
    return out


def parse_texts(texts: dict[str, str]) -> dict[str, ParsedResume | None]:
    from jobfit.documents.resume import parse_resume_text

    return {key: parse_resume_text(text) for key, text in texts.items()}


def embed_resumes(resumes: dict[str, ParsedResume | None]) -> dict[str, Vectors]:
    from jobfit.embeddings import get_embedder
    from jobfit.embeddings.chunks import document_chunks

    embedder = get_embedder("local")
    out: dict[str, Vectors] = {}
    for key, resume in resumes.items():
        if resume is None:
            continue
        text = redact_for_embedding(resume.text_content, resume.contact_info)
        sections = {n: s.model_copy(update={"text": redact_for_embedding(s.text, resume.contact_info)})
                    for n, s in resume.sections.items()}
        chunks = document_chunks(text, sections)
        vectors = embedder.embed([t for _, t in chunks]) if chunks else np.zeros((0, 1))
        out[key] = {kind: vectors[i] for i, (kind, _) in enumerate(chunks)}
    return out


def embed_job(job: ParsedJob) -> Vectors:
    from jobfit.embeddings import get_embedder
    from jobfit.pipeline import job_chunks

    chunks = job_chunks(job)  # what the server stores for a job
    vectors = get_embedder("local").embed([t for _, t in chunks])
    return {kind: vectors[i] for i, (kind, _) in enumerate(chunks)}


def make_job(title: str, description: str) -> ParsedJob:
    from jobfit.documents.job import parse_job

    return parse_job(title=title, description=description)


def job_from_skill_list(skills: Sequence[str]) -> ParsedJob:
    """A ParsedJob from a JD skill list (FERR): taxonomy ids where a skill maps, else the term itself."""
    try:
        from jobfit.skills import extract_skills
    except ImportError:
        extract_skills = None
    mentions: list[SkillMention] = []
    for skill in skills:
        found = extract_skills(skill) if extract_skills else []
        exact = [m for m in found if m.surface.lower() == skill.lower()]
        if exact:
            m = exact[0]
            mentions.append(SkillMention(skill_id=m.skill_id, name=skill, category=m.category, surface=skill))
        else:
            mentions.append(SkillMention(skill_id=f"term:{skill.lower()}", name=skill, category="term",
                                         surface=skill))
    role_words = ("manager", "engineer", "executive", "accountant", "lead", "developer", "designer",
                  "analyst", "officer", "consultant", "architect", "coordinator", "specialist")
    titles = [s for s in skills if s.lower().split()[-1].split("/")[-1] in role_words]
    title = titles[0] if titles else ""
    text = "\n".join(skills)
    return ParsedJob(title=title, text_content=text, required_skills=mentions,
                     metadata=DocumentMetadata(file_type="txt", parser="bench", words=len(text.split())))


# ---------------------------------------------------------------- baselines


class Baselines:
    """JD-token coverage and TF-IDF cosine over the same resume texts (numpy only)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.tokens = {k: content_tokens(v) for k, v in texts.items()}
        df: dict[str, int] = defaultdict(int)
        for toks in self.tokens.values():
            for t in set(toks):
                df[t] += 1
        n = max(len(self.tokens), 1)
        self.idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
        self.default_idf = math.log(n + 1) + 1.0
        self.vecs = {k: self._tfidf(t) for k, t in self.tokens.items()}

    def _tfidf(self, toks: Sequence[str]) -> dict[str, float]:
        tf: dict[str, float] = defaultdict(float)
        for t in toks:
            tf[t] += 1.0
        vec = {t: (1 + math.log(c)) * self.idf.get(t, self.default_idf) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def coverage(self, jd_text: str, key: str) -> float:
        jd = set(content_tokens(jd_text))
        return len(jd & set(self.tokens[key])) / len(jd) if jd else 0.0

    def tfidf(self, jd_text: str, key: str) -> float:
        q = self._tfidf(content_tokens(jd_text))
        d = self.vecs[key]
        return sum(v * d.get(t, 0.0) for t, v in q.items())


# ---------------------------------------------------------------- metrics


def _ranks(values: Sequence[float]) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    order = arr.argsort(kind="mergesort")
    ranks = np.empty(len(arr))
    i = 0
    while i < len(arr):
        j = i
        while j + 1 < len(arr) and arr[order[j + 1]] == arr[order[i]]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0
        i = j + 1
    return ranks


def spearman(pred: Sequence[float], gold: Sequence[float]) -> float | None:
    if len(set(gold)) < 2:
        return None
    a, b = _ranks(pred), _ranks(gold)
    if a.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def ndcg_at(pred: Sequence[float], gold: Sequence[float], ids: Sequence[str], k: int = 5) -> float:
    order = sorted(range(len(pred)), key=lambda i: (-pred[i], ids[i]))
    gains = [2 ** gold[i] - 1 for i in order[:k]]
    ideal = sorted((2**g - 1 for g in gold), reverse=True)[:k]
    dcg = sum(g / math.log2(r + 2) for r, g in enumerate(gains))
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(scores: Sequence[float], relevant: Sequence[bool], ids: Sequence[str]) -> float:
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], ids[i]))
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if relevant[i]:
            hits += 1
            total += hits / rank
    return total / max(sum(relevant), 1)


def precision_at(scores: Sequence[float], relevant: Sequence[bool], ids: Sequence[str], k: int) -> float:
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], ids[i]))
    return sum(relevant[i] for i in order[:k]) / k


# ---------------------------------------------------------------- scoring helpers


def method_scores(
    job: ParsedJob, jd_text: str, keys: Sequence[str], resumes: dict[str, ParsedResume | None],
    vectors: dict[str, Vectors], job_vectors: Vectors | None, baselines: Baselines, timings: list[float],
) -> dict[str, list[float]]:
    prepared = prepare_job(job)
    out: dict[str, list[float]] = defaultdict(list)
    for key in keys:
        resume = resumes.get(key)
        if resume is None:
            for m in (*SUBSCORES, "baseline: JD-token coverage", "baseline: TF-IDF cosine"):
                out[m].append(0.0)
            continue
        started = time.perf_counter()
        result = score_prepared(prepare_resume(resume), prepared, resume_vectors=vectors.get(key),
                                job_vectors=job_vectors)
        timings.append((time.perf_counter() - started) * 1000)
        for m in SUBSCORES[:-1]:
            out[m].append(float(getattr(result, m)))
        out["semantic"].append(result.match_analysis.component_scores.get("semantic", 0.0))
        out["baseline: JD-token coverage"].append(baselines.coverage(jd_text, key))
        out["baseline: TF-IDF cosine"].append(baselines.tfidf(jd_text, key))
    return out


def _fmt(x: float | None) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3f}"


# ---------------------------------------------------------------- the three checks


def bench_ferr(root: Path, refresh: bool, use_vectors: bool, timings: list[float]) -> None:
    base = root / "ferr_hr_relevance_livecareer"
    labels = list(csv.DictReader((base / "labels" / "label_interaction.csv").open()))
    feedback = list(csv.DictReader((base / "labels" / "feedback_interaction.csv").open()))
    jds = json.loads((base / "jd_skill_lists_derived.json").read_text())["jds"]
    ids = sorted({r["resume_id"] for r in labels} | {r["resume_id"] for r in feedback})
    paths = {rid: base / "resumes_pdf" / f"{rid}.pdf" for rid in ids}
    parsed = _cached("ferr-parsed", lambda: parse_pdfs([p for p in paths.values() if p.exists()]), refresh)
    resumes = {rid: parsed.get(str(p)) for rid, p in paths.items()}  # type: ignore[union-attr]
    vectors = _cached("ferr-vectors", lambda: embed_resumes(resumes), refresh) if use_vectors else {}
    baselines = Baselines({k: (v.text_content if v else "") for k, v in resumes.items()})

    groups: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for r in labels:
        groups[(r["hr_id"], r["jd_id"])].append((r["resume_id"], int(r["score"])))
    jd_cache: dict[str, tuple[ParsedJob, str, Vectors | None]] = {}

    def jd(jd_id: str) -> tuple[ParsedJob, str, Vectors | None]:
        if jd_id not in jd_cache:
            entry = jds[jd_id]
            skills = list(dict.fromkeys(s.strip() for s in entry["rationale_skill_jd"] + [
                t.lower() for t in entry["feedback_skill_terms"]] if s.strip()))
            job = job_from_skill_list(skills)
            jd_cache[jd_id] = (job, job.text_content, embed_job(job) if use_vectors else None)
        return jd_cache[jd_id]

    per_method: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    pooled: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    score_of: dict[tuple[str, str, str], dict[str, float]] = {}
    for (hr, jd_id), rows in sorted(groups.items()):
        job, text, jv = jd(jd_id)
        keys = [k for k, _ in rows]
        gold = [g for _, g in rows]
        scores = method_scores(job, text, keys, resumes, vectors, jv, baselines, timings)
        for m, pred in scores.items():
            rho = spearman(pred, gold)
            if rho is not None:
                per_method[m]["spearman"].append(rho)
            per_method[m]["ndcg5"].append(ndcg_at(pred, gold, keys))
            pooled[m][0].extend(pred)
            pooled[m][1].extend(gold)
            for k, p in zip(keys, pred, strict=True):
                score_of[(hr, jd_id, k)] = score_of.get((hr, jd_id, k), {}) | {m: p}
    fb_groups: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for r in feedback:
        fb_groups[(r["hr_id"], r["jd_id"])].append((r["resume_id"], int(r["is_chosen"])))
    for (_hr, jd_id), rows in sorted(fb_groups.items()):
        job, text, jv = jd(jd_id)
        keys = [k for k, _ in rows]
        scores = method_scores(job, text, keys, resumes, vectors, jv, baselines, timings)
        for m, pred in scores.items():
            chosen = [p for p, (_, c) in zip(pred, rows, strict=True) if c == 1]
            other = [p for p, (_, c) in zip(pred, rows, strict=True) if c == 0]
            for a in chosen:
                for b in other:
                    per_method[m]["pairwise"].append(1.0 if a > b else (0.5 if a == b else 0.0))
    n_parsed = sum(v is not None for v in resumes.values())
    print(f"\n### FERR HR relevance ({len(groups)} HR x JD groups, {n_parsed}/{len(resumes)} resumes parsed"
          f"{', with vectors' if use_vectors else ', no vectors'})\n")
    print("| method | mean Spearman | pooled Spearman | NDCG@5 | pairwise acc (is_chosen) |")
    print("|---|---|---|---|---|")
    for m, vals in per_method.items():
        print(f"| {m} | {_fmt(float(np.mean(vals['spearman'])))} | {_fmt(spearman(*pooled[m]))} "
              f"| {_fmt(float(np.mean(vals['ndcg5'])))} "
              f"| {_fmt(float(np.mean(vals['pairwise'])) if vals['pairwise'] else None)} |")


def bench_resume_matcher(root: Path, refresh: bool, use_vectors: bool, timings: list[float]) -> None:
    from jobfit.documents.job import parse_job_file

    base = root / "resume_matcher_samples"
    intended = {"job_desc_front_end_engineer": "barry_allen_fe", "job_desc_full_stack_engineer":
                "bruce_wayne_fullstack", "job_desc_product_manager": "alfred_pennyworth_pm",
                "job_desc_java_developer": "john_doe"}
    paths = sorted((base / "resumes").glob("*.pdf"))
    parsed = _cached("rm-parsed", lambda: parse_pdfs(paths), refresh)
    resumes = {Path(k).stem: v for k, v in parsed.items()}  # type: ignore[union-attr]
    vectors = _cached("rm-vectors", lambda: embed_resumes(resumes), refresh) if use_vectors else {}
    baselines = Baselines({k: (v.text_content if v else "") for k, v in resumes.items()})
    keys = sorted(resumes)
    print("\n### Resume-Matcher samples (intended resume should rank first)\n")
    print("| JD | intended | jobfit top | jobfit rank of intended | TF-IDF top | coverage top |")
    print("|---|---|---|---|---|---|")
    for jd_path in sorted((base / "job_descriptions").glob("*.pdf")):
        job = parse_job_file(jd_path.read_bytes(), filename=jd_path.name)
        jv = embed_job(job) if use_vectors else None
        s = method_scores(job, job.text_content, keys, resumes, vectors, jv, baselines, timings)

        def top(m: str, s: dict[str, list[float]] = s) -> str:
            return max(zip(s[m], keys, strict=True), key=lambda t: (t[0], t[1]))[1]

        want = intended[jd_path.stem]
        order = sorted(zip(s["overall_score"], keys, strict=True), key=lambda t: (-t[0], t[1]))
        rank = [k for _, k in order].index(want) + 1
        print(f"| {jd_path.stem} | {want} | {top('overall_score')} | {rank} | "
              f"{top('baseline: TF-IDF cosine')} | {top('baseline: JD-token coverage')} |")


def _retrieval(name: str, resumes: dict[str, ParsedResume | None], categories: dict[str, str],
               queries: Sequence[tuple[frozenset[str], str, str]], vectors: dict[str, Vectors], use_vectors: bool,
               timings: list[float]) -> None:
    """Mean AP / P@10 of ranking `resumes` for each (relevant categories, title, description) query."""
    keys = sorted(k for k, v in resumes.items() if v is not None)
    baselines = Baselines({k: resumes[k].text_content for k in keys})  # type: ignore[union-attr]
    ap: dict[str, list[float]] = defaultdict(list)
    p10: dict[str, list[float]] = defaultdict(list)
    for wanted, title, description in queries:
        relevant = [categories[k] in wanted for k in keys]
        if not any(relevant):
            continue
        job = make_job(title, description)
        jv = embed_job(job) if use_vectors else None
        s = method_scores(job, f"{title}\n{description}", keys, resumes, vectors, jv, baselines, timings)
        for m, pred in s.items():
            ap[m].append(average_precision(pred, relevant, keys))
            p10[m].append(precision_at(pred, relevant, keys, 10))
    print(f"\n### Category retrieval: {name} ({len(keys)} resumes, {len(ap['overall_score'])} JDs)\n")
    print("| method | mean AP | P@10 |")
    print("|---|---|---|")
    for m in ap:
        print(f"| {m} | {_fmt(float(np.mean(ap[m])))} | {_fmt(float(np.mean(p10[m])))} |")


def _short_jds(jds: dict[str, tuple[str, str]]) -> list[tuple[frozenset[str], str, str]]:
    return [(frozenset({category}), title, description) for category, (title, description) in sorted(jds.items())]


# Real job postings (SkillSpan, full text) whose title names a role of a kaggle resume category, by this fixed
# rule written before looking at any score: first match wins; a rule may accept several categories.
POSTING_TITLE_RULES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (pattern, frozenset(cats)) for pattern, cats in (
        (r"\bjava\b(?!\s*script)", {"Java Developer"}),
        (r"\bpython\b", {"Python Developer"}),
        (r"\.\s?net\b|dotnet|\bc#", {"DotNet Developer"}),
        (r"\bsap\b", {"SAP Developer"}),
        (r"\bdevops\b|site reliability|\bsre\b", {"DevOps Engineer"}),
        (r"\bqa\b|quality assurance|quality engineer|\btest(?:er|ing)?\b", {"Testing", "Automation Testing"}),
        (r"front-?end|\bui\b|web developer|web designer", {"Web Designing"}),
        (r"security", {"Network Security Engineer"}),
        (r"data scien|data analy|machine learning", {"Data Science"}),
        (r"business analyst", {"Business Analyst"}),
        (r"project manager|program manager|\bpmo\b", {"PMO"}),
        (r"database|\bdba\b", {"Database"}),
        (r"hadoop|big data", {"Hadoop"}),
        (r"\betl\b", {"ETL Developer"}),
        (r"blockchain", {"Blockchain"}),
        (r"\bsales\b", {"Sales"}),
        (r"\bhr\b|human resources|recruiter", {"HR"}),
        (r"mechanical engineer", {"Mechanical Engineer"}),
        (r"electrical engineer", {"Electrical Engineering"}),
        (r"civil engineer", {"Civil Engineer"}),
    )
)


def posting_queries(root: Path) -> list[tuple[frozenset[str], str, str]]:
    """(categories, title, full text) of the SkillSpan postings whose first sentence is a title matching a rule.

    Anonymisation placeholders ("<ORGANIZATION>") are dropped; the text keeps one sentence per line.
    """
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


def bench_categories(root: Path, refresh: bool, use_vectors: bool, timings: list[float]) -> None:
    base = root / "livecareer_resume_pdfs_sample"
    rows = list(csv.DictReader((base / "labels.csv").open()))
    paths = [base / r["file"] for r in rows]
    parsed = _cached("livecareer-parsed", lambda: parse_pdfs(paths), refresh)
    resumes = {str(base / r["file"]): parsed.get(str(base / r["file"])) for r in rows}  # type: ignore[union-attr]
    categories = {str(base / r["file"]): r["category"] for r in rows}
    vectors = _cached("livecareer-vectors", lambda: embed_resumes(resumes), refresh) if use_vectors else {}
    _retrieval("livecareer PDFs", resumes, categories, _short_jds(LIVECAREER_JDS), vectors, use_vectors, timings)

    kaggle = root / "kaggle_updated_resume_dataset" / "UpdatedResumeDataSet.csv"
    unique: dict[str, str] = {}
    with kaggle.open(encoding="utf-8", errors="replace") as fh:
        for r in csv.DictReader(fh):
            text = re.sub(r"[ \t]+", " ", r["Resume"]).strip()
            unique.setdefault(text, r["Category"])
    texts = {f"kaggle-{i:04d}": t for i, t in enumerate(sorted(unique))}
    cats = {k: unique[t] for k, t in texts.items()}
    kparsed = _cached("kaggle-parsed", lambda: parse_texts(texts), refresh)
    kvectors = _cached("kaggle-vectors", lambda: embed_resumes(kparsed), refresh) if use_vectors else {}  # type: ignore[arg-type]
    _retrieval("kaggle texts (deduplicated)", kparsed, cats, _short_jds(KAGGLE_JDS), kvectors,  # type: ignore[arg-type]
               use_vectors, timings)
    _retrieval("kaggle texts for real job postings (full SkillSpan ads, category by title rule)", kparsed,  # type: ignore[arg-type]
               cats, posting_queries(root), kvectors, use_vectors, timings)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    parser.add_argument("--no-vectors", action="store_true", help="skip the embedding (semantic) component")
    parser.add_argument("--refresh", action="store_true", help="re-parse instead of using the cache")
    parser.add_argument("--only", choices=("ferr", "resume-matcher", "categories"), action="append")
    args = parser.parse_args(argv)
    if not args.evaldata.is_dir():
        print(f"evaldata not found at {args.evaldata}; nothing to measure.")
        return 0
    use_vectors = not args.no_vectors
    if use_vectors:
        try:
            from jobfit.embeddings import get_embedder

            get_embedder("local").embed(["probe"])
        except Exception as exc:
            print(f"(local embedder unavailable: {exc}; running without vectors)", file=sys.stderr)
            use_vectors = False
    from jobfit.matching import ALGORITHM_VERSION

    print(f"## jobfit matching quality (algorithm {ALGORITHM_VERSION})")
    timings: list[float] = []
    checks = args.only or ["ferr", "resume-matcher", "categories"]
    if "ferr" in checks:
        bench_ferr(args.evaldata, args.refresh, use_vectors, timings)
    if "resume-matcher" in checks:
        bench_resume_matcher(args.evaldata, args.refresh, use_vectors, timings)
    if "categories" in checks:
        bench_categories(args.evaldata, args.refresh, use_vectors, timings)
    if timings:
        print(f"\nscore_prepared: p50 {np.percentile(timings, 50):.2f} ms, "
              f"p95 {np.percentile(timings, 95):.2f} ms over {len(timings)} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

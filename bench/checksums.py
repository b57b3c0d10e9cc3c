"""Checksums of what jobfit computes, to show a refactoring changed no score, explanation or suggestion.

Two parts, each a SHA-256 over a normalised JSON dump (ids replaced by file names, times and timestamps dropped):
- engine: every pair of a fixed set of evaldata resumes and jobs scored in-process, the ranking of those
  resumes for each job, and the offline suggestions of each pair;
- api: the same files uploaded through the real HTTP app on a temporary embedded Postgres, then analyze,
  rank-resumes, rank-jobs, suggestions (list, regenerate, decide) and apply-suggestions.

    python bench/checksums.py [--evaldata DIR] [--dump out.json]

Run it before and after a change; equal digests mean equal behaviour on these inputs. Both digests are the
same on every run of one commit: equal scores are ranked and listed in upload order (`services.ranking.Upload`),
and suggestions, listed by creation within one transaction, are compared as a set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DROP = {"processing_time_ms", "created_at", "updated_at", "implemented_at", "generation_ms", "download_url"}
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def inputs(evaldata: Path) -> tuple[list[Path], list[Path]]:
    samples = evaldata / "resume_matcher_samples"
    resumes = sorted((samples / "resumes").glob("*.pdf"))
    resumes += sorted((evaldata / "soupboss_pdf_docx_pairs").glob("0[12]-*.docx"))
    jobs = sorted((samples / "job_descriptions").glob("*.pdf"))
    return resumes, jobs


def normalise(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: normalise(v, names) for k, v in sorted(value.items()) if k not in DROP}
    if isinstance(value, (list, tuple)):
        items = [normalise(v, names) for v in value]
        if items and all(isinstance(v, dict) and "suggestion_type" in v for v in items):
            # suggestions of equal priority and impact are listed by creation (random ids): compare as a set
            items.sort(key=lambda v: json.dumps(v, sort_keys=True))
        return items
    if isinstance(value, str):
        return UUID_RE.sub(lambda m: names.get(m.group(0), "<id>"), value)
    if isinstance(value, float):
        return round(value, 6)
    return value


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def engine_part(resumes: list[Path], jobs: list[Path]) -> Any:
    from jobfit.config import Settings
    from jobfit.documents.job import parse_job_file
    from jobfit.documents.resume import parse_resume
    from jobfit.embeddings.chunks import embed_chunks
    from jobfit.matching import rank_resumes, score_match
    from jobfit.pipeline import job_chunks, resume_chunks
    from jobfit.providers.embedders import embedder_from_settings
    from jobfit.suggestions import generate_suggestions

    embedder = embedder_from_settings(Settings())
    parsed_r = {p.name: parse_resume(p.read_bytes(), p.name) for p in resumes}
    parsed_j = {p.name: parse_job_file(p.read_bytes(), p.name) for p in jobs}
    vec_r = {n: embed_chunks(embedder, resume_chunks(r)) for n, r in parsed_r.items()}
    vec_j = {n: embed_chunks(embedder, job_chunks(j)) for n, j in parsed_j.items()}
    out: dict[str, Any] = {"pairs": {}, "rankings": {}, "suggestions": {}}
    for jn, job in parsed_j.items():
        for rn, resume in parsed_r.items():
            result = score_match(resume, job, resume_vectors=vec_r[rn], job_vectors=vec_j[jn])
            out["pairs"][f"{rn}|{jn}"] = result.model_dump(mode="json")
            s = generate_suggestions(resume, job, result, job_vectors=vec_j[jn], resume_vectors=vec_r[rn])
            out["suggestions"][f"{rn}|{jn}"] = s.model_dump(mode="json")
        ranked = rank_resumes(job, [(rn, r, vec_r[rn]) for rn, r in parsed_r.items()], 3, job_vectors=vec_j[jn])
        out["rankings"][jn] = [(rn, res.model_dump(mode="json")) for rn, res in ranked]
    return normalise(out, {})


def api_part(resumes: list[Path], jobs: list[Path]) -> Any:
    from fastapi.testclient import TestClient

    from jobfit.api.app import create_app
    from jobfit.config import Settings
    from jobfit.runtime import open_runtime

    data_dir = Path(tempfile.mkdtemp(prefix="jobfit-checksums-"))
    runtime = open_runtime(Settings(data_dir=data_dir, secret_key="c" * 40))
    names: dict[str, str] = {}
    out: dict[str, Any] = {}
    try:
        with TestClient(create_app(runtime), raise_server_exceptions=False) as client:
            client.post("/api/v1/auth/register", json={"email": "sum@example.com", "password": "checksum password"})
            token = client.post("/api/v1/auth/login",
                                data={"username": "sum@example.com", "password": "checksum password"}).json()
            auth = {"Authorization": f"Bearer {token['access_token']}"}

            def call(method: str, url: str, **kw: Any) -> Any:
                r = client.request(method, url, headers=auth, **kw)
                body = r.json() if r.content and r.headers.get("content-type", "").startswith("application/json") \
                    else None
                return {"status": r.status_code, "body": body}

            rids, jids = [], []
            for p in resumes:
                r = call("POST", "/api/v1/documents/upload/resume", files={"file": (p.name, p.read_bytes())})
                names[r["body"]["id"]] = p.name
                rids.append(r["body"]["id"])
                out[f"upload {p.name}"] = r
            for p in jobs:
                r = call("POST", "/api/v1/documents/upload/job-description/file",
                         files={"file": (p.name, p.read_bytes())})
                names[r["body"]["id"]] = p.name
                jids.append(r["body"]["id"])
                out[f"upload {p.name}"] = r
            r = call("POST", "/api/v1/documents/upload/job-description",
                     json={"title": "Python developer", "description": "Build APIs in Python and PostgreSQL.",
                           "requirements": "3+ years of Python, FastAPI, SQL. Docker preferred."})
            names[r["body"]["id"]] = "typed-job"
            jids.append(r["body"]["id"])
            out["upload typed job"] = r
            match_ids = []
            for jid in jids:
                for rid in rids:
                    r = call("POST", "/api/v1/matching/analyze", json={"resume_id": rid, "job_id": jid})
                    names[r["body"]["id"]] = f"match {names[rid]}|{names[jid]}"
                    match_ids.append(r["body"]["id"])
                    out[f"analyze {names[rid]}|{names[jid]}"] = r
            r = call("POST", "/api/v1/matching/analyze", json={"resume_id": rids[0], "job_id": jids[0]})
            out["analyze again"] = r
            for jid in jids:
                out[f"rank-resumes {names[jid]}"] = call("POST", "/api/v1/matching/rank-resumes",
                                                         json={"job_id": jid, "top_k": 4})
            for rid in rids:
                out[f"rank-jobs {names[rid]}"] = call("POST", "/api/v1/matching/rank-jobs",
                                                      json={"resume_id": rid, "top_k": 3})
            out["rank-resumes explicit"] = call("POST", "/api/v1/matching/rank-resumes",
                                                json={"job_id": jids[0], "resume_ids": rids[:3]})
            out["rank-resumes missing"] = call("POST", "/api/v1/matching/rank-resumes",
                                               json={"job_id": jids[0], "resume_ids": [str(uuid.UUID(int=1))]})
            out["results"] = call("GET", "/api/v1/matching/results?limit=100")
            for mid in match_ids[:6]:
                listed = call("GET", f"/api/v1/matching/results/{mid}/suggestions")
                for s in listed["body"]["items"]:
                    names[s["id"]] = f"suggestion {names[mid]}|{s['title']}|{s['original_text']}"
                out[f"suggestions {names[mid]}"] = listed
                out[f"regenerate {names[mid]}"] = call("POST", f"/api/v1/matching/results/{mid}/suggestions/generate",
                                                       json={"use_llm": False})
            mid = match_ids[0]
            items = call("GET", f"/api/v1/matching/results/{mid}/suggestions")["body"]["items"]
            items.sort(key=lambda s: (s["priority"], s["title"], s["original_text"] or "", s["suggested_text"] or ""))
            for s in items:
                names.setdefault(s["id"], f"suggestion {names[mid]}|{s['title']}|{s['original_text']}")
            textual = [s["id"] for s in items if s["suggested_text"]]
            if len(items) > 1:
                out["decide"] = call("PATCH", f"/api/v1/suggestions/{items[-1]['id']}",
                                     json={"status": "rejected", "feedback": "no"})
                out["decide again"] = call("PATCH", f"/api/v1/suggestions/{items[-1]['id']}",
                                           json={"status": "implemented"})
            applied = call("POST", f"/api/v1/resumes/{rids[0]}/apply-suggestions",
                           json={"suggestion_ids": textual[:3] or [items[0]["id"]]})
            if applied["status"] == 201:
                names[applied["body"]["resume_id"]] = "improved"
                names[applied["body"]["after"]["id"]] = "improved match"
            out["apply"] = applied
    finally:
        runtime.close()
        shutil.rmtree(data_dir, ignore_errors=True)
    return normalise(out, names)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--evaldata", type=Path, default=REPO.parent / "shared" / "evaldata")
    ap.add_argument("--dump", type=Path, help="write the normalised values here (to diff two runs)")
    ap.add_argument("--skip-api", action="store_true")
    args = ap.parse_args()
    resumes, jobs = inputs(args.evaldata)
    if not resumes or not jobs:
        print(f"evaldata not found at {args.evaldata}", file=sys.stderr)
        return 2
    parts = {"engine": engine_part(resumes, jobs)}
    if not args.skip_api:
        parts["api"] = api_part(resumes, jobs)
    if args.dump:
        args.dump.write_text(json.dumps(parts, indent=1, sort_keys=True))
    for name, value in parts.items():
        print(f"{name}: {digest(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

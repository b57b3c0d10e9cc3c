"""The dashboard: my resumes, my jobs and recent matches; empty states say what to do first."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from jobfit.services import library
from jobfit.web.deps import PageDb, PageUser
from jobfit.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def dashboard(request: Request, db: PageDb, _user: PageUser) -> Response:
    resumes, jobs = library.resumes(db, limit=100), library.jobs(db, limit=100)
    recent, _ = library.match_results(db, sort="date", limit=10)
    names = {r.id: r.title or r.original_filename for r in resumes}
    titles = {j.id: j.title for j in jobs}
    return render(request, "dashboard.html", title="Dashboard", resumes=resumes, jobs=jobs, recent=recent,
                  names=names, titles=titles)

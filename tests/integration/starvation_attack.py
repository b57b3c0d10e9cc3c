"""The attack of `test_starvation.py`, run in a process of its own so its client work takes no CPU turn of the
server's process: a slow loopback page server (a header byte every 2 s, never a whole header), imports of it
through the pages' URL import, and batch uploads of small resumes through the recruiter page, all at once.

Reads a JSON plan on stdin: {"url", "imports": [[cookies, csrf], ...], "batches": [[cookies, csrf], ...],
"files_per_batch", "seconds"}. Prints "started" once every request is sent, then, after `seconds`, one JSON line
of what happened (status counts, the most connections the page server held at once), and exits: its open
requests end with it.
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
import sys

import httpx

HEADER_BYTE_EVERY_S = 2.0


class SlowPages:
    """Answers every connection with a status line, then one header byte every 2 s, never ending the headers."""

    def __init__(self) -> None:
        self.open = 0
        self.most_open = 0
        self.served = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.open += 1
        self.served += 1
        self.most_open = max(self.most_open, self.open)
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\n")
            while True:
                await writer.drain()
                await asyncio.sleep(HEADER_BYTE_EVERY_S)
                writer.write(b"X")
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self.open -= 1
            writer.close()


def _resume(batch: int, n: int) -> bytes:
    return (f"Candidate {batch}-{n}\ncandidate{batch}x{n}@example.com\n\nExperience\n"
            f"Python developer at Acme {n}, 2019 - 2024\n- Built data pipelines in Python and SQL\n\n"
            "Skills\nPython, SQL, Docker\n").encode()


async def attack(plan: dict) -> dict:
    pages = SlowPages()
    server = await asyncio.start_server(pages.handle, "127.0.0.1", 0)
    page_url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/careers/job"
    statuses: collections.Counter[str] = collections.Counter()
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=0)

    async def post(kind: str, cookies: dict, **kwargs: object) -> None:
        async with httpx.AsyncClient(base_url=plan["url"], cookies=cookies, timeout=600, limits=limits) as http:
            try:
                r = await http.post(**kwargs)  # type: ignore[arg-type]
                statuses[f"{kind} {r.status_code}"] += 1
            except httpx.HTTPError as exc:
                statuses[f"{kind} {type(exc).__name__}"] += 1

    tasks = []
    for cookies, csrf in plan["imports"]:
        tasks.append(post("import", cookies, url="/jobs/import", data={"url": page_url, "csrf_token": csrf}))
    for b, (cookies, csrf) in enumerate(plan["batches"]):
        files = [("files", (f"cv{b}-{n}.txt", _resume(b, n), "text/plain")) for n in range(plan["files_per_batch"])]
        tasks.append(post("batch", cookies, url="/recruiter/batches", data={"csrf_token": csrf}, files=files))
    running = [asyncio.ensure_future(t) for t in tasks]
    await asyncio.sleep(0.5)
    print("started", flush=True)
    await asyncio.sleep(plan["seconds"])
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
    server.close()
    return {"statuses": dict(statuses), "most_open_pages": pages.most_open, "pages_served": pages.served}


if __name__ == "__main__":
    os.nice(10)  # the attack is the work it makes the server do, not its own: leave the CPU to the server
    print(json.dumps(asyncio.run(attack(json.loads(sys.stdin.read())))), flush=True)

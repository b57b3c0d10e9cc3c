"""A real Python environment like the one running the tests, less some installed packages: how jobfit behaves
for a user whose install lacks them (e.g. `pip install .`, which cannot bring the MiniLM model package)."""

from __future__ import annotations

import subprocess
import sysconfig
import venv
from pathlib import Path


def python_without(folder: Path, *packages: str) -> Path:
    """The interpreter of a new virtual environment in `folder` that has every package this one has except
    `packages` (import names; their `.dist-info` goes too). Every other entry of site-packages is linked, so
    jobfit and its dependencies are the very ones under test."""
    venv.EnvBuilder(with_pip=False, symlinks=True).create(folder)
    python = folder / "bin" / "python"
    ours = Path(sysconfig.get_paths()["purelib"])
    theirs = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 check=True, capture_output=True, text=True).stdout.strip())
    for entry in ours.iterdir():
        if any(entry.name == name or entry.name.startswith(f"{name}-") for name in packages):
            continue
        (theirs / entry.name).symlink_to(entry)
    return python

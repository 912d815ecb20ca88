"""Fixtures for the hub tier: a real JupyterHub, real Unix users, Debian's Chromium.

Run it alone with ``.venv/bin/pytest -m hub``. It needs root, the ``hub`` extra
(``pip install -e '.[hub]'``), configurable-http-proxy (npm) and /usr/bin/chromium; without one of
them every test here is skipped with a message naming what is missing. ``.ci/run`` installs all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hubsite import HubSite, Missing, TraverseGrant, build_user_env, check_requirements, new_site, sweep_leftovers

from erfakit.report.pdf import CHROMIUM_ARGS

VIEWPORT = {"width": 1600, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def skip_or_fail(missing: Missing) -> None:
    """Skip, naming what is missing; fail instead where the hub test must run (``.ci/run``)."""
    if os.environ.get("ERFAKIT_REQUIRE_HUB") == "1":
        pytest.fail(f"hub test cannot run (ERFAKIT_REQUIRE_HUB=1): {missing}")
    pytest.skip(f"hub test skipped: {missing}")


@pytest.fixture(scope="session")
def user_env() -> Iterator[Path]:
    """The users' Python environment (world-readable, built once per session; see hubsite)."""
    try:
        check_requirements()
    except Missing as missing:
        skip_or_fail(missing)
    sweep_leftovers()
    folder = Path(tempfile.mkdtemp(prefix="erfakit-hub-env-"))
    folder.chmod(0o755)
    grant = TraverseGrant()
    try:
        try:
            built = build_user_env(folder / "env", grant)
        except Missing as missing:
            skip_or_fail(missing)
        yield built
    finally:
        grant.restore()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def hub_site(user_env: Path) -> Iterator[HubSite]:
    """An installed site with no afdelinger or users yet (the test module adds its own), not started."""
    site = new_site(user_env)
    try:
        yield site
    finally:
        leftovers = site.remove()
        if leftovers:
            print("\nthe hub left these running; they were killed:\n  " + "\n  ".join(leftovers))
        remains = site.remains()
        assert not remains, f"the hub test left things behind: {remains}"


@pytest.fixture
def browser():
    """Debian's Chromium, headless, one per test (see tests/browser/conftest.py for why)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

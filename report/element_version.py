"""Which Element a run will test, known before any scenario runs (to pick its expected failures).

The `element_server` fixture learns the version only once the stack is up, on each worker. The
same facts are readable earlier, the same way that fixture reads them:
- the embedded build (element/dist, or --element-dist): its `version` file, as
  fixtures.stack.element_server.EmbeddedElement.start() reads it ("unknown" when there is none);
- --element-url: the URL's /version, through fixtures.stack.element_server.external_element (which also
  refuses a URL that is dead or not Element, as the fixture would a moment later).
The report records the version the scenarios really ran against; the expected-failures plugin
compares the two and fails the run if they differ, so a guess can never pick the wrong entries.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.stack.element_server import DIST, external_element


def embedded_version(dist: Path = DIST) -> str:
    version_file = dist / "version"
    return version_file.read_text().strip() if version_file.exists() else "unknown"


def version_under_test(config: pytest.Config) -> str:
    """Raises fixtures.stack.element_server.ElementError for an --element-url that is not a reachable Element."""
    options = getattr(config, "stack_options", None)  # set by conftest.py; absent in a bare project
    url = options.element_url if options else config.getoption("--element-url", None)
    if url:
        return external_element(url).version
    dist = getattr(options, "element_dist", None) or DIST
    return embedded_version(dist)

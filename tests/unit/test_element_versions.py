"""Element by version (element/versions/): each release's committed lock pins that release of
matrix-react-sdk and the matrix-js-sdk it names, the shell's Olm where the release needs it, and the
build puts each release in its own dist. No install, no build, no browser: reads the locks and asks
build.mjs where a build goes (--dist-path)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.harness_run import run_pytest

REPO = Path(__file__).resolve().parents[2]
ELEMENT = REPO / "element"
VERSIONS = ELEMENT / "versions"

# The releases of the version matrix, and the matrix-js-sdk each was released with (its package.json
# at its tag). 3.114.0 is the default build (element/package.json), pinned by overrides.
RELEASES = {"3.73.0": "26.0.0", "3.85.0": "30.1.0", "3.92.0": "31.3.0", "3.103.0": "34.1.0"}
LEGACY_CRYPTO = {"3.73.0", "3.85.0", "3.92.0"}  # matrix-js-sdk still encrypts with Olm for some logins


def lock_packages(folder: Path) -> dict:
    return json.loads((folder / "package-lock.json").read_text())["packages"]


def test_the_releases_here_are_the_matrix():
    assert sorted(p.name for p in VERSIONS.iterdir() if p.is_dir()) == sorted(RELEASES)


@pytest.mark.parametrize("version", RELEASES)
def test_a_release_lock_pins_its_react_sdk_and_the_js_sdk_it_names(version):
    folder = VERSIONS / version
    manifest = json.loads((folder / "package.json").read_text())
    packages = lock_packages(folder)
    assert manifest["dependencies"]["matrix-react-sdk"] == version
    assert packages[""]["dependencies"]["matrix-react-sdk"] == version
    sdk = packages["node_modules/matrix-react-sdk"]
    assert sdk["version"] == version and sdk["integrity"].startswith("sha512-")
    named = sdk["dependencies"]["matrix-js-sdk"]  # what the release itself asks for: an exact version
    assert named == RELEASES[version] == manifest["harness"]["matrix-js-sdk"]
    assert packages["node_modules/matrix-js-sdk"]["version"] == named
    # one copy of each: the shell and the SDK must share them
    for single in ("matrix-js-sdk", "react", "react-dom"):
        nested = [k for k in packages if k.endswith(f"/node_modules/{single}") and k != f"node_modules/{single}"]
        assert not nested, nested
    assert packages["node_modules/react"]["version"] == "17.0.2"
    # every package is locked to a tarball of the registry with its hash (npm ci installs just that)
    unlocked = [k for k, meta in packages.items() if k and not meta.get("link") and not meta.get("integrity")]
    assert not unlocked, unlocked


@pytest.mark.parametrize("version", RELEASES)
def test_olm_is_started_by_the_shell_exactly_for_the_legacy_crypto_releases(version):
    manifest = json.loads((VERSIONS / version / "package.json").read_text())
    assert manifest["harness"]["olm"] is (version in LEGACY_CRYPTO)
    if version in LEGACY_CRYPTO:
        assert lock_packages(VERSIONS / version)["node_modules/@matrix-org/olm"]["version"] == "3.2.15"


def test_the_default_build_is_still_3_114_0():
    packages = lock_packages(ELEMENT)
    assert packages["node_modules/matrix-react-sdk"]["version"] == "3.114.0"
    sdk_names = packages["node_modules/matrix-react-sdk"]["dependencies"]["matrix-js-sdk"]
    assert packages["node_modules/matrix-js-sdk"]["version"] == sdk_names


def dist_path(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["node", "build.mjs", *args, "--dist-path"], cwd=ELEMENT,
                          capture_output=True, text=True, timeout=30)


def test_each_release_builds_into_its_own_dist_and_the_default_into_element_dist():
    default = dist_path()
    assert default.returncode == 0, default.stderr
    assert Path(default.stdout.strip()) == ELEMENT / "dist"
    assert Path(dist_path("--version", "3.114.0").stdout.strip()) == ELEMENT / "dist"
    seen = set()
    for version in RELEASES:
        run = dist_path(f"--version={version}") if version == "3.92.0" else dist_path("--version", version)
        assert run.returncode == 0, run.stderr
        assert Path(run.stdout.strip()) == REPO / ".cache" / "element" / version / "dist"
        seen.add(run.stdout)
    assert len(seen) == len(RELEASES)


def test_an_unknown_release_is_refused_with_the_list_of_known_ones():
    run = dist_path("--version", "3.0.0")
    assert run.returncode == 2
    assert "no release 3.0.0" in run.stderr and "3.73.0" in run.stderr and "3.114.0" in run.stderr


def test_release_builds_are_ignored_by_git_and_removed_by_make_clean():
    for path in (".cache/element/3.92.0/dist/bundle.js", "element/versions/3.92.0/node_modules/react/index.js"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO).returncode == 0, path
    clean = subprocess.run(["make", "-n", "clean"], cwd=REPO, capture_output=True, text=True, timeout=30)
    assert ".cache" in clean.stdout.split()


def test_make_passes_a_release_build_to_pytest():
    run = subprocess.run(["make", "-n", "conformance", "ELEMENT=3.92.0"], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert f"--element-dist={REPO / '.cache' / 'element' / '3.92.0' / 'dist'}" in run.stdout
    assert "node build.mjs --version 3.92.0" in run.stdout
    default = subprocess.run(["make", "-n", "conformance"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "--element-dist" not in default.stdout


def test_element_dist_as_two_arguments_into_another_checkout_is_explained(tmp_path):
    """pytest loads the conftest.py above a folder it takes for a test path; there, another checkout's."""
    other = tmp_path / "other-checkout"
    (other / "dist").mkdir(parents=True)
    (other / "conftest.py").write_text("raise SystemExit('the other checkout was loaded')\n")
    run = run_pytest("features", "--collect-only", "-q", "-p", "no:xdist", "--element-dist", str(other / "dist"),
                     timeout=120)
    assert run.returncode == 4, run.stdout + run.stderr
    assert f"--element-dist={other / 'dist'}" in run.stderr
    assert "another checkout's conftest.py" in run.stderr

"""Docker mode, checked statically: no Docker engine runs on our machines (see README)."""

from __future__ import annotations

import pytest
import yaml

from fixtures.stack.homeserver import SYNAPSE_DIR, DockerHomeserver, HomeserverError, render_config

COMPOSE = yaml.safe_load((SYNAPSE_DIR / "compose.yaml").read_text())
SERVICE = COMPOSE["services"]["synapse"]


def test_compose_publishes_on_loopback_only():
    assert SERVICE["ports"], "the service must publish its port"
    for port in SERVICE["ports"]:
        assert str(port).startswith("127.0.0.1:"), port


def test_compose_runs_the_rendered_template_and_the_harness_module():
    volumes = SERVICE["volumes"]
    assert any(v.startswith("${HARNESS_SYNAPSE_DATA") and v.endswith("}:/data") for v in volumes)
    assert "./modules:/harness-modules:ro" in volumes
    assert (SYNAPSE_DIR / "modules" / "harness_last_seen.py").exists()
    assert SERVICE["entrypoint"][-1] == "/data/homeserver.yaml"
    assert SERVICE["environment"]["PYTHONPATH"] == "/harness-modules"
    # The same Synapse as the pinned PyPI package (1.150.0: the last to report user agents).
    pinned = (SYNAPSE_DIR.parent.parent / "requirements.txt").read_text()
    assert "matrix-synapse==1.150.0" in pinned
    assert SERVICE["image"].endswith(":v1.150.0")


def test_docker_render_is_the_same_template_with_container_paths(tmp_path):
    render_config(tmp_path, port=8008, bind_address="0.0.0.0", public_baseurl="http://127.0.0.1:1/",
                  container_data_dir="/data")
    config = yaml.safe_load((tmp_path / "homeserver.yaml").read_text())
    assert config["database"]["args"]["database"] == "/data/homeserver.db"
    assert config["listeners"][0]["port"] == 8008
    assert config["log_config"] == "/data/log.config"
    assert (tmp_path / "signing.key").exists()


def test_docker_mode_without_an_engine_says_so(tmp_path):
    # Our machines have at most the docker client: the mode must say what is missing.
    with pytest.raises(HomeserverError, match=r"mode docker"):
        DockerHomeserver(tmp_path).start()

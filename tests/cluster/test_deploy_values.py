"""deploy/k8s/values.yaml parses, loads our Definitions module and only names settings paperlake knows."""
from pathlib import Path

import yaml

from paperlake.settings import describe

VALUES = Path(__file__).resolve().parents[2] / "deploy" / "k8s" / "values.yaml"


def test_values_file_is_valid_and_consistent():
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    (deployment,) = values["dagster-user-deployments"]["deployments"]
    assert deployment["dagsterApiGrpcArgs"] == ["--module-name", "dagster_project.definitions"]
    known = {env for _, env, _ in describe()}
    names = {item["name"] for item in deployment["env"]}
    assert {n for n in names if n.startswith("PAPERLAKE_")} <= known
    assert not any("TOKEN" in n or "SECRET" in n for n in names)  # secrets come from envSecrets only
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    assert {s["name"] for s in values["runLauncher"]["config"]["k8sRunLauncher"]["envSecrets"]} == \
        {s["name"] for s in deployment["envSecrets"]}
    assert values["postgresql"]["enabled"] is True

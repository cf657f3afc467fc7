"""The deployment files in deploy/ agree with the application they deploy.

Paths, port, commands and setting names are read from bot.settings and pyproject.toml, so
renaming a probe path, the port or a setting without updating deploy/ fails here. The
Kubernetes manifests are also validated against the Kubernetes API schemas (offline, strict:
unknown fields are errors) when kubernetes-validate is installed, and built with
`kubectl kustomize` when kubectl is on the PATH. Nothing here needs Docker or a cluster.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from bot.settings import (
    API_PATH,
    DASHBOARD_PATH,
    DEFAULT_HTTP_PORT,
    HEALTH_PATH,
    METRICS_PATH,
    READY_PATH,
    BotMode,
    Settings,
)

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "kubernetes"
DOCKERFILE = DEPLOY / "Dockerfile"
DOCKERIGNORE = DEPLOY / "Dockerfile.dockerignore"
SECRET_TEMPLATE = "secret.example.yaml"
INGRESS_EXAMPLE = "ingress.yaml"
SETTING_NAMES = frozenset(name.upper() for name in Settings.model_fields)
SECRET_SETTINGS = frozenset(
    {"TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET", "API_TOKEN", "DATABASE_URL", "PAYMENT_PROVIDER_TOKEN"})
DEFAULT_SHUTDOWN_SECONDS = Settings.model_fields["shutdown_seconds"].default
WEBHOOK_COMMAND = ["ppalli", "webhook", "--no-migrate"]
MIGRATE_COMMAND = ["ppalli", "migrate"]
TELEGRAM_WEBHOOK_PORTS = {443, 80, 88, 8443}


# ---- the Dockerfile (plain text: no extra dependency) -----------------------------------------

def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    lines = [line for line in DOCKERFILE.read_text().splitlines()
             if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            instructions.append((word.upper(), " ".join(rest.split())))
    return instructions


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (word, _) in enumerate(instructions) if word == "FROM")
    return instructions[last_from:]


def docker_cmd() -> list[str]:
    cmds = [rest for word, rest in final_stage() if word == "CMD"]
    assert cmds, "the final stage has no CMD"
    return json.loads(cmds[-1])  # exec form: a JSON array


def docker_uid() -> int:
    users = [rest for word, rest in final_stage() if word == "USER"]
    assert users, "the final stage has no USER: the container would run as root"
    user = users[-1].split(":")[0]
    assert user.isdigit(), f"USER {user!r} is not numeric: Kubernetes cannot check runAsNonRoot"
    return int(user)


def env_keys(arguments: str) -> set[str]:
    if "=" not in arguments.split(" ")[0]:  # legacy form: ENV KEY value
        return {arguments.split(" ")[0]}
    return set(re.findall(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=", arguments))


def test_the_image_is_built_on_python_3_11_slim():
    instructions = dockerfile_instructions()
    arg_defaults = dict(rest.split("=", 1) for word, rest in instructions
                        if word == "ARG" and "=" in rest)
    bases = [rest.split(" ")[0] for word, rest in instructions if word == "FROM"]
    resolved = [re.sub(r"\$\{(\w+)\}", lambda m: arg_defaults[m.group(1)], base)
                for base in bases]
    assert resolved, "no FROM"
    assert resolved[-1] == "python:3.11-slim"


def test_the_image_runs_as_a_numeric_non_root_user():
    assert docker_uid() != 0


def test_the_image_serves_the_webhook_without_migrating_by_default():
    assert docker_cmd() == WEBHOOK_COMMAND


def test_the_image_exposes_the_default_port_and_checks_liveness():
    exposed = [rest for word, rest in final_stage() if word == "EXPOSE"]
    assert exposed == [str(DEFAULT_HTTP_PORT)]
    healthchecks = [rest for word, rest in final_stage() if word == "HEALTHCHECK"]
    for check in healthchecks:  # optional, but if present it must ask the liveness path
        assert HEALTH_PATH in check and str(DEFAULT_HTTP_PORT) in check


def test_the_image_bakes_in_no_secret_and_no_dev_extras():
    instructions = dockerfile_instructions()
    baked = set().union(*(env_keys(rest) for word, rest in instructions if word in ("ENV", "ARG")))
    assert not baked & SECRET_SETTINGS
    runs = [rest for word, rest in instructions if word == "RUN"]
    assert any("pip install" in run for run in runs)
    assert not any("[dev]" in run or "pytest" in run for run in runs)
    copied = [rest for word, rest in instructions if word in ("COPY", "ADD")]
    assert not any(".env" in line.split() or re.search(r"\.db\b", line) for line in copied)


def package_roots() -> list[str]:
    """Top-level packages pyproject.toml installs (its find include patterns)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted({pattern.rstrip("*").split(".")[0] for pattern in include})


def test_the_image_and_its_build_context_hold_every_package_and_the_migrations():
    needed = [*package_roots(), "alembic", "alembic.ini", "pyproject.toml", "README.md"]
    assert "bot" in needed
    copied = set()
    for word, rest in dockerfile_instructions():
        if word == "COPY" and "--from" not in rest:
            copied.update(source.rstrip("/") for source in rest.split(" ")[:-1])
    allowed = {line.strip().removeprefix("!").rstrip("/")
               for line in DOCKERIGNORE.read_text().splitlines() if line.startswith("!")}
    for path in needed:
        assert path in copied, f"deploy/Dockerfile does not COPY {path}"
        assert path in allowed, f"deploy/Dockerfile.dockerignore leaves {path} out"
        assert (ROOT / path).exists(), f"{path} named in the Dockerfile does not exist"
    patterns = [line.strip() for line in DOCKERIGNORE.read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    assert patterns[0] == "*", "the build context should be an allowlist (first pattern: *)"
    assert not any(pattern.lstrip("!").startswith((".env", ".git")) and pattern.startswith("!")
                   for pattern in patterns)


# ---- the Kubernetes manifests (PyYAML) ---------------------------------------------------------

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def yaml():
    return pytest.importorskip("yaml", reason="PyYAML is needed to read deploy/kubernetes")


@pytest.fixture(scope="module")
def files(yaml) -> dict[str, list[Doc]]:
    """Every YAML file in deploy/kubernetes: name -> its documents."""
    loaded = {}
    for path in sorted(K8S.glob("*.yaml")):
        loaded[path.name] = [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    assert "kustomization.yaml" in loaded
    return loaded


@pytest.fixture(scope="module")
def resources(files) -> list[Doc]:
    return [doc for name, docs in files.items() if name != "kustomization.yaml" for doc in docs]


def one(resources: list[Doc], kind: str) -> Doc:
    found = [doc for doc in resources if doc["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def container(pod_owner: Doc) -> Doc:
    containers = pod_owner["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def argv(c: Doc) -> list[str]:
    if "command" not in c and "args" not in c:
        return docker_cmd()
    assert "command" in c, "args without command would be appended to the image's CMD"
    return [*c["command"], *c.get("args", [])]


def mebibytes(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1e3 / 2**20, "M": 1e6 / 2**20,
             "G": 1e9 / 2**20}
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)?", str(quantity))
    assert match, f"unexpected memory quantity {quantity!r}"
    number, unit = match.groups()
    return float(number) * units[unit] if unit else float(number) / 2**20


def test_kustomization_lists_every_manifest_but_the_secret_template_and_the_examples(files):
    kustomization = files["kustomization.yaml"][0]
    listed = set(kustomization["resources"])
    present = set(files) - {"kustomization.yaml"}
    assert listed <= present, f"listed but missing: {listed - present}"
    # The placeholder Secret must never be applied over the real one.
    assert SECRET_TEMPLATE not in listed
    assert present - listed == {SECRET_TEMPLATE, INGRESS_EXAMPLE}


def test_the_manifests_are_namespace_agnostic(files, resources):
    assert "namespace" not in files["kustomization.yaml"][0]
    assert all("namespace" not in doc["metadata"] for doc in resources)


def test_the_probes_and_the_service_use_the_applications_paths_and_port(resources):
    deployment, service = one(resources, "Deployment"), one(resources, "Service")
    c = container(deployment)
    ports = {port["name"]: port["containerPort"] for port in c["ports"]}
    assert ports == {"http": DEFAULT_HTTP_PORT}
    assert c["readinessProbe"]["httpGet"] == {"path": READY_PATH, "port": "http"}
    assert c["livenessProbe"]["httpGet"] == {"path": HEALTH_PATH, "port": "http"}
    if "startupProbe" in c:
        assert c["startupProbe"]["httpGet"] == {"path": HEALTH_PATH, "port": "http"}
    assert service["spec"]["type"] == "ClusterIP"
    assert [(p["port"], p["targetPort"]) for p in service["spec"]["ports"]] == [(80, "http")]
    assert service["spec"]["selector"].items() <= deployment["spec"]["template"]["metadata"][
        "labels"].items()
    annotations = deployment["spec"]["template"]["metadata"].get("annotations", {})
    if annotations.get("prometheus.io/scrape") == "true":
        assert annotations["prometheus.io/path"] == METRICS_PATH
        assert annotations["prometheus.io/port"] == str(DEFAULT_HTTP_PORT)


def test_the_grace_period_outlasts_the_prestop_sleep_and_the_shutdown(resources):
    deployment, config = one(resources, "Deployment"), one(resources, "ConfigMap")
    grace = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    pre_stop = container(deployment)["lifecycle"]["preStop"]
    if "sleep" in pre_stop:
        slept = pre_stop["sleep"]["seconds"]
    else:
        command = pre_stop["exec"]["command"]
        assert command[0] == "sleep", command
        slept = float(command[1])
    assert 0 < slept <= 15
    shutdown = float(config["data"].get("SHUTDOWN_SECONDS", DEFAULT_SHUTDOWN_SECONDS))
    assert grace > DEFAULT_SHUTDOWN_SECONDS
    assert grace > slept + shutdown, "SIGKILL would cut the graceful shutdown short"


def test_replicas_roll_without_losing_capacity_and_scale_on_cpu(resources):
    deployment, hpa = one(resources, "Deployment"), one(resources, "HorizontalPodAutoscaler")
    assert deployment["spec"]["replicas"] == 2
    assert deployment["spec"]["strategy"]["type"] == "RollingUpdate"
    assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1", "kind": "Deployment", "name": deployment["metadata"]["name"]}
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (2, 6)
    [metric] = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert metric["resource"]["target"] == {"type": "Utilization", "averageUtilization": 70}
    # Utilization is relative to the request: without a CPU request the HPA cannot scale.
    assert "cpu" in container(deployment)["resources"]["requests"]
    pdb = one(resources, "PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"] == deployment["spec"]["selector"]["matchLabels"]


def test_the_replicas_serve_the_webhook_and_the_job_migrates(resources):
    deployment, job = one(resources, "Deployment"), one(resources, "Job")
    assert argv(container(deployment)) == WEBHOOK_COMMAND == docker_cmd()
    assert argv(container(job)) == MIGRATE_COMMAND
    assert container(job)["image"] == container(deployment)["image"]
    assert job["spec"]["backoffLimit"] >= 1
    assert job["spec"]["ttlSecondsAfterFinished"] > 0
    assert job["spec"]["template"]["spec"]["restartPolicy"] in ("Never", "OnFailure")


@pytest.mark.parametrize("kind", ["Deployment", "Job"])
def test_pods_run_as_the_images_user_on_a_read_only_root(resources, kind):
    owner = one(resources, kind)
    pod = owner["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"].get("runAsUser", docker_uid()) == docker_uid()
    c = container(owner)
    assert c["securityContext"]["readOnlyRootFilesystem"] is True
    assert c["securityContext"]["allowPrivilegeEscalation"] is False
    mounts = {mount["mountPath"]: mount["name"] for mount in c["volumeMounts"]}
    volumes = {volume["name"]: volume for volume in pod["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]
    limits, requests = c["resources"]["limits"], c["resources"]["requests"]
    assert 128 <= mebibytes(limits["memory"]) <= 512
    assert mebibytes(requests["memory"]) <= mebibytes(limits["memory"])


@pytest.mark.parametrize("kind", ["Deployment", "Job"])
def test_pods_take_their_settings_from_the_configmap_and_the_secret(resources, kind):
    env_from = container(one(resources, kind))["envFrom"]
    assert {"configMapRef": {"name": one(resources, "ConfigMap")["metadata"]["name"]}} in env_from
    assert {"secretRef": {"name": one(resources, "Secret")["metadata"]["name"]}} in env_from


def config_and_secret(resources: list[Doc]) -> tuple[dict[str, str], dict[str, str]]:
    secret = one(resources, "Secret")
    return one(resources, "ConfigMap")["data"], {**secret.get("data", {}),
                                                 **secret.get("stringData", {})}


def test_every_variable_is_a_setting_and_secrets_stay_in_the_secret(resources):
    config, secret = config_and_secret(resources)
    assert set(config) <= SETTING_NAMES, f"not settings: {set(config) - SETTING_NAMES}"
    assert set(secret) <= SETTING_NAMES, f"not settings: {set(secret) - SETTING_NAMES}"
    assert not set(config) & SECRET_SETTINGS, "a secret in the ConfigMap"
    assert set(secret) <= SECRET_SETTINGS
    assert {"TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET", "DATABASE_URL", "API_TOKEN"} <= set(secret)
    assert all("CHANGE_ME" in value for value in secret.values()), "a real value in the template?"
    assert all(isinstance(value, str) for value in [*config.values(), *secret.values()])


def test_the_configmap_and_the_secret_template_are_valid_settings(resources, monkeypatch):
    for name in SETTING_NAMES:  # only the manifests' values count
        monkeypatch.delenv(name, raising=False)
    config, secret = config_and_secret(resources)
    settings = Settings(_env_file=None, **{k.lower(): v for k, v in {**config, **secret}.items()})
    assert settings.bot_mode is BotMode.WEBHOOK
    assert settings.web_port == DEFAULT_HTTP_PORT
    assert settings.database_url.startswith("postgresql+asyncpg://")  # several replicas
    url = urlparse(settings.webhook_url)
    assert url.scheme == "https" and url.path == settings.webhook_path
    assert (url.port or 443) in TELEGRAM_WEBHOOK_PORTS


def test_the_ingress_example_exposes_the_webhook_path_only(resources):
    ingress, service = one(resources, "Ingress"), one(resources, "Service")
    config = one(resources, "ConfigMap")["data"]
    [rule] = ingress["spec"]["rules"]
    assert rule["host"] == urlparse(config["WEBHOOK_URL"]).hostname
    assert rule["host"] in ingress["spec"]["tls"][0]["hosts"]
    [path] = rule["http"]["paths"]
    assert path["path"] == config["WEBHOOK_PATH"] and path["pathType"] == "Exact"
    assert not path["path"].startswith((API_PATH, DASHBOARD_PATH, METRICS_PATH, READY_PATH))
    backend = path["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]
    assert backend["port"] == {"name": service["spec"]["ports"][0]["name"]}


# ---- optional tools: schema validation and kustomize ------------------------------------------

SCHEMA_VERSIONS = ["1.30.0", "latest"]


@pytest.mark.parametrize("version", SCHEMA_VERSIONS)
def test_every_manifest_matches_the_kubernetes_schemas(resources, version):
    kubernetes_validate = pytest.importorskip(
        "kubernetes_validate", reason="kubernetes-validate is not installed")
    if version == "latest":
        version = kubernetes_validate.latest_version()
    assert len(resources) >= 8
    for doc in resources:
        # strict: unknown fields (a misspelt readinessProbe) are errors; a kind without a
        # schema raises SchemaNotFoundError and fails too.
        kubernetes_validate.validate(doc, version, strict=True)


def test_the_kustomization_builds():
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not on the PATH")
    yaml = pytest.importorskip("yaml")
    built = subprocess.run([kubectl, "kustomize", str(K8S)], capture_output=True, text=True,
                           timeout=120, check=True).stdout
    docs = [doc for doc in yaml.safe_load_all(built) if doc]
    assert sorted(doc["kind"] for doc in docs) == sorted(
        ["ConfigMap", "Job", "Deployment", "Service", "HorizontalPodAutoscaler",
         "PodDisruptionBudget"])
    images = {c["image"] for doc in docs if doc["kind"] in ("Deployment", "Job")
              for c in doc["spec"]["template"]["spec"]["containers"]}
    assert len(images) == 1 and images != {"ppalli"}, "the images: entry did not apply"

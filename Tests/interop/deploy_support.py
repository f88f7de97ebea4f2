"""Readers for the deployment files under deploy/: they pull out the tocsin command lines,
probe paths and mounts that Tests/interop/test_deploy_consistency.py checks against the
real binary. Pure parsing, no processes."""
import json
import os
import re
import shlex
import subprocess

import yaml

from conftest import ROOT

DEPLOY = os.path.join(ROOT, "deploy")
K8S = os.path.join(DEPLOY, "kubernetes")
COMPOSE = os.path.join(DEPLOY, "compose", "docker-compose.yml")
SYSTEMD_ENV = os.path.join(DEPLOY, "systemd", "tocsin.env")
SYSTEMD_UNIT = os.path.join(DEPLOY, "systemd", "tocsin.service")
DOCKERFILE = os.path.join(DEPLOY, "Dockerfile")

FLAG = re.compile(r"^--([a-z0-9][a-z0-9.\-]*)(=.*)?$")


def help_flags(binary):
    """Every long flag name `tocsin --help` lists (both forms of --x/--no-x)."""
    out = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30).stdout
    names = set(re.findall(r"(?<![\w-])--([a-z0-9][a-z0-9.\-]*[a-z0-9])", out))
    assert "config.file" in names, f"unexpected --help output:\n{out}"
    return names


def flag_names(args):
    """Names of the `--flag[=value]` arguments of one command line."""
    return [m.group(1) for m in (FLAG.match(a) for a in args) if m]


def flag_values(args, name):
    return [a.split("=", 1)[1] for a in args if a.startswith(f"--{name}=")]


def load_yaml_docs(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]


def kustomization():
    return load_yaml_docs(os.path.join(K8S, "kustomization.yaml"))[0]


def k8s_objects():
    """All objects of the Kustomize base's resources (parsed from the files it lists)."""
    objs = []
    for res in kustomization()["resources"]:
        objs += load_yaml_docs(os.path.join(K8S, res))
    return objs


def k8s_one(kind):
    found = [o for o in k8s_objects() if o["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def k8s_container(name):
    pod = k8s_one("StatefulSet")["spec"]["template"]["spec"]
    return next(c for c in pod["containers"] if c["name"] == name)


def k8s_tocsin_args():
    c = k8s_container("tocsin")
    return list(c.get("command", [])[1:]) + list(c.get("args", []))


def k8s_probe_paths():
    c = k8s_container("tocsin")
    return {kind: c[kind]["httpGet"]["path"] for kind in ("livenessProbe", "readinessProbe", "startupProbe")
            if kind in c}


def compose():
    with open(COMPOSE) as f:
        return yaml.safe_load(f)


def compose_tocsin_services():
    services = compose()["services"]
    return {name: s for name, s in services.items() if str(s.get("image", "")).startswith("tocsin")}


def systemd_env():
    """VAR -> value of the environment file (systemd's quoting rules for this simple form)."""
    env = {}
    with open(SYSTEMD_ENV) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition("=")
            env[key.strip()] = " ".join(shlex.split(value))
    return env


def systemd_exec_args():
    """The unit's ExecStart with $VARS from the environment file, split as systemd does."""
    with open(SYSTEMD_UNIT) as f:
        line = next(l for l in f if l.startswith("ExecStart="))
    env = systemd_env()
    words = line.strip().split("=", 1)[1].split()
    out = []
    for w in words[1:]:
        if w.startswith("$"):
            assert w[1:] in env, f"ExecStart uses ${w[1:]}, which the environment file does not set"
            out += env[w[1:]].split()
        else:
            out.append(w)
    return words[0], out


def dockerfile_instructions():
    """(INSTRUCTION, JSON array) for every exec-form CMD/ENTRYPOINT, plus COPY lines (words)
    and RUN lines (the shell command, continuation lines joined)."""
    with open(DOCKERFILE) as f:
        text = f.read().replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        parts = line.strip().split(None, 1)
        if len(parts) == 2 and parts[0] in ("CMD", "ENTRYPOINT"):
            out.append((parts[0], json.loads(parts[1])))
        elif len(parts) == 2 and parts[0] == "COPY":
            out.append(("COPY", parts[1].split()))
        elif len(parts) == 2 and parts[0] == "RUN":
            out.append(("RUN", " ".join(parts[1].split())))
    return out


def dockerfile_cmd_args():
    cmds = [v for k, v in dockerfile_instructions() if k == "CMD"]
    assert cmds, "Dockerfile has no exec-form CMD"
    return cmds[-1]


K8S_TLS = os.path.join(DEPLOY, "kubernetes-tls")


def strategic_merge(base, patch):
    """Kubernetes' strategic merge for what the overlay patches: maps merge key by key, lists
    of named objects (containers, volumes, env, volumeMounts) merge by name, other lists
    (args) are replaced."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = strategic_merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(patch, list) and patch and all(
            isinstance(x, dict) and "name" in x for x in base + patch):
        out = [dict(x) for x in base]
        for p in patch:
            i = next((i for i, b in enumerate(out) if b["name"] == p["name"]), None)
            if i is None:
                out.append(p)
            else:
                out[i] = strategic_merge(out[i], p)
        return out
    return patch


def k8s_tls_kustomization():
    return load_yaml_docs(os.path.join(K8S_TLS, "kustomization.yaml"))[0]


def k8s_tls_statefulset():
    """The base StatefulSet with the overlay's patch applied (what `kubectl kustomize` renders)."""
    patches = [load_yaml_docs(os.path.join(K8S_TLS, p["path"]))[0] for p in k8s_tls_kustomization()["patches"]]
    sts = k8s_one("StatefulSet")
    for p in patches:
        assert p["kind"] == "StatefulSet" and p["metadata"]["name"] == sts["metadata"]["name"], p["metadata"]
        sts = strategic_merge(sts, p)
    return sts


def k8s_tls_container(name):
    return next(c for c in k8s_tls_statefulset()["spec"]["template"]["spec"]["containers"] if c["name"] == name)


def k8s_tls_tocsin_args():
    c = k8s_tls_container("tocsin")
    return list(c.get("command", [])[1:]) + list(c.get("args", []))

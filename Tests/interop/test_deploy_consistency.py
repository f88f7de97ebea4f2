"""The deployment files under deploy/ agree with the binary: every flag they pass exists in
`tocsin --help`, their command lines start a real tocsin that answers every probe path they
use, mounts and ports line up with the flags, and the configs they ship validate
(tocsinctl check-config, promtool). Kubernetes, compose, systemd and Dockerfile alike."""
import base64
import http.client as http_client
import os
import re
import shlex
import shutil
import subprocess
import tempfile

import pytest

from conftest import HOST, ROOT, free_port, http, require, tocsin_bin, tocsinctl_bin, wait_until
import deploy_support as ds
import web_tls_support as wt


@pytest.fixture(scope="module")
def known_flags():
    return ds.help_flags(require(tocsin_bin()))


def command_lines():
    """(source name, tocsin args) for every place deploy/ starts tocsin."""
    out = [("kubernetes statefulset", ds.k8s_tocsin_args()),
           ("kubernetes-tls statefulset", ds.k8s_tls_tocsin_args()),
           ("systemd unit + env file", ds.systemd_exec_args()[1]),
           ("Dockerfile CMD", ds.dockerfile_cmd_args())]
    out += [(f"compose {name}", list(s["command"])) for name, s in ds.compose_tocsin_services().items()]
    return out


def unknown_flags(args, known):
    return [n for n in ds.flag_names(args) if n not in known]


def test_deployFiles_everyFlagTheyPass_existsInTocsinHelp(known_flags):
    lines = command_lines()
    assert len(lines) == 7, [name for name, _ in lines]  # k8s, k8s-tls, systemd, Dockerfile, 3 compose nodes
    for name, args in lines:
        assert ds.flag_names(args), f"{name}: no flags found in {args}"
        non_flags = [a for a in args if not ds.FLAG.match(a)]
        assert not non_flags, f"{name}: arguments that are not --flag=value: {non_flags}"
        assert not unknown_flags(args, known_flags), f"{name}: unknown flags {unknown_flags(args, known_flags)}"


def test_flagCheck_misspelledFlag_isReported(known_flags):
    # The check above would catch a typo such as Alertmanager's plural that does not exist.
    assert unknown_flags(["--cluster.peers=a:9094", "--cluster.peer=a:9094"], known_flags) == ["cluster.peers"]


def localize(args, config, workdir, files=None):
    """The same command line made runnable here: loopback ports, temp storage, the repo's
    config file, and peers pointing at a closed loopback port (no DNS, no outside network)."""
    web, mesh, dead_peer = free_port(), free_port(), free_port()
    pod_env = {"$(POD_IP)": HOST, "$(POD_NAMESPACE)": "monitoring"}
    out = []
    for a in args:
        for k, v in pod_env.items():
            a = a.replace(k, v)
        name = a.split("=", 1)[0]
        replace = {"--config.file": config, "--storage.path": os.path.join(workdir, "data"),
                   "--web.listen-address": f"{HOST}:{web}", "--cluster.listen-address": f"{HOST}:{mesh}",
                   "--cluster.advertise-address": f"{HOST}:{mesh}", "--cluster.peer": f"{HOST}:{dead_peer}",
                   "--web.external-url": f"http://{HOST}:{web}", **(files or {})}
        out.append(f"{name}={replace[name]}" if name in replace else a)
    if not any(a.startswith("--web.listen-address=") for a in out):
        out.append(f"--web.listen-address={HOST}:{web}")
    if not any(a.startswith("--cluster.listen-address=") for a in out):
        out.append(f"--cluster.listen-address={HOST}:{mesh}")
    # /-/ready answers 200 once the gossip has settled. With its peers all down (the closed
    # port) a node settles only at --cluster.settle-timeout (1m, like the first pod of a
    # cluster whose peers never come up); alone, by member count in 10 s. Shortened here.
    out.append("--cluster.settle-timeout=500ms")
    return out, f"http://{HOST}:{web}"


def run_tocsin(args, config, files=None, ready=None):
    workdir = tempfile.mkdtemp(prefix="tocsin-deploy-")
    local, url = localize(args, config, workdir, files)
    log = open(os.path.join(workdir, "log.txt"), "wb")
    proc = subprocess.Popen([require(tocsin_bin())] + local, stdout=log, stderr=subprocess.STDOUT)

    def up():
        assert proc.poll() is None, f"tocsin exited {proc.returncode} with {local}:\n" + open(log.name).read()
        try:
            return ready(url) if ready else http("GET", url + "/-/ready", timeout=1)[0] == 200
        except OSError:
            return False
    try:
        wait_until(up, timeout=20, what=f"tocsin started with {local}")
    except BaseException:
        stop(proc, log, workdir)
        raise
    return proc, log, workdir, url


def stop(proc, log, workdir):
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()
    shutil.rmtree(workdir, ignore_errors=True)


K8S_CONFIG = os.path.join(ds.K8S, "alertmanager.yml")
COMPOSE_CONFIG = os.path.join(ds.DEPLOY, "compose", "alertmanager.yml")


@pytest.mark.parametrize("source", ["kubernetes", "systemd", "dockerfile", "compose"])
def test_deployCommandLine_startedHere_servesEveryProbePath(source):
    args = {"kubernetes": ds.k8s_tocsin_args, "systemd": lambda: ds.systemd_exec_args()[1],
            "dockerfile": ds.dockerfile_cmd_args,
            "compose": lambda: list(ds.compose_tocsin_services()["tocsin-1"]["command"])}[source]()
    config = COMPOSE_CONFIG if source == "compose" else K8S_CONFIG
    proc, log, workdir, url = run_tocsin(args, config)
    try:
        paths = set(ds.k8s_probe_paths().values()) | {"/-/healthy", "/-/ready"}
        for path in sorted(paths):
            status, body = http("GET", url + path)
            assert status == 200, f"GET {path} -> {status} {body}"
        reload_path = re.search(r"https?://[^/]+(/\S*)", reloader_url()).group(1)
        status, body = http("POST", url + reload_path, b"")
        assert status == 200, f"POST {reload_path} -> {status} {body}"
        assert http("GET", url + "/-/not-a-probe")[0] == 404  # the GETs above can fail
    finally:
        stop(proc, log, workdir)


def reloader_url():
    args = ds.k8s_container("config-reloader")["args"]
    urls = [a.split("=", 1)[1] for a in args if a.startswith("--reload-url=")]
    assert len(urls) == 1, args
    return urls[0]


def test_kubernetes_probesMountsAndPorts_matchTheFlags():
    c = ds.k8s_container("tocsin")
    args = ds.k8s_tocsin_args()
    assert set(ds.k8s_probe_paths()) >= {"livenessProbe", "readinessProbe"}
    assert ds.k8s_probe_paths()["livenessProbe"] == "/-/healthy"
    assert ds.k8s_probe_paths()["readinessProbe"] == "/-/ready"
    mounts = {m["name"]: m["mountPath"] for m in c["volumeMounts"]}
    sts = ds.k8s_one("StatefulSet")
    claims = [t["metadata"]["name"] for t in sts["spec"]["volumeClaimTemplates"]]
    data_mount = ds.flag_values(args, "storage.path")[0]
    assert [n for n, p in mounts.items() if p == data_mount] == claims, "--storage.path is not the PVC"
    config_file = ds.flag_values(args, "config.file")[0]
    gen = ds.kustomization()["configMapGenerator"][0]
    assert os.path.join(mounts["config"], gen["files"][0]) == config_file
    volume = next(v for v in sts["spec"]["template"]["spec"]["volumes"] if v["name"] == "config")
    assert volume["configMap"]["name"] == gen["name"]
    reloader = ds.k8s_container("config-reloader")
    assert any(a == f"--watched-dir={mounts['config']}" for a in reloader["args"])
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ds.flag_values(args, "web.listen-address")[0].rsplit(":", 1)[1] == str(ports["web"])
    assert ds.flag_values(args, "cluster.listen-address")[0].rsplit(":", 1)[1] == str(ports["mesh-tcp"])
    assert reloader_url().startswith(f"http://127.0.0.1:{ports['web']}/")
    for probe in ("livenessProbe", "readinessProbe"):
        assert c[probe]["httpGet"]["port"] in ports


def test_kubernetes_peers_areEveryPodOfTheHeadlessService():
    sts = ds.k8s_one("StatefulSet")
    headless = next(o for o in ds.k8s_objects() if o["kind"] == "Service" and o["spec"].get("clusterIP") == "None")
    assert sts["spec"]["serviceName"] == headless["metadata"]["name"]
    name, n = sts["metadata"]["name"], sts["spec"]["replicas"]
    mesh_port = ds.flag_values(ds.k8s_tocsin_args(), "cluster.listen-address")[0].rsplit(":", 1)[1]
    expected = {f"{name}-{i}.{headless['metadata']['name']}.$(POD_NAMESPACE).svc:{mesh_port}" for i in range(n)}
    assert set(ds.flag_values(ds.k8s_tocsin_args(), "cluster.peer")) == expected
    env = {e["name"] for e in ds.k8s_container("tocsin")["env"]}
    used = set(re.findall(r"\$\((\w+)\)", " ".join(ds.k8s_tocsin_args())))
    assert used <= env, f"args use $(VAR)s the container does not define: {used - env}"
    labels = sts["spec"]["template"]["metadata"]["labels"]
    for svc in (o for o in ds.k8s_objects() if o["kind"] == "Service"):
        assert svc["spec"]["selector"].items() <= labels.items(), svc["metadata"]["name"]
    pdb = ds.k8s_one("PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert pdb["spec"].get("maxUnavailable", 0) == 1 or pdb["spec"].get("minAvailable") == n - 1


def test_compose_peersMountsAndImage_matchTheFlags():
    services = ds.compose()["services"]
    nodes = ds.compose_tocsin_services()
    assert len(nodes) == 3
    for name, svc in nodes.items():
        cmd = list(svc["command"])
        peers = {p.rsplit(":", 1)[0] for p in ds.flag_values(cmd, "cluster.peer")}
        assert peers == set(nodes) - {name}, f"{name} peers {peers}"
        mounts = {v.split(":")[1] for v in svc["volumes"]}
        assert ds.flag_values(cmd, "config.file")[0] in mounts
        assert ds.flag_values(cmd, "storage.path")[0] in mounts
        assert svc["build"]["dockerfile"] == "deploy/Dockerfile"
    proms = [s for s in services.values() if "prometheus" in str(s.get("image", ""))]
    assert len(proms) == 2 and {p["environment"]["REPLICA"] for p in proms} == {"a", "b"}


def test_dockerfile_defaultConfig_isCopiedWhereCmdReadsIt():
    cmd = ds.dockerfile_cmd_args()
    entry = [v for k, v in ds.dockerfile_instructions() if k == "ENTRYPOINT"][-1]
    copies = [v for k, v in ds.dockerfile_instructions() if k == "COPY"]
    assert entry[0] in {os.path.join(c[-1], "tocsin") for c in copies if c[0].startswith("--from=")}
    assert any(c[-1] == ds.flag_values(cmd, "config.file")[0] for c in copies)


def test_dockerfile_buildStage_usesScriptsReleaseAndCopiesItsOutput():
    runs = [v for k, v in ds.dockerfile_instructions() if k == "RUN"]
    releases = [shlex.split(r) for r in runs if "scripts/release" in r]
    assert len(releases) == 1, runs
    words = releases[0]
    assert words[0] == "scripts/release" and words[1] == "--out", words
    out = words[2]
    # The binaries come from the script's --out directory, nowhere else.
    copied = [c for k, c in ds.dockerfile_instructions() if k == "COPY" and c[0] == "--from=build"]
    assert copied and sorted(copied[0][1:-1]) == [f"{out}/tocsin", f"{out}/tocsinctl"], copied
    # SwiftPM builds only the last of several --product options: no RUN may rely on more.
    assert not [r for r in runs if "swift build" in r and r.count("--product") > 1], runs
    # And the script itself builds each product with its own call, statically.
    with open(os.path.join(ROOT, "scripts", "release")) as f:
        script = f.read()
    assert "--static-swift-stdlib" in script and 'for p in "${products[@]}"' in script


def test_shippedConfigs_checkedByTocsinctlAndPromtool_valid(tmp_path):
    for cfg in (K8S_CONFIG, COMPOSE_CONFIG):
        r = subprocess.run([require(tocsinctl_bin()), "check-config", cfg], capture_output=True, text=True)
        assert r.returncode == 0 and "SUCCESS" in r.stdout, f"{cfg}:\n{r.stdout}{r.stderr}"
    promtool = require("promtool")
    compose_dir = os.path.join(ds.DEPLOY, "compose")
    r = subprocess.run([promtool, "check", "rules", os.path.join(compose_dir, "rules.yml")], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    with open(os.path.join(compose_dir, "prometheus.yml")) as f:
        text = f.read().replace("/etc/prometheus/rules.yml", os.path.join(compose_dir, "rules.yml"))
    (tmp_path / "prometheus.yml").write_text(text)
    for cfg in (str(tmp_path / "prometheus.yml"), os.path.join(ds.K8S, "prometheus", "prometheus-alerting.yml")):
        r = subprocess.run([promtool, "check", "config", cfg], capture_output=True, text=True)
        assert r.returncode == 0, f"{cfg}:\n{r.stdout}{r.stderr}"


def tls_overlay_files(tmp_path):
    """The overlay's web config and cluster TLS file with their key pair paths moved to a PKI
    made here (file names kept: tls.crt, tls.key, ca.crt, as in the `tocsin-tls` Secret)."""
    pki = wt.PKI(str(tmp_path / "pki"))
    tls_dir = tmp_path / "tocsin-tls"
    tls_dir.mkdir()
    crt, key = pki.peer("pod")
    for src, name in ((crt, "tls.crt"), (key, "tls.key"), (pki.ca, "ca.crt")):
        shutil.copy(src, tls_dir / name)
    mounts = {m["name"]: m["mountPath"] for m in ds.k8s_tls_container("tocsin")["volumeMounts"]}
    out = {}
    for flag, name in (("--web.config.file", "web-config.yml"), ("--cluster.tls-config", "cluster-tls.yml")):
        with open(os.path.join(ds.K8S_TLS, name)) as f:
            text = f.read()
        assert mounts["tls"] + "/" in text, f"{name} does not read the tls Secret's mount"
        (tmp_path / name).write_text(text.replace(mounts["tls"] + "/", str(tls_dir) + "/"))
        out[flag] = str(tmp_path / name)
    return out, str(tls_dir / "ca.crt")


def test_kubernetesTLS_mountsAndSecrets_matchTheFlags():
    c = ds.k8s_tls_container("tocsin")
    args = ds.k8s_tls_tocsin_args()
    base = ds.k8s_tocsin_args()
    assert args[:len(base)] == [a.replace("http://", "https://") for a in base], "the overlay drops base flags"
    mounts = {m["name"]: m["mountPath"] for m in c["volumeMounts"]}
    volumes = {v["name"]: v for v in ds.k8s_tls_statefulset()["spec"]["template"]["spec"]["volumes"]}
    gen = next(g for g in ds.k8s_tls_kustomization()["secretGenerator"] if g["name"] == "tocsin-web-config")
    assert volumes["web-config"]["secret"]["secretName"] == gen["name"]
    for flag, name in (("web.config.file", "web-config.yml"), ("cluster.tls-config", "cluster-tls.yml")):
        assert ds.flag_values(args, flag) == [os.path.join(mounts["web-config"], name)]
        assert name in gen["files"]
    assert volumes["tls"]["secret"]["secretName"] == "tocsin-tls"
    for probe in ("livenessProbe", "readinessProbe"):
        assert c[probe]["httpGet"]["scheme"] == "HTTPS"
    reloader = ds.k8s_tls_container("config-reloader")
    env = {e["name"]: e for e in reloader["env"]}
    reloader_mounts = {m["name"]: m["mountPath"] for m in reloader["volumeMounts"]}
    assert env["SSL_CERT_FILE"]["value"] == os.path.join(reloader_mounts["tls"], "ca.crt")
    assert env["RELOADER_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == gen["name"]


def test_kubernetesTLS_startedHere_probesAndReloaderGetThroughOthersGet401(tmp_path):
    files, ca = tls_overlay_files(tmp_path)
    ctx = wt.tls_context(ca)
    c = ds.k8s_tls_container("tocsin")

    def port(url):
        return int(url.rsplit(":", 1)[1])

    def ready(url):
        return wt.request(port(url), "GET", "/-/healthy", ctx=ctx)[0] == 401
    proc, log, workdir, url = run_tocsin(ds.k8s_tls_tocsin_args(), K8S_CONFIG, files=files, ready=ready)
    try:
        for probe in ("livenessProbe", "readinessProbe"):
            get = c[probe]["httpGet"]
            headers = {h["name"]: h["value"] for h in get["httpHeaders"]}
            user, password = base64.b64decode(headers["Authorization"].split(" ", 1)[1]).decode().split(":", 1)
            wait_until(lambda: wt.request(port(url), "GET", get["path"], ctx=ctx, auth=(user, password))[0] == 200,
                       timeout=10, what=f"{probe} answering 200")
            assert wt.request(port(url), "GET", get["path"], ctx=ctx)[0] == 401, probe
        # The reloader: its URL's user, the password the Secret literal gives, the CA it trusts.
        reload_url = next(a.split("=", 1)[1] for a in ds.k8s_tls_container("config-reloader")["args"]
                          if a.startswith("--reload-url="))
        m = re.match(r"https://(\w+):\$\(RELOADER_PASSWORD\)@127\.0\.0\.1:\d+(/\S+)$", reload_url)
        assert m, reload_url
        gen = next(g for g in ds.k8s_tls_kustomization()["secretGenerator"] if g["name"] == "tocsin-web-config")
        password = dict(l.split("=", 1) for l in gen["literals"])["reloader-password"]
        assert wt.request(port(url), "POST", m.group(2), ctx=ctx, auth=(m.group(1), password), body=b"")[0] == 200
        assert wt.request(port(url), "POST", m.group(2), ctx=ctx, auth=(m.group(1), "wrong"), body=b"")[0] == 401
        # Plain HTTP to the port gets no answer.
        with pytest.raises((OSError, http_client.HTTPException)):
            wt.request(port(url), "GET", "/-/healthy")
        assert "using TLS for gossip" in open(log.name).read()
    finally:
        stop(proc, log, workdir)

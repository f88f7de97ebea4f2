"""The web UI in a real headless Chromium (Debian's chromium + chromium-driver, driven by
selenium from PyPI; scripts/install-deps.sh installs them).

Each test starts tocsin, posts alerts through the API and drives the pages at Alertmanager's
hash routes the way a user would: reads what is shown, clicks a label's "+", fills the
silence form, expires, opens links as notifications carry them. Screenshots of every page
go to $TOCSIN_ARTIFACTS/web-ui (a temp dir otherwise; printed), never into the repository.
"""
import os
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import HOST, ROOT, http, require, wait_until

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait
from server_support import fingerprint, parse_time, wait_deliveries

CONFIG = """
route:
  receiver: team
  group_by: [alertname]
  group_wait: 1h
receivers:
- name: team
"""
SHOTS = os.path.join(os.environ.get("TOCSIN_ARTIFACTS") or os.path.join(tempfile.gettempdir(), "tocsin-artifacts"), "web-ui")


@pytest.fixture(scope="module")
def chromium():
    opts = webdriver.ChromeOptions()
    opts.binary_location = require("chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(require("chromedriver")), options=opts)
    os.makedirs(SHOTS, exist_ok=True)
    print(f"web UI screenshots: {SHOTS}")
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium):
    """The module's Chromium, its console log emptied of earlier tests' messages."""
    chromium.get_log("browser")
    return chromium


def open_view(driver, url, route):
    """Loads `url` afresh (not as a hash change of the page shown) and waits until the view of
    hash route `route` has finished rendering."""
    driver.get("about:blank")
    driver.get(url)
    return wait_view(driver, route)


def wait_view(driver, route):
    sel = f'[data-route="{route}"][data-ready="true"]'
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, sel))
    return driver.find_element(By.CSS_SELECTOR, sel)


def shot(driver, name):
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def console_errors(driver):
    """Errors the page logged: script errors and Content-Security-Policy violations."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def answers(url):
    try:
        return http("GET", url, timeout=1)[0] == 200
    except OSError:
        return False


UNLABELLED = """
return [...document.querySelectorAll('input, select, textarea, button, a[href]')].filter(el => {
  if (el.getAttribute('aria-label')) return false;
  if (el.matches('input, select, textarea')) return !(el.id && document.querySelector(`label[for="${el.id}"]`));
  return !el.textContent.trim();
}).map(el => el.outerHTML.slice(0, 80));
"""


def unlabelled_controls(driver):
    """Controls a screen reader could not name: no <label for>, aria-label or text."""
    return driver.execute_script(UNLABELLED)


def post(server, *alerts):
    status, body = server.post_alerts(list(alerts))
    assert status == 200, body


def alert(name, annotations=None, **labels):
    return {"labels": {"alertname": name, **labels}, "annotations": annotations or {}}


def text_of(driver, element_id):
    """The element's text, or None while the page is replacing it."""
    try:
        return driver.find_element(By.ID, element_id).text
    except (NoSuchElementException, StaleElementReferenceException):
        return None


def summary(driver):
    return text_of(driver, "alert-summary")


def test_webUI_alertsPage_showsGroupsAndFiltersByClickedLabel(browser, servers, tocsin):
    s = servers(tocsin, CONFIG)
    post(s, alert("DiskFull", job="db", instance="db1",
                  annotations={"runbook": "https://runbooks.example/disk", "evil": "javascript:alert(1)"}),
         alert("DiskFull", job="db", instance="db2"), alert("HighCPU", job="web", instance="web1"))
    view = open_view(browser, s.url + "/#/alerts", "/alerts")
    assert summary(browser) == "3 alerts in 2 groups"
    groups = view.find_elements(By.CSS_SELECTOR, "section.group")
    assert [g.find_element(By.CSS_SELECTOR, "header .labels").text.replace("+", "").strip() for g in groups] == \
        ['alertname="DiskFull"', 'alertname="HighCPU"']
    assert len(groups[0].find_elements(By.CSS_SELECTOR, "li.alert")) == 2
    # The annotation's http link is a link; the javascript: one stays text.
    links = [a.get_attribute("href") for a in view.find_elements(By.CSS_SELECTOR, "dl.annotations a")]
    assert links == ["https://runbooks.example/disk"]
    assert "javascript:alert(1)" in view.text
    # Start times: local time shown, UTC in the title.
    assert view.find_element(By.CSS_SELECTOR, "li.alert time").get_attribute("title").endswith("Z (UTC)")
    shot(browser, "alerts")

    # Collapse and expand a group with the keyboard-reachable toggle.
    toggle = groups[1].find_element(By.CSS_SELECTOR, "button.toggle")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not groups[1].find_element(By.CSS_SELECTOR, "ul").is_displayed()
    toggle.click()

    # "+" on instance="db2" filters to that alert; the filter is in the URL and sent to the API.
    assert unlabelled_controls(browser) == []
    # By keyboard: Enter on the "+" of instance="db2".
    chip = next(c for c in view.find_elements(By.CSS_SELECTOR, "li.alert .chip") if c.text.startswith('instance="db2"'))
    chip.find_element(By.TAG_NAME, "button").send_keys(Keys.ENTER)
    wait_until(lambda: summary(browser) == "1 alert in 1 group", what="the filtered page")
    assert "filter=" in browser.current_url
    view = wait_view(browser, "/alerts")
    assert browser.find_element(By.ID, "alert-filter").get_attribute("value") == '{instance="db2"}'
    assert [li.get_attribute("data-fingerprint") for li in view.find_elements(By.CSS_SELECTOR, "li.alert")] == \
        [a["fingerprint"] for a in s.alerts("?filter=instance%3D%22db2%22")]

    # A custom group-by regroups on the page.
    open_view(browser, s.url + "/#/alerts?group_by=job", "/alerts")
    assert summary(browser) == "3 alerts in 2 groups"
    open_view(browser, s.url + "/#/alerts?group_by=instance", "/alerts")
    assert summary(browser) == "3 alerts in 3 groups"
    assert console_errors(browser) == []


def test_webUI_scriptLabelValue_shownAsTextNotRun(browser, servers, tocsin):
    s = servers(tocsin, CONFIG)
    payload = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    post(s, alert("Injected", note=payload, annotations={"description": payload}))
    view = open_view(browser, s.url + "/#/alerts", "/alerts")
    chips = [c.text.rstrip("+").strip() for c in view.find_elements(By.CSS_SELECTOR, "li.alert .chip")]
    assert 'note="<script>window.__pwned=1</script><img src=x onerror=\\"window.__pwned=2\\">"' in chips
    assert payload in view.find_element(By.CSS_SELECTOR, "dl.annotations dd").text
    assert view.find_elements(By.CSS_SELECTOR, "li.alert script, li.alert img") == []
    assert browser.execute_script("return window.__pwned === undefined")


def test_webUI_silenceFormFromLink_previewsCreatesAndExpires(browser, servers, tocsin):
    s = servers(tocsin, CONFIG)
    post(s, alert("DiskFull", job="db", instance="db1"), alert("DiskFull", job="db", instance="db2"),
         alert("DiskFull", job="web", instance="web1"), alert("HighCPU", job="db", instance="db1"))
    # A link as notification templates write it (Slack's "silence" buttons).
    link = s.url + '/#/silences/new?filter=%7Bjob%3D"db"%2C%20alertname%3D"DiskFull"%7D'
    view = open_view(browser, link, "/silences/new")
    rows = [(r.find_element(By.CSS_SELECTOR, ".m-name").get_attribute("value"),
             r.find_element(By.CSS_SELECTOR, ".m-op").get_attribute("value"),
             r.find_element(By.CSS_SELECTOR, ".m-value").get_attribute("value"))
            for r in view.find_elements(By.CSS_SELECTOR, ".matcher-row")]
    assert rows == [("job", "=", "db"), ("alertname", "=", "DiskFull")]
    preview = view.find_element(By.ID, "silence-preview")
    expected = sorted(a["fingerprint"] for a in s.alerts('?filter=job%3D%22db%22&filter=alertname%3D%22DiskFull%22'))
    assert len(expected) == 2
    assert unlabelled_controls(browser) == []
    assert sorted(li.get_attribute("data-fingerprint") for li in preview.find_elements(By.CSS_SELECTOR, "li.alert")) == expected

    # Editing a matcher updates the preview as one types: a regex over both instances of job=db.
    row = view.find_elements(By.CSS_SELECTOR, ".matcher-row")[1]
    row.find_element(By.CSS_SELECTOR, ".m-value").clear()
    row.find_element(By.CSS_SELECTOR, ".m-value").send_keys(".*")
    Select(row.find_element(By.CSS_SELECTOR, ".m-op")).select_by_value("=~")
    wait_until(lambda: len(preview.find_elements(By.CSS_SELECTOR, "li.alert")) == 3, what="the preview with 3 alerts")
    Select(row.find_element(By.CSS_SELECTOR, ".m-op")).select_by_value("=")
    row.find_element(By.CSS_SELECTOR, ".m-value").clear()
    row.find_element(By.CSS_SELECTOR, ".m-value").send_keys("DiskFull")
    wait_until(lambda: len(preview.find_elements(By.CSS_SELECTOR, "li.alert")) == 2, what="the preview with 2 alerts")

    # The comment is required: the form says so and posts nothing.
    dur = browser.find_element(By.ID, "silence-duration")
    dur.clear()
    dur.send_keys("3h")
    browser.find_element(By.ID, "silence-creator").clear()
    browser.find_element(By.ID, "silence-creator").send_keys("ops@example.org")
    browser.find_element(By.CSS_SELECTOR, "#silence-form button[type=submit]").click()
    assert "Comment is required." in browser.find_element(By.ID, "silence-errors").text
    assert s.silences() == []
    browser.find_element(By.ID, "silence-comment").send_keys("disk swap <b>tonight</b>")
    shot(browser, "silence-new")
    browser.find_element(By.CSS_SELECTOR, "#silence-form button[type=submit]").click()
    wait_until(lambda: "#/silences/" in browser.current_url and "/new" not in browser.current_url, what="the new silence's page")
    sid = browser.current_url.rsplit("/", 1)[1]
    view = wait_view(browser, "/silences/" + sid)

    status, sil = http("GET", s.url + "/api/v2/silence/" + sid)
    assert status == 200
    assert [(m["name"], m["value"], m["isRegex"], m.get("isEqual", True)) for m in sil["matchers"]] == \
        [("job", "db", False, True), ("alertname", "DiskFull", False, True)]
    assert sil["createdBy"] == "ops@example.org" and sil["comment"] == "disk swap <b>tonight</b>"
    assert sil["status"]["state"] == "active"
    assert round((parse_time(sil["endsAt"]) - parse_time(sil["startsAt"])).total_seconds() / 3600) == 3
    affected = view.find_element(By.ID, "affected-alerts")
    wait_until(lambda: len(affected.find_elements(By.CSS_SELECTOR, "li.alert")) == 2, what="2 affected alerts")
    assert "disk swap <b>tonight</b>" in view.find_element(By.CSS_SELECTOR, ".comment").text
    shot(browser, "silence-detail")

    # The list shows it under Active with creator and comment.
    view = open_view(browser, s.url + "/#/silences", "/silences")
    assert browser.find_element(By.ID, "tab-active").text == "Active (1)"
    card = view.find_element(By.CSS_SELECTOR, f'[data-silence-id="{sid}"]')
    assert "ops@example.org" in card.text and "disk swap <b>tonight</b>" in card.text
    shot(browser, "silences")
    assert unlabelled_controls(browser) == []
    card.find_element(By.XPATH, ".//button[text()='Expire']").click()
    wait_until(lambda: http("GET", s.url + "/api/v2/silence/" + sid)[1]["status"]["state"] == "expired",
               what="the silence expired")
    wait_until(lambda: text_of(browser, "tab-expired") == "Expired (1)", what="the expired count")

    # The creator is remembered for the next silence.
    open_view(browser, s.url + "/#/silences/new", "/silences/new")
    assert browser.find_element(By.ID, "silence-creator").get_attribute("value") == "ops@example.org"
    assert console_errors(browser) == []


def test_webUI_editAndRecreate_updateCommentAndRestartExpiredSilence(browser, servers, tocsin):
    s = servers(tocsin, CONFIG)
    status, created = s.post_silence({"matchers": [{"name": "job", "value": "db", "isRegex": False}],
                                      "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
                                      "createdBy": "ops", "comment": "first"})
    assert status == 200
    sid = created["silenceID"]
    view = open_view(browser, f"{s.url}/#/silences/{sid}/edit", f"/silences/{sid}/edit")
    assert view.find_element(By.TAG_NAME, "h1").text == "Edit silence"
    comment = browser.find_element(By.ID, "silence-comment")
    comment.clear()
    comment.send_keys("second")
    browser.find_element(By.CSS_SELECTOR, "#silence-form button[type=submit]").click()
    wait_until(lambda: "/edit" not in browser.current_url, timeout=30, what="the silence's page")
    active = [x for x in s.silences() if x["status"]["state"] == "active"]
    assert [(x["comment"], x["matchers"][0]["value"]) for x in active] == [("second", "db")]

    assert http("DELETE", f"{s.url}/api/v2/silence/{active[0]['id']}")[0] == 200
    old = active[0]["id"]
    view = open_view(browser, f"{s.url}/#/silences?state=expired", "/silences")
    view.find_element(By.CSS_SELECTOR, f'[data-silence-id="{old}"]').find_element(By.LINK_TEXT, "Recreate").click()
    view = wait_view(browser, f"/silences/{old}/edit")
    assert view.find_element(By.TAG_NAME, "h1").text == "Recreate silence"
    browser.find_element(By.CSS_SELECTOR, "#silence-form button[type=submit]").click()
    wait_until(lambda: "/edit" not in browser.current_url, timeout=30, what="the new silence's page")
    active = [x for x in s.silences() if x["status"]["state"] == "active"]
    assert [(x["comment"], x["matchers"][0]["value"]) for x in active] == [("second", "db")]
    assert active[0]["id"] != old
    # The expired one lasted under a minute, so the recreated one gets the default two hours.
    length = (parse_time(active[0]["endsAt"]) - parse_time(active[0]["startsAt"])).total_seconds()
    assert 115 * 60 < length <= 120 * 60, length


def test_webUI_silenceWithBadRegex_showsAPIError(browser, servers, tocsin):
    s = servers(tocsin, CONFIG)
    view = open_view(browser, s.url + '/#/silences/new?filter=%7Bjob%3D~"("%7D', "/silences/new")
    browser.find_element(By.ID, "silence-creator").send_keys("me")
    browser.find_element(By.ID, "silence-comment").send_keys("bad regex")
    view.find_element(By.CSS_SELECTOR, "#silence-form button[type=submit]").click()
    text = wait_until(lambda: text_of(browser, "silence-errors"), what="an error shown")
    assert text.startswith("400:") and "missing closing )" in text, text
    assert s.silences() == []


def test_webUI_statusOnThreeNodeCluster_listsThreePeers(browser, servers, tocsin):
    nodes = [servers(tocsin, CONFIG, start=False, cluster=True, name=f"n{i}",
                     extra=["--cluster.settle-timeout=2s"]) for i in range(3)]
    for n in nodes:
        n.peers = [m.cluster_addr for m in nodes if m is not n]
        n.start()
    wait_until(lambda: len(nodes[0].status()["cluster"]["peers"]) == 3, timeout=20, what="3 peers")
    view = open_view(browser, nodes[0].url + "/#/status", "/status")
    peers = view.find_elements(By.CSS_SELECTOR, "#peers tr.peer")
    api_peers = nodes[0].status()["cluster"]["peers"]
    assert sorted(p.text for p in peers) == sorted(f"{p['name']} {p['address']}" for p in api_peers)
    assert sorted(p["address"] for p in api_peers) == sorted(n.cluster_addr for n in nodes)
    assert "route:" in view.find_element(By.ID, "config").text
    assert view.find_element(By.ID, "cluster-info").text.splitlines()[2] == "Peers 3"
    shot(browser, "status")
    assert unlabelled_controls(browser) == []


def test_webUI_underRoutePrefix_servesEveryPage(browser, servers, tocsin):
    s = servers(tocsin, CONFIG, start=False, extra=["--web.external-url=http://ui.example/am"]).start(wait=False)
    wait_until(lambda: answers(s.url + "/am/-/ready"), timeout=20, what="/am/-/ready")
    assert http("POST", s.url + "/am/api/v2/alerts", [alert("DiskFull", job="db")])[0] == 200
    for base in (s.url + "/am/", s.url + "/am"):
        open_view(browser, base + "#/alerts", "/alerts")
        assert summary(browser) == "1 alert in 1 group"
    browser.find_element(By.CSS_SELECTOR, "li.alert a.button").click()  # "Silence" on the alert
    view = wait_view(browser, "/silences/new")
    # The page at /am has <base href="am/">, so its links lead under /am/.
    assert browser.current_url.startswith(s.url + "/am/#/silences/new?filter=")
    wait_until(lambda: view.find_elements(By.CSS_SELECTOR, "#silence-preview li.alert"), what="the preview")
    open_view(browser, s.url + "/am/#/status", "/status")
    open_view(browser, s.url + "/am/#/silences", "/silences")
    view = open_view(browser, s.url + "/am/#/routes", "/routes")
    assert [r for r, _ in route_cards(view)] == ["team"]
    assert console_errors(browser) == []


ROUTING = """
route:
  receiver: team
  group_by: [alertname]
  routes:
  - receiver: db
    matchers: ['team="db"']
    continue: true
  - receiver: pager
    matchers: ['severity=~"page|critical"']
    group_by: ['...']
    group_wait: 10s
    mute_time_intervals: [nights]
    routes:
    - receiver: evil
      matchers: ['note="<script>window.__pwned=1</script>"']
receivers:
- name: team
- name: db
- name: pager
- name: evil
time_intervals:
- name: nights
  time_intervals:
  - times: [{start_time: "22:00", end_time: "24:00"}]
"""


def route_cards(view):
    """[(receiver, classes)] of the shown routes, in tree (pre-)order."""
    return [(li.find_element(By.CSS_SELECTOR, ":scope > .route-card .route-receiver").text,
             set(li.get_attribute("class").split()) - {"route"})
            for li in view.find_elements(By.CSS_SELECTOR, "li.route")]


def test_webUI_routingTree_showsTreeAndHighlightsTheRoutesLabelsTake(browser, servers, tocsin, amtool, workdir):
    s = servers(tocsin, ROUTING)
    view = open_view(browser, s.url + "/#/routes", "/routes")
    assert route_cards(view) == [("team", set()), ("db", set()), ("pager", set()), ("evil", set())]
    pager = view.find_elements(By.CSS_SELECTOR, "li.route")[2].find_element(By.CSS_SELECTOR, ":scope > .route-card")
    assert 'severity=~"page|critical"' in pager.text
    assert "group by ..." in pager.text and "wait 10s" in pager.text and "muted during nights" in pager.text
    # The route matcher's <script> value is text, not markup.
    evil = view.find_elements(By.CSS_SELECTOR, "li.route")[3]
    assert 'note="<script>window.__pwned=1</script>"' in evil.text
    assert view.find_elements(By.CSS_SELECTOR, "#route-tree script") == []
    assert unlabelled_controls(browser) == []

    # Typing labels: the routes the server's dispatcher picks, the same receivers amtool's own
    # routing gives for the config file.
    labels = browser.find_element(By.ID, "route-labels")
    labels.send_keys('{team="db", severity="page", note="<img src=x onerror=window.__pwned=2>"}')
    labels.send_keys(Keys.ENTER)
    wait_until(lambda: text_of(browser, "route-receivers") == "db, pager", what="the matched receivers")
    view = wait_view(browser, "/routes")
    assert route_cards(view) == [("team", {"on-path"}), ("db", {"on-path", "matched"}),
                                 ("pager", {"on-path", "matched"}), ("evil", set())]
    config = os.path.join(workdir, "routing.yml")
    with open(config, "w") as f:
        f.write(ROUTING)
    out = subprocess.run([amtool, "config", "routes", "test", f"--config.file={config}", "team=db", "severity=page",
                          "note=<img src=x onerror=window.__pwned=2>"], capture_output=True, text=True)
    assert out.stdout.strip() == "db,pager", out.stderr
    result = browser.find_element(By.ID, "route-result")
    assert '<img src=x onerror=window.__pwned=2>' in result.text
    assert result.find_elements(By.TAG_NAME, "img") == []
    assert "labels=" in browser.current_url
    shot(browser, "routes")

    # A link with the labels opens highlighted; the <script> route is taken by its exact value.
    open_view(browser, s.url + '/#/routes?labels=%7Bseverity%3D"critical"%2Cnote%3D"<script>window.__pwned%3D1</script>"%7D',
              "/routes")
    wait_until(lambda: text_of(browser, "route-receivers") == "evil", what="the evil route")
    assert [r for r, c in route_cards(browser) if "matched" in c] == ["evil"]
    # A matcher is not a label set: said so, nothing highlighted.
    view = open_view(browser, s.url + '/#/routes?labels=%7Bteam%3D~"db"%7D', "/routes")
    assert 'labels are name="value" pairs, team=~"db" is a matcher' in view.find_element(By.CSS_SELECTOR, "p.error").text
    assert all(c == set() for _, c in route_cards(view))
    assert browser.execute_script("return window.__pwned === undefined")
    assert console_errors(browser) == []


class SplitProxy:
    """One origin for the browser: API v2 from `api` (the real Alertmanager), everything
    else (the UI's files) from `ui` (tocsin)."""

    def __init__(self, ui, api):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def relay(self):
                target = (api if self.path.startswith("/api/") else ui) + self.path
                n = int(self.headers.get("Content-Length") or 0)
                req = urllib.request.Request(target, data=self.rfile.read(n) if n else None, method=self.command,
                                             headers={"Content-Type": self.headers.get("Content-Type", "application/json")})
                try:
                    with urllib.request.urlopen(req, timeout=10) as r:
                        code, headers, body = r.status, r.headers, r.read()
                except urllib.error.HTTPError as e:
                    code, headers, body = e.code, e.headers, e.read()
                proxy.paths.append(self.path.split("?")[0])
                self.send_response(code)
                for k in ("Content-Type", "Content-Security-Policy"):
                    if headers.get(k):
                        self.send_header(k, headers[k])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_DELETE = relay

            def log_message(self, *args):
                pass

        self.paths = []
        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.url = f"http://{HOST}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def test_webUI_againstRealAlertmanager_listsAlertsAndCreatesSilence(browser, servers, tocsin, alertmanager):
    ui = servers(tocsin, CONFIG, name="ui")
    am = servers(alertmanager, CONFIG, name="am")
    post(am, alert("OnlyInAlertmanager", job="db"))
    proxy = SplitProxy(ui.url, am.url)
    try:
        view = open_view(browser, proxy.url + "/#/alerts", "/alerts")
        assert summary(browser) == "1 alert in 1 group"
        assert 'alertname="OnlyInAlertmanager"' in view.text
        view = open_view(browser, proxy.url + '/#/silences/new?filter=%7Bjob%3D"db"%7D', "/silences/new")
        wait_until(lambda: view.find_elements(By.CSS_SELECTOR, "#silence-preview li.alert"), what="the preview")
        browser.find_element(By.ID, "silence-creator").send_keys("am-user")
        browser.find_element(By.ID, "silence-comment").send_keys("against Alertmanager")
        browser.find_element(By.CSS_SELECTOR, "#silence-form button[type=submit]").click()
        wait_until(lambda: "/new" not in browser.current_url, what="the silence's page")
        assert [x["createdBy"] for x in am.silences()] == ["am-user"]
        assert ui.silences() == []
        assert "/static/js/main.js" in proxy.paths
        assert console_errors(browser) == []
    finally:
        proxy.stop()


def test_webUI_routingTreeAgainstRealAlertmanager_saysUnavailable(browser, servers, tocsin, alertmanager):
    ui = servers(tocsin, CONFIG, name="ui")
    am = servers(alertmanager, CONFIG, name="am")
    proxy = SplitProxy(ui.url, am.url)
    try:
        view = open_view(browser, proxy.url + "/#/routes", "/routes")
        assert "The routing tree is not available here" in view.find_element(By.ID, "routes-unavailable").text
        assert view.find_elements(By.CSS_SELECTOR, "p.error, #route-tree") == []
        assert "/api/tocsin/v1/routes" in proxy.paths
        # The only console error is the browser's note of Alertmanager's 404 for that request.
        assert all("api/tocsin/v1/routes" in e and "404" in e for e in console_errors(browser))
        # The rest of the UI still works there.
        open_view(browser, proxy.url + "/#/status", "/status")
    finally:
        proxy.stop()


def test_webUI_embeddedCopy_matchesWebuiSources():
    out = subprocess.run([os.path.join(ROOT, "scripts", "embed-webui"), "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


HISTORY_CONFIG = """
route:
  receiver: hook
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1h
receivers:
- name: hook
  webhook_configs:
  - url: {url}/hook
"""


def test_webUI_historyAndWhy_listSendAndNameTheSilence(browser, servers, tocsin, webhook):
    s = servers(tocsin, HISTORY_CONFIG.format(url=webhook.url))
    status, body = s.post_silence({"matchers": [{"name": "alertname", "value": "Hushed", "isRegex": False}],
                                   "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
                                   "createdBy": "test", "comment": "ui"})
    assert status == 200, body
    post(s, alert("Sent"), alert("Hushed"))
    wait_deliveries(webhook, 1)
    wait_until(lambda: http("GET", s.url + "/api/tocsin/v1/notifications")[1]["notifications"], what="the send recorded")
    view = open_view(browser, s.url + "/#/history", "/history")
    rows = view.find_elements(By.CSS_SELECTOR, "#history-table tbody tr")
    assert len(rows) == 1
    assert "null" not in view.text and not view.find_elements(By.ID, "history-partial")
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[2:8] == ["hook", "webhook[0]", '{}:{alertname="Sent"}', "1 firing, 0 resolved", "1", "success"]
    assert not unlabelled_controls(browser)
    shot(browser, "history")
    # The alerts page's "Why?" on the silenced alert opens its explanation.
    view = open_view(browser, s.url + "/#/alerts?silenced=true", "/alerts")
    fp = fingerprint({"alertname": "Hushed"})
    view.find_element(By.CSS_SELECTOR, f'li.alert[data-fingerprint="{fp}"] a.why-link').click()
    view = wait_view(browser, f"/alerts/{fp}/why")
    assert view.find_element(By.ID, "why-state").text == "suppressed"
    assert view.find_element(By.ID, "why-silenced").find_element(By.TAG_NAME, "a").text == body["silenceID"]
    assert "hook" in view.find_element(By.ID, "why-routes").text
    assert "null" not in view.text
    shot(browser, "why")
    assert not console_errors(browser)

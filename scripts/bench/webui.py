#!/usr/bin/env python3
"""Times the web UI's alerts page in headless Chromium with many alerts.

Starts tocsin (TOCSIN_BIN or .build/release/tocsin), posts ALERTS alerts in GROUPS groups
(group_by alertname), opens /#/alerts and reports, over RUNS page loads, the time from
navigation start until the page is rendered and usable (the `tocsin:ready:/alerts`
performance mark main.js sets; `tocsin:data:/alerts` marks when the API's answer is parsed,
so the rest is the page's own rendering), and how long a click on a label's "+" takes to show the
filtered page. Needs chromium, chromium-driver and selenium (scripts/install-deps.sh).

  scripts/bench/webui.py [--alerts 10000] [--groups 500] [--runs 5]
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import json
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONFIG = "route:\n  receiver: team\n  group_by: [alertname]\n  group_wait: 1h\nreceivers:\n- name: team\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, alerts):
    req = urllib.request.Request(url + "/api/v2/alerts", data=json.dumps(alerts).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=60).read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--alerts", type=int, default=10000)
    ap.add_argument("--groups", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    binary = os.environ.get("TOCSIN_BIN", os.path.join(ROOT, ".build", "release", "tocsin"))
    work = tempfile.mkdtemp(prefix="tocsin-bench-webui-")
    with open(os.path.join(work, "config.yml"), "w") as f:
        f.write(CONFIG)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([binary, f"--config.file={work}/config.yml", f"--storage.path={work}/data",
                             f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        opts.add_argument(a)
    driver = None
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/-/ready", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        per_group = args.alerts // args.groups
        batch = []
        for g in range(args.groups):
            for i in range(per_group):
                batch.append({"labels": {"alertname": f"Alert{g:04d}", "instance": f"host{i:03d}", "job": "bench",
                                         "severity": "warning"},
                              "annotations": {"summary": f"alert {g}/{i}", "runbook": "https://runbooks.example/x"}})
                if len(batch) == 1000:
                    post(url, batch)
                    batch = []
        if batch:
            post(url, batch)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        ready, data, filtered = [], [], []
        for _ in range(args.runs):
            driver.get("about:blank")
            driver.get(url + "/#/alerts")
            WebDriverWait(driver, 60, poll_frequency=0.01).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, '[data-route="/alerts"][data-ready]'))
            marks = driver.execute_script("return [performance.getEntriesByName('tocsin:data:/alerts').pop().startTime,"
                                          " performance.getEntriesByName('tocsin:ready:/alerts').pop().startTime]")
            data.append(marks[0])
            ready.append(marks[1])
            summary = driver.find_element(By.ID, "alert-summary").text
            # Timed inside the page, from the click to the filtered view's ready mark (a
            # WebDriverWait poll would add up to its polling interval).
            button = driver.find_element(By.CSS_SELECTOR, "li.alert .chip button")
            marks = "return performance.getEntriesByName('tocsin:ready:/alerts')"
            before = len(driver.execute_script(marks))
            clicked = driver.execute_script("const t = performance.now(); arguments[0].click(); return t", button)
            WebDriverWait(driver, 60, poll_frequency=0.01).until(lambda d: len(d.execute_script(marks)) > before)
            assert "filter=" in driver.current_url
            done = driver.execute_script(marks + ".pop().startTime")
            filtered.append(done - clicked)
        page = [r - d for r, d in zip(ready, data)]
        print(f"alerts page, {summary}: usable after median {statistics.median(ready):.0f} ms "
              f"(min {min(ready):.0f}, max {max(ready):.0f}, {args.runs} loads), of which the API answer "
              f"(fetched and parsed) {statistics.median(data):.0f} ms and the page's rendering "
              f"{statistics.median(page):.0f} ms; label click to filtered page median {statistics.median(filtered):.0f} ms")
    finally:
        if driver:
            driver.quit()
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())

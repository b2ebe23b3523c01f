#!/usr/bin/env python3
"""The teacher's dashboard driven in a real browser (issue 24's "Done when", server side).

Starts `scs-sim serve` on 127.0.0.1 with a fresh database, logs in on the dashboard as a
teacher in Debian's headless Chromium (selenium), creates a class and an assignment, and
lets three students join with the class code: one plays the exercise's expert way, one
does nothing, one a wrong way. Then checks on the dashboard: three rows, the live status
while they play (connected, live, the last action), the three grades as the server
computed them, the results table sorted, a debrief, the Watch link, and the CSV the
dashboard downloads matching its table.

The students are driven through the class API (HTTP and the live record's WebSocket, from
a second browser page), not through the students' own page: the window-side join is built
on another branch; on merge the students can be switched to the real page at
`/?class=CODE`. Their entries come from `examples/class_ways.rs`, which plays each way on
the attempt's own patient as the window would.

    cargo build --bin scs-sim --example class_ways
    python3 tests/web/dashboard_test.py [--dist dist] [--screenshots DIR]

Prints one line per check and `N passed, N failed`; exits 1 if any failed.
"""

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import urllib.request
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1280, 720
EXERCISE = "thresholds"
TEACHER, PASSWORD = "kim", "chalk-and-talk"
# The longest wait for anything, s: a hang guard, not a speed requirement.
PATIENCE_S = 120.0

# A student in the second page: hello, then each entry when the attempt's clock allows it
# (one second inside the server's leeway), then finish; the idle and wrong students wait
# for `window.go[name]` before they finish (so the dashboard sees them live). Everything the server says is kept.
STUDENT_JS = r"""
const [name, wsUrl, token, attempt, way, hold] = arguments;
window.students = window.students || {};
window.go = window.go || {};
const me = { name, said: [], done: false, error: null };
window.students[name] = me;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ws = new WebSocket(wsUrl);
const inbox = [];
let wake = null;
ws.onmessage = (ev) => { const m = JSON.parse(ev.data); me.said.push(m); inbox.push(m); if (wake) wake(); };
ws.onerror = () => { me.error = 'the live record failed'; };
async function next(type) {
  for (;;) {
    const i = inbox.findIndex((m) => m.type !== 'watched');
    if (i >= 0) {
      const m = inbox.splice(i, 1)[0];
      if (type && m.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(m)}`);
      return m;
    }
    await new Promise((r) => { wake = r; });
  }
}
(async () => {
  await new Promise((r) => { ws.onopen = r; });
  ws.send(JSON.stringify({ type: 'hello', token, attempt }));
  const ready = await next('ready');
  const at = performance.now();
  const clock = () => ready.clock_s + ready.speed * ((performance.now() - at) / 1000 - 1);
  const until = async (t) => { while (clock() < t) await sleep(100); };
  let seq = 0;
  for (const e of way.entries) {
    await until(e.t_s);
    seq += 1;
    ws.send(JSON.stringify({ type: 'entry', seq, ...e }));
    await next('ack');
  }
  if (hold) { while (!window.go[name]) await sleep(100); }
  await until(way.finish_s);
  ws.send(JSON.stringify({ type: 'finish', t_s: way.finish_s }));
  me.graded = await next('graded');
  me.done = true;
})().catch((e) => { me.error = String(e); me.done = true; });
"""


class Checks:
    """Counts checks and prints one line each."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def start_server(binary, folder, dist):
    """A teacher added, then `scs-sim serve` on a free loopback port serving the browser
    build `dist` (or a folder without one); returns (process, base URL)."""
    db = str(folder / "class.sqlite3")
    subprocess.run(
        [binary, "serve", "--database", db, "--add-teacher", TEACHER],
        input=f"{PASSWORD}\n", text=True, check=True, capture_output=True,
    )
    proc = subprocess.Popen(
        [binary, "serve", "--listen", "127.0.0.1:0", "--database", db, "--web", dist or str(folder / "dist")],
        stdout=subprocess.PIPE, text=True,
    )
    line = proc.stdout.readline()
    found = re.search(r"http://(\S+)", line)
    if not found:
        proc.kill()
        sys.exit(f"dashboard_test: the server did not say where it listens: {line!r}")
    return proc, f"http://{found.group(1)}"


def browser():
    """Debian's Chromium, headless, its page 1280 x 720 CSS pixels."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", f"--window-size={WIDTH},{HEIGHT}",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-background-timer-throttling",
                 "--use-gl=swiftshader", "--enable-unsafe-swiftshader"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    driver.set_script_timeout(PATIENCE_S)
    return driver


def wait(driver, holds, what):
    """Waits until `holds(driver)` is truthy; fails with `what` after PATIENCE_S."""
    return WebDriverWait(driver, PATIENCE_S, poll_frequency=0.25,
                         ignored_exceptions=[StaleElementReferenceException]).until(
        lambda d: holds(d), message=f"waiting for {what}")


def call(method, url, body=None, token=None):
    """One JSON call to the class API (urllib: nothing to install)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def join_and_start(base, code, name):
    """A student joins with the code and starts the class's assignment (the HTTP API)."""
    token = call("POST", f"{base}/api/join", {"code": code, "name": name})["token"]
    assignments = call("GET", f"{base}/api/student/assignments", token=token)
    started = call("POST", f"{base}/api/student/attempts",
                   {"assignment": assignments[0]["assignment"]["id"]}, token)
    return token, started["attempt"]


def way(ways_binary, seed, name):
    """The entries of one way through the exercise on the attempt's own patient."""
    out = subprocess.run([ways_binary, EXERCISE, str(seed), name], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def log_in_and_set_up(driver, base, c):
    """Logs in on the dashboard, creates a class and gives it the exercise; returns the code."""
    driver.get(f"{base}/teacher")
    wait(driver, lambda d: d.find_element(By.ID, "login").is_displayed(), "the login form")
    driver.find_element(By.ID, "login-name").send_keys(TEACHER)
    driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-button").click()
    wait(driver, lambda d: d.find_element(By.ID, "dashboard").is_displayed(), "the dashboard")
    c.check(driver.find_element(By.ID, "who").text == TEACHER, "logged in as the teacher")
    driver.find_element(By.ID, "new-class-name").send_keys("Tuesday")
    driver.find_element(By.ID, "new-class").click()
    code = wait(driver, lambda d: re.fullmatch(r"[A-Z0-9]{6}", d.find_element(By.ID, "class-code").text)
                and d.find_element(By.ID, "class-code").text, "the join code")
    c.check(driver.find_element(By.ID, "student-link").text == f"{base}/?class={code}",
            f"the students' link is {base}/?class={code}")
    Select(driver.find_element(By.ID, "exercise-select")).select_by_value(EXERCISE)
    driver.find_element(By.ID, "add-assignment").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f"#assignments li[data-exercise='{EXERCISE}']"),
         "the assignment listed")
    c.check(True, "class created and the exercise assigned from the dashboard")
    return code


def roster_row(driver, name):
    rows = driver.find_elements(By.CSS_SELECTOR, f"#roster tbody tr[data-student='{name}']")
    return rows[0] if rows else None


def cell(row, css):
    return row.find_element(By.CSS_SELECTOR, css)


def check_live(driver, c):
    """While they play: three rows, connected, live, and the expert's last action in words."""
    driver.find_element(By.ID, "tab-roster").click()

    def all_live(d):
        rows = [roster_row(d, n) for n in ("Expert", "Idle", "Wrong")]
        return all(r and cell(r, ".conn").text.startswith("connected")
                   and cell(r, ".grade").get_attribute("data-status") == "live" for r in rows) \
            and cell(rows[0], ".action").text.startswith("Amplitude")
    wait(driver, all_live, "three students connected and live")
    rows = driver.find_elements(By.CSS_SELECTOR, "#roster tbody tr")
    c.check(len(rows) == 3, f"three rows on the roster ({len(rows)})")
    expert = roster_row(driver, "Expert")
    c.check(cell(expert, ".exercise").text == "Measure PT and DT" or cell(expert, ".exercise").text != "—",
            f"the exercise shown: {cell(expert, '.exercise').text}")
    c.check(re.fullmatch(r"\d+:\d\d", cell(expert, ".clock").text) is not None,
            f"simulated time shown: {cell(expert, '.clock').text}")
    c.check(cell(expert, ".relief").text.endswith("%"), f"relief shown: {cell(expert, '.relief').text}")
    c.check(cell(roster_row(driver, "Idle"), ".action").text == "nothing yet", "the idle student: nothing yet")
    before = driver.find_element(By.ID, "updated").text
    wait(driver, lambda d: d.find_element(By.ID, "updated").text != before, "the roster refreshing by itself")
    c.check(True, "the roster refreshes by itself")


def check_watch(driver, base, c):
    """Watch opens the browser build's read-only view of the attempt in a new tab."""
    tabs = set(driver.window_handles)
    cell(roster_row(driver, "Expert"), "button.watch").click()
    wait(driver, lambda d: len(d.window_handles) > len(tabs), "the watch tab")
    command = driver.find_element(By.ID, "watch-command").text
    c.check(re.fullmatch(rf"scs-sim --watch '{re.escape(base)}/\?watch=[0-9a-f]+&key=[0-9a-f]+'", command)
            is not None, f"the desktop window's watch command: {command}")
    new = (set(driver.window_handles) - tabs).pop()
    main = driver.current_window_handle
    driver.switch_to.window(new)
    wait(driver, lambda d: "?watch=" in d.current_url, "the watch link loaded")
    c.check(re.search(r"/\?watch=[0-9a-f]+&key=[0-9a-f]+$", driver.current_url) is not None,
            f"Watch opens {driver.current_url}")
    driver.close()
    driver.switch_to.window(main)


def check_grades(driver, graded, c):
    """The roster's grades are the server's, and so is the results table (sorted by best)."""
    def shown(d):
        return all((r := roster_row(d, n)) and cell(r, ".grade").get_attribute("data-score") == str(g["score"])
                   for n, g in graded.items())
    wait(driver, shown, "the three grades on the roster")
    c.check(True, "the roster shows the three grades the server sent: "
            + ", ".join(f"{n} {g['score']}" for n, g in graded.items()))
    driver.find_element(By.ID, "tab-results").click()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 3, "three results rows")
    header = driver.find_element(By.CSS_SELECTOR, "#results th[data-sort='best']")
    header.click()
    header.click()
    best = [int(e.text) for e in driver.find_elements(By.CSS_SELECTOR, "#results tbody td.best")]
    c.check(best == sorted((g["score"] for g in graded.values()), reverse=True),
            f"results sorted by best, highest first: {best}")
    bars = driver.find_elements(By.CSS_SELECTOR, f".exercise-card[data-exercise='{EXERCISE}'] svg rect")
    c.check(len(bars) == 10, "a histogram of ten bins")
    mistakes = driver.find_elements(By.CSS_SELECTOR, f".exercise-card[data-exercise='{EXERCISE}'] .mistakes li")
    c.check(mistakes and "points lost" in mistakes[0].text, f"commonest mistake: {mistakes[0].text if mistakes else None}")
    return {r.get_attribute("data-student"): int(r.find_element(By.CSS_SELECTOR, "td.best").text)
            for r in driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")}


def check_csv(driver, table, c):
    """The CSV behind the dashboard's download link, fetched with the page's login."""
    href = driver.find_element(By.ID, "csv-link").get_attribute("href")
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then((r) => r.text()).then(done);", href)
    rows = list(csv.DictReader(io.StringIO(text)))
    from_csv = {r["student"]: int(r["score"]) for r in rows}
    c.check(len(rows) == 3 and from_csv == table, f"the CSV matches the dashboard: {from_csv}")


def check_debrief(driver, graded, c):
    """Debrief opens the expert's attempt as its debrief."""
    row = driver.find_element(By.CSS_SELECTOR, "#results tbody tr[data-student='Expert']")
    row.find_element(By.CSS_SELECTOR, "button.open-debrief").click()
    wait(driver, lambda d: d.find_element(By.ID, "debrief").is_displayed(), "the debrief")
    score = driver.find_element(By.ID, "debrief-score").text
    c.check(score.startswith(f"Score {graded['Expert']['score']}/100"), f"the debrief: {score}")
    c.check(len(driver.find_elements(By.CSS_SELECTOR, "#debrief-criteria tbody tr")) == 5, "five criteria")
    driver.find_element(By.ID, "debrief-close").click()


def check_students_page(driver, base, code, dist, c):
    """The students' link: the browser build at the class address, or, without a build,
    a page saying how to make it."""
    driver.get(f"{base}/?class={code}")
    if dist:
        wait(driver, lambda d: d.find_element(By.ID, "scs-sim").get_attribute("data-state"),
             "the browser build's first frame")
        c.check(True, f"{base}/?class={code} serves the browser build: the app draws its first frame")
    else:
        text = driver.find_element(By.ID, "missing").text
        c.check("scripts/build-web.sh" in text, "without a build, / says how to make it")


def play_students(students, base, code, ways_binary):
    """Three students join and stream their ways from the second page (not waiting)."""
    students.get(f"{base}/api/health")
    ws_base = base.replace("http://", "ws://")
    for name, how in [("Expert", "expert"), ("Idle", "nothing"), ("Wrong", "wrong")]:
        token, attempt = join_and_start(base, code, name)
        entries = way(ways_binary, attempt["seed"], how)
        students.execute_script(STUDENT_JS, name, f"{ws_base}/api/live", token, attempt["id"],
                                entries, how != "expert")


def graded_students(students, c):
    def all_done(d):
        return d.execute_script(
            "return window.students && Object.values(window.students).every((s) => s.done)"
            " && Object.keys(window.students).length === 3")
    wait(students, all_done, "the three students graded")
    report = students.execute_script("return window.students")
    for name, s in report.items():
        c.check(s["error"] is None, f"{name} streamed without a refusal ({s['error']})")
    return {name: s["graded"] for name, s in report.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=str(ROOT / "target/debug/scs-sim"))
    parser.add_argument("--ways", default=str(ROOT / "target/debug/examples/class_ways"))
    parser.add_argument("--screenshots", help="folder for dashboard.png and dashboard-results.png")
    parser.add_argument("--dist", help="the browser build to serve at / (scripts/build-web.sh)")
    args = parser.parse_args()
    for needed in (args.bin, args.ways):
        if not Path(needed).is_file():
            sys.exit(f"dashboard_test: {needed} is missing: cargo build --bin scs-sim --example class_ways")
    c = Checks()
    with tempfile.TemporaryDirectory() as folder:
        server, base = start_server(args.bin, Path(folder), args.dist)
        teacher, students = browser(), browser()
        try:
            code = log_in_and_set_up(teacher, base, c)
            check_students_page(students, base, code, args.dist, c)
            play_students(students, base, code, args.ways)
            check_live(teacher, c)
            if args.screenshots:
                teacher.save_screenshot(str(Path(args.screenshots) / "dashboard.png"))
            check_watch(teacher, base, c)
            students.execute_script("window.go['Idle'] = true; window.go['Wrong'] = true")
            graded = graded_students(students, c)
            scores = {n: g["score"] for n, g in graded.items()}
            c.check(scores["Expert"] >= 85 and scores["Idle"] < 40 and scores["Wrong"] < scores["Expert"],
                    f"the expert way scores high, nothing and the wrong way low: {scores}")
            table = check_grades(teacher, graded, c)
            c.check(table == scores, f"the results table holds the server's grades: {table}")
            if args.screenshots:
                teacher.save_screenshot(str(Path(args.screenshots) / "dashboard-results.png"))
            check_csv(teacher, table, c)
            check_debrief(teacher, graded, c)
        except Exception:
            # What the students heard and what the dashboard showed, for the failure's reader.
            print("students:", json.dumps(students.execute_script("return window.students"))[:3000])
            print("roster:", teacher.find_element(By.ID, "roster").text)
            print("message:", teacher.find_element(By.ID, "message").text)
            raise
        finally:
            teacher.quit()
            students.quit()
            server.terminate()
            server.wait(timeout=10)
    print(f"{c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The teacher's dashboard and the students' own pages, driven in a real browser (issue 24).

Starts `scs-sim serve` on 127.0.0.1 with a fresh database, logs in on the dashboard as a
teacher in Debian's headless Chromium (selenium), creates a class and an assignment, and
opens three students' pages at the class link (`/?class=CODE`, the browser build the
server serves): each joins with its name and starts the assignment by clicking the page
as a student would. One plays the exercise's expert way on its own patient (the
amplitudes typed into the programmer, the thresholds marked), one does nothing, one a
wrong way; each finishes and the page shows the grade the server sent. Then checks on the
dashboard: three rows, the live status while they play (connected, live, the last
action), the three grades as the pages received them, the results table sorted, a
debrief, the Watch link, and the CSV the dashboard downloads matching its table.

The student pages are egui drawing on a canvas: the test clicks where the widgets are
drawn in a 1280 x 1000 page (the same layout the window has at that size) and reads what
the page shows from the summary it puts on its canvas (`data-state`). The expert's
amplitudes come from `examples/class_ways.rs`, which plans the expert way on the
attempt's own patient (its seed read from the teacher's API).

    cargo build --bin scs-sim --example class_ways && scripts/build-web.sh dist
    python3 tests/web/dashboard_test.py --dist dist [--screenshots DIR]

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

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_test import Page  # noqa: E402  (the app's page: open, state, click, press)

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1280, 720
EXERCISE = "thresholds"
TEACHER, PASSWORD = "kim", "chalk-and-talk"
# The dashboard's refresh period, s (REFRESH_MS in web/teacher/dashboard.js).
REFRESH_S = 2.0
# The longest wait for anything, s: a hang guard, not a speed requirement.
PATIENCE_S = 120.0

# A student's page (CSS pixels from the canvas's top left, 1280 x 1000), where the window
# draws them at that size: the Join class window, its assignment, and the programmer
# of a class attempt. If the layout moves, the clicks miss and the checks say so.
STUDENT_WIDTH, STUDENT_HEIGHT = 1280, 1000
NAME_FIELD, JOIN, START = (236, 123), (46, 148), (399, 111)
AMPLITUDE_FIELD = (807, 449)
MARK = {"Perception": (401, 910), "Discomfort": (615, 910)}
FINISH = (375, 199)
# Typing an amplitude is tried this many times, each given this long to show on the page.
RETYPES, RETYPE_AFTER_S = 3, 10.0
# An empty part of the plots, to give the page the keyboard.
PLOTS = (1100, 960)


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


def browser(width=WIDTH, height=HEIGHT):
    """Debian's Chromium, headless, its page `width` x `height` CSS pixels (1280 x 720)."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", f"--window-size={width},{height}",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-background-timer-throttling",
                 "--use-gl=swiftshader", "--enable-unsafe-swiftshader"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    sized(driver, width, height)
    driver.set_script_timeout(PATIENCE_S)
    return driver


def sized(driver, width, height):
    """The current window's page made `width` x `height` CSS pixels (each window its own)."""
    driver.set_window_size(width, height)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def wait(driver, holds, what):
    """Waits until `holds(driver)` is truthy; fails with `what` after PATIENCE_S."""
    return WebDriverWait(driver, PATIENCE_S, poll_frequency=0.25,
                         ignored_exceptions=[StaleElementReferenceException]).until(
        lambda d: holds(d), message=f"waiting for {what}")


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
    # A seed that is not one is said in a sentence that outlasts the roster's refresh.
    driver.find_element(By.ID, "assignment-seed").send_keys("-1")
    driver.find_element(By.ID, "add-assignment").click()
    time.sleep(REFRESH_S + 1.0)
    message = driver.find_element(By.ID, "message")
    c.check(message.is_displayed() and message.text.startswith("a seed is a whole number"),
            f"a wrong seed is said and stays said: {message.text!r}")
    driver.find_element(By.ID, "assignment-seed").clear()
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
            and cell(rows[0], ".action").text not in ("", "nothing yet")
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
        return all((r := roster_row(d, n)) and cell(r, ".grade").get_attribute("data-score") == str(g)
                   for n, g in graded.items())
    wait(driver, shown, "the three grades on the roster")
    c.check(True, "the roster shows the three grades the server sent: "
            + ", ".join(f"{n} {g}" for n, g in graded.items()))
    driver.find_element(By.ID, "tab-results").click()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 3, "three results rows")
    header = driver.find_element(By.CSS_SELECTOR, "#results th[data-sort='best']")
    header.click()
    header.click()
    best = [int(e.text) for e in driver.find_elements(By.CSS_SELECTOR, "#results tbody td.best")]
    c.check(best == sorted(graded.values(), reverse=True),
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
    c.check(score.startswith(f"Score {graded['Expert']}/100"), f"the debrief: {score}")
    c.check(len(driver.find_elements(By.CSS_SELECTOR, "#debrief-criteria tbody tr")) == 5, "five criteria")
    driver.find_element(By.ID, "debrief-close").click()


class Student:
    """One student's page: a window of the students' browser, at the class link."""

    def __init__(self, driver, base, name, how):
        self.driver, self.name, self.how = driver, name, how
        self.page = Page(driver, base + "/")
        self.window = None

    def show(self):
        """Makes this student's window the one the test talks to."""
        self.driver.switch_to.window(self.window)
        return self.page

    def join(self, code):
        """Opens the class link, joins with the name and starts the assignment by clicks."""
        page = self.show()
        page.open(f"?class={code}")
        page.wait_for(lambda s: s["join_open"], f"{self.name}: the Join class window")
        page.click(NAME_FIELD)
        page.press(self.name)
        page.click(JOIN)
        page.wait_for(lambda s: s["assignments"] >= 1, f"{self.name}: joined, the assignment listed")
        page.click(START)
        page.wait_for(lambda s: s["class_connection"] == "connected" and s["exercise"] == EXERCISE,
                      f"{self.name}: the attempt started and its live record connected")
        # Paused, as a student who stops to think: the page draws nothing between clicks
        # (three pages share two cores), and its time stays behind the server's.
        page.click(PLOTS)
        page.press("p")
        page.wait_for(lambda s: s["speed"] == 0, f"{self.name}: paused (P)")

    def set_amplitude(self, ma):
        """Types `ma` into the programmer's amplitude field, as a clinician does."""
        page = self.show()
        # A person whose typing did not take (the field not yet focused) types it again.
        for _ in range(RETYPES):
            page.click(AMPLITUDE_FIELD)
            page.press(Keys.END + Keys.BACKSPACE * 8 + f"{ma}" + Keys.ENTER)
            deadline = time.monotonic() + RETYPE_AFTER_S
            while time.monotonic() < deadline:
                if abs(page.state()["amplitude_ma"] - ma) < 1e-6:
                    return
                time.sleep(0.1)
        raise AssertionError(f"{self.name}: typed {ma} mA {RETYPES} times; the page shows {page.state()}")

    def play(self, entries):
        """Each programmer command of `entries` done on the page: amplitudes typed, marks
        clicked, every one sent to the server before the next."""
        for e in entries:
            (what, value), = e["command"]["Programmer"].items()
            before = self.show().state()["commands"]
            if what == "SetAmplitude":
                self.set_amplitude(value)
            elif what == "MarkThreshold":
                self.show().click(MARK[value])
            else:
                raise AssertionError(f"{self.name}: no click for {what}")
            self.show().wait_for(lambda s: s["commands"] == before + 1 and s["class_waiting"] == 0,
                                 f"{self.name}: {what} {value} taken once and sent")

    def finish(self):
        """Finishes the attempt on the page; the grade the server sent back."""
        page = self.show()
        page.click(FINISH)
        return page.wait_for(lambda s: s["score"] is not None, f"{self.name}: the server's grade")["score"]


def open_students(base, code, c):
    """Three students' windows in one browser, each joined by clicks on its own page."""
    driver = browser(STUDENT_WIDTH, STUDENT_HEIGHT)
    students = [Student(driver, base, name, how)
                for name, how in [("Expert", "expert"), ("Idle", "nothing"), ("Wrong", "wrong")]]
    for i, s in enumerate(students):
        if i:
            driver.switch_to.new_window("window")
            sized(driver, STUDENT_WIDTH, STUDENT_HEIGHT)
        s.window = driver.current_window_handle
        s.join(code)
    c.check(True, f"three students joined at {base}/?class={code} and started the assignment on their pages")
    return driver, students


def seeds(teacher):
    """Each student's attempt seed, from the teacher's API (with the dashboard's login)."""
    href = teacher.find_element(By.ID, "csv-link").get_attribute("href")
    class_id = re.search(r"/api/classes/([^/]+)/results.csv", href).group(1)
    # Parsed here, not by the page's JSON: a seed is a whole number Python keeps exact.
    attempts = json.loads(teacher.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then((r) => r.text()).then(done);",
        f"/api/classes/{class_id}/attempts"))
    return {a["student"]: a["seed"] for a in attempts}


def play_students(students, teacher, ways_binary, c):
    """The expert and the wrong way played on their pages (not finished yet)."""
    seed = seeds(teacher)
    for s in students:
        if s.how != "nothing":
            s.play(way(ways_binary, seed[s.name], s.how)["entries"])
    c.check(True, "the expert and the wrong way played by typing amplitudes and clicking marks")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=str(ROOT / "target/debug/scs-sim"))
    parser.add_argument("--ways", default=str(ROOT / "target/debug/examples/class_ways"))
    parser.add_argument("--screenshots", help="folder for dashboard.png and dashboard-results.png")
    parser.add_argument("--dist", required=True, help="the browser build to serve at / (scripts/build-web.sh)")
    args = parser.parse_args()
    for needed in (args.bin, args.ways):
        if not Path(needed).is_file():
            sys.exit(f"dashboard_test: {needed} is missing: cargo build --bin scs-sim --example class_ways")
    c = Checks()
    with tempfile.TemporaryDirectory() as folder:
        server, base = start_server(args.bin, Path(folder), args.dist)
        teacher = browser()
        students = None
        try:
            code = log_in_and_set_up(teacher, base, c)
            students, pages = open_students(base, code, c)
            play_students(pages, teacher, args.ways, c)
            check_live(teacher, c)
            if args.screenshots:
                teacher.save_screenshot(str(Path(args.screenshots) / "dashboard.png"))
                pages[0].show()
                students.save_screenshot(str(Path(args.screenshots) / "class-student.png"))
            check_watch(teacher, base, c)
            graded = {s.name: s.finish() for s in pages}
            c.check(graded["Expert"] >= 85 and graded["Idle"] < 40 and graded["Wrong"] < graded["Expert"],
                    f"the expert way scores high, nothing and the wrong way low: {graded}")
            table = check_grades(teacher, graded, c)
            c.check(table == graded, f"the results table holds the server's grades: {table}")
            if args.screenshots:
                teacher.save_screenshot(str(Path(args.screenshots) / "dashboard-results.png"))
            check_csv(teacher, table, c)
            check_debrief(teacher, graded, c)
        except Exception:
            # What the pages and the dashboard showed, for the failure's reader.
            if students:
                for s in pages:
                    print(f"{s.name}:", s.show().state())
                shot = ROOT / "target" / "dashboard-student-failed.png"
                shot.parent.mkdir(exist_ok=True)
                students.save_screenshot(str(shot))
                print(f"the students' browser at the failure: {shot}")
            print("roster:", teacher.find_element(By.ID, "roster").text)
            print("message:", teacher.find_element(By.ID, "message").text)
            raise
        finally:
            teacher.quit()
            if students:
                students.quit()
            server.terminate()
            server.wait(timeout=10)
    print(f"{c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# The browser test of `voterroll serve` (issue 22): Debian's chromium and chromium-driver, driven
# by Selenium (from PyPI, into a virtual environment under out/browser-test/venv), against a
# server this script starts on a free local port with a data folder of its own. It logs in,
# uploads the demo files (fixtures/demo), waits for the run, opens the report, downloads
# roll.csv and logs out; screenshots of each step are saved in out/browser-test/screenshots/
# for a person to look at. Exit status 0 when every step passed.
#
#   bash scripts/browser-test.sh            # builds voterroll (debug) first
#   VOTERROLL=/path/to/voterroll bash scripts/browser-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/out/browser-test"
mkdir -p "$work"

# Debian's browser and driver (apt-get update first, as .ci/run does for the libraries).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver
fi
# Selenium from PyPI, in a virtual environment of this script's own.
if [ ! -x "$work/venv/bin/python" ] || ! "$work/venv/bin/python" -c "import selenium" 2>/dev/null; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q "selenium>=4.20,<5"
fi

binary="${VOTERROLL:-}"
if [ -z "$binary" ]; then
    swift build --product voterroll >/dev/null
    binary="$(swift build --show-bin-path)/voterroll"
fi

data=$(mktemp -d "${TMPDIR:-/tmp}/voterroll-browser-XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
password="browser-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$password" | "$binary" serve add-user clerk --township 某某镇 --data "$data" --password-stdin >/dev/null

"$binary" serve --data "$data" --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server=$!
cleanup() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/login')" 2>/dev/null; then break; fi
    sleep 0.2
done

rm -rf "$work/screenshots" "$work/downloads"
mkdir -p "$work/screenshots" "$work/downloads"
VOTERROLL_URL="http://127.0.0.1:$port" VOTERROLL_PASSWORD="$password" FIXTURES="$root/fixtures/demo" \
    SHOTS="$work/screenshots" DOWNLOADS="$work/downloads" "$work/venv/bin/python" - <<'PYTHON'
import os, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

url, shots, downloads, fixtures = (os.environ[k] for k in ("VOTERROLL_URL", "SHOTS", "DOWNLOADS", "FIXTURES"))
options = webdriver.ChromeOptions()
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN"):
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
errors = []

def shot(name):
    path = os.path.join(shots, name + ".png")
    driver.save_screenshot(path)
    print("screenshot:", path)

def wait_for(condition, seconds=20):
    try:
        WebDriverWait(driver, seconds).until(lambda d: condition())
        return True
    except Exception:
        return False

def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        errors.append(what)

def console_errors():
    # Content-Security-Policy violations show up here: the pages must have none.
    try:
        return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    except Exception:
        return []

try:
    driver.get(url + "/")
    check("/login" in driver.current_url, "an anonymous visit goes to the log-in page")
    shot("1-login")
    driver.find_element(By.ID, "username").send_keys("clerk")
    driver.find_element(By.ID, "password").send_keys(os.environ["VOTERROLL_PASSWORD"])
    driver.find_element(By.CSS_SELECTOR, "#login button").click()
    check(wait_for(lambda: "某某镇" in driver.title), "logged in: the township's home")
    shot("2-home")

    driver.find_element(By.LINK_TEXT, "新建核查").click()
    driver.execute_script("document.getElementById('election_day').value = '2026-05-20';"
                          "document.getElementById('posting_day').value = '2026-04-30';")
    files = {"roll": ["roll.csv", "roll-2.xlsx"], "deprived": ["deprived.xlsx"], "incapacitated": ["incapacitated.csv"],
             "suspended": ["suspended.csv"], "deceased": ["deceased.xml"], "moved_out": ["moved_out.xml"],
             "moved_in": ["moved_in.xlsx"], "proxies": ["proxies.csv"], "appeals": ["appeals.csv"]}
    for field, names in files.items():
        driver.find_element(By.ID, "f-" + field).send_keys("\n".join(os.path.join(fixtures, n) for n in names))
    shot("3-new-run")
    driver.find_element(By.CSS_SELECTOR, "#new-run button").click()
    check(wait_for(lambda: "/runs/1" in driver.current_url), "the upload leads to the run's page")
    shot("4-progress")
    started = time.time()
    while time.time() - started < 300:
        driver.get(url + driver.current_url[len(url):].split("?")[0])
        if driver.find_elements(By.ID, "report-link") or driver.find_elements(By.CSS_SELECTOR, ".state-failed"):
            break
        time.sleep(1)
    check(bool(driver.find_elements(By.ID, "report-link")), "the run finished (%.1f s)" % (time.time() - started))
    shot("5-run-done")

    driver.get_log("browser")  # what came before the report
    driver.find_element(By.ID, "report-link").click()
    check(wait_for(lambda: "report.html" in driver.current_url and driver.execute_script("return document.readyState") == "complete"),
          "the report opens inside the app")
    problems = console_errors()
    for problem in problems:
        print("  console:", problem)
    check(not problems, "the report runs under the Content-Security-Policy (no console errors)")
    shot("6-report")
    driver.back()
    wait_for(lambda: driver.find_elements(By.ID, "downloads"))

    link = driver.find_element(By.CSS_SELECTOR, "#downloads a[href$='/files/roll.csv']")
    link.click()
    target = os.path.join(downloads, "roll.csv")
    for _ in range(50):
        if os.path.exists(target) and os.path.getsize(target) > 0:
            break
        time.sleep(0.2)
    check(os.path.exists(target) and b"id_number" in open(target, "rb").read(), "roll.csv downloaded")

    driver.find_element(By.CSS_SELECTOR, "header form button").click()
    check(wait_for(lambda: "/login" in driver.current_url), "logged out")
    driver.get(url + "/api/session")
    check("log in first" in driver.page_source, "the session is gone after log-out")
    shot("7-logged-out")
finally:
    driver.quit()
if errors:
    print("browser test failed:", errors)
    sys.exit(1)
print("browser test passed")
PYTHON

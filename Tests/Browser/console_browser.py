"""What every console browser test shares: Debian's chromium through chromium-driver, headless,
in a language, and a check that stops at the first failure with the page's text."""
import contextlib
import os
import sys
import tempfile

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError as error:
    sys.exit(f"python3-selenium missing ({error}): run scripts/ensure-deps, which installs chromium, chromium-driver and python3-selenium")


def open_browser(language):
    """A headless chromium at 1280x720 whose user prefers `language` (zh-CN or en)."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--lang={language}",
                     "--window-size=1280,720", f"--user-data-dir={tempfile.mkdtemp()}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def checker(driver):
    """check(condition, what): prints `ok: what`, or exits 1 saying what failed and what the page showed."""
    from selenium.webdriver.common.by import By

    def check(condition, what):
        if not condition:
            sys.exit(f"FAILED: {what}\npage: {driver.find_element(By.TAG_NAME, 'body').text!r}")
        print(f"ok: {what}")
    return check


def log_in(driver, base, user, password):
    """Opens the console at `base` and logs in; returns once the logged-in page shows."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 15)
    driver.get(base + "/console/")
    wait.until(seen.visibility_of_element_located((By.ID, "user"))).send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    wait.until(seen.visibility_of_element_located((By.ID, "whoami")))


@contextlib.contextmanager
def console_session(language="zh-CN"):
    """For a script run as `SCRIPT BASE_URL USER PASSWORD SCREENSHOT_DIR`: a chromium at 1280x900
    logged in to the console as USER, its check, and the screenshot folder (made); the browser
    quits however the block ends."""
    base, user, password, screens = sys.argv[1:5]
    os.makedirs(screens, exist_ok=True)
    driver = open_browser(language)
    try:
        driver.set_window_size(1280, 900)
        log_in(driver, base, user, password)
        yield driver, checker(driver), screens
    finally:
        driver.quit()

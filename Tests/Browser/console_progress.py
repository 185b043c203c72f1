#!/usr/bin/python3
"""A supervisor follows progress in the office console, in Debian's chromium: the auditors' table,
the chart of visit outcomes, the CSV export; and finds a conflicted record with no way to change it.
Usage: console_progress.py BASE_URL USER PASSWORD SCREENSHOT_DIR."""
import os
import sys

from console_browser import checker, log_in, open_browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

base, user, password, screens = sys.argv[1:5]
os.makedirs(screens, exist_ok=True)
driver = open_browser("zh-CN")
check = checker(driver)
wait = WebDriverWait(driver, 15)

try:
    log_in(driver, base, user, password)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#progress-auditors tbody tr"))
    rows = [r.text.split(" ") for r in driver.find_elements(By.CSS_SELECTOR, "#progress-auditors tbody tr")]
    anna = next((r for r in rows if r[0] == "anna"), None)
    check(anna is not None and anna[1:5] == ["1", "3", "1", "1"], f"Anna's line: 1 work order, 3 assigned, 1 visited, 1 verified: {rows}")
    check(driver.execute_script("return Chart.getChart(document.getElementById('progress-chart')) !== undefined"),
          "the outcomes chart is drawn with Debian's Chart.js")
    check(driver.find_element(By.ID, "progress-chart").get_attribute("aria-label") == "各稽查员走访结果", "the chart has an accessible name")
    csv = driver.execute_script("return await (await fetch(document.getElementById('progress-csv-auditors').href)).text()")
    check(csv.startswith("auditor,work_orders,assigned,visited,verified") and "\r\nanna,1,3,1,1," in csv, f"the CSV export holds the table: {csv!r}")
    counties = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#progress-counties tbody tr")]
    check(counties == ["（未填区县） 3 1 1 0 0 0 1 1"], f"the counties' table: Anna's order, its customers without a county: {counties}")
    days = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#progress-days tbody tr")]
    check(len(days) == 1 and days[0].split(" ")[1:4] == ["0", "1", "1"], f"the days' table: Anna's visit today: {days}")
    csv = driver.execute_script("return await (await fetch(document.getElementById('progress-csv-days').href)).text()")
    check(csv.startswith("day,assigned,visited,verified") and ",0,1,1," in csv, f"and its CSV: {csv!r}")
    driver.save_screenshot(os.path.join(screens, "progress.png"))

    driver.find_element(By.ID, "record-ref").send_keys("20000001")
    driver.find_element(By.ID, "record-find").click()
    wait.until(seen.visibility_of_element_located((By.ID, "record")))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#record-fields tr.conflict")) == 2, "the supervisor sees the conflict")
    check(not driver.find_elements(By.CSS_SELECTOR, "button.keep"), "but is offered no way to change it")
    check(not driver.find_element(By.ID, "cut").is_displayed(), "nor to cut work")
finally:
    driver.quit()

#!/usr/bin/python3
"""Resolves many conflicts at once by a rule in the office console, in Debian's chromium: a
supervisor previews a rule but is offered no way to apply it; a dispatcher previews "keep the
MIS's phone" (left alone: the MIS wrote none), then "keep the auditor's phone" with every value and
its writer, applies it, and the history names them. Usage: console_conflicts.py BASE_URL DISPATCHER
SUPERVISOR PASSWORD ACCOUNT SCREENSHOT_DIR."""
import os
import sys

from console_browser import checker, log_in, open_browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import Select, WebDriverWait

base, dispatcher, supervisor, password, account, screens = sys.argv[1:7]
os.makedirs(screens, exist_ok=True)
driver = open_browser("en")
check = checker(driver)
wait = WebDriverWait(driver, 15)


def preview(field, keep):
    """Previews the rule `field` kept from `keep` and returns the message and the table's rows."""
    Select(driver.find_element(By.ID, "conflicts-kind")).select_by_value("customer")
    Select(driver.find_element(By.ID, "conflicts-field")).select_by_value(field)
    Select(driver.find_element(By.ID, "conflicts-keep")).select_by_value(keep)
    message = driver.find_element(By.ID, "conflicts-message")
    driver.execute_script("arguments[0].textContent = ''", message)
    driver.find_element(By.ID, "conflicts-preview").click()
    wait.until(lambda d: message.text != "")
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#conflicts-table tbody tr")]
    return message.text, rows


try:
    log_in(driver, base, supervisor, password)
    message, rows = preview("phone", "auditor")
    check(len(rows) == 2, f"a supervisor previews the rule: {rows}")
    check(not driver.find_element(By.ID, "conflicts-apply").is_displayed(), "but is offered no way to apply it")
    driver.find_element(By.ID, "logout").click()

    log_in(driver, base, dispatcher, password)
    check(driver.find_element(By.CSS_SELECTOR, "a[href='#conflicts']").text == "Conflicts", "the page is in the navigation")
    message, rows = preview("phone", "mis")
    check(message == "The rule would resolve 0 conflicts and leave 2 alone; nothing written yet", f"nothing for the MIS's value: {message}")
    check(all("left alone: that side wrote no value" in r for r in rows), f"each conflict says why it is left alone: {rows}")
    check(not driver.find_element(By.ID, "conflicts-apply").is_enabled(), "nothing to apply")

    message, rows = preview("phone", "auditor")
    check(message == "The rule would resolve 2 conflicts and leave 0 alone; nothing written yet", message)
    first = next((r for r in rows if "cus-20000001" in r), "")
    check('"0921 555 0100" by office' in first and '"0921 555 0200" by tablet tab-anna (anna)' in first,
          f"the values side by side with their writers: {first}")
    check(first.endswith('"0921 555 0200" by tablet tab-anna (anna)'), f"and the value the rule keeps: {first}")
    driver.save_screenshot(os.path.join(screens, "conflicts-preview.png"))

    apply = driver.find_element(By.ID, "conflicts-apply")
    check(apply.is_displayed() and apply.is_enabled(), "a dispatcher may apply it")
    apply.click()
    wait.until(lambda d: d.find_element(By.ID, "conflicts-message").text.startswith("Resolved"))
    check(driver.find_element(By.ID, "conflicts-message").text == "Resolved 2 conflicts, left 0 alone", "both resolved")
    driver.save_screenshot(os.path.join(screens, "conflicts-applied.png"))
    message, rows = preview("phone", "auditor")
    check(message == "No open conflict matches the rule", f"no conflict is left: {message}")

    wait.until(seen.visibility_of_element_located((By.ID, "record-ref"))).send_keys(account)
    driver.find_element(By.ID, "record-find").click()
    wait.until(seen.visibility_of_element_located((By.ID, "record")))
    history = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#record-history tbody tr")]
    check(any("phone" in r and "0921 555 0200" in r and f"office ({dispatcher})" in r for r in history),
          f"the history names the dispatcher who applied the rule: {history[-3:]}")
finally:
    driver.quit()

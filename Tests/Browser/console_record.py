#!/usr/bin/python3
"""Looks a customer up in the office console by account number, in Debian's chromium: the fields
now with a conflict's values side by side (the shown one marked in words), and the history with
each writer; one click keeps a value and the history names who did it. Usage: console_record.py
BASE_URL USER PASSWORD ACCOUNT SCREENSHOT_DIR."""
import os
import sys

from console_browser import checker, log_in, open_browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

base, user, password, account, screens = sys.argv[1:6]
os.makedirs(screens, exist_ok=True)
driver = open_browser("en")
check = checker(driver)
wait = WebDriverWait(driver, 15)


try:
    log_in(driver, base, user, password)
    wait.until(seen.visibility_of_element_located((By.ID, "record-ref"))).send_keys(account)
    driver.find_element(By.ID, "record-find").click()
    wait.until(seen.visibility_of_element_located((By.ID, "record")))
    check(driver.find_element(By.ID, "record-title").text == "customer cus-20000001", "the account number finds its customer")

    conflict = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#record-fields tr.conflict:not(.typed)")]
    check(len(conflict) == 2, f"the phone conflict's two values side by side: {conflict}")
    check(any("0921 555 0200" in r and "tablet tab-anna (anna)" in r for r in conflict), "Anna's value names her tablet")
    check(any("0921 555 0100" in r and "office" in r for r in conflict), "the office's value names the office")
    check(sum("shown" in r for r in conflict) == 1, "one value is marked shown, in words")

    history = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#record-history tbody tr")]
    check(any("phone" in r and "0921 555 0200" in r and "tablet tab-anna (anna)" in r for r in history), "the history keeps Anna's write")
    check(sum(" phone " in f" {r} " for r in history) == 3, f"and every phone write: {history}")
    check("20000001" not in driver.current_url, "no account number in the URL")
    driver.save_screenshot(os.path.join(screens, "record.png"))

    typed = driver.find_element(By.CSS_SELECTOR, "#record-fields tr.typed input")
    check(typed.get_attribute("aria-label") == "The right value of phone", "a box to type the right value instead, named for its field")
    typed.send_keys("not a phone")
    driver.find_element(By.CSS_SELECTOR, "button[aria-label='Use the typed value for phone']").click()
    wait.until(lambda d: d.find_element(By.ID, "record-message").text != "")
    check(driver.find_element(By.ID, "record-message").text == "That value breaks the field's rule", "a value the field refuses is told plainly")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#record-fields tr.conflict:not(.typed)")) == 2, "and the conflict stays")

    keep = driver.find_element(By.CSS_SELECTOR, "button.keep[aria-label='Keep 0921 555 0200 for phone']")
    keep.click()
    wait.until(lambda d: d.find_element(By.ID, "record-message").text == "Conflict resolved")
    check(not driver.find_elements(By.CSS_SELECTOR, "#record-fields tr.conflict"), "one click keeps Anna's value and ends the conflict")
    phone = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#record-fields tbody tr") if r.text.startswith("phone")]
    check(len(phone) == 1 and "0921 555 0200" in phone[0], f"the phone now shows the kept value: {phone}")
    history = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#record-history tbody tr")]
    check(any("phone" in r and "0921 555 0200" in r and f"office ({user})" in r for r in history),
          f"the history names the office user who resolved it: {history[-3:]}")
    driver.save_screenshot(os.path.join(screens, "record-resolved.png"))

    driver.find_element(By.ID, "record-ref").clear()
    driver.find_element(By.ID, "record-ref").send_keys("99999999")
    driver.find_element(By.ID, "record-find").click()
    wait.until(lambda d: d.find_element(By.ID, "record-error").text != "")
    check(driver.find_element(By.ID, "record-error").text == "No such record", "an unknown number is told plainly")
finally:
    driver.quit()

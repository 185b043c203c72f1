#!/usr/bin/python3
"""A dispatcher who works without a mouse, on a 1280x720 laptop, in Chinese: logs in with the
keyboard alone, finds every control named for a screen reader, reaches the customer list with Tab
and opens a record with Enter; the page never scrolls sideways and Chinese names are drawn with a
CJK font. Usage: console_access.py BASE_URL USER PASSWORD SCREENSHOT_DIR"""
import os
import sys

from console_browser import checker, open_browser
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

base, user, password, screens = sys.argv[1:5]
os.makedirs(screens, exist_ok=True)
driver = open_browser("zh-CN")
check = checker(driver)
wait = WebDriverWait(driver, 20)

# Every control a person can reach, with the name assistive technology gives it (its label, its
# aria-label, its own text, its title or alt).
UNNAMED = """
const reachable = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
  .filter(e => e.offsetParent !== null && e.tabIndex >= 0 && !e.disabled);
const name = e => (e.getAttribute('aria-label') || [...(e.labels || [])].map(l => l.textContent).join(' ')
  || e.textContent || e.title || e.getAttribute('alt') || '').trim();
return [reachable.length, reachable.filter(e => name(e) === '').map(e => e.outerHTML.slice(0, 120))];
"""


def focused():
    return driver.switch_to.active_element


def tab_until(predicate, limit=300):
    """Presses Tab until the focused element satisfies `predicate`; returns it, or None."""
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        element = focused()
        if predicate(element):
            return element
    return None


try:
    driver.get(base + "/console/")
    wait.until(seen.visibility_of_element_located((By.ID, "user")))
    wait.until(lambda d: d.title == "FieldAudit 办公台")
    field = tab_until(lambda e: e.get_attribute("id") == "user", limit=20)
    check(field is not None, "Tab reaches the user name field")
    ActionChains(driver).send_keys(user, Keys.TAB, password, Keys.ENTER).perform()
    wait.until(seen.visibility_of_element_located((By.ID, "whoami")))
    check(True, "logged in with the keyboard alone: type, Tab, type, Enter")

    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#customer-list tbody tr")) > 0)
    count, unnamed = driver.execute_script(UNNAMED)
    check(count > 20 and unnamed == [], f"each of the {count} reachable controls has an accessible name; unnamed: {unnamed}")

    overflow = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    check(overflow[0] <= overflow[1], f"nothing runs off the side at 1280x720 (page {overflow[0]} px, window {overflow[1]} px)")

    check(driver.execute_script("return document.fonts.check('16px \"Noto Sans CJK SC\"', '客户稽查')"),
          "the Chinese texts are drawn in Noto Sans CJK SC, Debian's fonts-noto-cjk")
    rows = driver.execute_script("return [...document.querySelectorAll('#customer-list tbody tr')].map(r => r.innerText)")
    check(any("客户 1" in r for r in rows), f"the customer list shows Chinese names: {rows}")
    summary = driver.find_element(By.ID, "list-summary").text
    check(summary.startswith("第 1–"), f"and says which of how many are shown: {summary}")

    open_button = tab_until(lambda e: e.tag_name == "button" and (e.get_attribute("aria-label") or "").startswith("打开档案"))
    check(open_button is not None, "Tab reaches the list's Open buttons, past the map and its markers")
    label = open_button.get_attribute("aria-label")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait.until(seen.visibility_of_element_located((By.ID, "record")))
    title = driver.find_element(By.ID, "record-title").text
    check(title.startswith("用户 cus-2000000"), f"Enter opens the record ({label}): {title}")
    driver.save_screenshot(os.path.join(screens, "keyboard-record.png"))
    driver.find_element(By.ID, "customers").screenshot(os.path.join(screens, "customer-list.png"))
finally:
    driver.quit()

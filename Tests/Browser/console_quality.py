#!/usr/bin/python3
"""A supervisor reads the data-quality findings in Debian's chromium: the most severe first with
a symbol as well as a colour, in Chinese, filtered to one rule, and one shown on the map.
Usage: console_quality.py BASE_URL USER PASSWORD SCREENSHOT_DIR"""
import os

from console_browser import console_session
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

with console_session() as (driver, check, screens):
    wait = WebDriverWait(driver, 15)
    driver.find_element(By.ID, "quality-show").click()
    rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#quality-findings tbody tr"))
    cells = [cell.text for cell in rows[0].find_elements(By.TAG_NAME, "td")]
    check(cells[0].startswith("⛔") and "错误" in cells[0], f"the most severe first, with its symbol and its name: {cells[:2]}")
    check("居民用电容量 10 kVA 不合理（上限 5 kVA）" in cells[5], f"what is wrong, in Chinese: {cells[5]}")
    check(len(rows) == 12, f"every finding: {len(rows)}")
    Select(driver.find_element(By.ID, "quality-rule")).select_by_value("customer_without_meter")
    driver.find_element(By.ID, "quality-show").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#quality-findings tbody tr")) == 6)
    first = driver.find_elements(By.CSS_SELECTOR, "#quality-findings tbody tr")[0]
    check("客户没有电能表" in first.text and "⚠" in first.text, f"one rule only, a warning: {first.text}")
    buttons = first.find_elements(By.TAG_NAME, "button")
    check(all(button.get_attribute("aria-label") for button in buttons), "every button has an accessible name")
    buttons[1].click()
    popup = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content"))
    check("cus-2000000" in popup[0].text and "客户没有电能表" in popup[0].text, f"the customer on the map with what is wrong: {popup[0].text}")
    driver.save_screenshot(os.path.join(screens, "console-quality.png"))

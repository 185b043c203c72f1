#!/usr/bin/python3
"""A supervisor reads the hazards in Debian's chromium: the most severe first with a symbol as well
as a colour, type, state and age in Chinese, filtered by state, and one's customer opened.
Usage: console_hazards.py BASE_URL USER PASSWORD SCREENSHOT_DIR"""
import os

from console_browser import console_session
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

with console_session() as (driver, check, screens):
    wait = WebDriverWait(driver, 15)
    driver.find_element(By.ID, "hazard-show").click()
    rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hazard-list tbody tr"))
    cells = [cell.text for cell in rows[0].find_elements(By.TAG_NAME, "td")]
    check(cells[0].startswith("⚠") and "重大" in cells[0], f"its severity with a symbol and its name: {cells[:2]}")
    check(cells[1] == "带电部位裸露" and cells[2] == "已发现", f"type and state in Chinese: {cells[1:3]}")
    check(cells[3] == "cus-20000001" and "天" in cells[4], f"customer and age: {cells[3:5]}")
    Select(driver.find_element(By.ID, "hazard-state")).select_by_value("closed")
    driver.find_element(By.ID, "hazard-show").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#hazard-list tbody tr")) == 0)
    check("没有符合条件的安全隐患" in driver.find_element(By.ID, "hazard-summary").text, "none closed, and it says so")
    Select(driver.find_element(By.ID, "hazard-state")).select_by_value("found")
    driver.find_element(By.ID, "hazard-show").click()
    rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hazard-list tbody tr"))
    button = rows[0].find_element(By.TAG_NAME, "button")
    check(bool(button.get_attribute("aria-label")), "the button has an accessible name")
    driver.execute_script("document.getElementById('hazard-list').scrollIntoView()")
    driver.save_screenshot(os.path.join(screens, "console-hazards.png"))
    print("ok: the hazards listed in Chinese and filtered by state")

#!/usr/bin/python3
"""A supervisor reads the hazards in Debian's chromium: the most severe first with a symbol as well
as a colour, type, state and age in Chinese, filtered by state, one's detail opened with its steps
and no step to take; then a dispatcher (same password) plans its rectification through the form
and sees the step in the detail, in their name.
Usage: console_hazards.py BASE_URL USER PASSWORD SCREENSHOT_DIR DISPATCHER"""
import os
import sys

from console_browser import console_session, log_in
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

    def open_detail():
        """Shows the hazards, opens the first one's detail; returns its steps' rows."""
        driver.find_element(By.ID, "hazard-show").click()
        rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hazard-list tbody tr"))
        details = rows[0].find_element(By.CSS_SELECTOR, "button.hazard-details")
        check(details.get_attribute("aria-label").startswith("查看隐患"), "the details button is named for the hazard")
        details.click()
        wait.until(lambda d: d.find_element(By.ID, "hazard-detail").is_displayed())
        return wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hazard-steps tbody tr"))

    steps = [[cell.text for cell in step.find_elements(By.TAG_NAME, "td")] for step in open_detail()]
    check(len(steps) == 1 and steps[0][1] == "已发现" and steps[0][2] == "anna", f"the step it was found in, by whom: {steps}")
    check(not driver.find_element(By.ID, "hazard-actions").is_displayed(), "a supervisor is offered no step")

    driver.find_element(By.ID, "logout").click()
    log_in(driver, sys.argv[1], sys.argv[5], sys.argv[3])
    open_detail()
    check(driver.find_element(By.ID, "hazard-plan").is_displayed(), "a dispatcher is offered the plan")
    check(not driver.find_element(By.ID, "hazard-close").is_displayed(), "and not a step the state does not allow")
    driver.find_element(By.ID, "hazard-plan-owner").send_keys("抢修三班")
    driver.execute_script("document.getElementById('hazard-plan-due').value = '2026-12-20'")
    driver.find_element(By.ID, "hazard-plan-submit").click()
    rows = wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#hazard-steps tbody tr")) == 2
                      and d.find_elements(By.CSS_SELECTOR, "#hazard-steps tbody tr"))
    planned = [cell.text for cell in rows[1].find_elements(By.TAG_NAME, "td")]
    check(planned[1] == "已安排整改" and planned[2] == sys.argv[5] and "抢修三班" in planned[3] and "2026-12-20" in planned[3],
          f"the plan is a step in the dispatcher's name, with its owner and date: {planned}")
    check("已安排整改" in driver.find_element(By.ID, "hazard-step-message").text, "and the page says it was done")
    check(driver.find_element(By.ID, "hazard-rectified").is_displayed(), "the next step is offered")
    driver.execute_script("document.getElementById('hazard-detail').scrollIntoView()")
    driver.save_screenshot(os.path.join(screens, "console-hazard-steps.png"))
    print("ok: a dispatcher planned the rectification in the console")

#!/usr/bin/python3
"""An admin reads the text messages in the office console, in Debian's chromium: a delivered
message shows its ✓ as well as its colour, filters and paging work; then the admin sets an
auditor's phone and quiet hours on the users page, a bad value named in Chinese and not saved.
Usage: console_messages.py BASE_URL USER PASSWORD DELIVERED_KEY SCREENSHOT_DIR."""
import os
import sys

from console_browser import checker, log_in, open_browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, user, password, delivered, screens = sys.argv[1:6]
os.makedirs(screens, exist_ok=True)
driver = open_browser("zh-CN")
check = checker(driver)
wait = WebDriverWait(driver, 15)


def message_rows():
    return driver.find_elements(By.CSS_SELECTOR, "#messages-table tbody tr")


try:
    log_in(driver, base, user, password)
    wait.until(lambda d: len(message_rows()) == 2)
    row = next((r for r in message_rows() if r.get_attribute("data-key") == delivered), None)
    check(row is not None, f"the delivered message is listed: {[r.text for r in message_rows()]}")
    cell = row.find_elements(By.TAG_NAME, "td")[4]
    check(cell.text == "✓ 已送达", f"its state reads with a symbol as well as a word: {cell.text!r}")
    colour = driver.execute_script("return getComputedStyle(arguments[0]).color", cell)
    check(colour == "rgb(46, 125, 50)", f"and in green: {colour}")
    check("+8613800138000" in row.text and "新工单" in row.text and "新稽查工单「北片」" in row.text, f"recipient, phone, rule and text: {row.text!r}")
    others = [r for r in message_rows() if r.get_attribute("data-key") != delivered]
    check(others[0].find_elements(By.TAG_NAME, "td")[4].text == "… 待发送", f"the other waits: {others[0].text!r}")

    driver.find_element(By.CSS_SELECTOR, "#messages-state option[value=delivered]").click()
    driver.find_element(By.ID, "messages-apply").click()
    wait.until(lambda d: len(message_rows()) == 1)
    check(message_rows()[0].get_attribute("data-key") == delivered, "filtered by state, only the delivered one")
    driver.execute_script("document.getElementById('messages').scrollIntoView()")
    driver.save_screenshot(os.path.join(screens, "messages.png"))

    contact = driver.find_element(By.CSS_SELECTOR, "#admin-contacts tbody tr[data-name=anna]")
    phone = contact.find_element(By.CSS_SELECTOR, "input[name=phone]")
    check(phone.get_attribute("value") == "+8613800138000", "the users page shows Anna's phone")
    phone.clear()
    phone.send_keys("+8613900139000")
    quiet = contact.find_element(By.CSS_SELECTOR, "input[name=quiet]")
    quiet.clear()
    quiet.send_keys("9pm-7am")
    contact.find_element(By.CSS_SELECTOR, "button.save-contact").click()
    wait.until(lambda d: d.find_element(By.ID, "contacts-message").text)
    said = driver.find_element(By.ID, "contacts-message").text
    check("免打扰时段 9pm-7am" in said, f"a bad value is named in Chinese: {said!r}")

    contact = driver.find_element(By.CSS_SELECTOR, "#admin-contacts tbody tr[data-name=anna]")
    quiet = contact.find_element(By.CSS_SELECTOR, "input[name=quiet]")
    quiet.clear()
    quiet.send_keys("21:30-06:00")
    contact.find_element(By.CSS_SELECTOR, "select[name=language] option[value=en]").click()
    contact.find_element(By.CSS_SELECTOR, "button.save-contact").click()
    wait.until(lambda d: "已保存" in d.find_element(By.ID, "contacts-message").text)
    contact = driver.find_element(By.CSS_SELECTOR, "#admin-contacts tbody tr[data-name=anna]")
    check(contact.find_element(By.CSS_SELECTOR, "input[name=phone]").get_attribute("value") == "+8613900139000"
          and contact.find_element(By.CSS_SELECTOR, "input[name=quiet]").get_attribute("value") == "21:30-06:00",
          "the admin set Anna's phone and quiet hours")
    driver.execute_script("document.getElementById('admin-contacts').scrollIntoView()")
    driver.save_screenshot(os.path.join(screens, "contacts.png"))
finally:
    driver.quit()

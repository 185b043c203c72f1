#!/usr/bin/python3
"""Drives the office console in Debian's chromium (headless, through chromium-driver) the way a
dispatcher does: the page in Chinese, a wrong password, the right one, the other language, a reload,
logout. Usage: console_login.py BASE_URL USER PASSWORD. Exits 1 naming the first thing that failed."""
import sys

from console_browser import checker, open_browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

base, user, password = sys.argv[1:4]
driver = open_browser("zh-CN")
check = checker(driver)
wait = WebDriverWait(driver, 15)


def shown(element_id):
    wait.until(seen.visibility_of_element_located((By.ID, element_id)))
    return driver.find_element(By.ID, element_id)


def log_in(secret):
    shown("user").clear()
    driver.find_element(By.ID, "user").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(secret)
    driver.find_element(By.ID, "login-submit").click()


try:
    driver.get(base + "/console")
    shown("login")
    wait.until(lambda d: d.title == "FieldAudit 办公台")
    check(driver.find_element(By.ID, "login-submit").text == "登录", "the login form speaks Chinese to a Chinese browser")
    check(driver.execute_script("return typeof L === 'object' && typeof L.map === 'function'"), "Leaflet is served from Debian's package")
    check(driver.execute_script("return typeof Chart === 'function'"), "Chart.js is served from Debian's package")

    log_in("not the password")
    wait.until(lambda d: d.find_element(By.ID, "login-error").text != "")
    check(driver.find_element(By.ID, "login-error").text == "用户名或密码错误", "a wrong password is told in Chinese")

    log_in(password)
    whoami = shown("whoami")
    check(whoami.text == f"已登录：{user}（调度员）", f"logged in, the page names the user and role: {whoami.text!r}")
    check("fa_session" not in driver.execute_script("return document.cookie"), "the session cookie is out of the page's reach (HttpOnly)")

    driver.find_element(By.ID, "language").click()
    wait.until(lambda d: d.find_element(By.ID, "whoami").text.startswith("Logged in"))
    check(driver.find_element(By.ID, "whoami").text == f"Logged in as {user} (dispatcher)", "the other language, at a click")

    driver.refresh()
    whoami = shown("whoami")
    check(whoami.text == f"Logged in as {user} (dispatcher)", "a reload keeps the session and the chosen language")

    driver.find_element(By.ID, "logout").click()
    shown("login")
    driver.refresh()
    shown("login")
    check(not driver.find_element(By.ID, "session").is_displayed(), "after logout a reload asks for the login again")
finally:
    driver.quit()

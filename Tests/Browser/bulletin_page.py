#!/usr/bin/python3
"""A supervisor reads a bulletin in Debian's chromium: the page audit-server bulletin wrote, at the
width of A4 paper, then the same bulletin in the office console.
Usage: bulletin_page.py PAGE.html SCREENSHOT_DIR BASE_URL USER PASSWORD"""
import os
import sys

from console_browser import checker, log_in, open_browser
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import Select, WebDriverWait

page, screens, base, user, password = sys.argv[1:6]
os.makedirs(screens, exist_ok=True)
driver = open_browser("zh-CN")
check = checker(driver)

try:
    # A4 is 210 mm wide: 794 CSS pixels.
    driver.set_window_size(794, 1123)
    driver.get("file://" + os.path.abspath(page))
    inner = driver.execute_script("return window.innerWidth")
    check(driver.execute_script("return document.documentElement.scrollWidth") <= inner,
          f"no horizontal scroll at A4 width ({inner} px)")
    charts = driver.execute_script(
        "return [...document.querySelectorAll('svg.chart')].map(s => { const r = s.getBoundingClientRect();"
        " return [r.width, r.height, s.querySelectorAll('rect').length]; })")
    check(len(charts) == 3, f"three inline SVG charts (counties, auditors, corrections): {charts}")
    check(all(200 < width <= inner and height > 40 and bars >= 2 for width, height, bars in charts),
          f"each chart is sized to the page and has bars: {charts}")
    check(driver.find_element(By.TAG_NAME, "h1").text.startswith("稽查周报"), "the title is in Chinese")
    check(driver.execute_script("return document.fonts.check('16px \"Noto Sans CJK SC\"', '稽查周报')"),
          "the Chinese texts are drawn in Noto Sans CJK SC")
    check(not driver.find_elements(By.TAG_NAME, "script"), "the page needs no script")
    pages = driver.execute_script("return [...document.styleSheets].flatMap(s => [...s.cssRules])"
                                  ".filter(r => r instanceof CSSPageRule).map(r => r.style.getPropertyValue('size'))")
    check([size.lower() for size in pages] == ["a4"], f"it prints on A4 (@page size A4): {pages}")
    driver.save_screenshot(os.path.join(screens, "bulletin-page.png"))

    driver.set_window_size(1280, 900)
    log_in(driver, base, user, password)
    wait = WebDriverWait(driver, 15)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#bulletin-period option")) == 12)
    Select(driver.find_element(By.ID, "bulletin-kind")).select_by_value("week")
    driver.find_element(By.ID, "bulletin-show").click()
    frame = wait.until(seen.visibility_of_element_located((By.ID, "bulletin-frame")))
    driver.switch_to.frame(frame)
    title = WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.TAG_NAME, "h1"))[0].text
    check(title.startswith("稽查周报"), f"the console shows last week's bulletin in Chinese: {title}")
    driver.switch_to.default_content()
    csv = driver.execute_script("return await (await fetch(document.querySelector('#bulletin-csv a').href)).text()")
    check(csv.startswith("figure,value,previous,delta"), f"and its summary table as CSV: {csv[:60]!r}")
    driver.save_screenshot(os.path.join(screens, "bulletin-console.png"))
finally:
    driver.quit()

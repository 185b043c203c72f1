"""A dispatcher works the map in Debian's chromium, in Chinese: customers as status symbols over the
imported roads, a legend in words, filters; draws a box around three customers, sees the count and
the planned audit path, and gives them to Ben as a work order; then, while the page stays open, a
tablet syncs a visit with a typed position and the customer's marker turns presence-flagged without
a reload.
Usage: console_map.py BASE_URL USER PASSWORD SCREENSHOT_DIR VISIT_COMMAND..."""
import os
import subprocess
import sys

from console_browser import checker, log_in, open_browser
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, user, password, screens = sys.argv[1:5]
visit_command = sys.argv[5:]
os.makedirs(screens, exist_ok=True)
driver = open_browser("zh-CN")
check = checker(driver)
wait = WebDriverWait(driver, 20)


def marker_titles():
    # Read in one script: the markers are redrawn whenever the map moves or the store changes.
    return driver.execute_script("return [...document.querySelectorAll('#map .leaflet-marker-pane .leaflet-marker-icon')].map(m => m.title)")


def click_map_at(lat, lon):
    """Clicks the map where (lat, lon) is drawn."""
    x, y = driver.execute_script("const p = officeMap.leaflet.latLngToContainerPoint([arguments[0], arguments[1]]); return [p.x, p.y];", lat, lon)
    element = driver.find_element(By.ID, "map")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    ActionChains(driver).move_to_element_with_offset(element, int(x - element.size["width"] / 2), int(y - element.size["height"] / 2)).click().perform()


try:
    log_in(driver, base, user, password)
    wait.until(lambda d: len(marker_titles()) == 6)
    titles = marker_titles()
    check(all("待稽查" in t for t in titles), f"six customers, each marked pending in words: {titles}")
    roads = "return document.querySelectorAll('#map .leaflet-overlay-pane path').length"
    try:
        wait.until(lambda d: d.execute_script(roads) > 0)
    finally:
        check(driver.execute_script(roads) > 0, "the roads of the imported map are drawn, with no tile server")
    legend = [" ".join(li.text.split()) for li in driver.find_elements(By.CSS_SELECTOR, "#map-legend li")]
    check(legend[:2] == ["○ 待稽查", "✓ 核实无误"] and legend[6:] == ["⚑ 到场存疑", "👤 稽查员最后位置"],
          f"the legend gives each status a symbol and words, and the auditors' mark: {legend}")
    check(driver.find_element(By.ID, "map").get_attribute("aria-label") == "用户地图：按稽查状态标注", "the map has an accessible name")

    driver.find_element(By.ID, "filter-transformer").send_keys("TR-2")
    driver.find_element(By.ID, "filter-apply").click()
    wait.until(lambda d: len(marker_titles()) == 1)
    check("cus-20000002" in marker_titles()[0], f"the transformer filter leaves its one customer: {marker_titles()}")
    driver.find_element(By.ID, "filter-transformer").clear()
    driver.find_element(By.ID, "filter-apply").click()
    wait.until(lambda d: len(marker_titles()) == 6)

    driver.find_element(By.ID, "cut-box").click()
    click_map_at(49.9935, 11.5735)
    click_map_at(49.9965, 11.5765)
    wait.until(lambda d: d.find_element(By.ID, "cut-summary").get_attribute("data-count") is not None)
    summary = driver.find_element(By.ID, "cut-summary").text
    check(summary.startswith("已选 3 户"), f"the box takes customers 4 to 6: {summary}")
    check("稽查路线" in summary and "公里" in summary, f"and shows the planned audit path: {summary}")
    check(driver.execute_script("return cut.path !== null && cut.path.getLatLngs().length > 3"), "the path is drawn on the map")
    driver.save_screenshot(os.path.join(screens, "map-cut.png"))

    driver.find_element(By.ID, "cut-assignee").send_keys("ben")
    driver.execute_script("document.getElementById('cut-due').value = '2026-12-20'")
    driver.find_element(By.ID, "cut-area").send_keys("东片区")
    driver.find_element(By.ID, "cut-create").click()
    wait.until(lambda d: "ben" in d.find_element(By.ID, "cut-message").text)
    message = driver.find_element(By.ID, "cut-message").text
    check("3 户" in message, f"the work order is created: {message}")
    print("work order: " + driver.find_element(By.ID, "cut-message").get_attribute("data-work-order"))

    loaded = driver.execute_script("return performance.timeOrigin")
    done = subprocess.run(visit_command, capture_output=True, text=True)
    check(done.returncode == 0, f"Anna's tablet records a visit and syncs: {done.stdout}{done.stderr}")
    # The visit's position was typed, not measured: the map flags its presence in words.
    wait.until(lambda d: any("cus-20000002" in t and "到场存疑" in t for t in marker_titles()))
    check(driver.execute_script("return performance.timeOrigin") == loaded, "the marker turned presence-flagged without a reload")
    check(driver.find_element(By.ID, "live").text.startswith("数据已更新"), "the page says it was updated")
    driver.save_screenshot(os.path.join(screens, "map-live.png"))

    order = driver.find_element(By.ID, "cut-message").get_attribute("data-work-order")
    gantt = "return [...document.querySelectorAll('#plan-gantt tbody tr')].map(r => [r.dataset.workOrder, r.innerText])"
    try:
        wait.until(lambda d: any(work_order == order for (work_order, _) in d.execute_script(gantt)))
    except Exception:
        pass
    plan_rows = driver.execute_script(gantt)
    bens = [text for (work_order, text) in plan_rows if work_order == order]
    check(len(bens) == 1 and bens[0].startswith("ben") and "2026-12-20" in bens[0] and "完成 0/3" in bens[0],
          f"the plan shows Ben's new order to its due date: {plan_rows}")
    check("▫ 计划" in bens[0] and "▫3" in bens[0], f"and the day its three customers are planned for on the roads: {bens}")
    wait.until(lambda d: any(r.startswith("anna") and "完成 1/3" in r for r in
                             d.execute_script("return [...document.querySelectorAll('#plan-gantt tbody tr')].map(r => r.innerText)")))
    check(True, "and Anna's visit counted on her order, without a reload")
    driver.find_element(By.ID, "plan").screenshot(os.path.join(screens, "plan.png"))

    # The visited customer's record: the visit with its evidence, and a small map of it and the site.
    driver.execute_script("openRecord('cus-20000002')")
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#record-visits tbody tr td")) >= 6)
    visit = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#record-visits tbody tr:first-child td")]
    check(visit[1] == "anna" and visit[2] == "核实无误" and visit[3] == "手工输入（不作证明）" and "位置为手工输入" in visit[5],
          f"the record lists Anna's visit, its typed position and what that fails: {visit}")
    check(visit[4] == "0 米", f"measured against the site on file: {visit}")
    shapes = driver.execute_script("return [document.querySelectorAll('#record-map .leaflet-marker-icon').length, document.querySelectorAll('#record-map path').length]")
    check(driver.find_element(By.ID, "record-map").is_displayed() and shapes == [2, 1], f"the small map shows the site, the visit and a line between: {shapes}")
    driver.find_element(By.ID, "record").screenshot(os.path.join(screens, "record-visits.png"))
finally:
    driver.quit()

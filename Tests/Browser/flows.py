"""The workbench's flows as a planner clicks through them, in headless Chromium.

Usage: flows.py BASE_URL SCREENSHOT_FOLDER. Each flow saves a screenshot; any failure exits 1
with the flow's name and what was expected.
"""
import glob
import os
import sys
import tempfile
import time
import urllib.parse
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait, Select

base, shots = sys.argv[1], sys.argv[2]
downloads = tempfile.mkdtemp(prefix="swabplan-downloads-")


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}"):
        options.add_argument(a)
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def after_reload(predicate):
    """A wait condition across a page reload: elements found before it go stale on the way."""
    def condition(_):
        try:
            return predicate()
        except Exception:
            return False
    return condition


def wait_done(d, seconds=180):
    """The run page reloads itself when the run has ended."""
    WebDriverWait(d, seconds).until(lambda d: "完成" in d.find_element(By.CSS_SELECTOR, "p.muted strong").text
                                    or "失败" in d.find_element(By.CSS_SELECTOR, "p.muted strong").text)
    check("完成" in d.find_element(By.CSS_SELECTOR, "p.muted strong").text, "the run did not finish: " + d.page_source[:2000])


def run_form(d, form, field=None, value=None):
    """Set one field of a run's form, start the run and wait for it to end."""
    if field:
        box = form.find_element(By.NAME, field)
        box.clear()
        box.send_keys(value)
    form.find_element(By.TAG_NAME, "button").click()
    WebDriverWait(d, 20).until(ec.url_contains("/run?id="))
    wait_done(d)


def open_scenario(d):
    d.get(base + "/")
    d.find_element(By.PARTIAL_LINK_TEXT, "潘家园南里").click()
    WebDriverWait(d, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, "form.simulate")))


def flow_edit(d):
    """Change a call-up's window in the table: a bad one is marked at its cell as typed; a good
    one saves in place (the file's comments kept)."""
    open_scenario(d)
    d.find_element(By.CSS_SELECTOR, "a.edit").click()
    WebDriverWait(d, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".editor")))
    windows = [c for c in d.find_elements(By.CSS_SELECTOR, "input.cell") if c.get_attribute("data-old") == "07:00-07:20"]
    check(windows, "a call-up window cell")
    cell = windows[0]
    cell.clear()
    cell.send_keys("25:00-26:00")
    WebDriverWait(d, 10).until(lambda _: "bad" in cell.get_attribute("class"))
    check("not a clock time" in (cell.get_attribute("title") or "") or "window" in (cell.get_attribute("title") or ""),
          "the loader's words at the cell: " + (cell.get_attribute("title") or ""))
    d.save_screenshot(f"{shots}/0-edit-invalid.png")
    cell.clear()
    cell.send_keys("07:00-07:25")
    WebDriverWait(d, 10).until(lambda _: "bad" not in cell.get_attribute("class"))
    d.find_element(By.CSS_SELECTOR, "button.save").click()
    WebDriverWait(d, 10).until(after_reload(lambda: any(c.get_attribute("data-old") == "07:00-07:25"
                                                        for c in d.find_elements(By.CSS_SELECTOR, "input.cell"))))
    d.save_screenshot(f"{shots}/0-edit-saved.png")
    # A building clicked on the map: its call-up's site set in the table (not saved).
    WebDriverWait(d, 10).until(lambda _: d.find_elements(By.CSS_SELECTOR, "g.bld[data-building='B3']"))
    d.execute_script("document.querySelector(\"g.bld[data-building='B3']\").dispatchEvent(new MouseEvent('click',{bubbles:true}))")
    panel = d.find_element(By.CSS_SELECTOR, ".mapedit")
    WebDriverWait(d, 5).until(lambda _: panel.is_displayed())
    Select(panel.find_element(By.CSS_SELECTOR, "select.site")).select_by_value("S18")
    panel.find_element(By.CSS_SELECTOR, "button.apply").click()
    WebDriverWait(d, 10).until(lambda _: any(c.get_attribute("value") == "S18" for c in d.find_elements(By.CSS_SELECTOR, "input.cell.changed")))
    d.save_screenshot(f"{shots}/0-edit-map.png")
    # A call-up row copied below its own: checked (the building is then called twice).
    d.refresh()
    WebDriverWait(d, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, "td.rowops button.add")))
    d.find_element(By.XPATH, "//h2[text()='plan.call_ups']/following-sibling::div[1]//tr[@data-item]//button[contains(@class,'add')]").click()
    check(d.find_elements(By.CSS_SELECTOR, "tr.newrow input.newcell"), "a new row to edit")
    WebDriverWait(d, 10).until(lambda _: "already called" in d.find_element(By.CSS_SELECTOR, "ul.problems").text)
    d.save_screenshot(f"{shots}/0-edit-row.png")
    # A building's residents in its CSV: a bad count marked at its cell, a good one saved.
    d.refresh()
    WebDriverWait(d, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, "input.csvcell[data-key='residents']")))
    cell = d.find_element(By.CSS_SELECTOR, "input.csvcell[data-key='residents']")
    old = cell.get_attribute("value")
    cell.clear()
    cell.send_keys("many")
    WebDriverWait(d, 10).until(lambda _: "bad" in cell.get_attribute("class"))
    cell.clear()
    cell.send_keys(str(int(old) + 1))
    WebDriverWait(d, 10).until(lambda _: "bad" not in cell.get_attribute("class"))
    d.find_element(By.CSS_SELECTOR, "button.save").click()
    WebDriverWait(d, 10).until(after_reload(lambda: d.find_element(By.CSS_SELECTOR, "input.csvcell[data-key='residents']")
                                            .get_attribute("data-old") == str(int(old) + 1)))


def flow_simulate(d):
    """Open Panjiayuan, run it, see live progress, then the targets, site states and charts."""
    open_scenario(d)
    check("检查通过" in d.page_source, "the scenario's check")
    check(d.find_elements(By.CSS_SELECTOR, "svg.map rect"), "the map's buildings")
    run_form(d, d.find_element(By.CSS_SELECTOR, "form.simulate"), "replications", "100")
    check("95%的居民到场后20分钟内采完" in d.page_source, "the targets")
    check(any(w in d.page_source for w in ("畅通", "忙碌", "拥堵")), "site states in words")
    d.switch_to.frame(d.find_element(By.CSS_SELECTOR, "iframe.report"))
    check(len(d.find_elements(By.TAG_NAME, "svg")) > 0, "the report's queue charts")
    d.switch_to.default_content()
    d.save_screenshot(f"{shots}/1-simulate.png")
    return d.current_url


def flow_optimise_compare(d):
    """Optimise with a short limit, keep the plan, compare it with the hand plan."""
    open_scenario(d)
    run_form(d, d.find_element(By.CSS_SELECTOR, "form.optimize"), "time_limit", "10")
    check("优化结果" in d.page_source, "the optimiser's report")
    name = d.find_element(By.NAME, "name")
    name.clear()
    name.send_keys("短时优化")
    name.submit()
    WebDriverWait(d, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, "form.compare")))
    form = d.find_element(By.CSS_SELECTOR, "form.compare")
    for box in form.find_elements(By.NAME, "plan"):
        want = box.get_attribute("value") in ("scenario",) or "短时优化" in box.get_attribute("value")
        if box.is_selected() != want:
            box.click()
    run_form(d, form)
    check(d.find_elements(By.CSS_SELECTOR, "svg.chart polyline"), "a queue curve per plan")
    d.save_screenshot(f"{shots}/2-optimise-compare.png")
    # Publish the kept plan: simulate it, download the zip, read a notice inside.
    open_scenario(d)
    form = d.find_element(By.CSS_SELECTOR, "form.simulate")
    Select(form.find_element(By.NAME, "plan")).select_by_visible_text("短时优化.yaml")
    run_form(d, form, "replications", "40")
    d.find_element(By.CSS_SELECTOR, "a.zip").click()
    WebDriverWait(d, 30).until(lambda _: glob.glob(downloads + "/*.zip") and not glob.glob(downloads + "/*.crdownload"))
    with zipfile.ZipFile(glob.glob(downloads + "/*.zip")[0]) as z:
        notices = [n for n in z.namelist() if n.startswith("notices/")]
        check(notices, "notices in the zip: " + ", ".join(z.namelist()))
        text = z.read(notices[0]).decode("utf-8")
        check("采样" in text, "a notice in Chinese: " + text[:200])
    d.save_screenshot(f"{shots}/2-publish.png")


def flow_phone(url):
    """At 390 px neither the results page nor the scenario page scrolls sideways, and the
    results page's targets table fits its box. Headless Chromium keeps a window at least
    500 px wide, so the phone's width is emulated."""
    d = browser(390, 844)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        for k, page in enumerate((url, base + "/scenario?f=panjiayuan-nanli.yaml&lang=en")):
            d.get(page)
            wide = d.execute_script("return document.documentElement.scrollWidth")
            seen = d.execute_script("return document.documentElement.clientWidth")
            d.save_screenshot(f"{shots}/3-phone-{k + 1}.png")
            check(seen == 390, f"the page is {seen} px wide, not a phone's 390")
            check(wide <= seen, f"{page} scrolls sideways at 390 px: {wide} > {seen}")
            if k == 0:
                # The targets' sentences wrap: the table fits its box, not scrolled inside it.
                fits = d.execute_script("var t = document.querySelector('table.wrap'); return t && t.parentNode.scrollWidth <= t.parentNode.clientWidth")
                check(fits, "the targets table scrolls inside its box at 390 px")
    finally:
        d.quit()


def flow_refused(d):
    """A path out of the workspace and a POST from another origin are refused."""
    d.get(base + "/scenario?f=" + urllib.parse.quote("../../etc/passwd"))
    check("404" in d.title or "找不到" in d.page_source, "path traversal refused")
    check("root:" not in d.page_source, "no file out of the workspace shown")
    page = ("<form id=f method=post action='" + base + "/duplicate'><input name=f value='panjiayuan-nanli.yaml'></form>"
            "<script>document.getElementById('f').submit()</script>")
    d.get("data:text/html;charset=utf-8," + urllib.parse.quote(page))
    WebDriverWait(d, 20).until(lambda d: "refused" in d.page_source or "404" in d.page_source)
    check("refused" in d.page_source, "a cross-origin POST refused: " + d.page_source[:500])
    d.save_screenshot(f"{shots}/4-refused.png")
    d.get(base + "/")
    check("what-if" not in d.page_source, "nothing was duplicated")


failures = []
d = browser(1366, 1000)
try:
    url = None
    for name, flow in (("edit", flow_edit), ("simulate", flow_simulate), ("optimise and compare", flow_optimise_compare), ("refused", flow_refused)):
        started = time.time()
        try:
            result = flow(d)
            if name == "simulate":
                url = result
            print(f"ok   {name} ({time.time() - started:.1f} s)")
        except Exception as e:  # a flow's failure is reported, the others still run
            failures.append(name)
            d.save_screenshot(f"{shots}/failed-{name.replace(' ', '-')}.png")
            print(f"FAIL {name}: {e}")
    if url:
        try:
            flow_phone(url)
            print("ok   phone")
        except Exception as e:
            failures.append("phone")
            print(f"FAIL phone: {e}")
finally:
    d.quit()
sys.exit(1 if failures else 0)

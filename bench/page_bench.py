#!/usr/bin/env python3
"""Interactive pages (`render --format html`) of scalar MLPs: how big they are, where the bytes
go, and how fast headless chromium opens them and selects a node.

For each graph (bench/scalar_mlp_grad.py, vars or ops view) it writes the page with GRADVIZ,
splits its bytes (the inline SVG: edge paths, polygons, text elements, group tags; the JSON
data; the frames), then opens it RUNS times from a file URL in headless chromium driven through
chromedriver (W3C WebDriver over plain HTTP, standard library only) and reports the median of:
- load: navigation start to the end of the load event (the page's script has run:
  window.gradviz is ready), from PerformanceNavigationTiming;
- paint: navigation start to the first contentful paint;
- select: window.gradviz.select(first leaf) until the next frame is painted (two
  requestAnimationFrame callbacks), which includes the style and layout work it caused.

Usage: python3 bench/page_bench.py GRADVIZ [SPEC …]   (SPEC: WIDTH:VIEW, default the set below)
Needs: chromium, chromedriver (Debian's chromium and chromium-driver).
"""
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = int(os.environ.get("RUNS", "5"))
DEFAULT_SPECS = ["6:vars", "7:vars", "16:ops", "28:vars", "24:ops", "40:vars"]


def utf8(text):
    return len(text.encode("utf-8"))


def breakdown(html):
    """Bytes of the page by part."""
    svg = html[html.index("<svg"):html.index("</svg>") + 6]
    data = re.search(r'id="gradviz-data">(.*?)</script>', html, re.S).group(1)
    frames = re.search(r'id="gradviz-frames">(.*?)</script>', html, re.S).group(1)
    parts = {
        "svg": utf8(svg),
        "d": sum(utf8(m) for m in re.findall(r'<path [^>]*>', svg)),
        "polygon": sum(utf8(m) for m in re.findall(r'<polygon [^>]*>', svg)),
        "text": sum(utf8(m) for m in re.findall(r'<text[^>]*>.*?</text>', svg)),
        "g": sum(utf8(m) for m in re.findall(r'<g [^>]*>', svg)),
        "data": utf8(data),
        "frames": utf8(frames),
    }
    parts["nodes"] = html.count('class="node"')
    return parts


class WebDriver:
    """Just enough of W3C WebDriver to open pages and run scripts."""

    def __init__(self, width=1280, height=720):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.driver = subprocess.Popen(
            ["chromedriver", f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                if self.request("GET", "/status")["value"]["ready"]:
                    break
            except OSError:
                pass
            time.sleep(0.025)
        options = {"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            f"--window-size={width},{height}", "--hide-scrollbars"]}
        reply = self.request("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options}}})
        self.session = reply["value"]["sessionId"]

    def request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as reply:
            return json.load(reply)

    def command(self, method, path, body=None):
        return self.request(method, f"/session/{self.session}/{path}", body)["value"]

    def open(self, url):
        self.command("POST", "url", {"url": url})

    def run(self, script, *args):
        return self.command("POST", "execute/sync", {"script": script, "args": list(args)})

    def run_async(self, script, *args):
        return self.command("POST", "execute/async", {"script": script, "args": list(args)})

    def quit(self):
        try:
            self.request("DELETE", f"/session/{self.session}")
        finally:
            self.driver.kill()
            self.driver.wait()


def first_leaf(grad):
    """The first weight the script defines (a leaf with paths to the loss)."""
    for line in open(grad):
        if line.startswith("w_"):
            return line.split("=")[0].strip()
    raise SystemExit(f"{grad}: no weight")


def measure(browser, url, leaf):
    loads, paints, selects = [], [], []
    for _ in range(RUNS):
        browser.open("about:blank")
        browser.open(url)
        timing = browser.run("""
            const nav = performance.getEntriesByType('navigation')[0];
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            return [nav.loadEventEnd, paint ? paint.startTime : null, typeof window.gradviz];""")
        assert timing[2] == "object", "the page's script did not run"
        loads.append(timing[0])
        if timing[1] is not None:
            paints.append(timing[1])
        selected = browser.run_async("""
            const done = arguments[arguments.length - 1];
            const start = performance.now();
            const reply = window.gradviz.select(arguments[0]);
            requestAnimationFrame(() => requestAnimationFrame(() => done([performance.now() - start, reply])));""",
                                     leaf)
        assert selected[1] is not None, f"select({leaf}) found nothing"
        selects.append(selected[0])
    median = lambda values: statistics.median(values) if values else float("nan")
    return median(loads), median(paints), median(selects)


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    gradviz = os.path.abspath(sys.argv[1])
    specs = sys.argv[2:] or DEFAULT_SPECS
    scratch = tempfile.mkdtemp(prefix="gradviz-page-bench-")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Machine: {cpu}, {os.cpu_count()} cores (load average {load}); {chromium} headless; "
          f"{RUNS} loads each, medians.\n")
    print("| graph | nodes | page | SVG (paths, polygons, texts, groups) | data | frames | load | first paint "
          "| select |")
    print("|---|---|---|---|---|---|---|---|---|")
    browser = WebDriver()
    try:
        for spec in specs:
            width, view = spec.split(":")
            grad = os.path.join(scratch, f"mlp{width}.grad")
            subprocess.run([sys.executable, os.path.join(HERE, "scalar_mlp_grad.py"), grad, width], check=True)
            page = os.path.join(scratch, f"mlp{width}-{view}.html")
            subprocess.run([gradviz, "render", grad, "--view", view, "--quiet", "-o", page], check=True,
                           stderr=subprocess.DEVNULL)
            html = open(page, encoding="utf-8").read()
            p = breakdown(html)
            load, paint, select = measure(browser, "file://" + page, first_leaf(grad))
            kb = lambda n: f"{n / 1000:.0f} kB"
            ms = lambda t: "—" if t != t else f"{t:.0f} ms"
            print(f"| MLP(2, [{width}, {width}, 1]), {view} | {p['nodes']} | **{utf8(html) / 1e6:.2f} MB** "
                  f"| {kb(p['svg'])} ({kb(p['d'])}, {kb(p['polygon'])}, {kb(p['text'])}, {kb(p['g'])}) "
                  f"| {kb(p['data'])} | {kb(p['frames'])} | {ms(load)} | {ms(paint)} | {ms(select)} |",
                  flush=True)
    finally:
        browser.quit()
        subprocess.run(["rm", "-rf", scratch])


if __name__ == "__main__":
    main()

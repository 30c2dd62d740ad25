"""The notebook display: the figure as SVG in the mimebundle, the page in a sandboxed iframe."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest
import torch
import torch.nn as nn

import gradviz


@pytest.fixture(scope="module")
def script() -> gradviz.Script:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.Sigmoid(), nn.Linear(3, 1))
    return gradviz.from_torch(model, torch.tensor([1.0, 2.0]), torch.tensor([0.5]), nn.MSELoss())


def test_mimebundle_is_the_figure_as_svg(script: gradviz.Script) -> None:
    bundle = script._repr_mimebundle_()
    assert set(bundle) == {"image/svg+xml", "text/plain"}
    svg = bundle["image/svg+xml"]
    assert svg.lstrip().startswith("<?xml") or svg.lstrip().startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    # The lecture's labels (W⁽¹⁾ is drawn as W with a raised "(1)") and the module blocks.
    for text in (">W<", ">(1)<", ">(2)<", ">ŷ<", ">linear0<", ">sigmoid1<", ">linear2<"):
        assert text in svg, text
    assert bundle["text/plain"].startswith("<gradviz.Script model")


def test_render_frames_and_page_files(script: gradviz.Script, tmp_path: Path) -> None:
    png = script.render(tmp_path / "model.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    frames = script.frames(tmp_path / "frames", wrt="W1", format="svg")
    assert len(frames) > 3 and all(f.exists() and f.suffix == ".svg" for f in frames)
    assert frames[0].name == "model-01-structure.svg"
    page = script.page(tmp_path / "model.html")
    assert page.path is not None and page.path.read_text(encoding="utf-8") == page.html
    iframe = page._repr_html_()
    assert iframe.startswith('<iframe class="gradviz-page" sandbox="allow-scripts"')
    assert "allow-same-origin" not in iframe and "<script" not in iframe  # the page is escaped in srcdoc


class WebDriver:
    """Headless chromium through chromedriver, over WebDriver's HTTP protocol (urllib only)."""

    def __init__(self) -> None:
        driver = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for path in (driver, chromium):
            if not shutil.which(path):
                if os.environ.get("CI"):
                    pytest.fail(f"{path} is missing: apt-get install chromium chromium-driver")
                pytest.skip(f"{path} is missing")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.process = subprocess.Popen([driver, f"--port={port}", "--allowed-ips=127.0.0.1"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if self.request("GET", "/status")["value"]["ready"]:
                    break
            except OSError:
                pass
            time.sleep(0.025)
        arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1000,700"]
        options = {"binary": chromium, "args": arguments}
        created = self.request("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options}}})
        self.session = created["value"]["sessionId"]

    def request(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def command(self, method: str, path: str, body: Any = None) -> Any:
        return self.request(method, f"/session/{self.session}/{path}", body)["value"]

    def run(self, script: str) -> Any:
        return self.command("POST", "execute/sync", {"script": script, "args": []})

    def quit(self) -> None:
        try:
            self.request("DELETE", f"/session/{self.session}")
        finally:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    driver = WebDriver()
    try:
        yield driver
    finally:
        driver.quit()


def test_page_runs_inside_its_sandboxed_iframe(script: gradviz.Script, browser: WebDriver, tmp_path: Path) -> None:
    # An output cell as a notebook front end writes it: the Page's HTML inside the notebook's page.
    notebook = tmp_path / "notebook.html"
    notebook.write_text(
        "<!doctype html><html><head><title>notebook</title></head><body><div class='output'>"
        + script.page()._repr_html_() + "</div></body></html>",
        encoding="utf-8",
    )
    browser.command("POST", "url", {"url": notebook.as_uri()})
    found = browser.command("POST", "element", {"using": "css selector", "value": "iframe.gradviz-page"})
    browser.command("POST", "frame", {"id": found})
    for _ in range(100):
        if browser.run("return typeof window.gradviz === 'object'"):
            break
        time.sleep(0.05)
    selected = browser.run("return window.gradviz.select('W1')")
    assert selected["pathCount"] == "1"
    assert abs(float(selected["gradient"][0][0]) - script.reference["W1"].grad[0][0]) < 1e-9 * 10
    assert browser.run("return document.querySelectorAll('.on-path').length") > 0
    # The sandbox: scripts run, but the notebook around them is out of reach.
    assert browser.run("try { return window.parent.document.title } catch (e) { return 'blocked' }") == "blocked"

#!/usr/bin/env python3
"""Times how long headless Chromium takes to load and render pages of the reports.

Usage: scripts/page_timing.py PAGE.html... [--runs N] [--width PX]

Drives one headless Chromium over the DevTools protocol (--remote-debugging-pipe,
no packages needed) so that browser start-up is not counted. For each page, in a
fresh tab each run: the time from navigation to the load event, the time until a
first screenshot of the window (1280x2000 by default) is back, which is when a
reader sees the page, and Chromium's own layout and style recalculation time
(Performance.getMetrics). Prints the median of N runs (default 3) per page.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


class Browser:
    """A headless Chromium spoken to through fds 3 (commands) and 4 (replies)."""

    def __init__(self, width):
        self.profile = tempfile.mkdtemp()
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()

        def child_fds():
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)

        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--window-size={width},2000", "--remote-debugging-pipe",
             f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=child_fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(res_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.cmd_w, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.res_r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method, session):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and e.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self.read())

    def close(self):
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def measure(browser, url):
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.send("Page.enable", session=session)
    browser.send("Performance.enable", session=session)
    browser.events.clear()
    t0 = time.perf_counter()
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_event("Page.loadEventFired", session)
    load = time.perf_counter() - t0
    browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
    shown = time.perf_counter() - t0
    metrics = {m["name"]: m["value"] for m in
               browser.send("Performance.getMetrics", session=session)["metrics"]}
    browser.send("Target.closeTarget", {"targetId": target})
    return load, shown, metrics["LayoutDuration"] + metrics["RecalcStyleDuration"], int(metrics["Nodes"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--width", type=int, default=1280)
    a = ap.parse_args()
    browser = Browser(a.width)
    try:
        measure(browser, "about:blank")
        for page in a.pages:
            runs = [measure(browser, "file://" + os.path.realpath(page)) for _ in range(a.runs)]
            load, shown, layout = (statistics.median(r[i] for r in runs) for i in range(3))
            print(f"{page}: {os.path.getsize(page):,} bytes, {runs[0][3]:,} DOM nodes; "
                  f"load {load:.2f} s, first screenshot {shown:.2f} s, layout and style {layout:.2f} s "
                  f"(median of {a.runs}, {a.width} px)")
    finally:
        browser.close()


if __name__ == "__main__":
    sys.exit(main())

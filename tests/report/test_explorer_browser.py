"""``explorer.html`` of the bundled plan's report in a real headless Chromium: it opens from
the file system with no request leaving the page, shows the graph's units, finds a unit typed
without diacritics, filters to a goal exactly as the SPARQL query library answers, lists a
clicked unit's tasks with their sources, switches language, exports the view, restores a view
from its URL, and logs no error. Screenshots are kept (see conftest.py)."""

from __future__ import annotations

import base64
import csv
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from build_graph.sparql.run import run_query
from tests.report.conftest import keep_screenshot

TNMT = "hai-phong/so-tnmt"
TNMT_VI = "Sở Tài nguyên và Môi trường"
TNMT_EN = "Department of Natural Resources and Environment"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Opened:
    """A page of the explorer, with every request and console message it made."""

    def __init__(self, browser: Any, path: Path, fragment: str = "") -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.url = path.as_uri()
        self.page.goto(self.url + fragment)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def counts(self) -> dict[str, int]:
        return self.page.evaluate("sdgkgExplorer.counts()")

    def shot(self, folder: Path, name: str) -> Path:
        path = folder / f"explorer-{name}.png"
        self.page.screenshot(path=str(path))
        keep_screenshot(path)
        return path

    def close(self) -> None:
        """Check that nothing was fetched and nothing failed, and close."""
        assert self.errors == []
        assert all(url.startswith((self.url, "data:", "blob:")) for url in self.requests), [
            url for url in self.requests if not url.startswith(self.url)
        ]
        self.page.close()


@pytest.fixture(scope="module")
def store(hp_dist):
    """The session build's graph, loaded once, for the query library (run_query(store=…))."""
    import pyoxigraph as ox

    loaded = ox.Store()
    loaded.load(path=str(hp_dist / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    return loaded


@pytest.fixture
def opened(browser, hp_report):
    pages: list[Opened] = []

    def open_page(fragment: str = "") -> Opened:
        page = Opened(browser, hp_report / "explorer.html", fragment)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def test_it_opens_from_the_file_system_with_no_request(opened, screenshots):
    page = opened()
    assert page.requests == [page.url]  # the page itself, nothing else
    policy = page.page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert page.page.title() == "Coordination explorer"
    page.shot(screenshots, "opened")


def test_the_node_count_is_the_graphs(opened, hp_report, hp_dist, store):
    """Every unit that leads or partners a task: the report's coordination network and the
    query library's answers (leads: tasks-per-lead-agency-by-goal; partners: partner-load)."""
    page = opened()
    counts = page.counts()
    network = nx.read_graphml(hp_report / "networks" / "coordination-all-units.graphml")
    leads = {str(row[0]) for row in run_query("tasks-per-lead-agency-by-goal", store=store).rows}
    partners = {str(row[0]) for row in run_query("partner-load", store=store).rows}
    assert counts["nodes"] == len(network) == len(leads | partners) == 95
    assert counts["edges"] == network.number_of_edges()
    assert counts["tasks"] == len(read_csv(hp_dist / "tables" / "tasks.csv")) == 537
    assert page.page.inner_text("#status") == "95 nodes, 253 links, 537 tasks"
    assert set(page.page.evaluate("sdgkgExplorer.units()")) == leads | partners


def test_search_needs_no_diacritics(opened, screenshots):
    page = opened()
    page.page.fill("#search", "so tai nguyen")
    results = page.page.locator("#results li[data-key]")
    texts = results.all_inner_texts()
    assert any(TNMT_VI in text for text in texts), texts
    assert results.first.get_attribute("data-key") == TNMT
    page.shot(screenshots, "search")
    page.page.keyboard.press("Enter")
    assert page.page.inner_text("#panel-title") == TNMT_EN


def test_goal_6_leaves_the_units_the_query_library_names(opened, store, screenshots):
    """Leads with a task under goal 6, and partners named on one (agency-tasks, per unit)."""
    answer = run_query("tasks-per-lead-agency-by-goal", store=store)
    expected = {str(row[0]) for row in answer.rows if str(row[3]) == "6"}
    for row in run_query("partner-load", store=store).rows:
        unit = str(row[0])
        tasks = run_query(
            "agency-tasks", {"agency": f"<{unit}>", "role": "sdgkg:PartnerRole"}, store=store
        )
        if any(re.match(r"6(\.|$)", str(task[4])) for task in tasks.rows):
            expected.add(unit)
    page = opened()
    page.page.select_option("#goal", "6")
    shown = set(page.page.evaluate("sdgkgExplorer.units()"))
    assert shown == expected and 5 < len(shown) < 95
    assert page.counts()["nodes"] == len(expected)
    assert "goal=6" in page.page.evaluate("location.hash")
    page.shot(screenshots, "goal-6")


def test_clicking_a_unit_lists_its_tasks_with_their_sources(opened, hp_dist, screenshots):
    tables = hp_dist / "tables"
    tasks = {row["task_id"]: row for row in read_csv(tables / "tasks.csv")}
    roles: dict[str, str] = {
        t: "lead" for t, row in tasks.items() if row["lead_agency_id"] == "so-tnmt"
    }
    for row in read_csv(tables / "task_partners.csv"):
        if row["agency_id"] == "so-tnmt" and row["task_id"] not in roles:
            roles[row["task_id"]] = "inherited" if row["inherited"] == "true" else "partner"
    page = opened()
    spot = page.page.evaluate(f"sdgkgExplorer.viewport({TNMT!r})")
    box = page.page.locator("#graph").bounding_box()
    page.page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    page.page.wait_for_selector("table.tasks tbody tr")
    assert page.page.inner_text("#panel-title") == TNMT_EN
    rows = page.page.locator("table.tasks tbody tr")
    listed: dict[str, str] = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        listed[cells[0]] = cells[2]
        assert re.fullmatch(r"line \d+", cells[5]), cells  # the fact's source line
        task = tasks[cells[0]]
        assert cells[1] == " ".join(task["text_vi"].split()) or cells[1] == task["text_vi"]
    role_words = {"lead": "lead", "partner": "partner", "inherited": "partner (merged cell)"}
    assert listed == {task: role_words[role] for task, role in roles.items()}
    # the lead's row cites the appendix heading's line, a partner's the partner cell's line
    first_partner = next(t for t, r in roles.items() if r == "partner")
    row = page.page.locator(
        f"table.tasks tbody tr[data-task]:has(button:text-is('{first_partner}'))"
    )
    assert (
        row.locator("td.source").inner_text()
        == f"line {tasks[first_partner]['partner_source_line']}"
    )
    page.shot(screenshots, "unit")
    row.locator("button").click()
    source = page.page.inner_text("#source")
    assert f"Where task {first_partner} is written" in source
    assert f"Task row — line {tasks[first_partner]['source_line']}" in source
    assert tasks[first_partner]["text_vi"].split()[0] in source
    page.shot(screenshots, "task-source")


def test_the_language_switch_changes_the_labels(opened, screenshots):
    page = opened()
    assert page.page.evaluate(f"sdgkgExplorer.label({TNMT!r})") == TNMT_EN
    assert page.page.inner_text("h1") == "Coordination explorer"
    page.page.click("#lang")
    assert page.page.evaluate(f"sdgkgExplorer.label({TNMT!r})") == TNMT_VI
    assert page.page.inner_text("h1") == "Khám phá mạng lưới phối hợp"
    assert page.page.evaluate("document.documentElement.lang") == "vi"
    assert page.page.inner_text("#status") == "95 nút, 253 liên kết, 537 nhiệm vụ"
    page.shot(screenshots, "vietnamese")


def test_a_url_fragment_restores_the_view(opened):
    page = opened(f"#view=lp&lang=vi&goal=6&unit={TNMT.replace('/', '%2F')}&links=written")
    assert page.page.input_value("#goal") == "6"
    assert page.page.is_checked("#reading-w")
    assert page.page.inner_text("#panel-title") == TNMT_VI
    assert page.page.inner_text("h1") == "Khám phá mạng lưới phối hợp"


def test_the_view_exports_as_svg_and_png(opened):
    page = opened()
    svg = page.page.evaluate("sdgkgExplorer.svg()")
    assert svg.startswith("<svg") and svg.count("<circle") == page.counts()["nodes"]
    assert 'marker-end="url(#arrow)"' in svg  # lead → partner ties keep their direction
    data = page.page.evaluate("sdgkgExplorer.png()")
    png = base64.b64decode(data.split(",", 1)[1])
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(png)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20  # nodes and ties drawn, not blank


def _boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# [width, height] of the graph's box and of sigma's canvas in it
GRAPH_AND_CANVAS = """() => [document.getElementById("graph"),
                             document.querySelector("#graph canvas")]
                            .map(e => [e.clientWidth, e.clientHeight])"""


def _label_layout(page: Opened) -> tuple[list[dict[str, Any]], dict[str, float]]:
    page.page.evaluate(TWO_FRAMES)
    return page.page.evaluate("sdgkgExplorer.labels()"), page.page.evaluate("sdgkgExplorer.stage()")


def _assert_labels_readable(labels: list[dict[str, Any]], stage: dict[str, float]) -> None:
    """No two labels overlap, and every label lies on the graph's canvas."""
    for i, label in enumerate(labels):
        assert label["x"] >= 0 and label["x"] + label["width"] <= stage["width"], label
        assert label["y"] >= 0 and label["y"] + label["height"] <= stage["height"], label
        for other in labels[i + 1 :]:
            assert not _boxes_overlap(label, other), (label["label"], other["label"])


def test_labels_never_overlap_and_stay_on_the_graph(opened, store, screenshots):
    """Regression: sigma's label grid let long names run into each other and off the canvas, and
    the canvas kept the height it had before the legend was filled, so units were drawn under
    the legend. The units with most assignments in the graph (lead or partner, as the query
    library's partner-load and lead counts see them) are the largest discs and keep their
    labels."""
    page = opened()
    page.page.evaluate(TWO_FRAMES)
    sizes = page.page.evaluate(GRAPH_AND_CANVAS)
    assert sizes[1] == sizes[0]  # the canvas is the graph's box, not the box it had at first
    labels, stage = _label_layout(page)
    page.shot(screenshots, "labels")
    assert (stage["canvasWidth"], stage["canvasHeight"]) == (stage["width"], stage["height"])
    graph_box = page.page.locator("#graph").bounding_box()
    below_box = page.page.locator("#below").bounding_box()
    assert graph_box is not None and below_box is not None
    assert graph_box["y"] + graph_box["height"] <= below_box["y"] + 0.5
    assert len(labels) >= 10
    _assert_labels_readable(labels, stage)
    # the three units with most assignments: the largest discs of the lead → partner view
    largest = [
        row["agent"].value.rsplit("/agency/", 1)[1]
        for row in store.query(
            "PREFIX sdgkg: <https://w3id.org/sdgkg/ontology#> "
            "SELECT ?agent (COUNT(?a) AS ?n) WHERE { ?t sdgkg:qualifiedAssignment ?a . "
            "?a sdgkg:agent ?agent } GROUP BY ?agent ORDER BY DESC(?n) ?agent LIMIT 3"
        )
    ]
    names = [page.page.evaluate("key => sdgkgExplorer.label(key)", key) for key in largest]
    assert None not in names, largest
    assert set(names) <= {label["label"] for label in labels}, names


def test_the_canvas_follows_the_graphs_box_when_the_legend_closes_and_the_language_changes(
    opened,
):
    page = opened()
    open_height = page.page.evaluate(GRAPH_AND_CANVAS)[0][1]
    page.page.click("#legend summary")  # closed: the graph grows
    page.page.evaluate(TWO_FRAMES)
    graph, canvas = page.page.evaluate(GRAPH_AND_CANVAS)
    assert graph[1] > open_height and canvas == graph
    page.page.click("#legend summary")
    page.page.click("#lang")
    page.page.evaluate(TWO_FRAMES)
    graph, canvas = page.page.evaluate(GRAPH_AND_CANVAS)
    assert graph[1] <= open_height + 1 and canvas == graph
    labels, stage = _label_layout(page)
    _assert_labels_readable(labels, stage)


def test_labels_stay_readable_when_zoomed_and_when_a_unit_is_selected(opened, screenshots):
    page = opened()
    page.page.locator("#graph").focus()
    page.page.keyboard.press("+")
    page.page.wait_for_timeout(400)
    labels, stage = _label_layout(page)
    _assert_labels_readable(labels, stage)
    zoomed = len(labels)
    page.page.fill("#search", "so tai nguyen")
    page.page.keyboard.press("Enter")
    page.page.wait_for_timeout(400)
    labels, stage = _label_layout(page)
    page.shot(screenshots, "labels-selected")
    _assert_labels_readable(labels, stage)
    assert labels[0]["label"] == TNMT_EN  # the selected unit's label is placed first
    assert zoomed >= 10


def test_keyboard_reaches_search_and_selection(opened):
    page = opened()
    page.page.locator("#graph").focus()
    page.page.keyboard.press("/")
    assert page.page.evaluate("document.activeElement.id") == "search"
    page.page.keyboard.type("so y te")
    page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("Enter")
    assert page.page.inner_text("#panel-title") == "Department of Health"
    page.page.locator("#graph").focus()
    page.page.keyboard.press("Escape")
    assert page.page.locator("#panel-title").count() == 0


def test_counts_by_role_come_from_the_tasks(opened):
    """The hover card's counts are the unit's tasks in the view (led, as partner)."""
    page = opened()
    spot = page.page.evaluate(f"sdgkgExplorer.viewport({TNMT!r})")
    box = page.page.locator("#graph").bounding_box()
    page.page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    page.page.wait_for_selector("#card:not([hidden])")
    card = page.page.inner_text("#card")
    assert TNMT_EN in card and TNMT_VI in card and re.search(r"\d+ tasks led, \d+ as partner", card)


def test_the_structure_switch_merges_units_into_todays_holders(opened, hp_dist, store, screenshots):
    """Today's structure (1 July 2025): each unit becomes the body that holds its remaining
    functions, as the query library's task-holders-today gives it (principal holder; an
    unchanged unit or one that ended without a successor stays itself). Sở TN&MT and Sở
    NN&PTNT become one node, Sở Nông nghiệp và Môi trường, and the 103 links between them
    (tests/sparql/test_queries_today.py) become internal: no edge."""
    holders: dict[str, str] = {}
    answer = run_query("task-holders-today", store=store)
    for row in answer.rows:
        values = dict(zip(answer.variables, row, strict=True))
        if str(values["status"]) == "held" and str(values["principal"]) == "true":
            holders[str(values["agency"])] = str(values["holder"])
    tasks = read_csv(hp_dist / "tables" / "tasks.csv")
    base = "https://w3id.org/sdgkg/agency/hai-phong/"
    partners: dict[str, set[str]] = {}
    for row in read_csv(hp_dist / "tables" / "task_partners.csv"):
        partners.setdefault(row["task_id"], set()).add(base + row["agency_id"])

    def network(today: bool) -> tuple[int, int]:
        node = (lambda unit: holders.get(unit, unit)) if today else (lambda unit: unit)
        nodes, edges = set(), set()
        for task in tasks:
            lead = base + task["lead_agency_id"]
            nodes.add(node(lead))
            for partner in partners.get(task["task_id"], set()) - {lead}:
                nodes.add(node(partner))
                if node(lead) != node(partner):
                    edges.add((node(lead), node(partner)))
        return len(nodes), len(edges)

    assert network(False) == (95, 253)  # the tables give the 2017 network the page shows
    expected = network(True)
    page = opened()
    assert page.counts()["nodes"] == 95
    page.page.check("#structure-today")
    counts = page.counts()
    assert (counts["nodes"], counts["edges"]) == expected
    assert counts["tasks"] == 537
    assert expected[0] < 95
    assert "structure=today" in page.page.evaluate("location.hash")
    merged = "Department of Agriculture and Environment"
    assert page.page.evaluate(f"sdgkgExplorer.label({TNMT!r})") == merged
    assert page.page.evaluate("sdgkgExplorer.label('hai-phong/so-nnptnt')") == merged
    page.page.click("#lang")
    assert page.page.evaluate(f"sdgkgExplorer.label({TNMT!r})") == "Sở Nông nghiệp và Môi trường"
    page.shot(screenshots, "today")
    page.page.check("#structure-2017")
    assert page.counts()["nodes"] == 95
    assert page.page.evaluate(f"sdgkgExplorer.label({TNMT!r})") == TNMT_VI
    # the view is restored from its URL
    again = opened("#view=lp&structure=today")
    assert (again.counts()["nodes"], again.counts()["edges"]) == expected

/* sdgkg coordination explorer: the plan's networks, computed in the page from its tasks
 * (the same rules as the report's networks), drawn with sigma.js on a graphology graph.
 * Everything it needs is in the page: no request leaves it. Written for sdgkg (Apache-2.0). */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("explorer-data").textContent);
  const UI = JSON.parse(document.getElementById("explorer-strings").textContent);
  const FACTS = ["task", "lead", "partner", "period"];
  const VIEWS = ["lp", "at", "cp"];
  const AGENCY = "/agency/";

  // -- the data, unpacked ------------------------------------------------------------------
  const units = DATA.units.map(function (row, index) {
    const iri = row[0];
    const at = iri.indexOf(AGENCY);
    return {
      index: index, iri: iri, key: at >= 0 ? iri.slice(at + AGENCY.length) : iri,
      en: row[1], vi: row[2], kind: row[3], plan: row[4], registry: row[5], x: row[6], y: row[7],
    };
  });
  const unitByKey = new Map(units.map(function (u) { return [u.key, u]; }));
  const tasks = DATA.tasks.map(function (row, index) {
    return {
      index: index, id: row[0], plan: row[1], text: row[2], concept: row[3], target: row[4],
      goal: row[5], periods: row[6], lead: row[7], partners: row[8],
      inherited: new Set(row[9]), sources: row[10],
    };
  });
  const aggregate = new Set(DATA.aggregate);
  const several = DATA.plans.length > 1;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  }
  units.forEach(function (u) { u.folded = fold(u.vi + " | " + u.en); });

  // -- state, and the URL fragment that restores it ---------------------------------------
  const state = {
    view: "lp", lang: DATA.lang === "vi" ? "vi" : "en", goal: "", target: "", un: "",
    period: "", plan: "", hidden: new Set(), reading: "i", named: false, merged: several,
    unit: "", task: -1, today: false,
  };
  // today's structure: unit index → the key of the body that holds its functions today
  const TODAY = DATA.today || {};
  const hasToday = Object.keys(TODAY).length > 0;

  function readFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    if (VIEWS.indexOf(params.get("view")) >= 0) state.view = params.get("view");
    if (params.get("lang") === "vi" || params.get("lang") === "en") state.lang = params.get("lang");
    ["goal", "target", "un", "period", "plan", "unit"].forEach(function (name) {
      if (params.has(name)) state[name] = params.get(name);
    });
    if (params.has("hide")) {
      state.hidden = new Set(params.get("hide").split(",").filter(Boolean).map(function (code) {
        return DATA.kinds.findIndex(function (k) { return k[0] === code; });
      }).filter(function (i) { return i >= 0; }));
    }
    if (params.get("links") === "written") state.reading = "w";
    if (params.get("named") === "1") state.named = true;
    if (params.has("merged")) state.merged = several && params.get("merged") === "1";
    state.today = hasToday && params.get("structure") === "today";
    if (params.has("task")) state.task = parseInt(params.get("task"), 10);
    if (!(state.task >= 0 && state.task < tasks.length)) state.task = -1;
  }

  function writeFragment() {
    const params = new URLSearchParams();
    params.set("view", state.view);
    params.set("lang", state.lang);
    ["goal", "target", "un", "period", "plan", "unit"].forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    if (state.hidden.size) {
      params.set("hide", Array.from(state.hidden).map(function (i) { return DATA.kinds[i][0]; }).join(","));
    }
    if (state.reading === "w") params.set("links", "written");
    if (state.named) params.set("named", "1");
    if (several) params.set("merged", state.merged ? "1" : "0");
    if (state.today) params.set("structure", "today");
    if (state.task >= 0) params.set("task", String(state.task));
    const hash = "#" + params.toString();
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  // -- words -------------------------------------------------------------------------------
  function t(key, values) {
    let text = (UI[state.lang] && UI[state.lang][key]) || UI.en[key] || key;
    if (values) {
      Object.keys(values).forEach(function (name) {
        text = text.split("{" + name + "}").join(String(values[name]));
      });
    }
    return text;
  }
  function unitName(u) { return state.lang === "vi" ? u.vi : u.en; }
  function planName(index) { return DATA.plans[index][state.lang === "vi" ? 2 : 1]; }
  function kindName(index) { return DATA.kinds[index][state.lang === "vi" ? 2 : 1]; }
  function groupOf(kindIndex) { return DATA.groups[DATA.kinds[kindIndex][3]]; }
  function conceptText(notation) {
    const found = DATA.concepts[notation];
    if (!found) return "";
    return state.lang === "vi" ? (found[1] || found[0]) : (found[0] || found[1]);
  }
  function periodLabel(index) {
    const label = DATA.periods[index];
    return UI[state.lang]["period:" + label] || label;
  }

  // -- which tasks and units the filters keep ---------------------------------------------
  function keepsUnit(u) {
    if (state.hidden.has(u.kind)) return false;
    if (state.named && aggregate.has(u.kind)) return false;
    return true;
  }

  function keepsTask(task) {
    if (state.goal && task.goal !== state.goal) return false;
    if (state.target && task.target !== state.target) return false;
    if (state.un) {
      const concept = DATA.concepts[task.concept];
      if (!concept || concept[2].indexOf(state.un) < 0) return false;
    }
    if (state.period) {
      const wanted = DATA.periods.indexOf(state.period);
      if (task.periods.indexOf(wanted) < 0) return false;
    }
    if (state.plan && DATA.plans[task.plan][0] !== state.plan) return false;
    return true;
  }

  function partnersOf(task) {
    const leadKey = task.lead;
    return task.partners.filter(function (p) {
      if (p === leadKey) return false;
      if (state.reading === "w" && task.inherited.has(p)) return false;
      return keepsUnit(units[p]);
    });
  }

  function nodeOf(unitIndex) {
    if (state.today && TODAY[unitIndex] !== undefined) return "y:" + TODAY[unitIndex];
    return state.merged ? "m:" + units[unitIndex].registry : "u:" + unitIndex;
  }

  // -- the network of the view ---------------------------------------------------------------
  function compute() {
    const nodes = new Map();
    const edges = new Map();
    let kept = 0;
    function node(key, unitIndex) {
      let found = nodes.get(key);
      if (!found) {
        found = { key: key, unit: unitIndex, led: 0, partner: 0, tasks: 0, members: new Set() };
        nodes.set(key, found);
      }
      if (unitIndex >= 0) found.members.add(unitIndex);
      return found;
    }
    function edge(a, b, task, written) {
      const key = a + ">" + b;
      let found = edges.get(key);
      if (!found) {
        found = { source: a, target: b, weight: 0, written: 0, tasks: [] };
        edges.set(key, found);
      }
      found.weight += 1;
      found.written += written ? 1 : 0;
      found.tasks.push(task.index);
    }
    tasks.forEach(function (task) {
      if (!keepsTask(task)) return;
      const lead = units[task.lead];
      const leadKept = keepsUnit(lead);
      const partners = partnersOf(task);
      if (state.view === "lp") {
        if (!leadKept) return;
        kept += 1;
        const from = node(nodeOf(task.lead), task.lead);
        from.led += 1; from.tasks += 1;
        partners.forEach(function (p) {
          const to = node(nodeOf(p), p);
          to.partner += 1; to.tasks += 1;
          if (from.key !== to.key) edge(from.key, to.key, task, !task.inherited.has(p));
        });
      } else if (state.view === "at") {
        const targetKey = "t:" + task.target;
        const involved = (leadKept ? [task.lead] : []).concat(partners);
        if (!involved.length) return;
        kept += 1;
        const target = node(targetKey, -1);
        target.tasks += 1;
        const seen = new Set();
        involved.forEach(function (p) {
          const key = nodeOf(p);
          if (seen.has(key)) return;
          seen.add(key);
          const unit = node(key, p);
          unit.tasks += 1;
          if (p === task.lead) unit.led += 1; else unit.partner += 1;
          edge(key, targetKey, task, p === task.lead || !task.inherited.has(p));
        });
      } else {
        if (!partners.length) return;
        kept += 1;
        const keys = [];
        partners.forEach(function (p) {
          const key = nodeOf(p);
          const unit = node(key, p);
          unit.partner += 1; unit.tasks += 1;
          if (keys.indexOf(key) < 0) keys.push(key);
        });
        keys.sort();
        for (let i = 0; i < keys.length; i += 1) {
          for (let j = i + 1; j < keys.length; j += 1) {
            edge(keys[i], keys[j], task, true);
          }
        }
      }
    });
    return { nodes: nodes, edges: edges, tasks: kept };
  }

  // -- drawing -------------------------------------------------------------------------------
  const container = document.getElementById("graph");
  const graph = new graphology.Graph({ type: "directed", allowSelfLoops: false });
  const BorderProgram = Sigma.rendering.createNodeBorderProgram({
    borders: [
      { size: { value: 0.3 }, color: { attribute: "borderColor" } },
      { size: { fill: true }, color: { attribute: "color" } },
    ],
  });
  let highlight = null; // the selected node and its neighbours
  let hovered = "";
  // the labels' type: sigma's hover label, the labels placeLabels() draws, the SVG export's
  const LABEL_FAMILY = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
  const LABEL_SIZE = 13;
  const LABEL_WEIGHT = "500";
  const renderer = new Sigma(graph, container, {
    defaultNodeType: "bordered",
    nodeProgramClasses: { bordered: BorderProgram },
    labelFont: LABEL_FAMILY,
    labelSize: LABEL_SIZE,
    labelWeight: LABEL_WEIGHT,
    renderLabels: false, // placeLabels() draws them (below)
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
    nodeReducer: function (key, attrs) {
      if (highlight && !highlight.has(key)) {
        return Object.assign({}, attrs, {
          color: "#e4e4e4", borderColor: "#e4e4e4", label: "", zIndex: 0,
        });
      }
      if (highlight && key === state.node) {
        return Object.assign({}, attrs, { highlighted: true, zIndex: 2, forceLabel: true });
      }
      if (highlight) return Object.assign({}, attrs, { zIndex: 1, forceLabel: true });
      return attrs;
    },
    edgeReducer: function (key, attrs) {
      if (highlight) {
        const ends = graph.extremities(key);
        if (ends[0] !== state.node && ends[1] !== state.node) {
          return Object.assign({}, attrs, { hidden: true });
        }
        return Object.assign({}, attrs, { color: "rgba(40,40,40,0.75)", zIndex: 1 });
      }
      return attrs;
    },
  });

  let current = { nodes: new Map(), edges: new Map(), tasks: 0 };

  // -- labels --------------------------------------------------------------------------------
  // sigma's label grid keeps one label per grid cell, so long names ran into each other and
  // off the canvas. After every frame the explorer places the labels itself: the selected
  // unit's first, then its neighbours', then the largest units', each to the right of its node,
  // else to its left, above or below it, and only where it fits the canvas and covers no label
  // already placed and no unit placed before it.
  // A unit drawn smaller than LABEL_MIN_RADIUS gets no label unless selected (hover names it).
  const LABEL_FONT = LABEL_WEIGHT + " " + LABEL_SIZE + "px " + LABEL_FAMILY;
  const LABEL_HEIGHT = 16;
  const LABEL_HALO = { width: 3, opacity: 0.9 }; // a white ground under each label
  const LABEL_MIN_RADIUS = 7;
  const labelWidths = new Map();
  let placedLabels = [];

  function overlap(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  function labelCandidates(width, height) {
    const found = [];
    graph.forEachNode(function (key) {
      const data = renderer.getNodeDisplayData(key);
      if (!data || data.hidden || !data.label) return;
      const radius = renderer.scaleSize(data.size);
      const rank = data.highlighted ? 2 : data.forceLabel ? 1 : 0;
      if (rank === 0 && radius < LABEL_MIN_RADIUS) return;
      const p = renderer.framedGraphToViewport(data);
      if (p.x < -radius || p.y < -radius || p.x > width + radius || p.y > height + radius) return;
      found.push({ key: key, label: data.label, x: p.x, y: p.y, r: radius, rank: rank });
    });
    return found.sort(function (a, b) {
      return b.rank - a.rank || b.r - a.r || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    });
  }

  // Boxes already taken (labels placed, discs of units placed before), by 64-pixel cell: a
  // national view has thousands of units, each label is tested against its neighbours only.
  function takenBoxes() {
    const cells = new Map();
    function each(box, visit) {
      for (let x = Math.floor(box.x / 64); x <= Math.floor((box.x + box.width) / 64); x += 1) {
        for (let y = Math.floor(box.y / 64); y <= Math.floor((box.y + box.height) / 64); y += 1) {
          if (visit(x + "," + y)) return true;
        }
      }
      return false;
    }
    return {
      hits: function (box) {
        return each(box, function (key) {
          const boxes = cells.get(key);
          return boxes !== undefined && boxes.some(function (other) { return overlap(other, box); });
        });
      },
      take: function (box) {
        each(box, function (key) {
          if (!cells.has(key)) cells.set(key, []);
          cells.get(key).push(box);
          return false;
        });
      },
    };
  }

  function placeLabels() {
    const context = renderer.getCanvases().labels.getContext("2d");
    const width = container.clientWidth; const height = container.clientHeight;
    context.font = LABEL_FONT;
    const placed = [];
    const taken = takenBoxes();
    labelCandidates(width, height).forEach(function (c) {
      let textWidth = labelWidths.get(c.label);
      if (textWidth === undefined) {
        textWidth = context.measureText(c.label).width;
        labelWidths.set(c.label, textWidth);
      }
      const centred = Math.min(Math.max(0, c.x - textWidth / 2), width - textWidth);
      const sides = [ // right, left, above, below
        [c.x + c.r + 3, c.y - LABEL_HEIGHT / 2], [c.x - c.r - 3 - textWidth, c.y - LABEL_HEIGHT / 2],
        [centred, c.y - c.r - 1 - LABEL_HEIGHT], [centred, c.y + c.r + 1],
      ];
      for (let i = 0; i < sides.length; i += 1) {
        const box = { x: sides[i][0], y: sides[i][1], width: textWidth, height: LABEL_HEIGHT };
        if (box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height) continue;
        if (taken.hits(box)) continue;
        placed.push(Object.assign(box, { key: c.key, label: c.label }));
        taken.take(box);
        break;
      }
      // a label hides no disc of a unit placed before it (selected, neighbour or larger)
      taken.take({ x: c.x - c.r, y: c.y - c.r, width: 2 * c.r, height: 2 * c.r });
    });
    context.textBaseline = "middle";
    context.lineJoin = "round";
    context.lineWidth = LABEL_HALO.width;
    context.strokeStyle = "rgba(255,255,255," + LABEL_HALO.opacity + ")";
    context.fillStyle = "#111111";
    placed.forEach(function (box) {
      context.strokeText(box.label, box.x, box.y + LABEL_HEIGHT / 2);
      context.fillText(box.label, box.x, box.y + LABEL_HEIGHT / 2);
    });
    placedLabels = placed;
  }
  renderer.on("afterRender", placeLabels);
  // The box below the graph (status line, legend) is written before each frame that follows
  // it changes (redraw()); a legend opened or closed changes the graph's height without a redraw.
  document.getElementById("legend").addEventListener("toggle", function () {
    renderer.scheduleRender(); // sigma's render() takes the container's new size
  });

  function nodeLabel(info) {
    if (info.key.startsWith("t:")) {
      return (state.lang === "vi" ? "Mục tiêu " : "VSDG ") + info.key.slice(2);
    }
    if (info.key.startsWith("y:")) {
      const body = DATA.todayBodies[info.key.slice(2)];
      return body ? body[state.lang === "vi" ? 1 : 0] : info.key.slice(2);
    }
    if (info.key.startsWith("m:")) {
      const merged = DATA.merged[info.key.slice(2)];
      const plans = new Set(Array.from(info.members).map(function (i) { return units[i].plan; }));
      const name = merged ? merged[state.lang === "vi" ? 1 : 0] : unitName(units[info.unit]);
      return name + " (" + t("plans", { n: plans.size }) + ")";
    }
    return unitName(units[info.unit]);
  }

  function position(info) {
    if (info.key.startsWith("y:")) {
      const body = DATA.todayBodies[info.key.slice(2)];
      if (body) return [body[2], body[3]];
    }
    if (info.key.startsWith("m:")) {
      const merged = DATA.merged[info.key.slice(2)];
      if (merged) return [merged[2], merged[3]];
    }
    if (info.unit >= 0) return [units[info.unit].x, units[info.unit].y];
    return null;
  }

  function redraw() {
    const started = performance.now();
    current = compute();
    graph.clear();
    let most = 1;
    current.nodes.forEach(function (info) { most = Math.max(most, info.tasks); });
    let heaviest = 1;
    current.edges.forEach(function (e) {
      heaviest = Math.max(heaviest, state.reading === "w" ? e.written : e.weight);
    });
    const pending = [];
    current.nodes.forEach(function (info) {
      const place = position(info);
      const size = 3 + 13 * Math.sqrt(info.tasks / most);
      let colour = "#ffffff";
      let border = "#111111";
      if (info.unit >= 0) {
        colour = groupOf(units[info.unit].kind)[3];
        border = info.led > 0 ? "#111111" : colour;
      }
      const attrs = {
        x: place ? place[0] : 0, y: place ? place[1] : 0, size: size, color: colour,
        borderColor: border, label: nodeLabel(info),
      };
      graph.addNode(info.key, attrs);
      if (!place) pending.push(info.key);
    });
    pending.forEach(function (key) { // targets: at the mean of their units, slightly apart
      let x = 0; let y = 0; let n = 0;
      graph.forEachNeighbor(key, function (other, attrs) { x += attrs.x; y += attrs.y; n += 1; });
      const angle = (hash(key) % 360) * Math.PI / 180;
      graph.mergeNodeAttributes(key, {
        x: (n ? x / n : 0) + 2.5 * Math.cos(angle), y: (n ? y / n : 0) + 2.5 * Math.sin(angle),
      });
    });
    current.edges.forEach(function (e, key) {
      const weight = state.view === "lp" && state.reading === "w" ? e.written : e.weight;
      if (weight <= 0) return;
      graph.addEdgeWithKey(key, e.source, e.target, {
        size: 0.6 + 3.4 * Math.sqrt(weight / heaviest),
        color: "rgba(80,80,80,0.35)",
        type: state.view === "lp" ? "arrow" : "line",
      });
    });
    selectNode(findNode(state.unit), false);
    status(); // first: its line can change the graph's height, which the frame then takes
    renderer.refresh();
    writeFragment();
    lastRedraw = performance.now() - started;
  }
  let lastRedraw = 0;

  function hash(text) {
    let value = 0;
    for (let i = 0; i < text.length; i += 1) value = (value * 31 + text.charCodeAt(i)) >>> 0;
    return value;
  }

  // -- selection: ego network and the unit's tasks --------------------------------------------
  function findNode(unitKey) {
    if (!unitKey) return "";
    const unit = unitByKey.get(unitKey);
    if (unit) {
      const key = nodeOf(unit.index);
      return graph.hasNode(key) ? key : "";
    }
    const key = /^[mty]:/.test(unitKey) ? unitKey : "m:" + unitKey;
    return graph.hasNode(key) ? key : "";
  }

  function unitKeyOf(node) {
    if (node.startsWith("u:")) return units[parseInt(node.slice(2), 10)].key;
    return node;
  }

  function selectNode(node, fromUser) {
    state.node = node;
    if (node) {
      highlight = new Set(graph.neighbors(node));
      highlight.add(node);
      if (fromUser) state.unit = unitKeyOf(node);
    } else {
      highlight = null;
      if (fromUser) state.unit = "";
    }
    showPanel();
    if (fromUser) {
      renderer.refresh({ skipIndexation: true });
      writeFragment();
      if (node) {
        const spot = renderer.getNodeDisplayData(node);
        if (spot) renderer.getCamera().animate({ x: spot.x, y: spot.y, ratio: 0.6 }, { duration: 300 });
      }
    }
  }

  function tasksOf(node) {
    const info = current.nodes.get(node);
    if (!info) return [];
    const rows = [];
    tasks.forEach(function (task) {
      if (!keepsTask(task)) return;
      if (node.startsWith("t:")) {
        if ("t:" + task.target === node) rows.push({ task: task, role: "lead" });
        return;
      }
      if (info.members.has(task.lead) && keepsUnit(units[task.lead])) {
        rows.push({ task: task, role: "lead" });
      } else {
        const partner = task.partners.find(function (p) { return info.members.has(p); });
        if (partner !== undefined && partnersOf(task).indexOf(partner) >= 0) {
          rows.push({ task: task, role: task.inherited.has(partner) ? "inherited" : "partner" });
        }
      }
    });
    return rows;
  }

  function sourceText(task, factKind) {
    const fact = task.sources.find(function (s) { return s[0] === FACTS.indexOf(factKind); });
    if (!fact) return "";
    return fact[2] >= 0 && DATA.cells[fact[2]] ? DATA.cells[fact[2]] : t("line", { n: fact[1] });
  }

  function el(tag, attrs, children) {
    const element = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") element.textContent = attrs[name];
      else element.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) element.appendChild(child); });
    return element;
  }

  function showPanel() {
    const panel = document.getElementById("panel");
    panel.textContent = "";
    const node = state.node;
    if (!node) {
      panel.appendChild(el("p", { class: "hint", text: t("hint") }));
      return;
    }
    const info = current.nodes.get(node);
    const title = graph.getNodeAttribute(node, "label");
    panel.appendChild(el("h2", { id: "panel-title", text: title }));
    if (info && node.startsWith("y:")) {
      const body = DATA.todayBodies[node.slice(2)] || [title, title];
      const formerly = Array.from(info.members).map(function (i) { return unitName(units[i]); });
      panel.appendChild(el("p", { class: "meta" }, [
        el("span", { lang: state.lang === "vi" ? "en" : "vi", text: body[state.lang === "vi" ? 0 : 1] }),
        document.createTextNode(" · " + t("todayNote") + ": " + formerly.sort().join("; ")),
      ]));
    } else if (info && info.unit >= 0) {
      const unit = units[info.unit];
      const other = state.lang === "vi" ? unit.en : unit.vi;
      panel.appendChild(el("p", { class: "meta" }, [
        el("span", { lang: state.lang === "vi" ? "en" : "vi", text: other }),
        document.createTextNode(" · " + kindName(unit.kind)),
      ]));
    } else if (node.startsWith("t:")) {
      panel.appendChild(el("p", { class: "meta", text: conceptText(node.slice(2)) }));
    }
    const rows = tasksOf(node);
    panel.appendChild(el("h3", { text: t("tasksOf", { n: rows.length }) }));
    const table = el("table", { class: "tasks" });
    const head = el("tr", {}, ["task", "text", "role", "period", "target", "source"].map(function (name) {
      return el("th", { scope: "col", text: t("col:" + name) });
    }));
    table.appendChild(el("thead", {}, [head]));
    const body = el("tbody");
    rows.forEach(function (row) {
      const task = row.task;
      const button = el("button", { type: "button", class: "task-link", "data-task": String(task.index), text: task.id });
      button.addEventListener("click", function () { showTask(task.index, true); });
      const factKind = row.role === "lead" ? "lead" : "partner";
      const fact = task.sources.find(function (s) {
        return s[0] === FACTS.indexOf(factKind) && (factKind === "lead" || s[5].some(function (u) { return info && info.members.has(u); }));
      }) || task.sources.find(function (s) { return s[0] === 0; });
      const where = fact ? sourceReference(fact) : "";
      const periods = task.periods.map(periodLabel).join("; ");
      const tr = el("tr", { "data-task": String(task.index) }, [
        el("td", {}, [button]),
        el("td", { lang: "vi", text: task.text }),
        el("td", { text: t("role:" + row.role) }),
        el("td", { text: periods }),
        el("td", { title: conceptText(task.target), text: task.target }),
        el("td", { class: "source", text: where }),
      ]);
      if (several) tr.children[0].appendChild(el("div", { class: "plan", text: DATA.plans[task.plan][0] }));
      body.appendChild(tr);
    });
    table.appendChild(body);
    panel.appendChild(table);
    if (state.task >= 0) showTask(state.task, false);
  }

  function sourceReference(fact) {
    const reference = DATA.cells[fact[2]];
    return reference ? t("lineRef", { n: fact[1], ref: reference }) : t("line", { n: fact[1] });
  }

  function showTask(index, fromUser) {
    state.task = index;
    const box = document.getElementById("source");
    box.textContent = "";
    if (index < 0) { box.hidden = true; writeFragment(); return; }
    const task = tasks[index];
    box.hidden = false;
    box.appendChild(el("h3", { id: "source-title", text: t("sourceOf", { id: task.id, plan: planName(task.plan) }) }));
    const list = el("dl");
    task.sources.forEach(function (fact) {
      const names = fact[5].map(function (u) { return unitName(units[u]); }).join(", ");
      list.appendChild(el("dt", {}, [
        document.createTextNode(t("fact:" + FACTS[fact[0]]) + (names ? " (" + names + ")" : "") + " — "),
        el("span", { class: "where", text: sourceReference(fact) }),
        fact[4] ? el("span", { class: "inherited", text: " · " + t("inheritedNote") }) : null,
      ]));
      list.appendChild(el("dd", { lang: "vi", text: DATA.cells[fact[3]] || "" }));
    });
    box.appendChild(list);
    const close = el("button", { type: "button", text: t("close") });
    close.addEventListener("click", function () { showTask(-1, true); });
    box.appendChild(close);
    if (fromUser) { writeFragment(); box.focus(); }
  }

  // -- hover card --------------------------------------------------------------------------
  const card = document.getElementById("card");
  renderer.on("enterNode", function (event) {
    hovered = event.node;
    const info = current.nodes.get(hovered);
    if (!info) return;
    card.textContent = "";
    card.appendChild(el("strong", { text: graph.getNodeAttribute(hovered, "label") }));
    if (info.unit >= 0 && !hovered.startsWith("t:")) {
      const unit = units[info.unit];
      card.appendChild(el("div", { lang: state.lang === "vi" ? "en" : "vi", text: state.lang === "vi" ? unit.en : unit.vi }));
      card.appendChild(el("div", { text: kindName(unit.kind) }));
      card.appendChild(el("div", { text: t("cardCounts", { led: info.led, partner: info.partner }) }));
    } else {
      card.appendChild(el("div", { text: conceptText(hovered.slice(2)) }));
      card.appendChild(el("div", { text: t("cardTasks", { n: info.tasks }) }));
    }
    const spot = renderer.graphToViewport(graph.getNodeAttributes(hovered));
    card.style.left = Math.min(spot.x + 14, container.clientWidth - 260) + "px";
    card.style.top = Math.max(spot.y - 10, 0) + "px";
    card.hidden = false;
  });
  renderer.on("leaveNode", function () { hovered = ""; card.hidden = true; });
  renderer.on("clickNode", function (event) { selectNode(event.node, true); });
  renderer.on("clickStage", function () { selectNode("", true); showTask(-1, true); });

  // -- search (without diacritics: "so tai nguyen" finds "Sở Tài nguyên") ----------------------
  const search = document.getElementById("search");
  const results = document.getElementById("results");
  function searchCandidates() {
    if (!state.merged) return units.map(function (u) { return { key: u.key, folded: u.folded, unit: u }; });
    const seen = new Map();
    units.forEach(function (u) {
      if (seen.has(u.registry)) return;
      const merged = DATA.merged[u.registry];
      const names = merged ? merged[1] + " | " + merged[0] : u.vi + " | " + u.en;
      seen.set(u.registry, { key: "m:" + u.registry, folded: fold(names), unit: u, merged: merged });
    });
    return Array.from(seen.values());
  }
  function runSearch() {
    const words = fold(search.value);
    results.textContent = "";
    if (!words) { results.hidden = true; search.setAttribute("aria-expanded", "false"); return; }
    const found = searchCandidates().filter(function (c) { return c.folded.indexOf(words) >= 0; }).slice(0, 25);
    found.forEach(function (c, i) {
      const name = c.merged ? c.merged[state.lang === "vi" ? 1 : 0] : unitName(c.unit);
      const other = c.merged ? c.merged[state.lang === "vi" ? 0 : 1] : (state.lang === "vi" ? c.unit.en : c.unit.vi);
      const item = el("li", { role: "option", id: "result-" + i, tabindex: "-1", "data-key": c.key, text: name });
      if (other && other !== name) {
        item.appendChild(el("span", { class: "other", lang: state.lang === "vi" ? "en" : "vi", text: " — " + other }));
      }
      if (several && !c.merged) item.appendChild(el("span", { class: "plan", text: " · " + DATA.plans[c.unit.plan][0] }));
      item.addEventListener("click", function () { choose(c.key); });
      item.addEventListener("keydown", function (event) {
        if (event.key === "Enter") choose(c.key);
        else if (event.key === "ArrowDown" && item.nextSibling) item.nextSibling.focus();
        else if (event.key === "ArrowUp") (item.previousSibling || search).focus();
        else if (event.key === "Escape") search.focus();
        else return;
        event.preventDefault();
      });
      results.appendChild(item);
    });
    if (!found.length) results.appendChild(el("li", { class: "none", text: t("noMatch") }));
    results.hidden = false;
    search.setAttribute("aria-expanded", "true");
  }
  function choose(key) {
    results.hidden = true;
    search.setAttribute("aria-expanded", "false");
    state.unit = key;
    const node = findNode(key);
    if (!node) {
      // filtered out: clear the filters that hide it, then select it
      state.goal = state.target = state.un = state.period = state.plan = "";
      state.hidden.clear();
      state.named = false;
      syncControls();
      redraw();
    }
    selectNode(findNode(key), true);
    const title = document.getElementById("panel-title");
    if (title) title.focus();
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && results.firstChild && results.firstChild.focus) {
      results.firstChild.focus(); event.preventDefault();
    } else if (event.key === "Enter") {
      const first = results.querySelector("li[data-key]");
      if (first) { choose(first.getAttribute("data-key")); event.preventDefault(); }
    } else if (event.key === "Escape") {
      search.value = ""; runSearch();
    }
  });

  // -- controls ----------------------------------------------------------------------------
  function option(value, text, selected) {
    const element = el("option", { value: value, text: text });
    if (selected) element.selected = true;
    return element;
  }
  function fillSelect(id, values, label, chosen) {
    const select = document.getElementById(id);
    select.textContent = "";
    select.appendChild(option("", t("all"), !chosen));
    values.forEach(function (value) { select.appendChild(option(value, label(value), value === chosen)); });
  }
  function syncControls() {
    document.getElementById("view").value = state.view;
    fillSelect("goal", DATA.goals, function (g) { return g + " · " + conceptText(g); }, state.goal);
    const targets = Array.from(new Set(tasks.map(function (x) { return x.target; })))
      .filter(function (n) { return !state.goal || n === state.goal || n.split(".")[0] === state.goal; })
      .sort(codeOrder);
    fillSelect("target", targets, function (n) { return n + " · " + clip(conceptText(n), 60); }, state.target);
    const un = new Set();
    tasks.forEach(function (x) {
      if (state.goal && x.goal !== state.goal) return;
      const concept = DATA.concepts[x.concept];
      if (concept) concept[2].forEach(function (code) { un.add(code); });
    });
    fillSelect("un", Array.from(un).sort(codeOrder), function (n) { return n + " · " + clip(DATA.un[n] || "", 60); }, state.un);
    fillSelect("period", DATA.periods, function (p) { return UI[state.lang]["period:" + p] || p; }, state.period);
    const planRow = document.getElementById("plan-row");
    planRow.hidden = !several;
    if (several) fillSelect("plan", DATA.plans.map(function (p) { return p[0]; }), function (id) {
      const found = DATA.plans.findIndex(function (p) { return p[0] === id; });
      return found >= 0 ? planName(found) : id;
    }, state.plan);
    document.getElementById("merged-row").hidden = !several;
    document.getElementById("merged").checked = state.merged;
    document.getElementById("structure-row").hidden = !hasToday;
    document.getElementById("structure-2017").checked = !state.today;
    document.getElementById("structure-today").checked = state.today;
    document.getElementById("named").checked = state.named;
    document.getElementById("reading-i").checked = state.reading === "i";
    document.getElementById("reading-w").checked = state.reading === "w";
    const kinds = document.getElementById("kinds");
    kinds.textContent = "";
    const present = new Set(units.map(function (u) { return u.kind; }));
    DATA.groups.forEach(function (group, g) {
      const members = DATA.kinds.map(function (k, i) { return [k, i]; }).filter(function (pair) {
        return pair[0][3] === g && present.has(pair[1]);
      });
      if (!members.length) return;
      const box = el("fieldset", { class: "group" }, [
        el("legend", {}, [el("span", { class: "swatch", style: "background:" + group[3] }), document.createTextNode(group[state.lang === "vi" ? 2 : 1])]),
      ]);
      members.forEach(function (pair) {
        const id = "kind-" + pair[0][0];
        const input = el("input", { type: "checkbox", id: id, "data-kind": String(pair[1]) });
        input.checked = !state.hidden.has(pair[1]);
        input.addEventListener("change", function () {
          if (input.checked) state.hidden.delete(pair[1]); else state.hidden.add(pair[1]);
          redraw();
        });
        box.appendChild(el("label", { for: id }, [input, document.createTextNode(" " + kindName(pair[1]))]));
      });
      kinds.appendChild(box);
    });
    legend();
    words();
  }
  function codeOrder(a, b) {
    const pa = a.split("."); const pb = b.split(".");
    for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
      if (pa[i] === undefined) return -1;
      if (pb[i] === undefined) return 1;
      const na = parseInt(pa[i], 10); const nb = parseInt(pb[i], 10);
      if (!isNaN(na) && !isNaN(nb) && na !== nb) return na - nb;
      if (isNaN(na) !== isNaN(nb)) return isNaN(na) ? 1 : -1;
      if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
    }
    return 0;
  }
  function clip(text, width) { return text.length <= width ? text : text.slice(0, width - 1) + "…"; }

  function legend() {
    const box = document.getElementById("legend-items");
    box.textContent = "";
    const present = new Set(units.map(function (u) { return DATA.kinds[u.kind][3]; }));
    DATA.groups.forEach(function (group, g) {
      if (!present.has(g)) return;
      box.appendChild(el("li", {}, [el("span", { class: "swatch", style: "background:" + group[3] }), document.createTextNode(group[state.lang === "vi" ? 2 : 1])]));
    });
    box.appendChild(el("li", {}, [el("span", { class: "dot lead" }), document.createTextNode(t("legendLead"))]));
    box.appendChild(el("li", {}, [el("span", { class: "dot" }), document.createTextNode(t("legendPartner"))]));
    if (state.view === "at") box.appendChild(el("li", {}, [el("span", { class: "dot target" }), document.createTextNode(t("legendTarget"))]));
    box.appendChild(el("li", { text: t(state.view === "lp" ? "legendArrow" : state.view === "at" ? "legendTie" : "legendCopartner") }));
    box.appendChild(el("li", { text: t("legendSize") }));
  }

  function words() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    document.querySelectorAll("[data-i18n-label]").forEach(function (node) {
      node.setAttribute("aria-label", t(node.getAttribute("data-i18n-label")));
    });
    search.placeholder = t("searchPlaceholder");
    const viewSelect = document.getElementById("view");
    Array.from(viewSelect.options).forEach(function (o) { o.textContent = t("view:" + o.value); });
    const other = state.lang === "vi" ? "en" : "vi";
    document.getElementById("lang").textContent = t("switchTo");
    document.getElementById("lang").setAttribute("lang", other);
    const back = document.getElementById("back");
    back.href = DATA.reports[state.lang] || DATA.reports.en || "report.html";
    document.title = t("title");
  }

  function status() {
    const edges = graph.size;
    document.getElementById("status").textContent = t("status", {
      nodes: graph.order, edges: edges, tasks: current.tasks,
    });
  }

  function bind(id, event, apply) {
    document.getElementById(id).addEventListener(event, function (e) { apply(e.target); redraw(); });
  }
  bind("view", "change", function (x) { state.view = x.value; legend(); });
  bind("goal", "change", function (x) { state.goal = x.value; state.target = ""; state.un = ""; syncControls(); });
  bind("target", "change", function (x) { state.target = x.value; });
  bind("un", "change", function (x) { state.un = x.value; });
  bind("period", "change", function (x) { state.period = x.value; });
  bind("plan", "change", function (x) { state.plan = x.value; });
  bind("named", "change", function (x) { state.named = x.checked; });
  bind("merged", "change", function (x) { state.merged = x.checked; state.unit = ""; });
  bind("structure-2017", "change", function () { state.today = false; state.unit = ""; });
  bind("structure-today", "change", function () { state.today = true; state.unit = ""; });
  bind("reading-i", "change", function () { state.reading = "i"; });
  bind("reading-w", "change", function () { state.reading = "w"; });
  document.getElementById("lang").addEventListener("click", function () {
    state.lang = state.lang === "vi" ? "en" : "vi";
    syncControls();
    graph.forEachNode(function (key) {
      const info = current.nodes.get(key);
      if (info) graph.setNodeAttribute(key, "label", nodeLabel(info));
    });
    showPanel();
    status();
    runSearch();
    writeFragment();
  });
  document.getElementById("reset").addEventListener("click", function () {
    state.goal = state.target = state.un = state.period = state.plan = state.unit = "";
    state.hidden.clear(); state.named = false; state.reading = "i"; state.task = -1;
    syncControls(); redraw(); showTask(-1, true);
    renderer.getCamera().animatedReset({ duration: 200 });
  });

  // -- keyboard ----------------------------------------------------------------------------
  container.addEventListener("keydown", function (event) {
    const camera = renderer.getCamera();
    const step = 0.1 * camera.ratio;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) {
      const s = camera.getState();
      camera.setState({ x: s.x + moves[event.key][0], y: s.y + moves[event.key][1] });
    } else if (event.key === "+" || event.key === "=") camera.animatedZoom({ duration: 150 });
    else if (event.key === "-") camera.animatedUnzoom({ duration: 150 });
    else if (event.key === "0") camera.animatedReset({ duration: 150 });
    else if (event.key === "Escape") { selectNode("", true); showTask(-1, true); }
    else return;
    event.preventDefault();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== search) { search.focus(); event.preventDefault(); }
  });

  // -- export of the view ------------------------------------------------------------------
  function download(name, url) {
    const link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  function snapshot() {
    renderer.refresh({ skipIndexation: true }); // draws now: the WebGL buffers are read below
    const canvases = renderer.getCanvases();
    const width = container.clientWidth; const height = container.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    const out = document.createElement("canvas");
    out.width = width * ratio; out.height = height * ratio;
    const context = out.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, out.width, out.height);
    ["edges", "nodes", "edgeLabels", "labels", "hovers", "hoverNodes"].forEach(function (layer) {
      if (canvases[layer]) context.drawImage(canvases[layer], 0, 0, out.width, out.height);
    });
    return out;
  }
  document.getElementById("png").addEventListener("click", function () {
    download("sdgkg-network.png", snapshot().toDataURL("image/png"));
  });
  function svgText() {
    const width = container.clientWidth; const height = container.clientHeight;
    const esc = function (s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; }); };
    const parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + height + '" viewBox="0 0 ' + width + " " + height + '" font-family="sans-serif">',
      '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>',
      '<rect width="100%" height="100%" fill="#fff"/>'];
    const spot = {};
    graph.forEachNode(function (key, attrs) {
      const data = renderer.getNodeDisplayData(key);
      const p = renderer.graphToViewport(attrs);
      spot[key] = { x: p.x, y: p.y, r: data ? renderer.scaleSize(data.size) : attrs.size };
    });
    graph.forEachEdge(function (key, attrs, source, target) {
      const shown = renderer.getEdgeDisplayData(key);
      if (shown && shown.hidden) return;
      const a = spot[source]; const b = spot[target];
      const dx = b.x - a.x; const dy = b.y - a.y; const d = Math.hypot(dx, dy) || 1;
      const x2 = b.x - dx / d * b.r; const y2 = b.y - dy / d * b.r;
      parts.push('<line x1="' + a.x.toFixed(1) + '" y1="' + a.y.toFixed(1) + '" x2="' + x2.toFixed(1) + '" y2="' + y2.toFixed(1) + '" stroke="#555" stroke-opacity="0.45" stroke-width="' + Math.max(0.5, attrs.size).toFixed(1) + '"' + (attrs.type === "arrow" ? ' marker-end="url(#arrow)"' : "") + "/>");
    });
    graph.forEachNode(function (key, attrs) {
      const shown = renderer.getNodeDisplayData(key);
      const s = spot[key];
      if (s.x < -50 || s.y < -50 || s.x > width + 50 || s.y > height + 50) return;
      const colour = shown ? shown.color : attrs.color;
      const border = shown && shown.borderColor ? shown.borderColor : attrs.borderColor;
      parts.push('<circle cx="' + s.x.toFixed(1) + '" cy="' + s.y.toFixed(1) + '" r="' + s.r.toFixed(1) + '" fill="' + colour + '" stroke="' + border + '" stroke-width="' + (s.r * 0.3).toFixed(1) + '"/>');
    });
    placedLabels.forEach(function (box) { // the labels as placed on screen
      parts.push('<text x="' + box.x.toFixed(1) + '" y="' + (box.y + LABEL_HEIGHT / 2).toFixed(1) + '" dominant-baseline="middle" font-size="' + LABEL_SIZE + '" font-weight="' + LABEL_WEIGHT + '" stroke="#fff" stroke-width="' + LABEL_HALO.width + '" stroke-opacity="' + LABEL_HALO.opacity + '" paint-order="stroke">' + esc(box.label) + "</text>");
    });
    parts.push("</svg>");
    return parts.join("\n");
  }
  document.getElementById("svg").addEventListener("click", function () {
    const blob = new Blob([svgText()], { type: "image/svg+xml" });
    const url = URL.createObjectURL(blob);
    download("sdgkg-network.svg", url);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  // -- start ---------------------------------------------------------------------------------
  readFragment();
  syncControls();
  redraw();
  if (state.task >= 0 && !state.node) showTask(state.task, false);
  window.addEventListener("hashchange", function () {
    readFragment(); syncControls(); redraw();
  });

  // For tests and benchmarks: what is drawn, read from the graph sigma renders.
  window.sdgkgExplorer = {
    counts: function () { return { nodes: graph.order, edges: graph.size, tasks: current.tasks }; },
    units: function () {
      const found = new Set();
      graph.forEachNode(function (key) {
        const info = current.nodes.get(key);
        if (info && !key.startsWith("t:")) info.members.forEach(function (i) { found.add(units[i].iri); });
      });
      return Array.from(found).sort();
    },
    label: function (unitKey) { const node = findNode(unitKey); return node ? graph.getNodeAttribute(node, "label") : null; },
    viewport: function (unitKey) {
      const node = findNode(unitKey);
      return node ? renderer.graphToViewport(graph.getNodeAttributes(node)) : null;
    },
    lastRedraw: function () { return lastRedraw; },
    // the labels drawn in the last frame, in viewport pixels, and the graph's own box
    labels: function () { return placedLabels.map(function (box) { return Object.assign({}, box); }); },
    stage: function () {
      const canvas = renderer.getCanvases().labels;
      return {
        width: container.clientWidth, height: container.clientHeight,
        canvasWidth: canvas.clientWidth, canvasHeight: canvas.clientHeight,
      };
    },
    svg: svgText,
    png: function () { return snapshot().toDataURL("image/png"); },
  };
  document.body.setAttribute("data-ready", "1");
})();

// GradViz's interactive page. Reads the figure's data from #gradviz-data (written by
// InteractiveFigure: names and numbers as the figure writes them; keys ending in HTML are
// escaped markup, every other string is inserted as text) and exposes window.gradviz.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gradviz-data").textContent);
  // Nodes, edges and selections come as tables by column (see InteractiveFigure.data): rows here.
  function rows(table) {
    var keys = Object.keys(table);
    var count = keys.length > 0 ? table[keys[0]].length : 0;
    var made = [];
    for (var row = 0; row < count; row++) {
      var item = {};
      keys.forEach(function (key) { item[key] = table[key][row]; });
      made.push(item);
    }
    return made;
  }
  data.nodes = rows(data.nodes);
  data.edges = rows(data.edges);
  data.selections = rows(data.selections);
  var figure = document.getElementById("figure");
  var svg = figure.querySelector("svg");
  var panel = document.getElementById("panel");
  var tooltip = document.getElementById("tooltip");
  var captionBox = document.getElementById("caption");
  var frameNumber = document.getElementById("frame-number");
  var mainElement = document.querySelector("main");
  var panelButton = document.getElementById("panel-toggle");
  // The side panel takes the drawing's width only while a node is selected, unless folded.
  var folded = false;
  // What the header says the page is, until a frame is stepped to.
  var intro = captionBox.textContent;
  var nodeElements = data.nodes.map(function (node) { return document.getElementById(node.id); });
  var edgeElements = data.edges.map(function (edge) { return document.getElementById(edge.id); });
  var nodeIndex = new Map();
  data.nodes.forEach(function (node, index) { nodeIndex.set(node.name, index); });
  var selected = null;
  // The path a path frame lights alone (its number), undefined for every listed path.
  var resting;
  var build = JSON.parse(document.getElementById("gradviz-frames").textContent);
  var frames = build.frames;
  var frame = 0;
  // The drawing's own contents of every group a frame changes, to restore them.
  var original = new Map();

  function element(tag, className, html) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (html !== undefined) made.innerHTML = html;
    return made;
  }

  function textElement(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    made.textContent = text;
    return made;
  }

  // The view edges of a path: a chain of [edge, next] steps.
  function pathEdges(step) {
    var edges = [];
    while (step >= 0) {
      edges.push(data.steps[step][0]);
      step = data.steps[step][1];
    }
    return edges;
  }

  // Path `number`'s dash and colour: the page's CSS variable, which follows the light/dark
  // switch, or the figure's colour.
  function look(number) {
    var index = number % data.paths.length;
    var style = data.paths[index];
    return { color: "var(--path" + index + ", " + style.color + ")", dash: style.dash };
  }

  function unlight() {
    svg.classList.remove("selecting");
    edgeElements.forEach(function (edge) {
      edge.classList.remove("on-path", "dash-dashed", "dash-dotted");
      edge.style.removeProperty("--path-color");
    });
    nodeElements.forEach(function (node) { node.classList.remove("lit", "selected"); });
  }

  // Lights the listed paths of the selection (or only path `only`, by default the one a path
  // frame lights), each in its colour; an edge on several paths takes the colour of the largest.
  function light(only) {
    if (only === undefined) only = resting;
    unlight();
    if (selected === null) return;
    var selection = data.selections[selected];
    svg.classList.add("selecting");
    nodeElements[selected].classList.add("selected", "lit");
    selection.paths.forEach(function (path, number) {
      if (only !== undefined && only !== number) return;
      pathEdges(path[0]).forEach(function (index) {
        var edge = edgeElements[index];
        nodeElements[data.edges[index].to].classList.add("lit");
        if (edge.classList.contains("on-path")) return;
        edge.classList.add("on-path");
        var style = look(number);
        edge.style.setProperty("--path-color", style.color);
        if (style.dash !== "solid") edge.classList.add("dash-" + style.dash);
      });
    });
    panel.querySelectorAll("tr.path").forEach(function (row) {
      row.classList.toggle("dimmed", only !== undefined && Number(row.dataset.path) !== only);
    });
  }

  function setPanelOpen(open) {
    mainElement.classList.toggle("panel-open", open);
    if (panelButton) panelButton.setAttribute("aria-expanded", String(open));
  }

  // Whether the current frame has revealed the numbers the panel shows (local derivatives,
  // products, the sum): from the last backward frame on (the whole figure, the paths, the sum),
  // and always on a page without frames. Before it, the panel shows the paths without numbers.
  var lastBackward = 0;
  frames.forEach(function (shown, index) { if (shown.step === "backward") lastBackward = index + 1; });
  function numbersRevealed() {
    return frame === 0 || frame >= lastBackward;
  }

  function showPanel() {
    panel.textContent = "";
    setPanelOpen(selected !== null && !folded);
    if (selected === null) {
      panel.appendChild(textElement("p", "hint",
        "Click a node (or Tab to it and press Enter) to see every path from it to the output."));
      return;
    }
    var selection = data.selections[selected];
    var numbers = numbersRevealed();
    panel.appendChild(element("h2", "heading", selection.headingHTML));
    var table = element("table", "legend");
    if (selection.paths.length > 0) {
      var head = element("tr");
      ["", "path and local derivatives", numbers ? "product" : ""].forEach(function (title) {
        head.appendChild(textElement("th", "", title));
      });
      table.appendChild(element("thead")).appendChild(head);
    }
    var body = table.appendChild(element("tbody"));
    selection.paths.forEach(function (path, number) {
      var edges = pathEdges(path[0]);
      var row = element("tr", "path");
      row.dataset.path = String(number);
      row.tabIndex = 0;
      var style = look(number);
      var swatch = element("span", "swatch dash-" + style.dash);
      swatch.style.setProperty("--path-color", style.color);
      var sample = element("td");
      sample.appendChild(swatch);
      row.appendChild(sample);
      var route = [data.nodes[selected].labelHTML].concat(edges.map(function (index) {
        return data.nodes[data.edges[index].to].labelHTML;
      }));
      var cell = element("td");
      cell.appendChild(element("div", "route", route.join(" → ")));
      // The local derivatives as the figure's legend writes them (InteractiveFigure.data).
      cell.appendChild(element("div", "factors", numbers ? path[2] : path[3]));
      row.appendChild(cell);
      row.appendChild(textElement("td", "product", numbers ? path[1] : ""));
      row.addEventListener("mouseenter", function () { light(number); });
      row.addEventListener("mouseleave", function () { light(); });
      row.addEventListener("focus", function () { light(number); });
      row.addEventListener("blur", function () { light(); });
      body.appendChild(row);
    });
    if (numbers) selection.sums.forEach(function (line) {
      // [captionHTML, value, mark, isGradient]
      var row = element("tr", line[3] ? "sum gradient" : "sum");
      row.appendChild(element("td"));
      row.appendChild(element("td", "caption", line[0]));
      var value = textElement("td", "product", line[1]);
      if (line[2]) value.appendChild(textElement("span", "mark", " " + line[2]));
      row.appendChild(value);
      body.appendChild(row);
    });
    panel.appendChild(table);
  }

  function select(name) {
    var index = nodeIndex.get(String(name));
    if (index === undefined) return null;
    selected = index;
    resting = undefined;
    showPanel();
    light();
    var selection = data.selections[index];
    return {
      pathCount: selection.pathCount,
      shown: selection.shown,
      pathSum: selection.pathSum,
      gradient: selection.gradient
    };
  }

  function clear() {
    selected = null;
    resting = undefined;
    unlight();
    showPanel();
    hideTooltip();
  }

  // Tooltips: a node's numbers, an edge's local derivative (its formula, then its number) and
  // the expression it came from.
  function showTooltip(html, x, y) {
    tooltip.innerHTML = html;
    tooltip.hidden = false;
    var width = tooltip.offsetWidth;
    var left = Math.min(x + 14, window.innerWidth - width - 8);
    tooltip.style.left = Math.max(4, left) + "px";
    tooltip.style.top = (y + 14) + "px";
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function nodeTooltip(index) {
    var node = data.nodes[index];
    var html = "<b>" + node.labelHTML + "</b>";
    if (node.expressionHTML != null) html += " <span class=\"muted\">" + node.expressionHTML + "</span>";
    html += "<br>value " + escapeText(node.value);
    if (node.gradient !== null) html += "<br>gradient " + escapeText(node.gradient);
    html += "<br><span class=\"muted\">" + escapeText(node.kind + ", " + node.shape) + "</span>";
    return html;
  }

  function edgeTooltip(index) {
    var edge = data.edges[index];
    var html = escapeText(edge.factor);
    if (edge.formulaHTML !== null) html = edge.formulaHTML + " = " + html;
    if (edge.symbolHTML !== null) html = edge.symbolHTML + " = " + html;
    var child = data.nodes[edge.to];
    if (child.expressionHTML == null) return html;
    return html + "<br><span class=\"muted\">from " + child.labelHTML + " " + child.expressionHTML + "</span>";
  }

  nodeElements.forEach(function (node, index) {
    markBorder(node);
    // Tab stops and accessible names here rather than in the file: a thousand nodes' worth.
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", data.nodes[index].name);
    node.addEventListener("click", function (event) {
      event.stopPropagation();
      if (!moved) select(data.nodes[index].name);
    });
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(data.nodes[index].name);
      }
    });
    node.addEventListener("mouseenter", function (event) { showTooltip(nodeTooltip(index), event.clientX, event.clientY); });
    node.addEventListener("mouseleave", hideTooltip);
    node.addEventListener("focus", function () {
      var box = node.getBoundingClientRect();
      showTooltip(nodeTooltip(index), box.left, box.bottom);
    });
    node.addEventListener("blur", hideTooltip);
  });
  edgeElements.forEach(function (edge, index) {
    edge.addEventListener("mouseenter", function (event) { showTooltip(edgeTooltip(index), event.clientX, event.clientY); });
    edge.addEventListener("mouseleave", hideTooltip);
  });

  // Pan and zoom, by rewriting the SVG's viewBox.
  var home = svg.viewBox.baseVal;
  var initial = { x: home.x, y: home.y, width: home.width, height: home.height };
  var box = { x: initial.x, y: initial.y, width: initial.width, height: initial.height };
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");

  function applyBox() {
    svg.setAttribute("viewBox", [box.x, box.y, box.width, box.height].join(" "));
  }

  function fit() {
    box = { x: initial.x, y: initial.y, width: initial.width, height: initial.height };
    applyBox();
  }

  // Zooms by `factor` (>1 zooms in) about the point (px, py) of the figure, in client pixels.
  function zoom(factor, px, py) {
    var rect = svg.getBoundingClientRect();
    if (px === undefined) { px = rect.left + rect.width / 2; py = rect.top + rect.height / 2; }
    var point = svg.createSVGPoint();
    point.x = px;
    point.y = py;
    var matrix = svg.getScreenCTM();
    if (!matrix) return;
    var at = point.matrixTransform(matrix.inverse());
    var width = Math.min(Math.max(box.width / factor, initial.width / 40), initial.width * 8);
    var scale = width / box.width;
    box = {
      x: at.x - (at.x - box.x) * scale,
      y: at.y - (at.y - box.y) * scale,
      width: width,
      height: box.height * scale
    };
    applyBox();
  }

  var drag = null;
  var moved = false;
  figure.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(Math.exp(-event.deltaY * 0.0015), event.clientX, event.clientY);
  }, { passive: false });
  figure.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, box: { x: box.x, y: box.y, width: box.width, height: box.height } };
    moved = false;
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var dx = event.clientX - drag.x;
    var dy = event.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    moved = true;
    figure.classList.add("panning");
    var matrix = svg.getScreenCTM();
    if (!matrix) return;
    box.x = drag.box.x - dx / matrix.a;
    box.y = drag.box.y - dy / matrix.d;
    applyBox();
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    figure.classList.remove("panning");
  });
  figure.addEventListener("click", function (event) {
    if (!moved && event.target.closest && !event.target.closest("g.node")) clear();
    moved = false;
  });

  // Frames: the slide build of `gradviz frames` (structure, forward, backward; with --wrt each
  // path and their sum) on the drawing's layout. The drawing is the last backward frame; frame k
  // (from 1) replaces the contents of the groups that differ from it, keeping the groups
  // themselves (and their listeners and data). A path frame (`lit`: a path's number, or -1 for
  // every path) selects the --wrt node as a click does and lights that path alone, or all.
  function markBorder(node) {
    var border = node.querySelector("polygon, path, ellipse");
    if (border) border.classList.add("border");
  }

  function setGroup(id, markup) {
    var group = document.getElementById(id);
    if (!group) return;
    if (!original.has(id)) original.set(id, group.innerHTML);
    group.innerHTML = markup === undefined ? original.get(id) : markup;
    if (group.classList.contains("node")) markBorder(group);
  }

  function step(k) {
    if (frames.length === 0) return null;
    var number = Math.max(1, Math.min(frames.length, Math.round(Number(k)) || 1));
    var before = frame > 0 ? frames[frame - 1] : null;
    var previous = before ? before.groups : {};
    var shown = frames[number - 1];
    var next = shown.groups;
    Object.keys(previous).forEach(function (id) { if (!(id in next)) setGroup(id, undefined); });
    Object.keys(next).forEach(function (id) { setGroup(id, build.markup[next[id]]); });
    frame = number;
    if (shown.lit !== undefined && data.selected !== null) {
      select(data.nodes[data.selected].name);
      resting = shown.lit >= 0 ? shown.lit : undefined;
      light();
    } else if (before && before.lit !== undefined) {
      clear();
    } else if (selected !== null) {
      // The panel shows what this frame has revealed.
      showPanel();
      light();
    }
    captionBox.textContent = shown.caption;
    frameNumber.textContent = number + " / " + frames.length;
    document.documentElement.dataset.frame = String(number);
    return shown.caption;
  }

  function showFrameControls() {
    var disabled = frames.length === 0;
    document.getElementById("previous").disabled = disabled;
    document.getElementById("next").disabled = disabled;
    if (disabled) frameNumber.textContent = "no frames";
    // Why (`note`, when frames were left out): in the header, where a frame's caption goes.
    if (disabled && build.note) captionBox.textContent = build.note;
  }

  document.getElementById("previous").addEventListener("click", function () { step(frame - 1); });
  document.getElementById("next").addEventListener("click", function () { step(frame + 1); });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("fit").addEventListener("click", fit);
  if (panelButton) {
    panelButton.addEventListener("click", function () {
      folded = mainElement.classList.contains("panel-open");
      setPanelOpen(!folded);
    });
  }

  // Theme: the figure's own, or its light/dark counterpart when the reader prefers it.
  var themeButton = document.getElementById("theme");
  var prefersDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var chosen = null;
  function applyTheme() {
    var dark = chosen !== null ? chosen === "dark" : (prefersDark !== null && prefersDark.matches);
    var alternate = data.theme === "light" ? dark : data.theme === "dark" ? !dark : false;
    document.documentElement.classList.toggle("alternate", alternate);
  }
  if (themeButton) {
    themeButton.addEventListener("click", function () {
      var now = document.documentElement.classList.contains("alternate") !== (data.theme === "dark");
      chosen = now ? "light" : "dark";
      applyTheme();
    });
    if (prefersDark && prefersDark.addEventListener) prefersDark.addEventListener("change", applyTheme);
    applyTheme();
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
    switch (event.key) {
      case "Escape": clear(); break;
      case "ArrowLeft": step(frame - 1); break;
      case "ArrowRight": step(frame + 1); break;
      case "+": case "=": zoom(1.25); break;
      case "-": zoom(0.8); break;
      case "0": fit(); break;
      case "t": if (themeButton) themeButton.click(); break;
      case "p": if (panelButton) panelButton.click(); break;
      default: return;
    }
    event.preventDefault();
  });

  window.gradviz = {
    select: select,
    clear: clear,
    step: step,
    frameCount: function () { return frames.length; },
    zoom: function (factor) { zoom(Number(factor)); },
    fit: fit
  };

  showFrameControls();
  function requestedFrame() {
    var requested = /(?:^#|&)frame=(\d+)/.exec(window.location.hash);
    return requested ? Number(requested[1]) : null;
  }
  window.addEventListener("hashchange", function () {
    var requested = requestedFrame();
    if (requested !== null) step(requested);
  });
  if (frames.length > 0) {
    var requested = requestedFrame();
    step(requested || frames.length);
    // Opened at the whole figure, the header says what the page is, not that frame's caption.
    if (!requested) captionBox.textContent = intro;
  }
  if (data.selected !== null && (frame === 0 || frames[frame - 1].lit === undefined)) {
    select(data.nodes[data.selected].name);
  }
})();

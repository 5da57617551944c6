// The calculator on the part-5 page: the glue around the generated arithmetic.
//
// Every number it shows is computed by cross-entropy.generated.js, which the build prints from
// the derivation's SymPy formulas (derivations/calculator.py); this file holds no formula. It
// builds the form inside [data-calculator] (which says, until then, that JavaScript is needed),
// reads the fields on every `input` and `change`, marks what is wrong where it is, shows the
// results with the page's rounding and draws the bars. Loaded by the part-5 page only, after the
// generated module. Under navigation.instant the theme inserts both scripts again whenever the
// page is entered, and they then run in whichever order they arrive: so it waits for the
// module if need be, and sets up the calculator found in the page as it is now, once.
(function () {
  "use strict";
  var root = document.querySelector("[data-calculator]");
  var module = document.querySelector('script[src$="cross-entropy.generated.js"]');
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "true";
  var xe, labels, settings;
  var SVG = "http://www.w3.org/2000/svg";
  var DECIMAL = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/;
  var state;  // {y: rows of field texts, trueClass: 1-based per row, base, signDropped}
  var parts = {};
  var drawing = false;  // true while the table is replaced

  function say(key, values) {
    return labels[key].replace(/\$\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function make(tag, attributes, children) {
    var node = tag.indexOf("svg:") === 0 ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== false) node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // E with a subscript, as the page writes the names.
  function name(subscript) {
    return make("span", {"class": "xc-name"}, ["E"].concat(subscript ? [make("sub", {}, [String(subscript)])] : []));
  }

  function button(key, action) {
    var node = make("button", {type: "button", "class": "md-button", "data-action": key}, [labels[key]]);
    node.addEventListener("click", action);
    return node;
  }

  function load(preset) {
    state = {y: preset.y.map(function (row) { return row.slice(); }), trueClass: preset.trueClass.slice(),
             base: preset.base, signDropped: preset.signDropped};
    root.querySelector('[name="xc-base"][value="' + state.base + '"]').checked = true;
    parts.sign.checked = state.signDropped;
    drawTable();
  }

  function controls() {
    var presets = make("div", {"class": "xc-presets", role: "group", "aria-label": labels.presets}, [
      button("preset.correct", function () { load(settings.presets.correct); }),
      button("preset.article", function () { load(settings.presets.article); })]);
    var bases = make("fieldset", {"class": "xc-base"}, [make("legend", {}, [labels.base])].concat(
      ["e", "2", "10"].map(function (base) {
        return make("label", {}, [make("input", {type: "radio", name: "xc-base", value: base}), " " + labels["base." + base]]);
      })));
    parts.sign = make("input", {type: "checkbox", "data-sign": ""});
    var sign = make("label", {"class": "xc-sign"}, [parts.sign, " " + labels.sign]);
    return [presets, make("p", {"class": "xc-note"}, [labels["preset.article.note"]]), bases, sign];
  }

  function sizeButtons() {
    var limits = {samples: settings.samples, classes: settings.classes};
    parts.size = {
      "add-sample": button("add-sample", function () { state.y.push(state.y[state.y.length - 1].slice());
        state.trueClass.push(state.trueClass[state.trueClass.length - 1]); drawTable(); }),
      "remove-sample": button("remove-sample", function () { state.y.pop(); state.trueClass.pop(); drawTable(); }),
      "add-class": button("add-class", function () { state.y.forEach(function (row) { row.push("0"); }); drawTable(); }),
      "remove-class": button("remove-class", function () {
        state.y.forEach(function (row) { row.pop(); });
        state.trueClass = state.trueClass.map(function (c) { return Math.min(c, state.y[0].length); });
        drawTable();
      })};
    parts.limits = limits;
    return make("div", {"class": "xc-size"}, Object.keys(parts.size).map(function (key) { return parts.size[key]; }));
  }

  function drawTable() {
    var samples = state.y.length, classes = state.y[0].length;
    var head = make("tr", {}, [make("td", {}, [])].concat(
      state.y[0].map(function (_, k) { return make("th", {scope: "col"}, [say("class", {"class": k + 1})]); }),
      [make("th", {scope: "col"}, [labels.true]), make("th", {scope: "col"}, [labels.loss, " ", name("i")])]));
    var body = make("tbody", {}, []);
    state.y.forEach(function (row, index) {
      body.appendChild(sampleRow(index + 1, classes));
      body.appendChild(make("tr", {"class": "xc-message", hidden: "hidden", "data-message": index + 1}, [
        make("td", {colspan: classes + 3}, [make("div", {"class": "xc-message-body"}, [
          make("span", {id: "xc-message-" + (index + 1)}, []), button("normalize", normalize.bind(null, index + 1))])])]));
    });
    // A focused field fires `change` as it is removed; its value is in `state` already (from its
    // `input` events), and the state may have outgrown the old table: that event is ignored.
    drawing = true;
    parts.table.replaceChildren(make("caption", {}, [labels.caption]), make("thead", {}, [head]), body);
    drawing = false;
    parts.size["add-sample"].disabled = samples >= parts.limits.samples[1];
    parts.size["remove-sample"].disabled = samples <= parts.limits.samples[0];
    parts.size["add-class"].disabled = classes >= parts.limits.classes[1];
    parts.size["remove-class"].disabled = classes <= parts.limits.classes[0];
    update();
  }

  function sampleRow(i, classes) {
    var cells = [make("th", {scope: "row"}, [say("sample", {sample: i})])];
    state.y[i - 1].forEach(function (text, k) {
      cells.push(make("td", {}, [make("input", {type: "text", inputmode: "decimal", size: 8, value: text,
        "data-y": i + "," + (k + 1), "aria-label": say("field.y", {sample: i, "class": k + 1}),
        "aria-describedby": "xc-message-" + i})]));
    });
    var options = [];
    for (var c = 1; c <= classes; c++) {
      options.push(make("option", {value: c, selected: c === state.trueClass[i - 1]}, [say("option", {"class": c})]));
    }
    cells.push(make("td", {}, [make("select", {"data-true": i, "aria-label": say("field.true", {sample: i})}, options)]));
    cells.push(make("td", {}, [make("output", {"data-result": "E_i", "data-i": i}, [])]));
    return make("tr", {}, cells);
  }

  function normalize(i) {
    var numbers = state.y.map(function (row) { return row.map(Number); });
    state.y[i - 1] = state.y[i - 1].map(function (_, k) {
      return String(Number(xe.normalized(numbers, i, k + 1, numbers[0].length).toPrecision(12)));
    });
    state.y[i - 1].forEach(function (text, k) { root.querySelector('[data-y="' + i + "," + (k + 1) + '"]').value = text; });
    update();
    root.querySelector('[data-y="' + i + ',1"]').focus();
  }

  // The number a field holds, or null if it is not a probability.
  function probability(text) {
    var value = DECIMAL.test(text) ? Number(text) : NaN;
    return value >= 0 && value <= 1 ? value : null;
  }

  function shown(value) {
    if (value === null || Number.isNaN(value)) return "—";
    if (value === Infinity) return "∞";
    if (value === -Infinity) return "−∞";
    var text = value.toFixed(settings.shownPlaces);
    return /^-0\.0*$/.test(text) ? text.slice(1) : text;
  }

  function update() {
    var samples = state.y.length, classes = state.y[0].length;
    var base = xe.bases[state.base], losses = state.signDropped ? xe.signDropped : xe;
    var y = state.y.map(function (row) { return row.map(probability); });
    var t = state.trueClass.map(function (c) { return state.y[0].map(function (_, k) { return k + 1 === c ? 1 : 0; }); });
    var values = [], complete = true;
    for (var i = 1; i <= samples; i++) {
      var problems = [], row = y[i - 1], valid = row.every(function (v) { return v !== null; });
      row.forEach(function (v, k) {
        root.querySelector('[data-y="' + i + "," + (k + 1) + '"]').setAttribute("aria-invalid", String(v === null));
      });
      var sum = valid ? xe.rowSum(y, i, classes) : null;
      if (!valid) problems.push(labels["error.range"]);
      else if (Math.abs(sum - 1) > settings.tolerance) problems.push(say("error.sum", {sum: shown(sum)}));
      if (valid && row[state.trueClass[i - 1] - 1] === 0) problems.push(labels["error.zero"]);
      values.push(valid ? losses.sampleLoss(t, y, i, classes, base) : null);
      complete = complete && valid;
      message(i, problems, valid && Math.abs(sum - 1) > settings.tolerance && sum > 0);
      result('[data-result="E_i"][data-i="' + i + '"]', values[i - 1]);
    }
    var mean = complete ? losses.meanLoss(t, y, samples, classes, base) : null;
    result('[data-result="E_sum"]', complete ? losses.totalLoss(t, y, samples, classes, base) : null);
    result('[data-result="E"]', mean);
    drawBars(values, mean);
  }

  function result(selector, value) {
    var node = root.querySelector(selector);
    node.textContent = shown(value);
    node.title = value === null ? labels.invalid : "";
  }

  function message(i, problems, normalizable) {
    var line = root.querySelector('[data-message="' + i + '"]');
    line.hidden = problems.length === 0;
    line.querySelector("span").textContent = problems.join(" ");
    line.querySelector("button").hidden = !normalizable;
  }

  function drawBars(values, mean) {
    var bars = values.map(function (v, index) { return {value: v, subscript: index + 1, mean: false}; });
    bars.push({value: mean, subscript: null, mean: true});
    var finite = bars.filter(function (b) { return b.value !== null && Number.isFinite(b.value); });
    var up = Math.max.apply(null, [0].concat(finite.map(function (b) { return b.value; })));
    var down = Math.max.apply(null, [0].concat(finite.map(function (b) { return -b.value; })));
    var span = up + down || 1, top = 8, height = 120, step = 44;
    var zero = top + height * up / span;
    var svg = make("svg:svg", {viewBox: "0 0 " + (bars.length * step + 8) + " " + (top + height + 28),
      role: "img", "aria-label": labels.bars, "class": "xc-bars"}, []);
    svg.appendChild(make("svg:line", {x1: 0, x2: bars.length * step + 8, y1: zero, y2: zero, "class": "xc-axis"}));
    bars.forEach(function (bar, index) {
      var x = 8 + index * step, v = bar.value;
      var length = v === null ? 0 : Number.isFinite(v) ? height * Math.abs(v) / span : (v > 0 ? zero - top : top + height - zero);
      svg.appendChild(make("svg:rect", {x: x, width: 30, y: v !== null && v < 0 ? zero : zero - length, height: length,
        "class": "xc-bar" + (bar.mean ? " xc-bar--mean" : "") + (v !== null && !Number.isFinite(v) ? " xc-bar--infinite" : ""),
        "data-bar": bar.mean ? "E" : "E_i", "data-i": bar.mean ? null : bar.subscript}, []));
      var label = make("svg:text", {x: x + 15, y: top + height + 20, "text-anchor": "middle"}, ["E"]);
      if (!bar.mean) label.appendChild(make("svg:tspan", {dy: 4, "font-size": "0.75em"}, [String(bar.subscript)]));
      svg.appendChild(label);
    });
    parts.bars.replaceChildren(svg);
  }

  function onEdit(event) {
    var target = event.target;
    if (drawing) return;
    if (target.dataset.y) {
      var at = target.dataset.y.split(",").map(Number);
      state.y[at[0] - 1][at[1] - 1] = target.value;
    } else if (target.dataset.true) {
      state.trueClass[Number(target.dataset.true) - 1] = Number(target.value);
    } else if (target.name === "xc-base") {
      state.base = target.value;
    } else if (target === parts.sign) {
      state.signDropped = target.checked;
    } else {
      return;
    }
    update();
  }

  function setUp() {
    xe = globalThis.crossEntropy;
    labels = JSON.parse(root.dataset.labels);
    settings = xe.settings;
    parts.table = make("table", {}, []);
    parts.bars = make("div", {"class": "xc-picture"}, []);
    var results = make("p", {"class": "xc-results"}, [
      make("span", {}, [labels.total, " ", name("sum"), " = ", make("output", {"data-result": "E_sum"}, [])]),
      make("span", {}, [labels.mean, " ", name(), " = ", make("output", {"data-result": "E"}, [])])]);
    var scroll = make("div", {"class": "xc-scroll", role: "region", tabindex: 0, "aria-label": labels.table},
      [parts.table]);
    root.replaceChildren.apply(root, controls().concat([scroll, sizeButtons(), results, parts.bars]));
    root.addEventListener("input", onEdit);
    root.addEventListener("change", onEdit);
    load(settings.presets.correct);
  }

  if (globalThis.crossEntropy) setUp();
  else if (module) module.addEventListener("load", setUp, {once: true});
})();

// carveout dashboard: draw charts with the bundled Vega-Embed, start runs (plan, risk, costs,
// pack) and poll their progress.
// The Content-Security-Policy allows no inline script and no eval: everything is here.
"use strict";

// The session's CSRF token, which every change sent from a script carries in a header.
function csrfToken() {
  var meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute("content") : "";
}

function drawCharts() {
  if (typeof window.vegaEmbed !== "function") return;
  document.querySelectorAll("figure.chart").forEach(function (figure) {
    var id = figure.getAttribute("data-chart");
    var source = document.getElementById("spec-" + id);
    var target = document.getElementById("chart-" + id);
    if (!source || !target || target.dataset.drawn) return;
    target.dataset.drawn = "1";
    // ast: Vega interprets expressions instead of compiling them with new Function,
    // so the charts draw under a Content-Security-Policy without 'unsafe-eval'.
    window.vegaEmbed(target, JSON.parse(source.textContent), { actions: false, renderer: "svg", ast: true })
      .then(function () { figure.setAttribute("data-rendered", "true"); })
      .catch(function (error) { target.textContent = "The chart could not be drawn: " + error; });
  });
}

function pollJob(url, bar, text) {
  fetch(url, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (job) {
      bar.value = job.progress;
      text.textContent = job.message;
      if (job.state === "queued" || job.state === "running") {
        setTimeout(function () { pollJob(url, bar, text); }, 500);
      } else if (job.state === "done" && job.result_url) {
        text.textContent = job.message + " — loading the result…";
        window.location.assign(job.result_url);
      } else {
        bar.closest(".run-status").classList.add("failed");
      }
    })
    .catch(function (error) { text.textContent = "Lost contact with the server: " + error; });
}

// A form that starts a background run: it posts its fields as JSON to its API route (the
// plan form to /api/plans, the others name theirs in data-run) and polls the job it gets.
function wireRunForm(form) {
  var api = form.getAttribute("data-run") || "/api/plans";
  var status = form.parentElement.querySelector(".run-status");
  var bar = status.querySelector("progress");
  var text = status.querySelector(".run-message");
  if (status.dataset.job) {
    status.hidden = false;
    pollJob("/api/jobs/" + status.dataset.job, bar, text);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.name === "csrf_token" || field.value === "") return;
      body[field.name] = field.type === "number" ? Number(field.value) : field.value;
    });
    status.hidden = false;
    status.classList.remove("failed");
    bar.value = 0;
    text.textContent = "Starting…";
    fetch(api, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRF-Token": csrfToken(),
      },
      body: JSON.stringify(body),
    })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (reply) {
        if (!reply.ok) {
          var detail = reply.body.detail;
          text.textContent = Array.isArray(detail)
            ? detail.map(function (d) { return d.loc.slice(-1)[0] + ": " + d.msg; }).join("; ")
            : String(detail);
          status.classList.add("failed");
          return;
        }
        pollJob("/api/jobs/" + reply.body.id, bar, text);
      });
  });
}

// On the dependency graph, pointing at or focusing a service shows only its own links.
function wireGraph() {
  var svg = document.querySelector("svg.graph");
  if (!svg) return;
  function show(code) {
    svg.classList.add("focused");
    svg.querySelectorAll(".on").forEach(function (el) { el.classList.remove("on"); });
    svg.querySelectorAll("path.edge").forEach(function (edge) {
      var s = edge.getAttribute("data-s"), t = edge.getAttribute("data-t");
      if (s === code || t === code) {
        edge.classList.add("on");
        [s, t].forEach(function (c) {
          var node = svg.querySelector('a[data-code="' + CSS.escape(c) + '"]');
          if (node) node.classList.add("on");
        });
      }
    });
  }
  function clear() { svg.classList.remove("focused"); }
  svg.querySelectorAll("a[data-code]").forEach(function (node) {
    var code = node.getAttribute("data-code");
    node.addEventListener("mouseenter", function () { show(code); });
    node.addEventListener("focus", function () { show(code); });
    node.addEventListener("mouseleave", clear);
    node.addEventListener("blur", clear);
  });
}

// "Go back" links on error pages (a javascript: URL would be inline script).
function wireBackLinks() {
  document.querySelectorAll("a[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  wireBackLinks();
  document.querySelectorAll("#run-plan, form[data-run]").forEach(wireRunForm);
  wireGraph();
  if (typeof window.vegaEmbed === "function") drawCharts();
});
window.addEventListener("load", drawCharts);

// GoSynth dashboard: everything it shows comes from the live event stream (api/v1/events); the browser's EventSource
// reconnects by itself and sends Last-Event-ID, and the server answers with what was missed (or a snapshot).
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  document.documentElement.dataset.dashboard = "started";
  const svgNs = "http://www.w3.org/2000/svg";
  let run = null;            // { id, profile, running, started, builders, finished }
  let slots = new Map();     // slot -> { port, phase, portStarted, phaseStarted }
  let done = [];             // { port, result, slot, started, ended, duration, log, reason }
  let status = null;         // the server's latest status event
  let counts = { built: 0, failed: 0, skipped: 0, ignored: 0 };
  let repository = null;     // { packages, leftOut, catalogWritten, time }: the catalog rebuilt at the run's end
  let obsolete = null;       // [file names]: package files no port makes now (listed, not deleted)
  const durations = new Map(); // port -> [seconds] seen by this page (every run it watched)
  let chosen = null;

  const ms = t => (t ? Date.parse(t) : NaN);
  const clock = s => {
    if (!isFinite(s) || s < 0) return "–";
    s = Math.round(s);
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    return [h, m, sec].map(n => String(n).padStart(2, "0")).join(":");
  };
  const cell = (tr, text) => { const td = document.createElement("td"); td.textContent = text; tr.appendChild(td); return td; };

  function fromSnapshot(s) {
    run = { id: s.runId, profile: s.profile, running: s.running, started: s.started, builders: s.builders, finished: s.finished, aborted: s.aborted };
    slots = new Map((s.slots || []).map(v => [v.slot, { port: v.port, phase: v.phase, portStarted: v.portStarted, phaseStarted: v.phaseStarted }]));
    done = (s.done || []).map(d => ({ port: d.port, result: d.result, slot: d.slot, started: d.started, ended: d.ended, duration: d.durationSeconds, log: d.log, reason: d.reason }));
    status = s.status || null;
    repository = s.repository || null;
    obsolete = s.obsoletePackages || null;
    const t = (status && status.totals) || {};
    counts = { built: t.built || 0, failed: t.failed || 0, skipped: (t.skipped || 0) + (t.unbuildable || 0), ignored: t.ignored || 0 };
    for (const d of done) if (d.duration != null) remember(d.port, d.duration);
  }

  function remember(port, seconds) {
    const list = durations.get(port) || [];
    list.push(seconds);
    durations.set(port, list.slice(-50));
  }

  function apply(type, e) {
    switch (type) {
      case "runStarted":
        run = { id: e.runId, profile: e.profile, running: true, started: e.time, builders: e.builders };
        slots = new Map(); done = []; status = null; counts = { built: 0, failed: 0, skipped: 0, ignored: 0 };
        repository = null; obsolete = null;
        break;
      case "portStarted": slots.set(e.slot, { port: e.port, phase: "", portStarted: e.time, phaseStarted: e.time }); break;
      case "portPhase": {
        const s = slots.get(e.slot);
        slots.set(e.slot, { port: e.port, phase: e.phase, portStarted: s && s.port === e.port ? s.portStarted : e.time, phaseStarted: e.time });
        break;
      }
      case "portFinished": {
        const s = slots.get(e.slot);
        if (s && s.port === e.port) slots.delete(e.slot);
        const result = e.succeeded ? "built" : "failed";
        counts[result]++;
        done.push({ port: e.port, result, slot: e.slot, started: new Date(ms(e.time) - (e.durationSeconds || 0) * 1000).toISOString(), ended: e.time, duration: e.durationSeconds, log: e.log, reason: e.message });
        if (e.durationSeconds != null) remember(e.port, e.durationSeconds);
        break;
      }
      case "portSkipped": counts.skipped++; done.push({ port: e.port, result: "skipped", ended: e.time, reason: e.reason }); break;
      case "portNotBuilt":
        if (e.action === "ignored") { counts.ignored++; done.push({ port: e.port, result: "ignored", ended: e.time, reason: e.reason }); }
        else if (e.action === "skipped" || e.action === "unbuildable") { counts.skipped++; done.push({ port: e.port, result: e.action, ended: e.time, reason: e.reason }); }
        break;
      case "throttle": if (status) status.workerLimit = e.limit; break;
      case "repositoryRebuilt": repository = { packages: e.packages, leftOut: e.leftOut, catalogWritten: e.catalogWritten, time: e.time }; break;
      case "obsoletePackages": obsolete = e.files || []; break;
      case "runFinished": if (run) { run.running = false; run.finished = e.time; run.aborted = e.aborted; } slots.clear(); break;
    }
    if (done.length > 2000) done = done.slice(-2000);
  }

  function render() {
    const now = Date.now();
    $("run").textContent = run ? `run ${run.id} · ${run.profile} · ${run.running ? "building" : run.aborted ? "aborted" : "finished"}` : "no run yet";
    $("t-built").textContent = counts.built;
    $("t-failed").textContent = counts.failed;
    $("t-skipped").textContent = counts.skipped;
    $("t-ignored").textContent = counts.ignored;
    const t = status && status.totals;
    $("t-remaining").textContent = t ? (run && !run.running ? 0 : t.waiting + t.building) : "–";
    $("t-rate").textContent = status ? status.portsPerHour : "–";
    const started = run ? ms(run.started) : NaN;
    const end = run && run.finished ? ms(run.finished) : now;
    $("t-elapsed").textContent = clock((end - started) / 1000);
    $("t-eta").textContent = run && run.running && status && status.etaSeconds != null ? clock(status.etaSeconds) : "–";
    $("t-limit").textContent = status && status.workerLimit != null ? `${status.workerLimit}/${run ? run.builders : "?"}` : run ? String(run.builders) : "–";
    $("t-load").textContent = status && status.load != null ? `${status.load.toFixed(2)} / ${(status.swapPercent || 0).toFixed(0)}%` : "–";
    const catalog = $("repository");
    if (!repository) { catalog.textContent = ""; catalog.className = ""; }
    else if (repository.catalogWritten) {
      catalog.textContent = `catalog rebuilt: ${repository.packages} package${repository.packages === 1 ? "" : "s"}` + (repository.leftOut ? `, ${repository.leftOut} left out (unreadable)` : "");
      catalog.className = repository.leftOut ? "warn" : "ok";
    } else {
      catalog.textContent = `no catalog written: ${repository.leftOut} package file${repository.leftOut === 1 ? "" : "s"} left out (unreadable)`;
      catalog.className = "bad";
    }
    const old = $("obsolete");
    old.textContent = obsolete && obsolete.length ? `${obsolete.length} obsolete package file${obsolete.length === 1 ? "" : "s"} in the repository (not deleted)` : "";
    old.title = obsolete ? obsolete.join("\n") : "";

    const body = $("slots");
    body.replaceChildren();
    for (const [slot, s] of [...slots.entries()].sort((a, b) => a[0] - b[0])) {
      const tr = document.createElement("tr");
      tr.className = "slot";
      tr.dataset.slot = slot;
      cell(tr, String(slot + 1).padStart(2, "0"));
      cell(tr, s.port);
      cell(tr, s.phase || "starting");
      cell(tr, clock((now - ms(s.phaseStarted)) / 1000));
      cell(tr, clock((now - ms(s.portStarted)) / 1000));
      body.appendChild(tr);
    }

    const list = $("done");
    list.replaceChildren();
    for (const d of done.slice(-100).reverse()) {
      const tr = document.createElement("tr");
      tr.className = `${d.result} pick`;
      tr.title = d.reason || "";
      cell(tr, d.port);
      cell(tr, d.result);
      cell(tr, d.duration != null ? clock(d.duration) : "");
      const td = cell(tr, "");
      if (d.log) {
        const a = document.createElement("a");
        a.href = `api/v1/logs/${encodeURIComponent(d.log)}`;
        a.textContent = "log";
        a.target = "_blank";
        td.appendChild(a);
      }
      tr.addEventListener("click", () => choose(d.port));
      list.appendChild(tr);
    }

    timeline(now);
    history();
  }

  function timeline(now) {
    const svg = $("timeline");
    svg.replaceChildren();
    if (!run) return;
    const builders = Math.max(run.builders || 1, ...[...slots.keys()].map(s => s + 1), ...done.filter(d => d.slot != null).map(d => d.slot + 1));
    const start = ms(run.started), end = run.finished ? ms(run.finished) : now;
    const width = 1000, rowHeight = 100 / builders, span = Math.max(end - start, 1000);
    svg.setAttribute("viewBox", `0 0 ${width} 100`);
    const bar = (slot, from, to, cls, label) => {
      const r = document.createElementNS(svgNs, "rect");
      r.setAttribute("x", ((from - start) / span) * width);
      r.setAttribute("y", slot * rowHeight + 1);
      r.setAttribute("width", Math.max(((to - from) / span) * width, 1));
      r.setAttribute("height", Math.max(rowHeight - 2, 1));
      r.setAttribute("class", cls);
      const title = document.createElementNS(svgNs, "title");
      title.textContent = label;
      r.appendChild(title);
      svg.appendChild(r);
    };
    for (const d of done) if (d.slot != null && d.started) bar(d.slot, ms(d.started), ms(d.ended), d.result, `${d.port} ${d.result} ${clock(d.duration)}`);
    for (const [slot, s] of slots) bar(slot, ms(s.portStarted), now, "running", `${s.port} ${s.phase}`);
  }

  function choose(port) {
    chosen = port;
    $("history-port").textContent = port;
    const [category, name] = port.split("/");
    fetch(`api/v1/ports/${encodeURIComponent(category)}/${encodeURIComponent(name)}/history?take=30`)
      .then(r => (r.ok ? r.json() : null))
      .then(h => {
        if (!h || chosen !== port) return;
        const seen = h.attempts.filter(a => a.durationSeconds != null && (a.status === "success" || a.status === "failed")).map(a => a.durationSeconds).reverse();
        if (seen.length) durations.set(port, seen);
        history();
      })
      .catch(() => {});
    history();
  }

  function history() {
    const svg = $("history");
    svg.replaceChildren();
    const values = chosen ? durations.get(chosen) || [] : [];
    if (!values.length) return;
    const width = 400, height = 100, max = Math.max(...values, 1), w = width / values.length;
    svg.setAttribute("viewBox", `0 0 ${width} ${height + 12}`);
    values.forEach((v, i) => {
      const r = document.createElementNS(svgNs, "rect");
      const h = (v / max) * height;
      r.setAttribute("x", i * w + 1);
      r.setAttribute("y", height - h);
      r.setAttribute("width", Math.max(w - 2, 1));
      r.setAttribute("height", Math.max(h, 1));
      r.setAttribute("class", "bar");
      const title = document.createElementNS(svgNs, "title");
      title.textContent = clock(v);
      r.appendChild(title);
      svg.appendChild(r);
    });
    const label = document.createElementNS(svgNs, "text");
    label.setAttribute("x", 2);
    label.setAttribute("y", height + 10);
    label.textContent = `max ${clock(max)} · last ${clock(values[values.length - 1])}`;
    svg.appendChild(label);
  }

  // Many events can arrive at once (a replay after a reconnect): draw at most ten times a second.
  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; render(); }, 100);
  }

  function connect() {
    const source = new EventSource("api/v1/events");
    const connection = $("connection");
    source.onopen = () => { connection.textContent = "live"; connection.className = "ok"; };
    source.onerror = () => { connection.textContent = "reconnecting"; connection.className = "bad"; };
    source.addEventListener("snapshot", m => { fromSnapshot(JSON.parse(m.data)); soon(); });
    source.addEventListener("gap", () => { connection.textContent = "resynchronized"; connection.className = "warn"; });
    source.addEventListener("status", m => { status = JSON.parse(m.data); });
    for (const type of ["runStarted", "portQueued", "portNotBuilt", "portStarted", "portPhase", "portFinished", "portSkipped", "throttle", "repositoryRebuilt", "obsoletePackages", "runFinished"]) {
      source.addEventListener(type, m => { apply(type, JSON.parse(m.data)); soon(); });
    }
  }

  connect();
  setInterval(render, 1000);
})();

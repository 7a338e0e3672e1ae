// MotCua pages: sends forms marked data-api as JSON and shows the server's answer.
// Plain ES2017 with no libraries; words come from the page (data-msg-*), never from here.
"use strict";

(function () {
  var vietnamese = document.documentElement.lang !== "en";

  function bodyMessage(name) {
    return document.body.getAttribute("data-msg-" + name) || "";
  }

  // The page's per-session token, for browsers that send no Origin or Referer.
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";

  async function send(url, method, payload) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
    var options = {
      method: method,
      headers: headers,
      credentials: "same-origin"
    };
    if (payload !== undefined) options.body = JSON.stringify(payload);
    var response;
    try {
      response = await fetch(url, options);
    } catch (error) {
      return { ok: false, offline: true, data: { error: { message: bodyMessage("network"), messageVi: bodyMessage("network") } } };
    }
    var data = {};
    var text = await response.text();
    if (text) {
      try { data = JSON.parse(text); } catch (error) { data = {}; }
    }
    return { ok: response.ok, data: data };
  }

  function say(problem) {
    var text = problem && (vietnamese ? problem.messageVi || problem.message : problem.message || problem.messageVi);
    return text || bodyMessage("failed");
  }

  function showError(box, text) {
    if (!box) box = document.querySelector(".page-error");
    if (!box) { window.alert(text); return; }
    box.textContent = text;
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  function clearErrors(form) {
    var box = form.querySelector(".form-error");
    if (box) { box.hidden = true; box.textContent = ""; }
    form.querySelectorAll("[aria-invalid]").forEach(function (control) { control.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".field-error").forEach(function (line) { line.hidden = true; line.textContent = ""; });
  }

  // Details name fields as the API sees them ("password", "$.password", "/password").
  function controlFor(form, name) {
    if (!name) return null;
    var candidates = [name, name.replace(/^[$./]+/, ""), name.split(/[./]/).pop()];
    for (var i = 0; i < candidates.length; i++) {
      var control = form.elements.namedItem(candidates[i]);
      if (control && control.nodeType === 1) return control;
    }
    return null;
  }

  function markFields(form, details) {
    (details || []).forEach(function (detail) {
      var control = controlFor(form, detail.field);
      if (!control) return;
      control.setAttribute("aria-invalid", "true");
      var field = control.closest(".field");
      var line = field && field.querySelector(".field-error");
      if (line) { line.textContent = say(detail); line.hidden = false; }
    });
    var first = form.querySelector("[aria-invalid='true']");
    if (first) first.focus();
  }

  // Shows a one-time password or pairing code; returns false when there is nothing to show.
  function showResult(output, data) {
    var value = data.oneTimePassword || data.code;
    if (!output || !value) return false;
    output.querySelector(".result-value").textContent = value;
    var expiry = output.querySelector(".result-expiry");
    if (expiry && data.expiresAt) {
      var when = new Date(data.expiresAt);
      var time = output.querySelector(".result-expires");
      time.setAttribute("datetime", data.expiresAt);
      time.textContent = isNaN(when) ? data.expiresAt : when.toLocaleTimeString(vietnamese ? "vi-VN" : "en-GB", { hour: "2-digit", minute: "2-digit" });
      expiry.hidden = false;
    }
    output.hidden = false;
    output.scrollIntoView({ block: "nearest" });
    return true;
  }

  function collect(form) {
    var payload = {};
    Array.prototype.forEach.call(form.elements, function (control) {
      if (!control.name || control.disabled || control.type === "submit" || control.type === "button") return;
      if ((control.type === "checkbox" || control.type === "radio") && !control.checked) return;
      var value = control.value;
      // An empty optional field is left out so the server applies its default.
      if (value === "" && !control.required) return;
      // Payments: data-number sends a number; in a form marked data-nest, "a.b" fills payload.a.b.
      if (control.hasAttribute("data-number")) value = Number(value);
      var dot = form.hasAttribute("data-nest") ? control.name.indexOf(".") : -1;
      if (dot > 0) {
        var head = control.name.slice(0, dot);
        payload[head] = payload[head] || {};
        payload[head][control.name.slice(dot + 1)] = value;
        return;
      }
      payload[control.name] = value;
    });
    return payload;
  }

  function busy(buttons, on) {
    buttons.forEach(function (button) {
      button.disabled = on;
      if (on) button.setAttribute("aria-busy", "true"); else button.removeAttribute("aria-busy");
    });
  }

  async function submitForm(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-api]")) return;
    event.preventDefault();
    clearErrors(form);
    var output = form.querySelector("output.result");
    if (output) output.hidden = true;
    var buttons = Array.prototype.slice.call(form.querySelectorAll("button[type=submit], button:not([type])"));
    busy(buttons, true);
    var result = await send(form.getAttribute("data-api"), form.getAttribute("data-method") || "POST", collect(form));
    busy(buttons, false);
    if (!result.ok) {
      var problem = result.data.error || {};
      showError(form.querySelector(".form-error"), say(problem));
      markFields(form, problem.details);
      return;
    }
    if (showResult(output, result.data)) {
      // Keep the secret on screen; clear the fields so it is not submitted twice.
      form.reset();
      return;
    }
    // The server may send the browser elsewhere first (a forced password change).
    var next = result.data.next || form.getAttribute("data-next");
    if (next) window.location.assign(next); else window.location.reload();
  }

  async function clickAction(event) {
    var button = event.target.closest && event.target.closest("[data-action]");
    if (!button || button.disabled) return;
    var action = button.getAttribute("data-action");
    if (action !== "post" && action !== "signout") return;
    event.preventDefault();
    var confirmText = button.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) return;
    busy([button], true);
    var result = action === "signout"
      ? await send("/api/v1/session", "DELETE")
      : await send(button.getAttribute("data-url"), "POST", {});
    busy([button], false);
    // A session that already expired still counts as signed out; only a lost network stops it.
    if (action === "signout" && !result.offline) { window.location.assign("/"); return; }
    if (!result.ok) { showError(null, say(result.data.error)); return; }
    var outputID = button.getAttribute("data-output");
    if (outputID && showResult(document.getElementById(outputID), result.data)) return;
    window.location.reload();
  }

  document.addEventListener("submit", submitForm);
  document.addEventListener("click", clickAction);
})();

// Payments: print buttons, confirmations before a form is sent, and the bank statement upload.
(function () {
  var vietnamese = document.documentElement.lang !== "en";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-action='print']");
    if (button) { event.preventDefault(); window.print(); }
  });

  // Runs before the generic handler: a cancelled confirmation stops the form.
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("button[type=submit][data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("submit", async function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload]")) return;
    event.preventDefault();
    var box = form.querySelector(".form-error");
    var output = form.querySelector("output");
    box.hidden = true;
    output.hidden = true;
    var file = form.querySelector("input[type=file]").files[0];
    if (!file) return;
    var response, data = {};
    try {
      response = await fetch(form.getAttribute("data-upload"), {
        method: "POST", credentials: "same-origin", body: await file.arrayBuffer(),
        headers: { "Content-Type": "text/csv", "Accept": "application/json" }
      });
      data = await response.json();
    } catch (error) {
      box.textContent = document.body.getAttribute("data-msg-network") || "";
      box.hidden = false;
      return;
    }
    if (!response.ok) {
      var problem = data.error || {};
      box.textContent = (vietnamese ? problem.messageVi : problem.message) || document.body.getAttribute("data-msg-failed") || "";
      box.hidden = false;
      return;
    }
    output.textContent = form.getAttribute("data-done")
      .replace("{confirmed}", (data.confirmed || []).length)
      .replace("{exceptions}", (data.exceptions || []).length)
      .replace("{already}", data.alreadyImported || 0);
    output.hidden = false;
  });
})();


// queueing: kiosk, printed ticket, board, counter console, supervisor view, follow page.
(function () {
  var english = document.documentElement.lang === "en";

  function message(problem) {
    var text = problem && (english ? problem.message || problem.messageVi : problem.messageVi || problem.message);
    return text || document.body.getAttribute("data-msg-failed") || "";
  }

  async function post(url, payload) {
    try {
      var response = await fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(payload || {})
      });
      var data = {};
      try { data = await response.json(); } catch (error) { data = {}; }
      return { ok: response.ok, data: data };
    } catch (error) {
      return { ok: false, data: { error: { message: document.body.getAttribute("data-msg-network"), messageVi: document.body.getAttribute("data-msg-network") } } };
    }
  }

  function parse(text, fallback) {
    try { return JSON.parse(text); } catch (error) { return fallback; }
  }

  function minutes(seconds, unit) {
    return Math.max(0, Math.ceil((seconds || 0) / 60)) + " " + unit;
  }

  // A stream that reconnects by itself (EventSource retries; we also re-read state on "ready").
  function listen(url, onEvent, onState) {
    if (!window.EventSource) return;
    var source = new EventSource(url);
    source.addEventListener("open", function () { if (onState) onState(true); });
    source.addEventListener("error", function () { if (onState) onState(false); });
    source.addEventListener("ready", function () { onEvent("ready", {}); });
    ["ticket.issued", "ticket.called", "ticket.recalled", "ticket.started", "ticket.finished", "ticket.no-show",
     "ticket.transferred", "ticket.cancelled", "ticket.priority-confirmed", "counter.paused", "counter.resumed",
     "queue.day-closed"].forEach(function (kind) {
      source.addEventListener(kind, function (event) { onEvent(kind, parse(event.data, {})); });
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () { if (timer) clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // --- Printed ticket: open the print dialog once laid out.
  if (document.body.hasAttribute("data-autoprint")) {
    window.addEventListener("load", function () { setTimeout(function () { window.print(); }, 150); });
  }

  // --- Kiosk
  var kiosk = document.querySelector("[data-kiosk]");
  if (kiosk) {
    var last = { sector: null, group: null, key: null, at: 0 };
    var result = kiosk.querySelector(".kiosk-result");
    var resetTimer = null;
    kiosk.addEventListener("click", async function (event) {
      var button = event.target.closest(".sector-button");
      if (!button || button.disabled) return;
      var sector = button.getAttribute("data-sector");
      var checked = kiosk.querySelector("input[name=priorityGroup]:checked");
      var group = checked ? checked.value : "";
      var now = Date.now();
      // A second tap within 2 s repeats the key, so the server answers with the same ticket.
      if (!(last.sector === sector && last.group === group && now - last.at < 2000)) {
        last.key = sector + "-" + now.toString(36) + "-" + Math.random().toString(36).slice(2, 8);
      }
      last.sector = sector; last.group = group; last.at = now;
      var payload = { sector: sector, idempotencyKey: last.key };
      if (group) payload.priorityGroup = group;
      var answer = await post("/api/v1/tickets", payload);
      var errorBox = document.querySelector(".page-error");
      if (!answer.ok) {
        errorBox.textContent = message(answer.data.error);
        errorBox.hidden = false;
        return;
      }
      errorBox.hidden = true;
      showTicket(answer.data, button.querySelector(".sector-name").textContent);
    });

    // The ticket on screen for 10 s, and printed from a hidden frame.
    function showTicket(ticket, sectorName) {
      result.querySelector("[data-field=number]").textContent = ticket.number;
      result.querySelector("[data-field=sector]").textContent = sectorName;
      result.querySelector("[data-field=ahead]").textContent = ticket.ahead == null ? "0" : String(ticket.ahead);
      result.querySelector("[data-field=wait]").textContent = minutes(ticket.estimatedWaitSeconds, kiosk.getAttribute("data-msg-minutes") || "");
      result.hidden = false;
      var old = document.querySelector("iframe.print-frame");
      if (old) old.remove();
      var frame = document.createElement("iframe");
      frame.className = "print-frame";
      frame.title = ticket.number;
      frame.src = "/kiosk/ticket/" + encodeURIComponent(ticket.id);
      document.body.appendChild(frame);
      if (resetTimer) clearTimeout(resetTimer);
      resetTimer = setTimeout(function () {
        result.hidden = true;
        var none = kiosk.querySelector("input[name=priorityGroup][value='']");
        if (none) none.checked = true;
      }, 10000);
    }

    // A booking code checks in: the server issues the ticket with the slot's precedence.
    var checkIn = kiosk.querySelector("[data-checkin]");
    if (checkIn) {
      checkIn.addEventListener("submit", async function (event) {
        event.preventDefault();
        var code = checkIn.elements.namedItem("code").value.trim().toUpperCase();
        var line = checkIn.querySelector(".form-error");
        line.hidden = true;
        if (!code) return;
        var answer = await post("/api/v1/appointments/" + encodeURIComponent(code) + "/check-in", {});
        if (!answer.ok) { line.textContent = message(answer.data.error); line.hidden = false; return; }
        checkIn.reset();
        var sectorButton = kiosk.querySelector(".sector-button[data-sector='" + CSS.escape(answer.data.sector) + "'] .sector-name");
        showTicket(answer.data, sectorButton ? sectorButton.textContent : answer.data.sector);
      });
    }
  }

  // --- Display board
  var board = document.querySelector("[data-board]");
  if (board) {
    var counterNames = parse(board.getAttribute("data-counter-names"), {});
    var spokenNames = parse(board.getAttribute("data-spoken-names"), {});
    var recentLimit = parseInt(board.getAttribute("data-recent"), 10) || 8;
    var voice = board.getAttribute("data-voice") === "true";
    var announcement = board.getAttribute("data-announcement") || "Mời công dân có số {number} đến {counter}";
    var status = board.querySelector("[data-board-status]");
    var soundButton = board.querySelector("[data-board-sound]");
    var audio = null;

    function counterName(id) { return counterNames[id] || id || ""; }

    function chime() {
      if (!audio) return;
      [[660, 0], [880, 0.35]].forEach(function (tone) {
        var oscillator = audio.createOscillator();
        var gain = audio.createGain();
        oscillator.frequency.value = tone[0];
        gain.gain.setValueAtTime(0.0001, audio.currentTime + tone[1]);
        gain.gain.exponentialRampToValueAtTime(0.4, audio.currentTime + tone[1] + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + tone[1] + 0.6);
        oscillator.connect(gain); gain.connect(audio.destination);
        oscillator.start(audio.currentTime + tone[1]); oscillator.stop(audio.currentTime + tone[1] + 0.65);
      });
    }

    // "TP-015" is read "T P 15": letters one by one, the number as a number.
    function spokenNumber(number) {
      var parts = String(number).split("-");
      var digits = parts.pop().replace(/^0+(?=\d)/, "");
      return parts.join(" ").split("").join(" ") + (parts.length ? " " : "") + digits;
    }

    function announce(payload) {
      chime();
      if (!voice || !audio || !window.speechSynthesis) return;
      var vietnamese = window.speechSynthesis.getVoices().filter(function (v) { return /^vi/i.test(v.lang); })[0];
      if (!vietnamese) return;  // chime only where the browser has no Vietnamese voice
      var text = announcement.replace("{number}", spokenNumber(payload.number)).replace("{counter}", spokenNames[payload.counter] || payload.counter);
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = vietnamese; utterance.lang = vietnamese.lang; utterance.rate = 0.9;
      setTimeout(function () { window.speechSynthesis.speak(utterance); }, 900);
    }

    function setCounter(id, text, paused) {
      var cell = board.querySelector(".board-counter[data-counter='" + CSS.escape(id) + "']");
      if (!cell) return;
      cell.classList.toggle("is-paused", !!paused);
      cell.querySelector(".board-counter-number").textContent = text;
    }

    // Events carry the counts of the sectors they touched; a resync carries them all.
    function setWaiting(waiting) {
      if (!waiting) return;
      board.querySelectorAll(".board-waiting li[data-sector]").forEach(function (item) {
        var sector = item.getAttribute("data-sector");
        if (sector in waiting) item.querySelector(".waiting-count").textContent = String(waiting[sector]);
      });
    }

    function recentItem(number, counter) {
      var item = document.createElement("li");
      var n = document.createElement("span"); n.className = "recent-number"; n.textContent = number;
      var arrow = document.createElement("span"); arrow.className = "recent-arrow"; arrow.textContent = " → "; arrow.setAttribute("aria-hidden", "true");
      var c = document.createElement("span"); c.className = "recent-counter"; c.textContent = counterName(counter);
      item.appendChild(n); item.appendChild(arrow); item.appendChild(c);
      return item;
    }

    function showCall(payload) {
      var now = board.querySelector("[data-now-number]");
      now.textContent = payload.number;
      board.querySelector("[data-now-counter]").textContent = counterName(payload.counter);
      var panel = board.querySelector(".board-now");
      panel.classList.remove("flash"); void panel.offsetWidth; panel.classList.add("flash");
      var list = board.querySelector("[data-recent-list]");
      list.querySelectorAll("li").forEach(function (item) {
        if (item.querySelector(".recent-number").textContent === payload.number) item.remove();
      });
      list.insertBefore(recentItem(payload.number, payload.counter), list.firstChild);
      while (list.children.length > recentLimit) list.removeChild(list.lastChild);
      setCounter(payload.counter, payload.number, false);
    }

    async function resync() {
      try {
        var response = await fetch("/api/v1/queue", { credentials: "same-origin", headers: { "Accept": "application/json" } });
        if (!response.ok) return;
        var snapshot = await response.json();
        (snapshot.counters || []).forEach(function (state) {
          setCounter(state.counter, state.paused ? board.getAttribute("data-msg-paused") : (state.current ? state.current.number : "—"), state.paused);
        });
        var list = board.querySelector("[data-recent-list]");
        list.textContent = "";
        (snapshot.recentCalls || []).forEach(function (ticket) { list.appendChild(recentItem(ticket.number, ticket.counter)); });
        var latest = (snapshot.recentCalls || [])[0];
        board.querySelector("[data-now-number]").textContent = latest ? latest.number : "—";
        board.querySelector("[data-now-counter]").textContent = latest ? counterName(latest.counter) : "";
        var waiting = {};
        board.querySelectorAll(".board-waiting li[data-sector]").forEach(function (item) { waiting[item.getAttribute("data-sector")] = 0; });
        (snapshot.sectors || []).forEach(function (sector) { waiting[sector.sector] = sector.waiting; });
        setWaiting(waiting);
      } catch (error) { /* the stream's reconnect brings another chance */ }
    }

    listen("/api/v1/events?topics=queue", function (kind, payload) {
      board.setAttribute("data-last-event", kind + " " + (payload.number || "") + " " + Date.now());
      if (kind === "ready" || kind === "queue.day-closed") { resync(); return; }
      setWaiting(payload.waiting);
      if (kind === "ticket.called" || kind === "ticket.recalled") { showCall(payload); announce(payload); return; }
      if (kind === "counter.paused") { setCounter(payload.counter, board.getAttribute("data-msg-paused"), true); return; }
      if (kind === "counter.resumed") { setCounter(payload.counter, "—", false); return; }
      var freed = kind === "ticket.transferred" ? payload.fromCounter
        : (kind === "ticket.finished" || kind === "ticket.no-show" || kind === "ticket.cancelled") ? payload.counter : null;
      if (freed) setCounter(freed, "—", false);
    }, function (open) {
      status.textContent = board.getAttribute(open ? "data-msg-live" : "data-msg-offline");
      board.classList.toggle("is-offline", !open);
    });

    if (soundButton) {
      soundButton.addEventListener("click", function () {
        var Context = window.AudioContext || window.webkitAudioContext;
        if (Context && !audio) audio = new Context();
        if (window.speechSynthesis) window.speechSynthesis.getVoices();
        chime();
        soundButton.hidden = true;
      });
    }
  }

  // --- Counter console
  var consoleBox = document.querySelector("[data-console]");
  if (consoleBox) {
    var counter = consoleBox.getAttribute("data-counter");
    var ticketID = consoleBox.getAttribute("data-ticket");
    var errorLine = consoleBox.querySelector(".page-error");

    async function act(action, extra, box) {
      var url, payload;
      if (action === "call-next") { url = "/api/v1/counters/" + encodeURIComponent(counter) + "/call-next"; payload = {}; }
      else if (action === "pause" || action === "resume") { url = "/api/v1/counters/" + encodeURIComponent(counter) + "/" + action; payload = extra || {}; }
      else {
        url = "/api/v1/tickets/" + encodeURIComponent(ticketID) + "/actions";
        payload = Object.assign({ action: action, atCounter: counter }, extra || {});
      }
      consoleBox.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-busy", "true"); });
      var answer = await post(url, payload);
      consoleBox.querySelectorAll("button").forEach(function (b) { b.removeAttribute("aria-busy"); });
      if (!answer.ok) {
        var target = box || errorLine;
        target.textContent = message(answer.data.error);
        target.hidden = false;
        return;
      }
      window.location.reload();
    }

    consoleBox.addEventListener("click", function (event) {
      var button = event.target.closest("[data-queue-action]");
      if (!button || button.disabled) return;
      act(button.getAttribute("data-queue-action"));
    });

    consoleBox.addEventListener("submit", function (event) {
      var form = event.target.closest("[data-queue-form]");
      if (!form) return;
      event.preventDefault();
      var extra = {};
      Array.prototype.forEach.call(form.elements, function (control) {
        if (!control.name) return;
        if (control.type === "checkbox") { extra[control.name] = control.checked; return; }
        if (control.value !== "") extra[control.name] = control.value;
      });
      act(form.getAttribute("data-queue-form"), extra, form.querySelector(".form-error"));
    });

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var tag = (document.activeElement && document.activeElement.tagName) || "";
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
      var key = event.key.toLowerCase();
      var button = consoleBox.querySelector("[data-queue-action][data-key='" + key + "']");
      if (button && !button.disabled) { event.preventDefault(); button.click(); return; }
      var focus = consoleBox.querySelector("[data-key-focus='" + key + "']");
      if (focus) { event.preventDefault(); focus.focus(); }
    });

    // Waiting lists change all the time; refresh when the clerk is not in the middle of something.
    var refresh = debounce(function () {
      var tag = (document.activeElement && document.activeElement.tagName) || "";
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
      window.location.reload();
    }, 1500);
    // Only changes this counter can see: its own tickets and its sectors' queues.
    var mySectors = (consoleBox.getAttribute("data-sectors") || "").split(" ");
    listen("/api/v1/events?topics=queue", function (kind, payload) {
      if (kind === "ready") return;
      if (kind === "queue.day-closed" || payload.counter === counter || payload.fromCounter === counter ||
          mySectors.indexOf(payload.sector) >= 0) refresh();
    });
  }

  // --- Supervisor view
  var live = document.querySelector("[data-live-reload]");
  if (live) {
    var reload = debounce(function () { window.location.reload(); }, 3000);
    listen("/api/v1/events?topics=queue", function (kind) { if (kind !== "ready") reload(); });
  }

  // --- Citizen's follow page
  var follow = document.querySelector("[data-follow]");
  if (follow) {
    var id = follow.getAttribute("data-follow");
    var states = parse(follow.getAttribute("data-states"), {});
    var names = parse(follow.getAttribute("data-counter-names"), {});
    var unitText = follow.getAttribute("data-msg-minutes") || "";
    var update = debounce(async function () {
      try {
        var response = await fetch("/api/v1/tickets/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } });
        if (!response.ok) return;
        var ticket = await response.json();
        follow.querySelector("[data-field=state]").textContent = states[ticket.state] || ticket.state;
        follow.querySelector("[data-field=ahead]").textContent = ticket.ahead == null ? "—" : String(ticket.ahead);
        follow.querySelector("[data-field=wait]").textContent = ticket.estimatedWaitSeconds == null ? "—" : minutes(ticket.estimatedWaitSeconds, unitText);
        follow.querySelector("[data-field=counter]").textContent = ticket.counter ? (names[ticket.counter] || ticket.counter) : "—";
        follow.classList.toggle("is-called", ticket.state === "called");
      } catch (error) { /* try again on the next event */ }
    }, 800);
    listen("/api/v1/queue/live", function () { update(); });
  }
})();


// intake: the reception form (form[data-intake]) sends nested JSON with the checklist and
// base64 scans, then opens the new dossier; [data-action=print] prints a form.
(function () {
  var vietnamese = document.documentElement.lang !== "en";

  function say(problem) {
    var text = problem && (vietnamese ? problem.messageVi || problem.message : problem.message || problem.messageVi);
    return text || document.body.getAttribute("data-msg-failed") || "";
  }

  function readFile(input) {
    return new Promise(function (resolve, reject) {
      var file = input.files && input.files[0];
      if (!file) { resolve(null); return; }
      var reader = new FileReader();
      reader.onload = function () {
        var text = String(reader.result);
        resolve({ name: file.name, base64: text.slice(text.indexOf(",") + 1) });
      };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(file);
    });
  }

  async function collect(form) {
    var values = {};
    form.querySelectorAll("[data-value]").forEach(function (control) {
      if (control.value !== "") values[control.getAttribute("data-value")] = control.value;
    });
    var payload = { procedure: form.getAttribute("data-procedure"), formValues: values, documents: [] };
    var channel = form.querySelector("[data-channel]");
    if (channel) payload.channel = channel.value;
    var counter = form.querySelector("[data-counter]");
    if (counter && counter.value) payload.counter = counter.value;
    var ticket = form.querySelector("[data-ticket]");
    if (ticket && ticket.value) payload.ticketID = ticket.value;
    var boxes = form.querySelectorAll("[data-doc-provided]");
    for (var i = 0; i < boxes.length; i++) {
      var index = boxes[i].getAttribute("data-doc-provided");
      var file = await readFile(form.querySelector("[data-doc-file='" + index + "']"));
      if (!boxes[i].checked && !file) continue;
      var line = { index: Number(index), digitised: form.querySelector("[data-doc-digitised='" + index + "']").checked };
      if (file) line.file = file;
      payload.documents.push(line);
    }
    var date = form.querySelector("[data-override-date]");
    var reason = form.querySelector("[data-override-reason]");
    if (date && date.value) payload.dueOverride = { date: date.value, reason: reason ? reason.value : "" };
    var spot = form.querySelector("[data-on-the-spot]");
    if (spot && spot.checked) payload.onTheSpot = true;
    return payload;
  }

  function mark(form, details) {
    (details || []).forEach(function (detail) {
      var name = String(detail.field || "");
      var control = name.indexOf("formValues.") === 0
        ? form.querySelector("[data-value='" + name.slice(11).replace(/'/g, "") + "']")
        : name.indexOf("dueOverride") === 0 ? form.querySelector(name.indexOf("reason") > 0 ? "[data-override-reason]" : "[data-override-date]") : null;
      if (!control) {
        var box = form.querySelector("[data-doc-error]");
        if (box && name.indexOf("documents") === 0) { box.textContent = say(detail); box.hidden = false; }
        return;
      }
      control.setAttribute("aria-invalid", "true");
      var line = control.closest(".field") && control.closest(".field").querySelector(".field-error");
      if (line) { line.textContent = say(detail); line.hidden = false; }
    });
    var first = form.querySelector("[aria-invalid='true']");
    if (first) first.focus();
  }

  document.addEventListener("submit", async function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-intake]")) return;
    event.preventDefault();
    var box = form.querySelector(".form-error");
    box.hidden = true;
    form.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".field-error, [data-doc-error]").forEach(function (l) { l.hidden = true; l.textContent = ""; });
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    var response, data = {};
    try {
      var payload = await collect(form);
      response = await fetch(form.getAttribute("data-intake"), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(payload)
      });
      data = await response.json().catch(function () { return {}; });
    } catch (error) {
      button.disabled = false;
      box.textContent = document.body.getAttribute("data-msg-network") || String(error);
      box.hidden = false;
      return;
    }
    button.disabled = false;
    if (!response.ok) {
      box.textContent = say(data.error);
      box.hidden = false;
      mark(form, data.error && data.error.details);
      box.scrollIntoView({ block: "nearest" });
      return;
    }
    window.location.assign("/dossiers/" + encodeURIComponent(data.code));
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-action='print']");
    if (button) { event.preventDefault(); window.print(); }
  });
})();


// Ratings and reporting: the rating tablet, the public rating form and the print button.
(function () {
  function post(url, payload) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = {};
        try { data = text ? JSON.parse(text) : {}; } catch (error) { data = {}; }
        return { ok: response.ok, data: data };
      });
    }, function () { return { ok: false, data: {} }; });
  }

  function problemText(data) {
    var problem = (data && data.error) || {};
    var english = document.documentElement.lang === "en";
    return (english ? problem.message : problem.messageVi) || document.body.getAttribute("data-msg-failed") || "";
  }

  // The tablet sleeps until its counter finishes a ticket or returns a dossier. Live events
  // wake it at once; a poll every 10 s covers a dropped event stream.
  var tablet = document.querySelector("[data-rating-tablet]");
  if (tablet) {
    var timeout = parseInt(tablet.getAttribute("data-timeout"), 10) || 30;
    var current = null, dismissed = {}, level = 0, deadline = 0, timer = null;
    var states = tablet.querySelectorAll("[data-state]");
    var reasonsForm = tablet.querySelector("form.rating-reasons");

    function show(name) {
      states.forEach(function (element) { element.hidden = element.getAttribute("data-state") !== name; });
      tablet.setAttribute("data-showing", name);
    }
    function key(target) { return JSON.stringify(target.subject); }
    function sleep() {
      if (current) dismissed[key(current)] = true;
      current = null; level = 0;
      if (timer) { clearInterval(timer); timer = null; }
      reasonsForm.reset();
      show("idle");
    }
    function tick() {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var countdown = tablet.querySelector("[data-countdown]");
      if (countdown) countdown.textContent = left + " s";
      if (left <= 0) sleep();
    }
    function wake(target) {
      if (!target || dismissed[key(target)] || (current && key(current) === key(target))) return;
      current = target;
      var kind = target.subject.ticket !== undefined ? "ticket" : "dossier";
      tablet.querySelectorAll("[data-subject-kind]").forEach(function (element) {
        element.hidden = element.getAttribute("data-subject-kind") !== kind;
      });
      tablet.querySelector("[data-subject-label]").textContent = target.label;
      deadline = Date.now() + timeout * 1000;
      if (!timer) timer = setInterval(tick, 1000);
      tick();
      show("ask");
    }
    function check() {
      fetch("/api/v1/ratings/pending", { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.pending) wake(data.pending); }, function () {});
    }
    function send(payload) {
      var subject = current.subject;
      if (subject.ticket !== undefined) payload.ticket = subject.ticket._0 !== undefined ? subject.ticket._0 : subject.ticket;
      else payload.dossier = subject.dossier._0 !== undefined ? subject.dossier._0 : subject.dossier;
      payload.level = level;
      return post("/api/v1/ratings", payload).then(function (result) {
        if (!result.ok && result.data && result.data.error && result.data.error.code !== "ratings.already-rated") {
          var box = reasonsForm.querySelector(".form-error");
          box.textContent = problemText(result.data); box.hidden = false;
          show("reasons");
          return;
        }
        dismissed[key(current)] = true;
        current = null;
        if (timer) { clearInterval(timer); timer = null; }
        reasonsForm.reset();
        show("thanks");
        setTimeout(function () { if (!current) show("idle"); }, 4000);
      });
    }
    tablet.querySelectorAll("[data-level]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!current) return;
        level = parseInt(button.getAttribute("data-level"), 10);
        if (button.getAttribute("data-low") === "true") {
          deadline = Date.now() + timeout * 1000;
          show("reasons");
        } else {
          send({});
        }
      });
    });
    reasonsForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var reasons = [];
      reasonsForm.querySelectorAll("input[name=reasons]:checked").forEach(function (box) { reasons.push(box.value); });
      var comment = reasonsForm.elements.namedItem("comment").value.trim();
      var payload = { reasons: reasons };
      if (comment) payload.comment = comment;
      send(payload);
    });
    tablet.querySelector("[data-rating-skip]").addEventListener("click", sleep);

    if (window.EventSource) {
      var stream = new EventSource("/api/v1/events?topics=queue,intake");
      ["ticket.finished", "dossier.status-changed", "ready"].forEach(function (name) { stream.addEventListener(name, check); });
    }
    setInterval(check, 10000);
    show("idle");
    check();
  }

  // The public rating form: the reasons appear for a low level; the answer replaces the form.
  var rateForm = document.querySelector("[data-rate-form]");
  if (rateForm) {
    var reasons = rateForm.querySelector(".rate-reasons");
    var lowAt = parseInt(reasons.getAttribute("data-low-at"), 10) || 0;
    rateForm.addEventListener("change", function () {
      var chosen = rateForm.querySelector("input[name=level]:checked");
      reasons.hidden = !chosen || parseInt(chosen.value, 10) > lowAt;
    });
    rateForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = rateForm.querySelector("input[name=level]:checked");
      var payload = { dossier: rateForm.elements.namedItem("dossier").value.trim(), level: chosen ? parseInt(chosen.value, 10) : 0, reasons: [] };
      if (!reasons.hidden) rateForm.querySelectorAll("input[name=reasons]:checked").forEach(function (box) { payload.reasons.push(box.value); });
      var comment = rateForm.elements.namedItem("comment").value.trim();
      if (comment) payload.comment = comment;
      var box = rateForm.querySelector(".form-error");
      box.hidden = true;
      post("/api/v1/ratings/by-code", payload).then(function (result) {
        if (!result.ok) { box.textContent = problemText(result.data); box.hidden = false; return; }
        rateForm.querySelectorAll("fieldset, .field, button").forEach(function (element) { element.hidden = true; });
        rateForm.querySelector(".rate-done").hidden = false;
      });
    });
  }

  // Report pages: the period form shows the inputs its unit needs; the print button prints.
  var periodForm = document.querySelector("[data-report-form]");
  if (periodForm) {
    var unit = periodForm.elements.namedItem("unit");
    var sync = function () {
      periodForm.querySelectorAll("[data-unit]").forEach(function (field) {
        var units = field.getAttribute("data-unit").split(" ");
        field.hidden = units.indexOf(unit.value) < 0;
        field.querySelectorAll("input").forEach(function (input) { input.disabled = field.hidden; });
      });
    };
    unit.addEventListener("change", sync);
    sync();
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();

// MotCua pages: sends forms marked data-api as JSON and shows the server's answer.
// Plain ES2017 with no libraries; words come from the page (data-msg-*), never from here.
"use strict";

(function () {
  var vietnamese = document.documentElement.lang !== "en";

  function bodyMessage(name) {
    return document.body.getAttribute("data-msg-" + name) || "";
  }

  async function send(url, method, payload) {
    var options = {
      method: method,
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
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
    var next = form.getAttribute("data-next");
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

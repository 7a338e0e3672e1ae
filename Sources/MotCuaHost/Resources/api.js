// MotCua pages: the part of the script every page shares. `MotCua` sends JSON to the API and
// turns its problems into words; forms marked data-api are sent with it. Each kind's own
// script (queueing.js, intake.js, …) follows this one in /assets/app.js and uses `MotCua`.
// Plain ES2017 with no libraries; words come from the page (data-msg-*), never from here.
"use strict";

var MotCua = (function () {
  var vietnamese = document.documentElement.lang !== "en";

  function bodyMessage(name) {
    return document.body.getAttribute("data-msg-" + name) || "";
  }

  // Answers { ok, data } and never throws: a lost network is { ok: false, offline: true }
  // with an error that says so, and a body that is not JSON reads as {}.
  // The payload is sent as JSON, or as it is when a content type is given (a CSV file).
  // The page's per-session token, for browsers that send neither Origin nor Referer.
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";

  // A province server serves the centre under a prefix (<html data-base="/05425">): the
  // paths scripts send and follow are the centre's own ("/api/v1/queue") and get it here.
  var base = document.documentElement.getAttribute("data-base") || "";
  function url(path) {
    return base && typeof path === "string" && path.charAt(0) === "/" && path.charAt(1) !== "/" ? base + path : path;
  }

  async function send(path, method, payload, contentType) {
    var headers = { "Content-Type": contentType || "application/json", "Accept": "application/json" };
    if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
    var options = {
      method: method,
      headers: headers,
      credentials: "same-origin"
    };
    if (payload !== undefined) options.body = contentType ? payload : JSON.stringify(payload);
    var response;
    var data = {};
    try {
      response = await fetch(url(path), options);
      var text = await response.text();
      if (text) {
        try { data = JSON.parse(text); } catch (error) { data = {}; }
      }
    } catch (error) {
      var network = bodyMessage("network");
      return { ok: false, offline: true, data: { error: { message: network, messageVi: network } } };
    }
    return { ok: response.ok, data: data };
  }

  function post(url, payload) { return send(url, "POST", payload === undefined ? {} : payload); }

  function get(url) { return send(url, "GET"); }

  // A problem's message in the page's language, the other language when that one is missing,
  // and the page's "failed" line when the server said nothing.
  function say(problem) {
    var text = problem && (vietnamese ? problem.messageVi || problem.message : problem.message || problem.messageVi);
    return text || bodyMessage("failed");
  }

  return { vietnamese: vietnamese, bodyMessage: bodyMessage, send: send, post: post, get: get, say: say, url: url };
})();

// Forms marked data-api are sent as JSON and the server's answer shown; buttons marked
// data-action="post" or "signout" post, and data-action="print" prints.
(function () {
  var vietnamese = MotCua.vietnamese;
  var send = MotCua.send;
  var say = MotCua.say;

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
    // One request per form at a time: a double click sends once (it takes one receipt).
    if (form.getAttribute("aria-busy") === "true") return;
    var confirmText = form.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) return;
    clearErrors(form);
    var output = form.querySelector("output.result");
    if (output) output.hidden = true;
    var buttons = Array.prototype.slice.call(form.querySelectorAll("button[type=submit], button:not([type])"));
    busy(buttons.concat([form]), true);
    var result = await send(form.getAttribute("data-api"), form.getAttribute("data-method") || "POST", collect(form));
    var next = form.getAttribute("data-next");
    // On success the page is about to change: the buttons stay disabled until it does.
    if (!result.ok || output) busy(buttons.concat([form]), false);
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
    if (result.data && result.data.next) next = result.data.next;
    if (next) window.location.assign(MotCua.url(next)); else window.location.reload();
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
    if (action === "signout" && !result.offline) { window.location.assign(MotCua.url("/")); return; }
    if (!result.ok) { showError(null, say(result.data.error)); return; }
    var outputID = button.getAttribute("data-output");
    if (outputID && showResult(document.getElementById(outputID), result.data)) return;
    window.location.reload();
  }

  document.addEventListener("submit", submitForm);
  document.addEventListener("click", clickAction);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-action='print']");
    if (button) { event.preventDefault(); window.print(); }
  });
})();

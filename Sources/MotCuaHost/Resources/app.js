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

// Intake: the reception form (form[data-intake]) sends nested JSON with the checklist and
// base64 scans, then opens the new dossier.
(function () {
  var say = MotCua.say;

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
    var procedureCase = form.querySelector("[data-case]");
    if (procedureCase && procedureCase.value) payload["case"] = procedureCase.value;
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
      var docForm = form.querySelector("[data-doc-form='" + index + "']");
      if (docForm && docForm.value) line.form = docForm.value;
      var copies = form.querySelector("[data-doc-copies='" + index + "']");
      if (copies && copies.value) line.copies = Number(copies.value);
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
    var payload;
    try {
      payload = await collect(form);
    } catch (error) {
      // A scan the browser could not read.
      button.disabled = false;
      box.textContent = MotCua.bodyMessage("network") || String(error);
      box.hidden = false;
      return;
    }
    var answer = await MotCua.post(form.getAttribute("data-intake"), payload);
    button.disabled = false;
    if (!answer.ok) {
      box.textContent = say(answer.data.error);
      box.hidden = false;
      mark(form, answer.data.error && answer.data.error.details);
      box.scrollIntoView({ block: "nearest" });
      return;
    }
    window.location.assign(MotCua.url("/dossiers/" + encodeURIComponent(answer.data.code)));
  });
  // Reception: the search box filters the procedure rows by code or name as the clerk types,
  // ignoring case and tone marks (the server's `q` does the same without script).
  function searchKey(text) {
    return String(text).toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var search = document.querySelector("[data-procedure-search]");
  var rows = document.querySelector("[data-procedure-rows]");
  if (search && rows) {
    var none = document.querySelector("[data-no-match]");
    var filter = function () {
      var words = searchKey(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.querySelectorAll("tr[data-search]").forEach(function (row) {
        var key = row.getAttribute("data-search");
        var match = words.every(function (word) { return key.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) shown++;
      });
      if (none) none.hidden = shown > 0;
    };
    search.addEventListener("input", filter);
    filter();
  }
})();

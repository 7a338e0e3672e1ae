// Ratings: the rating tablet and the public rating form.
(function () {
  var post = MotCua.post;

  function problemText(data) {
    return MotCua.say(data && data.error);
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
      MotCua.get("/api/v1/ratings/pending").then(function (answer) {
        if (answer.ok && answer.data.pending) wake(answer.data.pending);
      });
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
      var stream = new EventSource(MotCua.url("/api/v1/events?topics=queue,intake"));
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
      var payload = { code: rateForm.elements.namedItem("code").value.trim(), level: chosen ? parseInt(chosen.value, 10) : 0, reasons: [] };
      var phone = rateForm.elements.namedItem("phone");
      if (phone) payload.phone = phone.value.trim();
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
})();

// Queueing: kiosk, printed ticket, board, counter console, supervisor view, follow page.
(function () {
  var message = MotCua.say;
  var post = MotCua.post;

  function parse(text, fallback) {
    try { return JSON.parse(text); } catch (error) { return fallback; }
  }

  function minutes(seconds, unit) {
    return Math.max(0, Math.ceil((seconds || 0) / 60)) + " " + unit;
  }

  // A stream that reconnects by itself (EventSource retries; we also re-read state on "ready").
  function listen(url, onEvent, onState) {
    if (!window.EventSource) return;
    var source = new EventSource(MotCua.url(url));
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
      frame.src = MotCua.url("/kiosk/ticket/" + encodeURIComponent(ticket.id));
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
    var soundNote = board.querySelector("[data-board-sound-note]");
    var audio = null;
    var AudioContextType = window.AudioContext || window.webkitAudioContext;
    var soundKey = "motcua.board.sound";

    // Sound: a kiosk browser started with --autoplay-policy=no-user-gesture-required (see
    // Docs/Queueing.md) lets the audio context run at once, so the first call chimes without
    // a click. Where the browser refuses, the choice made once with the button is remembered
    // and the first touch or key after a reload turns sound back on.
    function remembered() { try { return window.localStorage.getItem(soundKey) === "on"; } catch (error) { return false; } }
    function remember() { try { window.localStorage.setItem(soundKey, "on"); } catch (error) { /* private mode */ } }
    function settleSound() {
      var on = !!audio && audio.state === "running";
      board.setAttribute("data-sound", on ? "on" : "off");
      if (soundButton) soundButton.hidden = on || remembered();
      if (soundNote) soundNote.hidden = on || !remembered();
    }
    function startSound() {
      if (!AudioContextType) return;
      if (!audio) { audio = new AudioContextType(); audio.addEventListener("statechange", settleSound); }
      if (audio.state !== "running" && audio.resume) audio.resume().then(settleSound, settleSound);
      if (window.speechSynthesis) window.speechSynthesis.getVoices();
      settleSound();
    }
    startSound();
    setTimeout(settleSound, 500);
    ["pointerdown", "keydown", "touchstart"].forEach(function (kind) {
      document.addEventListener(kind, function () { if (remembered()) startSound(); }, { once: true, capture: true });
    });

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

    // Calls the board has shown, so calls made while it was offline are replayed on reconnect.
    var shown = {};
    var synced = false;
    function callKey(number, counter) { return number + "|" + counter; }
    board.querySelectorAll("[data-recent-list] li").forEach(function (item) {
      var number = item.querySelector(".recent-number");
      if (number) shown[number.textContent + "|*"] = true;
    });

    async function resync() {
      try {
        var answer = await MotCua.get("/api/v1/queue");
        if (!answer.ok) return;
        var snapshot = answer.data;
        var missed = (snapshot.recentCalls || []).filter(function (ticket) {
          return !shown[callKey(ticket.number, ticket.counter)] && !shown[ticket.number + "|*"];
        });
        (snapshot.recentCalls || []).forEach(function (ticket) { shown[callKey(ticket.number, ticket.counter)] = true; });
        var first = !synced;
        synced = true;
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
        // Replay what was called while the board was away, oldest first, a few seconds apart.
        if (!first && missed.length) {
          var replayed = (board.getAttribute("data-replayed") || "").split(" ").filter(Boolean);
          missed.reverse().forEach(function (ticket, index) {
            setTimeout(function () { showCall(ticket); announce(ticket); }, index * 4000);
            replayed.push(ticket.number);
          });
          board.setAttribute("data-replayed", replayed.join(" "));
        }
      } catch (error) { /* the stream's reconnect brings another chance */ }
    }

    listen("/api/v1/events?topics=queue", function (kind, payload) {
      board.setAttribute("data-last-event", kind + " " + (payload.number || "") + " " + Date.now());
      if (kind === "ready" || kind === "queue.day-closed") { resync(); return; }
      setWaiting(payload.waiting);
      if (kind === "ticket.called" || kind === "ticket.recalled") {
        shown[callKey(payload.number, payload.counter)] = true;
        showCall(payload); announce(payload); return;
      }
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
        remember();
        startSound();
        chime();
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
        var answer = await MotCua.get("/api/v1/tickets/" + encodeURIComponent(id));
        if (!answer.ok) return;
        var ticket = answer.data;
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

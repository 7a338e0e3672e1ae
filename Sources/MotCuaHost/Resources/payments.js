// Payments: confirmations before a form is sent, and the bank statement upload.
(function () {
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
    var answer = await MotCua.send(form.getAttribute("data-upload"), "POST", await file.arrayBuffer(), "text/csv");
    if (!answer.ok) {
      box.textContent = MotCua.say(answer.data.error);
      box.hidden = false;
      return;
    }
    var data = answer.data;
    output.textContent = form.getAttribute("data-done")
      .replace("{confirmed}", (data.confirmed || []).length)
      .replace("{exceptions}", (data.exceptions || []).length)
      .replace("{already}", data.alreadyImported || 0);
    output.hidden = false;
  });
})();

// Reporting: the period form shows the inputs its unit needs; the print button prints.
(function () {
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

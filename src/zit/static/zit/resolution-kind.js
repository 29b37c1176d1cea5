// The resolution form shows only the fields the chosen kind needs (a strategy version, a list, a member…);
// without JavaScript every field stays visible and the server says which one is missing.
(function () {
  "use strict";
  var kind = document.getElementById("id_kind");
  if (!kind || !kind.dataset.targets) {
    return;
  }
  var targets = JSON.parse(kind.dataset.targets);
  var all = JSON.parse(kind.dataset.allTargets);

  function update() {
    var needed = targets[kind.value] || [];
    all.forEach(function (name) {
      var input = document.getElementById("id_" + name);
      var field = input && input.closest(".field");
      if (field) {
        field.hidden = needed.indexOf(name) === -1 && !input.value;
      }
    });
  }

  kind.addEventListener("change", update);
  update();
})();

// A search field above long checkbox lists: typing hides the options that do not match, the checked ones
// always stay visible, and a polite status says how many are shown and checked.
(function () {
  "use strict";
  var english = (document.documentElement.lang || "pl").indexOf("en") === 0;
  var text = english
    ? { label: "Search the list", status: function (v, n, c) { return "Shown: " + v + " of " + n + ". Checked: " + c + "."; } }
    : { label: "Szukaj na liście", status: function (v, n, c) { return "Widoczne: " + v + " z " + n + ". Zaznaczone: " + c + "."; } };

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l");
  }

  document.querySelectorAll("div.filterable-choices").forEach(function (list) {
    var options = Array.prototype.slice.call(list.children);
    var wrap = document.createElement("div");
    wrap.className = "choice-filter";
    var id = list.id + "-szukaj";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = text.label;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.setAttribute("aria-controls", list.id);
    var status = document.createElement("p");
    status.className = "help";
    status.setAttribute("role", "status");
    wrap.appendChild(label);
    wrap.appendChild(input);
    wrap.appendChild(status);
    list.parentNode.insertBefore(wrap, list);
    list.classList.add("filterable-choices-on");

    function update() {
      var query = fold(input.value.trim());
      var shown = 0, checked = 0;
      options.forEach(function (option) {
        var box = option.querySelector("input");
        var match = !query || fold(option.textContent).indexOf(query) !== -1 || (box && box.checked);
        option.hidden = !match;
        if (match) shown += 1;
        if (box && box.checked) checked += 1;
      });
      status.textContent = text.status(shown, options.length, checked);
    }
    input.addEventListener("input", update);
    list.addEventListener("change", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // Enter filters; it does not send the form
    });
    update();
  });
})();

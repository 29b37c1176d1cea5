// Live sum of the allocation split: tells the user, while typing, how far the lines are from the total.
(function () {
  const form = document.getElementById("split-form");
  if (!form) return;
  const out = document.getElementById("split-total");
  const lang = document.documentElement.lang || "pl";
  const parse = (text) => {
    // the same reading as the server (zit.core.money.to_decimal)
    let clean = (text || "").replace(/[\s\u00a0\u202f]/g, "");
    const dots = (clean.match(/\./g) || []).length, commas = (clean.match(/,/g) || []).length;
    if (dots && commas) {
      clean = clean.lastIndexOf(",") > clean.lastIndexOf(".") ? clean.replace(/\./g, "").replace(",", ".") : clean.replace(/,/g, "");
    } else if (dots > 1) {
      clean = clean.replace(/\./g, "");
    } else if (commas > 1 || (commas && lang !== "pl")) {
      clean = clean.replace(/,/g, "");
    } else {
      clean = clean.replace(",", ".");
    }
    const value = Number(clean);
    return clean === "" || Number.isNaN(value) ? null : Math.round(value * 100);
  };
  const money = (cents) => (cents / 100).toLocaleString(lang === "pl" ? "pl-PL" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + " EUR";
  const messages = lang === "pl"
    ? { ok: "Suma podziału równa alokacji: ", short: "Brakuje do alokacji: ", over: "Przekroczono alokację o: ", sum: "Suma podziału: " }
    : { ok: "The split equals the allocation: ", short: "Still to allocate: ", over: "Over the allocation by: ", sum: "Split total: " };
  let timer = null;
  const update = () => {
    const total = parse(form.querySelector("[name=total_eur]").value);
    let sum = 0;
    form.querySelectorAll("input[name$='-amount_eur']").forEach((input) => { sum += parse(input.value) || 0; });
    out.hidden = false;
    if (total === null) { out.textContent = messages.sum + money(sum); out.dataset.state = ""; return; }
    const diff = total - sum;
    out.dataset.state = diff === 0 ? "ok" : "bad";
    out.textContent = diff === 0 ? messages.ok + money(sum) : (diff > 0 ? messages.short : messages.over) + money(Math.abs(diff)) + " (" + messages.sum.toLowerCase() + money(sum) + ")";
  };
  // announce after typing pauses, so a screen reader is not flooded on every key
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 400); });
  update();
})();

// newsprism UI: small progressive enhancements; every page works without this file.
// Loaded from the server only (CSP script-src 'self'); it never inserts HTML from data:
// record text goes in through textContent.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function factData() {
    var block = document.getElementById("facts-data");
    if (!block) return null;
    try { return JSON.parse(block.textContent || "{}"); } catch (e) { return null; }
  }

  function select(factId, facts, ids) {
    var text = document.getElementById("text");
    var panel = document.getElementById("panel");
    if (!text || !panel) return;
    text.querySelectorAll("a.fact.selected").forEach(function (a) { a.classList.remove("selected"); });
    text.querySelectorAll("a.fact").forEach(function (a) {
      if ((a.getAttribute("data-facts") || "").split(" ").indexOf(factId) >= 0) a.classList.add("selected");
    });
    panel.replaceChildren();
    (ids || [factId]).forEach(function (id) {
      var f = facts[id];
      if (!f) return;
      var card = el("div", "fact-card");
      card.setAttribute("data-fact-id", id);
      card.appendChild(el("p", "kicker", f.kind));
      card.appendChild(el("p", "summary", f.summary));
      if (f.entity_href) {
        var p = el("p"); var a = el("a", null, "Entity page →"); a.href = f.entity_href; p.appendChild(a);
        card.appendChild(p);
      }
      if (f.related && f.related.length) {
        card.appendChild(el("p", "muted", "Related: " + f.related.map(function (r) {
          return r.kind + (r.role ? " (" + r.role + ")" : "");
        }).join(", ")));
      }
      if (f.evidence_ok === false) card.appendChild(el("p", "tag warn", "evidence text does not match the stored text"));
      card.appendChild(el("pre", "json", JSON.stringify(f.record, null, 1)));
      panel.appendChild(card);
    });
    var url = new URL(window.location.href);
    url.searchParams.set("fact", factId);
    url.hash = "f-" + encodeURIComponent(factId);
    history.replaceState(null, "", url.toString());
  }

  function setupReader() {
    var text = document.getElementById("text");
    var facts = factData();
    if (!text || !facts) return;
    text.addEventListener("click", function (ev) {
      var a = ev.target.closest("a.fact");
      if (!a) return;
      ev.preventDefault();
      var ids = (a.getAttribute("data-facts") || "").split(" ").filter(Boolean);
      if (ids.length) select(ids[0], facts, ids);
    });
    document.querySelectorAll("#legend input[data-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
      });
    });
    var hl = document.getElementById("hl");
    if (hl && window.location.hash === "#hl") {
      window.addEventListener("load", function () { hl.scrollIntoView({ block: "center" }); });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupReader();
    document.documentElement.setAttribute("data-js", "ready");
  });
})();

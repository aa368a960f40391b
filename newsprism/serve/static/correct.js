// The correction form: a ✎ button opens it for one record; saving POSTs /-/correct with the write
// token as a Bearer header (never a cookie), then reloads the page to show the corrected record.
(function () {
  "use strict";
  const panel = document.getElementById("correct-panel");
  if (!panel) return;
  const form = panel.querySelector("form");
  const el = (name) => form.elements.namedItem(name);
  const msg = panel.querySelector(".correct-msg");
  const fields = JSON.parse(document.getElementById("correct-fields").textContent);
  const LISTS = ["actors", "recipients", "split"];
  document.addEventListener("click", (ev) => {
    const button = ev.target.closest(".correct-open");
    if (button) {
      el("kind").value = button.dataset.kind;
      el("target").value = button.dataset.target;
      panel.querySelector("[data-slot=what]").textContent = button.dataset.kind + (button.dataset.label ? " (" + button.dataset.label + ")" : "");
      el("field").replaceChildren(...(fields[button.dataset.kind] || []).map((f) => new Option(f.replace(/_/g, " "), f)));
      msg.textContent = "";
      panel.hidden = false;
      el("field").focus();
    } else if (ev.target.closest("[data-close]")) {
      panel.hidden = true;
    }
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const field = el("field").value;
    const raw = el("value").value;
    const body = {
      kind: el("kind").value, target: el("target").value, field: field, by: el("by").value, why: el("why").value,
      value: LISTS.includes(field) ? raw.split(";").map((s) => s.trim()).filter(Boolean) : raw,
    };
    msg.textContent = "saving…";
    let response;
    try {
      response = await fetch("/-/correct", {
        method: "POST", body: JSON.stringify(body), credentials: "omit",
        headers: { "Authorization": "Bearer " + el("token").value, "Content-Type": "application/json", "Accept": "application/json" },
      });
    } catch (err) {
      msg.textContent = "not saved: " + err;
      return;
    }
    const data = await response.json().catch(() => ({}));
    if (response.ok) {
      msg.textContent = "saved";
      window.location.reload();
    } else {
      msg.textContent = "not saved: " + (data.error || "error " + response.status);
    }
  });
})();

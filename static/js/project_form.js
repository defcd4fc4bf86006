// The đề án form: "add a row" for the three row sets, live totals by source, indicators filtered
// by content, and the search-as-you-type picker of establishments. Everything here is a comfort:
// without JavaScript the extra empty rows still post, the server recomputes every total and
// checks every rule, and an establishment can be typed by its exact tax code or name.
"use strict";

(function () {
  const form = document.querySelector("[data-project-form]");
  if (!form) {
    return;
  }

  // --- Money ------------------------------------------------------------------------------------

  // "1.234.567", "1 234 567", "1234567 đ" → 1234567; anything else → null.
  function parseMoney(text) {
    const digits = String(text || "")
      .trim()
      .replace(/\s*(đồng|đ)$/u, "")
      .replace(/[.\s\u00a0_]/g, "");
    if (!/^\d+$/.test(digits)) {
      return null;
    }
    return Number(digits);
  }

  function group(n) {
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function formatDong(n) {
    return group(n) + " đ";
  }

  // Two decimals, Vietnamese comma: 1.5 → "1,50".
  function formatRatio(x) {
    const fixed = x.toFixed(2);
    const parts = fixed.split(".");
    return group(Number(parts[0])) + "," + parts[1];
  }

  function isDeleted(row) {
    const box = row.querySelector("[data-delete]");
    return Boolean(box && box.checked);
  }

  function liveRows(section) {
    return Array.from(section.querySelectorAll("[data-formset-body] [data-row]")).filter(
      (row) => !isDeleted(row),
    );
  }

  function setText(selector, text) {
    const cell = form.querySelector(selector);
    if (cell) {
      cell.textContent = text;
    }
  }

  function recomputeBudget() {
    const section = form.querySelector('[data-formset="budget"]');
    if (!section) {
      return;
    }
    const totals = { kcqg: 0, kcdp: 0, counterpart: 0, other: 0 };
    liveRows(section).forEach((row) => {
      const source = row.querySelector("[data-source]");
      const amount = parseMoney(row.querySelector('[data-amount="proposed"]')?.value);
      if (source && source.value in totals && amount !== null) {
        totals[source.value] += amount;
      }
    });
    const publicMoney = totals.kcqg + totals.kcdp;
    Object.keys(totals).forEach((key) => setText(`[data-total="${key}"]`, formatDong(totals[key])));
    setText(
      '[data-total="total"]',
      formatDong(totals.kcqg + totals.kcdp + totals.counterpart + totals.other),
    );
    setText(
      '[data-total="leverage"]',
      publicMoney ? formatRatio(totals.counterpart / publicMoney) : "—",
    );
  }

  function recomputeParticipants() {
    const section = form.querySelector('[data-formset="participants"]');
    if (!section) {
      return;
    }
    const sums = { support: 0, counterpart: 0 };
    liveRows(section).forEach((row) => {
      Object.keys(sums).forEach((key) => {
        const amount = parseMoney(row.querySelector(`[data-amount="${key}"]`)?.value);
        if (amount !== null) {
          sums[key] += amount;
        }
      });
    });
    Object.keys(sums).forEach((key) => setText(`[data-sum="${key}"]`, formatDong(sums[key])));
  }

  // --- Indicators follow the content -----------------------------------------------------------

  const contentSelect = form.querySelector('select[name="content"]');

  function filterIndicators(scope) {
    if (!contentSelect) {
      return;
    }
    const chosen = contentSelect.selectedOptions[0];
    const wanted = new Set();
    if (chosen && chosen.value) {
      wanted.add(chosen.value);
      if (chosen.dataset.group) {
        wanted.add(chosen.dataset.group);
      }
    }
    (scope || form).querySelectorAll("select[data-indicator] option").forEach((option) => {
      if (!option.value || wanted.size === 0) {
        option.hidden = false;
        return;
      }
      const contents = (option.dataset.contents || "").split(" ");
      // A chosen indicator stays visible: the server says why it no longer fits.
      option.hidden = !option.selected && !contents.some((id) => wanted.has(id));
    });
  }

  // --- The reporting activity follows the content ----------------------------------------------

  const activitySelect = form.querySelector("select[data-activity]");

  // Only the chosen content's lines are offered; when the chosen line is not one of them (the
  // content changed), the content's default is picked. The server applies the same rule.
  function filterActivities(pickDefault) {
    if (!contentSelect || !activitySelect) {
      return;
    }
    const content = contentSelect.value;
    let fallback = null;
    Array.from(activitySelect.options).forEach((option) => {
      if (!option.value || !content) {
        option.hidden = false;
        return;
      }
      const fits = (option.dataset.contents || "").split(" ").includes(content);
      // On load a chosen line stays visible: the server says why it no longer fits.
      option.hidden = !fits && (pickDefault || !option.selected);
      if ((option.dataset.defaultFor || "").split(" ").includes(content)) {
        fallback = option;
      }
    });
    const chosen = activitySelect.selectedOptions[0];
    if (pickDefault && content && (!chosen || !chosen.value || chosen.hidden)) {
      activitySelect.value = fallback ? fallback.value : "";
    }
  }

  // --- Rows ---------------------------------------------------------------------------------------

  function setUpAddButton(section) {
    const button = section.querySelector("[data-add-row]");
    const template = section.querySelector("template[data-empty-row]");
    const body = section.querySelector("[data-formset-body]");
    const total = section.querySelector('input[name$="-TOTAL_FORMS"]');
    const max = section.querySelector('input[name$="-MAX_NUM_FORMS"]');
    if (!button || !template || !body || !total) {
      return;
    }
    const refresh = () => {
      button.disabled = Boolean(max && Number(total.value) >= Number(max.value));
    };
    button.hidden = false;
    refresh();
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const holder = document.createElement("tbody");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      const row = holder.querySelector("[data-row]");
      body.appendChild(row);
      total.value = String(index + 1);
      filterIndicators(row);
      refresh();
      const first = row.querySelector("input:not([type=hidden]), select");
      if (first) {
        first.focus();
      }
    });
  }

  // --- Establishment picker ----------------------------------------------------------------------

  let searchTimer = null;
  let searchAbort = null;

  function closeResults(box) {
    box.hidden = true;
    box.replaceChildren();
  }

  function showResults(input, box, results) {
    box.replaceChildren();
    if (!results.length) {
      const empty = document.createElement("div");
      empty.className = "list-group-item small text-muted";
      empty.textContent = input.dataset.noResults || "—";
      box.appendChild(empty);
    }
    results.forEach((result) => {
      const item = document.createElement("button");
      item.type = "button";
      item.className = "list-group-item list-group-item-action small";
      const name = document.createElement("div");
      name.className = "fw-semibold";
      name.textContent = result.name;
      const detail = document.createElement("div");
      detail.className = "text-muted";
      detail.textContent = [result.tax_code, result.commune, result.province]
        .filter(Boolean)
        .join(" · ");
      item.append(name, detail);
      item.addEventListener("click", () => {
        const row = input.closest("[data-row]");
        row.querySelector('input[name$="-beneficiary"]').value = String(result.id);
        input.value = result.name;
        closeResults(box);
        input.focus();
      });
      box.appendChild(item);
    });
    box.hidden = false;
  }

  function search(input) {
    const row = input.closest("[data-row]");
    const box = row.querySelector("[data-search-results]");
    const query = input.value.trim();
    if (searchAbort) {
      searchAbort.abort();
    }
    if (query.length < 2 || !input.dataset.searchUrl) {
      closeResults(box);
      return;
    }
    searchAbort = new AbortController();
    const url = `${input.dataset.searchUrl}?q=${encodeURIComponent(query)}`;
    fetch(url, { headers: { Accept: "application/json" }, signal: searchAbort.signal })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((data) => showResults(input, box, data.results || []))
      .catch(() => {});
  }

  // --- Wiring (delegated, so rows added later need nothing more) ---------------------------------

  form.addEventListener("input", (event) => {
    const target = event.target;
    if (target.matches(".beneficiary-search")) {
      // The typed text no longer names the picked establishment.
      target.closest("[data-row]").querySelector('input[name$="-beneficiary"]').value = "";
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => search(target), 250);
    }
    if (target.matches("[data-amount]")) {
      recomputeBudget();
      recomputeParticipants();
    }
  });

  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target === contentSelect) {
      filterIndicators();
      filterActivities(true);
    }
    if (target.matches("[data-source], [data-delete]")) {
      recomputeBudget();
      recomputeParticipants();
    }
  });

  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && event.target.matches(".beneficiary-search")) {
      closeResults(event.target.closest("[data-row]").querySelector("[data-search-results]"));
    }
  });

  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-search-results], .beneficiary-search")) {
      form.querySelectorAll("[data-search-results]").forEach(closeResults);
    }
  });

  form.querySelectorAll("[data-formset]").forEach(setUpAddButton);
  filterIndicators();
  filterActivities(false);
})();

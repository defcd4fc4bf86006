// Beneficiary form and filter bar: the commune select offers the communes of the chosen
// province only; when the province changes its options are fetched again from the list page
// (GET ?communes_for=<province id> → {"results": [{"id", "name"}]}).
"use strict";

(function () {
  function reloadCommunes(communeSelect, provinceId) {
    const blank = communeSelect.querySelector("option[value='']");
    const blankLabel = blank ? blank.textContent : "---------";
    const url = new URL(communeSelect.dataset.communesUrl, window.location.href);
    url.searchParams.set("communes_for", provinceId || "");
    communeSelect.disabled = true;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.json();
      })
      .then(function (data) {
        communeSelect.replaceChildren();
        const empty = document.createElement("option");
        empty.value = "";
        empty.textContent = blankLabel;
        communeSelect.appendChild(empty);
        data.results.forEach(function (commune) {
          const option = document.createElement("option");
          option.value = String(commune.id);
          option.textContent = commune.name;
          communeSelect.appendChild(option);
        });
      })
      .catch(function () {
        // Leave the options as they were: the server checks the commune on save anyway.
      })
      .finally(function () {
        communeSelect.disabled = false;
      });
  }

  document.querySelectorAll("select[data-communes-url]").forEach(function (communeSelect) {
    const form = communeSelect.form;
    const provinceSelect = form ? form.querySelector("select[name='province']") : null;
    if (!provinceSelect) {
      return;
    }
    provinceSelect.addEventListener("change", function () {
      reloadCommunes(communeSelect, provinceSelect.value);
    });
  });
})();

// The org tree: search by name without diacritics or case ("hoang dong" finds "Hoàng Đồng"),
// showing each match with its ancestors opened; expand and collapse all. No inline script.
(function () {
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function init() {
    var tree = document.querySelector(".tree");
    var box = document.getElementById("tree-search");
    if (!tree || !box) return;
    var items = Array.prototype.slice.call(tree.querySelectorAll("li[data-code]"));
    items.forEach(function (li) {
      var label = li.querySelector(".tree-label");
      li.dataset.fold = fold(label ? label.textContent : li.textContent) + " " + fold(li.dataset.code);
    });
    var initiallyOpen = Array.prototype.map.call(tree.querySelectorAll("details"), function (d) { return d.open; });
    function apply() {
      var q = fold(box.value);
      var none = document.getElementById("tree-none");
      if (!q) {
        items.forEach(function (li) { li.hidden = false; li.classList.remove("match"); });
        tree.querySelectorAll("details").forEach(function (d, i) { d.open = initiallyOpen[i]; });
        if (none) none.hidden = true;
        return;
      }
      items.forEach(function (li) { li.hidden = true; li.classList.remove("match"); });
      var found = 0;
      items.forEach(function (li) {
        if (li.dataset.fold.indexOf(q) === -1) return;
        found += 1;
        li.hidden = false;
        li.classList.add("match");
        var node = li.parentElement;
        while (node && node !== tree) {
          if (node.tagName === "LI") node.hidden = false;
          if (node.tagName === "DETAILS") node.open = true;
          node = node.parentElement;
        }
      });
      if (none) none.hidden = found > 0;
    }
    box.addEventListener("input", apply);
    document.querySelectorAll("[data-tree-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.dataset.treeAction === "expand";
        tree.querySelectorAll("details").forEach(function (d) { d.open = open; });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

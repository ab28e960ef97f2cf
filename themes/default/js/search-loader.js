// Loads the search script (js/search.min.js, named in the header form's data-search-script)
// the first time a reader focuses or types in the header search box, so pages that are only
// read never download it. The search page loads the script itself. No inline code: the
// portal's Content-Security-Policy allows scripts from the site only.
(function () {
  'use strict';
  var form = document.querySelector('form[data-search-script]');
  if (!form || !form.dataset.searchScript) return;
  var input = form.querySelector('input[name=q]');
  function load() {
    input.removeEventListener('focus', load);
    input.removeEventListener('input', load);
    if (window.hoctapSearch || document.querySelector('script[data-search-main]')) return;
    var script = document.createElement('script');
    script.src = form.dataset.searchScript;
    script.dataset.searchMain = '';
    document.head.appendChild(script);
  }
  input.addEventListener('focus', load);
  input.addEventListener('input', load);
  if (document.activeElement === input) load();
})();

// The website's script: sortable tables and the comparison of countries. Every page works
// without it; it only adds. No framework, no request anywhere.
'use strict';

(function () {
  // --- Sortable tables: each column header becomes a button (WAI-ARIA APG, "Sortable
  // Table"); aria-sort says the order.
  function cellValue(row, column) {
    const cell = row.cells[column];
    if (!cell) return '';
    const plain = cell.getAttribute('data-value');
    if (plain !== null) return Number(plain);
    const text = cell.textContent.trim();
    const number = Number(text.replace(/[^\d.-]/g, ''));
    return text !== '' && /\d/.test(text) && !Number.isNaN(number) && /^[\d\s.,+\-−–]+$/.test(text)
      ? number
      : text;
  }

  function sortTable(table, column, header) {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows).filter((row) => !row.classList.contains('average'));
    const ascending = header.getAttribute('aria-sort') !== 'ascending';
    const collator = new Intl.Collator(document.documentElement.lang);
    rows.sort((a, b) => {
      const x = cellValue(a, column);
      const y = cellValue(b, column);
      const order = typeof x === 'number' && typeof y === 'number'
        ? x - y
        : collator.compare(String(x), String(y));
      return ascending ? order : -order;
    });
    for (const th of table.tHead.rows[0].cells) th.removeAttribute('aria-sort');
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    for (const row of rows) body.appendChild(row);
  }

  for (const table of document.querySelectorAll('table.sortable')) {
    if (!table.tHead) continue;
    Array.from(table.tHead.rows[0].cells).forEach((header, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener('click', () => sortTable(table, column, header));
    });
  }

  // --- Compare: ?c=SE,DE,FR (or ?c=SE&c=DE, as the form sends it without this script)
  // sets two to six countries side by side, area by area and dimension by dimension.
  const form = document.querySelector('form.compare');
  const data = document.getElementById('compare-data');
  if (!form || !data) return;
  const site = JSON.parse(data.textContent);
  const chosenFrom = (search) => {
    const codes = [];
    for (const value of new URLSearchParams(search).getAll('c'))
      for (const code of value.split(','))
        if (site.countries[code] && !codes.includes(code)) codes.push(code);
    return codes.slice(0, 6);
  };
  const output = document.getElementById('compare-output');

  function show(codes) {
    for (const box of form.querySelectorAll('input[name="c"]')) box.checked = codes.includes(box.value);
    output.textContent = '';
    if (codes.length < 2) return;
    const table = document.createElement('table');
    table.className = 'compared';
    const caption = table.createCaption();
    caption.textContent = site.caption;
    const head = table.createTHead().insertRow();
    head.appendChild(document.createElement('td'));
    for (const code of codes.concat(['average'])) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = code === 'average' ? site.average : site.countries[code].name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    site.measures.forEach((measure, m) => {
      const row = body.insertRow();
      if (measure.kind === 'dimension') row.className = 'dimension';
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = measure.name;
      row.appendChild(th);
      for (const code of codes) {
        const cell = row.insertCell();
        cell.className = 'number';
        cell.textContent = site.countries[code].scores[m];
      }
      const average = row.insertCell();
      average.className = 'number';
      average.textContent = site.averages[m];
    });
    const wrapper = document.createElement('div');
    wrapper.className = 'wide';
    wrapper.appendChild(table);
    output.appendChild(wrapper);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const codes = Array.from(form.querySelectorAll('input[name="c"]:checked')).map((box) => box.value).slice(0, 6);
    const url = new URL(window.location.href);
    url.search = codes.length ? '?c=' + codes.join(',') : '';
    try {
      window.history.replaceState(null, '', url.href);
    } catch (error) {
      // Some browsers refuse to change a file:// address; the comparison shows all the same.
    }
    show(codes);
    output.focus();
  });
  show(chosenFrom(window.location.search));
})();

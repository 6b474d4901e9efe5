// What the office's dashboard (app.js and the views beside it) and the hub's central
// dashboard (hub/hub.js) share: element lookup, table cells, summary cards, and minutes
// and shares written as both pages show them.
'use strict';

function $(id) { return document.getElementById(id); }

function cell(row, text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  if (text instanceof Node) td.append(text); else td.textContent = text;
  row.append(td);
  return td;
}

function minutes(seconds) {
  return seconds === null || seconds === undefined ? '–' : (seconds / 60).toFixed(1).replace('.', ',');
}

function percent(share) {
  return share === null || share === undefined ? '–' : Math.round(share * 100) + '%';
}

function card(container, label, value, note, tone) {
  const div = document.createElement('div');
  div.className = 'card' + (tone ? ' ' + tone : '');
  const v = document.createElement('div');
  v.className = 'value';
  v.textContent = value;
  const l = document.createElement('div');
  l.className = 'label';
  l.textContent = label;
  div.append(v, l);
  if (note) {
    const n = document.createElement('div');
    n.className = 'note';
    n.textContent = note;
    div.append(n);
  }
  container.append(div);
}

// The dashboard's what-if staffing view (#simulasi, docs/queue.md "What-if staffing"):
// the manager picks a month of the office's history, a weekday and the services one
// more counter would serve; the server runs the day simulator (POST /api/whatif, the
// same code as `antre-sim --from-history --add-counter`) and the page shows, per
// service and for the whole office, the mean and longest wait and the share called
// within the standard, before and after.
// Uses common.js's helpers ($, cell, card, minutes) and app.js's (longDate, serviceName, byServiceLetter, showError,
// MONTH_NAMES, state).
'use strict';

const whatIfView = {ready: false, running: false};
const WEEKDAYS = [[1, 'Senin'], [2, 'Selasa'], [3, 'Rabu'], [4, 'Kamis'], [5, 'Jumat'], [6, 'Sabtu'], [0, 'Minggu']];

// A share as "83,5%" (one decimal, as antre-sim prints it).
function share(value) {
  return value === null || value === undefined ? '–' : decimal(value * 100, 1) + '%';
}

// "+2,5" / "−3,0" minutes, or "" when either side is missing.
function change(before, after, scale, unit) {
  if (before === null || before === undefined || after === null || after === undefined) return '';
  const d = (after - before) * scale;
  return (d > 0 ? '+' : d < 0 ? '−' : '±') + Math.abs(d).toFixed(1).replace('.', ',') + unit;
}

// The form's choices: months up to the current one, the weekdays, one box per service.
function fillWhatIfForm() {
  const month = $('whatif-month');
  const current = (state.today || '').slice(0, 7);
  if (current) {
    month.max = current;
    if (!month.value) {  // the last whole month of history
      const [y, m] = current.split('-').map(Number);
      month.value = m === 1 ? (y - 1) + '-12' : y + '-' + String(m - 1).padStart(2, '0');
    }
  }
  const day = $('whatif-weekday');
  if (!day.options.length) for (const [n, name] of WEEKDAYS) day.add(new Option(name, n));
  const box = $('whatif-services');
  box.replaceChildren();
  for (const s of state.services.slice().sort((a, b) => byServiceLetter(a.code, b.code))) {
    const label = document.createElement('label');
    label.className = 'check';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = s.code;
    input.name = 'whatif-service';
    label.append(input, ' ' + s.name_id);
    box.append(label);
  }
  whatIfView.ready = true;
}

function showWhatIf() {
  if (!whatIfView.ready) fillWhatIfForm();
}

function renderWhatIf(reply) {
  const before = reply.before.services, after = reply.after.services;
  const total = (list) => list.find((s) => s.service === 'ALL');
  const b = total(before), a = total(after);
  const cards = $('whatif-cards');
  cards.replaceChildren();
  card(cards, 'tunggu rata-rata kantor (mnt)', minutes(b.mean_wait_s) + ' → ' + minutes(a.mean_wait_s),
       change(b.mean_wait_s, a.mean_wait_s, 1 / 60, ' mnt'), a.mean_wait_s < b.mean_wait_s ? 'good' : '');
  card(cards, 'dalam standar (kantor)', share(b.within_standard) + ' → ' + share(a.within_standard),
       change(b.within_standard, a.within_standard, 100, ' poin'), a.within_standard > b.within_standard ? 'good' : '');
  card(cards, 'tunggu terlama kantor (mnt)', minutes(b.longest_wait_s) + ' → ' + minutes(a.longest_wait_s));
  const names = reply.services.map(serviceName).join(', ');
  const day = WEEKDAYS.find(([n]) => n === reply.weekday)[1];
  const [year, month] = reply.month.split('-');
  $('whatif-title').textContent = 'Satu loket lagi untuk ' + names + ' pada hari ' + day + ' · riwayat ' +
      MONTH_NAMES[Number(month) - 1] + ' ' + year + ' · ' + reply.before.runs + ' hari simulasi (' + longDate(reply.before.day) + ')';
  const body = $('whatif-table').tBodies[0];
  body.replaceChildren();
  for (let i = 0; i < before.length && i < after.length; ++i) {
    const x = before[i], y = after[i];
    const tr = document.createElement('tr');
    if (x.service === 'ALL') tr.className = 'total';
    if (reply.services.includes(x.service)) tr.classList.add('added');
    cell(tr, x.service === 'ALL' ? 'Seluruh kantor' : serviceName(x.service));
    cell(tr, x.tickets, 'num');
    cell(tr, minutes(x.mean_wait_s), 'num');
    cell(tr, minutes(y.mean_wait_s), 'num');
    cell(tr, minutes(x.longest_wait_s), 'num');
    cell(tr, minutes(y.longest_wait_s), 'num');
    cell(tr, x.max_wait_minutes ? x.max_wait_minutes : '–', 'num');
    cell(tr, share(x.within_standard), 'num');
    cell(tr, share(y.within_standard), 'num');
    body.append(tr);
  }
  $('whatif-result').hidden = false;
}

async function runWhatIf() {
  if (whatIfView.running) return;
  const services = [...document.querySelectorAll('input[name="whatif-service"]:checked')].map((i) => i.value);
  const error = $('whatif-error');
  error.hidden = true;
  if (!services.length) {
    error.textContent = 'Pilih paling sedikit satu layanan untuk loket tambahan.';
    error.hidden = false;
    return;
  }
  const ask = {month: $('whatif-month').value, weekday: Number($('whatif-weekday').value), services,
               runs: Number($('whatif-runs').value)};
  whatIfView.running = true;
  $('whatif-run').disabled = true;
  $('whatif-status').hidden = false;
  try {
    const response = await fetch('/api/whatif', {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', Accept: 'application/json'}, body: JSON.stringify(ask)});
    if (response.status === 401) {
      location.href = '/login.html';
      return;
    }
    const reply = await response.json().catch(() => ({ok: false, error: {code: 'bad_json', message: 'Jawaban tidak terbaca'}}));
    if (reply.ok) renderWhatIf(reply); else showError('whatif-error', reply);
  } catch (e) {
    error.textContent = 'Server tidak terjangkau: ' + e.message;
    error.hidden = false;
  } finally {
    whatIfView.running = false;
    $('whatif-run').disabled = false;
    $('whatif-status').hidden = true;
  }
}

$('whatif-form').addEventListener('submit', (e) => {
  e.preventDefault();
  runWhatIf();
});

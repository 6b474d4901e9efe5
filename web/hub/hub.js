// The central dashboard (docs/hub.md "The central dashboard"): log-in with a reader's
// id and secret, then one office or all of them over a period: the report by office and
// by service, the IKM and the ranking of offices, and for one office its officers'
// sheets (drawn by common.js's showSheet, as the office's dashboard draws them). Every
// figure is the hub's reply to the line protocol's own ops (/api/report, /api/ikm,
// /api/ranking, /api/officer_sheet); nothing is recomputed here but sums of counts
// across offices. The CSV and PDF downloads are the same replies as files.
'use strict';

const GRADE_WORDS = {A: 'Sangat Baik', B: 'Baik', C: 'Kurang Baik', D: 'Tidak Baik'};
const RANK_WORDS = {wait_within: 'tunggu dalam standar', service_within: 'layanan dalam standar', ikm: 'IKM'};

const state = {offices: [], names: {}, loading: 0, officersOf: null};

async function api(path, options) {
  const response = await fetch(path, Object.assign({credentials: 'same-origin',
                                                    headers: {Accept: 'application/json'}}, options || {}));
  const body = await response.json().catch(() => ({ok: false, error: {code: 'bad_json',
                                                                      message: 'Jawaban tidak terbaca'}}));
  if (response.status === 401 && !path.startsWith('/api/login')) {
    showLogin();
    throw new Error('Sesi berakhir');
  }
  return {status: response.status, body};
}

function grade(g) { return g ? g + ' · ' + GRADE_WORDS[g] : '–'; }

function officeName(id) { return state.names[id] || id; }

function today() {
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

// The view's choice lives in the address (#kantor=sorong&dari=...&sampai=...), so it can be
// bookmarked and sent; by default every office, this month up to today.
function choice() {
  const q = new URLSearchParams(location.hash.slice(1));
  const to = q.get('sampai') || today();
  return {office: q.get('kantor') || '', from: q.get('dari') || to.slice(0, 8) + '01', to,
          rankBy: q.get('peringkat') || 'wait_within', officer: q.get('petugas') || ''};
}

function choose(c) {
  const q = new URLSearchParams();
  if (c.office) q.set('kantor', c.office);
  q.set('dari', c.from);
  q.set('sampai', c.to);
  if (c.rankBy !== 'wait_within') q.set('peringkat', c.rankBy);
  if (c.office && c.officer) q.set('petugas', c.officer);
  if (location.hash.slice(1) === q.toString()) load();  // the same choice again: no hashchange
  else location.hash = q.toString();
}

function refusal(reply) {
  const e = reply.body.error || {};
  return (e.message || 'Gagal') + (e.code ? ' (' + e.code + ')' : '');
}

// ---- log-in ---------------------------------------------------------------

function showLogin() {
  document.body.classList.add('login-page');
  $('app').hidden = true;
  $('login-view').hidden = false;
}

function showApp(me) {
  document.body.classList.remove('login-page');
  $('login-view').hidden = true;
  $('app').hidden = false;
  $('reader-name').textContent = me.reader;
  $('scope-name').textContent = me.region ? 'Wilayah ' + me.region : me.offices.length + ' kantor';
  state.offices = me.offices;
  state.names = {};
  const select = $('office');
  select.replaceChildren(new Option('Semua kantor (' + me.offices.length + ')', ''));
  for (const o of me.offices) {
    state.names[o.office] = o.name || o.office;
    select.append(new Option(o.name ? o.name + ' (' + o.office + ')' : o.office, o.office));
  }
  load();
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = $('login-error');
  const button = $('login-button');
  error.hidden = true;
  button.disabled = true;
  button.textContent = 'Memeriksa…';
  try {
    const reply = await api('/api/login', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({reader: $('reader').value.trim(), secret: $('secret').value.trim()}),
    });
    if (reply.status === 200) {
      $('secret').value = '';
      button.disabled = false;
      button.textContent = 'Masuk';
      showApp(reply.body);
      return;
    }
    error.textContent = reply.status === 401 ? 'ID pembaca atau kata sandi salah.' :
        reply.status === 429 ? 'Terlalu banyak percobaan; coba lagi nanti.' : refusal(reply);
  } catch (e) {
    error.textContent = 'Pusat tidak dapat dihubungi.';
  }
  error.hidden = false;
  button.disabled = false;
  button.textContent = 'Masuk';
  $('secret').value = '';
});

$('logout').addEventListener('click', async () => {
  await fetch('/api/logout', {method: 'POST', credentials: 'same-origin'}).catch(() => {});
  showLogin();
});

// ---- figures --------------------------------------------------------------

function fill(tbody, rows, each) {
  tbody.replaceChildren();
  for (const r of rows) {
    const tr = document.createElement('tr');
    each(tr, r);
    tbody.append(tr);
  }
}

async function load() {
  const c = choice();
  $('office').value = c.office;
  $('from').value = c.from;
  $('to').value = c.to;
  $('rank-by').value = c.rankBy;
  const all = !c.office;
  const period = 'from=' + encodeURIComponent(c.from) + '&to=' + encodeURIComponent(c.to);
  const scope = all ? '' : '&offices=' + encodeURIComponent(c.office);
  const ticket = ++state.loading;
  $('load-state').textContent = 'memuat…';
  $('load-state').className = 'badge';
  $('error').hidden = true;
  $('title').textContent = (all ? 'Semua kantor' : officeName(c.office)) + ' · ' + c.from + ' s.d. ' + c.to;
  $('office-csv').href = '/api/report.csv?by=office&' + period + scope;
  $('service-csv').href = '/api/report.csv?by=service&' + period + scope;
  $('ikm-pdf').hidden = all;
  $('ikm-pdf').href = '/api/ikm.pdf?' + period + scope;
  showOfficers(c, ticket);
  const [byOffice, byService, ikm, ranking] = await Promise.all([
    api('/api/report?by=office&' + period + scope),
    api('/api/report?by=service&' + period + scope),
    api('/api/ikm?' + period + scope),
    api('/api/ranking?by=' + c.rankBy + '&' + period),
  ]);
  if (ticket !== state.loading) return;  // a newer choice is on its way
  const failed = [byOffice, byService, ikm, ranking].find((r) => !r.body.ok);
  if (failed) {
    $('error').textContent = refusal(failed);
    $('error').hidden = false;
    $('load-state').textContent = 'gagal';
    $('load-state').className = 'badge offline';
    return;
  }
  showCards(all, byOffice.body.rows, ikm.body.offices);
  $('by-office').hidden = !all;
  fill($('office-table').querySelector('tbody'), byOffice.body.rows, (tr, r) => {
    cell(tr, officeName(r.key));
    cell(tr, r.arrivals, 'num');
    cell(tr, r.served, 'num');
    cell(tr, minutes(r.wait.median_s), 'num');
    cell(tr, percent(r.wait_within), 'num');
    cell(tr, percent(r.service_within), 'num');
  });
  showServices(all, byService.body.offices);
  showChart(all, byOffice.body.rows, byService.body.offices);
  fill($('ikm-table').querySelector('tbody'), ikm.body.offices, (tr, o) => {
    cell(tr, o.name || o.office);
    cell(tr, o.reply.ikm.responses, 'num');
    cell(tr, decimal(o.reply.ikm.ikm), 'num');
    cell(tr, grade(o.reply.ikm.grade));
  });
  fill($('ranking-table').querySelector('tbody'), ranking.body.offices, (tr, o) => {
    cell(tr, o.rank === null ? '–' : o.rank, 'num');
    const name = document.createElement(o.office === c.office ? 'strong' : 'span');
    name.textContent = o.name || o.office;
    cell(tr, name);
    cell(tr, percent(o.wait_within), 'num');
    cell(tr, o.waits, 'num');
    cell(tr, percent(o.service_within), 'num');
    cell(tr, decimal(o.ikm), 'num');
    cell(tr, grade(o.grade));
  });
  $('load-state').textContent = 'peringkat menurut ' + RANK_WORDS[c.rankBy];
  $('load-state').className = 'badge live';
}

// One office: its officers to choose from, and the chosen one's sheet for the period.
async function showOfficers(c, ticket) {
  $('sheet').hidden = !c.office;
  $('sheet-result').hidden = true;
  $('sheet-error').hidden = true;
  if (!c.office) return;
  const select = $('sheet-officer');
  if (state.officersOf !== c.office) {
    const reply = await api('/api/officers?office=' + encodeURIComponent(c.office));
    if (ticket !== state.loading) return;
    select.replaceChildren();
    if (reply.status !== 200) return;
    for (const o of reply.body.officers) select.append(new Option(o.name + ' · ' + o.nip, o.nip));
    state.officersOf = c.office;
  }
  if (!c.officer) return;
  select.value = c.officer;
  const reply = await api('/api/officer_sheet?office=' + encodeURIComponent(c.office) + '&officer=' +
                          encodeURIComponent(c.officer) + '&from=' + encodeURIComponent(c.from) + '&to=' +
                          encodeURIComponent(c.to));
  if (ticket !== state.loading) return;
  if (reply.status !== 200) {
    $('sheet-error').textContent = refusal(reply);
    $('sheet-error').hidden = false;
    return;
  }
  showSheet(reply.body.offices[0].reply.sheet, (code) => code, (a, b) => a.localeCompare(b));  // common.js
}

function showCards(all, rows, ikms) {
  $('cards').replaceChildren();
  const sum = (f) => rows.reduce((n, r) => n + f(r), 0);
  if (all) card($('cards'), 'Kantor', rows.length);
  card($('cards'), 'Datang', sum((r) => r.arrivals));
  card($('cards'), 'Selesai', sum((r) => r.served));
  if (!all && rows.length === 1) {
    const r = rows[0];
    card($('cards'), 'Tunggu dalam standar', percent(r.wait_within), r.wait.count + ' tunggu diukur');
    card($('cards'), 'Layanan dalam standar', percent(r.service_within), r.service.count + ' layanan diukur');
    const k = ikms[0].reply.ikm;
    card($('cards'), 'IKM', decimal(k.ikm), k.responses ? grade(k.grade) + ' · ' + k.responses + ' responden' : 'belum ada survei');
  }
}

function showServices(all, offices) {
  for (const th of document.querySelectorAll('#service-table .office-col')) th.hidden = !all;
  const rows = offices.flatMap((o) => o.reply.rows.map((r) => ({office: o, row: r})));
  fill($('service-table').querySelector('tbody'), rows, (tr, {office, row}) => {
    if (all) cell(tr, office.name || office.office);
    cell(tr, row.key || '(tanpa layanan)');
    cell(tr, row.arrivals, 'num');
    cell(tr, row.served, 'num');
    cell(tr, minutes(row.wait.median_s), 'num');
    cell(tr, minutes(row.wait.p90_s), 'num');
    cell(tr, percent(row.wait_within), 'num');
    cell(tr, percent(row.service_within), 'num');
  });
}

// One office: its services' share of waits within standard; all: each office's.
function showChart(all, officeRows, serviceOffices) {
  const rows = all ? officeRows : (serviceOffices[0] ? serviceOffices[0].reply.rows : []);
  const measured = rows.filter((r) => r.wait_within !== null && r.wait_within !== undefined);
  $('chart-title').textContent = 'Tunggu dalam standar per ' + (all ? 'kantor' : 'layanan') + ' (%)';
  Charts.bars($('chart-within'), {
    labels: measured.map((r) => r.key),
    series: [{name: 'Tunggu dalam standar', values: measured.map((r) => Math.round(r.wait_within * 100))}],
    unit: '%', max: 100, title: 'Tunggu dalam standar',
  });
}

$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  const c = choice();
  choose({office: $('office').value, from: $('from').value, to: $('to').value, rankBy: $('rank-by').value,
          officer: $('office').value === c.office ? c.officer : ''});
});
$('office').addEventListener('change', () => $('filters').requestSubmit());
$('sheet-form').addEventListener('submit', (event) => {
  event.preventDefault();
  choose(Object.assign(choice(), {officer: $('sheet-officer').value}));
});
$('rank-by').addEventListener('change', () => $('filters').requestSubmit());
window.addEventListener('hashchange', () => { if (!$('app').hidden) load(); });

(async () => {
  try {
    const me = await api('/api/me');
    if (me.status === 200) return showApp(me.body);
    showLogin();
    $('login-error').textContent = refusal(me);
    $('login-error').hidden = false;
  } catch (e) {
    // showLogin() has run (401), or the hub is unreachable: the log-in form says so on use.
    if (!$('login-view').hidden) return;
    showLogin();
  }
})();

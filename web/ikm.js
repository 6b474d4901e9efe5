// The dashboard's IKM view (#ikm): the SKM result of PermenPANRB 14/2017 over a period, for
// every service or one, from the `ikm` op (docs/protocol.md): IKM, mutu and kinerja; whether
// enough citizens answered for the number served (the Krejcie–Morgan table); NRR per unsur as a
// chart and a table; the respondents' profile (jenis kelamin, umur, pendidikan, pekerjaan). The
// same parts as the PDF (`antre ikm --pdf`), which the view links for the same period and
// service. The saran and pengaduan under it are skm.js's.
// Uses common.js's ($, cell, card, period) and app.js's (api, serviceName, showError, state).
'use strict';

const IkmView = (() => {
  // A share of the respondents as the PDF writes it: "12,5%".
  const share = (count, total) => (total ? decimal((100 * count) / total, 1) + '%' : '–');

  // The selector's services, in their letter order, once the snapshot has named them.
  function fillServices() {
    const select = $('ikm-service');
    if (select.options.length > 1) return;
    for (const s of state.services) select.add(new Option(s.name_id, s.code));
  }

  // The query the view, its JSON and its PDF share: the period, and the service when one is chosen.
  function query(from, to, service) {
    return 'from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to) +
        (service ? '&service=' + encodeURIComponent(service) : '');
  }

  // Served, the sample the table asks for, the respondents and the verdict, as the PDF's
  // "I. Jumlah Responden" table. The verdict takes the table's whole width, so that a phone
  // reads it on one or two lines rather than in a narrow column.
  function sample(ikm) {
    const tbody = $('ikm-sample').tBodies[0];
    tbody.replaceChildren();
    const row = (label, value) => {
      const tr = tbody.insertRow();
      cell(tr, label);
      cell(tr, value, 'num');
    };
    row('Warga selesai dilayani (populasi)', ikm.served);
    row('Sampel minimal (tabel Krejcie dan Morgan)', ikm.sample_needed);
    row('Responden', ikm.responses);
    // The server words the check once (`sample_note`), for this page, the PDF and the CLI.
    const verdict = document.createElement('strong');
    verdict.className = 'verdict ' + (ikm.responses === 0 ? 'muted' : ikm.sample_enough ? 'ok' : 'bad');
    verdict.textContent = ikm.sample_note;
    const last = tbody.insertRow();
    last.className = 'verdict-row';
    cell(last, 'Keterangan: ').append(verdict);
    last.cells[0].colSpan = 2;
    $('ikm-sample-rule').textContent = 'Sampel minimal menurut ' + ikm.sample_rule + ', untuk ' + ikm.served +
        ' warga yang selesai dilayani pada periode ini' + (ikm.service ? ' untuk layanan ini' : '') + '.';
  }

  // One table per profile question: each choice's count and share of the respondents, then
  // those who left it blank ("Tidak mengisi").
  function profile(ikm) {
    const box = $('ikm-profile');
    box.replaceChildren();
    for (const q of ikm.profile || []) {
      const table = document.createElement('table');
      table.className = 'grid';
      table.id = 'ikm-profile-' + q.key;
      const head = table.createTHead().insertRow();
      for (const [text, className] of [[q.title], ['Jumlah', 'num'], ['Persentase', 'num']]) {
        const th = document.createElement('th');
        if (className) th.className = className;
        th.textContent = text;
        head.append(th);
      }
      const tbody = table.createTBody();
      const line = (label, count, className) => {
        const tr = tbody.insertRow();
        if (className) tr.className = className;
        cell(tr, label);
        cell(tr, count, 'num');
        cell(tr, share(count, ikm.responses), 'num');
      };
      for (const r of q.rows) line(r.label, r.count);
      line('Tidak mengisi', q.blank, 'blank');
      const scroll = document.createElement('div');
      scroll.className = 'scroll';
      scroll.append(table);
      box.append(scroll);
    }
  }

  function unsur(ikm) {
    const tbody = $('ikm-table').tBodies[0];
    tbody.replaceChildren();
    for (const u of ikm.unsur) {
      const tr = document.createElement('tr');
      cell(tr, u.no, 'num');
      cell(tr, u.name);
      cell(tr, decimal(u.nrr, 2), 'num');
      cell(tr, u.nrr === null ? '–' : decimal(u.nrr / 9, 3), 'num');
      tbody.append(tr);
    }
    Charts.bars($('chart-ikm'), {labels: ikm.unsur.map((u) => 'U' + u.no), unit: 'NRR', max: 4,
                                 series: [{name: 'NRR', values: ikm.unsur.map((u) => u.nrr)}],
                                 caption: 'unsur 1–9 (lihat tabel)'});
  }

  async function load(from, to, service) {
    $('ikm-error').hidden = true;
    $('ikm-result').hidden = true;
    const q = query(from, to, service);
    $('ikm-pdf').href = '/api/ikm.pdf?' + q;
    SurveyNotes.load(from, to, false);
    const {status, body} = await api('/api/ikm?' + q);
    if (status !== 200) return showError('ikm-error', body);
    const ikm = body.ikm;
    $('ikm-scope').textContent = (ikm.service ? serviceName(ikm.service) : 'Semua layanan') + ' · ' +
        period(ikm.from, ikm.to);
    const cards = $('ikm-cards');
    cards.replaceChildren();
    // Without surveys in the period the server sends nulls: say so instead of a number.
    card(cards, 'IKM (25–100)', decimal(ikm.ikm, 2), null, 'big');
    card(cards, 'mutu pelayanan · kinerja unit', ikm.grade === null ? 'belum ada survei' : ikm.grade + ' · ' + ikm.grade_label);
    card(cards, 'SKM (rata-rata NRR)', decimal(ikm.skm, 2));
    card(cards, 'responden', ikm.responses, ikm.sample_note + ' · sampel minimal ' + ikm.sample_needed,
         ikm.responses === 0 ? null : ikm.sample_enough ? 'good' : 'bad');
    sample(ikm);
    unsur(ikm);
    profile(ikm);
    $('ikm-formula').textContent = 'Rumus: ' + ikm.formula + ' (bobot setiap unsur tepat 1/9) · mutu: A 88,31–100 ' +
        'Sangat Baik, B 76,61–88,30 Baik, C 65,00–76,60 Kurang Baik, D 25,00–64,99 Tidak Baik (PermenPANRB 14/2017). ' +
        'Persentase profil: dari seluruh responden.';
    $('ikm-result').hidden = false;
  }

  // The view from the address: #ikm?from=…&to=…&service=… (this month so far, every service, by default).
  function show(params) {
    fillServices();
    const to = params.get('to') || state.today;
    const from = params.get('from') || to.slice(0, 8) + '01';
    const service = params.get('service') || '';
    $('ikm-from').value = from;
    $('ikm-to').value = to;
    $('ikm-service').value = service;
    load(from, to, service);
  }

  $('ikm-form').addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = 'ikm?' + query($('ikm-from').value, $('ikm-to').value, $('ikm-service').value);
  });

  return {show};
})();

// The IKM view's saran/pengaduan: the notes citizens left with their surveys in the
// period, newest first, each with the office's answer or a box to write one
// (op survey_reply through POST /api/survey_reply). Uses common.js's $() and app.js's api(),
// longDate(), serviceName() and showError(), which it runs after.
'use strict';

const SurveyNotes = (() => {
  const MAX_REPLY = 1000;  // the server's limit (docs/protocol.md survey_reply)
  let period = {from: '', to: ''};

  function timeText(ms) {
    return ms === null || ms === undefined ? '' : longDate(dayOf(ms)) + ' ' + timeOfDay(ms);
  }

  // The office day of an instant, in the office's time zone.
  function dayOf(ms) {
    return new Intl.DateTimeFormat('en-CA', {timeZone: state.timeZone, year: 'numeric', month: '2-digit',
                                             day: '2-digit'}).format(new Date(ms));
  }

  async function send(note, textarea, status, button) {
    const reply = textarea.value.trim();
    if (!reply) {
      status.textContent = 'Tulis tanggapan dulu.';
      return;
    }
    button.disabled = true;
    status.textContent = 'Mengirim…';
    const response = await fetch('/api/survey_reply', {
      method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', Accept: 'application/json'},
      body: JSON.stringify({note: note.note, reply}),
    });
    const body = await response.json().catch(() => ({}));
    button.disabled = false;
    if (response.status === 401) {
      location.href = '/login.html';
      return;
    }
    if (response.status !== 200) {
      status.textContent = 'Tidak terkirim: ' + (body.error ? body.error.message + ' (' + body.error.code + ')' : response.status);
      return;
    }
    load(period.from, period.to, false);
  }

  function noteItem(n) {
    const li = document.createElement('li');
    li.className = 'note-item' + (n.reply === null ? ' open' : '');
    li.id = 'saran-' + n.note;
    const head = document.createElement('div');
    head.className = 'note-head';
    head.textContent = timeText(n.at) + ' · ' + (n.service ? serviceName(n.service) : 'layanan tidak disebut') +
        ' · no. ' + n.note;
    const text = document.createElement('p');
    text.className = 'note-text';
    text.textContent = n.text;
    li.append(head, text);
    if (n.reply !== null) {
      const answer = document.createElement('p');
      answer.className = 'note-reply';
      const who = n.replied_by ? n.replied_by.name : '';
      answer.textContent = 'Tanggapan ' + who + ' (' + timeText(n.replied_at) + '): ' + n.reply;
      li.append(answer);
    }
    const form = document.createElement('form');
    form.className = 'reply-form';
    const label = document.createElement('label');
    label.textContent = n.reply === null ? 'Tanggapan kantor' : 'Ubah tanggapan';
    const textarea = document.createElement('textarea');
    textarea.maxLength = MAX_REPLY;
    textarea.rows = 2;
    textarea.value = n.reply || '';
    label.append(textarea);
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Kirim tanggapan';
    const status = document.createElement('span');
    status.className = 'reply-status';
    form.append(label, button, status);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      send(n, textarea, status, button);
    });
    li.append(form);
    return li;
  }

  async function load(from, to, more) {
    period = {from, to};
    const list = $('notes-list');
    const next = $('notes-more');
    let path = '/api/survey_notes?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to) +
        '&open_only=' + ($('notes-open').checked ? 'true' : 'false');
    if (more && next.dataset.before) path += '&before=' + encodeURIComponent(next.dataset.before);
    $('notes-error').hidden = true;
    const {status, body} = await api(path);
    if (status !== 200) return showError('notes-error', body);
    if (!more) list.replaceChildren();
    for (const n of body.notes) list.append(noteItem(n));
    $('notes-empty').hidden = list.children.length > 0;
    next.hidden = body.next === null;
    next.dataset.before = body.next === null ? '' : body.next;
  }

  function start() {
    $('notes-open').addEventListener('change', () => load(period.from, period.to, false));
    $('notes-more').addEventListener('click', () => load(period.from, period.to, true));
  }

  return {load, start};
})();

// The log-in form: POST /api/login with NIP and PIN; the server answers with a
// session cookie, then the dashboard opens.
'use strict';

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  const button = document.getElementById('login-button');
  error.hidden = true;
  button.disabled = true;
  button.textContent = 'Memeriksa…';
  try {
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({nip: document.getElementById('nip').value.trim(),
                            pin: document.getElementById('pin').value}),
    });
    if (response.ok) {
      location.href = '/#hari-ini';
      return;
    }
    const body = await response.json().catch(() => ({}));
    const code = body.error ? body.error.code : '';
    error.textContent =
        response.status === 401 ? 'NIP atau PIN salah.' :
        response.status === 403 ? 'Dasbor hanya untuk manajer dan administrator.' :
        (body.error ? body.error.message : 'Gagal masuk') + (code ? ' (' + code + ')' : '');
  } catch (e) {
    error.textContent = 'Server tidak dapat dihubungi.';
  }
  error.hidden = false;
  button.disabled = false;
  button.textContent = 'Masuk';
  document.getElementById('pin').value = '';
});

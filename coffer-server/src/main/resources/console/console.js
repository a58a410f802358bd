// Coffer console: moves progress bars and job states as the API's event stream tells of changes,
// and asks for the restore wizard's form again when another backup is chosen (its fields depend on
// the backup's kind). The pages work without it: this only keeps what they show current and saves a
// click. The session cookie authenticates the stream (a GET, which needs no CSRF token).
(function () {
  document.querySelectorAll('select[data-choose]').forEach(function (select) {
    var button = select.form.querySelector('button[type="submit"]');
    if (button) {
      button.hidden = true;
    }
    select.addEventListener('change', function () {
      select.form.submit();
    });
  });
})();
(function () {
  if (!window.EventSource || !document.querySelector('[data-job], [data-job-state]')) {
    return;
  }
  var events = new EventSource('/api/v1/events');
  events.addEventListener('job', function (message) {
    var job = JSON.parse(message.data);
    var percent = Math.floor(job.state === 'SUCCEEDED' ? 100 : job.progress);
    document.querySelectorAll('progress[data-job="' + job.id + '"]').forEach(function (bar) {
      bar.value = percent;
    });
    document.querySelectorAll('[data-job-percent="' + job.id + '"]').forEach(function (text) {
      text.textContent = percent + '%';
    });
    document.querySelectorAll('[data-job-state="' + job.id + '"]').forEach(function (state) {
      state.textContent = job.state;
    });
    document.querySelectorAll('[data-job-phase="' + job.id + '"]').forEach(function (phase) {
      phase.textContent = job.error ? job.phase + ' ' + job.error : job.phase;
    });
  });
})();

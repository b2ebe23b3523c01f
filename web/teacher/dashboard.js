// The teacher's class dashboard: plain script on the class server's API
// (docs/class-api.md). Log in, pick or create a class, give it exercises, watch the
// roster live (every 2 s), read the results table, open an attempt as its debrief,
// download CSV and xAPI, watch a trainee, start a demonstration.
'use strict';

const REFRESH_MS = 2000;
const $ = (selector) => document.querySelector(selector);
const state = {
  classId: null,
  classCode: null,
  exercises: [],
  results: null,
  resultsSeen: null,
  sort: { key: 'student', dir: 1 },
  timer: null,
  /** The message shown is a refresh's failure (the next good refresh clears it). */
  refreshFailed: false,
};

/** An element with text and attributes. */
function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

/** One sentence for the teacher (empty: hide it). */
function say(text) {
  const m = $('#message');
  m.textContent = text || '';
  m.hidden = !text;
}

/** A call to the API; throws an Error with the server's one sentence. */
async function api(method, path, body) {
  const options = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    data = null;
  }
  if (!response.ok) {
    const error = new Error((data && data.error) || `the server answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

/** Runs an action; a refused login shows the login form, any other error its sentence. */
async function attempt(action) {
  try {
    await action();
    return true;
  } catch (e) {
    if (e.status === 401) {
      showLogin();
    }
    say(e.message);
    return false;
  }
}

function clock(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.floor(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

function title(id) {
  const e = state.exercises.find((x) => x.id === id);
  return e ? e.title : id;
}

function showLogin() {
  stopRefresh();
  $('#login').hidden = false;
  $('#dashboard').hidden = true;
  $('#logout').hidden = true;
  $('#who').textContent = '';
}

async function showDashboard(teacher) {
  $('#login').hidden = true;
  $('#dashboard').hidden = false;
  $('#logout').hidden = false;
  $('#who').textContent = teacher.name || '';
  state.exercises = await api('GET', '/api/exercises');
  for (const select of [$('#exercise-select'), $('#demo-exercise')]) {
    select.replaceChildren(...state.exercises.map((e) => el('option', e.title, { value: e.id })));
  }
  await loadClasses();
}

async function loadClasses(choose) {
  const classes = await api('GET', '/api/classes');
  const select = $('#class-select');
  select.replaceChildren(...classes.map((c) => el('option', `${c.name} (${c.code})`, { value: c.id })));
  const wanted = choose || new URLSearchParams(location.hash.slice(1)).get('class');
  const pick = classes.find((c) => c.id === wanted) || classes[classes.length - 1];
  if (pick) {
    select.value = pick.id;
    await openClass(pick.id);
  } else {
    state.classId = null;
    $('#class-code').textContent = '—';
    $('#student-link').textContent = 'create a class first (Class set-up)';
    showTab('setup');
  }
}

async function openClass(id) {
  const detail = await api('GET', `/api/classes/${id}`);
  state.classId = id;
  state.classCode = detail.class.code;
  state.resultsSeen = null;
  $('#roster tbody').replaceChildren();
  history.replaceState(null, '', `#class=${id}`);
  $('#class-code').textContent = detail.class.code;
  $('#student-link').textContent = `${location.origin}/?class=${detail.class.code}`;
  $('#csv-link').href = `/api/classes/${id}/results.csv`;
  $('#csv-link').download = `${detail.class.name}-results.csv`;
  $('#xapi-link').href = `/api/classes/${id}/xapi`;
  $('#assignments').replaceChildren(
    ...detail.assignments.map((a) =>
      el('li', `${title(a.exercise)}${a.seed === null ? '' : ` · seed ${a.seed}`}`, { 'data-exercise': a.exercise }),
    ),
  );
  if (detail.assignments.length === 0) {
    $('#assignments').append(el('li', 'none yet: give the class an exercise below', { class: 'quiet' }));
  }
  await refresh();
  startRefresh();
}

function startRefresh() {
  stopRefresh();
  state.timer = setInterval(async () => {
    if (!(await attempt(refresh))) state.refreshFailed = true;
  }, REFRESH_MS);
}

function stopRefresh() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

async function refresh() {
  if (!state.classId) return;
  const [live, results] = await Promise.all([
    api('GET', `/api/classes/${state.classId}/live`),
    api('GET', `/api/classes/${state.classId}/results`),
  ]);
  renderRoster(live);
  const seen = JSON.stringify(results);
  if (seen !== state.resultsSeen) {
    state.resultsSeen = seen;
    state.results = results;
    renderResults();
  }
  renderDemo(live.demo);
  $('#updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  // A refresh clears only its own failure ("the server did not answer"), never a
  // sentence about what the teacher just did.
  if (state.refreshFailed) say('');
  state.refreshFailed = false;
}

const ROSTER_CELLS = ['name', 'conn', 'exercise', 'clock num', 'action', 'relief num', 'grade', 'actions'];

/** The roster, updated in place: rows keep their place and buttons between refreshes. */
function renderRoster(live) {
  const body = $('#roster tbody');
  const keep = new Set();
  for (const s of live.students) {
    let tr = body.querySelector(`tr[data-id="${s.student_id}"]`);
    if (!tr) {
      tr = el('tr', null, { 'data-id': s.student_id, 'data-student': s.name });
      tr.append(...ROSTER_CELLS.map((c) => el('td', null, { class: c })));
    }
    fillRow(tr, s);
    body.append(tr);
    keep.add(tr);
  }
  for (const tr of [...body.children]) {
    if (!keep.has(tr)) tr.remove();
  }
  $('#roster-empty').hidden = live.students.length > 0;
}

function fillRow(tr, s) {
  const a = s.attempt;
  const td = (c) => tr.querySelector(`td.${c}`);
  td('name').textContent = s.name;
  const conn = td('conn');
  conn.textContent = s.connected ? 'connected' : (a ? 'offline' : 'not started');
  conn.className = `conn ${s.connected ? 'conn-on' : 'conn-off'}`;
  if (s.watchers > 0) conn.append(el('span', ' · watched', { class: 'quiet' }));
  td('exercise').textContent = a ? (a.title || a.exercise) : '—';
  td('clock').textContent = a ? clock(a.clock_s) : '—';
  td('action').textContent = a ? (a.last_action || 'nothing yet') : '—';
  const relief = a && a.relief_percent !== null && a.relief_percent !== undefined;
  td('relief').textContent = relief ? `${Math.round(a.relief_percent)} %` : '—';
  fillGrade(td('grade'), a);
  const kind = !a ? '' : (a.status === 'live' ? `watch:${a.id}` : `debrief:${a.id}`);
  const actions = td('actions');
  if (actions.dataset.kind !== kind) {
    actions.dataset.kind = kind;
    actions.replaceChildren();
    if (a && a.status === 'live') {
      const b = el('button', 'Watch', { class: 'watch', 'data-attempt': a.id });
      b.addEventListener('click', () => attempt(() => watch(a.id)));
      actions.append(b);
    } else if (a) {
      const b = el('button', 'Debrief', { class: 'open-debrief', 'data-attempt': a.id });
      b.addEventListener('click', () => attempt(() => debrief(a.id)));
      actions.append(b);
    }
  }
}

function fillGrade(td, a) {
  td.replaceChildren();
  td.removeAttribute('data-score');
  td.removeAttribute('data-status');
  if (!a) {
    td.className = 'grade';
    td.textContent = '—';
    return;
  }
  td.dataset.status = a.status;
  if (a.status === 'live') {
    td.className = 'grade live';
    // Past its budget the attempt waits out the grace for late entries, then is graded.
    td.textContent = a.clock_s >= a.budget_s ? 'time up — grading' : 'live';
    return;
  }
  td.className = `grade num ${a.goal_met ? 'met' : 'missed'}`;
  td.dataset.score = String(a.score);
  td.textContent = `${a.score}`;
  td.append(el('span', a.goal_met ? ' ✓' : ' ✗'));
  if (a.status === 'timed-out') td.append(el('span', ' (time ran out)', { class: 'quiet' }));
}

const SORTERS = {
  student: (r) => r.student.toLowerCase(),
  exercise: (r) => title(r.exercise).toLowerCase(),
  best: (r) => (r.best === null ? -1 : r.best),
  last: (r) => (r.last === null ? -1 : r.last),
  goal_met: (r) => (r.goal_met === null ? -1 : Number(r.goal_met)),
  simulated_s: (r) => (r.simulated_s === null ? -1 : r.simulated_s),
  attempts: (r) => r.attempts,
};

function renderResults() {
  const results = state.results;
  if (!results) return;
  const { key, dir } = state.sort;
  const rows = [...results.rows].sort((a, b) => {
    const x = SORTERS[key](a);
    const y = SORTERS[key](b);
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
  for (const th of document.querySelectorAll('#results th[data-sort]')) {
    th.classList.toggle('sorted-up', th.dataset.sort === key && dir > 0);
    th.classList.toggle('sorted-down', th.dataset.sort === key && dir < 0);
  }
  $('#results tbody').replaceChildren(...rows.map(resultRow));
  $('#per-exercise').replaceChildren(...results.exercises.map(exerciseCard));
}

function resultRow(r) {
  const tr = el('tr', null, { 'data-student': r.student, 'data-exercise': r.exercise });
  tr.append(el('td', r.student));
  tr.append(el('td', title(r.exercise)));
  tr.append(el('td', r.best === null ? '—' : r.best, { class: 'num best' }));
  tr.append(el('td', r.last === null ? '—' : r.last, { class: 'num last' }));
  const goal = r.goal_met === null ? '—' : (r.goal_met ? 'met' : 'missed');
  tr.append(el('td', goal, { class: r.goal_met ? 'met' : (r.goal_met === null ? '' : 'missed') }));
  tr.append(el('td', clock(r.simulated_s), { class: 'num' }));
  tr.append(el('td', r.attempts, { class: 'num attempts' }));
  const criteria = Array.isArray(r.criteria)
    ? r.criteria.map((c) => `${c.name} ${c.points}/${c.max}`).join(' · ')
    : (r.last_status === 'live' ? 'live' : '—');
  tr.append(el('td', criteria, { class: 'criteria' }));
  const actions = el('td');
  if (r.last !== null) {
    const b = el('button', 'Debrief', { class: 'open-debrief', 'data-attempt': r.last_attempt });
    b.addEventListener('click', () => attempt(() => debrief(r.last_attempt)));
    actions.append(b);
  }
  tr.append(actions);
  return tr;
}

/** An exercise's histogram of best scores (ten bins) and its commonest mistakes. */
function exerciseCard(x) {
  const card = el('div', null, { class: 'exercise-card', 'data-exercise': x.exercise });
  const students = x.histogram.reduce((n, bin) => n + bin, 0);
  card.append(el('h3', `${x.title || x.exercise} · best of ${students} student${students === 1 ? '' : 's'}`));
  card.append(el('p', `${x.graded} attempt${x.graded === 1 ? '' : 's'} graded`, { class: 'quiet' }));
  const most = Math.max(1, ...x.histogram);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '380');
  svg.setAttribute('height', '130');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `best scores: ${x.histogram.join(', ')}`);
  x.histogram.forEach((n, i) => {
    const h = (n / most) * 78;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', String(8 + i * 37));
    bar.setAttribute('y', String(100 - h));
    bar.setAttribute('width', '30');
    bar.setAttribute('height', String(h));
    bar.setAttribute('fill', i >= 5 ? '#1a7f37' : '#b3261e');
    svg.append(bar);
    const count = document.createElementNS(ns, 'text');
    count.setAttribute('x', String(23 + i * 37));
    count.setAttribute('y', String(96 - h));
    count.setAttribute('text-anchor', 'middle');
    count.setAttribute('font-size', '15');
    count.textContent = n ? String(n) : '';
    svg.append(count);
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String(23 + i * 37));
    label.setAttribute('y', '120');
    label.setAttribute('text-anchor', 'middle');
    label.setAttribute('font-size', '14');
    label.textContent = String(i * 10);
    svg.append(label);
  });
  card.append(svg);
  const list = el('ul', null, { class: 'mistakes' });
  for (const m of x.mistakes.slice(0, 4)) {
    list.append(el('li', `${m.criterion}: ${m.lost} points lost in ${m.attempts} attempt${m.attempts === 1 ? '' : 's'}`));
  }
  if (x.mistakes.length === 0) list.append(el('li', 'no points lost yet', { class: 'quiet' }));
  card.append(el('strong', 'Commonest mistakes'), list);
  return card;
}

async function debrief(id) {
  const d = await api('GET', `/api/attempts/${id}`);
  const r = d.report;
  $('#debrief-title').textContent = `${d.attempt.student} · ${d.title || d.attempt.exercise}`;
  if (!r) {
    $('#debrief-score').textContent = 'Not graded yet: the attempt is live.';
    $('#debrief-goal').textContent = '';
  } else {
    $('#debrief-score').textContent = `Score ${r.score}/100 · goal ${r.goal_met ? 'met' : 'not met'} · ${Math.round(r.relief_percent)} % relief · ${clock(r.simulated_s)} simulated`;
    $('#debrief-goal').textContent = r.goal_detail;
  }
  const criteria = r ? r.criteria : [];
  $('#debrief-criteria tbody').replaceChildren(
    ...criteria.map((c) => {
      const tr = el('tr');
      tr.append(el('td', c.name), el('td', `${c.points}/${c.max}`, { class: 'num' }), el('td', c.detail));
      return tr;
    }),
  );
  const timeline = r ? r.timeline : [];
  $('#debrief-timeline').replaceChildren(
    ...timeline.map((a) => el('li', `${clock(a.t_s)} ${a.action}${a.refused ? ` (refused: ${a.refused})` : ''}`)),
  );
  $('#debrief-expert').replaceChildren(...(r ? r.expert : []).map((s) => el('li', s)));
  $('#debrief').hidden = false;
}

async function watch(id) {
  const w = await api('POST', `/api/attempts/${id}/watch`);
  const link = `${location.origin}${w.link}`;
  window.open(link, '_blank', 'noopener');
  $('#watch-command').textContent = `scs-sim --watch '${link}'`;
  $('#watch-box').hidden = false;
}

function renderDemo(demo) {
  $('#demo-status').textContent = demo
    ? `A demonstration is running: ${demo.followers} following.`
    : 'No demonstration is running.';
}

async function startDemo() {
  const patient = $('#demo-patient').value.trim();
  const body = patient ? { patient } : { exercise: $('#demo-exercise').value };
  const d = await api('POST', `/api/classes/${state.classId}/demo`, body);
  $('#follow-link').textContent = `${location.origin}${d.link}`;
  $('#demo-link').textContent = `${location.origin}/?demo=${d.demo}&key=${d.key}`;
  $('#demo-box').hidden = false;
}

function showTab(name) {
  for (const b of document.querySelectorAll('#tabs button')) {
    b.classList.toggle('active', b.dataset.tab === name);
  }
  for (const p of document.querySelectorAll('.pane')) {
    p.hidden = p.id !== `pane-${name}`;
  }
}

function wire() {
  $('#login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    attempt(async () => {
      await api('POST', '/api/teacher/login', {
        name: $('#login-name').value,
        password: $('#login-password').value,
      });
      $('#login-password').value = '';
      say('');
      await showDashboard(await api('GET', '/api/teacher'));
    });
  });
  $('#logout').addEventListener('click', () => attempt(async () => {
    await api('POST', '/api/teacher/logout');
    showLogin();
  }));
  $('#class-select').addEventListener('change', (ev) => attempt(() => openClass(ev.target.value)));
  $('#class-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    attempt(async () => {
      const c = await api('POST', '/api/classes', { name: $('#new-class-name').value });
      $('#new-class-name').value = '';
      await loadClasses(c.id);
    });
  });
  $('#assignment-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    attempt(async () => {
      if (!state.classId) throw new Error('create a class first');
      const body = { exercise: $('#exercise-select').value };
      const seed = $('#assignment-seed').value.trim();
      if (seed) {
        // Up to 2^53 - 1, the seeds the server draws: a JavaScript number holds them exactly.
        if (!/^\d{1,16}$/.test(seed) || !Number.isSafeInteger(Number(seed))) {
          throw new Error('a seed is a whole number up to 9007199254740991 (or leave it empty)');
        }
        body.seed = Number(seed);
      }
      await api('POST', `/api/classes/${state.classId}/assignments`, body);
      $('#assignment-seed').value = '';
      await openClass(state.classId);
    });
  });
  $('#demo-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    attempt(startDemo);
  });
  for (const b of document.querySelectorAll('#tabs button')) {
    b.addEventListener('click', () => showTab(b.dataset.tab));
  }
  for (const th of document.querySelectorAll('#results th[data-sort]')) {
    th.addEventListener('click', () => {
      const key = th.dataset.sort;
      state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
      renderResults();
    });
  }
  $('#debrief-close').addEventListener('click', () => { $('#debrief').hidden = true; });
}

wire();
api('GET', '/api/teacher')
  .then(showDashboard)
  .catch((e) => {
    showLogin();
    if (e.status !== 401) say(e.message);
  });

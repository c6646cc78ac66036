// peers-team dashboard. Everything shown comes from the team (and so from models): it is only ever set as text
// (textContent, option text, attribute values), never parsed as HTML. No innerHTML anywhere in this file.
'use strict';

const STATUSES = ['todo', 'assigned', 'in_progress', 'blocked', 'review', 'done', 'failed', 'cancelled'];
const FEED_SHOWN = 300;
const csrf = document.querySelector('meta[name="csrf"]').getAttribute('content');
const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A class-safe word from a value the server sends (states, statuses, tones are a fixed set, but still). */
const word = (text) => String(text || '').toLowerCase().replace(/[^a-z_]/g, '');
const usd = (n) => '$' + Number(n || 0).toFixed(4);

function say(text, bad) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('bad', !!bad);
}

async function act(action, body) {
  try {
    const response = await fetch('/api/' + action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
      body: JSON.stringify(body || {}),
    });
    const answer = await response.json().catch(() => ({ok: false, error: 'HTTP ' + response.status}));
    if (answer.ok) say(answer.message, false);
    else say(answer.error || ('HTTP ' + response.status), true);
    return answer.ok;
  } catch (e) {
    say('could not reach the dashboard: ' + e, true);
    return false;
  }
}

// ---- the picture

let picture = null;

function render(next) {
  picture = next;
  document.title = next.team + ' — peers-team';
  $('team').textContent = next.team;
  $('cost').textContent = usd(next.costUsd) + (next.budgetUsd ? ' of ' + usd(next.budgetUsd).replace(/0+$/, '0') : '')
      + ' · up ' + Math.floor(next.uptimeS / 60) + ' min';
  const paused = $('paused');
  paused.textContent = next.paused || '';
  paused.hidden = !next.paused;
  const dot = $('live');
  dot.className = 'dot ' + (next.live ? 'live' : 'ended');
  dot.title = next.live ? 'live' : ('the team stopped: ' + (next.ended || ''));
  if (!next.live) say('The team stopped: ' + (next.ended || '') + '. The page shows its last state.', true);
  renderAsks(next.waiting);
  renderRoles(next.roles);
  renderBoard(next.tasks);
  renderTargets(next.roles);
  for (const button of document.querySelectorAll('button')) {
    if (button.id !== 'transcript-close') button.disabled = !next.live;
  }
}

/** Waiting calls are updated in place, so that a reason being typed is not lost when the picture changes. */
function renderAsks(waiting) {
  const box = $('asks');
  $('asks-section').hidden = waiting.length === 0;
  const ids = new Set(waiting.map((w) => w.id));
  for (const card of [...box.children]) {
    if (!ids.has(card.dataset.ask)) card.remove();
  }
  for (const w of waiting) {
    if (box.querySelector('[data-ask="' + CSS.escape(w.id) + '"]')) continue;
    const reason = el('input', {class: 'reason', placeholder: 'reason for a deny (the agent reads it)', 'aria-label': 'reason'});
    const decide = (action, body) => async (event) => {
      const card = event.target.closest('.card');
      card.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      if (!await act(action, body())) card.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    };
    box.append(el('div', {class: 'card ask', 'data-ask': w.id},
        el('h3', {}, el('span', {class: 'badge'}, w.id), w.role, ' asks to use ', el('code', {}, w.summary)),
        w.why ? el('div', {class: 'why'}, w.why) : null,
        el('pre', {class: 'input'}, w.input + (w.inputCut ? '\n… (too long to show whole)' : '')),
        el('div', {class: 'actions'},
            el('button', {type: 'button', class: 'good approve', onclick: decide('approve', () => ({id: w.id}))}, 'Approve'),
            el('button', {type: 'button', class: 'plain always', title: 'allow exactly this call again for the rest of the session',
              onclick: decide('approve', () => ({id: w.id, always: true}))}, 'Always'),
            reason,
            el('button', {type: 'button', class: 'danger deny', onclick: decide('deny', () => ({id: w.id, reason: reason.value}))}, 'Deny'))));
  }
}

function renderRoles(roles) {
  const box = $('roles');
  box.replaceChildren(...roles.map((r) => el('div', {class: 'card role', 'data-role': r.name},
      el('h3', {}, r.name, r.lead ? el('span', {class: 'badge', title: 'lead'}, 'lead') : null,
          el('span', {class: 'badge state state-' + word(r.state)}, r.state),
          r.waiting ? el('span', {class: 'badge state-restarting'}, r.waiting + ' waiting') : null),
      el('dl', {},
          el('dt', {}, 'task'), el('dd', {class: 'task-of'}, r.task ? r.task + ' ' + (r.taskTitle || '') : '—'),
          el('dt', {}, 'cost'), el('dd', {}, usd(r.costUsd) + (r.budgetUsd ? ' of ' + usd(r.budgetUsd) : '')),
          el('dt', {}, 'queued'), el('dd', {}, String(r.queued)),
          el('dt', {}, 'pid'), el('dd', {}, r.pid ? String(r.pid) : '—'),
          el('dt', {}, 'last tool'), el('dd', {}, r.lastTool || '—'),
          el('dt', {}, 'branch'), el('dd', {}, r.branch || '—'),
          r.apiLimits ? [el('dt', {}, 'API limits'), el('dd', {}, r.apiLimits)] : null,
          r.stoppedBecause ? [el('dt', {}, 'stopped'), el('dd', {}, r.stoppedBecause)] : null),
      el('div', {class: 'actions'},
          el('button', {type: 'button', class: 'plain', onclick: () => openTranscript(r.name)}, 'Transcript'),
          el('button', {type: 'button', class: 'plain', disabled: r.state !== 'busy',
            onclick: () => act('interrupt', {role: r.name})}, 'Interrupt')))));
}

function renderBoard(tasks) {
  const columns = STATUSES.map((status) => {
    const here = tasks.filter((t) => t.status === status);
    return el('div', {class: 'column' + (here.length ? '' : ' empty'), 'data-status': status},
        el('h3', {}, status.replace('_', ' ') + ' (' + here.length + ')'),
        here.map((t) => el('div', {class: 'task status-' + word(t.status), 'data-task': t.id, title: t.details || ''},
            el('strong', {}, t.id), ' ', t.title,
            el('div', {class: 'meta'},
                t.assignee ? '@' + t.assignee : 'unassigned',
                t.dependsOn.length ? ' · after ' + t.dependsOn.join(', ') : '',
                t.ready || t.status !== 'todo' && t.status !== 'assigned' ? '' : ' · waiting',
                t.notes.length ? ' · ' + t.notes.length + ' note' + (t.notes.length > 1 ? 's' : '') : ''))));
  });
  $('board').replaceChildren(...columns);
}

/** The role lists of the forms, keeping what is selected. */
function renderTargets(roles) {
  const names = roles.map((r) => r.name);
  fill($('send-to'), ['all', ...names]);
  fill($('assign-role'), names);
}

function fill(select, values) {
  const current = select.value;
  if ([...select.options].map((o) => o.value).join('\n') === values.join('\n')) return;
  select.replaceChildren(...values.map((v) => el('option', {value: v}, v)));
  if (values.includes(current)) select.value = current;
}

// ---- the feed

function addFeed(items) {
  const list = $('feed');
  for (const item of items) {
    list.prepend(el('li', {class: 'tone-' + word(item.tone), 'data-kind': word(item.kind)},
        el('span', {class: 'time'}, item.time),
        el('span', {class: 'who'}, item.role),
        el('span', {class: 'text'}, item.text)));
  }
  while (list.children.length > FEED_SHOWN) list.lastElementChild.remove();
}

// ---- a role's transcript

let transcript = null;

function openTranscript(role) {
  if (transcript) transcript.close();
  $('transcript-section').hidden = false;
  $('transcript-role').textContent = role;
  const pre = $('transcript');
  pre.textContent = '';
  transcript = new EventSource('/transcript?role=' + encodeURIComponent(role));
  transcript.addEventListener('lines', (event) => {
    const data = JSON.parse(event.data);
    if (data.first) {
      pre.textContent = data.earlier ? '(' + data.earlier + ' earlier lines: peers-team logs ' + role + ')\n' : '';
    }
    const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 8;
    pre.append(document.createTextNode(data.lines.join('\n') + (data.lines.length ? '\n' : '')));
    if (atEnd) pre.scrollTop = pre.scrollHeight;
  });
  transcript.addEventListener('failed', (event) => say(JSON.parse(event.data).error, true));
  $('transcript-section').scrollIntoView({behavior: 'smooth', block: 'start'});
}

$('transcript-close').addEventListener('click', () => {
  if (transcript) transcript.close();
  transcript = null;
  $('transcript-section').hidden = true;
});

// ---- forms and the stop button

$('send-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (await act('send', {to: $('send-to').value, text: $('send-text').value})) $('send-text').value = '';
});

$('assign-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (await act('assign', {role: $('assign-role').value, text: $('assign-text').value, after: $('assign-after').value})) {
    $('assign-text').value = '';
    $('assign-after').value = '';
  }
});

$('stop').addEventListener('click', () => { $('stop-confirm').hidden = false; $('stop').hidden = true; });
$('stop-no').addEventListener('click', () => { $('stop-confirm').hidden = true; $('stop').hidden = false; });
$('stop-yes').addEventListener('click', async () => {
  $('stop-confirm').hidden = true;
  $('stop').hidden = false;
  await act('down', {});
});

// ---- live: server-sent events; the browser reconnects by itself and the server sends everything anew

function connect() {
  const events = new EventSource('/events');
  let snapshot = false; // each (re)connection starts with the picture and the recent feed: they replace what is shown
  events.addEventListener('open', () => { snapshot = true; });
  events.addEventListener('picture', (event) => render(JSON.parse(event.data)));
  events.addEventListener('feed', (event) => {
    if (snapshot) {
      $('feed').replaceChildren();
      snapshot = false;
    }
    addFeed(JSON.parse(event.data));
  });
  events.addEventListener('error', () => {
    if (picture && picture.live) {
      $('live').className = 'dot';
      $('live').title = 'reconnecting';
    }
  });
}

connect();

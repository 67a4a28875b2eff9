// A node-only stand-in for the JSON/SSE API of `hbdta-bot dev`, to work on the chat page without
// the Rust side: it serves the page files and answers like the bot would, with canned replies.
//
//   node mock_dev_server.mjs [--port 3000] [--quiet]
//
// Any text: seen, typing, then (after ~300 ms) a reply. Digits get a stats card and text with
// chips; other text gets "Several players match" with name chips; `demo` shows every other
// shape the page renders; `fail` gets a 502 from /dev/api/send.
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pageDir = path.resolve(here, '../../src/dev/page');
const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1]) || (args.includes('--port') ? 0 : 3000);
const quiet = args.includes('--quiet');
const PAGE_ID = '104000000000001';
const FILES = { '/': ['index.html', 'text/html'], '/chat.css': ['chat.css', 'text/css'], '/chat.js': ['chat.js', 'text/javascript'] };
const IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" width="382" height="200"><rect width="382" height="200" fill="#a33"/><text x="191" y="118" font-size="56" text-anchor="middle" fill="#fff" font-family="sans-serif">hbdta</text></svg>';

const people = new Map(); // psid -> {streams: Set<response>, waiting: [body]}
const say = (...line) => quiet || console.log(...line);

/** The person with `psid`; any digits are one, so a tab open across a restart goes on working. */
function person(psid) {
  if (typeof psid !== 'string' || !/^\d{1,20}$/.test(psid)) return null;
  if (!people.has(psid)) people.set(psid, { streams: new Set(), waiting: [] });
  return people.get(psid);
}

function emit(psid, body) {
  const person = people.get(psid);
  if (!person) return;
  if (person.streams.size === 0) person.waiting.push(body); // delivered when the page connects
  for (const stream of person.streams) stream.write(`data: ${JSON.stringify(body)}\n\n`);
}

const text = (psid, text, quick) => ({
  recipient: { id: psid },
  messaging_type: 'RESPONSE',
  message: quick ? { text, quick_replies: quick.map(([title, payload]) => ({ content_type: 'text', title, payload })) } : { text },
});
const attachment = (psid, a) => ({ recipient: { id: psid }, messaging_type: 'RESPONSE', message: { attachment: a } });
const generic = (psid, elements) => attachment(psid, { type: 'template', payload: { template_type: 'generic', elements } });

function playerCard(id) {
  const name = id === '86745912' ? 'Arteezy' : `Player ${id}`;
  const url = `https://www.opendota.com/players/${id}`;
  return {
    title: name,
    subtitle: 'Immortal #32 · 61.7% wins · 6,075 games',
    image_url: 'https://avatars.example/a1/a1b2c3_full.jpg', // unreachable offline, like the fixture's
    default_action: { type: 'web_url', url },
    buttons: [
      { type: 'web_url', title: 'OpenDota', url },
      { type: 'postback', title: 'Heroes', payload: `HEROES:${id}` },
      { type: 'postback', title: 'Recent', payload: `RECENT:${id}` },
    ],
  };
}

/** The bot's answer to `said` (text or payload) from `psid`: Send API bodies. */
function answer(psid, said, host) {
  if (/^\d+$/.test(said)) {
    return [
      generic(psid, [playerCard(said)]),
      text(psid, `🏅 Rank: Immortal #32\n📊 Record: 3,750 wins, 2,325 losses (61.7% win rate over 6,075 games)\n\nMore at https://www.opendota.com/players/${said}.`, [
        ['Heroes', `HEROES:${said}`], ['Recent', `RECENT:${said}`], ['Compare', `COMPARE:${said}`],
      ]),
    ];
  }
  if (said === 'GET_STARTED') return [text(psid, 'Welcome! 🎮 Send me a Dota 2 player: an account id (like 86745912), a profile link, or a name.')];
  if (said === 'demo') {
    return [
      generic(psid, [playerCard('86745912'), playerCard('111620041'), { title: 'No image, no buttons', subtitle: 'a plain card' }]),
      attachment(psid, { type: 'template', payload: { template_type: 'button', text: 'A button template.\nPick one:', buttons: [
        { type: 'postback', title: 'Help', payload: 'HELP' }, { type: 'web_url', title: 'OpenDota', url: 'https://www.opendota.com' },
      ] } }),
      attachment(psid, { type: 'image', payload: { url: `http://${host}/dev/mock/image.svg` } }),
      attachment(psid, { type: 'template', payload: { template_type: 'receipt' } }),
      text(psid, 'Unsafe <b>markup</b> stays text: <img src=x onerror=alert(1)> and javascript:alert(1)'),
    ];
  }
  if (/^[A-Z]+:/.test(said) || said === 'HELP') return [text(psid, `(mock) the bot would answer the payload ${said} here.`)];
  return [text(psid, `Several players match “${said}”. Which one?\n1. Arteezy (86745912)\n2. Arteezy the greatest (200000001)\n3. arteezy (200000003)`, [
    ['Arteezy', '86745912'], ['Arteezy the greatest', '200000001'], ['arteezy', '200000003'],
  ])];
}

async function readJson(request) {
  let raw = '';
  for await (const chunk of request) raw += chunk;
  return JSON.parse(raw);
}

const server = http.createServer(async (request, response) => {
  const url = new URL(request.url, 'http://localhost');
  say(request.method, url.pathname + url.search);
  const reply = (status, type, body) => response.writeHead(status, { 'content-type': type }).end(body);
  try {
    if (request.method === 'GET' && FILES[url.pathname]) {
      const [file, type] = FILES[url.pathname];
      return reply(200, `${type}; charset=utf-8`, await readFile(path.join(pageDir, file)));
    }
    if (request.method === 'GET' && url.pathname === '/dev/mock/image.svg') return reply(200, 'image/svg+xml', IMAGE);
    if (request.method === 'POST' && url.pathname === '/dev/api/session') {
      const psid = `${randomInt(1e7, 1e8)}${randomInt(1e7, 1e8)}`;
      person(psid);
      return reply(200, 'application/json', JSON.stringify({ psid, page_id: PAGE_ID, page_name: 'hbdta' }));
    }
    if (request.method === 'GET' && url.pathname === '/dev/api/events') {
      const someone = person(url.searchParams.get('psid'));
      if (!someone) return reply(400, 'text/plain', 'psid: digits expected');
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write('retry: 1000\n\n');
      someone.streams.add(response);
      for (const body of someone.waiting.splice(0)) response.write(`data: ${JSON.stringify(body)}\n\n`);
      request.on('close', () => someone.streams.delete(response));
      return undefined;
    }
    if (request.method === 'POST' && url.pathname === '/dev/api/send') {
      const body = await readJson(request);
      if (!person(body.psid)) return reply(400, 'text/plain', 'psid: digits expected');
      const said = body.text ?? body.quick_reply?.payload ?? body.postback?.payload;
      if (typeof said !== 'string') return reply(400, 'text/plain', 'one of text, quick_reply, postback');
      if (said === 'fail') return reply(502, 'text/plain', 'the bot did not answer the webhook');
      setTimeout(() => {
        emit(body.psid, { recipient: { id: body.psid }, sender_action: 'mark_seen' });
        emit(body.psid, { recipient: { id: body.psid }, sender_action: 'typing_on' });
      }, 150);
      setTimeout(() => answer(body.psid, said, request.headers.host).forEach((b) => emit(body.psid, b)), 450);
      return reply(202, 'application/json', JSON.stringify({ mid: `m_${randomInt(1e9)}`, status: 200 }));
    }
    return reply(404, 'text/plain', 'not found');
  } catch (error) {
    return reply(400, 'text/plain', String(error.message));
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`mock dev server: http://127.0.0.1:${server.address().port}/`);
});

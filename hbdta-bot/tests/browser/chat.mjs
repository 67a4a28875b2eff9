// The browser test of `hbdta-bot dev` (issue 7): the real binary against a local OpenDota
// stand-in, its chat page driven in headless Chromium at a phone's size; then the same with
// `dev --platform telegram` (issue 15): photos with HTML captions, inline keyboards, taps.
//
//   node chat.mjs [--bot <path to hbdta-bot>] [--mock] [--chromium <path>]
//
// --bot defaults to target/debug/hbdta-bot of this repository. --mock runs mock_dev_server.mjs
// instead of the binary (to work on the page without a Rust build). Exits 0 when every step
// passes, 1 otherwise, with a screenshot in target/browser-test/.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const { values: options } = parseArgs({
  options: {
    bot: { type: 'string', default: path.join(root, 'target/debug/hbdta-bot') },
    mock: { type: 'boolean', default: false },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH || '/usr/bin/chromium' },
  },
});
const outDir = path.join(root, 'target/browser-test');
const STEP_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 30_000;
const WHOLE_RUN_MS = 180_000;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- OpenDota stand-in --------------------------------------------------------------------------

function fixture(name) {
  return readFileSync(path.join(root, 'fixtures/opendota', `${name}.json`), 'utf8');
}

/** The routes the bot calls for a stats answer and a name search, as in tests/webhook.rs. */
const ROUTES = new Map(
  Object.entries({
    '/api/players/86745912': 'bot_players_get__arteezy',
    '/api/players/86745912/heroes': 'bot_players_heroes__arteezy',
    '/api/players/86745912/recentMatches': 'bot_players_recent_matches__arteezy',
    '/api/constants/heroes': 'bot_constants_heroes__catalog',
    '/api/constants/item_ids': 'bot_constants_item_ids__catalog',
  }).map(([route, name]) => [route, fixture(name)]),
);
const ITEM_POPULARITY = fixture('bot_heroes_item_popularity__tidehunter');
const SEARCH_SEVERAL = fixture('bot_search__several');

const openDotaMisses = [];

function openDotaBody(url) {
  const route = url.pathname.replace(/\/+$/, '');
  if (ROUTES.has(route)) return ROUTES.get(route);
  if (/^\/api\/heroes\/\d+\/itemPopularity$/.test(route)) return ITEM_POPULARITY;
  if (route === '/api/search') {
    return (url.searchParams.get('q') || '').trim().toLowerCase() === 'arteezy' ? SEARCH_SEVERAL : '[]';
  }
  return null;
}

async function startOpenDota() {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const body = request.method === 'GET' ? openDotaBody(url) : null;
    if (body === null) {
      const line = `${request.method} ${url.pathname}${url.search}`;
      openDotaMisses.push(line);
      console.error(`opendota stand-in: no route for ${line}: 404`);
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not Found"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

// --- the bot ------------------------------------------------------------------------------------

let bot = null;
let botOutput = '';

async function freePort() {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function running(child) {
  return child && child.exitCode === null && child.signalCode === null;
}

async function startBot(port, openDotaUrl, platform = 'messenger') {
  let command;
  let args;
  if (options.mock) {
    command = process.execPath;
    args = [path.join(here, 'mock_dev_server.mjs'), '--port', String(port), '--quiet'];
  } else {
    command = path.resolve(options.bot);
    if (!existsSync(command)) throw new Error(`no bot binary at ${command}: build it first (cargo build -p hbdta-bot)`);
    args = ['dev', '--port', String(port), '--opendota-base-url', openDotaUrl, '--quiet', '--platform', platform];
  }
  const env = { ...process.env };
  delete env.OPENDOTA_API_KEY; // never sent to the stand-in (nor printed with its 404 lines)
  delete env.OPENDOTA_BASE_URL;
  bot = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk) => {
    botOutput = (botOutput + chunk).slice(-20_000);
  };
  bot.stdout.on('data', keep);
  bot.stderr.on('data', keep);
  bot.on('error', (error) => keep(`\n(spawn failed: ${error.message})\n`));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (!running(bot)) throw new Error(`the bot exited before serving the page (${bot.exitCode ?? bot.signalCode})`);
    try {
      const response = await fetch(`${base}/`);
      if (response.status === 200) return base;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`GET ${base}/ did not answer 200 within ${START_TIMEOUT_MS / 1000} s`);
    await sleep(200);
  }
}

async function stopBot() {
  if (!running(bot)) return;
  bot.kill('SIGTERM');
  await Promise.race([once(bot, 'exit'), sleep(5000)]);
  if (running(bot)) bot.kill('SIGKILL');
}

// Whatever happens, the bot does not outlive the test.
process.on('exit', () => {
  if (running(bot)) bot.kill('SIGKILL');
});

// --- steps --------------------------------------------------------------------------------------

let passed = 0;
let failed = 0;

async function step(name, run) {
  const started = Date.now();
  try {
    await run();
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}`);
    throw new Error(`${name}: ${error.message}`, { cause: error });
  }
  passed += 1;
  console.log(`ok - ${name} (${Date.now() - started} ms)`);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls `check` until it returns true; anything else it returns says what was seen instead. */
async function waitUntil(what, check, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let seen;
  for (;;) {
    try {
      seen = await check();
      if (seen === true) return;
    } catch (error) {
      seen = error.message;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${seen === false || seen == null ? '' : `; saw: ${seen}`}`);
    }
    await sleep(100);
  }
}

const pageErrors = [];
const consoleErrors = [];

async function openChat(context, base) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('html[data-psid]', { state: 'attached' });
  await page.waitForSelector('html[data-connection="open"]', { state: 'attached' });
  return page;
}

const texts = (locator) => locator.allTextContents();
const payloads = (chips) => chips.evaluateAll((nodes) => nodes.map((n) => n.dataset.payload));

async function sendText(page, text) {
  const composer = page.getByTestId('composer');
  await composer.fill(text);
  await composer.press('Enter');
  await waitUntil(`the user bubble "${text}"`, async () => {
    const bubbles = await texts(page.getByTestId('user-text'));
    return bubbles.at(-1) === text || `user bubbles ${JSON.stringify(bubbles)}`;
  });
  expect((await composer.inputValue()) === '', 'the composer is not cleared after sending');
}

async function run(context, base) {
  const page = await openChat(context, base);
  const cards = page.getByTestId('card');
  const chips = page.getByTestId('quick-reply');
  let firstPsid;

  await step('an empty conversation offers Get Started', async () => {
    await page.getByTestId('get-started').waitFor({ state: 'visible' });
    expect((await page.getByTestId('user-text').count()) === 0, 'a new person already has messages');
    expect((await page.getByTestId('connection').isVisible()) === false, 'the reconnecting banner shows while connected');
    firstPsid = await page.evaluate(() => document.documentElement.dataset.psid);
    expect(/^\d+$/.test(firstPsid || ''), `psid is not digits: ${firstPsid}`);
  });

  await step('an account id gets the card and the stats', async () => {
    await sendText(page, '86745912');
    await waitUntil('a card titled Arteezy', async () => {
      const titles = await texts(page.getByTestId('card-title'));
      return titles.some((t) => t.includes('Arteezy')) || `card titles ${JSON.stringify(titles)}`;
    });
    await waitUntil('the stats text', async () => {
      const said = await texts(page.getByTestId('bot-text'));
      return said.some((t) => /\bwins\b/.test(t)) || `bot texts ${JSON.stringify(said)}`;
    });
    await page.getByTestId('seen').waitFor({ state: 'visible' });
    expect((await page.getByTestId('typing').count()) === 0, 'the typing indicator stays after the answer');
    const subtitle = await page.getByTestId('card-subtitle').first().textContent();
    expect(/wins/.test(subtitle), `card subtitle: ${subtitle}`);
    const link = page.getByTestId('card-button').filter({ hasText: 'OpenDota' }).first();
    expect((await link.getAttribute('href')) === 'https://www.opendota.com/players/86745912', 'the OpenDota button links elsewhere');
    expect((await link.getAttribute('target')) === '_blank', 'the OpenDota button does not open a new tab');
    expect(/\bnoopener\b/.test((await link.getAttribute('rel')) || ''), 'the OpenDota button lacks rel=noopener');
    const under = await payloads(chips);
    expect(under.includes('RECENT:86745912'), `chips under the stats: ${JSON.stringify(under)}`);
  });

  await step('a name with several matches offers chips, and a chip shows the stats', async () => {
    await sendText(page, 'arteezy');
    expect(!(await texts(chips)).includes('Recent'), 'the previous chips stay after the user sent a message');
    await waitUntil('at least 2 name chips', async () => {
      const titles = await texts(chips);
      return (titles.length >= 2 && titles.includes('Arteezy')) || `chips ${JSON.stringify(titles)}`;
    });
    const choice = chips.filter({ hasText: /^Arteezy$/ }).first();
    expect((await choice.getAttribute('data-payload')) === '86745912', 'the first Arteezy chip has another payload');
    const namePayloads = await payloads(chips);
    await choice.click();
    // The stats answer brings chips of its own (Heroes, Recent, ...) and can arrive within
    // milliseconds of the tap on a fast machine, so wait for the name chips to go, not for none.
    await waitUntil('the name chips to go', async () => {
      const left = (await payloads(chips)).filter((p) => namePayloads.includes(p));
      return left.length === 0 || `name chips still shown: ${JSON.stringify(left)}`;
    });
    const bubbles = await texts(page.getByTestId('user-text'));
    expect(bubbles.at(-1) === 'Arteezy', `the tap shows as ${JSON.stringify(bubbles.at(-1))}`);
    await waitUntil('a second card titled Arteezy', async () => {
      const titles = await texts(page.getByTestId('card-title'));
      return (titles.length === 2 && titles[1].includes('Arteezy')) || `card titles ${JSON.stringify(titles)}`;
    });
  });

  await step('the newest message is in view and nothing overflows sideways', async () => {
    await waitUntil('the conversation scrolled to the end', () =>
      page.evaluate(() => {
        const log = document.querySelector('[role="log"]');
        const gap = log.scrollHeight - log.scrollTop - log.clientHeight;
        return gap <= 2 || `${gap} px below the view`;
      }),
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 0, `the page is ${overflow} px wider than the viewport`);
    const composerBox = await page.getByTestId('composer').boundingBox();
    expect(composerBox && composerBox.y + composerBox.height <= 844, 'the composer is not on screen');
  });

  await step('a reload keeps the person and the conversation', async () => {
    const before = await cards.count();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('html[data-connection="open"]', { state: 'attached' });
    const psid = await page.evaluate(() => document.documentElement.dataset.psid);
    expect(psid === firstPsid, `the psid changed on reload: ${firstPsid} -> ${psid}`);
    await sleep(500); // anything the server wrongly replays arrives by now
    expect((await cards.count()) === before, `${await cards.count()} cards after the reload, ${before} before`);
  });

  await step('a second tab is another person with an empty conversation', async () => {
    const other = await openChat(context, base);
    const psid = await other.evaluate(() => document.documentElement.dataset.psid);
    expect(/^\d+$/.test(psid || '') && psid !== firstPsid, `second tab psid ${psid}, first ${firstPsid}`);
    await other.getByTestId('get-started').waitFor({ state: 'visible' });
    const count = (id) => other.getByTestId(id).count();
    expect((await count('user-text')) + (await count('bot-text')) + (await count('card')) === 0, 'the second tab shows messages');
    await other.close();
  });

  await step('no script errors in the page', async () => {
    expect(pageErrors.length === 0, pageErrors.join('\n'));
  });

  await page.screenshot({ path: path.join(outDir, 'chat.png') });
  console.log(`screenshot: ${path.relative(process.cwd(), path.join(outDir, 'chat.png'))}`);
}

/** `dev --platform telegram`: the page draws what Telegram would. */
async function runTelegram(context, base) {
  const page = await openChat(context, base);
  const keys = page.getByTestId('inline-button');

  await step('on Telegram: Start sends /start and the welcome shows', async () => {
    const start = page.getByTestId('get-started');
    await start.waitFor({ state: 'visible' });
    expect((await start.textContent()) === 'Start', `the button reads ${await start.textContent()}`);
    await start.click();
    await waitUntil('the user bubble /start', async () => {
      const bubbles = await texts(page.getByTestId('user-text'));
      return bubbles.at(-1) === '/start' || `user bubbles ${JSON.stringify(bubbles)}`;
    });
    await waitUntil('the welcome', async () => {
      const said = await texts(page.getByTestId('bot-text'));
      return said.some((t) => t.startsWith('Welcome!')) || `bot texts ${JSON.stringify(said)}`;
    });
  });

  await step('on Telegram: an account id gets a photo with a bold caption, then the text with a keyboard', async () => {
    await sendText(page, '86745912');
    await waitUntil('a caption about Arteezy', async () => {
      const captions = await texts(page.getByTestId('caption'));
      return captions.some((t) => t.startsWith('Arteezy')) || `captions ${JSON.stringify(captions)}`;
    });
    const bold = await page.getByTestId('caption').last().evaluate((c) => [...c.querySelectorAll('b')].map((b) => b.textContent));
    expect(JSON.stringify(bold) === '["Arteezy"]', `bold in the caption: ${JSON.stringify(bold)}`);
    const link = page.getByTestId('inline-link').filter({ hasText: 'OpenDota' }).last();
    expect((await link.getAttribute('href')) === 'https://www.opendota.com/players/86745912', 'the OpenDota key links elsewhere');
    await waitUntil('the stats text with its keyboard', async () => {
      const rows = await page.getByTestId('inline-keyboard').last().evaluate((k) =>
        [...k.children].map((row) => [...row.children].map((key) => key.textContent)),
      );
      return JSON.stringify(rows) === '[["Heroes","Recent"],["Last match","Compare"],["This is me"]]' || `keyboard ${JSON.stringify(rows)}`;
    });
    expect((await page.getByTestId('typing').count()) === 0, 'the typing indicator stays after the answer');
  });

  await step('on Telegram: a tap is a callback query, answered, and no message of the person', async () => {
    const userBubbles = await page.getByTestId('user-text').count();
    await keys.and(page.locator('[data-callback="RECENT:86745912"]')).last().click();
    await waitUntil('the last 20 matches', async () => {
      const said = await texts(page.getByTestId('bot-text'));
      return said.some((t) => t.startsWith('📈 Arteezy, last 20 matches')) || `bot texts ${JSON.stringify(said.slice(-2))}`;
    });
    await waitUntil('the spinner to stop', async () => (await page.locator('.key.pending').count()) === 0 || 'a key still spins');
    expect((await page.getByTestId('user-text').count()) === userBubbles, 'the tap showed as a message of the person');
    expect((await page.getByTestId('typing').count()) === 0, 'the typing indicator stays after the answer');
  });

  await step('on Telegram: no script errors in the page', async () => {
    expect(pageErrors.length === 0, pageErrors.join('\n'));
  });

  await page.screenshot({ path: path.join(outDir, 'telegram.png') });
  console.log(`screenshot: ${path.relative(process.cwd(), path.join(outDir, 'telegram.png'))}`);
}

// --- main ---------------------------------------------------------------------------------------

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const guard = setTimeout(() => {
    console.error(`browser test: gave up after ${WHOLE_RUN_MS / 1000} s`);
    process.exit(1);
  }, WHOLE_RUN_MS);
  guard.unref();

  const openDota = await startOpenDota();
  let browser = null;
  let context = null;
  let code = 0;
  try {
    const openDotaUrl = `http://127.0.0.1:${openDota.address().port}/api`;
    let base;
    await step(options.mock ? 'the mock dev server serves the page' : 'hbdta-bot dev serves the page', async () => {
      base = await startBot(await freePort(), openDotaUrl);
    });
    await step('headless Chromium starts', async () => {
      browser = await chromium.launch({ executablePath: options.chromium, headless: true, args: CHROMIUM_ARGS });
      context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    });
    // The page needs nothing but its own origin: everything else (the card's avatar URL) fails at once.
    await context.route((url) => url.origin !== base, (route) => route.abort('internetdisconnected'));
    await run(context, base);
    if (!options.mock) {
      await stopBot();
      await step('hbdta-bot dev --platform telegram serves the page', async () => {
        base = await startBot(await freePort(), openDotaUrl, 'telegram');
      });
      await context.unrouteAll();
      await context.route((url) => url.origin !== base, (route) => route.abort('internetdisconnected'));
      await runTelegram(context, base);
    }
  } catch (error) {
    code = 1;
    console.error(`\nbrowser test FAILED: ${error.message}`);
    const page = context && context.pages()[0];
    if (page) {
      const shot = path.join(outDir, 'failure.png');
      await page.screenshot({ path: shot }).then(
        () => console.error(`screenshot: ${path.relative(process.cwd(), shot)}`),
        () => {},
      );
    }
    if (pageErrors.length) console.error(`page errors:\n${pageErrors.join('\n')}`);
    if (consoleErrors.length) console.error(`console errors:\n${consoleErrors.join('\n')}`);
    if (openDotaMisses.length) console.error(`OpenDota routes the stand-in lacks:\n${openDotaMisses.join('\n')}`);
    console.error(`--- bot output (last 20 kB) ---\n${botOutput || '(none)'}\n--- end of bot output ---`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stopBot();
    openDota.close();
    openDota.closeAllConnections();
  }
  console.log(`browser-test: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`browser test: ${signal}`);
    process.exit(1); // the exit handler kills the bot; Playwright closes its browser on exit
  });
}

await main();

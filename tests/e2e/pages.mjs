// Every page of the interface in both languages: the language switch turns each page wholly
// into English (no Japanese left) and back (no English words of the catalog left), no page asks
// for a code the catalog lacks, and axe-core finds no serious or critical accessibility
// violation on any of them. The incident shown has something in every section, recorded in
// English through the API. A screenshot of each page in each language is kept.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { browser, check, missingCodes, root, shots, Sokuo } from './harness.mjs'

const kPassword = 'correct horse battery staple'
const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/
const sokuo = new Sokuo(process.argv[2])
let b

// An incident with a record in every section, through the API as the IS department would.
async function incident() {
  const token = JSON.parse(sokuo.cli('--json', 'user', 'token', 'p-mori', '--name', 'e2e', '--scope', 'write')).token
  const call = async (method, path, body) => {
    const r = await fetch(`${sokuo.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': body instanceof Buffer ? 'application/octet-stream' : 'application/json' },
      body: body instanceof Buffer ? body : JSON.stringify(body),
    })
    const json = await r.json()
    check(r.ok, `${method} ${path}: ${r.status} ${JSON.stringify(json)}`)
    return json
  }
  const { key } = await call('POST', '/incidents', { title: 'Files on the file server are encrypted', summary: 'A ransom note in every shared folder', systems: ['file-server'], harm: 'possible' })
  const base = `/incidents/${key}`
  await call('POST', `${base}/triage`, { confirmed: true })
  await call('POST', `${base}/convocation`, {})
  await call('PUT', `${base}/convocation`, { attendees: ['p-ishikawa'] })
  await call('POST', `${base}/decisions`, { kind: 'policy', text: 'Isolate the file server', decided_by: 'p-ishikawa' })
  await call('POST', `${base}/tasks`, { kind: 'isolate_network', title: 'Unplug the file server', contains: true, assignee: 'p-mori', due: '2026-01-01T09:00:00+09:00' })
  await call('POST', `${base}/contacts`, { audience: 'internal', contact: 'sales', channel: 'email', summary: 'Do not open the shared folders' })
  await call('PUT', `${base}/assessment`, { kinds: ['destruction'], scope: 'Shared folders', persons: 0, personal_data: [{ system: 'file-server', leaked: 'no' }] })
  await call('PUT', `${base}/recovery/file-server`, { status: 'restoring', note: 'From last night’s backup' })
  await call('POST', `${base}/findings`, { kind: 'technical', text: 'An unpatched VPN appliance' })
  await call('POST', `${base}/prevention`, { text: 'Patch the VPN appliance', owner: 'p-mori', due: '2027-01-31' })
  await call('PUT', `${base}/backdoor-checks/file-server/added_users`, { result: 'clean' })
  await call('POST', `${base}/evidence?name=auth.log&kind=access_log`, Buffer.from('Nov 26 02:10:00 fs01 sshd[3100]: Accepted password for admin\n'))
  return key
}

// What the page says in the other language: Japanese in English, or an English text of the
// catalog (a word of the interface) in Japanese. Left out: the language switch (it names the
// other language) and what the organization wrote in one language only (class "data").
async function leftovers(page, lang, english) {
  const texts = await page.evaluate(() => {
    const out = []
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.parentElement.closest('body [lang], .data, script, style')) continue
      const text = n.textContent.trim()
      if (text) out.push(text)
    }
    return out
  })
  if (lang === 'en') return texts.filter((text) => japanese.test(text))
  return english.filter((e) => texts.includes(e))
}

// The login form in either language: person id, password, send.
async function submitLogin(page, person, password) {
  await page.locator('input[name=login]').fill(person)
  await page.locator('input[name=password]').fill(password)
  await page.locator('button[type=submit]').click()
}

async function audit(page) {
  const { violations } = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }))
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

try {
  await sokuo.start()
  sokuo.accountWithPassword('p-mori', kPassword)
  const otp = sokuo.account('p-takahashi')
  const key = await incident()
  const catalog = (await (await fetch(`${sokuo.url}/api/v1/messages`)).json()).codes
  // The English texts of the interface's own words that cannot be Japanese too.
  const english = Object.entries(catalog)
    .filter(([code, v]) => code.startsWith('ui.') && v.en !== v.ja && /^[A-Z][a-z]+ [a-z]+/.test(v.en))
    .map(([, v]) => v.en)
  b = await browser({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', bypassCSP: true })
  const page = b.page
  page.setDefaultTimeout(10000)
  const problems = []
  page.on('pageerror', (e) => problems.push(String(e)))
  const axe = readFileSync(join(root, 'web', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

  // Each page: how to reach it and what says it is there.
  const pages = [
    ['dashboard', '#/', 'a.button.primary'],
    ['report', '#/report', 'form'],
    ['incidents', '#/incidents', 'table'],
    ['incident', `#/incidents/${key}`, 'table.timeline tbody tr'],
    ['departments', '#/organization/departments', 'table'],
    ['people', '#/organization/people', 'table'],
    ['contacts', '#/organization/contacts', 'table'],
    ['systems', '#/organization/systems', 'figure.graph svg'],
    ['journal', '#/journal', 'table tbody tr'],
    // The example company configures no email: the report's messages are parked, with why.
    ['messages', '#/notifications', 'table tbody tr'],
    ['acknowledge', `#/ack/${encodeURIComponent(`${key}/000001/email/p-mori`)}`, '.verified'],
    // Nothing was received: the alerts page says so; the rules page lists the shipped rules.
    ['alerts', '#/alerts', 'p.none'],
    ['rules', '#/rules', 'table.rules tbody tr'],
    // The example company has gaps in its preparation (G3.3, G5.1): grouped by clause.
    ['readiness', '#/readiness', 'section.readiness table tbody tr'],
    // The routine controls (G4.1, G4.2): what is due with its forms, one control's occurrences
    // with the account review's form (G4.2.4), and compliance.
    ['controls', '#/controls', 'table.controls tbody tr'],
    ['control', '#/controls/user-settings-review', 'li.occurrence'],
    ['compliance', '#/compliance', 'table.compliance tbody tr'],
    ['accounts', '#/accounts', 'table tbody tr'],
    ['account', '#/account', 'table tbody tr'],
  ]
  const failures = []
  let walked = 0
  const look = async (name, lang, ready) => {
    await page.locator(ready).first().waitFor()
    await page.waitForTimeout(200) // the last answers land
    await page.addScriptTag({ content: axe })
    for (const l of await leftovers(page, lang, english)) failures.push(`${name} (${lang}): not in ${lang}: ${l}`)
    for (const v of await audit(page)) failures.push(`${name} (${lang}): ${v}`)
    await page.screenshot({ path: join(shots(), `page-${name}-${lang}.png`), fullPage: true })
    ++walked
  }

  for (const lang of ['ja', 'en']) {
    await page.goto(`${sokuo.url}/#/`)
    await page.locator('input[name=login]').waitFor()
    // The switch, from the other language.
    const current = await page.evaluate(() => document.documentElement.lang)
    if (current !== lang) await page.getByRole('button', { name: lang === 'en' ? 'English' : '日本語' }).click()
    check((await page.evaluate(() => document.documentElement.lang)) === lang, `the switch did not turn the page into ${lang}`)
    await look('login', lang, 'input[name=password]')
    // The first login with a one-time password asks for a new one.
    await submitLogin(page, 'p-takahashi', otp)
    await look('password', lang, 'input[autocomplete=new-password]')
    await page.getByRole('button', { name: lang === 'ja' ? 'ログアウト' : 'Log out' }).click()
    await submitLogin(page, 'p-mori', kPassword)
    await page.locator('a.button.primary').waitFor()
    for (const [name, hash, ready] of pages) {
      await page.goto(`${sokuo.url}/${hash}`)
      // Every form open, so that their labels are read too.
      await page.locator(ready).first().waitFor()
      for (const s of await page.locator('details.action summary').all()) await s.click()
      if (name === 'journal') {
        await page.locator('button.primary').click()
        await page.locator('.verified').waitFor()
      }
      await look(name, lang, ready)
    }
    await page.getByRole('button', { name: lang === 'ja' ? 'ログアウト' : 'Log out' }).click()
    await page.locator('input[name=login]').waitFor()
  }
  // A 360 px phone: no page is wider than the screen (a wide table or the graph scrolls inside
  // itself).
  await page.setViewportSize({ width: 360, height: 740 })
  await page.locator('input[name=login]').waitFor()
  check((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the login page is wider than 360 px')
  await submitLogin(page, 'p-mori', kPassword)
  await page.locator('a.button.primary').waitFor()
  for (const [name, hash, ready] of pages) {
    await page.goto(`${sokuo.url}/${hash}`)
    await page.locator(ready).first().waitFor()
    await page.waitForTimeout(200)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    if (width > 360) failures.push(`${name}: ${width} px wide on a 360 px phone`)
    if (name === 'incident' || name === 'dashboard') await page.screenshot({ path: join(shots(), `page-${name}-phone.png`), fullPage: true })
  }
  await page.getByRole('button', { name: 'Log out' }).click()
  await page.setViewportSize({ width: 1280, height: 900 })

  // The readiness report (G3.3, G5.1): the dashboard counts the gaps per clause and links to the
  // page, which lists each with what to do; the example leaves a contact never checked.
  await submitLogin(page, 'p-mori', kPassword)
  await page.locator('section.readiness-summary li a[href="#/readiness"]').first().click()
  await page.locator('section.readiness tr[data-kind=contact_not_reviewed]').first().waitFor()
  const clauses = await page.locator('section.readiness h2').allTextContents()
  check(clauses.some((c) => c.startsWith('G5.2.2')), `no G5.2.2 section on the readiness page: ${clauses.join(' | ')}`)
  await page.getByRole('button', { name: 'Log out' }).click()

  // The language chosen while logged in follows the person to another device.
  await submitLogin(page, 'p-mori', kPassword)
  await page.getByRole('button', { name: 'Log out' }).waitFor()
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/session/language') && r.ok())
  await page.getByRole('button', { name: '日本語' }).click()
  await saved
  await page.getByRole('button', { name: 'ログアウト' }).click()
  await page.evaluate(() => localStorage.setItem('sokuo.lang', 'en')) // another device's choice
  await page.reload()
  await page.getByRole('button', { name: 'Log in' }).waitFor()
  await submitLogin(page, 'p-mori', kPassword)
  await page.getByRole('button', { name: 'ログアウト' }).waitFor()
  check((await page.evaluate(() => document.documentElement.lang)) === 'ja', "the account's language was not applied")
  // A one-time password changed while the server is busy with logins: the new password is set,
  // the login with it is answered 503 once (auth.busy, as a flood of logins makes it), and the
  // page waits and logs in again rather than asking to change the password a second time.
  await page.getByRole('button', { name: 'ログアウト' }).click()
  let posts = 0
  await page.route('**/api/v1/session', (route) => {
    if (route.request().method() !== 'POST' || ++posts !== 2) return route.continue()
    return route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      headers: { 'Retry-After': '2' },
      body: JSON.stringify({ code: 'auth.busy', status: 503, title: 'Service Unavailable', detail: 'ログインが集中しています' }),
    })
  })
  await submitLogin(page, 'p-takahashi', otp)
  await page.locator('input[autocomplete=new-password]').fill('a new password for takahashi')
  await page.locator('input[name=password]').fill(otp)
  await page.locator('button[type=submit]').click()
  await page.locator('a.button.primary').waitFor({ timeout: 20000 }) // the dashboard
  check(posts === 3, `the login with the new password was tried ${posts - 1} times, not twice`)
  await page.unroute('**/api/v1/session')
  const missing = await missingCodes(page)
  check(missing.length === 0, `codes the catalog lacks: ${missing.join(', ')}`)
  check(failures.length === 0, `${failures.length} problems:\n  ${failures.join('\n  ')}`)
  check(problems.length === 0, `errors in the page: ${problems.join('; ')}`)
  console.log(`ok: ${walked} pages walked in Japanese and English, no code missing, no word of the other language, no serious accessibility violation`)
} catch (e) {
  console.error(`FAILED: ${e.stack ?? e}`)
  process.exitCode = 1
} finally {
  if (b) await b.close()
  await sokuo.stop()
}

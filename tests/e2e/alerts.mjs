// Detection through the interface (G4.2.3), in Japanese: syslog lines from fs01 (the file server
// of the example company) are posted to the ingestion API from the page of 藤田, a member of the
// IS department — a new local account, then a brute force from 203.0.113.7 that ends in a
// login. The alerts page lists the two open alerts (medium: the policy leaves them to the IS
// department) and the critical one that the policy made an incident by itself. 藤田 reads the
// new account's alert (its matched line highlighted, the rule's author), dismisses the brute
// force (an empty reason is refused) and makes the new account an incident, which follows to
// the incident's page. The rules page lists the rules with their authors, the policy and the
// ingestion counters, in Japanese and in English. A member of sales sees neither the link nor
// the alerts. What the pages recorded is read back with the API and the CLI.
import { join } from 'node:path'
import { browser, check, logIn, logOut, missingCodes, shots, Sokuo } from './harness.mjs'

const kPassword = 'correct horse battery staple'
const kMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const sokuo = new Sokuo(process.argv[2])
let b

// RFC 3164 lines from fs01, `seconds` apart and ending a minute ago on the organization's clock
// (Asia/Tokyo: a syslog line names neither its year nor its zone).
function syslog(messages) {
  const start = Date.now() + 9 * 3600000 - 60000 - messages.length * 1000
  return messages.map((m, i) => {
    const t = new Date(start + i * 1000)
    const day = String(t.getUTCDate()).padStart(2, ' ')
    return `${kMonths[t.getUTCMonth()]} ${day} ${t.toISOString().slice(11, 19)} fs01 ${m}`
  })
}

// The lines the page shows that are not in `lang`'s script: Japanese left on an English page.
// What the organization or a rule's author wrote (class "data") is theirs, in their language.
async function japaneseLeft(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main *:not(.data):not(.data *)')]
      .flatMap((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent.trim()))
      .filter((text) => /[\u3040-\u30ff\u3400-\u9fff]/.test(text)),
  )
}

// The value of the row labelled `label` in a list of facts.
async function fact(page, label) {
  return page.locator('.facts > div').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd').first().innerText()
}

// The alerts list, reached from the menu, in `state`, once it counts `total` alerts.
async function listed(page, state, total) {
  await page.goto(`${sokuo.url}/#/`)
  await page.getByRole('link', { name: 'アラート', exact: true }).click()
  await page.getByLabel('状態').selectOption({ label: state })
  await (total ? page.getByText(`${total} 件中 1–${total} 件`) : page.locator('main p.none')).waitFor()
  return page.locator('table.alerts tbody tr')
}

try {
  await sokuo.start()
  for (const p of ['p-fujita', 'p-takahashi']) sokuo.accountWithPassword(p, kPassword)
  // The alerts as the API has them, read with 藤田's token beside the page.
  const token = JSON.parse(sokuo.cli('--json', 'user', 'token', 'p-fujita', '--name', 'e2e')).token
  const read = async () => {
    const r = await fetch(`${sokuo.url}/api/v1/alerts?limit=200`, { headers: { Authorization: `Bearer ${token}` } })
    check(r.ok, `GET /alerts: ${r.status}`)
    return (await r.json()).items
  }
  b = await browser({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })
  const page = b.page
  page.setDefaultTimeout(10000)
  const problems = []
  page.on('pageerror', (e) => problems.push(String(e)))

  // Before anything arrives: the link, and the empty list.
  await logIn(page, sokuo.url, 'p-fujita', kPassword)
  await page.getByRole('link', { name: 'アラート', exact: true }).click()
  await page.getByRole('heading', { name: 'アラート', level: 1 }).waitFor()
  await page.getByText('未対応のアラートはありません').waitFor()

  // The lines, as a sender posts them (the session's cookie and CSRF token).
  const lines = syslog([
    'useradd[1234]: new user: name=backdoor, UID=1001, GID=1001, home=/home/backdoor, shell=/bin/bash',
    ...Array(12).fill('sshd[99]: Failed password for invalid user admin from 203.0.113.7 port 4711 ssh2'),
    'sshd[99]: Accepted password for alice from 203.0.113.7 port 4712 ssh2',
  ])
  const posted = await page.evaluate(async (body) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('sokuo_csrf=')).slice(11))
    const r = await fetch('/api/v1/ingest?format=syslog', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-CSRF-Token': csrf },
      body,
    })
    return { status: r.status, body: await r.json() }
  }, `${lines.join('\n')}\n`)
  check(posted.status === 202 && posted.body.accepted === 14, `ingest: ${JSON.stringify(posted)}`)
  // The lines are run within about a second; the policy then makes the critical one part of an
  // incident (its own step, just after the alert is stored).
  let alerts = []
  const find = (title) => alerts.find((a) => a.rule.title === title)
  const settled = () =>
    alerts.length >= 3 && find('SSH login after a brute force from the same address')?.state === 'incident'
  for (let i = 0; i < 100 && !settled(); ++i) {
    await page.waitForTimeout(100)
    alerts = await read()
  }
  const account = find('New local user or group')
  const brute = find('SSH brute force from one address')
  const login = find('SSH login after a brute force from the same address')
  check(account && brute && login, `alerts: ${alerts.map((a) => `${a.key} ${a.rule.title} ${a.state}`).join('; ')}`)
  check(login.state === 'incident' && /^INC-\d{4}-\d{4,}$/.test(login.incident ?? ''), `the critical alert is ${login.state}`)

  // The list: the two open ones by default, the medium level and the group of each.
  let rows = await listed(page, '未対応', 2)
  check((await rows.count()) === 2, `${await rows.count()} open alerts listed`)
  const table = await page.locator('table.alerts').innerText()
  for (const text of ['New local user or group', 'SSH brute force from one address', 'host=fs01', 'src_ip=203.0.113.7', '中', '1 回']) {
    check(table.includes(text), `the open alerts do not show "${text}":\n${table}`)
  }
  // The one the policy made an incident, with its incident.
  rows = await listed(page, 'インシデント化', 1)
  check((await rows.count()) === 1, `${await rows.count()} alerts made incidents`)
  check((await rows.first().innerText()).includes('重大'), 'the critical alert is not marked critical')
  await rows.first().getByRole('link', { name: login.incident }).waitFor()
  // By level and by a search, over every state.
  await page.getByLabel('状態').selectOption({ label: 'すべて' })
  await page.getByText('3 件中 1–3 件').waitFor()
  await page.getByLabel('レベル').selectOption({ label: '高以上' })
  await page.getByText('1 件中 1–1 件').waitFor()
  check((await rows.first().innerText()).includes('SSH login after a brute force'), 'the level filter does not keep the critical alert')
  await page.getByLabel('レベル').selectOption({ label: 'すべて' })
  await page.getByText('3 件中 1–3 件').waitFor()
  await page.getByRole('searchbox').fill('brute')
  await page.getByRole('button', { name: '検索', exact: true }).click()
  await page.getByText('2 件中 1–2 件').waitFor()
  check(!(await page.locator('table.alerts').innerText()).includes('New local user'), 'the search finds the new account')
  await page.screenshot({ path: join(shots(), 'alerts-list-ja.png'), fullPage: true })

  // The new account: the rule, its author, the matched line highlighted.
  await page.goto(`${sokuo.url}/#/alerts/${account.key}`)
  await page.getByRole('heading', { name: `${account.key} New local user or group` }).waitFor()
  check((await fact(page, '作成者')) === 'sokuo', 'the rule author is not shown')
  check((await fact(page, 'ホスト')) === 'fs01', 'the host is not shown')
  check((await fact(page, 'グループ')) === 'host=fs01', 'the group is not shown')
  const matched = page.locator('ol.log li.matched')
  check((await matched.count()) === 1, `${await matched.count()} matched lines highlighted`)
  check((await matched.innerText()).includes(lines[0]), `the matched line is not the useradd line: ${await matched.innerText()}`)
  check((await matched.locator('code').evaluate((e) => getComputedStyle(e).fontFamily)).includes('monospace'), 'the line is not monospace')
  await page.screenshot({ path: join(shots(), 'alert-ja.png'), fullPage: true })

  // The brute force is dismissed: not without a reason.
  await page.goto(`${sokuo.url}/#/alerts/${brute.key}`)
  await page.getByRole('heading', { name: brute.key }).waitFor()
  check((await page.locator('ol.log li.matched').count()) >= 10, 'the failures are not highlighted')
  const dismiss = page.locator('details.action').filter({ has: page.locator('summary', { hasText: '却下する' }) })
  await dismiss.locator('summary').click()
  const reason = dismiss.getByLabel('却下する理由')
  await dismiss.getByRole('button', { name: '却下する', exact: true }).click()
  check(await reason.evaluate((e) => e.validity.valueMissing), 'an empty reason is not asked for')
  await reason.fill('   ')
  await dismiss.getByRole('button', { name: '却下する', exact: true }).click()
  const refusal = await dismiss.getByRole('alert').innerText()
  check(refusal.includes('却下する理由を書いてください'), `not the refusal of an empty reason: ${refusal}`)
  check((await reason.getAttribute('aria-invalid')) === 'true', 'the reason is not marked')
  await reason.fill('社内の脆弱性診断（予定された作業）')
  await dismiss.getByRole('button', { name: '却下する', exact: true }).click()
  await page.locator('.badge.state.dismissed').waitFor()
  check((await fact(page, '理由')) === '社内の脆弱性診断（予定された作業）', 'the reason is not shown')
  check((await fact(page, '判断した人')) === '藤田 彩', 'who dismissed it is not shown')
  check((await page.locator('details.action').count()) === 0, 'a dismissed alert still offers actions')

  // The new account becomes an incident; its link leads there.
  await page.goto(`${sokuo.url}/#/alerts/${account.key}`)
  const promote = page.locator('details.action').filter({ has: page.locator('summary', { hasText: 'インシデントにする' }) })
  await promote.locator('summary').click()
  await promote.getByLabel('メモ').fill('依頼のないアカウント。変更管理に記録なし')
  await promote.getByRole('button', { name: 'インシデントにする', exact: true }).click()
  const open = page.getByRole('link', { name: /^インシデント INC-\d{4}-\d{4,} を開く$/ })
  await open.waitFor()
  const key = (await open.innerText()).match(/INC-\d{4}-\d{4,}/)[0]
  check(key !== login.incident, 'the new account joined the brute force incident')
  check((await fact(page, 'バックドア確認')).includes('追加されたユーザー'), 'the backdoor item is not shown')
  await open.click()
  await page.getByRole('heading', { name: key }).waitFor()
  const inc = sokuo.incident(key)
  check(inc.title.startsWith('New local user or group') && inc.systems.includes('file-server'), `incident: ${inc.title} ${inc.systems}`)
  check(inc.summary.includes('依頼のないアカウント'), 'the note is not in the summary')
  check(inc.evidence.some((e) => e.name === `${account.key}.log`), 'the lines are not kept as evidence')
  const decided = await read()
  check(decided.find((a) => a.key === brute.key).reason === '社内の脆弱性診断（予定された作業）', 'the dismissal was not recorded')
  check(decided.find((a) => a.key === account.key).decided_by === 'p-fujita', 'the promotion was not recorded')

  // The alert the policy decided says so, with its incident.
  await page.goto(`${sokuo.url}/#/alerts/${login.key}`)
  await page.getByRole('link', { name: `インシデント ${login.incident} を開く` }).waitFor()
  check((await fact(page, '判断した人')) === 'アラートの方針（自動）', 'the policy is not named as the decider')
  rows = await listed(page, '未対応', 0)
  check((await rows.count()) === 0 && (await page.getByText('未対応のアラートはありません').count()) === 1, 'decided alerts are still open')

  // The rules: each with its author, the policy, the counters.
  await page.getByRole('link', { name: '検知ルールとログの取り込み状況' }).click()
  await page.getByRole('heading', { name: '検知ルール', level: 1 }).waitFor()
  const rule = page.locator('table.rules tr').filter({ hasText: 'New local user or group' })
  check((await rule.innerText()).includes('sokuo') && (await rule.innerText()).includes('アラートにする'), `the rule row: ${await rule.innerText()}`)
  const base = page.locator('table.rules tr').filter({ hasText: 'Failed logins (SSH or PAM)' })
  check((await base.innerText()).includes('相関ルールの材料'), 'the base rule of a correlation is not said to feed it')
  const critical = page.locator('table.rules tr').filter({ hasText: 'SSH login after a brute force' })
  check((await critical.innerText()).includes('インシデントにする'), 'the critical rule does not open an incident')
  const main = await page.locator('main').innerText()
  check(/読み込んだルール（\d+ 件）/.test(main) && main.includes('すべて読み込みました'), 'the rules or their problems are not counted')
  check(main.includes('レベル「高」以上のアラートは自動でインシデントになります'), 'the policy is not shown')
  check(main.includes('24 時間'), 'the window is not shown')
  const received = Number((await fact(page, '受け付けた行')).replace(/,/g, ''))
  check(received >= 14, `received ${received}`)
  check(Number(await fact(page, '拒否した行（待ち行列が満杯）')) === 0, 'lines were refused')
  await page.screenshot({ path: join(shots(), 'rules-ja.png'), fullPage: true })

  // In English: the same page, no Japanese left but what the organization wrote.
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('heading', { name: 'Detection rules', level: 1 }).waitFor()
  const english = await page.locator('main').innerText()
  check(english.includes('Alerts of level High or above become incidents by themselves'), 'the policy is not in English')
  check(english.includes('Lines received') && english.includes('Opens an incident'), 'the counters or actions are not in English')
  const left = await japaneseLeft(page)
  check(left.length === 0, `Japanese left on the English rules page: ${left.join(' | ')}`)
  await page.screenshot({ path: join(shots(), 'rules-en.png'), fullPage: true })
  await page.goto(`${sokuo.url}/#/alerts/${brute.key}`)
  await page.getByText('Decided by').waitFor()
  const leftAlert = await japaneseLeft(page)
  check(leftAlert.length === 0, `Japanese left on the English alert page: ${leftAlert.join(' | ')}`)
  await page.getByRole('button', { name: '日本語' }).click()
  await page.getByText('判断した人').waitFor()

  // A phone: nothing wider than the screen, the lines wrapped.
  await page.setViewportSize({ width: 360, height: 740 })
  for (const hash of ['#/alerts', `#/alerts/${brute.key}`, '#/rules']) {
    await page.goto(`${sokuo.url}/${hash}`)
    await page.locator('main h1').waitFor()
    await page.waitForTimeout(200)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    check(width <= 360, `${hash}: ${width} px wide on a 360 px phone`)
  }
  await page.goto(`${sokuo.url}/#/alerts/${brute.key}`)
  await page.locator('ol.log li.matched').first().waitFor()
  await page.screenshot({ path: join(shots(), 'alert-phone.png'), fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  const missing = await missingCodes(page)
  check(missing.length === 0, `codes the catalog lacks: ${missing.join(', ')}`)
  await logOut(page)

  // A member of sales: no link, and the server's refusal at the address.
  await logIn(page, sokuo.url, 'p-takahashi', kPassword)
  check((await page.getByRole('link', { name: 'アラート', exact: true }).count()) === 0, 'sales is offered the alerts')
  await page.goto(`${sokuo.url}/#/alerts/${account.key}`)
  const refused = await page.getByRole('alert').innerText()
  check(refused.includes('アラートを扱えるのは'), `not the refusal: ${refused}`)
  check(!(await page.locator('main').innerText()).includes('backdoor'), 'the alert is shown to sales')
  check(problems.length === 0, `errors in the page: ${problems.join('; ')}`)
  console.log(`ok: ${alerts.length} alerts from ${lines.length} syslog lines; ${brute.key} dismissed, ${account.key} made ${key}, ${login.key} made ${login.incident} by the policy; rules and counters in Japanese and English`)
} catch (e) {
  console.error(`FAILED: ${e.stack ?? e}`)
  process.exitCode = 1
} finally {
  if (b) await b.close()
  await sokuo.stop()
}

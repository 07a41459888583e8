// Routine controls through the interface (G4.1, G4.2), in Japanese: the example company's
// catalog comes round as the server starts. 藤田 of the IS department opens 定常業務 from the
// menu: what is due (the monthly review of user-management settings among it; the daily virus
// check marked as recorded by scan results, with no form), and the catalog with each control's
// next start. Findings without a note are refused; findings with a note and the evidence are
// recorded and open an incident with one click. The compliance page counts the review for the
// IS department, and fs01's account listing is reviewed on the control's page. 高橋 of sales may
// read the controls but not record the IS department's work.
// What the pages recorded is read back with the CLI.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { browser, check, logIn, logOut, missingCodes, shots, Sokuo } from './harness.mjs'

const kPassword = 'correct horse battery staple'
const kReview = '利用者管理設定の点検'
const sokuo = new Sokuo(process.argv[2])
let b

// The form headed `title` inside the occurrence of `name`: opened, filled by `fill`, sent.
// Returns the refusal's text, or '' once the server took it.
async function record(page, name, title, fill) {
  const item = page.locator('li.occurrence').filter({ hasText: name }).first()
  const form = item.locator('details.action').filter({ has: page.locator('summary', { hasText: title }) })
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click()
  await fill(form)
  await form.getByRole('button', { name: title, exact: true }).click()
  for (let i = 0; i < 200; ++i) {
    // allInnerTexts does not wait: the list reloads once the server took the record, and the
    // form may be gone between two reads.
    const refusals = await form.locator('[role=alert]').allInnerTexts()
    if (refusals.length) return refusals.join(' ')
    if ((await item.count()) === 0 || (await form.count()) === 0) return ''
    if ((await form.getByRole('status').allInnerTexts()).some((s) => s.includes('記録しました'))) return ''
    await page.waitForTimeout(50)
  }
  throw new Error(`${title}: no answer`)
}

try {
  await sokuo.start()
  for (const p of ['p-fujita', 'p-takahashi']) sokuo.accountWithPassword(p, kPassword)
  b = await browser({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })
  const page = b.page
  page.setDefaultTimeout(10000)
  const problems = []
  page.on('pageerror', (e) => problems.push(String(e)))

  await logIn(page, sokuo.url, 'p-fujita', kPassword)
  await page.getByRole('link', { name: '定常業務', exact: true }).click()
  await page.getByRole('heading', { name: '定常業務（予防・検知）', level: 1 }).waitFor()
  // The server made the occurrences in progress when it started.
  const review = page.locator('li.occurrence').filter({ hasText: kReview })
  await review.first().waitFor()
  const scan = page.locator('li.occurrence').filter({ hasText: 'ウイルスチェック(毎日)' })
  await scan.first().waitFor()
  check((await scan.first().innerText()).includes('ウイルススキャン結果で自動的に記録されます'), 'the scan is offered a form')
  check((await scan.first().locator('details.action').count()) === 0, 'the scan can be ticked by hand')
  const catalog = page.locator('table.controls tbody tr')
  await catalog.first().waitFor()
  check((await catalog.count()) === 13, `the catalog lists ${await catalog.count()} controls`)
  const g424 = await catalog.filter({ hasText: 'G4.2.4' }).innerText()
  check(g424.includes(kReview) && g424.includes('monthly') && g424.includes('情報システム部'), `G4.2.4 row: ${g424}`)
  // The month's calendar: today's virus check came round.
  const calendar = page.locator('section.control-calendar')
  await calendar.locator('dd').filter({ hasText: 'ウイルスチェック(毎日)' }).first().waitFor()
  await page.screenshot({ path: join(shots(), 'controls-ja.png'), fullPage: true })

  // Findings need a note: the server says so, and nothing is recorded.
  const refused = await record(page, kReview, '実施を記録', async (form) => {
    await form.getByLabel('結果').selectOption({ label: '指摘事項あり' })
    await form.getByLabel(/^証跡/).fill('AD と基幹システムのアカウント一覧')
  })
  check(refused.includes('指摘事項がある場合は内容をメモに書いてください'), `not the refusal: ${refused}`)
  const refusedAgain = await record(page, kReview, '実施を記録', async (form) => {
    await form.getByLabel(/^メモ/).fill('退職者 2 名のアカウントが残っていた')
  })
  check(refusedAgain === '', `refused: ${refusedAgain}`)

  // The control's history shows the record; the findings open an incident with one click.
  await page.goto(`${sokuo.url}/#/controls/user-settings-review`)
  await page.getByRole('heading', { name: kReview, level: 1 }).waitFor()
  const done = page.locator('li.occurrence').first()
  await done.getByText('退職者 2 名のアカウントが残っていた').waitFor()
  check((await done.innerText()).includes('藤田') || (await done.innerText()).includes('p-fujita'), 'who did it is not shown')
  await done.getByRole('button', { name: '指摘事項からインシデントを起票' }).click()
  await page.waitForURL(/#\/incidents\/INC-\d{4}-\d{4,}$/)
  const key = /INC-\d{4}-\d{4,}/.exec(page.url())[0]
  await page.getByText('定常業務「利用者管理設定の点検」での指摘事項').first().waitFor()
  const incident = sokuo.incident(key)
  check(incident.reporter_department === 'it-dept', `reported for ${incident.reporter_department}`)
  check(incident.summary.includes('退職者 2 名'), 'the note is not in the incident')

  // G4.2.4: fs01's accounts, uploaded as a file on the review's page; an account nobody in the
  // organization holds, with sudo, is named.
  await page.goto(`${sokuo.url}/#/controls/user-settings-review`)
  const reviewed = page.locator('li.occurrence').first()
  const upload = reviewed.locator('details.action').filter({ has: page.locator('summary', { hasText: 'アカウント一覧を点検' }) })
  await upload.locator('summary').click()
  await upload.getByLabel('ホスト（またはシステム）').fill('fs01')
  await upload.getByLabel(/^一覧のファイル/).setInputFiles({
    name: 'fs01.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('root:x:0:0:root:/root:/bin/bash\nghost:x:1005:1005::/home/ghost:/bin/bash\nroot:x:0:\nsudo:x:27:ghost\n'),
  })
  await upload.getByRole('button', { name: 'アカウント一覧を点検', exact: true }).click()
  const account = reviewed.locator('section.account-review')
  await account.getByText('fs01 のアカウント点検').waitFor()
  const accountText = await account.innerText()
  check(accountText.includes('アカウント 2 件') && accountText.includes('ghost'), `the review shows: ${accountText}`)
  await page.screenshot({ path: join(shots(), 'account-review-ja.png'), fullPage: true })

  // Compliance: the review is counted for the IS department.
  await page.goto(`${sokuo.url}/#/compliance`)
  await page.getByRole('heading', { name: '定常業務の実施状況', level: 1 }).waitFor()
  // From the first of this month (Tokyo), so that this month's review is in the period on any day.
  const first = `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date()).slice(0, 7)}-01`
  await page.getByLabel('開始日').fill(first)
  const row = page.locator('table.compliance').first().locator('tr').filter({ hasText: kReview })
  let cells = []
  for (let i = 0; i < 100; ++i) {
    cells = await row.locator('td').allInnerTexts()
    if (Number(cells[1]) + Number(cells[2]) === 1) break
    await page.waitForTimeout(50)
  }
  check(Number(cells[1]) + Number(cells[2]) === 1, `the review is not counted as done: ${cells.join(' | ')}`)
  await page.screenshot({ path: join(shots(), 'compliance-ja.png'), fullPage: true })

  // The daily virus check: today's scan per host, and the hosts with none; web01's scan comes
  // in (sent with the CLI, as a host's cron job sends it over the API) and shows.
  await page.goto(`${sokuo.url}/#/controls/virus-scan`)
  await page.getByRole('heading', { name: /のウイルススキャン（ホストごと）$/, level: 2 }).waitFor()
  await page.getByText(/^完了したスキャンのないホスト: dc01, dc02, web01, web02, fs01, fs02$/).waitFor()
  const scanFile = join(sokuo.dir, 'scan.txt')
  writeFileSync(
    scanFile,
    '/srv/a.txt: OK\n\n----------- SCAN SUMMARY -----------\nKnown viruses: 8697412\nEngine version: 1.4.6\n' +
      'Scanned directories: 1\nScanned files: 1234\nInfected files: 0\nData scanned: 0.00 MB\n' +
      'Data read: 0.00 MB (ratio 0.00:1)\nTime: 0.051 sec (0 m 0 s)\n',
  )
  sokuo.cli('control', 'scan', '--host', 'web01', scanFile)
  await page.reload()
  const web01 = page.locator('table.scans tbody tr').filter({ hasText: 'web01' })
  await web01.getByText('1234').waitFor()
  await page.getByText(/^完了したスキャンのないホスト: dc01, dc02, web02, fs01, fs02$/).waitFor()

  // A phone: nothing wider than the screen.
  await page.setViewportSize({ width: 360, height: 740 })
  for (const hash of ['#/controls', '#/compliance', '#/controls/user-settings-review', '#/controls/virus-scan']) {
    await page.goto(`${sokuo.url}/${hash}`)
    await page.locator('main h1').waitFor()
    await page.waitForTimeout(300)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    check(width <= 360, `${hash}: ${width} px wide on a 360 px phone`)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
  // English: the page's own words change; the organization's stay as written.
  await page.goto(`${sokuo.url}/#/controls`)
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('heading', { name: 'Routine controls (prevention and detection)', level: 1 }).waitFor()
  await page.getByText('Review of user-management settings').first().waitFor()
  const missing = await missingCodes(page)
  check(missing.length === 0, `codes the catalog lacks: ${missing.join(', ')}`)
  await page.getByRole('button', { name: '日本語' }).click()
  await page.getByRole('heading', { name: '定常業務（予防・検知）', level: 1 }).waitFor()
  await logOut(page)

  // Sales reads the controls but may not record the IS department's work.
  await logIn(page, sokuo.url, 'p-takahashi', kPassword)
  await page.getByRole('link', { name: '定常業務', exact: true }).click()
  await page.locator('li.occurrence').filter({ hasText: 'アクセスログの点検' }).first().waitFor()
  const notMine = await record(page, 'アクセスログの点検', '実施を記録', async (form) => {
    await form.getByLabel(/^証跡/).fill('x')
  })
  check(notMine.includes('この定常業務を記録できるのは'), `not the refusal: ${notMine}`)
  check(problems.length === 0, `errors in the page: ${problems.join('; ')}`)

  // The CLI reads what the pages recorded.
  const history = JSON.parse(sokuo.cli('--json', 'control', 'due', '--all', '--control', 'user-settings-review'))
  const recorded = history.items.find((o) => o.done)
  check(recorded && recorded.done_by === 'p-fujita' && recorded.result === 'findings', `recorded: ${JSON.stringify(recorded)}`)
  check(recorded.incident === key, `the occurrence names ${recorded.incident}, not ${key}`)
  console.log(`ok: ${await catalog.count()} controls; ${recorded.id} recorded with findings and opened ${key}; compliance counted; sales refused`)
} catch (e) {
  console.error(`FAILED: ${e.stack ?? e}`)
  process.exitCode = 1
} finally {
  if (b) await b.close()
  await sokuo.stop()
}

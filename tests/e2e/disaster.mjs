// A large-scale disaster run through the interface alone, in Japanese (G5.2): the IS department's
// head (森) declares an earthquake at the head office from the disasters page; HR (林) records on
// the board that the head office has no power and that the utility expects it back in 6 hours;
// 森 answers the roll call for his department on a phone (half of them can work). The board then
// shows the survey with what is still unknown, the unfilled action-plan roles, a plan that starts
// with power and then the core network, and a version of the plan for every change. What the
// pages recorded is read back with the CLI.
import { join } from 'node:path'
import { act, browser, check, logIn, logOut, missingCodes, shots, Sokuo } from './harness.mjs'

const kPassword = 'correct horse battery staple'
const sokuo = new Sokuo(process.argv[2])
let desk
let phone

// "YYYY-MM-DDTHH:MM" in Tokyo, `hours` from now: what a datetime-local input takes.
function tokyoIn(hours) {
  const t = new Date(Date.now() + hours * 3600000 + 9 * 3600000)
  return t.toISOString().slice(0, 16)
}

try {
  await sokuo.start()
  for (const p of ['p-mori', 'p-hayashi']) sokuo.accountWithPassword(p, kPassword)
  desk = await browser({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })
  const page = desk.page
  page.setDefaultTimeout(10000)
  const problems = []
  page.on('pageerror', (e) => problems.push(String(e)))

  // 森 declares the disaster.
  await logIn(page, sokuo.url, 'p-mori', kPassword)
  await page.getByRole('link', { name: '大規模災害', exact: true }).click()
  await page.getByText('宣言された災害はありません').waitFor()
  const declare = page.locator('details.action').filter({ has: page.locator('summary', { hasText: '大規模災害を宣言する' }) })
  await declare.locator('summary').click()
  await declare.getByLabel('件名').fill('本社 震度6強')
  await declare.getByLabel('種別').selectOption('earthquake')
  await declare.getByLabel('被災拠点').fill('本社、川崎倉庫')
  await declare.getByRole('button', { name: '大規模災害を宣言する', exact: true }).click()
  const heading = page.getByRole('heading', { level: 1 })
  await heading.filter({ hasText: '本社 震度6強' }).waitFor()
  const key = (await heading.innerText()).split(' ')[0]
  check(/^DIS-\d{4}-0001$/.test(key), `the board is headed ${key}`)
  await logOut(page)

  // 林 (HR) records the head office's power and the utility's estimate.
  await logIn(page, sokuo.url, 'p-hayashi', kPassword)
  await page.goto(`${sokuo.url}/#/disasters/${key}`)
  await heading.filter({ hasText: key }).waitFor()
  await act(page, '被害状況を記録する', async (f) => {
    await f.getByLabel('部署').selectOption('hr-admin')
    await f.getByLabel('項目').selectOption('power')
    await f.getByLabel('状態').selectOption('down')
    await f.getByLabel('拠点').fill('本社')
  })
  await act(page, '復旧状況を記録する', async (f) => {
    await f.getByLabel('システム').selectOption('power-hq')
    await f.getByLabel('状態').selectOption('down')
    await f.getByLabel('復旧目処').fill(tokyoIn(6))
  })
  await page.locator('td.survey-down').first().waitFor()
  await logOut(page)

  // 森 answers the roll call on his phone, from the page his message links to.
  phone = await browser({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true, hasTouch: true })
  const mobile = phone.page
  mobile.setDefaultTimeout(10000)
  mobile.on('pageerror', (e) => problems.push(String(e)))
  await logIn(mobile, sokuo.url, 'p-mori', kPassword)
  await mobile.goto(`${sokuo.url}/#/disasters/${key}/rollcall`)
  const rollcall = mobile.locator('details.action').filter({ has: mobile.locator('summary', { hasText: '稼働確認を記録する' }) })
  check((await rollcall.getAttribute('open')) !== null, 'the roll-call form is not open on the rollcall page')
  const box = await rollcall.getByRole('button', { name: '稼働確認を記録する' }).boundingBox()
  check(box && box.x >= 0 && box.x + box.width <= 390, 'the roll-call button is off the phone screen')
  for (const [person, can] of [['p-mori', 'true'], ['p-nakamura', 'true'], ['p-ogawa', 'true'], ['p-endo', 'false'], ['p-kato', 'false'], ['p-fujita', 'false']]) {
    await act(mobile, '稼働確認を記録する', async (f) => {
      await f.getByLabel('氏名').selectOption(person)
      await f.getByLabel('稼働できるか').selectOption(can)
    })
  }
  await mobile.screenshot({ path: join(shots(), 'disaster-rollcall-phone.png') })

  // The board, followed live on the desk.
  await logIn(page, sokuo.url, 'p-mori', kPassword)
  await page.goto(`${sokuo.url}/#/disasters/${key}`)
  await page.locator('table.plan tbody tr').first().waitFor()
  // Power first (the head office's from the utility, the data centre's not surveyed yet), then
  // the core network.
  const rows = await page.locator('table.plan tbody tr').allInnerTexts()
  const core = rows.findIndex((r) => r.includes('基幹ネットワーク'))
  check(rows[0].includes('本社 電源'), `the plan starts with ${rows[0]}`)
  check(core > 0 && rows.slice(0, core).every((r) => r.includes('電源')), `the plan: ${rows.slice(0, 4).join(' / ')}`)
  check(await page.getByText(/未確認の項目が \d+ 件あります/).isVisible(), 'the unknown cells are not counted')
  check((await page.locator('li.unfilled').count()) > 0, 'no unfilled action-plan role is shown')
  // What cannot be planned is said, with why: nobody who can work knows the directory.
  const unplanned = await page.locator('section[aria-labelledby=plan] ul.records li').allInnerTexts()
  check(unplanned.some((u) => u.startsWith('認証基盤') && u.includes('スキル')), `unplanned: ${unplanned.join(' / ')}`)
  const versions = await page.locator('#versions + ul li').count()
  check(versions === 9, `${versions} plan versions shown, not 9`)
  await page.screenshot({ path: join(shots(), 'disaster-board.png'), fullPage: true })
  await page.screenshot({ path: join(shots(), 'disaster-board-top.png') })

  // G5: the disaster report, to print, from the board's link.
  const href = await page.getByRole('link', { name: /災害報告書を開く/ }).getAttribute('href')
  const printed = await page.request.get(new URL(href, page.url()).toString())
  const report = await printed.text()
  check(printed.ok() && report.includes(key) && report.includes('3. システムの復旧と目標復旧時間'), `the disaster report: ${printed.status()}`)
  const d = JSON.parse(sokuo.cli('--json', 'disaster', 'show', key))
  check(d.roll_call.length === 6 && d.roll_call.filter((a) => a.can_work).length === 3, 'the roll call')
  check(d.survey[0].department === 'hr-admin' && d.survey[0].surveyed_by === 'p-hayashi', 'the survey')
  check(d.progress[0].system === 'power-hq' && d.progress[0].eta, 'the progress')
  check(d.plans.length === 9, `${d.plans.length} plan versions kept`)
  check((await missingCodes(page)).length === 0, `codes missing: ${await missingCodes(page)}`)
  check((await missingCodes(mobile)).length === 0, `codes missing on the phone: ${await missingCodes(mobile)}`)
  check(problems.length === 0, `errors in the page: ${problems.join('; ')}`)
  console.log(`ok: ${key} declared, surveyed, answered on a phone and planned in the interface`)
} catch (e) {
  console.error(`FAILED: ${e.stack ?? e}`)
  process.exitCode = 1
} finally {
  if (phone) await phone.close()
  if (desk) await desk.close()
  await sokuo.stop()
}

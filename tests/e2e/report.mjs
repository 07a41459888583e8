// A member of the sales department sees a ransom note at night and reports it from a phone
// (390×844), in Japanese, through the real interface: logs in with the one-time password the
// administrator gave, chooses their own, fills the report form and reads what happens next.
// Prints the time from the report page's load to the confirmation.
import { join } from 'node:path'
import { browser, check, shots, Sokuo } from './harness.mjs'

const sokuo = new Sokuo(process.argv[2])
let b
try {
  const url = await sokuo.start()
  const otp = sokuo.account('p-takahashi')
  b = await browser({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true })
  const page = b.page
  const problems = []
  page.on('pageerror', (e) => problems.push(String(e)))

  await page.goto(url + '/')
  await page.getByLabel('人物ID').fill('p-takahashi')
  await page.getByLabel('パスワード').fill(otp)
  await page.getByRole('button', { name: 'ログイン' }).click()
  // The one-time password is changed before anything else.
  await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor()
  await page.getByLabel('仮パスワード').fill(otp)
  await page.getByLabel('新しいパスワード').fill('夜間でも落ち着いて報告する')
  await page.getByRole('button', { name: '変更してログイン' }).click()
  // The first page offers the report before anything else.
  await page.getByRole('link', { name: '緊急事態を報告する', exact: true }).click()

  await page.getByRole('heading', { name: '緊急事態を報告する' }).waitFor()
  const loaded = Date.now()
  await page.getByLabel('何が起きていますか').fill('画面に身代金を要求するメッセージが出ている')
  await page.getByLabel('どのシステムですか').selectOption('file-server')
  await page.getByLabel('端末・PCの名前や場所').fill('営業部 3階 窓側の共用PC')
  await page.getByLabel('あるかもしれない').check()
  await page.screenshot({ path: join(shots(), 'report-phone.png'), fullPage: true })
  await page.getByRole('button', { name: '報告する' }).click()
  const done = page.getByRole('heading', { name: /報告を受け付けました/ })
  await done.waitFor()
  const seconds = (Date.now() - loaded) / 1000
  const heading = await done.textContent()
  await page.screenshot({ path: join(shots(), 'report-done-phone.png'), fullPage: true })
  console.log(`report page load to confirmation: ${seconds.toFixed(2)} s`)

  const key = heading.match(/INC-\d{4}-\d{4,}/)?.[0]
  check(key, `no incident key in "${heading}"`)
  const text = await page.textContent('main')
  check(text.includes('情報システム部が内容を確認し'), 'the confirmation does not say what happens next')
  check(text.includes('知らせた相手'), 'the confirmation does not say who was told')
  check(text.includes('森 直樹') && !text.includes('p-mori'), 'the confirmation names people by their ids')
  // What was recorded, read back with the CLI.
  const incident = JSON.parse(sokuo.cli('--json', 'incident', 'show', key))
  check(incident.title === '画面に身代金を要求するメッセージが出ている', `title: ${incident.title}`)
  check(JSON.stringify(incident.systems) === '["file-server"]', `systems: ${incident.systems}`)
  check(incident.harm === 'possible', `harm: ${incident.harm}`)
  check(incident.reported_by === 'p-takahashi', `reported by ${incident.reported_by}`)
  check(incident.summary.includes('営業部 3階 窓側の共用PC'), `summary: ${incident.summary}`)
  check(problems.length === 0, `errors in the page: ${problems.join('; ')}`)
  console.log(`ok: ${key} reported from a 390×844 phone in Japanese`)
} catch (e) {
  console.error(`FAILED: ${e.stack ?? e}`)
  process.exitCode = 1
} finally {
  if (b) await b.close()
  await sokuo.stop()
}

// The backup site before the failover: a sokuo over a database that takes no writes (a standby
// not yet promoted) says so on every page, the login page first, in both languages, and a
// person can still log in there and read the incidents (the session is held by the server). The
// database is made read-only as a standby is (default_transaction_read_only, the same refusal),
// in the PostgreSQL cluster ctest starts for the tests.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { browser, check, logIn, missingCodes, shots, skip, Sokuo } from './harness.mjs'

const cluster = process.env.SOKUO_TEST_POSTGRES_DIR
if (!cluster) skip('no PostgreSQL for the tests: run them with ctest, which starts one')
let skipped = ''
try {
  skipped = readFileSync(join(cluster, 'skip'), 'utf8').trim()
} catch {
  // started
}
if (skipped) skip(skipped)
const database = `e2e_standby_${process.pid}`
const psql = (sql, db = 'postgres') =>
  execFileSync('psql', ['-q', '-X', '-v', 'ON_ERROR_STOP=1', '-c', sql,
    `host=${cluster} port=5432 user=postgres dbname=${db}`], { encoding: 'utf8' })
psql(`CREATE DATABASE ${database}`)

const sokuo = new Sokuo(process.argv[2], {
  store: `postgresql://postgres@/${database}?host=${encodeURIComponent(cluster)}&port=5432`,
})
let b
try {
  const url = await sokuo.start({
    beforeServe: () => {
      sokuo.accountWithPassword('p-mori', 'a password for the backup site')
      sokuo.cli('--as', 'p-mori', 'incident', 'report', '--title', '本社が浸水し基幹サーバーが停止')
      psql(`ALTER DATABASE ${database} SET default_transaction_read_only = on`)
    },
  })
  const health = await (await fetch(url + '/api/v1/health')).json()
  check(health.read_only === true, `health: ${JSON.stringify(health)}`)
  b = await browser({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true })
  const page = b.page
  const problems = []
  page.on('pageerror', (e) => problems.push(String(e)))
  await page.goto(url + '/')
  const banner = page.getByRole('status').filter({ hasText: 'このサーバーは読み取り専用です' })
  await banner.waitFor()
  check(await page.getByLabel('人物ID').isVisible(), 'the login form is there under the banner')
  await page.screenshot({ path: join(shots(), 'standby-phone.png'), fullPage: true })
  await logIn(page, url, 'p-mori', 'a password for the backup site')
  await page.goto(url + '/#/incidents')
  await page.getByText('本社が浸水し基幹サーバーが停止').waitFor()
  check(await banner.isVisible(), 'the banner stays after the login')
  await page.screenshot({ path: join(shots(), 'standby-logged-in-phone.png'), fullPage: true })
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('status').filter({ hasText: 'this server is read-only' }).waitFor()
  await page.waitForTimeout(500) // an answer to a save would have come by now
  check(await page.getByRole('alert').count() === 0, 'no error for the language kept on the device')
  check(problems.length === 0, `page errors: ${problems.join('; ')}`)
  const missing = await missingCodes(page)
  check(missing.length === 0, `codes missing from the catalog: ${missing.join(', ')}`)
  console.log('the backup site says it is read-only, in Japanese and in English, and serves a login')
} finally {
  if (b) await b.close()
  await sokuo.stop()
  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
}

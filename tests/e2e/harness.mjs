// What every browser test needs: a real `sokuo serve` on a temporary data directory with the
// example company, accounts made with the CLI, and Debian's Chromium driven by playwright-core
// (from web/node_modules). A test that cannot run here exits 77 (CTest's skip) and says why.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const kSkip = 77
const kChromium = '/usr/bin/chromium'

export function skip(reason) {
  console.log(`SKIPPED: ${reason}`)
  process.exit(kSkip)
}

export class Sokuo {
  // `store`: a PostgreSQL URL for the records instead of the data directory (its file `store`).
  constructor(binary, { store } = {}) {
    this.binary = binary
    this.dir = mkdtempSync(join(tmpdir(), 'sokuo-e2e-'))
    this.data = join(this.dir, 'data')
    if (store) {
      mkdirSync(this.data, { recursive: true })
      writeFileSync(join(this.data, 'store'), `${store}\n`)
    }
  }
  cli(...args) {
    return execFileSync(this.binary, ['--data', this.data, ...args], {
      encoding: 'utf8',
      env: { ...process.env, SOKUO_LANG: 'en' },
    })
  }
  // A new account with a one-time password, which the person changes at the first login.
  account(person) {
    return JSON.parse(this.cli('--json', 'user', 'add', person)).one_time_password
  }
  // An account with a password of its own, for a test that is not about the first login.
  // (The first administrator, made by `init`, has an account already: it gets the password.)
  accountWithPassword(person, password) {
    const file = join(this.dir, `password-${person}`)
    writeFileSync(file, `${password}\n`, { mode: 0o600 })
    const exists = JSON.parse(this.cli('--json', 'user', 'list')).items.some((a) => a.person === person)
    this.cli('user', exists ? 'passwd' : 'add', person, '--password-file', file)
  }
  // The incident as the server holds it (read with the CLI, not through the page).
  incident(key) {
    return JSON.parse(this.cli('--json', 'incident', 'show', key))
  }
  // `beforeServe` runs between init and serve.
  async start({ beforeServe } = {}) {
    this.cli('init', '--org', join(root, 'examples', 'org.yaml'))
    if (beforeServe) beforeServe()
    // The server's log goes to a file, shown when the test fails (serve.log).
    this.log = join(this.dir, 'serve.log')
    this.process = spawn(this.binary, ['--data', this.data, '--json', 'serve', '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', openSync(this.log, 'w')],
    })
    // The banner is one JSON document (with --json), maybe over several lines.
    this.url = await new Promise((resolve, reject) => {
      let out = ''
      this.process.stdout.on('data', (chunk) => {
        out += chunk
        try {
          resolve(JSON.parse(out).url)
        } catch {
          // not whole yet
        }
      })
      this.process.on('exit', (code) => reject(new Error(`sokuo serve exited with ${code}: ${readFileSync(this.log, 'utf8')}`)))
    })
    const page = await (await fetch(this.url + '/')).text()
    if (!page.includes('id="app"')) {
      await this.stop()
      skip('the binary was built without the web interface (scripts/build-web needs Node.js 20.19+)')
    }
    return this.url
  }
  async stop() {
    if (this.process && this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.on('exit', resolve))
      this.process.kill('SIGTERM')
      await exited
    }
    rmSync(this.dir, { recursive: true, force: true })
  }
}

// A fresh headless Chromium with the flags this machine needs (no network beyond localhost).
export async function browser(options) {
  if (!existsSync(kChromium)) skip(`no ${kChromium} (scripts/bootstrap installs the chromium package)`)
  const module = join(root, 'web', 'node_modules', 'playwright-core', 'index.mjs')
  if (!existsSync(module)) skip('web/node_modules is missing (scripts/build-web installs it)')
  const { chromium } = await import(pathToFileURL(module).href)
  const profile = mkdtempSync(join(tmpdir(), 'sokuo-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: kChromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  })
  const close = async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
  return { context, page: context.pages()[0] ?? (await context.newPage()), close }
}

// Where screenshots go: the test's output directory under the build tree.
export function shots() {
  const dir = process.env.SOKUO_E2E_OUT ?? join(root, 'build', 'e2e')
  mkdirSync(dir, { recursive: true })
  return dir
}

export function check(condition, message) {
  if (!condition) throw new Error(message)
}

// Logs in through the login page (Japanese) and waits for the first page.
export async function logIn(page, url, person, password) {
  await page.goto(url + '/#/')
  await page.getByLabel('人物ID').fill(person)
  await page.getByLabel('パスワード').fill(password)
  await page.getByRole('button', { name: 'ログイン' }).click()
  await page.getByRole('button', { name: 'ログアウト' }).waitFor()
}

export async function logOut(page) {
  await page.getByRole('button', { name: 'ログアウト' }).click()
  await page.getByRole('button', { name: 'ログイン' }).waitFor()
}

// The codes a page asked the catalog for and did not find (web/src/i18n.ts keeps them).
export async function missingCodes(page) {
  return page.evaluate(() => [...(globalThis.sokuoMissingCodes ?? [])])
}

// Opens the form headed `title`, lets `fill` fill it, sends it, and waits until the server took
// it (the form says so, or is no longer offered) or refused it (the refusal is the error).
export async function act(page, title, fill = async () => {}) {
  const form = page.locator('details.action').filter({ has: page.locator('summary', { hasText: title }) })
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click()
  await fill(form)
  await form.getByRole('button', { name: title, exact: true }).click()
  for (let i = 0; i < 200; ++i) {
    // allInnerTexts does not wait: the page may re-render the form between two reads.
    const refusals = await form.locator('[role=alert]').allInnerTexts()
    if (refusals.length) throw new Error(`${title}: refused: ${refusals.join(' ')}`)
    if ((await form.getByRole('status').allInnerTexts()).some((s) => s.includes('記録しました'))) return
    // A form that is offered only until it is used (the request for the committee) is gone once
    // the page reloads after the server took it; a refusal keeps the form, with its alert.
    if ((await form.count()) === 0) return
    await page.waitForTimeout(50)
  }
  throw new Error(`${title}: no answer`)
}

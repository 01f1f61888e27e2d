// Opens a notebook in Debian's classic Jupyter Notebook server with headless Debian Chromium,
// runs all cells from the menu, waits for the kernel, checks that every code cell ran without
// error and that every plot image loaded (natural width > 0), and saves a full-page screenshot.
//
// Environment: JUPYTER_PATH (with the mtl4j kernelspec), NOTEBOOK (path of the .ipynb),
// OUTPUT_DIR (for the screenshot). Prints a JSON summary; exits 1 on any failure.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { randomBytes } from "node:crypto";

const notebook = process.env.NOTEBOOK;
const output = process.env.OUTPUT_DIR;
const name = basename(notebook, ".ipynb");
const folder = mkdtempSync(join(tmpdir(), "mtl4j-browser-"));
copyFileSync(notebook, join(folder, basename(notebook)));  // the repository copy stays clean
mkdirSync(output, { recursive: true });

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const token = randomBytes(16).toString("hex");
const server = spawn("/usr/bin/python3", ["-m", "notebook", "--no-browser", "--allow-root",
  "--ip=127.0.0.1", `--port=${port}`, `--NotebookApp.token=${token}`,
  `--notebook-dir=${folder}`], { stdio: ["ignore", "ignore", "pipe"], env: process.env });
let serverLog = "";
server.stderr.on("data", (chunk) => { serverLog += chunk; });

const failures = [];
let browser;
try {
  await waitFor(() => serverLog.includes(`127.0.0.1:${port}`), 60_000, "notebook server start");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on("pageerror", (error) => failures.push(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${port}/notebooks/${basename(notebook)}?token=${token}`);
  await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 120_000 });
  await page.click("#celllink");
  await page.click("#run_all_cells");
  const cells = await page.locator(".code_cell").count();
  await page.waitForFunction(() =>
    document.querySelectorAll(".code_cell.running").length === 0
      && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null
      && [...document.querySelectorAll(".code_cell .input_prompt")]
        .every((p) => !p.textContent.includes("*")),
  null, { timeout: 600_000, polling: 500 });
  const state = await page.evaluate(() => ({
    unrun: [...document.querySelectorAll(".code_cell .input_prompt")]
      .filter((p) => !/\[\d+\]/.test(p.textContent)).length,
    errors: document.querySelectorAll(".output_error").length,
    images: [...document.querySelectorAll(".output_area img")]
      .map((img) => ({ complete: img.complete, width: img.naturalWidth })),
    height: document.querySelector("#notebook-container").scrollHeight,
  }));
  if (state.unrun > 0) failures.push(`${state.unrun} of ${cells} code cells did not run`);
  if (state.errors > 0) failures.push(`${state.errors} cells show an error`);
  if (state.images.length < 2) failures.push(`expected plots, found ${state.images.length}`);
  state.images.filter((i) => !(i.complete && i.width > 0))
    .forEach(() => failures.push("an image did not load"));
  await page.setViewportSize({ width: 1200, height: Math.min(state.height + 200, 30_000) });
  const screenshot = join(output, `${name}-browser.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ notebook: name, cells, ...state, screenshot, failures }));
} catch (error) {
  failures.push(String(error));
  console.log(JSON.stringify({ notebook: name, failures, serverLog: serverLog.slice(-2000) }));
} finally {
  if (browser) await browser.close();
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");  // the server shuts its kernels down
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  rmSync(folder, { recursive: true, force: true });
}
process.exit(failures.length === 0 ? 0 : 1);

async function waitFor(condition, timeout, what) {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

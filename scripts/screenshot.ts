// Screenshots of a running Sightline, e.g. for the README:
//
//   npx tsx scripts/screenshot.ts http://127.0.0.1:3000 /slos /slos/new /settings
//   npx tsx scripts/screenshot.ts --out docs/screenshots --width 1280 --height 800 --full http://127.0.0.1:3000 /slos
//
// Writes one PNG per path into --out (default tests/.tmp/screenshots), named after the path
// ("/slos/new" → slos-new.png, "/" → home.png). Uses Debian's Chromium through playwright-core;
// nothing is downloaded.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const usage = "usage: tsx scripts/screenshot.ts [--out DIR] [--width PX] [--height PX] [--full] BASE_URL PATH...";

const fileNameFor = (p: string) => `${p.replace(/[?#].*$/, "").replace(/^\/+|\/+$/g, "").replace(/[^a-zA-Z0-9]+/g, "-") || "home"}.png`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string", default: "tests/.tmp/screenshots" },
      width: { type: "string", default: "1440" },
      height: { type: "string", default: "900" },
      full: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [base, ...paths] = positionals;
  if (values.help || !base || paths.length === 0) {
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  const baseUrl = new URL(base);
  const width = Number(values.width);
  const height = Number(values.height);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 320 || height < 240) throw new Error("--width/--height must be whole pixels (at least 320x240)");

  await mkdir(values.out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    for (const p of paths) {
      const url = new URL(p, baseUrl).toString();
      const res = await page.goto(url, { waitUntil: "networkidle", timeout: 30_000 });
      // Client components fetch after hydration; wait until no loading region is left.
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 }).catch(() => {});
      const file = path.join(values.out, fileNameFor(p));
      await page.screenshot({ path: file, fullPage: values.full });
      console.log(`${res?.status() ?? "?"} ${url} -> ${file}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

// Local sign-in in a real browser (issue 20 item 5), the default mode: a page asks for sign-in,
// the admin signs in with the keyboard and lands back on that page, the header names them, sign-out
// ends it. Screenshots in tests/.tmp/screenshots for a human to look at.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.resolve(__dirname, "..", ".tmp", "screenshots");
const PASSWORD = "e2e-admin-password-42";

let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startAppServer({ env: { SIGHTLINE_AUTH: "local", SIGHTLINE_ADMIN_PASSWORD: PASSWORD } });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("sends a signed-out visitor to sign-in, back to the page after it, and out again", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${app.baseUrl}/dashboard?team=payments`);
  await page.waitForURL((u) => u.pathname === "/sign-in");
  expect(new URL(page.url()).searchParams.get("next")).toBe("/dashboard?team=payments");
  // Nothing of the app is offered before sign-in.
  expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);

  // A wrong password: said in words, in a live region, and the form stays.
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill("not-it");
  await page.keyboard.press("Enter");
  const status = page.locator("#sign-in-error");
  await expect.poll(() => status.innerText()).toContain("user name or password is not right");
  expect(await status.getAttribute("aria-live")).toBe("polite");
  await page.screenshot({ path: path.join(SHOTS, "sign-in-error.png") });

  await page.getByLabel("Password").fill(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === "/dashboard");
  expect(new URL(page.url()).searchParams.get("team")).toBe("payments");
  const menu = page.getByRole("group", { name: "Signed in" });
  await menu.getByText("admin", { exact: true }).first().waitFor();
  expect(await menu.getByTestId("user-role").innerText()).toBe("admin");
  const cookie = (await context.cookies()).find((c) => c.name === "sightline_session")!;
  expect([cookie.httpOnly, cookie.sameSite, cookie.secure]).toEqual([true, "Lax", false]);
  await page.screenshot({ path: path.join(SHOTS, "signed-in-header.png") });

  await menu.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname === "/sign-in");
  await page.getByText("You are signed out.").waitFor();
  expect((await context.cookies()).some((c) => c.name === "sightline_session")).toBe(false);
  await page.goto(`${app.baseUrl}/slos`);
  await page.waitForURL((u) => u.pathname === "/sign-in");
  await context.close();
});

import { expect, test } from "@playwright/test";
import { expectAccessible, expectBiroRegister, waitForHydration, watchForErrors } from "./helpers";

test("the register hydrates, switches language in place and keeps all 13 rows", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);

  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Tabel Pemetaan Potensi Benturan Kepentingan",
  );
  await expect(page.getByText("Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur")).toBeVisible();
  await expect(page.locator("thead th").nth(4)).toHaveText("Penyebab Utama");
  await expectBiroRegister(page);
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/register-desktop-id.png", fullPage: true });

  // Switching happens in the page, without a reload.
  await page.evaluate(() => ((window as any).__stillHere = true));
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Conflict of Interest Risk Mapping Table");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("thead th").nth(4)).toHaveText("Root Cause");
  await expect(page.getByTestId("register-summary")).toHaveText("3 sections · 13 risk rows");
  await expect(page.getByTestId("language-switch")).toContainText("Bahasa Indonesia");
  expect(await page.evaluate(() => (window as any).__stillHere)).toBe(true);
  await expectBiroRegister(page);
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/register-desktop-en.png", fullPage: true });

  // The choice is remembered by the server.
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator("thead th").nth(4)).toHaveText("Root Cause");
  await page.getByTestId("language-switch").click();
  await expect(page.locator("thead th").nth(4)).toHaveText("Penyebab Utama");

  expect(errors).toEqual([]);
});

test("on a phone the table scrolls sideways and its header stays visible", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await waitForHydration(page);
  await expectBiroRegister(page);
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/register-phone.png", fullPage: false });

  const scroller = page.locator(".table-scroll");
  const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeGreaterThan(100);
  const bodyOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(bodyOverflow).toBeLessThanOrEqual(0);

  const header = page.locator("thead th").first();
  const before = await header.boundingBox();
  await scroller.evaluate((el) => el.scrollTo(200, 600));
  const after = await header.boundingBox();
  expect(after?.y).toBeCloseTo(before?.y ?? -1, 0);
  await page.screenshot({ path: "screenshots/register-phone-scrolled.png" });
  expect(errors).toEqual([]);
});

test("an unknown address shows a 404 page", async ({ page }) => {
  // Only the page's own document may answer 404: a missing script or style would not pass.
  const errors = watchForErrors(page, { path: "/tidak-ada", status: 404 });
  const response = await page.goto("/tidak-ada");
  expect(response?.status()).toBe(404);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/not-found-desktop.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "screenshots/not-found-phone.png" });
  await page.getByRole("link", { name: "Kembali ke register" }).click();
  await expect(page.locator("table.official-table tbody tr")).toHaveCount(13);
  expect(errors).toEqual([]);
});

test("a register has its own address, and a malformed one is a 404 page", async ({ page }) => {
  const errors = watchForErrors(page, { path: "/register/abc/2026", status: 404 });
  await page.goto("/");
  await waitForHydration(page);
  const data = await page.evaluate(async () => (await fetch("/api/get_register")).json());
  await page.goto(`/register/${data.unit_id}/${data.year}`);
  await waitForHydration(page);
  await expectBiroRegister(page);
  const response = await page.goto("/register/abc/2026");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
  expect(errors).toEqual([]);
});

test("on a laptop the column header sticks to the top while the page scrolls", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.setViewportSize({ width: 1440, height: 800 });
  await page.goto("/");
  await waitForHydration(page);
  // Past the table's top, well into its rows.
  const top = (await page.locator("table.official-table").boundingBox())?.y ?? 0;
  await page.mouse.wheel(0, top + 300);
  await expect
    .poll(async () => (await page.locator("thead th").first().boundingBox())?.y ?? -1)
    .toBeCloseTo(0, 0);
  await expect(page.locator("thead th").nth(2)).toBeInViewport();
  await page.screenshot({ path: "screenshots/register-laptop-scrolled.png" });
  expect(errors).toEqual([]);
});

test("the browser keeps static files: the build's hashed files for good, the icon for a day", async ({ request }) => {
  const page = await (await request.get("/")).text();
  const wasm = page.match(/\/pkg\/benturan\.[\w-]+\.wasm/)?.[0];
  expect(wasm).toBeDefined();
  const asset = await request.get(wasm as string, { headers: { "accept-encoding": "br" } });
  expect(asset.status()).toBe(200);
  expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(asset.headers()["content-encoding"]).toBe("br");
  const icon = await request.get("/favicon.svg");
  expect(icon.headers()["cache-control"]).toBe("public, max-age=86400");
  // Pages are asked for again each time (their ETag answers cheaply).
  expect((await request.get("/")).headers()["cache-control"]).toBe("private, no-cache");
});

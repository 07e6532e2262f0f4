import { expect, test } from "@playwright/test";
import { expectAccessible, expectBiroRegister } from "./helpers";

test("without JavaScript the register is complete and the language form works", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Tabel Pemetaan Potensi Benturan Kepentingan",
  );
  await expectBiroRegister(page);

  await page.getByTestId("language-switch").click();
  await page.waitForURL("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("thead th").nth(4)).toHaveText("Root Cause");
  await expectBiroRegister(page);
});

test("the server-rendered pages, before any script runs, pass axe", async ({ browser }) => {
  // axe needs JavaScript to run; the app's own scripts and WASM are kept
  // away instead, so what is checked is exactly the server's HTML.
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await page.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  for (const path of ["/", "/tidak-ada"]) {
    await page.goto(path);
    await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
    await expectAccessible(page);
  }
  await context.close();
});

test("without JavaScript the filter form reloads the page filtered by the server", async ({ page }) => {
  await page.goto("/?q=tamu");
  await expect(page.locator("table.official-table tbody tr[data-row-id]")).toHaveCount(1);
  await expect(page.getByTestId("filter-count")).toHaveText("1 dari 13 risiko");
  await page.getByRole("searchbox", { name: "Cari" }).fill("publikasi");
  await page.getByRole("checkbox", { name: "Bagian Materi & Komunikasi Pimpinan" }).check();
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/\?q=publikasi&bagian=\d+(&[a-z]+=)*$/);
  const rows = page.locator("table.official-table tbody tr[data-row-id]");
  await expect(rows.first()).toBeVisible();
  await expect(page.locator("table.official-table mark").first()).toBeVisible();
  await expect(page.locator("td.cell-no:visible")).toHaveText(["3"]);
});

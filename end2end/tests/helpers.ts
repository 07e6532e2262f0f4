import { expect, Page } from "@playwright/test";

/** Fails the test on any uncaught page error (a broken WASM shows up here). */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

export async function waitForHydration(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
}

/** The shape of the Biro's register: 3 Bagian spanning 4, 4 and 5 rows. */
export async function expectBiroRegister(page: Page) {
  const table = page.locator("table.official-table");
  await expect(table.locator("tbody tr")).toHaveCount(13);
  const numbers = table.locator("td.cell-no");
  await expect(numbers).toHaveText(["1", "2", "3"]);
  for (const [index, span] of [4, 4, 5].entries()) {
    await expect(numbers.nth(index)).toHaveAttribute("rowspan", String(span));
  }
  await expect(table.locator("th.cell-bagian")).toHaveText([
    "Bagian Perencanaan & Kepegawain",
    "Bagian Protokol",
    "Bagian Materi & Komunikasi Pimpinan",
  ]);
  await expect(table.locator("em", { hasText: "assessment" })).toHaveCount(1);
  await expect(table).toContainText("Pengumpulan data antar-Biro masih dilakukan secara manual");
  await expect(table).toContainText("batas waktu pasokan data dari OPD.");
}

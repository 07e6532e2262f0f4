import { APIRequestContext, expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

/** How many rows contain `word` (in a cell or the Bagian's name), computed here from the register's data. */
async function rowsWith(request: APIRequestContext, word: string, bagian?: string[]): Promise<number> {
  const register = await (await request.get("/api/get_register")).json();
  let count = 0;
  for (const section of register.sections) {
    if (bagian && !bagian.includes(section.name)) continue;
    for (const row of section.rows) {
      const text = [section.name, row.aktivitas, row.potensi, row.penyebab, row.dampak, row.rencana]
        .join("\n")
        .replace(/<\/?i>/g, "")
        .toLowerCase();
      if (text.includes(word)) count += 1;
    }
  }
  return count;
}

test("typing filters the rows at once, the address follows, Back and Forward restore the filter", async ({ page, request }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const rows = page.locator("table.official-table tbody tr[data-row-id]");
  const search = page.getByRole("searchbox", { name: "Cari" });
  const count = page.getByTestId("filter-count");
  await expect(count).toHaveText("13 risiko");

  await search.pressSequentially("TAMU");
  await expect(rows).toHaveCount(1);
  await expect(page).toHaveURL(/\/\?q=TAMU$/);
  await expect(count).toHaveText("1 dari 13 risiko");
  await expect(rows.first().locator("mark")).toHaveText(["tamu"]);
  // The filtered Bagian's spanning cells follow its one row.
  await expect(page.locator("td.cell-no:visible")).toHaveText(["2"]);
  await expect(page.locator("td.cell-no:visible")).toHaveAttribute("rowspan", "1");

  // After a pause, a new search is a new entry in the history.
  await page.waitForTimeout(1_300);
  const publikasi = await rowsWith(request, "publikasi");
  expect(publikasi).toBeGreaterThan(1);
  await search.fill("");
  await search.pressSequentially("publikasi");
  await expect(rows).toHaveCount(publikasi);
  await expect(page).toHaveURL(/\?q=publikasi$/);
  await expect(count).toHaveText(`${publikasi} dari 13 risiko`);
  await page.screenshot({ path: "screenshots/filter-search.png" });
  await expectAccessible(page);

  await page.goBack();
  await expect(page).toHaveURL(/\?q=TAMU$/);
  await expect(search).toHaveValue("TAMU");
  await expect(rows).toHaveCount(1);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(search).toHaveValue("");
  await expect(rows).toHaveCount(13);
  await page.goForward();
  await expect(rows).toHaveCount(1);
  await expect(search).toHaveValue("TAMU");

  // Cleared in the middle of typing (before the router has caught up with
  // the address): all rows again.
  await search.fill("");
  await page.waitForTimeout(1_300);
  await search.pressSequentially("acara");
  await page.getByRole("link", { name: "Hapus saringan" }).click();
  await expect(rows).toHaveCount(13);
  await expect(search).toHaveValue("");
  await expect(page).toHaveURL(/\/$/);
  expect(errors).toEqual([]);
});

test("Bagian are chosen several at once, combine with the search, and the filter is cleared", async ({ page, request }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const rows = page.locator("table.official-table tbody tr[data-row-id]");
  await page.getByRole("checkbox", { name: "Bagian Protokol" }).check();
  await expect(rows).toHaveCount(4);
  await expect(page).toHaveURL(/\?bagian=\d+$/);
  await page.getByRole("checkbox", { name: "Bagian Materi & Komunikasi Pimpinan" }).check();
  await expect(rows).toHaveCount(9);
  await expect(page).toHaveURL(/\?bagian=\d+&bagian=\d+$/);
  await expect(page.locator("td.cell-no:visible")).toHaveText(["2", "3"]);

  await page.getByRole("searchbox", { name: "Cari" }).pressSequentially("pimpinan");
  const expected = await rowsWith(request, "pimpinan", ["Bagian Protokol", "Bagian Materi & Komunikasi Pimpinan"]);
  await expect(rows).toHaveCount(expected);
  await expect(page.getByTestId("filter-count")).toHaveText(`${expected} dari 13 risiko`);

  // A link with the filter opens the same view.
  const address = page.url();
  await page.goto(address);
  await waitForHydration(page);
  await expect(rows).toHaveCount(expected);
  await expect(page.getByRole("checkbox", { name: "Bagian Protokol" })).toBeChecked();
  await expect(page.getByRole("searchbox", { name: "Cari" })).toHaveValue("pimpinan");

  await page.getByRole("searchbox", { name: "Cari" }).fill("zzz tidak ada");
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId("no-match")).toBeVisible();
  await page.getByRole("link", { name: "Hapus saringan" }).click();
  await expect(rows).toHaveCount(13);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("checkbox", { name: "Bagian Protokol" })).not.toBeChecked();
  expect(errors).toEqual([]);
});

test("on a phone the filter stacks above the table", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/?q=kepegawain");
  await waitForHydration(page);
  await expect(page.locator("table.official-table mark").first()).toBeVisible();
  await page.screenshot({ path: "screenshots/filter-phone.png" });
  await expectAccessible(page);
});

import { expect, Page, test } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

// A row no other journey reads: the second Bagian's last, its Dampak.
const dampak = (page: Page) => page.locator('tr[data-code="BK-008"] td.cell-text').nth(3);

async function choose(page: Page, file: string) {
  const input = page.getByTestId("workbook-import").locator('input[type="file"]');
  await input.setInputFiles([]);
  await input.setInputFiles(file);
}

test("a downloaded workbook comes back: nothing to change, then a colleague's edit is a conflict the user decides", async ({ page, browser }) => {
  // The file that is no workbook is refused with 422: expected at the end.
  const errors = watchForErrors(page, { path: "/api/import_workbook", status: 422 });
  await page.goto("/");
  await waitForHydration(page);
  const original = (await dampak(page).textContent())!.trim();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Unduh XLSX" }).click();
  const file = path.join(os.tmpdir(), `benturan-upload-${process.pid}.xlsx`);
  await (await download).saveAs(file);

  // The same file back: the preview says nothing changes, and nothing can be applied.
  await page.getByText("Unggah XLSX").click();
  await choose(page, file);
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("Berkas sama dengan register: tidak ada yang berubah.");
  await expect(preview.getByRole("button", { name: "Terapkan" })).toBeDisabled();
  await expectAccessible(page);

  // A colleague's edit after the download (here, in this very page).
  await dampak(page).getByRole("button").click();
  const editor = dampak(page).getByRole("textbox");
  await editor.fill("Diubah di aplikasi setelah unduhan");
  await editor.press("Control+Enter");
  await expect(dampak(page).locator(".cell-status")).toHaveText("Tersimpan");

  // Another reader has the register open.
  const other = await browser.newPage();
  await other.goto("/");
  await waitForHydration(other);
  await expect(dampak(other)).toContainText("Diubah di aplikasi setelah unduhan");

  await choose(page, file);
  const conflicts = page.getByTestId("import-conflicts");
  const row = conflicts.locator('li[data-code="BK-008"]');
  await expect(row).toContainText("Di aplikasi sekarang");
  await expect(row.locator(".import-old")).toContainText("Diubah di aplikasi setelah unduhan");
  await expect(row.locator(".import-new")).toContainText(original);
  const take = row.getByRole("checkbox", { name: "Ambil versi berkas" });
  await expect(take).not.toBeChecked();
  await take.check();
  await page.screenshot({ path: "screenshots/upload-desktop.png", fullPage: true });
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId("workbook-import").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "screenshots/upload-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1366, height: 900 });

  await preview.getByRole("button", { name: "Terapkan" }).click();
  await expect(page.getByTestId("import-notice")).toHaveText("Impor diterapkan: 1 baris berubah.");
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  await expect(dampak(page)).toContainText(original);
  await expect(dampak(page)).not.toContainText("Diubah di aplikasi");
  // Every open page hears of it.
  await expect(dampak(other)).toContainText(original);
  await expect(dampak(other)).not.toContainText("Diubah di aplikasi");

  // A file that is no workbook: refused by name, nothing changed.
  await choose(page, path.join(__dirname, "upload.spec.ts"));
  await expect(page.getByTestId("import-error")).toContainText("bukan buku kerja Excel");
  await expect(dampak(page)).toContainText(original);
  await other.close();
  expect(errors).toEqual([]);
});

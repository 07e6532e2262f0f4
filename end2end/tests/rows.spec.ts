import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

test("a row is added below another, deleted, brought back by undo, and deleted again", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const rows = page.locator("table.official-table tbody tr[data-row-id]");
  await expect(rows).toHaveCount(13);

  await page.getByRole("button", { name: "Tambah baris di bawah BK-001" }).click();
  const draft = page.locator("tr.new-row");
  await expect(draft.getByRole("textbox")).toHaveCount(5);
  // The new row sits inside its Bagian: the spanning cells cover it.
  await expect(page.locator("td.cell-no").first()).toHaveAttribute("rowspan", "5");
  await draft.getByRole("button", { name: "Simpan" }).click();
  await expect(draft.getByRole("alert")).toContainText("Aktivitas / Tahapan Kegiatan wajib diisi.");
  const texts = ["Mutasi Pegawai", "Titipan mutasi", "Kedekatan pribadi", "Mutasi tidak objektif", "Menyusun SOP mutasi."];
  for (const [index, text] of texts.entries()) await draft.getByRole("textbox").nth(index).fill(text);
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/rows-adding.png" });
  await draft.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Baris BK-014 ditambahkan." })).toBeVisible();
  await expect(rows).toHaveCount(14);
  await expect(rows.nth(1)).toHaveAttribute("data-code", "BK-014");
  await expect(rows.nth(1)).toContainText("Mutasi Pegawai");
  await expect(page.locator("td.cell-no").first()).toHaveAttribute("rowspan", "5");

  await page.reload();
  await waitForHydration(page);
  await expect(rows).toHaveCount(14);

  await page.getByRole("button", { name: "Hapus baris BK-014" }).click();
  await expect(page.getByText("Baris BK-014 dihapus.")).toBeVisible();
  await expect(rows).toHaveCount(13);
  await page.screenshot({ path: "screenshots/rows-deleted.png" });
  await page.getByRole("button", { name: "Urungkan" }).click();
  await expect(rows).toHaveCount(14);
  await expect(rows.nth(1)).toHaveAttribute("data-code", "BK-014");

  // Up and back down: the order follows at once.
  await page.getByRole("button", { name: "Naikkan baris BK-014" }).click();
  await expect(rows.nth(0)).toHaveAttribute("data-code", "BK-014");
  await page.getByRole("button", { name: "Turunkan baris BK-014" }).click();
  await expect(rows.nth(1)).toHaveAttribute("data-code", "BK-014");

  await page.getByRole("button", { name: "Hapus baris BK-014" }).click();
  await expect(rows).toHaveCount(13);
  await page.reload();
  await waitForHydration(page);
  await expect(rows).toHaveCount(13);
  expect(errors).toEqual([]);
});

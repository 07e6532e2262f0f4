import { Browser, expect, Page, test } from "@playwright/test";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

// Rows the other journeys do not read: the last Bagian's last two rows.
const ROW_EDIT = 11; // BK-012 "Pelaksanaan Informasi", 0-based among the 13 rows
const ROW_CONFLICT = 12; // BK-013

function cell(page: Page, row: number, column: number) {
  return page.locator("table.official-table tbody tr").nth(row).locator("td.cell-text").nth(column);
}

async function openRegister(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The refused save answers 409: that is the conflict, expected here.
  const errors = watchForErrors(page, { path: "/api/save_cell", status: 409 });
  await page.goto("/");
  await waitForHydration(page);
  return { context, page, errors };
}

test("a cell is edited in place, saved, and still there after a reload; Escape cancels", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const target = cell(page, ROW_EDIT, 0);

  await target.getByRole("button").click();
  const editor = target.getByRole("textbox");
  await expect(editor).toBeFocused();
  await editor.fill("Pelaksanaan Informasi Daring");
  await editor.press("Escape");
  await expect(target).toContainText("Pelaksanaan Informasi");
  await expect(target).not.toContainText("Daring");

  // Keyboard only: focus, Enter, type, Ctrl+I marks italics, Ctrl+Enter saves.
  await target.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(editor).toBeFocused();
  await editor.fill("Pelaksanaan Informasi ");
  await editor.press("End");
  await editor.press("Control+i");
  await page.keyboard.type("online");
  await page.screenshot({ path: "screenshots/editing-desktop.png" });
  await expectAccessible(page);
  await editor.press("Control+Enter");
  await expect(target.locator(".cell-status")).toHaveText("Tersimpan");
  await expect(page.getByTestId("announcer")).toHaveText("Aktivitas / Tahapan Kegiatan: Tersimpan");
  await expect(target.locator("em")).toHaveText("online");

  await page.reload();
  await waitForHydration(page);
  await expect(cell(page, ROW_EDIT, 0)).toContainText("Pelaksanaan Informasi online");
  await expect(cell(page, ROW_EDIT, 0).locator("em")).toHaveText("online");
  expect(errors).toEqual([]);
});

test("a bad value is refused with the field named, and the typed text stays", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const target = cell(page, ROW_EDIT, 1);
  await target.getByRole("button").click();
  const editor = target.getByRole("textbox");
  await editor.fill("x".repeat(4001));
  await editor.press("Control+Enter");
  await expect(target.locator(".cell-status")).toHaveText(
    "Potensi Benturan Kepentingan / Risiko terlalu panjang: paling banyak 4.000 karakter.",
  );
  await expect(editor).toHaveValue("x".repeat(4001));
  await editor.press("Escape");
  expect(errors).toEqual([]);
});

test("two people save one cell: the second sees both texts and chooses, nothing is lost", async ({ browser }) => {
  const ani = await openRegister(browser);
  const budi = await openRegister(browser);
  const aniCell = cell(ani.page, ROW_CONFLICT, 2);
  const budiCell = cell(budi.page, ROW_CONFLICT, 2);

  await aniCell.getByRole("button").click();
  await budiCell.getByRole("button").click();
  await aniCell.getByRole("textbox").fill("Reviu belum berjenjang (Ani)");
  await budiCell.getByRole("textbox").fill("Reviu belum berjenjang (Budi)");
  await aniCell.getByRole("textbox").press("Control+Enter");
  await expect(aniCell.locator(".cell-status")).toHaveText("Tersimpan");
  await budiCell.getByRole("textbox").press("Control+Enter");

  const conflict = budiCell.getByRole("alert");
  await expect(conflict).toContainText("Reviu belum berjenjang (Ani)");
  await expect(conflict).toContainText("Reviu belum berjenjang (Budi)");
  await budi.page.screenshot({ path: "screenshots/editing-conflict.png" });
  await conflict.getByRole("button", { name: "Pakai teks saya" }).click();
  await expect(budiCell.locator(".cell-status")).toHaveText("Tersimpan");

  // Two people, two different cells of one row: both are kept.
  await cell(ani.page, ROW_CONFLICT, 3).getByRole("button").click();
  await cell(ani.page, ROW_CONFLICT, 3).getByRole("textbox").fill("Dampak (Ani)");
  await cell(budi.page, ROW_CONFLICT, 4).getByRole("button").click();
  await cell(budi.page, ROW_CONFLICT, 4).getByRole("textbox").fill("Rencana (Budi)");
  await cell(ani.page, ROW_CONFLICT, 3).getByRole("textbox").press("Control+Enter");
  await cell(budi.page, ROW_CONFLICT, 4).getByRole("textbox").press("Control+Enter");
  await expect(cell(ani.page, ROW_CONFLICT, 3).locator(".cell-status")).toHaveText("Tersimpan");
  await expect(cell(budi.page, ROW_CONFLICT, 4).locator(".cell-status")).toHaveText("Tersimpan");

  await ani.page.reload();
  await waitForHydration(ani.page);
  await expect(cell(ani.page, ROW_CONFLICT, 2)).toContainText("Reviu belum berjenjang (Budi)");
  await expect(cell(ani.page, ROW_CONFLICT, 3)).toContainText("Dampak (Ani)");
  await expect(cell(ani.page, ROW_CONFLICT, 4)).toContainText("Rencana (Budi)");
  expect([...ani.errors, ...budi.errors]).toEqual([]);
  await ani.context.close();
  await budi.context.close();
});

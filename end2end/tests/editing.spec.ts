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

test("keyboard only: the table is one tab stop, arrows move, Enter edits, Ctrl+Enter saves, Tab leaves", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const stop = page.locator('table[role="grid"] [data-grid-item][tabindex="0"]');
  await expect(stop).toHaveCount(1);
  const view = (row: number, column: number) => cell(page, row, column).locator(".cell-view");
  await expect(stop).toHaveText(await view(0, 0).innerText());
  await stop.focus();
  await expect(view(0, 0)).toBeFocused();

  await page.keyboard.press("ArrowRight");
  await expect(view(0, 1)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(view(1, 1)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(view(1, 0)).toBeFocused();
  // The row's last tool: its review notes (an admin may write them).
  await page.keyboard.press("End");
  await expect(page.getByRole("button", { name: /^Catatan reviu baris BK-002/ })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(view(1, 0)).toBeFocused();
  await page.keyboard.press("PageDown");
  await expect(view(11, 0)).toBeFocused();
  await page.keyboard.press("Control+End");
  await expect(page.getByRole("button", { name: /^Catatan reviu baris BK-013/ })).toBeFocused();
  await page.keyboard.press("Control+Home");
  await expect(view(0, 0)).toBeFocused();
  await expect(stop).toHaveCount(1);

  // To BK-011's Dampak Negatif, edit, save, and the focus stays there.
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(view(10, 3)).toBeFocused();
  const before = (await view(10, 3).innerText()).trim();
  await page.keyboard.press("F2");
  const editor = cell(page, 10, 3).getByRole("textbox");
  await expect(editor).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type(" (dicek)");
  await page.keyboard.press("Control+Enter");
  await expect(cell(page, 10, 3).locator(".cell-status")).toHaveText("Tersimpan");
  await expect(view(10, 3)).toBeFocused();
  await expect(view(10, 3)).toHaveText(`${before} (dicek)`);

  // Tab leaves the grid; Shift+Tab comes back to the same cell.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-grid-item"))).toBe(false);
  await page.keyboard.press("Shift+Tab");
  await expect(view(10, 3)).toBeFocused();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

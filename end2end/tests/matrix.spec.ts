import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

// Changes the matrix every page rates by: runs with the row journeys, after
// those that read levels.
test("an admin moves a level of the risk matrix; a disordered matrix is refused", async ({ page }) => {
  const errors = watchForErrors(page, { path: "/api/set_risk_matrix", status: 422 });
  await page.goto("/admin");
  await waitForHydration(page);
  const matrix = page.getByTestId("matrix-table");
  await expect(matrix.locator("select")).toHaveCount(25);
  await expect(page.locator("#matrix-24")).toHaveValue("sangat-tinggi");
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/admin-matrix.png", fullPage: true });

  // 12 high while 13 stays medium: a level would fall as the score rises.
  await page.locator("#matrix-12").selectOption("tinggi");
  await page.getByTestId("matrix-save").click();
  await expect(page.getByTestId("matrix-message")).toContainText("tidak boleh turun");
  await page.locator("#matrix-12").selectOption("sedang");

  // 15 high (medium 11–14, high 15–19): saved, every open register re-levelled.
  await page.locator("#matrix-15").selectOption("tinggi");
  await page.getByTestId("matrix-save").click();
  await expect(page.getByTestId("matrix-message")).toContainText("Matriks disimpan");
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator("#matrix-15")).toHaveValue("tinggi");
  // And back as BPKP has it.
  await page.locator("#matrix-15").selectOption("sedang");
  await page.getByTestId("matrix-save").click();
  await expect(page.getByTestId("matrix-message")).toContainText("Matriks disimpan");
  expect(errors).toEqual([]);
});

test("an admin adds, renames and retires a source of conflict; the register offers what is active", async ({ page }) => {
  const errors = watchForErrors(page, { path: "/api/add_conflict_source", status: 422 });
  await page.goto("/admin");
  await waitForHydration(page);
  const list = page.getByTestId("source-list");
  await expect(list.locator("li")).toHaveCount(6);
  await page.locator("#source-new").fill("Rangkap jabatan");
  await page.getByRole("button", { name: "Tambah sumber" }).click();
  await expect(page.getByTestId("source-message")).toHaveText("Sumber “Rangkap jabatan” disimpan.");
  await expect(list.locator("li")).toHaveCount(7);
  // The same name again, in other letters: refused by name.
  await page.locator("#source-new").fill("RANGKAP JABATAN");
  await page.getByRole("button", { name: "Tambah sumber" }).click();
  await expect(page.getByTestId("source-message")).toContainText("sudah ada");
  await expect(list.locator("li")).toHaveCount(7);

  const added = list.locator("li").last();
  // The list as read after the refusal, before its name is edited.
  await expect(added.locator("input")).toHaveValue("Rangkap jabatan");
  await page.waitForLoadState("networkidle");
  await added.locator("input").fill("Rangkap jabatan ASN");
  await added.getByRole("button", { name: "Simpan nama" }).click();
  await expect(page.getByTestId("source-message")).toHaveText("Sumber “Rangkap jabatan ASN” disimpan.");
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/admin-sources.png", fullPage: true });

  // Offered on the register while active, not once retired.
  const source = page.locator("[id$='-conflict_source_id']").first();
  await page.goto("/?penilaian=1");
  await waitForHydration(page);
  await expect(source.locator("option", { hasText: "Rangkap jabatan ASN" })).toHaveCount(1);
  await page.goto("/admin");
  await waitForHydration(page);
  await list.locator("li").last().getByRole("button", { name: "Tidak dipakai lagi" }).click();
  await expect(list.locator("li").last()).toContainText("tidak dipakai lagi");
  await page.goto("/?penilaian=1");
  await waitForHydration(page);
  await expect(source.locator("option", { hasText: "Rangkap jabatan ASN" })).toHaveCount(0);
  expect(errors).toEqual([]);
});

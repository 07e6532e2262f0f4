import { Browser, expect, test } from "@playwright/test";
import { PASSWORD, stateOf } from "./accounts";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

/** A browser of its own, signed in as `name`, on the register. */
async function signedIn(browser: Browser, name: string, expected?: { path: string; status: number }) {
  const context = await browser.newContext({ storageState: stateOf(name) });
  const page = await context.newPage();
  const errors = watchForErrors(page, expected);
  await page.goto("/");
  await waitForHydration(page);
  return { context, page, errors };
}

test.describe("signing in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a stranger signs in, lands where they were going, and signs out", async ({ page }) => {
    const errors = watchForErrors(page);
    await page.goto("/?q=tamu");
    await expect(page).toHaveURL(/\/login\?next=%2F%3Fq%3Dtamu$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Masuk");
    await expect(page.getByRole("status")).toHaveText("Masuk dulu untuk membuka halaman itu.");
    await waitForHydration(page);
    await expectAccessible(page);
    await page.screenshot({ path: "screenshots/login-desktop.png", fullPage: true });

    await page.getByLabel("Nama pengguna").fill("tamu.baca");
    await page.getByLabel("Kata sandi").fill("bukan kata sandinya");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByRole("alert")).toHaveText("Nama pengguna atau kata sandi salah.");
    await expectAccessible(page);

    await page.getByLabel("Nama pengguna").fill("tamu.baca");
    await page.getByLabel("Kata sandi").fill(PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page).toHaveURL(/\/\?q=tamu$/);
    await expect(page.getByTestId("user-name")).toHaveText("tamu.baca");
    await expect(page.locator(".user-role")).toHaveText("Pembaca");
    await expect(page.locator("table.official-table tbody tr")).toHaveCount(1);

    await waitForHydration(page);
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/login\?keluar=1$/);
    await expect(page.getByRole("status")).toHaveText("Anda telah keluar.");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    expect(errors).toEqual([]);
  });

  test("the sign-in page at phone width", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/login?galat=locked&menit=15");
    await expect(page.getByRole("alert")).toContainText("Coba lagi dalam 15 menit");
    await expectAccessible(page);
    await page.screenshot({ path: "screenshots/login-phone.png", fullPage: true });
  });
});

test("an editor changes only their Bagian; a crafted call for another's row is refused", async ({ browser }) => {
  const { context, page, errors } = await signedIn(browser, "editor.protokol");
  await expect(page.locator(".user-role")).toHaveText("Penyunting");
  const table = page.locator("table.official-table");
  // Their Bagian's cells open for editing; the others' are plain text.
  const protokol = table.locator('tbody[data-bagian]').nth(1);
  const perencanaan = table.locator('tbody[data-bagian]').nth(0);
  await expect(protokol.locator('[data-grid-item][role="button"]').first()).toBeVisible();
  await expect(perencanaan.locator('[role="button"]')).toHaveCount(0);
  await expect(protokol.locator(".cell-actions .row-action").first()).toBeVisible();
  await expect(perencanaan.locator(".cell-actions .row-action")).toHaveCount(0);
  await expect(perencanaan.locator(".row-move-to")).toHaveCount(0);
  // Every row's history is theirs to read.
  await expect(perencanaan.getByRole("button", { name: /^Riwayat baris/ }).first()).toBeVisible();
  // No Bagian tools for an editor.
  await expect(page.getByRole("button", { name: /Tambah Bagian/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/register-editor.png", fullPage: true });

  // The same call the page would make, for a row of another Bagian.
  const register = await (await page.request.get("/api/get_register")).json();
  const row = register.sections[0].rows[0];
  const response = await page.request.post("/api/save_cell", {
    form: { row: String(row.id), field: "Penyebab", expected: row.penyebab, value: "Diubah diam-diam" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toBe("Forbidden");
  const after = await (await page.request.get("/api/get_register")).json();
  expect(after.sections[0].rows[0].penyebab).toBe(row.penyebab);
  expect(errors).toEqual([]);
  await context.close();
});

test("a viewer reads the register without any editing control", async ({ browser }) => {
  const { context, page, errors } = await signedIn(browser, "pimpinan");
  const table = page.locator("table.official-table");
  await expect(table.locator("tbody tr[data-row-id]")).toHaveCount(13);
  // No cell opens, no row tool; each row's history can be read.
  await expect(table.locator('[role="button"]')).toHaveCount(0);
  await expect(table.locator(".row-action, .row-move-to")).toHaveCount(0);
  await expect(table.locator("textarea")).toHaveCount(0);
  await expect(page.getByText("Baris terhapus")).toHaveCount(0);
  await table.getByRole("button", { name: /^Riwayat baris/ }).first().click();
  await expect(table.locator(".history-row h3")).toContainText("Riwayat baris");
  await table.locator(".history-close").click();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "screenshots/register-viewer-phone.png", fullPage: true });
  expect(errors).toEqual([]);
  await context.close();
});

test("an editor's save shows in a colleague's open page at once, in place", async ({ browser }) => {
  const editor = await signedIn(browser, "editor.protokol");
  const reader = await signedIn(browser, "pimpinan");
  await reader.page.evaluate(() => ((window as any).__stillHere = true));
  const text = `Diubah langsung ${Date.now()}`;
  const row = editor.page.locator("tbody[data-bagian]").nth(1).locator("tr[data-row-id]").first();
  const id = await row.getAttribute("data-row-id");
  // Penyebab Utama, the third text cell.
  await row.locator(".cell-view").nth(2).click();
  await editor.page.locator(".cell-editor textarea").fill(text);
  const saved = Date.now();
  await editor.page.keyboard.press("Control+Enter");
  const seen = reader.page.locator(`tr[data-row-id="${id}"] td.cell-text`).nth(2);
  await expect(seen).toHaveText(text, { timeout: 5_000 });
  const latency = Date.now() - saved;
  console.log(`live: the reader saw the save ${latency} ms after it was sent`);
  // In place: no reload, and the row's version followed.
  expect(await reader.page.evaluate(() => (window as any).__stillHere)).toBe(true);
  const version = await editor.page.locator(`tr[data-row-id="${id}"]`).getAttribute("data-version");
  await expect(reader.page.locator(`tr[data-row-id="${id}"]`)).toHaveAttribute("data-version", version!);
  expect(editor.errors).toEqual([]);
  expect(reader.errors).toEqual([]);
  await editor.context.close();
  await reader.context.close();
});

test("an admin adds a user, who signs in with the password shown once", async ({ browser, page }) => {
  // The second add is refused on purpose: 422.
  const errors = watchForErrors(page, { path: "/api/admin_add_account", status: 422 });
  await page.goto("/");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Pengguna" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pengguna dan peran");
  await waitForHydration(page);
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/admin-desktop.png", fullPage: true });

  const name = `baru.${Date.now() % 100000}`;
  await page.getByLabel("Nama pengguna").fill(name);
  await page.locator("#new-role").selectOption("editor");
  await page.getByRole("checkbox", { name: "Bagian Protokol" }).first().check();
  await page.getByRole("button", { name: "Tambah pengguna" }).click();
  const shown = page.getByTestId("new-password");
  await expect(shown).toContainText(name);
  const password = (await shown.locator("code").innerText()).trim();
  expect(password).toHaveLength(20);
  await expect(page.locator(`tr[data-user="${name}"]`)).toBeVisible();
  await expect(page.locator('tr[data-kind="user_added"]').first()).toContainText("Pengguna ditambahkan");

  // Refused, and said why.
  await page.getByLabel("Nama pengguna").fill(name);
  await page.getByRole("button", { name: "Tambah pengguna" }).click();
  await expect(page.getByRole("alert")).toHaveText("Nama pengguna itu sudah dipakai; pilih nama lain.");

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await other.goto("/login");
  await other.getByLabel("Nama pengguna").fill(name);
  await other.getByLabel("Kata sandi").fill(password);
  await other.getByRole("button", { name: "Masuk" }).click();
  await expect(other.getByTestId("user-name")).toHaveText(name);
  await expect(other.locator(".user-role")).toHaveText("Penyunting");
  await context.close();

  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/admin-phone.png", fullPage: true });
  expect(errors).toEqual([]);
});

test("the admin page is an admin's alone", async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateOf("pimpinan") });
  const page = await context.newPage();
  const errors = watchForErrors(page, { path: "/admin", status: 403 });
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Akses tidak diizinkan");
  await expect(page.getByRole("link", { name: "Pengguna" })).toHaveCount(0);
  await expectAccessible(page);
  expect(errors.filter((error) => !error.includes("403"))).toEqual([]);
  await context.close();
});

test("a reviewer's note appears for the editor live, and the reviewer marks it resolved", async ({ browser }) => {
  // Its too long note is refused on purpose: 422.
  const reviewer = await signedIn(browser, "peninjau", { path: "/api/add_note", status: 422 });
  const editor = await signedIn(browser, "editor.protokol");
  await editor.page.evaluate(() => ((window as any).__stillHere = true));
  const row = reviewer.page.locator("tbody[data-bagian]").nth(1).locator("tr[data-row-id]").nth(1);
  const id = await row.getAttribute("data-row-id");
  const code = await row.getAttribute("data-code");
  // A reviewer edits nothing: no cell opens, no row tool.
  await expect(reviewer.page.locator('.official-table [role="button"]')).toHaveCount(0);
  await expect(reviewer.page.locator(".official-table .row-action")).toHaveCount(0);

  await row.getByRole("button", { name: `Catatan reviu baris ${code}` }).click();
  const panel = reviewer.page.locator(`tr[data-panel="notes"][data-panel-of="${id}"]`);
  await expect(panel.getByRole("heading")).toHaveText(`Catatan reviu baris ${code}`);
  await expect(panel).toContainText("Belum ada catatan reviu pada baris ini.");
  // Refused as the rules say, in the user's language; nothing is lost.
  await panel.getByLabel("Catatan reviu baru").fill("x".repeat(2001));
  await panel.getByRole("button", { name: "Kirim catatan" }).click();
  await expect(panel.getByRole("alert")).toHaveText("Catatan reviu terlalu panjang: paling banyak 2.000 karakter.");
  const text = `Lampirkan SK penunjukan panitia <b>${Date.now()}</b>`;
  await panel.getByLabel("Catatan reviu baru").fill(text);
  await panel.getByRole("button", { name: "Kirim catatan" }).click();
  await expect(panel.locator(".note-body")).toHaveText(text);
  await expect(panel.locator(".note-badge")).toHaveText("Terbuka");
  await expectAccessible(reviewer.page);
  await reviewer.page.screenshot({ path: "screenshots/notes-reviewer.png", fullPage: true });

  // The editor's page counts it, without a reload, and shows it.
  const mine = editor.page.locator(`tr[data-row-id="${id}"]`);
  const button = mine.getByRole("button", { name: `Catatan reviu baris ${code} (1 catatan terbuka)` });
  await expect(button).toBeVisible({ timeout: 5_000 });
  await button.click();
  const shown = editor.page.locator(`tr[data-panel="notes"][data-panel-of="${id}"]`);
  await expect(shown.locator(".note-body")).toHaveText(text);
  await expect(shown.locator("strong")).toHaveText("peninjau");
  // An editor writes no notes.
  await expect(shown.getByLabel("Catatan reviu baru")).toHaveCount(0);
  await expectAccessible(editor.page);

  // Resolved by the reviewer: the editor's open panel follows.
  await panel.getByRole("button", { name: "Tandai selesai" }).click();
  await expect(shown.locator(".note-badge")).toContainText("Selesai · peninjau", { timeout: 5_000 });
  await expect(mine.locator(".notes-count")).toHaveCount(0);
  expect(await editor.page.evaluate(() => (window as any).__stillHere)).toBe(true);
  await editor.page.setViewportSize({ width: 390, height: 844 });
  await editor.page.screenshot({ path: "screenshots/notes-editor-phone.png", fullPage: true });
  expect(reviewer.errors).toEqual([]);
  expect(editor.errors).toEqual([]);
  await reviewer.context.close();
  await editor.context.close();
});

test("a row a colleague is editing shows who, until they close it", async ({ browser }) => {
  const editor = await signedIn(browser, "editor.perencanaan");
  const reader = await signedIn(browser, "pimpinan");
  const row = editor.page.locator("tbody[data-bagian]").nth(0).locator("tr[data-row-id]").nth(2);
  const id = await row.getAttribute("data-row-id");
  const seen = reader.page.locator(`tr[data-row-id="${id}"]`);
  await expect(seen.getByTestId("row-presence")).toHaveCount(0);
  await row.locator(".cell-view").nth(1).click();
  await expect(editor.page.locator(".cell-editor textarea")).toBeFocused();
  await expect(seen.getByTestId("row-presence")).toHaveText("Sedang disunting oleh editor.perencanaan", { timeout: 5_000 });
  await expect(seen).toHaveClass(/is-being-edited/);
  // Not on the editor's own page.
  await expect(row.getByTestId("row-presence")).toHaveCount(0);
  await expectAccessible(reader.page);
  await reader.page.screenshot({ path: "screenshots/presence-reader.png" });
  await editor.page.keyboard.press("Escape");
  await expect(seen.getByTestId("row-presence")).toHaveCount(0, { timeout: 5_000 });
  expect(editor.errors).toEqual([]);
  expect(reader.errors).toEqual([]);
  await editor.context.close();
  await reader.context.close();
});
